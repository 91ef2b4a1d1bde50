#!/bin/sh
# bench-writer.sh: the one record writer against the writers it replaced
# (v1's job-export.c JSON lines, batch.c's text lines and JSON samples),
# side by side in one process (bench/event-writer.c). A ratio >= 1 means
# the one writer is no more costly.
set -u
: "${BENCH_BUILDDIR:?run through make bench}"
prog="$BENCH_BUILDDIR/event-writer"
if [ ! -x "$prog" ]; then
	make -s -C "$BENCH_BUILDDIR/.." bench/event-writer >/dev/null ||
		{ echo "writer: cannot build bench/event-writer"; exit 1; }
fi
"$prog"
