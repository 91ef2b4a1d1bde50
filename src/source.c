/*
 * source.c: the TUI's data, from this machine's sampler or from an event
 * stream (source.h). A live source forwards to the sampler. A stream source
 * keeps, per host, the last sample's cores, processes, threads and system
 * figures, one history ring over every core of every host, and a timeline
 * store (tl-store.c) rebuilt from the samples' per-interval figures.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "source.h"
#include "tl-store.h"
#include "util.h"

#define HIST_CELLS	(4u * 1024 * 1024)	/* floats the ring may hold */
#define HIST_MIN	600			/* rows kept, however many cores */
#define TRIM_EVERY	5.0			/* s between trims of the timeline */
#define HOSTS_MAX	1024			/* hosts kept; a stream's others are
						   left out (a hostile one) */

struct src_host {
	char			*name;
	int			 first, ncpus;
	struct cpu_sample	 total;
	struct proc_sample	*procs;
	size_t			 nprocs, procsize;
	struct thread_sample	*threads;
	size_t			 nthreads, threadsize;
	struct sys_sample	 sys;
	double			 t;
	char			 state[16];	/* its last host record's */
	char			*reason;
};

struct source {
	struct sampler		*live;

	char			*hello_host;
	struct src_host		*hosts;
	int			 nhosts;
	struct cpu_sample	*cpus;		/* every host's, host by host */
	int			 ncpus;
	struct cpu_sample	 total;
	double			 t, interval;

	size_t			 depth, head, count;
	double			*htime;
	float			*hbusy;		/* [slot][1 + ncpus]: total first */

	struct tl_store		*store;
	double			 trimmed;	/* when it was last trimmed */
	int			 exact;
	unsigned long long	 lost;
};

struct source *
source_live(struct sampler *s)
{
	struct source	*src;

	src = xcalloc(1, sizeof *src);
	src->live = s;
	return src;
}

struct source *
source_stream(void)
{
	struct source	*src;

	src = xcalloc(1, sizeof *src);
	src->store = tl_store_new();
	src->total.id = -1;
	return src;
}

static void
hosts_free(struct source *src)
{
	int	i;

	for (i = 0; i < src->nhosts; i++) {
		free(src->hosts[i].name);
		free(src->hosts[i].reason);
		free(src->hosts[i].procs);
		free(src->hosts[i].threads);
	}
	free(src->hosts);
	src->hosts = NULL;
	src->nhosts = 0;
	free(src->cpus);
	src->cpus = NULL;
	src->ncpus = 0;
}

void
source_free(struct source *src)
{
	if (src == NULL)
		return;
	hosts_free(src);
	free(src->hello_host);
	free(src->htime);
	free(src->hbusy);
	if (src->store != NULL)
		tl_store_free(src->store);
	free(src);
}

struct sampler *
source_sampler(const struct source *src)
{
	return src->live;
}

void
source_clear(struct source *src)
{
	if (src->live != NULL)
		return;
	hosts_free(src);
	src->count = src->head = 0;
	src->t = src->interval = 0;
	memset(&src->total, 0, sizeof src->total);
	src->total.id = -1;
	tl_store_clear(src->store);
	src->trimmed = 0;
	src->lost = 0;
}

/* (Re)size the history ring for the cores there are now: it starts empty. */
static void
history_reset(struct source *src)
{
	size_t	cols = (size_t)src->ncpus + 1;

	src->depth = HIST_CELLS / cols;
	if (src->depth > HISTORY_DEPTH)
		src->depth = HISTORY_DEPTH;
	if (src->depth < HIST_MIN)
		src->depth = HIST_MIN;
	free(src->htime);
	free(src->hbusy);
	src->htime = xcalloc(src->depth, sizeof *src->htime);
	src->hbusy = xcalloc(src->depth * cols, sizeof *src->hbusy);
	src->head = src->count = 0;
}

/* The host named name, or NULL. */
static struct src_host *
host_find(struct source *src, const char *name)
{
	int	i;

	for (i = 0; i < src->nhosts; i++) {
		if (strcmp(src->hosts[i].name, name) == 0)
			return &src->hosts[i];
	}
	return NULL;
}

/*
 * The host named name (made when new), its cores ncpus from now on; NULL
 * for a new one past HOSTS_MAX.
 */
