# Tests of the hostile world (issue 15): many processes, fatal signals, the
# watchdog, the sanitiser, options, write errors, lesson parsing at scale.
TESTS += tests/sample-many.sh tests/cli-errors.sh tests/ui-fatal.sh tests/job-daemon.sh tests/sanitize-all.sh tests/demo-pipe-memory.sh tests/ui-leak.sh
EXTRA_DIST += tests/sample-many.sh tests/cli-errors.sh tests/ui-fatal.sh tests/job-daemon.sh tests/sanitize-all.sh tests/demo-pipe-memory.sh tests/ui-leak.sh

# Soak and fault runs (minutes; not in make check): make soak [SOAK_MINUTES=N]
EXTRA_DIST += tests/soak.sh
SOAK_MINUTES = 30
soak: all
	$(AM_TESTS_ENVIRONMENT) SOAK_MINUTES=$(SOAK_MINUTES) bash $(srcdir)/tests/soak.sh
.PHONY: soak
