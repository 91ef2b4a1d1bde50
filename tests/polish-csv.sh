#!/bin/bash
# polish-csv.sh: batch CSV is a well-formed table even when the demo ends
# before the first sample (welcome lives an instant): the header comes
# first, then the hello row, whatever follows; and the exit status is the
# demo's.
. "$TESTS_SRCDIR/lib.sh"

header='type,t,cpu,online,busy,user,nice,system,idle,iowait,irq,softirq,steal,line,job,pid,stream,status,signal,workers,runs,failed,wall_median_s,wall_min_s,wall_max_s,speedup,efficiency,karp_flatt,amdahl_f,amdahl_speedup,busy_mean,host,rank,text'
dir=$(mk_tmpdir)

"$TURBOTOP" -b -f csv -d 5 welcome >"$dir/out" 2>"$dir/err"
rc=$?
[ "$rc" = 0 ] || fail "welcome: exit status $rc: $(cat "$dir/err")"
[ "$(head -n 1 "$dir/out")" = "$header" ] ||
	fail "first line is not the header: $(head -n 1 "$dir/out")"
# Then the hello; every row has a type the schema knows.
sed -n 2p "$dir/out" | grep -q '^hello,' || fail "no hello row: $(sed -n 2p "$dir/out")"
grep -v -e "^$header\$" -e '^\(hello\|sample\|output\|start\|exit\|end\),' "$dir/out" &&
	fail "a row of an unexpected type"
grep -q '^exit,.*,welcome,' "$dir/out" || fail "no exit row"

"$TURBOTOP" -b -f csv -d 5 -- sh -c 'exit 3' >"$dir/out3" 2>/dev/null
rc=$?
[ "$rc" = 3 ] || fail "sh -c 'exit 3': exit status $rc"
[ "$(head -n 1 "$dir/out3")" = "$header" ] || fail "no header for sh"
exit 0
