/*
 * demo-common.c: the plumbing every demo shares (see demo-common.h): option
 * parsing and --help, one write() per output line, worker processes that never
 * outlive the demo, and stopping cleanly on SIGTERM, SIGINT or -t.
 *
 * Signals: the handlers only set a flag and write a byte to a self-pipe. The
 * parent waits in poll() on that pipe (demo_join, demo_read, demo_sleep), so
 * a signal wakes it at once; it then ends its workers and exits the way the
 * signal would have. Workers get the default actions back, so SIGTERM or
 * SIGINT ends a worker at once, and PR_SET_PDEATHSIG ends it if the parent is
 * killed with SIGKILL.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo-common.h"

#define STOP_GRACE	0.5	/* seconds between SIGTERM and SIGKILL for workers */

static struct demo		*demo;
static volatile sig_atomic_t	 stop_signal;	/* the signal that asked us to stop */
static int			 wake_pipe[2] = { -1, -1 };
static int			 is_worker;
static pid_t			 parent_pid;
static pid_t			*workers;	/* live workers; 0 = reaped */
static size_t			 nworkers;

static void
on_signal(int sig)
{
	int	saved = errno;

	if (sig != SIGCHLD && stop_signal == 0)
		stop_signal = sig;
	if (wake_pipe[1] != -1)
		(void)write(wake_pipe[1], "", 1);
	errno = saved;
}

/* Cores online: workers and defaults scale with it (2 here, 64 elsewhere). */
long
demo_ncpu(void)
{
	long	n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
}

/* The most workers a demo may start: 4096, or half of RLIMIT_NPROC if less. */
long
demo_max_workers(void)
{
	struct rlimit	rl;
	long		max = DEMO_MAX_WORKERS;

	if (getrlimit(RLIMIT_NPROC, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur / 2 < (rlim_t)max)
		max = rl.rlim_cur / 2 > 0 ? (long)(rl.rlim_cur / 2) : 1;
	return max;
}

/* Refuse N workers (exit 2) when it is out of range. */
void
demo_check_workers(const struct demo *d, long n)
{
	long	max = demo_max_workers();

	if (n < 1 || n > max) {
		fprintf(stderr, "%s: %ld workers refused: from 1 to %ld here "
		    "(never more than %d, nor half of RLIMIT_NPROC)\n",
		    d->name, n, max, DEMO_MAX_WORKERS);
		exit(2);
	}
}

static void
usage(FILE *f)
{
	const struct demo_opt	*o;

	fprintf(f, "Usage: %s [-h]%s%s", demo->name,
	    demo->workers > 0 ? " [-w N]" : "",
	    demo->duration >= 0 ? " [-t SECS]" : "");
	for (o = demo->opts; o != NULL && o->name != NULL; o++)
		fprintf(f, " [--%s%s%s]", o->name, o->arg != NULL ? " " : "",
		    o->arg != NULL ? o->arg : "");
	fprintf(f, "%s%s\n", demo->args != NULL ? " " : "",
	    demo->args != NULL ? demo->args : "");
}

static void
help(void)
{
	const struct demo_opt	*o;
	char			 left[64];

	printf("%s: %s\n\n", demo->name, demo->about);
	usage(stdout);
	printf("\n  -h, --help           this help\n");
	if (demo->workers > 0)
		printf("  -w, --workers N      workers (default %ld, at most %ld here)\n",
		    demo->workers, demo_max_workers());
	if (demo->duration >= 0)
		printf("  -t, --duration SECS  stop after SECS seconds (default %g, 0 = until stopped)\n",
		    demo->duration);
	for (o = demo->opts; o != NULL && o->name != NULL; o++) {
		if (o->key != 0)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name,
			    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name,
			    o->arg != NULL ? " " : "", o->arg != NULL ? o->arg : "");
		printf("  %-19s  %s\n", left, o->help);
	}
	printf("\nIn turbotop: %s\n", demo->watch);
}

/* A text field of --describe: tab, newline and backslash escaped. */
static void
describe_text(const char *s)
{
	putchar('\t');
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*s);
	}
}

