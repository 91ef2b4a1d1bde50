#!/bin/bash
# bench-demo.sh: --bench on the built-in pmap demo, the known-timing
# workload: 64 sleeps of 8 ms shared by K workers. With --pool-only the map
# speeds up about K times (even on 2 cores: sleepers need no core); with its
# serial map first, half the work is serial and the Amdahl fit says f ~ 0.5.
# The demo's own output is captured: stdout holds only the records.
# Speed bounds are loose and tried up to 3 times (a busy machine).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
command -v python3 >/dev/null || skip "python3 is not installed"
[ -x "$DEMOS/pmap" ] || fail "no pmap demo in $DEMOS"

tmp=$(mk_tmpdir)

# measure CHECK ARGS...: run turbotop --bench ARGS -f json until the python
# CHECK on the records exits 0 (3: out of bounds, try again; else fail).
measure() {
	local check=$1 attempt rc
	shift
	for attempt in 1 2 3; do
		"$TURBOTOP" -f json "$@" >"$tmp/out.json" 2>"$tmp/err" ||
			fail "'$*' exited $?: $(cat "$tmp/err")"
		python3 -c "$check" "$tmp/out.json"
		rc=$?
		[ "$rc" = 0 ] && return 0
		[ "$rc" = 3 ] || fail "'$*': records are wrong: $(cat "$tmp/out.json")"
		note "attempt $attempt out of bounds (a busy machine?), again"
	done
	fail "'$*': out of bounds 3 times: $(cat "$tmp/out.json")"
}

measure '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert [r["workers"] for r in recs] == [1, 2, 4], recs
assert all(r["runs"] == 1 and r["error"] is None for r in recs), recs
assert recs[0]["wall_median_s"] >= 64 * 0.008, recs[0]
s2, s4 = recs[1]["speedup"], recs[2]["speedup"]
sys.exit(0 if 1.25 < s2 < 2.8 and 1.8 < s4 < 6 else 3)
' --bench=1,2,4 --repeat=1 pmap --pool-only -d 8

measure '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert [r["workers"] for r in recs] == [1, 2, 4], recs
assert recs[0]["wall_median_s"] >= 2 * 64 * 0.008, recs[0]
f = recs[0]["amdahl_f"]
sys.exit(0 if 0.25 < f < 0.8 and recs[2]["speedup"] < 2.2 else 3)
' --bench=1,2,4 --repeat=1 pmap -d 8
exit 0
