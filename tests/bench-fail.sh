#!/bin/bash
# bench-fail.sh: a failing run is reported, not averaged in: its K has no
# figures, the error says why, the exit status is 1. Nothing is left behind,
# neither after a run that left a child nor after an interrupt.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
command -v python3 >/dev/null || skip "python3 is not installed"

tmp=$(mk_tmpdir)

# K=2 fails (exit 3): reported; K=1 and K=4 are measured.
"$TURBOTOP" --bench=1,2,4 --repeat=2 -f json -- \
    sh -c 'sleep 0.05; test {w} != 2 || exit 3' >"$tmp/out.json" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "exit status $rc with a failed run, not 1"
grep -q "run 1 of 2 with K=2 failed: exit status 3" "$tmp/err" ||
	fail "failure not reported on stderr: $(cat "$tmp/err")"
PYTHONPATH=$TESTS_SRCDIR python3 - "$tmp/out.json" <<'PY' || fail "records are wrong: $(cat "$tmp/out.json")"
import json, sys
import events
recs = {r["workers"]: r for r in events.load(sys.argv[1]) if r["type"] == "bench"}
assert sorted(recs) == [1, 2, 4], recs
bad = recs[2]
assert bad["failed"] == 1 and bad["speedup"] is None and bad["wall_median_s"] is None, bad
assert "exit status 3" in bad["error"], bad
assert recs[4]["runs"] == 2 and recs[4]["speedup"] is not None, recs[4]
PY

# The baseline fails: nothing to compare with, the benchmark stops there.
"$TURBOTOP" --bench=1,2 --repeat=1 -- sh -c 'kill -KILL $$ # {w}' \
    >"$tmp/out.txt" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "exit status $rc when every run is killed, not 1"
grep -q "warm-up run with K=1 failed: killed by signal 9" "$tmp/err" ||
	fail "killed warm-up not reported: $(cat "$tmp/err")"

# A run that leaves a child behind: the child goes with it. (The sleeps are
# marked with this test's pid: another build may run this test meanwhile.)
mark=$$
"$TURBOTOP" --bench=1 --repeat=1 -- sh -c "sleep 317.$mark{w} & sleep 0.05" \
    >/dev/null 2>"$tmp/err" || fail "exit status $?: $(cat "$tmp/err")"
left() { pgrep -f "sleep 317\\.${mark}1\$" >/dev/null; }
wait_until 10 eval '! left' || fail "a run's child was left behind"

# Interrupted in the middle of a run: it stops, the run is gone.
"$TURBOTOP" --bench=1 --repeat=1 -- sh -c "sleep 318.$mark{w}" >"$tmp/int.txt" 2>"$tmp/int.err" &
tt_pid=$!
cleanup_pid "$tt_pid"
wait_until 20 pgrep -f "sleep 318\\.${mark}1\$" >/dev/null || fail "the run never started"
kill -INT "$tt_pid"
wait_until 20 eval '! kill -0 $tt_pid 2>/dev/null' || fail "turbotop did not stop on SIGINT"
wait "$tt_pid"
rc=$?
[ "$rc" = 1 ] || fail "exit status $rc after an interrupt, not 1"
grep -q "interrupted" "$tmp/int.err" || fail "no word of the interrupt: $(cat "$tmp/int.err")"
wait_until 10 eval '! pgrep -f "sleep 318\\.${mark}1\$" >/dev/null' || fail "the interrupted run was left behind"
exit 0