static struct src_host *
host_get(struct source *src, const char *name, int ncpus)
{
	struct src_host	*h;
	int		 i, first, old;

	h = host_find(src, name);
	if (h == NULL && src->nhosts >= HOSTS_MAX)
		return NULL;
	if (h == NULL) {
		src->hosts = xreallocarray(src->hosts, (size_t)src->nhosts + 1,
		    sizeof *src->hosts);
		h = &src->hosts[src->nhosts++];
		memset(h, 0, sizeof *h);
		h->name = xstrdup(name);
		h->ncpus = -1;
		h->total.id = -1;
	}
	if (h->ncpus == ncpus)
		return h;
	/* Renumber every host's cores, keep the figures of the others. */
	old = src->ncpus;
	h->ncpus = ncpus;
	first = 0;
	for (i = 0; i < src->nhosts; i++) {
		src->hosts[i].first = first;
		first += src->hosts[i].ncpus > 0 ? src->hosts[i].ncpus : 0;
	}
	(void)old;
	src->cpus = xreallocarray(src->cpus, first > 0 ? (size_t)first : 1,
	    sizeof *src->cpus);
	memset(src->cpus, 0, (first > 0 ? (size_t)first : 1) *
	    sizeof *src->cpus);
	src->ncpus = first;
	history_reset(src);
	return h;
}

/* The mean of n cores (online ones), as one cpu_sample. */
static void
mean_of(struct cpu_sample *m, const struct cpu_sample *c, int n)
{
	int	i, k = 0;

	memset(m, 0, sizeof *m);
	m->id = -1;
	m->online = 1;
	for (i = 0; i < n; i++) {
		if (!c[i].online)
			continue;
		m->user += c[i].user;
		m->nice += c[i].nice;
		m->system += c[i].system;
		m->idle += c[i].idle;
		m->iowait += c[i].iowait;
		m->irq += c[i].irq;
		m->softirq += c[i].softirq;
		m->steal += c[i].steal;
		m->busy += c[i].busy;
		k++;
	}
	if (k == 0)
		return;
	m->user /= k;
	m->nice /= k;
	m->system /= k;
	m->idle /= k;
	m->iowait /= k;
	m->irq /= k;
	m->softirq /= k;
	m->steal /= k;
	m->busy /= k;
}

static void
history_add(struct source *src, double t)
{
	size_t	cols = (size_t)src->ncpus + 1;
	float	*row = src->hbusy + src->head * cols;
	int	 i;

	src->htime[src->head] = t;
	row[0] = (float)src->total.busy;
	for (i = 0; i < src->ncpus; i++)
		row[i + 1] = (float)src->cpus[i].busy;
	src->head = (src->head + 1) % src->depth;
	if (src->count < src->depth)
		src->count++;
}

/* A thread's state for ms from a (not past end); returns where it ends. */
static double
span(struct source *src, pid_t tid, char state, double a, double ms,
    double end)
{
	double	b = a + (ms > 0 ? ms / 1e3 : 0);

	if (b > end)
		b = end;
	if (b > a)
		tl_store_span(src->store, tid, state, a, b);
	return b > a ? b : a;
}

/* The sample's timeline: each core's runs end to end in its interval. */
static void
feed_timeline(struct source *src, const struct src_host *h,
    const struct event *e, double from)
{
	const struct event_core	*c;
	const struct thread_sample *th;
	double			 a, b;
	size_t			 i, k;
	int			 j;

	for (i = 0; i < e->nthreads; i++) {
		th = &e->threads[i];
		tl_store_name(src->store, th->pid, th->tid, th->name);
		a = from;
		a = span(src, th->tid, 'R', a, th->run_ms, e->t);
		a = span(src, th->tid, 'W', a, th->wait_ms, e->t);
		(void)span(src, th->tid, 'S', a, th->sleep_ms, e->t);
	}
	if (e->timeline == NULL)
		return;
	src->exact = e->timeline->exact;
	src->lost = e->timeline->lost;
	for (j = 0; j < e->timeline->ncores; j++) {
		c = &e->timeline->cores[j];
		if (c->id < 0 || c->id >= h->ncpus)
			continue;
		a = from;
		for (k = 0; k < c->nruns; k++) {
			b = a + (c->runs[k].ms > 0 ? c->runs[k].ms / 1e3 : 0);
			if (b > e->t)
				b = e->t;
			if (b > a)
				tl_store_segment(src->store, h->first + c->id,
				    c->runs[k].pid, c->runs[k].tid, a, b);
			a = b;
		}
	}
}

/* A host's first sample after a start or a seek: how long it covers. */
static double
first_interval(const struct event *e)
{
	const struct event_core	*c;
	double			 ms;
	size_t			 k;

	if (e->timeline != NULL && e->timeline->ncores > 0) {
		c = &e->timeline->cores[0];
		ms = c->idle_ms;
		for (k = 0; k < c->nruns; k++)
			ms += c->runs[k].ms;
		if (ms > 0 && ms / 1e3 <= e->t)
			return ms / 1e3;
	}
	return e->t < 1.0 ? e->t : 1.0;
}

