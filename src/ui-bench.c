/*
 * ui-bench.c: benchmark mode's pane in the TUI, where the process table and
 * the output usually are: speedup against workers, with the ideal line
 * S = K, the fitted Amdahl curve, and each worker count's median speedup
 * (and its min-max range) appearing as its runs finish; beside it (or
 * under it) a table of the figures. Worker counts beyond the machine's
 * cores are marked (a line at K = cores on the chart, '*' in the table), as
 * are medians under the --bench-floor ('!': noise, not a result). The core meters, history and timeline
 * above keep showing the runs live.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-run.h"
#include "bench-stats.h"
#include "ui-bench.h"
#include "ui-draw.h"
#include "ui-layout.h"
#include "ui-theme.h"

#define TABLE_COLS	44	/* the table beside the chart */
#define LABEL_COLS	5	/* the chart's y labels and axis */

struct plot {
	int	y, x, h, w;	/* the plotting area, axes excluded */
	double	xmax, ymax;
};

static int
plot_col(const struct plot *p, double k)
{
	return p->x + (int)lround(k / p->xmax * (p->w - 1));
}

static int
plot_row(const struct plot *p, double s)
{
	if (s > p->ymax)
		s = p->ymax;
	return p->y + p->h - 1 - (int)lround(s / p->ymax * (p->h - 1));
}

/* The smallest step of 1, 2 or 5 times a power of ten giving at most max. */
static double
step_for(double range, int max)
{
	static const double	m[] = { 1, 2, 5 };
	double			p = 1;
	int			i = 0;

	if (max < 1)
		max = 1;
	while (range / (m[i] * p) > max) {
		if (++i == 3) {
			i = 0;
			p *= 10;
		}
	}
	return m[i] * p;
}

