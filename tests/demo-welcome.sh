#!/bin/bash
# demo-welcome.sh: welcome starts one process per name and each prints its
# welcome line: Rich, Nus and Geeks by default, each exactly once, from three
# different pids.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

out=$("$DEMOS/welcome") || fail "welcome exited $?"
[ "$(wc -l <<<"$out")" = 3 ] || fail "not three lines: $out"
for n in Rich Nus Geeks; do
	[ "$(grep -c "^ welcome $n to multiprocessing! (pid [0-9]*)$" <<<"$out")" = 1 ] ||
		fail "no single welcome line for $n: $out"
done
[ "$(grep -o 'pid [0-9]*' <<<"$out" | sort -u | wc -l)" = 3 ] ||
	fail "the three lines do not come from three processes: $out"

out=$("$DEMOS/welcome" Ada Linus) || fail "welcome Ada Linus exited $?"
[ "$(wc -l <<<"$out")" = 2 ] || fail "not two lines: $out"
grep -q '^ welcome Ada to' <<<"$out" || fail "no Ada: $out"
grep -q '^ welcome Linus to' <<<"$out" || fail "no Linus: $out"
exit 0
