# tests/ui-demo-lib.sh: one demo launched from the menu with its defaults,
# as a class sees it (sourced after lib.sh and ui-lib.sh by tests/ui-demo-*.sh).
#
#   ui_demo_launch NAME W H     start turbotop at W x H, pick NAME in the menu, Enter
#   ui_demo_on_cores NAME       the timeline's legend names a thread of the demo
#                               (not "no demo thread on a core")
#   ui_demo_rows_at_least NAME N   the process table lists N processes of NAME
#   ui_demo_line REGEX [SECS]   a line matching REGEX (extended, whole) appears
#                               in the pane: the result, not cut
#   ui_demo_wait WHAT SECS CMD...  wait_until, but a machine too busy to run the
#                               demo at class pace is a SKIP, not a failure
#
# A demo lasts about ten seconds at its defaults on a quiet 2-core machine;
# on a loaded one its CPU work takes longer, hence the SKIP.

ui_demo_launch() {
	local name=$1 w=$2 h=$3
	[ -x "$DEMOS/$name" ] || skip "the $name demo is not built"
	tt_start "$w" "$h" "LC_ALL=C.UTF-8 $TURBOTOP -d 0.25"
	tt_wait_text "Enter launches it" 20
	ui_select_demo "$name" || fail "$name is not in the menu"
	tt_wait_text "Command     turbotop $name" 10
	tt_send Enter
	tt_wait_text "Core timeline" 10
}

ui_demo_busy() {
	awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(getconf _NPROCESSORS_ONLN)" \
		'BEGIN { exit !(l > 2 * n) }'
}

ui_demo_wait() {
	local what=$1 secs=$2
	shift 2
	wait_until "$secs" "$@" && return 0
	echo "--- pane:" >&2
	tt_capture >&2
	ui_demo_busy && skip "load $(cut -d' ' -f1 /proc/loadavg): $what did not come in time"
	fail "$what"
}

ui_demo_legend_has_thread() {
	tt_capture | grep 'legend: ' | grep -qvE 'legend: +(no demo|the run was too short)'
}

ui_demo_on_cores() {
	ui_demo_wait "the timeline never showed a thread of $1 on a core" 20 ui_demo_legend_has_thread
}

ui_demo_count_rows() { [ "$(ui_demo_rows "$1" | wc -l)" -ge "$2" ]; }

ui_demo_rows_at_least() {
	ui_demo_wait "the process table never listed $2 processes of $1" 20 ui_demo_count_rows "$1" "$2"
}

ui_demo_has_line() { tt_capture | grep -qE -- "$1"; }

ui_demo_line() {
	ui_demo_wait "no line '$1' in full" "${2:-40}" ui_demo_has_line "$1"
}
