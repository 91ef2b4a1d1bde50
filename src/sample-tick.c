/*
 * sample-tick.c: the sampler (sample.h): one sample of the machine per
 * sampler_tick(), kept until the next, and pushed into the history rings.
 *
 * Cost is the point of most choices here:
 *  - cpu figures come from one read of /proc/stat (sample-cpu.c);
 *  - process rows read only /proc/PID/stat (sample-proc.c);
 *  - watching process groups (SCOPE_WATCHED) does not walk /proc on every
 *    tick: it re-reads the members it knows plus the group leaders, and finds
 *    new members among the children of their threads and of turbotop itself
 *    (job.c makes turbotop the subreaper, so a member whose parent died is
 *    reparented to us). Only a process that joins a group with setpgid(), or
 *    an orphan of a group turbotop did not start, is left to the full walk
 *    done every WATCH_RESCAN seconds (which also refreshes the summary's task
 *    counts). In exchange a tick costs a few reads, not hundreds;
 *  - the busiest list (SCOPE_BUSIEST) walks /proc every BUSY_RESCAN seconds
 *    and in between re-reads only the processes it shows and those that used
 *    CPU (see tick_candidates);
 *  - the occupancy timeline of the watched groups comes from the sub-sampler
 *    thread (sample-occupy.c), which reads only their tasks.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libproc2/meminfo.h>
#include <libproc2/misc.h>
#include <libproc2/pids.h>

#include "sample-int.h"
#include "util.h"

#define WATCH_RESCAN	5.0	/* seconds between full walks when watching */
#define BUSY_RESCAN	0.5	/* the same for the busiest processes */

/*
 * A watched process's MPI rank: -1 none, -2 not read yet. Read again when
 * its command changes (a rank is read between mpirun's fork and its exec)
 * and while its environment reads empty (inside its exec, after the new
 * name: proc_environ_empty).
 */
struct proc_rank {
	pid_t	pid;
	int	rank;
	char	cmd[SAMPLE_CMD_MAX];
};

/* What a process's next %CPU is measured from. */
struct proc_prev {
	pid_t			 pid;
	int			 hot;		/* used CPU in its last interval */
	unsigned long long	 began, tics;
	double			 tp;		/* when tics were read */
};

struct sampler {
	struct cpu_reader	*cpu;
	struct proc_reader	*proc;
	struct meminfo_info	*mem;
	struct occupy		*occ;
	int			 occ_ok;	/* the sub-sampler runs */
	struct timeline		*tl;		/* sample-tl.c */
	double			 occ_unit;	/* credits a second: hz, or 1e6 from the trace */
	double			 hz;
	unsigned long		 ticks;
	double			 t, t_prev, interval;
	double			 tp, tp_prev;	/* when the process rows were read */
	double			 boot_prev;	/* CLOCK_BOOTTIME at the previous tick */

	int			 ncpus;
	struct cpu_tics		*base;		/* per cpu: counters at the baseline */
	int			*have_base;
	struct cpu_sample	*cpus;
	struct cpu_tics		 base_total;
	int			 have_total;
	struct cpu_sample	 total;

	enum proc_scope		 scope;
	pid_t			*watch;		/* watched process groups */
	size_t			 nwatch, watchsize;
	int			 watch_changed;
	pid_t			*known;		/* their members at the last tick */
	size_t			 nknown, knownsize;
	char			*member;	/* per row of this tick: a member */
	pid_t			*mpids;		/* the members' pids, sorted */
	size_t			 membersize;
	struct proc_rank	*ranks;		/* the members' MPI ranks, by pid */
	size_t			 nranks;
	struct proc_rank	*ranks_next;	/* this tick's, then swapped */
	size_t			 ranks_size;	/* of both */
	pid_t			*rank_pids;	/* to read (ranks_size) */
	struct pids_info	*envinfo;	/* libproc2: a new member's environ */
	pid_t			*cand;		/* pids a partial tick re-reads */
	size_t			 ncand, candsize;
	double			 last_full;

	struct proc_prev	*prev, *next;	/* by pid: tics at the last tick */
	size_t			 nprev, nnext, prevsize;
	struct proc_sample	*procs;
	size_t			 nprocs, procsize;
	struct sys_sample	 sys;

	struct history		*hist;
	struct occ_core		*occ_cores;	/* this interval's credits */
	struct occ_core		*occ_scratch;
	pid_t			*occ_pid;
	float			*occ_share;
};

