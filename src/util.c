/*
 * util.c: checked allocation, fatal errors, clocks, and the PATH lookup.
 * Allocation failures are fatal: turbotop cannot show anything useful without memory.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "util.h"

static void (*fatal_hook)(void);

void *
xmalloc(size_t size)
{
	void	*p = malloc(size ? size : 1);

	if (p == NULL)
		fatal("malloc");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("calloc");
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > ((size_t)-1) / size)
		fatalx("xreallocarray: %zu * %zu overflows", n, size);
	p = realloc(old, (n * size) != 0 ? n * size : 1);
	if (p == NULL)
		fatal("realloc");
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL)
		fatal("strdup");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = strndup(s, n);

	if (p == NULL)
		fatal("strndup");
	return p;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(ret, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("vasprintf");
	return n;
}

void
util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

static void __attribute__((noreturn))
vfatal(int with_errno, const char *fmt, va_list ap)
{
	int	 saved = errno;

	if (fatal_hook != NULL)
		fatal_hook();
	fputs("turbotop: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(saved));
	fputc('\n', stderr);
	exit(1);
}

/* Print "turbotop: MSG: strerror(errno)" and exit 1. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vfatal(1, fmt, ap);
}

/* Print "turbotop: MSG" and exit 1. */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vfatal(0, fmt, ap);
}

static double
clock_seconds(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double
now_mono(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

double
now_real(void)
{
	return clock_seconds(CLOCK_REALTIME);
}

/* True if path names an executable file (not a directory). */
static int
is_executable(const char *path)
{
	struct stat	sb;

	return access(path, X_OK) == 0 && stat(path, &sb) == 0 &&
	    !S_ISDIR(sb.st_mode);
}

/*
 * The program execvp() would run for name, as an allocated path, or NULL:
 * a name with a slash is taken as it is, else each directory of $PATH in
 * turn (an empty one is the current directory; no PATH: the usual ones).
 * The one PATH lookup: the TUI, the benchmark and the lesson checker use it
 * to refuse a missing command before starting anything.
 */
char *
util_find_program(const char *name)
{
	const char	*path, *p, *colon;
	char		*full;
	size_t		 n;

	if (name == NULL || *name == '\0')
		return NULL;
	if (strchr(name, '/') != NULL)
		return is_executable(name) ? xstrdup(name) : NULL;
	if ((path = getenv("PATH")) == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		n = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (n == 0)
			xasprintf(&full, "./%s", name);
		else
			xasprintf(&full, "%.*s/%s", (int)n, p, name);
		if (is_executable(full))
			return full;
		free(full);
		if (colon == NULL)
			return NULL;
	}
}

/*
 * Flush and close standard output, as coreutils' close_stdout(): a write
 * that failed (a full disk, /dev/full, a closed pipe) is reported on stderr.
 * Returns the exit status: 0, or 1 after the message.
 */
int
util_close_stdout(void)
{
	int	failed, saved;

	errno = 0;
	failed = fflush(stdout) != 0 || ferror(stdout);
	saved = errno;
	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (!failed)
		return 0;
	if (saved != 0)
		fprintf(stderr, "turbotop: write error: %s\n", strerror(saved));
	else
		fprintf(stderr, "turbotop: write error\n");
	return 1;
}

static int stop_pipe[2] = { -1, -1 };

/* The only thing the handler does: wake the loop polling stop_pipe[0]. */
static void
stop_signal(int sig)
{
	int	 saved = errno;
	char	 c = (char)sig;

	if (write(stop_pipe[1], &c, 1) == -1) {
		/* Full pipe: a wake-up is already pending. */
	}
	errno = saved;
}

int
util_stop_signals(int restart)
{
	struct sigaction	 sa;
	int			 i;

	if (stop_pipe[0] == -1) {
		if (pipe(stop_pipe) != 0)
			return -1;
		for (i = 0; i < 2; i++) {
			fcntl(stop_pipe[i], F_SETFD, FD_CLOEXEC);
			fcntl(stop_pipe[i], F_SETFL, O_NONBLOCK);
		}
	}
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = stop_signal;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return stop_pipe[0];
}
