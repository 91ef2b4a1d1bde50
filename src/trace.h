/*
 * trace.h: the exact timeline's source, the scheduler's own record (trace.c).
 *
 * A tracer opens the sched:* tracepoints on every cpu through perf_event_open
 * (one mmap'ed ring buffer per cpu, read by one thread), so the kernel closes
 * everything when turbotop exits, however it exits. It keeps, for every
 * thread of the machine, the interval's running / waiting / sleeping time,
 * migrations and switches, and per cpu the interval's runs and idle time; it
 * appends the followed threads' segments and spans to a tl_store.
 *
 * tracefs is only read (the events' formats); it is mounted at
 * /sys/kernel/tracing when it is not and we may, and never unmounted (other
 * tools expect it there). No tracefs instance is made and no event enabled
 * there, so nothing needs undoing after a crash or SIGKILL.
 */
#ifndef TURBOTOP_TRACE_H
#define TURBOTOP_TRACE_H

#include <sys/types.h>
#include <stddef.h>

#include "tl-store.h"

struct tracer;

/* 0 if the exact timeline can run here, else -1 and the reason in *cause. */
int		 tracer_allowed(char **);
struct tracer	*tracer_new(struct tl_store *, char **);
void		 tracer_free(struct tracer *);

/*
 * The processes (thread groups) whose threads go into the store: added to
 * the followed set, which grows by itself with the threads and child
 * processes they make, and loses a process once its exit has been taken
 * into an interval. tracer_unfollow empties it. tracer_followed: the set
 * over the taken interval (sorted; valid until the next take).
 */
void		 tracer_follow(struct tracer *, const pid_t *, size_t);
void		 tracer_unfollow(struct tracer *);
size_t		 tracer_followed(struct tracer *, const pid_t **);

/*
 * Close the interval at t (sampler_time()'s clock): afterwards the getters
 * below describe the interval that ended at t.
 */
void		 tracer_take(struct tracer *, double);
size_t		 tracer_runs(struct tracer *, const struct tl_run **);
double		 tracer_idle_ms(struct tracer *, int);
int		 tracer_thread(struct tracer *, pid_t, struct tl_acc *);
size_t		 tracer_gone(struct tracer *, const struct tl_acc **);
unsigned long long tracer_lost(struct tracer *);

#endif
