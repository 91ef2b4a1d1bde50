#!/bin/bash
# turbotop -b --hosts across the lab's three hosts (issue 14): every host
# up, mpicompute's sum equals compute's, every output line attributed to
# its rank and to the host that rank ran on, each agent sees only its own
# host's ranks, the stream validates against the schema, turbotop has no
# listening socket, and nothing is left on any host after the run.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/lab-lib.sh"

[ -x "$DEMOS/mpicompute" ] || skip "mpicompute is not built (configure found no Open MPI)"
command -v mpirun >/dev/null 2>&1 || skip "mpirun (openmpi-bin) is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
lab_start 3

N=100000000
want=$("$DEMOS/compute" -n $N -w 2 | sed -n 's/^parallel computed sum: //p')
[ -n "$want" ] || fail "compute printed no sum"

out=$LAB_DIR/run.json
lab_exec timeout 240 "$TURBOTOP" -b -f json -d 0.2 --hosts=h1,h2,h3 \
    --rsh="$LAB_RSH" mpicompute -w 3 -n $N > "$out" 2> "$LAB_DIR/err" &
tpid=$!
cleanup_pid $tpid

# While it runs: every host up, and not one listening socket of turbotop's.
# Generous: under make -j check's load an agent took 18 s to come up (ssh).
# turbotop starts mpicompute only once the hosts are up (at most 60 s): a
# run that ended before an agent's hello left that host "connecting".
wait_until 100 sh -c "[ \$(grep -c '\"state\":\"up\"' '$out') -ge 3 ]" ||
	fail "not every host came up: $(grep -E '"type":"(host|start|exit|end)"' "$out") $(cat "$LAB_DIR/err"); $(lab_diag)"
if ss -Hlntup 2>/dev/null | grep -q '"turbotop"'; then
	fail "turbotop listens: $(ss -Hlntup | grep turbotop)"
fi
wait $tpid || fail "turbotop exited $?: $(cat "$LAB_DIR/err")"

python3 - "$out" "$want" <<'PY' || fail "the stream: see above"
import sys
sys.path.insert(0, __import__("os").environ["TESTS_SRCDIR"])
import events
recs = events.load(sys.argv[1])
want = sys.argv[2]
up = {r["host"] for r in recs if r["type"] == "host" and r["state"] == "up"}
assert up == {"h1", "h2", "h3"}, "hosts up: %r" % up
outs = [r for r in recs if r["type"] == "output"]
sums = [r for r in outs if r["text"].startswith("parallel computed sum: ")]
assert len(sums) == 1, "sum lines: %r" % outs
assert sums[0]["text"] == "parallel computed sum: " + want, sums[0]
assert sums[0]["rank"] == 0 and sums[0]["host"] == "h1", sums[0]
# Each rank says where it ran; turbotop attributed the line to that host.
placed = {}
for r in outs:
    if r["text"].startswith(" worker "):
        assert "rank" in r and "host" in r, "unattributed: %r" % r
        assert r["text"].endswith(" on " + r["host"]), "misattributed: %r" % r
        placed[r["rank"]] = r["host"]
assert placed == {0: "h1", 1: "h2", 2: "h3"}, "ranks: %r" % placed
# Every rank's line has its rank. A line without one is mpirun's own (the
# job's leader: under load Open MPI 4.1 may warn "plm:rsh: Warning:
# setpgid(...) failed"), never a rank's.
leader = [r["pgid"] for r in recs if r["type"] == "start"]
for r in outs:
    if "rank" not in r:
        assert r["pid"] in leader and not r["text"].startswith(" worker "), \
            "a line without its rank: %r (mpirun: %r)" % (r, leader)
# Each agent sees only its own host's ranks (and sees some).
seen = 0
for r in recs:
    if r["type"] == "sample":
        assert r.get("host") in ("h1", "h2", "h3"), "sample without host"
        for p in r["procs"]:
            if "rank" in p:
                seen += 1
                assert placed[p["rank"]] == r["host"], \
                    "%s's agent lists rank %d" % (r["host"], p["rank"])
assert seen > 0, "no agent saw a rank"
assert recs[-1]["type"] == "end" and recs[-1]["status"] == 0, recs[-1]
print("ok: %d records, %d rank sightings" % (len(recs), seen))
PY

for k in 1 2 3; do
	wait_until 5 lab_idle $k ||
		fail "left on h$k: $(lab_pids $k | xargs -r ps -o pid,args -p)"
done
exit 0
