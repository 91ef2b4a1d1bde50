/*
 * duty.c: a worker for the timeline's accuracy test and benchmark: pinned to
 * one core, it spins SPIN ms (on its own CPU clock, so the spin is 3 ms of
 * work however busy the machine is) and sleeps SLEEP ms, in a loop, for SECS
 * seconds. At the end it prints the kernel's own figures for it, from
 * /proc/thread-self/schedstat: "run_ms=R wait_ms=W pinned_run_ms=P", P
 * the run time since it was pinned (what a tracer is checked against). Usage: duty CORE [SPIN SLEEP SECS [DELAY]] (defaults 3 7 5 1):
 * DELAY seconds asleep first, so a monitor started with it has its baseline.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The kernel's run and wait time of this thread so far, in ms. */
static void
schedstat(double *run, double *wait)
{
	unsigned long long	 r = 0, w = 0;
	FILE			*f;

	if ((f = fopen("/proc/thread-self/schedstat", "r")) != NULL) {
		if (fscanf(f, "%llu %llu", &r, &w) != 2)
			r = w = 0;
		fclose(f);
	}
	*run = (double)r / 1e6;
	*wait = (double)w / 1e6;
}

static double
clock_s(clockid_t id)
{
	struct timespec	 ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	cpu_set_t	 set;
	struct timespec	 nap;
	double		 spin, sleep_s, secs, delay, end, t0;
	double		 run0, wait0, run, wait;
	int		 core;

	if (argc < 2) {
		fprintf(stderr, "usage: duty CORE [SPIN-MS SLEEP-MS SECS]\n");
		return 2;
	}
	core = atoi(argv[1]);
	spin = (argc > 2 ? atof(argv[2]) : 3) / 1000;
	sleep_s = (argc > 3 ? atof(argv[3]) : 7) / 1000;
	secs = argc > 4 ? atof(argv[4]) : 5;
	delay = argc > 5 ? atof(argv[5]) : 1;
	CPU_ZERO(&set);
	CPU_SET(core, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0) {
		perror("duty: sched_setaffinity");
		return 1;
	}
	schedstat(&run0, &wait0);
	nap.tv_sec = (time_t)delay;
	nap.tv_nsec = (long)((delay - (double)nap.tv_sec) * 1e9);
	nanosleep(&nap, NULL);
	nap.tv_sec = (time_t)sleep_s;
	nap.tv_nsec = (long)((sleep_s - (double)nap.tv_sec) * 1e9);
	end = clock_s(CLOCK_MONOTONIC) + secs;
	while (clock_s(CLOCK_MONOTONIC) < end) {
		t0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
		while (clock_s(CLOCK_THREAD_CPUTIME_ID) - t0 < spin)
			;
		nanosleep(&nap, NULL);
	}
	schedstat(&run, &wait);
	printf("run_ms=%.1f wait_ms=%.1f pinned_run_ms=%.1f\n", run, wait,
	    run - run0);
	return 0;
}
