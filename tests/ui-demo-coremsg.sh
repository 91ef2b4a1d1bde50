#!/bin/bash
# ui-demo-coremsg.sh: coremsg from the menu at 120x40: its jobs on the timeline, and
# their hellos, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch coremsg 120 40
ui_demo_on_cores coremsg
ui_demo_line "hello FLOSS from core: [0-9]+ \(job [0-9]+, pid [0-9]+\)" 60
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
