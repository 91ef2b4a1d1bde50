# Sampling (issue 4): libproc2 readers, history rings, batch output.
src_libturbotop_a_SOURCES += \
	src/sample.h src/sample-int.h \
	src/sample-tics.c \
	src/sample-cpu.c \
	src/sample-proc.c \
	src/sample-occupy.c \
	src/sample-history.c \
	src/sample-tick.c \
	src/sample-timeline.h \
	src/sample-tl.c \
	src/sample-threads.c \
	src/tl-store.c src/tl-store.h \
	src/trace.c src/trace.h src/trace-int.h src/trace-fs.c \
	src/json.c src/json.h \
	src/batch.c src/batch.h
