#!/bin/bash
# cli.sh: the command-line contract: --help, --version, --list, bad options.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

out=$("$TURBOTOP" --help) || fail "--help exit status"
grep -q '^Usage: turbotop' <<<"$out" || fail "--help lacks Usage"
grep -q -- '--batch' <<<"$out" || fail "--help lacks --batch"

out=$("$TURBOTOP" --version) || fail "--version exit status"
grep -q '^turbotop [0-9]' <<<"$out" || fail "--version: $out"

out=$("$TURBOTOP" -l) || fail "--list exit status"
for d in welcome counting waste lock queue pipe compute pmap coremsg gil exchange mpicompute; do
	grep -q "^$d " <<<"$out" || fail "--list lacks $d"
done

expect_usage_error() {
	local err rc
	err=$("$TURBOTOP" "$@" 2>&1 >/dev/null)
	rc=$?
	[ "$rc" = 2 ] || fail "'$*' exited $rc, not 2"
	grep -q 'Usage: turbotop' <<<"$err" || grep -q 'turbotop:' <<<"$err" ||
		fail "'$*' gave no message: $err"
}
expect_usage_error --no-such-option
expect_usage_error -x
expect_usage_error -d 0.01
expect_usage_error -d abc
expect_usage_error -n 0
expect_usage_error -f xml
expect_usage_error --repeat=0
expect_usage_error --
expect_usage_error no-such-demo

# An unknown option's message goes to stderr, not stdout.
[ -z "$("$TURBOTOP" --bogus 2>/dev/null)" ] || fail "usage error wrote to stdout"
exit 0
