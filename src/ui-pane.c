/*
 * ui-pane.c: the panes as a table. Each entry says how the pane draws from
 * the loop's state (ui-int.h), which actions of the bindings table it takes
 * and how it scrolls; the frame (ui-frame.c) draws every pane the layout
 * shows through it, and the key handler (ui.c) offers each action to the
 * selected pane first, then to the others, before the global actions.
 * Adding a pane is one entry here (and its place in ui-layout.c).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "job.h"
#include "observer.h"
#include "ui-axis.h"
#include "ui-int.h"
#include "ui-keys.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui.h"
#include "util.h"

/* "last run: lock -w 8, 1.2 s" once the run on show has ended, else "". */
static const char *
last_run_label(struct ui *u, char *buf, size_t len)
{
	if (u->job == NULL || !u->run.ended)
		return "";
	snprintf(buf, len, "last run: %s", u->run.label);
	return buf;
}

/*
 * "7 of 8 workers blocked on output: turbotop reads 612k lines/s" (in w
 * columns, shorter if need be), or "" when none is: the observer slowing
 * the observed, as measured.
 */
static const char *
blocked_note(struct ui *u, int w, char *buf, size_t len)
{
	double	rate = observer_lines_rate(u->obs);
	char	speed[32];
	int	n, of;

	if ((n = observer_blocked(u->obs, &of)) == 0)
		return "";
	if (rate >= 1e6)
		snprintf(speed, sizeof speed, "%.1fM", rate / 1e6);
	else if (rate >= 1e3)
		snprintf(speed, sizeof speed, "%.0fk", rate / 1e3);
	else
		snprintf(speed, sizeof speed, "%.0f", rate);
	snprintf(buf, len, "%d of %d workers blocked on output: turbotop reads "
	    "%s lines/s", n, of, speed);
	if ((int)strlen(buf) + 2 > w)
		snprintf(buf, len, "%d workers blocked on output: turbotop "
		    "reads %s lines/s", n, speed);
	if ((int)strlen(buf) + 2 > w)
		snprintf(buf, len, "%d workers blocked on output", n);
	return buf;
}

/* The run the history and the timeline keep, or NULL (none yet). */
static const struct ui_run *
kept_run(struct ui *u)
{
	return u->run.label[0] != '\0' ? &u->run : NULL;
}

static void
cores_draw(struct ui *u, const struct ui_rect *r, int selected)
{
	const struct ui_layout	*l = &u->layout;

	ui_meters_draw(r, u->src, l->core_rows, l->meter_cols, l->meter_cells,
	    selected);
}

static void
graph_draw(struct ui *u, const struct ui_rect *r, int selected)
{
	ui_graph_draw(r, u->src, kept_run(u), u->layout.core_rows, selected);
}

static void
timeline_draw(struct ui *u, const struct ui_rect *r, int selected)
{
	ui_timeline_draw(u->tl, r, u->src, u->job != NULL ? u->job : u->runs,
	    kept_run(u), u->layout.timeline_rows, selected);
}

/* + and - with the timeline selected: its time per cell; w: its view. */
static int
timeline_key(struct ui *u, enum ui_action a, int selected)
{
	char	buf[32];

	switch (a) {
	case ACT_FASTER:
	case ACT_SLOWER:
		/* A driver's own runs (a benchmark's): the refresh. */
		if (!selected || (u->drv != NULL && u->drv->runs != NULL))
			return 0;
		ui_format_secs(ui_timeline_step(u->tl, a == ACT_FASTER ? -1 :
		    1), buf, sizeof buf);
		if (u->run.ended)
			ui_message(u, "%s a cell when live (the last run is "
			    "fitted to the pane)", buf);
		else
			ui_message(u, "timeline: %s a cell", buf);
		return 1;
	case ACT_WORKERS:
		ui_timeline_toggle_workers(u->tl);
		ui_message(u, "timeline: %s", ui_timeline_workers(u->tl) ?
		    "each thread's state over time" : "which thread ran where");
		return 1;
	default:
		return 0;
	}
}

static void
procs_draw(struct ui *u, const struct ui_rect *r, int selected)
{
	ui_procs_draw(u->procs, r, u->src, u->job, u->run.ended ?
	    u->run.label : NULL, selected);
}

static void
procs_scroll(struct ui *u, int lines)
{
	ui_procs_scroll(u->procs, lines);
}

/* A click on a column header sorts by it. */
static void
procs_click(struct ui *u, int y, int x)
{
	ui_procs_click(u->procs, y, x);
}

