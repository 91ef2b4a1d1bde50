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
#include "lesson.h"
#include "observer.h"
#include "replay-play.h"
#include "source.h"
#include "ui-bench.h"
#include "ui-draw.h"
#include "ui-int.h"
#include "ui-keys.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"
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
		snprintf(play, sizeof play, " REPLAY %s x%g %.1f/%.1fs%s ",
		    replay_paused(u->replay) ? "paused" : "playing",
		    replay_speed(u->replay, 0), replay_pos(u->replay),
		    replay_length(u->replay), replay_live(u->replay) ?
		    " live" : replay_at_end(u->replay) ? " end" : "");
		st.replay = play;
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

static void
draw_main(struct ui *u)
{
	struct ui_layout	*l = &u->layout;
	char			 label[192], note[128];

	if (l->pane[PANE_CORES].h > 0)
		ui_meters_draw(&l->pane[PANE_CORES], u->src, l->core_rows,
		    l->meter_cols, l->meter_cells, u->selected == PANE_CORES);
	if (l->pane[PANE_GRAPH].h > 0)
		ui_graph_draw(&l->pane[PANE_GRAPH], u->src, u->bench == NULL &&
		    u->run.label[0] != '\0' ? &u->run : NULL, l->core_rows,
		    u->selected == PANE_GRAPH);
	if (l->pane[PANE_TIMELINE].h > 0)
		ui_timeline_draw(u->tl, &l->pane[PANE_TIMELINE], u->src,
		    u->bench != NULL ? bench_job(u->bench) : u->job,
		    u->bench == NULL && u->run.label[0] != '\0' ? &u->run : NULL,
		    l->timeline_rows, u->selected == PANE_TIMELINE);
	draw_separators(l);
	if (u->bench != NULL)
		ui_bench_draw(l, u->bench, u->selected == PANE_OUTPUT ||
		    u->selected == PANE_PROCS);
	else {
		if (l->pane[PANE_PROCS].h > 0)
			ui_procs_draw(u->procs, &l->pane[PANE_PROCS], u->src,
			    u->job, u->run.ended ? u->run.label : NULL,
			    u->selected == PANE_PROCS);
		if (l->pane[PANE_OUTPUT].h > 0)
			ui_output_draw(u->out, &l->pane[PANE_OUTPUT], u->job,
			    last_run_label(u, label, sizeof label),
			    blocked_note(u, l->pane[PANE_OUTPUT].w, note,
			    sizeof note),
			    u->selected == PANE_OUTPUT);
	}
	if (ui_output_searching(u->out))
		ui_output_prompt_draw(u->out, &l->keybar);
	else if (lesson_active()) {
		/* The lesson's caption bar takes the key bar's place. */
		ui_repeat(l->keybar.y, l->keybar.x, l->keybar.w,
		    ui_attr(ROLE_STATUS), " ");
		ui_put(l->keybar.y, l->keybar.x, l->keybar.w,
		    ui_attr(ROLE_STATUS) | A_BOLD, lesson_caption(l->keybar.w));
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
