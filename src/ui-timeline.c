/*
 * ui-timeline.c: the core timeline, the view no other monitor has, drawn
 * from the data side's fine record (sample-timeline.h: "thread T ran on core
 * C from t1 to t2", exact from the scheduler's trace or sampled every 20 ms).
 *
 * One strip per core, one cell per `step` seconds, newest at the right; a
 * cell takes the colour of the THREAD that ran most in it (each thread its
 * own colour and legend entry: its name when it has one of its own, else
 * pid or pid/tid; turbotop itself, shown with o, "observer"), a half cell when the run's threads had it less than a
 * quarter of the time; cells where other processes kept the core busy are shaded, idle
 * ones dotted. + and - (with this pane selected) change the time per cell,
 * 1 ms to 10 s, whatever the sampling interval. Once a run has ended the
 * pane keeps it, fitted to the pane however short it was ("last run: lock
 * -w 8, 1.2 s"), until the next one starts.
 *
 * w turns the pane into one strip per thread: its state over time, running
 * (R), runnable but waiting for a core (W), sleeping or blocked (S), with
 * the share of each over the window: 20 workers on 2 cores wait.
 *
 * The legend lists the threads that ran most in the window first and says
 * "+N more" for those it has no room for. A row under the strips gives the
 * time axis when there is room (always when zoomed). With more cores than
 * rows the strips go into columns; the title counts the cores that still
 * do not fit. The pane's state is its settings and what it gathered from
 * the sampler's record at the last tick (view_update).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "sanitize.h"
#include "source.h"
#include "ui-axis.h"
#include "ui-draw.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

#define LABEL_COLS	5
#define STRIP_MIN_W	(LABEL_COLS + 8 + 1)	/* 8 cells and a gap */
#define SLOTS		4	/* threads remembered per cell */
#define OTHER_BUSY	50.0	/* % busy that makes a cell "other" */
#define HALF_CELL	0.25	/* less of a cell than this: a half block */
#define STEP_DEFAULT	0.1
#define WLABEL_COLS	14	/* "12345/12345 " before a worker's strip */
#define WSUM_COLS	22	/* " R 12% W 85% S  3%" after it */

/* What ran in one cell of one core: the threads with most time there. */
struct cell {
	pid_t	 pid[SLOTS], tid[SLOTS];
	float	 secs[SLOTS];
	float	 total;
};

/* A thread seen in the window, with its run time there. */
struct thr {
	pid_t	 pid, tid;
	double	 secs;
};

struct ui_timeline {
	double		 step;		/* live view: seconds per cell */
	int		 workers;	/* 1: one state strip per thread */

	/* Scratch, for one frame. */
	struct cell	*cells;
	size_t		 ncells, cellsize;
	int		 width, ncpus;
	struct thr	*thr;
	size_t		 nthr, thrsize, hit;
	double		 t0, tstep, lo, hi;	/* the view, and the run's window */
	double		 first, last;		/* the run's first, last segment */
	int		 bounds_only;		/* on_segment: only first, last */
	const struct ui_run *run;

	/*
	 * The record changes only at a tick: what was gathered is kept
	 * until the tick, the size or the settings change (the store is
	 * scanned whole, so not on every frame of a flood).
	 */
	struct view_key {
		double	 now, step, start;
		int	 width, ncpus, workers, ended;
	}		 key;
	int		 have;
	cchar_t		*row;		/* a strip's cells */
	int		 rowsize;
	unsigned char	*wstate;	/* worker view: WMAX x width, 0 or R W S */
	double		*wshare;	/* WMAX x 3: seconds R, W, S */
	size_t		 nw;
};
#define WMAX		128	/* threads the worker view gathers */

struct ui_timeline *
ui_timeline_create(void)
{
	struct ui_timeline	*tl = xcalloc(1, sizeof *tl);

	tl->step = STEP_DEFAULT;
	return tl;
}

void
ui_timeline_free(struct ui_timeline *tl)
{
	if (tl == NULL)
		return;
	free(tl->cells);
	free(tl->row);
	free(tl->thr);
	free(tl->wstate);
	free(tl->wshare);
	free(tl);
}

/* + and -: dir < 0 shorter cells (finer), > 0 longer; the new step. */
double
ui_timeline_step(struct ui_timeline *tl, int dir)
{
	tl->step = ui_axis_step_next(tl->step, dir);
	return tl->step;
}

