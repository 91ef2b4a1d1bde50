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

# Cluster mode's records (hand-written: a host's samples, ranks, host
# states); they go through the same checks and round trip below.
cat >"$tmp/hosts.json" <<'STREAM'
{"type":"hello","schema":1,"version":"0.1.0","host":"head","cores":2,"argv":["turbotop","-b","-f","json","--hosts=node1,node2","mpicompute"],"started":"2026-11-29T00:00:00.000Z"}
{"type":"host","t":0.100,"host":"node1","state":"up","reason":"turbotop 0.1.0, 2 cores"}
{"type":"host","t":0.200,"host":"node2","state":"up","reason":"turbotop 0.1.0, 2 cores"}
{"type":"start","t":0.300,"job":"mpicompute","pgid":500}
{"type":"sample","t":0.500,"host":"node1","cpus":[{"id":0,"busy":90.0,"user":80.0,"nice":0.0,"system":10.0,"idle":10.0,"iowait":0.0,"irq":0.0,"softirq":0.0,"steal":0.0},{"id":1,"busy":20.0,"user":10.0,"nice":0.0,"system":10.0,"idle":80.0,"iowait":0.0,"irq":0.0,"softirq":0.0,"steal":0.0}],"procs":[{"pid":77,"ppid":76,"pgid":76,"state":"R","cpu":90.0,"core":0,"rss_kb":1000,"threads":1,"time":0.40,"cmd":"mpicompute","run_ms":450.0,"wait_ms":0.0,"sleep_ms":50.0,"migrations":0,"switches":3,"rank":1}]}
{"type":"sample","t":0.500,"host":"node2","cpus":[{"id":0,"busy":30.0,"user":20.0,"nice":0.0,"system":10.0,"idle":70.0,"iowait":0.0,"irq":0.0,"softirq":0.0,"steal":0.0},{"id":1,"busy":95.0,"user":90.0,"nice":0.0,"system":5.0,"idle":5.0,"iowait":0.0,"irq":0.0,"softirq":0.0,"steal":0.0}],"procs":[{"pid":88,"ppid":87,"pgid":87,"state":"R","cpu":95.0,"core":1,"rss_kb":1200,"threads":1,"time":0.45,"cmd":"mpicompute","run_ms":475.0,"wait_ms":0.0,"sleep_ms":25.0,"migrations":0,"switches":2,"rank":2},{"pid":89,"ppid":1,"pgid":89,"state":"S","cpu":0.0,"core":0,"rss_kb":900,"threads":1,"time":0.00,"cmd":"sshd","run_ms":0.0,"wait_ms":0.0,"sleep_ms":500.0,"migrations":0,"switches":0}]}
{"type":"output","t":0.600,"host":"node2","job":"mpicompute","pid":88,"stream":"out","text":"rank 2 done","rank":2}
{"type":"output","t":0.700,"host":"node1","job":"mpicompute","pid":77,"stream":"err","text":"a warning"}
{"type":"host","t":0.800,"host":"node2","state":"lost","reason":"the agent's stream ended"}
{"type":"error","t":0.850,"host":"node2","message":"agent: swept 0 processes"}
{"type":"exit","t":0.900,"job":"mpicompute","pgid":500,"status":0,"signal":0}
{"type":"end","t":1.000,"status":0}
STREAM

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

# The reader takes fields in the writer's order fastest, but any order is
# the same record: every object's keys reversed, and whole numbers written
# as 2.0, read back to the same records.
for f in "$tmp"/*.json; do
	python3 - "$f" >"$f.shuffled" <<'PY' || fail "cannot reorder $(basename "$f")"
import json, sys
def rev(v):
    if isinstance(v, dict):
        return {k: rev(v[k]) for k in reversed(list(v))}
    if isinstance(v, list):
        return [rev(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.dumps(rev(json.loads(line)), separators=(",", ":")))
PY
	"$TURBOTOP" -b --replay "$f.shuffled" -f json >"$f.unshuffled" 2>"$tmp/err" ||
		fail "--replay of $(basename "$f") reordered exited $?: $(cat "$tmp/err")"
	cmp -s "$f" "$f.unshuffled" || fail "$(basename "$f") reordered: not the same records: $(diff "$f" "$f.unshuffled" | head -5)"
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

# Cluster mode: every format says which host a record came from and which
# rank wrote a line.
"$TURBOTOP" -b --replay "$tmp/hosts.json" -f csv >"$tmp/hosts.csv" || fail "hosts: csv conversion exited $?"
python3 - "$tmp/hosts.csv" <<'PY' || fail "hosts: the CSV lost a host or a rank: $(cat "$tmp/hosts.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
s = [(r["host"], r["cpu"], r["busy"]) for r in rows if r["type"] == "sample"]
assert s == [("node1", "0", "90.0"), ("node1", "1", "20.0"),
             ("node2", "0", "30.0"), ("node2", "1", "95.0")], s
o = [(r["host"], r["rank"], r["text"]) for r in rows if r["type"] == "output"]
assert o == [("node2", "2", "rank 2 done"), ("node1", "", "a warning")], o
h = [(r["host"], r["text"]) for r in rows if r["type"] == "host"]
assert [x[0] for x in h] == ["node1", "node2", "node2"] and "lost" in h[2][1], h
assert [r["host"] for r in rows if r["type"] == "error"] == ["node2"], rows
assert all(r["host"] == "" for r in rows if r["type"] in ("hello", "start", "exit", "end")), rows
PY
"$TURBOTOP" -b --replay "$tmp/hosts.json" -f text >"$tmp/hosts.txt" || fail "hosts: text conversion exited $?"
for want in '^host node1:$' '^host node2:$' ' RANK COMMAND$' ' 0:00\.40 \+1 mpicompute$' \
    ' 0:00\.45 \+2 mpicompute$' ' - sshd$' '^\[node2/2 out\] rank 2 done$' \
    '^\[node1 77 err\] a warning$' '^host node2 lost: ' '^node2: error: agent: swept'; do
	grep -q -- "$want" "$tmp/hosts.txt" || fail "hosts: text lacks /$want/: $(cat "$tmp/hosts.txt")"
done
[ "$(sed -n '/^host node2:$/,/^$/p' "$tmp/hosts.txt" | grep -c '^%Cpu')" = 2 ] ||
	fail "hosts: text: not node2's 2 cores under its name"

# A live stream through a pipe: records come as they are written.
"$TURBOTOP" -b -n 3 -d 0.1 -f json | "$TURBOTOP" -b --replay - -f text >"$tmp/live.txt" ||
	fail "the pipe exited $?"
[ "$(grep -c '^turbotop - ' "$tmp/live.txt")" = 3 ] || fail "the pipe: not 3 samples: $(cat "$tmp/live.txt")"

# --replay is not for a demo.
"$TURBOTOP" -b --replay "$tmp/top.json" welcome >/dev/null 2>"$tmp/err" && fail "--replay with a demo was accepted"
grep -q -- '--replay' "$tmp/err" || fail "no message for --replay with a demo"
exit 0
