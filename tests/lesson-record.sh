#!/bin/bash
# lesson-record.sh: a recording made in tmux is valid asciicast v2 (every
# line parses as JSON, the header has version 2 and the pane's size, times
# never go back) and `asciinema cat` of it shows text that was on the screen,
# including a key typed through the recorder and a resize.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)
cast=$dir/session.cast
draw=${TESTS_BUILDDIR:?}/test-lesson-recdraw

# check_cast FILE W H: asciicast v2 with a W x H header, times in order.
check_cast() {
	python3 - "$@" <<'PY' || fail "$1 is not valid asciicast v2"
import json, sys
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, encoding="utf-8") as f:
    lines = f.read().split("\n")
assert lines[-1] == "", "no final newline"
head = json.loads(lines[0])
assert head["version"] == 2 and head["width"] == w and head["height"] == h, head
assert isinstance(head["timestamp"], int) and "title" in head, head
last = 0.0
events = 0
for line in lines[1:-1]:
    t, kind, data = json.loads(line)
    assert kind in ("o", "r", "i", "m"), line
    assert isinstance(t, float) and t >= last, (t, last)
    assert isinstance(data, str)
    last = t
    events += 1
assert events > 0, "no events"
PY
}

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
command -v asciinema >/dev/null 2>&1 || skip "asciinema is not installed"
# asciinema cat opens /dev/tty: give it one with script(1) (util-linux).
command -v script >/dev/null 2>&1 || skip "script(1) is not installed"
out=$(script -qec "asciinema cat '$cast'" /dev/null </dev/null) ||
	fail "asciinema cat failed: $out"
grep -qF "RECORDED SCREEN café → done" <<<"$out" || fail "asciinema cat lacks the screen text"
grep -qF "key x" <<<"$out" || fail "asciinema cat lacks the typed key"
grep -qF "size 70x20" <<<"$out" || fail "asciinema cat lacks the redraw after resize"
exit 0
