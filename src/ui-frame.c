/*
 * ui-frame.c: one frame of the TUI from the loop's state (ui-int.h): the
 * layout for the screen's size, the status bar, then the demo menu, the
 * help or the panes with the key bar (or a driver's caption in its
 * place). ncurses sends only what changed, so a frame can be drawn whole.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "observer.h"
#include "source.h"
#include "ui-draw.h"
#include "ui-int.h"
#include "ui-keys.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "ui.h"
#include "util.h"

/* The status bar, from the state of the loop (ui-status.c draws it). */
static void
draw_status(struct ui *u, const struct ui_rect *r)
{
	struct ui_status	st;
	struct ui_driver_status	ds;

	memset(&st, 0, sizeof st);
	memset(&ds, 0, sizeof ds);
	if (u->drv != NULL && u->drv->status != NULL)
		u->drv->status(u->drv->arg, &ds);
	if (u->mode == MODE_MENU)
		st.screen = "demo menu";
	else if (u->mode == MODE_HELP)
		st.screen = "help";
	st.job = u->job;
	st.cmdline = u->cmdline;
	st.badge = ds.badge;
	st.tag = ds.tag;
	st.title = ds.title;
	st.done = ds.done;
	st.idle = ds.idle;
	st.elapsed = (u->ended > 0 ? u->ended : ui_clock(u)) - u->started;
	st.frozen = u->frozen;
	st.msg = u->msg_until > now_mono() ? u->msg : NULL;
	st.delay = u->delay;
	st.sys = source_sys(u->src);
	st.self_cpu = observer_cpu(u->obs);
	st.self_rss_kb = observer_rss_kb(u->obs);
	ui_status_draw(r, &st);
}

/* Vertical separators between side-by-side panes. */
static void
draw_separators(const struct ui_layout *l)
{
	const struct ui_rect	*p;
	int			 i;

	for (i = 0; i < PANE_COUNT; i++) {
		p = &l->pane[i];
		if (p->h > 0 && p->x > 0) {
			ui_put(p->y, p->x - 1, 1, ui_attr(ROLE_BORDER),
			    ui_glyphs()->hline);
			ui_vline(p->y + 1, p->x - 1, p->h - 1);
		}
	}
}

/*
 * A driver's own pane (a benchmark's chart) where the process table and
 * the output would be: the box around whichever of them the layout shows,
 * cleared (over the panes' separator).
 */
static void
draw_driver_pane(struct ui *u)
{
	const struct ui_rect	*pr = &u->layout.pane[PANE_PROCS];
	const struct ui_rect	*po = &u->layout.pane[PANE_OUTPUT];
	struct ui_rect		 r;
	int			 row;

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
	for (row = 0; row < r.h; row++)
		ui_repeat(r.y + row, r.x, r.w, ui_attr(ROLE_NORMAL), " ");
	u->drv->draw(u->drv->arg, &r, u->selected == PANE_OUTPUT ||
	    u->selected == PANE_PROCS);
}

/*
 * The main screen: every pane the layout shows, from the pane table
 * (ui-pane.c); a driver's own pane takes the process table's and the
 * output's place. Then the key bar (the driver's keys, if it has some), or
 * the search prompt, or the driver's caption (a lesson's) in its place.
 */
static void
draw_main(struct ui *u)
{
	struct ui_layout	*l = &u->layout;
	const char		*cap = NULL;
	int			 p, own;

	own = u->drv != NULL && u->drv->draw != NULL;
	for (p = 0; p < PANE_COUNT; p++) {
		if (l->pane[p].h == 0 || (own &&
		    (p == PANE_PROCS || p == PANE_OUTPUT)))
			continue;
		ui_pane_class(p)->draw(u, &l->pane[p], u->selected == p);
	}
	draw_separators(l);
	if (own)
		draw_driver_pane(u);
	if (u->drv != NULL && u->drv->caption != NULL)
		cap = u->drv->caption(u->drv->arg, l->keybar.w);
	if (ui_output_searching(u->out))
		ui_output_prompt_draw(u->out, &l->keybar);
	else if (cap != NULL) {
		ui_repeat(l->keybar.y, l->keybar.x, l->keybar.w,
		    ui_attr(ROLE_STATUS), " ");
		ui_put(l->keybar.y, l->keybar.x, l->keybar.w,
		    ui_attr(ROLE_STATUS) | A_BOLD, cap);
	} else if (u->drv != NULL && u->drv->keybar != NULL)
		ui_keybar_draw_custom(&l->keybar, u->drv->keybar,
		    u->drv->nkeybar);
	else
		ui_keybar_draw(&l->keybar);
}

static const struct ui_barkey menu_keys[] = {
	{ "Enter", "Launch", '\n' },
	{ "Up/Dn", "Demo", ERR },
	{ "Tab", "Field", '\t' },
	{ "<- ->", "Value", ERR },
	{ "Esc", "Monitor", 27 },
	{ "?", "Help", '?' },
	{ "q", "Quit", 'q' },
};

static const struct ui_barkey help_keys[] = {
	{ "Up/Dn", "Scroll", ERR },
	{ "Esc", "Close", 27 },
	{ "q", "Quit", 'q' },
};

/* Draw a frame: the status bar, then the menu, the help or the panes. */
void
ui_frame_draw(struct ui *u)
{
	struct ui_layout	*l = &u->layout;

	erase();
	ui_layout_hosts(l, COLS, LINES, source_ncpus(u->src),
	    source_nhosts(u->src), u->mode == MODE_MAIN ? u->zoom : -1);
	if (l->too_small)
		ui_too_small_draw();
	else {
		draw_status(u, &l->status);
		switch (u->mode) {
		case MODE_MENU:
			ui_menu_draw(u->menu, &l->body);
			ui_keybar_draw_custom(&l->keybar, menu_keys,
			    nitems(menu_keys));
			break;
		case MODE_HELP:
			ui_help_draw(&l->body, u->help_offset);
			ui_keybar_draw_custom(&l->keybar, help_keys,
			    nitems(help_keys));
			break;
		case MODE_MAIN:
			draw_main(u);
			break;
		}
	}
	refresh();
	u->dirty = 0;
	u->last_draw = now_mono();
}
