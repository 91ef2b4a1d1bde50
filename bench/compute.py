#!/usr/bin/env python3
# bench/compute.py: the python3 peer of demos/compute, for bench-compute.sh.
# The article's parcompute.py loop, term by term with Python's exact integers,
# over W worker processes (multiprocessing) on the same contiguous ranges as
# the C demo; prints the same lines.
#   python3 compute.py [-n N] [-w W]
import argparse
import multiprocessing
import os
import time


def compute(istart, iend):
    isum = 0
    for i in range(istart, iend + 1):
        isum += i**3 + 123456789*i**10 + i*23456789
    return isum


def ranges(n, w):
    return [(k * n // w + 1, (k + 1) * n // w) for k in range(w)]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('-n', type=int, default=10000)
    ap.add_argument('-w', type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if args.n < 0 or args.w < 1:
        ap.error('N must be >= 0 and W >= 1')
    start = time.monotonic()
    if args.w == 1:
        ics = compute(1, args.n)
    else:
        with multiprocessing.Pool(args.w) as pool:
            ics = sum(pool.starmap(compute, ranges(args.n, args.w)))
    print('workers: %d' % args.w)
    print('parallel computed sum: %d' % ics)
    print('wall time: %.3f s' % (time.monotonic() - start))


if __name__ == '__main__':
    main()
