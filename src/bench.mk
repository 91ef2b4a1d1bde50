# Visual benchmarking (issue 8): speedup runs, their arithmetic and charts.
src_libturbotop_a_SOURCES += \
	src/bench.c src/bench.h \
	src/bench-cmd.c src/bench-cmd.h \
	src/bench-list.c src/bench-list.h \
	src/bench-report.c src/bench-report.h \
	src/bench-run.c src/bench-run.h \
	src/bench-stats.c src/bench-stats.h \
	src/bench-svg.c src/bench-svg.h \
	src/bench-tui.c src/bench-tui.h

# The benchmark of benchmark mode itself (make bench): timing against python3.
EXTRA_DIST += bench/bench-speedup.sh
