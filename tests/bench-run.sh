#!/bin/bash
# bench-run.sh: a benchmark of a command whose run time is known (a sleep of
# 0.8/K seconds) gives speedups near K, within loose bounds, and records
# whose arithmetic holds: speedup = T(1)/T(K), efficiency = speedup/K,
# Karp-Flatt from the speedup; text, CSV and JSON agree; the SVG is XML.
#
# The arithmetic is checked strictly on every attempt. The speed bounds
# depend on the machine: a loaded one can delay a run by a second, so a
# measurement out of bounds is tried again, up to 3 times in all.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
command -v python3 >/dev/null || skip "python3 is not installed"

tmp=$(mk_tmpdir)
cmd=(-- sh -c 'case {w} in 1) t=0.8;; 2) t=0.4;; 4) t=0.2;; esac; sleep $t')

# check_json FILE: 0 if right, 3 if right but out of the speed bounds.
check_json() {
	PYTHONPATH=$TESTS_SRCDIR python3 - "$1" <<'PY'
import json, sys
import events
recs = [r for r in events.load(sys.argv[1]) if r["type"] == "bench"]
assert [r["workers"] for r in recs] == [1, 2, 4], recs
t1 = recs[0]["wall_median_s"]
for r in recs:
    k = r["workers"]
    for f in ("runs", "wall_median_s", "wall_min_s", "wall_max_s", "speedup",
              "efficiency", "karp_flatt", "failed", "error"):
        assert f in r, (f, r)
    assert r["runs"] == 2 and r["failed"] == 0 and r["error"] is None, r
    assert r["wall_min_s"] <= r["wall_median_s"] <= r["wall_max_s"], r
    s = r["speedup"]
    assert abs(s - t1 / r["wall_median_s"]) < 1e-4 * s, r
    assert abs(r["efficiency"] - s / k) < 1e-4, r
    if k == 1:
        assert s == 1 and r["karp_flatt"] is None, r
    else:
        # From the unrounded speedup: Karp-Flatt magnifies the rounding of
        # a small speedup (a loaded machine gives S < 1).
        su = t1 / r["wall_median_s"]
        e = (1 / su - 1 / k) / (1 - 1 / k)
        assert abs(r["karp_flatt"] - e) < 1e-4 * max(1, abs(e)), r
    # Busy % per core during the runs: one figure per cpu, for every K.
    assert 1 <= len(r["busy"]) == len(recs[0]["busy"]), r
    assert all(0 <= b <= 100.5 for b in r["busy"]), r
    assert abs(r["busy_mean"] - sum(r["busy"]) / len(r["busy"])) < 0.11, r
f = recs[0]["amdahl_f"]
assert f is not None and 0 <= f <= 1, f
assert all(r["amdahl_f"] == f for r in recs)
# The workload: 0.8 s / K, a sleep never shorter than asked.
assert t1 >= 0.8, t1
ok = (1.25 < recs[1]["speedup"] < 2.8 and 1.8 < recs[2]["speedup"] < 6
      and f < 0.5)
if not ok:
    print("out of bounds:", [(r["workers"], r["speedup"]) for r in recs], f)
# The one-worker run is the witness of the machine's state: its sleep of
# 0.8 s taking 40% longer means the machine was too busy to judge speeds.
sys.exit(0 if ok else 4 if t1 > 1.4 * 0.8 else 3)
PY
}

busy=0 inconclusive=
for attempt in 1 2 3; do
	"$TURBOTOP" --bench=1,2,4 --repeat=2 -f json --bench-out="$tmp/chart.svg" \
	    "${cmd[@]}" >"$tmp/out.json" 2>"$tmp/err" ||
		fail "json run exited $?: $(cat "$tmp/err")"
	check_json "$tmp/out.json"
	rc=$?
	[ "$rc" = 0 ] && break
	[ "$rc" = 4 ] && busy=$((busy + 1))
	[ "$rc" = 3 ] || [ "$rc" = 4 ] || fail "JSON records are wrong: $(cat "$tmp/out.json")"
	if [ "$attempt" = 3 ] && [ "$busy" = 3 ]; then
		inconclusive=1	# the rest is checked, then SKIP
		break
	fi
	[ "$attempt" = 3 ] && fail "speedups out of bounds 3 times: $(cat "$tmp/out.json")"
	note "attempt $attempt out of bounds (a busy machine?), again"
done

python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert len(d.getElementsByTagName("circle")) == 3 + 1' \
    "$tmp/chart.svg" || fail "chart.svg is not the chart of 3 points"
grep -q "Amdahl fit: serial fraction" "$tmp/chart.svg" || fail "chart lacks the fit"

# CSV: a header, then a bench row per K with the same fields.
"$TURBOTOP" --bench=1,2 --repeat=1 -f csv "${cmd[@]}" >"$tmp/out.csv" 2>"$tmp/err" ||
	fail "csv run exited $?: $(cat "$tmp/err")"
python3 - "$tmp/out.csv" <<'PY' || fail "CSV records are wrong: $(cat "$tmp/out.csv")"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["type"] == "bench"]
assert [r["workers"] for r in rows] == ["1", "2"], rows
assert rows[0]["karp_flatt"] == "" and float(rows[0]["speedup"]) == 1, rows
assert rows[0]["runs"] == "1" and rows[0]["text"] == "", rows
s = float(rows[1]["speedup"])
assert abs(s - float(rows[0]["wall_median_s"]) / float(rows[1]["wall_median_s"])) < 1e-4 * s
assert abs(float(rows[1]["efficiency"]) - s / 2) < 1e-4
PY

# Text: a table with a row per K, '-' for Karp-Flatt with one worker.
"$TURBOTOP" --bench=2 --repeat=1 "${cmd[@]}" >"$tmp/out.txt" 2>"$tmp/err" ||
	fail "text run exited $?: $(cat "$tmp/err")"
grep -q "adding 1 worker" "$tmp/err" || fail "not told that 1 was added: $(cat "$tmp/err")"
grep -Eq '^ +1 +1 +[0-9.]+ +[0-9.]+ +[0-9.]+ +1\.00 +1\.00 +- ' "$tmp/out.txt" ||
	fail "no row for 1 worker: $(cat "$tmp/out.txt")"
grep -Eq '^ +2 +1 +[0-9.]+ ' "$tmp/out.txt" || fail "no row for 2 workers: $(cat "$tmp/out.txt")"
grep -q '^Amdahl fit: serial fraction f = ' "$tmp/out.txt" || fail "no fit: $(cat "$tmp/out.txt")"
[ -n "$inconclusive" ] &&
	skip "the machine was too busy in every attempt to judge the speedups"
exit 0