/* One "option" record: name, key, type, default, min, max, arg, help. */
static void
describe_option(const char *name, int key, const char *type, const char *def,
    double min, double max, const char *arg, const char *help)
{
	char	k[2] = { (char)key, '\0' };

	printf("option");
	describe_text(name);
	describe_text(key != 0 ? k : "");
	describe_text(type);
	describe_text(def);
	printf("\t%.17g\t%.17g", min, max);
	describe_text(arg);
	describe_text(help);
	putchar('\n');
}

static void describe(void);

/*
 * --describe for a program that parses its own options (mpicompute, whose
 * -w is mpirun's -np, given by turbotop): print d and exit.
 */
void
demo_describe(struct demo *d)
{
	demo = d;
	describe();
	exit(fflush(stdout) == 0 ? 0 : 1);
}

/*
 * --describe: the demo for turbotop, one record a line, fields separated by
 * tabs (escaped \t, \n, \\ inside): "demo NAME", "summary", "about",
 * "watch", "args" TEXT, then one "option" record per option, -w and -t
 * included: NAME KEY TYPE DEFAULT MIN MAX ARG HELP, TYPE one of flag, long,
 * double, string (ARG "a|b|c": one of those words). A DEFAULT outside
 * [MIN, MAX] means the demo chooses (e.g. from the core count).
 */
static void
describe(void)
{
	const struct demo_opt	*o;
	const char		*types[] = { "flag", "long", "double", "string" };
	char			 def[64];

	printf("demo");
	describe_text(demo->name);
	printf("\nsummary");
	describe_text(demo->summary);
	printf("\nabout");
	describe_text(demo->about);
	printf("\nwatch");
	describe_text(demo->watch);
	printf("\nargs");
	describe_text(demo->args);
	putchar('\n');
	if (demo->workers > 0) {
		snprintf(def, sizeof def, "%ld", demo->workers);
		describe_option("workers", 'w', "long", def, 1,
		    (double)demo_max_workers(), "N", "workers");
	}
	if (demo->duration >= 0) {
		snprintf(def, sizeof def, "%g", demo->duration);
		describe_option("duration", 't', "double", def, 0, 1e6, "SECS",
		    "stop after SECS seconds (0: until stopped)");
	}
	for (o = demo->opts; o != NULL && o->name != NULL; o++) {
		switch (o->type) {
		case DEMO_FLAG:
			snprintf(def, sizeof def, "%d", *(int *)o->value);
			break;
		case DEMO_LONG:
			snprintf(def, sizeof def, "%ld", *(long *)o->value);
			break;
		case DEMO_DOUBLE:
			snprintf(def, sizeof def, "%g", *(double *)o->value);
			break;
		case DEMO_STRING:
			snprintf(def, sizeof def, "%s", *(const char **)o->value != NULL ?
			    *(const char **)o->value : "");
			break;
		}
		describe_option(o->name, o->key, types[o->type], def, o->min,
		    o->max, o->arg, o->help);
	}
	fflush(stdout);
}

static void __attribute__((noreturn))
bad_option(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", demo->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(stderr);
	exit(2);
}

/* A number in [min, max], the whole argument, or a usage error. */
static double
parse_number(const char *opt, const char *s, double min, double max, int integer)
{
	char	*end;
	double	 v;

	errno = 0;
	v = integer ? (double)strtol(s, &end, 10) : strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v))
		bad_option("--%s: '%s' is not a number", opt, s);
	if (v < min || v > max)
		bad_option("--%s: %s is out of range (%.*f to %.*f)", opt, s,
		    integer ? 0 : 2, min, integer ? 0 : 2, max);
	return v;
}

/* A DEMO_STRING value: one of the words in "a|b|c", when there are words. */
static void
check_word(const struct demo_opt *o, const char *s)
{
	const char	*p = o->arg;
	size_t		 n = strlen(s);

	if (p == NULL || strchr(p, '|') == NULL)
		return;
	while (p != NULL) {
		if (strncmp(p, s, n) == 0 && (p[n] == '|' || p[n] == '\0') && n > 0)
			return;
		if ((p = strchr(p, '|')) != NULL)
			p++;
	}
	bad_option("--%s: '%s' is not one of %s", o->name, s, o->arg);
}

