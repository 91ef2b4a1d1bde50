/*
 * trace.c: the exact timeline's source (trace.h): the scheduler's own record.
 *
 * Reading. The sched tracepoints (sched_switch, sched_wakeup,
 * sched_wakeup_new, sched_migrate_task, sched_process_fork,
 * sched_process_exit) and task:task_newtask where present, on every online
 * cpu, timestamps on CLOCK_MONOTONIC (the sampler's clock), from one of two
 * readers:
 *  - a tracefs instance of our own (trace-fs.c), where we may make one
 *    (root): the complete record. Its records name the thread only; its
 *    process comes from the thread's birth, or is looked up at the cut
 *    (ctx_pid, resolve_pids).
 *  - else perf_event_open (CAP_PERFMON, or perf_event_paranoid -1), all of
 *    one cpu's events writing into one mmap'ed ring buffer
 *    (PERF_EVENT_IOC_SET_OUTPUT); the kernel closes them when the process
 *    ends. On these machines perf drops every record made in a cpu's idle
 *    context on some cpus (trace-fs.c says more): the run of a task woken
 *    there is then taken from the cpu's previous record, too long.
 * The records are parsed with libtraceevent from the formats in tracefs;
 * tracefs is mounted at /sys/kernel/tracing when it is not and we may
 * (root), and left mounted: other tools expect it there, and unmounting
 * under them would break them.
 *
 * One thread drains the buffers (perf: woken at a quarter full; at least
 * every DRAIN_PERIOD), and tracer_take() drains them too; both under the
 * tracer's mutex. Each cpu's records wait in its own queue, in the order
 * the cpu wrote them (time order); they are applied in time order across
 * the cpus (drain), and only once no cpu can still deliver an older one
 * (older than when the drain began, less a margin). Records the kernel
 * dropped (perf's PERF_RECORD_LOST, tracefs's missed events) are counted:
 * "N events lost".
 *
 * The model. Per cpu: the task on it (a tid, 0 idle, -1 not known yet). Per
 * thread: R running (on a cpu), W runnable and waiting, S blocked or
 * sleeping, since when; the time of each state is added to the thread's
 * interval totals when it ends, or at the cut that ends an interval.
 *  - sched_switch: prev leaves its cpu, as W (preempted: prev_state R, an
 *    involuntary switch) or S (voluntary); next runs there.
 *  - On this kernel a cpu's switch out of idle is not traced (KERNEL-NOTES
 *    §1). So a wake-up (sched_wakeup, target_cpu C) of a task while C is
 *    idle starts the task on C right then; and any record on C in the
 *    context of a task (every record carries the current pid/tid) says that
 *    task runs on C: if the model had it elsewhere, it started there at the
 *    cpu's previous record.
 *  - sched_migrate_task counts a migration; sched_process_exit ends a thread.
 *  - task_newtask (in the parent's context) gives a new thread its process
 *    at once: the parent's when CLONE_THREAD, else its own tid.
 *
 * Following. The caller names the processes whose threads go into the store
 * (tracer_follow); the tracer adds, as it sees them, the children and
 * threads those processes make (newtask or fork in a followed process), so
 * a worker that lives less than one tick is followed from its birth. A
 * process stays followed until its exit has been taken into an interval.
 * sched_stat_runtime is left out: it is not needed, and perf counts it by
 * its runtime field
 * (__perf_count), so with a sample period of 1 it would make a sample per
 * nanosecond of run time - the buffers overflow at once.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <linux/perf_event.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event-parse.h>
#include <tracefs.h>

#include <libproc2/pids.h>

#include "sample-int.h"
#include "trace.h"
#include "trace-int.h"
#include "util.h"

#define CAP_PERFMON_BIT	38
#define CAP_SYS_ADMIN_BIT 21
#define BUF_PAGES	1024	/* data pages per cpu (a power of 2): 4 MiB,
				   halved down to 64 where the lock limit
				   refuses it (not root) */
#define BUF_PAGES_MIN	64
#define READER_NICE	-10	/* the reader thread's nice, where allowed */
#define DRAIN_PERIOD	50	/* ms between drains at the least */
#define ORDER_MARGIN	0.002	/* s: a record older than a drain's start
				   less this is in the buffers by then */
#define READER_LAG	0.15	/* s: the thread applies only records older
				   than this, so a tick can still cut before */
#define READER_START_WAIT 2.0	/* s tracer_new() waits for the recording */

#define CLONE_THREAD_FLAG 0x00010000	/* CLONE_THREAD, in task_newtask */

const char *const trace_ev_names[EV_NKINDS] = {
	"sched_switch", "sched_wakeup", "sched_wakeup_new",
	"sched_migrate_task", "sched_process_fork", "sched_process_exit",
	"task_newtask"
};
const char *const trace_ev_systems[EV_NKINDS] = {
	"sched", "sched", "sched", "sched", "sched", "sched", "task"
};

/* The fields read of each kind (NULL: none). */

struct th {
	pid_t		 tid, pid;	/* pid 0: not known yet */
	pid_t		 parent;	/* the process that made it (0: not seen) */
	char		 comm[16];
	char		 state;		/* R W S, ? not known yet */
	int		 cpu;		/* where it runs or last ran; -1 */
	double		 since;
	double		 run, wait, sleep;	/* this interval, s */
	unsigned	 mig, vol, invol;
	int		 dead;
	int		 asked;		/* its process was looked up */
	int		 fol;		/* th_followed(), as of generation */
	unsigned	 fgen;		/* tr->follow_gen (0: not known) */
	size_t		 run_idx;	/* + 1: its last entry in runs[] */
};


/* Whether CAP_PERFMON (or CAP_SYS_ADMIN) is in our effective set. */
static int
has_perfmon(void)
{
	FILE			*f;
	char			 line[256];
	unsigned long long	 caps = 0;

	if ((f = fopen("/proc/self/status", "re")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "CapEff:", 7) == 0)
			caps = strtoull(line + 7, NULL, 16);
	}
	fclose(f);
	return (caps >> CAP_PERFMON_BIT & 1) || (caps >> CAP_SYS_ADMIN_BIT & 1);
}

static int
paranoid(void)
{
	FILE	*f;
	int	 v = 2;

	if ((f = fopen("/proc/sys/kernel/perf_event_paranoid", "re")) == NULL)
		return v;
	if (fscanf(f, "%d", &v) != 1)
		v = 2;
	fclose(f);
	return v;
}

/*
 * System-wide tracepoints with their raw data need CAP_PERFMON (root has
 * it) or kernel.perf_event_paranoid at -1.
 */
int
tracer_allowed(char **cause)
{
	int	 level = paranoid();

	*cause = NULL;
	if (geteuid() == 0 || has_perfmon() || level <= -1)
		return 0;
	xasprintf(cause, "needs root or CAP_PERFMON; "
	    "kernel.perf_event_paranoid is %d", level);
	return -1;
}

/* ---- the thread table ---- */

static size_t
tid_hash(pid_t tid, size_t cap)
{
	return ((size_t)tid * 2654435761u) & (cap - 1);
}

static struct th *
th_find(struct tracer *tr, pid_t tid)
{
	size_t	 i;

	if (tr->tabcap == 0)
		return NULL;
	for (i = tid_hash(tid, tr->tabcap); tr->tab[i] != NULL;
	    i = (i + 1) & (tr->tabcap - 1)) {
		if (tr->tab[i]->tid == tid)
			return tr->tab[i];
	}
	return NULL;
}

