/*
 * ui-graph.c: each core's busy % over the last minute, as a scrolling bar
 * graph (eighth blocks in a UTF-8 locale, ASCII characters otherwise),
 * newest at the right. Each column covers GRAPH_SPAN / width seconds: the
 * mean of the samples that ended in it, or the sample that spans it when the
 * refresh is slower than a column. Once a run has ended the graph keeps
 * that run, from its start to its end fitted to the width however short it
 * was (a run shorter than a sample shows the sample it fell in), labelled
 * "last run: ...", until the next run. With more cores than rows the bands
 * go into columns (ui_grid_fit); the title counts the cores that still do
 * not fit.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "source.h"
#include "ui-draw.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

#define LABEL_COLS	5
#define GRAPH_MIN_W	(LABEL_COLS + 12 + 1)	/* a band, a gap */

/*
 * Core c's graph: w columns covering span seconds up to now, rows rows,
 * bottom row at y + rows - 1. Each row goes to curses in one call, blanks
 * between its bars, not a call per cell.
 */
static void
graph_core(const struct source *s, int c, int y, int x, int w, int rows,
    double now, double span)
{
	static cchar_t		*cells;
	static size_t		 size;
	const struct ui_glyphs	*g = ui_glyphs();
	size_t			 len = source_history_len(s), i = 0, n, k;
	double			 dt, hi, lo, sum, v;
	attr_t			 attr, last_attr = 0;
	cchar_t			 blank, cc;
	wchar_t			 sp[2] = { L' ', L'\0' };
	int			 col, row, eighths, fill, last_fill = 0, first;

	if (len == 0 || span <= 0 || w < 1 || rows < 1 ||
	    setcchar(&blank, sp, A_NORMAL, 0, NULL) != OK)
		return;
	if ((size_t)rows * (size_t)w > size) {
		size = (size_t)rows * (size_t)w;
		cells = xreallocarray(cells, size, sizeof *cells);
	}
	for (k = 0; k < (size_t)rows * (size_t)w; k++)
		cells[k] = blank;
	first = w;
	dt = span / w;
	for (col = 0; col < w; col++) {
		hi = now - col * dt;
		lo = hi - dt;
		while (i < len && source_history_time(s, i) > hi)
			i++;
		sum = 0;
		n = 0;
		while (i < len && source_history_time(s, i) > lo) {
			sum += source_history_busy(s, c, i);
			n++;
			i++;
		}
		if (n > 0)
			v = sum / n;
		else if (i < len && i > 0)
			v = source_history_busy(s, c, i - 1);
		else
			break;		/* older than the history */
		if (v < 0)
			v = 0;
		if (v > 100)
			v = 100;
		eighths = (int)lround(v * rows * 8 / 100.0);
		if (eighths == 0 && v >= 1)
			eighths = 1;
		attr = ui_attr(ui_level_role(v));
		first = w - 1 - col;
		for (row = 0; row < rows; row++) {
			fill = eighths - row * 8;
			if (fill <= 0)
				break;
			if (fill > 8)
				fill = 8;
			if (fill != last_fill || attr != last_attr) {
				ui_cell(&cc, attr, g->block[fill]);
				last_fill = fill;
				last_attr = attr;
			}
			cells[(size_t)row * (size_t)w + (size_t)first] = cc;
		}
	}
	for (row = 0; row < rows && first < w; row++)
		ui_cells(y + rows - 1 - row, x + first,
		    &cells[(size_t)row * (size_t)w + (size_t)first], w - first);
}

/*
 * The window of an ended run: from its start to the end of the sample that
 * covers its end (each column then has a sample, however short the run);
 * 0 until that sample is taken or once the run has left the history.
 */
static int
graph_run_window(const struct source *s, const struct ui_run *run,
    double *now, double *span)
{
	size_t	len = source_history_len(s), i;
	double	lo = run->start;

	if (len < 2 || source_history_time(s, 0) < run->end ||
	    source_history_time(s, len - 1) >= run->end)
		return 0;
	for (i = len; i-- > 0; ) {
		if (source_history_time(s, i) >= run->end)
			break;
	}
	if (lo < source_history_time(s, len - 1))
		lo = source_history_time(s, len - 1);
	*now = source_history_time(s, i);
	*span = *now - lo;
	return *span > 0;
}

/* The history pane: one band of rows per core, in columns if need be. */
void
ui_graph_draw(const struct ui_rect *r, const struct source *s,
    const struct ui_run *run, int rows, int selected)
{
	struct ui_grid	g;
	char		title[UI_TITLE_MAX];
	double		now = source_history_len(s) > 0 ? source_history_time(s, 0) : 0;
	double		span = GRAPH_SPAN;
	int		n = source_ncpus(s), c, y, x, w, want, shown_want, lw;
	char		label[256];

	/*
	 * Labels in full ("node2:cpu10") if the bands keep most of the room,
	 * sized to the cores shown.
	 */
	want = source_cpu_label_len(s, 0, n) + 1;
	lw = ui_grid_labelled(&g, n, r->h - 1, r->w, rows, want, LABEL_COLS,
	    GRAPH_MIN_W - LABEL_COLS - 1);
	if (g.shown < n &&
	    (shown_want = source_cpu_label_len(s, 0, g.shown) + 1) < want)
		lw = ui_grid_labelled(&g, n, r->h - 1, r->w, rows, shown_want,
		    LABEL_COLS, GRAPH_MIN_W - LABEL_COLS - 1);
	if (run != NULL && run->ended && graph_run_window(s, run, &now, &span))
		snprintf(title, sizeof title, "last run: %s", run->label);
	else {
		snprintf(title, sizeof title, "last %.0f s", GRAPH_SPAN);
		now = source_history_len(s) > 0 ? source_history_time(s, 0) : 0;
		span = GRAPH_SPAN;
	}
	ui_title_hidden(r, "History", r->w >= (int)strlen(title) + 14 ? title :
	    NULL, n - g.shown, selected);
	if (g.cols < 1)
		return;
	w = r->w / g.cols - lw - (g.cols > 1 ? 1 : 0);
	if (w < 4)
		return;
	for (c = 0; c < g.shown; c++) {
		y = r->y + 1 + (c % g.per) * rows;
		x = r->x + (c / g.per) * (r->w / g.cols);
		ui_put(y + rows - 1, x, lw, ui_attr(ROLE_TITLE),
		    source_cpu_label(s, c, lw - 1, label,
		    sizeof label));
		if (rows > 1)
			ui_put(y, x, lw, ui_attr(ROLE_DIM), "100%");
		graph_core(s, c, y, x + lw, w, rows, now, span);
	}
}
