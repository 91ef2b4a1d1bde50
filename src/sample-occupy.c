/*
 * sample-occupy.c: the sub-sampler behind the occupancy timeline.
 *
 * Which process ran on which core is only knowable from two fields: the core a
 * task last ran on and its cumulative tics. Read once per display interval
 * (0.5 s) they would credit a whole interval to whatever core the task happened
 * to be on at the end. So a thread reads the watched processes' tasks every
 * OCC_PERIOD (20 ms, two scheduler tics at HZ=100) with
 * procps_pids_select(PIDS_SELECT_PID_THREADS) - a handful of small reads, no
 * walk of /proc - and credits each task's new tics to the core it is on, in the
 * name of its process. sampler_tick() takes the credits once per interval.
 *
 * What this still misses: a task that ran on two cores within one 20 ms poll
 * is credited to the last one only; runs shorter than a tic are invisible
 * (tics are whole 10 ms units); and libproc2 reports a thread group leader with
 * the whole process's tics, so its own share is derived as the process total
 * minus its live threads, a figure that is read a little early and rounded
 * apart from theirs, so it only counts when it reaches a new high and, for a
 * leader asleep at both polls, by more than one tic (a leader that runs less
 * than a tic per poll while never seen running is missed): when a thread
 * exits, its past tics land on the leader for one poll (capped at the poll's
 * length).
 *
 * The per-thread state strips (the spans: running, waiting for a core,
 * sleeping) come from the same source as the process table's RUN% and
 * WAIT% (sample-threads.c): each task's /proc/.../schedstat, read at every
 * poll. Over a poll a task ran for its schedstat run delta and waited for
 * its wait delta, and slept the rest; the poll cannot tell in which order,
 * so the spans are laid as sleep, wait, run. (Marking a whole poll running
 * when a tic was gained, as the core credits must, would have most waiting
 * workers look running.) A task whose schedstat cannot be read falls back
 * to that per-poll guess.
 *
 * libproc2 is not documented as thread-safe, so every libproc2 call of the
 * data side runs under proc2_lock(); schedstat it does not offer, so it is
 * read directly.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "sample-int.h"
#include "tl-store.h"
#include "util.h"

#define OCC_PERIOD	0.02	/* seconds between polls */
#define OWE_MAX		1.0	/* s of a task's run or wait carried at most */

static pthread_mutex_t proc2_mutex = PTHREAD_MUTEX_INITIALIZER;

void
proc2_lock(void)
{
	pthread_mutex_lock(&proc2_mutex);
}

void
proc2_unlock(void)
{
	pthread_mutex_unlock(&proc2_mutex);
}

static enum pids_item occ_items[] = {
	PIDS_ID_PID,		/* the task id in thread mode */
	PIDS_ID_TGID,
	PIDS_PROCESSOR,
	PIDS_TICS_ALL,
	PIDS_STATE
};
enum { O_TID, O_TGID, O_CPU, O_TICS, O_STATE };

struct occ_task {
	pid_t			 tid, tgid;
	int			 core;
	int			 threaded;	/* a leader with other threads */
	char			 state;
	unsigned long long	 tics;
	int			 have_ss;	/* run_ns and wait_ns were read */
	unsigned long long	 run_ns, wait_ns; /* schedstat */
	double			 owe_run, owe_wait; /* s not yet laid as spans */
};

struct occupy {
	long			 hz;
	pthread_t		 thread;
	int			 started;

	pthread_mutex_t		 lock;		/* guards the fields below */
	pthread_cond_t		 cond;
	int			 stop;
	pid_t			*pids;
	size_t			 npids, pidsize;
	struct occ_core		*acc;		/* credits since the last take */
	int			 nacc;
	unsigned long		 polls;		/* polls since the last take */
	struct tl_run		*runs;		/* per thread and core, since the take */
	size_t			 nruns, runsize;
	struct tl_store		*store;		/* the fine record, or NULL */

	/* The thread's own. */
	struct pids_info	*info;
	struct occ_task		*prev, *cur;
	size_t			 nprev, ncur, tsize;
};

