# The TUI (issue 6): only ui*.c include curses.
src_libturbotop_a_SOURCES += \
	src/ui.c src/ui.h
