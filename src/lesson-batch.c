/*
 * lesson-batch.c: turbotop -b --script FILE, a lesson played headless so
 * that it can be checked in CI. Every event is one record of the event
 * stream (event.h) on standard output, written through the one record
 * writer as it happens, in order: the hello, then
 *
 *   {"type":"step","t":0.001,"line":5,"cmd":"run waste -w 4"}
 *   {"type":"start","t":0.002,"line":5,"job":"waste","pgid":4242}
 *   {"type":"output","t":0.1,"job":"waste","pid":4243,"stream":"out","text":".."}
 *   {"type":"exit","t":2.3,"job":"waste","pgid":4242,"status":0,"signal":0}
 *   {"type":"error","t":..,"line":9,"message":".."}   (a step failed)
 *   {"type":"error","t":..,"line":9,"skipped":true,"message":".."} (try)
 *   {"type":"sample","t":1.0,"cpus":[..],"procs":[..],"sys":{..}} (every -d s)
 *   {"type":"bench",..}                                (a bench step)
 *   {"type":"end","t":9.1,"status":0,"steps":12,"failures":0}
 *
 * -f csv and -f text are the writer's views of the same records. t is
 * seconds since the hello. A sample lists the lesson's processes; it comes
 * every -d seconds (default 1), and when a job ends, before its exit record
 * (the time since the last one: so each run is whole in the stream, one
 * shorter than -d too); -n does not apply to lessons. `wait key`
 * passes at once; `bench` calls the benchmark engine in this process. The
 * exit status is 0 if every step played, 1 if one failed or the lesson was
 * interrupted.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "job.h"
#include "event-write.h"
#include "lesson-parse.h"
#include "lesson-play.h"
#include "options.h"
#include "sample.h"
#include "util.h"

#define TAIL_MIN	0.01	/* s: a job's end within this of a sample: no new one */

struct lesson_batch {
	const struct options	*o;
	struct event_writer	*w;
	struct sampler		*s;		/* NULL: no samples */
	double			 delay, next;	/* the samples' beat */
	double			 last;		/* when the last was taken */
	long			 steps;
	int			 write_error;	/* errno of the first one */
};

static void
emit(struct lesson_batch *b, struct event *e)
{
	if (b->write_error)
		return;
	if (e->type != EVENT_OUTPUT && e->type != EVENT_SAMPLE)
		e->t = event_writer_time(b->w, now_mono());
	if (event_write(b->w, e) != 0)
		b->write_error = errno != 0 ? errno : EIO;
}

static void
hook_step(void *arg, const struct lesson_step *st)
{
	struct lesson_batch	*b = arg;
	struct event		 e = { .type = EVENT_STEP, .line = st->line,
				     .text = st->source };

	b->steps++;
	emit(b, &e);
}

/* Each output line of a lesson's job, as it arrives (inside jobs_wait). */
static void
hook_line(struct job *job, const struct out_line *o, void *arg)
{
	struct lesson_batch	*b = arg;
	struct event		 e;

	job_line_event(&e, job, o, b->w);
	emit(b, &e);
}

static void
hook_started(void *arg, const struct lesson_step *st, struct job *job)
{
	struct lesson_batch	*b = arg;
	struct event		 e = { .type = EVENT_START, .line = st->line,
				     .job = job_name(job), .pid = job_pgid(job) };

	job_set_line_hook(job, hook_line, arg);
	if (b->s != NULL)
		sampler_watch(b->s, job_pgid(job));
	emit(b, &e);
}

/* Take a sample and write its record. */
static void
sample(struct lesson_batch *b)
{
	struct event	 e;
	char		*cause;

	if (sampler_tick(b->s, &cause) != 0) {
		fprintf(stderr, "turbotop: %s (no more samples)\n", cause);
		free(cause);
		sampler_free(b->s);
		b->s = NULL;
		return;
	}
	event_writer_sample(b->w, &e, b->s);
	emit(b, &e);
	b->last = now_mono();
}

static void
hook_exited(void *arg, struct job *job)
{
	struct lesson_batch	*b = arg;
	struct event		 e = { .type = EVENT_EXIT, .job = job_name(job),
				     .pid = job_pgid(job),
				     .status = job_exit_status(job),
				     .signal = job_exit_signal(job) };

	/*
	 * The run's last interval, its trace's last records in (not again
	 * for jobs that end together: one sample covers them all).
	 */
	if (b->s != NULL && now_mono() - b->last > TAIL_MIN) {
		sampler_flush(b->s);
		sample(b);
		b->next = now_mono() + b->delay;	/* the beat starts again */
	}
	emit(b, &e);
}

