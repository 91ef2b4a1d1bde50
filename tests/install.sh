#!/bin/bash
# install.sh: make install DESTDIR=... puts turbotop, its man page and the demos
# where users and the installed turbotop expect them; the installed binary runs.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

: "${TOP_BUILDDIR:?run under make check}"
dest=$(mk_tmpdir)
${MAKE:-make} -s -C "$TOP_BUILDDIR" install DESTDIR="$dest" >"$dest.log" 2>&1 ||
	{ cat "$dest.log" >&2; rm -f "$dest.log"; fail "make install failed"; }
rm -f "$dest.log"

bin=$(find "$dest" -path '*/bin/turbotop' -type f | head -n 1)
[ -n "$bin" ] && [ -x "$bin" ] || fail "no bin/turbotop installed"
find "$dest" -path '*/man1/turbotop.1' -type f | grep -q . || fail "no man page installed"
libexec=$(find "$dest" -path '*/turbotop/waste' -type f | head -n 1)
[ -n "$libexec" ] || fail "demos not installed under \$(pkglibexecdir)"
demodir=$(dirname "$libexec")
for d in $("$TURBOTOP" --list | awk '{print $1}'); do
	[ -x "$demodir/$d" ] || fail "demo $d not installed in $demodir"
done

"$bin" --version | grep -q '^turbotop ' || fail "installed turbotop does not run"
# The installed demos run alone, as students will run them.
"$demodir/welcome" | grep -q 'welcome' || fail "installed welcome does not run"
exit 0
