#!/bin/bash
# bench-floor.sh: --bench refuses to call noise a result. A built-in demo
# whose runs are shorter than the floor gets its workload sized up through
# its size option, and the records and the table say so; a command, which
# cannot be sized, gets a warning on stderr and in the table, its short
# points marked; worker counts beyond the machine's cores are marked in the
# records and the table, and the SVG says how many cores the machine has.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
command -v python3 >/dev/null || skip "python3 is not installed"

tmp=$(mk_tmpdir)
ncpu=$(getconf _NPROCESSORS_ONLN)

# A demo of 4 sleeps of 1 ms a run (a floor of 2 s: far above what even a
# loaded machine adds to a run): sized up, said in every record, in the
# table and on stderr; the medians are checked against the floor, not for
# a speed.
demo=(pmap --pool-only -d 1 -n 2)
"$TURBOTOP" --bench=1,2 --repeat=1 --bench-floor=2 -f json "${demo[@]}" \
    >"$tmp/demo.json" 2>"$tmp/demo.err" || fail "pmap bench exited $?: $(cat "$tmp/demo.err")"
python3 - "$tmp/demo.json" <<'PY' || fail "the records do not say the workload was sized up: $(cat "$tmp/demo.json")"
import json, re, sys
recs = [r for r in map(json.loads, open(sys.argv[1])) if r["type"] == "bench"]
assert [r["workers"] for r in recs] == [1, 2], recs
for r in recs:
    m = re.match(r"--grid 2 -> (\d+) \(a run with K=1 took [0-9.]+ s, under the 2 s floor\)$", r["sized"] or "")
    assert m and int(m.group(1)) > 2, r
    assert r["floor_s"] == 2 and r["cores"] >= 1, r
    assert r["short"] == (r["wall_median_s"] < 2), r
PY
grep -q "the workload was sized up so that runs last the 2 s floor: --grid 2 -> " \
    "$tmp/demo.err" || fail "stderr does not say the workload was sized up: $(cat "$tmp/demo.err")"
"$TURBOTOP" --bench=1 --repeat=1 --bench-floor=2 "${demo[@]}" >"$tmp/demo.txt" 2>/dev/null ||
	fail "pmap bench (text) exited $?"
grep -q "^workload sized up: --grid 2 -> [0-9]* (a run" "$tmp/demo.txt" ||
	fail "the table does not say the workload was sized up: $(cat "$tmp/demo.txt")"
grep -q "^benchmark: pmap -w K --pool-only -d 1 -n [0-9]*$" "$tmp/demo.txt" ||
	fail "the title is not the sized-up command: $(head -1 "$tmp/demo.txt")"

# A command of 0.05 s cannot be sized: a warning, and its points marked.
# K = ncpu + 1 is beyond the cores: marked; 1 is not.
over=$((ncpu + 1))
cmd=(-- sh -c 'sleep 0.05 # {w}')
"$TURBOTOP" --bench=1,$over --repeat=1 --bench-floor=0.5 -f json \
    --bench-out="$tmp/chart.svg" "${cmd[@]}" >"$tmp/cmd.json" 2>"$tmp/cmd.err" ||
	fail "command bench exited $?: $(cat "$tmp/cmd.err")"
# (When a loaded machine stretches the first run past the floor, the warning
# is the general one, on the medians.)
grep -Eq "Warning: (a run with K=1 took [0-9.]* s, under the 0.5 s floor, and this command cannot be sized up|some median runs are shorter than the floor)" \
    "$tmp/cmd.err" || fail "no warning for a command under the floor: $(cat "$tmp/cmd.err")"
python3 - "$tmp/cmd.json" "$over" <<'PY' || fail "the records are not marked: $(cat "$tmp/cmd.json")"
import json, sys
recs = [r for r in map(json.loads, open(sys.argv[1])) if r["type"] == "bench"]
over = int(sys.argv[2])
assert [r["workers"] for r in recs] == [1, over], recs
assert recs[0]["over_cores"] is False and recs[1]["over_cores"] is True, recs
assert all(r["cores"] == over - 1 for r in recs), recs
assert all(r["sized"] is None for r in recs), recs
# A sleep of 0.05 s lasts less than 0.5 s unless the machine stalls it 10x.
assert all(r["short"] == (r["wall_median_s"] < 0.5) for r in recs), recs
PY
grep -q "measured on a machine with $ncpu core" "$tmp/chart.svg" ||
	fail "the SVG does not say how many cores the machine has"
grep -q "more workers than cores past this line" "$tmp/chart.svg" ||
	fail "the SVG does not mark the worker counts beyond the cores"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmp/chart.svg" ||
	fail "chart.svg is not XML"

"$TURBOTOP" --bench=1,$over --repeat=1 --bench-floor=0.5 "${cmd[@]}" \
    >"$tmp/cmd.txt" 2>/dev/null || fail "command bench (text) exited $?"
grep -Eq "^ +$over +1 .*\[K > $ncpu cores\]" "$tmp/cmd.txt" ||
	fail "the table does not mark K=$over: $(cat "$tmp/cmd.txt")"
grep -Eq "^ +1 +1 .*\[K > " "$tmp/cmd.txt" && fail "the table marks K=1 as beyond the cores"
grep -q "^on $ncpu core" "$tmp/cmd.txt" || fail "the table does not say the core count"
if grep -Eq '^ +1 +1 +0\.[0-4]' "$tmp/cmd.txt"; then
	grep -Eq '^ +1 +1 .*\[short: noise\]' "$tmp/cmd.txt" ||
		fail "a run under the floor is not marked: $(cat "$tmp/cmd.txt")"
	grep -q "^Warning: " "$tmp/cmd.txt" || fail "the table has no warning"
fi

# --bench-floor=0: no warning, nothing marked short; a bad floor is refused.
"$TURBOTOP" --bench=1 --repeat=1 --bench-floor=0 -f json "${cmd[@]}" \
    >"$tmp/off.json" 2>"$tmp/off.err" || fail "floor 0 exited $?"
grep -q "Warning" "$tmp/off.err" && fail "a warning with the floor off: $(cat "$tmp/off.err")"
grep -q '"short":false' "$tmp/off.json" || fail "short with the floor off"
"$TURBOTOP" --bench=1 --bench-floor=x "${cmd[@]}" >/dev/null 2>"$tmp/bad.err"
[ $? = 2 ] || fail "a bad --bench-floor was not refused with status 2"
grep -q "invalid floor" "$tmp/bad.err" || fail "no message for a bad floor"
exit 0
