#!/bin/bash
# ui-demo-counting.sh: counting from the menu at 120x40: three sleeping workers in the
# process table (the cores stay idle: its lesson) and their lines, whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch counting 120 40
ui_demo_rows_at_least counting 3
ui_demo_line " 1 Geeks( |$)" 20
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
