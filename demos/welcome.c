/*
 * welcome: the article's first multiprocessing example (basic.py, "Multi-
 * threading in the multiprocessing way"). The parent starts one process per
 * name, each prints a welcome line, and the parent joins them all.
 *
 * Watch in turbotop: the three processes appear under the demo for an
 * instant and are gone; the order of their lines is up to the scheduler.
 *
 *   welcome              three processes: Rich, Nus and Geeks
 *   welcome Ada Linus    one process per name given
 */
#include "config.h"

#include <unistd.h>

#include "demo-common.h"

static struct demo welcome = {
	.name = "welcome",
	.args = "[NAME]...",
	.summary = "three processes each print a welcome line (multiprocessing basics)",
	.about = "one process per name (default Rich, Nus, Geeks) prints a welcome line",
	.watch = "the processes live only an instant; their lines come in any order.",
	.workers = 0,
	.duration = -1,
};

/* The article's test(name), run in a child process. */
static int
test(long id, void *name)
{
	demo_print(" welcome %s to multiprocessing! (pid %ld)\n", (char *)name,
	    (long)getpid());
	return 0;
}

int
main(int argc, char **argv)
{
	static char	*names[] = { "Rich", "Nus", "Geeks" };
	char		**list = names;
	int		 i, n = 3, first;

	first = demo_start(&welcome, argc, argv);
	if (first < argc) {
		list = argv + first;
		n = argc - first;
		demo_check_workers(&welcome, n);
	}

	for (i = 0; i < n; i++)		/* p1.start(), p2.start(), p3.start() */
		demo_fork(test, i, list[i]);
	demo_join();			/* p1.join(), p2.join(), p3.join() */
	return 0;
}
