/*
 * job-export.c: a job's output lines written out as they arrive (batch
 * mode), each exactly once and in order, without holding them: memory stays
 * flat however fast the demo prints. Each line is one "output" record of
 * the event stream, written through the one record writer (event-write.h)
 * in whatever format it writes; its t is seconds since the stream's hello.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event-write.h"
#include "job-int.h"
#include "util.h"

struct job_export {
	struct job		*job;
	struct event_writer	*w;
	unsigned long long	 lines;		/* written so far */
	int			 error;
};

void
job_line_event(struct event *e, struct job *job, const struct out_line *o,
    struct event_writer *w)
{
	memset(e, 0, sizeof *e);
	e->type = EVENT_OUTPUT;
	e->t = event_writer_time(w, o->t);
	e->job = job_name(job);
	e->pid = (long)o->pid;
	e->err = o->stream == STREAM_ERR;
	e->cut = o->cut;
	e->text = o->text;
	e->has_rank = o->rank >= 0;
	e->rank = o->rank;
}

static void
export_hook(struct job *job, const struct out_line *o, void *arg)
{
	struct job_export	*x = arg;
	struct event		 e;

	job_line_event(&e, job, o, x->w);
	if (event_write(x->w, &e) != 0)
		x->error = 1;
	x->lines++;
}

/* Export job's lines through w as they come. Installs the job's line hook. */
struct job_export *
job_export_create(struct job *job, struct event_writer *w)
{
	struct job_export	*x;

	x = xcalloc(1, sizeof *x);
	x->job = job;
	x->w = w;
	job_set_line_hook(job, export_hook, x);
	return x;
}

void
job_export_free(struct job_export *x)
{
	if (x == NULL)
		return;
	job_set_line_hook(x->job, NULL, NULL);
	free(x);
}

unsigned long long
job_export_lines(const struct job_export *x)
{
	return x->lines;
}

/* 1 if a write failed (errno from stdio says why). */
int
job_export_error(const struct job_export *x)
{
	return x->error || event_writer_error(x->w);
}
