/*
 * job-watchdog.c: the guarantee that turbotop never leaves a process behind,
 * even when it is SIGKILLed.
 *
 * jobs_init() forks this tiny process. It holds one end of a socket pair
 * (a pipe would raise SIGPIPE in turbotop once the watchdog is killed; send()
 * takes MSG_NOSIGNAL) whose other end only turbotop holds (close-on-exec,
 * and closed in every job).
 * turbotop writes each process group it starts into the pipe (and says when
 * one is gone). When the watchdog reads end of file, or notices its parent
 * changed, turbotop is dead: it SIGKILLs every recorded group, then sweeps
 * every process still carrying this turbotop's TURBOTOP_JOB marker in its
 * environment (descendants that left their group: setsid, daemons), and exits.
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
#include "util.h"

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
watchdog_fire(pid_t *groups, size_t n, const char *marker)
{
	struct timespec	ts = { 0, 50 * 1000 * 1000 };
	size_t		i;
	int		pass;

	for (pass = 0; pass < 20; pass++) {
		for (i = 0; i < n; i++)
			kill(-groups[i], SIGKILL);
		if (sweep_kill(marker, SIGKILL, getpid(), 0) == 0 && pass > 0)
			break;
		nanosleep(&ts, NULL);
	}
	_exit(0);
}

static void __attribute__((noreturn))
watchdog_main(int fd, pid_t parent, const char *marker)
{
	struct watchdog_msg	 m;
	struct pollfd		 pfd;
	pid_t			*groups = NULL;
	size_t			 n = 0, size = 0, i;
	ssize_t			 r;

	for (;;) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 500) == 0) {
			if (getppid() != parent)
				watchdog_fire(groups, n, marker);
			continue;
		}
		r = read(fd, &m, sizeof m);
		if (r == -1 && errno == EINTR)
			continue;
		if (r != (ssize_t)sizeof m)
			watchdog_fire(groups, n, marker);
		if (m.op == 'G') {
			if (n == size) {
				size = size == 0 ? 16 : size * 2;
				groups = realloc(groups, size * sizeof *groups);
				if (groups == NULL)
					watchdog_fire(NULL, 0, marker);
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
			watchdog_fire(NULL, 0, marker);
		watchdog_main(p[0], parent, marker);
	}
	jobsig_restore(&old);
	close(p[0]);
	wd_fd = p[1];
	return 0;
}
