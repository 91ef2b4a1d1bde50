/*
 * ui-axis.h: the time arithmetic of the timeline and history panes, pure
 * (no curses, no sampler) so the unit tests reach it: durations as text,
 * the time per cell (fitted to a run, or stepped with + and -), the time
 * axis row, how an interval falls into cells, and how many legend entries
 * fit beside a "+N more".
 */
#ifndef TURBOTOP_UI_AXIS_H
#define TURBOTOP_UI_AXIS_H

#include <stddef.h>

#define AXIS_STEP_MIN	0.001	/* the shortest cell + and - reach: 1 ms */
#define AXIS_STEP_MAX	10.0

void	 ui_format_secs(double, char *, size_t);
double	 ui_axis_step_next(double, int);
double	 ui_axis_fit_step(double, int);
void	 ui_axis_row(char *, int, double, double, int);
void	 ui_axis_bin(double, double, int, double, double,
	     void (*)(int, double, void *), void *);
size_t	 ui_legend_fit(const int *, size_t, int);

#endif
