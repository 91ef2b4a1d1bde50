# tests/lib.sh: helpers shared by the integration tests (sourced by bash).
#
# Conditions are polled with a bounded timeout, never slept on blindly.
# tmux runs on a private server (-L) with no config, at a fixed size, and the
# server is always killed on exit, with every process a test registered.
#
#   wait_until SECS CMD...        poll CMD every 0.1 s until it succeeds or SECS pass
#   tt_start W H CMD...           start CMD in a detached W x H tmux pane
#   tt_send KEY...                tmux send-keys
#   tt_capture [-e]               the pane's text (-e: with colour escapes)
#   tt_wait_text TEXT [SECS]      wait until the pane shows TEXT (fixed string)
#   tt_wait_change [SECS]         wait until the pane differs from now (a new frame)
#   tt_resize W H                 resize the window
#   tt_pane_pid                   pid of the program in the pane
#   cleanup_pid PID               kill PID's process group at exit
#   fail MSG / skip MSG           exit 1 / exit 77 (automake's SKIP)

set -u

: "${TURBOTOP:?TURBOTOP must point at the turbotop binary (run under make check)}"
: "${DEMOS:=$(dirname "$TURBOTOP")/../demos}"

TT_SOCK="tt-$$-$(basename "$0" .sh)"
TT_STARTED=0
TT_SOCKS=""
TT_SOCK_PATHS=""
CLEANUP_PIDS=""
CLEANUP_FILES=""

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
note() { echo "# $*"; }

cleanup_pid() { CLEANUP_PIDS="$CLEANUP_PIDS $1"; }
cleanup_file() { CLEANUP_FILES="$CLEANUP_FILES $1"; }

lib_cleanup() {
	local p
	# Every server this test started (a test may change TT_SOCK), and its
	# socket: tmux leaves the file behind.
	for p in $TT_SOCKS; do
		tmux -L "$p" kill-server 2>/dev/null
	done
	for p in $TT_SOCK_PATHS; do
		rm -f -- "$p"
	done
	for p in $CLEANUP_PIDS; do
		kill -KILL -- "-$p" 2>/dev/null
		kill -KILL "$p" 2>/dev/null
	done
	for p in $CLEANUP_FILES; do
		rm -rf -- "$p"
	done
	return 0
}
trap lib_cleanup EXIT
trap 'exit 1' INT TERM HUP

# wait_until SECS CMD...: 0 once CMD succeeds, 1 if SECS elapse first.
# SECS is scaled by WAIT_SCALE (default 3): a test states the time a thing
# takes on a quiet machine; CI's shared, ASan-slowed ones get the margin here.
# (A wait only lasts that long when it is about to fail.)
WAIT_SCALE=${WAIT_SCALE:-3}
wait_until() {
	local secs=$1 end
	shift
	end=$(( $(date +%s%N) / 1000000 + secs * WAIT_SCALE * 1000 ))
	while :; do
		"$@" && return 0
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && return 1
		sleep 0.1
	done
}

# A private scratch directory, removed at exit. It is made under one root
# per test, registered here: mk_tmpdir runs in a $(...) subshell, which
# cannot add to this shell's CLEANUP_FILES.
TT_TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/turbotop-test.XXXXXX") || fail "mktemp"
cleanup_file "$TT_TMPROOT"
mk_tmpdir() {
	mktemp -d "$TT_TMPROOT/XXXXXX" || fail "mktemp"
}

# pids_alive PID...: true if any of the pids still exists (zombies do not count).
pids_alive() {
	local p st
	for p in "$@"; do
		st=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) || continue
		[ "$st" != Z ] && return 0
	done
	return 1
}

# procs_of_exe PATH: pids whose executable is PATH.
procs_of_exe() {
	local p exe
	for p in /proc/[0-9]*; do
		exe=$(readlink "$p/exe" 2>/dev/null) || continue
		[ "$exe" = "$1" ] && echo "${p#/proc/}"
	done
	return 0
}

need_tmux() { command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"; }

tt() { tmux -L "$TT_SOCK" -f /dev/null "$@"; }

tt_start() {
	local w=$1 h=$2
	shift 2
	need_tmux
	TT_STARTED=1
	TT_SOCKS="$TT_SOCKS $TT_SOCK"
	tt new-session -d -x "$w" -y "$h" -s t "$*" || fail "tmux new-session"
	TT_SOCK_PATHS="$TT_SOCK_PATHS $(tt display-message -p '#{socket_path}')"
	tt set-option -g window-size manual
	tt set-option -g remain-on-exit on
	tt resize-window -t t -x "$w" -y "$h"
}

tt_send() { tt send-keys -t t "$@"; }
tt_capture() { tt capture-pane -p -t t "$@"; }
tt_resize() { tt resize-window -t t -x "$1" -y "$2"; }
tt_pane_pid() { tt display-message -p -t t '#{pane_pid}'; }
tt_pane_dead() { [ "$(tt display-message -p -t t '#{pane_dead}')" = 1 ]; }

tt_has_text() { tt_capture | grep -qF -- "$1"; }

TT_BEFORE=""
tt_changed() { [ "$(tt_capture)" != "$TT_BEFORE" ]; }
tt_wait_change() {
	local secs=${1:-10}
	TT_BEFORE=$(tt_capture)
	wait_until "$secs" tt_changed || fail "the pane did not change in $((secs * WAIT_SCALE))s: $(tt_capture)"
}

tt_wait_text() {
	local text=$1 secs=${2:-20}
	if ! wait_until "$secs" tt_has_text "$text"; then
		echo "--- pane after $((secs * WAIT_SCALE))s without '$text':" >&2
		tt_capture >&2
		fail "timed out waiting for '$text'"
	fi
}
