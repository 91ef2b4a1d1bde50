# bench/lib.sh: what the pane benchmarks share (sourced by sh).
#
#   tm ARGS...                      tmux on this benchmark's private server ($sock)
#   side_by_side A CMD-A B CMD-B    two detached 120x40 sessions A and B, started together
#   pane_pid SESSION                pid of the program in SESSION's pane
#   ticks PID                       CPU ticks (utime + stime) PID has used so far
#   tm_cleanup                      kill the server and remove its socket

tm() { tmux -L "$sock" -f /dev/null "$@"; }

side_by_side() {
	tm new-session -d -x 120 -y 40 -s "$1" "$2" || return 1
	tm new-session -d -x 120 -y 40 -s "$3" "$4" || return 1
	# (tmux 3.3a's server dies if window-size is set before the second session.)
	tm set-option -g window-size manual
	tm resize-window -t "$1" -x 120 -y 40
	tm resize-window -t "$3" -x 120 -y 40
}

pane_pid() { tm display-message -p -t "$1" '#{pane_pid}'; }

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }

tm_cleanup() {
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	return 0
}
