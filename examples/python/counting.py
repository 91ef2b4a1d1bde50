#!/usr/bin/env python3
"""counting.py: the article's counting.py in Python 3.

Three processes count to 20, 25 and 30, sleeping (number - 15) / 10
seconds after each line: their lines interleave "in a jumbled manner",
while the cores stay idle, since a sleeping process costs no CPU.

    turbotop -- python3 examples/python/counting.py
    python3 counting.py [-s FACTOR]     # divide every sleep by FACTOR

turbotop's C twin: `turbotop counting` prints the same lines.
"""
import argparse
import os
from time import sleep
from multiprocessing import Process


def say(line):
    """Print one line with one write() (see waste.py)."""
    os.write(1, (line + "\n").encode())


def count(number, label, speed):
    for i in range(number):
        say(' %2d %s' % (i, label))
        sleep((number - 15) / 10.0 / speed)


if '__main__' == __name__:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--speed", type=float, default=1,
                        help="divide every sleep by FACTOR (default 1)")
    args = parser.parse_args()
    if not 0.01 <= args.speed <= 1000:
        parser.error("the speed factor must be 0.01..1000")

    p1 = Process(target=count, args=(20, 'Rich', args.speed))
    p2 = Process(target=count, args=(25, 'Nus', args.speed))
    p3 = Process(target=count, args=(30, 'Geeks', args.speed))
    for p in (p1, p2, p3):
        p.start()
    for p in (p1, p2, p3):
        p.join()
