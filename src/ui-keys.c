/*
 * ui-keys.c: the key bindings table, and the bottom key bar drawn from it.
 * Adding a key means adding one line to bindings[] and handling its action
 * in ui.c. The key bar remembers where it drew each key, so that a mouse
 * click on it acts like the key.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "ui-draw.h"
#include "ui-keys.h"
#include "ui-theme.h"
#include "util.h"

#define CTRL(c)		((c) & 0x1f)

static const struct ui_binding bindings[] = {
	{ '?', "?", ACT_HELP, "Help", "this help (any other key closes it)" },
	{ KEY_F(1), "F1", ACT_HELP, NULL, NULL },
	{ 'h', "h", ACT_HELP, NULL, NULL },
	{ 'm', "m", ACT_MENU, "Menu", "the demo menu: choose, set workers and "
	    "duration, Enter launches" },
	{ 'k', "k", ACT_STOP, "Stop", "stop the demo (SIGTERM to its process "
	    "group, SIGKILL after the grace period)" },
	{ KEY_F(9), "F9", ACT_STOP, NULL, NULL },
	{ 'p', "p", ACT_PAUSE, "Pause", "pause/resume the demo (SIGSTOP/SIGCONT):"
	    " watch the cores go idle" },
	{ 'r', "r", ACT_RESTART, "Restart", "restart the demo with the same "
	    "arguments" },
	{ '+', "+", ACT_FASTER, "Faster", "refresh faster (to 0.05 s); "
	    "timeline selected: shorter cells (to 1 ms), whatever the refresh" },
	{ '=', "=", ACT_FASTER, NULL, NULL },
	{ '-', "-", ACT_SLOWER, "Slower", "refresh slower; timeline selected: "
	    "longer cells (up to 10 s)" },
	{ ' ', "Space", ACT_FREEZE, "Freeze", "freeze/unfreeze the display (the "
	    "demo keeps running); in a replay: pause/play" },
	{ '\t', "Tab", ACT_NEXT_PANE, "Pane", "select the next (previous) pane (or click "
	    "on a pane)" },
	{ KEY_BTAB, "S-Tab", ACT_PREV_PANE, NULL, NULL },
	{ 'z', "z", ACT_ZOOM, "Zoom", "zoom the selected pane to the whole "
	    "screen, or back" },
	{ 'a', "a", ACT_ALL_PROCS, "All", "process table: the demo's processes "
	    "or all processes" },
	{ 's', "s", ACT_SORT_NEXT, NULL, "process table: sort by the next "
	    "column (or click its header)" },
	{ KEY_F(6), "F6", ACT_SORT_NEXT, NULL, NULL },
	{ 'S', "S", ACT_SORT_REVERSE, NULL, "process table: reverse the order" },
	{ 'P', "P", ACT_SORT_CPU, NULL, "process table: sort by %CPU (as in top)" },
	{ 'M', "M", ACT_SORT_MEM, NULL, "process table: sort by memory (RSS)" },
	{ 'T', "T", ACT_SORT_TIME, NULL, "process table: sort by CPU time (TIME+)" },
	{ 'H', "H", ACT_THREADS, NULL, "process table: threads (as in top) or "
	    "processes" },
	{ 'o', "o", ACT_OBSERVER, NULL, "process table and timeline: include "
	    "turbotop itself (the observer), or not" },
	{ 'w', "w", ACT_WORKERS, NULL, "timeline: each thread's state over "
	    "time (running, waiting for a core, sleeping), or the cores" },
	{ '/', "/", ACT_SEARCH, "Search", "search the output (Enter finds, Esc "
	    "cancels)" },
	{ KEY_F(3), "F3", ACT_SEARCH, NULL, NULL },
	{ 'n', "n", ACT_SEARCH_NEXT, NULL, "next match (older), previous "
	    "match (newer)" },
	{ 'N', "N", ACT_SEARCH_PREV, NULL, NULL },
	{ KEY_PPAGE, "PgUp", ACT_PAGE_UP, NULL, "scroll the output (or the "
	    "selected process table) a page up, down" },
	{ KEY_NPAGE, "PgDn", ACT_PAGE_DOWN, NULL, NULL },
	{ KEY_UP, "Up", ACT_LINE_UP, NULL, "scroll a line up, down (or the "
	    "mouse wheel)" },
	{ KEY_DOWN, "Down", ACT_LINE_DOWN, NULL, NULL },
	{ KEY_HOME, "Home", ACT_HOME, NULL, "go to the oldest line kept" },
	{ KEY_END, "End", ACT_END, NULL, "follow the newest output again" },
	{ KEY_LEFT, "Left", ACT_SCROLL_LEFT, NULL, "scroll the output sideways "
	    "(left, right); lines are chopped while scrolled" },
	{ KEY_RIGHT, "Right", ACT_SCROLL_RIGHT, NULL, NULL },
	{ 'c', "c", ACT_WRAP, NULL, "long output lines: wrap (the default, "
	    "continued rows marked) or chop (the edges marked)" },
	{ 't', "t", ACT_THEME, NULL, "next colour theme (dark, light, mono)" },
	{ CTRL('l'), "^L", ACT_REDRAW, NULL, "redraw the whole screen" },
	{ '<', "<", ACT_PLAY_SLOWER, NULL, "replay: play slower, faster "
	    "(x0.25 to x16)" },
	{ '>', ">", ACT_PLAY_FASTER, NULL, NULL },
	{ '[', "[", ACT_SEEK_BACK, NULL, "replay: back, forward 10 s" },
	{ ']', "]", ACT_SEEK_FORWARD, NULL, NULL },
	{ '{', "{", ACT_SEEK_START, NULL, "replay: to the start, to the end "
	    "(a live stream: follow it)" },
	{ '}', "}", ACT_SEEK_END, NULL, NULL },
	{ 'q', "q", ACT_QUIT, "Quit", "quit (stops every demo first)" },
	{ KEY_F(10), "F10", ACT_QUIT, NULL, NULL },
};

#define BAR_MAX		32
static struct {
	int		 x0, x1;
	int		 key;
} bar_hits[BAR_MAX];
static size_t	 bar_nhits;

enum ui_action
ui_keys_action(int key)
{
	size_t	i;

	for (i = 0; i < nitems(bindings); i++) {
		if (bindings[i].key == key)
			return bindings[i].action;
	}
	return ACT_NONE;
}

const struct ui_binding *
ui_keys_table(size_t *n)
{
	*n = nitems(bindings);
	return bindings;
}

/* Draw one "key label" item at x; returns the next x. */
static int
bar_item(const struct ui_rect *r, int x, const char *name, const char *label,
    int key)
{
	int	end = r->x + r->w, x0 = x;

	if (x >= end)
		return x;
	x += ui_put(r->y, x, end - x, ui_attr(ROLE_KEY), name);
	x += ui_printf(r->y, x, end - x, ui_attr(ROLE_KEYLABEL), " %s ", label);
	if (bar_nhits < BAR_MAX) {
		bar_hits[bar_nhits].x0 = x0;
		bar_hits[bar_nhits].x1 = x;
		bar_hits[bar_nhits].key = key;
		bar_nhits++;
	}
	return x;
}