/*
 * The host whose samples pace the history and the clock: the first one
 * with cores (a host that is down from the start has none).
 */
static int
pacer(const struct source *src)
{
	int	i;

	for (i = 0; i < src->nhosts; i++) {
		if (src->hosts[i].ncpus > 0)
			return i;
	}
	return 0;
}

/* A sample's processes (named in the store) and system figures into h. */
static void
feed_procs(struct source *src, struct src_host *h, const struct event *e)
{
	size_t	i;

	if (e->nprocs > h->procsize) {
		h->procs = xreallocarray(h->procs, e->nprocs, sizeof *h->procs);
		h->procsize = e->nprocs;
	}
	if (e->nprocs > 0)
		memcpy(h->procs, e->procs, e->nprocs * sizeof *h->procs);
	h->nprocs = e->nprocs;
	if (e->sys != NULL)
		h->sys = *e->sys;
	for (i = 0; i < e->nprocs; i++)
		tl_store_name(src->store, e->procs[i].pid, e->procs[i].pid,
		    e->procs[i].cmd);
}

/* The name of the host sample e is of: its "host", else the hello's. */
static const char *
sample_host_name(struct source *src, const struct event *e)
{
	const char	*name = e->from != NULL ? e->from : src->hello_host;

	return name != NULL ? name : "";
}

static void
feed_sample(struct source *src, const struct event *e)
{
	struct src_host	*h;
	double		 from;
	int		 j, hi;

	if ((h = host_get(src, sample_host_name(src, e), e->ncpus)) == NULL)
		return;
	hi = (int)(h - src->hosts);
	for (j = 0; j < e->ncpus; j++)
		src->cpus[h->first + j] = e->cpus[j];
	mean_of(&h->total, e->cpus, e->ncpus);
	mean_of(&src->total, src->cpus, src->ncpus);
	if (!e->skimmed)	/* else source_feed_procs() will bring them */
		feed_procs(src, h, e);
	if (e->nthreads > h->threadsize) {
		h->threads = xreallocarray(h->threads, e->nthreads,
		    sizeof *h->threads);
		h->threadsize = e->nthreads;
	}
	if (e->nthreads > 0)
		memcpy(h->threads, e->threads, e->nthreads * sizeof *h->threads);
	h->nthreads = e->nthreads;
	from = h->t > 0 && h->t < e->t ? h->t : e->t - first_interval(e);
	feed_timeline(src, h, e, from);
	if (hi == pacer(src)) {
		src->interval = e->t - from;
		src->t = e->t;
		history_add(src, e->t);
		if (e->t - src->trimmed >= TRIM_EVERY || e->t < src->trimmed) {
			tl_store_trim(src->store, e->t - TL_KEEP_SECONDS);
			src->trimmed = e->t;
		}
	}
	h->t = e->t;
}

/*
 * The processes and "sys" of a sample fed skimmed (e: what its skim left):
 * the host's table as if it had been fed whole. The host was made when the
 * sample was fed.
 */
void
source_feed_procs(struct source *src, const struct event *e)
{
	struct src_host	*h;

	if (src->live != NULL || e->type != EVENT_SAMPLE ||
	    (h = host_find(src, sample_host_name(src, e))) == NULL)
		return;
	feed_procs(src, h, e);
}

/* A host's state record: kept for its header (a new host has no core). */
static void
feed_host(struct source *src, const struct event *e)
{
	struct src_host	*h;

	if ((h = host_find(src, e->from)) == NULL &&
	    (h = host_get(src, e->from, 0)) == NULL)
		return;
	snprintf(h->state, sizeof h->state, "%s", e->state);
	free(h->reason);
	h->reason = e->reason != NULL ? xstrdup(e->reason) : NULL;
}

int
source_feed(struct source *src, const struct event *e)
{
	if (src->live != NULL)
		return 0;
	if (e->type == EVENT_HELLO) {
		free(src->hello_host);
		src->hello_host = xstrdup(e->host != NULL ? e->host : "");
		return 0;
	}
	if (e->type == EVENT_HOST && e->from != NULL && e->state != NULL) {
		feed_host(src, e);
		return 0;
	}
	if (e->type != EVENT_SAMPLE || e->ncpus < 1)
		return 0;
	feed_sample(src, e);
	return 1;
}

/* Hosts. */

int
source_nhosts(const struct source *src)
{
	return src->live != NULL ? 1 : src->nhosts;
}

