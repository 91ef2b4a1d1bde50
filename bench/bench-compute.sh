#!/bin/sh
# bench/bench-compute.sh: the compute demo against python3 running the same
# loop (bench/compute.py), all measured in this run:
#   compute-vs-python      T(python3 -w 1) / T(compute -w 1), n = 5,000,000   (target >= 10)
#   compute-efficiency-w2  T1 / (2 * T2), compute -w 1 against -w 2           (target >= 0.95 on 2+ cores)
#   python-efficiency-w2   the same for python3's multiprocessing, for reference
# Times are wall times of the whole process, measured from the shell
# (start-up included). The two commands of a pair run alternately, RUNS times
# each, so both meet the same machine; T is the median, and the ratio of the
# fastest runs is given too (the least disturbed, on a busy machine).
# Efficiency is also measured at n = 50,000,000, where start-up weighs less.
# Needs DEMOS (make bench sets it) and python3.
here=$(cd "$(dirname "$0")" && pwd)
: "${DEMOS:?set DEMOS to the built demos directory (make bench does)}"
command -v python3 >/dev/null 2>&1 || { echo "compute: python3 is not installed, skipped"; exit 0; }
N=${BENCH_COMPUTE_N:-5000000}
NBIG=${BENCH_COMPUTE_NBIG:-50000000}
RUNS=${BENCH_COMPUTE_RUNS:-7}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# once NAME CMD...: run CMD once, append its wall time (ns) to $tmp/NAME, keep its sum line.
once() {
	name=$1
	shift
	s=$(date +%s%N)
	"$@" >"$tmp/out" || { echo "compute: '$*' failed"; exit 1; }
	e=$(date +%s%N)
	echo $((e - s)) >>"$tmp/$name"
	grep '^parallel computed sum:' "$tmp/out" >"$tmp/$name.sum"
}
# pair A B: RUNS runs each of the commands run_A and run_B, alternating.
pair() {
	: >"$tmp/$1"
	: >"$tmp/$2"
	r=0
	while [ $r -lt "$RUNS" ]; do
		once "$1" "run_$1"
		once "$2" "run_$2"
		r=$((r + 1))
	done
	[ "$(cat "$tmp/$1.sum")" = "$(cat "$tmp/$2.sum")" ] ||
		{ echo "compute: the sums differ: $(cat "$tmp/$1.sum") vs $(cat "$tmp/$2.sum")"; exit 1; }
}
run_py1() { python3 "$here/compute.py" -n "$N" -w 1; }
run_py2() { python3 "$here/compute.py" -n "$N" -w 2; }
run_c1() { "$DEMOS/compute" -n "$N" -w 1; }
run_c2() { "$DEMOS/compute" -n "$N" -w 2; }
run_b1() { "$DEMOS/compute" -n "$NBIG" -w 1; }
run_b2() { "$DEMOS/compute" -n "$NBIG" -w 2; }
med() { sort -n "$tmp/$1" | awk '{ t[NR] = $1 } END { printf "%.4f", t[int((NR + 1) / 2)] / 1e9 }'; }
best() { sort -n "$tmp/$1" | awk 'NR == 1 { printf "%.4f", $1 / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" -v k="$3" 'BEGIN { printf "%.2f", a / (k * b) }'; }

pair py1 c1
echo "compute-vs-python: $(ratio "$(med py1)" "$(med c1)" 1)x (compute -w 1 $(med c1) s vs python3 $(med py1) s, n=$N, medians of $RUNS; fastest runs: $(ratio "$(best py1)" "$(best c1)" 1)x; target >= 10)"

pair c1 c2
echo "compute-efficiency-w2: $(ratio "$(med c1)" "$(med c2)" 2) (compute -w 1 $(med c1) s vs -w 2 $(med c2) s, n=$N, medians of $RUNS; fastest runs: $(ratio "$(best c1)" "$(best c2)" 2); target >= 0.95)"

pair b1 b2
echo "compute-efficiency-w2-n$NBIG: $(ratio "$(med b1)" "$(med b2)" 2) (compute -w 1 $(med b1) s vs -w 2 $(med b2) s, medians of $RUNS; fastest runs: $(ratio "$(best b1)" "$(best b2)" 2))"

pair py1 py2
echo "python-efficiency-w2: $(ratio "$(med py1)" "$(med py2)" 2) (python3 -w 1 $(med py1) s vs -w 2 $(med py2) s, medians of $RUNS; fastest runs: $(ratio "$(best py1)" "$(best py2)" 2); reference)"
