#!/bin/bash
# ui-leak.sh: the TUI's error exits free what they made (issue 15: v1 leaked
# 336 bytes from ui_output_create when `turbotop -- /nonexistent/cmd` gave
# up). Only an AddressSanitizer build can tell: LeakSanitizer is switched on
# for these runs; other builds skip.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

ldd "$TURBOTOP" 2>/dev/null | grep -q libasan || skip "not an AddressSanitizer build"
dir=$(mk_tmpdir)
tt_start 100 30 "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 $TURBOTOP -- /nonexistent/cmd 2> $dir/e1; (ulimit -n 8; ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 $TURBOTOP -- sleep 1 2> $dir/e2); echo finished-runs; sleep 60"
tt_wait_text "finished-runs" 60
grep -q "command not found" "$dir/e1" || fail "no message for a missing command: $(cat "$dir/e1")"
for f in "$dir/e1" "$dir/e2"; do
	if grep -q "LeakSanitizer" "$f"; then
		cat "$f" >&2
		fail "a leak on the way out"
	fi
done
grep -q "^turbotop: " "$dir/e2" || fail "no message with ulimit -n 8: $(cat "$dir/e2")"
exit 0
