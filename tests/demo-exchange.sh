#!/bin/bash
# demo-exchange.sh: pprocess's channels and Exchange. Worker i works a known
# time (the odd-numbered ones finish first), and the results arrive in the
# order the workers finish, not the order they started; every worker's
# result arrives exactly once; a channel added after the start (--late) is
# watched too; SIGTERM ends the demo and its workers; examples/python/
# exchange.py prints the same results. Sleeping workers keep the order
# independent of the cores; a busy machine may still wake one late, so an
# order is tried three times, and not judged (SKIP) when the load is high.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

tmp=$(mk_tmpdir)
busy() { awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(getconf _NPROCESSORS_ONLN)" 'BEGIN { exit !(l > 2 * n) }'; }
results() { sed -n 's/^result from worker \([0-9]*\) (pid [0-9]*): \([0-9]*\)$/\1 \2/p' "$1"; }

# order WANT ARGS...: the results come in the order WANT (worker ids).
order() {
	local want=$1 try got
	shift
	for try in 1 2 3; do
		"$DEMOS/exchange" "$@" >"$tmp/out" 2>"$tmp/err" || fail "exchange $* exited $?: $(cat "$tmp/err")"
		# Each worker's result exactly once, and right (i * i).
		[ "$(results "$tmp/out" | sort -n | awk '{ printf "%s:%s ", $1, $2 }')" = \
		  "$(for i in $want; do echo "$i"; done | sort -n | awk '{ printf "%s:%s ", $1, $1 * $1 }')" ] ||
			fail "exchange $*: not each result once: $(cat "$tmp/out")"
		grep -q "^received $(wc -w <<<"$want") results, in the order they finished$" "$tmp/out" ||
			fail "exchange $*: no last line: $(cat "$tmp/out")"
		got=$(results "$tmp/out" | awk '{ print $1 }' | tr '\n' ' ' | sed 's/ $//')
		[ "$got" = "$want" ] && return 0
		note "exchange $*: try $try: order $got, not $want"
	done
	busy && skip "the machine is too busy to judge the order of exchange $*"
	fail "exchange $*: the results came in the order $got, not $want"
}

# Started 0 1 2 3 4; they work 3, 1, 4, 2, 5 steps: finished 1 3 0 2 4.
order "1 3 0 2 4" -w 5 --sleep -s 0.4
[ "$(sed -n 's/^started worker \([0-9]*\) .*/\1/p' "$tmp/out" | tr '\n' ' ')" = "0 1 2 3 4 " ] ||
	fail "the workers were not started in order: $(cat "$tmp/out")"

# --late 1: worker 2 (3 steps) is started and added after the first result
# (worker 1 at 1 step), so it finishes last, at 4 steps.
order "1 0 2" -w 3 --late 1 --sleep -s 0.4
grep -q '^started worker 2 (pid [0-9]*): 1.2 s, added late$' "$tmp/out" || fail "--late: no late start: $(cat "$tmp/out")"
[ "$(grep -n 'added late' "$tmp/out" | cut -d: -f1)" -gt "$(grep -n '^result from worker 1 ' "$tmp/out" | cut -d: -f1)" ] ||
	fail "--late: the late worker started before the first result: $(cat "$tmp/out")"
# All of them late: the exchange starts empty and is given every channel.
order "1 0" -w 2 --late 2 --sleep -s 0.2

# SIGTERM: the demo and its computing workers are gone within seconds, and
# the demo dies of the signal.
"$DEMOS/exchange" -w 3 -s 100 >"$tmp/out" 2>"$tmp/err" &
pid=$!
cleanup_pid "$pid"
wait_until 10 grep -q '^started worker 2 ' "$tmp/out" || fail "exchange did not start its workers"
kids=$(pgrep -P "$pid")
[ "$(wc -w <<<"$kids")" = 3 ] || fail "not 3 workers: $kids"
kill -TERM "$pid"
wait_until 5 eval '! pids_alive $pid $kids' || fail "exchange or a worker outlived SIGTERM"
wait "$pid"
[ $? = 143 ] || fail "exchange did not die of SIGTERM"

# The Python twin prints the same lines (pids aside), in the same order
# (Python starts its processes more slowly: the order is tried three times).
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
py="${TESTS_SRCDIR:-$(dirname "$0")}/../examples/python/exchange.py"
strip() { sed 's/(pid [0-9]*)/(pid P)/' "$1"; }
for try in 1 2 3; do
	"$DEMOS/exchange" -w 4 --sleep -s 0.8 >"$tmp/c" || fail "exchange exited $?"
	python3 "$py" -w 4 --sleep -s 0.8 >"$tmp/py" 2>"$tmp/err" || fail "exchange.py exited $?: $(cat "$tmp/err")"
	[ "$(strip "$tmp/c" | sort)" = "$(strip "$tmp/py" | sort)" ] ||
		fail "exchange.py's lines are not exchange's: $(diff "$tmp/c" "$tmp/py")"
	[ "$(strip "$tmp/c")" = "$(strip "$tmp/py")" ] && exit 0
	note "try $try: C and Python differ:"
	diff "$tmp/c" "$tmp/py" >&2
done
busy && skip "the machine is too busy to compare the orders of C and Python"
fail "exchange.py does not print what exchange prints"
