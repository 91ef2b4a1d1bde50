#!/bin/bash
# ui-demo-compute.sh: compute from the menu at 120x40: its workers on the timeline, each
# worker's times and the wall time, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch compute 120 40
ui_demo_on_cores compute
ui_demo_line "worker 1: 1\.\.[0-9]+ in [0-9]+\.[0-9]+ s, cpu [0-9]+\.[0-9]+ s" 60
ui_demo_line "wall time: [0-9]+\.[0-9]{3} s" 20
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
