/*
 * lock: the Lock part of the article's miscellaneous.py ("Multi-threading in
 * the multiprocessing way"). Workers i = 1 .. 2*ncpu-1 each print 4*i lines
 * while holding one lock shared by all the processes: a pthread mutex marked
 * PTHREAD_PROCESS_SHARED, living in memory the workers share (the article's
 * lockfunc forgets to call acquire(); here the lock is really taken).
 * Every line costs a little CPU work, so the lesson is visible.
 *
 * Watch in turbotop: with the lock only one core is busy at a time and each
 * worker's lines come out in one block; with --no-lock every core is busy and
 * the lines jumble. The lock makes the work correct and serial.
 *
 *   lock                  2*ncpu-1 workers, taking the lock
 *   lock --no-lock        the same work, unlocked: the lines jumble
 */
#include "config.h"

#include <pthread.h>
#include <unistd.h>

#include "demo-common.h"

static int	 nolock;
static double	 work_ms = -1;	/* CPU time per line; < 0: about 2.5 s in all */
static double	 work;		/* the same, in seconds */

static const struct demo_opt opts[] = {
	{ "no-lock", 0, DEMO_FLAG, &nolock, 0, 0, NULL,
	  "do the same work without taking the lock: the lines jumble" },
	{ "work", 0, DEMO_DOUBLE, &work_ms, 0, 10000, "MS",
	  "CPU milliseconds of work per line (default: 2.5 s of work in all, at most 50 ms a line)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo lock = {
	.name = "lock",
	.about = "workers i = 1..W print 4*i lines each while holding one shared lock",
	.watch = "with the lock one core works at a time and each worker's lines come in one block;\n"
	    "with --no-lock all cores work and the lines jumble.",
	.duration = -1,
	.opts = opts,
};

static pthread_mutex_t *olck;	/* the article's Lock(), in shared memory */

/* The article's lockfunc(olck, uilaps), run in worker process UILAPS. */
static int
lockfunc(long uilaps, void *unused)
{
	long	ui;

	if (!nolock)
		pthread_mutex_lock(olck);
	for (ui = 0; ui < 4 * uilaps; ui++) {
		demo_print(" worker %ld, pid %ld: line %ld of %ld, %s\n", uilaps,
		    (long)getpid(), ui + 1, 4 * uilaps,
		    nolock ? "no lock" : "holding the lock");
		demo_spin(work);
	}
	if (!nolock)
		pthread_mutex_unlock(olck);
	return 0;
}

int
main(int argc, char **argv)
{
	pthread_mutexattr_t	attr;
	long			i, lines;

	lock.workers = 2 * demo_ncpu() - 1;
	if (lock.workers > demo_max_workers())
		lock.workers = demo_max_workers();
	demo_start(&lock, argc, argv);

	lines = 4 * lock.workers * (lock.workers + 1) / 2;
	work = work_ms >= 0 ? work_ms / 1000 : 2.5 / (double)lines;
	if (work_ms < 0 && work > 0.05)
		work = 0.05;

	olck = demo_shared(sizeof *olck);
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(olck, &attr);

	for (i = 1; i <= lock.workers; i++)
		demo_fork(lockfunc, i, NULL);
	demo_join();
	return 0;
}
