#!/bin/bash
# lesson-record.sh: a recording made in tmux is valid asciicast v2 (every
# line parses as JSON, the header has version 2 and the pane's size, times
# never go back) and `asciinema cat` of it shows text that was on the screen,
# including a key typed through the recorder and a resize.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/lesson-lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)
cast=$dir/session.cast
draw=${TESTS_BUILDDIR:?}/test-lesson-recdraw

# (sleep keeps the pane alive: a dead pane scrolls its first line away.)
tt_start 90 25 "$draw $cast; echo recdraw-exit=\$?; sleep 60"
tt_wait_text "RECORDED SCREEN"
tt_wait_text "size 90x25"
tt_send x
tt_wait_text "key x"
tt_resize 70 20
tt_wait_text "size 70x20"
tt_send q
tt_wait_text "recdraw-exit=0"
tt_has_text "recording finished" || { tt_capture >&2; fail "no recording finished"; }

check_cast "$cast" 90 25
grep -q '"r","70x20"' "$cast" || fail "the resize was not recorded"
out=$(cast_text "$cast") || exit $?
grep -qF "RECORDED SCREEN café → done" <<<"$out" || fail "asciinema cat lacks the screen text"
grep -qF "key x" <<<"$out" || fail "asciinema cat lacks the typed key"
grep -qF "size 70x20" <<<"$out" || fail "asciinema cat lacks the redraw after resize"
exit 0
