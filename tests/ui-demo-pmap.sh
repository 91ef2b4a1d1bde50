#!/bin/bash
# ui-demo-pmap.sh: pmap from the menu at 120x40: the pool of 10 in the process table
# (sleep-bound: the cores stay idle, its lesson) and the speedup, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch pmap 120 40
ui_demo_line "serial map: [0-9]+\.[0-9]{3} s" 40
ui_demo_line "speedup: [0-9]+\.[0-9]{2}( |$)" 20
tt_has_text "last run: pmap" || ui_demo_rows_at_least pmap 2
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
