#!/bin/sh
# bench-flood.sh: output capture under a flood. 4 writers print 500,000 short
# lines each, one write per line. Measured in one run, each on the same
# machine at the same moment:
#   reader : bench/flood-reader, the minimal SO_PASSCRED socket reader (the
#            channel turbotop uses), counting lines per writer pid
#   turbotop -b -f json -- flood-writer, every line exported as JSON (to
#            /dev/null when timed; one more untimed run checks the count)
#   tmux   : the same writers in a (detached) tmux pane
# Prints lines/s of each and the ratios turbotop/reader (target >= 0.8) and
# turbotop/tmux (target >= 1.5), and turbotop's peak RSS (target < 32 MB).
# FLOOD_WORKERS / FLOOD_LINES change the load, FLOOD_RUNS the repeats.
set -u
: "${TURBOTOP:?run through make bench}"
: "${BENCH_BUILDDIR:?run through make bench}"
W=${FLOOD_WORKERS:-4}
L=${FLOOD_LINES:-500000}
total=$((W * L))
writer="$BENCH_BUILDDIR/flood-writer"
reader="$BENCH_BUILDDIR/flood-reader"
if [ ! -x "$writer" ] || [ ! -x "$reader" ]; then
	make -s -C "$BENCH_BUILDDIR/.." bench/flood-writer bench/flood-reader >/dev/null ||
		{ echo "flood: cannot build bench/flood-writer and flood-reader"; exit 1; }
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-flood.XXXXXX") || exit 1
trap 'tmux -L "bench-flood-$$" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms > 0 ? ms : 1) * 1000 }'; }
best() { [ -z "$1" ] || [ "$2" -lt "$1" ] && echo "$2" || echo "$1"; }

run_reader() {
	local out got
	out=$("$reader" "$writer" -w "$W" -n "$L") || { echo "flood: reader failed"; exit 1; }
	got=${out#lines }
	got=${got%% *}
	[ "$got" = "$total" ] || { echo "flood: reader saw $got of $total lines"; exit 1; }
}

run_turbotop() {
	/usr/bin/time -f %M -o "$tmp/rss" "$TURBOTOP" -b -f json -- \
		"$writer" -w "$W" -n "$L" >"$1" || { echo "flood: turbotop failed"; exit 1; }
	[ "$(tail -n 1 "$tmp/rss")" -gt "${rss_kb:-0}" ] && rss_kb=$(tail -n 1 "$tmp/rss")
	return 0
}

run_tmux() {
	local sock="bench-flood-$$"
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 48 \
		"$writer -w $W -n $L; tmux -L $sock wait-for -S flood-done" &&
		tmux -L "$sock" wait-for flood-done
	tmux -L "$sock" kill-server 2>/dev/null
}

# Each peer RUNS times, interleaved, the best time of each kept: the
# machine is shared, and the best run is the one least disturbed.
have_tmux=0
command -v tmux >/dev/null 2>&1 && have_tmux=1
rss_kb=0
r_ms= t_ms= x_ms=
i=0
while [ $i -lt "${FLOOD_RUNS:-3}" ]; do
	t0=$(ms); run_reader; t1=$(ms); r_ms=$(best "$r_ms" $((t1 - t0)))
	t0=$(ms); run_turbotop /dev/null; t1=$(ms); t_ms=$(best "$t_ms" $((t1 - t0)))
	if [ $have_tmux = 1 ]; then
		t0=$(ms); run_tmux; t1=$(ms); x_ms=$(best "$x_ms" $((t1 - t0)))
	fi
	i=$((i + 1))
done

# Not timed: every line was exported.
run_turbotop "$tmp/out"
got=$(grep -o '"stream":"out"' "$tmp/out" | wc -l)
[ "$got" = "$total" ] || { echo "flood: turbotop exported $got of $total lines"; exit 1; }

reader_rate=$(rate "$total" "$r_ms")
tt_rate=$(rate "$total" "$t_ms")
tmux_rate=
[ $have_tmux = 1 ] && tmux_rate=$(rate "$total" "$x_ms")

echo "flood: $W writers x $L lines, best of ${FLOOD_RUNS:-3}; lines/s: turbotop $tt_rate, reader $reader_rate${tmux_rate:+, tmux $tmux_rate}"
awk -v a="$tt_rate" -v b="$reader_rate" 'BEGIN { printf "flood-vs-reader: %.2f (turbotop %d vs SO_PASSCRED reader %d lines/s; target >= 0.80)\n", a / b, a, b }'
if [ -n "$tmux_rate" ]; then
	awk -v a="$tt_rate" -v b="$tmux_rate" 'BEGIN { printf "flood-vs-tmux: %.2f (turbotop %d vs tmux pane %d lines/s; target >= 1.5)\n", a / b, a, b }'
else
	echo "flood-vs-tmux: skipped (tmux not installed)"
fi
awk -v k="$rss_kb" 'BEGIN { printf "flood-rss: %.2f (turbotop peak RSS %.1f MB vs limit 32 MB; target < 1)\n", k / 32768, k / 1024 }'