void
ui_timeline_toggle_workers(struct ui_timeline *tl)
{
	tl->workers = !tl->workers;
}

int
ui_timeline_workers(const struct ui_timeline *tl)
{
	return tl->workers;
}

/* The thread's entry in the window's list (added with 0 s if new). */
static struct thr *
thr_get(struct ui_timeline *tl, pid_t pid, pid_t tid)
{
	size_t	i;

	if (tl->hit < tl->nthr && tl->thr[tl->hit].tid == tid)
		return &tl->thr[tl->hit];
	for (i = 0; i < tl->nthr; i++) {
		if (tl->thr[i].tid == tid) {
			tl->hit = i;
			return &tl->thr[i];
		}
	}
	if (tl->nthr == tl->thrsize) {
		tl->thrsize = tl->thrsize ? 2 * tl->thrsize : 32;
		tl->thr = xreallocarray(tl->thr, tl->thrsize, sizeof *tl->thr);
	}
	tl->thr[tl->nthr].pid = pid;
	tl->thr[tl->nthr].tid = tid;
	tl->thr[tl->nthr].secs = 0;
	tl->hit = tl->nthr;
	return &tl->thr[tl->nthr++];
}

static int
thr_cmp(const void *va, const void *vb)
{
	const struct thr	*a = va, *b = vb;

	if (a->secs != b->secs)
		return a->secs < b->secs ? 1 : -1;
	return a->tid < b->tid ? -1 : a->tid > b->tid;
}

/* Credit secs of thread tid to a cell, keeping its SLOTS biggest. */
static void
cell_add(struct cell *c, pid_t pid, pid_t tid, double secs)
{
	int	i, low = 0;

	c->total += (float)secs;
	for (i = 0; i < SLOTS; i++) {
		if (c->tid[i] == tid || c->tid[i] == 0) {
			c->pid[i] = pid;
			c->tid[i] = tid;
			c->secs[i] += (float)secs;
			return;
		}
		if (c->secs[i] < c->secs[low])
			low = i;
	}
	if (c->secs[low] < secs) {
		c->pid[low] = pid;
		c->tid[low] = tid;
		c->secs[low] = (float)secs;
	}
}

struct bin_arg {
	struct ui_timeline		*tl;
	const struct tl_segment		*seg;
};

static void
bin_add(int c, double secs, void *arg)
{
	struct bin_arg		*b = arg;
	const struct tl_segment	*g = b->seg;

	cell_add(&b->tl->cells[(size_t)g->cpu * b->tl->width + c], g->pid,
	    g->tid, secs);
}

/* A segment of the record: into the cells, the thread list, the bounds. */
static void
on_segment(const struct tl_segment *g, void *arg)
{
	struct ui_timeline	*tl = arg;
	struct bin_arg		 b;
	double			 start = g->start, end = g->end;

	if (start < tl->lo)
		start = tl->lo;
	if (end > tl->hi)
		end = tl->hi;
	if (end <= start || g->tid <= 0)
		return;
	if (tl->first == 0 || start < tl->first)
		tl->first = start;
	if (end > tl->last)
		tl->last = end;
	if (tl->bounds_only)
		return;
	thr_get(tl, g->pid, g->tid)->secs += end - start;
	if (g->cpu < 0 || g->cpu >= tl->ncpus)
		return;
	b.tl = tl;
	b.seg = g;
	ui_axis_bin(tl->t0, tl->tstep, tl->width, start, end, bin_add, &b);
}

/*
 * Choose the view: live, cells of tl->step ending at the last tick (and
 * not before the run began); or the ended run, fitted to width cells.
 */
