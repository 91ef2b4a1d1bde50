#!/bin/bash
# Cluster mode's command line (issue 14): no host name can pass as an
# option to the rsh, bad slot counts, hostfiles and rshs are refused with
# exit 2 before any host is contacted; a host that cannot be reached is
# "down" with the rsh's own message, and one whose agent is missing says
# that turbotop must be installed there.
. "$TESTS_SRCDIR/lib.sh"
dir=$(mk_tmpdir)

refuse() {
	local why=$1
	shift
	"$TURBOTOP" -b -n 1 "$@" > "$dir/out" 2> "$dir/err"
	rc=$?
	[ $rc = 2 ] || fail "$* exited $rc, not 2 ($why): $(cat "$dir/err")"
	[ ! -s "$dir/out" ] || fail "$*: wrote records before refusing"
}
refuse "an option as a host" --hosts=-oProxyCommand=touch\ $dir/pwned
grep -q "invalid host name '-oProxyCommand=" "$dir/err" || fail "message: $(cat "$dir/err")"
refuse "an option in the list" --hosts=h1,-oProxyCommand=x
refuse "a shell word" "--hosts=h1;touch $dir/pwned"
refuse "a space" "--hosts=h1 h2"
refuse "empty" --hosts=
refuse "zero slots" --hosts=h1:0
refuse "slots not a number" --hosts=h1:x
refuse "an empty rsh" --hosts=h1 --rsh=
refuse "an rsh without hosts" --rsh=ssh
printf 'h1 slots=2\n-oProxyCommand=x slots=1\n' > "$dir/hostfile"
refuse "an option in a hostfile" --hostfile="$dir/hostfile"
printf 'h1 slots=two\n' > "$dir/hostfile"
refuse "a bad hostfile word" --hostfile="$dir/hostfile"
refuse "a missing hostfile" --hostfile="$dir/none"
[ ! -e "$dir/pwned" ] || fail "a host name ran a command"

# until FILE PATTERN ARGS...: turbotop -b -f json ARGS in the background
# until FILE has PATTERN (polled, bounded), then SIGTERM; 0 if it came.
until_has() {
	local out=$1 pat=$2 pid rc=0
	shift 2
	"$TURBOTOP" -b -f json -d 0.2 "$@" > "$out" 2> "$dir/err" &
	pid=$!
	cleanup_pid $pid
	wait_until 10 grep -q "$pat" "$out" || rc=1
	kill -TERM $pid
	wait $pid || fail "turbotop exited $? on SIGTERM: $(cat "$dir/err")"
	return $rc
}

# A hostfile in Open MPI's syntax is read; an rsh that cannot run: down.
printf '# the lab\nalpha slots=2 max_slots=4\nbeta\n' > "$dir/hostfile"
until_has "$dir/out" '"host":"beta","state":"down"' \
    --hostfile="$dir/hostfile" --rsh="$dir/no-such-rsh -x" ||
	fail "beta not down: $(cat "$dir/out")"
grep -q '"type":"host","t":[0-9.]*,"host":"alpha","state":"down","reason":"cannot run the rsh' "$dir/out" ||
	fail "alpha not down: $(cat "$dir/out")"

# An rsh that reaches the host, where turbotop is not installed.
printf '#!/bin/sh\nshift\nexec sh -c "exec /nonexistent/turbotop --agent"\n' > "$dir/rsh"
chmod +x "$dir/rsh"
until_has "$dir/out" '"host":"gamma","state":"down","reason":"turbotop is not installed on gamma' \
    --hosts=gamma --rsh="$dir/rsh" || fail "no 'not installed': $(cat "$dir/out")"

# A fake rsh that runs the agent here: up, samples marked with the host.
printf '#!/bin/sh\nshift\nexec sh -c "$*"\n' > "$dir/rsh"
until_has "$dir/out" '"type":"sample","t":[0-9.]*,"host":"delta"' \
    --hosts=delta:2 --rsh="$dir/rsh" || fail "no delta sample: $(cat "$dir/out")"
grep -q '"host":"delta","state":"up"' "$dir/out" || fail "delta not up: $(cat "$dir/out")"
if command -v python3 >/dev/null 2>&1; then
	python3 "$TESTS_SRCDIR/events.py" validate "$dir/out" || fail "schema"
fi
exit 0