static int
task_cmp(const void *a, const void *b)
{
	const struct occ_task	*x = a, *y = b;

	return (x->tid > y->tid) - (x->tid < y->tid);
}

/* By process, then by task. */
static int
group_cmp(const void *a, const void *b)
{
	const struct occ_task	*x = a, *y = b;

	if (x->tgid != y->tgid)
		return (x->tgid > y->tgid) - (x->tgid < y->tgid);
	return task_cmp(a, b);
}

/* A task's cumulative run and wait time from its schedstat; -1 if gone. */
static int
read_schedstat(struct occ_task *t)
{
	char	 path[64], buf[128];
	ssize_t	 n;
	int	 fd;

	snprintf(path, sizeof path, "/proc/%d/task/%d/schedstat", (int)t->tgid,
	    (int)t->tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (sscanf(buf, "%llu %llu", &t->run_ns, &t->wait_ns) != 2)
		return -1;
	return 0;
}

/* Read the tasks of the watched pids into o->cur, sorted by tid. */
static void
occupy_read(struct occupy *o, unsigned *sel, size_t nsel)
{
	struct pids_fetch	*f;
	struct pids_stack	*st;
	struct occ_task		*t, *leader;
	unsigned long long	 others;
	size_t			 i, j, at, chunk;
	int			 n, want;

	o->ncur = 0;
	proc2_lock();
	for (at = 0; at < nsel; at += chunk) {	/* SELECT_MAX pids a call */
		chunk = nsel - at < SELECT_MAX ? nsel - at : SELECT_MAX;
		f = procps_pids_select(o->info, sel + at, (int)chunk,
		    PIDS_SELECT_PID_THREADS);
		n = f != NULL ? f->counts->total : 0;
		if (o->ncur + (size_t)n > o->tsize) {
			o->tsize = o->ncur + (size_t)n + 32;
			o->cur = xreallocarray(o->cur, o->tsize, sizeof *o->cur);
			o->prev = xreallocarray(o->prev, o->tsize,
			    sizeof *o->prev);
		}
		for (i = 0; i < (size_t)n; i++) {
			st = f->stacks[i];
			t = &o->cur[o->ncur++];
			t->tid = PIDS_VAL(O_TID, s_int, st, o->info);
			t->tgid = PIDS_VAL(O_TGID, s_int, st, o->info);
			t->core = PIDS_VAL(O_CPU, s_int, st, o->info);
			t->tics = PIDS_VAL(O_TICS, ull_int, st, o->info);
			t->state = PIDS_VAL(O_STATE, s_ch, st, o->info);
			t->threaded = 0;
		}
	}
	proc2_unlock();

	/* The leader carries the whole process's tics: take its threads off. */
	if (o->ncur > 1)	/* o->cur is NULL until a task was read */
		qsort(o->cur, o->ncur, sizeof *o->cur, group_cmp);
	for (i = 0; i < o->ncur; i = j) {
		others = 0;
		leader = NULL;
		for (j = i; j < o->ncur && o->cur[j].tgid == o->cur[i].tgid; j++) {
			if (o->cur[j].tid == o->cur[j].tgid)
				leader = &o->cur[j];
			else
				others += o->cur[j].tics;
		}
		if (leader != NULL) {
			leader->tics = leader->tics > others ?
			    leader->tics - others : 0;
			leader->threaded = j - i > 1;
		}
	}
	if (o->ncur > 1)
		qsort(o->cur, o->ncur, sizeof *o->cur, task_cmp);
	/* Only the state strips need schedstat: none without a store. */
	pthread_mutex_lock(&o->lock);
	want = o->store != NULL;
	pthread_mutex_unlock(&o->lock);
	for (i = 0; i < o->ncur; i++) {
		o->cur[i].have_ss = want && read_schedstat(&o->cur[i]) == 0;
		o->cur[i].owe_run = o->cur[i].owe_wait = 0;
	}
}

/* The tics task t gained since its previous poll p that count (at most cap). */
static unsigned long long
task_gain(struct occ_task *t, const struct occ_task *p, unsigned long long cap)
{
	unsigned long long	 d;

	/*
	 * A leader's own tics are derived (see occupy_read) and read a
	 * little before its threads', so the figure is a lower bound
	 * that jitters: only a new high counts, or a sleeping leader
	 * would collect its threads' time a tic at a time.
	 */
	if (t->tid == t->tgid && t->tics < p->tics)
		t->tics = p->tics;
	if (t->tics <= p->tics || t->core < 0)
		return 0;
	d = t->tics - p->tics;
	/*
	 * The kernel rounds the process total and each thread's time
	 * separately, so the derived figure can also step up by one tic
	 * with no work done: from a leader asleep at both polls, one
	 * tic is taken as rounding (the new high is kept).
	 */
	if (t->threaded && d == 1 && t->state != 'R' && p->state != 'R')
		return 0;
	return d > cap ? cap : d;
}

/*
 * Task t's state spans over the poll (p: its previous poll) that ended at
 * now: from the schedstat deltas, laid as sleep, wait, run; else R if it
 * gained tics, W if runnable without gaining, S otherwise.
 *
 * The kernel adds a wait to schedstat only when it ends (the task gets a
 * core), all at once. So a poll can be handed more than it lasted: what
 * does not fit is owed to the next polls. And a task runnable at the poll
 * that did not run in it (or for less than half of it: a late poll) is
 * waiting now, with nothing added yet: the rest of that poll is laid as
 * waiting in advance, and the wait counted when it ends pays the advance
 * back first. (A running task's schedstat lags by up to a scheduler tick,
 * which is why a poll it ran in for the most part is not guessed at.) Once
 * a task has run, every earlier wait is counted, so an advance still
 * unpaid then was a guess too many and is dropped.
 */
static void
occupy_spans(struct occupy *o, struct occ_task *t, const struct occ_task *p,
    unsigned long long d, double now, double elapsed)
{
	double	 run, wait, rest, from = now - elapsed;

	if (!t->have_ss || !p->have_ss) {
		tl_store_span(o->store, t->tid, d > 0 ? 'R' : t->state == 'R' ?
		    'W' : 'S', from, now);
		return;
	}
	run = t->run_ns > p->run_ns ? (double)(t->run_ns - p->run_ns) / 1e9 : 0;
	wait = p->owe_wait + (t->wait_ns > p->wait_ns ?
	    (double)(t->wait_ns - p->wait_ns) / 1e9 : 0);
	if (run > 0 && wait < 0)
		wait = 0;
	t->owe_run = 0;
	if ((run += p->owe_run) > elapsed) {
		t->owe_run = run - elapsed < OWE_MAX ? run - elapsed : OWE_MAX;
		run = elapsed;
	}
	t->owe_wait = wait;
	wait = wait < 0 ? 0 : wait < elapsed - run ? wait : elapsed - run;
	t->owe_wait -= wait;
	if (t->owe_wait > OWE_MAX)
		t->owe_wait = OWE_MAX;
	rest = elapsed - run - wait;
	if (rest > 0 && (run == 0 || rest > elapsed / 2) && t->state == 'R' &&
	    t->owe_wait > -OWE_MAX) {
		wait += rest;
		t->owe_wait -= rest;
	}
	tl_store_span(o->store, t->tid, 'S', from, now - run - wait);
	tl_store_span(o->store, t->tid, 'W', now - run - wait, now - run);
	tl_store_span(o->store, t->tid, 'R', now - run, now);
}

/*
 * The fine record and the per-thread credits: a task that gained tics ran on
 * its core for that long up to now (the poll cannot tell when exactly); its
 * states over the poll, occupy_spans.
 */
static void
occupy_record(struct occupy *o, struct occ_task *t, const struct occ_task *p,
    unsigned long long d, double now, double elapsed)
{
	double	 ran = (double)d / (double)o->hz;
	size_t	 i;

	if (ran > elapsed)
		ran = elapsed;
	if (o->store != NULL) {
		occupy_spans(o, t, p, d, now, elapsed);
		if (d > 0)
			tl_store_segment(o->store, t->core, t->tgid, t->tid,
			    now - ran, now);
	}
	if (d == 0)
		return;
	for (i = 0; i < o->nruns; i++) {
		if (o->runs[i].tid == t->tid && o->runs[i].cpu == t->core) {
			o->runs[i].ms += ran * 1000;
			return;
		}
	}
	if (o->nruns == o->runsize) {
		o->runsize = o->runsize * 2 + 16;
		o->runs = xreallocarray(o->runs, o->runsize, sizeof *o->runs);
	}
	o->runs[o->nruns].cpu = t->core;
	o->runs[o->nruns].pid = t->tgid;
	o->runs[o->nruns].tid = t->tid;
	o->runs[o->nruns++].ms = ran * 1000;
}

/* Credit the tics each task gained since the last poll to its core. */
static void
occupy_credit(struct occupy *o, double now, double elapsed)
{
	struct occ_task		*t, *p;
	unsigned long long	 d, cap;
	size_t			 i;
	int			 need = 0;

	cap = (unsigned long long)(elapsed * (double)o->hz) + 1;
	pthread_mutex_lock(&o->lock);
	for (i = 0; i < o->ncur; i++) {
		if (o->cur[i].core + 1 > need)
			need = o->cur[i].core + 1;
	}
	if (need > o->nacc) {
		o->acc = xreallocarray(o->acc, (size_t)need, sizeof *o->acc);
		memset(o->acc + o->nacc, 0, (size_t)(need - o->nacc) *
		    sizeof *o->acc);
		o->nacc = need;
	}
	for (i = 0; i < o->ncur; i++) {
		t = &o->cur[i];
		p = o->nprev == 0 ? NULL : bsearch(t, o->prev, o->nprev,
		    sizeof *o->prev, task_cmp);
		if (p == NULL || p->tgid != t->tgid)
			continue;
		d = task_gain(t, p, cap);
		occupy_record(o, t, p, d, now, elapsed);
		if (d > 0)
			tics_occ_add(&o->acc[t->core], t->tgid, d);
	}
	o->polls++;
	pthread_mutex_unlock(&o->lock);
}

static void *
occupy_main(void *arg)
{
	struct occupy	*o = arg;
	struct occ_task	*swap;
	struct timespec	 ts;
	unsigned	*sel = NULL;
	size_t		 nsel, selsize = 0, i;
	double		 last = now_mono(), now, next;

	pthread_mutex_lock(&o->lock);
	for (;;) {
		if (!o->stop && o->npids == 0) {
			while (!o->stop && o->npids == 0)
				pthread_cond_wait(&o->cond, &o->lock);
			/* Idle for a while: start afresh, with no baseline. */
			o->nprev = 0;
			last = now_mono();
		}
		if (o->stop)
			break;
		next = last + OCC_PERIOD;
		ts.tv_sec = (time_t)next;
		ts.tv_nsec = (long)((next - (double)ts.tv_sec) * 1e9);
		/* The condition variable uses CLOCK_MONOTONIC (see occupy_new). */
		while (!o->stop && pthread_cond_timedwait(&o->cond, &o->lock,
		    &ts) != ETIMEDOUT)
			;
		if (o->stop)
			break;
		if (o->npids > selsize) {
			selsize = o->npids + 16;
			sel = xreallocarray(sel, selsize, sizeof *sel);
		}
		nsel = o->npids;
		for (i = 0; i < nsel; i++)
			sel[i] = (unsigned)o->pids[i];
		pthread_mutex_unlock(&o->lock);

		now = now_mono();
		occupy_read(o, sel, nsel);
		occupy_credit(o, now, now - last);
		last = now;
		swap = o->prev;
		o->prev = o->cur;
		o->cur = swap;
		o->nprev = o->ncur;

		pthread_mutex_lock(&o->lock);
	}
	pthread_mutex_unlock(&o->lock);
	free(sel);
	return NULL;
}

/* A sub-sampler for a machine of hz tics a second; the thread starts later. */
struct occupy *
occupy_new(long hz)
{
	struct occupy		*o;
	pthread_condattr_t	 ca;

	o = xcalloc(1, sizeof *o);
	o->hz = hz > 0 ? hz : 100;
	pthread_mutex_init(&o->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&o->cond, &ca);
	pthread_condattr_destroy(&ca);
	return o;
}

void
occupy_free(struct occupy *o)
{
	if (o == NULL)
		return;
	if (o->started) {
		pthread_mutex_lock(&o->lock);
		o->stop = 1;
		pthread_cond_signal(&o->cond);
		pthread_mutex_unlock(&o->lock);
		pthread_join(o->thread, NULL);
	}
	if (o->info != NULL) {
		proc2_lock();
		procps_pids_unref(&o->info);
		proc2_unlock();
	}
	pthread_cond_destroy(&o->cond);
	pthread_mutex_destroy(&o->lock);
	free(o->pids);
	free(o->runs);
	free(o->acc);
	free(o->prev);
	free(o->cur);
	free(o);
}

/* Start the thread with every signal blocked: signals belong to the main loop. */
static int
occupy_start(struct occupy *o)
{
	sigset_t	 all, old;
	int		 rc;

	proc2_lock();
	rc = procps_pids_new(&o->info, occ_items, (int)nitems(occ_items));
	proc2_unlock();
	if (rc < 0) {
		o->info = NULL;
		return -1;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&o->thread, NULL, occupy_main, o);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return -1;
	o->started = 1;
	return 0;
}

/*
 * The pids to follow from now on (the watched groups' members at the last
 * tick). The thread starts with the first non-empty set. -1 if it cannot run:
 * the caller then derives occupancy from its own samples.
 */
int
occupy_set_pids(struct occupy *o, const pid_t *pids, size_t n)
{
	if (n > 0 && !o->started && o->info == NULL && occupy_start(o) != 0)
		return -1;
	if (n > 0 && !o->started)
		return -1;
	pthread_mutex_lock(&o->lock);
	if (n > o->pidsize) {
		o->pidsize = n + 16;
		o->pids = xreallocarray(o->pids, o->pidsize, sizeof *o->pids);
	}
	if (n > 0)
		memcpy(o->pids, pids, n * sizeof *pids);
	o->npids = n;
	pthread_cond_signal(&o->cond);
	pthread_mutex_unlock(&o->lock);
	return 0;
}

/*
 * Move the credits gathered since the last take into out[0..ncpus-1] (zeroed
 * first). Returns the number of polls they come from (0: no data).
 */
unsigned long
occupy_take(struct occupy *o, struct occ_core *out, int ncpus)
{
	unsigned long	 polls;
	int		 i;

	memset(out, 0, (size_t)ncpus * sizeof *out);
	if (!o->started)
		return 0;
	pthread_mutex_lock(&o->lock);
	for (i = 0; i < o->nacc; i++) {
		if (i < ncpus)
			out[i] = o->acc[i];
		memset(&o->acc[i], 0, sizeof o->acc[i]);
	}
	polls = o->polls;
	o->polls = 0;
	pthread_mutex_unlock(&o->lock);
	return polls;
}

/* Where the poller writes the fine record (NULL: nowhere). */
void
occupy_set_store(struct occupy *o, struct tl_store *store)
{
	pthread_mutex_lock(&o->lock);
	o->store = store;
	pthread_mutex_unlock(&o->lock);
}

/*
 * Move the per-thread, per-core run times credited since the last call into
 * *runs (grown as needed, size in *size); returns how many.
 */
size_t
occupy_take_runs(struct occupy *o, struct tl_run **runs, size_t *size)
{
	size_t	 n;

	pthread_mutex_lock(&o->lock);
	n = o->nruns;
	if (n > *size) {
		*size = n + 16;
		*runs = xreallocarray(*runs, *size, sizeof **runs);
	}
	if (n > 0)
		memcpy(*runs, o->runs, n * sizeof **runs);
	o->nruns = 0;
	pthread_mutex_unlock(&o->lock);
	return n;
}