static void
view_choose(struct ui_timeline *tl, const struct source *s,
    const struct ui_run *run, int width)
{
	double	now = source_time(s), span;

	tl->run = run;
	tl->width = width;
	if (run != NULL && run->ended) {
		/*
		 * The run's own extent, from its first to its last segment:
		 * its leader was forked a moment before the run was begun,
		 * and nothing of it runs after its end was seen (after it,
		 * the trace follows the busiest processes again).
		 */
		tl->lo = run->start - 0.05;
		tl->hi = run->end;
		tl->first = tl->last = 0;
		tl->bounds_only = 1;
		source_segments(s, tl->lo, tl->hi, on_segment, tl);
		tl->bounds_only = 0;
		if (tl->last > tl->first) {
			tl->lo = tl->first;
			tl->hi = tl->last;
		} else {
			tl->lo = run->start;
			tl->hi = run->end > run->start ? run->end : run->start + 1e-3;
		}
		span = tl->hi - tl->lo;
		tl->tstep = ui_axis_fit_step(span, width);
		tl->t0 = tl->lo;
		return;
	}
	tl->tstep = tl->step;
	tl->t0 = now - width * tl->tstep;
	tl->lo = tl->t0;
	tl->hi = now;
	if (run != NULL && run->start > tl->lo)
		tl->lo = run->start;
}

/* Gather the window: segments into cells, threads by run time. */
static void
view_gather(struct ui_timeline *tl, const struct source *s, int ncpus)
{
	size_t	need = (size_t)ncpus * (size_t)tl->width;

	tl->ncpus = ncpus;
	if (need > tl->cellsize) {
		free(tl->cells);
		tl->cells = xcalloc(need > 0 ? need : 1, sizeof *tl->cells);
		tl->cellsize = need;
	} else
		memset(tl->cells, 0, need * sizeof *tl->cells);
	tl->ncells = need;
	tl->nthr = 0;
	tl->hit = 0;
	tl->first = tl->last = 0;
	if (tl->hi > tl->lo)
		source_segments(s, tl->lo, tl->hi, on_segment, tl);
	/* Threads alive in the interval that never ran still count. */
	if (tl->run == NULL || !tl->run->ended) {
		size_t	i, n = source_nthreads(s);

		for (i = 0; i < n; i++)
			thr_get(tl, source_thread(s, i)->pid,
			    source_thread(s, i)->tid);
	}
	if (tl->nthr > 1)
		qsort(tl->thr, tl->nthr, sizeof *tl->thr, thr_cmp);
	tl->hit = 0;
}

/* Index of history's sample covering time t (the latest at or after t). */
static size_t
history_at_t(const struct source *s, double t, size_t *from)
{
	size_t	len = source_history_len(s), i = *from;

	while (i + 1 < len && source_history_time(s, i + 1) >= t)
		i++;
	while (i > 0 && source_history_time(s, i) < t)
		i--;
	*from = i;
	return i;
}

/*
 * A thread's label: rN for an MPI rank's (rN/tid), its own name when it
 * has one (not its process's), "main" for the demo's first process, else
 * pid or pid/tid.
 */
static void
thread_label(const struct source *s, struct job *job, pid_t pid, pid_t tid,
    char *buf, size_t len)
{
	const char	*tn = source_thread_name(s, tid);
	const char	*pn = source_thread_name(s, pid);

	int		 rank = job != NULL ? job_rank_of(job, pid) : -1;

	if (pid == ui_self_pid())	/* o: turbotop itself */
		snprintf(buf, len, tid == pid ? "observer" : "observer/%d",
		    (int)tid);
	else if (rank >= 0)	/* an MPI rank: as its output lines say */
		snprintf(buf, len, tid == pid ? "r%d" : "r%d/%d", rank,
		    (int)tid);
	else if (tid != pid && tn != NULL && pn != NULL && strcmp(tn, pn) != 0)
		snprintf(buf, len, "%s", tn);
	else if (tid != pid)
		snprintf(buf, len, "%d/%d", (int)pid, (int)tid);
	else if (job != NULL && pid == job_pgid(job))
		snprintf(buf, len, "main");
	else
		snprintf(buf, len, "%d", (int)pid);
}

/* A thread's colour index: the job's worker index, stable for the job. */
static int
thread_colour(struct job *job, pid_t tid)
{
	return job != NULL ? job_worker_index(job, tid) : (int)(tid % 97);
}

/* A thread's swatch: its colour, or its character in monochrome. */
static attr_t
swatch_attr(struct job *job, pid_t pid, pid_t tid, int half, char *ch,
    const char **glyph)
{
	const struct ui_glyphs	*g = ui_glyphs();
	int			 c = thread_colour(job, tid);

	if (ui_theme_colour()) {
		if (half) {
			*glyph = g->utf8 ? g->block[4] : "_";
			return ui_worker_attr(c);
		}
		if (g->utf8) {
			*glyph = g->full;
			return ui_worker_attr(c);
		}
		*glyph = " ";
		return ui_worker_attr(c) | A_REVERSE;
	}
	ch[0] = job != NULL ? ui_worker_char(job, tid == pid ? pid : tid) : '#';
	ch[1] = '\0';
	*glyph = ch;
	return half ? 0 : A_REVERSE;
}

