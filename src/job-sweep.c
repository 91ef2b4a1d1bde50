/*
 * job-sweep.c: finds the processes of a job that escaped its process group.
 *
 * Every job is started with TURBOTOP_JOB=ID/N/ in its environment, and every
 * descendant inherits it, whatever group or session it moves to (setsid,
 * double fork). A sweep reads each process's environment with libproc2 and
 * signals those carrying the marker: "TURBOTOP_JOB=ID/N/" finds one job,
 * "TURBOTOP_JOB=ID/" every job of one turbotop.
 */
#include "config.h"

#include <libproc2/pids.h>

#include <signal.h>
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
