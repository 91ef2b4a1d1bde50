/*
 * bench-run.c: the benchmark engine (see bench-run.h): which run comes next,
 * starting and timing it, recording its outcome, and the figures per worker
 * count once its runs are in.
 *
 * Wall time is taken from just before the run starts to the moment the
 * caller's loop sees it has ended, so the loop must wake promptly when a
 * run ends (jobs_wait returns JOBS_WAIT_JOB at once).
 */
#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-cmd.h"
#include "bench-list.h"
#include "bench-run.h"
#include "bench-stats.h"
#include "cluster.h"
#include "job.h"
#include "options.h"
#include "sample.h"
#include "util.h"

struct bench_k {
	double		*times;		/* the successful runs' wall times */
	double		*busy_sum;	/* per core: busy % x seconds */
	double		 busy_dt;	/* seconds sampled */
	double		*busy;		/* per core: the mean, once done */
	char		*error;		/* why a run failed */
};

struct bench {
	struct bench_cmd	*cmd;
	int			 repeat;
	int			 pty;	/* --pty: runs get a terminal */
	int			 one_added;
	size_t			 nk;
	struct bench_point	*points;
	struct bench_k		*ks;
	int			 ncpus;	/* from the first busy figures fed */
	int			 cores;	/* online when it was created */
	double			 floor;	/* s: shorter runs are noise (0: off) */
	int			 resizes;	/* times the workload was sized up */
	double			 first_t;	/* s: the first warm-up run */
	char			*size_note;	/* what was sized up, or NULL */
	char			*short_note;	/* why runs stay too short, or NULL */

	size_t			 ki;	/* the K being measured */
	int			 run;	/* its run, 0 .. repeat - 1; -1: warm-up */
	size_t			 done;	/* Ks whose runs are all in */
	int			 finished;
	int			 failed;
	char			*abort_reason;
	double			 fit;
	char			*progress;

	/* The run in flight. */
	int			 running;
	struct job		*job;
	int			 ended;
	int			 leader_gone;
	double			 start;
	double			 end;
};

#define BUSY_MIN	0.2	/* s sampled before busy figures mean anything
				   (/proc/stat counts in 10 ms ticks) */
#define BENCH_LINES	1000	/* output lines kept per run */
#define BENCH_GRACE	0.5	/* s from SIGTERM to SIGKILL for what a run left */
#define RESIZES_MAX	8	/* sizing steps before giving up */
#define GROWTH_MAX	1000.0	/* the most one sizing step multiplies the work */
#define GROWTH_MARGIN	1.3	/* aim that much over the floor */

/*
 * Start one run with k workers as a supervised job (job.h): its own process
 * group, its output captured (so nothing garbles the table) and kept for
 * the error message if it fails.
 */
static int
proc_start(struct bench *b, char **argv, int k, char **cause)
{
	struct job_config	 cfg = { b->pty, BENCH_LINES, BENCH_GRACE,
				    bench_cmd_slots(b->cmd) > 0 };
	const char		*base;
	char			*name;

	base = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	xasprintf(&name, "%s (K=%d)", base, k);
	b->job = job_start(name, argv, &cfg, cause);
	free(name);
	if (b->job == NULL)
		return -1;
	b->ended = b->leader_gone = 0;
	return 0;
}

/*
 * True once the run has ended: its job is DONE, or its leader has exited
 * (and been reaped) while something it started still holds the output open.
 * The run's time stops there; the stragglers are stopped and waited for.
 */
static int
proc_ended(struct bench *b)
{
	if (b->ended)
		return 1;
	if (job_state(b->job) == JOB_DONE) {
		if (!b->leader_gone)
			b->end = now_mono();
		b->ended = 1;
	} else if (!b->leader_gone && kill(job_pgid(b->job), 0) == -1 &&
	    errno == ESRCH) {
		b->leader_gone = 1;
		b->end = now_mono();
		job_stop(b->job);
	}
	return b->ended;
}

/* End the run now, whatever it is doing, and forget it. */
static void
proc_kill(struct bench *b)
{
	job_free(b->job);	/* stops it and waits, bounded */
	b->job = NULL;
	b->ended = 1;
}

