# The event stream (issue 13): one schema for every batch mode, one record
# writer, the cJSON reader and --replay.
src_libturbotop_a_SOURCES += \
	src/event.h \
	src/event-write.c src/event-write.h \
	src/event-read.c src/event-read.h \
	src/replay.c src/replay.h \
	src/replay-play.c src/replay-play.h \
	src/replay-tui.c \
	src/source.c src/source.h

# The schema: shipped, installed, and the contract the tests validate with.
dist_doc_DATA = doc/turbotop-events.schema.json
