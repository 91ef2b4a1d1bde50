#!/usr/bin/env python3
"""miscellaneous.py: the article's miscellaneous.py in Python 3.

Lock, Queue and Pipe between processes. Workers 1 .. 2*cores-1 each print
4*i lines while holding one shared Lock, so each worker's lines come in one
block and one core works at a time; then a process puts a message in a
Queue and another sends one through a Pipe, and the parent prints both.

    turbotop -- python3 examples/python/miscellaneous.py
    python3 miscellaneous.py [-w WORKERS] [--work MS] [--no-lock]

turbotop's C twins: `turbotop lock`, `turbotop queue`, `turbotop pipe`.
"""
import argparse
import os
import time
from multiprocessing import Process, Lock, Queue, Pipe, cpu_count


def say(line):
    """Print one line with one write() (see waste.py)."""
    os.write(1, (line + "\n").encode())


def spin(seconds):
    """CPU work for that long: what the worker does for each line."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def lockfunc(olck, uilaps, work, nolock):
    if not nolock:
        olck.acquire()
    for ui in range(4 * uilaps):
        say(' worker %d, pid %d: line %d of %d, %s' % (
            uilaps, os.getpid(), ui + 1, 4 * uilaps,
            'no lock' if nolock else 'holding the lock'))
        spin(work)
    if not nolock:
        olck.release()


def queuefunc(oque):
    oque.put(" message in Queue: LFY rockz!!!")


def pipefunc(oc):
    oc.send(" message in Pipe: FOSS rulz!!!")


if '__main__' == __name__:
    uicores = cpu_count()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-w", "--workers", type=int, default=2 * uicores - 1,
                        help="lock workers (default 2*cores-1)")
    parser.add_argument("--work", type=float, default=20,
                        help="CPU milliseconds of work per line (default 20)")
    parser.add_argument("--no-lock", action="store_true",
                        help="the same work without the lock: lines jumble")
    args = parser.parse_args()
    if not 1 <= args.workers <= 256 or not 0 <= args.work <= 10000:
        parser.error("workers must be 1..256 and the work 0..10000 ms")

    olck = Lock()
    oque = Queue()
    op, oc = Pipe()

    lockers = [Process(target=lockfunc,
                       args=(olck, ui, args.work / 1000, args.no_lock))
               for ui in range(1, args.workers + 1)]
    for p in lockers:
        p.start()
    for p in lockers:
        p.join()

    opq = Process(target=queuefunc, args=(oque,))
    opq.start()
    say(oque.get())
    opq.join()

    opp = Process(target=pipefunc, args=(oc,))
    opp.start()
    say(op.recv())
    opp.join()
