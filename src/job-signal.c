/*
 * job-signal.c: signals, the self-pipe way. Handlers only write the signal's
 * number into a non-blocking pipe; jobs_wait() polls the pipe and does the
 * work (reaping, quitting, resizing) in the loop.
 *
 * The one exception is every other signal whose default is to end the
 * process (a crash: SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT; and SIGQUIT,
 * SIGUSR1, SIGALRM, SIGPIPE and the like): there is no loop to return to, so
 * the handler runs the crash hook (the TUI gives the terminal back, with
 * async-signal-safe calls only, as htop's CRT_fatalError does), SIGKILLs
 * every job's process group (kill() is async-signal-safe), puts back the
 * handler that was there before (the default, or a sanitizer's) and
 * re-raises the signal. The watchdog then sweeps whatever left the groups.
 * A signal that was ignored when turbotop started stays ignored.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "job-int.h"
#include "util.h"

#define TRACK_MAX	256	/* job groups the crash handler knows */

static int			 sig_pipe[2] = { -1, -1 };
static volatile pid_t		 tracked[TRACK_MAX];
static const int		 fatal_signals[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGTRAP, SIGQUIT,
	SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGXCPU,
	SIGXFSZ, SIGSTKFLT, SIGIO, SIGPWR
};
static struct sigaction		 fatal_old[nitems(fatal_signals)];
static void			(*volatile crash_hook)(void);

static void
sig_handler(int sig)
{
	int		saved = errno;
	unsigned char	c = sig;

	if (write(sig_pipe[1], &c, 1) == -1) {
		/* Full: a wakeup is pending anyway. */
	}
	errno = saved;
}

static void
fatal_handler(int sig)
{
	void	(*hook)(void) = crash_hook;
	size_t	i;

	crash_hook = NULL;	/* once, even if the hook itself faults */
	if (hook != NULL)
		hook();
	for (i = 0; i < TRACK_MAX; i++) {
		if (tracked[i] > 0)
			kill(-tracked[i], SIGKILL);
	}
	for (i = 0; i < nitems(fatal_signals); i++) {
		if (fatal_signals[i] == sig)
			sigaction(sig, &fatal_old[i], NULL);
	}
	raise(sig);
}

/* Create the self-pipe and install the handlers. */
void
jobsig_init(void)
{
	static const int	 wake[] = { SIGCHLD, SIGINT, SIGTERM, SIGHUP,
				     SIGWINCH };
	struct sigaction	 sa;
	size_t			 i;

	if (pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
		fatal("pipe2");

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = sig_handler;
	for (i = 0; i < nitems(wake); i++) {
		sa.sa_flags = SA_RESTART;
		if (wake[i] == SIGCHLD)
			sa.sa_flags |= SA_NOCLDSTOP;	/* pausing a job is no news */
		if (sigaction(wake[i], &sa, NULL) != 0)
			fatal("sigaction");
	}

	sa.sa_handler = fatal_handler;
	sa.sa_flags = SA_NODEFER;
	for (i = 0; i < nitems(fatal_signals); i++) {
		if (sigaction(fatal_signals[i], NULL, &fatal_old[i]) != 0 ||
		    fatal_old[i].sa_handler == SIG_IGN)
			continue;	/* ignored by whoever started us: keep it */
		sigaction(fatal_signals[i], &sa, NULL);
	}
}

/*
 * What the crash handler runs first (NULL: nothing), in a signal handler:
 * only async-signal-safe calls.
 */
void
jobs_set_crash_hook(void (*hook)(void))
{
	crash_hook = hook;
}

int
jobsig_fd(void)
{
	return sig_pipe[0];
}

/* Empty the self-pipe; returns JOBSIG_CHILD and JOBS_WAIT_* flags. */
int
jobsig_drain(void)
{
	unsigned char	buf[64];
	ssize_t		n, i;
	int		flags = 0;

	while ((n = read(sig_pipe[0], buf, sizeof buf)) > 0) {
		for (i = 0; i < n; i++) {
			switch (buf[i]) {
			case SIGCHLD:
				flags |= JOBSIG_CHILD;
				break;
			case SIGWINCH:
				flags |= JOBS_WAIT_RESIZE;
				break;
			default:
				flags |= JOBS_WAIT_SIGNAL;
				break;
			}
		}
	}
	return flags;
}

/* Block every signal (around fork), saving the old mask. */
void
jobsig_block_all(sigset_t *old)
{
	sigset_t	all;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, old);
}

void
jobsig_restore(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* In a new child: every handler back to the default, nothing blocked. */
void
jobsig_child_reset(void)
{
	struct sigaction	sa;
	sigset_t		none;
	int			sig;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);	/* EINVAL for SIGKILL etc. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The crash handler kills this process group too. */
void
jobsig_track(pid_t pgid)
{
	size_t	i;

	for (i = 0; i < TRACK_MAX; i++) {
		if (tracked[i] == 0) {
			tracked[i] = pgid;
			return;
		}
	}
}

void
jobsig_untrack(pid_t pgid)
{
	size_t	i;

	for (i = 0; i < TRACK_MAX; i++) {
		if (tracked[i] == pgid)
			tracked[i] = 0;
	}
}
