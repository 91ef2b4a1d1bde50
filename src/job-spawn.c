/*
 * job-spawn.c: starting one run of a job, the tmux way. Signals are blocked
 * around fork; the child resets every handler and the mask, makes itself a
 * process group (under --pty: a session on a new terminal), takes the
 * capture sockets as stdout and stderr (stdin is /dev/null), asks to die
 * with turbotop (PR_SET_PDEATHSIG), closes every other fd and execs, or
 * says why it cannot and exits 127.
 *
 * The sockets are Unix stream socketpairs with SO_PASSCRED on turbotop's end
 * (see job-capture.c). The environment gets the job's TURBOTOP_JOB marker,
 * which every descendant inherits (see job-sweep.c), and PYTHONUNBUFFERED=1,
 * so Python programs stream their output live.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job-int.h"
#include "util.h"

extern char	**environ;

/* The environment of a job: ours, plus its marker and PYTHONUNBUFFERED. */
static char **
spawn_environ(char *marker)
{
	char	**env;
	size_t	  n = 0, i, j = 0;

	while (environ[n] != NULL)
		n++;
	env = xcalloc(n + 3, sizeof *env);
	for (i = 0; i < n; i++) {
		if (strncmp(environ[i], JOB_MARKER "=",
		    sizeof JOB_MARKER) == 0 ||
		    strncmp(environ[i], "PYTHONUNBUFFERED=", 17) == 0)
			continue;
		env[j++] = environ[i];
	}
	env[j++] = marker;
	env[j++] = (char *)"PYTHONUNBUFFERED=1";
	env[j] = NULL;
	return env;
}

/* In the child, after fork: become the job, or _exit(127). */
static void __attribute__((noreturn))
spawn_child(char **argv, char **env, pid_t parent, int out, int err,
    int slave)
{
	int	null;

	jobsig_child_reset();
	if (slave != -1) {
		setsid();
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
	} else {
		setpgid(0, 0);
		if ((null = open("/dev/null", O_RDONLY)) != -1)
			dup2(null, 0);
		dup2(out, 1);
		dup2(err, 2);
	}
	/* Die with turbotop even if the watchdog is late. */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != parent)
		_exit(127);
	close_range(3, ~0U, 0);
	execvpe(argv[0], argv, env);
	dprintf(2, "turbotop: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int
set_nonblock(int fd)
{
	int	flags = fcntl(fd, F_GETFL);

	return flags == -1 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/*
 * Start argv as a new process group whose stdout and stderr are the returned
 * channels chan[0] and chan[1] (under pty, one terminal: chan[0], chan[1]
 * NULL), with marker in its environment. The leader's pid, or -1 and *cause.
 */
pid_t
spawn(char **argv, char *marker, int pty, struct capture **chan, char **cause)
{
	struct winsize	 ws = { .ws_row = 24, .ws_col = 80 };
	int		 out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int		 master = -1, slave = -1;
	char		**env;
	sigset_t	 old;
	pid_t		 pid, parent = getpid();

	if (pty) {
		if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
			xasprintf(cause, "openpty: %s", strerror(errno));
			return -1;
		}
		fcntl(master, F_SETFD, FD_CLOEXEC);
		fcntl(slave, F_SETFD, FD_CLOEXEC);
		set_nonblock(master);
	} else {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, out) != 0 ||
		    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, err) != 0) {
			xasprintf(cause, "socketpair: %s", strerror(errno));
			goto fail;
		}
		if (capture_enable_creds(out[0]) != 0 ||
		    capture_enable_creds(err[0]) != 0) {
			xasprintf(cause, "SO_PASSCRED: %s", strerror(errno));
			goto fail;
		}
		set_nonblock(out[0]);
		set_nonblock(err[0]);
		shutdown(out[0], SHUT_WR);
		shutdown(err[0], SHUT_WR);
	}

	env = spawn_environ(marker);
	jobsig_block_all(&old);
	pid = fork();
	if (pid == 0)
		spawn_child(argv, env, parent, out[1], err[1], slave);
	if (pid == -1) {
		jobsig_restore(&old);
		free(env);
		xasprintf(cause, "fork: %s", strerror(errno));
		goto fail;
	}
	if (slave == -1)
		setpgid(pid, pid);	/* as the child does: no race with kill(-pid) */
	jobsig_track(pid);
	watchdog_record_group(pid);
	jobsig_restore(&old);
	free(env);

	if (slave != -1) {
		close(slave);
		chan[0] = capture_create(master, STREAM_OUT, 0, pid);
		chan[1] = NULL;
	} else {
		close(out[1]);
		close(err[1]);
		chan[0] = capture_create(out[0], STREAM_OUT, 1, pid);
		chan[1] = capture_create(err[0], STREAM_ERR, 1, pid);
	}
	return pid;

fail:
	if (master != -1)
		close(master);
	if (slave != -1)
		close(slave);
	if (out[0] != -1) {
		close(out[0]);
		close(out[1]);
	}
	if (err[0] != -1) {
		close(err[0]);
		close(err[1]);
	}
	return -1;
}
