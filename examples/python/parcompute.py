#!/usr/bin/env python3
"""parcompute.py: the article's parcompute.py in Python 3.

The exact sum over i = 1..N of i**3 + 123456789*i**10 + i*23456789, split
into one contiguous range per worker process. The article submitted the
jobs to a Parallel Python Server; multiprocessing.Pool does the same here
(starmap hands each worker its range and returns the partial sums).
Python integers are exact, so the sum equals `turbotop compute -n N`'s.

    turbotop -- python3 examples/python/parcompute.py -n 200000
    python3 parcompute.py [-w WORKERS] [-n N]

Compare the wall time with the C demo (`compute -w W -n N`): the same
picture, W busy cores, but Python is far slower per term.
"""
import argparse
import os
import time
from multiprocessing import Pool, cpu_count


def say(line):
    """Print one line with one write() (see waste.py)."""
    os.write(1, (line + "\n").encode())


def compute(istart, iend):
    start = time.perf_counter()
    isum = 0
    for i in range(istart, iend + 1):
        isum += i**3 + 123456789*i**10 + i*23456789
    say(' worker pid %d: i = %d..%d in %.3f s' % (
        os.getpid(), istart, iend, time.perf_counter() - start))
    return isum


if '__main__' == __name__:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-w", "--workers", type=int, default=cpu_count())
    parser.add_argument("-n", "--number", type=int, default=10000,
                        help="sum over i up to N (default 10000, the article's)")
    args = parser.parse_args()
    if not 1 <= args.workers <= 256 or args.number < 0:
        parser.error("workers must be 1..256 and N >= 0")

    ncpus, uinum = args.workers, args.number
    # One contiguous range per job; sizes differ by at most one, so every
    # i is summed exactly once (the article gave the remainder to the last).
    ranges = [(1 + uinum * k // ncpus, uinum * (k + 1) // ncpus)
              for k in range(ncpus)]
    start = time.perf_counter()
    with Pool(ncpus) as osrvr:
        ics = sum(osrvr.starmap(compute, ranges))

    say('workers: ' + str(ncpus))
    say('parallel computed sum: ' + str(ics))
    say('wall time: %.3f s' % (time.perf_counter() - start))
