/*
 * lesson-batch.c: turbotop -b --script FILE, a lesson played headless so
 * that it can be checked in CI. Every event is one record on standard
 * output, written as it happens, in order:
 *
 *   {"event":"step","line":5,"cmd":"run waste -w 4","t":0.001}
 *   {"event":"start","line":5,"job":"waste","pgid":4242,"t":0.002}
 *   {"event":"output","job":"waste","pid":4243,"stream":"out","text":"..","t":0.1}
 *   {"event":"exit","job":"waste","pgid":4242,"status":0,"signal":0,"t":2.3}
 *   {"event":"error","line":9,"message":"..","t":..}   (a step failed)
 *   {"event":"skip","line":9,"message":"..","t":..}    (try: not there)
 *   {"event":"sample","busy":[99.5,98.0],"t":1.0}      (every -d seconds)
 *   {"event":"end","steps":12,"failures":0,"t":9.1}
 *
 * -f json as above; -f csv: t,event,line,job,pid,stream,status,signal,text
 * (a sample's text: the busy % of each core, separated by spaces); -f text:
 * one readable line each. t is seconds since the lesson started. A sample
 * is each core's busy % over the last -d seconds (default 1); -n does not
 * apply to lessons.
 * `wait key` passes at once; `bench` runs in this process and writes its own
 * report. The exit status is 0 if every step played, 1 if one failed or the
 * lesson was interrupted.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "job.h"
#include "json.h"
#include "lesson-parse.h"
#include "lesson-play.h"
#include "options.h"
#include "sample.h"
#include "util.h"

/* One record; fields not set are left out (JSON) or empty (CSV). */
struct lesson_record {
	const char	*event;
	int		 line;		/* 0: none */
	const char	*job;
	long		 pid;		/* 0: none */
	const char	*pid_key;	/* "pid" or "pgid" */
	const char	*stream;
	int		 has_status;
	int		 status, signal;
	const char	*text_key;	/* "cmd", "text", "message" */
	const char	*text;
	const double	*busy;		/* sample: per core */
	int		 ncpus;
	int		 cut;
	long		 steps, failures;	/* end */
	double		 t;
};

struct lesson_batch {
	const struct options	*o;
	FILE			*out;
	struct json		*j;
	struct sampler		*s;		/* NULL: no samples */
	double			 t0;
	long			 steps;
	int			 write_error;	/* errno of the first one */
};

static void
record_json(struct lesson_batch *b, const struct lesson_record *r)
{
	struct json	*j = b->j;
	int		 i;

	json_object_begin(j);
	json_key(j, "event");
	json_string(j, r->event);
	if (r->line > 0) {
		json_key(j, "line");
		json_int(j, r->line);
	}
	if (r->text_key != NULL && strcmp(r->text_key, "cmd") == 0) {
		json_key(j, "cmd");
		json_string(j, r->text);
	}
	if (r->job != NULL) {
		json_key(j, "job");
		json_string(j, r->job);
	}
	if (r->pid > 0) {
		json_key(j, r->pid_key);
		json_int(j, r->pid);
	}
	if (r->stream != NULL) {
		json_key(j, "stream");
		json_string(j, r->stream);
	}
	if (r->has_status) {
		json_key(j, "status");
		json_int(j, r->status);
		json_key(j, "signal");
		json_int(j, r->signal);
	}
	if (r->cut) {
		json_key(j, "cut");
		json_int(j, 1);
	}
	if (r->text_key != NULL && strcmp(r->text_key, "cmd") != 0) {
		json_key(j, r->text_key);
		json_string(j, r->text);
	}
	if (r->busy != NULL) {
		json_key(j, "busy");
		json_array_begin(j);
		for (i = 0; i < r->ncpus; i++)
			json_double(j, r->busy[i], 1);
		json_array_end(j);
	}
	if (strcmp(r->event, "end") == 0) {
		json_key(j, "steps");
		json_int(j, r->steps);
		json_key(j, "failures");
		json_int(j, r->failures);
	}
	json_key(j, "t");
	json_double(j, r->t, 3);
	json_object_end(j);
	if (json_line(j, b->out) != 0)
		b->write_error = errno != 0 ? errno : EIO;
}

/* A sample's per-core busy figures as "99.5 98.0" (static buffer). */
static const char *
busy_text(const struct lesson_record *r)
{
	static char	buf[4096];
	size_t		len = 0;
	int		i;

	buf[0] = '\0';
	for (i = 0; i < r->ncpus && len + 8 < sizeof buf; i++)
		len += snprintf(buf + len, sizeof buf - len, "%s%.1f",
		    i > 0 ? " " : "", r->busy[i]);
	return buf;
}

