#!/bin/bash
# demo-compute.sh: compute's parallel sum is exact for every N and W: the
# article's value for N = 10000, and python3's exact integers for N not
# divisible by W, W > N, a range across the end of the 128-bit fast path,
# and with --plain (the article's loop). Bad numbers are refused.
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

[ "$(sum_of)" = "$ARTICLE" ] || fail "default run is not the article's sum"
for w in 1 2 3 7 64; do
	[ "$(sum_of -n 10000 -w "$w")" = "$ARTICLE" ] || fail "-w $w: not the article's sum"
	[ "$("$DEMOS/compute" -w "$w" | sed -n 's/^workers: //p')" = "$w" ] ||
		fail "-w $w: the workers line does not say $w"
done
[ "$(sum_of -n 10000 -w 3 --plain)" = "$ARTICLE" ] || fail "--plain: not the article's sum"
# Every i is summed once: the worker ranges tile 1..N.
ranges=$("$DEMOS/compute" -n 10 -w 4 | sed -n 's/.*i = \([0-9]*\)\.\.\([0-9]*\) in.*/\1 \2/p' | sort -n)
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
# Across the end of the fast path (i^5 < 2^128 up to 50859008).
for w in 1 3; do
	want=$(oracle 50858990 50859030)
	[ "$(sum_of --from 50858990 -n 50859030 -w "$w")" = "$want" ] ||
		fail "--from 50858990 -n 50859030 -w $w differs from python3"
	[ "$(sum_of --plain --from 50858990 -n 50859030 -w "$w")" = "$want" ] ||
		fail "--plain across the fast path's end differs from python3"
done
exit 0
