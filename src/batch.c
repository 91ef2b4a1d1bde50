/*
 * batch.c: batch mode, like top -b: one record per interval on standard
 * output, as text (top's batch screen with one line per core), CSV (a header,
 * then one row per core per sample) or JSON (one object per line).
 *
 *   turbotop -b [-d SECS] [-n N] [-f text|csv|json] [--all]
 *
 * With no demo the whole machine is sampled and the busiest SAMPLE_BUSIEST
 * processes are listed (--all: every one). Each record is written and flushed
 * at once, so a pipe reader sees it live. A closed pipe (EPIPE) ends the run
 * quietly; SIGINT, SIGTERM and SIGHUP end it after the current record.
 *
 * The shape: batch_main() sets up, then batch_loop() waits (batch_wait),
 * ticks the sampler and emits one record (batch_emit).
 *
 * With a demo (turbotop -b ... DEMO [ARGS] or -- COMMAND): the demo runs as a
 * job (job.h), its process group is watched, so "procs" lists its processes,
 * and the wait is jobs_wait(). Its output lines are streamed as they arrive
 * (job-export.c), so none is held or lost however fast it prints: in JSON a
 * record starts with "output", the lines that arrived during its interval;
 * in text they are printed between the records as "[    pid out] text".
 * When the demo ends, the lines since the last record go into a last record
 * {"output":[...],"event":"exit","demo":..,"status":..,"signal":..} and
 * turbotop exits with the demo's status (128 + signal if it was killed).
 * -n N and signals stop the demo (SIGTERM, SIGKILL after the grace period,
 * at most 1 s); after -n turbotop exits 0.
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
#include "catalog.h"
#include "job.h"
#include "json.h"
#include "json-timeline.h"
#include "options.h"
#include "sample.h"
#include "util.h"

struct batch {
	const struct options	*o;
	FILE			*out;
	struct sampler		*s;
	struct json		*json;
	double			 delay;
	double			 t0;		/* monotonic time of the baseline */
	unsigned long		 records;
	struct job		*job;		/* the demo, or NULL */
	struct job_export	*x;		/* its lines on their way out */
};

static int batch_pipe[2] = { -1, -1 };

/* The only thing the handler does: wake the loop. */
static void
batch_signal(int sig)
{
	int	 saved = errno;
	char	 c = (char)sig;

	if (write(batch_pipe[1], &c, 1) == -1) {
		/* Full pipe: a wake-up is already pending. */
	}
	errno = saved;
}

