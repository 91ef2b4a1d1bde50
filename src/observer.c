/*
 * observer.c: the observer's own cost and its effect on the observed (see
 * observer.h). turbotop's CPU comes from getrusage() (every thread, the
 * occupancy sub-sampler too), its memory from libproc2 (statm). A worker is
 * blocked on its output when it sleeps (state S or D) inside write(),
 * writev() or send*() on fd 1 or 2, as /proc/PID/syscall says: the system
 * call and its first argument, read by the kernel from the sleeping task.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "job.h"
#include "observer.h"
#include "sample-int.h"	/* proc2_lock */
#include "source.h"
#include "util.h"

#define RSS_EVERY	1.0	/* s between reads of our memory */

struct observer {
	double			 t;		/* monotonic s of the last tick */
	double			 cpu_s;		/* CPU s used by then */
	double			 cpu;		/* % of one core over the interval */
	unsigned long		 rss_kb;
	double			 rss_t;		/* when rss_kb was read */
	struct pids_info	*mem;		/* libproc2: our resident memory */

	struct job		*job;
	unsigned long long	 lines;		/* the job's line count then */
	double			 rate;

	int			 blocked, prev_blocked, workers, can_see;
};

struct observer *
observer_create(void)
{
	return xcalloc(1, sizeof (struct observer));
}

void
observer_free(struct observer *ob)
{
	if (ob == NULL)
		return;
	if (ob->mem != NULL) {
		proc2_lock();
		procps_pids_unref(&ob->mem);
		proc2_unlock();
	}
	free(ob);
}

static double
self_cpu_seconds(void)
{
	struct rusage	ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* Our resident memory in KiB, with libproc2 (0 if it cannot say). */
static unsigned long
self_rss_kb(struct observer *ob)
{
	enum pids_item		 items[] = { PIDS_MEM_RES };
	unsigned		 self = (unsigned)getpid();
	struct pids_fetch	*f;
	unsigned long		 kb = 0;

	proc2_lock();
	if (ob->mem == NULL && procps_pids_new(&ob->mem, items, 1) < 0)
		ob->mem = NULL;
	if (ob->mem != NULL && (f = procps_pids_select(ob->mem, &self, 1,
	    PIDS_SELECT_PID)) != NULL && f->counts->total > 0)
		kb = PIDS_VAL(0, ul_int, f->stacks[0], ob->mem);
	proc2_unlock();
	return kb;
}

/* A system call that writes to its first argument, a file descriptor. */
static int
is_write_call(long nr)
{
	switch (nr) {
	case SYS_write:
	case SYS_writev:
#ifdef SYS_pwrite64
	case SYS_pwrite64:
#endif
#ifdef SYS_sendto
	case SYS_sendto:
#endif
#ifdef SYS_sendmsg
	case SYS_sendmsg:
#endif
		return 1;
	}
	return 0;
}

/*
 * Is pid asleep in a write to its stdout or stderr? 1 yes, 0 no, -1 when
 * /proc/PID/syscall cannot be read (no right to trace it, or it is gone).
 */
static int
blocked_on_output(pid_t pid)
{
	char	 path[64], buf[256], *end;
	long	 nr;
	unsigned long fd;
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	if (n == 0)
		return -1;
	buf[n] = '\0';
	nr = strtol(buf, &end, 10);
	if (end == buf || !is_write_call(nr))
		return 0;	/* "running", or another call */
	fd = strtoul(end, NULL, 16);
	return fd == 1 || fd == 2;
}

/* The job's workers (all but the leader, if it has others) that sleep writing. */
static void
count_blocked(struct observer *ob, const struct source *s, struct job *job)
{
	const struct proc_sample	*p;
	pid_t				 pgid = job_pgid(job);
	size_t				 i, n = source_nprocs(s);
	int				 others = 0, r;

	for (i = 0; i < n; i++) {
		p = source_proc(s, i);
		if (p->pgid == pgid && p->pid != pgid)
			others++;
	}
	ob->blocked = 0;
	ob->workers = 0;
	ob->can_see = 0;
	for (i = 0; i < n; i++) {
		p = source_proc(s, i);
		if (p->pgid != pgid || (others > 0 && p->pid == pgid))
			continue;
		ob->workers++;
		if (p->state != 'S' && p->state != 'D') {
			ob->can_see = 1;
			continue;
		}
		if ((r = blocked_on_output(p->pid)) >= 0)
			ob->can_see = 1;
		if (r == 1)
			ob->blocked++;
	}
}

void
observer_tick(struct observer *ob, const struct source *s, struct job *job)
{
	double			now = now_mono(), cpu = self_cpu_seconds(), dt;
	unsigned long long	lines = 0;

	dt = now - ob->t;
	if (ob->t > 0 && dt > 0)
		ob->cpu = 100 * (cpu - ob->cpu_s) / dt;
	/* Memory moves slowly: once a second is enough. */
	if (now - ob->rss_t >= RSS_EVERY || now < ob->rss_t) {
		ob->rss_kb = self_rss_kb(ob);
		ob->rss_t = now;
	}
	if (job != NULL)
		lines = job_lines_next(job);
	if (job != ob->job || ob->t <= 0 || dt <= 0 || lines < ob->lines)
		ob->rate = 0;
	else
		ob->rate = (lines - ob->lines) / dt;
	ob->prev_blocked = job == ob->job ? ob->blocked : 0;
	ob->blocked = ob->workers = 0;
	/* A stream's processes are not this machine's: nothing to look at. */
	if (job != NULL && job_state(job) != JOB_DONE &&
	    source_sampler(s) != NULL)
		count_blocked(ob, s, job);
	ob->job = job;
	ob->lines = lines;
	ob->t = now;
	ob->cpu_s = cpu;
}

double
observer_cpu(const struct observer *ob)
{
	return ob->cpu;
}

unsigned long
observer_rss_kb(const struct observer *ob)
{
	return ob->rss_kb;
}

double
observer_lines_rate(const struct observer *ob)
{
	return ob->rate;
}

int
observer_blocked(const struct observer *ob, int *workers)
{
	*workers = ob->workers;
	return ob->prev_blocked > 0 && ob->blocked > 0 ? ob->blocked : 0;
}

int
observer_can_see(const struct observer *ob)
{
	return ob->can_see;
}
