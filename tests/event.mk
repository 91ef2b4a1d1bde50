# The event stream (issue 13): schema, round trips, hostile streams.
TESTS += tests/event-stream.sh tests/event-hostile.sh
EXTRA_DIST += tests/event-stream.sh tests/event-hostile.sh tests/events.py
