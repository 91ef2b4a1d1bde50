/*
 * gil: the article's core point ("Overcoming the GIL to extract
 * performance"). The same CPU-bound work is done three ways:
 *
 *   1. by W threads that must hold one global lock while they compute, as
 *      CPython's Global Interpreter Lock makes Python threads do (each holds
 *      it for 5 ms at most, CPython's switch interval, then lets go);
 *   2. by W threads without that lock (what C threads, or Python code that
 *      releases the GIL, can do);
 *   3. by W processes, each with its own interpreter and its own GIL (the
 *      article's way out: multiprocessing, pprocess, Parallel Python).
 *
 * It prints each wall time and how many cores were busy on average (CPU
 * time / wall time): about 1 for the locked threads, whatever W.
 *
 * Watch in turbotop: during the first part only one core is busy, the
 * threads taking turns; then every core fills, for threads and processes.
 *
 *   gil                   W = ncpu, 5 s of CPU work in all, all three ways
 *                         (on 2 cores: 5 s, then 2.5 s, then 2.5 s)
 *   gil --mode gil -w 4   only the locked threads
 */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "demo-common.h"

#define SWITCH_INTERVAL	0.005	/* seconds: CPython's sys.getswitchinterval() */

static double		 work = 5;
static const char	*mode = "all";
static pthread_mutex_t	 gil_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct demo_opt opts[] = {
	{ "work", 0, DEMO_DOUBLE, &work, 0.01, 3600, "SECS",
	  "CPU seconds of work in all, shared by the W workers (default 5)" },
	{ "mode", 'm', DEMO_STRING, &mode, 0, 0, "all|gil|threads|processes",
	  "run only one of the three ways (default all)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo gil = {
	.name = "gil",
	.summary = "CPU work by locked threads, free threads and processes: the GIL",
	.about = "CPU work by W threads under one global lock, by W free threads, by W processes",
	.watch = "the locked threads keep one core busy at a time; threads without\n"
	    "the lock and processes fill every core.",
	.duration = -1,
	.opts = opts,
};

/* A thread under the "GIL": compute only while holding it, 5 ms at a time. */
static void *
locked_thread(void *share)
{
	double	left = *(double *)share, slice;

	while (left > 0 && !demo_stopping()) {
		slice = left < SWITCH_INTERVAL ? left : SWITCH_INTERVAL;
		pthread_mutex_lock(&gil_lock);
		demo_spin(slice);
		pthread_mutex_unlock(&gil_lock);
		sched_yield();		/* let a waiting thread take it */
		left -= slice;
	}
	return NULL;
}

static void *
free_thread(void *share)
{
	demo_spin(*(double *)share);
	return NULL;
}

static int
process(long id, void *share)
{
	demo_spin(*(double *)share);
	return 0;
}

/* Print one way's wall time and busy cores; CPU is the CPU time it used. */
static void
report(const char *what, double wall, double cpu)
{
	demo_print("%-16s %6.2f s, cores busy %.2f\n", what, wall,
	    wall > 0 ? cpu / wall : 0);
}

/* Run the work on W threads, each taking turns on the lock or not. */
static void
run_threads(const char *what, void *(*fn)(void *), double *share)
{
	pthread_t	*t;
	double		 start = demo_now(), cpu = demo_cpu_time(0);
	long		 i;

	if ((t = calloc((size_t)gil.workers, sizeof *t)) == NULL)
		demo_fatal("out of memory");
	for (i = 0; i < gil.workers; i++) {
		if (pthread_create(&t[i], NULL, fn, share) != 0)
			demo_fatal("cannot create thread %ld", i + 1);
	}
	for (i = 0; i < gil.workers; i++)
		pthread_join(t[i], NULL);
	free(t);
	demo_check_stop();
	report(what, demo_now() - start, demo_cpu_time(0) - cpu);
}

int
main(int argc, char **argv)
{
	double	share, start, cpu;
	long	i;

	gil.workers = demo_ncpu();
	demo_start(&gil, argc, argv);
	share = work / (double)gil.workers;
	demo_print("workers: %ld, %.2f s of CPU work in all\n", gil.workers, work);

	if (strcmp(mode, "all") == 0 || strcmp(mode, "gil") == 0)
		run_threads("locked threads:", locked_thread, &share);
	if (strcmp(mode, "all") == 0 || strcmp(mode, "threads") == 0)
		run_threads("free threads:", free_thread, &share);
	if (strcmp(mode, "all") == 0 || strcmp(mode, "processes") == 0) {
		start = demo_now();
		cpu = demo_cpu_time(1);
		for (i = 0; i < gil.workers; i++)
			demo_fork(process, i, &share);
		demo_join();
		report("processes:", demo_now() - start, demo_cpu_time(1) - cpu);
	}
	return 0;
}
