# Tests of Supervision and output capture (issue 5).
check_PROGRAMS += tests/test-job-text tests/test-job
tests_test_job_text_SOURCES = tests/test-job-text.c
tests_test_job_text_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_job_text_LDADD = $(CHECK_LDADD_ALL)
tests_test_job_SOURCES = tests/test-job.c
tests_test_job_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_job_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-job-text tests/test-job
TESTS += tests/job-batch.sh tests/job-cleanup.sh tests/job-flood.sh
EXTRA_DIST += tests/job-batch.sh tests/job-cleanup.sh tests/job-flood.sh
