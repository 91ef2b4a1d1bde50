/*
 * source.h: where the TUI's data comes from. A source is either this
 * machine's sampler (source_live) or an event stream (source_stream): a
 * recorded or live stream read back by --replay, or, later, the streams of
 * several hosts' agents merged into one. The panes read only this
 * interface; none of them cares which kind it draws.
 *
 * Contract:
 *  - A source has one or more hosts. Each host has its own cores; the
 *    source numbers every core of every host 0 .. source_ncpus() - 1,
 *    host by host in the order the hosts first appeared (a host's cores are
 *    source_host_first() .. + source_host_ncpus() - 1). A live source has
 *    one host, this machine, and its cores are the sampler's.
 *  - A stream source is fed records with source_feed() (event.h). A record
 *    belongs to the host its "host" field names, else to the host of the
 *    stream's hello. Only sample records change what the getters return;
 *    the other types are the caller's (output, jobs: see replay-play.h).
 *  - The getters have the contracts of sample.h's and sample-timeline.h's
 *    (pointers valid until the next tick or feed), with times on the
 *    source's clock: the sampler's monotonic seconds when live, the
 *    stream's seconds since its hello otherwise.
 *  - History: one sample row per tick of the first host with cores (one
 *    down from the start has none; for one host, every sample); the other
 *    hosts' latest figures are carried into it. A host's state records
 *    (cluster mode) are kept for source_host_state(); a host first named by
 *    one has no core until its first sample.
 *  - A stream source's timeline is rebuilt from the per-interval figures of
 *    the samples (each core's runs laid end to end in its interval), so it
 *    is as fine as the recorded interval, not the original trace.
 */
#ifndef TURBOTOP_SOURCE_H
#define TURBOTOP_SOURCE_H

#include <stddef.h>

#include "sample.h"

struct event;
struct source;

struct source	*source_live(struct sampler *);	/* borrows the sampler */
struct source	*source_stream(void);
void		 source_free(struct source *);
struct sampler	*source_sampler(const struct source *);	/* NULL: a stream */

/* A stream: take one record into the picture; 1 if it was a sample. */
int		 source_feed(struct source *, const struct event *);
/* A skimmed sample's (event-read.h) procs and sys, from its whole read. */
void		 source_feed_procs(struct source *, const struct event *);
void		 source_clear(struct source *);	/* forget all (a seek) */

/* Hosts. */
int		 source_nhosts(const struct source *);
const char	*source_host_name(const struct source *, int);
/*
 * Its state from the stream's host records (up, stale, down, lost; the
 * reason in *reason, or NULL), or NULL when none came.
 */
const char	*source_host_state(const struct source *, int, const char **);
int		 source_host_first(const struct source *, int);
int		 source_host_ncpus(const struct source *, int);
const struct cpu_sample *source_host_total(const struct source *, int);
int		 source_cpu_host(const struct source *, int);
/*
 * A core's label into buf: "cpu3" for one host, "h2:cpu3" for several; when
 * that is wider than width (> 0), "3" or "h2:3", the host's name cut with
 * a '~' if need be. source_cpu_label_len: the longest label of cores
 * first .. first + n - 1, to size a label column.
 */
const char	*source_cpu_label(const struct source *, int, int, char *,
		     size_t);
int		 source_cpu_label_len(const struct source *, int, int);

/* The last sample (sample.h). */
double		 source_time(const struct source *);
double		 source_interval(const struct source *);
int		 source_ncpus(const struct source *);
const struct cpu_sample *source_cpu(const struct source *, int);
const struct cpu_sample *source_total(const struct source *);
size_t		 source_nprocs(const struct source *);
const struct proc_sample *source_proc(const struct source *, size_t);
int		 source_proc_host(const struct source *, size_t);
const struct sys_sample *source_sys(const struct source *);

/* History: index 0 the latest row (sample.h's history_*). */
size_t		 source_history_len(const struct source *);
double		 source_history_time(const struct source *, size_t);
double		 source_history_busy(const struct source *, int, size_t);

/* The timeline (sample-timeline.h). */
int		 source_timeline_exact(const struct source *);
const char	*source_timeline_title(const struct source *);
unsigned long long source_timeline_lost(const struct source *);
size_t		 source_nthreads(const struct source *);
const struct thread_sample *source_thread(const struct source *, size_t);
size_t		 source_segments(const struct source *, double, double,
		     void (*)(const struct tl_segment *, void *), void *);
size_t		 source_thread_spans(const struct source *, pid_t, double,
		     double, void (*)(char, double, double, void *), void *);
const char	*source_thread_name(const struct source *, pid_t);

#endif
