#!/bin/bash
# bench-tui.sh: --bench on a terminal opens the TUI on the speedup chart.
# It fills in as runs finish: while the last worker count runs, the earlier
# ones have their figures and their point; when it ends the chart says
# finished, and q prints the table. Quitting in the middle of a run stops
# it: nothing is left behind, the table says why it stopped.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)
# K=1 and K=2 are quick; K=4 is a long sleep with a mark to find it by (this
# test's pid: the same test may be running for another build on the machine).
mark=$$
cat >"$tmp/work.sh" <<SH
case \$1 in 4) exec sleep 319.$mark\$2;; *) exec sleep 0.\$1;; esac
SH
run4() { pgrep -f "sleep 319\\.$mark$1\$" >/dev/null; }

# 1. Fill in, then quit in the middle of K=4.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 --bench=1,2,4 --repeat=1 -- sh $tmp/work.sh {w} 1; echo EXIT=\$?"
tt_wait_text "Speedup" 20
tt_wait_text "K=4: run 1 of 1" 30
tt_wait_text "running: run 1 of 1" 10
tt_capture | grep -Eq '^ .* 1 +[0-9]+\.[0-9]{3}!? +1\.00 +1\.00 +-( |$)' ||
	{ tt_capture >&2; fail "no figures for K=1 while K=4 runs"; }
tt_capture | grep -Eq ' 2\*? +[0-9]+\.[0-9]{3}!? +[0-9]+\.[0-9]{2} ' ||
	{ tt_capture >&2; fail "no figures for K=2 while K=4 runs"; }
[ "$(tt_capture | grep -o '●' | wc -l)" -ge 3 ] ||
	{ tt_capture >&2; fail "not two points and the legend's on the chart"; }
tt_has_text "Amdahl f=" || { tt_capture >&2; fail "no Amdahl fit on the chart"; }
wait_until 10 run4 1 || fail "the K=4 run is not running"
tt_send q
tt_wait_text "EXIT=1" 20
tt_has_text "stopped early: quit before the end" ||
	{ tt_capture >&2; fail "the table does not say it was quit"; }
tt_has_text "Amdahl fit: serial fraction" || { tt_capture >&2; fail "no table"; }
wait_until 10 eval '! run4 1' || fail "the K=4 run was left behind"
# The next phase on a server of its own, so this one's exit cannot race it.
tt kill-server
TT_SOCK="$TT_SOCK-p2"

# 2. To the end: "finished", q prints the table, exit status 0.
cat >"$tmp/work.sh" <<'SH'
exec sleep 0.$1
SH
tt_start 100 30 "LC_ALL=C $TURBOTOP -d 0.2 --bench=1,2 --repeat=1 -- sh $tmp/work.sh {w}; echo EXIT=\$?"
tt_wait_text "finished: q quits" 30
tt_send q
tt_wait_text "EXIT=0" 20
tt_capture | grep -Eq '^ +2 +1 +[0-9]+\.[0-9]{3} ' || { tt_capture >&2; fail "no table after q"; }
exit 0
