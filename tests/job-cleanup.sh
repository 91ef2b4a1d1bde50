#!/bin/bash
# job-cleanup.sh: nothing is left behind. While `waste -w 8` runs under
# turbotop -b, turbotop gets SIGKILL, SIGHUP, SIGTERM, SIGINT or quits (-n):
# 2 s later no process of the demo exists, including a descendant that left
# the demo's process group (setsid) and one whose parent exited (orphan).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"
tmp=$(mk_tmpdir)
tag=$((200000 + $$ % 100000))	# unique sleep lengths mark the escapees

# The demo's processes: waste's, and the two escaped sleeps.
demo_pids() {
	procs_of_exe "$(readlink -f "$DEMOS/waste")"
	pgrep -f "^sleep ($tag|$((tag + 1)))\$" 2>/dev/null
	return 0
}
count_demo() { demo_pids | wc -l; }
has_started() { [ "$(count_demo)" -ge 11 ]; }
all_gone() { [ "$(count_demo)" = 0 ]; }

# start_demo [TURBOTOP-ARG...]: waste -w 8 plus the escapees, under turbotop -b.
start_demo() {
	"$TURBOTOP" -b -d 0.2 -f json "$@" -- sh -c "
		setsid sleep $tag &
		(sleep $((tag + 1)) &) 
		exec '$DEMOS/waste' -w 8" >"$tmp/out" 2>"$tmp/err" &
	tt=$!
	cleanup_pid "$tt"
	wait_until 20 has_started || fail "waste -w 8 and the escapees did not start ($(count_demo))"
	wd=$(pgrep -P "$tt" -x turbotop-wd)
	[ -n "$wd" ] || fail "turbotop has no watchdog"
}

# gone_within_2s WHAT: every process of the demo is gone 2 s from now.
gone_within_2s() {
	local left
	wait_until 2 all_gone && return 0
	left=$(demo_pids | tr '\n' ' ')
	demo_pids | xargs -r kill -KILL 2>/dev/null
	fail "$1: still running after 2 s: $left"
}

for sig in KILL HUP TERM INT; do
	start_demo
	kill -"$sig" "$tt"
	gone_within_2s "SIG$sig"
	wait "$tt" 2>/dev/null
	# The watchdog does not linger either.
	wait_until 5 eval '! pids_alive $wd' || fail "SIG$sig: the watchdog $wd lingers"
done

# Quit: -n ends the run, and with it the demo.
start_demo -n 3
wait_until 20 eval '! kill -0 $tt 2>/dev/null' || fail "-n 3 did not end turbotop"
gone_within_2s "quit (-n)"
wait_until 5 eval '! pids_alive $wd' || fail "quit: the watchdog $wd lingers"

# The exit record was written on quit and on SIGTERM-like ends.
grep -q '"event":"exit"' "$tmp/out" || fail "no exit record after -n"
exit 0
