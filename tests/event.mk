# The event stream (issue 13): schema, round trips, hostile streams.
TESTS += tests/event-stream.sh tests/event-hostile.sh
EXTRA_DIST += tests/event-stream.sh tests/event-hostile.sh tests/events.py

check_PROGRAMS += tests/test-event-skim
tests_test_event_skim_SOURCES = tests/test-event-skim.c
tests_test_event_skim_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_event_skim_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-event-skim

check_PROGRAMS += tests/test-event-write
tests_test_event_write_SOURCES = tests/test-event-write.c
tests_test_event_write_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_event_write_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-event-write
