#!/bin/bash
# trace-short.sh: workers that live less than one refresh are still in the
# exact timeline. The command forks two children that each spin ~60 ms of
# CPU and exit, between two ticks 2 s apart: the sampler does not list them
# (unless a loaded machine stretches them over a tick; the test says so),
# yet the tracer follows them from their fork, so their run time is in the
# interval's per-core runs, under their own pids (each child prints the
# kernel's own figure, schedstat, before it exits).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/trace-lib.sh"

need_exact
tmp=$(mk_tmpdir)

cat >"$tmp/forker.py" <<'PY'
import os, sys, time
time.sleep(0.3)         # well after the first tick
kids = []
for k in range(2):
    pid = os.fork()
    if pid == 0:
        t = time.thread_time()
        while time.thread_time() - t < 0.06:
            pass
        with open("/proc/self/schedstat") as f:
            run = int(f.read().split()[0]) / 1e6
        print("child %d run_ms=%.1f" % (os.getpid(), run), flush=True)
        os._exit(0)
    kids.append(pid)
for pid in kids:
    os.waitpid(pid, 0)
print("children done", flush=True)
time.sleep(2.5)         # one tick after them, then the end
PY

# Ticks 2 s apart; the children live ~0.1 s (more on a loaded machine).
# turbotop ends when the command does (-n is only a bound).
"$TURBOTOP" -b -n 5 -d 2 -f json --timeline=exact -- \
	python3 -u "$tmp/forker.py" >"$tmp/j" 2>"$tmp/err" ||
	fail "turbotop exited $?: $(cat "$tmp/err")"

tl_check "$tmp/j" '
assert recs, "no sample records"
if recs[-1]["timeline"]["lost"] > 0:
    print("SKIP: %d events lost: the machine is too busy to conclude" % recs[-1]["timeline"]["lost"])
    sys.exit(77)
assert all(r["timeline"]["source"] == "exact" for r in recs), "not exact"
kids = {}
for o in out:
    if o.startswith("child "):
        w = o.split()
        kids[int(w[1])] = float(w[2].split("=")[1])
assert len(kids) == 2, ("the children did not all report", out)
assert "children done" in out, ("the command did not finish", out)
listed = set(p["pid"] for r in recs for p in r["procs"])
ran = {}
for r in recs:
    for c in r["timeline"]["cores"]:
        for x in c["run"]:
            ran[x["pid"]] = ran.get(x["pid"], 0) + x["ms"]
for pid, run in sorted(kids.items()):
    got = ran.get(pid, 0)
    print("# child %d: schedstat %.1f ms, timeline %.1f ms%s" % (pid, run, got, " (listed by the sampler)" if pid in listed else ""))
    assert got >= 0.8 * run - 2, ("child %d: %.1f ms in the timeline, %.1f by schedstat" % (pid, got, run))
    assert got <= 1.5 * run + 20, ("child %d: %.1f ms in the timeline, %.1f by schedstat" % (pid, got, run))
'
