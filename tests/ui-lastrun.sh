#!/bin/bash
# ui-lastrun.sh: a run that ends before a class can look (compute -n 100000 takes a
# fraction of a second) stays on the screen until the next one: the timeline
# and the history are labelled "last run: compute -n 100000, <duration>" and fitted to
# their panes, and the
# process table lists only that run's processes as last seen (state X), or
# says the demo has ended (the sentence wrapped in the pane, whole) - never
# other processes under its title; the same at 80x24.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

[ -x "$DEMOS/compute" ] || skip "the compute demo is not built"

# The process table's rows (left pane at 120 columns): "STATE COMMAND".
table_rows() {
	tt_capture | cut -c1-60 | grep -E '^ *[0-9]+ ' |
		awk '{ for (i = 2; i < NF; i++) if ($i ~ /^[A-Z]$/) { print $i, $NF; break } }'
}

check_kept() {
	local rows
	tt_capture | grep -qE 'last run: compute -n 100000, [0-9.]+ (ms|s)' ||
		fail "no 'last run: compute -n 100000, <duration>' label: $(tt_capture)"
	for pane in 'Core timeline' 'Processes' 'History'; do
		tt_capture | grep -E "─ $pane" | grep -q 'last run: compute' ||
			fail "the $pane pane is not labelled with the last run: $(tt_capture)"
	done
	rows=$(table_rows)
	if [ -n "$rows" ]; then
		# Only the run's processes, finished.
		echo "$rows" | grep -qv '^X compute$' &&
			fail "the table lists other processes after the run: $rows"
		what="a: all processes)"
	else
		tt_has_text "the demo has ended" || fail "an empty table that does not say the demo ended"
		what="processes (a: all)"
	fi
	# The sentence is wrapped in the 60-column pane, not cut.
	tt_capture | cut -c1-60 | grep -qF "$what" ||
		fail "the table's note is cut: $(tt_capture | cut -c1-60)"

	tt_has_text "busiest" && fail "the table shows the busiest processes under the ended run"
	return 0
}

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 compute -n 100000"
ended() { tt_capture | head -1 | grep -q EXITED; }
wait_until 30 ended || fail "compute did not end: $(tt_capture)"
# The history keeps it once a sample covers the run's end.
history_kept() { tt_capture | grep -E '─ History' | grep -q 'last run: compute -n 100000, '; }
wait_until 10 history_kept || fail "no last-run label in the history: $(tt_capture)"
check_kept
# It stays: later frames keep the run (samples go on).
sleep 1.5
check_kept

tt_resize 80 24
wait_until 10 sh -c "tmux -L '$TT_SOCK' capture-pane -p -t t | grep -q 'last run: compute'" ||
	fail "80x24: no last-run label: $(tt_capture)"

tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
