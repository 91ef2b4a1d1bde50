#!/bin/bash
# tmux-harness.sh: the shared tmux helper works: private server, fixed size,
# wait-for-text, resize, capture. Everything else in tests/ leans on it.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tt_start 100 30 "$TURBOTOP --list; cat"
tt_wait_text "waste" 20
[ "$(tt display-message -p -t t '#{window_width}x#{window_height}')" = 100x30 ] ||
	fail "pane is not 100x30"
tt_send "hello-from-keys" Enter
tt_wait_text "hello-from-keys" 10
tt_resize 60 20
wait_until 10 sh -c "[ \"\$(tmux -L '$TT_SOCK' display-message -p -t t '#{window_width}')\" = 60 ]" ||
	fail "resize did not take"
tt_send C-c
wait_until 10 tt_pane_dead || fail "cat did not end on C-c"
exit 0
