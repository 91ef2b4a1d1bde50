# Sampling (issue 4): libproc2 readers, history rings, batch output.
src_libturbotop_a_SOURCES += \
	src/sample.h src/sample-int.h \
	src/sample-tics.c \
	src/sample-cpu.c \
	src/sample-proc.c \
	src/sample-occupy.c \
	src/sample-history.c \
	src/sample-tick.c \
	src/json.c src/json.h \
	src/batch.c src/batch.h
