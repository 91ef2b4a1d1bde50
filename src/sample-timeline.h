/*
 * sample-timeline.h: the timeline half of the sampler (included by sample.h):
 * which thread ran on which core, and what each thread of the watched groups
 * did over the last interval - running, runnable but waiting for a core, or
 * blocked/sleeping.
 *
 * Two sources fill the SAME structures, so a reader never cares which it has
 * (except for the title):
 *  - exact (trace.c): the scheduler's own record, read system-wide from the
 *    sched:* tracepoints through one perf ring buffer per cpu. Needs root,
 *    CAP_PERFMON or a permissive kernel.perf_event_paranoid (<= 0 for
 *    system-wide tracepoints).
 *  - sampled (sample-occupy.c, sample-threads.c): the 20 ms poller credits
 *    each thread's new tics to the core it is on; per-thread run and wait
 *    come from the kernel's schedstat, switches and migrations from
 *    /proc/PID/task/TID/sched, read at each tick. The core timeline is then
 *    only as fine as a poll and a tic (10 ms). The state spans come from
 *    schedstat too, read at each poll, so a strip's shares agree with the
 *    interval's run_ms and wait_ms (to a poll or two at the edges).
 *
 * Contract for callers:
 *  - sampler_set_timeline() before the first tick; TIMELINE_AUTO gives exact
 *    where allowed, else sampled with the reason in the title. A new sampler
 *    is sampled until told otherwise.
 *  - The per-thread and per-core figures cover the last interval (as
 *    sampler_cpu()), the threads of the processes of the sample that the
 *    timeline follows: the watched groups (SCOPE_WATCHED); in other scopes the
 *    exact source covers the listed processes and the sampled one none.
 *    Pointers are valid until the next tick.
 *  - run_ms + wait_ms + sleep_ms = the part of the interval the thread lived
 *    (the interval, for a thread alive throughout), to rounding.
 *  - Segments and spans are kept for the last TL_KEEP_SECONDS or the last
 *    TL_KEEP_SEGMENTS segments (TL_KEEP_SPANS spans), whichever is shorter;
 *    times are on sampler_time()'s clock (CLOCK_MONOTONIC, seconds). A
 *    segment or span still open at the last tick ends at sampler_time().
 */
#ifndef TURBOTOP_SAMPLE_TIMELINE_H
#define TURBOTOP_SAMPLE_TIMELINE_H

#include <sys/types.h>
#include <stddef.h>

#define TL_KEEP_SECONDS		600.0
#define TL_KEEP_SEGMENTS	(1u << 20)
#define TL_KEEP_SPANS		(1u << 20)

enum timeline_mode {
	TIMELINE_AUTO,		/* exact where allowed, else sampled */
	TIMELINE_EXACT,		/* the scheduler trace, or an error */
	TIMELINE_SAMPLED	/* the 20 ms poller */
};

/* One thread over the last interval. */
struct thread_sample {
	pid_t		 pid, tid;	/* process (thread group) and thread */
	char		 name[16];	/* the thread's comm */
	int		 core;		/* the core it last ran on (-1: unknown) */
	char		 state;		/* R running, W waiting, S sleeping/blocked, X gone */
	double		 run_ms;	/* on a core */
	double		 wait_ms;	/* runnable, waiting for a core */
	double		 sleep_ms;	/* blocked or sleeping */
	unsigned	 migrations;	/* moves to another core */
	unsigned	 vol_switches;	/* gave the core up (blocked, slept, yielded) */
	unsigned	 invol_switches; /* was preempted while runnable */
};

/* One thread's time on one core over the last interval. */
struct core_run {
	pid_t		 pid, tid;
	double		 ms;
};

/* "tid ran on cpu from start to end" (seconds, sampler_time()'s clock). */
struct tl_segment {
	int		 cpu;
	pid_t		 pid, tid;
	double		 start, end;
};

struct sampler;

/*
 * Choose the source. 0, or -1 with the reason in *cause (malloc'd) when
 * TIMELINE_EXACT is not allowed here; the sampler then stays sampled.
 */
int		 sampler_set_timeline(struct sampler *, enum timeline_mode,
		     char **);
int		 sampler_timeline_exact(const struct sampler *); /* 1: trace */
/* "exact: scheduler trace" or "sampled every 20 ms (exact needs ...)". */
const char	*sampler_timeline_title(const struct sampler *);
/* Events lost to a full buffer so far (0 when sampled). */
unsigned long long sampler_timeline_lost(const struct sampler *);

/* Whether the exact timeline is allowed here; 0 or -1 and *cause. */
int		 timeline_allowed(char **);

/* The threads, by run time over the last interval, descending. */
size_t		 sampler_nthreads(const struct sampler *);
const struct thread_sample *sampler_thread(const struct sampler *, size_t);

/*
 * Per core over the last interval: idle time, and the followed threads that
 * ran there (longest first; *runs valid until the next tick). The rest of
 * the interval went to other tasks.
 */
double		 sampler_core_idle_ms(const struct sampler *, int);
size_t		 sampler_core_runs(const struct sampler *, int,
		     const struct core_run **);

/*
 * The fine record. Calls fn for each segment (span) overlapping [from, to],
 * oldest first, clipped to neither; returns how many.
 */
size_t		 sampler_segments(const struct sampler *, double, double,
		     void (*)(const struct tl_segment *, void *), void *);
size_t		 sampler_thread_spans(const struct sampler *, pid_t, double,
		     double, void (*)(char, double, double, void *), void *);
/* The name of a thread seen in the record (label for a legend), or NULL. */
const char	*sampler_thread_name(const struct sampler *, pid_t);

#endif
