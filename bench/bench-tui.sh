#!/bin/sh
# bench-tui.sh: what the TUI costs, against htop in the same run.
#
# With about 300 processes on the machine and a demo of 4 spinning processes,
# turbotop refreshing every 0.1 s and `htop -d 1` (also 0.1 s) each run in
# their own 120x40 tmux pane for 20 s; the ratio is turbotop's CPU seconds
# over htop's. Target: at most 0.5.
# Usage: make bench, or TURBOTOP=... sh bench/bench-tui.sh [SECONDS]
: "${TURBOTOP:?TURBOTOP must point at the turbotop binary}"
secs=${1:-20}

for p in tmux htop; do
	if ! command -v "$p" >/dev/null 2>&1; then
		echo "tui: SKIPPED ($p is not installed)"
		exit 0
	fi
done

. "$(dirname "$0")/lib.sh"
sock="bench-tui-$$"
sleepers=""
cleanup() {
	tm_cleanup
	[ -n "$sleepers" ] && kill $sleepers 2>/dev/null
	return 0
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# About 300 processes, as on a busy desktop.
n=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
while [ "$n" -lt 300 ]; do
	sleep 3600 &
	sleepers="$sleepers $!"
	n=$((n + 1))
done

spin='for i in 1 2 3 4; do (while :; do :; done) & done; wait'
side_by_side tt "exec $TURBOTOP -d 0.1 -- sh -c '$spin'" ht "exec htop -d 1" ||
	{ echo "tui: FAILED to start tmux"; exit 1; }
sleep 3

tpid=$(pane_pid tt)
hpid=$(pane_pid ht)
t0=$(cpu_ns "$tpid")
h0=$(cpu_ns "$hpid")
sleep "$secs"
t1=$(cpu_ns "$tpid")
h1=$(cpu_ns "$hpid")
if [ -z "$t0" ] || [ -z "$t1" ] || [ -z "$h0" ] || [ -z "$h1" ]; then
	echo "tui: FAILED (a monitor exited during the run)"
	exit 1
fi
tm send-keys -t tt q
awk -v t="$((t1 - t0))" -v h="$((h1 - h0))" -v hz=1e9 -v s="$secs" 'BEGIN {
	r = h > 0 ? t / h : 0
	printf "tui: %.2f (turbotop %.2f s vs htop %.2f s of CPU over %d s, ", r, t / hz, h / hz, s
	printf "both refreshing every 0.1 s in 120x40; target <= 0.50)\n"
}'
