# Tests of The TUI, driven in tmux (issue 6): the real binary in a private
# tmux server; screens compared with tests/screens/ where deterministic.
TESTS += tests/ui-screens.sh tests/ui-waste.sh tests/ui-resize.sh tests/ui-plain.sh tests/ui-output.sh \
	tests/ui-restore.sh
EXTRA_DIST += tests/ui-lib.sh tests/ui-screens.sh tests/ui-waste.sh \
	tests/ui-resize.sh tests/ui-plain.sh tests/ui-output.sh tests/ui-restore.sh \
	tests/screens/menu-120x40 tests/screens/menu-waste-120x40 \
	tests/screens/help-120x40 tests/screens/menu-80x24 \
	tests/screens/menu-lock-80x24

# Issue 12, the output pane and the observer: long lines readable in full,
# the kept last run's label, turbotop's own cost and blocked workers.
TESTS += tests/ui-longline.sh tests/ui-observer.sh
EXTRA_DIST += tests/ui-longline.sh tests/ui-observer.sh

# The layout engine, unit-tested at every size and core count.
check_PROGRAMS += tests/test-ui-layout
tests_test_ui_layout_SOURCES = tests/test-ui-layout.c
tests_test_ui_layout_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_ui_layout_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-ui-layout

# Many cores (up to 128) on small screens: every core gets a meter or a
# cell, and the strips that do not fit are counted.
check_PROGRAMS += tests/test-ui-scale
tests_test_ui_scale_SOURCES = tests/test-ui-scale.c
tests_test_ui_scale_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_ui_scale_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-ui-scale

# The menu's "Watch for" text agrees with each demo's --help.
check_PROGRAMS += tests/test-catalog-watch
tests_test_catalog_watch_SOURCES = tests/test-catalog-watch.c
tests_test_catalog_watch_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_catalog_watch_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-catalog-watch

# README and turbotop.1 list every key and demo as the code has them.
check_PROGRAMS += tests/test-docs
tests_test_docs_SOURCES = tests/test-docs.c
tests_test_docs_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_docs_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-docs

# Batch CSV always starts with its header (tests/polish-*.sh: polish pass).
TESTS += tests/polish-csv.sh
EXTRA_DIST += tests/polish-csv.sh

# The timeline's time arithmetic: steps, fitting a run, axis, legend room.
check_PROGRAMS += tests/test-ui-axis
tests_test_ui_axis_SOURCES = tests/test-ui-axis.c
tests_test_ui_axis_CFLAGS = $(CHECK_CFLAGS_ALL)
tests_test_ui_axis_LDADD = $(CHECK_LDADD_ALL)
TESTS += tests/test-ui-axis

# The timeline and the process table (issues 11 and 12): the kept last run,
# gil's threads in the legend and H, 20 waste workers waiting.
TESTS += tests/ui-lastrun.sh tests/ui-threads.sh tests/ui-wait.sh
EXTRA_DIST += tests/ui-lastrun.sh tests/ui-threads.sh tests/ui-wait.sh

# mpicompute's ranks on this machine: in the table, labelled rN in the
# output and the timeline's legend.
TESTS += tests/ui-mpi.sh
EXTRA_DIST += tests/ui-mpi.sh

# --replay in the TUI (issue 13 phase 2): live and replayed screens agree,
# the playback keys, a live pipe, hostile streams; synthetic streams of many
# cores and hosts (tests/gen-stream.py) laid out without overlaps; workers
# coloured in the order the stream names them, however it is played.
TESTS += tests/ui-replay.sh tests/ui-replay-scale.sh tests/ui-replay-colours.sh
EXTRA_DIST += tests/ui-replay.sh tests/ui-replay-scale.sh \
    tests/ui-replay-colours.sh tests/gen-stream.py
