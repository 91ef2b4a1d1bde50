#!/bin/bash
# ui-replay-colours.sh: a replay gives a job's workers their colours in the
# order its stream first names them (a timeline's thread, an output line's
# writer, a process of a sample read whole), whichever way it is played and
# whatever the panes drew first: a recording replays in the same colours.
# Monochrome (NO_COLOR) shows a worker's colour index as its swatch in the
# legend ("0 5005  2 5001 ..."), so the indexes are read off the screen.
# The stream: six processes of one job, all listed from the first sample
# (as a lock's waiting workers are), two running at a time; 5005 writes
# first, then 5003 and 5001 run, 5002 writes, 5006 runs, 5004 writes.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
base=$TT_SOCK

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)
python3 - > "$dir/mix.json" <<'PY'
import json
def put(r): print(json.dumps(r, separators=(",", ":")))
put({"type": "hello", "schema": 1, "version": "0.1.0", "host": "synth",
     "cores": 2, "argv": ["mix"], "started": "2026-11-29T00:00:00.000Z"})
put({"type": "start", "t": 0.0, "job": "mix", "pgid": 5000})
put({"type": "output", "t": 0.1, "job": "mix", "pid": 5005, "stream": "out",
     "text": "first words from 5005"})
pairs = {0: (5003, 5001), 10: (5006, 5002), 20: (5004, 5005), 30: (5001, 5006)}
sysr = {"load": [1, 1, 1], "tasks": 70, "running": 2, "sleeping": 68,
        "stopped": 0, "zombie": 0, "uptime": 100.0, "mem_total_kb": 1000000,
        "mem_used_kb": 1000, "mem_avail_kb": 999000, "swap_total_kb": 0,
        "swap_used_kb": 0}
for k in range(1, 41):
    t = round(k * 0.25, 3)
    a, b = pairs[max(x for x in pairs if x <= k - 1)]
    cpus = [{"id": c, "busy": 100.0, "user": 100.0, "nice": 0.0, "system": 0.0,
             "idle": 0.0, "iowait": 0.0, "irq": 0.0, "softirq": 0.0,
             "steal": 0.0} for c in range(2)]
    procs = []
    for p in range(5001, 5007):
        cpu = 100.0 if p in (a, b) else 0.0
        procs.append({"pid": p, "ppid": 5000, "pgid": 5000,
                      "state": "R" if cpu else "S", "cpu": cpu,
                      "core": 0 if p == a else 1, "rss_kb": 500, "threads": 1,
                      "time": k * 0.1, "cmd": "mix", "run_ms": cpu * 2.5,
                      "wait_ms": 0.0, "sleep_ms": 250.0 - cpu * 2.5,
                      "migrations": 0, "switches": 1})
    cores = [{"id": c, "idle_ms": 0.0,
              "run": [{"pid": p, "tid": p, "ms": 250.0}]}
             for c, p in enumerate((a, b))]
    put({"type": "sample", "t": t, "cpus": cpus,
         "timeline": {"source": "exact", "lost": 0, "cores": cores},
         "procs": procs, "sys": sysr})
    if k % 8 == 0:
        w = [5002, 5004, 5006, 5001, 5003][k // 8 - 1]
        put({"type": "output", "t": t, "job": "mix", "pid": w,
             "stream": "out", "text": "line from %d" % w})
put({"type": "exit", "t": 10.2, "job": "mix", "pgid": 5000, "status": 0,
     "signal": 0})
PY

# The worker indexes the stream's order gives, by pid.
want="5001=2 5002=3 5003=1 5004=5 5005=0 5006=4"

# "PID=INDEX ..." for the workers the legend shows, sorted by pid.
legend() {
	tt_capture | grep -E '^ legend:' | grep -oE '[0-9] 50[0-9][0-9]' |
		awk '{ print $2 "=" $1 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
# Every worker the legend shows has the index the stream's order gives.
as_wanted() {
	local got=$1 p
	[ -n "$got" ] || return 1
	for p in $got; do
		case " $want " in *" $p "*) ;; *) return 1;; esac
	done
}

n=0 shown=0
play() {	# play W H KEYS...: replay to the end, pressing KEYS first
	local w=$1 h=$2 got
	shift 2
	n=$((n + 1))
	TT_SOCK="$base-$n"
	tt_start "$w" "$h" "NO_COLOR=1 LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/mix.json"
	tt_wait_text "REPLAY" 10
	[ $# -gt 0 ] && tt_send "$@"
	tt_wait_text "EXITED 0" 30
	tt_wait_text "10.2/10.2s end" 30
	ui_wait_stable 10
	got=$(legend)
	as_wanted "$got" ||
		fail "replay $n ($w x $h, keys: $*): legend $got, want $want: $(tt_capture)"
	shown=$(printf '%s\n' "$got" | wc -w)
	tt kill-server
}

# Played through at x1 (the table draws all six before most have run), to
# the end at once (the legend draws them first), from the middle, at 80x24.
play 120 40
[ "$shown" -ge 4 ] || fail "the legend showed only $shown workers"
play 120 40 '}'
play 120 40 Space ']' '}'
play 80 24 '>' '>' '>' '>'
exit 0
