# Tests of Visual benchmarking (issue 8).

# The pure parts: worker lists, the arithmetic, the SVG chart.
check_PROGRAMS += tests/test-bench
tests_test_bench_SOURCES = tests/test-bench.c
tests_test_bench_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_bench_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-bench

# Integration: refusals, a known-timing workload, failures and clean-up.
TESTS += tests/bench-cli.sh tests/bench-run.sh tests/bench-fail.sh \
	tests/bench-demo.sh tests/bench-tui.sh
EXTRA_DIST += tests/bench-cli.sh tests/bench-run.sh tests/bench-fail.sh \
	tests/bench-demo.sh tests/bench-tui.sh

# The floor: short runs of a demo are sized up, of a command warned; worker
# counts beyond the cores are marked (records, table, SVG).
TESTS += tests/bench-floor.sh
EXTRA_DIST += tests/bench-floor.sh
