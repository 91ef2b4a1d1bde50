#!/bin/sh
# bench-replay.sh: what --replay costs, against the live TUI in the same run.
#
# A demo of 4 spinning processes is recorded for 20 s at 0.1 s (turbotop -b
# -f json), stretched to an hour by repeating it (times shifted); then the
# live TUI watching the same demo at -d 0.1 and the replay of the hour at x16
# (also -d 0.1) run side by side in their own 120x40 tmux panes for SECONDS;
# the ratio is the replay's CPU seconds over the live TUI's. Target: at most
# 0.5 (issue 13). Where the replay's CPU goes (callgrind, 30 s at x16):
# about a quarter is reading 160 sample records a second, the rest its
# frames, which cost the live TUI as much (more: at x16 the history and
# timeline move 16 samples a frame). A sample is read skimmed, up to its
# "procs" (~60k instructions for one of these 1.7 KB records, ~176k read
# whole); for the last one before a frame, what the skim left (procs, sys)
# is parsed on its own for the process table (~100k; event-read.c). About
# half of a frame is curses writing the changed cells, mostly the colour
# changes along the timeline's strips (each one a terminfo parameter
# string to expand), the same cost as in the live TUI.
# Usage: make bench, or TURBOTOP=... sh bench/bench-replay.sh [SECONDS]
: "${TURBOTOP:?TURBOTOP must point at the turbotop binary}"
secs=${1:-20}

for p in tmux python3; do
	if ! command -v "$p" >/dev/null 2>&1; then
		echo "replay: SKIPPED ($p is not installed)"
		exit 0
	fi
done

. "$(dirname "$0")/lib.sh"
sock="bench-replay-$$"
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-replay.XXXXXX") || exit 1
cleanup() {
	tm_cleanup
	rm -rf "$dir"
	return 0
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

spin='for i in 1 2 3 4; do (while :; do :; done) & done; wait'
"$TURBOTOP" -b -d 0.1 -n 200 -f json -- sh -c "$spin" > "$dir/rec.json" ||
	{ echo "replay: FAILED to record"; exit 1; }
python3 - "$dir/rec.json" > "$dir/hour.json" <<'PY' || { echo "replay: FAILED to stretch"; exit 1; }
import json, sys
lines = open(sys.argv[1]).read().splitlines()
hello, body = lines[0], [json.loads(l) for l in lines[1:]]
body = [r for r in body if r["type"] in ("sample", "output")]
span = max(r["t"] for r in body) + 0.1
print(hello)
print(json.dumps({"type": "start", "t": 0.0, "job": "spin", "pgid": 1}))
k = 0
while k * span < 3600:
    for r in body:
        r2 = dict(r)
        r2["t"] = round(r["t"] + k * span, 3)
        print(json.dumps(r2, separators=(",", ":")))
    k += 1
PY

side_by_side live "exec $TURBOTOP -d 0.1 -- sh -c '$spin'" \
    play "exec $TURBOTOP -d 0.1 --replay $dir/hour.json" ||
	{ echo "replay: FAILED to start tmux"; exit 1; }
sleep 2
tm send-keys -t play '>' '>' '>' '>'
sleep 1

lpid=$(pane_pid live)
ppid=$(pane_pid play)
if ! m=$(measure3 "$ppid" "$lpid" "$secs"); then
	echo "replay: FAILED (a TUI exited during the run)"
	exit 1
fi
tm capture-pane -p -t play | head -1 | grep -q 'x16' ||
	{ echo "replay: FAILED (the replay is not at x16)"; exit 1; }
tm send-keys -t live q
tm send-keys -t play q
set -- $m
printf "replay: %s (median of %s %s %s: replay of a %s MB hour at x16 %s s vs the live TUI %s s of CPU over %s s, both refreshing every 0.1 s in 120x40; target <= 0.50)\n" \
    "$1" "$2" "$3" "$4" "$(du -m "$dir/hour.json" | cut -f1)" "$5" "$6" "$7"
