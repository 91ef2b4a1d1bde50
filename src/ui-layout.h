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
	int		 meter_cols;	/* columns of meters for many cores */
	int		 timeline_rows;	/* rows per core in the timeline */
};

void		 ui_layout_compute(struct ui_layout *, int, int, int, int);
const char	*ui_pane_name(enum ui_pane);
int		 ui_layout_pane_at(const struct ui_layout *, int, int);

#endif
