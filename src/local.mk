# turbotop itself: a small main (turbotop.c) over a library of modules that the
# unit tests link too. Areas append to libturbotop_a_SOURCES in their own block.

noinst_LIBRARIES += src/libturbotop.a
src_libturbotop_a_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(PROC2_CFLAGS) \
	$(TRACEFS_CFLAGS) $(TRACEEVENT_CFLAGS) $(CJSON_CFLAGS)
src_libturbotop_a_SOURCES = \
	src/options.c src/options.h \
	src/util.c src/util.h \
	src/utf8.c src/utf8.h \
	src/sanitize.c src/sanitize.h \
	src/catalog.c src/catalog.h

TURBOTOP_LIBS = src/libturbotop.a $(NCURSES_LIBS) $(PROC2_LIBS) $(TRACEFS_LIBS) \
	$(TRACEEVENT_LIBS) $(CJSON_LIBS) $(GMP_LIBS) $(PTHREAD_LIBS) $(LIBS)

bin_PROGRAMS += src/turbotop
src_turbotop_SOURCES = src/turbotop.c
src_turbotop_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(PROC2_CFLAGS)
src_turbotop_LDADD = $(TURBOTOP_LIBS)
