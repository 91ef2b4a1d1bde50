#!/bin/bash
# cluster-bench.sh: --bench across hosts (issue 14). turbotop -b -f json
# --bench=1,2 --hosts=A:1,B:1 mpicompute runs mpicompute under mpirun with
# K ranks for each K, through the same rsh: a bench record per K, titled
# with -np K and the hosts, each K's runs measured; the records validate
# against the schema. Another demo, or -w given by hand, is refused. A
# SIGKILL of turbotop in the middle of a run leaves no rank behind. The two
# hosts are this machine, reached through a fake rsh that tags what it
# runs (as cluster-tui.sh).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
[ -x "$DEMOS/mpicompute" ] && command -v mpirun >/dev/null 2>&1 ||
	skip "mpicompute is not built or mpirun is missing"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
dir=$(mk_tmpdir)
tag=b$(($$ % 100000))
ha=${tag}a
hb=${tag}b
cat > "$dir/rsh" <<EOF2
#!/bin/sh
# rsh HOST COMMAND...: COMMAND here, tagged
shift
TT_CLUSTER_TAG=$tag
export TT_CLUSTER_TAG
exec sh -c "\$*"
EOF2
chmod +x "$dir/rsh"
leftovers() {
	grep -las "TT_CLUSTER_TAG=$tag" /proc/[0-9]*/environ |
		sed 's|/proc/\([0-9]*\)/environ|\1|' | grep -v "^$$\$"
}
none_left() { [ -z "$(leftovers)" ]; }
ranks_up() { leftovers | grep -q .; }
cleanup_leftovers() { leftovers | xargs -r kill -9 2>/dev/null; }
trap 'cleanup_leftovers; lib_cleanup' EXIT

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
export OMPI_MCA_orte_tmpdir_base="$dir"
bench() { "$TURBOTOP" -b -f json --repeat=1 --hosts=$ha:1,$hb:1 --rsh="$dir/rsh" "$@"; }

# 1. Refused before anything runs: another demo; -w by hand.
bench --bench=1,2 compute -n 1000 >"$dir/e1" 2>&1 && fail "compute across hosts was accepted"
grep -q "runs mpicompute" "$dir/e1" || fail "no reason for compute: $(cat "$dir/e1")"
bench --bench=1,2 mpicompute -w 2 >"$dir/e2" 2>&1 && fail "-w was accepted"
grep -q "do not give '-w'" "$dir/e2" || fail "no reason for -w: $(cat "$dir/e2")"

# 2. K = 1, 2: a record each, titled with -np K and the hosts, measured.
bench --bench=1,2 --bench-floor=0 mpicompute -n 2000000 >"$dir/b.json" 2>"$dir/b.err" ||
	fail "the benchmark failed: $(cat "$dir/b.err") $(tail -3 "$dir/b.json")"
ranks_up && fail "ranks left after the benchmark: $(leftovers | xargs -r ps -o pid,args -p)"
PYTHONPATH=$TESTS_SRCDIR python3 - "$dir/b.json" "$ha,$hb" <<'PY' || fail "the bench records are not right: $(cat "$dir/b.json")"
import sys, events
recs = events.load(sys.argv[1])
bench = [r for r in recs if r["type"] == "bench"]
ks = sorted({r["workers"] for r in bench})
assert ks == [1, 2], "workers %r" % ks
for r in bench:
    assert "mpicompute -np K" in r["title"] and sys.argv[2] in r["title"], r["title"]
last = {r["workers"]: r for r in bench}
for k, r in last.items():
    assert r["runs"] >= 1 and r["wall_median_s"] is not None and r["wall_median_s"] > 0 and r["failed"] == 0, r
end = [r for r in recs if r["type"] == "end"]
assert end and end[-1]["status"] == 0, end
PY

# 3. SIGKILL of turbotop during a run: no rank is left (its watchdog ends
# mpirun's group; mpirun's daemons end the ranks).
"$TURBOTOP" -b -f json --repeat=1 --hosts=$ha:1,$hb:1 --rsh="$dir/rsh" \
    --bench=1,2 --bench-floor=0 mpicompute -n 4000000000 >"$dir/k.json" 2>&1 &
tpid=$!
cleanup_pid $tpid
wait_until 60 ranks_up || fail "no rank started: $(cat "$dir/k.json")"
kill -9 $tpid
wait $tpid 2>/dev/null
wait_until 15 none_left || fail "left after SIGKILL: $(leftovers | xargs -r ps -o pid,args -p)"
ls "$dir" | grep -q '^ompi\.' && note "mpirun's session directory left in the test's own"
exit 0
