/*
 * waste: the article's waste.py ("Multi-threading in the multiprocessing
 * way", Figure 1). N processes (default 20, as in the article) print
 * "<id> Total waste of CPU cycles!" as fast as they can, forever, or until
 * -t elapses or the demo is stopped.
 *
 * Watch in turbotop: every core goes to 100% and the workers spread over all
 * of them, as in the article's top screenshot; the output is a torrent of
 * jumbled ids. Stop it and every worker is gone within a second.
 *
 *   waste                 20 workers until stopped (q in turbotop, Ctrl-C here)
 *   waste -w 4 -t 5       4 workers for 5 seconds
 */
#include "config.h"

#include "demo-common.h"

static struct demo waste = {
	.name = "waste",
	.summary = "N workers spin printing 'Total waste of CPU cycles!' on every core",
	.about = "N processes spin printing 'Total waste of CPU cycles!'",
	.watch = "every core busy, the workers spread over all of them; stop: all gone at once.",
	.workers = 20,
	.duration = 0,
};

/* The article's waste(id): never returns; the parent ends it. */
static int
spin(long id, void *unused)
{
	for (;;)
		demo_print("%ld Total waste of CPU cycles!\n", id);
	return 0;	/* never reached */
}

int
main(int argc, char **argv)
{
	long	i;

	demo_start(&waste, argc, argv);
	for (i = 0; i < waste.workers; i++)
		demo_fork(spin, i, NULL);
	demo_join();		/* returns when -t elapses; a signal ends the demo */
	return 0;
}
