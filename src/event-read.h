/*
 * event-read.h: the event stream read back, one JSON line at a time, with
 * cJSON. Defensive: a line is at most EVENT_LINE_MAX bytes, JSON nests at
 * most cJSON's CJSON_NESTING_LIMIT (1000) deep and only the schema's shapes
 * are read, arrays and strings have bounds, numbers must be
 * finite and in range, and every string is sanitised (job-sanitize.c)
 * before anyone sees it. A bad line is skipped with a message naming it;
 * the records after it still come.
 *
 * Feed it from a file descriptor (event_reader_fill, blocking or not), then
 * take records (event_reader_next) until it has no complete line left.
 */
#ifndef TURBOTOP_EVENT_READ_H
#define TURBOTOP_EVENT_READ_H

#include <sys/types.h>

#include "event.h"

#define EVENT_LINE_MAX		(4u * 1024 * 1024)	/* bytes of one record */
#define EVENT_CPUS_MAX		8192
#define EVENT_PROCS_MAX		65536
#define EVENT_ARGV_MAX		4096
#define EVENT_TEXT_MAX		(64u * 1024)		/* bytes of one string */

struct event_reader;

struct event_reader	*event_reader_new(int);
void			 event_reader_free(struct event_reader *);

/* Read what the fd has: 1 bytes came, 0 end of file, -1 error (errno). */
int			 event_reader_fill(struct event_reader *);

/*
 * The next record into e (valid until the next call): 1 a record, 0 no
 * complete line buffered (at end of file: the stream is over), -1 a line
 * was skipped and *cause (malloc'd) says why, naming the line.
 */
int			 event_reader_next(struct event_reader *, struct event *,
			     char **);

/*
 * Parse one line (without its newline) as a record into e: 0, or -1 and
 * *cause (malloc'd) says why, naming the line.
 */
int			 event_reader_parse(struct event_reader *, const char *,
			     size_t, struct event *, char **);

/*
 * Skimming (on: 1): a sample of this machine's (no "host") that has its
 * "timeline" before "procs" (our writer's order) and no process with
 * "tasks" is read up to its "procs": nprocs 0, no sys, skimmed set, and
 * what follows is not checked. A replay at speed needs the processes only
 * of the last sample before a frame; it reads them from that one's line
 * (event_reader_line, valid until the next fill) with
 * event_reader_parse_rest on a reader that does not skim, numbered as the
 * line was (event_reader_number) for its messages: what the skim of that
 * line (it must be one a skim read) left is parsed on its own (procs, sys:
 * a sample with no cpus), or if that fails the line is read whole, as
 * event_reader_parse, for its message.
 */
void			 event_reader_skim(struct event_reader *, int);
int			 event_reader_parse_rest(struct event_reader *,
			     const char *, size_t, struct event *, char **);
const char		*event_reader_line(const struct event_reader *,
			     size_t *);
void			 event_reader_number(struct event_reader *,
			     unsigned long);

unsigned long		 event_reader_lineno(const struct event_reader *);

/*
 * Seeking in a file: the offset of the record last returned; reading on
 * from an offset known to start line lineno + 1; and going on after end
 * of file when the file grows (a spooled pipe).
 */
off_t			 event_reader_offset(const struct event_reader *);
int			 event_reader_seek(struct event_reader *, off_t,
			     unsigned long);
void			 event_reader_resume(struct event_reader *);
int			 event_reader_eof(const struct event_reader *);

#endif