static void
draw_chart(const struct ui_rect *r, const struct bench *b)
{
	const struct ui_glyphs		*g = ui_glyphs();
	const struct bench_point	*pt;
	const char			*dot = g->utf8 ? "\u25cf" : "O";
	struct plot			 p;
	size_t				 n, done, i;
	double				 fit = bench_fit(b), k, v, step;
	int				 col, row, x, last_end = -1, y;
	char				 buf[32];

	pt = bench_points(b, &n);
	done = bench_points_done(b);
	p.y = r->y;
	p.x = r->x + LABEL_COLS;
	p.h = r->h - 2;			/* x labels, legend */
	p.w = r->w - LABEL_COLS - 1;
	if (p.h < 3 || p.w < 8)
		return;
	p.xmax = 2;
	p.ymax = 2;
	for (i = 0; i < n; i++) {
		if (pt[i].workers > p.xmax)
			p.xmax = pt[i].workers;
		if (i < done && !isnan(pt[i].speedup_hi) &&
		    pt[i].speedup_hi > p.ymax)
			p.ymax = pt[i].speedup_hi;
	}
	if (p.xmax > p.ymax)
		p.ymax = p.xmax;
	p.ymax *= 1.05;

	/* The y axis with labels, the x axis with each K. */
	step = step_for(p.ymax, p.h / 2 > 1 ? p.h / 2 : 1);
	for (v = 0; v <= p.ymax; v += step)
		ui_printf(plot_row(&p, v), r->x, LABEL_COLS - 1,
		    ui_attr(ROLE_DIM), "%3.0fx", v);
	ui_vline(p.y, p.x - 1, p.h);
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "%d", pt[i].workers);
		x = plot_col(&p, pt[i].workers) - (int)(strlen(buf) - 1) / 2;
		if (x <= last_end)
			continue;
		last_end = x + (int)strlen(buf);
		ui_put(p.y + p.h, x, r->x + r->w - x, ui_attr(bench_over_cores(b,
		    i) ? ROLE_BADGE_WARN : ROLE_DIM), buf);
	}

	/* K = cores: past this column, more workers than cores. */
	if (bench_cores(b) < p.xmax) {
		col = plot_col(&p, bench_cores(b));
		for (row = p.y; row < p.y + p.h; row++)
			ui_put(row, col, 1, ui_attr(ROLE_BADGE_WARN), g->vline);
		ui_printf(p.y, col + 1, p.x + p.w - col - 1,
		    ui_attr(ROLE_BADGE_WARN), " %d cores", bench_cores(b));
	}

	/* Ideal, then Amdahl over it, then the points over both. */
	for (col = 0; col < p.w; col++) {
		k = (double)col / (p.w - 1) * p.xmax;
		if (k < 1)
			continue;
		ui_put(plot_row(&p, k), p.x + col, 1, ui_attr(ROLE_DIM), g->idle);
		if (!isnan(fit))
			ui_put(plot_row(&p, bench_amdahl(fit, k)), p.x + col, 1,
			    ui_attr(ROLE_GRAPH_MID), g->hline);
	}
	for (i = 0; i < done; i++) {
		if (isnan(pt[i].speedup))
			continue;
		col = plot_col(&p, pt[i].workers);
		for (row = plot_row(&p, pt[i].speedup_hi);
		    row <= plot_row(&p, pt[i].speedup_lo); row++)
			ui_put(row, col, 1, ui_attr(ROLE_GRAPH_HIGH), g->vline);
		ui_put(plot_row(&p, pt[i].speedup), col, 1,
		    ui_attr(ROLE_GRAPH_HIGH) | A_BOLD, dot);
	}

	/* The legend. */
	y = r->y + r->h - 1;
	x = r->x + 1;
	x += ui_put(y, x, r->x + r->w - x, ui_attr(ROLE_DIM), g->idle);
	x += ui_put(y, x, r->x + r->w - x, ui_attr(ROLE_NORMAL), " ideal  ");
	x += ui_put(y, x, r->x + r->w - x, ui_attr(ROLE_GRAPH_MID), g->hline);
	if (isnan(fit))
		x += ui_put(y, x, r->x + r->w - x, ui_attr(ROLE_NORMAL),
		    " Amdahl (after 2 points)  ");
	else
		x += ui_printf(y, x, r->x + r->w - x, ui_attr(ROLE_NORMAL),
		    " Amdahl f=%.3f  ", fit);
	x += ui_put(y, x, r->x + r->w - x, ui_attr(ROLE_GRAPH_HIGH) | A_BOLD,
	    dot);
	ui_put(y, x, r->x + r->w - x, ui_attr(ROLE_NORMAL),
	    " measured (min-max)");
}