static int
swatch(int y, int x, int w, struct job *job, pid_t pid, pid_t tid, int half)
{
	const char	*glyph;
	char		 ch[2];
	attr_t		 attr = swatch_attr(job, pid, tid, half, ch, &glyph);

	return ui_put(y, x, w, attr, glyph);
}

/*
 * Core c's strip: width cells from x, rows rows from y. Each cell is
 * chosen once and its rows drawn with it.
 */
static void
draw_core(struct ui_timeline *tl, const struct source *s, struct job *job,
    int c, int y, int x, int rows)
{
	const struct ui_glyphs	*g = ui_glyphs();
	const struct cell	*cl;
	const char		*glyph;
	size_t			 hist = 0, len = source_history_len(s);
	double			 t, newest, oldest;
	attr_t			 attr;
	char			 ch[2];
	int			 j, k, best, i, busy, other;

	if (tl->width > tl->rowsize) {
		free(tl->row);
		tl->row = xcalloc((size_t)tl->width, sizeof *tl->row);
		tl->rowsize = tl->width;
	}
	newest = len > 0 ? source_history_time(s, 0) : 0;
	oldest = len > 0 ? source_history_time(s, len - 1) : 0;
	for (j = 0; j < tl->width; j++) {
		cl = &tl->cells[(size_t)c * tl->width + j];
		t = tl->t0 + (j + 0.5) * tl->tstep;
		best = -1;
		for (i = 0; i < SLOTS; i++) {
			if (cl->tid[i] != 0 && (best < 0 ||
			    cl->secs[i] > cl->secs[best]))
				best = i;
		}
		/* Busy with other processes, from the history's samples. */
		busy = len > 0 && t <= newest &&
		    source_history_busy(s, c, history_at_t(s, t, &hist)) >=
		    OTHER_BUSY;
		if (t < tl->lo || t > tl->hi + tl->tstep) {	/* no run */
			other = busy && t >= oldest;
			attr = other ? ui_attr(ROLE_OTHER) : A_NORMAL;
			glyph = other ? g->shade : " ";
		} else if (best >= 0)
			attr = swatch_attr(job, cl->pid[best], cl->tid[best],
			    cl->total < HALF_CELL * tl->tstep, ch, &glyph);
		else if (busy) {
			attr = ui_attr(ROLE_OTHER);
			glyph = g->shade;
		} else {
			attr = ui_attr(ROLE_DIM);
			glyph = g->idle;
		}
		ui_cell(&tl->row[j], attr, glyph);
	}
	for (k = 0; k < rows; k++)
		ui_cells(y + k, x, tl->row, tl->width);
}

/*
 * The legend row: a swatch and a label per thread, most run time first,
 * as many as fit, then "+N more"; then what the other glyphs mean.
 */