static void
set_option(const struct demo_opt *o, const char *arg)
{
	switch (o->type) {
	case DEMO_FLAG:
		*(int *)o->value = 1;
		break;
	case DEMO_LONG:
		*(long *)o->value = (long)parse_number(o->name, arg, o->min, o->max, 1);
		break;
	case DEMO_DOUBLE:
		*(double *)o->value = parse_number(o->name, arg, o->min, o->max, 0);
		break;
	case DEMO_STRING:
		check_word(o, arg);
		*(const char **)o->value = arg;
		break;
	}
}

/*
 * Parse the command line (exit 2 on a bad one, 0 after --help), set up the
 * signal handling, and return the index of the first non-option argument.
 */
int
demo_start(struct demo *d, int argc, char **argv)
{
	struct option		 longopts[64];
	char			 shortopts[128] = "+hw:t:";
	const struct demo_opt	*o;
	struct sigaction	 sa;
	size_t			 n = 0, i;
	int			 ch;
	char			*end;

	demo = d;
	longopts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n++] = (struct option){ "describe", no_argument, NULL, 'D' };
	longopts[n++] = (struct option){ "workers", required_argument, NULL, 'w' };
	longopts[n++] = (struct option){ "duration", required_argument, NULL, 't' };
	for (i = 0; d->opts != NULL && d->opts[i].name != NULL; i++) {
		o = &d->opts[i];
		if (n + 1 >= sizeof longopts / sizeof longopts[0])
			abort();
		longopts[n++] = (struct option){ o->name,
		    o->type == DEMO_FLAG ? no_argument : required_argument,
		    NULL, 256 + (int)i };
		if (o->key != 0) {
			end = shortopts + strlen(shortopts);
			*end++ = (char)o->key;
			if (o->type != DEMO_FLAG)
				*end++ = ':';
			*end = '\0';
		}
	}
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };

	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (ch == 'h') {
			help();
			exit(0);
		} else if (ch == 'D') {
			describe();
			exit(0);
		} else if (ch == 'w' && d->workers > 0) {
			d->workers = (long)parse_number("workers", optarg, 1,
			    (double)LONG_MAX, 1);
			demo_check_workers(d, d->workers);
		} else if (ch == 't' && d->duration >= 0)
			d->duration = parse_number("duration", optarg, 0, 1e6, 0);
		else if (ch >= 256)
			set_option(&d->opts[ch - 256], optarg);
		else {
			for (o = d->opts; o != NULL && o->name != NULL; o++) {
				if (o->key == ch)
					break;
			}
			if (o == NULL || o->name == NULL) {
				if (ch == 'w' || ch == 't')
					bad_option("-%c: this demo has no such option", ch);
				usage(stderr);
				exit(2);
			}
			set_option(o, optarg);
		}
	}

	if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		demo_fatal("pipe: %s", strerror(errno));
	parent_pid = getpid();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_flags |= SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	return optind;
}

/*
 * Print one line (or several) with a single write(), whatever the buffering.
 * A worker holds off SIGTERM and SIGINT meanwhile: killed in the middle of a
 * write to a file (one that straddles a page), it would leave half a line.
 */
void
demo_print(const char *fmt, ...)
{
	char	 buf[1024], *p = buf;
	va_list	 ap;
	int	 len;
	sigset_t stop, old;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof buf) {
		if ((p = malloc((size_t)len + 1)) == NULL)
			return;
		va_start(ap, fmt);
		vsnprintf(p, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	if (is_worker) {
		sigemptyset(&stop);
		sigaddset(&stop, SIGTERM);
		sigaddset(&stop, SIGINT);
		sigprocmask(SIG_BLOCK, &stop, &old);
	}
	demo_write(STDOUT_FILENO, p, (size_t)len);
	if (is_worker)
		sigprocmask(SIG_SETMASK, &old, NULL);
	if (p != buf)
		free(p);
}

/* Write all of BUF; short writes only happen past PIPE_BUF or on signals. */
void
demo_write(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			_exit(1);	/* stdout gone: nobody to tell */
		p += n;
		len -= (size_t)n;
	}
}

