/*
 * tl-store.h: what the timeline sources (the exact tracer, the 20 ms poller,
 * the per-thread readers) hand the sampler, and the store of the fine record
 * (segments and state spans) that both sources append to and the sampler's
 * getters read. Internal to the data side; callers use sample-timeline.h.
 */
#ifndef TURBOTOP_TL_STORE_H
#define TURBOTOP_TL_STORE_H

#include <sys/types.h>
#include <stddef.h>

#include "sample-timeline.h"

/* One thread's time on one core over an interval (ms). */
struct tl_run {
	int		 cpu;
	pid_t		 pid, tid;
	double		 ms;
};

/* A thread's figures over an interval, as a source accumulates them. */
struct tl_acc {
	pid_t		 pid, tid;
	char		 name[16];
	int		 core;
	char		 state;
	double		 run_ms, wait_ms, sleep_ms;
	unsigned	 migrations, vol, invol;
};

/*
 * The store: two bounded rings (segments; per-thread state spans) and the
 * names of the threads they mention. Thread-safe: a source's thread appends,
 * the main thread reads. A segment (span) that continues the last one of its
 * cpu (thread) without a gap extends it, so a run cut at each tick stays one
 * segment.
 */
struct tl_store;
struct tl_store	*tl_store_new(void);
void		 tl_store_free(struct tl_store *);
void		 tl_store_clear(struct tl_store *);
void		 tl_store_segment(struct tl_store *, int, pid_t, pid_t, double,
		     double);
void		 tl_store_span(struct tl_store *, pid_t, char, double, double);
void		 tl_store_name(struct tl_store *, pid_t, pid_t, const char *);
size_t		 tl_store_segments(struct tl_store *, double, double,
		     void (*)(const struct tl_segment *, void *), void *);
size_t		 tl_store_spans(struct tl_store *, pid_t, double, double,
		     void (*)(char, double, double, void *), void *);
const char	*tl_store_thread_name(struct tl_store *, pid_t);
/* A batch of appends under one lock: the _held calls in between. */
void		 tl_store_lock(struct tl_store *);
void		 tl_store_unlock(struct tl_store *);
void		 tl_store_segment_held(struct tl_store *, int, pid_t, pid_t,
		     double, double);
void		 tl_store_span_held(struct tl_store *, pid_t, char, double,
		     double);
void		 tl_store_name_held(struct tl_store *, pid_t, pid_t,
		     const char *);
void		 tl_store_trim(struct tl_store *, double);	/* drop before */

/* sample-threads.c: the threads of some processes, read from /proc. */
struct thread_reader;
struct thread_reader *thread_reader_new(void);
void		 thread_reader_free(struct thread_reader *);
/*
 * The tasks of the given processes: names, states and cores, and with
 * schedstat set, run/wait/switch/migration deltas since the last call over
 * an interval of the given seconds (a thread first seen counts from 0 when
 * it is younger than the interval). Returns the count; *out is the reader's.
 */
size_t		 thread_reader_read(struct thread_reader *, const pid_t *,
		     size_t, int, double, struct tl_acc **);

#endif