static double
boottime(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Room for cpus 0..n-1: a cpu with a higher number may be plugged in. */
static void
grow_cpus(struct sampler *s, int n)
{
	int	 i;

	if (n <= s->ncpus)
		return;
	s->base = xreallocarray(s->base, (size_t)n, sizeof *s->base);
	s->have_base = xreallocarray(s->have_base, (size_t)n,
	    sizeof *s->have_base);
	s->cpus = xreallocarray(s->cpus, (size_t)n, sizeof *s->cpus);
	s->occ_cores = xreallocarray(s->occ_cores, (size_t)n,
	    sizeof *s->occ_cores);
	s->occ_scratch = xreallocarray(s->occ_scratch, (size_t)n,
	    sizeof *s->occ_scratch);
	s->occ_pid = xreallocarray(s->occ_pid, (size_t)n, sizeof *s->occ_pid);
	s->occ_share = xreallocarray(s->occ_share, (size_t)n,
	    sizeof *s->occ_share);
	for (i = s->ncpus; i < n; i++) {
		s->have_base[i] = 0;
		memset(&s->cpus[i], 0, sizeof s->cpus[i]);
		s->cpus[i].id = i;
	}
	s->ncpus = n;
	history_grow(s->hist, n);
}

struct sampler *
sampler_create(char **cause)
{
	struct sampler	*s;
	long		 n;

	s = xcalloc(1, sizeof *s);
	proc2_lock();
	s->cpu = cpu_reader_new(cause);
	s->proc = s->cpu != NULL ? proc_reader_new(cause) : NULL;
	if (s->proc != NULL && procps_meminfo_new(&s->mem) < 0)
		s->mem = NULL;
	s->hz = (double)procps_hertz_get();
	proc2_unlock();
	if (s->cpu == NULL || s->proc == NULL) {
		sampler_free(s);
		return NULL;
	}
	if (s->hz <= 0)
		s->hz = 100;
	s->occ = occupy_new((long)s->hz);
	s->occ_ok = 1;
	s->tl = timeline_new();
	s->scope = SCOPE_WATCHED;
	s->total.id = -1;
	n = sysconf(_SC_NPROCESSORS_CONF);
	s->hist = history_new(0);
	grow_cpus(s, n > 0 ? (int)n : 1);
	return s;
}

void
sampler_free(struct sampler *s)
{
	if (s == NULL)
		return;
	occupy_free(s->occ);	/* first: the thread uses libproc2 */
	timeline_free(s->tl);
	proc2_lock();
	cpu_reader_free(s->cpu);
	proc_reader_free(s->proc);
	if (s->mem != NULL)
		procps_meminfo_unref(&s->mem);
	proc2_unlock();
	history_free(s->hist);
	free(s->base);
	free(s->have_base);
	free(s->cpus);
	free(s->watch);
	free(s->known);
	free(s->member);
	free(s->mpids);
	free(s->ranks);
	free(s->ranks_next);
	free(s->rank_pids);
	if (s->envinfo != NULL) {
		proc2_lock();
		procps_pids_unref(&s->envinfo);
		proc2_unlock();
	}
	free(s->cand);
	free(s->prev);
	free(s->next);
	free(s->procs);
	free(s->occ_cores);
	free(s->occ_scratch);
	free(s->occ_pid);
	free(s->occ_share);
	free(s);
}

void
sampler_set_scope(struct sampler *s, enum proc_scope scope)
{
	if (scope != s->scope) {
		s->watch_changed = 1;
		timeline_refollow(s->tl);
		/* The trace follows the watched from now, not the busiest. */
		if (scope == SCOPE_WATCHED)
			timeline_watch_only(s->tl, s->watch, s->nwatch);
	}
	s->scope = scope;
}

void
sampler_watch(struct sampler *s, pid_t pgid)
{
	size_t	 i;

	if (pgid <= 0)
		return;
	for (i = 0; i < s->nwatch; i++) {
		if (s->watch[i] == pgid)
			return;
	}
	if (s->nwatch == s->watchsize) {
		s->watchsize = s->watchsize * 2 + 4;
		s->watch = xreallocarray(s->watch, s->watchsize,
		    sizeof *s->watch);
	}
	s->watch[s->nwatch++] = pgid;
	s->watch_changed = 1;
	/* Its workers are followed from their birth, not from the next tick. */
	timeline_watch(s->tl, pgid);
}

void
sampler_flush(struct sampler *s)
{
	timeline_flush(s->tl);
}

void
sampler_unwatch(struct sampler *s, pid_t pgid)
{
	size_t	 i;

	for (i = 0; i < s->nwatch; i++) {
		if (s->watch[i] == pgid) {
			s->watch[i] = s->watch[--s->nwatch];
			s->watch_changed = 1;
			timeline_refollow(s->tl);
			return;
		}
	}
}

static int
watched(const struct sampler *s, pid_t pgid)
{
	size_t	 i;

	for (i = 0; i < s->nwatch; i++) {
		if (s->watch[i] == pgid)
			return 1;
	}
	return 0;
}

/* Per-cpu and total percentages from a fresh read of /proc/stat. */
static int
tick_cpus(struct sampler *s, char **cause)
{
	struct cpu_tics	 sum;
	struct cpu_line	*lines;
	int		 n, i, maxid = -1, rc;

	proc2_lock();
	rc = cpu_reader_read(s->cpu, &sum, &lines, &n, cause);
	proc2_unlock();
	if (rc != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (lines[i].id > maxid)
			maxid = lines[i].id;
	}
	grow_cpus(s, maxid + 1);

	tics_cpus_update(s->base, s->have_base, s->cpus, s->ncpus, lines, n);
	s->total.online = 1;
	if (!s->have_total)
		rc = TICS_RESET;
	else
		rc = tics_cpu_delta(&s->base_total, &sum, &s->total);
	if (rc != TICS_EMPTY) {
		s->base_total = sum;
		s->have_total = 1;
	}
	return 0;
}

/* qsort and bsearch, but an empty (maybe NULL) array is no call (UBSan). */
static void
sort_array(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static void *
find_in(const void *key, const void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n == 0)
		return NULL;
	return bsearch(key, base, n, size, cmp);
}

static int
pid_cmp(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static int
prev_cmp(const void *a, const void *b)
{
	const struct proc_prev	*x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static void
add_cand(struct sampler *s, size_t *n, pid_t pid)
{
	if (*n == s->candsize) {
		s->candsize = s->candsize * 2 + 32;
		s->cand = xreallocarray(s->cand, s->candsize, sizeof *s->cand);
	}
	s->cand[(*n)++] = pid;
}

/* Sort the candidates and drop duplicates; returns the new count. */
static size_t
uniq_cand(struct sampler *s, size_t n)
{
	size_t	 i, j;

	sort_array(s->cand, n, sizeof *s->cand, pid_cmp);
	for (i = j = 0; i < n; i++) {
		if (j == 0 || s->cand[j - 1] != s->cand[i])
			s->cand[j++] = s->cand[i];
	}
	return j;
}

/*
 * Which pids a partial tick re-reads; 0 if this tick must walk all of /proc.
 *  - SCOPE_ALL: always a walk (every row must be fresh).
 *  - SCOPE_WATCHED: the group leaders, the known members and their children.
 *  - SCOPE_BUSIEST: the rows shown last time and every process that used
 *    CPU in its last interval; a process that wakes up busy is seen at the
 *    next walk (BUSY_RESCAN), its %CPU then taken over its own interval.
 */
static size_t
tick_candidates(struct sampler *s)
{
	size_t	 n = 0, i;
	double	 rescan;

	rescan = s->scope == SCOPE_WATCHED ? WATCH_RESCAN : BUSY_RESCAN;
	if (s->scope == SCOPE_ALL || s->watch_changed || s->ticks == 0 ||
	    s->t - s->last_full >= rescan)
		return 0;
	if (s->scope == SCOPE_WATCHED) {
		for (i = 0; i < s->nwatch; i++)
			add_cand(s, &n, s->watch[i]);
		n = proc_children(getpid(), &s->cand, n, &s->candsize);
		for (i = 0; i < s->nknown; i++) {
			add_cand(s, &n, s->known[i]);
			n = proc_children(s->known[i], &s->cand, n,
			    &s->candsize);
		}
		return uniq_cand(s, n);
	}
	for (i = 0; i < s->nprocs; i++)
		add_cand(s, &n, s->procs[i].pid);
	for (i = 0; i < s->nprev; i++) {
		if (s->prev[i].hot)
			add_cand(s, &n, s->prev[i].pid);
	}
	n = uniq_cand(s, n);
	/* Most of the machine is busy: a walk is cheaper than reading by pid. */
	if (n > s->nprev / 3)
		return 0;
	return n;
}

/*
 * The rows of this tick: a walk of all /proc, or the candidates only (see
 * tick_candidates). *full says which. s->tp is when they were read.
 */
static int
tick_rows(struct sampler *s, struct proc_raw **rows, size_t *nrows,
    int *full, char **cause)
{
	size_t	 n;
	int	 rc;

	n = tick_candidates(s);
	*full = n == 0;
	if (*full && s->scope == SCOPE_WATCHED && s->nwatch == 0 &&
	    s->ticks > 0 && !s->watch_changed && s->t - s->last_full <
	    WATCH_RESCAN) {
		s->tp = now_mono();
		*nrows = 0;
		*full = 0;
		return 0;
	}
	proc2_lock();
	s->tp = now_mono();
	if (*full)
		rc = proc_reader_all(s->proc, rows, nrows, &s->sys, cause);
	else
		rc = proc_reader_some(s->proc, s->cand, n, rows, nrows, cause);
	s->tp = (s->tp + now_mono()) / 2;
	proc2_unlock();
	if (*full) {
		s->last_full = s->t;
		s->watch_changed = 0;
	}
	s->ncand = *full ? 0 : n;
	return rc;
}

/* Busiest first; then most CPU time; then by pid, so the order is stable. */
static int
proc_cmp(const void *a, const void *b)
{
	const struct proc_sample	*x = a, *y = b;

	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	if (x->time != y->time)
		return x->time < y->time ? 1 : -1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/*
 * %CPU of one row: tics gained since it was last read, over the time between
 * the two reads (a row may be re-read every tick or only at the next walk). A
 * pid not seen before (or reused: another start time) counts from 0 if it
 * started after the previous tick, else this read is only its baseline.
 */
static double
row_cpu(struct sampler *s, const struct proc_raw *r, unsigned long long *dtics)
{
	struct proc_prev	 key, *p;

	*dtics = 0;
	if (s->ticks == 0)
		return 0;
	key.pid = r->pid;
	p = find_in(&key, s->prev, s->nprev, sizeof *s->prev, prev_cmp);
	if (p != NULL && p->began == r->began) {
		if (r->tics > p->tics)
			*dtics = r->tics - p->tics;
		return tics_proc_cpu(p->tics, r->tics, s->hz, s->tp - p->tp);
	}
	if ((double)r->began / s->hz >= s->boot_prev - 1 / s->hz) {
		*dtics = r->tics;
		return tics_proc_cpu(0, r->tics, s->hz, s->tp - s->tp_prev);
	}
	return 0;
}

static int
in_cand(const struct sampler *s, pid_t pid)
{
	return find_in(&pid, s->cand, s->ncand, sizeof *s->cand,
	    pid_cmp) != NULL;
}

/*
 * After a partial tick, carry over the baselines of the processes that were
 * not re-read (they are still needed at the next walk); a candidate that did
 * not come back has gone, and its baseline goes with it.
 */
static void
carry_baselines(struct sampler *s)
{
	size_t	 i, n = s->nnext;

	for (i = 0; i < s->nprev; i++) {
		if (in_cand(s, s->prev[i].pid))
			continue;
		if (s->nnext == s->prevsize) {
			s->prevsize = s->prevsize * 2 + 64;
			s->next = xreallocarray(s->next, s->prevsize,
			    sizeof *s->next);
			s->prev = xreallocarray(s->prev, s->prevsize,
			    sizeof *s->prev);
		}
		s->next[s->nnext] = s->prev[i];
		s->next[s->nnext++].hot = 0;
	}
	if (s->nnext != n)
		sort_array(s->next, s->nnext, sizeof *s->next, prev_cmp);
}

/*
 * Which rows are the watched groups' members: those of their groups, and
 * what a member started in a group of its own, at any depth (mpirun puts
 * each rank in its own group; so does a shell with job control).
 */
static void
mark_members(struct sampler *s, const struct proc_raw *rows, size_t n)
{
	size_t	 i, nm, sorted;
	int	 more = 1;

	if (n > s->membersize) {
		s->membersize = n + 64;
		s->member = xreallocarray(s->member, s->membersize, 1);
		s->mpids = xreallocarray(s->mpids, s->membersize,
		    sizeof *s->mpids);
	}
	for (i = nm = 0; i < n; i++) {
		if ((s->member[i] = watched(s, rows[i].pgid)))
			s->mpids[nm++] = rows[i].pid;
	}
	while (more) {
		more = 0;
		sort_array(s->mpids, nm, sizeof *s->mpids, pid_cmp);
		sorted = nm;	/* this pass looks up those; the next, all */
		for (i = 0; i < n; i++) {
			if (!s->member[i] && rows[i].ppid > 0 &&
			    bsearch(&rows[i].ppid, s->mpids, sorted,
			    sizeof *s->mpids, pid_cmp) != NULL) {
				s->member[i] = 1;
				s->mpids[nm++] = rows[i].pid;
				more = 1;
			}
		}
	}
}

struct proc_rank_set {
	struct proc_rank	*v;
	size_t			 n;
};

static int
rank_cmp(const void *a, const void *b)
{
	return pid_cmp(&((const struct proc_rank *)a)->pid,
	    &((const struct proc_rank *)b)->pid);
}

/* read_ranks()'s callback: the rank of a process read. */
static void
rank_read(void *arg, pid_t pid, pid_t pgid, char **env)
{
	struct proc_rank_set	*set = arg;
	struct proc_rank	 key, *hit;

	(void)pgid;
	key.pid = pid;
	if ((hit = bsearch(&key, set->v, set->n, sizeof *set->v,
	    rank_cmp)) != NULL)
		hit->rank = proc_environ_empty(env) ? -2 :
		    proc_environ_rank(env);
}

/* Read the ranks not read yet among v (n, sorted by pid). */
static void
read_ranks(struct sampler *s, struct proc_rank *v, size_t n)
{
	struct proc_rank_set	 set = { v, n };
	size_t			 i, m = 0;

	for (i = 0; i < n; i++) {
		if (v[i].rank == -2) {
			v[i].rank = -1;
			s->rank_pids[m++] = v[i].pid;
		}
	}
	if (m > 0)
		proc_environ_each(&s->envinfo, s->rank_pids, m, rank_read,
		    &set);
}

/*
 * Each watched process's MPI rank (OMPI_COMM_WORLD_RANK in the environment
 * mpirun gave it), read once per process with libproc2: this tick's table
 * is built in ranks_next from the last (s->ranks), then they swap.
 */
static void
tick_ranks(struct sampler *s)
{
	struct proc_rank	*v, *hit, key;
	size_t			 i, k = 0;

	if (s->nprocs > s->ranks_size) {
		s->ranks_size = s->nprocs + 64;
		s->ranks_next = xreallocarray(s->ranks_next, s->ranks_size,
		    sizeof *s->ranks_next);
		s->ranks = xreallocarray(s->ranks, s->ranks_size,
		    sizeof *s->ranks);		/* its nranks kept */
		s->rank_pids = xreallocarray(s->rank_pids, s->ranks_size,
		    sizeof *s->rank_pids);
	}
	v = s->ranks_next;
	for (i = 0; i < s->nprocs; i++) {
		v[i].pid = s->procs[i].pid;
		v[i].rank = -2;
		memcpy(v[i].cmd, s->procs[i].cmd, sizeof v[i].cmd);
	}
	sort_array(v, s->nprocs, sizeof *v, rank_cmp);
	for (i = 0; i < s->nprocs; i++) {	/* both sorted by pid */
		while (k < s->nranks && s->ranks[k].pid < v[i].pid)
			k++;
		if (k < s->nranks && s->ranks[k].pid == v[i].pid &&
		    strcmp(s->ranks[k].cmd, v[i].cmd) == 0)
			v[i].rank = s->ranks[k].rank;
	}
	read_ranks(s, v, s->nprocs);
	for (i = 0; i < s->nprocs; i++) {
		key.pid = s->procs[i].pid;
		hit = bsearch(&key, v, s->nprocs, sizeof *v, rank_cmp);
		if (hit != NULL && hit->rank >= 0) {
			s->procs[i].has_rank = 1;
			s->procs[i].rank = hit->rank;
		}
	}
	s->ranks_next = s->ranks;
	s->ranks = v;
	s->nranks = s->nprocs;
}

static int
tick_procs(struct sampler *s, char **cause)
{
	struct proc_raw		*rows, *r;
	struct proc_sample	*p;
	struct proc_prev	*swap, *q;
	unsigned long long	 d;
	size_t			 nrows, i, need;
	int			 watching = s->scope == SCOPE_WATCHED, full;

	if (tick_rows(s, &rows, &nrows, &full, cause) != 0)
		return -1;
	need = nrows + (full ? 0 : s->nprev);
	if (need > s->prevsize) {
		s->prevsize = need + 64;
		s->next = xreallocarray(s->next, s->prevsize, sizeof *s->next);
		s->prev = xreallocarray(s->prev, s->prevsize, sizeof *s->prev);
	}
	if (nrows > s->procsize) {
		s->procsize = nrows + 64;
		s->procs = xreallocarray(s->procs, s->procsize,
		    sizeof *s->procs);
	}
	if (nrows > s->knownsize) {
		s->knownsize = nrows + 16;
		s->known = xreallocarray(s->known, s->knownsize,
		    sizeof *s->known);
	}
	memset(s->occ_cores, 0, (size_t)s->ncpus * sizeof *s->occ_cores);

	s->nprocs = s->nnext = s->nknown = 0;
	if (watching)
		mark_members(s, rows, nrows);
	for (i = 0; i < nrows; i++) {
		r = &rows[i];
		if (watching && !s->member[i])
			continue;
		p = &s->procs[s->nprocs++];
		p->pid = r->pid;
		p->ppid = r->ppid;
		p->has_rank = 0;
		p->pgid = r->pgid;
		p->state = r->state;
		p->cpu = row_cpu(s, r, &d);
		p->core = r->core;
		p->rss_kb = r->rss_kb;
		p->threads = r->threads;
		p->time = (double)r->tics / s->hz;
		memcpy(p->cmd, r->cmd, sizeof p->cmd);

		q = &s->next[s->nnext++];
		q->pid = r->pid;
		q->began = r->began;
		q->tics = r->tics;
		q->tp = s->tp;
		q->hot = d > 0;
		if (watching) {
			s->known[s->nknown++] = r->pid;
			if (r->core >= 0 && r->core < s->ncpus)
				tics_occ_add(&s->occ_cores[r->core], r->pid, d);
		}
	}
	sort_array(s->next, s->nnext, sizeof *s->next, prev_cmp);
	if (!full && !watching)
		carry_baselines(s);
	swap = s->prev;
	s->prev = s->next;
	s->next = swap;
	s->nprev = s->nnext;

	sort_array(s->procs, s->nprocs, sizeof *s->procs, proc_cmp);
	if (s->scope == SCOPE_BUSIEST && s->nprocs > SAMPLE_BUSIEST)
		s->nprocs = SAMPLE_BUSIEST;
	if (watching)
		tick_ranks(s);
	return 0;
}

/*
 * Per core: the watched process that used it most in the interval, and its
 * share. From the sub-sampler when it runs, else from this tick's rows (which
 * credit a whole interval to the core a process was on at its end).
 */
static void
tick_occupancy(struct sampler *s)
{
	unsigned long long	 tics;
	double			 full;
	int			 i;

	if (s->scope != SCOPE_WATCHED || timeline_is_exact(s->tl))
		occupy_set_pids(s->occ, NULL, 0);	/* idle the thread */
	else if (s->occ_ok) {
		if (occupy_set_pids(s->occ, s->known, s->nknown) != 0)
			s->occ_ok = 0;
		else if (occupy_take(s->occ, s->occ_scratch, s->ncpus) > 0)
			memcpy(s->occ_cores, s->occ_scratch,
			    (size_t)s->ncpus * sizeof *s->occ_cores);
	}
	full = s->occ_unit * s->interval;
	for (i = 0; i < s->ncpus; i++) {
		tics = 0;
		s->occ_pid[i] = s->scope == SCOPE_WATCHED ?
		    tics_occ_best(&s->occ_cores[i], &tics) : 0;
		if (s->occ_pid[i] == 0 || full <= 0)
			s->occ_share[i] = 0;
		else if ((double)tics >= full)
			s->occ_share[i] = 100;
		else
			s->occ_share[i] = (float)(100.0 * (double)tics / full);
	}
}

/* Load averages, uptime and memory, as top's summary lines. */
static void
tick_sys(struct sampler *s)
{
	double	 up, idle;

	proc2_lock();
	if (procps_loadavg(&s->sys.load[0], &s->sys.load[1],
	    &s->sys.load[2]) < 0)
		s->sys.load[0] = s->sys.load[1] = s->sys.load[2] = 0;
	if (procps_uptime(&up, &idle) >= 0)
		s->sys.uptime = up;
	if (s->mem != NULL) {
		s->sys.mem_total_kb = MEMINFO_GET(s->mem, MEMINFO_MEM_TOTAL,
		    ul_int);
		s->sys.mem_used_kb = MEMINFO_GET(s->mem, MEMINFO_MEM_USED,
		    ul_int);
		s->sys.mem_avail_kb = MEMINFO_GET(s->mem, MEMINFO_MEM_AVAILABLE,
		    ul_int);
		s->sys.swap_total_kb = MEMINFO_GET(s->mem, MEMINFO_SWAP_TOTAL,
		    ul_int);
		s->sys.swap_used_kb = MEMINFO_GET(s->mem, MEMINFO_SWAP_USED,
		    ul_int);
	}
	proc2_unlock();
}

/*
 * Take one sample: figures over the interval since the previous tick (zeros on
 * the first), then push them into the history. 0, or -1 and *cause.
 */
int
sampler_tick(struct sampler *s, char **cause)
{
	s->t = now_mono();
	s->interval = s->ticks > 0 ? s->t - s->t_prev : 0;
	if (tick_cpus(s, cause) != 0)
		return -1;
	if (tick_procs(s, cause) != 0)
		return -1;
	s->occ_unit = s->hz;
	if (timeline_tick(s->tl, s->t, s->interval, s->procs, s->nprocs,
	    s->scope == SCOPE_WATCHED, s->cpus, s->ncpus, s->occ,
	    s->occ_cores))
		s->occ_unit = 1e6;
	tick_occupancy(s);
	tick_sys(s);
	history_push(s->hist, s->t, &s->total, s->cpus, s->ncpus, s->occ_pid,
	    s->occ_share);
	s->t_prev = s->t;
	s->tp_prev = s->tp;
	s->boot_prev = boottime();
	s->ticks++;
	return 0;
}

double
sampler_time(const struct sampler *s)
{
	return s->t;
}

double
sampler_interval(const struct sampler *s)
{
	return s->interval;
}

int
sampler_ncpus(const struct sampler *s)
{
	return s->ncpus;
}

/* Cpu i (0 .. ncpus-1), or NULL out of range. */
const struct cpu_sample *
sampler_cpu(const struct sampler *s, int i)
{
	if (i < 0 || i >= s->ncpus)
		return NULL;
	return &s->cpus[i];
}

const struct cpu_sample *
sampler_total(const struct sampler *s)
{
	return &s->total;
}

size_t
sampler_nprocs(const struct sampler *s)
{
	return s->nprocs;
}

/* Row i, busiest first, or NULL out of range. */
const struct proc_sample *
sampler_proc(const struct sampler *s, size_t i)
{
	if (i >= s->nprocs)
		return NULL;
	return &s->procs[i];
}

const struct sys_sample *
sampler_sys(const struct sampler *s)
{
	return &s->sys;
}

size_t
history_len(const struct sampler *s)
{
	return history_count(s->hist);
}

double
history_busy(const struct sampler *s, int cpu, size_t i)
{
	const struct history_cell	*c = history_at(s->hist, cpu, i);

	return c != NULL ? c->busy : 0;
}

double
history_user(const struct sampler *s, int cpu, size_t i)
{
	const struct history_cell	*c = history_at(s->hist, cpu, i);

	return c != NULL ? c->user : 0;
}

double
history_system(const struct sampler *s, int cpu, size_t i)
{
	const struct history_cell	*c = history_at(s->hist, cpu, i);

	return c != NULL ? c->system : 0;
}

pid_t
history_occupant(const struct sampler *s, int cpu, size_t i)
{
	const struct history_cell	*c = history_at(s->hist, cpu, i);

	return c != NULL ? c->occupant : 0;
}

double
history_share(const struct sampler *s, int cpu, size_t i)
{
	const struct history_cell	*c = history_at(s->hist, cpu, i);

	return c != NULL ? c->share : 0;
}

double
history_time(const struct sampler *s, size_t i)
{
	return history_at_time(s->hist, i);
}

struct timeline *
sampler_tl(const struct sampler *s)
{
	return s->tl;
}
