/*
 * sample-cpu.c: raw per-cpu tic counters from libproc2's stat API
 * (procps_stat_reap with STAT_REAP_CPUS_ONLY). Only the cumulative counters
 * are taken; the interval arithmetic is sample-tics.c's, so that counter
 * resets, hotplug and empty intervals are handled where they can be tested.
 * An offline cpu has no line in /proc/stat, so it is simply not returned.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libproc2/stat.h>

#include "sample-int.h"
#include "util.h"

static enum stat_item cpu_items[] = {
	STAT_TIC_ID,
	STAT_TIC_USER,
	STAT_TIC_NICE,
	STAT_TIC_SYSTEM,
	STAT_TIC_IDLE,
	STAT_TIC_IOWAIT,
	STAT_TIC_IRQ,
	STAT_TIC_SOFTIRQ,
	STAT_TIC_STOLEN
};
enum {
	I_ID, I_USER, I_NICE, I_SYSTEM, I_IDLE, I_IOWAIT, I_IRQ, I_SOFTIRQ,
	I_STEAL
};

struct cpu_reader {
	struct stat_info	*info;
	struct cpu_line		*lines;
	int			 nlines;
};

struct cpu_reader *
cpu_reader_new(char **cause)
{
	struct cpu_reader	*r;
	int			 rc;

	r = xcalloc(1, sizeof *r);
	if ((rc = procps_stat_new(&r->info)) < 0) {
		xasprintf(cause, "cannot read cpu statistics (procps_stat_new: "
		    "%s)", strerror(-rc));
		free(r);
		return NULL;
	}
	return r;
}

void
cpu_reader_free(struct cpu_reader *r)
{
	if (r == NULL)
		return;
	procps_stat_unref(&r->info);
	free(r->lines);
	free(r);
}

static void
stack_tics(struct stat_stack *st, struct stat_info *info, struct cpu_tics *t)
{
	(void)info;
	t->user = STAT_VAL(I_USER, ull_int, st, info);
	t->nice = STAT_VAL(I_NICE, ull_int, st, info);
	t->system = STAT_VAL(I_SYSTEM, ull_int, st, info);
	t->idle = STAT_VAL(I_IDLE, ull_int, st, info);
	t->iowait = STAT_VAL(I_IOWAIT, ull_int, st, info);
	t->irq = STAT_VAL(I_IRQ, ull_int, st, info);
	t->softirq = STAT_VAL(I_SOFTIRQ, ull_int, st, info);
	t->steal = STAT_VAL(I_STEAL, ull_int, st, info);
}

/*
 * Read /proc/stat through libproc2: the summary line into *sum and one line per
 * online cpu into *lines (valid until the next call). 0, or -1 and *cause.
 */
int
cpu_reader_read(struct cpu_reader *r, struct cpu_tics *sum,
    struct cpu_line **lines, int *n, char **cause)
{
	struct stat_reaped	*rp;
	struct stat_stack	*st;
	int			 i;

	rp = procps_stat_reap(r->info, STAT_REAP_CPUS_ONLY, cpu_items,
	    (int)nitems(cpu_items));
	if (rp == NULL || rp->summary == NULL || rp->cpus == NULL) {
		xasprintf(cause, "cannot read cpu statistics (procps_stat_reap: "
		    "%s)", strerror(errno));
		return -1;
	}
	stack_tics(rp->summary, r->info, sum);
	if (rp->cpus->total > r->nlines)
		r->lines = xreallocarray(r->lines, rp->cpus->total,
		    sizeof *r->lines);
	r->nlines = rp->cpus->total;
	for (i = 0; i < rp->cpus->total; i++) {
		st = rp->cpus->stacks[i];
		r->lines[i].id = STAT_VAL(I_ID, s_int, st, r->info);
		stack_tics(st, r->info, &r->lines[i].t);
	}
	*lines = r->lines;
	*n = r->nlines;
	return 0;
}
