#!/bin/bash
# demo-options.sh: the options every demo shares. -h prints the usage and
# what to watch for in turbotop (exit 0); a bad option prints the usage on
# stderr only (exit 2); -w out of range, -w 100000 included, is refused
# before anything starts; demos without -w or -t refuse them.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)
ALL="welcome counting waste lock queue pipe compute pmap coremsg gil exchange"
WITH_W="waste lock queue compute pmap coremsg gil exchange"

# refused DEMO ARGS...: exit 2, a message and the usage on stderr, nothing on stdout.
refused() {
	local rc
	"$DEMOS/$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 2 ] || fail "'$*' exited $rc, not 2"
	[ ! -s "$tmp/out" ] || fail "'$*' wrote to stdout: $(cat "$tmp/out")"
	grep -q "^Usage: $1 " "$tmp/err" || grep -q "^$1: .*refused" "$tmp/err" ||
		fail "'$*': no usage or message on stderr: $(cat "$tmp/err")"
}

for d in $ALL; do
	[ -x "$DEMOS/$d" ] || fail "demo $d was not built"
	out=$("$DEMOS/$d" -h) || fail "$d -h exited $?"
	grep -q "^Usage: $d " <<<"$out" || fail "$d -h: no usage"
	grep -q '^In turbotop: ' <<<"$out" || fail "$d -h: does not say what to watch for"
	[ "$("$DEMOS/$d" --help)" = "$out" ] || fail "$d: --help differs from -h"
	refused "$d" --bogus
	refused "$d" -Z
done
for d in $WITH_W; do
	grep -q -- '--workers N' <<<"$("$DEMOS/$d" -h)" || fail "$d -h does not list -w"
	refused "$d" -w 100000
	grep -q 'refused' "$tmp/err" || fail "$d -w 100000: no clear message"
	refused "$d" -w 0
	refused "$d" --workers=-3
	refused "$d" -w 2x
	refused "$d" -w
done
for d in welcome counting pipe; do
	refused "$d" -w 2
done
for d in welcome counting lock pipe compute pmap coremsg gil exchange; do
	refused "$d" -t 5
done
refused waste -t -1
refused waste -t abc
refused counting -s 0
refused lock --work x
refused queue -m -5
# The cap follows RLIMIT_NPROC: half of it, here 50.
(ulimit -Su 100 && "$DEMOS/waste" -w 60 -t 0.1) >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] || fail "waste -w 60 under ulimit -u 100 was not refused"
grep -q 'from 1 to 50 here' "$tmp/err" || fail "ulimit -u 100: $(cat "$tmp/err")"
(ulimit -Su 100 && "$DEMOS/lock" -h) | grep -q 'at most 50 here' || fail "lock -h under ulimit -u 100"
# welcome's names are its workers: too many is refused too.
refused welcome $(seq 1 5000)
grep -q 'refused' "$tmp/err" || fail "welcome with 5000 names: no clear message"
exit 0
