#!/bin/sh
# bench/bench-speedup.sh: how faithfully turbotop --bench times a run, and
# what its supervision costs, against python3 timing the same runs with
# subprocess.run and time.perf_counter (the plainest peer), in this run:
#   speedup-time-wK   median wall of pmap --pool-only -w K as turbotop --bench
#                     reports it / as python3 measures it             (target <= 1.05)
#   speedup-S4        turbotop's speedup S(4) / python3's S(4)        (target >= 0.95;
#                     python3's own spawn time makes its S(4) a little low)
#   speedup-overhead  turbotop --bench's own wall time / its runs' times
#                     (warm-up included): what the sampler, supervision
#                     and reporting add                                (target <= 1.10)
# Each side does 1 warm-up and RUNS runs per K, one at a time; the two
# alternate ROUNDS times (a shared machine's load drifts) and every figure
# is the median over the rounds.
# Needs TURBOTOP and DEMOS (make bench sets them) and python3.
: "${TURBOTOP:?set TURBOTOP (make bench does)}"
: "${DEMOS:?set DEMOS to the built demos directory (make bench does)}"
command -v python3 >/dev/null 2>&1 || { echo "speedup: python3 is not installed, skipped"; exit 0; }
RUNS=${BENCH_SPEEDUP_RUNS:-3}
ROUNDS=${BENCH_SPEEDUP_ROUNDS:-3}

python3 - "$TURBOTOP" "$DEMOS/pmap" "$RUNS" "$ROUNDS" <<'PY'
import json, statistics, subprocess, sys, time
turbotop, pmap = sys.argv[1], sys.argv[2]
runs, rounds = int(sys.argv[3]), int(sys.argv[4])
args = ["--pool-only", "-d", "10"]
ks = (1, 2, 4)
med = statistics.median

def py_once(k):
    t = time.perf_counter()
    subprocess.run([pmap, "-w", str(k)] + args, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t

tt_t = {k: [] for k in ks}; py_t = {k: [] for k in ks}
tt_s4, py_s4, over = [], [], []
for _ in range(rounds):
    t = time.perf_counter()
    out = subprocess.run([turbotop, "-f", "json", "--bench=1,2,4",
                          "--repeat=%d" % runs, "pmap"] + args,
                         stdout=subprocess.PIPE, check=True, text=True).stdout
    total = time.perf_counter() - t
    recs = {r["workers"]: r for r in map(json.loads, out.splitlines())}
    for k in ks:
        tt_t[k].append(recs[k]["wall_median_s"])
    tt_s4.append(recs[4]["speedup"])
    own = sum(runs * recs[k]["wall_median_s"] for k in ks) + recs[1]["wall_median_s"]
    over.append(total / own)
    py_once(1)
    m = {k: med([py_once(k) for _ in range(runs)]) for k in ks}
    for k in ks:
        py_t[k].append(m[k])
    py_s4.append(m[1] / m[4])

for k in ks:
    a, b = med(tt_t[k]), med(py_t[k])
    print("speedup-time-w%d: %.3f (turbotop --bench %.4f s vs python3 %.4f s; "
          "target <= 1.05)" % (k, a / b, a, b))
a, b = med(tt_s4), med(py_s4)
print("speedup-S4: %.3f (turbotop S(4) %.2f vs python3 %.2f; target >= 0.95)"
      % (a / b, a, b))
print("speedup-overhead: %.3f (turbotop --bench's wall / its runs' times; "
      "target <= 1.10)" % med(over))
PY
