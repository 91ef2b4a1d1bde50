#!/usr/bin/env python3
"""mpicompute.py: the article's parcompute.py as an MPI program (mpi4py).

The article ends on Parallel Python's cluster mode: the same jobs sent to
ppserver nodes. Its nearest packaged relative is MPI: mpirun starts one
copy of this program per rank, on one host or several, and each rank sums
its own contiguous range of i = 1..N of i**3 + 123456789*i**10 + i*23456789;
rank 0 gathers the partial sums (Python integers are exact, so the sum is
`turbotop compute -n N`'s and `mpicompute -n N`'s).

    mpirun -np 2 python3 examples/python/mpicompute.py -n 200000
    turbotop -- mpirun -np 2 python3 examples/python/mpicompute.py -n 200000

Debian: python3-mpi4py (and openmpi-bin).
"""
import argparse
import os
import socket
import time

from mpi4py import MPI


def say(line):
    """Print one line with one write() (see waste.py)."""
    os.write(1, (line + "\n").encode())


def compute(istart, iend):
    isum = 0
    for i in range(istart, iend + 1):
        isum += i**3 + 123456789*i**10 + i*23456789
    return isum


if '__main__' == __name__:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--number", type=int, default=10000,
                        help="sum over i up to N (default 10000, the article's)")
    args = parser.parse_args()
    if args.number < 0:
        parser.error("N must be >= 0")

    comm = MPI.COMM_WORLD
    rank, size, n = comm.Get_rank(), comm.Get_size(), args.number
    # The same ranges as parcompute.py's: sizes differ by at most one.
    istart, iend = 1 + n * rank // size, n * (rank + 1) // size
    start = time.perf_counter()
    part = compute(istart, iend)
    say(' worker %d: %d..%d in %.3f s on %s' % (
        rank + 1, istart, iend, time.perf_counter() - start,
        socket.gethostname()))
    parts = comm.gather(part, root=0)
    if rank == 0:
        say('workers: %d' % size)
        say('parallel computed sum: %d' % sum(parts))
        say('wall time: %.3f s' % (time.perf_counter() - start))
