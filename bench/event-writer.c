/*
 * bench/event-writer.c: the one record writer (src/event-write.c) against
 * the writers it replaced, side by side in one process, to /dev/null:
 *
 *   output  a demo's lines as JSON: v1's hand-built job-export.c lines
 *           vs event_write() output records; and as text, fprintf vs
 *           event_write()
 *   sample  a 128-core, 20-process sample as JSON: v1's batch.c emit_json
 *           (its numbers by printf, as v1's json.c) vs event_write()
 *
 * Each pair runs alternately, best of 7 rounds; prints records/s of each and
 * the ratio new/old (the target: >= ~1, no more costly).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event-write.h"
#include "json.h"
#include "util.h"

#define LINES	200000
#define SAMPLES	2000
#define NCPU	128
#define NPROC	20
#define ROUNDS	7

static FILE	*devnull;

/* ---- v1's writers, kept here as the peer ---- */

static char *
fmt_ull(char *end, unsigned long long v)
{
	do {
		*--end = '0' + v % 10;
		v /= 10;
	} while (v != 0);
	return end;
}

/* v1 job-export.c: one line as a JSON object, built by hand. */
static void
old_output_json(int first, double t, long pid, const char *text)
{
	char			 num[32], *e = num + sizeof num, *p, *b;
	char			 line[512];
	unsigned long long	 ms = (unsigned long long)(t * 1000 + 0.5);
	const char		*s;

	b = line;
	if (!first)
		*b++ = ',';
	memcpy(b, "{\"t\":", 5);
	b += 5;
	p = fmt_ull(e, ms % 1000);
	while (e - p < 3)
		*--p = '0';
	*--p = '.';
	p = fmt_ull(p, ms / 1000);
	memcpy(b, p, e - p);
	b += e - p;
	memcpy(b, ",\"pid\":", 7);
	b += 7;
	p = fmt_ull(e, (unsigned long long)pid);
	memcpy(b, p, e - p);
	b += e - p;
	memcpy(b, ",\"stream\":\"out\"", 15);
	b += 15;
	memcpy(b, ",\"text\":\"", 9);
	b += 9;
	for (s = text; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			*b++ = '\\';
		*b++ = *s;
	}
	*b++ = '"';
	*b++ = '}';
	fwrite_unlocked(line, 1, b - line, devnull);
}

/*
 * v1 batch.c: a sample as JSON. v1 built it with json.c, whose numbers
 * were printf's "%.*f" and "%lld"; json.c now formats them by hand, so the
 * peer keeps v1's printf here, in a plain buffer: the same bytes, and no
 * more costly than v1's builder (its keys were escaped at each use).
 */
struct old_line {
	char	 buf[65536];
	size_t	 len;
};

static void
old_put(struct old_line *o, const char *s)
{
	size_t	n = strlen(s);

	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
old_num(struct old_line *o, const char *key, double v, int decimals)
{
	old_put(o, key);
	o->len += (size_t)snprintf(o->buf + o->len, 64, "%.*f", decimals, v);
}

static void
old_int(struct old_line *o, const char *key, long long v)
{
	old_put(o, key);
	o->len += (size_t)snprintf(o->buf + o->len, 64, "%lld", v);
}

static void
old_str(struct old_line *o, const char *key, const char *s)
{
	old_put(o, key);
	o->buf[o->len++] = '"';
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			o->buf[o->len++] = '\\';
		o->buf[o->len++] = *s;
	}
	o->buf[o->len++] = '"';
}

static void
old_sample_json(struct old_line *o, const struct event *e)
{
	static const char	*keys[] = { ",\"busy\":", ",\"user\":",
				    ",\"nice\":", ",\"system\":", ",\"idle\":",
				    ",\"iowait\":", ",\"irq\":", ",\"softirq\":",
				    ",\"steal\":" };
	const struct cpu_sample	*c;
	double			 v[9];
	size_t			 i, k;
	int			 n;

	o->len = 0;
	old_num(o, "{\"t\":", e->t, 3);
	old_put(o, ",\"cpus\":[");
	for (n = 0; n < e->ncpus; n++) {
		c = &e->cpus[n];
		v[0] = c->busy; v[1] = c->user; v[2] = c->nice;
		v[3] = c->system; v[4] = c->idle; v[5] = c->iowait;
		v[6] = c->irq; v[7] = c->softirq; v[8] = c->steal;
		old_int(o, n == 0 ? "{\"id\":" : ",{\"id\":", c->id);
		for (k = 0; k < 9; k++)
			old_num(o, keys[k], v[k], 1);
		old_put(o, "}");
	}
	old_put(o, "],\"procs\":[");
	for (i = 0; i < e->nprocs; i++) {
		const struct proc_sample *p = &e->procs[i];
		char state[2] = { p->state, '\0' };

		old_int(o, i == 0 ? "{\"pid\":" : ",{\"pid\":", p->pid);
		old_int(o, ",\"ppid\":", p->ppid);
		old_int(o, ",\"pgid\":", p->pgid);
		old_str(o, ",\"state\":", state);
		old_num(o, ",\"cpu\":", p->cpu, 1);
		old_int(o, ",\"core\":", p->core);
		old_int(o, ",\"rss_kb\":", (long long)p->rss_kb);
		old_int(o, ",\"threads\":", p->threads);
		old_str(o, ",\"cmd\":", p->cmd);
		old_put(o, "}");
	}
	old_put(o, "]}\n");
	fwrite(o->buf, 1, o->len, devnull);
	fflush(devnull);
}

