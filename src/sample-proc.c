/*
 * sample-proc.c: raw process rows from libproc2's pids API.
 *
 * Every item is taken from /proc/PID/stat alone (pid, ppid, pgid, state, tics,
 * start time, last cpu, rss in pages, threads, comm), so a row costs one small
 * read: top also reads statm and status for each process, which is most of the
 * difference in cost. Two ways in:
 *  - proc_reader_all(): the whole table (procps_pids_reap), with task counts;
 *  - proc_reader_some(): known pids only (procps_pids_select, which takes at
 *    most SELECT_MAX pids a call, so longer lists go in chunks), for watching
 *    process groups without walking /proc.
 * A process that vanishes between the listing and the read is simply absent.
 * proc_children() lists the children of a pid, which libproc2 does not provide:
 * it reads /proc/PID/task/TID/children of each thread (plain lists of pids).
 * proc_environ_each() reads known pids' environments (an MPI rank, turbotop's
 * marker), for the sampler and the cluster agent.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "sample-int.h"
#include "sanitize.h"
#include "util.h"

static enum pids_item proc_items[] = {
	PIDS_ID_PID,
	PIDS_ID_PPID,
	PIDS_ID_PGRP,
	PIDS_STATE,
	PIDS_TICS_ALL,
	PIDS_TICS_BEGAN,
	PIDS_PROCESSOR,
	PIDS_RSS,
	PIDS_NLWP,
	PIDS_CMD
};
enum {
	P_PID, P_PPID, P_PGRP, P_STATE, P_TICS, P_BEGAN, P_CPU, P_RSS, P_NLWP,
	P_CMD
};

struct proc_reader {
	struct pids_info	*info;
	unsigned long		 page_kb;
	struct proc_raw		*rows;
	size_t			 nrows, size;
	unsigned		*sel;
	size_t			 selsize;
};

struct proc_reader *
proc_reader_new(char **cause)
{
	struct proc_reader	*r;
	long			 pg;
	int			 rc;

	r = xcalloc(1, sizeof *r);
	rc = procps_pids_new(&r->info, proc_items, (int)nitems(proc_items));
	if (rc < 0) {
		xasprintf(cause, "cannot read processes (procps_pids_new: %s)",
		    strerror(-rc));
		free(r);
		return NULL;
	}
	pg = sysconf(_SC_PAGESIZE);
	r->page_kb = pg > 0 ? (unsigned long)pg / 1024 : 4;
	return r;
}

void
proc_reader_free(struct proc_reader *r)
{
	if (r == NULL)
		return;
	procps_pids_unref(&r->info);
	free(r->rows);
	free(r->sel);
	free(r);
}

/*
 * A process names itself (prctl, exec of any file name): its name passes the
 * sanitiser, then is cut to fit without splitting a character.
 */
static void
proc_cmd(char out[SAMPLE_CMD_MAX], const char *cmd)
{
	char	buf[SANITIZE_SIZE(SAMPLE_CMD_MAX)];
	size_t	len = strnlen(cmd, SAMPLE_CMD_MAX - 1), n;

	n = sanitize_line(buf, cmd, len);
	n = sanitize_cut(buf, n, SAMPLE_CMD_MAX - 1);
	memcpy(out, buf, n);
	out[n] = '\0';
}

/*
 * Append libproc2's stacks to our rows (valid until the next read); the
 * caller sets r->nrows to 0 before the first batch.
 */
static void
copy_rows(struct proc_reader *r, struct pids_fetch *f)
{
	struct pids_stack	*st;
	struct proc_raw		*p;
	const char		*cmd;
	int			 i, n = f->counts->total;

	if (r->nrows + (size_t)n > r->size) {
		r->size = r->nrows + (size_t)n + 64;
		r->rows = xreallocarray(r->rows, r->size, sizeof *r->rows);
	}
	for (i = 0; i < n; i++) {
		st = f->stacks[i];
		p = &r->rows[r->nrows++];
		p->pid = PIDS_VAL(P_PID, s_int, st, r->info);
		p->ppid = PIDS_VAL(P_PPID, s_int, st, r->info);
		p->pgid = PIDS_VAL(P_PGRP, s_int, st, r->info);
		p->state = PIDS_VAL(P_STATE, s_ch, st, r->info);
		if (p->state == '\0')
			p->state = '?';
		p->tics = PIDS_VAL(P_TICS, ull_int, st, r->info);
		p->began = PIDS_VAL(P_BEGAN, ull_int, st, r->info);
		p->core = PIDS_VAL(P_CPU, s_int, st, r->info);
		p->rss_kb = PIDS_VAL(P_RSS, ul_int, st, r->info) * r->page_kb;
		p->threads = PIDS_VAL(P_NLWP, s_int, st, r->info);
		cmd = PIDS_VAL(P_CMD, str, st, r->info);
		proc_cmd(p->cmd, cmd != NULL ? cmd : "?");
	}
}

/* Every process, and the task counts for the summary. 0, or -1 and *cause. */
int
proc_reader_all(struct proc_reader *r, struct proc_raw **rows, size_t *n,
    struct sys_sample *sys, char **cause)
{
	struct pids_fetch	*f;

