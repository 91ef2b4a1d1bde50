#!/bin/bash
# ui-fatal.sh: the terminal is given back whatever signal ends turbotop
# (issue 15: v1 restored it after TERM and INT only). After Ctrl-\ (SIGQUIT)
# and a kill with SIGSEGV, SIGABRT, SIGUSR1, SIGALRM or SIGPIPE the pane has
# left the alternate screen, the cursor shows, mouse reporting is off, the
# signal still ends turbotop (it is re-raised) and the demo is gone.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

flag() { tt display-message -p -t t "#{$1}"; }
restored() {
	[ "$(flag alternate_on)" = 0 ] && [ "$(flag cursor_flag)" = 1 ] &&
		[ "$(flag mouse_any_flag)" = 0 ] && [ "$(flag mouse_sgr_flag)" = 0 ]
}
# A demo nobody else runs: a sleep of a duration unique to this test run.
mark="9$$.25"
demo_gone() { ! pgrep -f "^[^ ]*sleep $mark\$" >/dev/null; }
tp_pid() { pgrep -P "$(tt_pane_pid)" -x turbotop | head -1; }

base=$TT_SOCK
for how in key-QUIT SEGV ABRT USR1 ALRM PIPE; do
	TT_SOCK="$base-$how"
	# The shell survives ^\ (a trap, not an ignore: turbotop gets the default).
	tt_start 100 30 "trap : QUIT; ulimit -c 0; LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 -- sleep $mark; echo turbotop-rc=\$?; sleep 60"
	tt_wait_text "RUNNING" 20
	[ "$(flag alternate_on)" = 1 ] || fail "turbotop is not on the alternate screen"
	[ "$(flag mouse_sgr_flag)" = 1 ] || fail "turbotop did not ask for mouse reports"
	[ "$(flag cursor_flag)" = 0 ] || fail "turbotop did not hide the cursor"
	pid=$(tp_pid)
	[ -n "$pid" ] || fail "no turbotop in the pane"
	cleanup_pid "$pid"
	if [ "$how" = key-QUIT ]; then
		tt_send 'C-\'
	else
		kill "-$how" "$pid"
	fi
	tt_wait_text "turbotop-rc=" 15
	rc=$(tt_capture | grep -oE 'turbotop-rc=[0-9]+' | head -1 | cut -d= -f2)
	[ "$rc" -ge 128 ] || fail "after $how turbotop exited $rc: the signal was not re-raised"
	wait_until 5 restored || fail "after $how: terminal not restored (alternate $(flag alternate_on), cursor $(flag cursor_flag), mouse $(flag mouse_any_flag)/$(flag mouse_sgr_flag))"
	wait_until 10 demo_gone || fail "after $how: the demo remains: $(pgrep -af "^[^ ]*sleep $mark\$")"
	tt kill-server
done
exit 0
