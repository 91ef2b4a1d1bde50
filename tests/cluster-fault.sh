#!/bin/bash
# Faults in the lab (issue 14): an agent killed -> its host "lost", then
# "up" again (reconnect); a host's sshd stopped -> that host "down" with
# ssh's own message while the others keep sampling; turbotop SIGKILLed ->
# nothing of ours left on any host within 5 s.
. "$TESTS_SRCDIR/lib.sh"
. "$TESTS_SRCDIR/lab-lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
lab_start 3

out=$LAB_DIR/run.json
lab_exec "$TURBOTOP" -b -f json -d 0.2 --hosts=h1,h2,h3 --rsh="$LAB_RSH" \
    > "$out" 2> "$LAB_DIR/err" &
tpid=$!
cleanup_pid $tpid

has() { grep -q "$1" "$out"; }
count() { grep -c "$1" "$out"; }
wait_until 20 sh -c "[ \$(grep -c '\"state\":\"up\"' '$out') -ge 3 ]" ||
	fail "not every host came up: $(grep '"type":"host"' "$out") $(cat "$LAB_DIR/err")"

# Kill h2's agent: lost, then up again.
agent=""
for p in $(lab_pids 2); do
	[ "$(cat /proc/$p/comm 2>/dev/null)" = turbotop ] && agent=$p
done
[ -n "$agent" ] || fail "no agent on h2: $(lab_pids 2 | xargs -r ps -o pid,args -p)"
kill -KILL "$agent"
wait_until 10 has '"host":"h2","state":"lost"' || fail "h2 not lost: $(grep '"type":"host"' "$out")"
wait_until 15 sh -c "[ \$(grep -c '\"host\":\"h2\",\"state\":\"up\"' '$out') -ge 2 ]" ||
	fail "h2 not back: $(grep '"type":"host"' "$out")"

# Stop h3's sshd (the whole host goes): lost, then down with ssh's text.
lab_stop_sshd 3 || fail "h3's sshd did not stop"
wait_until 15 has '"host":"h3","state":"down","reason":"ssh: connect to host h3' ||
	fail "h3 not down with ssh's message: $(grep '"type":"host"' "$out")"
# ... while h1 keeps sampling.
n1=$(count '"type":"sample","t":[0-9.]*,"host":"h1"')
wait_until 5 sh -c "[ \$(grep -c '\"type\":\"sample\",\"t\":[0-9.]*,\"host\":\"h1\"' '$out') -gt $n1 ]" ||
	fail "h1 stopped sampling while h3 was down"
if ss -Hlntup 2>/dev/null | grep -q '"turbotop"'; then
	fail "turbotop listens: $(ss -Hlntup | grep turbotop)"
fi

# SIGKILL turbotop: the rshs die with it, the agents see their input
# close and end; nothing is left on h1 or h2.
kill -KILL $tpid
for k in 1 2; do
	wait_until 5 lab_idle $k ||
		fail "left on h$k: $(lab_pids $k | xargs -r ps -o pid,args -p)"
done

# The stream was cut by SIGKILL: validate all but a possibly partial last line.
head -n -1 "$out" > "$LAB_DIR/whole.json"
python3 "$TESTS_SRCDIR/events.py" validate "$LAB_DIR/whole.json" ||
	fail "the stream does not validate"
exit 0
