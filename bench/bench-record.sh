#!/bin/sh
# bench-record.sh: what -r (recording the TUI as asciicast) costs, against
# the same TUI not recording, in the same run.
#
# Two turbotop TUIs, each in its own 120x40 tmux pane, refresh every 0.1 s
# while a demo prints 50 lines a second into the output pane, one with
# -r FILE, one without, side by side for 30 s.
# The ratio is the recording turbotop's CPU seconds (all its threads: the
# pty copy and the JSON encoding included) over the other's, the median of
# three windows. Target: at most 1.3. It also prints how fast the recording
# grew.
# Usage: make bench, or TURBOTOP=... sh bench/bench-record.sh [SECONDS]
: "${TURBOTOP:?TURBOTOP must point at the turbotop binary}"
secs=${1:-30}

if ! command -v tmux >/dev/null 2>&1; then
	echo "record: SKIPPED (tmux is not installed)"
	exit 0
fi

. "$(dirname "$0")/lib.sh"
sock="bench-record-$$"
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-record.XXXXXX") || exit 1
cleanup() {
	tm_cleanup
	rm -rf "$dir"
	return 0
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A steady demo: 50 short lines a second, so both draw the same amount.
cat >"$dir/steady.sh" <<'SH'
i=0
while :; do
	i=$((i + 1))
	echo "line $i of a steady demo"
	sleep 0.02
done
SH
side_by_side rec "exec $TURBOTOP -d 0.1 -r $dir/b.cast -- sh $dir/steady.sh" \
    plain "exec $TURBOTOP -d 0.1 -- sh $dir/steady.sh" ||
	{ echo "record: FAILED to start tmux"; exit 1; }
sleep 3

rpid=$(pane_pid rec)
ppid=$(pane_pid plain)
size() { wc -c <"$dir/b.cast" 2>/dev/null || echo 0; }
b0=$(size)
if ! m=$(measure3 "$rpid" "$ppid" "$secs"); then
	echo "record: FAILED (a turbotop exited during the run)"
	exit 1
fi
b1=$(size)
tm send-keys -t rec q
tm send-keys -t plain q
set -- $m
kb=$(( (b1 - b0) / 1024 / $7 ))
printf "record: %s (median of %s %s %s: turbotop -r %s s vs turbotop %s s of CPU over %s s, refreshing every 0.1 s in 120x40 with 50 lines/s of output; recording grew %s KiB/s; target <= 1.30)\n" \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$kb"
