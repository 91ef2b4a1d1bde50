# Lessons (issue 7): lesson scripts, headless playback, recordings.
src_libturbotop_a_SOURCES += \
	src/lesson.c src/lesson.h