static void
draw_legend(struct ui_timeline *tl, const struct source *s, struct job *job,
    int y, int x, int end)
{
	const struct ui_glyphs	*g = ui_glyphs();
	char			 label[40];
	int			*w, fixed;
	size_t			 i, n = 0, k;

	for (i = 0; i < tl->nthr && tl->thr[i].secs > 0; i++)
		n++;
	if (tl->workers) {
		x += ui_put(y, x, end - x, ui_attr(ROLE_GRAPH_LOW), g->full);
		x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), " running  ");
		x += ui_put(y, x, end - x, ui_attr(ROLE_GRAPH_HIGH), g->shade);
		x += ui_put(y, x, end - x, ui_attr(ROLE_DIM),
		    " waiting for a core  ");
		x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), g->idle);
		x += ui_put(y, x, end - x, ui_attr(ROLE_DIM),
		    " sleeping or blocked  ");
		ui_put(y, x, end - x, ui_attr(ROLE_DIM), "(w: cores)");
		return;
	}
	x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), "legend: ");
	fixed = 2 * 9 + 1;	/* "░ other  · idle" */
	w = xcalloc(n + 1, sizeof *w);
	for (i = 0; i < n; i++) {
		thread_label(s, job, tl->thr[i].pid, tl->thr[i].tid, label,
		    sizeof label);
		w[i] = 1 + 1 + (int)strlen(label) + 2;
	}
	k = ui_legend_fit(w, n, end - x - fixed);
	free(w);
	for (i = 0; i < k && x < end; i++) {
		thread_label(s, job, tl->thr[i].pid, tl->thr[i].tid, label,
		    sizeof label);
		x += swatch(y, x, end - x, job, tl->thr[i].pid, tl->thr[i].tid, 0);
		x += ui_printf(y, x, end - x, ui_worker_attr(thread_colour(job,
		    tl->thr[i].tid)), " %s  ", label);
	}
	if (k < n)
		x += ui_printf(y, x, end - x, ui_attr(ROLE_MARKER), "+%zu more  ",
		    n - k);
	if (n == 0)
		x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), job == NULL ?
		    "no demo running (m: menu)  " : tl->run != NULL &&
		    tl->run->ended && !source_timeline_exact(s) ?
		    "the run was too short for the sampler to see a thread  " :
		    "no demo thread on a core  ");
	x += ui_put(y, x, end - x, ui_attr(ROLE_OTHER), g->shade);
	x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), " other  ");
	x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), g->idle);
	ui_put(y, x, end - x, ui_attr(ROLE_DIM), " idle");
}

/* The axis row under strips that start at x. */
static void
draw_axis(struct ui_timeline *tl, int y, int x, int live)
{
	char	*buf = xmalloc((size_t)tl->width + 1);

	if (live)
		ui_axis_row(buf, tl->width, -tl->width * tl->tstep, tl->tstep, 1);
	else
		ui_axis_row(buf, tl->width, 0, tl->tstep, 0);
	ui_put(y, x, tl->width, ui_attr(ROLE_DIM), buf);
	free(buf);
}

struct span_arg {
	struct ui_timeline	*tl;
	double			*share;		/* R, W, S seconds */
	double			*cell;		/* 3 x width */
};

static void
span_bin(int c, double secs, void *arg)
{
	double	*v = arg;

	v[c] += secs;
}

static void
on_span(char state, double start, double end, void *arg)
{
	struct span_arg	*a = arg;
	int		 k = state == 'R' ? 0 : state == 'W' ? 1 : 2;
	double		 lo = a->tl->lo, hi = a->tl->hi;

	if (start < lo)
		start = lo;
	if (end > hi)
		end = hi;
	if (end <= start)
		return;
	a->share[k] += end - start;
	ui_axis_bin(a->tl->t0, a->tl->tstep, a->tl->width, start, end, span_bin,
	    a->cell + (size_t)k * a->tl->width);
}

/* The worker view's data: each thread's state per cell and its shares. */
static void
gather_workers(struct ui_timeline *tl, const struct source *s)
{
	struct span_arg	 a;
	size_t		 i, w = (size_t)tl->width;
	int		 j, k, best;

	tl->nw = tl->nthr < WMAX ? tl->nthr : WMAX;
	free(tl->wstate);
	free(tl->wshare);
	tl->wstate = xcalloc(tl->nw * w + 1, 1);
	tl->wshare = xcalloc(tl->nw * 3 + 1, sizeof *tl->wshare);
	a.tl = tl;
	a.cell = xcalloc(3 * w, sizeof *a.cell);
	for (i = 0; i < tl->nw; i++) {
		memset(a.cell, 0, 3 * w * sizeof *a.cell);
		a.share = tl->wshare + 3 * i;
		source_thread_spans(s, tl->thr[i].tid, tl->lo, tl->hi, on_span,
		    &a);
		for (j = 0; j < tl->width; j++) {
			best = -1;
			for (k = 0; k < 3; k++) {
				if (a.cell[k * w + j] > 0 && (best < 0 ||
				    a.cell[k * w + j] > a.cell[best * w + j]))
					best = k;
			}
			tl->wstate[i * w + j] = best < 0 ? 0 : "RWS"[best];
		}
	}
	free(a.cell);
}

