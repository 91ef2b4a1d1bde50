/*
 * counting: the article's counting.py ("Multi-threading in the multiprocessing
 * way"). Three processes count to 20, 25 and 30, each sleeping
 * (number - 15) / 10 seconds after every line, so Rich counts fastest and
 * Geeks slowest, and their lines interleave.
 *
 * Watch in turbotop: three processes that sleep nearly all the time, so the
 * cores stay idle although the output keeps coming; Rich finishes first.
 * A sleeping process costs no CPU: concurrency is not the same as load.
 *
 *   counting              as in the article: about 45 seconds
 *   counting -s 10        ten times faster
 */
#include "config.h"

#include "demo-common.h"

static double speed = 1;

static const struct demo_opt opts[] = {
	{ "speed", 's', DEMO_DOUBLE, &speed, 0.01, 1000, "FACTOR",
	  "divide every sleep by FACTOR (default 1, the article's timing)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo counting = {
	.name = "counting",
	.summary = "three workers count with delays; their output interleaves",
	.about = "three processes count to 20, 25 and 30 with sleeps; their lines interleave",
	.watch = "the output interleaves while the cores stay idle: sleeping costs no CPU.",
	.workers = 0,
	.duration = -1,
	.opts = opts,
};

static const struct {
	const char	*label;
	int		 number;
} counters[] = {
	{ "Rich", 20 },
	{ "Nus", 25 },
	{ "Geeks", 30 },
};

/* The article's count(number, label), run in a child process. */
static int
count(long id, void *unused)
{
	int	i, number = counters[id].number;

	for (i = 0; i < number; i++) {
		demo_print(" %2d %s\n", i, counters[id].label);
		demo_sleep((number - 15) / 10.0 / speed);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	long	i;

	demo_start(&counting, argc, argv);
	for (i = 0; i < 3; i++)
		demo_fork(count, i, NULL);
	demo_join();
	return 0;
}
