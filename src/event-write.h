/*
 * event-write.h: the one record writer. Every batch mode (batch.c,
 * lesson-batch.c, bench-report.c, job-export.c) and --replay write their
 * records (event.h) through it, in one of three back ends:
 *
 *   json  one object a line, the schema of doc/turbotop-events.schema.json
 *   csv   one table: a header, then rows with a "type" column (a sample is
 *         one row per core; processes are left out)
 *   text  readable lines: a sample is top -b's screen, a benchmark a table
 *
 * Adding a field or a format touches this file only.
 */
#ifndef TURBOTOP_EVENT_WRITE_H
#define TURBOTOP_EVENT_WRITE_H

#include <stdio.h>

#include "event.h"
#include "options.h"

struct event_writer;

struct event_writer	*event_writer_new(FILE *, enum format);
void			 event_writer_free(struct event_writer *);

/* Samples list each process's threads ("tasks", --threads). */
void			 event_writer_threads(struct event_writer *, int);

/* Flush after output records too (a lesson) or only after others (batch). */
void			 event_writer_flush_output(struct event_writer *, int);

/* Write one record; 0, or -1 with errno set when writing failed. */
int			 event_write(struct event_writer *, const struct event *);
int			 event_writer_error(const struct event_writer *);
int			 event_writer_flush(struct event_writer *);

/*
 * Write the hello of a new stream (this host, now) and start its clock:
 * event_writer_time(w, mono) is then the t of monotonic time mono.
 */
int			 event_write_hello(struct event_writer *, int, char **);
double			 event_writer_time(const struct event_writer *, double);

/* e as a sample record of the sampler's last tick (copied into w). */
void			 event_writer_sample(struct event_writer *,
			     struct event *, const struct sampler *);

#endif