static void
draw_table(const struct ui_rect *r, const struct bench *b)
{
	const struct bench_point	*pt;
	size_t				 n, done, i;
	int				 y = r->y, end = r->y + r->h, cur, run;
	int				 w = r->w;

	pt = bench_points(b, &n);
	done = bench_points_done(b);
	cur = bench_current(b, &run);
	if (y < end)
		ui_printf(y++, r->x, w, ui_attr(ROLE_HEADER), "%5s %9s %7s "
		    "%6s %6s %5s", "K", "median s", "speedup", "effic", "K-F",
		    "busy%");
	for (i = 0; i < n && y < end; i++, y++) {
		if (i < done && bench_error(b, i) != NULL) {
			ui_printf(y, r->x, w, ui_attr(ROLE_BADGE_WARN),
			    "%5d FAILED: %s", pt[i].workers, bench_error(b, i));
			continue;
		}
		if (i >= done) {
			if ((int)i == cur)
				ui_printf(y, r->x, w, ui_attr(ROLE_NORMAL),
				    "%5d   running: run %d of %d", pt[i].workers,
				    run + 1, bench_repeat(b));
			else
				ui_printf(y, r->x, w, ui_attr(ROLE_DIM),
				    "%5d   waiting", pt[i].workers);
			continue;
		}
		ui_printf(y, r->x, w, ui_attr(ROLE_NORMAL), "%4d%c %8.3f%c %7.2f "
		    "%6.2f", pt[i].workers, bench_over_cores(b, i) ? '*' : ' ',
		    pt[i].wall_median, bench_point_short(b, i) ? '!' : ' ',
		    pt[i].speedup, pt[i].efficiency);
		if (bench_over_cores(b, i))
			ui_put(y, r->x + 4, 1, ui_attr(ROLE_BADGE_WARN), "*");
		if (bench_point_short(b, i))
			ui_put(y, r->x + 14, 1, ui_attr(ROLE_BADGE_WARN), "!");
		if (isnan(pt[i].karp_flatt))
			ui_printf(y, r->x + 31, w - 31, ui_attr(ROLE_DIM), "%6s",
			    "-");
		else
			ui_printf(y, r->x + 31, w - 31, ui_attr(ROLE_NORMAL),
			    "%6.3f", pt[i].karp_flatt);
		if (!isnan(bench_busy_mean(b, i)))
			ui_printf(y, r->x + 37, w - 37, ui_attr(ROLE_NORMAL),
			    " %5.0f", bench_busy_mean(b, i));
	}
	if (y < end && !isnan(bench_fit(b)))
		ui_printf(y++, r->x, w, ui_attr(ROLE_NORMAL), "Amdahl fit: "
		    "serial fraction f = %.3f", bench_fit(b));
	for (i = 0; i < n && !bench_over_cores(b, i); i++)
		;
	if (y < end && i < n)
		ui_printf(y++, r->x, w, ui_attr(ROLE_BADGE_WARN), "* more "
		    "workers than the %d cores", bench_cores(b));
	if (y < end && bench_short_note(b) != NULL)
		ui_printf(y++, r->x, w, ui_attr(ROLE_BADGE_WARN), "! under the "
		    "%.2g s floor: noise, not a result", bench_floor(b));
	if (y < end && bench_size_note(b) != NULL)
		ui_printf(y++, r->x, w, ui_attr(ROLE_DIM), "sized up: %s",
		    bench_size_note(b));
	if (y < end && bench_finished(b))
		ui_put(y, r->x, w, ui_attr(ROLE_BADGE_DONE), bench_abort_reason(b)
		    != NULL ? " stopped: q prints the table " :
		    " finished: q quits and prints the table ");
}

/*
 * Draw the benchmark where the process table and the output would be (the
 * box around whichever of them the layout shows).
 */
void
ui_bench_draw(const struct ui_layout *l, const struct bench *b, int selected)
{
	const struct ui_rect	*pr = &l->pane[PANE_PROCS];
	const struct ui_rect	*po = &l->pane[PANE_OUTPUT];
	struct ui_rect		 r, chart, table;
	int			 rows;
	size_t			 n;

	if (pr->h > 0 && po->h > 0) {
		r.y = pr->y < po->y ? pr->y : po->y;
		r.x = pr->x < po->x ? pr->x : po->x;
		r.h = (pr->y + pr->h > po->y + po->h ? pr->y + pr->h :
		    po->y + po->h) - r.y;
		r.w = (pr->x + pr->w > po->x + po->w ? pr->x + pr->w :
		    po->x + po->w) - r.x;
	} else if (po->h > 0)
		r = *po;
	else if (pr->h > 0)
		r = *pr;
	else
		return;
	for (rows = 0; rows < r.h; rows++)	/* over the panes' separator */
		ui_repeat(r.y + rows, r.x, r.w, ui_attr(ROLE_NORMAL), " ");
	ui_title(&r, "Speedup", bench_progress(b), selected);
	chart = r;
	chart.y++;
	chart.h--;
	bench_points(b, &n);
	rows = (int)n + 6;
	if (r.w >= 2 * TABLE_COLS) {
		table = chart;
		table.x = chart.x + chart.w - TABLE_COLS;
		table.w = TABLE_COLS;
		chart.w -= TABLE_COLS + 2;
	} else if (chart.h >= rows + 8) {
		table = chart;
		table.y = chart.y + chart.h - rows;
		table.h = rows;
		chart.h -= rows + 1;
	} else {
		table = chart;
		table.h = 0;
	}
	draw_chart(&chart, b);
	if (table.h > 0)
		draw_table(&table, b);
}
