/*
 * agent.c: a host's side of cluster mode (issue 14).
 *
 *   turbotop --agent[=MARKER] [-d SECS] [--timeline=MODE]
 *
 * Started on each host by the watching turbotop over the rsh (ssh): writes
 * the event stream (event.h, always JSON) on standard output, a hello (this
 * host's name, cores, turbotop's version) then a sample every -d seconds,
 * until its standard input closes: the rsh went away, because turbotop quit,
 * was killed, or lost the connection. It opens no socket: ssh is the
 * transport and the authentication.
 *
 * With MARKER (the watching turbotop's "ID/" of TURBOTOP_JOB, which mpirun
 * passes to every rank with -x), each tick finds this host's processes that
 * carry TURBOTOP_JOB=MARKER, watches their process groups, and names each
 * one's MPI rank (OMPI_COMM_WORLD_RANK) in the sample: the agents see only
 * their own host's ranks. When the input closes, they are swept
 * (SIGKILL by the marker): nothing is left on the host.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "agent.h"
#include "event-write.h"
#include "job-int.h"
#include "sample.h"
#include "sample-int.h"	/* proc2_lock, SELECT_MAX */
#include "util.h"

#define AGENT_MARKED_MAX	4096	/* marked processes followed */
#define AGENT_SWEEP_FOR		1.0	/* s: sweep until nothing is left */

struct agent_seen;

struct agent_proc {
	pid_t	 pid;
	int	 rank;			/* -1: not a rank */
};

struct agent {
	char			*marker;	/* "TURBOTOP_JOB=ID/", or NULL */
	struct sampler		*s;
	struct event_writer	*w;
	struct agent_proc	*marked;
	size_t			 nmarked;
	pid_t			*groups;	/* watched */
	size_t			 ngroups;
	int			*ranks;		/* per process of the sample */
	size_t			 ranks_size;
	struct agent_seen	*seen;		/* every pid read, by pid */
	size_t			 nseen;
	struct pids_info	*list, *env;	/* libproc2: the pids; a new one's */
	pid_t			*pids;		/* the fresh ones, to read */
	size_t			 pids_size;
};

static int agent_stop_fd = -1;	/* util_stop_signals()'s pipe */

/* The marker is turbotop's own "ID/" ("PID.USEC/"): digits, '.', '/'. */
static int
marker_valid(const char *m)
{
	size_t	len = strlen(m);

	return len > 0 && len < 64 && strspn(m, "0123456789./") == len;
}

/* Watch pgid's processes in the samples (once). */
static void
agent_watch(struct agent *a, pid_t pgid)
{
	size_t	i;

	if (pgid <= 0)
		return;
	for (i = 0; i < a->ngroups; i++) {
		if (a->groups[i] == pgid)
			return;
	}
	a->groups = xreallocarray(a->groups, a->ngroups + 1,
	    sizeof *a->groups);
	a->groups[a->ngroups++] = pgid;
	sampler_watch(a->s, pgid);
}

/*
 * One pid's verdict: carries the marker or not, and its rank. Its
 * environment is what exec gave it, so it is read when the process is new
 * and, if it had no marker, once more at the next scan (a rank seen
 * between its daemon's fork and exec has the daemon's environment), and
 * again, a few times, while its environment reads empty (inside its exec:
 * proc_environ_empty; a kernel thread's always is): a tick costs a listing
 * of the processes, not every environment again.
 */
#define AGENT_EMPTY_MAX	4

struct agent_seen {
	pid_t	 pid;			/* 0: gone before it was read */
	int	 reads;			/* times its environment was read */
	int	 empties;		/* ... and read empty, not counted */
	int	 fresh;			/* to be read at this scan */
	int	 marked;
	int	 rank;			/* -1: not a rank */
	pid_t	 pgid;
	int	 found;			/* read at this scan */
};

/* What agent_read() needs to find and judge a process. */
struct agent_look {
	const struct agent	*a;
	struct agent_seen	*seen;
	size_t			 n;
	size_t			 mlen;	/* of the marker */
};

static int
seen_cmp(const void *x, const void *y)
{
	pid_t	a = ((const struct agent_seen *)x)->pid;
	pid_t	b = ((const struct agent_seen *)y)->pid;

	return a < b ? -1 : a > b;
}

