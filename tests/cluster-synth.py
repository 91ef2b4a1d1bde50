"""tests/cluster-synth.py: a synthetic agent for cluster mode's tests.

Used through a fake rsh ("rsh HOST COMMAND..." runs "cluster-synth.py HOST"):
writes an agent's event stream for a host of CORES cores (TT_SYNTH_CORES,
default 64) every TT_SYNTH_DELAY seconds (0.5) until its standard input
closes. What the host does depends on its name:

    s...      a normal agent: hello, then samples
    slow...   says nothing at all, and never ends by itself
    bad...    a hostile agent: garbage, a 5 MiB line, deep nesting, escape
              sequences and a huge number first, then normal samples
"""
import json
import os
import select
import sys
import time

host = sys.argv[1]
cores = int(os.environ.get("TT_SYNTH_CORES", "64"))
delay = float(os.environ.get("TT_SYNTH_DELAY", "0.5"))
out = sys.stdout


def put(line):
    out.write(line + "\n")
    out.flush()


def stdin_closed(timeout):
    r, _, _ = select.select([sys.stdin], [], [], timeout)
    return bool(r) and not os.read(sys.stdin.fileno(), 4096)


if host.startswith("slow"):
    while not stdin_closed(1.0):
        pass
    sys.exit(0)

put(json.dumps({"type": "hello", "schema": 1, "version": "synth", "host": host,
                "cores": cores, "argv": ["synth"], "started": "2026-01-01T00:00:00Z"}))
if host.startswith("bad"):
    put("this is not JSON \x1b]0;pwned\x07")
    put("x" * (5 * 1024 * 1024))
    put("[" * 100000 + "]" * 100000)
    put(json.dumps({"type": "output", "t": 1, "job": "\x1b[2J", "pid": 1,
                    "stream": "out", "text": "\x1b]52;c;cHduZWQ=\x07 raw"}))
    put('{"type":"sample","t":1e999,"cpus":[],"procs":[]}')
    put('{"type":"host","t":1,"host":"evil","state":"up","reason":"x"}')
t0 = time.monotonic()
n = 0
while not stdin_closed(delay):
    n += 1
    cpus = [{"id": i, "busy": 50.0, "user": 40.0, "nice": 0.0, "system": 10.0,
             "idle": 50.0, "iowait": 0.0, "irq": 0.0, "softirq": 0.0,
             "steal": 0.0} for i in range(cores)]
    procs = [{"pid": 100 + i, "ppid": 1, "pgid": 100, "state": "R", "cpu": 99.0,
              "core": i % cores, "rss_kb": 1000, "threads": 1, "time": 1.0,
              "cmd": "rank", "rank": i} for i in range(4)]
    try:
        put(json.dumps({"type": "sample", "t": time.monotonic() - t0,
                        "cpus": cpus, "procs": procs}))
    except BrokenPipeError:
        break