const char *
source_host_name(const struct source *src, int i)
{
	if (src->live != NULL || i < 0 || i >= src->nhosts)
		return "";
	return src->hosts[i].name;
}

const char *
source_host_state(const struct source *src, int i, const char **reason)
{
	*reason = NULL;
	if (src->live != NULL || i < 0 || i >= src->nhosts ||
	    src->hosts[i].state[0] == '\0')
		return NULL;
	*reason = src->hosts[i].reason;
	return src->hosts[i].state;
}

int
source_host_first(const struct source *src, int i)
{
	if (src->live != NULL || i < 0 || i >= src->nhosts)
		return 0;
	return src->hosts[i].first;
}

int
source_host_ncpus(const struct source *src, int i)
{
	if (src->live != NULL)
		return sampler_ncpus(src->live);
	if (i < 0 || i >= src->nhosts || src->hosts[i].ncpus < 0)
		return 0;
	return src->hosts[i].ncpus;
}

const struct cpu_sample *
source_host_total(const struct source *src, int i)
{
	if (src->live != NULL)
		return sampler_total(src->live);
	if (i < 0 || i >= src->nhosts)
		return &src->total;
	return &src->hosts[i].total;
}

int
source_cpu_host(const struct source *src, int cpu)
{
	int	i;

	if (src->live != NULL)
		return 0;
	for (i = src->nhosts - 1; i > 0; i--) {
		if (cpu >= src->hosts[i].first)
			return i;
	}
	return 0;
}

/*
 * A core's label: "cpu3" for one host, "h2:cpu3" for several; with width
 * > 0, when that is wider, the short form "3" or "h2:3", the host's name
 * cut with a '~' when that is still wider (never cut silently).
 */
const char *
source_cpu_label(const struct source *src, int cpu, int width, char *buf,
    size_t len)
{
	const struct cpu_sample	*c = source_cpu(src, cpu);
	const char		*host;
	char			 num[16];
	int			 id = c != NULL ? c->id : cpu, keep;

	if (source_nhosts(src) <= 1) {
		snprintf(buf, len, "cpu%d", id);
		if (width > 0 && (int)strlen(buf) > width)
			snprintf(buf, len, "%d", id);
		return buf;
	}
	host = source_host_name(src, source_cpu_host(src, cpu));
	snprintf(buf, len, "%s:cpu%d", host, id);
	if (width <= 0 || (int)strlen(buf) <= width)
		return buf;
	snprintf(num, sizeof num, ":%d", id);
	keep = (int)strlen(host);
	if (keep + (int)strlen(num) > width) {
		keep = width - (int)strlen(num) - 1;
		if (keep < 0)
			keep = 0;
		/* Not inside a UTF-8 sequence. */
		while (keep > 0 && ((unsigned char)host[keep] & 0xc0) == 0x80)
			keep--;
		snprintf(buf, len, "%.*s~%s", keep, host, num);
	} else
		snprintf(buf, len, "%s%s", host, num);
	return buf;
}

/* The longest label of cores first .. first + n - 1 (a label column). */
int
source_cpu_label_len(const struct source *src, int first, int n)
{
	const struct cpu_sample	*c;
	int			 h, i, lo, hi, d, id, len, max = 0;
	int			 several = source_nhosts(src) > 1;

	for (h = 0; h < source_nhosts(src); h++) {
		lo = source_host_first(src, h);
		hi = lo + source_host_ncpus(src, h);
		if (lo < first)
			lo = first;
		if (hi > first + n)
			hi = first + n;
		if (lo >= hi)
			continue;
		for (i = lo, d = 1; i < hi; i++) {
			c = source_cpu(src, i);
			id = c != NULL ? c->id : i;
			for (len = 1; id >= 10; id /= 10)
				len++;
			if (len > d)
				d = len;
		}
		len = (int)strlen("cpu") + d;
		if (several)
			len += (int)strlen(source_host_name(src, h)) + 1;
		if (len > max)
			max = len;
	}
	return max;
}

/* The last sample. */

double
source_time(const struct source *src)
{
	return src->live != NULL ? sampler_time(src->live) : src->t;
}

double
source_interval(const struct source *src)
{
	return src->live != NULL ? sampler_interval(src->live) : src->interval;
}

int
source_ncpus(const struct source *src)
{
	return src->live != NULL ? sampler_ncpus(src->live) : src->ncpus;
}

const struct cpu_sample *
source_cpu(const struct source *src, int i)
{
	if (src->live != NULL)
		return sampler_cpu(src->live, i);
	if (i < 0 || i >= src->ncpus)
		return NULL;
	return &src->cpus[i];
}

