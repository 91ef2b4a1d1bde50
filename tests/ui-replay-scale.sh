#!/bin/bash
# ui-replay-scale.sh: synthetic streams (tests/gen-stream.py) of one host of
# 128 cores and of 64 hosts of 64 cores replayed at 80x24 and 200x60: each
# pane's title once, top to bottom in the layout's order, the status bar and
# the key bar in place, hosts grouped by name (a strip per host), what does
# not fit counted, and the output still shown; the timeline labels a core
# with its host's name and its own in full when there is room, and marks a
# cut name with '~'. (test-ui-layout checks the geometry itself for every
# size.)
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
base=$TT_SOCK
nsock=0

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
gen="${TESTS_SRCDIR:-$(dirname "$0")}/gen-stream.py"
dir=$(mk_tmpdir)
python3 "$gen" --cores 128 --seconds 3 --interval 0.5 > "$dir/c128.json"
python3 "$gen" --hosts 64 --cores 64 --seconds 2 --interval 1 > "$dir/h64.json"
python3 "$gen" --hosts 3 --host-prefix node --cores 12 --seconds 1 --interval 0.5 > "$dir/n3.json"

# The row of the first line showing TEXT (1-based), or 0.
row_of() { printf '%s\n' "$screen" | grep -nF -- "$1" | head -1 | cut -d: -f1 | grep . || echo 0; }
count_of() { printf '%s\n' "$screen" | grep -cF -- "$1"; }

check() {
	local name=$1 w=$2 h=$3 cores tl out
	tt_start "$w" "$h" "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/$name.json"
	tt_wait_text "REPLAY" 10
	tt_send '}'
	tt_wait_text "EXITED 0" 20
	tt_wait_text " end " 10
	screen=$(tt_capture)
	what="$name at ${w}x$h"
	printf '%s\n' "$screen" | head -1 | grep -q '^ turbotop .*REPLAY' ||
		fail "$what: no status bar on the first row"
	printf '%s\n' "$screen" | tail -1 | grep -q '^Space Play/Pause' ||
		fail "$what: no key bar on the last row"
	[ "$(printf '%s\n' "$screen" | wc -l)" -eq "$h" ] || fail "$what: not $h rows"
	for t in "─ Cores " "─ Core timeline" "─ Output"; do
		[ "$(count_of "$t")" -eq 1 ] || {
			printf '%s\n' "$screen" >&2
			fail "$what: pane title '$t' not shown exactly once"
		}
	done
	for t in "─ History " "─ Processes "; do
		[ "$(count_of "$t")" -le 1 ] || fail "$what: '$t' more than once"
	done
	cores=$(row_of "─ Cores ")
	tl=$(row_of "─ Core timeline")
	out=$(row_of "─ Output")
	[ "$cores" -lt "$tl" ] && [ "$tl" -lt "$out" ] ||
		fail "$what: panes out of order ($cores, $tl, $out)"
	[ "$out" -lt "$h" ] || fail "$what: no room left for the output"
	tt kill-server
	nsock=$((nsock + 1))
	TT_SOCK="$base-$nsock"	# a new server: the old one may still be exiting
}

check c128 80 24
printf '%s\n' "$screen" | grep -qE 'cpu[0-9]+ ' || fail "c128: no core labels"
check c128 200 60
printf '%s\n' "$screen" | grep -q 'cpu127\|cpu1[0-9][0-9]' ||
	fail "c128 at 200x60: the last cores are not labelled"
! printf '%s\n' "$screen" | grep -qE 'cpu1[0-9][0-9]\[' ||
	fail "c128 at 200x60: a 3-digit core label runs into its bar"

check h64 80 24
[ "$(printf '%s\n' "$screen" | grep -cE '^h[0-9]+ +[^ ]')" -ge 5 ] ||
	fail "h64 at 80x24: not summarised a strip per host"
printf '%s\n' "$screen" | grep -qE 'Cores .*\+[0-9]+ cores not shown' ||
	fail "h64 at 80x24: the hosts that do not fit are not counted"
printf '%s\n' "$screen" | grep -qE '^h0 ' || fail "h64 at 80x24: no row for h0"
printf '%s\n' "$screen" | grep -qE 'h[0-9]+:[0-9]' ||
	fail "h64 at 80x24: no host:core labels in the timeline"

# The timeline's core labels: HOST:cpuN in full, else HOST:N, else the
# host's name cut with a '~', never silently (as "n:10" was).
labels() {
	printf '%s\n' "$screen" | sed -n '/─ Core timeline/,/ legend:/p' |
		sed '1d;$d' | grep -oE '(^| )[^ ]*:[^ ]*' | tr -d ' '
}
check n3 120 40
for l in node0:cpu0 node1:cpu11 node2:cpu10; do
	labels | grep -qx "$l" || fail "n3 at 120x40: no label $l: $(labels | tr '\n' ' ')"
done
check n3 80 24
[ "$(labels | wc -l)" -ge 10 ] || fail "n3 at 80x24: not 10 core labels: $(labels | tr '\n' ' ')"
bad=$(labels | grep -vxE 'node[0-2]:(cpu)?[0-9]+|[a-z0-9]*~:[0-9]+')
[ -z "$bad" ] || fail "n3 at 80x24: labels cut without a mark: $bad"
labels | grep -qE '^node[0-2]:' || fail "n3 at 80x24: no host named in full: $(labels | tr '\n' ' ')"
labels | grep -qE '^[a-z0-9]+~:1[01]$' ||
	fail "n3 at 80x24: no cut label marked with '~': $(labels | tr '\n' ' ')"

check h64 200 60
printf '%s\n' "$screen" | grep -q 'a strip per host' ||
	fail "h64 at 200x60: not summarised a strip per host, or not all shown"
for hn in h0 h31 h63; do
	printf '%s\n' "$screen" | grep -qE "(^| )$hn +[^ ]" ||
		fail "h64 at 200x60: host $hn has no strip"
done

# A hostile stream naming 20000 hosts (a host record and an output line
# each) plays to its end: hosts past the kept 1024, and output hosts past
# 4096, are left out rather than making the player quadratic. The down
# hosts show their state.
python3 - > "$dir/many.json" <<'PY2'
import json
print(json.dumps({"type": "hello", "schema": 1, "version": "0", "host": "x", "cores": 1, "argv": ["t"], "started": "2026-11-29T00:00:00Z"}))
print(json.dumps({"type": "start", "t": 0, "job": "j", "pid": 5}))
for i in range(20000):
    print(json.dumps({"type": "host", "t": 0.001 * i, "host": "h%d" % i, "state": "down", "reason": "unreachable"}))
    print(json.dumps({"type": "output", "t": 0.001 * i, "host": "h%d" % i, "job": "j", "pid": 5, "stream": "out", "text": "line %d" % i, "rank": 1}))
print(json.dumps({"type": "exit", "t": 20.5, "job": "j", "pid": 5, "status": 0}))
print(json.dumps({"type": "end", "t": 21, "status": 0}))
PY2
tt_start 80 24 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/many.json"
tt_wait_text "REPLAY" 20
tt_send '}'
tt_wait_text " end " 60
tt_has_text "down: unreachable" || fail "many hosts: no host shown down: $(tt_capture)"
tt_has_text "line 19999" || fail "many hosts: the last line is not shown: $(tt_capture)"
exit 0
