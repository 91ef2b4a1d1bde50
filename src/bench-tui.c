/*
 * bench-tui.c: benchmark mode in the TUI. A ui_driver (ui.h) runs the
 * engine (bench-run.c) on the TUI's loop: one run at a time, sampled as it
 * runs (the core meters, history and timeline above show it live), its busy
 * figures fed back. Its pane takes the process table's and the output's
 * place: speedup against workers, with the ideal line S = K, the fitted
 * Amdahl curve, and each worker count's median speedup (and its min-max
 * range) appearing as its runs finish; beside it (or under it) a table of
 * the figures. Worker counts beyond the machine's cores are marked (a line
 * at K = cores on the chart, '*' in the table), as are medians under the
 * --bench-floor ('!': noise, not a result).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-run.h"
#include "bench-stats.h"
#include "bench-tui.h"
#include "ui-draw.h"
#include "ui-keys.h"
#include "ui-theme.h"
#include "ui.h"

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

/* The pane, in the rectangle the TUI cleared for it. */
static void
tui_draw(void *arg, const struct ui_rect *rp, int selected)
{
	const struct bench	*b = arg;
	struct ui_rect		 r = *rp, chart, table;
	int			 rows;
	size_t			 n;

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

/* Record a run that ended, start the next. */
static int
tui_poll(void *arg, double *wait)
{
	(void)wait;
	bench_step(arg);
	return 0;
}

/* The run in flight: sampled, not shown as a demo. */
static struct job *
tui_runs(void *arg)
{
	return bench_job(arg);
}

static void
tui_sampled(void *arg, const struct sampler *s)
{
	bench_sampled_from(arg, s);
}

static void
tui_status(void *arg, struct ui_driver_status *st)
{
	const struct bench	*b = arg;

	st->tag = " BENCH ";
	st->title = bench_title(b);
	st->done = bench_finished(b);
}

/* m: the demo is the benchmark's. */
static int
tui_key(void *arg, int ch)
{
	(void)arg;
	return ui_keys_action(ch) == ACT_MENU ? UI_DRIVER_REDRAW |
	    UI_DRIVER_MESSAGE : 0;
}

static const char *
tui_message(void *arg)
{
	(void)arg;
	return "no demo menu while benchmarking";
}

int
bench_tui(const struct options *o, struct bench *b)
{
	const struct ui_driver	drv = { .arg = b, .poll = tui_poll,
				    .key = tui_key, .message = tui_message,
				    .status = tui_status, .draw = tui_draw,
				    .runs = tui_runs, .sampled = tui_sampled };

	return ui_main(o, &drv);
}
