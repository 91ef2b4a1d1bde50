#!/bin/bash
# cli-errors.sh: what turbotop says when the command line or stdout is wrong
# (issue 15). A write error on stdout (--help, --list, -V into /dev/full) is
# reported with exit 1, as coreutils do (v1: exit 0, silent); a missing
# argument is called one, in getopt's words (v1: "invalid option -- 'd'",
# "unrecognized option '--lines'"); -d is decimal only (v1 took 0x10 as 16 s).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

dir=$(mk_tmpdir)
[ -w /dev/full ] || skip "no /dev/full"

for a in --help -V --list; do
	"$TURBOTOP" "$a" > /dev/full 2> "$dir/err"
	rc=$?
	[ "$rc" = 1 ] || fail "turbotop $a >/dev/full exits $rc, not 1"
	grep -qx "turbotop: write error: No space left on device" "$dir/err" ||
		fail "turbotop $a >/dev/full says: $(cat "$dir/err")"
	"$TURBOTOP" "$a" > "$dir/out" 2> "$dir/err" || fail "turbotop $a fails"
	[ -s "$dir/out" ] && [ ! -s "$dir/err" ] || fail "turbotop $a: no output or a message"
done

# expect_msg MSG ARG...: turbotop ARG... exits 2 with "turbotop: MSG" first.
expect_msg() {
	local msg=$1 rc
	shift
	"$TURBOTOP" "$@" > "$dir/out" 2> "$dir/err"
	rc=$?
	[ "$rc" = 2 ] || fail "turbotop $* exits $rc, not 2"
	[ "$(head -1 "$dir/err")" = "turbotop: $msg" ] ||
		fail "turbotop $* says '$(head -1 "$dir/err")', not 'turbotop: $msg'"
	[ ! -s "$dir/out" ] || fail "turbotop $* wrote to stdout"
}
expect_msg "option requires an argument -- 'd'" -b -n 2 -d
expect_msg "option '--lines' requires an argument" --lines
expect_msg "invalid option -- 'q'" -b -q
expect_msg "unrecognized option '--nope'" --nope
for d in 0x10 1e1 +1 " 1" inf; do
	expect_msg "invalid delay '$d': give seconds from 0.05 to 3600, e.g. -d 0.5" -b -n 1 -d "$d"
done
exit 0
