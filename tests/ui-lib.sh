# tests/ui-lib.sh: helpers for the TUI's tmux tests (sourced after lib.sh).
#
#   ui_cores                  each core's busy % as the meters show it, one a line
#   ui_ncpus                  the machine's cores (as /proc/stat counts them)
#   ui_cores_all_at_least N   every core's meter shows >= N %
#   ui_cores_all_below N      every core's meter shows < N %
#   ui_select_demo NAME       move the menu's selection to NAME
#   ui_demo_rows NAME         process-table rows of demo NAME: "STATE CPU" a line
#   ui_machine_busy           % of the machine busy over the next second (/proc/stat)
#   ui_wait_stable [SECS]     wait until two captures 0.3 s apart are equal
#   ui_check_screen NAME      compare the pane with tests/screens/NAME (GENERATE=1 saves it)
#   ui_capture_masked         the pane, turbotop's own CPU and RSS (status bar) as "(self)"

# The meters print "cpuN  [bar] 12.3%": parse that, and only that.
ui_cores() {
	tt_capture | grep -oE 'cpu[0-9]+ +\[[^]]*\] +[0-9]+\.[0-9]%' |
		sed -E 's/.* ([0-9]+\.[0-9])%$/\1/'
}

ui_ncpus() { grep -c '^cpu[0-9]' /proc/stat; }

ui_cores_all_at_least() {
	local v n=0
	for v in $(ui_cores); do
		awk -v v="$v" -v m="$1" 'BEGIN { exit !(v >= m) }' || return 1
		n=$((n + 1))
	done
	[ "$n" -eq "$(ui_ncpus)" ]
}

ui_cores_all_below() {
	local v n=0
	for v in $(ui_cores); do
		awk -v v="$v" -v m="$1" 'BEGIN { exit !(v < m) }' || return 1
		n=$((n + 1))
	done
	[ "$n" -eq "$(ui_ncpus)" ]
}

# Select demo NAME in the menu: one Down at a time, each waited for (on a
# loaded machine the TUI draws late, and Downs sent blind overshoot).
ui_menu_selected() { tt_capture | grep -E "^ +[>›] " | head -1; }
ui_menu_moved() { [ "$(ui_menu_selected)" != "$1" ]; }
ui_select_demo() {
	local i sel
	for i in $(seq 1 30); do
		sel=$(ui_menu_selected)
		echo "$sel" | grep -qE "^ +[>›] $1 " && return 0
		tt_send Down
		wait_until 10 ui_menu_moved "$sel" || return 1
	done
	return 1
}

# Rows of the process table whose command is NAME: "STATE %CPU" (the
# columns a narrow pane leaves out come before S, so: the field after the
# one-letter state).
ui_demo_rows() {
	tt_capture | grep -oE "^ *[0-9]+( +[0-9]+)? [A-Z] +[0-9]+\.[0-9] .* $1( |\$)" |
		awk '{ for (i = 2; i < NF; i++) if ($i ~ /^[A-Z]$/) { print $i, $(i + 1); break } }'
}

ui_machine_busy() {
	local a b
	a=$(awk '/^cpu /{ print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat)
	sleep 1
	b=$(awk '/^cpu /{ print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat)
	echo "$a $b" | awk '{ busy = $3 - $1; idle = $4 - $2;
		print (busy + idle > 0) ? int(100 * busy / (busy + idle)) : 0 }'
}

# turbotop's own figures change on every sample: screens compare without them.
ui_capture_masked() {
	tt_capture | sed -E '1s/^ turbotop [0-9]+% [0-9.]+[KMG] / turbotop (self) /'
}

ui_stable_once() {
	local a b
	a=$(ui_capture_masked)
	sleep 0.3
	b=$(ui_capture_masked)
	[ "$a" = "$b" ]
}

ui_wait_stable() { wait_until "${1:-10}" ui_stable_once; }

ui_check_screen() {
	local name=$1 dir="${TESTS_SRCDIR:-$(dirname "$0")}/screens" got
	got=$(ui_capture_masked)
	if [ -n "${GENERATE:-}" ]; then
		printf '%s\n' "$got" > "$dir/$name"
		note "saved $dir/$name"
		return 0
	fi
	[ -f "$dir/$name" ] || fail "no saved screen $dir/$name (run with GENERATE=1)"
	if ! printf '%s\n' "$got" | diff -u "$dir/$name" - >&2; then
		fail "screen $name differs from the saved one"
	fi
}
