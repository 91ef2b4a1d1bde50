/*
 * job-sweep.c: finds the processes of a job that escaped its process group.
 *
 * Every job is started with TURBOTOP_JOB=ID/N/ in its environment, and every
 * descendant inherits it, whatever group or session it moves to (setsid,
 * double fork). A sweep reads each process's environment with libproc2 and
 * signals those carrying the marker: "TURBOTOP_JOB=ID/N/" finds one job,
 * "TURBOTOP_JOB=ID/" every job of one turbotop.
 *
 * A descendant can also clear its environment (env -i) after leaving its
 * group: sweep_tree() finds those by ancestry, for the watchdog once
 * turbotop is dead. The ancestry it starts from is turbotop's children as
 * the watchdog last saw them (sweep_roots(): job leaders and the orphans the
 * subreaper adopted), checked by start time against a reused pid.
 */
#include "config.h"

#include <libproc2/pids.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job-int.h"
#include "sample-int.h"
#include "util.h"

enum sweep_item {
	SWEEP_PID,
	SWEEP_PPID,
	SWEEP_ENV
};

static int
has_marker(char **env, const char *marker, size_t len)
{
	if (env == NULL)
		return 0;
	for (; *env != NULL; env++) {
		if (strncmp(*env, marker, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * Send sig to every process (but self and not_this) whose environment has an
 * entry starting with marker; with SWEEP_CHILDREN, to every child of ours
 * too (orphans that came to the subreaper, even with a scrubbed environment).
 * Returns how many were signalled. SWEEP_SHARED: take the data side's
 * libproc2 lock (its occupancy thread may be reading); the watchdog, a
 * single-threaded fork, must not (the lock may have been held at fork time).
 */
size_t
sweep_kill(const char *marker, int sig, pid_t not_this, int flags)
{
	enum pids_item		 items[] = { PIDS_ID_PID, PIDS_ID_PPID,
				     PIDS_ENVIRON_V };
	struct pids_info	*info = NULL;
	struct pids_stack	*stack;
	size_t			 len = strlen(marker), n = 0;
	pid_t			 pid, ppid, self = getpid();
	char			**env;
	int			 ours;

	if (flags & SWEEP_SHARED)
		proc2_lock();
	if (procps_pids_new(&info, items, nitems(items)) < 0) {
		if (flags & SWEEP_SHARED)
			proc2_unlock();
		return 0;
	}
	while ((stack = procps_pids_get(info, PIDS_FETCH_TASKS_ONLY)) != NULL) {
		pid = PIDS_VAL(SWEEP_PID, s_int, stack, info);
		ppid = PIDS_VAL(SWEEP_PPID, s_int, stack, info);
		env = PIDS_VAL(SWEEP_ENV, strv, stack, info);
		if (pid == self || pid == not_this)
			continue;
		ours = has_marker(env, marker, len) ||
		    ((flags & SWEEP_CHILDREN) && ppid == self);
		if (ours && kill(pid, sig) == 0)
			n++;
	}
	procps_pids_unref(&info);
	if (flags & SWEEP_SHARED)
		proc2_unlock();
	return n;
}

/*
 * The start times (tics after boot, as sweep_tree() reads them) of the
 * roots that have none yet, from libproc2; one that is gone keeps 0. Only
 * the watchdog asks (a single-threaded fork: its own libproc2 handle, kept
 * between its looks, no shared lock).
 */
static void
start_times(struct sweep_root *roots, size_t n)
{
	static struct pids_info	*info;
	enum pids_item		 items[] = { PIDS_ID_PID, PIDS_TICS_BEGAN };
	struct pids_fetch	*f;
	unsigned		 sel[SELECT_MAX];
	size_t			 i = 0, j, k, m;
	pid_t			 pid;

	if (info == NULL && procps_pids_new(&info, items, nitems(items)) < 0) {
		info = NULL;
		return;
	}
	while (i < n) {
		for (m = 0; i < n && m < SELECT_MAX; i++) {
			if (roots[i].start == 0)
				sel[m++] = (unsigned)roots[i].pid;
		}
		if (m == 0 || (f = procps_pids_select(info, sel, (int)m,
		    PIDS_SELECT_PID)) == NULL)
			continue;
		for (k = 0; k < (size_t)f->counts->total; k++) {
			pid = PIDS_VAL(0, s_int, f->stacks[k], info);
			for (j = 0; j < n; j++) {
				if (roots[j].pid == pid && roots[j].start == 0)
					roots[j].start = PIDS_VAL(1, ull_int,
					    f->stacks[k], info);
			}
		}
	}
}

/*
 * The children of pid (but not_this) with their start times, into *roots
 * (grown as needed); keeps the start time of a pid already in the old list.
 * Returns the new count. Cheap: one children file per thread of pid.
 */
size_t
sweep_roots(pid_t pid, pid_t not_this, struct sweep_root **roots, size_t n,
    size_t *size)
{
	pid_t			*kids = NULL;
	size_t			 nkids, ksize = 0, i, j, m = 0;
	struct sweep_root	*old = *roots, *out;

	nkids = proc_children(pid, &kids, 0, &ksize);
	out = nkids > 0 ? calloc(nkids, sizeof *out) : NULL;
	if (nkids > 0 && out == NULL) {
		free(kids);
		return n;	/* keep what we knew */
	}
	for (i = 0; i < nkids; i++) {
		if (kids[i] == not_this)
			continue;
		out[m].pid = kids[i];
		for (j = 0; j < n; j++) {
			if (old[j].pid == kids[i])
				out[m].start = old[j].start;
		}
		m++;
	}
	start_times(out, m);
	for (i = j = 0; i < m; i++) {	/* those gone meanwhile go */
		if (out[i].start != 0)
			out[j++] = out[i];
	}
	m = j;
	free(kids);
	free(old);
	*roots = out;
	*size = nkids;
	return m;
}

struct sweep_proc {
	pid_t			 pid, ppid, pgid;
	unsigned long long	 start;
	int			 ours;
};

/*
 * Send sig to every process descending from roots (still the same processes:
 * same start time), to every member of groups and its descendants, and to
 * every process carrying marker and its descendants; not to self or
 * not_this. Reads the whole table once, then follows parent links, so a
 * descendant that left its group and cleared its environment is found as
 * long as its parent chain reaches one of those. Returns how many were
 * signalled. For the watchdog (no shared lock: a single-threaded fork).
 */
size_t
sweep_tree(const char *marker, const pid_t *groups, size_t ngroups,
    const struct sweep_root *roots, size_t nroots, int sig, pid_t not_this)
{
	enum pids_item		 items[] = { PIDS_ID_PID, PIDS_ID_PPID,
				     PIDS_ID_PGRP, PIDS_TICS_BEGAN,
				     PIDS_ENVIRON_V };
	struct pids_info	*info = NULL;
	struct pids_stack	*stack;
	struct sweep_proc	*t = NULL, *tmp;
	size_t			 len = strlen(marker), n = 0, size = 0, i, j;
	size_t			 hit = 0;
	pid_t			 self = getpid();
	int			 changed;

	if (procps_pids_new(&info, items, nitems(items)) < 0)
		return 0;
	while ((stack = procps_pids_get(info, PIDS_FETCH_TASKS_ONLY)) != NULL) {
		if (n == size) {
			size = size == 0 ? 256 : size * 2;
			if ((tmp = realloc(t, size * sizeof *t)) == NULL)
				break;
			t = tmp;
		}
		t[n].pid = PIDS_VAL(0, s_int, stack, info);
		t[n].ppid = PIDS_VAL(1, s_int, stack, info);
		t[n].pgid = PIDS_VAL(2, s_int, stack, info);
		t[n].start = PIDS_VAL(3, ull_int, stack, info);
		t[n].ours = has_marker(PIDS_VAL(4, strv, stack, info), marker,
		    len);
		for (j = 0; j < ngroups && !t[n].ours; j++)
			t[n].ours = t[n].pgid == groups[j];
		for (j = 0; j < nroots && !t[n].ours; j++)
			t[n].ours = t[n].pid == roots[j].pid &&
			    t[n].start == roots[j].start;
		n++;
	}
	procps_pids_unref(&info);

	/* Down the parent links until nothing changes (depth passes). */
	do {
		changed = 0;
		for (i = 0; i < n; i++) {
			if (t[i].ours)
				continue;
			for (j = 0; j < n; j++) {
				if (t[j].ours && t[j].pid == t[i].ppid &&
				    t[j].pid != self) {
					t[i].ours = changed = 1;
					break;
				}
			}
		}
	} while (changed);

	for (i = 0; i < n; i++) {
		if (t[i].ours && t[i].pid != self && t[i].pid != not_this &&
		    t[i].pid > 1 && kill(t[i].pid, sig) == 0)
			hit++;
	}
	free(t);
	return hit;
}
