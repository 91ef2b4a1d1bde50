# The TUI (issue 6): only ui*.c include curses, and the drivers' TUI sides
# (bench-tui.c, replay-tui.c: ui.h) through ui-draw.h and ui-keys.h. One job
# per file: the event loop (ui.c), layout, theme and glyphs, key bindings,
# drawing primitives, and one file per pane or screen.
src_libturbotop_a_SOURCES += \
	src/ui.c src/ui.h src/ui-int.h \
	src/ui-frame.c \
	src/ui-pane.c \
	src/ui-restore.c \
	src/ui-draw.c src/ui-draw.h \
	src/ui-theme.c src/ui-theme.h \
	src/ui-keys.c src/ui-keys.h \
	src/ui-layout.c src/ui-layout.h \
	src/ui-axis.c src/ui-axis.h \
	src/ui-panes.h \
	src/ui-meters.c \
	src/ui-graph.c \
	src/ui-timeline.c \
	src/ui-procs.c \
	src/ui-output.c \
	src/ui-menu.c \
	src/ui-help.c \
	src/ui-status.c \
	src/observer.c src/observer.h
EXTRA_DIST += bench/bench-tui.sh
