# tests/trace-lib.sh: shared by the exact-timeline tests (sourced after lib.sh).
#
#   need_exact                   skip unless the scheduler trace can run here
#   tl_check FILE PYTHON...      run a Python check over FILE's JSON records:
#                                `recs` are the sample records (with
#                                "timeline"), `out` the demo's output lines
#   DUTY                         the pinned duty-cycle worker (tests/duty)
#   tracefs_reader               true when turbotop reads the trace from a
#                                tracefs instance of its own (root, tracefs
#                                writable), not from perf's buffers

DUTY="${TESTS_BUILDDIR:-$(dirname "$TURBOTOP")/../tests}/duty"

need_exact() {
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	if ! "$TURBOTOP" -b -n 1 -d 0.05 --timeline=exact >/dev/null 2>&1; then
		skip "the exact timeline is not allowed here: $("$TURBOTOP" -b -n 1 -d 0.05 --timeline=exact 2>&1 >/dev/null | head -1)"
	fi
}

tracefs_reader() {
	local d
	for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
		[ -w "$d/instances" ] && return 0
	done
	return 1
}

tl_check() {
	local file=$1
	shift
	python3 - "$file" "$@" <<'PY'
import json, sys
recs, out = [], []
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("type") == "output":
        out.append(r["text"])
    elif r.get("type") == "sample" and "timeline" in r:
        recs.append(r)
code = sys.argv[2]
try:
    exec(code)
except SystemExit:
    raise
except AssertionError as e:
    print("FAIL:", e, file=sys.stderr)
    sys.exit(1)
PY
}
