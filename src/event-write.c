/*
 * event-write.c: the one record writer (see event-write.h): a record of the
 * event stream as a JSON line, CSV rows or readable text.
 *
 * Numbers are written with a fixed count of decimals per field (t: 3, a
 * percentage: 1), in the C locale, so a record read back and written again
 * comes out the same. Strings come sanitised from their source (job
 * capture, the reader); the JSON back end escapes anything left anyway.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "event-write.h"
#include "json.h"
#include "sanitize.h"
#include "util.h"

struct event_writer {
	FILE		*f;
	enum format	 format;
	struct json	*j;
	int		 flush_output;
	int		 csv_header;	/* written */
	int		 in_bench;	/* text: a benchmark table is open */
	double		 fit;		/* text: the last bench record's amdahl_f */
	int		 bench_cores, over_cores;	/* text: the table's notes */
	double		 floor_s;
	char		*short_note;
	double		 t0;		/* monotonic time of our hello */
	struct cpu_sample *cpus;	/* event_writer_sample()'s copies */
	int		 cpus_size;
	struct proc_sample *procs;
	size_t		 procs_size;
	struct sys_sample sys;
	struct event_timeline timeline;
	struct event_core *cores;
	int		 cores_size;
	struct thread_sample *threads;
	size_t		 threads_size;
	int		 with_threads;	/* --threads */
	double		 epoch;		/* the hello's "started", epoch seconds */
	int		 error;		/* errno of the first failed write */
	locale_t	 c_locale;
	char		*pend;		/* output records not yet given to f */
	size_t		 npend;
};

/* Output records gather here and go to f in one write (see pend_room()). */
#define PEND_SIZE	65536

static const char *type_names[EVENT_NTYPES] = {
	"hello", "sample", "output", "start", "exit", "step", "bench",
	"error", "end", "host"
};

const char *
event_type_name(enum event_type t)
{
	return (unsigned)t < EVENT_NTYPES ? type_names[t] : "?";
}

int
event_type_find(const char *s)
{
	int	i;

	for (i = 0; i < EVENT_NTYPES; i++) {
		if (strcmp(s, type_names[i]) == 0)
			return i;
	}
	return -1;
}

struct event_writer *
event_writer_new(FILE *f, enum format format)
{
	struct event_writer	*w;

	w = xcalloc(1, sizeof *w);
	w->f = f;
	w->format = format;
	w->j = json_new();
	w->flush_output = 1;
	w->fit = NAN;
	w->t0 = now_mono();
	w->epoch = now_real();
	w->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return w;
}

static void	text_bench_close(struct event_writer *);
static void	pend_drain(struct event_writer *);

void
event_writer_free(struct event_writer *w)
{
	if (w == NULL)
		return;
	if (w->format == FORMAT_TEXT)
		text_bench_close(w);
	event_writer_flush(w);
	free(w->pend);
	json_free(w->j);
	free(w->cpus);
	free(w->procs);
	free(w->cores);
	free(w->threads);
	free(w->short_note);
	if (w->c_locale != (locale_t)0)
		freelocale(w->c_locale);
	free(w);
}

void
event_writer_threads(struct event_writer *w, int on)
{
	w->with_threads = on;
}

void
event_writer_flush_output(struct event_writer *w, int on)
{
	w->flush_output = on;
}

int
event_writer_error(const struct event_writer *w)
{
	return w->error != 0 || ferror(w->f);
}

int
event_writer_flush(struct event_writer *w)
{
	pend_drain(w);
	if (fflush(w->f) == EOF) {
		if (w->error == 0)
			w->error = errno != 0 ? errno : EIO;
		return -1;
	}
	return 0;
}

/* Seconds since the hello of monotonic time mono. */
double
event_writer_time(const struct event_writer *w, double mono)
{
	double	t = mono - w->t0;

	return t < 0 ? 0 : t;
}

/* The sampler's timeline of the interval into w's copies, and e. */
static void
event_writer_timeline(struct event_writer *w, struct event *e,
    const struct sampler *s)
{
	int	n = sampler_ncpus(s), c, k = 0;
	size_t	nt = sampler_nthreads(s), i;

	if (n > w->cores_size) {
		w->cores = xreallocarray(w->cores, n, sizeof *w->cores);
		w->cores_size = n;
	}
	for (c = 0; c < n; c++) {
		if (!sampler_cpu(s, c)->online)
			continue;
		w->cores[k].id = c;
		w->cores[k].idle_ms = sampler_core_idle_ms(s, c);
		w->cores[k].nruns = sampler_core_runs(s, c, &w->cores[k].runs);
		k++;
	}
	w->timeline.exact = sampler_timeline_exact(s);
	w->timeline.title = sampler_timeline_title(s);
	w->timeline.lost = sampler_timeline_lost(s);
	w->timeline.cores = w->cores;
	w->timeline.ncores = k;
	e->timeline = &w->timeline;
	if (!w->with_threads)
		return;
	if (nt > w->threads_size) {
		w->threads = xreallocarray(w->threads, nt, sizeof *w->threads);
		w->threads_size = nt;
	}
	for (i = 0; i < nt; i++)
		w->threads[i] = *sampler_thread(s, i);
	e->with_threads = 1;
	e->threads = w->threads;
	e->nthreads = nt;
}

