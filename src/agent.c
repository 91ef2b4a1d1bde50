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

#include <libproc2/pids.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "event-write.h"
#include "job-int.h"
#include "sample-int.h"
#include "sample.h"
#include "util.h"

#define AGENT_MARKED_MAX	4096	/* marked processes followed */
#define AGENT_SWEEP_FOR		1.0	/* s: sweep until nothing is left */

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
};

static int agent_pipe[2] = { -1, -1 };

static void
agent_signal(int sig)
{
	int	 saved = errno;
	char	 c = (char)sig;

	if (write(agent_pipe[1], &c, 1) == -1) {
		/* A wake-up is already pending. */
	}
	errno = saved;
}

/* The marker is turbotop's own "ID/" ("PID.USEC/"): digits, '.', '/'. */
static int
marker_valid(const char *m)
{
	size_t	len = strlen(m);

	return len > 0 && len < 64 && strspn(m, "0123456789./") == len;
}

/* The value of NAME= in env, or NULL. */
static const char *
env_value(char **env, const char *name)
{
	size_t	len = strlen(name);

	for (; env != NULL && *env != NULL; env++) {
		if (strncmp(*env, name, len) == 0 && (*env)[len] == '=')
			return *env + len + 1;
	}
	return NULL;
}

static int
has_prefix(char **env, const char *prefix)
{
	size_t	len = strlen(prefix);

	for (; env != NULL && *env != NULL; env++) {
		if (strncmp(*env, prefix, len) == 0)
			return 1;
	}
	return 0;
}

/* Find this host's marked processes; watch their groups, note their ranks. */
static void
agent_scan(struct agent *a)
{
	enum pids_item		 items[] = { PIDS_ID_PID, PIDS_ID_PGRP,
				     PIDS_ENVIRON_V };
	struct pids_info	*info = NULL;
	struct pids_stack	*stack;
	const char		*r;
	char			**env;
	pid_t			 pid, pgid, self = getpid();
	size_t			 i;
	long			 rank;
	char			*end;

	a->nmarked = 0;
	proc2_lock();
	if (procps_pids_new(&info, items, nitems(items)) < 0) {
		proc2_unlock();
		return;
	}
	while ((stack = procps_pids_get(info, PIDS_FETCH_TASKS_ONLY)) != NULL) {
		pid = PIDS_VAL(0, s_int, stack, info);
		pgid = PIDS_VAL(1, s_int, stack, info);
		env = PIDS_VAL(2, strv, stack, info);
		if (pid == self || !has_prefix(env, a->marker) ||
		    a->nmarked == AGENT_MARKED_MAX)
			continue;
		rank = -1;
		if ((r = env_value(env, "OMPI_COMM_WORLD_RANK")) != NULL) {
			errno = 0;
			rank = strtol(r, &end, 10);
			if (errno != 0 || *end != '\0' || rank < 0 ||
			    rank > 0x7fffffff)
				rank = -1;
		}
		a->marked = xreallocarray(a->marked, a->nmarked + 1,
		    sizeof *a->marked);
		a->marked[a->nmarked].pid = pid;
		a->marked[a->nmarked++].rank = (int)rank;
		for (i = 0; i < a->ngroups && a->groups[i] != pgid; i++)
			;
		if (i == a->ngroups && pgid > 0) {
			a->groups = xreallocarray(a->groups, a->ngroups + 1,
			    sizeof *a->groups);
			a->groups[a->ngroups++] = pgid;
			proc2_unlock();
			sampler_watch(a->s, pgid);
			proc2_lock();
		}
	}
	procps_pids_unref(&info);
	proc2_unlock();
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
		pfd[1].fd = agent_pipe[0];
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
	struct sigaction	 sa;
	struct event		 e;
	char			*cause;
	double			 delay, next;
	int			 i, rc = 0;

	memset(&a, 0, sizeof a);
	if (o->agent_marker != NULL) {
		if (!marker_valid(o->agent_marker)) {
			fprintf(stderr, "turbotop: --agent: invalid marker\n");
			return 2;
		}
		xasprintf(&a.marker, "%s=%s", JOB_MARKER, o->agent_marker);
	}
	if (pipe(agent_pipe) != 0)
		fatal("pipe");
	for (i = 0; i < 2; i++) {
		fcntl(agent_pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(agent_pipe[i], F_SETFL, O_NONBLOCK);
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = agent_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);	/* a closed output: EPIPE, the end */

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
	return rc;
}
