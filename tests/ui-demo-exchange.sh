#!/bin/bash
# ui-demo-exchange.sh: exchange from the menu at 120x40: its workers on the timeline,
# the results and the last line, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch exchange 120 40
ui_demo_on_cores exchange
ui_demo_line "result from worker 1 \(pid [0-9]+\): 1" 40
ui_demo_line "received 4 results, in the order they finished" 40
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
