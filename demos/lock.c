/*
 * lock: the Lock part of the article's miscellaneous.py ("Multi-threading in
 * the multiprocessing way"). Workers i = 1 .. 2*ncpu-1 each print 4*i lines
 * while holding one lock shared by all the processes: a pthread mutex marked
 * PTHREAD_PROCESS_SHARED, living in memory the workers share (the article's
 * lockfunc forgets to call acquire(); here the lock is really taken).
 * Every line costs a little CPU work (12 s in all by default), so the lesson
 * stays on the screen; at the end the parent prints the wall time and how
 * many cores were busy on average: about 1 with the lock.
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
static double	 work_ms = -1;	/* CPU time per line; < 0: about 12 s in all */
static double	 work;		/* the same, in seconds */

static const struct demo_opt opts[] = {
	{ "no-lock", 0, DEMO_FLAG, &nolock, 0, 0, NULL,
	  "do the same work without taking the lock: the lines jumble" },
	{ "work", 0, DEMO_DOUBLE, &work_ms, 0, 10000, "MS",
	  "CPU milliseconds of work per line (default: 12 s in all, at most 500 ms a line)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo lock = {
	.name = "lock",
	.summary = "workers print while holding one shared lock: the output serialises",
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
	double			start, wall;

	lock.workers = 2 * demo_ncpu() - 1;
	if (lock.workers > demo_max_workers())
		lock.workers = demo_max_workers();
	demo_start(&lock, argc, argv);

	lines = 4 * lock.workers * (lock.workers + 1) / 2;
	work = work_ms >= 0 ? work_ms / 1000 : 12.0 / (double)lines;
	if (work_ms < 0 && work > 0.5)
		work = 0.5;

	olck = demo_shared(sizeof *olck);
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(olck, &attr);

	start = demo_now();
	for (i = 1; i <= lock.workers; i++)
		demo_fork(lockfunc, i, NULL);
	demo_join();
	wall = demo_now() - start;
	demo_print("%ld lines in %.2f s, cores busy %.2f\n", lines, wall,
	    wall > 0 ? demo_cpu_time(1) / wall : 0);
	return 0;
}
