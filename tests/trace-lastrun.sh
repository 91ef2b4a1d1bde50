#!/bin/bash
# trace-lastrun.sh: a demo whose workers live less than one refresh still
# shows them in the kept last run, and only them. `compute -n 100000` ends
# in a fraction of a second, its workers in a few ms - before any tick lists
# them; the exact timeline follows them from their fork, so the last run's
# legend names each worker (by the pid its output lines carry), as soon as
# the run is shown as kept (not only after the next tick), and no process
# that is not the run's.
#
# Two runs: the demo alone, and the demo started by a shell after a pause
# (`sh -c 'sleep 0.3; exec compute ...'`), which ends at another moment of
# the refresh: the run may end between a tick and its read of /proc, or
# just before a tick.
#
# Then batch mode: the same run ends before the first sample; the last
# sample, written when it ends, names each worker in its timeline.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/trace-lib.sh"

need_exact
[ -x "$DEMOS/compute" ] || skip "the compute demo is not built"

# round LABEL COMMAND...: run it, check the kept run's legend, quit.
round() {
	local label=$1 workers legend lead last entry w
	shift
	tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.5 --timeline=exact $*"
	kept() { tt_capture | grep -E '─ Core timeline' | grep -qF "last run: $label"; }
	wait_until 20 kept || fail "no kept last run in the timeline: $(tt_capture)"
	# At once: the legend of the first frame that shows the run kept.
	legend=$(tt_capture | grep -E '^ *legend:')
	tt_capture | grep -qE 'events? lost' &&
		skip "events lost: the machine is too busy to conclude"

	# The output pane labels each worker's lines with its pid: "  PID│ worker K: ...".
	workers=$(tt_capture | grep -oE '[0-9]+│ worker [0-9]+:' |
	    grep -oE '^[0-9]+' | sort -u)
	[ "$(echo "$workers" | grep -c .)" -ge 2 ] ||
		fail "no worker lines in the output: $(tt_capture)"
	[ -n "$legend" ] || fail "no legend: $(tt_capture)"
	for w in $workers; do
		echo "$legend" | grep -qE "[^0-9]$w( |\$)" ||
			fail "$label: worker $w is not in the last run's legend: '$legend' $(tt_capture)"
	done
	# Every entry is the run's: main, a worker, or a process the run made
	# before them (the shell's child that became sleep): a pid between
	# the leader's (the status line's pgid) and the last worker's.
	lead=$(tt_capture | grep -oE '\(pgid [0-9]+\)' | grep -oE '[0-9]+' | head -1)
	[ -n "$lead" ] || fail "no pgid in the status line: $(tt_capture)"
	last=$(echo "$workers" | sort -n | tail -1)
	for entry in $(echo "$legend" | sed 's/^ *legend://' |
	    grep -oE '(^| )[^ █░·]+( |$)' | tr -d ' '); do
		case "$entry" in
		main|other|idle) continue ;;
		esac
		case "$entry" in
		*[!0-9]*) fail "$label: '$entry' in the last run's legend is not the run's: '$legend'" ;;
		esac
		[ "$entry" -gt "$lead" ] && [ "$entry" -le "$last" ] ||
			fail "$label: '$entry' in the last run's legend is not the run's: '$legend' $(tt_capture)"
	done
	note "$label: $legend"
	tt_send q
	wait_until 15 tt_pane_dead || fail "q did not quit"
	tt kill-server 2>/dev/null
}

round "compute -n 100000" compute -n 100000
TT_SOCK="$TT_SOCK-2"	# a server of its own: the first may still be exiting
round "sh -c" -- sh -c "'sleep 0.3; exec $DEMOS/compute -n 100000'"

dir=$(mk_tmpdir)
"$TURBOTOP" -b -f json --timeline=exact compute -n 100000 >"$dir/run" ||
	fail "turbotop -b compute exited $?"
tl_check "$dir/run" '
import json
lines = [json.loads(l) for l in open(sys.argv[1])]
types = [r["type"] for r in lines]
workers = {r["pid"] for r in lines
           if r["type"] == "output" and "worker" in r["text"]}
assert len(workers) >= 2, "no worker lines: %s" % lines
assert recs, "no sample with a timeline: %s" % types
assert types.index("sample") < types.index("exit"), types
if any(r["timeline"].get("lost") for r in recs):
    sys.exit(77)
ran = {x["pid"] for r in recs for c in r["timeline"]["cores"]
       for x in c.get("run", [])}
assert workers <= ran, "workers %s, the timeline has %s" % (workers, ran)
'
case $? in
0) ;;
77) skip "events lost: the machine is too busy to conclude" ;;
*) fail "batch: the last sample does not have the run: $(cat "$dir/run")" ;;
esac
exit 0
