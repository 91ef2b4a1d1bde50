#!/bin/bash
# ui-screens.sh: the deterministic screens (the demo menu, the help) match
# the saved ones in tests/screens, at 120x40 and 80x24, tmux regress style.
# GENERATE=1 make check TESTS=tests/ui-screens.sh saves them again.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

tt_start 120 40 "LC_ALL=C.UTF-8 TERM=screen $TURBOTOP"
tt_wait_text "Enter launches it" 20
ui_wait_stable || fail "the menu does not settle"
ui_check_screen menu-120x40

tt_send Down Down 4
tt_wait_text "turbotop waste -w 4" 10
ui_wait_stable || fail "the menu does not settle"
ui_check_screen menu-waste-120x40

tt_send '?'
tt_wait_text "any key closes it" 10
ui_wait_stable || fail "the help does not settle"
ui_check_screen help-120x40

tt_send Escape
tt_wait_text "Enter launches it" 10
tt_resize 80 24
tt_wait_text "Enter launches it" 10
ui_wait_stable || fail "the menu does not settle at 80x24"
ui_check_screen menu-80x24

# lock's texts are longer than 80 columns: each ends on a word and "…".
tt_send Down
tt_wait_text "turbotop lock" 10
ui_wait_stable || fail "the menu does not settle on lock at 80x24"
ui_check_screen menu-lock-80x24

tt_send q
wait_until 10 tt_pane_dead || fail "q did not quit the menu"
exit 0
