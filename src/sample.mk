# Sampling (issue 4): libproc2 readers, history rings, batch output.
src_libturbotop_a_SOURCES += \
	src/batch.c src/batch.h
