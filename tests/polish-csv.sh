#!/bin/bash
# polish-csv.sh: batch CSV is a well-formed table even when the demo ends
# before the first sample (welcome lives an instant): the header comes
# first, whatever follows; and the exit status is the demo's.
. "$TESTS_SRCDIR/lib.sh"

header='t,cpu,online,busy,user,nice,system,idle,iowait,irq,softirq,steal'
dir=$(mk_tmpdir)

"$TURBOTOP" -b -f csv -d 5 welcome >"$dir/out" 2>"$dir/err"
rc=$?
[ "$rc" = 0 ] || fail "welcome: exit status $rc: $(cat "$dir/err")"
[ "$(head -n 1 "$dir/out")" = "$header" ] ||
	fail "first line is not the header: $(head -n 1 "$dir/out")"
# Only the header and core rows: no demo output in CSV.
grep -v -e "^$header\$" -e '^[0-9.]*,[0-9]*,[01],' "$dir/out" &&
	fail "a line that is not a core row"

"$TURBOTOP" -b -f csv -d 5 -- sh -c 'exit 3' >"$dir/out3" 2>/dev/null
rc=$?
[ "$rc" = 3 ] || fail "sh -c 'exit 3': exit status $rc"
[ "$(head -n 1 "$dir/out3")" = "$header" ] || fail "no header for sh"
exit 0
