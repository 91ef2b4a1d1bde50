/*
 * batch.c: batch mode, like top -b: the event stream (event.h) on standard
 * output, one sample record per interval, written through the one record
 * writer (event-write.h) as text (top's batch screen with one line per
 * core), CSV or JSON (one object a line).
 *
 *   turbotop -b [-d SECS] [-n N] [-f text|csv|json] [--all] [--threads]
 *
 * With no demo the whole machine is sampled and the busiest SAMPLE_BUSIEST
 * processes are listed (--all: every one). Each record is written and flushed
 * at once, so a pipe reader sees it live. A closed pipe (EPIPE) ends the run
 * quietly; SIGINT, SIGTERM and SIGHUP end it after the current record.
 *
 * The shape: batch_main() writes the hello and sets up, then batch_loop()
 * waits (batch_wait), ticks the sampler and emits one record (batch_emit);
 * an end record closes the stream.
 *
 * With a demo (turbotop -b ... DEMO [ARGS] or -- COMMAND): the demo runs as a
 * job (job.h), its process group is watched, so "procs" lists its processes,
 * and the wait is jobs_wait(). A start record comes first; its output lines
 * are streamed as output records as they arrive (job-export.c), so none is
 * held or lost however fast it prints (they are flushed with the next
 * sample). When the demo ends, a last sample covers the time since the
 * previous one (less than -d), then an exit record follows, and turbotop exits
 * with the demo's status (128 + signal if it was killed). -n N and signals
 * stop the demo (SIGTERM, SIGKILL after the grace period, at most 1 s);
 * after -n turbotop exits 0.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "demo-start.h"
#include "job.h"
#include "event-write.h"
#include "options.h"
#include "sample.h"
#include "util.h"

struct batch {
	const struct options	*o;
	FILE			*out;
	struct sampler		*s;
	struct event_writer	*w;		/* the records' one writer */
	double			 delay;
	double			 t0;		/* monotonic time of the baseline */
	unsigned long		 records;
	struct job		*job;		/* the demo, or NULL */
	struct job_export	*x;		/* its lines on their way out */
};

static int batch_stop_fd = -1;	/* util_stop_signals()'s pipe */