/* A CSV field: quoted, with quotes doubled, when it needs it. */
static void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void
record_csv(struct lesson_batch *b, const struct lesson_record *r)
{
	FILE	*f = b->out;
	char	 end[64];

	fprintf(f, "%.3f,%s,", r->t, r->event);
	if (r->line > 0)
		fprintf(f, "%d", r->line);
	fputc(',', f);
	csv_field(f, r->job);
	fputc(',', f);
	if (r->pid > 0)
		fprintf(f, "%ld", r->pid);
	fputc(',', f);
	csv_field(f, r->stream);
	fputc(',', f);
	if (r->has_status)
		fprintf(f, "%d,%d,", r->status, r->signal);
	else
		fputs(",,", f);
	if (strcmp(r->event, "end") == 0) {
		snprintf(end, sizeof end, "%ld steps, %ld failures", r->steps,
		    r->failures);
		csv_field(f, end);
	} else if (r->busy != NULL)
		csv_field(f, busy_text(r));
	else
		csv_field(f, r->text);
	fputc('\n', f);
	if (fflush(f) != 0)
		b->write_error = errno != 0 ? errno : EIO;
}

static void
record_text(struct lesson_batch *b, const struct lesson_record *r)
{
	FILE	*f = b->out;

	if (strcmp(r->event, "step") == 0)
		fprintf(f, "step %d: %s\n", r->line, r->text);
	else if (strcmp(r->event, "output") == 0)
		fprintf(f, "[%7ld %s] %s%s\n", r->pid, r->stream, r->text,
		    r->cut ? " [cut]" : "");
	else if (strcmp(r->event, "start") == 0)
		fprintf(f, "start %s: pgid %ld\n", r->job, r->pid);
	else if (strcmp(r->event, "exit") == 0 && r->signal != 0)
		fprintf(f, "exit %s: signal %d (%s)\n", r->job, r->signal,
		    strsignal(r->signal));
	else if (strcmp(r->event, "exit") == 0)
		fprintf(f, "exit %s: status %d\n", r->job, r->status);
	else if (strcmp(r->event, "end") == 0)
		fprintf(f, "end: %ld steps, %ld failures\n", r->steps,
		    r->failures);
	else if (r->busy != NULL)
		fprintf(f, "sample: busy %% per core: %s\n", busy_text(r));
	else
		fprintf(f, "%s %d: %s\n", r->event, r->line, r->text);
	if (fflush(f) != 0)
		b->write_error = errno != 0 ? errno : EIO;
}

static void
emit(struct lesson_batch *b, struct lesson_record *r)
{
	if (b->write_error)
		return;
	r->t = now_mono() - b->t0;
	if (r->pid_key == NULL)
		r->pid_key = "pid";
	switch (b->o->format) {
	case FORMAT_JSON:
		record_json(b, r);
		break;
	case FORMAT_CSV:
		record_csv(b, r);
		break;
	case FORMAT_TEXT:
		record_text(b, r);
		break;
	}
}

static void
hook_step(void *arg, const struct lesson_step *st)
{
	struct lesson_batch	*b = arg;
	struct lesson_record	 r = { .event = "step", .line = st->line,
				     .text_key = "cmd", .text = st->source };

	b->steps++;
	emit(b, &r);
}

/* Each output line of a lesson's job, as it arrives (inside jobs_wait). */
static void
hook_line(struct job *job, const struct out_line *o, void *arg)
{
	struct lesson_record	 r = { .event = "output",
				     .job = job_name(job), .pid = o->pid,
				     .stream = o->stream == STREAM_ERR ? "err" : "out",
				     .text_key = "text", .text = o->text,
				     .cut = o->cut };

	emit(arg, &r);
}

static void
hook_started(void *arg, const struct lesson_step *st, struct job *job)
{
	struct lesson_record	 r = { .event = "start", .line = st->line,
				     .job = job_name(job), .pid = job_pgid(job),
				     .pid_key = "pgid" };

	job_set_line_hook(job, hook_line, arg);
	if (((struct lesson_batch *)arg)->s != NULL)
		sampler_watch(((struct lesson_batch *)arg)->s, job_pgid(job));
	emit(arg, &r);
}

