#!/bin/bash
# lesson-python.sh: the article's Python programs (examples/python/) run
# under turbotop -b, exit 0, and print the same results as their C demos:
# parcompute.py's sum is exactly compute's, counting.py's lines are
# counting's, miscellaneous.py's lock lines come in the same blocks as lock's
# (one block per worker, 4*i lines) and its Queue and Pipe messages arrive,
# pmap.py's results agree as pmap's do, waste.py's workers all print the
# article's line, one whole line per write (never two merged).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
py=${TESTS_SRCDIR:-$(dirname "$0")}/../examples/python
dir=$(mk_tmpdir)

# out NAME ARGS...: turbotop -b ARGS; the run's output lines in NAME.
out() {
	local name=$1 rc
	shift
	"$TURBOTOP" -b -d 5 "$@" >"$dir/$name.raw" 2>"$dir/$name.err"
	rc=$?
	[ "$rc" = 0 ] || fail "turbotop -b $* exited $rc: $(tail -3 "$dir/$name.err")"
	sed -n 's/^\[ *[0-9]* out\] //p' "$dir/$name.raw" >"$dir/$name"
}

# compute: the same exact sum, with ranges that divide N and ones that do not.
for args in "-w 2 -n 10000" "-w 3 -n 1001"; do
	out c compute $args
	out p -- python3 "$py/parcompute.py" $args
	c=$(grep '^parallel computed sum: ' "$dir/c") || fail "compute printed no sum"
	p=$(grep '^parallel computed sum: ' "$dir/p") || fail "parcompute.py printed no sum"
	[ "$c" = "$p" ] || fail "compute $args: '$c' but parcompute.py: '$p'"
	grep -qx "workers: ${args:3:1}" "$dir/p" || fail "parcompute.py: no workers line"
done

# counting: the same lines (their order is the scheduler's).
out c counting -s 100
out p -- python3 "$py/counting.py" -s 100
[ "$(wc -l <"$dir/c")" = 75 ] || fail "counting printed $(wc -l <"$dir/c") lines, not 75"
diff <(sort "$dir/c") <(sort "$dir/p") >&2 || fail "counting.py's lines differ from counting's"

# lock: each worker's lines in one block, as lock's (pids aside).
blocks() {
	grep '^ worker' "$1" | sed 's/pid [0-9]*/pid P/' | awk '
		{ w = $2; if (w != last) { if (seen[w]++) bad = 1; last = w } n[w]++ }
		END { for (w in n) print w, n[w]; if (bad) print "split" }' | sort
}
out c lock -w 3 --work 1
out p -- python3 "$py/miscellaneous.py" -w 3 --work 1
[ "$(blocks "$dir/c")" = "$(printf '1, 4\n2, 8\n3, 12')" ] ||
	fail "lock's blocks are not as expected: $(blocks "$dir/c")"
[ "$(blocks "$dir/p")" = "$(blocks "$dir/c")" ] ||
	fail "miscellaneous.py's lock lines differ: $(blocks "$dir/p")"
diff <(grep '^ worker' "$dir/c" | sed 's/pid [0-9]*/pid P/' | sort) \
    <(grep '^ worker' "$dir/p" | sed 's/pid [0-9]*/pid P/' | sort) >&2 ||
	fail "miscellaneous.py's lock lines are not lock's"
grep -qx ' message in Queue: LFY rockz!!!' "$dir/p" || fail "no Queue message"
grep -qx ' message in Pipe: FOSS rulz!!!' "$dir/p" || fail "no Pipe message"

# pmap: the same lines but for the times.
untimed() { grep -v ' s$\|^speedup' "$1"; }
out c pmap -w 4 -n 4 -d 5
out p -- python3 "$py/pmap.py" -w 4 -n 4 -d 5
grep -qx 'results agree: yes' "$dir/p" || fail "pmap.py's results do not agree"
diff <(untimed "$dir/c") <(untimed "$dir/p") >&2 || fail "pmap.py's lines differ from pmap's"

# waste: only the article's line, from every worker, never two merged.
# (4 s: on a loaded machine a worker may wait a while for its first turn.)
out p -- python3 "$py/waste.py" -w 2 -t 4
[ -s "$dir/p" ] || fail "waste.py printed nothing"
if grep -vxE '[01] Total waste of CPU cycles!' "$dir/p" | grep -q .; then
	fail "waste.py printed other lines: $(grep -vxE '[01] Total waste of CPU cycles!' "$dir/p" | head -3)"
fi
[ "$(cut -d' ' -f1 "$dir/p" | sort -u | tr -d '\n')" = 01 ] ||
	fail "not every waste.py worker printed"
exit 0
