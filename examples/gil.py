#!/usr/bin/env python3
"""gil.py: CPython's Global Interpreter Lock, seen from outside.

The same CPU-bound loop runs in W threads, then in W processes. With the
GIL only one thread executes Python code at a time, so the threads take
about W times as long as one of them alone, and in turbotop one core is
busy; the processes each have their own interpreter and use W cores.
(A free-threaded CPython 3.13+ build without the GIL runs both in parallel.)

Played by examples/6-gil.lesson beside turbotop's C `gil` demo:
    python3 gil.py [-w WORKERS] [-n LOOPS]
"""
import argparse
import multiprocessing
import os
import sys
import threading
import time


def say(line):
    """Print one line with one write(): threads printing at once never merge
    their lines (print() writes the text and the newline apart)."""
    os.write(sys.stdout.fileno(), (line + "\n").encode())


def spin(n):
    """Pure-Python CPU work: the GIL is held for all of it."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def worker(kind, index, n):
    start = time.perf_counter()
    spin(n)
    say(f"{kind} {index} (pid {os.getpid()}) done in "
        f"{time.perf_counter() - start:.2f} s")


def timed(kind, cls, workers, n):
    """Start `workers` threads or processes running worker(); wall seconds."""
    start = time.perf_counter()
    runners = [cls(target=worker, args=(kind, i, n)) for i in range(workers)]
    for r in runners:
        r.start()
    for r in runners:
        r.join()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-w", "--workers", type=int, default=4)
    parser.add_argument("-n", "--loops", type=int, default=5_000_000)
    args = parser.parse_args()
    if not 1 <= args.workers <= 256 or not 1 <= args.loops <= 10**10:
        parser.error("workers must be 1..256 and loops 1..10**10")

    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    say(f"python {sys.version.split()[0]}, GIL "
        f"{'enabled' if gil else 'disabled'}, {args.workers} workers, "
        f"{args.loops} loops each")
    t = timed("thread", threading.Thread, args.workers, args.loops)
    say(f"threads:   {t:.2f} s wall")
    p = timed("process", multiprocessing.Process, args.workers, args.loops)
    say(f"processes: {p:.2f} s wall")
    say(f"processes were {t / p:.1f}x faster than threads")


if __name__ == "__main__":
    main()
