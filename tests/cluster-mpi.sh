#!/bin/bash
# mpicompute across the lab's three hosts with plain mpirun (issue 14): the
# sum equals compute's for the same N, every rank ran on the host mpirun
# placed it on, and nothing is left on any host afterwards.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/lab-lib.sh"

[ -x "$DEMOS/mpicompute" ] || skip "mpicompute is not built (configure found no Open MPI)"
command -v mpirun >/dev/null 2>&1 || skip "mpirun (openmpi-bin) is not installed"
lab_start 3

N=200000
want=$("$DEMOS/compute" -n $N -w 2 | sed -n 's/^parallel computed sum: //p')
[ -n "$want" ] || fail "compute printed no sum"

out=$LAB_DIR/mpi.out
# mpirun inherits the environment: the lab's OMPI_MCA_* settings apply.
timeout 60 unshare --mount sh -c \
    'mount --bind "$0" /etc/hosts && exec "$@"' "$LAB_DIR/hosts" \
    mpirun --host h1,h2,h3 -np 3 --tag-output "$DEMOS/mpicompute" -n $N \
    > "$out" 2>&1 || fail "mpirun failed: $(cat "$out")"

got=$(sed -n 's/^\[1,0\]<stdout>:parallel computed sum: //p' "$out")
[ "$got" = "$want" ] || fail "mpicompute's sum '$got' is not compute's '$want': $(cat "$out")"
grep -q '^\[1,0\]<stdout>:workers: 3$' "$out" || fail "no 'workers: 3': $(cat "$out")"
for r in 0 1 2; do
	grep -q "^\[1,$r\]<stdout>: worker $((r + 1)): .* on h$((r + 1))\$" "$out" ||
		fail "rank $r did not run on h$((r + 1)): $(cat "$out")"
done
for k in 1 2 3; do
	wait_until 5 test -z "$(lab_pids $k)" ||
		fail "left on h$k: $(lab_pids $k | xargs -r ps -o pid,args -p)"
done
exit 0
