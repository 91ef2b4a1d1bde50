/*
 * event.h: the event stream, the one shape of everything turbotop writes in
 * batch (a top-like run, a demo, -- COMMAND, a lesson, a benchmark, a
 * replay) and reads back (--replay).
 *
 * A stream is a hello record, then records each with a type:
 *
 *   hello    schema, version, host, cores, argv, started (ISO-8601 UTC)
 *   sample   t, cpus[], procs[], sys{}: one sampler tick
 *   output   t, job, pid, stream (out|err), text, cut: one line of a job
 *   start    t, job, pgid, line: a job started (line: the lesson step)
 *   exit     t, job, pgid, status, signal: a job ended
 *   step     t, line, cmd: a lesson step begins
 *   bench    t, workers, runs, ... : one worker count of a benchmark done
 *   error    t, line, message, skipped: something failed (or a try skipped)
 *   end      t, status, and steps/failures (lesson), amdahl_f (bench)
 *   host     t, host, state (up|stale|down|lost), reason: cluster mode
 *
 * In cluster mode (--hosts) every record that comes from a host's agent
 * carries "host": its name; output lines of MPI ranks carry "rank", and so
 * do the processes of a sample that belong to a rank.
 *
 * t is seconds since the hello. doc/turbotop-events.schema.json is the
 * contract, checked by the tests; event-write.c writes a record as JSON,
 * CSV or text; event-read.c parses a JSON line back into one.
 *
 * A struct event only points at its strings and arrays: the writer copies
 * nothing, the reader keeps them until its next record.
 */
#ifndef TURBOTOP_EVENT_H
#define TURBOTOP_EVENT_H

#include <stddef.h>

#include "sample.h"

#define EVENT_SCHEMA	1	/* the "schema" of the hellos we write */

enum event_type {
	EVENT_HELLO,
	EVENT_SAMPLE,
	EVENT_OUTPUT,
	EVENT_START,
	EVENT_EXIT,
	EVENT_STEP,
	EVENT_BENCH,
	EVENT_ERROR,
	EVENT_END,
	EVENT_HOST,
	EVENT_NTYPES
};

/* One worker count of a benchmark (NAN: undefined, null in JSON). */
struct event_bench {
	int		 workers;
	long		 runs, failed;
	double		 wall_median, wall_min, wall_max;
	double		 speedup, efficiency, karp_flatt;
	double		 amdahl_f, amdahl_speedup;
	double		 busy_mean;
	const double	*busy;		/* per core, or NULL */
	int		 ncpus;
	const char	*title;		/* what was benchmarked */
	int		 repeat;	/* measured runs per worker count */
	const char	*error;		/* why a run failed, or NULL */
	int		 over_cores;	/* more workers than cores */
	int		 is_short;	/* median under the floor: noise */
	int		 cores;		/* the machine's */
	double		 floor_s;	/* --bench-floor */
	const char	*sized;		/* how the workload was sized up, or NULL */
	const char	*short_note;	/* text only: the warning on short runs */
	int		 one_added;	/* text only: 1 worker was added */
};

/* The timeline of one core over a sample's interval (sample-timeline.h). */
struct event_core {
	int			 id;
	double			 idle_ms;
	const struct core_run	*runs;		/* the followed threads there */
	size_t			 nruns;
};

struct event_timeline {
	int			 exact;		/* the scheduler trace, not sampled */
	const char		*title;		/* text only: the source, or NULL */
	unsigned long long	 lost;		/* trace events lost so far */
	const struct event_core	*cores;
	int			 ncores;
};

struct event {
	enum event_type		 type;
	double			 t;		/* seconds since the hello */

	/* cluster mode: which host it came from (not for a hello), the rank */
	const char		*from;		/* "host"; NULL: this machine */
	int			 has_rank;	/* output: "rank" is set */
	int			 rank;
	const int		*proc_ranks;	/* sample: per process, -1 none; or NULL */

	/* hello */
	int			 schema;
	const char		*version, *host, *started;
	int			 cores;
	int			 argc;
	char *const		*argv;

	/* sample */
	const struct cpu_sample	*cpus;
	int			 ncpus;
	const struct proc_sample *procs;
	size_t			 nprocs;
	const struct sys_sample	*sys;		/* NULL: none */
	const struct event_timeline *timeline;	/* NULL: none */
	int			 with_threads;	/* each process lists its "tasks": */
	const struct thread_sample *threads;	/* ... these, matched by pid */
	size_t			 nthreads;
	int			 skimmed;	/* read without procs and sys */

	/* output, start, exit, step, error */
	int			 line;		/* lesson line; 0: none */
	const char		*job;
	long			 pid;		/* output: the writer; start, exit: pgid */
	int			 err;		/* output: from stderr */
	int			 cut;		/* output: the line was cut */
	int			 status, signal;	/* exit; end: status */
	const char		*text;		/* output text, step cmd, error message */
	int			 skipped;	/* error: a try whose program is absent */

	/* bench */
	const struct event_bench *bench;

	/* end */
	int			 lesson;	/* steps and failures are set */
	long			 steps, failures;
	int			 has_fit;	/* a benchmark's end: */
	double			 amdahl_f;	/* its fit (NAN: undefined) */
	const char		*reason;	/* why it stopped early, or NULL;
						   host: why its state changed */
	const char		*state;		/* host: up, stale, down, lost */
};

const char	*event_type_name(enum event_type);
int		 event_type_find(const char *);	/* -1: unknown */

#endif
