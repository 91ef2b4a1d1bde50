#!/bin/bash
# event-stream.sh: every batch mode writes one event stream (issue 13): a
# top-like run, a demo, -- COMMAND, a lesson (with a bench step) and --bench
# all validate against doc/turbotop-events.schema.json with a real validator;
# --replay -b -f json gives back the same records byte for byte, -f csv and
# -f text convert them; a live pipe replays from standard input.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
tmp=$(mk_tmpdir)
validate() { PYTHONPATH=$TESTS_SRCDIR python3 -m events validate "$@"; }

cat >"$tmp/l.lesson" <<'LESSON'
title stream check
run -- sh -c 'echo lesson-line; printf "esc \033[31mred\n" >&2'
wait exit 20s
wait 300ms
try -- /nonexistent/program
bench 1,2 --repeat=1 -- sh -c 'sleep 0.05 # {w}'
LESSON

# Every mode, as JSON.
"$TURBOTOP" -b -n 2 -d 0.1 -f json >"$tmp/top.json" || fail "top-like run exited $?"
"$TURBOTOP" -b -d 0.1 -f json --threads -- sh -c 'echo one; echo two >&2; sleep 0.3; exit 4' >"$tmp/cmd.json"
[ $? = 4 ] || fail "-- COMMAND: not its status"
if [ -x "$DEMOS/welcome" ]; then
	"$TURBOTOP" -b -d 0.1 -f json welcome >"$tmp/demo.json" || fail "demo run exited $?"
fi
"$TURBOTOP" -b -d 0.1 -f json --script "$tmp/l.lesson" >"$tmp/lesson.json" 2>"$tmp/lesson.err" ||
	fail "lesson exited $?: $(cat "$tmp/lesson.err")"
"$TURBOTOP" -f json --bench=1,2 --repeat=1 -- sh -c 'sleep 0.05 # {w}' >"$tmp/bench.json" 2>/dev/null ||
	fail "bench exited $?"

validate "$tmp"/*.json || fail "a stream does not validate against the schema"

# What each holds.
PYTHONPATH=$TESTS_SRCDIR python3 - "$tmp" <<'PY' || fail "the streams do not hold what they should"
import sys, os
import events
d = sys.argv[1]
def types(name):
    return [r["type"] for r in events.load(os.path.join(d, name))]
t = types("top.json")
assert t == ["hello", "sample", "sample", "end"], t
t = types("cmd.json")
assert t[:2] == ["hello", "start"] and t[-2:] == ["exit", "end"] and t.count("output") == 2, t
l = events.load(os.path.join(d, "lesson.json"))
t = [r["type"] for r in l]
for k in ("hello", "step", "start", "output", "exit", "sample", "error", "bench", "end"):
    assert k in t, (k, t)
assert [r["workers"] for r in l if r["type"] == "bench"] == [1, 2], l
err = [r for r in l if r["type"] == "error"]
assert err and err[0].get("skipped") is True, err
esc = [r["text"] for r in l if r["type"] == "output" and r["text"].startswith("esc")]
assert esc == ["esc ^[[31mred"], esc
t = types("bench.json")
assert t == ["hello", "bench", "bench", "end"], t
PY

# Round trip: the same records, byte for byte, from a file and from stdin.
for f in "$tmp"/*.json; do
	"$TURBOTOP" -b --replay "$f" -f json >"$f.again" 2>"$tmp/err" ||
		fail "--replay $(basename "$f") exited $?: $(cat "$tmp/err")"
	cmp -s "$f" "$f.again" || fail "$(basename "$f"): not the same records: $(diff "$f" "$f.again" | head -5)"
	"$TURBOTOP" -b --replay - -f json <"$f" >"$f.stdin" || fail "--replay - exited $?"
	cmp -s "$f" "$f.stdin" || fail "$(basename "$f"): not the same records from stdin"
done

# Conversions: CSV (one table, a type column), text (top's screen).
"$TURBOTOP" -b --replay "$tmp/top.json" -f csv >"$tmp/top.csv" || fail "csv conversion exited $?"
python3 - "$tmp/top.csv" <<'PY' || fail "the CSV conversion is wrong: $(cat "$tmp/top.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows[0]["type"] == "hello" and rows[-1]["type"] == "end", rows
s = [r for r in rows if r["type"] == "sample"]
assert s and len(s) % 2 == 0 and all(0 <= float(r["busy"]) <= 100 for r in s), s
PY
"$TURBOTOP" -b --replay "$tmp/lesson.json" -f text >"$tmp/lesson.txt" || fail "text conversion exited $?"
grep -q '^%Cpu0 *:' "$tmp/lesson.txt" || fail "text: no per-core line"
grep -q '^step 2: run' "$tmp/lesson.txt" || fail "text: no step"
grep -q '^benchmark: ' "$tmp/lesson.txt" || fail "text: no benchmark table"
grep -q '^end: 6 steps, 0 failures' "$tmp/lesson.txt" || fail "text: no end: $(tail -3 "$tmp/lesson.txt")"

# A live stream through a pipe: records come as they are written.
"$TURBOTOP" -b -n 3 -d 0.1 -f json | "$TURBOTOP" -b --replay - -f text >"$tmp/live.txt" ||
	fail "the pipe exited $?"
[ "$(grep -c '^turbotop - ' "$tmp/live.txt")" = 3 ] || fail "the pipe: not 3 samples: $(cat "$tmp/live.txt")"

# --replay is not for a demo.
"$TURBOTOP" -b --replay "$tmp/top.json" welcome >/dev/null 2>"$tmp/err" && fail "--replay with a demo was accepted"
grep -q -- '--replay' "$tmp/err" || fail "no message for --replay with a demo"
exit 0