static void
th_insert(struct th **tab, size_t cap, struct th *t)
{
	size_t	 i;

	for (i = tid_hash(t->tid, cap); tab[i] != NULL; i = (i + 1) & (cap - 1))
		;
	tab[i] = t;
}

/* Rebuild at cap entries, leaving out (and freeing) the dead. */
static void
th_rehash(struct tracer *tr, size_t cap, int drop_dead)
{
	struct th	**old = tr->tab;
	size_t		 oldcap = tr->tabcap, i;

	tr->tab = xcalloc(cap, sizeof *tr->tab);
	tr->tabcap = cap;
	tr->ntab = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		if (drop_dead && old[i]->dead && old[i]->state != 'R') {
			free(old[i]);
			continue;
		}
		th_insert(tr->tab, cap, old[i]);
		tr->ntab++;
	}
	free(old);
}

/* The thread tid, made (state not known, since the last cut) if new. */
static struct th *
th_get(struct tracer *tr, pid_t tid)
{
	struct th	*t;

	if ((t = th_find(tr, tid)) != NULL)
		return t;
	if ((tr->ntab + 1) * 2 > tr->tabcap)
		th_rehash(tr, tr->tabcap == 0 ? 1024 : tr->tabcap * 2, 0);
	t = xcalloc(1, sizeof *t);
	t->tid = tid;
	t->state = '?';
	t->cpu = -1;
	t->since = tr->cut;
	th_insert(tr->tab, tr->tabcap, t);
	tr->ntab++;
	return t;
}

