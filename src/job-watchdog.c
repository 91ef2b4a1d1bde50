/*
 * job-watchdog.c: the guarantee that turbotop never leaves a process behind,
 * even when it is SIGKILLed.
 *
 * jobs_init() forks this tiny process. It holds one end of a socket pair
 * (a pipe would raise SIGPIPE in turbotop once the watchdog is killed; send()
 * takes MSG_NOSIGNAL) whose other end only turbotop holds (close-on-exec,
 * and closed in every job).
 * turbotop writes each process group it starts into the socket (and says
 * when one is gone). Every WD_SCAN seconds the watchdog also notes
 * turbotop's children (job leaders, and the orphans its subreaper adopted:
 * daemons that left their group) with their start times. When it reads end
 * of file, or notices its parent changed, turbotop is dead: it freezes
 * (SIGSTOP) and then SIGKILLs every recorded group, every noted child and
 * everything below them (sweep_tree: ancestry, so a daemon that did setsid
 * and env -i is found too), every process still carrying this turbotop's
 * TURBOTOP_JOB marker in its environment, removes turbotop's tracefs
 * instance (trace-fs.c), and exits. What it can miss: an
 * orphan adopted less than WD_SCAN before turbotop died, without the marker.
 *
 * It sits in a session of its own and ignores the terminal's signals, so a
 * ^C, a hangup or a kill of turbotop's process group cannot take it down
 * before it has done its work.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "job-int.h"
#include "trace.h"
#include "util.h"

#define WD_SCAN		0.1	/* seconds between looks at turbotop's children */

struct watchdog_msg {
	char	op;		/* 'G': record a group, 'g': forget it */
	pid_t	pgid;
};

static int	wd_fd = -1;
static pid_t	wd_pid = -1;

static void
send_msg(char op, pid_t pgid)
{
	struct watchdog_msg	m;
	ssize_t			n;

	if (wd_fd == -1)
		return;
	memset(&m, 0, sizeof m);
	m.op = op;
	m.pgid = pgid;
	do	/* one datagram a message */
		n = send(wd_fd, &m, sizeof m, MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
}

void
watchdog_record_group(pid_t pgid)
{
	send_msg('G', pgid);
}

void
watchdog_forget_group(pid_t pgid)
{
	send_msg('g', pgid);
}

pid_t
watchdog_pid(void)
{
	return wd_pid;
}

/* The reaper saw the watchdog exit (it should not): stop writing to it. */
void
watchdog_reaped(void)
{
	wd_pid = -1;
	if (wd_fd != -1)
		close(wd_fd);
	wd_fd = -1;
}

/*
 * Kill everything recorded and sweep for the marker, again until a sweep
 * finds nothing (a process between fork and exec can be missed once), at most
 * for about a second.
 */
static void __attribute__((noreturn))
watchdog_fire(pid_t *groups, size_t n, const struct sweep_root *roots,
    size_t nroots, const char *marker, pid_t parent)
{
	struct timespec	ts = { 0, 50 * 1000 * 1000 };
	size_t		i, last = 0, hit;
	int		pass;

	/*
	 * Freeze first: a stopped process keeps its parent link, so what it
	 * forked is still found below it on the next pass.
	 */
	for (pass = 0; pass < 5; pass++) {
		for (i = 0; i < n; i++)
			kill(-groups[i], SIGSTOP);
		hit = sweep_tree(marker, groups, n, roots, nroots, SIGSTOP, 0);
		if (pass > 0 && hit == last)
			break;
		last = hit;
	}
	for (pass = 0; pass < 20; pass++) {
		for (i = 0; i < n; i++)
			kill(-groups[i], SIGKILL);
		hit = sweep_tree(marker, groups, n, roots, nroots, SIGKILL, 0);
		if (sweep_kill(marker, SIGKILL, getpid(), 0) == 0 && hit == 0 &&
		    pass > 0)
			break;
		nanosleep(&ts, NULL);
	}
	/* turbotop's tracefs instance, if it made one (trace-fs.c). */
	tfs_sweep(parent);
	_exit(0);
}

static void __attribute__((noreturn))
watchdog_main(int fd, pid_t parent, const char *marker)
{
	struct watchdog_msg	 m;
	struct pollfd		 pfd;
	struct sweep_root	*roots = NULL;
	pid_t			*groups = NULL, self = getpid();
	size_t			 n = 0, size = 0, i, nroots = 0, rsize = 0;
	ssize_t			 r;
	double			 next = 0, now;

	for (;;) {
		if ((now = now_mono()) >= next) {
			nroots = sweep_roots(parent, self, &roots, nroots,
			    &rsize);
			next = now + WD_SCAN;
		}
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)(WD_SCAN * 1000)) == 0) {
			if (getppid() != parent)
				watchdog_fire(groups, n, roots, nroots,
				    marker, parent);
			continue;
		}
		r = read(fd, &m, sizeof m);
		if (r == -1 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof m)
			watchdog_fire(groups, n, roots, nroots, marker, parent);
		if (m.op == 'G') {
			if (n == size) {
				size = size == 0 ? 16 : size * 2;
				groups = realloc(groups, size * sizeof *groups);
				if (groups == NULL)
					watchdog_fire(NULL, 0, roots, nroots,
					    marker, parent);
			}
			groups[n++] = m.pgid;
		} else if (m.op == 'g') {
			for (i = 0; i < n; i++) {
				if (groups[i] == m.pgid) {
					groups[i] = groups[--n];
					break;
				}
			}
		}
	}
}

/*
 * Fork the watchdog. marker is the environment prefix every job of this
 * turbotop carries ("TURBOTOP_JOB=ID/"). -1 if it could not be started.
 */
int
watchdog_start(const char *marker)
{
	static const int	 quiet[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
				     SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE };
	int			 p[2], null;
	pid_t			 parent = getpid();
	sigset_t		 old;
	size_t			 i;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p) != 0)
		return -1;
	jobsig_block_all(&old);
	switch (wd_pid = fork()) {
	case -1:
		jobsig_restore(&old);
		close(p[0]);
		close(p[1]);
		return -1;
	case 0:
		jobsig_child_reset();
		for (i = 0; i < nitems(quiet); i++)
			signal(quiet[i], SIG_IGN);
		setsid();
		prctl(PR_SET_NAME, "turbotop-wd", 0, 0, 0);
		if (p[0] != 3) {
			dup2(p[0], 3);
			p[0] = 3;
		}
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		close_range(4, ~0U, 0);
		if (getppid() != parent)
			watchdog_fire(NULL, 0, NULL, 0, marker, parent);
		watchdog_main(p[0], parent, marker);
	}
	jobsig_restore(&old);
	close(p[0]);
	wd_fd = p[1];
	return 0;
}
