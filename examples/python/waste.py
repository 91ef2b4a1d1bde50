#!/usr/bin/env python3
"""waste.py: the article's waste.py in Python 3 (Figure 1).

Twenty processes each loop printing "ID Total waste of CPU cycles!" for
ever. The lesson: sub-processes escape the GIL; every core is busy and
top (or turbotop) shows the workers spread over all of them.

    turbotop -- python3 examples/python/waste.py      # q stops it
    python3 waste.py [-w WORKERS] [-t SECONDS]        # -t 0: until stopped

turbotop's C twin: `turbotop waste` (examples/7-python.lesson plays both).
"""
import argparse
import os
import time
from multiprocessing import Process


def say(line):
    """Print one line with one write(), as the C demos do: the lines of
    concurrent processes never merge, with or without PYTHONUNBUFFERED."""
    os.write(1, (line + "\n").encode())


def waste(id):
    while 1:
        say(str(id) + ' Total waste of CPU cycles!')


if '__main__' == __name__:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-w", "--workers", type=int, default=20)
    parser.add_argument("-t", "--duration", type=float, default=0,
                        help="stop after SECONDS (default 0: until stopped)")
    args = parser.parse_args()
    if not 1 <= args.workers <= 4096 or args.duration < 0:
        parser.error("workers must be 1..4096 and the duration >= 0")

    workers = [Process(target=waste, args=(i,)) for i in range(args.workers)]
    for p in workers:
        p.start()
    if args.duration > 0:
        time.sleep(args.duration)
        for p in workers:
            p.terminate()
    for p in workers:
        p.join()
