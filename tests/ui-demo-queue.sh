#!/bin/bash
# ui-demo-queue.sh: queue from the menu at 120x40: producers and consumers on the
# timeline, and the verdict, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch queue 120 40
ui_demo_on_cores queue
ui_demo_line "every message arrived once" 40
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
