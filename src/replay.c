/*
 * replay.c: --replay FILE, an event stream read back (event-read.c) and
 * written again through the one record writer (event-write.c): -b --replay
 * FILE -f csv|text|json converts it, and -f json gives back the same
 * records. A bad line is reported on standard error with its number and
 * skipped; the records after it still come. Reading is as fast as the
 * stream comes, so `turbotop -b ... | turbotop -b --replay -` follows a run
 * live.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event-read.h"
#include "event-write.h"
#include "options.h"
#include "replay.h"
#include "util.h"

/* Open the stream: "-" is standard input. -1 with a message on failure. */
static int
replay_open_fd(const char *path)
{
	int	fd;

	if (strcmp(path, "-") == 0)
		return STDIN_FILENO;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		fprintf(stderr, "turbotop: cannot read %s: %s\n", path,
		    strerror(errno));
	return fd;
}

/* Convert the stream to o's format on standard output. */
static int
replay_convert(const struct options *o, int fd)
{
	struct event_reader	*r;
	struct event_writer	*w;
	struct event		 e;
	const char		*name = strcmp(o->replay, "-") == 0 ?
				    "standard input" : o->replay;
	char			*cause;
	int			 rc = 0, n, more = 1;

	signal(SIGPIPE, SIG_IGN);
	r = event_reader_new(fd);
	w = event_writer_new(stdout, o->format);
	while (more) {
		if ((n = event_reader_fill(r)) < 0) {
			fprintf(stderr, "turbotop: reading %s: %s\n", name,
			    strerror(errno));
			rc = 1;
			break;
		}
		more = n > 0;
		while ((n = event_reader_next(r, &e, &cause)) != 0) {
			if (n < 0) {
				fprintf(stderr, "turbotop: %s: %s\n", name,
				    cause);
				free(cause);
				rc = 1;
				continue;
			}
			if (event_write(w, &e) != 0) {
				if (errno != EPIPE)
					fprintf(stderr, "turbotop: write error: "
					    "%s\n", strerror(errno));
				else
					rc = 0;
				more = 0;
				break;
			}
		}
	}
	event_writer_free(w);
	event_reader_free(r);
	return rc;
}

int
replay_main(const struct options *o)
{
	int	fd, rc;

	/* A terminal and no -b: the TUI plays it (replay-tui.c). */
	if (!o->batch && isatty(STDOUT_FILENO))
		return replay_tui(o);
	if ((fd = replay_open_fd(o->replay)) < 0)
		return 1;
	rc = replay_convert(o, fd);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}
