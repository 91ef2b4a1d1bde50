/*
 * ui-frame.c: one frame of the TUI from the loop's state (ui-int.h): the
 * layout for the screen's size, the status bar, then the demo menu, the
 * help or the panes with the key bar (or the lesson's caption in its
 * place). ncurses sends only what changed, so a frame can be drawn whole.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "bench-run.h"
#include "observer.h"
#include "options.h"
#include "replay-play.h"
#include "source.h"
#include "ui-bench.h"
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
	char			play[96];

	memset(&st, 0, sizeof st);
	if (u->mode == MODE_MENU)
		st.screen = "demo menu";
	else if (u->mode == MODE_HELP)
		st.screen = "help";
	st.job = u->job;
	st.cmdline = u->cmdline;
	if (u->replay != NULL) {
		if (u->o->cluster_view)	/* the hosts' live stream */
			snprintf(play, sizeof play, " HOSTS %s %.1fs ",
			    replay_paused(u->replay) ? "paused" :
			    replay_live(u->replay) ? "live" : "ended",
			    replay_pos(u->replay));
		else
			snprintf(play, sizeof play, " REPLAY %s x%g "
			    "%.1f/%.1fs%s ", replay_paused(u->replay) ?
			    "paused" : "playing", replay_speed(u->replay, 0),
			    replay_pos(u->replay), replay_length(u->replay),
			    replay_live(u->replay) ? " live" :
			    replay_at_end(u->replay) ? " end" : "");
		st.replay = play;
		if (u->o->cluster_view)
			st.idle = " no demo: the hosts only ";
		st.elapsed = (u->ended > 0 ? u->ended :
		    replay_pos(u->replay)) - u->started;
	} else
		st.elapsed = (u->ended > 0 ? u->ended : now_mono()) -
		    u->started;
	if (u->bench != NULL) {
		st.bench_title = bench_title(u->bench);
		st.bench_finished = bench_finished(u->bench);
	}
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

static const struct ui_barkey replay_keys[] = {
	{ "Space", "Play/Pause", ' ' },
	{ "<>", "Speed", '>' },
	{ "[]", "Seek 10s", ']' },
	{ "{}", "Start/End", '}' },
	{ "Tab", "Pane", '\t' },
	{ "z", "Zoom", 'z' },
	{ "?", "Help", '?' },
	{ "q", "Quit", 'q' },
};

/*
 * The main screen: every pane the layout shows, from the pane table
 * (ui-pane.c); in benchmark mode its table and chart take the process
 * table's and the output's place. Then the key bar, or the search prompt,
 * or the driver's caption (a lesson's) in its place.
 */
static void
draw_main(struct ui *u)
{
	struct ui_layout	*l = &u->layout;
	const char		*cap = NULL;
	int			 p;

	for (p = 0; p < PANE_COUNT; p++) {
		if (l->pane[p].h == 0 || (u->bench != NULL &&
		    (p == PANE_PROCS || p == PANE_OUTPUT)))
			continue;
		ui_pane_class(p)->draw(u, &l->pane[p], u->selected == p);
	}
	draw_separators(l);
	if (u->bench != NULL)
		ui_bench_draw(l, u->bench, u->selected == PANE_OUTPUT ||
		    u->selected == PANE_PROCS);
	if (u->drv != NULL && u->drv->caption != NULL)
		cap = u->drv->caption(u->drv->arg, l->keybar.w);
	if (ui_output_searching(u->out))
		ui_output_prompt_draw(u->out, &l->keybar);
	else if (cap != NULL) {
		ui_repeat(l->keybar.y, l->keybar.x, l->keybar.w,
		    ui_attr(ROLE_STATUS), " ");
		ui_put(l->keybar.y, l->keybar.x, l->keybar.w,
		    ui_attr(ROLE_STATUS) | A_BOLD, cap);
	} else if (u->replay != NULL)
		ui_keybar_draw_custom(&l->keybar, replay_keys,
		    nitems(replay_keys));
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
