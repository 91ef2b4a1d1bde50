"""tests/cluster-count.py OUT N-UP MIN [-v]: exit 0 when the stream OUT
(being written) shows N-UP hosts up and MIN samples from each of them."""
import collections
import json
import sys

up, per = set(), collections.Counter()
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    for line in f:
        try:
            r = json.loads(line)
        except ValueError:
            continue	# the line being written
        if r.get("type") == "host" and r.get("state") == "up":
            up.add(r["host"])
        elif r.get("type") == "sample" and "host" in r:
            per[r["host"]] += 1
ok = len(up) >= int(sys.argv[2]) and all(per[h] >= int(sys.argv[3]) for h in up)
if len(sys.argv) > 4:
    print("%d up, samples: %s" % (len(up), dict(per)))
sys.exit(0 if ok else 1)
