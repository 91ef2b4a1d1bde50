#!/bin/bash
# demo-signals.sh: whatever a demo is doing (sleeping, blocked on the lock,
# computing in threads or processes, passing messages), SIGTERM or SIGINT to
# it ends it and every worker, and it dies of that signal; SIGKILL to the
# demo alone takes its workers with it (PR_SET_PDEATHSIG).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)
has_kids() { [ -n "$(pgrep -P "$1")" ]; }
started() { [ -s "$tmp/out" ] || has_kids "$1"; }

# stop [-g] SIGNAL DEMO ARGS...: start the demo, wait until it is under way
# (it printed or forked, so its handlers are set), send SIGNAL to it alone
# (-g: to its whole process group, as Ctrl-C or turbotop do), check that it
# and its workers go.
stop() {
	local sig pid kids rc group=
	[ "$1" = -g ] && { group=-; shift; }
	sig=$1
	shift
	rm -f "$tmp/out"	# so that the last demo's output does not count as started
	if [ -n "$group" ]; then
		setsid "$DEMOS/$@" >"$tmp/out" 2>"$tmp/err" &
	else
		"$DEMOS/$@" >"$tmp/out" 2>"$tmp/err" &
	fi
	pid=$!
	cleanup_pid "$pid"
	wait_until 10 started "$pid" || fail "$*: did not start"
	kids=$(pgrep -P "$pid")
	kill "-$sig" -- "$group$pid"
	if [ "$sig" = KILL ]; then
		wait_until 5 eval '! pids_alive $kids' || fail "$*: workers outlived SIGKILL of the demo"
		wait "$pid" 2>/dev/null
		return
	fi
	wait_until 5 eval '! pids_alive $pid $kids' || fail "$*: still running 5 s after SIG$sig"
	wait "$pid"
	rc=$?
	[ "$rc" = $((128 + $(kill -l "$sig"))) ] || fail "$*: exit status $rc after SIG$sig"
	[ ! -s "$tmp/err" ] || fail "$*: complained after SIG$sig: $(cat "$tmp/err")"
}

stop TERM counting
stop INT counting
stop TERM lock -w 3 --work 500
stop INT lock -w 3 --work 500 --no-lock
stop TERM gil -m gil --work 100
stop TERM gil -m threads --work 100
stop TERM gil -m processes --work 100
stop TERM pmap -n 10 -d 100
stop TERM pmap -n 10 -d 100 --pool-only -w 2
stop TERM queue -v -m 100000000
stop TERM pipe --pingpong 100000000
stop TERM coremsg --work 50000
stop TERM exchange -s 100
stop -g TERM exchange --sleep -s 100
stop -g INT counting
stop -g INT lock -w 3 --work 500
stop -g TERM gil -m processes --work 100
stop -g TERM queue -m 100000000
stop KILL counting
stop KILL lock -w 3 --work 500
stop KILL queue -m 100000000 -v
stop KILL gil -m processes --work 100
exit 0
