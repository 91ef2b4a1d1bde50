#!/bin/sh
# bench-writer.sh: the one record writer against the writers it replaced
# (v1's job-export.c JSON lines, batch.c's text lines and JSON samples),
# side by side in one process (bench/event-writer.c). A ratio >= 1 means
# the one writer is no more costly. Both output paths are built by hand,
# without printf or a locale switch, in place in a buffer the writer gives
# to the FILE 64 KB at a time: as text the one writer is about 5x v1's
# fprintf; as JSON ~1.2 (strings copied 8 bytes at a time), though its
# lines are a third longer ("type" and "job", which the schema asks for).
# A sample measures ~1.7: json.c writes numbers by hand (exactly printf's
# digits) where v1 called printf for each; the peer keeps v1's printf,
# though the schema's processes carry more (run/wait/sleep, time, switches).
set -u
: "${BENCH_BUILDDIR:?run through make bench}"
prog="$BENCH_BUILDDIR/event-writer"
if [ ! -x "$prog" ]; then
	make -s -C "$BENCH_BUILDDIR/.." bench/event-writer >/dev/null ||
		{ echo "writer: cannot build bench/event-writer"; exit 1; }
fi
"$prog"
