/*
 * bench-run.c: the benchmark engine (see bench-run.h): which run comes next,
 * starting and timing it, recording its outcome, and the figures per worker
 * count once its runs are in.
 *
 * Wall time is taken from just before the run starts to the moment the
 * caller's loop sees it has ended, so the loop must wake promptly when a
 * run ends (jobs_wait does, on SIGCHLD).
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-cmd.h"
#include "bench-list.h"
#include "bench-run.h"
#include "bench-stats.h"
#include "options.h"
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
	int			 one_added;
	size_t			 nk;
	struct bench_point	*points;
	struct bench_k		*ks;
	int			 ncpus;	/* from the first busy figures fed */

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
	pid_t			 pid;
	int			 ended;
	int			 status;
	double			 start;
	double			 end;
};

/*
 * Starting, watching and ending one run as a process group of its own.
 * Output is thrown away and stderr kept, so nothing garbles the table.
 */
static int
proc_start(struct bench *b, char **argv, char **cause)
{
	pid_t	pid;
	int	fd;

	if ((pid = fork()) == -1) {
		xasprintf(cause, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			if (fd > STDERR_FILENO)
				close(fd);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	setpgid(pid, pid);
	b->pid = pid;
	b->ended = 0;
	return 0;
}

static int
proc_ended(struct bench *b)
{
	int	st;

	if (!b->ended && waitpid(b->pid, &st, WNOHANG) == b->pid) {
		b->ended = 1;
		b->status = st;
		kill(-b->pid, SIGKILL);	/* whatever it left behind */
	}
	return b->ended;
}

static void
proc_kill(struct bench *b)
{
	int	st;

	if (b->ended)
		return;
	kill(-b->pid, SIGKILL);
	while (waitpid(b->pid, &st, 0) == -1 && errno == EINTR)
		;
	b->ended = 1;
	b->status = st;
}

/* Why the run failed (malloc'd), or NULL if it succeeded. */
static char *
proc_failure(const struct bench *b)
{
	char	*s;

	if (WIFEXITED(b->status) && WEXITSTATUS(b->status) == 0)
		return NULL;
	if (WIFEXITED(b->status) && WEXITSTATUS(b->status) == 127)
		xasprintf(&s, "exit status 127 (could not be run?)");
	else if (WIFEXITED(b->status))
		xasprintf(&s, "exit status %d", WEXITSTATUS(b->status));
	else if (WIFSIGNALED(b->status))
		xasprintf(&s, "killed by signal %d (%s)", WTERMSIG(b->status),
		    strsignal(WTERMSIG(b->status)));
	else
		xasprintf(&s, "ended with wait status %d", b->status);
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
	if ((b->cmd = bench_cmd_create(o->argc, o->argv, o->is_command,
	    cause)) == NULL) {
		free(ks);
		free(b);
		return NULL;
	}
	b->repeat = o->repeat > 0 ? o->repeat : REPEAT_DEFAULT;
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
	free(b);
}

static void
set_progress(struct bench *b)
{
	free(b->progress);
	if (b->finished)
		xasprintf(&b->progress, "%s", b->abort_reason != NULL ?
		    b->abort_reason : "finished");
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
		if (k->busy_dt > 0) {
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
	if (proc_start(b, argv, &cause) != 0) {
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
	if (!b->running)
		return 0;
	if (!b->ended && proc_ended(b))
		b->end = now_mono();
	return b->ended;
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
	if (b->run < 0) {
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

pid_t
bench_pgid(const struct bench *b)
{
	return b->running && !b->ended ? b->pid : 0;
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
