#!/bin/bash
# lesson-clear.sh: the rule of turbotop.1 for `clear` with a demo still
# running: the demo is stopped (never left running out of sight), clear
# waits for its end, and only then does the lesson go on. In the TUI the
# demo stays on the screen until it has ended; with -b its exit record comes
# before the next step's.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)
nap=70.$$

cat >"$dir/clear.lesson" <<LESSON
title clear test
say demo running
run -- sh -c 'echo clear-demo-\$\$; exec sleep $nap'
wait key
clear
say after the clear
wait key
LESSON

# Headless: the demo's exit (SIGTERM) comes between clear and the next say.
"$TURBOTOP" -b -f json --script "$dir/clear.lesson" >"$dir/json" 2>"$dir/err" ||
	fail "turbotop -b exited $?: $(cat "$dir/err")"
python3 - "$dir/json" <<'PY' || fail "clear did not stop the demo before going on"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ev = [(r["type"], r.get("line")) for r in recs]
clear = ev.index(("step", 5))
say = ev.index(("step", 6))
exits = [i for i, r in enumerate(recs) if r["type"] == "exit"]
assert len(exits) == 1 and clear < exits[0] < say, ev
assert recs[exits[0]]["signal"] in (15, 9), recs[exits[0]]
PY
pgrep -f "sleep $nap" >/dev/null && fail "the demo outlived the lesson"

# The TUI: the demo is shown until the clear; then it is gone, not hidden.
tt_start 120 30 "$TURBOTOP -s $dir/clear.lesson; echo tui-exit=\$?; sleep 60"
tt_wait_text "demo running  [n or Enter: next]"
tt_wait_text "clear-demo-"
wait_until 10 pgrep -f "sleep $nap" >/dev/null || fail "the demo is not running"
tt_send n
tt_wait_text "after the clear  [n or Enter: next]"
wait_until 10 eval '! pgrep -f "sleep $nap" >/dev/null' ||
	fail "clear left the demo running out of sight"
tt_send n
tt_wait_text "[end: N replays, q quits]"
tt_send q
tt_wait_text "tui-exit=0"
exit 0
