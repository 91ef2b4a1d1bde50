# Lessons (issue 7): lesson scripts, headless playback, recordings.
src_libturbotop_a_SOURCES += \
	src/lesson.c src/lesson.h \
	src/lesson-parse.c src/lesson-parse.h \
	src/lesson-play.c src/lesson-play.h \
	src/lesson-batch.c

# The example lessons (one per part of the article) and our GIL script.
examplesdir = $(pkgdatadir)/examples
dist_examples_DATA = \
	examples/1-basics.lesson \
	examples/2-waste.lesson \
	examples/3-ipc.lesson \
	examples/4-pmap.lesson \
	examples/5-speedup.lesson \
	examples/6-gil.lesson \
	examples/7-python.lesson \
	examples/7-cluster.lesson \
	examples/gil.py

# The article's own Python programs, in Python 3 (7-python.lesson plays them
# beside their C demos).
pythonexamplesdir = $(examplesdir)/python
dist_pythonexamples_DATA = \
	examples/python/counting.py \
	examples/python/miscellaneous.py \
	examples/python/mpicompute.py \
	examples/python/parcompute.py \
	examples/python/pmap.py \
	examples/python/waste.py

# -r/--record: asciicast v2 recordings through a pty (record.c).
src_libturbotop_a_SOURCES += \
	src/record.c src/record.h

# make bench: the cost of -r against the same TUI not recording.
EXTRA_DIST += bench/bench-record.sh
