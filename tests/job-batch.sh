#!/bin/bash
# job-batch.sh: turbotop -b -f json with a demo or a command: the output lines
# are exported sanitised (no raw control character, the text around escapes
# kept), attributed to the pid that wrote them, each exactly once; the exit
# record and turbotop's exit status give the demo's status or signal; -n N
# stops the demo; --pty gives it a terminal. Every stream validates against
# the event schema.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
tmp=$(mk_tmpdir)

# check_json FILE PYTHON-CODE: validate every record of FILE against the
# schema into recs, the output records into out, the exit record into ex;
# then run the code, which asserts.
check_json() {
	PYTHONPATH=$TESTS_SRCDIR python3 - "$1" "$2" <<'EOF' || fail "check of $1 failed"
import json, sys
import events
path, code = sys.argv[1], sys.argv[2]
raw = open(path, 'rb').read()
bad = [b for b in raw if (b < 0x20 and b != 0x0a) or b == 0x7f]
assert not bad, "raw control bytes in the export: %r" % bad[:5]
recs = events.load(path)
out = [r for r in recs if r['type'] == 'output']
ex = [r for r in recs if r['type'] == 'exit']
assert len(ex) == 1 and recs[-2] is ex[0], "one exit record, before the end"
assert recs[-1]['type'] == 'end' and recs[-1]['status'] in (0, ex[0]['status']), recs[-1]
assert [r['type'] for r in recs[:2]] == ['hello', 'start'], recs[:2]
ex = ex[0]
exec(code)
EOF
}

# Escape sequences and invalid UTF-8: neutralised, the text around kept.
"$TURBOTOP" -b -d 0.2 -f json -- printf \
	'before \033[2J\033]0;title\007 \033[31mred\033[0m after\nbad \377\376 utf8 \303( end\n' \
	>"$tmp/esc" || fail "turbotop exited $? on the escape demo"
check_json "$tmp/esc" '
t = [o["text"] for o in out]
assert t[0] == "before ^[[2J^[]0;title^G ^[[31mred^[[0m after", t
assert t[1] == "bad \\xff\\xfe utf8 \\xc3( end", t
assert ex["status"] == 0 and ex["signal"] == 0, ex
'

# Attribution: 8 workers, each line carries the pid of the worker that wrote
# it (each worker prints its own pid), in order per worker, none lost.
"$TURBOTOP" -b -d 0.2 -f json -- sh -c '
	for w in 1 2 3 4 5 6 7 8; do
		sh -c "i=0; while [ \$i -lt 500 ]; do echo \$\$ \$i; i=\$((i+1)); done" &
	done; wait' >"$tmp/attr" || fail "turbotop exited $? on the workers"
check_json "$tmp/attr" '
seen = {}
for o in out:
    pid, i = map(int, o["text"].split())
    assert o["pid"] == pid, o
    assert o["stream"] == "out", o
    assert seen.get(pid, 0) == i, (pid, i)
    seen[pid] = i + 1
assert len(seen) == 8 and all(n == 500 for n in seen.values()), seen
'

# Exit status and stderr.
"$TURBOTOP" -b -d 0.2 -f json -- sh -c 'echo oops >&2; exit 3' >"$tmp/st"
rc=$?
[ "$rc" = 3 ] || fail "turbotop exited $rc, not the demo's 3"
check_json "$tmp/st" '
assert [(o["stream"], o["text"]) for o in out] == [("err", "oops")], out
assert ex["status"] == 3 and ex["signal"] == 0, ex
'

# Killed by a signal: status 128 + signal, signal reported.
"$TURBOTOP" -b -d 0.2 -f json -- sh -c 'kill -TERM $$' >"$tmp/sig"
rc=$?
[ "$rc" = 143 ] || fail "turbotop exited $rc, not 128+SIGTERM"
check_json "$tmp/sig" 'assert ex["signal"] == 15 and ex["status"] == 143, ex'

