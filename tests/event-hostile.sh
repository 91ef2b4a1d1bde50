#!/bin/bash
# event-hostile.sh: --replay reads a corrupt, truncated or hostile stream
# defensively: every bad line (not JSON, an unknown type, a wrong field, an
# over-long line, deep nesting, huge numbers, a newer schema) gets a message
# naming its line, the good records around it still come, escape sequences
# in strings never reach the output raw, and nothing hangs or crashes.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
tmp=$(mk_tmpdir)

# A stream: good records (numbered by their "pid") between bad lines.
python3 - "$tmp/bad.json" <<'PY'
import json, sys
out = open(sys.argv[1], "w", encoding="utf-8", newline="\n")
def w(s): out.write(s + "\n")
def good(n, text="ok"):
    w(json.dumps({"type": "output", "t": n / 10, "job": "j", "pid": n,
                  "stream": "out", "text": text}, separators=(",", ":")))
w('{"type":"hello","schema":1,"version":"x","host":"h\\u001b]0;pwned\\u0007","cores":2,"argv":["a\\u001b[2J"],"started":"2026-01-01T00:00:00Z"}')  # 1
good(1)                                                   # 2
w('{"type":"output", this is not json')                   # 3
good(2, "esc \u001b[31mred\u009b and \u202e bidi")       # 4
w('{"type":"frobnicate","t":1}')                          # 5
w('{"type":"output","t":1e999,"job":"j","pid":3,"stream":"out","text":"x"}')  # 6
w('{"type":"output","t":1,"job":"j","pid":99999999999999999999,"stream":"out","text":"x"}')  # 7
w("[" * 100000 + "]" * 100000)                            # 8: deep nesting
w('{"type":"sample","t":1,"cpus":' + "[" * 50 + "]" * 50 + ',"procs":[]}')  # 9
w('{"type":"output","t":1,"job":"j","pid":4,"stream":"out","text":"' + "A" * (5 << 20) + '"}')  # 10: over-long
good(5)                                                   # 11
w('"just a string"')                                      # 12
w('{"type":"exit","t":2,"job":"j","pgid":1,"status":"zero","signal":0}')  # 13
w('{"type":"hello","schema":7,"version":"y","host":"h","cores":1,"argv":[],"started":"2026-01-01T00:00:00Z"}')  # 14
good(6)                                                   # 15
out.write('{"type":"output","t":3,"job":"j","pid":7,"stream":"out","te')  # 16: truncated
PY

for fmt in json text csv; do
	timeout 60 "$TURBOTOP" -b --replay "$tmp/bad.json" -f $fmt >"$tmp/out.$fmt" 2>"$tmp/err.$fmt"
	rc=$?
	[ "$rc" = 124 ] && fail "-f $fmt: the replay hung"
	[ "$rc" = 1 ] || fail "-f $fmt: exit status $rc, not 1: $(cat "$tmp/err.$fmt")"
	# A message for each bad line, naming it.
	for n in 3 5 6 7 8 9 10 12 13 14 16; do
		grep -q "line $n: " "$tmp/err.$fmt" || fail "-f $fmt: no message for line $n: $(cat "$tmp/err.$fmt")"
	done
	for n in 1 2 4 11 15; do
		grep -q "line $n: " "$tmp/err.$fmt" && fail "-f $fmt: a message for the good line $n"
	done
	grep -q "line 14: schema 7 is newer" "$tmp/err.$fmt" || fail "-f $fmt: newer schema not named"
	grep -q "line 16: truncated" "$tmp/err.$fmt" || fail "-f $fmt: truncated line not named"
	grep -q "line 10: longer than" "$tmp/err.$fmt" || fail "-f $fmt: over-long line not named"
	# Nothing raw: no control byte but newlines (and CSV's none either).
	python3 - "$tmp/out.$fmt" "$tmp/err.$fmt" <<'PY' || fail "-f $fmt: a raw control character got through"
import sys
for p in sys.argv[1:]:
    raw = open(p, "rb").read()
    bad = [b for b in raw if (b < 0x20 and b != 0x0a) or b == 0x7f]
    assert not bad, (p, bad[:5])
    assert b"\xc2\x9b" not in raw and "\u202e".encode() not in raw, p
PY
done

# The good records all came, in order, and the JSON is the schema's.
python3 - "$tmp/out.json" <<'PY' || fail "the good records did not all come: $(cut -c1-200 "$tmp/out.json")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert recs[0]["type"] == "hello" and recs[0]["host"] == "h^[]0;pwned^G", recs[0]
assert recs[0]["argv"] == ["a^[[2J"], recs[0]
pids = [r["pid"] for r in recs if r["type"] == "output"]
assert pids == [1, 2, 5, 6], pids
t = [r["text"] for r in recs if r["type"] == "output"]
assert t[1] == "esc ^[[31mred\\xc2\\x9b and \\u202e bidi", t[1]
PY
grep -q '^\[ *2 out\] esc ^\[\[31mred' "$tmp/out.text" || fail "text: the escaped line is missing"

# A missing file: a message, status 1.
"$TURBOTOP" -b --replay "$tmp/none.json" >/dev/null 2>"$tmp/err" && fail "a missing file was accepted"
grep -q "cannot read" "$tmp/err" || fail "no message for a missing file"

# An endless line without a newline ends, reported, in bounded memory.
( head -c 20000000 /dev/zero | tr '\0' 'x' ) | timeout 60 "$TURBOTOP" -b --replay - -f json >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "an endless line: status $rc"
grep -q "line 1: longer than" "$tmp/err" || fail "an endless line: $(cat "$tmp/err")"
exit 0
