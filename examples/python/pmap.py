#!/usr/bin/env python3
"""pmap.py: the article's pprocess pmap, simple.py against simple_pmap.py.

A calculation that sleeps a little is mapped over an N x N grid, first
with map(), then with a pool of W processes (pprocess.pmap(calculate,
sequence, limit=W); multiprocessing.Pool.map here, one item at a time).
The article's limit=10 made it "roughly 10 times faster" (Figure 2):
sleeping processes need no core, so the speedup reaches W even on 2 cores.
With --cpu the item computes instead, and the speedup stops at the cores.

    turbotop -- python3 examples/python/pmap.py -w 10 -n 20
    python3 pmap.py [-w WORKERS] [-n N] [-d MS] [--cpu]

turbotop's C twin: `turbotop pmap` prints the same lines.
"""
import argparse
import os
import time
from multiprocessing import Pool, cpu_count

N = 8
DELAY = 0.010
CPU = False


def say(line):
    """Print one line with one write() (see waste.py)."""
    os.write(1, (line + "\n").encode())


def setup(n, delay, cpu):
    """Each pool worker gets the settings (the module globals)."""
    global N, DELAY, CPU
    N, DELAY, CPU = n, delay, cpu


def calculate(t):
    "A supposedly time-consuming calculation on 't'."
    i, j = t
    if CPU:
        end = time.perf_counter() + DELAY
        while time.perf_counter() < end:
            pass
    else:
        time.sleep(DELAY)
    return i * N + j


if '__main__' == __name__:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-w", "--workers", type=int, default=2 * cpu_count())
    parser.add_argument("-n", "--grid", type=int, default=8,
                        help="map over an N x N grid (default 8: 64 items)")
    parser.add_argument("-d", "--delay", type=float, default=10,
                        help="milliseconds each item takes (default 10)")
    parser.add_argument("-c", "--cpu", action="store_true",
                        help="CPU-bound: compute for the delay instead")
    args = parser.parse_args()
    if not 1 <= args.workers <= 256 or not 1 <= args.grid <= 1000 or \
            not 0 <= args.delay <= 60000:
        parser.error("workers 1..256, grid 1..1000, delay 0..60000 ms")
    setup(args.grid, args.delay / 1000, args.cpu)

    sequence = [(i, j) for i in range(N) for j in range(N)]
    say('items: %d (%dx%d grid), each %s %g ms' % (
        N * N, N, N, 'computes for' if CPU else 'sleeps', args.delay))

    start = time.perf_counter()
    results = list(map(calculate, sequence))
    serial = time.perf_counter() - start
    say('serial map: %.3f s' % serial)

    start = time.perf_counter()
    with Pool(args.workers, setup, (N, DELAY, CPU)) as pool:
        presults = pool.map(calculate, sequence, chunksize=1)
    parallel = time.perf_counter() - start
    agree = results == presults == list(range(N * N))
    say('pmap with %d processes: %.3f s' % (args.workers, parallel))
    say('results agree: %s' % ('yes' if agree else 'NO'))
    say('speedup: %.2f' % (serial / parallel))
