#!/bin/bash
# job-cleanup.sh: nothing is left behind. While `waste -w 8` runs under
# turbotop -b, turbotop gets SIGKILL, SIGHUP, SIGTERM, SIGINT, crashes
# (SIGSEGV) or quits (-n; and q in the TUI): 2 s later no process of the demo
# exists, including a descendant that left the demo's process group (setsid)
# and one whose parent exited (orphan); turbotop's watchdog is gone too.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"
tmp=$(mk_tmpdir)
# A private copy of the demos' directory: its waste is told apart from any
# other test's by its path.
mkdir "$tmp/demos" && cp "$DEMOS/waste" "$tmp/demos/waste" || fail "copying waste"
export TURBOTOP_DEMO_DIR="$tmp/demos"
tag=$((200000 + $$ % 100000))	# unique sleep lengths mark the escapees

# The demo's processes: waste's, and the two escaped sleeps.
demo_pids() {
	pgrep -f "^$tmp/demos/waste" 2>/dev/null
	pgrep -f "^sleep ($tag|$((tag + 1)))\$" 2>/dev/null
	return 0
}
count_demo() { demo_pids | wc -l; }
has_started() { [ "$(count_demo)" -ge "$1" ]; }
all_gone() { [ "$(count_demo)" = 0 ]; }

# started N: wait for N processes of the demo, and find turbotop's watchdog.
started() {
	wait_until 20 has_started "$1" ||
		fail "the demo did not start $1 processes ($(count_demo)); turbotop said: $(tail -5 "$tmp/err" 2>/dev/null) $(grep -v '"sample"' "$tmp/out" 2>/dev/null | tail -5)"
	# (It names itself once it runs: with 8 spinners that may take a moment.)
	wait_until 10 eval 'wd=$(pgrep -P "$tt" -x turbotop-wd)' ||
		fail "turbotop has no watchdog"
}

# start_demo: waste -w 8 and two escapees (one in its own session, one
# orphaned), under turbotop -b.
start_demo() {
	"$TURBOTOP" -b -d 0.2 -f json -- sh -c "
		setsid sleep $tag &
		(sleep $((tag + 1)) &)
		exec '$tmp/demos/waste' -w 8" >"$tmp/out" 2>"$tmp/err" &
	tt=$!
	cleanup_pid "$tt"
	started 11
}

# gone_within_2s WHAT: every process of the demo is gone 2 s from now.
gone_within_2s() {
	local left
	wait_until 2 all_gone && return 0
	left=$(demo_pids | tr '\n' ' ')
	demo_pids | xargs -r kill -KILL 2>/dev/null
	fail "$1: still running after 2 s: $left"
}

for sig in KILL HUP TERM INT SEGV; do
	start_demo
	kill -"$sig" "$tt"
	gone_within_2s "SIG$sig"
	wait "$tt" 2>/dev/null
	# The watchdog does not linger either.
	wait_until 5 eval '! pids_alive $wd' || fail "SIG$sig: the watchdog $wd lingers"
done

# An orphan that scrubbed its environment (no marker) and left the group is
# turbotop's child (subreaper): quitting kills it too.
"$TURBOTOP" -b -d 0.2 -f json -- sh -c "
	(env -i setsid sleep $tag &)
	exec sleep $((tag + 1))" >"$tmp/out" 2>"$tmp/err" &
tt=$!
cleanup_pid "$tt"
wait_until 20 has_started 2 || fail "the scrubbed escapee did not start"
kill -TERM "$tt"
gone_within_2s "SIGTERM, scrubbed orphan"

# Quit: -n ends the run, and with it the demo (by name, from the catalog).
"$TURBOTOP" -b -d 0.5 -n 10 -f json waste -w 8 >"$tmp/out" 2>"$tmp/err" &
tt=$!
cleanup_pid "$tt"
started 9
wait_until 20 eval '! kill -0 $tt 2>/dev/null' || fail "-n 10 did not end turbotop"
gone_within_2s "quit (-n)"
wait_until 5 eval '! pids_alive $wd' || fail "quit: the watchdog $wd lingers"
grep -q '"type":"exit","t":[0-9.]*,"job":"waste"' "$tmp/out" || fail "no exit record after -n"

# Quit the TUI with q.
if command -v tmux >/dev/null 2>&1; then
	tt_start 120 40 "$TURBOTOP" waste -w 8
	tt=$(tt_pane_pid)
	started 9
	tt_send q
	wait_until 20 tt_pane_dead || fail "q did not end the TUI"
	gone_within_2s "quit (q in the TUI)"
	wait_until 5 eval '! pids_alive $wd' || fail "TUI quit: the watchdog $wd lingers"
fi
exit 0
