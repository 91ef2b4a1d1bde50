#!/bin/bash
# trace-duty.sh: the exact timeline against the kernel's own accounting. A
# worker pinned to core K spins 3 ms and sleeps 7 ms: the trace must give it
# the run time its schedstat says, within 2 points of the window, even when
# other load on K made it wait (30% of the window when the machine lets it
# run), all on K (its run before it was pinned aside). And every thread's
# run + wait + sleep covers the interval.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/trace-lib.sh"

need_exact
[ -x "$DUTY" ] || skip "tests/duty is not built"
tmp=$(mk_tmpdir)
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
core=$((ncpu - 1))

# 1 s asleep (the baseline tick falls there), 3 s of duty cycle, records
# until well after it ends.
"$TURBOTOP" -b -n 12 -d 0.5 -f json --threads --timeline=exact -- \
	"$DUTY" "$core" 3 7 3 1 >"$tmp/j" 2>"$tmp/err" ||
	fail "turbotop exited $?: $(cat "$tmp/err")"

# As root turbotop reads the trace from a tracefs instance of its own. Where
# it cannot make one it reads perf's buffers, which on some machines miss
# what an idle core records (trace-fs.c): a duty that waited for other load
# on K is then credited too much, and only a bound can be asserted.
fs=0
tracefs_reader && fs=1

tl_check "$tmp/j" "
core = $core
tracefs = $fs
assert recs, 'no sample records'
if recs[-1]['timeline']['lost'] > 0:
    print('SKIP: %d events lost: the machine is too busy to conclude' % recs[-1]['timeline']['lost'])
    sys.exit(77)
assert all(r['timeline']['source'] == 'exact' for r in recs), 'not exact'
line = [o for o in out if o.startswith('run_ms=')]
assert line, ('duty printed no schedstat', out)
k = dict(f.split('=') for f in line[0].split())
run, pinned = float(k['run_ms']), float(k['pinned_run_ms'])
window = 3000.0
on_k = sum(x['ms'] for r in recs for c in r['timeline']['cores'] if c['id'] == core for x in c['run'])
elsewhere = sum(x['ms'] for r in recs for c in r['timeline']['cores'] if c['id'] != core for x in c['run'])
print('# duty: schedstat %.1f ms (%.1f%% of the window), pinned %.1f; trace on core %d %.1f ms (%.1f%%), elsewhere %.1f' % (run, 100 * pinned / window, pinned, core, on_k, 100 * on_k / window, elsewhere))
wait = float(k['wait_ms'])
contended = pinned < 0.28 * window or wait > 0.05 * window
# Other load on core K: the duty waited for it, and ran less than 30% -
# the trace must still give its run time exactly.
if tracefs or not contended:
    assert abs(on_k - pinned) <= 0.02 * window, ('trace %.1f ms on core %d, schedstat %.1f (waited %.1f)' % (on_k, core, pinned, wait))
assert on_k <= pinned + wait + 0.02 * window, ('trace %.1f ms on core %d, more than schedstat run %.1f + wait %.1f' % (on_k, core, pinned, wait))
assert elsewhere <= run - pinned + 2, ('%.1f ms off core %d, only %.1f before pinning' % (elsewhere, core, run - pinned))
# The lesson: 3 ms in 10 is 30% of the core, when the machine let it run
# (its schedstat says 28% or more), give or take the 2 points above.
if not contended:
    assert 26 <= 100 * on_k / window <= 34, ('%.1f%% on core %d' % (100 * on_k / window, core))
# Every interval: run + wait + sleep = the interval, for a thread alive throughout.
prev = None
for r in recs:
    if prev is not None:
        iv = (r['t'] - prev) * 1000
        for p in r['procs']:
            for t in p.get('tasks', []):
                if t['state'] == 'X':
                    continue
                s = t['run_ms'] + t['wait_ms'] + t['sleep_ms']
                assert s <= iv + 5, ('thread %d: %.1f ms in a %.1f ms interval' % (t['tid'], s, iv))
                if t['tid'] == p['pid'] or t['run_ms'] > 0:
                    assert s >= iv * 0.9 - 5, ('thread %d: %.1f ms in a %.1f ms interval' % (t['tid'], s, iv))
            sums = [sum(t[f] for t in p['tasks']) for f in ('run_ms', 'wait_ms', 'sleep_ms')]
            for f, v in zip(('run_ms', 'wait_ms', 'sleep_ms'), sums):
                assert abs(p[f] - v) <= 0.2 * len(p['tasks']) + 0.1, (f, p[f], v)
    prev = r['t']
if contended and not tracefs:
    print('SKIP: core %d was busy with other load (the duty ran %.1f ms, waited %.1f ms) and the trace is perf\'s: cannot conclude' % (core, pinned, wait))
    sys.exit(77)
if contended:
    print('# core %d was busy with other load: the duty ran %.1f ms, waited %.1f ms (no 30%% to see)' % (core, pinned, wait))
"
