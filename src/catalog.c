/*
 * catalog.c: the demo suite as turbotop sees it (names, one-line summaries,
 * what to watch for, which options they take) and where their programs are found:
 * $TURBOTOP_DEMO_DIR if set, the build tree's demos/ when turbotop runs from
 * the build tree, else the installed $(pkglibexecdir).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "util.h"

/*
 * The watch texts are each demo's own (its struct demo's .watch, printed by
 * DEMO --help after "In turbotop: "); tests/test-catalog-watch.c checks that
 * they agree.
 */
static const struct demo_info demos[] = {
	{ "welcome",  "three processes each print a welcome line (multiprocessing basics)", 0, 0,
	    "the processes live only an instant; their lines come in any order." },
	{ "counting", "three workers count with delays; their output interleaves", 0, 0,
	    "the output interleaves while the cores stay idle: sleeping costs no CPU." },
	{ "waste",    "N workers spin printing 'Total waste of CPU cycles!' on every core", 1, 1,
	    "every core busy, the workers spread over all of them; stop: all gone at once." },
	{ "lock",     "workers print while holding one shared lock: the output serialises", 1, 0,
	    "with the lock one core works at a time and each worker's lines come in one block;\n"
	    "with --no-lock all cores work and the lines jumble." },
	{ "queue",    "producers and consumers share one process-safe queue", 1, 0,
	    "producers and consumers take turns; sent and received counts are equal." },
	{ "pipe",     "parent and child talk both ways over a pipe; --pingpong times it", 0, 0,
	    "two processes mostly asleep; --pingpong keeps both busy in the kernel." },
	{ "compute",  "the article's exact parallel sum (GMP) split over W workers", 1, 0,
	    "W workers keep W cores busy and finish together; compare the wall time for -w 1, 2, 4." },
	{ "pmap",     "a parallel map: serial vs pool of W processes, and the speedup", 1, 0,
	    "sleep-bound, W workers leave the cores idle yet speed up ~W times;\n"
	    "with --cpu the cores fill and the speedup stops at the core count." },
	{ "coremsg",  "W jobs each say hello from the core they ran on", 1, 0,
	    "the jobs spread over the cores; each names the core it ran on." },
	{ "gil",      "CPU work by locked threads, free threads and processes: the GIL", 1, 0,
	    "the locked threads keep one core busy at a time; threads without\n"
	    "the lock and processes fill every core." },
};

size_t
catalog_count(void)
{
	return nitems(demos);
}

const struct demo_info *
catalog_get(size_t i)
{
	return i < nitems(demos) ? &demos[i] : NULL;
}

const struct demo_info *
catalog_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(demos); i++) {
		if (strcmp(demos[i].name, name) == 0)
			return &demos[i];
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

	if (strchr(name, '/') != NULL || catalog_find(name) == NULL)
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

	for (i = 0; i < nitems(demos); i++)
		fprintf(f, "%-10s %s\n", demos[i].name, demos[i].summary);
}
