/*
 * cluster-tui.c: the TUI across hosts (turbotop --hosts=... without -b).
 *
 * Cluster mode's batch side (cluster-batch.c) already merges the hosts'
 * agents into one event stream, every record marked with its host, plus
 * the hosts' state records; and the TUI already plays a live stream
 * (replay-tui.c): cores grouped by host, history and timeline per host,
 * output attributed. So the TUI across hosts is the two joined: this
 * turbotop runs a second one in batch mode (the same command line, plus
 * -b -f json), reads its standard output as the stream, and shows it.
 *
 * The batch child sits in a process group of its own (the terminal's
 * signals are the TUI's keys) and gets SIGTERM when this turbotop dies,
 * however it dies (PR_SET_PDEATHSIG): it then ends its agents, which end
 * with their standard input on every host. On quit it gets SIGTERM, then
 * SIGKILL after CHILD_GRACE seconds. What it says on standard error goes to
 * a file, printed once the terminal is restored, so no line is lost.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cluster.h"
#include "options.h"
#include "replay.h"
#include "util.h"

#define CHILD_GRACE	5.0	/* s between SIGTERM and SIGKILL on quit */

/*
 * The batch child's command line: this one's options, then -b -f json (so
 * they win over a -f of the user's), then the demo or "-- command".
 */
static char **
child_argv(const struct options *o)
{
	char	**av;
	int	 nopt, i, n = 0;

	nopt = o->argc > 0 ? (int)(o->argv - o->full_argv) : o->full_argc;
	av = xcalloc((size_t)o->full_argc + 5, sizeof *av);
	av[n++] = o->full_argv[0];
	for (i = 1; i < nopt; i++) {
		if (i == nopt - 1 && o->is_command &&
		    strcmp(o->full_argv[i], "--") == 0)
			break;
		av[n++] = o->full_argv[i];
	}
	av[n++] = (char *)"-b";
	av[n++] = (char *)"-f";
	av[n++] = (char *)"json";
	if (o->is_command)
		av[n++] = (char *)"--";
	for (i = 0; i < o->argc; i++)
		av[n++] = o->argv[i];
	av[n] = NULL;
	return av;
}

/* Start the batch child writing into out, its errors into err. */
static pid_t
child_start(char **av, int out, int err)
{
	pid_t	 parent = getpid(), pid;
	int	 null;

	if ((pid = fork()) != 0)
		return pid;
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	if ((null = open("/dev/null", O_RDONLY)) != -1)
		dup2(null, STDIN_FILENO);
	dup2(out, STDOUT_FILENO);
	dup2(err, STDERR_FILENO);
	execv("/proc/self/exe", av);
	dprintf(STDERR_FILENO, "turbotop: cannot run itself: %s\n",
	    strerror(errno));
	_exit(127);
}

/* SIGTERM, and SIGKILL if it is not gone within CHILD_GRACE. */
static int
child_stop(pid_t pid)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	double		 until = now_mono() + CHILD_GRACE;
	int		 status;
	pid_t		 r;

	kill(pid, SIGTERM);
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r == -1 && errno != EINTR))
			break;
		if (now_mono() > until) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		nanosleep(&ts, NULL);
	}
	return status;
}

/* Copy what the child said on standard error to ours. */
static void
child_errors(FILE *f)
{
	char	 buf[4096];
	size_t	 n;

	rewind(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (fwrite(buf, 1, n, stderr) != n)
			break;
	}
}

int
cluster_tui_main(const struct options *o)
{
	struct options	 view = *o;
	char		**av, path[64];
	FILE		*err;
	pid_t		 pid;
	int		 p[2], rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "turbotop: the TUI needs a terminal (use -b "
		    "for batch records)\n");
		return 1;
	}
	if ((err = tmpfile()) == NULL || pipe2(p, O_CLOEXEC) != 0) {
		fprintf(stderr, "turbotop: %s\n", strerror(errno));
		if (err != NULL)
			fclose(err);
		return 1;
	}
	av = child_argv(o);
	pid = child_start(av, p[1], fileno(err));
	if (pid > 0)
		setpgid(pid, pid);	/* as the child does: no race */
	free(av);
	close(p[1]);
	if (pid == -1) {
		fprintf(stderr, "turbotop: fork: %s\n", strerror(errno));
		close(p[0]);
		fclose(err);
		return 1;
	}
	snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
	view.replay = path;
	view.cluster_view = 1;
	rc = replay_tui(&view);
	close(p[0]);
	child_stop(pid);
	child_errors(err);
	fclose(err);
	return rc;
}
