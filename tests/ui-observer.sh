#!/bin/bash
# ui-observer.sh: the observer is visible. The status bar shows turbotop's
# own CPU and RSS on the menu and under a demo (the RSS as /proc has it,
# within a factor of 2); after a short demo the output pane keeps its
# lines under "last run: NAME, TIME"; under waste -w 8 the screen says
# "workers blocked on output" when the workers are seen (here, through
# /proc/PID/syscall) asleep in write() on their stdout; and a command that
# prints slowly never gets that warning.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

[ -x "$DEMOS/waste" ] && [ -x "$DEMOS/welcome" ] || skip "the demos are not built"

self_re='^ turbotop [0-9]+% [0-9.]+[KMG] '
self_shown() { tt_capture | head -1 | grep -qE "$self_re"; }

# The status bar's RSS in KB, and turbotop's own from /proc.
shown_rss_kb() {
	tt_capture | head -1 | sed -nE 's/^ turbotop [0-9]+% ([0-9.]+)([KMG]) .*/\1 \2/p' |
		awk '{ m = $2 == "K" ? 1 : $2 == "M" ? 1024 : 1048576; printf "%d\n", $1 * m }'
}
proc_rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$(tt_pane_pid)/status"; }
rss_agrees() {
	local a b
	a=$(shown_rss_kb)
	b=$(proc_rss_kb)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -gt 0 ] &&
		[ $((a * 2)) -ge "$b" ] && [ "$a" -le $((b * 2)) ]
}

phase=0
next_server() {
	tt_send q
	wait_until 15 tt_pane_dead || fail "q did not quit"
	tt kill-server
	phase=$((phase + 1))
	TT_SOCK="${TT_SOCK%-p*}-p$phase"
}

# The menu, then a short demo: turbotop's figures all along; the kept run.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2"
tt_wait_text "Enter launches it" 20
wait_until 10 self_shown || { tt_capture >&2; fail "no CPU and RSS of turbotop on the menu"; }
wait_until 10 rss_agrees || fail "the RSS shown ($(shown_rss_kb) KB) is not turbotop's ($(proc_rss_kb) KB)"
tt_send Enter			# the menu's first demo: welcome
tt_wait_text "EXITED" 30
self_shown || { tt_capture >&2; fail "no CPU and RSS of turbotop under a demo"; }
wait_until 10 sh -c "tmux -L '$TT_SOCK' capture-pane -p -t t |
	grep -qE 'Output \\(last run: welcome, [0-9.]+ m?s\\)'" ||
	{ tt_capture >&2; fail "no 'last run: welcome, TIME' on the output pane"; }
tt_has_text "to multiprocessing!" || fail "the last run's lines are gone"
next_server

# A slow printer: never blocked, never said to be.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 -- sh -c 'while :; do echo tick; sleep 0.05; done'"
tt_wait_text "tick" 20
pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
[ -n "$pgid" ] && cleanup_pid "$pgid"
for i in $(seq 1 20); do
	tt_has_text "blocked on output" && { tt_capture >&2; fail "a slow printer is said to be blocked"; }
	sleep 0.1
done
next_server

# waste -w 8: the workers' own state, read beside the screen.
# blocked_now PGID: how many of the group's workers (not the leader) sleep
# in write(2)/writev(2) on fd 1 or 2; "x" if /proc/PID/syscall is unreadable.
blocked_now() {
	local p n=0 st sc
	for p in $(ps -o pid= -g "$1" 2>/dev/null); do
		[ "$p" = "$1" ] && continue
		st=$(awk '{ print $3 }' "/proc/$p/stat" 2>/dev/null) || continue
		sc=$(cat "/proc/$p/syscall" 2>/dev/null) || { echo x; return; }
		case "$st $sc" in
		[SD]" 1 0x1 "* | [SD]" 1 0x2 "* | [SD]" 20 0x1 "* | [SD]" 20 0x2 "*) n=$((n + 1)) ;;
		esac
	done
	echo "$n"
}
[ "$(uname -m)" = x86_64 ] || skip "the syscall numbers checked here are x86_64's"
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 waste -w 8"
tt_wait_text "Total waste" 20
pgid=$(tt_capture | grep -oE 'pgid [0-9]+' | head -1 | awk '{ print $2 }')
[ -n "$pgid" ] || fail "no pgid in the status bar"
cleanup_pid "$pgid"
polls=0 seen=0
for i in $(seq 1 100); do
	screen=$(tt_capture)
	if grep -q "workers blocked on output" <<<"$screen"; then
		grep -qE '[0-9]+ (of [0-9]+ )?workers blocked on output: turbotop reads [0-9.]+[kM]? lines/s' <<<"$screen" ||
			{ echo "$screen" >&2; fail "the blocked-on-output line lacks its figures"; }
		note "said while $(blocked_now "$pgid") workers sleep in write()"
		next_server
		exit 0
	fi
	b=$(blocked_now "$pgid")
	[ "$b" = x ] && skip "cannot read /proc/PID/syscall here"
	polls=$((polls + 1))
	[ "$b" -gt 0 ] && seen=$((seen + 1))
	sleep 0.1
done
# Not said: the workers must not have been blocked all along.
note "workers seen blocked in $seen of $polls polls"
[ "$seen" -ge $((polls * 9 / 10)) ] && { tt_capture >&2; fail "workers blocked in $seen of $polls polls, never said"; }
skip "the workers were rarely blocked on output here ($seen of $polls polls)"
