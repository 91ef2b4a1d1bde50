#!/bin/bash
# ui-replay.sh: --replay in the TUI (issue 13). A command run live in the TUI
# and the same command recorded with -b -f json then replayed show the same
# panes, cores and output; the keys pause, change the speed and seek;
# `turbotop -b ... | turbotop --replay -` shows the run live; a hostile
# stream plays on with its bad lines named and its escapes made harmless,
# a sample bad only in its processes too; workers keep their colours.
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

# 2. The keys, on a synthetic minute: "REPLAY paused x1 12.3/60.0s".
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
tt kill-server

# 6. Worker colours follow the stream, not the frames: a run of many short
# processes (each `date`) replayed to its end twice, seeking after different
# times, colours its timeline and legend the same (with escapes).
"$TURBOTOP" -b -d 0.1 -n 80 -f json -- sh -c 'for i in 1 2 3; do (end=$(( $(date +%s) + 2 * i )); while [ $(date +%s) -lt $end ]; do :; done; echo done $i) & done; sleep 1; echo hi; wait' \
    > "$dir/many.json" || fail "recording the short processes failed"
timeline_rows() {
	local a b
	a=$(tt_capture | grep -n 'Core timeline' | head -1 | cut -d: -f1)
	b=$(tt_capture | grep -n ' Processes ' | head -1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] || fail "no timeline on the screen"
	tt_capture -e | sed -n "$((a + 1)),$((b - 1))p"
}
# What the eye sees of a capture with escapes: each cell's character and
# colours, a blank's foreground left out (how tmux got to a cell, and so
# which escapes it writes back, hangs on the frames drawn before).
visible() {
	python3 - "$1" <<'PY'
import re, sys
fg = bg = None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    cells = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b\n])", line):
        if m.group(2) is not None:
            c = m.group(2)
            cells.append((c, None if c == " " else fg, bg))
            continue
        ps = (m.group(1) or "0").split(";")
        i = 0
        while i < len(ps):
            p = int(ps[i] or 0)
            if p == 0:
                fg = bg = None
            elif p == 39:
                fg = None
            elif p == 49:
                bg = None
            elif 30 <= p <= 37 or 90 <= p <= 97:
                fg = p
            elif 40 <= p <= 47 or 100 <= p <= 107:
                bg = p
            elif p in (38, 48) and i + 2 < len(ps) and ps[i + 1] == "5":
                if p == 38:
                    fg = "5;" + ps[i + 2]
                else:
                    bg = "5;" + ps[i + 2]
                i += 2
            i += 1
    print(cells)
PY
}
played() {	# the playhead ("REPLAY playing x1 1.3/5.4s") at $at s or on
	local t
	t=$(tt_capture | head -1 | sed -n 's|.*REPLAY [a-z]* x[0-9.]* \([0-9.]*\)/.*|\1|p')
	[ -n "$t" ] && awk -v t="$t" -v at="$at" 'BEGIN { exit !(t >= at) }'
}
for pass in 1 2; do
	TT_SOCK="$base-$((6 + pass))"
	tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.1 --replay $dir/many.json"
	tt_wait_text "REPLAY playing x1" 10
	at=$pass
	wait_until 20 played || fail "the playhead did not pass $at s"
	tt_send '}'
	tt_wait_text " end " 20
	tt_wait_text "done 3" 10
	sleep 1		# a frame after the end
	timeline_rows > "$dir/colours-$pass"
	grep -q '38;5;' "$dir/colours-$pass" || fail "no worker colours drawn"
	tt_send q
	wait_until 10 tt_pane_dead || fail "q did not end the replay"
	tt kill-server
done
[ "$(visible "$dir/colours-1")" = "$(visible "$dir/colours-2")" ] ||
	fail "the same replay coloured its workers differently: $(diff "$dir/colours-1" "$dir/colours-2" | head -4)"
exit 0
