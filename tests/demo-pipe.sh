#!/bin/bash
# demo-pipe.sh: messages go both ways on the channel between parent and
# child, in order; --pingpong N reports N round trips with a median and a p99
# no smaller than it.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

out=$("$DEMOS/pipe" -m 4 -i 0) || fail "pipe exited $?"
up=$(sed -n 's/^ parent got: message \([0-9]*\) in Pipe: FOSS rulz!!!$/\1/p' <<<"$out")
down=$(sed -n 's/^ child got: answer \([0-9]*\): got it$/\1/p' <<<"$out")
[ "$up" = "$(seq 1 4)" ] || fail "child to parent: not messages 1..4 in order: $out"
[ "$down" = "$(seq 1 4)" ] || fail "parent to child: not answers 1..4 in order: $out"
# -i paces the messages: 3 of 100 ms take at least 0.3 s.
start=$(date +%s%N)
"$DEMOS/pipe" -m 3 -i 100 >/dev/null || fail "pipe -i 100 exited $?"
[ $(( ($(date +%s%N) - start) / 1000000 )) -ge 300 ] || fail "-i 100: 3 messages in under 0.3 s"

out=$("$DEMOS/pipe" --pingpong 2000) || fail "pipe --pingpong exited $?"
[ "$(sed -n 's/^round trips: //p' <<<"$out")" = 2000 ] || fail "no round trips line: $out"
grep -q "^a function call instead: [0-9.]* us$" <<<"$out" || fail "no function call line: $out"
med=$(sed -n 's/^median: \([0-9.]*\) us$/\1/p' <<<"$out")
p99=$(sed -n 's/^p99: \([0-9.]*\) us$/\1/p' <<<"$out")
[ -n "$med" ] && [ -n "$p99" ] || fail "no median or p99: $out"
awk -v m="$med" -v p="$p99" 'BEGIN { exit !(m > 0 && p >= m) }' || fail "median $med, p99 $p99"

"$DEMOS/pipe" --pingpong 0 >/dev/null 2>&1
[ $? = 2 ] || fail "--pingpong 0 accepted"
exit 0