/* Thread i's state strip and its shares: the worker view's row. */
static void
draw_worker(struct ui_timeline *tl, const struct source *s, struct job *job,
    size_t i, int y, int x, int end)
{
	const struct ui_glyphs	*g = ui_glyphs();
	const struct thr	*t = &tl->thr[i];
	const double		*r = tl->wshare + 3 * i;
	char			 label[40];
	double			 sum;
	int			 j;

	thread_label(s, job, t->pid, t->tid, label, sizeof label);
	swatch(y, x, 1, job, t->pid, t->tid, 0);
	ui_printf(y, x + 1, WLABEL_COLS - 2, ui_worker_attr(thread_colour(job,
	    t->tid)), "%s", label);
	x += WLABEL_COLS;
	for (j = 0; j < tl->width && x + j < end; j++) {
		switch (tl->wstate[i * (size_t)tl->width + j]) {
		case 'R':
			ui_put(y, x + j, 1, ui_attr(ROLE_GRAPH_LOW),
			    ui_theme_colour() ? g->full : "#");
			break;
		case 'W':
			ui_put(y, x + j, 1, ui_attr(ROLE_GRAPH_HIGH), g->shade);
			break;
		case 'S':
			ui_put(y, x + j, 1, ui_attr(ROLE_DIM), g->idle);
			break;
		}
	}
	sum = r[0] + r[1] + r[2];
	if (sum <= 0 || x + tl->width + 1 >= end)
		return;
	x += tl->width + 1;
	x += ui_printf(y, x, end - x, ui_attr(ROLE_GRAPH_LOW), "R%3.0f%% ",
	    100 * r[0] / sum);
	x += ui_printf(y, x, end - x, ui_attr(ROLE_GRAPH_HIGH), "W%3.0f%% ",
	    100 * r[1] / sum);
	ui_printf(y, x, end - x, ui_attr(ROLE_DIM), "S%3.0f%%", 100 * r[2] / sum);
}

/* Gather the view for width cells, unless what was gathered still holds. */
static void
view_update(struct ui_timeline *tl, const struct source *s,
    const struct ui_run *run, int width, int ncpus)
{
	struct view_key	k;

	memset(&k, 0, sizeof k);
	k.now = source_time(s);
	k.step = tl->step;
	k.start = run != NULL ? run->start : 0;
	k.width = width;
	k.ncpus = ncpus;
	k.workers = tl->workers;
	k.ended = run != NULL && run->ended;
	if (tl->have && memcmp(&k, &tl->key, sizeof k) == 0) {
		tl->run = run;
		return;
	}
	view_choose(tl, s, run, width);
	view_gather(tl, s, ncpus);
	if (tl->workers)
		gather_workers(tl, s);
	tl->key = k;
	tl->have = 1;
}

/*
 * The title: what the pane shows, its source (shortened to what fits:
 * the source's reason in parentheses goes first), events lost, and the
 * time per cell or the last run's label.
 */
static void
draw_title(struct ui_timeline *tl, const struct ui_rect *r,
    const struct source *s, int hidden, int selected, int live)
{
	char			 src[UI_TITLE_MAX], left[UI_TITLE_MAX + 80];
	char			 right[UI_TITLE_MAX], lost_s[48], cell[32], span[32];
	const char		*what = tl->workers ? "Thread states" :
				    "Core timeline";
	unsigned long long	 lost = source_timeline_lost(s);
	char			*paren;
	const char		*dur;
	int			 fit, room;
	size_t			 cut;

	lost_s[0] = '\0';
	if (lost > 0)
		snprintf(lost_s, sizeof lost_s, ", %llu events lost", lost);
	ui_format_secs(tl->tstep, cell, sizeof cell);
	ui_format_secs(tl->width * tl->tstep, span, sizeof span);
	if (live)
		snprintf(right, sizeof right, "%s a cell (+/-), last %s", cell,
		    span);
	else {
		/*
		 * A long command line is cut (~), not the run's title nor
		 * its duration (the label's ", 1.2 s").
		 */
		dur = strrchr(tl->run->label, ',');
		if (dur == NULL)
			dur = "";
		room = r->w - 8 - (int)strlen(what) - (int)strlen(lost_s) -
		    (int)strlen("last run: , ") - (int)strlen(cell) -
		    (int)strlen(" a cell") - (int)strlen(dur);
		cut = strlen(tl->run->label) - strlen(dur);
		if ((int)cut > room && room >= 4)
			cut = sanitize_cut(tl->run->label, cut,
			    (size_t)room - 1);
		snprintf(right, sizeof right, "last run: %.*s%s%s, %s a cell",
		    (int)cut, tl->run->label, cut + strlen(dur) <
		    strlen(tl->run->label) ? "~" : "", dur, cell);
	}
	snprintf(src, sizeof src, "%s", source_timeline_title(s));
	snprintf(left, sizeof left, "%s, %s%s", what, src, lost_s);
	fit = r->w - (int)strlen(right) - 8;
	if ((int)strlen(left) > fit && (paren = strstr(src, " (")) != NULL) {
		*paren = '\0';
		snprintf(left, sizeof left, "%s, %s%s", what, src, lost_s);
	}
	if ((int)strlen(left) > fit)
		snprintf(left, sizeof left, "%s%s", what, lost_s);
	ui_title_hidden(r, left, (int)strlen(left) <= fit ? right : NULL,
	    hidden, selected);
}

