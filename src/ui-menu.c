/*
 * ui-menu.c: the demo menu. Every demo of the catalog with its one-line
 * summary; the presenter picks one (Up/Down or a click), sets the number of
 * workers and the duration for the demos that take them (Tab between the
 * fields, Left/Right or digits), and Enter launches it. The command line it
 * amounts to is shown, so the class can type it later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog.h"
#include "ui-draw.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

#define FIELD_MAX	6
#define WORKERS_MAX	256
#define DURATION_MAX	3600

enum field {
	FIELD_WORKERS,
	FIELD_DURATION
};

struct ui_menu {
	size_t		 sel;
	size_t		 first;		/* first demo shown in the list */
	enum field	 field;
	char		 value[2][FIELD_MAX + 1];	/* "": the demo's default */
	int		 fresh;		/* the next digit replaces the value */

	/* Where the last draw put things, for mouse clicks. */
	int		 list_y, list_rows;
	int		 field_y[2], field_x[2];
	int		 launch_y;
};

struct ui_menu *
ui_menu_create(void)
{
	struct ui_menu	*m = xcalloc(1, sizeof *m);

	m->launch_y = m->field_y[0] = m->field_y[1] = -1;
	return m;
}

void
ui_menu_free(struct ui_menu *m)
{
	free(m);
}

static int
takes(const struct demo_info *d, enum field f)
{
	return f == FIELD_WORKERS ? d->workers : d->duration;
}

/* Keep the focus on a field the selected demo takes. */
static void
fix_field(struct ui_menu *m)
{
	const struct demo_info	*d = catalog_get(m->sel);

	if (!takes(d, m->field) && takes(d, !m->field))
		m->field = !m->field;
	m->fresh = 1;
}

void
ui_menu_select(struct ui_menu *m, const char *name)
{
	size_t	i;

	for (i = 0; i < catalog_count(); i++) {
		if (strcmp(catalog_get(i)->name, name) == 0) {
			m->sel = i;
			fix_field(m);
		}
	}
}

/* The demo's argv as the menu sets it: name [-w N] [-t SECS]. */
char **
ui_menu_argv(const struct ui_menu *m)
{
	const struct demo_info	*d = catalog_get(m->sel);
	char			**argv = xcalloc(6, sizeof *argv);
	int			  n = 0;

	argv[n++] = xstrdup(d->name);
	if (d->workers && m->value[FIELD_WORKERS][0] != '\0') {
		argv[n++] = xstrdup("-w");
		argv[n++] = xstrdup(m->value[FIELD_WORKERS]);
	}
	if (d->duration && m->value[FIELD_DURATION][0] != '\0') {
		argv[n++] = xstrdup("-t");
		argv[n++] = xstrdup(m->value[FIELD_DURATION]);
	}
	argv[n] = NULL;
	return argv;
}

/* Left/Right on a field: one step down or up, empty below 1. */
static void
step(struct ui_menu *m, int dir)
{
	char	*v = m->value[m->field];
	long	 n = atol(v), max;

	max = m->field == FIELD_WORKERS ? WORKERS_MAX : DURATION_MAX;
	n += dir * (m->field == FIELD_DURATION && n >= 10 ? 5 : 1);
	if (n < 1)
		v[0] = '\0';
	else
		snprintf(v, FIELD_MAX + 1, "%ld", n > max ? max : n);
	m->fresh = 0;
}

static void
type_digit(struct ui_menu *m, int key)
{
	char	*v = m->value[m->field];
	size_t	 len;
	long	 max = m->field == FIELD_WORKERS ? WORKERS_MAX : DURATION_MAX;

	if (m->fresh)
		v[0] = '\0';
	m->fresh = 0;
	len = strlen(v);
	if (len >= FIELD_MAX || (len == 0 && key == '0'))
		return;
	v[len] = (char)key;
	v[len + 1] = '\0';
	if (atol(v) > max)
		snprintf(v, FIELD_MAX + 1, "%ld", max);
}

static void
move_sel(struct ui_menu *m, long delta)
{
	long	n = (long)catalog_count(), s = (long)m->sel + delta;

	m->sel = (size_t)(s < 0 ? 0 : s >= n ? n - 1 : s);
	fix_field(m);
}

