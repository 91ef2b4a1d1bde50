/*
 * ui-timeline.c: the core timeline, the view no other monitor has. One strip
 * per core, one cell per sample, newest at the right; a cell takes the colour
 * of the demo's worker that used the core most in that interval (from
 * history_occupant), so the class watches workers hop between cores, the
 * lock demo serialise and the gil demo keep one core busy. Cells where other
 * processes kept the core busy are shaded, idle ones dotted. In monochrome a
 * cell shows the worker's character instead of its colour. The last row is
 * the legend from colour to worker. With more cores than rows the strips go
 * into columns (shorter: fewer samples each); the title counts the cores
 * that still do not fit.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "sample.h"
#include "ui-draw.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"

#define LABEL_COLS	5
#define STRIP_MIN_W	(LABEL_COLS + 8 + 1)	/* 8 samples and a gap */
#define LEGEND_MAX	40
#define OTHER_BUSY	50.0	/* % busy that makes a cell "other" */

struct legend {
	pid_t	pids[LEGEND_MAX];
	size_t	n;
};

static void
legend_add(struct legend *l, pid_t pid)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (l->pids[i] == pid)
			return;
	}
	if (l->n < LEGEND_MAX)
		l->pids[l->n++] = pid;
}

static int
pid_cmp(const void *a, const void *b)
{
	pid_t	x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

/* One cell: sample i of core c. */
static void
timeline_cell(const struct sampler *s, struct job *job, int c, size_t i,
    int y, int x, struct legend *l)
{
	const struct ui_glyphs	*g = ui_glyphs();
	pid_t			 pid = history_occupant(s, c, i);
	char			 ch[2] = { 0, 0 };
	int			 w;

	if (pid > 0 && job != NULL) {
		legend_add(l, pid);
		w = job_worker_index(job, pid);
		if (ui_theme_colour()) {
			if (g->utf8)
				ui_put(y, x, 1, ui_worker_attr(w), g->full);
			else
				ui_put(y, x, 1, ui_worker_attr(w) | A_REVERSE, " ");
		} else {
			ch[0] = ui_worker_char(job, pid);
			ui_put(y, x, 1, A_REVERSE, ch);
		}
	} else if (history_busy(s, c, i) >= OTHER_BUSY)
		ui_put(y, x, 1, ui_attr(ROLE_OTHER), g->shade);
	else
		ui_put(y, x, 1, ui_attr(ROLE_DIM), g->idle);
}

/* The legend row: a swatch and a label per worker seen in the strip. */
static void
timeline_legend(const struct ui_rect *r, struct job *job, struct legend *l)
{
	const struct ui_glyphs	*g = ui_glyphs();
	char			 label[32], sw[2] = { 0, 0 };
	int			 y = r->y + r->h - 1, x = r->x + 1, end = r->x + r->w;
	int			 w;
	size_t			 i;

	qsort(l->pids, l->n, sizeof l->pids[0], pid_cmp);
	x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), "legend: ");
	for (i = 0; i < l->n && x < end; i++) {
		w = ui_worker(job, l->pids[i], label, sizeof label);
		if (ui_theme_colour())
			x += ui_put(y, x, end - x, ui_worker_attr(w), g->full);
		else {
			sw[0] = ui_worker_char(job, l->pids[i]);
			x += ui_put(y, x, end - x, A_REVERSE, sw);
		}
		x += ui_printf(y, x, end - x, ui_worker_attr(w), " %s  ", label);
	}
	if (l->n == 0)
		x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), job == NULL ?
		    "no demo running (m: menu)  " : "no demo worker on a core  ");
	x += ui_put(y, x, end - x, ui_attr(ROLE_OTHER), g->shade);
	x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), " other  ");
	x += ui_put(y, x, end - x, ui_attr(ROLE_DIM), g->idle);
	ui_put(y, x, end - x, ui_attr(ROLE_DIM), " idle");
}

/* The timeline pane: rows per core strip, legend on the last row. */
void
ui_timeline_draw(const struct ui_rect *r, const struct sampler *s,
    struct job *job, int rows, int selected)
{
	struct legend	l;
	struct ui_grid	g;
	char		right[64];
	size_t		len = history_len(s), i;
	double		span = 0;
	int		n = sampler_ncpus(s), c, y, k, w, x, cw;

	memset(&l, 0, sizeof l);
	if (r->h < 3 || r->w < STRIP_MIN_W)
		return;
	ui_grid_fit(&g, n, r->h - 2, r->w, rows, STRIP_MIN_W);
	if (g.cols < 1)
		return;
	cw = r->w / g.cols;
	w = cw - LABEL_COLS - 1;
	if (len > 1)
		span = history_time(s, 0) -
		    history_time(s, (size_t)w < len ? (size_t)w - 1 : len - 1);
	snprintf(right, sizeof right, "one cell per sample, last %.1f s", span);
	ui_title_hidden(r, "Core timeline: which worker ran where", r->w >= 80 ?
	    right : NULL, n - g.shown, selected);
	for (c = 0; c < g.shown; c++) {
		y = r->y + 1 + (c % g.per) * rows;
		x = r->x + (c / g.per) * cw;
		ui_printf(y, x, LABEL_COLS, ui_attr(ROLE_TITLE), "cpu%d", c);
		for (i = 0; i < len && i < (size_t)w; i++) {
			for (k = 0; k < rows; k++)
				timeline_cell(s, job, c, i, y + k,
				    x + LABEL_COLS + w - 1 - (int)i, &l);
		}
	}
	timeline_legend(r, job, &l);
}
