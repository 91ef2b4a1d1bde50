#!/bin/bash
# demo-pmap.sh: the parallel map returns the serial map's results, and the
# sleep-bound map speeds up with W workers even past the core count (sleeping
# needs no core; the bound is loose and retried, as the machine may be busy).
# --cpu and --pool-only give the same results.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

out=$("$DEMOS/pmap" -n 3 -d 1 -w 2) || fail "pmap exited $?"
grep -q '^items: 9 (3x3 grid), each sleeps 1 ms$' <<<"$out" || fail "no items line: $out"
grep -q '^serial map: [0-9.]* s$' <<<"$out" || fail "no serial line: $out"
grep -q '^pmap with 2 processes: [0-9.]* s$' <<<"$out" || fail "no pmap line: $out"
grep -q '^results agree: yes$' <<<"$out" || fail "results differ: $out"
grep -q '^speedup: [0-9.]*$' <<<"$out" || fail "no speedup line: $out"

out=$("$DEMOS/pmap" -n 3 -d 5 -w 3 --cpu) || fail "pmap --cpu exited $?"
grep -q '^results agree: yes$' <<<"$out" || fail "--cpu: results differ: $out"
grep -q 'each computes for 5 ms' <<<"$out" || fail "--cpu: not CPU-bound: $out"

out=$("$DEMOS/pmap" -n 5 -d 1 -w 7 --pool-only) || fail "pmap --pool-only exited $?"
grep -q '^serial map' <<<"$out" && fail "--pool-only ran the serial map"
grep -q '^pmap with 7 processes: ' <<<"$out" || fail "--pool-only: no pmap line: $out"
grep -q '^results agree: yes$' <<<"$out" || fail "--pool-only: results differ: $out"

# 16 items of 40 ms: 0.64 s serially, about 0.16 s on 4 sleeping workers.
for try in 1 2 3; do
	out=$("$DEMOS/pmap" -n 4 -d 40 -w 4) || fail "pmap -w 4 exited $?"
	s=$(sed -n 's/^speedup: //p' <<<"$out")
	awk -v s="$s" 'BEGIN { exit !(s > 2) }' && exit 0
	note "try $try: sleep-bound speedup only $s"
done
fail "the sleep-bound map never sped up more than 2x with 4 workers"
