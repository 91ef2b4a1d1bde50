/*
 * ui-axis.c: time per cell, time axis and legend fitting for the timeline
 * and history panes (see ui-axis.h). A pane has cells of step seconds each;
 * cell 0 starts at t0 (seconds, relative to "now" or to a run's start), so
 * cell j covers [t0 + j step, t0 + (j + 1) step).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui-axis.h"

/* The steps + and - go through: 1-2-5 from 1 ms to 10 s. */
static const double steps[] = {
	0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10
};
#define NSTEPS	(sizeof steps / sizeof steps[0])

/*
 * A duration as people say it: "52 us", "0.4 ms", "12 ms", "1.2 s", "75 s"
 * (a run of a few ms has cells of some us).
 */
void
ui_format_secs(double s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s > 0 && s < 0.0000095)
		snprintf(buf, len, "%.1f us", s * 1e6);
	else if (s > 0 && s < 0.000095)
		snprintf(buf, len, "%.0f us", s * 1e6);
	else if (s < 0.0095)
		snprintf(buf, len, "%.1f ms", s * 1000);
	else if (s < 0.9995)
		snprintf(buf, len, "%.0f ms", s * 1000);
	else if (s < 9.95)
		snprintf(buf, len, "%.1f s", s);
	else
		snprintf(buf, len, "%.0f s", s);
}

/*
 * The next step from step in the 1-2-5 series: dir < 0 finer (shorter
 * cells), dir > 0 coarser; it stays at the ends. A step between two of the
 * series moves to the neighbour in that direction.
 */
double
ui_axis_step_next(double step, int dir)
{
	size_t	i;

	if (dir < 0) {
		for (i = NSTEPS; i-- > 0; ) {
			if (steps[i] < step * (1 - 1e-9))
				return steps[i];
		}
		return steps[0];
	}
	for (i = 0; i < NSTEPS; i++) {
		if (steps[i] > step * (1 + 1e-9))
			return steps[i];
	}
	return steps[NSTEPS - 1];
}

/*
 * The time per cell that makes span seconds fill cells cells exactly (a
 * kept run, however short, is a picture across the pane); a tiny or empty
 * span gets 1 microsecond cells.
 */
double
ui_axis_fit_step(double span, int cells)
{
	double	step;

	if (cells < 1)
		cells = 1;
	step = span / cells;
	return step > 1e-6 ? step : 1e-6;
}

/* A tick's label, k ticks of tick seconds, in the unit its size suits. */
static void
axis_label(char *buf, size_t len, long k, double tick)
{
	double	t = k * tick, a = fabs(t);

	if (k == 0)
		snprintf(buf, len, "0");
	else if (a < 0.000999)
		snprintf(buf, len, "%g us", round(t * 1e7) / 10);
	else if (a < 0.999)
		snprintf(buf, len, "%g ms", round(t * 1e4) / 10);
	else
		snprintf(buf, len, "%g s", round(t * 10) / 10);
}

/*
 * The axis under cells cells of step seconds starting at t0: a '|' at each
 * tick and its label after it, ticks at round times (1-2-5 series) far
 * enough apart for their labels. buf gets cells characters and a NUL (it
 * must hold cells + 1). With live, times are before "now" (t0 < 0) and
 * the labels say so with their minus sign.
 */
void
ui_axis_row(char *buf, int cells, double t0, double step, int live)
{
	static const double mult[] = { 1, 2, 5 };
	char	label[32];
	double	tick = 0, e;
	long	k, k1;
	int	col, n, i, j, minw = live ? 8 : 9;

	if (cells < 1) {
		if (buf != NULL)
			buf[0] = '\0';
		return;
	}
	memset(buf, ' ', (size_t)cells);
	buf[cells] = '\0';
	if (step <= 0)
		return;
	/* The smallest round tick at least minw cells apart. */
	e = floor(log10(step * minw));
	for (i = 0; i < 4 && tick == 0; i++, e++) {
		for (j = 0; j < 3; j++) {
			if (pow(10, e) * mult[j] >= step * minw * (1 - 1e-9)) {
				tick = pow(10, e) * mult[j];
				break;
			}
		}
	}
	if (tick == 0)
		return;
	k = (long)ceil(t0 / tick - 1e-9);
	k1 = (long)floor((t0 + cells * step) / tick + 1e-9);
	for (; k <= k1; k++) {
		col = (int)floor((k * tick - t0) / step + 1e-6);
		if (col < 0 || col >= cells)
			continue;
		axis_label(label, sizeof label, k, tick);
		n = (int)strlen(label);
		buf[col] = '|';
		if (col + 1 + n <= cells)
			memcpy(buf + col + 1, label, (size_t)n);
	}
}

/*
 * Spread the interval [start, end) over the cells (see the top): fn gets
 * each cell it touches and the seconds of the interval inside that cell.
 */
void
ui_axis_bin(double t0, double step, int cells, double start, double end,
    void (*fn)(int, double, void *), void *arg)
{
	double	lo, hi;
	int	c, c1;

	if (step <= 0 || cells < 1 || end <= start)
		return;
	if (start < t0)
		start = t0;
	if (end > t0 + cells * step)
		end = t0 + cells * step;
	if (end <= start)
		return;
	c = (int)floor((start - t0) / step);
	c1 = (int)floor((end - t0) / step);
	if (c < 0)
		c = 0;
	if (c1 > cells - 1)
		c1 = cells - 1;
	for (; c <= c1; c++) {
		lo = t0 + c * step;
		hi = lo + step;
		if (lo < start)
			lo = start;
		if (hi > end)
			hi = end;
		if (hi > lo)
			fn(c, hi - lo, arg);
	}
}

/* Columns of "+N more" (with its leading gap). */
static int
more_width(size_t n)
{
	char	buf[32];

	return snprintf(buf, sizeof buf, "+%zu more", n);
}

/*
 * How many of n legend entries (widths in columns, gaps included) fit in
 * avail columns, leaving room for "+N more" when some are left out.
 */
size_t
ui_legend_fit(const int *widths, size_t n, int avail)
{
	size_t	k;
	int	used = 0;

	for (k = 0; k < n; k++) {
		if (used + widths[k] > avail)
			break;
		used += widths[k];
	}
	if (k == n)
		return n;
	/* Some are left out: make room for the marker. */
	while (k > 0 && used + more_width(n - k) > avail)
		used -= widths[--k];
	return k;
}
