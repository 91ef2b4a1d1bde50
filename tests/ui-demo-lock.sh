#!/bin/bash
# ui-demo-lock.sh: lock from the menu at 120x40 and 80x24: its workers on the
# timeline, their lines and its result line (cores busy), whole.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-demo-lib.sh"

ui_demo_launch lock 120 40
ui_demo_on_cores lock
ui_demo_line "worker [0-9]+, pid [0-9]+: line [0-9]+ of [0-9]+, holding the lock" 20
tt_resize 80 24
tt_wait_change 10	# a frame drawn at the new size
ui_demo_on_cores lock
ui_demo_line "[0-9]+ lines in [0-9]+\.[0-9]{2} s, cores busy [0-9]\.[0-9]{2}" 60
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