/* agent_inspect()'s callback: a fresh process read; the marker? its rank? */
static void
agent_read(void *arg, pid_t pid, pid_t pgid, char **env)
{
	struct agent_look	*l = arg;
	struct agent_seen	 key, *s;
	char			**e;

	key.pid = pid;
	if ((s = bsearch(&key, l->seen, l->n, sizeof *s, seen_cmp)) == NULL ||
	    !s->fresh)
		return;
	s->found = 1;
	s->pgid = pgid;
	if (proc_environ_empty(env) && s->empties < AGENT_EMPTY_MAX) {
		s->empties++;
		s->reads--;		/* read again at the next scan */
	}
	s->rank = proc_environ_rank(env);
	for (e = env; e != NULL && *e != NULL; e++) {
		if (strncmp(*e, l->a->marker, l->mlen) == 0)
			s->marked = 1;
	}
}

/*
 * Read the fresh entries of s (n of them, sorted by pid) with libproc2:
 * group and environment. One gone meanwhile gets pid 0.
 */
static void
agent_inspect(struct agent *a, struct agent_seen *s, size_t n)
{
	struct agent_look	 l = { a, s, n, strlen(a->marker) };
	size_t			 i, m = 0;

	if (n > a->pids_size) {
		a->pids_size = n + 256;
		a->pids = xreallocarray(a->pids, a->pids_size, sizeof *a->pids);
	}
	for (i = 0; i < n; i++) {
		if (!s[i].fresh)
			continue;
		s[i].reads++;
		s[i].found = s[i].marked = 0;
		s[i].rank = -1;
		s[i].pgid = 0;
		a->pids[m++] = s[i].pid;
	}
	if (m > 0)
		proc_environ_each(&a->env, a->pids, m, agent_read, &l);
	for (i = 0; i < n; i++) {
		if (s[i].fresh && !s[i].found)
			s[i].pid = 0;
	}
}

/* Every process of the host but this one (libproc2), sorted; the count. */
static size_t
agent_pids(struct agent *a, struct agent_seen **pids, size_t *size)
{
	enum pids_item		 items[] = { PIDS_ID_PID };
	struct pids_fetch	*f;
	pid_t			 self = getpid(), pid;
	size_t			 n = 0;
	int			 j;

	proc2_lock();
	if (a->list == NULL && procps_pids_new(&a->list, items, 1) < 0)
		a->list = NULL;
	f = a->list != NULL ? procps_pids_reap(a->list,
	    PIDS_FETCH_TASKS_ONLY) : NULL;
	for (j = 0; f != NULL && j < f->counts->total; j++) {
		if ((pid = PIDS_VAL(0, s_int, f->stacks[j], a->list)) <= 0 ||
		    pid == self)
			continue;
		if (n == *size) {
			*size = *size == 0 ? 512 : *size * 2;
			*pids = xreallocarray(*pids, *size, sizeof **pids);
		}
		memset(&(*pids)[n], 0, sizeof **pids);
		(*pids)[n++].pid = pid;
	}
	proc2_unlock();
	if (n > 1)
		qsort(*pids, n, sizeof **pids, seen_cmp);
	return n;
}

/*
 * Find this host's marked processes: watch their groups, note their ranks.
 * A listing of the processes each tick; only those not seen before are
 * read (their environment, once).
 */
static void
agent_scan(struct agent *a)
{
	struct agent_seen	*old = a->seen, *seen = NULL;
	size_t			 nold = a->nseen, n, i = 0, k, size = 0, kept;

	n = agent_pids(a, &seen, &size);
	for (k = 0; k < n; k++) {
		while (i < nold && old[i].pid < seen[k].pid)
			i++;
		if (i < nold && old[i].pid == seen[k].pid) {
			seen[k] = old[i];
			seen[k].fresh = !seen[k].marked && seen[k].reads < 2;
		} else
			seen[k].fresh = 1;
	}
	free(old);
	agent_inspect(a, seen, n);

	a->nmarked = 0;
	for (k = kept = 0; k < n; k++) {
		if (seen[k].pid == 0)
			continue;	/* gone meanwhile */
		seen[kept] = seen[k];
		if (seen[kept].marked && a->nmarked < AGENT_MARKED_MAX) {
			a->marked = xreallocarray(a->marked, a->nmarked + 1,
			    sizeof *a->marked);
			a->marked[a->nmarked].pid = seen[kept].pid;
			a->marked[a->nmarked++].rank = seen[kept].rank;
			agent_watch(a, seen[kept].pgid);
		}
		kept++;
	}
	a->seen = seen;
	a->nseen = kept;
}

