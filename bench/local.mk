# Benchmarks: `make bench` runs bench/run, which runs every bench/bench-*.sh and
# prints each result as a ratio against a peer measured in the same run.
# Never part of make check: they measure, they do not pass or fail on speed.

EXTRA_DIST += bench/run bench/lib.sh
bench: all
	TURBOTOP='$(abs_top_builddir)/src/turbotop' \
	DEMOS='$(abs_top_builddir)/demos' \
	BENCH_BUILDDIR='$(abs_top_builddir)/bench' \
	$(SHELL) '$(abs_top_srcdir)/bench/run'
.PHONY: bench

# The flood benchmark (issue 5): a writer of many short lines and the minimal
# SO_PASSCRED reader turbotop -b is compared with. Built by make check, so
# they compile in CI; bench-flood.sh builds them if needed.
check_PROGRAMS += bench/flood-writer bench/flood-reader
bench_flood_writer_SOURCES = bench/flood-writer.c
bench_flood_reader_SOURCES = bench/flood-reader.c
EXTRA_DIST += bench/bench-flood.sh

# The one record writer against v1's writers (issue 13), side by side.
check_PROGRAMS += bench/event-writer
bench_event_writer_SOURCES = bench/event-writer.c
bench_event_writer_LDADD = $(TURBOTOP_LIBS)
EXTRA_DIST += bench/bench-writer.sh

# The exact timeline (issue 11): accuracy against perf sched and schedstat,
# the duty cycle in both modes, the tracer's cost against perf sched record.
EXTRA_DIST += bench/bench-timeline.sh

# Cluster mode (issue 14): an agent's cost against top, merging 16 synthetic
# hosts of 64 cores.
EXTRA_DIST += bench/bench-agent.sh

# --replay's cost (issue 13): an hour recorded at 0.1 s replayed at x16
# against the live TUI at the same refresh, side by side.
EXTRA_DIST += bench/bench-replay.sh
