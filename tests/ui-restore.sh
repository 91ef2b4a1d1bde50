#!/bin/bash
# ui-restore.sh: the terminal is always given back. After q, and after
# SIGTERM with a demo running, the pane has left the alternate screen, the
# cursor is visible again, mouse reporting is off, and the demo is gone.
# A command that cannot be found is refused before the screen is touched.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"

flag() { tt display-message -p -t t "#{$1}"; }
restored() {
	[ "$(flag alternate_on)" = 0 ] && [ "$(flag cursor_flag)" = 1 ] &&
		[ "$(flag mouse_any_flag)" = 0 ] && [ "$(flag mouse_sgr_flag)" = 0 ]
}
group_gone() { ! pgrep -g "$1" >/dev/null; }

for how in q TERM; do
	tt_start 100 30 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 waste -w 2; echo turbotop-rc=\$?; sleep 60"
	tt_wait_text "Total waste" 20
	[ "$(flag alternate_on)" = 1 ] || fail "turbotop is not on the alternate screen"
	[ "$(flag mouse_sgr_flag)" = 1 ] || fail "turbotop did not ask for mouse reports"
	pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
	[ -n "$pgid" ] || fail "no pgid in the status bar"
	cleanup_pid "$pgid"
	if [ "$how" = q ]; then
		tt_send q
	else
		kill -TERM "$(pgrep -P "$(tt_pane_pid)" -x turbotop | head -1)"
	fi
	tt_wait_text "turbotop-rc=" 15
	wait_until 5 restored || fail "after $how: terminal not restored (alternate $(flag alternate_on), cursor $(flag cursor_flag), mouse $(flag mouse_any_flag)/$(flag mouse_sgr_flag))"
	wait_until 10 group_gone "$pgid" || fail "after $how: the demo remains"
	tt kill-server
	TT_SOCK="$TT_SOCK-$how"
done

out=$("$TURBOTOP" -- no-such-command-xyz 2>&1 </dev/null)
[ $? -ne 0 ] || fail "an unknown command was accepted"
tt_start 100 30 "$TURBOTOP -- no-such-command-xyz; echo turbotop-rc=\$?; sleep 60"
tt_wait_text "turbotop-rc=1" 15
tt_has_text "command not found" || fail "no clear message for an unknown command"
restored || fail "an unknown command left the terminal changed"
exit 0
