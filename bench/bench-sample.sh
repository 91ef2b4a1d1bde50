#!/bin/sh
# bench-sample.sh: the sampling cost of turbotop -b -d 0.1 against top -b -d 0.1,
# measured in the same run over the same window: CPU seconds (utime + stime
# from /proc/PID/stat) each monitor used, with about 300 processes on the
# machine (sleepers are added if there are fewer). Target: turbotop at most
# half of top. turbotop --all (every process, as top -b prints) is measured
# alongside, for the like-for-like figure.
# BENCH_SECS overrides the 30 s window.
: "${TURBOTOP:?TURBOTOP must point at the turbotop binary (make bench)}"
secs=${BENCH_SECS:-30}
want=300

if ! command -v top >/dev/null 2>&1; then
	echo "sample: SKIPPED (top is not installed)"
	exit 0
fi

pids=""
cleanup() {
	# shellcheck disable=SC2086
	[ -n "$pids" ] && kill $pids 2>/dev/null
	wait 2>/dev/null
}
trap cleanup EXIT INT TERM

# About 300 processes, as in the measurement.
have=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
n=0
while [ $((have + n)) -lt $want ]; do
	sleep 100000 &
	pids="$pids $!"
	n=$((n + 1))
done

# CPU seconds used so far by pid: utime + stime (fields 14, 15) / CLK_TCK.
cpu_secs() {
	awk -v hz="$(getconf CLK_TCK)" '{
		sub(/^.*\) /, "");	# after "pid (comm) ": field 1 is the state
		printf "%.2f\n", ($12 + $13) / hz
	}' "/proc/$1/stat"
}

top -b -d 0.1 >/dev/null 2>&1 &
top_pid=$!
"$TURBOTOP" -b -d 0.1 >/dev/null 2>&1 &
tt_pid=$!
"$TURBOTOP" -b -d 0.1 --all >/dev/null 2>&1 &
all_pid=$!
pids="$pids $top_pid $tt_pid $all_pid"

sleep "$secs"
top_s=$(cpu_secs $top_pid)
tt_s=$(cpu_secs $tt_pid)
all_s=$(cpu_secs $all_pid)
procs=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)

awk -v t="$top_s" -v a="$tt_s" -v b="$all_s" -v s="$secs" -v p="$procs" 'BEGIN {
	if (t <= 0) { print "sample: FAILED (top used no CPU time)"; exit 1 }
	printf "sample: %.2f (turbotop -b -d 0.1 %.2f s = %.1f%% of a core vs top -b -d 0.1 %.2f s = %.1f%%; %d processes, %d s; target <= 0.50)\n",
	    a / t, a, 100 * a / s, t, 100 * t / s, p, s
	printf "sample-all: %.2f (turbotop -b -d 0.1 --all %.2f s = %.1f%% of a core vs top -b -d 0.1 %.2f s)\n",
	    b / t, b, 100 * b / s, t
}'