/* The main screen's key bar, from the bindings table. */
void
ui_keybar_draw(const struct ui_rect *r)
{
	size_t	i;
	int	x = r->x;

	int	need = 0, optional;

	for (i = 0; i < nitems(bindings); i++) {
		if (bindings[i].bar != NULL)
			need += ui_text_cols(bindings[i].name, 16) +
			    ui_text_cols(bindings[i].bar, 16) + 2;
	}
	bar_nhits = 0;
	ui_repeat(r->y, r->x, r->w, ui_attr(ROLE_KEYLABEL), " ");
	for (i = 0; i < nitems(bindings); i++) {
		if (bindings[i].bar == NULL)
			continue;
		/* On a narrow screen, leave out what the help still lists. */
		optional = bindings[i].action == ACT_FASTER ||
		    bindings[i].action == ACT_SLOWER ||
		    bindings[i].action == ACT_NEXT_PANE ||
		    bindings[i].action == ACT_ALL_PROCS;
		if (optional && need > r->w)
			continue;
		x = bar_item(r, x, bindings[i].name, bindings[i].bar,
		    bindings[i].key);
	}
}

/* A key bar for another mode: the menu, the help, the search prompt. */
void
ui_keybar_draw_custom(const struct ui_rect *r, const struct ui_barkey *keys,
    size_t n)
{
	size_t	i;
	int	x = r->x;

	bar_nhits = 0;
	ui_repeat(r->y, r->x, r->w, ui_attr(ROLE_KEYLABEL), " ");
	for (i = 0; i < n; i++)
		x = bar_item(r, x, keys[i].name, keys[i].label, keys[i].key);
}

