#!/bin/bash
# soak.sh: long and hostile runs, not part of make check (make soak).
#
#  1. SOAK_MINUTES (30) of the TUI with waste, restarted (r) every 30 s: RSS
#     and open fds of turbotop at the start and the end, printed and bounded
#     (RSS within 25% + 8 MB, fds equal).
#  2. faults, each with a clean message and no crash or sanitizer report:
#     ulimit -n 16; stdout on /dev/full; -r onto a full 64 kB tmpfs (root
#     only); SIGSTOP and SIGCONT of turbotop -b in the middle of an output
#     flood.
#
#   make soak [SOAK_MINUTES=N]
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

MIN=${SOAK_MINUTES:-30}
dir=$(mk_tmpdir)
[ -x "$DEMOS/waste" ] || skip "the waste demo is not built"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
nfds() { ls "/proc/$1/fd" | wc -l; }
# clean FILE WHAT: FILE (stderr) has no sanitizer report or crash trace.
clean() {
	if grep -qE "AddressSanitizer|runtime error|LeakSanitizer|Segmentation|core dumped" "$1"; then
		cat "$1" >&2
		fail "$2: not a clean message"
	fi
}

# 1. The long TUI run.
tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.5 waste -w 2"
tt_wait_text "Total waste" 30
tp=$(pgrep -P "$(tt_pane_pid)" -x turbotop | head -1)
[ -n "$tp" ] || tp=$(tt_pane_pid)
cleanup_pid "$tp"
sleep 5
rss0=$(rss_kb "$tp") fd0=$(nfds "$tp")
echo "# start: RSS $rss0 kB, $fd0 fds"
end=$((SECONDS + MIN * 60))
restarts=0
while [ $SECONDS -lt $end ]; do
	sleep 30
	tt_send r
	restarts=$((restarts + 1))
	kill -0 "$tp" 2>/dev/null || fail "turbotop died after $restarts restarts"
done
tt_wait_text "RUNNING" 20
sleep 5
rss1=$(rss_kb "$tp") fd1=$(nfds "$tp")
echo "# end after $MIN min, $restarts restarts: RSS $rss1 kB, $fd1 fds"
tt_send q
wait_until 20 tt_pane_dead || fail "q did not quit after the soak"
[ "$rss1" -le $((rss0 + rss0 / 4 + 8192)) ] || fail "RSS grew from $rss0 to $rss1 kB"
[ "$fd1" -le "$fd0" ] || fail "fds grew from $fd0 to $fd1"
tt kill-server

# 2a. Few file descriptors.
(ulimit -n 16; "$TURBOTOP" -b -n 2 -d 0.2 -- "$DEMOS/waste" -w 2 > "$dir/o" 2> "$dir/e")
echo "# ulimit -n 16: exit $?, $(head -1 "$dir/e")"
clean "$dir/e" "ulimit -n 16"

# 2b. stdout on /dev/full.
"$TURBOTOP" -b -n 2 -d 0.2 -- "$DEMOS/waste" -w 1 > /dev/full 2> "$dir/e"
rc=$?
echo "# /dev/full: exit $rc, $(head -1 "$dir/e")"
[ "$rc" != 0 ] && grep -q "write error" "$dir/e" || fail "/dev/full: no write error"
clean "$dir/e" "/dev/full"

# 2c. -r onto a full disk (a 64 kB tmpfs; root only).
mnt="$dir/tiny"
mkdir -p "$mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$mnt" 2>/dev/null; then
	TT_SOCK="$TT_SOCK-rec"
	tt_start 120 40 "LC_ALL=C.UTF-8 $TURBOTOP -d 0.2 -r $mnt/rec.cast -- sh -c 'yes flood | head -c 2000000; sleep 30' 2> $dir/rec.err; echo turbotop-rc=\$?; sleep 60"
	wait_until 60 tt_has_text "turbotop-rc=" || { tt_send q; wait_until 20 tt_has_text "turbotop-rc=" || fail "-r on a full disk: turbotop hangs"; }
	echo "# -r on a full disk: $(tt_capture | grep -o 'turbotop-rc=[0-9]*'), $(head -1 "$dir/rec.err")"
	clean "$dir/rec.err" "-r on a full disk"
	umount "$mnt"
else
	echo "# -r on a full disk: skipped (needs root and tmpfs)"
fi

# 2d. SIGSTOP and SIGCONT in the middle of a flood.
"$TURBOTOP" -b -d 0.1 -f json -- sh -c 'yes flood | head -c 20000000' > "$dir/o" 2> "$dir/e" &
tp=$!
cleanup_pid "$tp"
wait_until 10 grep -q flood "$dir/o" || fail "no flood in the records"
kill -STOP "$tp"
sleep 2
kill -CONT "$tp"
wait_until 120 sh -c "! kill -0 $tp 2>/dev/null" || fail "turbotop -b did not finish after SIGSTOP/SIGCONT"
wait "$tp"
rc=$?
echo "# SIGSTOP/SIGCONT mid-flood: exit $rc, $(grep -c flood "$dir/o") records with output"
tail -1 "$dir/o" | grep -q '"event":"exit"' || fail "no exit record after SIGSTOP/SIGCONT"
clean "$dir/e" "SIGSTOP/SIGCONT"
exit 0