static void
hook_problem(void *arg, const struct lesson_step *st, int failed,
    const char *msg)
{
	struct event	e = { .type = EVENT_ERROR, .line = st->line,
			    .skipped = !failed, .text = msg };

	emit(arg, &e);
}

/*
 * bench: the benchmark engine, called in this process with the step's
 * options; its bench records join the lesson's stream.
 */
static int
hook_bench(void *arg, const struct lesson_step *st, int argc, char **argv)
{
	struct lesson_batch	*b = arg;
	struct options		 o;
	char			*cause;

	if (options_parse(&o, argc, argv, &cause) != 0) {
		hook_problem(arg, st, 0, cause);
		free(cause);
		return 2;
	}
	if (o.bench == NULL) {
		hook_problem(arg, st, 0, "bench needs a worker list");
		return 2;
	}
	o.batch = 1;	/* never a TUI of its own inside a lesson */
	o.format = b->o->format;
	return bench_run(&o, b->w, 0, 0);
}

static const struct lesson_hooks batch_hooks = {
	.step = hook_step,
	.started = hook_started,
	.exited = hook_exited,
	.problem = hook_problem,
	.bench = hook_bench,
};


/* Play the checked lesson l headless; returns the exit status. */
int
lesson_batch(const struct options *o, const struct lesson *l)
{
	struct lesson_batch	 b;
	struct lesson_player	*p;
	struct job_config	 cfg;
	struct event		 r = { .type = EVENT_END, .lesson = 1 };
	struct sigaction	 sa;
	double			 left;
	char			*cause;
	int			 interrupted = 0;

	memset(&b, 0, sizeof b);
	b.o = o;
	b.w = event_writer_new(stdout, o->format);
	memset(&cfg, 0, sizeof cfg);
	cfg.pty = o->pty;
	cfg.max_lines = o->max_lines;
	cfg.grace = o->grace;

	/* A closed pipe shows up as a write error, not a signal. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	jobs_init();
	event_write_hello(b.w, o->full_argc, o->full_argv);

	/* Samples every -d seconds; the lesson plays without them if need be. */
	b.delay = options_delay(o, DELAY_BATCH);
	if ((b.s = sampler_create(&cause)) == NULL) {
		fprintf(stderr, "turbotop: %s (no samples)\n", cause);
		free(cause);
	} else if (sampler_tick(b.s, &cause) != 0) {
		fprintf(stderr, "turbotop: %s (no samples)\n", cause);
		free(cause);
		sampler_free(b.s);
		b.s = NULL;
	} else {
		sampler_set_scope(b.s, SCOPE_WATCHED);
		b.next = now_mono() + b.delay;
	}

	p = lesson_player_new(l, &cfg, 1, &batch_hooks, &b);
	for (;;) {
		left = lesson_player_run(p);
		if (lesson_player_done(p) || b.write_error)
			break;
		if (b.s != NULL && (left < 0 || b.next - now_mono() < left))
			left = b.next - now_mono() > 0 ? b.next - now_mono() : 0;
		if (jobs_wait(left, -1) & JOBS_WAIT_SIGNAL) {
			interrupted = 1;
			break;
		}
		if (b.s != NULL && now_mono() >= b.next) {
			sample(&b);
			/* Keep the beat; if we fell behind, do not catch up. */
			b.next += b.delay;
			if (b.next < now_mono())
				b.next = now_mono() + b.delay;
		}
	}
	lesson_player_finish(p);
	r.steps = b.steps;
	r.failures = lesson_player_failures(p);
	r.status = interrupted || r.failures > 0 ? 1 : 0;
	emit(&b, &r);
	lesson_player_free(p);
	sampler_free(b.s);
	event_writer_free(b.w);

	/* A closed pipe (| head) ends the lesson quietly, as in batch mode. */
	if (b.write_error == EPIPE)
		return 0;
	if (b.write_error != 0)
		fprintf(stderr, "turbotop: write error: %s\n",
		    strerror(b.write_error));
	if (interrupted)
		fprintf(stderr, "turbotop: lesson interrupted\n");
	return interrupted || b.write_error || r.failures > 0 ? 1 : 0;
}