/* One sample record, its processes' ranks filled in. */
static int
agent_emit(struct agent *a)
{
	struct event	 e;
	size_t		 i, j;

	event_writer_sample(a->w, &e, a->s);
	if (a->marker != NULL && e.nprocs > 0) {
		if (e.nprocs > a->ranks_size) {
			a->ranks = xreallocarray(a->ranks, e.nprocs,
			    sizeof *a->ranks);
			a->ranks_size = e.nprocs;
		}
		for (i = 0; i < e.nprocs; i++) {
			a->ranks[i] = -1;
			for (j = 0; j < a->nmarked; j++) {
				if (a->marked[j].pid == e.procs[i].pid)
					a->ranks[i] = a->marked[j].rank;
			}
		}
		e.proc_ranks = a->ranks;
	}
	return event_write(a->w, &e);
}

/* Wait until deadline; 1 when standard input closed or a signal came. */
static int
agent_wait(double deadline)
{
	struct pollfd	 pfd[2];
	char		 buf[512];
	double		 left;
	ssize_t		 n;
	int		 rc;

	for (;;) {
		left = deadline - now_mono();
		if (left <= 0)
			return 0;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = agent_stop_fd;
		pfd[1].events = POLLIN;
		rc = poll(pfd, 2, (int)(left * 1000) + 1);
		if (rc < 0 && errno != EINTR)
			return 1;
		if (rc <= 0)
			continue;
		if (pfd[1].revents != 0)
			return 1;
		if (pfd[0].revents != 0) {
			n = read(STDIN_FILENO, buf, sizeof buf);
			if (n == 0 || (n < 0 && errno != EINTR &&
			    errno != EAGAIN))
				return 1;	/* closed: turbotop is gone */
		}
	}
}

/* Kill every process of ours on this host, until none is left (bounded). */
static void
agent_sweep(struct agent *a)
{
	double	end = now_mono() + AGENT_SWEEP_FOR;

	if (a->marker == NULL)
		return;
	while (sweep_kill(a->marker, SIGKILL, 0, SWEEP_SHARED) > 0 &&
	    now_mono() < end)
		usleep(20000);
}

int
agent_main(const struct options *o)
{
	struct agent		 a;
	struct event		 e;
	char			*cause;
	double			 delay, next;
	int			 rc = 0;

	memset(&a, 0, sizeof a);
	if (o->agent_marker != NULL) {
		if (!marker_valid(o->agent_marker)) {
			fprintf(stderr, "turbotop: --agent: invalid marker\n");
			return 2;
		}
		xasprintf(&a.marker, "%s=%s", JOB_MARKER, o->agent_marker);
	}
	/*
	 * No SA_RESTART: a write blocked on a full ssh pipe returns at
	 * SIGTERM, and the agent ends.
	 */
	if ((agent_stop_fd = util_stop_signals(0)) == -1)
		fatal("pipe");

	/* auto is sampled here: an agent costs its host no more than top. */
	if ((a.s = sampler_create(&cause)) == NULL ||
	    sampler_set_timeline(a.s, o->timeline == TIMELINE_AUTO ?
	    TIMELINE_SAMPLED : o->timeline, &cause) != 0) {
		fprintf(stderr, "turbotop: agent: %s\n", cause);
		free(cause);
		return 1;
	}
	sampler_set_scope(a.s, a.marker != NULL ? SCOPE_WATCHED :
	    SCOPE_BUSIEST);
	delay = options_delay(o, DELAY_TUI);
	a.w = event_writer_new(stdout, FORMAT_JSON);
	if (event_write_hello(a.w, o->full_argc, o->full_argv) != 0)
		goto out;
	if (a.marker != NULL)
		agent_scan(&a);
	if (sampler_tick(a.s, &cause) != 0)
		goto fail;
	next = now_mono() + delay;
	while (!agent_wait(next)) {
		if (a.marker != NULL)
			agent_scan(&a);
		if (sampler_tick(a.s, &cause) != 0)
			goto fail;
		if (agent_emit(&a) != 0)
			break;		/* EPIPE: turbotop is gone */
		next += delay;
		if (next < now_mono())
			next = now_mono() + delay;
	}
	goto out;

fail:
	fprintf(stderr, "turbotop: agent: %s\n", cause);
	free(cause);
	rc = 1;
out:
	agent_sweep(&a);
	memset(&e, 0, sizeof e);
	e.type = EVENT_END;
	e.t = event_writer_time(a.w, now_mono());
	e.status = rc;
	event_write(a.w, &e);
	event_writer_free(a.w);
	sampler_free(a.s);
	free(a.marker);
	free(a.marked);
	free(a.groups);
	free(a.ranks);
	free(a.seen);
	free(a.pids);
	proc2_lock();
	if (a.list != NULL)
		procps_pids_unref(&a.list);
	if (a.env != NULL)
		procps_pids_unref(&a.env);
	proc2_unlock();
	return rc;
}
