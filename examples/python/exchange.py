#!/usr/bin/env python3
"""exchange.py: pprocess's channels, Exchange and MakeParallel in Python 3.

The article's pprocess section: MakeParallel wraps an unmodified function so
that it runs in a new process and returns its result through a channel; an
Exchange watches channels (given at the start or later with add), says
whether it is still active and which channels are ready. Here a channel is
a multiprocessing.Pipe connection and the Exchange waits with
multiprocessing.connection.wait. Worker i works a known time, chosen so
that they finish in another order than they started (the odd ones first);
each result is printed as it arrives.

    turbotop -- python3 examples/python/exchange.py
    python3 exchange.py [-w N] [-s SECS] [--sleep] [--late N]

turbotop's C twin: `turbotop exchange` prints the same results.
"""
import argparse
import os
import signal
import sys
import time
from multiprocessing import Pipe, Process
from multiprocessing.connection import wait


def say(line):
    """Print one line with one write(), so lines of processes never mix."""
    os.write(1, (line + "\n").encode())


class Channel:
    """What MakeParallel returns: the worker and the end of its pipe."""

    def __init__(self, conn, process, ident):
        self.conn, self.process, self.id = conn, process, ident


def _call(conn, fn, args):
    conn.send(fn(*args))
    conn.close()


def make_parallel(fn, *args):
    """pprocess's MakeParallel: run fn(*args) in a new process; its result
    comes back on the channel returned."""
    here, there = Pipe(duplex=False)
    p = Process(target=_call, args=(there, fn, args), daemon=True)
    p.start()
    there.close()
    return Channel(here, p, args[0])


class Exchange:
    """pprocess's Exchange: the channels it monitors."""

    def __init__(self, channels=()):
        self.channels = list(channels)

    def add(self, channel):
        self.channels.append(channel)

    def active(self):
        return len(self.channels) > 0

    def ready(self):
        """Wait until some channels have data; they leave the exchange."""
        conns = wait([c.conn for c in self.channels])
        ready = [c for c in self.channels if c.conn in conns]
        self.channels = [c for c in self.channels if c.conn not in conns]
        return ready


def rank(i, workers):
    """The order worker i finishes in: the odd-numbered ones first."""
    return i // 2 if i % 2 == 1 else workers // 2 + i // 2


def calculate(i, secs, sleeping):
    """An unmodified function: work (or sleep) a known time, return i * i."""
    if sleeping:
        time.sleep(secs)
    else:
        end = time.process_time() + secs
        while time.process_time() < end:
            pass
    return i * i


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="In turbotop: the results arrive in the order the workers "
        "finish, not the order they were started; the parent sleeps in "
        "wait while the workers run.")
    parser.add_argument("-w", "--workers", type=int, default=4,
                        help="workers (default 4)")
    parser.add_argument("-s", "--step", type=float, default=2.5,
                        help="the finishing k-th worker works k times SECS "
                        "(default 2.5)")
    parser.add_argument("--sleep", action="store_true",
                        help="sleep instead of computing")
    parser.add_argument("-l", "--late", type=int, default=0,
                        help="start and add the last N workers after the "
                        "first result")
    args = parser.parse_args()
    if not 1 <= args.workers <= 4096 or args.late < 0 or args.step < 0:
        parser.error("workers 1..4096, late and step >= 0")
    w, late = args.workers, min(args.late, args.workers)
    signal.signal(signal.SIGTERM, lambda *unused: sys.exit(128 + 15))

    def start(i, how=""):
        secs = args.step * (rank(i, w) + 1)
        c = make_parallel(calculate, i, secs, args.sleep)
        say("started worker %d (pid %d): %g s%s" % (i, c.process.pid, secs, how))
        return c

    exchange = Exchange(start(i) for i in range(w - late))
    received = 0
    while exchange.active() or received < w:
        if received > 0 or w == late:
            for i in range(w - late, w):
                exchange.add(start(i, ", added late"))
            late = 0
        for c in exchange.ready():
            say("result from worker %d (pid %d): %d" %
                (c.id, c.process.pid, c.conn.recv()))
            c.process.join()
            received += 1
    say("received %d results, in the order they finished" % received)


if '__main__' == __name__:
    main()
