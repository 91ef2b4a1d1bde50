# bench/lib.sh: what the pane benchmarks share (sourced by sh).
#
#   tm ARGS...                      tmux on this benchmark's private server ($sock)
#   side_by_side A CMD-A B CMD-B    two detached 120x40 sessions A and B, started together
#   pane_pid SESSION                pid of the program in SESSION's pane
#   cpu_ns PID                      CPU time PID's threads have used so far, in ns
#                                   (the scheduler's own count, /proc/PID/task/*/schedstat:
#                                   exact, where utime + stime are sampled at each tick;
#                                   falls back to those ticks where it is missing)
#   measure3 A B SECS               the CPU of pids A (the subject) and B (its peer) over
#                                   three windows of SECS/3: "MEDIAN R1 R2 R3 A-SECS B-SECS
#                                   WINDOWS-SECS", R the ratios A/B (the median damps a busy
#                                   machine); fails if either exits meanwhile
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

cpu_ns() {
	if [ -r "/proc/$1/schedstat" ]; then
		cat /proc/"$1"/task/*/schedstat 2>/dev/null |
			awk '{ s += $1 } END { if (NR) printf "%.0f\n", s }'
	else
		awk -v hz="$(getconf CLK_TCK)" \
		    '{ printf "%.0f\n", ($14 + $15) * 1e9 / hz }' "/proc/$1/stat" 2>/dev/null
	fi
}

measure3() {
	local win=$(( ($3 + 2) / 3 )) rounds="" w a0 b0 a1 b1
	for w in 1 2 3; do
		a0=$(cpu_ns "$1")
		b0=$(cpu_ns "$2")
		sleep "$win"
		a1=$(cpu_ns "$1")
		b1=$(cpu_ns "$2")
		[ -n "$a0" ] && [ -n "$b0" ] && [ -n "$a1" ] && [ -n "$b1" ] ||
			return 1
		rounds="$rounds $((a1 - a0)):$((b1 - b0))"
	done
	echo "$rounds" | tr ' ' '\n' | grep . | awk -F: -v s="$((3 * win))" '
		{ x[NR] = $2 > 0 ? $1 / $2 : 0; a += $1; b += $2 }
		END {
			m = x[3]
			if ((x[1] - x[2]) * (x[3] - x[1]) >= 0) m = x[1]
			else if ((x[2] - x[1]) * (x[3] - x[2]) >= 0) m = x[2]
			printf "%.2f %.2f %.2f %.2f %.2f %.2f %d\n", m, x[1], x[2], x[3], a / 1e9, b / 1e9, s
		}'
}

tm_cleanup() {
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	return 0
}
