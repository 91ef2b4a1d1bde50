# Visual benchmarking (issue 8): speedup runs and charts.
src_libturbotop_a_SOURCES += \
	src/bench.c src/bench.h
