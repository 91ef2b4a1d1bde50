#!/bin/bash
# lesson-tui.sh: a lesson played in the TUI, recorded with -r, in tmux: the
# caption bar shows the section and caption, the lesson's demo is shown,
# n (or Enter) goes on, N plays the previous section again (its demo
# restarted), the end is announced, q quits leaving nothing behind, and the
# recording is valid asciicast v2 whose `asciinema cat` has the captions.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/lesson-lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)
cast=$dir/lesson.cast
# A sleep with an argument of our own, to find it afterwards.
nap=60.$$

cat >"$dir/tui.lesson" <<LESSON
title TUI lesson test
say first caption here
run -- sh -c 'echo lesson-output-\$\$; exec sleep $nap'
wait key

say second caption here
wait 1m

stop
wait exit 20s
clear

say third caption
wait key
LESSON

tt_start 120 35 "$TURBOTOP -r $cast -s $dir/tui.lesson; echo tui-exit=\$?; sleep 60"
tt_wait_text "lesson 1/4  first caption here  [n or Enter: next]  | TUI lesson test"
tt_wait_text "lesson-output-"
first=$(tt_capture | grep -o 'lesson-output-[0-9]*' | head -1)

tt_send Enter
tt_wait_text "lesson 2/4  second caption here  [next in"

# N: back to section 1, its demo stopped and started again.
tt_send N
tt_wait_text "lesson 1/4  first caption here"
wait_until 20 sh -c "tmux -L '$TT_SOCK' capture-pane -p -t t |
	grep -o 'lesson-output-[0-9]*' | grep -qv '^$first\$'" ||
	fail "N did not start the section's demo again"

tt_send n
tt_wait_text "lesson 2/4  second caption here"
tt_send n
tt_wait_text "lesson 4/4  third caption  [n or Enter: next]"
tt_send n
tt_wait_text "[end: N replays, q quits]"
tt_send q
tt_wait_text "tui-exit=0"
wait_until 10 eval '! pgrep -f "sleep $nap" >/dev/null' ||
	fail "a demo of the lesson is still running"

check_cast "$cast" 120 35
out=$(cast_text "$cast") || exit $?
# (curses sends only what changed: look for words a caption did not share.)
for text in "first caption here" "second caption here" "third caption" \
    "replays, q quits"; do
	grep -qF -- "$text" <<<"$out" || fail "the recording lacks '$text'"
done
exit 0
