/*
 * ui-menu.c: the demo menu. Every demo of the catalog with its one-line
 * summary; the presenter picks one (Up/Down or a click), sets its options
 * (each demo's own, as its --describe lists them: workers, duration,
 * --no-lock, --cpu, --pingpong...; Tab between them, Left/Right, Space or
 * digits), and Enter launches it. The command line it amounts to is shown,
 * so the class can type it later.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "catalog.h"
#include "ui-draw.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

#define VAL_MAX		24	/* a field's text, "" for the demo's default */

struct ui_menu {
	size_t		 sel;
	size_t		 first;		/* first demo shown in the list */
	size_t		 field;		/* the option in focus */
	size_t		 ffirst;	/* first option shown */
	char		**vals;		/* per demo: nopts fields of VAL_MAX */
	int		 fresh;		/* the next digit replaces the value */

	/* Where the last draw put things, for mouse clicks. */
	int		 list_y, list_rows;
	int		 field_y, field_rows;
	int		 launch_y;
};

struct ui_menu *
ui_menu_create(void)
{
	struct ui_menu	*m = xcalloc(1, sizeof *m);

	m->vals = xcalloc(catalog_count(), sizeof *m->vals);
	m->launch_y = m->field_y = -1;
	return m;
}

void
ui_menu_free(struct ui_menu *m)
{
	size_t	i;

	for (i = 0; i < catalog_count(); i++)
		free(m->vals[i]);
	free(m->vals);
	free(m);
}

/* The text of option I of the selected demo ("": its default). */
static char *
value(const struct ui_menu *m, size_t i)
{
	const struct demo_info	*d = catalog_get(m->sel);

	if (m->vals[m->sel] == NULL)
		m->vals[m->sel] = xcalloc(d->nopts > 0 ? d->nopts : 1, VAL_MAX);
	return m->vals[m->sel] + i * VAL_MAX;
}