	f = procps_pids_reap(r->info, PIDS_FETCH_TASKS_ONLY);
	if (f == NULL) {
		xasprintf(cause, "cannot read processes (procps_pids_reap: %s)",
		    strerror(errno));
		return -1;
	}
	r->nrows = 0;
	copy_rows(r, f);
	if (sys != NULL) {
		sys->tasks = f->counts->total;
		sys->running = f->counts->running;
		/* As top: idle kernel threads (I) count as sleeping. */
		sys->sleeping = f->counts->sleeping + f->counts->other;
		sys->stopped = f->counts->stopped;
		sys->zombie = f->counts->zombied;
	}
	*rows = r->rows;
	*n = r->nrows;
	return 0;
}

/*
 * The processes among pids that still exist, SELECT_MAX pids a call (libproc2
 * refuses more with EINVAL). 0, or -1 and *cause.
 */
int
proc_reader_some(struct proc_reader *r, const pid_t *pids, size_t npids,
    struct proc_raw **rows, size_t *n, char **cause)
{
	struct pids_fetch	*f;
	size_t			 i, at, chunk;

	*rows = r->rows;
	*n = r->nrows = 0;
	if (npids == 0)
		return 0;
	if (npids > r->selsize) {
		r->selsize = npids + 16;
		r->sel = xreallocarray(r->sel, r->selsize, sizeof *r->sel);
	}
	for (i = 0; i < npids; i++)
		r->sel[i] = (unsigned)pids[i];
	for (at = 0; at < npids; at += chunk) {
		chunk = npids - at < SELECT_MAX ? npids - at : SELECT_MAX;
		f = procps_pids_select(r->info, r->sel + at, (int)chunk,
		    PIDS_SELECT_PID);
		if (f == NULL) {
			xasprintf(cause, "cannot read processes "
			    "(procps_pids_select: %s)", strerror(errno));
			r->nrows = 0;
			return -1;
		}
		copy_rows(r, f);
	}
	*rows = r->rows;
	*n = r->nrows;
	return 0;
}

/* Append the pids listed in one task's children file. */
static size_t
task_children(const char *path, pid_t **out, size_t n, size_t *size)
{
	FILE	*f;
	long	 c;

	if ((f = fopen(path, "re")) == NULL)
		return n;
	while (fscanf(f, "%ld", &c) == 1) {
		if (c <= 0)
			continue;
		if (n == *size) {
			*size = *size * 2 + 16;
			*out = xreallocarray(*out, *size, sizeof **out);
		}
		(*out)[n++] = (pid_t)c;
	}
	fclose(f);
	return n;
}

/*
 * Append the children of every thread of pid to *out (growing it), from
 * /proc/PID/task/TID/children. A vanished pid has no children. Returns the
 * new count.
 */
size_t
proc_children(pid_t pid, pid_t **out, size_t n, size_t *size)
{
	char		 path[96];
	DIR		*d;
	struct dirent	*e;

	snprintf(path, sizeof path, "/proc/%ld/task", (long)pid);
	if ((d = opendir(path)) == NULL)
		return n;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%ld/task/%.20s/children",
		    (long)pid, e->d_name);
		n = task_children(path, out, n, size);
	}
	closedir(d);
	return n;
}

/*
 * Each of pids (n) that still exists, read with libproc2 (*info made on
 * first use, SELECT_MAX pids a call): fn(arg, pid, pgid, environment).
 * Takes proc2_lock().
 */
void
proc_environ_each(struct pids_info **info, const pid_t *pids, size_t n,
    void (*fn)(void *, pid_t, pid_t, char **), void *arg)
{
	enum pids_item		 items[] = { PIDS_ID_PID, PIDS_ID_PGRP,
				    PIDS_ENVIRON_V };
	unsigned		 sel[SELECT_MAX];
	struct pids_fetch	*f;
	struct pids_stack	*st;
	size_t			 at, m;
	int			 j;

	proc2_lock();
	if (*info == NULL && procps_pids_new(info, items,
	    (int)nitems(items)) < 0)
		*info = NULL;
	for (at = 0; *info != NULL && at < n; at += m) {
		for (m = 0; at + m < n && m < SELECT_MAX; m++)
			sel[m] = (unsigned)pids[at + m];
		if ((f = procps_pids_select(*info, sel, (int)m,
		    PIDS_SELECT_PID)) == NULL)
			continue;
		for (j = 0; j < f->counts->total; j++) {
			st = f->stacks[j];
			fn(arg, PIDS_VAL(0, s_int, st, *info),
			    PIDS_VAL(1, s_int, st, *info),
			    PIDS_VAL(2, strv, st, *info));
		}
	}
	proc2_unlock();
}

/*
 * Whether an environment read is empty (libproc2 gives "-" for an empty
 * /proc/PID/environ). A process in the middle of execve has its new
 * command but no environment yet (the kernel sets the new one up after
 * the name), so an empty read says nothing and is read again.
 */
int
proc_environ_empty(char **env)
{
	return env == NULL || env[0] == NULL ||
	    (strcmp(env[0], "-") == 0 && env[1] == NULL);
}

/* The MPI rank an environment names (OMPI_COMM_WORLD_RANK), or -1. */
int
proc_environ_rank(char **env)
{
	char	*end;
	long	 r;

	for (; env != NULL && *env != NULL; env++) {
		if (strncmp(*env, "OMPI_COMM_WORLD_RANK=", 21) != 0)
			continue;
		errno = 0;
		r = strtol(*env + 21, &end, 10);
		if (errno == 0 && end != *env + 21 && *end == '\0' && r >= 0 &&
		    r <= 0x7fffffff)
			return (int)r;
	}
	return -1;
}