/* Sorting and the scope whatever the focus; scrolling with it. */
static int
procs_key(struct ui *u, enum ui_action a, int selected)
{
	switch (a) {
	case ACT_ALL_PROCS:
		ui_procs_toggle_all(u->procs);
		ui_update_scope(u);
		u->next_tick = now_mono();
		return 1;
	case ACT_SORT_NEXT:
		ui_procs_sort_next(u->procs);
		return 1;
	case ACT_SORT_REVERSE:
		ui_procs_sort_reverse(u->procs);
		return 1;
	case ACT_SORT_CPU:
		ui_procs_sort_by(u->procs, "%CPU");
		return 1;
	case ACT_SORT_MEM:
		ui_procs_sort_by(u->procs, "RSS");
		return 1;
	case ACT_SORT_TIME:
		ui_procs_sort_by(u->procs, "TIME+");
		return 1;
	case ACT_THREADS:
		ui_procs_toggle_threads(u->procs);
		ui_message(u, "process table: %s", ui_procs_threads(u->procs) ?
		    "threads" : "processes");
		return 1;
	default:
		break;
	}
	if (!selected)
		return 0;
	switch (a) {
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		ui_procs_scroll(u->procs, (a == ACT_PAGE_UP ? -1 : 1) *
		    ui_output_page(u->out));
		return 1;
	case ACT_LINE_UP:
	case ACT_LINE_DOWN:
		ui_procs_scroll(u->procs, a == ACT_LINE_UP ? -1 : 1);
		return 1;
	case ACT_HOME:
	case ACT_END:
		ui_procs_scroll(u->procs, a == ACT_HOME ? -INT_MAX / 2 :
		    INT_MAX / 2);
		return 1;
	default:
		return 0;
	}
}

static void
output_draw(struct ui *u, const struct ui_rect *r, int selected)
{
	char	label[192], note[128];

	ui_output_draw(u->out, r, u->job, last_run_label(u, label,
	    sizeof label), blocked_note(u, r->w, note, sizeof note), selected);
}

static void
output_scroll(struct ui *u, int lines)
{
	ui_output_scroll(u->out, u->job, lines);
}

/* Search and wrap whatever the focus; scrolling unless another pane took it. */
static int
output_key(struct ui *u, enum ui_action a, int selected)
{
	(void)selected;
	switch (a) {
	case ACT_SEARCH:
		ui_output_search_begin(u->out);
		return 1;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		ui_output_search_next(u->out, u->job,
		    a == ACT_SEARCH_NEXT ? 1 : -1);
		if (ui_output_message(u->out) != NULL)
			ui_message(u, "%s", ui_output_message(u->out));
		return 1;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		ui_output_page_scroll(u->out, u->job, a == ACT_PAGE_UP ? -1 : 1);
		return 1;
	case ACT_LINE_UP:
	case ACT_LINE_DOWN:
		ui_output_scroll(u->out, u->job, a == ACT_LINE_UP ? -1 : 1);
		return 1;
	case ACT_HOME:
		ui_output_home(u->out, u->job);
		return 1;
	case ACT_END:
		ui_output_end(u->out);
		return 1;
	case ACT_SCROLL_LEFT:
	case ACT_SCROLL_RIGHT:
		ui_output_hscroll(u->out, a == ACT_SCROLL_LEFT ? -1 : 1);
		return 1;
	case ACT_WRAP:
		ui_message(u, "output: long lines %s",
		    ui_output_toggle_wrap(u->out) ? "wrap" :
		    "chopped (Left/Right scroll)");
		return 1;
	default:
		return 0;
	}
}

static const struct ui_pane_class panes[PANE_COUNT] = {
	[PANE_CORES] = { PANE_CORES, cores_draw, NULL, NULL, NULL },
	[PANE_GRAPH] = { PANE_GRAPH, graph_draw, NULL, NULL, NULL },
	[PANE_TIMELINE] = { PANE_TIMELINE, timeline_draw, timeline_key, NULL,
	    NULL },
	[PANE_PROCS] = { PANE_PROCS, procs_draw, procs_key, procs_scroll,
	    procs_click },
	[PANE_OUTPUT] = { PANE_OUTPUT, output_draw, output_key, output_scroll,
	    NULL },
};

const struct ui_pane_class *
ui_pane_class(int p)
{
	return p >= 0 && p < PANE_COUNT ? &panes[p] : NULL;
}

/*
 * Offer action a to the panes: the selected one first, then the others in
 * the table's order (the output last: it scrolls when no other pane did).
 * 1 if one took it.
 */
int
ui_panes_act(struct ui *u, enum ui_action a)
{
	const struct ui_pane_class	*c;
	int				 p;

	c = ui_pane_class(u->selected);
	if (c != NULL && c->key != NULL && c->key(u, a, 1))
		return 1;
	for (p = 0; p < PANE_COUNT; p++) {
		c = &panes[p];
		if (p != u->selected && c->key != NULL && c->key(u, a, 0))
			return 1;
	}
	return 0;
}

/* Up, Down and the wheel: the selected pane if it scrolls, else the output. */
void
ui_panes_scroll(struct ui *u, int lines)
{
	const struct ui_pane_class	*c = ui_pane_class(u->selected);

	if (c == NULL || c->scroll_by == NULL)
		c = &panes[PANE_OUTPUT];
	c->scroll_by(u, lines);
}