static int
pid_cmp(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static int
followed(const struct tracer *tr, pid_t pid)
{
	return pid > 0 && tr->nfollow > 0 && bsearch(&pid, tr->follow,
	    tr->nfollow, sizeof *tr->follow, pid_cmp) != NULL;
}

/* The set changed: every thread's th_followed() is asked again. */
static void
follow_changed(struct tracer *tr)
{
	if (++tr->follow_gen == 0)
		tr->follow_gen = 1;
}

/* Add pid to the followed set (kept sorted); 1 if it was not there. */
static int
follow_add(struct tracer *tr, pid_t pid)
{
	size_t	 lo = 0, hi = tr->nfollow, mid;

	if (pid <= 0)
		return 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (tr->follow[mid] == pid)
			return 0;
		if (tr->follow[mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (tr->nfollow == tr->followsize) {
		tr->followsize = tr->followsize * 2 + 16;
		tr->follow = xreallocarray(tr->follow, tr->followsize,
		    sizeof *tr->follow);
	}
	memmove(tr->follow + lo + 1, tr->follow + lo,
	    (tr->nfollow - lo) * sizeof *tr->follow);
	tr->follow[lo] = pid;
	tr->nfollow++;
	follow_changed(tr);
	return 1;
}

/*
 * Whether t's time goes into the store: its process is followed, or, while
 * its process is not known yet, the process that made it.
 */
static int
th_followed(const struct tracer *tr, struct th *t)
{
	if (t->fgen != tr->follow_gen) {
		t->fol = followed(tr, t->pid > 0 ? t->pid : t->parent);
		t->fgen = tr->follow_gen;
	}
	return t->fol;
}

/*
 * t's process is pid. A thread made by a followed process is followed
 * from now (a child process: its own pid joins the set).
 */
static void
th_set_pid(struct tracer *tr, struct th *t, pid_t pid)
{
	if (pid <= 0 || t->pid == pid)
		return;
	t->pid = pid;
	t->fgen = 0;
	if (t->parent > 0 && followed(tr, t->parent))
		follow_add(tr, pid);
}

/*
 * A new thread t made by the process parent (the context of a fork or
 * newtask record); pid: t's process when known, else 0.
 */
static void
th_born(struct tracer *tr, struct th *t, pid_t parent, pid_t pid)
{
	if (parent > 0) {
		t->parent = parent;
		t->fgen = 0;
	}
	if (pid > 0)
		th_set_pid(tr, t, pid);
	else if (t->pid > 0 && followed(tr, t->parent))
		follow_add(tr, t->pid);
}

/*
 * After processes were added to the set: the threads the trace already saw
 * them make (before we were told to follow them) join too, transitively.
 */
static void
follow_closure(struct tracer *tr)
{
	struct th	*t;
	size_t		 i;
	int		 more = 1;

	while (more) {
		more = 0;
		for (i = 0; i < tr->tabcap; i++) {
			t = tr->tab[i];
			if (t != NULL && t->pid > 0 && t->parent > 0 &&
			    followed(tr, t->parent) && follow_add(tr, t->pid))
				more = 1;
		}
	}
}

static struct tcpu *
cpu_of(struct tracer *tr, int id)
{
	if (id < 0 || id >= tr->maxcpu || tr->cpu_index[id] < 0)
		return NULL;
	return &tr->cpus[tr->cpu_index[id]];
}

/* ---- the model ---- */

/* A run of t on cpu from start to end: totals, the run list, the record. */
static void
add_run(struct tracer *tr, struct th *t, int cpu, double start, double end)
{
	struct tl_run	*r;

	if (end <= start || cpu < 0)
		return;
	t->run += end - start;
	if (t->run_idx > 0 && tr->runs[t->run_idx - 1].cpu == cpu &&
	    tr->runs[t->run_idx - 1].tid == t->tid)
		tr->runs[t->run_idx - 1].ms += (end - start) * 1000;
	else {
		if (tr->nruns == tr->runsize) {
			tr->runsize = tr->runsize * 2 + 256;
			tr->runs = xreallocarray(tr->runs, tr->runsize,
			    sizeof *tr->runs);
		}
		r = &tr->runs[tr->nruns++];
		r->cpu = cpu;
		r->pid = t->pid;
		r->tid = t->tid;
		r->ms = (end - start) * 1000;
		t->run_idx = tr->nruns;
	}
	if (th_followed(tr, t))
		tl_store_segment_held(tr->store, cpu, t->pid, t->tid, start,
		    end);
}

/* End t's current state at time now (added to the totals). */
static void
close_state(struct tracer *tr, struct th *t, double now)
{
	double	 start = t->since;

	if (now <= start)
		return;
	switch (t->state) {
	case 'R':
		add_run(tr, t, t->cpu, start, now);
		break;
	case 'W':
		t->wait += now - start;
		break;
	case 'S':
		t->sleep += now - start;
		break;
	default:
		return;
	}
	if (th_followed(tr, t))
		tl_store_span_held(tr->store, t->tid, t->state, start, now);
	t->since = now;
}

/* t's state becomes st at now (on cpu for R). */
static void
set_state(struct tracer *tr, struct th *t, char st, int cpu, double now)
{
	if (t->state == st && (st != 'R' || t->cpu == cpu))
		return;
	if (now < t->since)
		now = t->since;		/* time is not counted twice */
	close_state(tr, t, now);
	t->state = st;
	t->since = now;
	if (st == 'R')
		t->cpu = cpu;
}

/* The idle time of c up to now, when it is idle. */
static void
close_idle(struct tcpu *c, double now)
{
	if (now <= c->since)
		return;
	if (c->curr == 0)
		c->idle += now - c->since;
	c->since = now;
}

/*
 * tid runs on c from now (0: c goes idle). Whoever the model had on c
 * stops there: as W if it still looks runnable.
 */
static void
cpu_set(struct tracer *tr, struct tcpu *c, pid_t tid, double now)
{
	struct th	*old;

	if (c->curr == tid)
		return;
	if (c->curr > 0 && (old = th_find(tr, c->curr)) != NULL &&
	    old->state == 'R' && old->cpu == c->id)
		set_state(tr, old, 'W', -1, now);
	close_idle(c, now);
	c->curr = tid;
}

/* t runs on c from now: it leaves whatever cpu the model had it on. */
static void
start_run(struct tracer *tr, struct th *t, struct tcpu *c, double now)
{
	struct tcpu	*other;

	if (t->state == 'R' && t->cpu == c->id && c->curr == t->tid)
		return;
	if (t->state == 'R' && t->cpu != c->id &&
	    (other = cpu_of(tr, t->cpu)) != NULL && other->curr == t->tid) {
		close_idle(other, now);
		other->curr = -1;
	}
	cpu_set(tr, c, t->tid, now);
	set_state(tr, t, 'R', c->id, now);
}

/*
 * Every record is in the context of the task current on its cpu. A task
 * the model did not have there started at the cpu's previous record (the
 * switch into it was not traced); an idle context only settles a cpu not
 * known yet (a woken task may be about to run there).
 */
static void
apply_context(struct tracer *tr, struct tcpu *c, const struct ev *e)
{
	struct th	*t;
	double		 from;

	if (e->ctx_tid == 0) {
		if (c->curr < 0)
			cpu_set(tr, c, 0, e->t);
		return;
	}
	t = th_get(tr, e->ctx_tid);
	th_set_pid(tr, t, e->ctx_pid);
	if (c->curr == e->ctx_tid && t->state == 'R')
		return;
	from = c->last > tr->cut ? c->last : tr->cut;
	if (from > e->t)
		from = e->t;
	if (t->state == 'R' && t->cpu != c->id && t->since > from)
		from = t->since;
	start_run(tr, t, c, from);
}

/*
 * The process of thread tid, for a reader that names only the thread (the
 * tracefs one): known from its birth, else its own id when that is a
 * followed process (its main thread), else 0 until the cut looks it up
 * (resolve_pids: libproc2 is read on the caller's thread only - from the
 * reader thread its thread-local buffers would leak when the thread ends).
 */
static pid_t
ctx_pid(struct tracer *tr, pid_t tid)
{
	struct th	*t = th_get(tr, tid);

	if (t->pid <= 0 && followed(tr, tid))
		th_set_pid(tr, t, tid);
	return t->pid;
}

/* At a cut: the process of each thread that ran and is not known, once. */
static void
resolve_pids(struct tracer *tr)
{
	static enum pids_item	 items[] = { PIDS_ID_TGID };
	struct pids_fetch	*f;
	struct th		*t;
	unsigned		 sel;
	size_t			 i;

	for (i = 0; i < tr->nruns; i++) {
		if (tr->runs[i].pid > 0 ||
		    (t = th_find(tr, tr->runs[i].tid)) == NULL ||
		    t->pid > 0 || t->asked)
			continue;
		t->asked = 1;
		sel = (unsigned)t->tid;
		proc2_lock();
		if (tr->pinfo == NULL &&
		    procps_pids_new(&tr->pinfo, items, 1) < 0)
			tr->pinfo = NULL;
		f = tr->pinfo != NULL ? procps_pids_select(tr->pinfo, &sel, 1,
		    PIDS_SELECT_PID) : NULL;
		if (f != NULL && f->counts->total == 1)
			th_set_pid(tr, t, PIDS_VAL(0, s_int, f->stacks[0],
			    tr->pinfo));
		proc2_unlock();
	}
}

static void
set_comm(struct th *t, const char *comm)
{
	size_t	 n = strnlen(comm, sizeof t->comm - 1);

	if (n > 0) {
		memcpy(t->comm, comm, n);
		t->comm[n] = '\0';
	}
}

static void
apply_switch(struct tracer *tr, struct tcpu *c, const struct ev *e)
{
	struct th	*prev, *next;
	int		 runnable = (e->state & 0xff) == 0;

	if (e->a > 0) {
		prev = th_get(tr, e->a);
		set_comm(prev, e->comm_a);
		if (e->ctx_tid == e->a)
			th_set_pid(tr, prev, e->ctx_pid);
		if (prev->state != 'R' || prev->cpu != c->id)
			start_run(tr, prev, c, c->last > tr->cut ? c->last :
			    tr->cut);
		set_state(tr, prev, runnable ? 'W' : 'S', -1, e->t);
		if (runnable)
			prev->invol++;
		else
			prev->vol++;
		if (th_followed(tr, prev))
			tl_store_name_held(tr->store, prev->pid, prev->tid,
			    prev->comm);
	}
	c->curr = e->a;		/* so cpu_set below does not re-close prev */
	if (e->b > 0) {
		next = th_get(tr, e->b);
		set_comm(next, e->comm_b);
		if (next->state == '?')
			next->state = 'W';	/* runnable since we know of it */
		/* A task started at its wake-up keeps that start. */
		if (next->state == 'R' && next->cpu == c->id && c->curr == 0)
			c->curr = next->tid;
		start_run(tr, next, c, e->t);
	} else
		cpu_set(tr, c, 0, e->t);
}

static void
apply_wakeup(struct tracer *tr, const struct ev *e)
{
	struct th	*t;
	struct tcpu	*target;

	t = th_get(tr, e->a);
	set_comm(t, e->comm_a);
	if (t->state == 'R')
		return;		/* woken before it got off its cpu */
	if (t->state == '?')
		t->state = 'S';	/* it slept since we know of it */
	set_state(tr, t, 'W', -1, e->t);
	t->cpu = e->c1;
	/* Woken onto an idle cpu: it runs there now (KERNEL-NOTES §1). */
	if ((target = cpu_of(tr, e->c1)) != NULL && target->curr == 0)
		start_run(tr, t, target, e->t);
}

static void
apply(struct tracer *tr, const struct ev *rec)
{
	struct tcpu	*c = cpu_of(tr, rec->cpu);
	struct th	*t;
	struct ev	 named = *rec;
	const struct ev	*e = &named;

	if (c == NULL)
		return;
	if (named.ctx_pid == 0 && named.ctx_tid > 0)
		named.ctx_pid = ctx_pid(tr, named.ctx_tid);
	/*
	 * A thread past the release of its pid (the last records of an
	 * exiting one: its final switch, the wake-up of its parent) is
	 * reported as tid -1: it names no thread, and no context is taken
	 * from it (a phantom thread -1 would run there).
	 */
	if (e->kind != EV_SWITCH && e->ctx_tid >= 0)
		apply_context(tr, c, e);
	if (e->kind != EV_SWITCH && (e->kind == EV_FORK ? e->b : e->a) <= 0) {
		c->last = e->t;
		return;		/* no thread named */
	}
	switch (e->kind) {
	case EV_SWITCH:
		apply_switch(tr, c, e);
		break;
	case EV_WAKEUP:
	case EV_WAKEUP_NEW:
		apply_wakeup(tr, e);
		break;
	case EV_MIGRATE:
		if (e->c1 == e->c2)
			break;
		t = th_get(tr, e->a);
		t->mig++;
		if (t->state != 'R')
			t->cpu = e->c2;
		break;
	case EV_FORK:
		/* Its process is known from newtask, else when it runs. */
		t = th_get(tr, e->b);
		set_comm(t, e->comm_b);
		t->since = e->t;	/* born now */
		th_born(tr, t, e->ctx_pid, 0);
		break;
	case EV_NEWTASK:
		t = th_get(tr, e->a);
		set_comm(t, e->comm_a);
		t->since = e->t;
		th_born(tr, t, e->ctx_pid, e->state & CLONE_THREAD_FLAG ?
		    e->ctx_pid : e->a);
		break;
	case EV_EXIT:
		th_get(tr, e->a)->dead = 1;
		break;
	default:
		break;
	}
	c->last = e->t;
}

/* ---- reading the buffers ---- */

/*
 * A number field of a record, read where its format puts it (the formats
 * are the running kernel's, in the host's byte order); dflt if the record
 * has no such field.
 */
static long long
field_num(const struct tep_format_field *f, const unsigned char *data,
    size_t len, long long dflt)
{
	int	 sgn;

	if (f == NULL || f->offset < 0 || (size_t)f->offset + (size_t)f->size >
	    len)
		return dflt;
	sgn = (f->flags & TEP_FIELD_IS_SIGNED) != 0;
	data += f->offset;
	switch (f->size) {
	case 1: {
		uint8_t	 v = *data;

		return sgn ? (long long)(int8_t)v : (long long)v;
	}
	case 2: {
		uint16_t v;

		memcpy(&v, data, sizeof v);
		return sgn ? (long long)(int16_t)v : (long long)v;
	}
	case 4: {
		uint32_t v;

		memcpy(&v, data, sizeof v);
		return sgn ? (long long)(int32_t)v : (long long)v;
	}
	case 8: {
		uint64_t v;

		memcpy(&v, data, sizeof v);
		return (long long)v;
	}
	default:
		return dflt;
	}
}

/* A string field, fixed (char[16]) or dynamic (__data_loc). */
static void
field_str(const struct tep_format_field *f, const unsigned char *data,
    size_t len, char out[16])
{
	unsigned long long	 loc;
	size_t			 off, n;

	out[0] = '\0';
	if (f == NULL)
		return;
	if (f->flags & TEP_FIELD_IS_DYNAMIC) {
		loc = (unsigned long long)field_num(f, data, len, -1);
		if (loc == (unsigned long long)-1)
			return;
		off = loc & 0xffff;
		n = (loc >> 16) & 0xffff;
		if (f->flags & TEP_FIELD_IS_RELATIVE)
			off += (size_t)f->offset + (size_t)f->size;
	} else {
		off = (size_t)f->offset;
		n = (size_t)f->size;
	}
	if (off >= len)
		return;
	if (n > len - off)
		n = len - off;
	if (n > 15)
		n = 15;
	memcpy(out, data + off, n);
	out[n] = '\0';
}

/* The kind of a record (EV_NKINDS: not ours), from its common_type. */
static int
record_kind(struct tracer *tr, const void *raw, size_t rawsize)
{
	struct tep_record	 rec;
	long long		 type;
	int			 k;

	if (tr->f_type != NULL)
		type = field_num(tr->f_type, raw, rawsize, -1);
	else {
		memset(&rec, 0, sizeof rec);
		rec.data = (void *)(uintptr_t)raw;
		rec.size = (int)rawsize;
		type = tep_data_type(tr->tep, &rec);
	}
	for (k = 0; k < EV_NKINDS; k++) {
		if (tr->ids[k] == type)
			break;
	}
	return k;
}

/*
 * The thread a record was made in, from its common_pid (for a reader whose
 * records do not carry it).
 */
pid_t
trace_record_tid(struct tracer *tr, const void *raw, size_t rawsize)
{
	struct tep_record	 rec;

	if (tr->f_pid != NULL)
		return (pid_t)field_num(tr->f_pid, raw, rawsize, -1);
	memset(&rec, 0, sizeof rec);
	rec.data = (void *)(uintptr_t)raw;
	rec.size = (int)rawsize;
	return (pid_t)tep_data_pid(tr->tep, &rec);
}

/*
 * One record's payload (raw, rawsize bytes) at ns on cpu, in the context of
 * thread tid of process pid (0: not known), into its cpu's queue. Only the
 * fields its kind uses are read (load_formats).
 */
void
trace_decode(struct tracer *tr, const void *raw, size_t rawsize, uint64_t ns,
    int cpu, pid_t pid, pid_t tid)
{
	const unsigned char	*d = raw;
	struct tcpu		*c;
	struct ev		*e;
	struct ev_fields	*f;
	int			 k;

	if ((k = record_kind(tr, raw, rawsize)) == EV_NKINDS ||
	    (c = cpu_of(tr, cpu)) == NULL)
		return;
	f = &tr->f[k];
	if (c->qn == c->qsize) {
		c->qsize = c->qsize * 2 + 4096;
		c->q = xreallocarray(c->q, c->qsize, sizeof *c->q);
	}
	e = &c->q[c->qn];
	e->t = (double)ns / 1e9;
	e->cpu = cpu;
	e->kind = (enum ev_kind)k;
	e->ctx_pid = pid;
	e->ctx_tid = tid;
	e->a = (pid_t)field_num(f->pid, d, rawsize, -1);
	e->b = (pid_t)field_num(f->pid2, d, rawsize, -1);
	e->c1 = (int)field_num(f->cpu, d, rawsize, -1);
	e->c2 = (int)field_num(f->cpu2, d, rawsize, -1);
	e->state = field_num(f->state, d, rawsize, 0);
	field_str(f->comm, d, rawsize, e->comm_a);
	field_str(f->comm2, d, rawsize, e->comm_b);
	if (c->qn > c->qstart && e->t < c->q[c->qn - 1].t)
		c->unsorted = 1;
	c->qn++;
}

/* One PERF_RECORD_SAMPLE of the perf reader. */
static void
decode_sample(struct tracer *tr, const unsigned char *p, size_t len)
{
	uint32_t		 pid, tid, cpu, rawsize;
	uint64_t		 time;

	/* TID, TIME, CPU, RAW in that order (sample_type below). */
	if (len < 8 + 8 + 8 + 8 + 4)
		return;
	p += 8;
	memcpy(&pid, p, 4);
	memcpy(&tid, p + 4, 4);
	memcpy(&time, p + 8, 8);
	memcpy(&cpu, p + 16, 4);
	memcpy(&rawsize, p + 24, 4);
	if (28 + 8 + (size_t)rawsize > len)
		return;
	trace_decode(tr, p + 28, rawsize, time, (int)cpu, (pid_t)pid,
	    (pid_t)tid);
}

/* Move every record of one cpu's buffer into its queue (c->q). */
static void
drain_cpu(struct tracer *tr, struct tcpu *c)
{
	struct perf_event_mmap_page	*pg = c->base;
	struct perf_event_header	 h;
	const unsigned char		*data, *rec;
	uint64_t			 head, tail, lost;
	size_t				 size = c->mapsize - tr->page;
	size_t				 off, first;

	if (c->base == NULL)
		return;
	data = (const unsigned char *)c->base + tr->page;
	head = __atomic_load_n(&pg->data_head, __ATOMIC_ACQUIRE);
	tail = pg->data_tail;
	while (tail + sizeof h <= head) {
		off = (size_t)(tail % size);
		first = size - off;
		if (first >= sizeof h)
			memcpy(&h, data + off, sizeof h);
		else {
			memcpy(&h, data + off, first);
			memcpy((unsigned char *)&h + first, data, sizeof h -
			    first);
		}
		if (h.size < sizeof h || tail + h.size > head)
			break;
		if (first >= h.size)
			rec = data + off;
		else {
			if (h.size > tr->copysize) {
				tr->copysize = h.size;
				tr->copy = xreallocarray(tr->copy, 1,
				    tr->copysize);
			}
			memcpy(tr->copy, data + off, first);
			memcpy(tr->copy + first, data, h.size - first);
			rec = tr->copy;
		}
		if (h.type == PERF_RECORD_SAMPLE)
			decode_sample(tr, rec, h.size);
		else if (h.type == PERF_RECORD_LOST && h.size >= 24) {
			memcpy(&lost, rec + 16, 8);
			tr->lost += lost;
		}
		tail += h.size;
	}
	__atomic_store_n(&pg->data_tail, tail, __ATOMIC_RELEASE);
}

static inline int
ev_before(const struct ev *x, const struct ev *y)
{
	return x->t < y->t || (x->t == y->t && x->cpu < y->cpu);
}

/*
 * A cpu writes its records in time order, nearly always: put the rare one
 * that came late in its place among those not applied (stable, and linear
 * when only a few are out of order).
 */
static void
queue_sort(struct tcpu *c)
{
	struct ev	 e;
	size_t		 i, j;

	for (i = c->qstart + 1; i < c->qn; i++) {
		if (!ev_before(&c->q[i], &c->q[i - 1]))
			continue;
		e = c->q[i];
		for (j = i; j > c->qstart && ev_before(&e, &c->q[j - 1]); j--)
			c->q[j] = c->q[j - 1];
		c->q[j] = e;
	}
	c->unsorted = 0;
}

static inline int
head_before(const struct tracer *tr, int x, int y)
{
	const struct tcpu	*a = &tr->cpus[x], *b = &tr->cpus[y];

	return ev_before(&a->q[a->qstart], &b->q[b->qstart]);
}

/* The heap of cpus (least next record first): h[i] sinks to its place. */
static void
heap_down(const struct tracer *tr, int *h, int n, int i)
{
	int	 l, m, tmp;

	for (;;) {
		m = i;
		l = 2 * i + 1;
		if (l < n && head_before(tr, h[l], h[m]))
			m = l;
		if (l + 1 < n && head_before(tr, h[l + 1], h[m]))
			m = l + 1;
		if (m == i)
			return;
		tmp = h[i];
		h[i] = h[m];
		h[m] = tmp;
		i = m;
	}
}

/*
 * Drain every buffer, then apply the records older than horizon in time
 * order (or, with cut >= 0, those up to cut, then the cut, then the rest up
 * to horizon). Each cpu's records wait in its own queue, in order; the next
 * one applied is the least of the queues' heads (a heap of the cpus), so
 * the records are never merged or moved but once. The store is held over
 * the whole batch.
 */
static void tracer_cut(struct tracer *, double);

static void
drain(struct tracer *tr, double cut, double lag)
{
	double		 horizon = now_mono() - lag;
	struct tcpu	*c;
	size_t		 m;
	int		 k, n = 0;

	for (k = 0; k < tr->ncpus; k++) {
		c = &tr->cpus[k];
		if (tr->inst != NULL)
			tfs_drain_cpu(tr, c);
		else
			drain_cpu(tr, c);
		if (c->unsorted)
			queue_sort(c);
		if (c->qn > c->qstart)
			tr->heap[n++] = k;
	}
	for (k = n / 2; k-- > 0;)
		heap_down(tr, tr->heap, n, k);
	tl_store_lock(tr->store);
	while (n > 0) {
		c = &tr->cpus[tr->heap[0]];
		if (cut >= 0 && c->q[c->qstart].t > cut) {
			tracer_cut(tr, cut);
			cut = -1;
		}
		if (c->q[c->qstart].t > horizon)
			break;
		apply(tr, &c->q[c->qstart]);
		if (++c->qstart == c->qn)
			tr->heap[0] = tr->heap[--n];
		heap_down(tr, tr->heap, n, 0);
	}
	if (cut >= 0)
		tracer_cut(tr, cut);
	tl_store_unlock(tr->store);
	/* Moved down once the applied part is the larger: amortised O(1). */
	for (k = 0; k < tr->ncpus; k++) {
		c = &tr->cpus[k];
		m = c->qn - c->qstart;
		if (c->qstart >= m) {
			if (m > 0)
				memmove(c->q, c->q + c->qstart, m * sizeof *c->q);
			c->qstart = 0;
			c->qn = m;
		}
	}
}

/*
 * Start recording, once: by the reader when it first runs, so that on a
 * loaded machine (where a new thread may wait a second for its first
 * slice) the buffers do not fill before it ever reads them; or by
 * tracer_new() if the reader is that late (a full buffer is then counted as
 * lost). tracer_new() returns only once the trace records, so a demo
 * started right after it is traced from its birth.
 */
static void
record_on(struct tracer *tr)
{
	int	k, i;

	pthread_mutex_lock(&tr->lock);
	if (!tr->recording) {
		tfs_start(tr);
		for (k = 0; k < tr->ncpus && tr->inst == NULL; k++) {
			for (i = 0; i < EV_NKINDS; i++) {
				if (tr->cpus[k].fds[i] != -1)
					ioctl(tr->cpus[k].fds[i],
					    PERF_EVENT_IOC_ENABLE, 0);
			}
		}
		tr->recording = 1;
		pthread_cond_broadcast(&tr->recording_cv);
	}
	pthread_mutex_unlock(&tr->lock);
}

/* Wait up to READER_START_WAIT for the reader to start recording. */
static void
record_wait(struct tracer *tr)
{
	struct timespec	 until;
	int		 rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)READER_START_WAIT;
	pthread_mutex_lock(&tr->lock);
	while (!tr->recording && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&tr->recording_cv, &tr->lock,
		    &until);
	pthread_mutex_unlock(&tr->lock);
	record_on(tr);
}

static void *
tracer_main(void *arg)
{
	struct tracer	*tr = arg;
	struct pollfd	*pfd;
	int		 k, n = tr->ncpus;

	/*
	 * A reader that falls behind loses events: where we may (root), run
	 * it a little ahead of ordinary tasks. Its work is small.
	 */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), READER_NICE);
	record_on(tr);
	/* The tracefs reader drains every DRAIN_PERIOD: no fd to wait on. */
	pfd = xcalloc((size_t)n + 1, sizeof *pfd);
	for (k = 0; k < n; k++) {
		pfd[k].fd = tr->inst == NULL ? tr->cpus[k].fds[0] : -1;
		pfd[k].events = POLLIN;
	}
	pfd[n].fd = tr->stop_pipe[0];
	pfd[n].events = POLLIN;
	for (;;) {
		if (poll(pfd, (nfds_t)n + 1, DRAIN_PERIOD) == -1 &&
		    errno != EINTR)
			break;
		if (pfd[n].revents != 0)
			break;
		pthread_mutex_lock(&tr->lock);
		drain(tr, -1, READER_LAG);
		pthread_mutex_unlock(&tr->lock);
	}
	free(pfd);
	return NULL;
}