/* End every live worker: SIGTERM, then SIGKILL after STOP_GRACE; reap them. */
static void
stop_workers(void)
{
	double	deadline = demo_now() + STOP_GRACE;
	size_t	i, left;
	int	status;
	pid_t	r;

	for (i = 0; i < nworkers; i++) {
		if (workers[i] > 0)
			kill(workers[i], SIGTERM);
	}
	for (;;) {
		left = 0;
		for (i = 0; i < nworkers; i++) {
			if (workers[i] <= 0)
				continue;
			r = waitpid(workers[i], &status, WNOHANG);
			if (r == workers[i] || (r < 0 && errno == ECHILD))
				workers[i] = 0;
			else
				left++;
		}
		if (left == 0)
			return;
		if (demo_now() >= deadline) {
			for (i = 0; i < nworkers; i++) {
				if (workers[i] > 0)
					kill(workers[i], SIGKILL);
			}
			deadline = demo_now() + 3600;
		}
		poll(NULL, 0, 10);
	}
}

/* Exit 1 with a message, ending the workers first. */
void
demo_fatal(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", demo != NULL ? demo->name : "demo");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (is_worker)
		_exit(1);
	stop_workers();
	exit(1);
}

/* True once SIGTERM or SIGINT asked the demo to stop. */
int
demo_stopping(void)
{
	return stop_signal != 0;
}

/* If asked to stop: end the workers, then die of the signal that asked. */
void
demo_check_stop(void)
{
	int	sig = stop_signal;

	if (sig == 0)
		return;
	stop_workers();
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

/*
 * Wait until FD is readable, a signal comes (a stop or a child's exit), or
 * SECS pass (< 0: no limit). True when FD is readable.
 */
static int
wait_event(int fd, double secs)
{
	struct pollfd	pfd[2];
	char		buf[64];
	int		n = 0, ms;

	pfd[n].fd = wake_pipe[0];
	pfd[n++].events = POLLIN;
	if (fd >= 0) {
		pfd[n].fd = fd;
		pfd[n++].events = POLLIN;
	}
	ms = secs < 0 ? -1 : (int)ceil(secs * 1000);
	if (poll(pfd, (nfds_t)n, ms) <= 0)
		return 0;
	if (pfd[0].revents & POLLIN) {
		while (read(wake_pipe[0], buf, sizeof buf) > 0)
			;
	}
	return n == 2 && pfd[1].revents != 0;
}

/*
 * Fork a worker running FN(ID, ARG); its return value is its exit status.
 * The worker dies with the parent (PR_SET_PDEATHSIG) and on SIGTERM/SIGINT.
 */
pid_t
demo_fork(int (*fn)(long, void *), long id, void *arg)
{
	pid_t	pid;
	pid_t	*p;

	if (is_worker)
		abort();
	demo_check_stop();
	if ((p = reallocarray(workers, nworkers + 1, sizeof *workers)) == NULL)
		demo_fatal("out of memory");
	workers = p;
	switch (pid = fork()) {
	case -1:
		demo_fatal("fork: %s", strerror(errno));
	case 0:
		is_worker = 1;
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		close(wake_pipe[0]);
		close(wake_pipe[1]);
		wake_pipe[0] = wake_pipe[1] = -1;
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent_pid)
			_exit(1);	/* the parent is already gone */
		_exit(fn(id, arg));
	default:
		workers[nworkers++] = pid;
		return pid;
	}
}

/*
 * Wait for every worker to finish. When -t elapses the workers are ended and
 * the demo goes on; on SIGTERM/SIGINT the workers are ended and the demo exits.
 * A worker that fails or is killed ends the demo (exit 1) with all the others.
 */
