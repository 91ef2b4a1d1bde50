#!/bin/bash
# ui-threads.sh: the timeline is per thread. gil's threads (one process)
# each get a legend entry of their own, labelled pid/tid with the demo's
# pid, and H turns the process table into one row per thread. w shows each
# thread's state strip with the legend of running, waiting and sleeping.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

[ -x "$DEMOS/gil" ] || skip "the gil demo is not built"

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 gil -w 3 --work 3"
tt_wait_text "RUNNING" 20
pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
[ -n "$pgid" ] || fail "no pgid in the status bar"
cleanup_pid "$pgid"

# Legend entries "PGID/TID": at least two distinct threads of the demo.
thread_entries() {
	tt_capture | grep -E '^ legend:' | grep -oE "(^| )$pgid/[0-9]+ " | sort -u | wc -l
}
two_threads() { [ "$(thread_entries)" -ge 2 ]; }
if ! wait_until 30 two_threads; then
	tt_capture >&2
	fail "the legend does not list two of gil's threads (pid $pgid) apart"
fi
tt_capture | grep -E '^─ Core timeline, (exact|sampled)' >/dev/null ||
	fail "the timeline's title does not name its source"

# H: threads, as top; the title says so and gil has at least 3 (main + 2).
tt_send H
tt_wait_text "─ Threads " 10
nthreads() { tt_capture | grep -oE 'gil: [0-9]+ threads' | grep -oE '[0-9]+'; }
three() { n=$(nthreads); [ -n "$n" ] && [ "$n" -ge 3 ]; }
wait_until 20 three || fail "H: fewer than 3 threads of gil listed: $(tt_capture)"
tt_send H
tt_wait_text "─ Processes " 10

# w: one state strip per thread, with its legend.
tt_send w
tt_wait_text "waiting for a core" 10
tt_wait_text "Thread states" 10
tt_send w
tt_wait_text "Core timeline" 10
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
