#!/bin/bash
# ui-demo-pipe.sh: pipe from the menu at 120x40: parent and child in the process table
# (mostly asleep: its lesson), the messages, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch pipe 120 40
ui_demo_rows_at_least pipe 2
ui_demo_line "parent got: message [0-9]+ in Pipe: FOSS rulz!!!" 20
ui_demo_line "child got: answer 10: got it" 40
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
