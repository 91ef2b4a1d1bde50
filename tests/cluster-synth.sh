#!/bin/bash
# Cluster mode at scale and under attack, with synthetic agents (a fake rsh
# that runs tests/cluster-synth.py): 16 hosts x 64 cores and 64 x 64 come
# up and every host's samples flow; a silent host never blocks the others
# (nor the end of the run); a hostile agent (garbage, a 5 MiB line, deep
# nesting, escape sequences, numbers out of range) gives error records
# naming its lines, no raw escape reaches the output, and turbotop carries
# on. The merged stream validates against the schema.
. "$TESTS_SRCDIR/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
dir=$(mk_tmpdir)
# The interpreter itself, not a wrapper (pyenv's shims take seconds to start).
py=$(python3 -c 'import sys; print(sys.executable)') || skip "python3 does not run"
printf '#!/bin/sh\nexec "%s" "%s/cluster-synth.py" "$1"\n' "$py" "$TESTS_SRCDIR" > "$dir/rsh"
chmod +x "$dir/rsh"

hosts() {	# hosts PREFIX N
	local i list=""
	for i in $(seq 1 "$2"); do list="$list${list:+,}$1$i"; done
	echo "$list"
}

# run OUT HOSTS N-UP MIN-SAMPLES: until N-UP hosts are up and each has given
# MIN-SAMPLES samples (polled, bounded), then SIGTERM: turbotop ends the run.
run() {
	local out=$1 pid
	"$TURBOTOP" -b -f json -d 0.5 --hosts="$2" --rsh="$dir/rsh" \
	    > "$out" 2> "$dir/err" &
	pid=$!
	cleanup_pid $pid
	wait_until 30 python3 "$TESTS_SRCDIR/cluster-count.py" "$out" "$3" "$4" ||
		fail "not $3 hosts up with $4 samples each: $(python3 "$TESTS_SRCDIR/cluster-count.py" "$out" "$3" "$4" -v)"
	kill -TERM $pid
	wait $pid || fail "turbotop exited $? on SIGTERM: $(cat "$dir/err")"
}

check() {	# check OUT N-UP MIN-SAMPLES-PER-HOST
	python3 - "$@" <<'PY' || fail "stream $1"
import sys, collections
sys.path.insert(0, __import__("os").environ["TESTS_SRCDIR"])
import events
recs = events.load(sys.argv[1])
nup, least = int(sys.argv[2]), int(sys.argv[3])
up = {r["host"] for r in recs if r["type"] == "host" and r["state"] == "up"}
assert len(up) == nup, "%d hosts up, not %d" % (len(up), nup)
per = collections.Counter(r["host"] for r in recs if r["type"] == "sample")
assert set(per) == up, "samples from %r" % set(per)
assert min(per.values()) >= least, "a host gave %d samples" % min(per.values())
assert all(len(r["cpus"]) == 64 for r in recs if r["type"] == "sample")
assert recs[-1]["type"] == "end"
PY
}

run "$dir/16.json" "$(hosts s 16)" 16 2
check "$dir/16.json" 16 2
run "$dir/64.json" "$(hosts s 64)" 64 1
check "$dir/64.json" 64 1

# A silent host and a hostile one beside a normal one.
run "$dir/mix.json" "s1,slow1,bad1" 2 2
check "$dir/mix.json" 2 2
grep -q '"type":"error","t":[0-9.]*,"host":"bad1","message":"line 2: not JSON' "$dir/mix.json" ||
	fail "no error record for bad1's garbage: $(grep '"error"' "$dir/mix.json" | head -3)"
grep -q '"host":"bad1","message":"line 3: longer than' "$dir/mix.json" ||
	fail "no error record for bad1's 5 MiB line"
grep -q '"host":"evil"' "$dir/mix.json" && fail "an agent's host record was passed on"
if grep -q $'\x1b' "$dir/mix.json"; then fail "a raw escape reached the output"; fi
# The silent host is only "connecting" (named at once, never up).
grep -q '"host":"slow1","state":"connecting"' "$dir/mix.json" ||
	fail "the silent host was not named connecting: $(grep slow1 "$dir/mix.json")"
grep '"host":"slow1"' "$dir/mix.json" | grep -vq '"state":"connecting"' &&
	fail "the silent host has another state: $(grep slow1 "$dir/mix.json")"
exit 0
