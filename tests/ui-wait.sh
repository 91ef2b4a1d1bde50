#!/bin/bash
# ui-wait.sh: the lesson of 20 waste workers on a few cores: each worker
# waits most of the time. The process table has RUN% and WAIT% columns, and
# for most workers WAIT% is well above RUN% (bounds generous: the machine is
# shared, and the workers also block on their output).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"
ncpu=$(ui_ncpus)
[ "$ncpu" -le 5 ] || skip "$ncpu cores: 20 workers would not have to wait"

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.5 waste -w 20"
tt_wait_text "RUNNING" 20
pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
[ -n "$pgid" ] || fail "no pgid in the status bar"
cleanup_pid "$pgid"
tt_wait_text "RUN%" 10
tt_wait_text "WAIT%" 10

# "RUN WAIT" of the waste rows, from the columns' positions in the header.
run_wait() {
	tt_capture | cut -c1-60 | awk '
		/ PID / && /RUN%/ { for (i = 1; i <= NF; i++) { h = $i; gsub(/[^A-Z%+]/, "", h);
			if (h == "RUN%") r = i; if (h == "WAIT%") w = i } next }
		r && $NF == "waste" && $1 ~ /^[0-9]+$/ { print $r, $w }'
}
# Most workers (12 of the 20 rows shown at least) wait more than they run,
# and on average wait at least 25% of the interval.
waiting() {
	run_wait | awk '{ n++; if ($2 > $1) more++; sum += $2 }
		END { exit !(n >= 12 && more >= 0.75 * n && sum / n >= 25) }'
}
if ! wait_until 30 waiting; then
	tt_capture >&2
	run_wait >&2
	fail "the workers do not show waiting most of the time"
fi
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
