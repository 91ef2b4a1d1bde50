# Tests of Lessons and recordings (issue 7).

# The lesson checker: good and bad lines, and every lesson in examples/.
check_PROGRAMS += tests/test-lesson-parse
tests_test_lesson_parse_SOURCES = tests/test-lesson-parse.c
tests_test_lesson_parse_CFLAGS = $(CHECK_CFLAGS_ALL) \
	-DEXAMPLES_DIR='"$(abs_top_srcdir)/examples"'
tests_test_lesson_parse_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-lesson-parse

# Integration: a malformed lesson runs nothing.
TESTS += tests/lesson-check.sh
EXTRA_DIST += tests/lesson-check.sh
