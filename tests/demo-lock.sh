#!/bin/bash
# demo-lock.sh: with the shared lock each worker's 4*i lines form one block
# and every line names its pid; with --no-lock, on 2+ cores, the same lines
# jumble (tried a few times: two workers may by chance not overlap).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# blocks OUTPUT: how many runs of consecutive lines from one pid.
blocks() { grep -o 'pid [0-9]*' <<<"$1" | uniq | wc -l; }

# check_lines OUTPUT W: worker i printed 4*i lines, all from one pid.
check_lines() {
	local i
	for i in $(seq 1 "$2"); do
		[ "$(grep -c "^ worker $i, pid [0-9]*: line" <<<"$1")" = $((4 * i)) ] ||
			fail "worker $i did not print $((4 * i)) lines: $1"
		[ "$(grep "^ worker $i, pid" <<<"$1" | grep -o 'pid [0-9]*' | sort -u | wc -l)" = 1 ] ||
			fail "worker $i's lines name more than one pid"
	done
}

out=$("$DEMOS/lock" -w 3 --work 2) || fail "lock exited $?"
check_lines "$out" 3
[ "$(blocks "$out")" = 3 ] || fail "with the lock, lines are not in one block per worker: $out"
# The result line: 24 lines, and about one core busy (the lock serialises).
b=$(sed -n 's/^24 lines in [0-9.]* s, cores busy \([0-9.]*\)$/\1/p' <<<"$out")
[ -n "$b" ] || fail "no result line: $out"
awk -v b="$b" 'BEGIN { exit !(b <= 1.2) }' || fail "with the lock, $b cores busy"

# The default: 2*ncpu-1 workers, still one block each.
ncpu=$(getconf _NPROCESSORS_ONLN)
w=$((2 * ncpu - 1))
out=$("$DEMOS/lock" --work 0) || fail "lock (default) exited $?"
check_lines "$out" "$w"
[ "$(blocks "$out")" = "$w" ] || fail "default run: not one block per worker"

[ "$ncpu" -ge 2 ] || { note "one core: not checking that --no-lock jumbles"; exit 0; }
for try in 1 2 3 4 5; do
	out=$("$DEMOS/lock" -w 4 --work 5 --no-lock) || fail "lock --no-lock exited $?"
	check_lines "$out" 4
	grep -q 'holding the lock' <<<"$out" && fail "--no-lock says it holds the lock"
	[ "$(blocks "$out")" -gt 4 ] && exit 0
	note "try $try: no jumbling this time"
done
fail "--no-lock never jumbled the lines in 5 runs"