/* ---- setting up ---- */

static int
perf_open(struct perf_event_attr *attr, int cpu, int group)
{
	return (int)syscall(SYS_perf_event_open, attr, -1, cpu, group,
	    PERF_FLAG_FD_CLOEXEC);
}

/* The events of one cpu; -1 (errno set) if it cannot be traced. */
static int
open_cpu(struct tracer *tr, struct tcpu *c)
{
	struct perf_event_attr	 attr;
	int			 k, fd;

	c->fds = xcalloc(EV_NKINDS, sizeof *c->fds);
	for (k = 0; k < EV_NKINDS; k++)
		c->fds[k] = -1;
	for (k = 0; k < EV_NKINDS; k++) {
		if (tr->ids[k] < 0)
			continue;
		memset(&attr, 0, sizeof attr);
		attr.size = sizeof attr;
		attr.type = PERF_TYPE_TRACEPOINT;
		attr.config = (uint64_t)tr->ids[k];
		attr.sample_period = 1;
		attr.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME |
		    PERF_SAMPLE_CPU | PERF_SAMPLE_RAW;
		attr.disabled = 1;
		attr.use_clockid = 1;
		attr.clockid = CLOCK_MONOTONIC;
		attr.watermark = 1;
		attr.wakeup_watermark = (uint32_t)(tr->pages * tr->page / 4);
		if ((fd = perf_open(&attr, c->id, -1)) == -1)
			return -1;
		c->fds[k] = fd;
		if (c->base == NULL) {
			for (;;) {
				c->mapsize = (tr->pages + 1) * tr->page;
				c->base = mmap(NULL, c->mapsize, PROT_READ |
				    PROT_WRITE, MAP_SHARED, fd, 0);
				if (c->base != MAP_FAILED)
					break;
				c->base = NULL;
				if ((errno != EPERM && errno != ENOMEM) ||
				    tr->pages <= BUF_PAGES_MIN)
					return -1;
				tr->pages /= 2;
			}
			continue;
		}
		if (ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, c->fds[0]) != 0)
			return -1;
	}
	return 0;
}

