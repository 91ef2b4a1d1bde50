# Visual benchmarking (issue 8): speedup runs, their arithmetic and charts.
src_libturbotop_a_SOURCES += \
	src/bench.c src/bench.h \
	src/bench-list.c src/bench-list.h \
	src/bench-stats.c src/bench-stats.h \
	src/bench-svg.c src/bench-svg.h
