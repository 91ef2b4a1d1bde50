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

# A hostfile in Open MPI's syntax is read; an rsh that cannot run: down.
printf '# the lab\nalpha slots=2 max_slots=4\nbeta\n' > "$dir/hostfile"
"$TURBOTOP" -b -f json -d 0.2 -n 3 --hostfile="$dir/hostfile" \
    --rsh="$dir/no-such-rsh -x" > "$dir/out" 2> "$dir/err" ||
	fail "exit $?: $(cat "$dir/err")"
grep -q '"type":"host","t":[0-9.]*,"host":"alpha","state":"down","reason":"cannot run the rsh' "$dir/out" ||
	fail "alpha not down: $(cat "$dir/out")"
grep -q '"host":"beta","state":"down"' "$dir/out" || fail "beta not down: $(cat "$dir/out")"

# An rsh that reaches the host, where turbotop is not installed.
printf '#!/bin/sh\nshift\nexec sh -c "exec /nonexistent/turbotop --agent"\n' > "$dir/rsh"
chmod +x "$dir/rsh"
"$TURBOTOP" -b -f json -d 0.2 -n 3 --hosts=gamma --rsh="$dir/rsh" \
    > "$dir/out" 2> "$dir/err" || fail "exit $?: $(cat "$dir/err")"
grep -q '"host":"gamma","state":"down","reason":"turbotop is not installed on gamma' "$dir/out" ||
	fail "no 'not installed': $(cat "$dir/out")"

# A fake rsh that runs the agent here: up, samples marked with the host.
printf '#!/bin/sh\nshift\nexec sh -c "$*"\n' > "$dir/rsh"
"$TURBOTOP" -b -f json -d 0.2 -n 5 --hosts=delta:2 --rsh="$dir/rsh" \
    > "$dir/out" 2> "$dir/err" || fail "exit $?: $(cat "$dir/err")"
grep -q '"host":"delta","state":"up"' "$dir/out" || fail "delta not up: $(cat "$dir/out")"
grep -q '"type":"sample","t":[0-9.]*,"host":"delta"' "$dir/out" || fail "no delta sample"
if command -v python3 >/dev/null 2>&1; then
	python3 "$TESTS_SRCDIR/events.py" validate "$dir/out" || fail "schema"
fi
exit 0
