#!/bin/bash
# ui-demo-waste.sh: waste from the menu at 120x40 and 80x24: its workers on the
# timeline and their lines, whole; k stops it.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch waste 120 40
ui_demo_on_cores waste
ui_demo_line "[0-9]+ Total waste of CPU cycles!" 20
tt_resize 80 24
tt_wait_change 10	# a frame drawn at the new size
ui_demo_on_cores waste
ui_demo_line "[0-9]+ Total waste of CPU cycles!" 20
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
