#!/bin/bash
# ui-waste.sh: the class's first demo, driven with keys at 120x40. From the
# menu, launch waste with 4 workers; every core fills up and the output shows
# the workers' lines. p pauses (the demo's processes stop, the cores go near
# idle), p resumes, k stops, r starts it again, and q quits with the demo
# running: no demo process may remain.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

WASTE="$DEMOS/waste"
[ -x "$WASTE" ] || skip "the waste demo is not built"

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2"
tt_wait_text "Enter launches it" 20
ui_select_demo waste || fail "waste is not in the menu"
tt_send 4
tt_wait_text "turbotop waste -w 4" 10
tt_send Enter
tt_wait_text "RUNNING" 10
# The demo's processes: its process group, as the status bar names it (other
# tests may run waste at the same time, so never look for it by name).
demo_pgid() { tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }'; }
pgid=$(demo_pgid)
[ -n "$pgid" ] || fail "no pgid in the status bar"
cleanup_pid "$pgid"
group_gone() { ! pgrep -g "$1" >/dev/null; }

tt_wait_text "Total waste" 20
# The machine is shared and noisy: allow time for the meters to show it.
if ! wait_until 30 ui_cores_all_at_least 80; then
	tt_capture >&2
	fail "the cores did not all reach 80% (meters: $(ui_cores | tr '\n' ' '))"
fi
[ "$(ui_cores | wc -l)" -eq "$(ui_ncpus)" ] || fail "not one meter per core"
# The table lists the parent and its 4 workers once a sample has seen them
# all (the cores can fill before that, with other work on the machine).
five_rows() { [ "$(ui_demo_rows waste | wc -l)" -ge 5 ]; }
wait_until 20 five_rows ||
	fail "the process table shows $(ui_demo_rows waste | wc -l) waste processes, not 5: $(tt_capture)"

# Keys answer at once while the demo floods the output: the help, the
# process table's toggle to all processes and its sort order.
tt_send '?'
tt_wait_text "any key closes it" 10
tt_send Escape
tt_wait_text "Core timeline" 10
tt_send a
wait_until 10 sh -c "tmux -L '$TT_SOCK' capture-pane -p -t t | grep -qE 'Processes .* all [0-9]+ '" ||
	fail "a did not show all processes"
tt_has_text "RUN%↓" && fail "the table is sorted by RUN% already"
tt_send s
tt_wait_text "RUN%↓" 10
tt_send S
tt_wait_text "RUN%↑" 10
tt_send P a
tt_wait_text "%CPU↓" 10
tt_wait_text " waste: " 10

# Pause: every demo process stops (state T, no CPU), the cores go near idle.
tt_send p
tt_wait_text "PAUSED" 10
all_stopped() {
	local r
	r=$(ui_demo_rows waste)
	[ -n "$r" ] && ! echo "$r" | grep -qv '^T 0\.0$'
}
if ! wait_until 15 all_stopped; then
	tt_capture >&2
	fail "the demo's processes are not all stopped at 0% after p"
fi
if ! wait_until 5 ui_cores_all_below 50; then
	# Other work on this machine can keep the cores busy, in bursts
	# (make -j check): only fail when the machine is mostly idle both
	# before and after the cores were given 10 s more to fall.
	busy=$(ui_machine_busy)
	if [ "$busy" -lt 40 ] && ! wait_until 10 ui_cores_all_below 50 &&
	    busy=$(ui_machine_busy) && [ "$busy" -lt 40 ]; then
		tt_capture >&2
		fail "paused, but the cores did not fall near idle (machine ${busy}% busy)"
	fi
	note "cores stayed busy: the machine is ${busy}% busy with other work"
fi
tt_send p
tt_wait_text "RUNNING" 10

# Stop: the status says how it ended, and no demo process is left.
tt_send k
stopped() { tt_capture | head -1 | grep -qE 'KILLED|EXITED'; }
if ! wait_until 15 stopped; then
	tt_capture >&2
	fail "k did not stop the demo"
fi
wait_until 10 group_gone "$pgid" || fail "demo processes remain after k: $(pgrep -g "$pgid")"

# Restart, then quit with the demo running.
tt_send r
tt_wait_text "RUNNING" 15
tt_wait_text "Total waste" 20
pgid2=$(demo_pgid)
[ -n "$pgid2" ] && [ "$pgid2" != "$pgid" ] || fail "r did not start a new process group"
cleanup_pid "$pgid2"
pgrep -g "$pgid2" >/dev/null || fail "r did not start the demo again"
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
wait_until 10 group_gone "$pgid2" || fail "demo processes remain after q: $(pgrep -g "$pgid2")"
exit 0
