#!/bin/sh
# bench-agent.sh: cluster mode's costs (issue 14), measured in one run.
#   agent: CPU seconds of turbotop --agent -d 0.1 (what a host pays) against
#          top -b -d 0.1 over the same window. Target: at most 0.5.
#   merge: % of a core turbotop -b uses to merge 16 synthetic hosts of 64
#          cores at -d 0.5 (tests/cluster-synth.py behind a fake rsh).
#          Target: under 5% (the TUI's figure comes with the TUI across hosts).
# BENCH_SECS overrides the 20 s window.
: "${TURBOTOP:?TURBOTOP must point at the turbotop binary (make bench)}"
secs=${BENCH_SECS:-20}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-agent.XXXXXX") || exit 1
pids=""
cleanup() {
	# shellcheck disable=SC2086
	[ -n "$pids" ] && kill $pids 2>/dev/null
	wait 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

cpu_secs() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$1/stat"
}

if command -v top >/dev/null 2>&1; then
	mkfifo "$dir/in"
	sleep 100000 > "$dir/in" &
	pids="$pids $!"
	"$TURBOTOP" --agent -d 0.1 < "$dir/in" > /dev/null 2>&1 &
	agent=$!
	# With a marker (a run's): every tick also reads each environment.
	"$TURBOTOP" --agent=1.2/ -d 0.1 < "$dir/in" > /dev/null 2>&1 &
	marked=$!
	top -b -d 0.1 > /dev/null 2>&1 &
	top_pid=$!
	pids="$pids $agent $marked $top_pid"
	sleep "$secs"
	awk -v a="$(cpu_secs $agent)" -v m="$(cpu_secs $marked)" \
	    -v t="$(cpu_secs $top_pid)" -v s="$secs" 'BEGIN {
		if (t <= 0) { print "agent: FAILED (top used no CPU time)"; exit 1 }
		printf "agent: %.2f (turbotop --agent -d 0.1 %.2f s vs top -b -d 0.1 %.2f s over %d s; target <= 0.50)\n", a / t, a, t, s
		printf "agent-marked: %.2f (with a run'"'"'s marker, its processes found by environment: %.2f s)\n", m / t, m
	}'
else
	echo "agent: SKIPPED (top is not installed)"
fi

py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || {
	echo "merge: SKIPPED (python3 is not installed)"; exit 0; }
printf '#!/bin/sh\nexec "%s" "%s/../tests/cluster-synth.py" "$1"\n' "$py" "$here" > "$dir/rsh"
chmod +x "$dir/rsh"
hosts=$(seq -s, -f 's%g' 1 16)
"$TURBOTOP" -b -f json -d 0.5 --hosts="$hosts" --rsh="$dir/rsh" > /dev/null 2>&1 &
merge=$!
pids="$pids $merge"
sleep "$secs"
awk -v m="$(cpu_secs $merge)" -v s="$secs" 'BEGIN {
	printf "merge: %.3f (turbotop -b merging 16 hosts x 64 cores at -d 0.5: %.2f s = %.1f%% of a core over %d s; target < 0.05)\n", m / s, m, 100 * m / s, s
}'
