#!/bin/bash
# ui-mpi.sh: mpicompute on this machine in the TUI (issue 14): mpirun
# starts the ranks, each in a process group of its own; the process table
# still counts them as the run's, the output pane labels each line with its
# rank (rN), and the timeline's legend names the ranks the same way (rN,
# from OMPI_COMM_WORLD_RANK in their environment), in the kept last run too.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
. "${TESTS_SRCDIR:-$(dirname "$0")}/ui-lib.sh"
[ -x "$DEMOS/mpicompute" ] && command -v mpirun >/dev/null 2>&1 ||
	skip "mpicompute is not built or mpirun is missing"
dir=$(mk_tmpdir)
export OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo
export OMPI_MCA_orte_tmpdir_base="$dir"

tt_start 100 30 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.25 mpicompute -w 2 -n 200000000"
# While it runs: both ranks in the table (two mpicompute rows).
two_ranks() { [ "$(tt_capture | grep -cE '^ *[0-9]+ +[0-9]+ [A-Z] .* mpicompute *$')" -ge 2 ]; }
wait_until 30 two_ranks || fail "the ranks are not in the process table: $(tt_capture)"
kept() { tt_capture | grep -qF 'last run: mpicompute -w 2'; }
wait_until 120 kept || fail "the run did not end: $(tt_capture)"
screen=$(tt_capture)
echo "$screen" | grep -qE '^ *r0│ *workers: 2' || fail "rank 0's line is not labelled r0: $screen"
echo "$screen" | grep -qE '^ *r1│ *worker 2:' || fail "rank 1's line is not labelled r1: $screen"
legend=$(echo "$screen" | grep -E '^ *legend:')
echo "$legend" | grep -qE ' r0( |/)' && echo "$legend" | grep -qE ' r1( |/)' ||
	fail "the legend does not name the ranks r0 and r1: '$legend'"
note "$legend"
tt_send q
wait_until 15 tt_pane_dead || fail "q did not quit"
pgrep -f "$DEMOS/mpicompute -n 200000000" >/dev/null && fail "a rank is left after q"
exit 0