/* The timeline pane: strips per core (or per thread), axis, legend. */
void
ui_timeline_draw(struct ui_timeline *tl, const struct ui_rect *r,
    const struct source *s, struct job *job, const struct ui_run *run,
    int rows, int selected)
{
	struct ui_grid	g;
	int		n = source_ncpus(s), c, y, x, cw, live, body, axis, strips;
	int		want, shown_want, lw;
	char		label[256];
	size_t		i;

	if (r->h < 3 || r->w < STRIP_MIN_W)
		return;
	live = run == NULL || !run->ended;
	body = r->h - 2;		/* the title and the legend */
	if (tl->workers) {
		cw = r->w - WLABEL_COLS - WSUM_COLS;
		if (cw < 8)
			cw = r->w - WLABEL_COLS;
		view_update(tl, s, run, cw, n);
		draw_title(tl, r, s, 0, selected, live);
		/* Strips, a "+N more" row if some do not fit, the axis. */
		axis = body >= 3;
		strips = body - axis;
		if (tl->nthr > (size_t)strips)
			strips--;
		y = r->y + 1;
		for (i = 0; i < tl->nw && (int)i < strips; i++)
			draw_worker(tl, s, job, i, y++, r->x, r->x + r->w);
		if (tl->nthr == 0)
			ui_put(y++, r->x + 1, r->w - 1, ui_attr(ROLE_DIM),
			    "no threads in the window");
		else if (tl->nthr > (size_t)strips)
			ui_printf(y++, r->x + 1, r->w - 1, ui_attr(ROLE_MARKER),
			    "+%zu more threads%s", tl->nthr - (size_t)strips,
			    r->h < 12 ? " (z: zoom)" : "");
		if (axis && y < r->y + r->h - 1)
			draw_axis(tl, y, r->x + WLABEL_COLS, live);
		draw_legend(tl, s, job, r->y + r->h - 1, r->x + 1, r->x + r->w);
		return;
	}
	/*
	 * Labels in full ("node2:cpu10") if the plot keeps most of the room,
	 * sized to the cores shown.
	 */
	want = source_cpu_label_len(s, 0, n) + 1;
	lw = ui_grid_labelled(&g, n, body, r->w, rows, want, LABEL_COLS,
	    STRIP_MIN_W - LABEL_COLS - 1);
	if (g.shown < n &&
	    (shown_want = source_cpu_label_len(s, 0, g.shown) + 1) < want)
		lw = ui_grid_labelled(&g, n, body, r->w, rows, shown_want,
		    LABEL_COLS, STRIP_MIN_W - LABEL_COLS - 1);
	if (g.cols < 1)
		return;
	cw = r->w / g.cols;
	view_update(tl, s, run, cw - lw - 1, n);
	draw_title(tl, r, s, n - g.shown, selected, live);
	for (c = 0; c < g.shown; c++) {
		y = r->y + 1 + (c % g.per) * rows;
		x = r->x + (c / g.per) * cw;
		ui_put(y, x, lw, ui_attr(ROLE_TITLE), source_cpu_label(s, c,
		    lw - 1, label, sizeof label));
		draw_core(tl, s, job, c, y, x + lw, rows);
	}
	/* The axis, on a row the strips left free. */
	if (g.cols == 1 && 1 + g.per * rows < r->h - 1)
		draw_axis(tl, r->y + 1 + g.per * rows, r->x + lw, live);
	draw_legend(tl, s, job, r->y + r->h - 1, r->x + 1, r->x + r->w);
}
