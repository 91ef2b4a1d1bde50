#!/bin/bash
# trace-cleanup.sh: the exact timeline leaves nothing behind. While it runs,
# turbotop has a tracefs instance of its own (turbotop-PID-N; as root) or
# holds perf event fds; after it quits - and after a SIGKILL, through its
# watchdog - its instance is gone, no process holds the fds, and no sched
# event is enabled at the top level that was not before. Two turbotops
# tracing at once both get data. (Other tests' turbotops may trace beside
# this one under make -j check: only this test's own are looked at.)
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/trace-lib.sh"

need_exact
tmp=$(mk_tmpdir)
tracefs=/sys/kernel/tracing

# What tracefs looks like before: enabled sched events at the top level.
tracefs_state() {
	[ -d "$tracefs/events/sched" ] || return 0
	grep -l 1 "$tracefs"/events/sched/*/enable 2>/dev/null | sort
}
tracefs_state >"$tmp/before"

# perf event fds of a process (anon_inode:[perf_event]); its instance.
perf_fds() { ls -l "/proc/$1/fd" 2>/dev/null | grep -c 'perf_event'; }
has_perf() { [ "$(perf_fds "$1")" -gt 0 ]; }
has_inst() { compgen -G "$tracefs/instances/turbotop-$1-*" >/dev/null; }
has_trace() { has_perf "$1" || has_inst "$1"; }
no_inst() { ! has_inst "$1"; }

# Two at once, each with a demo: both trace and both see their workers run.
"$TURBOTOP" -b -n 8 -d 0.25 -f json --timeline=exact waste -w 2 >"$tmp/a" 2>"$tmp/aerr" &
a=$!
cleanup_pid "$a"
"$TURBOTOP" -b -n 8 -d 0.25 -f json --timeline=exact waste -w 2 >"$tmp/b" 2>"$tmp/berr" &
b=$!
cleanup_pid "$b"
wait_until 10 has_trace "$a" || fail "turbotop has no tracefs instance and no perf event fd"
wait "$a" || fail "first turbotop exited $?: $(cat "$tmp/aerr")"
wait "$b" || fail "second turbotop exited $?: $(cat "$tmp/berr")"
for f in a b; do
	tl_check "$tmp/$f" '
assert len(recs) >= 5, len(recs)
assert all(r["timeline"]["source"] == "exact" for r in recs)
run = sum(x["ms"] for r in recs for c in r["timeline"]["cores"] for x in c["run"])
assert run > 0, "no run time seen"
' || fail "turbotop $f: no exact data"
done

# After a quit (the -n runs above) and after SIGKILL: no instance, no fd.
for p in "$a" "$b"; do
	has_inst "$p" && fail "turbotop $p quit and left its tracefs instance"
done
"$TURBOTOP" -b -d 0.1 --timeline=exact -- sleep 60 >/dev/null 2>&1 &
k=$!
cleanup_pid "$k"
wait_until 10 has_trace "$k" || fail "no tracefs instance or perf event fd to kill"
wait_until 10 pgrep -P "$k" >/dev/null || fail "the demo did not start"
demo=$(pgrep -P "$k" | head -1)
kill -KILL "$k"
wait "$k" 2>/dev/null
[ -d "/proc/$k" ] && fail "the killed turbotop is still there"
# Its demo (killed by the watchdog meanwhile, or not yet) never held them.
[ -d "/proc/$demo" ] && has_perf "$demo" && fail "the demo holds perf event fds"
wait_until 10 no_inst "$k" || fail "turbotop was killed and its tracefs instance stayed: $(ls "$tracefs/instances")"
tracefs_state >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "tracefs changed: $(diff "$tmp/before" "$tmp/after")"
exit 0
