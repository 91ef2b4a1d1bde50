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

# The asciicast writer, and a real recording made in tmux through the pty
# proxy (test-lesson-recdraw draws with curses; it is not a test alone).
check_PROGRAMS += tests/test-lesson-record tests/test-lesson-recdraw
tests_test_lesson_record_SOURCES = tests/test-lesson-record.c
tests_test_lesson_record_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_lesson_record_LDADD = $(CHECK_LDADD_ALL)
tests_test_lesson_recdraw_SOURCES = tests/test-lesson-recdraw.c
tests_test_lesson_recdraw_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_lesson_recdraw_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-lesson-record tests/lesson-record.sh
EXTRA_DIST += tests/lesson-record.sh

# Headless playback: records in order, in every format.
TESTS += tests/lesson-batch.sh
EXTRA_DIST += tests/lesson-batch.sh

# MPI on this machine alone: run mpicompute, mpi4py's, a bench over ranks.
TESTS += tests/lesson-mpi.sh
EXTRA_DIST += tests/lesson-mpi.sh

# The player without demos: sections, n and N, waits.
check_PROGRAMS += tests/test-lesson-play
tests_test_lesson_play_SOURCES = tests/test-lesson-play.c
tests_test_lesson_play_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_lesson_play_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-lesson-play

# A lesson in the TUI, recorded: captions, n and N, the end, the recording.
TESTS += tests/lesson-tui.sh
EXTRA_DIST += tests/lesson-tui.sh tests/lesson-lib.sh

# The article's Python programs (examples/python/) under turbotop -b print
# what their C demos print (compute's sum exactly).
TESTS += tests/lesson-python.sh
EXTRA_DIST += tests/lesson-python.sh

# clear with a demo running: stopped and waited for, never left out of sight.
TESTS += tests/lesson-clear.sh
EXTRA_DIST += tests/lesson-clear.sh
