#!/bin/bash
# lesson-batch.sh: turbotop -b --script plays a lesson headless: a lesson of
# run/wait/pause/resume/stop/wait exit yields its step, start, output and
# exit records in order (JSON, text and CSV) with samples of the cores
# between them, `wait key` passes at once, nothing is left running, and a
# step that fails makes the exit status 1. The JSON validates against the
# event schema.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)

cat >"$dir/ci.lesson" <<'LESSON'
# played by tests/lesson-batch.sh
title CI check
say first a command that ends by itself
run -- sh -c 'echo first-line; echo to-stderr >&2; exit 3'
wait exit 20s

say then one that runs until stopped
run -- sh -c 'echo second-job; exec sleep 60'
wait 100ms
pause
wait 100ms
resume
wait 100ms
stop
wait exit 20s
wait key
LESSON

"$TURBOTOP" -b -d 0.1 -f json --script "$dir/ci.lesson" >"$dir/json" 2>"$dir/err" ||
	fail "json run exited $?: $(cat "$dir/err")"

PYTHONPATH=$TESTS_SRCDIR python3 - "$dir/json" >"$dir/pgids" <<'PY' || fail "the JSON records are not as expected"
import json, sys
import events
recs = events.load(sys.argv[1])
assert recs[0]["type"] == "hello" and "--script" in recs[0]["argv"], recs[0]
recs = recs[1:]
for r in recs:
    r["event"] = r["type"]
ev = [r["event"] for r in recs]
steps = [r for r in recs if r["event"] == "step"]
lines = [s["line"] for s in steps]
assert lines == [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], lines
assert steps[2]["cmd"] == "run -- sh -c 'echo first-line; echo to-stderr >&2; exit 3'"
assert all(isinstance(r["t"], float) for r in recs)
assert [r["t"] for r in recs] == sorted(r["t"] for r in recs), "times go back"

def index(pred, start=0):
    for i in range(start, len(recs)):
        if pred(recs[i]):
            return i
    raise AssertionError("missing record after %d" % start)

def step(line):
    return index(lambda r: r["event"] == "step" and r["line"] == line)

# Job 1: started by line 4, its output, its exit (status 3), then line 7.
s1 = index(lambda r: r["event"] == "start" and r["line"] == 4)
assert s1 == step(4) + 1, ev
out1 = [r for r in recs if r["event"] == "output" and r["pid"] and
        r["text"] in ("first-line", "to-stderr")]
assert {(r["text"], r["stream"]) for r in out1} == \
    {("first-line", "out"), ("to-stderr", "err")}, out1
x1 = index(lambda r: r["event"] == "exit" and r["pgid"] == recs[s1]["pgid"])
assert x1 < step(7), "exit of job 1 is not before the next section"
assert all(s1 < recs.index(r) < x1 for r in out1), "job 1 output out of place"
assert recs[x1]["status"] == 3 and recs[x1]["signal"] == 0, recs[x1]

# Job 2: started by line 8, stopped by line 14 (SIGTERM), its exit after the
# step 'wait exit' and before 'wait key'.
s2 = index(lambda r: r["event"] == "start" and r["line"] == 8)
o2 = index(lambda r: r["event"] == "output" and r["text"] == "second-job")
x2 = index(lambda r: r["event"] == "exit" and r["pgid"] == recs[s2]["pgid"])
assert s2 < o2 < x2, (s2, o2, x2)
assert step(14) < step(15) < x2 < step(16), ev
assert recs[x2]["signal"] == 15, recs[x2]
# Each timed wait lasted at least its duration.
for line in (9, 11, 13):
    assert recs[step(line + 1)]["t"] - recs[step(line)]["t"] >= 0.095, line
# Samples every -d: each core's busy %.
samples = [r for r in recs if r["event"] == "sample"]
assert samples, "no sample record"
assert all(r["cpus"] and all(0 <= c["busy"] <= 100 for c in r["cpus"]) for r in samples), samples
# The end record is last; nothing failed.
assert recs[-1]["event"] == "end" and recs[-1]["failures"] == 0, recs[-1]
assert recs[-1]["steps"] == 14, recs[-1]
print(recs[s1]["pgid"], recs[s2]["pgid"])
PY

# Nothing the lesson started is left.
for g in $(cat "$dir/pgids"); do
	pgrep -g "$g" >/dev/null && fail "process group $g is still there"
done

# Text: the same order, readable.
"$TURBOTOP" -b -f text --script "$dir/ci.lesson" >"$dir/text" ||
	fail "text run exited $?"
order=$(grep -nE '^(step 4:|start: sh|\[ *[0-9]+ out\] first-line|exit: sh status 3 |step 14: stop|exit: sh status 143 signal 15|end: 14 steps, 0 failures)' \
	"$dir/text" | cut -d: -f1 | tr '\n' ' ')
sorted=$(tr ' ' '\n' <<<"$order" | grep . | sort -n | tr '\n' ' ')
[ "$order" = "$sorted" ] || fail "text records out of order: $order"
[ "$(wc -w <<<"$order")" -ge 8 ] || fail "text records missing: $(cat "$dir/text")"

# CSV: a header, the hello, then the same events in the same order.
"$TURBOTOP" -b -f csv --script "$dir/ci.lesson" >"$dir/csv" ||
	fail "csv run exited $?"
python3 - "$dir/csv" <<'PY' || fail "the CSV records are not as expected"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
for r in rows:
    r["event"] = r["type"]
ev = [r["event"] for r in rows]
assert ev[0] == "hello" and ev[1] == "step" and ev[-1] == "end", ev
rows = rows[1:]
steps = [int(r["line"]) for r in rows if r["event"] == "step"]
assert steps == [2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], steps
assert rows[2]["text"].startswith("run -- sh -c 'echo first-line;"), rows[2]
ex = [(r["status"], r["signal"]) for r in rows if r["event"] == "exit"]
assert ex == [("3", "0"), ("143", "15")], ex
PY

# A step that fails is reported, the lesson goes on, the status is 1.
printf 'run -- /nonexistent/program\ntry -- /nonexistent/other\nrun -- true\nwait exit 20s\n' \
	>"$dir/fails.lesson"
"$TURBOTOP" -b -f json -s "$dir/fails.lesson" >"$dir/fails" 2>&1
rc=$?
[ "$rc" = 1 ] || fail "a failed step gave exit status $rc, not 1"
grep -q '"type":"error","t":[0-9.]*,"line":1,"message"' "$dir/fails" || fail "no error record: $(cat "$dir/fails")"
grep -q '"type":"error","t":[0-9.]*,"line":2,"skipped":true' "$dir/fails" || fail "no skip record for try"
grep -q '"type":"exit","t":[0-9.]*,"job":"true"' "$dir/fails" || fail "the lesson did not go on"

# The first example lesson plays headless to its end with nothing failed.
"$TURBOTOP" -b -f json -s "$TESTS_SRCDIR/../examples/1-basics.lesson" \
	>"$dir/basics" 2>&1 || fail "examples/1-basics.lesson exited $?"
tail -n 1 "$dir/basics" | grep -q '"type":"end","t":[0-9.]*,"status":0,"steps":12,"failures":0' ||
	fail "examples/1-basics.lesson: $(tail -n 3 "$dir/basics")"
[ "$(grep -c '"type":"exit","t":[0-9.]*,"job":"welcome","pgid":[0-9]*,"status":0' "$dir/basics")" = 2 ] ||
	fail "examples/1-basics.lesson did not run welcome twice"
exit 0