/* A new demo selected: the focus on its first option. */
static void
fix_field(struct ui_menu *m)
{
	m->field = 0;
	m->ffirst = 0;
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

/* The demo's argv as the menu sets it: name, then each option set. */
char **
ui_menu_argv(const struct ui_menu *m)
{
	const struct demo_info	*d = catalog_get(m->sel);
	const struct demo_option *o;
	char			**argv = xcalloc(2 * d->nopts + 2, sizeof *argv);
	const char		 *v;
	size_t			  i;
	int			  n = 0;

	argv[n++] = xstrdup(d->name);
	for (i = 0; i < d->nopts; i++) {
		o = &d->opts[i];
		v = value(m, i);
		if (*v == '\0')
			continue;
		if (strcmp(o->name, "workers") == 0)
			argv[n++] = xstrdup("-w");
		else if (strcmp(o->name, "duration") == 0)
			argv[n++] = xstrdup("-t");
		else
			xasprintf(&argv[n++], "--%s", o->name);
		if (o->type != DEMO_OPTION_FLAG)
			argv[n++] = xstrdup(v);
	}
	argv[n] = NULL;
	return argv;
}

/* The next round number up (DIR > 0) or down from V: 1, 2, 5, 10, 20... */
static double
round_step(double v, int dir)
{
	double	d, r;

	if (v <= 0)
		return dir > 0 ? 1 : 0;
	d = pow(10, floor(log10(v) + 1e-9));
	r = v / d;
	if (dir > 0)
		return d * (r < 1.999 ? 2 : r < 4.999 ? 5 : 10);
	return d * (r > 5.001 ? 5 : r > 2.001 ? 2 : r > 1.001 ? 1 : 0.5);
}

/* The words of a choice option ("a|b|c"), or 0 if it is free text. */
static int
is_choice(const struct demo_option *o)
{
	return o->type == DEMO_OPTION_STRING && strchr(o->arg, '|') != NULL;
}

/* Left/Right (or Space) on a field: toggle, next word, or one step. */
static void
step(struct ui_menu *m, int dir)
{
	const struct demo_option *o = &catalog_get(m->sel)->opts[m->field];
	char			 *v = value(m, m->field);
	const char		 *p, *q;
	double			  n, def;
	size_t			  len;

	m->fresh = 0;
	if (o->type == DEMO_OPTION_FLAG) {
		snprintf(v, VAL_MAX, "%s", *v == '\0' ? "on" : "");
		return;
	}
	if (is_choice(o)) {	/* "" (default), then each word, then "" */
		p = o->arg;
		if (*v != '\0' && (q = strstr(o->arg, v)) != NULL) {
			p = q + strlen(v);
			p += *p == '|';
		}
		if (*v != '\0' && *p == '\0') {
			*v = '\0';
			return;
		}
		len = strcspn(p, "|");
		snprintf(v, VAL_MAX, "%.*s", (int)len, p);
		return;
	}
	if (o->type == DEMO_OPTION_STRING)
		return;
	def = strtod(o->def, NULL);
	if (def < o->min || def > o->max)
		def = o->min > 1 ? o->min : 1;
	n = *v != '\0' ? strtod(v, NULL) : def;
	if (strcmp(o->name, "workers") == 0 || o->max - o->min <= 300)
		n += dir * (strcmp(o->name, "duration") == 0 && n >= 10 ? 5 : 1);
	else
		n = round_step(n, dir);
	if (n < o->min || (n <= 0 && o->min <= 0 && dir < 0 && *v == '\0'))
		*v = '\0';
	else if (o->type == DEMO_OPTION_LONG)
		snprintf(v, VAL_MAX, "%ld", (long)(n > o->max ? o->max : n));
	else
		snprintf(v, VAL_MAX, "%g", n > o->max ? o->max : n);
}

/* A digit (or '.' in a number that takes one) typed into the field. */
static void
type_key(struct ui_menu *m, int key)
{
	const struct demo_option *o = &catalog_get(m->sel)->opts[m->field];
	char			 *v = value(m, m->field);
	size_t			  len;

	if (o->type == DEMO_OPTION_FLAG || is_choice(o))
		return;
	if (o->type == DEMO_OPTION_LONG && key == '.')
		return;
	if (m->fresh)
		v[0] = '\0';
	m->fresh = 0;
	len = strlen(v);
	if (len >= 15 || (len == 0 && key == '0' && o->type == DEMO_OPTION_LONG &&
	    o->min >= 1))
		return;
	v[len] = (char)key;
	v[len + 1] = '\0';
	if (o->type != DEMO_OPTION_STRING && strtod(v, NULL) > o->max)
		snprintf(v, VAL_MAX, o->type == DEMO_OPTION_LONG ? "%.0f" : "%g",
		    o->max);
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
	char			*v;

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
		if (d->nopts > 0)
			m->field = (m->field + (key == '\t' ? 1 : d->nopts - 1)) %
			    d->nopts;
		m->fresh = 1;
		break;
	case KEY_LEFT:
	case KEY_RIGHT:
	case ' ':
		if (d->nopts > 0)
			step(m, key == KEY_LEFT ? -1 : 1);
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (d->nopts > 0 && *(v = value(m, m->field)) != '\0')
			v[strlen(v) - 1] = '\0';
		m->fresh = 0;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		return MENU_LAUNCH;
	case 27:
		return MENU_CLOSE;
	default:
		if ((key >= '0' && key <= '9') || key == '.') {
			if (d->nopts > 0)
				type_key(m, key);
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

	(void)x;
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
	if (m->field_y >= 0 && y >= m->field_y && y < m->field_y + m->field_rows) {
		i = m->ffirst + (size_t)(y - m->field_y);
		if (i < catalog_get(m->sel)->nopts) {
			if (i == m->field)
				step(m, 1);
			m->field = i;
			m->fresh = 1;
		}
		return MENU_NONE;
	}
	if (y == m->launch_y)
		return MENU_LAUNCH;
	return MENU_NONE;
}

/* The field's label: "Workers", "Duration" or "--name". */
static void
field_label(const struct demo_option *o, char *buf, size_t len)
{
	if (strcmp(o->name, "workers") == 0)
		snprintf(buf, len, "Workers");
	else if (strcmp(o->name, "duration") == 0)
		snprintf(buf, len, "Duration");
	else
		snprintf(buf, len, "--%s", o->name);
}

/* What an empty field means: the demo's default, or "auto" if it chooses. */
static const char *
placeholder(const struct demo_option *o)
{
	double	def = strtod(o->def, NULL);

	if (o->type == DEMO_OPTION_STRING)
		return *o->def != '\0' ? o->def : "none";
	if (strcmp(o->name, "duration") == 0 && def == 0)
		return "none";
	if (def < o->min || def > o->max)
		return "auto";
	return o->def;
}

/* Option I as one row: label, "[ value ]" or "[x]", its help. */
static void
draw_field(struct ui_menu *m, size_t i, int y, int x, int w)
{
	const struct ui_glyphs	 *g = ui_glyphs();
	const struct demo_option *o = &catalog_get(m->sel)->opts[i];
	const char		 *v = value(m, i);
	char			  label[32];
	attr_t			  a;
	int			  c = x + 12;

	field_label(o, label, sizeof label);
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), label);
	a = m->field == i ? ui_attr(ROLE_CURSOR) : ui_attr(ROLE_NORMAL);
	c += ui_put(y, c, x + w - c, ui_attr(ROLE_BORDER), "[");
	if (o->type == DEMO_OPTION_FLAG)
		c += ui_printf(y, c, x + w - c, *v != '\0' ? a : a | A_DIM,
		    " %-6s", *v != '\0' ? "on" : "off");
	else if (*v != '\0')
		c += ui_printf(y, c, x + w - c, a, " %-6s", v);
	else
		c += ui_printf(y, c, x + w - c, a | A_DIM, " %-6s", placeholder(o));
	c += ui_put(y, c, x + w - c, ui_attr(ROLE_BORDER), "]");
	/* Help too long for the row ends on a word and "…". */
	if (strcmp(o->name, "workers") == 0)
		ui_printf(y, c + 2, x + w - c - 2, ui_attr(ROLE_DIM),
		    "%s %s or digits; empty: the demo's default", g->left, g->right);
	else if (strcmp(o->name, "duration") == 0)
		ui_put_fit(y, c + 2, x + w - c - 2, ui_attr(ROLE_DIM),
		    "seconds; none: runs until stopped (k)");
	else
		ui_put_fit(y, c + 2, x + w - c - 2, ui_attr(ROLE_DIM), o->help);
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
 * The launch section: full (the demo, what to watch for, a row per option
 * in a window of FIELDS rows, the command, the keys) or compact (the option
 * in focus and the command).
 */
static void
draw_launch(struct ui_menu *m, int y, int x, int w, int full, int watch,
    int fields, int gap)
{
	const struct demo_info	*d = catalog_get(m->sel);
	size_t			 i;

	if (m->field < m->ffirst)
		m->ffirst = m->field;
	if (fields > 0 && m->field >= m->ffirst + (size_t)fields)
		m->ffirst = m->field - (size_t)fields + 1;
	if (!full) {
		m->field_y = y;
		m->field_rows = 1;
		m->ffirst = m->field;
		if (d->nopts > 0)
			draw_field(m, m->field, y, x, w);
		else
			ui_put(y, x, w, ui_attr(ROLE_DIM), "(no options)");
		draw_command(m, y + 1, x, w);
		m->launch_y = y + 1;
		return;
	}
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Demo");
	ui_put(y, x + 12, w - 12, ui_attr(ROLE_TITLE), d->name);
	y++;
	if (watch > 0 && d->watch != NULL) {
		ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Watch for");
		ui_put_wrapped(y, x + 12, w - 12, watch, ui_attr(ROLE_NORMAL),
		    d->watch);
		y += watch;
	}
	m->field_y = y;
	m->field_rows = fields;
	if (d->nopts == 0)
		ui_put(y, x + 12, w - 12, ui_attr(ROLE_DIM), "(no options)");
	for (i = m->ffirst; i < d->nopts && i < m->ffirst + (size_t)fields; i++)
		draw_field(m, i, y + (int)(i - m->ffirst), x, w);
	if (d->nopts > m->ffirst + (size_t)fields)
		ui_printf(y + fields - 1, x + w - 10, 10, ui_attr(ROLE_DIM),
		    " +%zu more", d->nopts - m->ffirst - (size_t)fields);
	y += fields;
	ui_put(y, x, 12, ui_attr(ROLE_NORMAL), "Command");
	draw_command(m, y, x + 12, w - 12);
	y += 1 + gap;
	ui_printf(y, x, w, ui_attr(ROLE_KEY), "Enter launches it;  Tab: next "
	    "option;  %s %s Space: change it;  Esc: back", ui_glyphs()->left,
	    ui_glyphs()->right);
	m->launch_y = y;
}

/* The most options any demo has: the launch box keeps that many rows. */
static int
max_options(void)
{
	size_t	i, n = 0;

	for (i = 0; i < catalog_count(); i++) {
		if (catalog_get(i)->nopts > n)
			n = catalog_get(i)->nopts;
	}
	return (int)n;
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
	int			 watch = 3, gap = 1, fields = max_options();
	int			 list = (int)n, stage, nw;
	char			 right[64];

	if (fields < 1)
		fields = 1;
	/*
	 * Everything if it fits; else, in this order: no blank rows, two rows
	 * of what to watch for, six demos in view (the list scrolls), two
	 * options in view (they scroll), one row to watch, fewer demos.
	 */
	for (stage = 0; full; stage++) {
		launch_h = 5 + 2 * gap + watch + fields;
		if (1 + 2 + list + launch_h <= r->h)
			break;
		if (stage == 0)
			gap = 0;
		else if (stage == 1)
			watch = 2;
		else if (stage == 2 && list > 6)
			list = 6 > (int)n ? (int)n : 6;
		else if (stage == 3 && fields > 2)
			fields = 2;
		else if (stage == 4)
			watch = 1;
		else if (stage >= 5) {
			list = r->h - 3 - launch_h;
			break;
		}
	}
	launch_h = full ? 5 + 2 * gap + watch + fields : 3;
	m->list_y = r->y + 1 + (full ? 1 : 0);
	m->list_rows = r->h - 1 - launch_h - (full ? 2 : 0);
	if (m->list_rows > (int)n)
		m->list_rows = (int)n;
	if (m->list_rows < 1)
		m->list_rows = 1;
	/* The names' column: as wide as the longest ("mpicompute"). */
	for (i = 0, nw = 9; i < n; i++) {
		if ((int)strlen(catalog_get(i)->name) > nw)
			nw = (int)strlen(catalog_get(i)->name);
	}
	if (m->sel < m->first)
		m->first = m->sel;
	if (m->sel >= m->first + (size_t)m->list_rows)
		m->first = m->sel - (size_t)m->list_rows + 1;
	/* A list cut short says so: the demos below are not lost from view. */
	if ((size_t)m->list_rows < n)
		snprintf(right, sizeof right, "%zu-%zu of %zu, Enter launches one",
		    m->first + 1, m->first + (size_t)m->list_rows, n);
	else
		snprintf(right, sizeof right, "choose one, Enter launches it");
	ui_title(r, "Demos", r->w >= 60 ? right : NULL, 1);
	for (i = m->first; i < n && i < m->first + (size_t)m->list_rows; i++) {
		d = catalog_get(i);
		y = m->list_y + (int)(i - m->first);
		/* A summary too long for the row ends on a word and "…". */
		if (i == m->sel) {
			ui_repeat(y, r->x, r->w, ui_attr(ROLE_CURSOR), " ");
			ui_printf(y, x, r->w - 2, ui_attr(ROLE_CURSOR),
			    "%s %-*s", g->right, nw, d->name);
			ui_put_fit(y, x + 3 + nw, r->w - 5 - nw,
			    ui_attr(ROLE_CURSOR), d->summary);
		} else {
			ui_put(y, x + 2, nw, ui_attr(ROLE_TITLE), d->name);
			ui_put_fit(y, x + 3 + nw, r->w - 5 - nw,
			    ui_attr(ROLE_NORMAL), d->summary);
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
	    fields, gap);
}
