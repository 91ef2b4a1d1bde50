# Tests of Sampling and batch mode (issue 4).

# Pure parts: interval arithmetic, occupancy credits, history rings, JSON.
check_PROGRAMS += tests/test-sample
tests_test_sample_SOURCES = tests/test-sample.c
tests_test_sample_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_sample_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-sample

# The sampler against the real kernel: a pinned spinner, a sleeper, /proc/stat.
check_PROGRAMS += tests/test-sample-truth
tests_test_sample_truth_SOURCES = tests/test-sample-truth.c
tests_test_sample_truth_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_sample_truth_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-sample-truth

# The timeline's store: a window gives every segment that overlaps it,
# whatever windows were asked before (a frame starts past the dead ones).
check_PROGRAMS += tests/test-tl-store
tests_test_tl_store_SOURCES = tests/test-tl-store.c
tests_test_tl_store_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_tl_store_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-tl-store

# Batch mode on the whole machine.
TESTS += tests/sample-batch.sh
EXTRA_DIST += tests/sample-batch.sh

# The sampling-cost benchmark (make bench), shipped in the tarball.
EXTRA_DIST += bench/bench-sample.sh

# The exact timeline (issue 11): a pinned duty-cycle worker for the tests and
# the benchmark (bench/bench-timeline.sh).
check_PROGRAMS += tests/duty
tests_duty_SOURCES = tests/duty.c
EXTRA_DIST += tests/trace-lib.sh
TESTS += tests/trace-duty.sh tests/trace-lock.sh tests/trace-priv.sh \
	tests/trace-cleanup.sh tests/trace-short.sh tests/trace-lastrun.sh
EXTRA_DIST += tests/trace-duty.sh tests/trace-lock.sh tests/trace-priv.sh \
	tests/trace-cleanup.sh tests/trace-short.sh tests/trace-lastrun.sh
