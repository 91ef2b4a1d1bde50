# Supervision (issue 5): process-group jobs, output capture and line buffers.
src_libturbotop_a_SOURCES += \
	src/job.c src/job.h src/job-int.h \
	src/job-capture.c \
	src/job-export.c \
	src/job-lines.c \
	src/job-signal.c \
	src/job-spawn.c \
	src/job-sweep.c \
	src/job-watchdog.c
