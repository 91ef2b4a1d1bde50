/*
 * catalog.c: the demo suite as turbotop sees it (names, one-line summaries,
 * what to watch for, which options they take, each read from the demo's own
 * --describe) and where their programs are found:
 * $TURBOTOP_DEMO_DIR if set, the build tree's demos/ when turbotop runs from
 * the build tree, else the installed $(pkglibexecdir).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "util.h"

/*
 * The demos, in the menu's order. Everything else about them (summary,
 * what to watch for, options) is the demo's own, from its --describe.
 */
static const char *names[] = {
	"welcome", "counting", "waste", "lock", "queue", "pipe", "compute",
	"pmap", "coremsg", "gil", "exchange",
#ifdef HAVE_MPI
	"mpicompute",	/* under mpirun (demo-start.c) */
#endif
};

static struct demo_info	demos[nitems(names)];
static int		loaded[nitems(names)];

/* Undo describe_text's escapes (\t, \n, \\) in place. */
static char *
unescape(char *s)
{
	char	*r = s, *w = s;

	while (*r != '\0') {
		if (r[0] == '\\' && r[1] != '\0') {
			*w++ = r[1] == 't' ? '\t' : r[1] == 'n' ? '\n' : r[1];
			r += 2;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* Split LINE at tabs into at most MAX fields (unescaped); how many. */
static size_t
split(char *line, char **field, size_t max)
{
	size_t	n = 0;
	char	*p = line, *tab;

	while (n < max) {
		tab = strchr(p, '\t');
		if (tab != NULL)
			*tab = '\0';
		field[n++] = unescape(p);
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return n;
}

/* The output of "PATH --describe" (malloc'd), or NULL if it failed. */
static char *
run_describe(const char *path)
{
	char		*buf = NULL;
	size_t		 len = 0, size = 0;
	ssize_t		 n;
	int		 fd[2], status, devnull;
	pid_t		 pid;
	struct pollfd	 pfd;

	if (pipe2(fd, O_CLOEXEC) != 0)
		return NULL;
	switch (pid = fork()) {
	case -1:
		close(fd[0]);
		close(fd[1]);
		return NULL;
	case 0:
		devnull = open("/dev/null", O_RDWR);
		dup2(devnull, STDIN_FILENO);
		dup2(fd[1], STDOUT_FILENO);
		dup2(devnull, STDERR_FILENO);
		execl(path, path, "--describe", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	pfd.fd = fd[0];
	pfd.events = POLLIN;
	for (;;) {	/* a demo answers at once; 10 s is a broken one */
		if (poll(&pfd, 1, 10000) <= 0)
			break;
		if (len + 4096 + 1 > size) {
			size = size * 2 + 8192;
			buf = xreallocarray(buf, size, 1);
		}
		n = read(fd[0], buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd[0]);
	kill(pid, SIGKILL);	/* harmless if it has exited */
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (buf == NULL || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* Fill D (named NAME) from its program's --describe. */
static void
describe(struct demo_info *d, const char *name)
{
	static const char	*types[] = { "flag", "long", "double", "string" };
	struct demo_option	*o;
	char			*path, *out, *line, *next, *f[9];
	size_t			 n, t;

	d->name = name;
	d->summary = "(the demo's program was not found)";
	d->watch = "";
	path = catalog_demo_path(name);
	out = path != NULL ? run_describe(path) : NULL;
	free(path);
	if (out == NULL)
		return;
	for (line = out; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n = split(line, f, nitems(f));
		if (n == 2 && strcmp(f[0], "summary") == 0)
			d->summary = xstrdup(f[1]);
		else if (n == 2 && strcmp(f[0], "watch") == 0)
			d->watch = xstrdup(f[1]);
		else if (n == 9 && strcmp(f[0], "option") == 0) {
			for (t = 0; t < nitems(types); t++) {
				if (strcmp(f[3], types[t]) == 0)
					break;
			}
			if (t == nitems(types))
				continue;
			d->opts = xreallocarray(d->opts, d->nopts + 1, sizeof *d->opts);
			o = &d->opts[d->nopts++];
			o->name = xstrdup(f[1]);
			o->key = (unsigned char)f[2][0];
			o->type = (enum demo_option_type)t;
			o->def = xstrdup(f[4]);
			o->min = strtod(f[5], NULL);
			o->max = strtod(f[6], NULL);
			o->arg = xstrdup(f[7]);
			o->help = xstrdup(f[8]);
			if (strcmp(o->name, "workers") == 0)
				d->workers = 1;
			if (strcmp(o->name, "duration") == 0)
				d->duration = 1;
		}
	}
	free(out);
}

/* Demo I, described (once). */
static const struct demo_info *
load(size_t i)
{
	if (!loaded[i]) {
		loaded[i] = 1;
		describe(&demos[i], names[i]);
	}
	return &demos[i];
}

size_t
catalog_count(void)
{
	return nitems(names);
}

const struct demo_info *
catalog_get(size_t i)
{
	return i < nitems(names) ? load(i) : NULL;
}

const struct demo_info *
catalog_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(names); i++) {
		if (strcmp(names[i], name) == 0)
			return load(i);
	}
	return NULL;
}

/* True when this turbotop is the one built in the build tree. */
static int
running_from_build_tree(void)
{
	char	 exe[PATH_MAX], dir[PATH_MAX];
	char	*slash;
	ssize_t	 n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	if (realpath(BUILD_BINDIR, dir) == NULL)
		return 0;
	return strcmp(exe, dir) == 0;
}

const char *
catalog_demo_dir(void)
{
	static const char	*dir;
	const char		*env;

	if (dir != NULL)
		return dir;
	if ((env = getenv("TURBOTOP_DEMO_DIR")) != NULL && *env != '\0')
		dir = env;
	else if (running_from_build_tree())
		dir = BUILD_DEMODIR;
	else
		dir = PKGLIBEXECDIR;
	return dir;
}

/* The full path of demo NAME's program (malloc'd), or NULL if it is not there. */
char *
catalog_demo_path(const char *name)
{
	char	*path;
	size_t	 i;

	for (i = 0; i < nitems(names); i++) {
		if (strcmp(names[i], name) == 0)
			break;
	}
	if (strchr(name, '/') != NULL || i == nitems(names))
		return NULL;
	xasprintf(&path, "%s/%s", catalog_demo_dir(), name);
	if (access(path, X_OK) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

/* --list: one demo a line, name then summary. */
void
catalog_print(FILE *f)
{
	size_t	i;

	for (i = 0; i < nitems(names); i++)
		fprintf(f, "%-10s %s\n", names[i], load(i)->summary);
#ifndef HAVE_MPI
	fprintf(f, "%-10s %s\n", "mpicompute", "compute's sum as MPI ranks "
	    "(not built: configure found no Open MPI)");
#endif
}