# A program that does not exist: status 127 and a message in its output.
"$TURBOTOP" -b -d 0.2 -f json -- /nonexistent/prog >"$tmp/nx"
rc=$?
[ "$rc" = 127 ] || fail "turbotop exited $rc for a missing program"
check_json "$tmp/nx" 'assert "cannot run" in out[0]["text"], out'

# -n N: N sample records, then the demo is stopped; nothing is left.
# (2 s: time enough for the demo to start and print on a busy machine.)
"$TURBOTOP" -b -d 0.1 -n 20 -f json -- sh -c 'echo $$; exec sleep 600' >"$tmp/n" ||
	fail "turbotop -n 3 exited $?"
check_json "$tmp/n" '
assert len([r for r in recs if r["type"] == "sample"]) == 20, len(recs)
assert len(out) == 1, out
assert ex["signal"] == 15, ex
assert any(p["pid"] == int(out[0]["text"]) for r in recs for p in r.get("procs", [])), "demo not in procs"
open(sys.argv[1] + ".pid", "w").write(out[0]["text"])
'
pid=$(cat "$tmp/n.pid")
pids_alive "$pid" && fail "-n 3 left the demo running"

# A demo from the catalog, by name.
if [ -x "$DEMOS/welcome" ]; then
	"$TURBOTOP" -b -d 0.2 -f json welcome >"$tmp/w" || fail "welcome exited $?"
	check_json "$tmp/w" '
assert ex["job"] == "welcome" and ex["status"] == 0, ex
assert len(out) >= 3 and len(set(o["pid"] for o in out)) >= 3, out
'
fi

# --pty: the demo sees a terminal.
"$TURBOTOP" -b -d 0.2 -f json --pty -- sh -c 'if [ -t 1 ]; then echo tty; else echo notty; fi' \
	>"$tmp/pty" || fail "--pty exited $?"
check_json "$tmp/pty" 'assert [o["text"] for o in out] == ["tty"], out'

# A Python program streams live: PYTHONUNBUFFERED=1 is set for it, so its
# first line is in an early record although it never flushes and is stopped
# by SIGTERM (block-buffered, the line would be lost with it). The stop
# comes once the line is out, however long python3 takes to start.
"$TURBOTOP" -b -d 0.1 -f json -- python3 -c \
	'import os, time; print("py", os.environ.get("PYTHONUNBUFFERED")); time.sleep(600)' \
	>"$tmp/py" &
py_tt=$!
cleanup_pid "$py_tt"
wait_until 20 grep -q '"py 1"' "$tmp/py" || fail "python3's line never reached the export"
kill -TERM "$py_tt"
wait "$py_tt"
rc=$?
[ "$rc" = 143 ] || fail "python3 demo: turbotop exited $rc on SIGTERM, not 128+SIGTERM"
check_json "$tmp/py" '
assert [o["text"] for o in out] == ["py 1"], out
assert ex["signal"] == 15, ex
'

# CSV: the same records as rows with a type column, the demo's status.
"$TURBOTOP" -b -d 0.1 -f csv -- sh -c 'echo hello; sleep 0.5; exit 5' >"$tmp/csv"
rc=$?
[ "$rc" = 5 ] || fail "-f csv exited $rc, not the demo's 5"
head -n 1 "$tmp/csv" | grep -q '^type,t,cpu,' || fail "-f csv lacks its header"
grep -q '^output,.*,out,.*,hello$' "$tmp/csv" || fail "-f csv lacks the output row: $(cat "$tmp/csv")"
grep -q '^exit,.*,5,0,' "$tmp/csv" || fail "-f csv lacks the exit row"

# Text format: the lines appear, attributed.
"$TURBOTOP" -b -d 0.2 -- sh -c 'echo hello' >"$tmp/txt" || fail "-f text exited $?"
grep -q "^\[ *[0-9]* out\] hello$" "$tmp/txt" || fail "text output lacks the line: $(cat "$tmp/txt")"
exit 0
