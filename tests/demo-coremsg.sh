#!/bin/bash
# demo-coremsg.sh: each of W jobs says hello from a core that exists, once.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

ncpu=$(getconf _NPROCESSORS_CONF)
out=$("$DEMOS/coremsg" -w 5 --work 20) || fail "coremsg exited $?"
[ "$(grep -c '^ hello FLOSS from core: [0-9]* (job [0-4], pid [0-9]*)$' <<<"$out")" = 5 ] ||
	fail "not 5 hello lines: $out"
[ "$(grep -o 'job [0-9]*' <<<"$out" | sort -u | wc -l)" = 5 ] || fail "a job spoke twice: $out"
for c in $(sed -n 's/.*from core: \([0-9]*\) .*/\1/p' <<<"$out"); do
	[ "$c" -lt "$ncpu" ] || fail "core $c does not exist ($ncpu cores)"
done
# The default: one job per core online.
[ "$("$DEMOS/coremsg" --work 1 | grep -c 'hello FLOSS from core')" = "$(getconf _NPROCESSORS_ONLN)" ] ||
	fail "default is not one job per core"
exit 0
