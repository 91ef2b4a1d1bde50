#!/bin/bash
# lesson-mpi.sh: MPI on this machine alone (issue 14). A lesson's
# `run mpicompute -w 2 -n N` runs it under mpirun with 2 ranks here: the
# sum equals compute's, and each output record names its rank (mpirun's
# tags taken off). `try -- mpirun --tag-output ... python3 mpicompute.py`
# (mpi4py, when installed) prints the same sum, its lines with ranks too.
# `bench 1,2 ... mpicompute` measures K = 1 and 2 ranks. The records
# validate against the schema, and no rank is left when turbotop ends.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
[ -x "$DEMOS/mpicompute" ] && command -v mpirun >/dev/null 2>&1 ||
	skip "mpicompute is not built or mpirun is missing"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
py=${TESTS_SRCDIR:-$(dirname "$0")}/../examples/python
dir=$(mk_tmpdir)
export OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
export OMPI_MCA_orte_tmpdir_base="$dir"
mpi4py=1
python3 -c 'import mpi4py' 2>/dev/null || { mpi4py=0; note "no mpi4py for $(command -v python3): the Python part is left out"; }

{
	echo "title MPI on this machine"
	echo "run mpicompute -w 2 -n 1001"
	echo "wait exit 2m"
	[ "$mpi4py" = 1 ] && echo "try -- mpirun --allow-run-as-root --tag-output -np 2 python3 $py/mpicompute.py -n 1001" &&
		echo "wait exit 2m"
	echo "bench 1,2 --repeat=1 --bench-floor=0 mpicompute -n 100000"
	echo "wait exit 3m"
} >"$dir/mpi.lesson"
"$TURBOTOP" -b -f json --script "$dir/mpi.lesson" >"$dir/out.json" 2>"$dir/err" ||
	fail "the lesson failed: $(cat "$dir/err") $(grep -v '"sample"' "$dir/out.json" | tail -5)"
# (Its own ranks: -n 1001 or 100000; ui-mpi.sh's may run beside it.)
pgrep -f "$DEMOS/mpicompute -n (1001|100000)\$" >/dev/null &&
	fail "a rank is left: $(pgrep -af "$DEMOS/mpicompute")"
sum=$("$DEMOS/compute" -w 3 -n 1001 | grep '^parallel computed sum: ') ||
	fail "compute printed no sum"

PYTHONPATH=$TESTS_SRCDIR python3 - "$dir/out.json" "$sum" "$mpi4py" <<'PY' ||
import sys, events
recs = events.load(sys.argv[1])
want, mpi4py = sys.argv[2], sys.argv[3] == "1"
out = [r for r in recs if r["type"] == "output"]
mpi = [r for r in out if r["job"] == "mpicompute"]
assert any(r["text"] == want and r.get("rank") == 0 for r in mpi), \
    "mpicompute's sum %r from rank 0 not in %r" % (want, mpi)
assert {r.get("rank") for r in mpi if r["text"].startswith(" worker")} == {0, 1}, mpi
assert all(not r["text"].startswith("[") for r in mpi), "a tag is left: %r" % mpi
if mpi4py:
    pyl = [r for r in out if r["job"] == "mpirun"]
    assert any(r["text"] == want and r.get("rank") == 0 for r in pyl), \
        "mpicompute.py's sum %r from rank 0 not in %r" % (want, pyl)
bench = [r for r in recs if r["type"] == "bench"]
assert sorted({r["workers"] for r in bench}) == [1, 2], bench
assert all("mpicompute -np K" in r["title"] and r["failed"] == 0 for r in bench), bench
end = [r for r in recs if r["type"] == "end"]
assert end, "no end record"
PY
	fail "the records are not right"
exit 0
