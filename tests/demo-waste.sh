#!/bin/bash
# demo-waste.sh: waste's workers print their lines whole; SIGTERM to the demo
# ends every worker promptly; a SIGKILLed demo's workers die with it
# (PR_SET_PDEATHSIG); -t ends the run by itself; -w 100000 is refused
# without starting anything.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)

# workers_of PID: the demo's worker pids (its children).
workers_of() { pgrep -P "$1"; }
has_workers() { [ "$(workers_of "$1" | wc -l)" -ge "$2" ]; }

# start_waste N: start waste -w N in the background; sets pid and kids.
start_waste() {
	"$DEMOS/waste" -w "$1" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	cleanup_pid "$pid"
	wait_until 10 has_workers "$pid" "$1" || fail "waste -w $1 did not start $1 workers"
	kids=$(workers_of "$pid")
}

# SIGTERM: the demo and all its workers go.
start_waste 4
wait_until 10 test -s "$tmp/out" || fail "waste printed nothing"
kill -TERM "$pid"
wait_until 5 eval '! pids_alive $pid $kids' || fail "waste or a worker outlived SIGTERM"
wait "$pid"
rc=$?
[ "$rc" = 143 ] || fail "waste did not die of SIGTERM (status $rc)"
bad=$(grep -v '^[0-3] Total waste of CPU cycles!$' "$tmp/out" | head -3)
[ -z "$bad" ] || fail "shredded or foreign lines: $bad"

# SIGKILL of the parent alone: the workers follow it.
start_waste 3
kill -KILL "$pid"
wait_until 5 eval '! pids_alive $kids' || fail "workers outlived their SIGKILLed parent: $kids"

# -t: the demo ends itself, with status 0, and leaves nothing.
"$DEMOS/waste" -w 2 -t 3 >"$tmp/out" 2>"$tmp/err" &
pid=$!
cleanup_pid "$pid"
wait_until 10 has_workers "$pid" 2 || fail "waste -w 2 -t 3 did not start 2 workers"
kids=$(workers_of "$pid")
wait "$pid"
rc=$?
[ "$rc" = 0 ] || fail "waste -t 3 exited $rc: $(cat "$tmp/err")"
! pids_alive $kids || fail "waste -t 3 left a worker behind"
grep -q '^[01] Total waste of CPU cycles!$' "$tmp/out" || fail "waste -t 3 printed nothing"

# A fork bomb is refused.
"$DEMOS/waste" -w 100000 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 2 ] || fail "waste -w 100000 exited $rc, not 2"
grep -q 'refused' "$tmp/err" || fail "waste -w 100000: no clear message: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "waste -w 100000 printed to stdout"
exit 0
