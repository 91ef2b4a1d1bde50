#!/bin/sh
# bench/bench-compute.sh: the compute demo against python3 running the same
# loop (bench/compute.py), all measured in this run:
#   compute-vs-python      T(python3 -w 1) / T(compute -w 1), n = 5,000,000   (target >= 10)
#   compute-efficiency-w2  T1 / (2 * T2), compute -w 1 against -w 2           (target >= 0.95 on 2+ cores)
#   python-efficiency-w2   the same for python3's multiprocessing, for reference
# T is the median of 5 wall times of the whole process, measured from the
# shell (start-up included). Efficiency is also given from the programs' own
# "wall time" line (fork to final sum, without exec and start-up), and at
# n = 50,000,000, where start-up no longer weighs.
# Needs DEMOS (make bench sets it) and python3.
here=$(cd "$(dirname "$0")" && pwd)
: "${DEMOS:?set DEMOS to the built demos directory (make bench does)}"
command -v python3 >/dev/null 2>&1 || { echo "compute: python3 is not installed, skipped"; exit 0; }
N=${BENCH_COMPUTE_N:-5000000}
NBIG=${BENCH_COMPUTE_NBIG:-50000000}
RUNS=5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# run CMD...: run CMD RUNS times; set T (median shell wall time, s), TIN (median
# of its own "wall time" line) and SUM (its sum line, the same every run).
run() {
	: >"$tmp/ext"
	: >"$tmp/int"
	i=0
	while [ $i -lt $RUNS ]; do
		s=$(date +%s%N)
		"$@" >"$tmp/out" || { echo "compute: '$*' failed"; exit 1; }
		e=$(date +%s%N)
		echo $((e - s)) >>"$tmp/ext"
		sed -n 's/^wall time: \([0-9.]*\) s$/\1/p' "$tmp/out" >>"$tmp/int"
		i=$((i + 1))
	done
	T=$(sort -n "$tmp/ext" | sed -n 3p | awk '{ printf "%.4f", $1 / 1e9 }')
	TIN=$(sort -n "$tmp/int" | sed -n 3p)
	SUM=$(grep '^parallel computed sum:' "$tmp/out")
}
ratio() { awk -v a="$1" -v b="$2" -v k="$3" 'BEGIN { printf "%.2f", a / (k * b) }'; }

run python3 "$here/compute.py" -n "$N" -w 1; py1=$T; py1in=$TIN; pysum=$SUM
run "$DEMOS/compute" -n "$N" -w 1; c1=$T; c1in=$TIN
[ "$SUM" = "$pysum" ] || { echo "compute: the sums differ: $SUM vs $pysum"; exit 1; }
run "$DEMOS/compute" -n "$N" -w 2; c2=$T; c2in=$TIN
[ "$SUM" = "$pysum" ] || { echo "compute: -w 2 sum differs: $SUM vs $pysum"; exit 1; }
run python3 "$here/compute.py" -n "$N" -w 2; py2=$T; py2in=$TIN
run "$DEMOS/compute" -n "$NBIG" -w 1; b1=$T
run "$DEMOS/compute" -n "$NBIG" -w 2; b2=$T

echo "compute-vs-python: $(ratio "$py1" "$c1" 1)x (compute -w 1 $c1 s vs python3 $py1 s, n=$N; target >= 10)"
echo "compute-efficiency-w2: $(ratio "$c1" "$c2" 2) (compute -w 1 $c1 s vs -w 2 $c2 s, n=$N; own wall times: $(ratio "$c1in" "$c2in" 2); target >= 0.95)"
echo "compute-efficiency-w2-n$NBIG: $(ratio "$b1" "$b2" 2) (compute -w 1 $b1 s vs -w 2 $b2 s)"
echo "python-efficiency-w2: $(ratio "$py1" "$py2" 2) (python3 -w 1 $py1 s vs -w 2 $py2 s, n=$N; own wall times: $(ratio "$py1in" "$py2in" 2); reference)"
