/*
 * sample-tl.c: the timeline half of the sampler (sample-timeline.h).
 *
 * At each tick it gathers the interval from the chosen source - the exact
 * tracer (trace.c), or the 20 ms poller (sample-occupy.c) plus the kernel's
 * per-thread counters (sample-threads.c) - into the same arrays: per thread,
 * per core, and the per-process sums in the sample's rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sample-int.h"
#include "trace.h"
#include "util.h"

#define TITLE_EXACT	"exact: scheduler trace"
#define TITLE_SAMPLED	"sampled every 20 ms"

struct timeline {
	enum timeline_mode	 mode;
	struct tracer		*tr;		/* NULL: sampled */
	char			*title;
	struct tl_store		*store;
	struct thread_reader	*threads;

	struct thread_sample	*th;
	size_t			 nth, thsize;
	struct tl_run		*runs;		/* the interval's, filtered */
	size_t			 nruns, runsize;
	struct core_run		*cruns;		/* runs by cpu, longest first */
	size_t			*cfirst, *ccount;
	double			*idle;
	int			 ncpus;
	pid_t			*follow;	/* sorted pids followed */
	size_t			 nfollow, followsize;
	pid_t			*seen;		/* sorted tids listed this tick */
	size_t			 seensize;
	int			 refollow;	/* the watched set shrank */
};

struct timeline *
timeline_new(void)
{
	struct timeline	*tl;

	tl = xcalloc(1, sizeof *tl);
	tl->mode = TIMELINE_SAMPLED;
	tl->title = xstrdup(TITLE_SAMPLED);
	tl->store = tl_store_new();
	tl->threads = thread_reader_new();
	return tl;
}

void
timeline_free(struct timeline *tl)
{
	if (tl == NULL)
		return;
	tracer_free(tl->tr);
	tl_store_free(tl->store);
	thread_reader_free(tl->threads);
	free(tl->title);
	free(tl->th);
	free(tl->runs);
	free(tl->cruns);
	free(tl->cfirst);
	free(tl->ccount);
	free(tl->idle);
	free(tl->follow);
	free(tl->seen);
	free(tl);
}

struct tl_store *
timeline_store(struct timeline *tl)
{
	return tl->store;
}

int
timeline_is_exact(const struct timeline *tl)
{
	return tl->tr != NULL;
}

/*
 * Choose the source: exact where allowed (auto), or required (exact: -1 and
 * the reason otherwise), or sampled.
 */
int
timeline_set_mode(struct timeline *tl, enum timeline_mode mode, char **cause)
{
	char	*why = NULL;

	*cause = NULL;
	tracer_free(tl->tr);
	tl->tr = NULL;
	tl_store_clear(tl->store);
	free(tl->title);
	tl->mode = mode;
	if (mode == TIMELINE_SAMPLED) {
		tl->title = xstrdup(TITLE_SAMPLED);
		return 0;
	}
	if (tracer_allowed(&why) == 0)
		tl->tr = tracer_new(tl->store, &why);
	if (tl->tr != NULL) {
		tl->title = xstrdup(TITLE_EXACT);
		return 0;
	}
	xasprintf(&tl->title, "%s (exact %s)", TITLE_SAMPLED, why);
	if (mode == TIMELINE_EXACT) {
		xasprintf(cause, "--timeline=exact: the scheduler trace %s",
		    why);
		free(why);
		return -1;
	}
	free(why);
	return 0;
}

const char *
timeline_title(const struct timeline *tl)
{
	return tl->title;
}

unsigned long long
timeline_lost(const struct timeline *tl)
{
	return tl->tr != NULL ? tracer_lost(tl->tr) : 0;
}

