#!/bin/bash
# demo-pipe-memory.sh: pipe --pingpong N runs in bounded memory (issue 15:
# v1 kept every round trip's time, 586 MB after ten minutes of 1e8). While
# 400,000 round trips run, the parent's peak RSS grows by less than 1.5 MB
# from its first sample to its last (a list of times would add 3.2 MB), and
# the median and p99 still come out.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

[ -x "$DEMOS/pipe" ] || skip "the pipe demo is not built"
# Under AddressSanitizer the RSS holds ASan's own memory (it grew by 4 MB
# even with its quarantine off): the bound is measured in the plain build.
ldd "$DEMOS/pipe" 2>/dev/null | grep -q libasan &&
	skip "an AddressSanitizer build: the demo's memory is measured in the plain build"
dir=$(mk_tmpdir)

# Under AddressSanitizer freed memory waits in a quarantine (RSS that is not
# ours): off for this measurement.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0 \
    "$DEMOS/pipe" --pingpong 400000 > "$dir/out" &
pid=$!
cleanup_pid "$pid"
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null; }
first="" last="" n=0
while kill -0 "$pid" 2>/dev/null; do
	v=$(hwm)
	if [ -n "$v" ]; then
		[ -n "$first" ] || first=$v
		last=$v
		n=$((n + 1))
	fi
	sleep 0.1
done
wait "$pid" || fail "pipe --pingpong exited $?"
grep -q "^median: " "$dir/out" && grep -q "^p99: " "$dir/out" || fail "no median or p99: $(cat "$dir/out")"
[ "$n" -ge 5 ] || skip "pipe ended too fast to watch its memory ($n samples)"
note "peak RSS of the parent: $first kB at first, $last kB at the end ($n samples)"
[ "$last" -le $((first + 1536)) ] || fail "the peak RSS grew from $first kB to $last kB: memory grows with N"
exit 0
