#!/bin/bash
# sample-many.sh: a demo of 2,000 processes is sampled (issue 15). libproc2's
# procps_pids_select() takes at most 255 pids a call; v1 passed the whole
# group and failed with "cannot read processes (... Invalid argument)" from
# 255 processes on. In batch every record lists all 2,001 (the shell and its
# sleeps); in the TUI the process table keeps updating, shows the busiest
# first and says how many more there are than fit.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

N=2000
dir=$(mk_tmpdir)
# The shell says when every sleep is started; a fork that fails ends the test.
cat > "$dir/spawn.sh" <<SH
i=0
while [ \$i -lt $N ]; do
	sleep 600 & i=\$((i + 1))
done || exit 3
echo "spawned $N"
wait
SH

# The largest "procs" array of the complete JSON records in FILE.
max_procs() {
	python3 - "$1" <<'PY'
import json, sys
best = 0
for line in open(sys.argv[1], errors="replace"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    if "procs" in r:
        best = max(best, len(r["procs"]))
print(best)
PY
}
enough() { [ "$(max_procs "$dir/out.json")" -gt "$N" ]; }

# Starting 2,000 processes takes from seconds to minutes on a shared machine:
# a test that cannot get them started in time skips (it proves nothing).
spawned() { grep -q "spawned $N" "$1"; }
"$TURBOTOP" -b -f json -d 0.5 -- sh "$dir/spawn.sh" > "$dir/out.json" 2> "$dir/err" &
tp=$!
cleanup_pid "$tp"
if ! wait_until 200 spawned "$dir/out.json"; then
	grep -q "cannot read processes" "$dir/err" && fail "sampling failed: $(cat "$dir/err")"
	skip "the machine did not start $N processes in time"
fi
if ! wait_until 20 enough; then
	grep -q "fork\|Resource" "$dir/err" && skip "cannot start $N processes here"
	kill -TERM "$tp" 2>/dev/null
	cat "$dir/err" >&2
	fail "no record lists $N+1 processes (at most $(max_procs "$dir/out.json"))"
fi
note "batch: $N processes sampled after ${SECONDS}s"
grep -q "cannot read processes" "$dir/err" && fail "sampling failed: $(cat "$dir/err")"
pgid=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l) if l.startswith("{") else {}
    for p in r.get("procs", []):
        if p["cmd"] == "sleep": print(p["pgid"]); sys.exit()' "$dir/out.json")
[ -n "$pgid" ] || fail "no sleep in the records"
cleanup_pid "$pgid"
kill -TERM "$tp"
wait_until 20 sh -c "! kill -0 $tp 2>/dev/null" || fail "turbotop -b did not stop on SIGTERM"
wait_until 20 sh -c "! pgrep -g $pgid >/dev/null" || fail "the demo's processes outlived turbotop"
note "batch: stopped after ${SECONDS}s"

# The TUI: the table's title counts them all and says how many are not shown.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.5 -- sh $dir/spawn.sh"
cleanup_pid "$(tt_pane_pid)"
shows_all() { tt_capture | grep -qE "sh: $((N + 1)) .*[0-9]+ more"; }
wait_until 200 tt_has_text "spawned $N" || skip "the machine did not start $N processes in time"
if ! wait_until 20 shows_all; then
	tt_capture >&2
	fail "the process table does not count $((N + 1)) processes and the rest"
fi
note "TUI: $N processes shown after ${SECONDS}s"
tt_has_text "sampling failed" && fail "the TUI says sampling failed"
# Still sampling: the table's count stays right a few ticks later.
t0=$(tt_capture | md5sum)
wait_until 10 sh -c "[ \"\$(tmux -L '$TT_SOCK' capture-pane -p -t t | md5sum)\" != '$t0' ]" ||
	fail "the screen froze"
tt_send q
wait_until 20 tt_pane_dead || fail "q did not quit"
note "TUI: quit after ${SECONDS}s"
exit 0
