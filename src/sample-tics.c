/*
 * sample-tics.c: the interval arithmetic of the sampler, as pure functions of
 * raw counters (no libproc2, no clock), so that the unit tests can feed them
 * counters that go backwards, vanish or do not move.
 */
#include "config.h"

#include <string.h>

#include "sample-int.h"

/* Difference of one counter; a counter that went back counts as not moving. */
static unsigned long long
diff(unsigned long long prev, unsigned long long cur)
{
	return cur > prev ? cur - prev : 0;
}

static unsigned long long
total(const struct cpu_tics *t)
{
	return t->user + t->nice + t->system + t->idle + t->iowait + t->irq +
	    t->softirq + t->steal;
}

/*
 * Percentages of one core over the interval between two readings. guest and
 * guest_nice are not added: the kernel already counts them in user and nice.
 *
 * A single counter going back (iowait does so on NO_HZ kernels) is clamped to
 * no change. If the counters went back as a whole (the core was replugged, or
 * the numbers are not of the same core) the interval is meaningless: TICS_RESET,
 * all figures 0, and the caller takes cur as the new baseline. If nothing moved
 * (a zero-length interval) there is nothing to divide by: TICS_EMPTY, all 0,
 * and the caller keeps prev as the baseline so the next interval covers it.
 */
int
tics_cpu_delta(const struct cpu_tics *prev, const struct cpu_tics *cur,
    struct cpu_sample *out)
{
	unsigned long long	 d[8], sum = 0;
	double			 pct[8];
	int			 i, id = out->id, online = out->online;

	memset(out, 0, sizeof *out);
	out->id = id;
	out->online = online;
	if (total(cur) < total(prev))
		return TICS_RESET;

	d[0] = diff(prev->user, cur->user);
	d[1] = diff(prev->nice, cur->nice);
	d[2] = diff(prev->system, cur->system);
	d[3] = diff(prev->idle, cur->idle);
	d[4] = diff(prev->iowait, cur->iowait);
	d[5] = diff(prev->irq, cur->irq);
	d[6] = diff(prev->softirq, cur->softirq);
	d[7] = diff(prev->steal, cur->steal);
	for (i = 0; i < 8; i++)
		sum += d[i];
	if (sum == 0)
		return TICS_EMPTY;
	for (i = 0; i < 8; i++)
		pct[i] = 100.0 * (double)d[i] / (double)sum;

	out->user = pct[0];
	out->nice = pct[1];
	out->system = pct[2];
	out->idle = pct[3];
	out->iowait = pct[4];
	out->irq = pct[5];
	out->softirq = pct[6];
	out->steal = pct[7];
	out->busy = 100.0 - out->idle - out->iowait;
	if (out->busy < 0)
		out->busy = 0;
	return TICS_OK;
}

/*
 * Update every cpu from one read of /proc/stat (lines: the online cpus; ids
 * beyond ncpus are ignored, the caller grows first). A cpu missing from the
 * read is offline: zeros, online = 0, and its baseline is dropped, so that when
 * it comes back it reads zeros for one interval while a new baseline is taken
 * instead of a delta across the time it was away.
 */
void
tics_cpus_update(struct cpu_tics *base, int *have_base, struct cpu_sample *cpus,
    int ncpus, const struct cpu_line *lines, int nlines)
{
	int	 i, id, rc;

	for (i = 0; i < ncpus; i++)
		cpus[i].online = 0;
	for (i = 0; i < nlines; i++) {
		id = lines[i].id;
		if (id < 0 || id >= ncpus || cpus[id].online)
			continue;
		cpus[id].id = id;
		cpus[id].online = 1;
		if (!have_base[id]) {
			memset(&cpus[id], 0, sizeof cpus[id]);
			cpus[id].id = id;
			cpus[id].online = 1;
			rc = TICS_RESET;
		} else
			rc = tics_cpu_delta(&base[id], &lines[i].t, &cpus[id]);
		if (rc != TICS_EMPTY) {
			base[id] = lines[i].t;
			have_base[id] = 1;
		}
	}
	for (i = 0; i < ncpus; i++) {
		if (!cpus[i].online) {
			memset(&cpus[i], 0, sizeof cpus[i]);
			cpus[i].id = i;
			have_base[i] = 0;
		}
	}
}

/*
 * %CPU of one core used by a process whose cumulative tics went from prev to
 * cur over interval seconds, at hz tics a second. A counter that went back (the
 * pid was reused) or an empty interval gives 0.
 */
double
tics_proc_cpu(unsigned long long prev, unsigned long long cur, double hz,
    double interval)
{
	if (cur <= prev || hz <= 0 || interval <= 1e-6)
		return 0;
	return 100.0 * (double)(cur - prev) / hz / interval;
}

/*
 * Credit pid with tics on one core. A core keeps the OCC_SLOTS biggest users;
 * when full, a newcomer replaces the smallest only if it has more tics.
 */
void
tics_occ_add(struct occ_core *oc, pid_t pid, unsigned long long tics)
{
	int	 i, small = 0;

	if (pid <= 0 || tics == 0)
		return;
	for (i = 0; i < OCC_SLOTS; i++) {
		if (oc->c[i].pid == pid) {
			oc->c[i].tics += tics;
			return;
		}
	}
	for (i = 0; i < OCC_SLOTS; i++) {
		if (oc->c[i].pid == 0) {
			oc->c[i].pid = pid;
			oc->c[i].tics = tics;
			return;
		}
		if (oc->c[i].tics < oc->c[small].tics)
			small = i;
	}
	if (tics > oc->c[small].tics) {
		oc->c[small].pid = pid;
		oc->c[small].tics = tics;
	}
}

/* The process with most tics on the core (0 if none), and its tics. */
pid_t
tics_occ_best(const struct occ_core *oc, unsigned long long *tics)
{
	pid_t			 best = 0;
	unsigned long long	 most = 0;
	int			 i;

	for (i = 0; i < OCC_SLOTS; i++) {
		if (oc->c[i].pid != 0 && (oc->c[i].tics > most ||
		    (oc->c[i].tics == most && most > 0 && oc->c[i].pid < best))) {
			best = oc->c[i].pid;
			most = oc->c[i].tics;
		}
	}
	if (tics != NULL)
		*tics = most;
	return best;
}