static void
hook_exited(void *arg, struct job *job)
{
	struct lesson_record	 r = { .event = "exit", .job = job_name(job),
				     .pid = job_pgid(job), .pid_key = "pgid",
				     .has_status = 1,
				     .status = job_exit_status(job),
				     .signal = job_exit_signal(job) };

	emit(arg, &r);
}

static void
hook_problem(void *arg, const struct lesson_step *st, int failed,
    const char *msg)
{
	struct lesson_record	 r = { .event = failed ? "error" : "skip",
				     .line = st->line, .text_key = "message",
				     .text = msg };

	emit(arg, &r);
}

/* bench: turbotop's --bench in this process, its report in our format. */
static int
hook_bench(void *arg, const struct lesson_step *st, int argc, char **argv)
{
	struct lesson_batch	*b = arg;
	static const char	*formats[] = { "text", "csv", "json" };
	char			**full, *cause;
	int			 i, rc;

	full = xcalloc(argc + 3, sizeof *full);
	full[0] = argv[0];
	full[1] = (char *)"-f";
	full[2] = (char *)formats[b->o->format];
	for (i = 1; i < argc; i++)
		full[i + 2] = argv[i];
	fflush(b->out);
	rc = bench_run_argv(argc + 2, full, &cause);
	if (rc == 2 && cause != NULL) {
		hook_problem(arg, st, 0, cause);
		free(cause);
	}
	free(full);
	return rc;
}

static const struct lesson_hooks batch_hooks = {
	.step = hook_step,
	.started = hook_started,
	.exited = hook_exited,
	.problem = hook_problem,
	.bench = hook_bench,
};

/* Take a sample and write its record: each core's busy %. */
static void
sample(struct lesson_batch *b)
{
	struct lesson_record	 r = { .event = "sample" };
	double			*busy;
	char			*cause;
	int			 i, n;

	if (sampler_tick(b->s, &cause) != 0) {
		fprintf(stderr, "turbotop: %s (no more samples)\n", cause);
		free(cause);
		sampler_free(b->s);
		b->s = NULL;
		return;
	}
	n = sampler_ncpus(b->s);
	busy = xcalloc(n, sizeof *busy);
	for (i = 0; i < n; i++)
		busy[i] = sampler_cpu(b->s, i)->busy;
	r.busy = busy;
	r.ncpus = n;
	emit(b, &r);
	free(busy);
}

/* Play the checked lesson l headless; returns the exit status. */
int
lesson_batch(const struct options *o, const struct lesson *l)
{
	struct lesson_batch	 b;
	struct lesson_player	*p;
	struct job_config	 cfg;
	struct lesson_record	 r = { .event = "end" };
	struct sigaction	 sa;
	double			 left, delay, next = 0;
	char			*cause;
	int			 interrupted = 0;

	memset(&b, 0, sizeof b);
	b.o = o;
	b.out = stdout;
	b.j = json_new();
	memset(&cfg, 0, sizeof cfg);
	cfg.pty = o->pty;
	cfg.max_lines = o->max_lines;
	cfg.grace = o->grace;

	/* A closed pipe shows up as a write error, not a signal. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	jobs_init();
	b.t0 = now_mono();
	if (o->format == FORMAT_CSV) {
		fputs("t,event,line,job,pid,stream,status,signal,text\n", b.out);
		fflush(b.out);
	}

	/* Samples every -d seconds; the lesson plays without them if need be. */
	delay = options_delay(o, DELAY_BATCH);
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
		next = now_mono() + delay;
	}

	p = lesson_player_new(l, &cfg, 1, &batch_hooks, &b);
	for (;;) {
		left = lesson_player_run(p);
		if (lesson_player_done(p) || b.write_error)
			break;
		if (b.s != NULL && (left < 0 || next - now_mono() < left))
			left = next - now_mono() > 0 ? next - now_mono() : 0;
		if (jobs_wait(left, -1) & JOBS_WAIT_SIGNAL) {
			interrupted = 1;
			break;
		}
		if (b.s != NULL && now_mono() >= next) {
			sample(&b);
			/* Keep the beat; if we fell behind, do not catch up. */
			next += delay;
			if (next < now_mono())
				next = now_mono() + delay;
		}
	}
	lesson_player_finish(p);
	r.steps = b.steps;
	r.failures = lesson_player_failures(p);
	emit(&b, &r);
	lesson_player_free(p);
	sampler_free(b.s);
	json_free(b.j);

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