static int
batch_signals(char **cause)
{
	/* SA_RESTART: a write to stdout is never cut short. */
	if ((batch_stop_fd = util_stop_signals(1)) == -1) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Sleep until the monotonic time deadline; 1 if a signal asks us to stop. */
static int
batch_wait(double deadline)
{
	struct pollfd	 pfd;
	double		 left;
	int		 rc;

	for (;;) {
		left = deadline - now_mono();
		if (left <= 0)
			return 0;
		pfd.fd = batch_stop_fd;
		pfd.events = POLLIN;
		rc = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (rc > 0)
			return 1;
		if (rc < 0 && errno != EINTR)
			return 1;
	}
}

/* Write one record of the last sample. */
static int
batch_emit(struct batch *b)
{
	struct event	e;

	event_writer_sample(b->w, &e, b->s);
	return event_write(b->w, &e);
}

/* Start the demo or command of the command line and watch its group. */
static int
start_job(struct batch *b, char **cause)
{
	const struct options	*o = b->o;
	struct job_config	 c;
	char			**argv;

	memset(&c, 0, sizeof c);
	c.pty = o->pty;
	c.max_lines = o->max_lines;
	c.grace = o->grace;
	argv = xcalloc(o->argc + 1, sizeof *argv);
	memcpy(argv, o->argv, o->argc * sizeof *argv);
	if (o->is_command)
		b->job = job_start(o->argv[0], argv, &c, cause);
	else
		b->job = demo_start(argv, &c, cause);
	free(argv);
	if (b->job == NULL)
		return -1;
	sampler_watch(b->s, job_pgid(b->job));
	return 0;
}

/* A start, exit or end record. */
static void
batch_event(struct batch *b, enum event_type type, int status)
{
	struct event	e;

	memset(&e, 0, sizeof e);
	e.type = type;
	e.t = event_writer_time(b->w, now_mono());
	e.status = status;
	if (b->job != NULL && type != EVENT_END) {
		e.job = job_name(b->job);
		e.pid = job_pgid(b->job);
		e.signal = job_exit_signal(b->job);
	}
	event_write(b->w, &e);
}

/*
 * With a demo: run the job loop until the deadline or the demo's end.
 * 1 if a signal asks us to stop or the output is closed.
 */
static int
demo_wait(struct batch *b, double deadline)
{
	double	left;

	while (job_state(b->job) != JOB_DONE) {
		if (b->x != NULL && job_export_error(b->x))
			return 1;
		left = deadline - now_mono();
		if (left <= 0)
			break;
		if (jobs_wait(left, -1) & JOBS_WAIT_SIGNAL)
			return 1;
	}
	return 0;
}

/*
 * The end of a run with a demo: stop it if it still runs (its last lines
 * still stream out), write the exit record, and return turbotop's status:
 * the demo's, or 0 if -n stopped it.
 */
static int
demo_end(struct batch *b, int planned)
{
	int	status;

	jobs_stop_all();
	status = job_exit_status(b->job);
	batch_event(b, EVENT_EXIT, status);
	return planned ? 0 : status;
}

/* Sample and emit until -n records, a signal or a closed output. */
static int
batch_loop(struct batch *b)
{
	char	*cause;
	double	 next, now;
	int	 done;

	if (sampler_tick(b->s, &cause) != 0)
		goto fail;
	b->t0 = sampler_time(b->s);
	next = b->t0 + b->delay;
	for (;;) {
		done = 0;
		if (b->job != NULL) {
			if (demo_wait(b, next))	/* a signal, or EPIPE: quietly */
				return demo_end(b, b->x != NULL &&
				    job_export_error(b->x));
			/*
			 * It ended: a last sample covers the time since the
			 * previous one, its trace's last records in, so the
			 * stream has the whole run (one shorter than an
			 * interval too), as the TUI's kept run has.
			 */
			if ((done = job_state(b->job) == JOB_DONE))
				sampler_flush(b->s);
		} else if (batch_wait(next))
			return 0;
		if (sampler_tick(b->s, &cause) != 0) {
			if (!done)
				goto fail;
			fprintf(stderr, "turbotop: %s\n", cause);
			free(cause);
			return demo_end(b, 0);	/* the exit record still */
		}
		if (batch_emit(b) != 0) {
			if (errno == EPIPE)
				return b->job != NULL ? demo_end(b, 1) : 0;
			fprintf(stderr, "turbotop: write error: %s\n",
			    strerror(errno));
			if (b->job != NULL)
				demo_end(b, 1);
			return 1;
		}
		b->records++;
		if (done)
			return demo_end(b, 0);
		if (b->o->iterations > 0 &&
		    b->records >= (unsigned long)b->o->iterations)
			return b->job != NULL ? demo_end(b, 1) : 0;
		/* Keep the beat; if we fell behind, do not try to catch up. */
		next += b->delay;
		now = now_mono();
		if (next < now)
			next = now + b->delay;
	}

fail:
	fprintf(stderr, "turbotop: %s\n", cause);
	free(cause);
	return 1;
}

int
batch_main(const struct options *o)
{
	struct batch	 b;
	char		*cause;
	int		 rc;

	static char	 obuf[65536];

	memset(&b, 0, sizeof b);
	b.o = o;
	b.out = stdout;
	b.delay = options_delay(o, DELAY_BATCH);
	if (o->argc > 0) {
		/* Signals are the job loop's (jobs_init()); EPIPE ends the run. */
		jobs_init();
		signal(SIGPIPE, SIG_IGN);
		setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	} else if (batch_signals(&cause) != 0)
		goto fail;
	if ((b.s = sampler_create(&cause)) == NULL)
		goto fail;
	if (sampler_set_timeline(b.s, o->timeline, &cause) != 0) {
		sampler_free(b.s);
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		return 2;
	}
	b.w = event_writer_new(b.out, o->format);
	event_writer_threads(b.w, o->threads);
	if (o->argc > 0)
		event_writer_flush_output(b.w, 0);	/* flushed with samples */
	event_write_hello(b.w, o->full_argc, o->full_argv);
	if (o->argc > 0) {
		sampler_set_scope(b.s, o->all ? SCOPE_ALL : SCOPE_WATCHED);
		if (start_job(&b, &cause) != 0) {
			event_writer_free(b.w);
			sampler_free(b.s);
			goto fail;
		}
		batch_event(&b, EVENT_START, 0);
		b.x = job_export_create(b.job, b.w);
	} else
		sampler_set_scope(b.s, o->all ? SCOPE_ALL : SCOPE_BUSIEST);
	rc = batch_loop(&b);
	batch_event(&b, EVENT_END, rc);
	if (b.job != NULL) {
		jobs_stop_all();
		job_export_free(b.x);
		job_free(b.job);
	}
	event_writer_free(b.w);
	sampler_free(b.s);
	fflush(stdout);
	return rc;

fail:
	fprintf(stderr, "turbotop: %s\n", cause);
	free(cause);
	return 1;
}
