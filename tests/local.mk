# The test harness: unit tests (Check) and integration scripts (bash, driving
# the real binaries; tmux ones through tests/lib.sh) all run under make check.
# Each area lists its tests in its own fragment below. Check's default
# timeout (4 s) is too short under ASan on a busy machine: 60 s for every
# test case that does not set its own.

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = bash
AM_TESTS_ENVIRONMENT = \
	TURBOTOP='$(abs_top_builddir)/src/turbotop'; export TURBOTOP; \
	TURBOTOP_DEMO_DIR='$(abs_top_builddir)/demos'; export TURBOTOP_DEMO_DIR; \
	DEMOS='$(abs_top_builddir)/demos'; export DEMOS; \
	TESTS_SRCDIR='$(abs_top_srcdir)/tests'; export TESTS_SRCDIR; \
	TESTS_BUILDDIR='$(abs_top_builddir)/tests'; export TESTS_BUILDDIR; \
	TOP_BUILDDIR='$(abs_top_builddir)'; export TOP_BUILDDIR; MAKE='$(MAKE)'; export MAKE; \
	ASAN_OPTIONS='detect_leaks=0:abort_on_error=1'; export ASAN_OPTIONS; \
	UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1'; export UBSAN_OPTIONS; \
	CK_DEFAULT_TIMEOUT=60; export CK_DEFAULT_TIMEOUT;

CHECK_CFLAGS_ALL = $(AM_CFLAGS) $(CHECK_CFLAGS) $(NCURSES_CFLAGS) $(PROC2_CFLAGS)
CHECK_LDADD_ALL = $(TURBOTOP_LIBS) $(CHECK_LIBS)

EXTRA_DIST += tests/lib.sh

# Foundation: options and the command-line contract.
check_PROGRAMS += tests/test-options
tests_test_options_SOURCES = tests/test-options.c
tests_test_options_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_options_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-options tests/cli.sh tests/tmux-harness.sh tests/install.sh
EXTRA_DIST += tests/cli.sh tests/tmux-harness.sh tests/install.sh

include tests/demos.mk
include tests/sample.mk
include tests/job.mk
include tests/ui.mk
include tests/lesson.mk
include tests/bench.mk
include tests/event.mk
include tests/hostile.mk
include tests/cluster.mk
