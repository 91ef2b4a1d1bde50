/*
 * trace.h: the exact timeline's source, the scheduler's own record (trace.c).
 *
 * A tracer reads the sched:* tracepoints of every cpu from a tracefs instance
 * of its own (root), else through perf_event_open (CAP_PERFMON; one mmap'ed
 * ring buffer per cpu), by one thread. It keeps, for every
 * thread of the machine, the interval's running / waiting / sleeping time,
 * migrations and switches, and per cpu the interval's runs and idle time; it
 * appends the followed threads' segments and spans to a tl_store.
 *
 * tracefs is mounted at /sys/kernel/tracing when it is not and we may, and
 * never unmounted (other tools expect it there). The instance
 * (turbotop-PID-N) is removed by tracer_free, by the watchdog when turbotop
 * dies without it (tfs_sweep(pid)), and by the next tracer when both are
 * gone (tfs_sweep(0)). perf's events close with the process.
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
 * into an interval. tracer_refollow makes it the given set (sorted), less
 * nothing still to come: a process that ended after the last cut stays
 * until its exit is taken. tracer_followed: the set over the taken interval
 * (sorted; valid until the next take).
 */
void		 tracer_follow(struct tracer *, const pid_t *, size_t);
void		 tracer_refollow(struct tracer *, const pid_t *, size_t);
size_t		 tracer_followed(struct tracer *, const pid_t **);

/*
 * Close the interval at t (sampler_time()'s clock): afterwards the getters
 * below describe the interval that ended at t.
 */
void		 tracer_take(struct tracer *, double);
/* The records up to now into the store, without closing the interval. */
void		 tracer_flush(struct tracer *);
size_t		 tracer_runs(struct tracer *, const struct tl_run **);
double		 tracer_idle_ms(struct tracer *, int);
int		 tracer_thread(struct tracer *, pid_t, struct tl_acc *);
/* Every thread alive at the cut, sorted by tid. */
size_t		 tracer_threads(struct tracer *, const struct tl_acc **);
size_t		 tracer_gone(struct tracer *, const struct tl_acc **);
unsigned long long tracer_lost(struct tracer *);

/* Remove the tracefs instances of turbotop pid (0: of every dead one). */
void		 tfs_sweep(pid_t);

#endif
