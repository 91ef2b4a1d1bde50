#!/bin/sh
# bench/bench-compute.sh: the compute demo against python3 running the same
# loop (bench/compute.py), measured in this run:
#   compute-vs-python   T(python3, -w 1) / T(compute, -w 1) at n = 5,000,000   (target >= 10)
#   compute-efficiency  T1 / (2 * T2) for compute -w 1 and -w 2              (target >= 0.95 on 2+ cores)
#   python-efficiency   the same for python3 with multiprocessing, as a reference
# Each time is the median of 3 wall times (whole process, from the shell).
# Needs DEMOS (set by make bench) and python3.
here=$(cd "$(dirname "$0")" && pwd)
: "${DEMOS:?set DEMOS to the built demos directory (make bench does)}"
command -v python3 >/dev/null 2>&1 || { echo "compute: python3 not installed, skipped"; exit 0; }
N=${BENCH_COMPUTE_N:-5000000}
NBIG=${BENCH_COMPUTE_NBIG:-50000000}

# wall CMD...: the median of 3 wall times of CMD in seconds; the sum line goes to $tmp.
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
wall() {
	for r in 1 2 3; do
		s=$(date +%s%N)
		"$@" >"$tmp.out" || { echo "compute: '$*' failed" >&2; rm -f "$tmp.out"; exit 1; }
		e=$(date +%s%N)
		echo $(( e - s ))
	done | sort -n | sed -n 2p | awk '{ printf "%.4f\n", $1 / 1e9 }'
	grep '^parallel computed sum:' "$tmp.out" >"$tmp"
	rm -f "$tmp.out"
}

py1=$(wall python3 "$here/compute.py" -n "$N" -w 1); pysum=$(cat "$tmp")
c1=$(wall "$DEMOS/compute" -n "$N" -w 1); csum=$(cat "$tmp")
[ "$pysum" = "$csum" ] || { echo "compute: the sums differ: $csum vs $pysum"; exit 1; }
echo "compute-vs-python: $(awk -v a="$py1" -v b="$c1" 'BEGIN { printf "%.1fx", a / b }') (compute -w 1 ${c1} s vs python3 ${py1} s, n=$N; target >= 10x)"

c2=$(wall "$DEMOS/compute" -n "$N" -w 2)
echo "compute-efficiency-w2: $(awk -v a="$c1" -v b="$c2" 'BEGIN { printf "%.2f", a / (2 * b) }') (compute -w 1 ${c1} s vs -w 2 ${c2} s, n=$N; target >= 0.95)"
b1=$(wall "$DEMOS/compute" -n "$NBIG" -w 1)
b2=$(wall "$DEMOS/compute" -n "$NBIG" -w 2)
echo "compute-efficiency-w2-big: $(awk -v a="$b1" -v b="$b2" 'BEGIN { printf "%.2f", a / (2 * b) }') (compute -w 1 ${b1} s vs -w 2 ${b2} s, n=$NBIG; target >= 0.95)"
p2=$(wall python3 "$here/compute.py" -n "$N" -w 2)
echo "python-efficiency-w2: $(awk -v a="$py1" -v b="$p2" 'BEGIN { printf "%.2f", a / (2 * b) }') (python3 -w 1 ${py1} s vs -w 2 ${p2} s, n=$N; for reference)"
