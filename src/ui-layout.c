/*
 * ui-layout.c: the layout engine. From top to bottom: the status bar, the
 * cores (meters, with the history graph beside them when there is room),
 * the core timeline, then the process table and the output (side by side
 * on wide screens, stacked otherwise), and the key bar. When rows run out,
 * panes are dropped in this order: process table, timeline, graph; spare
 * rows make the graph and the timeline taller. A zoomed pane takes the
 * whole body. Many cores (64 on a projector) go into columns of meters, or
 * one cell per core when even those do not fit; the graph and timeline
 * draw their strips in columns (ui_grid_fit) and say how many cores they
 * could not show.
 */
#include "config.h"

#include <string.h>

#include "ui-layout.h"

#define SIDE_BY_SIDE_COLS	110	/* process table beside the output */
#define GRAPH_BESIDE_COLS	70	/* graph beside the meters */
#define BOTTOM_WANT		16	/* rows the table + output want */
#define METER_MIN_W		14	/* "cpu12 " + " 100.0%" + a gap */

static const char *pane_names[PANE_COUNT] = {
	"Cores", "History", "Timeline", "Processes", "Output"
};

const char *
ui_pane_name(enum ui_pane p)
{
	return pane_names[p];
}

static void
set_rect(struct ui_rect *r, int y, int x, int h, int w)
{
	r->y = y;
	r->x = x;
	r->h = h > 0 && w > 0 ? h : 0;
	r->w = h > 0 && w > 0 ? w : 0;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Meters for n cores in at most rows rows: how many columns. */
static int
meter_columns(int n, int rows)
{
	if (rows < 1)
		rows = 1;
	return (n + rows - 1) / rows;
}

/*
 * Too many cores for meter bars in w columns: one cell per core, two
 * columns wide (a glyph and a gap) when that takes at most rows rows, else
 * one. Returns the rows the cells take (at most max).
 */
static int
meter_cells(struct ui_layout *l, int n, int w, int rows, int max)
{
	int	per_row, mrows;

	per_row = (w - UI_CELL_LABEL) / 2;
	l->meter_cells = 2;
	if (per_row < 1 || (n + per_row - 1) / per_row > rows) {
		per_row = w - UI_CELL_LABEL;
		l->meter_cells = 1;
	}
	if (per_row < 1)
		per_row = 1;
	l->meter_cols = per_row;
	l->core_rows = 1;
	mrows = (n + per_row - 1) / per_row;
	return mrows > max ? max : mrows < 1 ? 1 : mrows;
}

/* Fit n items of rows rows into an h x w area (see ui-layout.h). */
void
ui_grid_fit(struct ui_grid *g, int n, int h, int w, int rows, int min_w)
{
	int	fit = rows > 0 ? h / rows : 0, maxcols;

	memset(g, 0, sizeof *g);
	if (n < 1 || fit < 1 || w < 1)
		return;
	maxcols = min_w > 0 ? w / min_w : 1;
	if (maxcols < 1)
		maxcols = 1;
	g->cols = (n + fit - 1) / fit;
	if (g->cols > maxcols)
		g->cols = maxcols;
	g->per = (n + g->cols - 1) / g->cols;
	if (g->per > fit)
		g->per = fit;
	g->shown = g->per * g->cols < n ? g->per * g->cols : n;
}

/* Labelled strips (see ui-layout.h): the widest label that leaves 60%. */
int
ui_grid_labelled(struct ui_grid *g, int n, int h, int w, int rows, int want,
    int min_lw, int plot_min)
{
	int	lw = want < 2 * w / 5 ? want : 2 * w / 5;

	if (lw < min_lw)
		lw = min_lw;
	for (;; lw--) {
		ui_grid_fit(g, n, h, w, rows, lw + plot_min + 1);
		if (lw <= min_lw || (g->cols > 0 && 5 * lw <= 2 * (w / g->cols)))
			return lw;
	}
}

static void
zoomed(struct ui_layout *l, int zoom, int ncpus)
{
	int	B = l->body.h;

	l->pane[zoom] = l->body;
	switch (zoom) {
	case PANE_CORES:
		l->meter_cols = meter_columns(ncpus, B - 1);
		l->core_rows = l->meter_cols == 1 && (B - 1) >= 2 * ncpus ? 2 : 1;
		if (l->body.w / l->meter_cols < METER_MIN_W)
			meter_cells(l, ncpus, l->body.w, B - 1, B - 1);
		break;
	case PANE_GRAPH:
		l->core_rows = clamp((B - 1) / ncpus, 1, 16);
		break;
	case PANE_TIMELINE:
		l->timeline_rows = clamp((B - 3) / ncpus, 1, 4);
		break;
	default:
		break;
	}
}

/* Lay out a cols x lines screen for ncpus cores; zoom is a pane or -1. */
void
ui_layout_compute(struct ui_layout *l, int cols, int lines, int ncpus,
    int zoom)
{
	ui_layout_hosts(l, cols, lines, ncpus, 1, zoom);
}

/*
 * The cores pane of several hosts: a header row per host and its cores in
 * cells, or when that would take more than max rows, a strip per host in
 * columns (ui-meters.c chooses from the rows it gets). Returns its rows.
 */
static int
host_rows(struct ui_layout *l, int ncpus, int nhosts, int w, int max)
{
	int	per_row = w - UI_HOST_LABEL - 8, mean, rows, cols;

	if (per_row < 1)
		per_row = 1;
	mean = (ncpus + nhosts - 1) / nhosts;
	rows = nhosts * (1 + (mean + per_row - 1) / per_row);
	if (rows > max) {	/* a strip per host, in columns */
		cols = w / UI_HOST_COL_MIN > 0 ? w / UI_HOST_COL_MIN : 1;
		rows = (nhosts + cols - 1) / cols;
		if (rows > max)
			rows = max;
	}
	l->meter_cells = 1;
	l->meter_cols = per_row;
	l->core_rows = 1;
	return rows < 1 ? 1 : rows;
}

/* ui_layout_compute() for the cores of nhosts hosts. */
void
ui_layout_hosts(struct ui_layout *l, int cols, int lines, int ncpus,
    int nhosts, int zoom)
{
	int	B, W, mrows, cores_h, tl_h, rest, spare, y, mw, pw;

	memset(l, 0, sizeof *l);
	if (ncpus < 1)
		ncpus = 1;
	l->core_rows = l->meter_cols = l->timeline_rows = 1;
	if (cols < UI_MIN_COLS || lines < UI_MIN_LINES) {
		l->too_small = 1;
		return;
	}
	W = cols;
	B = lines - 2;
	set_rect(&l->status, 0, 0, 1, W);
	set_rect(&l->body, 1, 0, B, W);
	set_rect(&l->keybar, lines - 1, 0, 1, W);
	if (zoom >= 0 && zoom < PANE_COUNT) {
		zoomed(l, zoom, ncpus);
		return;
	}

	/* Cores: at most a third of the body, in columns if need be. */
	l->meter_cols = meter_columns(ncpus, B / 3);
	mrows = (ncpus + l->meter_cols - 1) / l->meter_cols;
	if (nhosts > 1)		/* on a tall screen, up to half of it */
		mrows = host_rows(l, ncpus, nhosts, W, B >= 40 ? B / 2 :
		    B / 3 > 1 ? B / 3 : 1);
	else if (W / l->meter_cols < METER_MIN_W)
		mrows = meter_cells(l, ncpus, W, B / 3, B - 1);
	cores_h = 1 + mrows;
	rest = B - cores_h;

	/* Timeline: one row per core (at most a quarter of the body). */
	tl_h = 2 + clamp(ncpus, 1, B / 4 > 1 ? B / 4 : 1);
	if (rest < tl_h + 4)
		tl_h = 0;
	rest -= tl_h;

	/* Spare rows: a taller graph, a thicker timeline, a taller graph. */
	spare = rest - BOTTOM_WANT;
	if (l->meter_cols == 1 && !l->meter_cells && spare >= ncpus) {
		l->core_rows++;
		spare -= ncpus;
	}
	if (tl_h > 0 && tl_h == 2 + ncpus && spare >= ncpus) {
		l->timeline_rows++;
		tl_h += ncpus;
		spare -= ncpus;
	}
	if (l->meter_cols == 1 && !l->meter_cells && spare >= ncpus) {
		l->core_rows++;
		spare -= ncpus;
	}
	cores_h = 1 + mrows * l->core_rows;
	rest = B - cores_h - tl_h;

	y = l->body.y;
	if (W >= GRAPH_BESIDE_COLS && l->meter_cols == 1 && !l->meter_cells) {
		mw = clamp(W * 2 / 5, 34, 56);
		set_rect(&l->pane[PANE_CORES], y, 0, cores_h, mw);
		set_rect(&l->pane[PANE_GRAPH], y, mw + 1, cores_h, W - mw - 1);
	} else
		set_rect(&l->pane[PANE_CORES], y, 0, cores_h, W);
	y += cores_h;
	set_rect(&l->pane[PANE_TIMELINE], y, 0, tl_h, W);
	y += tl_h;

	if (W >= SIDE_BY_SIDE_COLS && rest >= 5) {
		pw = clamp(W / 2, 56, 72);
		set_rect(&l->pane[PANE_PROCS], y, 0, rest, pw);
		set_rect(&l->pane[PANE_OUTPUT], y, pw + 1, rest, W - pw - 1);
	} else if (rest >= 12) {
		set_rect(&l->pane[PANE_PROCS], y, 0, rest * 2 / 5, W);
		set_rect(&l->pane[PANE_OUTPUT], y + rest * 2 / 5, 0,
		    rest - rest * 2 / 5, W);
	} else
		set_rect(&l->pane[PANE_OUTPUT], y, 0, rest, W);
}

/* The pane under (y, x), or -1. */
int
ui_layout_pane_at(const struct ui_layout *l, int y, int x)
{
	int	p;

	for (p = 0; p < PANE_COUNT; p++) {
		if (l->pane[p].h > 0 && ui_in_rect(&l->pane[p], y, x))
			return p;
	}
	return -1;
}
