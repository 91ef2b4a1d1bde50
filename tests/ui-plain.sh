#!/bin/bash
# ui-plain.sh: the plain terminals. LANG=C draws ASCII only; NO_COLOR=1 and
# a TERM without colours draw no colour at all (capture-pane -e shows no
# colour escapes), and the screen still says everything.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"

[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"

has_non_ascii() { tt_capture | LC_ALL=C grep -q '[^ -~]'; }
# An SGR escape that sets a foreground or background colour.
has_colour() {
	tt_capture -e | LC_ALL=C grep -qE $'\033\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'
}

# Each phase on its own tmux server, so that one exiting cannot race the next.
phase=0
quit_pane() {
	tt_send q
	wait_until 15 tt_pane_dead || fail "q did not quit"
	tt kill-server
	phase=$((phase + 1))
	TT_SOCK="${TT_SOCK%-p*}-p$phase"
}

# LANG=C: the menu, then a running demo, in ASCII only.
tt_start 120 40 "env -u LC_ALL LANG=C LC_CTYPE=C $TURBOTOP -d 0.1"
tt_wait_text "Enter launches it" 20
has_non_ascii && { tt_capture >&2; fail "non-ASCII in the LANG=C menu"; }
ui_select_demo waste || fail "waste is not in the menu"
tt_send 2 Enter
tt_wait_text "Total waste" 20
tt_wait_text "legend" 10
tt_wait_change 10	# and a later frame
tt_wait_change 10
has_non_ascii && { tt_capture >&2; fail "non-ASCII on the LANG=C screen"; }
ui_cores | grep -q . || fail "no core meters in ASCII"
quit_pane

# The colour themes do use colour (so the checks below can fail); t goes
# from dark to light to mono, which has none.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 waste -w 2"
tt_wait_text "Total waste" 20
has_colour || fail "no colour in the default theme"
tt_send t
tt_wait_text "theme: light" 10
has_colour || fail "no colour in the light theme"
tt_send t
tt_wait_text "theme: mono" 10
no_colour() { ! has_colour; }
wait_until 5 no_colour || fail "colour in the mono theme"
quit_pane

# NO_COLOR=1: not a single colour escape, on every screen.
tt_start 120 40 "NO_COLOR=1 LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 waste -w 2"
tt_wait_text "Total waste" 20
tt_wait_text "legend" 10
tt_wait_change 10	# and a later frame
tt_wait_change 10
has_colour && { tt_capture -e | head -5 >&2; fail "colour with NO_COLOR=1"; }
tt_send t m
tt_wait_text "Enter launches it" 10
has_colour && fail "colour in the NO_COLOR menu"
tt_send '?'
tt_wait_text "any key closes it" 10
has_colour && fail "colour in the NO_COLOR help"
quit_pane

# A terminal without colours.
tt_start 100 30 "TERM=vt100 LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 waste -w 2"
tt_wait_text "Total waste" 20
has_colour && fail "colour on a vt100"
quit_pane
exit 0