static int
has_words(const char *s)
{
	return s[strcspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")] != '\0';
}

/*
 * The last line the run wrote on stderr, or NULL. A message framed by
 * rules of dashes (mpirun's way) is named by its first line instead: its
 * last is advice.
 */
static const char *
proc_last_error_line(const struct bench *b)
{
	const struct out_line	*l;
	const char		*first = NULL;
	unsigned long long	 i;
	int			 framed = 0;

	for (i = job_lines_next(b->job); i > job_lines_first(b->job); i--) {
		l = job_line(b->job, i - 1);
		if (l == NULL || l->stream != STREAM_ERR || *l->text == '\0')
			continue;
		if (!has_words(l->text)) {
			if (framed && first != NULL)
				return first;
			framed = 1;
			continue;
		}
		if (!framed)
			return l->text;
		first = l->text;
	}
	return first;
}

/* Why the run failed (malloc'd), or NULL if it succeeded. */
static char *
proc_failure(const struct bench *b)
{
	const char	*last = proc_last_error_line(b);
	char		 what[128], *s;
	int		 sig = job_exit_signal(b->job);
	int		 st = job_exit_status(b->job);

	if (sig == 0 && st == 0)
		return NULL;
	if (sig != 0)
		snprintf(what, sizeof what, "killed by signal %d (%s)", sig,
		    strsignal(sig));
	else if (st == 127)
		snprintf(what, sizeof what, "exit status 127 (not run?)");
	else
		snprintf(what, sizeof what, "exit status %d", st);
	if (last != NULL)
		xasprintf(&s, "%s; its last error line: %s", what, last);
	else
		s = xstrdup(what);
	return s;
}

/*
 * A benchmark of the command in o (--bench, --repeat and the operands),
 * checked before anything runs: NULL and *cause if it cannot be run.
 */
struct bench *
bench_create(const struct options *o, char **cause)
{
	struct bench	*b;
	int		*ks;
	size_t		 n, i;
	int		 added;

	if (bench_list_parse(o->bench, &ks, &n, &added, cause) != 0)
		return NULL;
	b = xcalloc(1, sizeof *b);
	/* mpicompute's ranks under mpirun, across hosts or here. */
	if ((o->hosts != NULL || o->hostfile != NULL || (o->argc > 0 &&
	    !o->is_command && strcmp(o->argv[0], MPI_DEMO) == 0) ?
	    (b->cmd = cluster_bench_cmd(o, cause)) :
	    (b->cmd = bench_cmd_create(o->argc, o->argv, o->is_command,
	    cause))) == NULL) {
		free(ks);
		free(b);
		return NULL;
	}
	b->repeat = o->repeat > 0 ? o->repeat : REPEAT_DEFAULT;
	b->pty = o->pty;
	b->one_added = added;
	b->nk = n;
	b->points = xcalloc(n, sizeof *b->points);
	b->ks = xcalloc(n, sizeof *b->ks);
	for (i = 0; i < n; i++) {
		b->points[i].workers = ks[i];
		b->points[i].wall_median = b->points[i].wall_min = NAN;
		b->points[i].wall_max = b->points[i].speedup = NAN;
		b->points[i].speedup_lo = b->points[i].speedup_hi = NAN;
		b->points[i].efficiency = b->points[i].karp_flatt = NAN;
		b->ks[i].times = xcalloc(b->repeat, sizeof *b->ks[i].times);
	}
	free(ks);
	b->run = -1;
	b->fit = NAN;
	b->cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (bench_cmd_slots(b->cmd) > 0)
		b->cores = bench_cmd_slots(b->cmd);	/* the hosts' slots */
	if (b->cores < 1)
		b->cores = 1;
	b->floor = o->bench_floor;
	return b;
}

void
bench_free(struct bench *b)
{
	size_t	i;

	if (b == NULL)
		return;
	if (b->running)
		proc_kill(b);
	for (i = 0; i < b->nk; i++) {
		free(b->ks[i].times);
		free(b->ks[i].busy_sum);
		free(b->ks[i].busy);
		free(b->ks[i].error);
	}
	free(b->ks);
	free(b->points);
	bench_cmd_free(b->cmd);
	free(b->abort_reason);
	free(b->progress);
	free(b->size_note);
	free(b->short_note);
	free(b);
}

static void
set_progress(struct bench *b)
{
	free(b->progress);
	if (b->finished)
		xasprintf(&b->progress, "%s", b->abort_reason != NULL ?
		    b->abort_reason : "finished");
	else if (b->run < 0 && b->resizes > 0)
		xasprintf(&b->progress, "warm-up run with K=%d (not "
		    "counted), the workload sized up: %s", b->points[0].workers,
		    b->size_note);
	else if (b->run < 0)
		xasprintf(&b->progress, "warm-up run with K=%d (not "
		    "counted)", b->points[0].workers);
	else
		xasprintf(&b->progress, "K=%d: run %d of %d",
		    b->points[b->ki].workers, b->run + 1, b->repeat);
}

static void
finish(struct bench *b, const char *reason)
{
	b->finished = 1;
	if (reason != NULL && b->abort_reason == NULL)
		b->abort_reason = xstrdup(reason);
	set_progress(b);
}

/* All of K's runs are in (or one failed): its figures, and everyone's. */
static void
close_k(struct bench *b)
{
	struct bench_k	*k = &b->ks[b->ki];
	int		 c;

	if (k->error == NULL) {
		bench_point_times(&b->points[b->ki], k->times,
		    b->points[b->ki].runs);
		if (k->busy_dt >= BUSY_MIN) {
			k->busy = xcalloc(b->ncpus, sizeof *k->busy);
			for (c = 0; c < b->ncpus; c++)
				k->busy[c] = k->busy_sum[c] / k->busy_dt;
		}
	}
	bench_points_derive(b->points, b->ki + 1);
	b->fit = bench_amdahl_fit(b->points, b->ki + 1);
	b->done = b->ki + 1;
	b->ki++;
	b->run = 0;
	if (b->ki == b->nk)
		finish(b, NULL);
}

/* Start the next run; 0 if there is none left (or it is running). */
int
bench_start_next(struct bench *b)
{
	char	**argv, *cause, *msg;
	int	  k;

	if (b->finished || b->running)
		return 0;
	k = b->run < 0 ? b->points[0].workers : b->points[b->ki].workers;
	set_progress(b);
	argv = bench_cmd_argv(b->cmd, k);
	b->start = now_mono();
	if (argv == NULL)
		cause = xstrdup("the launcher's command cannot be made");
	if (argv == NULL || proc_start(b, argv, k, &cause) != 0) {
		bench_cmd_argv_free(argv);
		xasprintf(&msg, "cannot start a run with K=%d: %s", k,
		    cause);
		free(cause);
		b->failed = 1;
		finish(b, msg);
		free(msg);
		return 0;
	}
	bench_cmd_argv_free(argv);
	b->running = 1;
	return 1;
}

int
bench_running(const struct bench *b)
{
	return b->running;
}

/* True once the run in flight has ended (its end time is then kept). */
int
bench_run_ended(struct bench *b)
{
	return b->running && proc_ended(b);
}

/*
 * After a warm-up run of t seconds: if the runs would be shorter than the
 * floor, give them more work and return 1 (the warm-up runs again). The
 * aim: the warm-up's K0 workers take floor * min(Kmax, cores) / K0, so that
 * even the fastest CPU-bound run, Kmax workers on every core, lasts the
 * floor. A command, or a demo at its limit, cannot grow: short_note says
 * why, and the points under the floor are marked (bench_point_short).
 */
static int
size_up(struct bench *b)
{
	double	t = b->end - b->start, target, factor;
	int	k0 = b->points[0].workers, kmax = b->points[b->nk - 1].workers;
	char	*note;

	if (!(b->floor > 0))
		return 0;
	target = b->floor * (kmax < b->cores ? kmax : b->cores) / k0;
	if (target < b->floor)
		target = b->floor;
	if (t >= target)
		return 0;
	factor = target / (t > 1e-3 ? t : 1e-3) * GROWTH_MARGIN;
	if (factor > GROWTH_MAX)
		factor = GROWTH_MAX;
	if (b->resizes >= RESIZES_MAX ||
	    bench_cmd_resize(b->cmd, factor) != 0) {
		free(b->short_note);
		if (!bench_cmd_sizable(b->cmd))
			xasprintf(&b->short_note, "a run with K=%d took %.3f s, "
			    "under the %.2g s floor, and this command cannot be "
			    "sized up: its times are noise, not a result; give "
			    "it more work", k0, t, b->floor);
		else
			xasprintf(&b->short_note, "a run with K=%d took %.3f s, "
			    "under the %.2g s floor, even sized up as far as "
			    "it goes", k0, t, b->floor);
		return 0;
	}
	if (b->resizes++ == 0)
		b->first_t = t;
	free(b->size_note);
	note = bench_cmd_size_note(b->cmd);
	xasprintf(&b->size_note, "%s (a run with K=%d took %.3f s, under "
	    "the %.2g s floor)", note != NULL ? note : "more work", k0,
	    b->first_t, b->floor);
	free(note);
	return 1;
}

/* Record the run that has ended: its time, or its failure. */
void
bench_collect(struct bench *b)
{
	struct bench_point	*p;
	struct bench_k		*k;
	char			*why, *msg;

	if (!b->running || !b->ended)
		return;
	b->running = 0;
	why = proc_failure(b);
	job_free(b->job);
	b->job = NULL;
	if (b->run < 0) {
		if (why == NULL && size_up(b)) {
			set_progress(b);
			return;		/* the warm-up again, with more work */
		}
		if (why != NULL) {
			xasprintf(&msg, "the warm-up run with K=%d failed: %s; "
			    "nothing measured", b->points[0].workers, why);
			b->failed = 1;
			finish(b, msg);
			free(msg);
		} else
			b->run = 0;
		free(why);
		set_progress(b);
		return;
	}
	p = &b->points[b->ki];
	k = &b->ks[b->ki];
	if (why != NULL) {
		p->failed++;
		b->failed = 1;
		xasprintf(&k->error, "run %d of %d with K=%d failed: %s",
		    b->run + 1, b->repeat, p->workers, why);
		free(why);
		close_k(b);
		if (p->workers == 1 && !b->finished) {
			xasprintf(&msg, "%s; without the time with one worker there "
			    "is no speedup to measure", k->error);
			finish(b, msg);
			free(msg);
		}
		return;
	}
	k->times[p->runs++] = b->end - b->start;
	if (++b->run == b->repeat)
		close_k(b);
	set_progress(b);
}

/* For an event loop: record what ended, start what comes next. */
int
bench_step(struct bench *b)
{
	if (b->running) {
		if (!bench_run_ended(b))
			return 1;
		bench_collect(b);
	}
	if (!b->finished)
		bench_start_next(b);
	return !b->finished;
}

/*
 * Feed the busy % of each of ncpus cores over the last interval seconds,
 * counted for the K being measured if a measured run is in flight.
 */
void
bench_sampled(struct bench *b, const double *busy, int ncpus, double interval)
{
	struct bench_k	*k;
	int		 c;

	if (!b->running || b->run < 0 || b->finished || ncpus <= 0 ||
	    !(interval > 0))
		return;
	if (b->ncpus == 0)
		b->ncpus = ncpus;
	k = &b->ks[b->ki];
	if (k->busy_sum == NULL)
		k->busy_sum = xcalloc(b->ncpus, sizeof *k->busy_sum);
	for (c = 0; c < b->ncpus && c < ncpus; c++)
		k->busy_sum[c] += busy[c] * interval;
	k->busy_dt += interval;
}

/* Feed the sampler's last tick (see bench_sampled). */
void
bench_sampled_from(struct bench *b, const struct sampler *s)
{
	const struct cpu_sample	*cpu;
	double			*busy;
	int			 c, n = sampler_ncpus(s);

	if (n <= 0)
		return;
	busy = xcalloc(n, sizeof *busy);
	for (c = 0; c < n; c++) {
		if ((cpu = sampler_cpu(s, c)) != NULL)
			busy[c] = cpu->busy;
	}
	bench_sampled(b, busy, n, sampler_interval(s));
	free(busy);
}

/* Stop: kill the run in flight, keep what was measured, say why. */
void
bench_abort(struct bench *b, const char *reason)
{
	if (b->finished)
		return;
	if (b->running) {
		proc_kill(b);
		b->running = 0;
	}
	b->failed = 1;
	finish(b, reason);
}

/* The job of the run in flight, or NULL: for views of its processes. */
struct job *
bench_job(const struct bench *b)
{
	return b->running ? b->job : NULL;
}

/*
 * The index of the point being measured and its run (0-based) in *run, or
 * -1 when none is (during the warm-up, or once finished).
 */
int
bench_current(const struct bench *b, int *run)
{
	*run = b->run;
	if (b->finished || b->run < 0)
		return -1;
	return (int)b->ki;
}

pid_t
bench_pgid(const struct bench *b)
{
	return b->running && !b->ended ? job_pgid(b->job) : 0;
}

int
bench_finished(const struct bench *b)
{
	return b->finished;
}

int
bench_failed(const struct bench *b)
{
	return b->failed;
}

const char *
bench_title(const struct bench *b)
{
	return bench_cmd_title(b->cmd);
}

/* What is running now, or how it ended: one line. */
const char *
bench_progress(const struct bench *b)
{
	return b->progress != NULL ? b->progress : "starting";
}

/* Why the benchmark stopped before its end, or NULL. */
const char *
bench_abort_reason(const struct bench *b)
{
	return b->abort_reason;
}

int
bench_repeat(const struct bench *b)
{
	return b->repeat;
}

/* True if 1 was not in the list and was added as the baseline. */
int
bench_one_added(const struct bench *b)
{
	return b->one_added;
}

int
bench_ncpus(const struct bench *b)
{
	return b->ncpus;
}

/* The cores online: worker counts beyond them cannot speed up CPU work. */
int
bench_cores(const struct bench *b)
{
	return b->cores;
}

/* True if point i has more workers than the machine has cores. */
int
bench_over_cores(const struct bench *b, size_t i)
{
	return i < b->nk && b->points[i].workers > b->cores;
}

/* The floor in seconds (0: off): a shorter run is noise, not a result. */
double
bench_floor(const struct bench *b)
{
	return b->floor;
}

/* True if point i's median run is shorter than the floor. */
int
bench_point_short(const struct bench *b, size_t i)
{
	return i < b->done && b->floor > 0 && !isnan(b->points[i].wall_median) &&
	    b->points[i].wall_median < b->floor;
}

/* How the workload was sized up ("--number 10000 -> 2e+06 (...)"), or NULL. */
const char *
bench_size_note(const struct bench *b)
{
	return b->size_note;
}

/*
 * A warning, like hyperfine's, when some runs stay shorter than the floor
 * (a command, or a demo that cannot grow more), or NULL.
 */
const char *
bench_short_note(const struct bench *b)
{
	size_t	i;

	if (b->short_note != NULL)
		return b->short_note;
	for (i = 0; i < b->done; i++) {
		if (bench_point_short(b, i))
			return "some median runs are shorter than the floor: "
			    "their times are noise, not a result";
	}
	return NULL;
}

/* Every point, *n of them; figures are NAN until their K is done. */
const struct bench_point *
bench_points(const struct bench *b, size_t *n)
{
	*n = b->nk;
	return b->points;
}

/* How many points (from the first) have all their runs in. */
size_t
bench_points_done(const struct bench *b)
{
	return b->done;
}

/* Point i's mean busy % per core (bench_ncpus of them), or NULL. */
const double *
bench_busy(const struct bench *b, size_t i)
{
	return i < b->nk ? b->ks[i].busy : NULL;
}

/* Point i's busy % averaged over the cores, or NAN. */
double
bench_busy_mean(const struct bench *b, size_t i)
{
	const double	*busy = bench_busy(b, i);
	double		 sum = 0;
	int		 c;

	if (busy == NULL || b->ncpus == 0)
		return NAN;
	for (c = 0; c < b->ncpus; c++)
		sum += busy[c];
	return sum / b->ncpus;
}

/* Why point i has no figures, or NULL. */
const char *
bench_error(const struct bench *b, size_t i)
{
	return i < b->nk ? b->ks[i].error : NULL;
}

/* The Amdahl serial fraction fitted to the points done, or NAN. */
double
bench_fit(const struct bench *b)
{
	return b->fit;
}
