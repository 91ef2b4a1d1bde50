# Benchmarks: `make bench` runs bench/run, which runs every bench/bench-*.sh and
# prints each result as a ratio against a peer measured in the same run.
# Never part of make check: they measure, they do not pass or fail on speed.

EXTRA_DIST += bench/run
bench: all
	TURBOTOP='$(abs_top_builddir)/src/turbotop' \
	DEMOS='$(abs_top_builddir)/demos' \
	BENCH_BUILDDIR='$(abs_top_builddir)/bench' \
	$(SHELL) '$(abs_top_srcdir)/bench/run'
.PHONY: bench
