#!/bin/bash
# lesson-check.sh: a malformed lesson is refused as a whole before anything
# runs: FILE:LINE: messages on stderr, exit status 2, no process started.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

dir=$(mk_tmpdir)
marker=$dir/ran

# A lesson whose first steps would leave a marker, with mistakes further down.
cat >"$dir/bad.lesson" <<LESSON
title A broken lesson
run -- touch $marker
wait exit 10s
say the next line is wrong
run no-such-demo
wait 5
LESSON

err=$("$TURBOTOP" -b --script "$dir/bad.lesson" 2>&1 >"$dir/out")
rc=$?
[ "$rc" = 2 ] || fail "bad lesson exited $rc, not 2: $err"
grep -qF "$dir/bad.lesson:5: unknown demo 'no-such-demo'" <<<"$err" ||
	fail "no FILE:LINE: for the unknown demo: $err"
grep -qF "$dir/bad.lesson:6: '5' has no unit" <<<"$err" ||
	fail "no FILE:LINE: for the unitless wait: $err"
grep -q expected <<<"$err" || fail "the message does not say what was expected"
[ ! -e "$marker" ] || fail "a step ran before the lesson was checked"
[ ! -s "$dir/out" ] || fail "records were written for a bad lesson"

# The same without -b (the TUI is not even started).
err=$("$TURBOTOP" --script "$dir/bad.lesson" 2>&1 </dev/null)
rc=$?
[ "$rc" = 2 ] || fail "bad lesson (TUI) exited $rc, not 2"
grep -qF "$dir/bad.lesson:5:" <<<"$err" || fail "TUI path: $err"
[ ! -e "$marker" ] || fail "a step ran before the lesson was checked (TUI)"

# Missing, empty and binary files.
err=$("$TURBOTOP" -b -s "$dir/missing.lesson" 2>&1)
[ $? = 2 ] || fail "missing lesson: not exit 2"
grep -qF "$dir/missing.lesson: No such file" <<<"$err" || fail "missing: $err"
: >"$dir/empty.lesson"
err=$("$TURBOTOP" -b -s "$dir/empty.lesson" 2>&1)
[ $? = 2 ] || fail "empty lesson: not exit 2"
grep -qF "$dir/empty.lesson:1: no commands" <<<"$err" || fail "empty: $err"
head -c 3000 "$TURBOTOP" >"$dir/binary.lesson"
err=$("$TURBOTOP" -b -s "$dir/binary.lesson" 2>&1)
[ $? = 2 ] || fail "binary lesson: not exit 2"
grep -qE "^$dir/binary.lesson:[0-9]+: " <<<"$err" || fail "binary: $err"

# A lesson runs its own demos: a DEMO beside --script is a usage error.
printf 'run welcome\n' >"$dir/ok.lesson"
"$TURBOTOP" -b -s "$dir/ok.lesson" waste 2>/dev/null
[ $? = 2 ] || fail "--script with a DEMO: not exit 2"

# --record is for the TUI: refused with -b, before anything runs.
err=$("$TURBOTOP" -b -r "$dir/x.cast" -s "$dir/ok.lesson" 2>&1)
[ $? = 2 ] || fail "-b with -r: not exit 2"
grep -q -- "--record" <<<"$err" || fail "-b with -r: $err"
[ ! -e "$dir/x.cast" ] || fail "-b with -r created the recording"
exit 0