enum ui_menu_result
ui_menu_key(struct ui_menu *m, int key)
{
	const struct demo_info	*d = catalog_get(m->sel);

	switch (key) {
	case KEY_UP:
		move_sel(m, -1);
		break;
	case KEY_DOWN:
		move_sel(m, 1);
		break;
	case KEY_PPAGE:
		move_sel(m, -(m->list_rows > 1 ? m->list_rows : 1));
		break;
	case KEY_NPAGE:
		move_sel(m, m->list_rows > 1 ? m->list_rows : 1);
		break;
	case KEY_HOME:
		move_sel(m, -(long)catalog_count());
		break;
	case KEY_END:
		move_sel(m, (long)catalog_count());
		break;
	case '\t':
	case KEY_BTAB:
		if (takes(d, !m->field))
			m->field = !m->field;
		m->fresh = 1;
		break;
	case KEY_LEFT:
	case KEY_RIGHT:
		if (takes(d, m->field))
			step(m, key == KEY_LEFT ? -1 : 1);
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (takes(d, m->field) && m->value[m->field][0] != '\0')
			m->value[m->field][strlen(m->value[m->field]) - 1] = '\0';
		m->fresh = 0;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		return MENU_LAUNCH;
	case 27:
		return MENU_CLOSE;
	default:
		if (key >= '0' && key <= '9') {
			if (takes(d, m->field))
				type_digit(m, key);
			break;
		}
		return MENU_PASS;
	}
	return MENU_NONE;
}

/* A click: select a demo (a second click launches it) or a field. */
enum ui_menu_result
ui_menu_click(struct ui_menu *m, int y, int x)
{
	size_t	i;
	int	f;

	if (y >= m->list_y && y < m->list_y + m->list_rows) {
		i = m->first + (size_t)(y - m->list_y);
		if (i >= catalog_count())
			return MENU_NONE;
		if (i == m->sel)
			return MENU_LAUNCH;
		m->sel = i;
		fix_field(m);
		return MENU_NONE;
	}
	for (f = 0; f < 2; f++) {
		if (y == m->field_y[f] && takes(catalog_get(m->sel), f)) {
			m->field = f;
			m->fresh = 1;
			(void)x;
			return MENU_NONE;
		}
	}
	if (y == m->launch_y)
		return MENU_LAUNCH;
	return MENU_NONE;
}

/* One field: "[ 4     ]" or the placeholder; returns the columns used. */
static int
draw_field(struct ui_menu *m, enum field f, int y, int x, int w)
{
	const struct demo_info	*d = catalog_get(m->sel);
	const char		*v = m->value[f];
	attr_t			 a;
	int			 n = 0;

	m->field_y[f] = y;
	m->field_x[f] = x;
	if (!takes(d, f))
		return ui_put(y, x, w, ui_attr(ROLE_DIM), "(set by the demo)");
	a = m->field == f ? ui_attr(ROLE_CURSOR) : ui_attr(ROLE_NORMAL);
	n += ui_put(y, x, w, ui_attr(ROLE_BORDER), "[");
	if (*v != '\0')
		n += ui_printf(y, x + n, w - n, a, " %-5s", v);
	else
		n += ui_printf(y, x + n, w - n, a | A_DIM, " %-5s",
		    f == FIELD_WORKERS ? "auto" : "none");
	n += ui_put(y, x + n, w - n, ui_attr(ROLE_BORDER), "]");
	return n;
}

/* The command line the menu amounts to. */
static void
draw_command(const struct ui_menu *m, int y, int x, int w)
{
	char	**argv = ui_menu_argv(m), cmd[256];
	size_t	  i, len = 0;

	len += (size_t)snprintf(cmd, sizeof cmd, "turbotop");
	for (i = 0; argv[i] != NULL; i++) {
		if (len < sizeof cmd)
			len += (size_t)snprintf(cmd + len, sizeof cmd - len,
			    " %s", argv[i]);
		free(argv[i]);
	}
	free(argv);
	ui_put(y, x, w, ui_attr(ROLE_TITLE), cmd);
}

/*
 * The demo's "what to watch for" text (its newlines are soft), word-wrapped
 * into rows rows of w columns from (y, x); the last row is clipped.
 */
static void
draw_watch(const char *text, int y, int x, int w, int rows)
{
	char	 buf[512], *p, *end, *brk;
	int	 row;

	snprintf(buf, sizeof buf, "%s", text);
	for (p = buf; *p != '\0'; p++) {
		if (*p == '\n')
			*p = ' ';
	}
	p = buf;
	for (row = 0; row < rows && *p != '\0'; row++) {
		while (*p == ' ')
			p++;
		end = p;
		brk = NULL;
		while (*end != '\0' && ui_text_cols(p, (size_t)(end - p)) < w) {
			if (*end == ' ')
				brk = end;
			end++;
		}
		if (*end != '\0' && brk != NULL && row < rows - 1)
			end = brk;
		else if (row == rows - 1)
			end = p + strlen(p);
		ui_putn(y + row, x, w, ui_attr(ROLE_NORMAL), p,
		    (size_t)(end - p));
		p = end;
	}
}

