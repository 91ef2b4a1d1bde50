/*
 * ui-layout.c: the layout engine. From top to bottom: the status bar, the
 * cores (meters, with the history graph beside them when there is room),
 * the core timeline, then the process table and the output (side by side
 * on wide screens, stacked otherwise), and the key bar. When rows run out,
 * panes are dropped in this order: process table, timeline, graph; spare
 * rows make the graph and the timeline taller. A zoomed pane takes the
 * whole body.
 */
#include "config.h"

#include <string.h>

#include "ui-layout.h"

#define SIDE_BY_SIDE_COLS	110	/* process table beside the output */
#define GRAPH_BESIDE_COLS	70	/* graph beside the meters */
#define BOTTOM_WANT		16	/* rows the table + output want */

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

static void
zoomed(struct ui_layout *l, int zoom, int ncpus)
{
	int	B = l->body.h;

	l->pane[zoom] = l->body;
	switch (zoom) {
	case PANE_CORES:
		l->meter_cols = meter_columns(ncpus, B - 1);
		l->core_rows = l->meter_cols == 1 && (B - 1) >= 2 * ncpus ? 2 : 1;
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
	cores_h = 1 + mrows;
	rest = B - cores_h;

	/* Timeline: one row per core (at most a quarter of the body). */
	tl_h = 2 + clamp(ncpus, 1, B / 4 > 1 ? B / 4 : 1);
	if (rest < tl_h + 4)
		tl_h = 0;
	rest -= tl_h;

	/* Spare rows: a taller graph, a thicker timeline, a taller graph. */
	spare = rest - BOTTOM_WANT;
	if (l->meter_cols == 1 && spare >= ncpus) {
		l->core_rows++;
		spare -= ncpus;
	}
	if (tl_h > 0 && tl_h == 2 + ncpus && spare >= ncpus) {
		l->timeline_rows++;
		tl_h += ncpus;
		spare -= ncpus;
	}
	if (l->meter_cols == 1 && spare >= ncpus) {
		l->core_rows++;
		spare -= ncpus;
	}
	cores_h = 1 + mrows * l->core_rows;
	rest = B - cores_h - tl_h;

	y = l->body.y;
	if (W >= GRAPH_BESIDE_COLS && l->meter_cols == 1) {
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
