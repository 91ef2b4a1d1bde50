#!/bin/bash
# ui-demo-welcome.sh: welcome from the menu at 120x40: its three lines, whole, and the
# run kept in the timeline after it ended (it lives an instant).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch welcome 120 40
ui_demo_line "welcome Geeks to multiprocessing! \(pid [0-9]+\)" 20
ui_demo_wait "the timeline does not keep the last run of welcome" 20 tt_has_text "last run: welcome"
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
