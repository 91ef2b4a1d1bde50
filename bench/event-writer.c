/*
 * bench/event-writer.c: the one record writer (src/event-write.c) against
 * the writers it replaced, side by side in one process, to /dev/null:
 *
 *   output  a demo's lines as JSON: v1's hand-built job-export.c lines
 *           vs event_write() output records; and as text, fprintf vs
 *           event_write()
 *   sample  a 128-core, 20-process sample as JSON: v1's batch.c emit_json
 *           (json.c builder) vs event_write() sample records
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

/* v1 batch.c: a sample as JSON with the json.c builder. */
static void
old_sample_json(struct json *j, const struct event *e)
{
	static const char	*keys[] = { "busy", "user", "nice", "system",
				    "idle", "iowait", "irq", "softirq", "steal" };
	const struct cpu_sample	*c;
	double			 v[9];
	size_t			 i, k;
	int			 n;

	json_object_begin(j);
	json_key(j, "t");
	json_double(j, e->t, 3);
	json_key(j, "cpus");
	json_array_begin(j);
	for (n = 0; n < e->ncpus; n++) {
		c = &e->cpus[n];
		v[0] = c->busy; v[1] = c->user; v[2] = c->nice;
		v[3] = c->system; v[4] = c->idle; v[5] = c->iowait;
		v[6] = c->irq; v[7] = c->softirq; v[8] = c->steal;
		json_object_begin(j);
		json_key(j, "id");
		json_int(j, c->id);
		for (k = 0; k < 9; k++) {
			json_key(j, keys[k]);
			json_double(j, v[k], 1);
		}
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "procs");
	json_array_begin(j);
	for (i = 0; i < e->nprocs; i++) {
		const struct proc_sample *p = &e->procs[i];
		char state[2] = { p->state, '\0' };

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
	json_array_end(j);
	json_object_end(j);
	json_line(j, devnull);
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
	struct json	*j = json_new();
	double		 t0 = now_mono();
	int		 i;

	for (i = 0; i < SAMPLES; i++) {
		sample.t = i * 0.1;
		old_sample_json(j, &sample);
	}
	t0 = now_mono() - t0;
	json_free(j);
	return t0;
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
