# tests/lesson-lib.sh: helpers of the lesson and recording tests (sourced
# after lib.sh).
#
#   check_cast FILE W H   FILE is asciicast v2: every line parses as JSON, the
#                         header has version 2, W x H, a timestamp and a
#                         title, event times never go back; fails otherwise
#   cast_text FILE        what `asciinema cat FILE` prints (it needs a
#                         terminal: script(1) gives it one); skips without

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

cast_text() {
	command -v asciinema >/dev/null 2>&1 || skip "asciinema is not installed"
	command -v script >/dev/null 2>&1 || skip "script(1) is not installed"
	script -qec "asciinema cat '$1'" /dev/null </dev/null ||
		fail "asciinema cat $1 failed"
}
