#!/bin/bash
# ui-demo-gil.sh: gil from the menu at 120x40: its threads on the timeline, and the
# three results (wall time, cores busy), whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch gil 120 40
ui_demo_on_cores gil
ui_demo_line "locked threads: +[0-9]+\.[0-9]{2} s, cores busy [0-9]\.[0-9]{2}" 40
ui_demo_line "processes: +[0-9]+\.[0-9]{2} s, cores busy [0-9]\.[0-9]{2}" 40
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