static void
close_cpu(struct tcpu *c)
{
	int	 k;

	if (c->base != NULL)
		munmap(c->base, c->mapsize);
	c->base = NULL;
	for (k = 0; c->fds != NULL && k < EV_NKINDS; k++) {
		if (c->fds[k] != -1)
			close(c->fds[k]);
	}
	free(c->fds);
	c->fds = NULL;
}

/* Parse DIR/events/SYSTEM/NAME/format into tep; quietly nothing if absent. */
static void
parse_format(struct tep_handle *tep, const char *dir, const char *system,
    const char *name)
{
	struct tep_event	*ev = NULL;
	char	 path[512], *buf;
	size_t	 len = 0, size = 8192;
	ssize_t	 n;
	int	 fd;

	snprintf(path, sizeof path, "%s/events/%s/%s/format", dir, system,
	    name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	buf = xmalloc(size);
	while ((n = read(fd, buf + len, size - len - 1)) > 0) {
		len += (size_t)n;
		if (len + 1 == size)
			buf = xreallocarray(buf, 1, size *= 2);
	}
	close(fd);
	buf[len] = '\0';
	if (len > 0)
		tep_parse_format(tep, &ev, buf, len, system);
	free(buf);
}

/* The formats of the sched events, from tracefs (mounted if need be). */
static int
load_formats(struct tracer *tr, char **cause)
{
	const char		*dir = NULL;
	struct ev_fields	*f;
	int			 k;

	tracefs_set_loglevel(TEP_LOG_NONE);
	/*
	 * tracefs_tracing_dir() mounts tracefs when it is not mounted and
	 * keeps the path; tracefs_tracing_dir_is_mounted() would hand back a
	 * copy its documentation says not to free (libtracefs 1.6 leaks it).
	 */
	if ((dir = tracefs_tracing_dir()) == NULL) {
		xasprintf(cause, "needs tracefs (mount -t tracefs nodev "
		    "/sys/kernel/tracing)");
		return -1;
	}
	/*
	 * Only our events' formats, parsed one by one: the whole system's
	 * (tracefs_local_events_system) would also load /proc/kallsyms, a
	 * tenth of a second of work we do not need.
	 */
	tr->tep = tep_alloc();
	for (k = 0; k < EV_NKINDS; k++)
		parse_format(tr->tep, dir, trace_ev_systems[k], trace_ev_names[k]);
	for (k = 0; k < EV_NKINDS; k++) {
		f = &tr->f[k];
		f->event = tep_find_event_by_name(tr->tep, trace_ev_systems[k],
		    trace_ev_names[k]);
		tr->ids[k] = f->event != NULL ? f->event->id : -1;
		if (f->event == NULL)
			continue;
		switch (k) {
		case EV_SWITCH:
			f->pid = tep_find_field(f->event, "prev_pid");
			f->comm = tep_find_field(f->event, "prev_comm");
			f->state = tep_find_field(f->event, "prev_state");
			f->pid2 = tep_find_field(f->event, "next_pid");
			f->comm2 = tep_find_field(f->event, "next_comm");
			break;
		case EV_WAKEUP:
		case EV_WAKEUP_NEW:
			f->pid = tep_find_field(f->event, "pid");
			f->comm = tep_find_field(f->event, "comm");
			f->cpu = tep_find_field(f->event, "target_cpu");
			break;
		case EV_MIGRATE:
			f->pid = tep_find_field(f->event, "pid");
			f->cpu = tep_find_field(f->event, "orig_cpu");
			f->cpu2 = tep_find_field(f->event, "dest_cpu");
			break;
		case EV_FORK:
			f->pid = tep_find_field(f->event, "parent_pid");
			f->pid2 = tep_find_field(f->event, "child_pid");
			f->comm2 = tep_find_field(f->event, "child_comm");
			break;
		case EV_NEWTASK:
			f->pid = tep_find_field(f->event, "pid");
			f->comm = tep_find_field(f->event, "comm");
			f->state = tep_find_field(f->event, "clone_flags");
			if (f->pid == NULL || f->state == NULL)
				tr->ids[k] = -1;	/* not this layout: fork only */
			break;
		default:	/* exit */
			f->pid = tep_find_field(f->event, "pid");
			f->comm = tep_find_field(f->event, "comm");
			break;
		}
	}
	/* The fields every record has, read directly (trace_record_tid). */
	if ((f = &tr->f[EV_SWITCH])->event != NULL) {
		tr->f_type = tep_find_common_field(f->event, "common_type");
		tr->f_pid = tep_find_common_field(f->event, "common_pid");
	}
	if (tr->ids[EV_SWITCH] < 0 || tr->f[EV_SWITCH].pid == NULL ||
	    tr->f[EV_SWITCH].pid2 == NULL || tr->f[EV_SWITCH].state == NULL ||
	    tr->ids[EV_WAKEUP] < 0 || tr->f[EV_WAKEUP].cpu == NULL) {
		xasprintf(cause, "needs sched_switch and sched_wakeup with "
		    "target_cpu");
		return -1;
	}
	return 0;
}

/* The online cpus, from sysfs ("0-3,5"); falls back to all configured. */
static int
online_cpus(int *ids, int max)
{
	FILE	*f;
	char	 buf[1024], *p, *end;
	long	 a, b;
	int	 n = 0;

	if ((f = fopen("/sys/devices/system/cpu/online", "re")) == NULL ||
	    fgets(buf, sizeof buf, f) == NULL) {
		if (f != NULL)
			fclose(f);
		for (n = 0; n < max; n++)
			ids[n] = n;
		return n;
	}
	fclose(f);
	for (p = buf; *p != '\0' && *p != '\n'; p = end) {
		a = strtol(p, &end, 10);
		b = a;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (; a <= b && n < max; a++)
			ids[n++] = (int)a;
		if (*end == ',')
			end++;
		else if (end == p)
			break;
	}
	return n;
}

struct tracer *
tracer_new(struct tl_store *store, char **cause)
{
	struct tracer		*tr;
	pthread_condattr_t	 cattr;
	sigset_t		 all, old;
	char			*fscause = NULL;
	long			 conf;
	int			*ids, n, k, i, rc;

	*cause = NULL;
	tr = xcalloc(1, sizeof *tr);
	pthread_mutex_init(&tr->lock, NULL);
	pthread_condattr_init(&cattr);
	pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
	pthread_cond_init(&tr->recording_cv, &cattr);
	pthread_condattr_destroy(&cattr);
	tr->stop_pipe[0] = tr->stop_pipe[1] = -1;
	tr->store = store;
	tr->follow_gen = 1;
	tr->page = (size_t)sysconf(_SC_PAGESIZE);
	tr->pages = BUF_PAGES;
	if (load_formats(tr, cause) != 0)
		goto fail;

	conf = sysconf(_SC_NPROCESSORS_CONF);
	if (conf < 1)
		conf = 1;
	ids = xcalloc((size_t)conf + 64, sizeof *ids);
	n = online_cpus(ids, (int)conf + 64);
	tr->maxcpu = 0;
	for (k = 0; k < n; k++) {
		if (ids[k] + 1 > tr->maxcpu)
			tr->maxcpu = ids[k] + 1;
	}
	tr->cpu_index = xcalloc((size_t)tr->maxcpu + 1, sizeof *tr->cpu_index);
	for (i = 0; i <= tr->maxcpu; i++)
		tr->cpu_index[i] = -1;
	tr->cpus = xcalloc((size_t)n, sizeof *tr->cpus);
	tr->heap = xcalloc((size_t)n + 1, sizeof *tr->heap);
	tr->t_idle = xcalloc((size_t)tr->maxcpu + 1, sizeof *tr->t_idle);
	tr->start = tr->cut = now_mono();
	/* The tracefs reader where we may make an instance (root). */
	for (k = 0; k < n; k++) {
		tr->cpus[k].id = ids[k];
		tr->cpus[k].curr = -1;
		tr->cpus[k].since = tr->cpus[k].last = tr->start;
		tr->cpu_index[ids[k]] = k;
	}
	tr->ncpus = n;
	if (tfs_open(tr, &fscause) == 0) {
		free(ids);
		goto started;
	}
	free(fscause);
	/* Else perf_event_open (CAP_PERFMON, or a lenient paranoid level). */
	for (k = 0; k < n; k++)
		tr->cpu_index[ids[k]] = -1;
	tr->ncpus = 0;
	for (k = 0; k < n; k++) {
		struct tcpu	*c = &tr->cpus[tr->ncpus];

		c->id = ids[k];
		c->curr = -1;
		c->since = c->last = tr->start;
		if (open_cpu(tr, c) != 0) {
			rc = errno;
			close_cpu(c);
			if (rc == EACCES || rc == EPERM)
				xasprintf(cause, "needs root or CAP_PERFMON; "
				    "perf_event_open: %s", strerror(rc));
			else if (rc != ENODEV && rc != EINVAL)
				xasprintf(cause, "cannot open the sched events "
				    "on cpu %d: %s", c->id, strerror(rc));
			if (*cause != NULL) {
				free(ids);
				goto fail;
			}
			continue;	/* went offline meanwhile */
		}
		tr->cpu_index[c->id] = tr->ncpus++;
	}
	free(ids);
	if (tr->ncpus == 0) {
		xasprintf(cause, "could not open the sched events on any cpu");
		goto fail;
	}
started:
	if (pipe2(tr->stop_pipe, O_CLOEXEC) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		goto fail;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&tr->thread, NULL, tracer_main, tr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		xasprintf(cause, "cannot start the tracer thread");
		goto fail;
	}
	tr->started = 1;
	record_wait(tr);
	return tr;

fail:
	tracer_free(tr);
	return NULL;
}

void
tracer_free(struct tracer *tr)
{
	size_t	 i;
	int	 k;

	if (tr == NULL)
		return;
	if (tr->started) {
		if (write(tr->stop_pipe[1], "x", 1) != 1)
			pthread_cancel(tr->thread);
		pthread_join(tr->thread, NULL);
	}
	for (k = 0; k < 2; k++) {
		if (tr->stop_pipe[k] != -1)
			close(tr->stop_pipe[k]);
	}
	tfs_close(tr);
	for (k = 0; k < tr->ncpus; k++) {
		close_cpu(&tr->cpus[k]);
		free(tr->cpus[k].q);
	}
	/* A cpu that failed half-way was closed where it failed. */
	if (tr->tep != NULL)
		tep_free(tr->tep);
	if (tr->pinfo != NULL) {
		proc2_lock();
		procps_pids_unref(&tr->pinfo);
		proc2_unlock();
	}
	for (i = 0; i < tr->tabcap; i++)
		free(tr->tab[i]);
	free(tr->tab);
	free(tr->cpus);
	free(tr->cpu_index);
	free(tr->copy);
	free(tr->heap);
	free(tr->runs);
	free(tr->follow);
	free(tr->t_runs);
	free(tr->t_acc);
	free(tr->t_gone);
	free(tr->t_idle);
	free(tr->t_follow);
	pthread_cond_destroy(&tr->recording_cv);
	pthread_mutex_destroy(&tr->lock);
	free(tr);
}

/* Add processes to the followed set, with what the trace saw them make. */
void
tracer_follow(struct tracer *tr, const pid_t *pids, size_t n)
{
	size_t	 i;
	int	 added = 0;

	pthread_mutex_lock(&tr->lock);
	for (i = 0; i < n; i++)
		added |= follow_add(tr, pids[i]);
	if (added)
		follow_closure(tr);
	pthread_mutex_unlock(&tr->lock);
}

/*
 * The set becomes pids (sorted), the caller's rows after a cut. A process
 * of the old set that is gone now was alive at the cut (follow_cut dropped
 * those whose exit it took): it ended since, and its last records - the
 * runs of the workers it made, its exit - are still pending. It stays
 * until its exit is taken; without it a demo that ends between the cut
 * and the caller's read of /proc would lose its workers' runs.
 */
void
tracer_refollow(struct tracer *tr, const pid_t *pids, size_t n)
{
	size_t	 i, j;
	int	 added = 0;

	pthread_mutex_lock(&tr->lock);
	for (i = j = 0; i < tr->nfollow; i++) {
		if ((n > 0 && bsearch(&tr->follow[i], pids, n, sizeof *pids,
		    pid_cmp) != NULL) ||
		    (kill(tr->follow[i], 0) == -1 && errno == ESRCH))
			tr->follow[j++] = tr->follow[i];
	}
	tr->nfollow = j;
	follow_changed(tr);
	for (i = 0; i < n; i++)
		added |= follow_add(tr, pids[i]);
	if (added)
		follow_closure(tr);
	pthread_mutex_unlock(&tr->lock);
}

size_t
tracer_followed(struct tracer *tr, const pid_t **pids)
{
	*pids = tr->t_follow;
	return tr->t_nfollow;
}

/*
 * At a cut: the set followed over the interval is kept for the caller; the
 * processes whose exit is now taken leave the set (their main thread has
 * exited and is off its cpu, or the process is gone without a trace of it).
 */
static void
follow_cut(struct tracer *tr)
{
	struct th	*h;
	size_t		 i, j;

	if (tr->nfollow > tr->t_followsize) {
		tr->t_followsize = tr->nfollow + 16;
		tr->t_follow = xreallocarray(tr->t_follow, tr->t_followsize,
		    sizeof *tr->t_follow);
	}
	if (tr->nfollow > 0)
		memcpy(tr->t_follow, tr->follow, tr->nfollow *
		    sizeof *tr->follow);
	tr->t_nfollow = tr->nfollow;
	for (i = j = 0; i < tr->nfollow; i++) {
		h = th_find(tr, tr->follow[i]);
		if (h != NULL ? h->dead && h->state != 'R' :
		    kill(tr->follow[i], 0) == -1 && errno == ESRCH)
			continue;
		tr->follow[j++] = tr->follow[i];
	}
	tr->nfollow = j;
	follow_changed(tr);
}

static int
acc_cmp(const void *a, const void *b)
{
	const struct tl_acc	*x = a, *y = b;

	return (x->tid > y->tid) - (x->tid < y->tid);
}

static void
push_acc(struct tl_acc **v, size_t *n, size_t *size, const struct th *t)
{
	struct tl_acc	*a;

	if (*n == *size) {
		*size = *size * 2 + 256;
		*v = xreallocarray(*v, *size, sizeof **v);
	}
	a = &(*v)[(*n)++];
	memset(a, 0, sizeof *a);
	a->pid = t->pid;
	a->tid = t->tid;
	memcpy(a->name, t->comm, sizeof a->name);
	a->core = t->cpu;
	a->state = t->dead ? 'X' : t->state == '?' ? 'S' : t->state;
	a->run_ms = t->run * 1000;
	a->wait_ms = t->wait * 1000;
	a->sleep_ms = t->sleep * 1000;
	a->migrations = t->mig;
	a->vol = t->vol;
	a->invol = t->invol;
}

/*
 * End the interval at t: every thread's and cpu's current state is added
 * up to t, the totals move to the taken copy, and the dead are dropped.
 */
static void
tracer_cut(struct tracer *tr, double t)
{
	struct th	*h;
	struct tcpu	*c;
	size_t		 i;
	int		 k, ndead = 0;

	if (t <= tr->cut)
		return;
	for (k = 0; k < tr->ncpus; k++) {
		c = &tr->cpus[k];
		close_idle(c, t);
		tr->t_idle[c->id] = c->idle * 1000;
		c->idle = 0;
	}
	tr->t_nacc = tr->t_ngone = 0;
	for (i = 0; i < tr->tabcap; i++) {
		if ((h = tr->tab[i]) == NULL)
			continue;
		if (!h->dead || h->state == 'R')
			close_state(tr, h, t);
		if (h->dead && h->state != 'R')
			ndead++;
		if (h->state == '?')
			h->since = t;
		if (h->dead)
			push_acc(&tr->t_gone, &tr->t_ngone, &tr->t_gonesize, h);
		else
			push_acc(&tr->t_acc, &tr->t_nacc, &tr->t_accsize, h);
		h->run = h->wait = h->sleep = 0;
		h->mig = h->vol = h->invol = 0;
		h->run_idx = 0;
	}
	if (tr->t_nacc > 1)
		qsort(tr->t_acc, tr->t_nacc, sizeof *tr->t_acc, acc_cmp);
	follow_cut(tr);
	/* The run pieces: pids learned after a piece was added are filled in. */
	resolve_pids(tr);
	if (tr->nruns > tr->t_runsize) {
		tr->t_runsize = tr->nruns + 256;
		tr->t_runs = xreallocarray(tr->t_runs, tr->t_runsize,
		    sizeof *tr->t_runs);
	}
	tr->t_nruns = 0;
	for (i = 0; i < tr->nruns; i++) {
		tr->t_runs[tr->t_nruns] = tr->runs[i];
		if (tr->runs[i].pid <= 0 &&
		    (h = th_find(tr, tr->runs[i].tid)) != NULL)
			tr->t_runs[tr->t_nruns].pid = h->pid;
		tr->t_nruns++;
	}
	tr->nruns = 0;
	if (ndead > 0)
		th_rehash(tr, tr->tabcap, 1);
	tr->cut = t;
}

/*
 * Close the interval at t. Records up to t are in the buffers a moment
 * after t (ORDER_MARGIN): wait for that moment if need be.
 */
void
tracer_take(struct tracer *tr, double t)
{
	struct timespec	 ts;
	double		 wait = t + ORDER_MARGIN - now_mono();

	if (wait > 0) {
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(wait * 1e9) + 1;
		nanosleep(&ts, NULL);
	}
	pthread_mutex_lock(&tr->lock);
	drain(tr, t, ORDER_MARGIN);
	pthread_mutex_unlock(&tr->lock);
}

void
tracer_flush(struct tracer *tr)
{
	struct timespec	 ts = { 0, (long)(ORDER_MARGIN * 1e9) };

	nanosleep(&ts, NULL);
	pthread_mutex_lock(&tr->lock);
	drain(tr, -1, ORDER_MARGIN);
	pthread_mutex_unlock(&tr->lock);
}

/* The taken interval's figures: touched only by the main thread. */
size_t
tracer_runs(struct tracer *tr, const struct tl_run **runs)
{
	*runs = tr->t_runs;
	return tr->t_nruns;
}

double
tracer_idle_ms(struct tracer *tr, int cpu)
{
	if (cpu < 0 || cpu >= tr->maxcpu)
		return 0;
	return tr->t_idle[cpu];
}

/*
 * A thread of the taken interval: alive at the cut, or ended within it (a
 * thread /proc still lists as a zombie, not yet reaped).
 */
int
tracer_thread(struct tracer *tr, pid_t tid, struct tl_acc *out)
{
	struct tl_acc	 key, *a;
	size_t		 i;

	key.tid = tid;
	if (tr->t_nacc > 0 && (a = bsearch(&key, tr->t_acc, tr->t_nacc,
	    sizeof *tr->t_acc, acc_cmp)) != NULL) {
		*out = *a;
		return 0;
	}
	for (i = 0; i < tr->t_ngone; i++) {
		if (tr->t_gone[i].tid == tid) {
			*out = tr->t_gone[i];
			return 0;
		}
	}
	return -1;
}

size_t
tracer_threads(struct tracer *tr, const struct tl_acc **acc)
{
	*acc = tr->t_acc;
	return tr->t_nacc;
}

size_t
tracer_gone(struct tracer *tr, const struct tl_acc **gone)
{
	*gone = tr->t_gone;
	return tr->t_ngone;
}

unsigned long long
tracer_lost(struct tracer *tr)
{
	unsigned long long	 n;

	pthread_mutex_lock(&tr->lock);
	n = tr->lost;
	pthread_mutex_unlock(&tr->lock);
	return n;
}
