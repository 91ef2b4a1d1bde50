#!/bin/bash
# trace-priv.sh: who may trace. As an unprivileged user (setpriv to nobody)
# --timeline=auto falls back to the sampled timeline and says why, and
# --timeline=exact is refused with the reason and exit status 2. As root,
# auto is exact.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
[ "$(id -u)" = 0 ] || skip "needs root to switch to an unprivileged user"
command -v setpriv >/dev/null 2>&1 || skip "setpriv is not installed"
[ "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 2)" -ge 0 ] ||
	skip "kernel.perf_event_paranoid < 0: everyone may trace here"
tmp=$(mk_tmpdir)
chmod 755 "$tmp"
nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$@"; }
# The build tree must be reachable by nobody.
nobody test -x "$TURBOTOP" || skip "nobody cannot run $TURBOTOP (build tree not readable)"

nobody "$TURBOTOP" -b -n 1 -d 0.05 --timeline=exact >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 2 ] || fail "--timeline=exact as nobody: exit $rc, want 2"
grep -q "root or CAP_PERFMON" "$tmp/err" || fail "no reason given: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "records written although exact was refused"

# auto: sampled, and the JSON says so.
nobody "$TURBOTOP" -b -n 2 -d 0.1 -f json >"$tmp/j" 2>"$tmp/err" ||
	fail "auto as nobody: $(cat "$tmp/err")"
python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
samples = [r for r in recs if r["type"] == "sample"]
assert samples, "no sample records"
for r in samples:
    assert r["timeline"]["source"] == "sampled", r
' "$tmp/j" || fail "auto as nobody is not sampled"

# The message: the text record's timeline line names the source and why.
nobody "$TURBOTOP" -b -n 2 -d 0.1 >"$tmp/t" 2>"$tmp/err" || fail "text as nobody"
grep -q "sampled every 20 ms (exact needs root or CAP_PERFMON" "$tmp/t" ||
	fail "no fallback message in the text records: $(grep -i timeline "$tmp/t" | head -2)"

# As root, auto is exact.
"$TURBOTOP" -b -n 2 -d 0.1 -f json >"$tmp/r" 2>"$tmp/err" || fail "auto as root: $(cat "$tmp/err")"
python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
samples = [r for r in recs if r["type"] == "sample"]
assert samples, "no sample records"
for r in samples:
    assert r["timeline"]["source"] == "exact", r
' "$tmp/r" || fail "auto as root is not exact"
exit 0