static int
pid_cmp(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static int
followed(const struct timeline *tl, pid_t pid)
{
	return tl->nfollow > 0 && bsearch(&pid, tl->follow, tl->nfollow,
	    sizeof *tl->follow, pid_cmp) != NULL;
}

static int
thread_cmp(const void *a, const void *b)
{
	const struct thread_sample	*x = a, *y = b;

	if (x->run_ms != y->run_ms)
		return x->run_ms < y->run_ms ? 1 : -1;
	if (x->pid != y->pid)
		return (x->pid > y->pid) - (x->pid < y->pid);
	return (x->tid > y->tid) - (x->tid < y->tid);
}

static int
run_cmp(const void *a, const void *b)
{
	const struct tl_run	*x = a, *y = b;

	if (x->cpu != y->cpu)
		return (x->cpu > y->cpu) - (x->cpu < y->cpu);
	if (x->ms != y->ms)
		return x->ms < y->ms ? 1 : -1;
	return (x->tid > y->tid) - (x->tid < y->tid);
}

static void
add_thread(struct timeline *tl, const struct tl_acc *a)
{
	struct thread_sample	*t;

	if (tl->nth == tl->thsize) {
		tl->thsize = tl->thsize * 2 + 32;
		tl->th = xreallocarray(tl->th, tl->thsize, sizeof *tl->th);
	}
	t = &tl->th[tl->nth++];
	memset(t, 0, sizeof *t);
	t->pid = a->pid;
	t->tid = a->tid;
	memcpy(t->name, a->name, sizeof t->name);
	t->name[sizeof t->name - 1] = '\0';
	t->core = a->core;
	t->state = a->state;
	t->run_ms = a->run_ms;
	t->wait_ms = a->wait_ms;
	t->sleep_ms = a->sleep_ms;
	t->migrations = a->migrations;
	t->vol_switches = a->vol;
	t->invol_switches = a->invol;
}

static int
listed(const struct timeline *tl, pid_t tid)
{
	size_t	 i;

	for (i = 0; i < tl->nth; i++) {
		if (tl->th[i].tid == tid)
			return 1;
	}
	return 0;
}

/*
 * The followed threads the trace had alive at the cut that /proc did not
 * list: they ended between the cut and the read (a worker exiting at the
 * tick), yet ran in the interval.
 */
static void
tick_late(struct timeline *tl)
{
	const struct tl_acc	*acc;
	size_t			 n, i, nseen = tl->nth;

	if (nseen > tl->seensize) {
		tl->seensize = nseen + 64;
		tl->seen = xreallocarray(tl->seen, tl->seensize,
		    sizeof *tl->seen);
	}
	for (i = 0; i < nseen; i++)
		tl->seen[i] = tl->th[i].tid;
	if (nseen > 1)
		qsort(tl->seen, nseen, sizeof *tl->seen, pid_cmp);
	n = tracer_threads(tl->tr, &acc);
	for (i = 0; i < n; i++) {
		if (!followed(tl, acc[i].pid) || (nseen > 0 && bsearch(
		    &acc[i].tid, tl->seen, nseen, sizeof *tl->seen,
		    pid_cmp) != NULL))
			continue;
		add_thread(tl, &acc[i]);
		tl->th[tl->nth - 1].state = 'X';
	}
}

/* The threads of the followed processes, with their interval's figures. */
static void
tick_threads(struct timeline *tl, double interval)
{
	struct tl_acc		*acc, a;
	const struct tl_acc	*gone;
	size_t			 n, i;
	int			 exact = tl->tr != NULL;

	n = thread_reader_read(tl->threads, tl->follow, tl->nfollow, !exact,
	    interval, &acc);
	tl->nth = 0;
	for (i = 0; i < n; i++) {
		tl_store_name(tl->store, acc[i].pid, acc[i].tid, acc[i].name);
		if (exact) {
			a = acc[i];
			if (tracer_thread(tl->tr, acc[i].tid, &a) == 0) {
				/* The trace's own name and state are newer. */
				memcpy(a.name, acc[i].name, sizeof a.name);
				if (a.core < 0)
					a.core = acc[i].core;
			} else if (interval > 0)
				a.sleep_ms = interval * 1000;
			a.pid = acc[i].pid;
			add_thread(tl, &a);
		} else
			add_thread(tl, &acc[i]);
	}
	if (exact) {
		tick_late(tl);
		/* Threads that ended within the interval. */
		n = tracer_gone(tl->tr, &gone);
		for (i = 0; i < n; i++) {
			if (followed(tl, gone[i].pid) && !listed(tl,
			    gone[i].tid))
				add_thread(tl, &gone[i]);
		}
	}
}

/* Per-core runs of the followed threads, and the idle time. */
static void
tick_cores(struct timeline *tl, const struct cpu_sample *cpus, int ncpus,
    double interval, struct occupy *occ)
{
	const struct tl_run	*src;
	size_t			 n, i;
	int			 c;

	if (ncpus > tl->ncpus) {
		tl->cfirst = xreallocarray(tl->cfirst, (size_t)ncpus,
		    sizeof *tl->cfirst);
		tl->ccount = xreallocarray(tl->ccount, (size_t)ncpus,
		    sizeof *tl->ccount);
		tl->idle = xreallocarray(tl->idle, (size_t)ncpus,
		    sizeof *tl->idle);
		tl->ncpus = ncpus;
	}
	if (tl->tr != NULL) {
		n = tracer_runs(tl->tr, &src);
		if (n > tl->runsize) {
			tl->runsize = n + 64;
			tl->runs = xreallocarray(tl->runs, tl->runsize,
			    sizeof *tl->runs);
		}
		tl->nruns = 0;
		for (i = 0; i < n; i++) {
			if (followed(tl, src[i].pid))
				tl->runs[tl->nruns++] = src[i];
		}
	} else
		tl->nruns = occupy_take_runs(occ, &tl->runs, &tl->runsize);
	if (tl->nruns > 1)
		qsort(tl->runs, tl->nruns, sizeof *tl->runs, run_cmp);
	tl->cruns = xreallocarray(tl->cruns, tl->nruns + 1,
	    sizeof *tl->cruns);
	for (c = 0; c < tl->ncpus; c++) {
		tl->cfirst[c] = tl->ccount[c] = 0;
		if (tl->tr != NULL)
			tl->idle[c] = tracer_idle_ms(tl->tr, c);
		else if (c < ncpus && cpus[c].online)
			tl->idle[c] = (cpus[c].idle + cpus[c].iowait) *
			    interval * 10;	/* % of the interval, in ms */
		else
			tl->idle[c] = 0;
	}
	for (i = 0; i < tl->nruns; i++) {
		c = tl->runs[i].cpu;
		tl->cruns[i].pid = tl->runs[i].pid;
		tl->cruns[i].tid = tl->runs[i].tid;
		tl->cruns[i].ms = tl->runs[i].ms;
		if (c < 0 || c >= tl->ncpus)
			continue;
		if (tl->ccount[c]++ == 0)
			tl->cfirst[c] = i;
	}
}

/* Per process: the sums of its threads. */
static void
tick_sums(struct timeline *tl, struct proc_sample *procs, size_t nprocs)
{
	struct thread_sample	*t;
	size_t			 i, j;

	for (i = 0; i < nprocs; i++) {
		procs[i].run_ms = procs[i].wait_ms = procs[i].sleep_ms = 0;
		procs[i].migrations = procs[i].switches = 0;
		for (j = 0; j < tl->nth; j++) {
			t = &tl->th[j];
			if (t->pid != procs[i].pid)
				continue;
			procs[i].run_ms += t->run_ms;
			procs[i].wait_ms += t->wait_ms;
			procs[i].sleep_ms += t->sleep_ms;
			procs[i].migrations += t->migrations;
			procs[i].switches += t->vol_switches +
			    t->invol_switches;
		}
	}
}

/* A group is watched from now: with the trace, its leader at once. */
void
timeline_watch(struct timeline *tl, pid_t pgid)
{
	if (tl->tr != NULL && pgid > 0)
		tracer_follow(tl->tr, &pgid, 1);
}

/*
 * Watching starts: the trace follows the watched groups (and what it saw
 * their leaders make) from now, and no longer the busiest processes that
 * the rows were before - their runs would be in the watched run's picture.
 */
void
timeline_watch_only(struct timeline *tl, const pid_t *pgids, size_t n)
{
	pid_t	*v;

	if (tl->tr == NULL)
		return;
	v = xcalloc(n + 1, sizeof *v);
	if (n > 0)
		memcpy(v, pgids, n * sizeof *v);
	qsort(v, n, sizeof *v, pid_cmp);
	tracer_refollow(tl->tr, v, n);
	free(v);
}

/*
 * A run just ended: the trace's store gets its last records now, so that
 * the kept picture is whole before the next tick.
 */
void
timeline_flush(struct timeline *tl)
{
	if (tl->tr != NULL)
		tracer_flush(tl->tr);
}

/* Groups or the scope changed: the next tick follows only its rows. */
void
timeline_refollow(struct timeline *tl)
{
	tl->refollow = 1;
}

/* The rows' pids into tl->follow, sorted. */
static void
follow_rows(struct timeline *tl, const struct proc_sample *procs,
    size_t nprocs)
{
	size_t	 i;

	if (nprocs > tl->followsize) {
		tl->followsize = nprocs + 16;
		tl->follow = xreallocarray(tl->follow, tl->followsize,
		    sizeof *tl->follow);
	}
	tl->nfollow = 0;
	for (i = 0; i < nprocs; i++)
		tl->follow[tl->nfollow++] = procs[i].pid;
	if (tl->nfollow > 1)
		qsort(tl->follow, tl->nfollow, sizeof *tl->follow, pid_cmp);
}

/*
 * The exact source's followed set. The rows join it before the cut (their
 * records still pending count) - but not when watching just ended: the
 * interval is the watched run's, and the busiest processes' runs would be
 * in its kept picture. The tracer adds what the followed make, so a worker
 * born and gone between two ticks is in the interval. Watching, the set
 * only grows (less what exited); otherwise, or when the watched groups
 * changed, it restarts from the rows after the cut (and what ended between
 * the cut and the rows' read: its last records are still to come).
 * tl->follow becomes the set over the interval.
 */
static void
follow_exact(struct timeline *tl, double t, const struct proc_sample *procs,
    size_t nprocs, int watching)
{
	const pid_t	*set;
	size_t		 n;

	follow_rows(tl, procs, nprocs);
	if (watching || !tl->refollow)
		tracer_follow(tl->tr, tl->follow, tl->nfollow);
	tracer_take(tl->tr, t);
	if (!watching || tl->refollow)
		tracer_refollow(tl->tr, tl->follow, tl->nfollow);
	tl->refollow = 0;
	n = tracer_followed(tl->tr, &set);
	if (n > tl->followsize) {
		tl->followsize = n + 16;
		tl->follow = xreallocarray(tl->follow, tl->followsize,
		    sizeof *tl->follow);
	}
	if (n > 0)
		memcpy(tl->follow, set, n * sizeof *set);
	tl->nfollow = n;
}

/*
 * The interval that ended at t. The followed processes: with the exact
 * source, the rows and what the trace saw them make (follow_exact); with
 * the poller, the watched groups' rows (watching set), else none.
 * With the exact source, occ_out (ncpus) is refilled with the tracer's per
 * process credits, in microseconds, and 1 returned.
 */
int
timeline_tick(struct timeline *tl, double t, double interval,
    struct proc_sample *procs, size_t nprocs, int watching,
    const struct cpu_sample *cpus, int ncpus, struct occupy *occ,
    struct occ_core *occ_out)
{
	size_t	 i;
	int	 c;

	tl->nfollow = 0;
	if (tl->tr != NULL) {
		follow_exact(tl, t, procs, nprocs, watching);
		occupy_set_store(occ, NULL);
	} else {
		if (watching)
			follow_rows(tl, procs, nprocs);
		tl->refollow = 0;
		occupy_set_store(occ, tl->store);
	}
	tick_threads(tl, interval);
	tick_cores(tl, cpus, ncpus, interval, occ);
	tick_sums(tl, procs, nprocs);
	if (tl->nth > 1)
		qsort(tl->th, tl->nth, sizeof *tl->th, thread_cmp);
	tl_store_trim(tl->store, t - TL_KEEP_SECONDS);
	if (tl->tr == NULL)
		return 0;
	for (c = 0; c < ncpus; c++)
		memset(&occ_out[c], 0, sizeof occ_out[c]);
	for (i = 0; i < tl->nruns; i++) {
		c = tl->runs[i].cpu;
		if (c >= 0 && c < ncpus)
			tics_occ_add(&occ_out[c], tl->runs[i].pid,
			    (unsigned long long)(tl->runs[i].ms * 1000));
	}
	return 1;
}

size_t
timeline_nthreads(const struct timeline *tl)
{
	return tl->nth;
}

const struct thread_sample *
timeline_thread(const struct timeline *tl, size_t i)
{
	return i < tl->nth ? &tl->th[i] : NULL;
}

double
timeline_idle_ms(const struct timeline *tl, int cpu)
{
	return cpu >= 0 && cpu < tl->ncpus ? tl->idle[cpu] : 0;
}

size_t
timeline_core_runs(const struct timeline *tl, int cpu,
    const struct core_run **runs)
{
	if (cpu < 0 || cpu >= tl->ncpus || tl->ccount[cpu] == 0) {
		*runs = NULL;
		return 0;
	}
	*runs = &tl->cruns[tl->cfirst[cpu]];
	return tl->ccount[cpu];
}

/* The public face (sample-timeline.h). */

int
sampler_set_timeline(struct sampler *s, enum timeline_mode mode, char **cause)
{
	return timeline_set_mode(sampler_tl(s), mode, cause);
}

int
sampler_timeline_exact(const struct sampler *s)
{
	return timeline_is_exact(sampler_tl(s));
}

const char *
sampler_timeline_title(const struct sampler *s)
{
	return timeline_title(sampler_tl(s));
}

unsigned long long
sampler_timeline_lost(const struct sampler *s)
{
	return timeline_lost(sampler_tl(s));
}

int
timeline_allowed(char **cause)
{
	return tracer_allowed(cause);
}

size_t
sampler_nthreads(const struct sampler *s)
{
	return timeline_nthreads(sampler_tl(s));
}

const struct thread_sample *
sampler_thread(const struct sampler *s, size_t i)
{
	return timeline_thread(sampler_tl(s), i);
}

double
sampler_core_idle_ms(const struct sampler *s, int cpu)
{
	return timeline_idle_ms(sampler_tl(s), cpu);
}

size_t
sampler_core_runs(const struct sampler *s, int cpu,
    const struct core_run **runs)
{
	return timeline_core_runs(sampler_tl(s), cpu, runs);
}

size_t
sampler_segments(const struct sampler *s, double from, double to,
    void (*fn)(const struct tl_segment *, void *), void *arg)
{
	return tl_store_segments(timeline_store(sampler_tl(s)), from, to, fn,
	    arg);
}

size_t
sampler_thread_spans(const struct sampler *s, pid_t tid, double from,
    double to, void (*fn)(char, double, double, void *), void *arg)
{
	return tl_store_spans(timeline_store(sampler_tl(s)), tid, from, to,
	    fn, arg);
}

const char *
sampler_thread_name(const struct sampler *s, pid_t tid)
{
	return tl_store_thread_name(timeline_store(sampler_tl(s)), tid);
}
