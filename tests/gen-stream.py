#!/usr/bin/env python3
"""gen-stream.py: a synthetic event stream (doc/turbotop-events.schema.json)
for the replay tests, on standard output.

    gen-stream.py [--hosts H] [--host-prefix P] [--cores C] [--seconds S]
                  [--interval I] [--hostile] [--timeline] [--bad-procs T]

H hosts (records carry "host" when H > 1, named P0, P1, ...; P is "h")
of C cores each, a sample every I
seconds for S seconds, busy % varying by core and time; one job, "ticker",
that prints "tick N" every second; with --hostile, a line that is not JSON
(line 6), an over-deep record, a record of an unknown type and an output
line with terminal escapes come in between, and the rest still plays;
--schema N writes N as the hello's schema (a newer one is reported).
--timeline gives each sample a "timeline" before its "procs", as turbotop
writes them (the ticker runs on core 0); --bad-procs T makes the
processes of the sample at T bad (its timeline good).
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hosts", type=int, default=1)
    ap.add_argument("--host-prefix", default="h")
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--interval", type=float, default=0.5)
    ap.add_argument("--hostile", action="store_true")
    ap.add_argument("--schema", type=int, default=1)
    ap.add_argument("--timeline", action="store_true")
    ap.add_argument("--bad-procs", type=float, default=-1)
    a = ap.parse_args()
    out = sys.stdout
    hosts = [a.host_prefix + str(i) for i in range(a.hosts)] if a.hosts > 1 else ["synth"]

    def put(rec):
        out.write(json.dumps(rec, separators=(",", ":")) + "\n")

    put({"type": "hello", "schema": a.schema, "version": "0.1.0", "host": hosts[0],
         "cores": a.cores, "argv": ["gen-stream.py"],
         "started": "2026-11-29T00:00:00.000Z"})
    put({"type": "start", "t": 0.0, "job": "ticker", "pgid": 4242})
    n = int(round(a.seconds / a.interval))
    tick = 0
    for k in range(1, n + 1):
        t = round(k * a.interval, 3)
        if a.hostile and k == 3:
            out.write("this is { not json\n")             # line 6
            put({"type": "sample", "t": t, "cpus": [[[[[[[[[[1]]]]]]]]]]})
            put({"type": "teleport", "t": t})
            put({"type": "output", "t": t, "job": "ticker", "pid": 4243,
                 "stream": "out", "text": "evil \x1b]0;pwned\x07\x1b[2J here"})
        for hi, h in enumerate(hosts):
            cpus = []
            for c in range(a.cores):
                busy = float((c * 7 + hi * 13 + k * 3) % 101)
                cpus.append({"id": c, "busy": busy,
                             "user": round(busy * 0.7, 1), "nice": 0.0,
                             "system": round(busy * 0.3, 1),
                             "idle": 100.0 - busy, "iowait": 0.0, "irq": 0.0,
                             "softirq": 0.0, "steal": 0.0})
            rec = {"type": "sample", "t": t, "cpus": cpus}
            procs = [{"pid": 4243, "ppid": 4242, "pgid": 4242,
                      "state": "R", "cpu": 50.0, "core": 0,
                      "rss_kb": 1000, "threads": 1,
                      "time": t / 2, "cmd": "ticker"}]
            if a.timeline:
                ms = a.interval * 1000
                cores = [{"id": c, "idle_ms": 0.0 if c == 0 else ms,
                          "run": [{"pid": 4243, "tid": 4243, "ms": ms}]
                          if c == 0 else []} for c in range(a.cores)]
                rec["timeline"] = {"source": "exact", "lost": 0,
                                   "cores": cores}
            if abs(t - a.bad_procs) < 1e-6:
                procs = [{"pid": "not a number"}]
            rec["procs"] = procs
            if a.hosts > 1:
                rec["host"] = h
            put(rec)
        while tick + 1 <= t:
            tick += 1
            put({"type": "output", "t": t, "job": "ticker", "pid": 4243,
                 "stream": "out", "text": "tick %d" % tick})
    t = round(n * a.interval, 3)
    put({"type": "exit", "t": t, "job": "ticker", "pgid": 4242, "status": 0,
         "signal": 0})
    put({"type": "end", "t": t, "status": 0})


if __name__ == "__main__":
    main()
