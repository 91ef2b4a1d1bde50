#!/bin/bash
# ui-replay.sh: --replay in the TUI (issue 13). A command run live in the TUI
# and the same command recorded with -b -f json then replayed show the same
# panes, cores and output; the keys pause, change the speed and seek;
# `turbotop -b ... | turbotop --replay -` shows the run live; a hostile
# stream plays on with its bad lines named and its escapes made harmless,
# a sample bad only in its processes too.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
base=$TT_SOCK

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
gen="${TESTS_SRCDIR:-$(dirname "$0")}/gen-stream.py"
dir=$(mk_tmpdir)
ncpus=$(ui_ncpus)
cat > "$dir/cmd.sh" <<'CMD'
for i in 1 2 3 4 5; do echo "line $i"; sleep 0.2; done
CMD

# What both screens must show: every pane, every core, the output in order.
same_screen() {
	local what=$1 screen=$2 p c
	for p in "Cores" "History" "Core timeline" "Processes" "Output" \
	    "EXITED 0"; do
		printf '%s\n' "$screen" | grep -qF -- "$p" ||
			fail "$what: no '$p' on the screen"
	done
	for c in $(seq 0 $((ncpus - 1))); do
		printf '%s\n' "$screen" | grep -qE "cpu$c( |\$)" ||
			fail "$what: no meter for cpu$c"
	done
	printf '%s\n' "$screen" | grep -oE 'line [0-9]+' | tr '\n' ' '
}

# 1. Live, then the same command recorded and replayed to its end.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 -- sh $dir/cmd.sh"
tt_wait_text "EXITED 0" 30
tt_wait_text "line 5" 10
live=$(same_screen live "$(tt_capture)")
tt kill-server
TT_SOCK="$base-1"	# a new server: the old one may still be exiting

"$TURBOTOP" -b -d 0.2 -f json -- sh "$dir/cmd.sh" > "$dir/run.json" ||
	fail "recording failed"
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 --replay $dir/run.json"
tt_wait_text "REPLAY" 10
tt_send '}'
tt_wait_text "EXITED 0" 20
tt_wait_text "line 5" 10
tt_wait_text " end " 10
replayed=$(same_screen replayed "$(tt_capture)")
[ "$live" = "$replayed" ] ||
	fail "output differs: live '$live', replayed '$replayed'"
[ "$live" = "line 1 line 2 line 3 line 4 line 5 " ] ||
	fail "unexpected output '$live'"
tt_send q
wait_until 10 tt_pane_dead || fail "q did not end the replay"
tt kill-server
TT_SOCK="$base-2"	# a new server: the old one may still be exiting

# 2. The keys, on a synthetic minute: "REPLAY paused x1 12.3/60.0s" (its
# length shown from the start).
python3 "$gen" --seconds 60 --interval 0.5 > "$dir/minute.json"
pos() { tt_capture | head -1 | grep -oE 'x[0-9.]+ [0-9.]+/' | sed -E 's/.* //; s,/,,'; }
near() {	# near WANT: the playhead within 0.6 s of WANT
	local p
	p=$(pos)
	[ -n "$p" ] && awk -v p="$p" -v w="$1" 'BEGIN { exit !(p >= w - 0.6 && p <= w + 0.6) }'
}
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/minute.json"
tt_wait_text "REPLAY playing x1" 10
tt_send Space
tt_wait_text "REPLAY paused x1" 10
p0=$(pos)
# A file's length is known from the start (its last record), not as read.
tt_capture | head -1 | grep -qE "x1 $p0/60\.0s" ||
	fail "the length of the minute is not shown from the start: $(tt_capture | head -1)"
sleep 0.5
[ "$(pos)" = "$p0" ] || fail "paused, yet the playhead moved ($p0 -> $(pos))"
tt_send ']'
want=$(awk -v p="$p0" 'BEGIN { print p + 10 }')
wait_until 10 near "$want" || fail "] did not seek 10 s forward ($p0 -> $(pos))"
tt_wait_text "tick 10" 10
tt_send '['
wait_until 10 near "$p0" || fail "[ did not seek 10 s back ($(pos), want $p0)"
wait_until 10 sh -c "! tmux -L '$TT_SOCK' capture-pane -p -t t | grep -q 'tick 10'" ||
	fail "seeking back still shows the later output"
