#!/bin/bash
# demo-queue.sh: every message producers put into the shared queue is taken
# out exactly once: sent = received = W * messages, and the consumers' own
# counts add up to it; with -t instead of -m, producers stop in time and the
# counts still agree. -v prints each message taken.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# check W M: run queue -w W -m M and check its counts.
check() {
	local out sum
	out=$("$DEMOS/queue" -w "$1" -m "$2") || fail "queue -w $1 -m $2 exited $?"
	[ "$(sed -n 's/^sent: //p' <<<"$out")" = $(($1 * $2)) ] || fail "-w $1 -m $2: sent: $out"
	[ "$(sed -n 's/^received: //p' <<<"$out")" = $(($1 * $2)) ] || fail "-w $1 -m $2: received: $out"
	[ "$(grep -c '^ producer [0-9]*, pid [0-9]*: sent' <<<"$out")" = "$1" ] || fail "not $1 producers: $out"
	[ "$(grep -c '^ consumer [0-9]*, pid [0-9]*: received' <<<"$out")" = "$1" ] || fail "not $1 consumers: $out"
	sum=$(awk '/^ consumer .* received / { s += $NF } END { print s + 0 }' <<<"$out")
	[ "$sum" = $(($1 * $2)) ] || fail "-w $1 -m $2: consumers took $sum"
	grep -q '^every message arrived once$' <<<"$out" || fail "no verdict line: $out"
}
check 2 2000
check 1 1
check 5 300

# -t 0.5: no limit on messages, the producers stop after half a second.
out=$("$DEMOS/queue" -w 2 -t 0.5) || fail "queue -t 0.5 exited $?"
sent=$(sed -n 's/^sent: //p' <<<"$out")
[ -n "$sent" ] && [ "$sent" -gt 0 ] || fail "-t 0.5: nothing sent: $out"
[ "$(sed -n 's/^received: //p' <<<"$out")" = "$sent" ] || fail "-t 0.5: received differs: $out"
grep -q '^every message arrived once$' <<<"$out" || fail "-t 0.5: no verdict line: $out"

out=$("$DEMOS/queue" -w 2 -m 3 -v) || fail "queue -v exited $?"
[ "$(grep -c '^ consumer [0-9] got: message [1-3] in Queue from producer [12]: LFY rockz!!!$' <<<"$out")" = 6 ] ||
	fail "-v did not print the 6 messages: $out"
exit 0
