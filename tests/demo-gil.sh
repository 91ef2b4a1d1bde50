#!/bin/bash
# demo-gil.sh: the same work three ways, each timed; the threads holding one
# global lock never keep more than one core busy on average (CPU time / wall
# time), whatever W: that is the GIL's lesson, and it holds on a busy machine.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

line() { grep "^$1" <<<"$out"; }
busy() { sed -n "s/^$1 *[0-9.]* s, cores busy \([0-9.]*\)$/\1/p" <<<"$out"; }

out=$("$DEMOS/gil" -w 3 --work 0.3) || fail "gil exited $?"
grep -q '^workers: 3, 0.30 s of CPU work in all$' <<<"$out" || fail "no workers line: $out"
for what in 'locked threads:' 'free threads:' 'processes:'; do
	[ -n "$(busy "$what")" ] || fail "no '$what' line: $out"
done
b=$(busy 'locked threads:')
awk -v b="$b" 'BEGIN { exit !(b > 0 && b <= 1.2) }' ||
	fail "the locked threads kept $b cores busy: $out"

out=$("$DEMOS/gil" -m gil -w 4 --work 0.2) || fail "gil -m gil exited $?"
[ "$(grep -c 'cores busy' <<<"$out")" = 1 ] || fail "-m gil ran more than one way: $out"
b=$(busy 'locked threads:')
awk -v b="$b" 'BEGIN { exit !(b > 0 && b <= 1.2) }' || fail "-w 4: the locked threads kept $b cores busy"

out=$("$DEMOS/gil" -m processes -w 2 --work 0.1) || fail "gil -m processes exited $?"
line 'processes:' >/dev/null || fail "-m processes: no processes line: $out"
"$DEMOS/gil" -m bogus >/dev/null 2>&1
[ $? = 2 ] || fail "-m bogus accepted"
exit 0
