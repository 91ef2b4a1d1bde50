#!/bin/bash
# trace-lastrun.sh: a demo whose workers live less than one refresh still
# shows them in the kept last run. `turbotop compute -n 100000` from the
# command line ends in a fraction of a second, its workers in a few ms -
# before any tick lists them; the exact timeline follows them from their
# fork, so the last run's legend names each worker (by the pid its output
# lines carry), not only "main".
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/trace-lib.sh"

need_exact
[ -x "$DEMOS/compute" ] || skip "the compute demo is not built"

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.5 --timeline=exact compute -n 100000"
kept() { tt_capture | grep -E '─ Core timeline' | grep -q 'last run: compute -n 100000'; }
wait_until 20 kept || fail "no kept last run in the timeline: $(tt_capture)"
tt_capture | grep -qE 'events? lost' && skip "events lost: the machine is too busy to conclude"

# The output pane labels each worker's lines with its pid: "  PID│ worker K: ...".
workers=$(tt_capture | grep -oE '[0-9]+│ worker [0-9]+:' | grep -oE '^[0-9]+' | sort -u)
[ "$(echo "$workers" | grep -c .)" -ge 2 ] || fail "no worker lines in the output: $(tt_capture)"
legend=$(tt_capture | grep -E '^ *legend:')
[ -n "$legend" ] || fail "no legend: $(tt_capture)"
for w in $workers; do
	echo "$legend" | grep -qE "[^0-9]$w( |\$)" ||
		fail "worker $w is not in the last run's legend: '$legend'"
done
note "legend: $legend"

tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
