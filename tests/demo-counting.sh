#!/bin/bash
# demo-counting.sh: counting's three workers print 20 + 25 + 30 = 75 count
# lines, each label counting up from 0 in order, and the labels interleave.
# -s 20 divides the article's sleeps by 20 so the test takes about 2 s.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

out=$("$DEMOS/counting" -s 20) || fail "counting exited $?"
[ "$(grep -c '^ *[0-9][0-9]* [A-Za-z]*$' <<<"$out")" = 75 ] ||
	fail "not 75 count lines: $out"
for spec in Rich:20 Nus:25 Geeks:30; do
	label=${spec%:*} n=${spec#*:}
	want=$(seq 0 $((n - 1)))
	got=$(awk -v l="$label" '$2 == l {print $1}' <<<"$out")
	[ "$got" = "$want" ] || fail "$label does not count 0..$((n - 1)) in order: $got"
done
# Interleaved: Geeks starts before Rich is done (Rich's 20 lines take 0.5 s).
first_geeks=$(grep -n ' Geeks$' <<<"$out" | head -1 | cut -d: -f1)
last_rich=$(grep -n ' Rich$' <<<"$out" | tail -1 | cut -d: -f1)
[ "$first_geeks" -lt "$last_rich" ] || fail "the workers did not interleave: $out"
exit 0
