#!/bin/bash
# trace-lock.sh: the lessons of lock and gil, read from the exact timeline.
# With the lock (lock -w 8; gil's locked threads) only the holder runs, so
# in every interval the workers' summed run time is at most one core's worth
# (plus a margin for the hand-overs); with --no-lock (gil --mode threads) it
# exceeds that. When other load keeps the free workers from filling two
# cores, that contrast cannot be concluded: SKIP.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/trace-lib.sh"

need_exact
tmp=$(mk_tmpdir)
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
[ "$ncpu" -ge 2 ] || skip "one core: nothing to contrast"

run() {	# FILE DEMO ARGS...: JSON records of the demo, 0.25 s apart
	local f=$1
	shift
	"$TURBOTOP" -b -d 0.25 -n 16 -f json --timeline=exact "$@" >"$f" 2>"$tmp/err"
	case $? in 0|143) ;; *) fail "turbotop $*: $(cat "$tmp/err")" ;; esac
}

# The summed run time of the demo's processes per interval, as "run wait iv".
bound='
serial = sys.argv[3] == "serial"
prev = None
worst = 0
busy = []
all_run = all_cores = all_iv = 0
for r in recs:
    if r["timeline"]["lost"] > 0:
        print("SKIP: events lost: the machine is too busy to conclude")
        sys.exit(77)
    if prev is not None:
        iv = (r["t"] - prev) * 1000
        run = sum(p["run_ms"] for p in r["procs"])
        wait = sum(p["wait_ms"] for p in r["procs"])
        cores = sum(x["ms"] for c in r["timeline"]["cores"] for x in c["run"])
        all_run += run
        all_cores += cores
        all_iv += iv
        worst = max(worst, run / iv)
        busy.append(wait / iv)
    prev = r["t"]
assert len(busy) >= 4, "too few records"
# The per-core runs (trace) and the run times of the threads (schedstat) are read
# a few ms apart at each tick, more on a loaded machine: compare the totals,
# where those offsets cancel.
assert abs(all_cores - all_run) <= 0.05 * all_iv + 20, ("per-core runs %.1f ms vs threads %.1f ms over %.0f ms" % (all_cores, all_run, all_iv))
print("# %s: at most %.2f cores busy in an interval" % (sys.argv[3], worst))
if serial:
    assert worst <= 1.1, ("with the lock, %.2f cores worth of run time in one interval" % worst)
elif worst <= 1.2:
    if max(busy) > 0.5:
        print("SKIP: the free workers waited for a core (other load): cannot conclude")
        sys.exit(77)
    raise AssertionError("without the lock, never more than %.2f cores" % worst)
'

run "$tmp/lock" lock -w 8 --work 20
tl_check "$tmp/lock" "$bound" serial || exit
run "$tmp/nolock" lock -w 8 --work 20 --no-lock
tl_check "$tmp/nolock" "$bound" free || exit
run "$tmp/gil" gil --mode gil -w 4 --work 8
tl_check "$tmp/gil" "$bound" serial || exit
run "$tmp/threads" gil --mode threads -w 4 --work 8
tl_check "$tmp/threads" "$bound" free
