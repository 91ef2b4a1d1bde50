#!/bin/bash
# sample-batch.sh: batch mode on the whole machine (turbotop -b, no demo):
# JSON lines are the event stream (a hello, samples with exactly the
# schema's fields, an end) and validate against the schema, CSV has a header
# and one row per core per sample, text has one %Cpu line per core, -n is honoured,
# a bad -d is refused, records arrive live, a closed pipe and SIGTERM end it
# quietly.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)

# -n is honoured, in every format.
"$TURBOTOP" -b -n 3 -d 0.05 -f json >"$tmp/j" 2>"$tmp/err" || fail "json run: $(cat "$tmp/err")"
[ "$(grep -c '"type":"sample"' "$tmp/j")" = 3 ] || fail "json: $(wc -l <"$tmp/j") lines for -n 3"
[ -s "$tmp/err" ] && fail "json run wrote to stderr: $(cat "$tmp/err")"

if command -v python3 >/dev/null 2>&1; then
	PYTHONPATH=$TESTS_SRCDIR python3 - "$tmp/j" "$ncpu" <<'PY' || fail "json lines do not check out"
import json, sys
import events
recs = events.load(sys.argv[1])
assert [r["type"] for r in recs] == ["hello", "sample", "sample", "sample", "end"], recs
assert recs[0]["cores"] >= 1 and recs[0]["argv"][1:] == ["-b", "-n", "3", "-d", "0.05", "-f", "json"], recs[0]
ncpu = int(sys.argv[2])
cpu_keys = ["id", "busy", "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
proc_keys = ["pid", "ppid", "pgid", "state", "cpu", "core", "rss_kb", "threads", "time", "cmd",
             "run_ms", "wait_ms", "sleep_ms", "migrations", "switches"]
last_t = -1
for o in recs[1:-1]:
    # The timeline before the procs: a replay reads most samples up to there.
    assert list(o.keys()) == ["type", "t", "cpus", "timeline", "procs", "sys"], o.keys()
    assert list(o["timeline"].keys()) == ["source", "lost", "cores"], o["timeline"]
    assert o["t"] > last_t, (o["t"], last_t)
    last_t = o["t"]
    assert len(o["cpus"]) == ncpu, (len(o["cpus"]), ncpu)
    for c in o["cpus"]:
        assert list(c.keys()) == cpu_keys, c.keys()
        s = sum(c[k] for k in cpu_keys[2:])
        assert 99 <= s <= 101, ("sum", s, c)
        assert abs(c["busy"] - (100 - c["idle"] - c["iowait"])) < 0.2, c
    assert 1 <= len(o["procs"]) <= 20, len(o["procs"])
    cpus = [p["cpu"] for p in o["procs"]]
    assert cpus == sorted(cpus, reverse=True), cpus
    for p in o["procs"]:
        assert list(p.keys()) == proc_keys, p.keys()
        assert isinstance(p["state"], str) and len(p["state"]) == 1, p
        assert p["pid"] > 0 and p["threads"] >= 1, p
PY
else
	note "python3 missing: JSON parsing not checked"
fi

# --all lists more than the busiest 20 (there are always more processes).
nall=$(ps -e --no-headers | wc -l)
if [ "$nall" -gt 30 ] && command -v python3 >/dev/null 2>&1; then
	"$TURBOTOP" -b -n 1 -d 0.05 -f json --all >"$tmp/all" || fail "--all run"
	n=$(python3 -c 'import json,sys; print(len(json.loads(open(sys.argv[1]).readlines()[1])["procs"]))' "$tmp/all")
	[ "$n" -gt 20 ] || fail "--all listed only $n processes"
fi

# CSV: a header, the hello, one row per core per sample, the end.
"$TURBOTOP" -b -n 2 -d 0.05 -f csv >"$tmp/c" || fail "csv run"
head -1 "$tmp/c" | grep -q '^type,t,cpu,online,busy,user,nice,system,idle,iowait,irq,softirq,steal,' ||
	fail "csv header: $(head -1 "$tmp/c")"
[ "$(grep -c '^sample,' "$tmp/c")" = $((2 * ncpu)) ] || fail "csv: $(grep -c '^sample,' "$tmp/c") sample rows, want $((2 * ncpu))"
[ "$(grep -c . "$tmp/c")" = $((3 + 2 * ncpu)) ] || fail "csv: $(grep -c . "$tmp/c") lines, want $((3 + 2 * ncpu))"
awk -F, '$1 == "sample" && NF != 34 { exit 1 }' "$tmp/c" || fail "csv: a row without 34 fields"
[ "$(grep -c '^type,' "$tmp/c")" = 1 ] || fail "csv: header repeated"

# Text: top's batch screen, one %Cpu line per core, -n 2 records.
"$TURBOTOP" -b -n 2 -d 0.05 >"$tmp/t" || fail "text run"
[ "$(grep -c '^turbotop - ' "$tmp/t")" = 2 ] || fail "text: not 2 records"
[ "$(grep -c '^%Cpu[0-9]' "$tmp/t")" = $((2 * ncpu)) ] || fail "text: per-core lines"
grep -q '^Tasks: ' "$tmp/t" || fail "text: no Tasks line"
grep -q 'PID.*%CPU.*COMMAND' "$tmp/t" || fail "text: no process header"

# A bad -d is refused with a message; 0.05 is accepted (above).
for d in 0.01 0 -1 abc 1e9; do
	if "$TURBOTOP" -b -n 1 -d "$d" >"$tmp/o" 2>"$tmp/e"; then
		fail "-d $d was accepted"
	fi
	grep -q 'delay' "$tmp/e" || fail "-d $d: no clear message: $(cat "$tmp/e")"
	[ -s "$tmp/o" ] && fail "-d $d: wrote records"
done

# Records arrive live through a pipe, and SIGTERM ends the run with status 0.
"$TURBOTOP" -b -d 0.1 -f json >"$tmp/live" 2>"$tmp/liveerr" &
pid=$!
cleanup_pid $pid
wait_until 20 test -s "$tmp/live" || fail "no record after 20 s"
kill -0 $pid 2>/dev/null || fail "it exited by itself"
kill -TERM $pid
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null" || fail "SIGTERM did not stop it"
wait $pid
rc=$?
[ "$rc" = 0 ] || fail "SIGTERM: exit status $rc"
[ -s "$tmp/liveerr" ] && fail "SIGTERM: stderr: $(cat "$tmp/liveerr")"
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/live" ||
		fail "a record was cut by SIGTERM"
fi

# SIGINT too (a background job starts with it ignored: turbotop takes it back).
"$TURBOTOP" -b -d 0.05 -f csv >"$tmp/int" 2>"$tmp/interr" &
pid=$!
cleanup_pid $pid
wait_until 20 test -s "$tmp/int" || fail "no csv record after 20 s"
kill -INT $pid
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null" || fail "SIGINT did not stop it"
wait $pid
rc=$?
[ "$rc" = 0 ] || fail "SIGINT: exit status $rc"
[ -s "$tmp/interr" ] && fail "SIGINT: stderr: $(cat "$tmp/interr")"
awk -F, '$1 == "sample" && NF != 34 { exit 1 }' "$tmp/int" || fail "SIGINT cut a csv row"

# A reader that goes away: quiet exit, status 0, no message.
( "$TURBOTOP" -b -d 0.05 -f json 2>"$tmp/pipeerr"; echo $? >"$tmp/piperc" ) | head -n 1 >/dev/null
wait_until 10 test -s "$tmp/piperc" || fail "no exit after the reader left"
[ "$(cat "$tmp/piperc")" = 0 ] || fail "EPIPE: exit status $(cat "$tmp/piperc")"
[ -s "$tmp/pipeerr" ] && fail "EPIPE: stderr: $(cat "$tmp/pipeerr")"

exit 0
