/*
 * ui-layout.h: where each pane goes for a given terminal size. The layout
 * degrades from the full one (120x40 and up) by dropping or shrinking panes,
 * down to UI_MIN_COLS x UI_MIN_LINES; below that the screen only says it is
 * too small.
 */
#ifndef TURBOTOP_UI_LAYOUT_H
#define TURBOTOP_UI_LAYOUT_H

#include "ui-draw.h"

#define UI_MIN_COLS	40
#define UI_MIN_LINES	10

enum ui_pane {
	PANE_CORES,
	PANE_GRAPH,
	PANE_TIMELINE,
	PANE_PROCS,
	PANE_OUTPUT,
	PANE_COUNT
};

struct ui_layout {
	int		 too_small;
	struct ui_rect	 status, body, keybar;
	struct ui_rect	 pane[PANE_COUNT];	/* h == 0: not shown */
	int		 core_rows;	/* rows per core in meters and graph */
	int		 meter_cols;	/* columns of meters (cells per row) */
	int		 meter_cells;	/* 0: bars; else one cell per core, */
					/* this many columns wide */
	int		 timeline_rows;	/* rows per core in the timeline */
};

/*
 * n items (cores) of rows rows each, in columns at least min_w wide inside
 * an h x w area: cols columns of per items, the first shown of them drawn
 * (shown < n: the area is too small and the pane says so).
 */
struct ui_grid {
	int	cols, per, shown;
};

#define UI_CELL_LABEL	6	/* "cpu64 " before a row of core cells */
#define UI_HOST_LABEL	12	/* a host's name before its cells */
#define UI_HOST_COL_MIN	36	/* a host's strip: name, 16 cells, busy % */

void		 ui_layout_compute(struct ui_layout *, int, int, int, int);
/* The same for cores of several hosts (cols, lines, ncpus, nhosts, zoom). */
void		 ui_layout_hosts(struct ui_layout *, int, int, int, int, int);
const char	*ui_pane_name(enum ui_pane);
int		 ui_layout_pane_at(const struct ui_layout *, int, int);
void		 ui_grid_fit(struct ui_grid *, int, int, int, int, int);
/*
 * The same for strips with a label column before each (the timeline, the
 * history): (g, n, h, w, rows, want, min_lw, plot_min). Returns the label
 * column's width: want (the longest label and a gap) if the plot then
 * keeps at least 60% of a column, else the widest that does, at least
 * min_lw; a strip is then that, plot_min cells and a gap.
 */
int		 ui_grid_labelled(struct ui_grid *, int, int, int, int, int,
		     int, int);

#endif
