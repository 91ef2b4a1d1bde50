#!/bin/bash
# ui-output.sh: the output pane with a command of known output (turbotop --
# CMD): 601 lines into a buffer of 200, so 401 are dropped and the title and
# a marker line say so; Home, PgUp and End scroll and follow again; "/"
# finds a line; space freezes; z zooms the pane; a mouse click in the menu
# chooses a demo and a second click launches it.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

dir=$(mk_tmpdir)
cat > "$dir/gen.sh" <<'GEN'
i=1
while [ $i -le 600 ]; do
	echo "line $i"
	[ $i -eq 450 ] && echo "needle here"
	i=$((i + 1))
done
exec sleep 600
GEN

tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 --lines 200 -- sh $dir/gen.sh"
tt_wait_text "line 600" 20
pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
[ -n "$pgid" ] && cleanup_pid "$pgid"
tt_wait_text "401 lines dropped" 10
tt_wait_text "following" 10

# Home: the oldest kept line, under the marker of the dropped ones.
tt_send Home
tt_wait_text "--- 401 earlier lines dropped ---" 10
tt_wait_text "line 402" 10
tt_capture | grep -q "line 600" && fail "Home still shows the newest line"
tt_wait_text "End follows" 10

# End: follow again.
tt_send End
tt_wait_text "line 600" 10
tt_wait_text "following" 10

# PgUp scrolls back; search finds the needle and shows it.
tt_send PPage
tt_wait_text "End follows" 10
tt_send End
tt_wait_text "following" 10
tt_send / n e e d l e Enter
tt_wait_text "needle here" 10
tt_wait_text "End follows" 10
tt_send n
tt_wait_text "not found" 10
tt_send End

# Space freezes the display, and unfreezes it.
tt_send Space
tt_wait_text "FROZEN" 10
tt_send Space
wait_until 10 sh -c "! tmux -L '$TT_SOCK' capture-pane -p -t t | grep -q FROZEN" ||
	fail "space did not unfreeze"

# z zooms the selected pane (the output) over the whole body, z again back.
tt_wait_text "Processes" 10
tt_send z
wait_until 10 sh -c "! tmux -L '$TT_SOCK' capture-pane -p -t t | grep -q 'Processes'" ||
	fail "z did not zoom the output pane"
tt_wait_text "Output" 10
tt_send z
tt_wait_text "Processes" 10

# The mouse: a click on the key bar's "Help" presses "?"; in the menu, a
# click chooses a demo and a second one launches it.
[ -x "$DEMOS/welcome" ] || { tt_send q; exit 0; }
row_of() { tt_capture | grep -n " $1 " | head -1 | cut -d: -f1; }
chosen() { tt_capture | grep -qE "^ +[>›] $1 "; }
click() {	# click X Y (0-based): press and release, as SGR (1006) reports
	tt_send -l "$(printf '\033[<0;%d;%dM' $(($1 + 1)) $(($2 + 1)))"
	tt_send -l "$(printf '\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)))"
}
click 3 39
tt_wait_text "any key closes it" 10
tt_send Escape m
tt_wait_text "Enter launches it" 10
yc=$(row_of counting)
yw=$(row_of welcome)
[ -n "$yc" ] && [ -n "$yw" ] || fail "welcome or counting is not in the menu"
click 10 $((yc - 1))
wait_until 10 chosen counting || { tt_capture >&2; fail "a click did not choose counting"; }
click 10 $((yw - 1))
wait_until 10 chosen welcome || { tt_capture >&2; fail "a click did not choose welcome"; }
click 10 $((yw - 1))
tt_wait_text "to multiprocessing!" 20
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
exit 0
