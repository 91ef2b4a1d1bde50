# Tests of the hostile world (issue 15): many processes, fatal signals, the
# watchdog, the sanitiser, options, write errors, lesson parsing at scale.
TESTS += tests/sample-many.sh tests/cli-errors.sh tests/ui-fatal.sh tests/job-daemon.sh tests/sanitize-all.sh tests/demo-pipe-memory.sh
EXTRA_DIST += tests/sample-many.sh tests/cli-errors.sh tests/ui-fatal.sh tests/job-daemon.sh tests/sanitize-all.sh tests/demo-pipe-memory.sh
