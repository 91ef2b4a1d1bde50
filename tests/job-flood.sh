#!/bin/bash
# job-flood.sh: no line lost or repeated under a flood. A writer of 1,000,000
# lines (seq, block-buffered, so lines cross read boundaries) and 4 writers of
# 100,000 lines each (one write per line): turbotop -b -f json exports every
# line exactly once, in order (per writer), while its buffer keeps only 10,000.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
tmp=$(mk_tmpdir)

"$TURBOTOP" -b -d 0.5 -f json -- seq 1 1000000 >"$tmp/seq" ||
	fail "turbotop exited $? on seq"
python3 - "$tmp/seq" <<'PY' || fail "the 1,000,000 lines were not exported once each, in order"
import json, sys
n = 0
last = None
prev = None
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    if r['type'] == 'output':
        n += 1
        assert r['text'] == str(n), (n, r)
        assert r['stream'] == 'out'
    prev, last = last, r
assert n == 1000000, n
assert prev['type'] == 'exit' and prev['status'] == 0, prev
assert last['type'] == 'end' and last['status'] == 0, last
PY

writer="$TESTS_BUILDDIR/../bench/flood-writer"
[ -x "$writer" ] || fail "bench/flood-writer is not built"
"$TURBOTOP" -b -d 0.5 -f json -- "$writer" -w 4 -n 100000 >"$tmp/four" ||
	fail "turbotop exited $? on flood-writer"
python3 - "$tmp/four" <<'PY' || fail "4 x 100,000 lines were not exported once each, in order per writer"
import json, sys
nxt = {}
pids = {}
for line in open(sys.argv[1], encoding='utf-8'):
    o = json.loads(line)
    if o['type'] == 'output':
        w, i = map(int, o['text'].split())
        assert nxt.get(w, 0) == i, (w, i)
        nxt[w] = i + 1
        assert pids.setdefault(w, o['pid']) == o['pid'], "worker %d changed pid" % w
assert nxt == {0: 100000, 1: 100000, 2: 100000, 3: 100000}, nxt
assert len(set(pids.values())) == 4, pids
PY
exit 0