/*
 * The launch section: full (six rows and watch rows of what to watch for)
 * or compact (two rows).
 */
static void
draw_launch(struct ui_menu *m, int y, int x, int w, int full, int watch,
    int gap)
{
	const struct ui_glyphs	*g = ui_glyphs();
	const struct demo_info	*d = catalog_get(m->sel);
	int			 c;

	if (!full) {
		c = x + ui_put(y, x, w, ui_attr(ROLE_NORMAL), "Workers ");
		c += draw_field(m, FIELD_WORKERS, y, c, x + w - c);
		c += ui_put(y, c, x + w - c, ui_attr(ROLE_NORMAL), "  Seconds ");
		draw_field(m, FIELD_DURATION, y, c, x + w - c);
		draw_command(m, y + 1, x, w);
		m->launch_y = y + 1;
		return;
	}
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Demo");
	ui_put(y, x + 12, w - 12, ui_attr(ROLE_TITLE), d->name);
	y++;
	if (watch > 0 && d->watch != NULL) {
		ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Watch for");
		draw_watch(d->watch, y, x + 12, w - 12, watch);
		y += watch;
	}
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Workers");
	c = x + 12 + draw_field(m, FIELD_WORKERS, y, x + 12, w - 12);
	if (d->workers)
		ui_printf(y, c + 2, x + w - c - 2, ui_attr(ROLE_DIM),
		    "%s %s or digits; auto: the demo's default", g->left,
		    g->right);
	y++;
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Duration");
	c = x + 12 + draw_field(m, FIELD_DURATION, y, x + 12, w - 12);
	if (d->duration)
		ui_put(y, c + 2, x + w - c - 2, ui_attr(ROLE_DIM),
		    "seconds; none: runs until stopped (k)");
	y++;
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Command");
	draw_command(m, y, x + 12, w - 12);
	y += 1 + gap;
	ui_put(y, x, w, ui_attr(ROLE_KEY), "Enter launches it;  Tab: next "
	    "field;  Esc: back to the monitor");
	m->launch_y = y;
}

/* The menu, over the whole body. */
void
ui_menu_draw(struct ui_menu *m, const struct ui_rect *r)
{
	const struct ui_glyphs	*g = ui_glyphs();
	const struct demo_info	*d;
	struct ui_rect		 t;
	size_t			 i, n = catalog_count();
	int			 full = r->h >= 20, launch_h, y, x = r->x + 2;
	int			 watch, gap = 1;

	/*
	 * Up to three rows of what to watch for, if the whole list fits;
	 * without the launch box's blank rows if that makes room.
	 */
	watch = full ? r->h - 1 - 2 - (int)n - 8 : 0;
	if (full && watch < 3 && watch + 2 > 0) {
		gap = 0;
		watch += 2;
	}
	watch = watch < 0 ? 0 : watch > 3 ? 3 : watch;
	launch_h = full ? 6 + 2 * gap + watch : 3;
	ui_title(r, "Demos", r->w >= 60 ? "choose one, Enter launches it" :
	    NULL, 1);
	m->list_y = r->y + 1 + (full ? 1 : 0);
	m->list_rows = r->h - 1 - launch_h - (full ? 2 : 0);
	if (m->list_rows > (int)n)
		m->list_rows = (int)n;
	if (m->list_rows < 1)
		m->list_rows = 1;
	if (m->sel < m->first)
		m->first = m->sel;
	if (m->sel >= m->first + (size_t)m->list_rows)
		m->first = m->sel - (size_t)m->list_rows + 1;
	for (i = m->first; i < n && i < m->first + (size_t)m->list_rows; i++) {
		d = catalog_get(i);
		y = m->list_y + (int)(i - m->first);
		if (i == m->sel) {
			ui_repeat(y, r->x, r->w, ui_attr(ROLE_CURSOR), " ");
			ui_printf(y, x, r->w - 2, ui_attr(ROLE_CURSOR),
			    "%s %-9s %s", g->right, d->name, d->summary);
		} else {
			ui_put(y, x + 2, 9, ui_attr(ROLE_TITLE), d->name);
			ui_put(y, x + 12, r->w - 14, ui_attr(ROLE_NORMAL),
			    d->summary);
		}
	}
	t.y = m->list_y + m->list_rows + (full ? 1 : 0);
	t.x = r->x;
	t.h = launch_h;
	t.w = r->w;
	if (t.y <= m->list_y)
		return;
	ui_title(&t, "Launch", NULL, 0);
	draw_launch(m, t.y + 1 + (full ? gap : 0), x, r->w - 4, full, watch,
	    gap);
}