void
event_writer_sample(struct event_writer *w, struct event *e,
    const struct sampler *s)
{
	int	n = sampler_ncpus(s), i;
	size_t	np = sampler_nprocs(s), k;

	if (n > w->cpus_size) {
		w->cpus = xreallocarray(w->cpus, n, sizeof *w->cpus);
		w->cpus_size = n;
	}
	if (np > w->procs_size) {
		w->procs = xreallocarray(w->procs, np, sizeof *w->procs);
		w->procs_size = np;
	}
	for (i = 0; i < n; i++)
		w->cpus[i] = *sampler_cpu(s, i);
	for (k = 0; k < np; k++)
		w->procs[k] = *sampler_proc(s, k);
	w->sys = *sampler_sys(s);
	memset(e, 0, sizeof *e);
	event_writer_timeline(w, e, s);
	e->type = EVENT_SAMPLE;
	e->t = event_writer_time(w, sampler_time(s));
	e->cpus = w->cpus;
	e->ncpus = n;
	e->procs = w->procs;
	e->nprocs = np;
	e->sys = &w->sys;
}

/* ---- JSON ---- */

static void
jnum(struct json *j, const char *key, double v, int decimals)
{
	json_key(j, key);
	json_double(j, v, decimals);
}

static void
jint(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

static void
jstr(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

/* The per-core figures, in the order of the records. */
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

static void
json_figures(struct json *j, double run, double wait, double sleep,
    unsigned migrations)
{
	jnum(j, "run_ms", run, 1);
	jnum(j, "wait_ms", wait, 1);
	jnum(j, "sleep_ms", sleep, 1);
	jint(j, "migrations", migrations);
}

/* A process's "tasks": its threads (--threads). */
static void
json_tasks(struct json *j, const struct event *e, pid_t pid)
{
	const struct thread_sample	*t;
	char				 state[2];
	size_t				 i;

	json_key(j, "tasks");
	json_array_begin(j);
	for (i = 0; i < e->nthreads; i++) {
		t = &e->threads[i];
		if (t->pid != pid)
			continue;
		state[0] = t->state;
		state[1] = '\0';
		json_object_begin(j);
		jint(j, "tid", t->tid);
		jstr(j, "name", t->name);
		jstr(j, "state", state);
		jint(j, "core", t->core);
		json_figures(j, t->run_ms, t->wait_ms, t->sleep_ms,
		    t->migrations);
		jint(j, "vol_switches", t->vol_switches);
		jint(j, "invol_switches", t->invol_switches);
		json_object_end(j);
	}
	json_array_end(j);
}

/* "timeline": {"source", "lost", "cores": [{"id", "idle_ms", "run"}]} */
static void
json_timeline(struct json *j, const struct event_timeline *tl)
{
	const struct event_core	*c;
	size_t			 i;
	int			 k;

	json_key(j, "timeline");
	json_object_begin(j);
	jstr(j, "source", tl->exact ? "exact" : "sampled");
	jint(j, "lost", (long long)tl->lost);
	json_key(j, "cores");
	json_array_begin(j);
	for (k = 0; k < tl->ncores; k++) {
		c = &tl->cores[k];
		json_object_begin(j);
		jint(j, "id", c->id);
		jnum(j, "idle_ms", c->idle_ms, 1);
		json_key(j, "run");
		json_array_begin(j);
		for (i = 0; i < c->nruns; i++) {
			json_object_begin(j);
			jint(j, "pid", c->runs[i].pid);
			jint(j, "tid", c->runs[i].tid);
			jnum(j, "ms", c->runs[i].ms, 1);
			json_object_end(j);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void	json_sys(struct json *, const struct sys_sample *);

static void
json_sample(struct json *j, const struct event *e)
{
	const struct cpu_sample		*c;
	const struct proc_sample	*p;
	const struct sys_sample		*s = e->sys;
	char				 state[2];
	double				 v[9];
	size_t				 i, k;
	int				 n;

	json_key(j, "cpus");
	json_array_begin(j);
	for (n = 0; n < e->ncpus; n++) {
		c = &e->cpus[n];
		if (!c->online)
			continue;
		cpu_values(c, v);
		json_object_begin(j);
		jint(j, "id", c->id);
		for (k = 0; k < nitems(cpu_fields); k++)
			jnum(j, cpu_fields[k], v[k], 1);
		json_object_end(j);
	}
	json_array_end(j);
	/*
	 * The timeline before the processes: a replay at speed reads a
	 * sample's procs only for the last one of a frame and reads the
	 * others only up to "procs" (event-read.c, skimming).
	 */
	if (e->timeline != NULL)
		json_timeline(j, e->timeline);
	json_key(j, "procs");
	json_array_begin(j);
	for (i = 0; i < e->nprocs; i++) {
		p = &e->procs[i];
		state[0] = p->state;
		state[1] = '\0';
		json_object_begin(j);
		jint(j, "pid", p->pid);
		jint(j, "ppid", p->ppid);
		jint(j, "pgid", p->pgid);
		jstr(j, "state", state);
		jnum(j, "cpu", p->cpu, 1);
		jint(j, "core", p->core);
		jint(j, "rss_kb", (long long)p->rss_kb);
		jint(j, "threads", p->threads);
		jnum(j, "time", p->time, 2);
		jstr(j, "cmd", p->cmd);
		json_figures(j, p->run_ms, p->wait_ms, p->sleep_ms,
		    p->migrations);
		jint(j, "switches", p->switches);
		if (e->proc_ranks != NULL && e->proc_ranks[i] >= 0)
			jint(j, "rank", e->proc_ranks[i]);
		if (e->with_threads)
			json_tasks(j, e, p->pid);
		json_object_end(j);
	}
	json_array_end(j);
	if (s != NULL)
		json_sys(j, s);
}

/* "sys": the machine's figures, as top's summary lines. */
static void
json_sys(struct json *j, const struct sys_sample *s)
{
	int	n;

	json_key(j, "sys");
	json_object_begin(j);
	json_key(j, "load");
	json_array_begin(j);
	for (n = 0; n < 3; n++)
		json_double(j, s->load[n], 2);
	json_array_end(j);
	jint(j, "tasks", s->tasks);
	jint(j, "running", s->running);
	jint(j, "sleeping", s->sleeping);
	jint(j, "stopped", s->stopped);
	jint(j, "zombie", s->zombie);
	jnum(j, "uptime", s->uptime, 2);
	jint(j, "mem_total_kb", (long long)s->mem_total_kb);
	jint(j, "mem_used_kb", (long long)s->mem_used_kb);
	jint(j, "mem_avail_kb", (long long)s->mem_avail_kb);
	jint(j, "swap_total_kb", (long long)s->swap_total_kb);
	jint(j, "swap_used_kb", (long long)s->swap_used_kb);
	json_object_end(j);
}

static void
json_bench(struct json *j, const struct event_bench *b)
{
	int	c;

	if (b->title != NULL)
		jstr(j, "title", b->title);
	jint(j, "repeat", b->repeat);
	jint(j, "workers", b->workers);
	jint(j, "runs", b->runs);
	jint(j, "failed", b->failed);
	jnum(j, "wall_median_s", b->wall_median, 6);
	jnum(j, "wall_min_s", b->wall_min, 6);
	jnum(j, "wall_max_s", b->wall_max, 6);
	jnum(j, "speedup", b->speedup, 4);
	jnum(j, "efficiency", b->efficiency, 4);
	jnum(j, "karp_flatt", b->karp_flatt, 4);
	jnum(j, "amdahl_f", b->amdahl_f, 4);
	jnum(j, "amdahl_speedup", b->amdahl_speedup, 4);
	jnum(j, "busy_mean", b->busy_mean, 1);
	json_key(j, "busy");
	if (b->busy == NULL)
		json_null(j);
	else {
		json_array_begin(j);
		for (c = 0; c < b->ncpus; c++)
			json_double(j, b->busy[c], 1);
		json_array_end(j);
	}
	jstr(j, "error", b->error);
	json_key(j, "over_cores");
	json_bool(j, b->over_cores);
	json_key(j, "short");
	json_bool(j, b->is_short);
	jint(j, "cores", b->cores);
	jnum(j, "floor_s", b->floor_s, 3);
	jstr(j, "sized", b->sized);
}

static void
json_record(struct event_writer *w, const struct event *e)
{
	struct json	*j = w->j;
	int		 i;

	json_reset(j);
	json_object_begin(j);
	jstr(j, "type", event_type_name(e->type));
	if (e->type == EVENT_HELLO) {
		jint(j, "schema", e->schema);
		jstr(j, "version", e->version);
		jstr(j, "host", e->host);
		jint(j, "cores", e->cores);
		json_key(j, "argv");
		json_array_begin(j);
		for (i = 0; i < e->argc; i++)
			json_string(j, e->argv[i]);
		json_array_end(j);
		jstr(j, "started", e->started);
		json_object_end(j);
		return;
	}
	jnum(j, "t", e->t, 3);
	if (e->from != NULL)
		jstr(j, "host", e->from);
	switch (e->type) {
	case EVENT_SAMPLE:
		json_sample(j, e);
		break;
	case EVENT_OUTPUT:
		jstr(j, "job", e->job);
		jint(j, "pid", e->pid);
		jstr(j, "stream", e->err ? "err" : "out");
		if (e->cut) {
			json_key(j, "cut");
			json_bool(j, 1);
		}
		jstr(j, "text", e->text);
		if (e->has_rank)
			jint(j, "rank", e->rank);
		break;
	case EVENT_START:
	case EVENT_EXIT:
		if (e->line > 0)
			jint(j, "line", e->line);
		jstr(j, "job", e->job);
		jint(j, "pgid", e->pid);
		if (e->type == EVENT_EXIT) {
			jint(j, "status", e->status);
			jint(j, "signal", e->signal);
		}
		break;
	case EVENT_STEP:
		jint(j, "line", e->line);
		jstr(j, "cmd", e->text);
		break;
	case EVENT_ERROR:
		if (e->line > 0)
			jint(j, "line", e->line);
		if (e->skipped) {
			json_key(j, "skipped");
			json_bool(j, 1);
		}
		jstr(j, "message", e->text);
		break;
	case EVENT_BENCH:
		json_bench(j, e->bench);
		break;
	case EVENT_END:
		jint(j, "status", e->status);
		if (e->lesson) {
			jint(j, "steps", e->steps);
			jint(j, "failures", e->failures);
		}
		if (e->has_fit)
			jnum(j, "amdahl_f", e->amdahl_f, 4);
		if (e->reason != NULL)
			jstr(j, "reason", e->reason);
		break;
	case EVENT_HOST:
		jstr(j, "state", e->state);
		jstr(j, "reason", e->reason != NULL ? e->reason : "");
		break;
	case EVENT_HELLO:
	case EVENT_NTYPES:
		break;
	}
	json_object_end(j);
}

static char *
put_str(char *b, const char *s)
{
	size_t	n = strlen(s);

	memcpy(b, s, n);
	return b + n;
}

/* The bytes a JSON string escapes: controls, '"', '\\' (and DEL). */
static const unsigned char json_escaped[256] = {
	[0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1
};

/* Whether none of the 8 bytes in x is one a JSON string escapes. */
static inline int
word_plain(uint64_t x)
{
	const uint64_t	ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t	q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
	uint64_t	del = x ^ (ones * 0x7f);

	/* A byte below 0x20 or equal to one of the three (Bit Twiddling). */
	return (((x - ones * 0x20) | (q - ones) | (bs - ones) |
	    (del - ones)) & ~x & highs) == 0;
}

/*
 * A JSON string of the n bytes at s. The text is sanitised UTF-8, but
 * escape any control left. Plain text goes 8 bytes at a time.
 */
static char *
put_jstring(char *b, const char *s, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*u = (const unsigned char *)s;
	const unsigned char	*stop = u + n;
	uint64_t		 x;

	*b++ = '"';
	while (u < stop) {
		if (stop - u >= 8) {
			memcpy(&x, u, 8);
			if (word_plain(x)) {
				memcpy(b, &x, 8);
				b += 8;
				u += 8;
				continue;
			}
		}
		if (!json_escaped[*u])
			*b++ = (char)*u;
		else if (*u == '"' || *u == '\\') {
			*b++ = '\\';
			*b++ = (char)*u;
		} else {
			b = put_str(b, "\\u00");
			*b++ = hex[*u >> 4];
			*b++ = hex[*u & 0xf];
		}
		u++;
	}
	*b++ = '"';
	return b;
}

/* Give f the output records gathered in w->pend. */
static void
pend_drain(struct event_writer *w)
{
	if (w->npend == 0)
		return;
	if (w->error == 0 &&
	    fwrite_unlocked(w->pend, 1, w->npend, w->f) != w->npend)
		w->error = errno != 0 ? errno : EIO;
	w->npend = 0;
}

/*
 * Room for a record of up to need bytes at the end of w->pend, or NULL
 * when it could never fit: the caller builds it elsewhere and calls
 * pend_put(). A flood of output costs one write a 64 KB, not one a line.
 */
static char *
pend_room(struct event_writer *w, size_t need)
{
	if (need > PEND_SIZE)
		return NULL;
	if (w->pend == NULL)
		w->pend = xmalloc(PEND_SIZE);
	if (w->npend + need > PEND_SIZE)
		pend_drain(w);
	return w->pend + w->npend;
}

/* The record built in line, ending at end, is written. */
static void
pend_put(struct event_writer *w, char *line, char *end)
{
	if (w->pend != NULL && line == w->pend + w->npend) {	/* in place */
		w->npend += (size_t)(end - line);
		return;
	}
	pend_drain(w);
	if (w->error == 0 && fwrite_unlocked(line, 1, (size_t)(end - line),
	    w->f) != (size_t)(end - line))
		w->error = errno != 0 ? errno : EIO;
	free(line);
}

/*
 * An output record, built by hand in place: the path a flood of output
 * takes. The same record as json_record() would write (a control left in
 * the text, which the source sanitised, is escaped as \u00XX here).
 */
static void
json_output(struct event_writer *w, const struct event *e)
{
	char	 num[32], *end = num + sizeof num, *p, *b, *line;
	size_t	 jlen = strlen(e->job), tlen = strlen(e->text);
	size_t	 need = JSON_NUMBER_MAX + 128 + 6 * (jlen + tlen);

	if ((line = pend_room(w, need)) == NULL)
		line = xmalloc(need);
	b = put_str(line, "{\"type\":\"output\",\"t\":");
	b += json_fixed(b, e->t == 0 ? 0 : e->t, 3);	/* as json_double() */
	b = put_str(b, ",\"job\":");
	b = put_jstring(b, e->job, jlen);
	b = put_str(b, ",\"pid\":");
	p = json_digits(end, (unsigned long long)(e->pid > 0 ? e->pid : 0));
	memcpy(b, p, end - p);
	b += end - p;
	b = put_str(b, e->err ? ",\"stream\":\"err\"" : ",\"stream\":\"out\"");
	if (e->cut)
		b = put_str(b, ",\"cut\":true");
	b = put_str(b, ",\"text\":");
	b = put_jstring(b, e->text, tlen);
	*b++ = '}';
	*b++ = '\n';
	pend_put(w, line, b);
}

/*
 * An output line as text, "[   4243 out] text", built by hand in place
 * as json_output() is: the same bytes as text_write() would write.
 */
static void
text_output(struct event_writer *w, const struct event *e)
{
	char			 num[32], *end = num + sizeof num, *p, *b, *line;
	size_t			 tlen = strlen(e->text), n;
	unsigned long long	 pid = (unsigned long long)(e->pid < 0 ?
				     -e->pid : e->pid);

	text_bench_close(w);
	if ((line = pend_room(w, tlen + 64)) == NULL)
		line = xmalloc(tlen + 64);
	b = line;
	*b++ = '[';
	p = json_digits(end, pid);
	if (e->pid < 0)
		*--p = '-';
	for (n = (size_t)(end - p); n < 7; n++)
		*b++ = ' ';
	memcpy(b, p, (size_t)(end - p));
	b += end - p;
	b = put_str(b, e->err ? " err] " : " out] ");
	memcpy(b, e->text, tlen);
	b += tlen;
	if (e->cut)
		b = put_str(b, " [cut]");
	*b++ = '\n';
	pend_put(w, line, b);
}

static void
json_write(struct event_writer *w, const struct event *e)
{
	const char	*text;
	size_t		 len;

	json_record(w, e);
	text = json_text(w->j, &len);
	if (fwrite(text, 1, len, w->f) != len || putc('\n', w->f) == EOF)
		w->error = errno != 0 ? errno : EIO;
}

/* ---- CSV: one table, a "type" column, the union of the fields ---- */

static const char csv_columns[] =
    "type,t,cpu,online,busy,user,nice,system,idle,iowait,irq,softirq,steal,"
    "line,job,pid,stream,status,signal,workers,runs,failed,wall_median_s,"
    "wall_min_s,wall_max_s,speedup,efficiency,karp_flatt,amdahl_f,"
    "amdahl_speedup,busy_mean,host,rank,text";

#define CSV_CPU		2	/* first per-core column */
#define CSV_LINE	13	/* first event column */
#define CSV_WORKERS	19	/* first benchmark column */
#define CSV_HOST	31	/* cluster mode: the record's host, */
#define CSV_RANK	32	/* an output line's MPI rank */
#define CSV_TEXT	33
#define CSV_NCOLS	34

struct csv_row {
	const char	*col[CSV_NCOLS];
	char		 buf[CSV_NCOLS][32];
};

static void
csv_set(struct csv_row *r, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
csv_set(struct csv_row *r, int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(r->buf[col], sizeof r->buf[col], fmt, ap);
	va_end(ap);
	r->col[col] = r->buf[col];
}

static void
csv_num(struct csv_row *r, int col, double v, int decimals)
{
	if (isfinite(v))
		csv_set(r, col, "%.*f", decimals, v);
}

/* A field, quoted (quotes doubled) when it needs it. */
static void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

static void
csv_put(struct event_writer *w, const struct event *e, struct csv_row *r)
{
	int	i;

	r->col[0] = event_type_name(e->type);
	if (e->type != EVENT_HELLO)
		csv_num(r, 1, e->t, 3);
	r->col[CSV_HOST] = e->type != EVENT_HELLO ? e->from : NULL;
	for (i = 0; i < CSV_NCOLS; i++) {
		if (i > 0)
			putc(',', w->f);
		csv_field(w->f, r->col[i]);
	}
	if (putc('\n', w->f) == EOF)
		w->error = errno != 0 ? errno : EIO;
}

static void
csv_write(struct event_writer *w, const struct event *e)
{
	const struct event_bench	*b = e->bench;
	struct csv_row			 r;
	char				 text[256];
	double				 v[9];
	int				 n, k;

	if (!w->csv_header) {
		fprintf(w->f, "%s\n", csv_columns);
		w->csv_header = 1;
	}
	memset(r.col, 0, sizeof r.col);
	switch (e->type) {
	case EVENT_HELLO:
		snprintf(text, sizeof text, "turbotop %s on %s: %d cores, "
		    "started %s", e->version, e->host, e->cores, e->started);
		r.col[CSV_TEXT] = text;
		break;
	case EVENT_SAMPLE:
		for (n = 0; n < e->ncpus; n++) {
			csv_set(&r, CSV_CPU, "%d", e->cpus[n].id);
			csv_set(&r, CSV_CPU + 1, "%d", e->cpus[n].online);
			cpu_values(&e->cpus[n], v);
			for (k = 0; k < 9; k++)
				csv_num(&r, CSV_CPU + 2 + k, v[k], 1);
			csv_put(w, e, &r);
		}
		return;
	case EVENT_OUTPUT:
		r.col[CSV_LINE + 1] = e->job;
		csv_set(&r, CSV_LINE + 2, "%ld", e->pid);
		r.col[CSV_LINE + 3] = e->err ? "err" : "out";
		if (e->has_rank)
			csv_set(&r, CSV_RANK, "%d", e->rank);
		r.col[CSV_TEXT] = e->text;
		break;
	case EVENT_EXIT:
		csv_set(&r, CSV_LINE + 4, "%d", e->status);
		csv_set(&r, CSV_LINE + 5, "%d", e->signal);
		/* FALLTHROUGH */
	case EVENT_START:
		if (e->line > 0)
			csv_set(&r, CSV_LINE, "%d", e->line);
		r.col[CSV_LINE + 1] = e->job;
		csv_set(&r, CSV_LINE + 2, "%ld", e->pid);
		break;
	case EVENT_STEP:
	case EVENT_ERROR:
		if (e->line > 0)
			csv_set(&r, CSV_LINE, "%d", e->line);
		if (e->skipped) {
			snprintf(text, sizeof text, "skipped: %s", e->text);
			r.col[CSV_TEXT] = text;
		} else
			r.col[CSV_TEXT] = e->text;
		break;
	case EVENT_BENCH:
		csv_set(&r, CSV_WORKERS, "%d", b->workers);
		csv_set(&r, CSV_WORKERS + 1, "%ld", b->runs);
		csv_set(&r, CSV_WORKERS + 2, "%ld", b->failed);
		csv_num(&r, CSV_WORKERS + 3, b->wall_median, 6);
		csv_num(&r, CSV_WORKERS + 4, b->wall_min, 6);
		csv_num(&r, CSV_WORKERS + 5, b->wall_max, 6);
		csv_num(&r, CSV_WORKERS + 6, b->speedup, 4);
		csv_num(&r, CSV_WORKERS + 7, b->efficiency, 4);
		csv_num(&r, CSV_WORKERS + 8, b->karp_flatt, 4);
		csv_num(&r, CSV_WORKERS + 9, b->amdahl_f, 4);
		csv_num(&r, CSV_WORKERS + 10, b->amdahl_speedup, 4);
		csv_num(&r, CSV_WORKERS + 11, b->busy_mean, 1);
		r.col[CSV_TEXT] = b->error;
		break;
	case EVENT_END:
		csv_set(&r, CSV_LINE + 4, "%d", e->status);
		if (e->has_fit)
			csv_num(&r, CSV_WORKERS + 9, e->amdahl_f, 4);
		if (e->lesson) {
			snprintf(text, sizeof text, "%ld steps, %ld failures",
			    e->steps, e->failures);
			r.col[CSV_TEXT] = text;
		} else
			r.col[CSV_TEXT] = e->reason;
		break;
	case EVENT_HOST:
		snprintf(text, sizeof text, "%s %s: %s", e->from, e->state,
		    e->reason != NULL ? e->reason : "");
		r.col[CSV_TEXT] = text;
		break;
	case EVENT_NTYPES:
		return;
	}
	csv_put(w, e, &r);
}

/* ---- text ---- */

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
	unsigned long	 cs = t > 0 ? (unsigned long)(t * 100 + 0.5) : 0;

	snprintf(buf, len, "%lu:%02lu.%02lu", cs / 6000, (cs / 100) % 60,
	    cs % 100);
}

/* A sample as top -b's screen, one %CpuN line per core. */
static void
text_sample(struct event_writer *w, const struct event *e)
{
	const struct sys_sample		*sys = e->sys;
	const struct cpu_sample		*c;
	const struct proc_sample	*p;
	FILE				*f = w->f;
	char				 clock[16], up[32], tm[32];
	time_t				 now = (time_t)(w->epoch + e->t);
	struct tm			 lt;
	size_t				 i;
	int				 n;

	strftime(clock, sizeof clock, "%H:%M:%S", localtime_r(&now, &lt));
	if (sys != NULL) {
		format_uptime(up, sizeof up, sys->uptime);
		fprintf(f, "turbotop - %s up %s,  load average: %.2f, %.2f, "
		    "%.2f\n", clock, up, sys->load[0], sys->load[1],
		    sys->load[2]);
		fprintf(f, "Tasks: %3d total, %3d running, %3d sleeping, %3d "
		    "stopped, %3d zombie\n", sys->tasks, sys->running,
		    sys->sleeping, sys->stopped, sys->zombie);
	} else
		fprintf(f, "turbotop - %s (t %.3f s)\n", clock, e->t);
	for (n = 0; n < e->ncpus; n++) {
		c = &e->cpus[n];
		if (!c->online) {
			fprintf(f, "%%Cpu%-3d: offline\n", c->id);
			continue;
		}
		fprintf(f, "%%Cpu%-3d:%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,"
		    "%5.1f hi,%5.1f si,%5.1f st\n", c->id, c->user, c->system,
		    c->nice, c->idle, c->iowait, c->irq, c->softirq, c->steal);
	}
	if (sys != NULL) {
		fprintf(f, "MiB Mem : %9.1f total, %9.1f used, %9.1f avail\n",
		    sys->mem_total_kb / 1024.0, sys->mem_used_kb / 1024.0,
		    sys->mem_avail_kb / 1024.0);
		fprintf(f, "MiB Swap: %9.1f total, %9.1f used\n",
		    sys->swap_total_kb / 1024.0, sys->swap_used_kb / 1024.0);
	}
	if (e->timeline != NULL)
		fprintf(f, "Timeline: %s, %llu events lost\n",
		    e->timeline->title != NULL ? e->timeline->title :
		    e->timeline->exact ? "exact: scheduler trace" : "sampled",
		    e->timeline->lost);
	fprintf(f, "\n%7s %7s %7s S  %%CPU   P     RES  THR     TIME+ %s"
	    "COMMAND\n", "PID", "PPID", "PGID",
	    e->proc_ranks != NULL ? "RANK " : "");
	for (i = 0; i < e->nprocs; i++) {
		p = &e->procs[i];
		format_time(tm, sizeof tm, p->time);
		fprintf(f, "%7ld %7ld %7ld %c %5.1f %3d %7lu %4d %9s ",
		    (long)p->pid, (long)p->ppid, (long)p->pgid, p->state,
		    p->cpu, p->core, p->rss_kb, p->threads, tm);
		if (e->proc_ranks != NULL && e->proc_ranks[i] >= 0)
			fprintf(f, "%4d ", e->proc_ranks[i]);
		else if (e->proc_ranks != NULL)
			fprintf(f, "%4s ", "-");
		fprintf(f, "%s\n", p->cmd);
	}
	putc('\n', f);
}

/* A number in a column of width wd, or '-' when undefined. */
static void
text_num(FILE *f, int wd, int prec, double v)
{
	if (!isfinite(v))
		fprintf(f, " %*s", wd, "-");
	else
		fprintf(f, " %*.*f", wd, prec, v);
}

/* One benchmark row; the table's head comes before the first. */
static void
text_bench(struct event_writer *w, const struct event *e)
{
	const struct event_bench	*b = e->bench;
	FILE				*f = w->f;
	int				 c;

	if (!w->in_bench) {
		if (e->from != NULL)
			fprintf(f, "%s: ", e->from);
		fprintf(f, "benchmark: %s\n", b->title != NULL ? b->title : "?");
		fprintf(f, "%d measured run%s per worker count after 1 warm-up "
		    "run (not counted); times in seconds%s\n", b->repeat,
		    b->repeat == 1 ? "" : "s", b->one_added ?
		    "; 1 worker added as the baseline" : "");
		fprintf(f, "on %d core%s; runs under %.2g s are noise, not "
		    "results%s\n", b->cores, b->cores == 1 ? "" : "s",
		    b->floor_s, b->floor_s > 0 ? "" : " (the floor is off)");
		if (b->sized != NULL)
			fprintf(f, "workload sized up: %s\n", b->sized);
		fprintf(f, "%7s %5s %9s %9s %9s %8s %10s %10s %6s  %s\n",
		    "workers", "runs", "median", "min", "max", "speedup",
		    "efficiency", "karp-flatt", "busy%", "busy% per core");
		w->in_bench = 1;
	}
	w->fit = b->amdahl_f;
	w->bench_cores = b->cores;
	w->floor_s = b->floor_s;
	if (b->over_cores)
		w->over_cores = 1;
	free(w->short_note);
	w->short_note = b->short_note != NULL ? xstrdup(b->short_note) : NULL;
	fprintf(f, "%7d %5ld", b->workers, b->runs);
	if (b->error != NULL) {
		fprintf(f, "  FAILED: %s\n", b->error);
		return;
	}
	text_num(f, 9, 3, b->wall_median);
	text_num(f, 9, 3, b->wall_min);
	text_num(f, 9, 3, b->wall_max);
	text_num(f, 8, 2, b->speedup);
	text_num(f, 10, 2, b->efficiency);
	text_num(f, 10, 3, b->karp_flatt);
	text_num(f, 6, 0, b->busy_mean);
	putc(' ', f);
	if (b->busy == NULL)
		fprintf(f, " -");
	for (c = 0; b->busy != NULL && c < b->ncpus; c++)
		fprintf(f, " %.0f", b->busy[c]);
	if (b->over_cores)
		fprintf(f, "  [K > %d cores]", b->cores);
	if (b->is_short)
		fprintf(f, "  [short: noise]");
	putc('\n', f);
}

/* After the last row of a benchmark: the Amdahl fit and the legend. */
static void
text_bench_close(struct event_writer *w)
{
	FILE	*f = w->f;

	if (!w->in_bench)
		return;
	pend_drain(w);
	w->in_bench = 0;
	if (isnan(w->fit))
		fprintf(f, "Amdahl fit: needs a speedup measured with more than "
		    "one worker\n");
	else if (w->fit > 0)
		fprintf(f, "Amdahl fit: serial fraction f = %.4f (speedup can "
		    "never exceed 1/f = %.1f)\n", w->fit, 1 / w->fit);
	else
		fprintf(f, "Amdahl fit: serial fraction f = 0 (no serial part "
		    "seen: the speedups are ideal or better)\n");
	fprintf(f, "speedup = T(1)/T(K) with T the median; efficiency = "
	    "speedup/K; karp-flatt = (1/speedup - 1/K)/(1 - 1/K), '-' with 1 "
	    "worker (0/0)\n");
	if (w->over_cores)
		fprintf(f, "[K > %d cores]: more workers than cores: CPU-bound "
		    "work cannot speed up further there\n", w->bench_cores);
	if (w->short_note != NULL)
		fprintf(f, "Warning: %s%s\n", w->short_note, w->floor_s > 0 ?
		    " (--bench-floor=0 accepts them)" : "");
	w->over_cores = 0;
	free(w->short_note);
	w->short_note = NULL;
}

/* Cluster mode: "HOST: " before a line of a record from a host. */
static void
text_from(FILE *f, const struct event *e)
{
	if (e->from != NULL)
		fprintf(f, "%s: ", e->from);
}

static void
text_write(struct event_writer *w, const struct event *e)
{
	FILE	*f = w->f;
	int	 i;

	if (e->type != EVENT_BENCH)
		text_bench_close(w);
	switch (e->type) {
	case EVENT_HELLO: {
		char	*safe = sanitize_dup(e->host);	/* host and argv: any bytes */

		fprintf(f, "turbotop %s on %s: %d cores, started %s; argv:",
		    e->version, safe, e->cores, e->started);
		free(safe);
		for (i = 0; i < e->argc; i++) {
			safe = sanitize_dup(e->argv[i]);
			fprintf(f, " %s", safe);
			free(safe);
		}
		fputs("\n\n", f);
		break;
	}
	case EVENT_SAMPLE:
		if (e->from != NULL)
			fprintf(f, "host %s:\n", e->from);
		text_sample(w, e);
		break;
	case EVENT_OUTPUT:
		/* Who wrote it: HOST/RANK, HOST PID, rank R, or the pid. */
		if (e->from != NULL && e->has_rank)
			fprintf(f, "[%s/%d", e->from, e->rank);
		else if (e->from != NULL)
			fprintf(f, "[%s %ld", e->from, e->pid);
		else if (e->has_rank)
			fprintf(f, "[rank %d", e->rank);
		else
			fprintf(f, "[%7ld", e->pid);
		fprintf(f, " %s] %s%s\n", e->err ? "err" : "out", e->text,
		    e->cut ? " [cut]" : "");
		break;
	case EVENT_HOST:
		fprintf(f, "host %s %s: %s\n", e->from, e->state,
		    e->reason != NULL ? e->reason : "");
		break;
	case EVENT_START:
		text_from(f, e);
		fprintf(f, "start: %s pgid %ld\n", e->job, e->pid);
		break;
	case EVENT_EXIT:
		text_from(f, e);
		fprintf(f, "exit: %s status %d signal %d\n", e->job, e->status,
		    e->signal);
		break;
	case EVENT_STEP:
		text_from(f, e);
		fprintf(f, "step %d: %s\n", e->line, e->text);
		break;
	case EVENT_ERROR:
		text_from(f, e);
		if (e->line > 0)
			fprintf(f, "%s %d: %s\n", e->skipped ? "skip" : "error",
			    e->line, e->text);
		else
			fprintf(f, "%s: %s\n", e->skipped ? "skip" : "error",
			    e->text);
		break;
	case EVENT_BENCH:
		text_bench(w, e);
		break;
	case EVENT_END:
		if (e->reason != NULL) {
			text_from(f, e);
			fprintf(f, "stopped early: %s\n", e->reason);
		}
		if (e->lesson) {
			text_from(f, e);
			fprintf(f, "end: %ld steps, %ld failures\n", e->steps,
			    e->failures);
		}
		break;
	case EVENT_NTYPES:
		break;
	}
	if (ferror(f))
		w->error = errno != 0 ? errno : EIO;
}

int
event_write(struct event_writer *w, const struct event *e)
{
	locale_t	old = (locale_t)0;

	if (w->error != 0) {
		errno = w->error;
		return -1;
	}
	if (e->type == EVENT_HELLO && e->started != NULL) {
		struct tm	tm;
		char		*end;

		memset(&tm, 0, sizeof tm);
		end = strptime(e->started, "%Y-%m-%dT%H:%M:%S", &tm);
		if (end != NULL)
			w->epoch = (double)timegm(&tm);
	}
	/* The flood's path: no locale, no printf. */
	if (e->type == EVENT_OUTPUT && w->format == FORMAT_JSON &&
	    e->job != NULL && e->text != NULL && e->from == NULL &&
	    !e->has_rank && isfinite(e->t)) {
		json_output(w, e);
		goto done;
	}
	if (e->type == EVENT_OUTPUT && w->format == FORMAT_TEXT &&
	    e->text != NULL && e->from == NULL && !e->has_rank) {
		text_output(w, e);
		goto done;
	}
	pend_drain(w);
	if (w->c_locale != (locale_t)0)
		old = uselocale(w->c_locale);
	switch (w->format) {
	case FORMAT_JSON:
		json_write(w, e);
		break;
	case FORMAT_CSV:
		csv_write(w, e);
		break;
	case FORMAT_TEXT:
		text_write(w, e);
		break;
	}
	if (w->c_locale != (locale_t)0)
		uselocale(old);
done:
	if (w->error == 0 && (e->type != EVENT_OUTPUT || w->flush_output))
		event_writer_flush(w);
	if (w->error != 0) {
		errno = w->error;
		return -1;
	}
	return 0;
}

/* This host's name, or "localhost". */
static void
host_name(char *buf, size_t len)
{
	if (gethostname(buf, len) != 0 || buf[0] == '\0')
		snprintf(buf, len, "localhost");
	buf[len - 1] = '\0';
}

int
event_write_hello(struct event_writer *w, int argc, char **argv)
{
	struct event	 e;
	char		 host[256], started[64];
	double		 now = now_real();
	time_t		 secs = (time_t)now;
	struct tm	 tm;
	long		 n;

	memset(&e, 0, sizeof e);
	host_name(host, sizeof host);
	gmtime_r(&secs, &tm);
	strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(started + strlen(started), sizeof started - strlen(started),
	    ".%03dZ", (int)((now - (double)secs) * 1000) % 1000);
	n = sysconf(_SC_NPROCESSORS_CONF);
	e.type = EVENT_HELLO;
	e.schema = EVENT_SCHEMA;
	e.version = PACKAGE_VERSION;
	e.host = host;
	e.cores = n > 0 ? (int)n : 1;
	e.argc = argc;
	e.argv = argv;
	e.started = started;
	w->t0 = now_mono();
	return event_write(w, &e);
}