static int
batch_signals(char **cause)
{
	struct sigaction	 sa;
	int			 i;

	if (pipe(batch_pipe) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < 2; i++) {
		fcntl(batch_pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(batch_pipe[i], F_SETFL, O_NONBLOCK);
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = batch_signal;
	sa.sa_flags = SA_RESTART;	/* a write to stdout is never cut short */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;	/* a closed pipe shows up as EPIPE */
	sigaction(SIGPIPE, &sa, NULL);
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
		pfd.fd = batch_pipe[0];
		pfd.events = POLLIN;
		rc = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (rc > 0)
			return 1;
		if (rc < 0 && errno != EINTR)
			return 1;
	}
}

/* "up 3 days,  4:05" or "up 12 min", as top's summary line. */
static void
format_uptime(char *buf, size_t len, double up)
{
	long	 s = (long)up, days = s / 86400, h = (s / 3600) % 24,
		 m = (s / 60) % 60;
	int	 n = 0;

	if (days > 0)
		n = snprintf(buf, len, "%ld day%s, ", days, days == 1 ? "" : "s");
	if (n < 0 || (size_t)n >= len)
		return;
	if (h > 0)
		snprintf(buf + n, len - (size_t)n, "%2ld:%02ld", h, m);
	else
		snprintf(buf + n, len - (size_t)n, "%ld min", m);
}

/* TIME+ as top: minutes:seconds.hundredths. */
static void
format_time(char *buf, size_t len, double t)
{
	unsigned long	 cs = (unsigned long)(t * 100 + 0.5);

	snprintf(buf, len, "%lu:%02lu.%02lu", cs / 6000, (cs / 100) % 60,
	    cs % 100);
}

static int
emit_text(struct batch *b)
{
	const struct sys_sample		*sys = sampler_sys(b->s);
	const struct cpu_sample		*c;
	const struct proc_sample	*p;
	FILE				*f = b->out;
	char				 clock[16], up[32], tm[32];
	time_t				 now = time(NULL);
	struct tm			 lt;
	size_t				 i;
	int				 n;

	strftime(clock, sizeof clock, "%H:%M:%S", localtime_r(&now, &lt));
	format_uptime(up, sizeof up, sys->uptime);
	fprintf(f, "turbotop - %s up %s,  load average: %.2f, %.2f, %.2f\n",
	    clock, up, sys->load[0], sys->load[1], sys->load[2]);
	fprintf(f, "Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, "
	    "%3d zombie\n", sys->tasks, sys->running, sys->sleeping,
	    sys->stopped, sys->zombie);
	for (n = 0; n < sampler_ncpus(b->s); n++) {
		c = sampler_cpu(b->s, n);
		if (!c->online) {
			fprintf(f, "%%Cpu%-3d: offline\n", c->id);
			continue;
		}
		fprintf(f, "%%Cpu%-3d:%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,"
		    "%5.1f hi,%5.1f si,%5.1f st\n", c->id, c->user, c->system,
		    c->nice, c->idle, c->iowait, c->irq, c->softirq, c->steal);
	}
	fprintf(f, "MiB Mem : %9.1f total, %9.1f used, %9.1f avail\n",
	    sys->mem_total_kb / 1024.0, sys->mem_used_kb / 1024.0,
	    sys->mem_avail_kb / 1024.0);
	fprintf(f, "MiB Swap: %9.1f total, %9.1f used\n",
	    sys->swap_total_kb / 1024.0, sys->swap_used_kb / 1024.0);
	fprintf(f, "Timeline: %s, %llu events lost\n\n",
	    sampler_timeline_title(b->s), sampler_timeline_lost(b->s));
	fprintf(f, "%7s %7s %7s S  %%CPU   P     RES  THR     TIME+ COMMAND\n",
	    "PID", "PPID", "PGID");
	for (i = 0; i < sampler_nprocs(b->s); i++) {
		p = sampler_proc(b->s, i);
		format_time(tm, sizeof tm, p->time);
		fprintf(f, "%7ld %7ld %7ld %c %5.1f %3d %7lu %4d %9s %s\n",
		    (long)p->pid, (long)p->ppid, (long)p->pgid, p->state,
		    p->cpu, p->core, p->rss_kb, p->threads, tm, p->cmd);
	}
	/* issue 5: a demo's output lines go here. */
	fputc('\n', f);
	return fflush(f) == EOF ? -1 : 0;
}

/* The per-core fields of the records (CSV and JSON), in the order. */
static const char *cpu_fields[] = {
	"busy", "user", "nice", "system", "idle", "iowait", "irq", "softirq",
	"steal"
};

static void
cpu_values(const struct cpu_sample *c, double v[9])
{
	v[0] = c->busy;
	v[1] = c->user;
	v[2] = c->nice;
	v[3] = c->system;
	v[4] = c->idle;
	v[5] = c->iowait;
	v[6] = c->irq;
	v[7] = c->softirq;
	v[8] = c->steal;
}

/*
 * The CSV header, written before the first sample so that even a demo that
 * ends before it leaves a well-formed (empty) table.
 */
static void
csv_header(FILE *f)
{
	size_t	i;

	fprintf(f, "t,cpu,online");
	for (i = 0; i < nitems(cpu_fields); i++)
		fprintf(f, ",%s", cpu_fields[i]);
	fputc('\n', f);
}

static int
emit_csv(struct batch *b)
{
	const struct cpu_sample	*c;
	FILE			*f = b->out;
	double			 t = sampler_time(b->s) - b->t0, v[9];
	size_t			 i;
	int			 n;

	for (n = 0; n < sampler_ncpus(b->s); n++) {
		c = sampler_cpu(b->s, n);
		cpu_values(c, v);
		fprintf(f, "%.3f,%d,%d", t, c->id, c->online);
		for (i = 0; i < nitems(cpu_fields); i++)
			fprintf(f, ",%.1f", v[i]);
		fputc('\n', f);
	}
	return fflush(f) == EOF ? -1 : 0;
}

static void
json_cpu(struct json *j, const struct cpu_sample *c)
{
	double	 v[9];
	size_t	 i;

	cpu_values(c, v);
	json_object_begin(j);
	json_key(j, "id");
	json_int(j, c->id);
	for (i = 0; i < nitems(cpu_fields); i++) {
		json_key(j, cpu_fields[i]);
		json_double(j, v[i], 1);
	}
	json_object_end(j);
}

static void
json_proc(struct json *j, const struct sampler *s,
    const struct proc_sample *p, int threads)
{
	char	 state[2] = { p->state, '\0' };

	json_object_begin(j);
	json_key(j, "pid");
	json_int(j, p->pid);
	json_key(j, "ppid");
	json_int(j, p->ppid);
	json_key(j, "pgid");
	json_int(j, p->pgid);
	json_key(j, "state");
	json_string(j, state);
	json_key(j, "cpu");
	json_double(j, p->cpu, 1);
	json_key(j, "core");
	json_int(j, p->core);
	json_key(j, "rss_kb");
	json_int(j, (long long)p->rss_kb);
	json_key(j, "threads");
	json_int(j, p->threads);
	json_key(j, "cmd");
	json_string(j, p->cmd);
	json_proc_timeline(j, s, p, threads);
	json_object_end(j);
}

/*
 * With a demo, a record begins with its streamed "output" array: end it, and
 * write the record built in b->json after it, without its opening brace.
 */
static int
json_tail(struct batch *b)
{
	const char	*text;
	size_t		 len;
	int		 rc = 0;

	job_export_close(b->x);
	text = json_text(b->json, &len);
	if (len < 2 || fwrite(text + 1, 1, len - 1, b->out) != len - 1 ||
	    putc('\n', b->out) == EOF || fflush(b->out) == EOF)
		rc = -1;
	json_reset(b->json);
	return rc;
}

/* One object per line; offline cpus are left out of "cpus". */
static int
emit_json(struct batch *b)
{
	struct json	*j = b->json;
	size_t		 i;
	int		 n;

	json_object_begin(j);
	json_key(j, "t");
	json_double(j, sampler_time(b->s) - b->t0, 3);
	json_key(j, "cpus");
	json_array_begin(j);
	for (n = 0; n < sampler_ncpus(b->s); n++) {
		if (sampler_cpu(b->s, n)->online)
			json_cpu(j, sampler_cpu(b->s, n));
	}
	json_array_end(j);
	json_key(j, "procs");
	json_array_begin(j);
	for (i = 0; i < sampler_nprocs(b->s); i++)
		json_proc(j, b->s, sampler_proc(b->s, i), b->o->threads);
	json_array_end(j);
	json_timeline(j, b->s);
	json_object_end(j);
	if (b->x != NULL)
		return json_tail(b);
	return json_line(j, b->out);
}

/* Write one record of the last sample in the chosen format. */
static int
batch_emit(struct batch *b)
{
	switch (b->o->format) {
	case FORMAT_CSV:
		return emit_csv(b);
	case FORMAT_JSON:
		return emit_json(b);
	case FORMAT_TEXT:
		break;
	}
	return emit_text(b);
}

/* Start the demo or command of the command line and watch its group. */
static int
demo_start(struct batch *b, char **cause)
{
	const struct options	*o = b->o;
	struct job_config	 c;
	char			**argv, *path = NULL;

	memset(&c, 0, sizeof c);
	c.pty = o->pty;
	c.max_lines = o->max_lines;
	c.grace = o->grace;
	argv = xcalloc(o->argc + 1, sizeof *argv);
	memcpy(argv, o->argv, o->argc * sizeof *argv);
	if (!o->is_command) {
		if ((path = catalog_demo_path(o->argv[0])) == NULL) {
			xasprintf(cause, "demo '%s' is not installed in %s",
			    o->argv[0], catalog_demo_dir());
			free(argv);
			return -1;
		}
		argv[0] = path;
	}
	b->job = job_start(o->argv[0], argv, &c, cause);
	free(path);
	free(argv);
	if (b->job == NULL)
		return -1;
	sampler_watch(b->s, job_pgid(b->job));
	return 0;
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
	const char	*text;
	size_t		 len;
	int		 status;

	jobs_stop_all();
	status = job_exit_status(b->job);
	if (b->o->format == FORMAT_JSON) {
		job_export_close(b->x);
		json_object_begin(b->json);
		json_key(b->json, "event");
		json_string(b->json, "exit");
		json_key(b->json, "demo");
		json_string(b->json, job_name(b->job));
		json_key(b->json, "status");
		json_int(b->json, status);
		json_key(b->json, "signal");
		json_int(b->json, job_exit_signal(b->job));
		json_object_end(b->json);
		text = json_text(b->json, &len);
		fwrite(text + 1, 1, len - 1, b->out);
		putc('\n', b->out);
		json_reset(b->json);
	} else if (b->o->format == FORMAT_TEXT) {
		fprintf(b->out, "exit: %s status %d signal %d\n",
		    job_name(b->job), status, job_exit_signal(b->job));
	}
	fflush(b->out);
	return planned ? 0 : status;
}

/* Sample and emit until -n records, a signal or a closed output. */
static int
batch_loop(struct batch *b)
{
	char	*cause;
	double	 next, now;

	if (sampler_tick(b->s, &cause) != 0)
		goto fail;
	b->t0 = sampler_time(b->s);
	next = b->t0 + b->delay;
	if (b->o->format == FORMAT_CSV)
		csv_header(b->out);
	if (b->job != NULL && b->o->format != FORMAT_CSV)
		b->x = job_export_create(b->job, b->out,
		    b->o->format == FORMAT_JSON, b->t0);
	for (;;) {
		if (b->job != NULL) {
			if (demo_wait(b, next))	/* a signal, or EPIPE: quietly */
				return demo_end(b, b->x != NULL &&
				    job_export_error(b->x));
			if (job_state(b->job) == JOB_DONE)
				return demo_end(b, 0);
		} else if (batch_wait(next))
			return 0;
		if (sampler_tick(b->s, &cause) != 0)
			goto fail;
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
	if (o->argc > 0) {
		sampler_set_scope(b.s, o->all ? SCOPE_ALL : SCOPE_WATCHED);
		if (demo_start(&b, &cause) != 0) {
			sampler_free(b.s);
			goto fail;
		}
	} else
		sampler_set_scope(b.s, o->all ? SCOPE_ALL : SCOPE_BUSIEST);
	b.json = json_new();
	rc = batch_loop(&b);
	if (b.job != NULL) {
		jobs_stop_all();
		job_export_free(b.x);
		job_free(b.job);
	}
	json_free(b.json);
	sampler_free(b.s);
	fflush(stdout);
	return rc;

fail:
	fprintf(stderr, "turbotop: %s\n", cause);
	free(cause);
	return 1;
}