/* The key drawn at column x of the key bar, or ERR. */
int
ui_keybar_hit(int x)
{
	size_t	i;

	for (i = 0; i < bar_nhits; i++) {
		if (x >= bar_hits[i].x0 && x < bar_hits[i].x1)
			return bar_hits[i].key;
	}
	return ERR;
}

/* Ask the terminal for button reports in SGR form, and map their prefix. */
void
ui_mouse_enable(void)
{
	define_key("\033[<", UI_KEY_MOUSE);
	putp("\033[?1000h\033[?1006h");
	fflush(stdout);
}

void
ui_mouse_disable(void)
{
	putp("\033[?1006l\033[?1000l");
	fflush(stdout);
}

/* The next byte of a report already on its way (at most ~50 ms). */
static int
mouse_byte(void)
{
	int	c, tries;

	for (tries = 0; tries < 50; tries++) {
		if ((c = getch()) != ERR)
			return c;
		napms(1);
	}
	return ERR;
}

/*
 * After UI_KEY_MOUSE: read "B;X;Y" and the final M (press) or m (release);
 * 0 and *m filled, or -1 for a malformed report.
 */
int
ui_mouse_read(struct ui_mouse *m)
{
	struct ui_mouse_parse	p;
	int			c, r;

	memset(&p, 0, sizeof p);
	do {
		if ((c = mouse_byte()) == ERR)
			return -1;
	} while ((r = ui_mouse_feed(&p, c, m)) == 0);
	return r > 0 ? 0 : -1;
}

/*
 * The decoder proper, one byte at a time (the fuzz target drives it too):
 * 1 with *m filled once a report "B;X;Y" ends in M or m, 0 for more, -1 if
 * the bytes are not a report (or longer than 24).
 */
int
ui_mouse_feed(struct ui_mouse_parse *p, int c, struct ui_mouse *m)
{
	if (++p->len > 24)
		return -1;
	if (c >= '0' && c <= '9') {
		if (p->v[p->n] < 100000)
			p->v[p->n] = p->v[p->n] * 10 + (c - '0');
	} else if (c == ';') {
		if (++p->n > 2)
			return -1;
	} else if ((c == 'M' || c == 'm') && p->n == 2) {
		m->x = p->v[1] - 1;
		m->y = p->v[2] - 1;
		if (p->v[0] == 64)
			m->kind = MOUSE_WHEEL_UP;
		else if (p->v[0] == 65)
			m->kind = MOUSE_WHEEL_DOWN;
		else if ((p->v[0] & ~(4 | 8 | 16)) == 0)
			m->kind = c == 'M' ? MOUSE_PRESS : MOUSE_RELEASE;
		else
			m->kind = MOUSE_OTHER;
		return 1;
	} else
		return -1;
	return 0;
}