tt_send '}'
tt_wait_text "60.0/60.0s end" 10
tt_wait_text "EXITED 0" 10
tt_wait_text "tick 60" 10
tt_send '{'
wait_until 10 near 0 || fail "{ did not go to the start ($(pos))"
tt_wait_text "RUNNING" 10
tt_send '<' '<' '<' '<'
tt_wait_text "x0.25" 10
for i in $(seq 1 10); do tt_send '>'; done
tt_wait_text "x16" 10
# Playing at x16: the playhead runs far faster than the wall clock.
tt_send Space
tt_wait_text "REPLAY playing x16" 10
a=$(pos); t0=$(date +%s.%N)
sleep 2
b=$(pos); t1=$(date +%s.%N)
awk -v a="$a" -v b="$b" -v t0="$t0" -v t1="$t1" \
    'BEGIN { r = (b - a) / (t1 - t0); exit !(r > 4 && r < 40) }' ||
	fail "x16 moved the playhead from $a to $b in $t0..$t1"
tt kill-server
TT_SOCK="$base-3"	# a new server: the old one may still be exiting

# 3. A live stream on standard input; the keys come from the terminal.
cat > "$dir/slow.sh" <<CMD
echo hello-live; sleep 1; echo second-line; exec sleep 30.$$
CMD
tt_start 100 30 "LC_ALL=C.UTF-8 $TURBOTOP -b -d 0.2 -f json -- sh $dir/slow.sh | LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 --replay -"
tt_wait_text "hello-live" 20
tt_wait_text "second-line" 20
tt_wait_text " live " 10
tt_wait_text "RUNNING" 10
tt_send '?'
tt_wait_text "in a replay: pause/play" 10
tt_send q
wait_until 10 tt_pane_dead || fail "q did not end the pipeline (the writer should see EPIPE)"
gone() { ! pgrep -f "^sleep 30\\.$$\$" >/dev/null &&
	! pgrep -f "^$TURBOTOP -b -d 0.2 -f json -- sh $dir/slow.sh" >/dev/null; }
wait_until 10 gone || fail "the writer or its command outlived the pipeline"
tt kill-server
TT_SOCK="$base-4"	# a new server: the old one may still be exiting

# 4. Hostile: bad lines named, the rest plays, escapes never raw; a newer
# schema is reported and still plays.
python3 "$gen" --seconds 6 --interval 0.5 --hostile > "$dir/hostile.json"
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/hostile.json"
tt_wait_text "3 bad lines; line 8: unknown record" 10
tt_wait_text "evil" 10
tt_send '}'
tt_wait_text "tick 6" 10
tt_wait_text "EXITED 0" 10
title=$(tt display-message -p -t t '#{pane_title}')
case $title in *pwned*) fail "an escape in the stream reached the terminal";; esac
tt_capture | grep -q 'evil.*here' || fail "the hostile line is not shown"
tt kill-server
TT_SOCK="$base-5"	# a new server: the old one may still be exiting

# 5. A sample bad only after its timeline: the TUI reads a sample's
# processes when it shows them (the samples between frames are skimmed,
# event-read.c), so the line is named when the playhead stops on it, once,
# and the table shows the processes of the sample before.
python3 "$gen" --seconds 30 --interval 0.1 --timeline --bad-procs 10 \
    > "$dir/badprocs.json"
line=$(grep -n '"not a number"' "$dir/badprocs.json" | cut -d: -f1)
[ -n "$line" ] || fail "gen-stream.py wrote no bad processes"
row() { tt_capture | grep -qE '^ +4243 R +50\.0'; }
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/badprocs.json"
tt_wait_text "REPLAY playing x1" 10
wait_until 10 row || fail "the ticker is not in the process table"
tt_send Space
tt_wait_text "REPLAY paused" 10
tt_send '{' ']'
tt_wait_text "10.0/" 10
tt_wait_text "bad line $line: \"pid\" is not" 10
wait_until 10 row || fail "the table did not keep the sample before the bad one"
tt_send ']'
tt_wait_text "20.0/" 10
wait_until 10 row || fail "the table did not come back after the bad sample"
tt_send '{' ']'
tt_wait_text "10.0/" 10
tt_wait_text "replay: forward 10 s" 10
tt_capture | grep -q "bad line" && fail "the bad line was told twice"
tt kill-server
TT_SOCK="$base-6"	# a new server: the old one may still be exiting

python3 "$gen" --seconds 3 --schema 99 > "$dir/newer.json"
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/newer.json"
tt_wait_text "bad line 1: schema 99 is newer" 10
tt_wait_text "tick 3" 10
tt_send q
wait_until 10 tt_pane_dead || fail "q did not end the replay"
exit 0