const struct cpu_sample *
source_total(const struct source *src)
{
	return src->live != NULL ? sampler_total(src->live) : &src->total;
}

size_t
source_nprocs(const struct source *src)
{
	size_t	n = 0;
	int	i;

	if (src->live != NULL)
		return sampler_nprocs(src->live);
	for (i = 0; i < src->nhosts; i++)
		n += src->hosts[i].nprocs;
	return n;
}

/* Process k of all hosts': its host in *hp. */
static const struct proc_sample *
proc_at(const struct source *src, size_t k, int *hp)
{
	int	i;

	for (i = 0; i < src->nhosts; i++) {
		if (k < src->hosts[i].nprocs) {
			*hp = i;
			return &src->hosts[i].procs[k];
		}
		k -= src->hosts[i].nprocs;
	}
	*hp = -1;
	return NULL;
}

const struct proc_sample *
source_proc(const struct source *src, size_t k)
{
	int	h;

	if (src->live != NULL)
		return sampler_proc(src->live, k);
	return proc_at(src, k, &h);
}

int
source_proc_host(const struct source *src, size_t k)
{
	int	h = 0;

	if (src->live == NULL)
		(void)proc_at(src, k, &h);
	return h;
}

const struct sys_sample *
source_sys(const struct source *src)
{
	static const struct sys_sample	none;

	if (src->live != NULL)
		return sampler_sys(src->live);
	return src->nhosts > 0 ? &src->hosts[pacer(src)].sys : &none;
}

/* History. */

size_t
source_history_len(const struct source *src)
{
	return src->live != NULL ? history_len(src->live) : src->count;
}

/* The ring slot of the sample age samples old (age < count <= depth). */
static size_t
hslot(const struct source *src, size_t age)
{
	size_t	k = src->head + src->depth - 1 - age;

	return k >= src->depth ? k - src->depth : k;	/* no division */
}

double
source_history_time(const struct source *src, size_t age)
{
	if (src->live != NULL)
		return history_time(src->live, age);
	if (age >= src->count)
		return 0;
	return src->htime[hslot(src, age)];
}

double
source_history_busy(const struct source *src, int cpu, size_t age)
{
	if (src->live != NULL)
		return history_busy(src->live, cpu, age);
	if (age >= src->count || cpu < -1 || cpu >= src->ncpus)
		return 0;
	return src->hbusy[hslot(src, age) * ((size_t)src->ncpus + 1) +
	    (size_t)(cpu + 1)];
}

/* The timeline. */

int
source_timeline_exact(const struct source *src)
{
	return src->live != NULL ? sampler_timeline_exact(src->live) :
	    src->exact;
}

const char *
source_timeline_title(const struct source *src)
{
	if (src->live != NULL)
		return sampler_timeline_title(src->live);
	return src->exact ? "replay of the scheduler trace, per interval" :
	    "replay of the sampled timeline";
}

unsigned long long
source_timeline_lost(const struct source *src)
{
	return src->live != NULL ? sampler_timeline_lost(src->live) :
	    src->lost;
}

size_t
source_nthreads(const struct source *src)
{
	size_t	n = 0;
	int	i;

	if (src->live != NULL)
		return sampler_nthreads(src->live);
	for (i = 0; i < src->nhosts; i++)
		n += src->hosts[i].nthreads;
	return n;
}

const struct thread_sample *
source_thread(const struct source *src, size_t k)
{
	int	i;

	if (src->live != NULL)
		return sampler_thread(src->live, k);
	for (i = 0; i < src->nhosts; i++) {
		if (k < src->hosts[i].nthreads)
			return &src->hosts[i].threads[k];
		k -= src->hosts[i].nthreads;
	}
	return NULL;
}

size_t
source_segments(const struct source *src, double from, double to,
    void (*fn)(const struct tl_segment *, void *), void *arg)
{
	if (src->live != NULL)
		return sampler_segments(src->live, from, to, fn, arg);
	return tl_store_segments(src->store, from, to, fn, arg);
}

size_t
source_thread_spans(const struct source *src, pid_t tid, double from,
    double to, void (*fn)(char, double, double, void *), void *arg)
{
	if (src->live != NULL)
		return sampler_thread_spans(src->live, tid, from, to, fn, arg);
	return tl_store_spans(src->store, tid, from, to, fn, arg);
}

const char *
source_thread_name(const struct source *src, pid_t tid)
{
	if (src->live != NULL)
		return sampler_thread_name(src->live, tid);
	return tl_store_thread_name(src->store, tid);
}
