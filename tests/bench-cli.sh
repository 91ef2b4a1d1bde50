#!/bin/bash
# bench-cli.sh: --bench refuses what it cannot run, with a message and exit
# status 2, before running anything: bad worker lists, demos without a worker
# count, a command without {w}, an unwritable --bench-out.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)
marker="$tmp/ran"

# refused WORDS ARGS...: turbotop ARGS exits 2 with WORDS on stderr and
# without having run the command (which would create $marker).
refused() {
	local words=$1 err rc
	shift
	err=$("$TURBOTOP" "$@" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" = 2 ] || fail "'$*' exited $rc, not 2 ($err)"
	grep -qF -- "$words" <<<"$err" || fail "'$*': message lacks '$words': $err"
	[ ! -e "$marker" ] || fail "'$*' ran the command"
}

cmd=(-- sh -c "touch $marker; exit 0 # {w}")
refused "start at 1" --bench=0 "${cmd[@]}"
refused "'x' is not a worker count" --bench=x "${cmd[@]}"
refused "range 4-2 goes down" --bench=4-2 "${cmd[@]}"
refused "give worker counts" --bench= "${cmd[@]}"
refused "missing" --bench=1,,2 "${cmd[@]}"
refused "up to 1024" --bench=99999999999 "${cmd[@]}"
refused "listed twice" --bench=1,2,2 "${cmd[@]}"
refused "has no {w}" --bench=1,2 -- sh -c "touch $marker"
refused "not found" --bench=1,2 -- no-such-program-here {w}
refused "needs a demo" --bench=1,2
refused "no worker count to vary" --bench=1,2 welcome
refused "fixed time" --bench=1,2 waste
refused "do not give '-w'" --bench=1,2 pmap -w 3
refused "cannot write" --bench=1,2 --bench-out="$tmp/no/such/dir/x.svg" "${cmd[@]}"
refused "invalid repeat count" --bench=1,2 --repeat=0 "${cmd[@]}"
exit 0
