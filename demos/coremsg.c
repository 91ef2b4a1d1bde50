/*
 * coremsg: the article's parallel.py ("Full-throttle multi-core/clustering
 * with Parallel Python"). W jobs (default: one per core, as pp's Server
 * does) each say hello from the core they ran on. The article passes the job
 * number as "core"; here each job asks the kernel (sched_getcpu) after a
 * little work (10 s of CPU by default, so the class sees where they run),
 * so the number is the core it really ran on.
 *
 * Watch in turbotop: the jobs spread over the cores for a moment; the core
 * each one names matches the CORE column. Run it twice: the kernel may
 * place them differently.
 *
 *   coremsg               one job per core
 *   coremsg -w 8          eight jobs, more than there are cores
 */
#include "config.h"

#include <sched.h>
#include <unistd.h>

#include "demo-common.h"

static double	work_ms = 10000;

static const struct demo_opt opts[] = {
	{ "work", 0, DEMO_DOUBLE, &work_ms, 0, 60000, "MS",
	  "CPU milliseconds each job works before it says hello (default 10000)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo coremsg_demo = {
	.name = "coremsg",
	.summary = "W jobs each say hello from the core they ran on",
	.about = "W jobs each print 'hello FLOSS from core: C', C the core it ran on",
	.watch = "the jobs spread over the cores; each names the core it ran on.",
	.duration = -1,
	.opts = opts,
};

/* The article's coremsg(smsg, icore), with the core it ran on. */
static int
coremsg(long job, void *smsg)
{
	demo_spin(work_ms / 1000);
	demo_print(" %s from core: %d (job %ld, pid %ld)\n", (char *)smsg,
	    sched_getcpu(), job, (long)getpid());
	return 0;
}

int
main(int argc, char **argv)
{
	long	i;

	coremsg_demo.workers = demo_ncpu();
	demo_start(&coremsg_demo, argc, argv);
	for (i = 0; i < coremsg_demo.workers; i++)
		demo_fork(coremsg, i, "hello FLOSS");
	demo_join();
	return 0;
}
