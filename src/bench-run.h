/*
 * bench-run.h: the benchmark engine, a state machine the caller's event loop
 * drives (batch mode in bench.c, the TUI through bench-tui.c). It starts one
 * run at a time, times it, keeps the busy figures the caller feeds it, and
 * turns the runs into points (bench-stats.h) as each worker count finishes.
 * Nothing here draws or prints.
 *
 * Order of runs: one warm-up run with the first (smallest) worker count,
 * not counted, then for each K ascending, R measured runs. A failed run
 * (non-zero exit, killed, or not started) is never averaged in: that K gets
 * no figures and an error, its remaining runs are skipped, and the
 * benchmark goes on with the next K; if the warm-up or K = 1 fails there
 * is no baseline, and the benchmark ends there.
 *
 * Runs shorter than the floor (--bench-floor, default 0.5 s) are noise: a
 * warm-up that short makes a built-in demo's workload grow (its size
 * option, bench-cmd.h) and the warm-up run again, until the fastest run
 * should last the floor; a command cannot grow, and gets a warning. Points
 * whose median is still under the floor, and worker counts beyond the
 * machine's cores, are marked for the reports.
 */
#ifndef TURBOTOP_BENCH_RUN_H
#define TURBOTOP_BENCH_RUN_H

#include <sys/types.h>
#include <stddef.h>

struct bench;
struct bench_point;
struct job;
struct options;
struct sampler;

struct bench	*bench_create(const struct options *, char **);
void		 bench_free(struct bench *);

/* Driving it. */
int		 bench_start_next(struct bench *);	/* 0: nothing left to run */
int		 bench_running(const struct bench *);	/* a run is in flight */
int		 bench_run_ended(struct bench *);	/* ... and has ended */
void		 bench_collect(struct bench *);		/* record the ended run */
int		 bench_step(struct bench *);		/* collect + start; 0: finished */
void		 bench_sampled(struct bench *, const double *, int, double);
void		 bench_sampled_from(struct bench *, const struct sampler *);
void		 bench_abort(struct bench *, const char *);
pid_t		 bench_pgid(const struct bench *);	/* of the run in flight, or 0 */
struct job	*bench_job(const struct bench *);
int		 bench_current(const struct bench *, int *);

/* What it has found so far. */
int		 bench_finished(const struct bench *);
int		 bench_failed(const struct bench *);	/* some run failed */
const char	*bench_title(const struct bench *);
const char	*bench_progress(const struct bench *);
const char	*bench_abort_reason(const struct bench *);
int		 bench_repeat(const struct bench *);
int		 bench_one_added(const struct bench *);
int		 bench_ncpus(const struct bench *);
int		 bench_cores(const struct bench *);
int		 bench_over_cores(const struct bench *, size_t);
double		 bench_floor(const struct bench *);
int		 bench_point_short(const struct bench *, size_t);
const char	*bench_size_note(const struct bench *);
const char	*bench_short_note(const struct bench *);
const struct bench_point *bench_points(const struct bench *, size_t *);
size_t		 bench_points_done(const struct bench *);
const double	*bench_busy(const struct bench *, size_t);
double		 bench_busy_mean(const struct bench *, size_t);
const char	*bench_error(const struct bench *, size_t);
double		 bench_fit(const struct bench *);

#endif
