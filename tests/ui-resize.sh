#!/bin/bash
# ui-resize.sh: resizing at any time redraws correctly. With a demo running,
# the window goes 120x40 -> 80x24 -> 40x10 -> 20x5 -> 120x40: turbotop keeps
# running, shows what fits (or says the terminal is too small), and comes
# back to the full layout.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 waste -w 2"
tt_wait_text "Total waste" 20
tt_wait_text "Core timeline" 10
pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
[ -n "$pgid" ] && cleanup_pid "$pgid"

# widest_line: the widest line of the pane, in columns.
widest_line() { tt_capture | LC_ALL=C.UTF-8 wc -L; }

size_is() { [ "$(tt display-message -p -t t '#{window_width}x#{window_height}')" = "$1" ]; }

tt_resize 80 24
wait_until 10 size_is 80x24 || fail "resize to 80x24 did not take"
tt_wait_text "Cores" 10
tt_wait_text "Output" 10
tt_wait_text "Quit" 10
[ "$(widest_line)" -le 80 ] || fail "a line is wider than 80 columns"
tt_pane_dead && fail "turbotop died at 80x24"

tt_resize 40 10
wait_until 10 size_is 40x10 || fail "resize to 40x10 did not take"
tt_wait_text "cpu0" 10
tt_wait_text "Output" 10
tt_pane_dead && fail "turbotop died at 40x10"

tt_resize 20 5
wait_until 10 size_is 20x5 || fail "resize to 20x5 did not take"
tt_wait_text "too small" 10
tt_pane_dead && fail "turbotop died at 20x5"

tt_resize 120 40
wait_until 10 size_is 120x40 || fail "resize back to 120x40 did not take"
tt_wait_text "Core timeline" 10
tt_wait_text "Processes" 10
tt_wait_text "Total waste" 10
# (The full redraw may still be on its way: give it time to erase the note.)
wait_until 10 eval '! tt_has_text "too small"' ||
	{ tt_capture >&2; fail "still says too small at 120x40"; }
[ "$(tt_capture | wc -l)" -eq 40 ] || fail "the screen is not 40 lines"

# A few quick resizes in a row, then it must still answer a key.
for s in "100 30" "60 15" "30 8" "90 25" "120 40"; do
	tt_resize $s
	sleep 0.1
done
tt_send '?'
tt_wait_text "any key closes it" 10
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