/* ---- the pairs ---- */

static const char text[] = "Total waste of CPU cycles! worker 3 line 123456";

static double
run_old_output_json(void)
{
	double	t0 = now_mono();
	int	i;

	fputs("{\"output\":[", devnull);
	for (i = 0; i < LINES; i++)
		old_output_json(i == 0, i * 1e-4, 4242 + i % 8, text);
	fputs("]}\n", devnull);
	fflush(devnull);
	return now_mono() - t0;
}

static double
run_new_output(enum format f)
{
	struct event_writer	*w = event_writer_new(devnull, f);
	struct event		 e;
	double			 t0 = now_mono();
	int			 i;

	event_writer_flush_output(w, 0);
	memset(&e, 0, sizeof e);
	e.type = EVENT_OUTPUT;
	e.job = "waste";
	e.text = text;
	for (i = 0; i < LINES; i++) {
		e.t = i * 1e-4;
		e.pid = 4242 + i % 8;
		event_write(w, &e);
	}
	event_writer_flush(w);
	t0 = now_mono() - t0;
	event_writer_free(w);
	return t0;
}

static double
run_old_output_text(void)
{
	double	t0 = now_mono();
	int	i;

	for (i = 0; i < LINES; i++)
		fprintf(devnull, "[%7ld %s] %s%s\n", (long)(4242 + i % 8), "out",
		    text, "");
	fflush(devnull);
	return now_mono() - t0;
}

static struct cpu_sample	cpus[NCPU];
static struct proc_sample	procs[NPROC];
static struct event		sample;

static double
run_old_sample(void)
{
	static struct old_line	 o;
	double			 t0 = now_mono();
	int			 i;

	for (i = 0; i < SAMPLES; i++) {
		sample.t = i * 0.1;
		old_sample_json(&o, &sample);
	}
	return now_mono() - t0;
}

static double
run_new_sample(void)
{
	struct event_writer	*w = event_writer_new(devnull, FORMAT_JSON);
	double			 t0 = now_mono();
	int			 i;

	for (i = 0; i < SAMPLES; i++) {
		sample.t = i * 0.1;
		event_write(w, &sample);
	}
	t0 = now_mono() - t0;
	event_writer_free(w);
	return t0;
}

static void
pair(const char *name, const char *unit, double n, double (*old)(void),
    double (*new)(void))
{
	double	bo = 1e9, bn = 1e9, t;
	int	r;

	for (r = 0; r < ROUNDS; r++) {
		if ((t = old()) < bo)
			bo = t;
		if ((t = new()) < bn)
			bn = t;
	}
	printf("%s: %.2f (one writer %.0f %s/s vs v1's %.0f %s/s)\n", name,
	    bo / bn, n / bn, unit, n / bo, unit);
}

static double new_output_json(void) { return run_new_output(FORMAT_JSON); }
static double new_output_text(void) { return run_new_output(FORMAT_TEXT); }

int
main(void)
{
	int	i;

	if ((devnull = fopen("/dev/null", "w")) == NULL)
		return 1;
	for (i = 0; i < NCPU; i++) {
		cpus[i].id = i;
		cpus[i].online = 1;
		cpus[i].user = 40.0 + i % 7;
		cpus[i].system = 10.0;
		cpus[i].idle = 100 - cpus[i].user - cpus[i].system;
		cpus[i].busy = 100 - cpus[i].idle;
	}
	for (i = 0; i < NPROC; i++) {
		procs[i].pid = 1000 + i;
		procs[i].ppid = 999;
		procs[i].pgid = 999;
		procs[i].state = 'R';
		procs[i].cpu = 99.5;
		procs[i].rss_kb = 1234;
		procs[i].threads = 1;
		snprintf(procs[i].cmd, sizeof procs[i].cmd, "waste");
	}
	sample.type = EVENT_SAMPLE;
	sample.cpus = cpus;
	sample.ncpus = NCPU;
	sample.procs = procs;
	sample.nprocs = NPROC;
	pair("writer-output-json", "lines", LINES, run_old_output_json,
	    new_output_json);
	pair("writer-output-text", "lines", LINES, run_old_output_text,
	    new_output_text);
	pair("writer-sample-json", "samples", SAMPLES, run_old_sample,
	    run_new_sample);
	fclose(devnull);
	return 0;
}
