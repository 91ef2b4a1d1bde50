#!/bin/bash
# job-daemon.sh: no process outlives turbotop, even a daemon that leaves its
# group and clears its environment (issue 15: v1's watchdog found escapees
# by the TURBOTOP_JOB marker only, so `setsid env -i` survived SIGKILL of
# turbotop). The watchdog notes turbotop's children (the subreaper adopts
# such daemons) and sweeps by ancestry. Cases: setsid + env -i, then SIGKILL
# of turbotop; the same after SIGKILL of the watchdog first (turbotop starts
# a new one); a Python double-fork daemon with an empty environment, then
# SIGSEGV of turbotop.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v setsid >/dev/null || skip "no setsid"
dir=$(mk_tmpdir)

# A daemon nobody else runs: sleep with a duration unique to this run.
daemon_pids() { pgrep -f "^[^ ]*sleep $1\$"; }
daemon_gone() { [ -z "$(daemon_pids "$1")" ]; }
adopted() {	# the daemon is turbotop's child now (the subreaper)
	local p
	p=$(daemon_pids "$1" | head -1)
	[ -n "$p" ] && [ "$(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null)" = "$2" ]
}
watchdog_of() { pgrep -P "$1" -x turbotop-wd | head -1; }

cat > "$dir/double-fork.py" <<'PY'
import os, sys, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execve("/bin/sleep", ["sleep", sys.argv[1]], {})
    os._exit(0)
time.sleep(1000)
PY

n=0
for how in KILL wd-KILL SEGV-python; do
	n=$((n + 1))
	mark="7$$.$n"
	if [ "$how" = SEGV-python ]; then
		cmd=(python3 "$dir/double-fork.py" "$mark")
	else
		cmd=(sh -c "( setsid env -i /bin/sleep $mark & ) ; sleep 1000")
	fi
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:handle_segv=0" \
		"$TURBOTOP" -b -d 0.5 -- "${cmd[@]}" > /dev/null 2> "$dir/err" &
	tp=$!
	cleanup_pid "$tp"
	wait_until 20 adopted "$mark" "$tp" || fail "$how: the daemon did not start or was not adopted"
	for p in $(daemon_pids "$mark"); do cleanup_pid "$p"; done
	if [ "$how" = wd-KILL ]; then
		wd=$(watchdog_of "$tp")
		[ -n "$wd" ] || fail "no watchdog"
		kill -KILL "$wd"
		new_watchdog() { local w; w=$(watchdog_of "$tp"); [ -n "$w" ] && [ "$w" != "$wd" ]; }
		wait_until 10 new_watchdog || fail "turbotop did not start a new watchdog"
	fi
	# The watchdog looks at turbotop's children every 0.1 s: give it time.
	sleep 1
	kill "-${how%%-*}" "$tp" 2>/dev/null
	[ "$how" = wd-KILL ] && kill -KILL "$tp"
	wait "$tp" 2>/dev/null
	wait_until 10 daemon_gone "$mark" || fail "$how: the daemon outlived turbotop: $(pgrep -af "sleep $mark")"
done
exit 0