void
demo_join(void)
{
	double	deadline = -1;
	size_t	i, left;
	int	status, failed = 0;
	pid_t	pid;

	if (demo->duration > 0 && !demo->own_duration)
		deadline = demo_now() + demo->duration;
	for (;;) {
		demo_check_stop();
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < nworkers; i++) {
				if (workers[i] == pid)
					workers[i] = 0;
			}
			if (WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE)
				continue;	/* the reader of our output went away */
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				failed = 1;
		}
		if (failed) {	/* the others might wait forever for it */
			demo_check_stop();	/* unless a stop killed it (Ctrl-C) */
			demo_fatal("a worker failed or was killed: stopping the others");
		}
		for (left = 0, i = 0; i < nworkers; i++)
			left += workers[i] > 0;
		if (left == 0)
			break;
		if (deadline > 0 && demo_now() >= deadline) {
			stop_workers();
			nworkers = 0;
			return;
		}
		wait_event(-1, deadline > 0 ? deadline - demo_now() : -1);
	}
	nworkers = 0;
}

/* read(2) that gives way to SIGTERM/SIGINT (the demo then stops and exits). */
ssize_t
demo_read(int fd, void *buf, size_t len)
{
	ssize_t	n;

	for (;;) {
		demo_check_stop();
		if (!is_worker && !wait_event(fd, -1))
			continue;
		n = read(fd, buf, len);
		if (n >= 0 || (errno != EINTR && errno != EAGAIN))
			return n;
	}
}

/*
 * poll(2) on FDS that gives way to SIGTERM/SIGINT (the demo then stops and
 * exits): waits until one of them is ready (returns how many, as poll), or
 * SECS pass (< 0: no limit; returns 0). A child's exit may also end the
 * wait early (returns 0): callers loop.
 */
int
demo_poll(struct pollfd *fds, size_t nfds, double secs)
{
	struct pollfd	*all;
	char		 buf[64];
	size_t		 i;
	int		 n, ms = secs < 0 ? -1 : (int)ceil(secs * 1000);

	demo_check_stop();
	if ((all = calloc(nfds + 1, sizeof *all)) == NULL)
		demo_fatal("out of memory");
	all[0].fd = wake_pipe[0];
	all[0].events = POLLIN;
	memcpy(all + 1, fds, nfds * sizeof *fds);
	n = poll(all, (nfds_t)(nfds + 1), ms);
	if (n > 0 && (all[0].revents & POLLIN)) {
		n--;
		while (read(wake_pipe[0], buf, sizeof buf) > 0)
			;
	}
	for (i = 0; i < nfds; i++)
		fds[i].revents = all[i + 1].revents;
	free(all);
	demo_check_stop();
	return n < 0 ? 0 : n;
}

/* Sleep SECS seconds; the parent wakes early to stop when asked (returns -1). */
int
demo_sleep(double secs)
{
	double		end = demo_now() + secs, left;
	struct timespec	ts;

	while ((left = end - demo_now()) > 0) {
		if (stop_signal != 0)
			return -1;
		if (is_worker || wake_pipe[0] == -1) {
			ts.tv_sec = (time_t)left;
			ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
			nanosleep(&ts, NULL);
		} else
			wait_event(-1, left);
	}
	return stop_signal != 0 ? -1 : 0;
}

/* Monotonic wall-clock time in seconds. */
double
demo_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) used by this process, or by its reaped children. */
double
demo_cpu_time(int children)
{
	struct rusage	ru;

	if (getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &ru) != 0)
		return 0;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Zeroed memory shared with the workers forked after this call. */
void *
demo_shared(size_t len)
{
	void	*p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		demo_fatal("mmap: %s", strerror(errno));
	return p;
}

/*
 * Burn SECS seconds of this thread's CPU time: a fixed amount of work, which
 * takes longer in wall time when the thread has to wait for a core.
 */
void
demo_spin(double secs)
{
	struct timespec		ts;
	volatile unsigned long	x = 1;
	double			start, t;
	int			i;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	start = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	do {
		for (i = 0; i < 20000; i++)
			x = x * 6364136223846793005UL + 1442695040888963407UL;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
		t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	} while (t - start < secs && stop_signal == 0);
}
