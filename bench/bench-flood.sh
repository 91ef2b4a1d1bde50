#!/bin/sh
# bench-flood.sh: output capture under a flood. 4 writers print 500,000 short
# lines each, one write per line. Measured in one run, each on the same
# machine at the same moment:
#   reader : bench/flood-reader, the minimal SO_PASSCRED socket reader (the
#            channel turbotop uses), counting lines per writer pid
#   turbotop -b -f json -- flood-writer, every line exported as JSON
#   tmux   : the same writers in a (detached) tmux pane
# Prints lines/s of each and the ratios turbotop/reader (target >= 0.8) and
# turbotop/tmux (target >= 1.5), and turbotop's peak RSS (target < 32 MB).
# FLOOD_WORKERS / FLOOD_LINES change the load.
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

# The minimal reader.
t0=$(ms)
out=$("$reader" "$writer" -w "$W" -n "$L") || { echo "flood: reader failed"; exit 1; }
t1=$(ms)
got=${out#lines }
got=${got%% *}
[ "$got" = "$total" ] || { echo "flood: reader saw $got of $total lines"; exit 1; }
reader_rate=$(rate "$total" $((t1 - t0)))

# turbotop -b, JSON to a file (counted afterwards, not timed).
t0=$(ms)
/usr/bin/time -f %M -o "$tmp/rss" "$TURBOTOP" -b -f json -- "$writer" -w "$W" -n "$L" >"$tmp/out" ||
	{ echo "flood: turbotop failed"; exit 1; }
t1=$(ms)
got=$(grep -o '"stream":"out"' "$tmp/out" | wc -l)
[ "$got" = "$total" ] || { echo "flood: turbotop exported $got of $total lines"; exit 1; }
tt_rate=$(rate "$total" $((t1 - t0)))
rss_kb=$(tail -n 1 "$tmp/rss")

# A tmux pane.
tmux_rate=
if command -v tmux >/dev/null 2>&1; then
	sock="bench-flood-$$"
	t0=$(ms)
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 48 \
		"$writer -w $W -n $L; tmux -L $sock wait-for -S flood-done" &&
		tmux -L "$sock" wait-for flood-done
	t1=$(ms)
	tmux -L "$sock" kill-server 2>/dev/null
	tmux_rate=$(rate "$total" $((t1 - t0)))
fi

echo "flood: $W writers x $L lines; lines/s: turbotop $tt_rate, reader $reader_rate${tmux_rate:+, tmux $tmux_rate}"
awk -v a="$tt_rate" -v b="$reader_rate" 'BEGIN { printf "flood-vs-reader: %.2f (turbotop %d vs SO_PASSCRED reader %d lines/s; target >= 0.80)\n", a / b, a, b }'
if [ -n "$tmux_rate" ]; then
	awk -v a="$tt_rate" -v b="$tmux_rate" 'BEGIN { printf "flood-vs-tmux: %.2f (turbotop %d vs tmux pane %d lines/s; target >= 1.5)\n", a / b, a, b }'
else
	echo "flood-vs-tmux: skipped (tmux not installed)"
fi
awk -v k="$rss_kb" 'BEGIN { printf "flood-rss: %.2f (turbotop peak RSS %.1f MB vs limit 32 MB; target < 1)\n", k / 32768, k / 1024 }'
