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
 * The shape, for whoever adds the demo (issue 5): batch_main() sets up, then
 * batch_loop() waits (batch_wait), ticks the sampler and emits one record
 * (batch_emit). A demo adds its procs through the sampler's watch and its
 * output lines where emit_json()/emit_text() say so; its wait is jobs_wait().
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
#include "json.h"
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
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
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
	fprintf(f, "MiB Swap: %9.1f total, %9.1f used\n\n",
	    sys->swap_total_kb / 1024.0, sys->swap_used_kb / 1024.0);
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

static int
emit_csv(struct batch *b)
{
	const struct cpu_sample	*c;
	FILE			*f = b->out;
	double			 t = sampler_time(b->s) - b->t0;
	int			 n;

	if (b->records == 0)
		fprintf(f, "t,cpu,online,busy,user,nice,system,idle,iowait,"
		    "irq,softirq,steal\n");
	for (n = 0; n < sampler_ncpus(b->s); n++) {
		c = sampler_cpu(b->s, n);
		fprintf(f, "%.3f,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,"
		    "%.1f\n", t, c->id, c->online, c->busy, c->user, c->nice,
		    c->system, c->idle, c->iowait, c->irq, c->softirq, c->steal);
	}
	return fflush(f) == EOF ? -1 : 0;
}

static void
json_cpu(struct json *j, const struct cpu_sample *c)
{
	json_object_begin(j);
	json_key(j, "id");
	json_int(j, c->id);
	json_key(j, "busy");
	json_double(j, c->busy, 1);
	json_key(j, "user");
	json_double(j, c->user, 1);
	json_key(j, "nice");
	json_double(j, c->nice, 1);
	json_key(j, "system");
	json_double(j, c->system, 1);
	json_key(j, "idle");
	json_double(j, c->idle, 1);
	json_key(j, "iowait");
	json_double(j, c->iowait, 1);
	json_key(j, "irq");
	json_double(j, c->irq, 1);
	json_key(j, "softirq");
	json_double(j, c->softirq, 1);
	json_key(j, "steal");
	json_double(j, c->steal, 1);
	json_object_end(j);
}

static void
json_proc(struct json *j, const struct proc_sample *p)
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
	json_object_end(j);
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
		json_proc(j, sampler_proc(b->s, i));
	json_array_end(j);
	/* issue 5: a demo's "output" lines go here. */
	json_object_end(j);
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
	for (;;) {
		if (batch_wait(next))
			return 0;
		if (sampler_tick(b->s, &cause) != 0)
			goto fail;
		if (batch_emit(b) != 0) {
			if (errno == EPIPE)
				return 0;
			fprintf(stderr, "turbotop: write error: %s\n",
			    strerror(errno));
			return 1;
		}
		b->records++;
		if (b->o->iterations > 0 &&
		    b->records >= (unsigned long)b->o->iterations)
			return 0;
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

	if (o->argc > 0) {
		fprintf(stderr, "turbotop: batch mode with a demo is not "
		    "available yet\n");
		return 1;
	}
	memset(&b, 0, sizeof b);
	b.o = o;
	b.out = stdout;
	b.delay = options_delay(o, DELAY_BATCH);
	if (batch_signals(&cause) != 0 ||
	    (b.s = sampler_create(&cause)) == NULL) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		return 1;
	}
	sampler_set_scope(b.s, o->all ? SCOPE_ALL : SCOPE_BUSIEST);
	b.json = json_new();
	rc = batch_loop(&b);
	json_free(b.json);
	sampler_free(b.s);
	return rc;
}
