#!/bin/bash
# demo-compute.sh: compute's parallel sum is exact for every N and W: the
# article's value for N = 10000, and python3's exact integers for N not
# divisible by W, W > N, ranges across the limb boundaries of the fast path
# and across its end, and with --plain (the article's loop). Bad numbers are
# refused. The ranges are split by cost: for N = 10^8 and W = 2, 3, 4 the
# workers' CPU times are within 10% of each other (split by count, they
# differed by 3.7 times).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

ARTICLE=1122951832280201719977576891133383729824504832270000

# sum_of ARGS...: compute's "parallel computed sum", checking the other lines.
sum_of() {
	local out w
	out=$("$DEMOS/compute" "$@") || fail "compute $* exited $?"
	w=$(sed -n 's/^workers: //p' <<<"$out")
	grep -q '^wall time: [0-9.]* s$' <<<"$out" || fail "compute $*: no wall time: $out"
	sed -n 's/^parallel computed sum: \([0-9]*\)$/\1/p' <<<"$out" | grep . ||
		fail "compute $*: no sum line: $out"
	[ -n "$w" ] || fail "compute $*: no workers line"
}

for w in 1 2 3 7 64; do
	[ "$(sum_of -n 10000 -w "$w")" = "$ARTICLE" ] || fail "-w $w: not the article's sum"
	[ "$("$DEMOS/compute" -n 100 -w "$w" | sed -n 's/^workers: //p')" = "$w" ] ||
		fail "-w $w: the workers line does not say $w"
done
[ "$(sum_of -n 10000 -w 3 --plain)" = "$ARTICLE" ] || fail "--plain: not the article's sum"
# Every i is summed once: the worker ranges tile 1..N.
ranges=$("$DEMOS/compute" -n 10 -w 4 | sed -n 's/^ worker [0-9]*: \([0-9]*\)\.\.\([0-9]*\) in .*/\1 \2/p' | sort -n)
[ "$ranges" = "$(printf '1 2\n3 5\n6 7\n8 10')" ] || fail "-n 10 -w 4 ranges: $ranges"
[ "$(sum_of -n 0)" = 0 ] || fail "-n 0 is not the empty sum"

for bad in "-n -1" "-n abc" "-n 1e3" "-w 0" "-w 100000" "--from 0" "-x"; do
	# shellcheck disable=SC2086
	"$DEMOS/compute" $bad >/dev/null 2>&1
	rc=$?
	[ "$rc" = 2 ] || fail "compute $bad exited $rc, not 2"
done

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed: no exact oracle"
oracle() {
	python3 -c 'import sys
a, b = int(sys.argv[1]), int(sys.argv[2])
print(sum(i**3 + 123456789*i**10 + i*23456789 for i in range(a, b + 1)))' "$1" "$2"
}
for spec in "1 1" "1 3" "2 5" "7 16" "100 7" "12345 64" "99999 13" "65536 3"; do
	set -- $spec
	[ "$(sum_of -n "$1" -w "$2")" = "$(oracle 1 "$1")" ] ||
		fail "-n $1 -w $2 differs from python3"
done
# Across the limb boundaries (i^5 < 2^64 up to 7131, < 2^128 up to
# 50859008) and the end of the fast path (i < 2^32).
for span in "7100 7200" "50858990 50859030" "4294967200 4294967400"; do
	set -- $span
	want=$(oracle "$1" "$2")
	for w in 1 3; do
		[ "$(sum_of --from "$1" -n "$2" -w "$w")" = "$want" ] ||
			fail "--from $1 -n $2 -w $w differs from python3"
	done
	[ "$(sum_of --plain --from "$1" -n "$2" -w 2)" = "$want" ] ||
		fail "--plain --from $1 -n $2 differs from python3"
done

# Balance (the issue's bound): N = 10^8, W workers; each worker's CPU time
# (what it worked, not how long it waited for a core) within 10% of the
# others'. A worker's time is a fraction of a second, which a busy machine
# disturbs (caches, other loads): each worker's time is its least over up to
# five runs. It cannot be judged (SKIP) on a loaded machine (load above the
# cores: at load 26 the last of 4 workers repeated 11% above the first, the
# load bending the ranges' code paths differently), nor when one worker's
# two least times differ by more than 3% (its time does not repeat).
# times W: one run's CPU times, "K SECS" a line.
times() {
	"$DEMOS/compute" -n 100000000 -w "$1" |
		sed -n 's/^ worker \([0-9]*\): .*, cpu \([0-9.]*\) s$/\1 \2/p'
}
# judge W: "SPREAD NOISE" in %: the slowest worker's least time against the
# fastest's; the most any worker's second least time exceeds its least.
judge() {
	awk -v w="$1" '{ k = $1; t = $2
			if (!(k in a) || t < a[k]) { b[k] = a[k]; a[k] = t } else if (!(k in b) || b[k] == "" || t < b[k]) b[k] = t }
		END { n = 0; noise = 100
			for (k in a) { n++; if (min == "" || a[k] < min) min = a[k]; if (a[k] > max) max = a[k]
				if (b[k] != "" && a[k] > 0 && int(100 * b[k] / a[k]) > noise) noise = int(100 * b[k] / a[k]) }
			print ((n != w || min <= 0) ? 999 : int(100 * max / min)), noise }' "$tmp/t"
}
tmp=$(mk_tmpdir)
for w in 2 3 4; do
	: >"$tmp/t"
	for try in 1 2 3 4 5; do
		times "$w" >>"$tmp/t"
		read -r s noise < <(judge "$w")
		[ "$s" -le 110 ] && break
		note "-w $w after $try runs: the slowest worker's CPU time is $s% of the fastest's (runs of one worker differ by $noise%)"
	done
	[ "$s" -le 110 ] && continue
	[ "$noise" -gt 103 ] &&
		skip "-w $w: one worker's CPU time varies by $noise% from run to run: too noisy to judge a 10% balance"
	load=$(cut -d' ' -f1 /proc/loadavg)
	awk -v l="$load" -v n="$(getconf _NPROCESSORS_ONLN)" 'BEGIN { exit !(l > n) }' &&
		skip "-w $w: load $load on $(getconf _NPROCESSORS_ONLN) cores: too busy to judge a 10% balance ($s%)"
	fail "-w $w: the workers' CPU times differ by more than 10% ($s%): $(cat "$tmp/t")"
done
exit 0
