/*
 * ui-meters.c: the core meters, one bar per core as in top's "1" view:
 * user, system, nice and iowait in their colours (different characters in
 * monochrome), the busy percentage after the bar, and a colour legend in
 * the title. With two rows per core, the second row spells the split out in
 * numbers. (Load average and task counts are in the status bar.) With too
 * many cores for bars (64 on a small screen), each core is one cell whose
 * height and colour give its busy %, a row of cells per line; cores that
 * still do not fit are counted in the title.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "source.h"
#include "ui-draw.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"

#define LABEL_COLS	6	/* "cpu12 ", at least: "cpu103 " is wider */
#define PCT_COLS	7	/* " 100.0%" */

/* The bar of one core, w columns between its brackets. */
static void
meter_bar(int y, int x, int w, const struct cpu_sample *c)
{
	const struct ui_glyphs	*g = ui_glyphs();
	static const char	 mono[] = "|#*@";
	const enum ui_role	 roles[] = { ROLE_USER, ROLE_SYSTEM, ROLE_NICE,
				    ROLE_IOWAIT };
	double			 part[4], acc = 0;
	int			 i, from = 0, to, eighths, colour;
	char			 ch[2] = { 0, 0 };

	colour = ui_theme_colour();
	part[0] = c->user;
	part[1] = c->system + c->irq + c->softirq + c->steal;
	part[2] = c->nice;
	part[3] = c->iowait;
	for (i = 0; i < 4; i++) {
		acc += part[i] < 0 ? 0 : part[i];
		if (acc > 100)
			acc = 100;
		eighths = (int)lround(acc * w * 8 / 100.0);
		to = eighths / 8;
		if (to > from) {
			if (colour && g->utf8)
				ui_repeat(y, x + from, to - from,
				    ui_attr(roles[i]), g->full);
			else {
				ch[0] = colour ? '|' : mono[i];
				ui_repeat(y, x + from, to - from,
				    ui_attr(roles[i]), ch);
			}
			from = to;
		}
		/* A partial cell closes the last non-empty part. */
		if (i == 3 || acc >= 100) {
			if (colour && g->utf8 && eighths % 8 != 0 && from < w)
				ui_put(y, x + from, 1, ui_attr(roles[i]),
				    g->hblock[eighths % 8]);
			break;
		}
	}
}

/* One core's row(s) at (y, x), w columns wide, its label lw. */
static void
meter_row(int y, int x, int w, int lw, int rows, const struct cpu_sample *c)
{
	const struct ui_glyphs	*g = ui_glyphs();
	int			 bw = w - lw - PCT_COLS - 2;

	ui_printf(y, x, lw, ui_attr(ROLE_TITLE), "cpu%d", c->id);
	if (!c->online) {
		ui_put(y, x + lw, w - lw, ui_attr(ROLE_DIM), "offline");
		return;
	}
	if (bw >= 4) {
		ui_put(y, x + lw, 1, ui_attr(ROLE_BORDER), g->bar_left);
		meter_bar(y, x + lw + 1, bw, c);
		ui_put(y, x + lw + 1 + bw, 1, ui_attr(ROLE_BORDER),
		    g->bar_right);
	} else
		bw = -2;
	ui_printf(y, x + lw + bw + 2, PCT_COLS, ui_attr(ROLE_NORMAL),
	    "%6.1f%%", c->busy);
	if (rows >= 2)
		ui_printf(y + 1, x + lw, w - lw, ui_attr(ROLE_DIM),
		    "usr %4.1f  sys %4.1f  nic %4.1f  iow %4.1f", c->user,
		    c->system, c->nice, c->iowait);
}

/* The colour legend at the right of the title row. */
static void
meter_legend(const struct ui_rect *r)
{
	const struct ui_glyphs	*g = ui_glyphs();
	static const char	*names[] = { "usr", "sys", "nice", "iow" };
	static const char	 mono[] = "|#*@";
	const enum ui_role	 roles[] = { ROLE_USER, ROLE_SYSTEM, ROLE_NICE,
				    ROLE_IOWAIT };
	char			 ch[2] = { 0, 0 };
	int			 i, x, need = 0;

	for (i = 0; i < 4; i++)
		need += 2 + (int)strlen(names[i]);
	x = r->x + r->w - need - 1;
	if (x < r->x + 9)
		return;
	for (i = 0; i < 4; i++) {
		if (ui_theme_colour())
			x += ui_put(r->y, x, 1, ui_attr(roles[i]), g->bullet);
		else {
			ch[0] = mono[i];
			x += ui_put(r->y, x, 1, ui_attr(roles[i]), ch);
		}
		x += ui_put(r->y, x, r->x + r->w - x, ui_attr(ROLE_NORMAL),
		    names[i]);
		x += ui_put(r->y, x, 1, ui_attr(ROLE_NORMAL), " ");
	}
}

/*
 * One cell per core, cw columns each, per cells a row, each row labelled
 * with its first core: a block as high as the core is busy, in the graph's
 * colours. Returns how many cores did not fit.
 */
static int
meter_cells(const struct ui_rect *r, const struct source *s, int per,
    int cw)
{
	const struct ui_glyphs	*g = ui_glyphs();
	const struct cpu_sample	*c;
	int			 n = source_ncpus(s), i, y, x, eighths;

	if (per < 1)
		per = 1;
	for (i = 0; i < n; i++) {
		y = r->y + 1 + i / per;
		if (y >= r->y + r->h)
			return n - i;
		x = r->x + UI_CELL_LABEL + (i % per) * cw;
		if ((c = source_cpu(s, i)) == NULL)
			continue;
		if (i % per == 0)
			ui_printf(y, r->x, UI_CELL_LABEL, ui_attr(ROLE_TITLE),
			    "cpu%d", c->id);
		if (!c->online) {
			ui_put(y, x, 1, ui_attr(ROLE_DIM), "x");
			continue;
		}
		eighths = (int)lround(c->busy * 8 / 100.0);
		eighths = eighths < 1 ? 1 : eighths > 8 ? 8 : eighths;
		ui_put(y, x, 1, ui_attr(ui_level_role(c->busy)), c->busy < 1 ?
		    g->idle : g->block[eighths]);
	}
	return 0;
}

/* One cell of busy % at (y, x): a block as high as busy, in its colour. */
static void
heat_cell(int y, int x, double busy, int online)
{
	const struct ui_glyphs	*g = ui_glyphs();
	int			 eighths;

	if (!online) {
		ui_put(y, x, 1, ui_attr(ROLE_DIM), "x");
		return;
	}
	eighths = (int)lround(busy * 8 / 100.0);
	eighths = eighths < 1 ? 1 : eighths > 8 ? 8 : eighths;
	ui_put(y, x, 1, ui_attr(ui_level_role(busy)), busy < 1 ? g->idle :
	    g->block[eighths]);
}

/* Host h's name in at most w columns: a longer one ends in '~'. */
static const char *
host_name(const struct source *s, int h, int w, char *buf, size_t len)
{
	const char	*name = source_host_name(s, h);
	size_t		 n = strlen(name);

	if (w < 2 || n <= (size_t)w)
		return name;
	if ((size_t)w >= len)
		w = (int)len - 1;
	memcpy(buf, name, (size_t)w - 1);
	buf[w - 1] = '~';
	buf[w] = '\0';
	return buf;
}

/*
 * Host h's state at (y, x) in w columns when it is not up (cluster mode's
 * host records: stale, down with the rsh's words, lost); its columns.
 */
static int
host_state(int y, int x, int w, const struct source *s, int h)
{
	const char	*state, *reason;

	if (w < 2 || (state = source_host_state(s, h, &reason)) == NULL ||
	    strcmp(state, "up") == 0)
		return 0;
	ui_printf(y, x, w, ui_attr(ROLE_BADGE_WARN), "%s%s%s", state,
	    reason != NULL && *reason != '\0' ? ": " : "",
	    reason != NULL ? reason : "");
	return w;
}

/* Host h's header at y: its name, cores and mean busy, its state. */
static void
host_header(int y, int x, int w, const struct source *s, int h)
{
	const struct cpu_sample	*t = source_host_total(s, h);
	char			 buf[UI_HOST_LABEL + 1];
	int			 more = w > UI_HOST_LABEL + 8, at;

	ui_printf(y, x, w, ui_attr(ROLE_TITLE) | A_BOLD, "%s", more ?
	    host_name(s, h, UI_HOST_LABEL - 1, buf, sizeof buf) :
	    source_host_name(s, h));
	if (!more)
		return;
	at = x + UI_HOST_LABEL;
	if (source_host_ncpus(s, h) > 0) {
		ui_printf(y, at, w - UI_HOST_LABEL, ui_attr(ROLE_DIM),
		    "%d cores  %5.1f%% busy", source_host_ncpus(s, h),
		    t->busy);
		at += 24;
	}
	host_state(y, at, x + w - at, s, h);
}

/*
 * Host h as one heat strip at y: its name, its cores in sw cells (several
 * cores a cell, their mean, when they are more than the cells) and its
 * mean busy.
 */
static void
host_strip(int y, int x, int w, const struct source *s, int h)
{
	const struct cpu_sample	*c;
	int			 n = source_host_ncpus(s, h);
	int			 first = source_host_first(s, h);
	int			 sw = w - UI_HOST_LABEL - 8, i, k, a, b, on;
	double			 sum;
	char			 buf[UI_HOST_LABEL + 1];

	ui_printf(y, x, UI_HOST_LABEL - 1, ui_attr(ROLE_TITLE), "%s",
	    host_name(s, h, UI_HOST_LABEL - 1, buf, sizeof buf));
	if (sw < 1 || n < 1) {
		host_state(y, x + UI_HOST_LABEL, w - UI_HOST_LABEL, s, h);
		return;
	}
	if (sw > n)
		sw = n;
	for (i = 0; i < sw; i++) {
		a = (int)((long)i * n / sw);
		b = (int)((long)(i + 1) * n / sw);
		sum = 0;
		on = 0;
		for (k = a; k < b; k++) {
			if ((c = source_cpu(s, first + k)) != NULL &&
			    c->online) {
				sum += c->busy;
				on++;
			}
		}
		heat_cell(y, x + UI_HOST_LABEL + i, on > 0 ? sum / on : 0,
		    on > 0);
	}
	if (host_state(y, x + UI_HOST_LABEL + sw + 1, w - UI_HOST_LABEL - sw -
	    1, s, h) == 0)
		ui_printf(y, x + UI_HOST_LABEL + sw + 1, 7,
		    ui_attr(ROLE_NORMAL), "%5.1f%%",
		    source_host_total(s, h)->busy);
}

/*
 * Several hosts: each host's header and its cores in cells when they all
 * fit, else a heat strip per host; the title counts the cores of the hosts
 * that still do not fit.
 */
static void
meters_hosts(const struct ui_rect *r, const struct source *s, int selected)
{
	struct ui_rect	t = *r;
	int		nh = source_nhosts(s), per = r->w - UI_HOST_LABEL - 8;
	int		h, need = 0, y = r->y + 1, n, i, hidden = 0;
	int		rows, cols, cw;
	const struct cpu_sample	*c;

	if (per < 1)
		per = 1;
	for (h = 0; h < nh; h++)
		need += 1 + (source_host_ncpus(s, h) + per - 1) / per;
	t.h = 1;
	if (need <= r->h - 1) {
		for (h = 0; h < nh; h++) {
			host_header(y++, r->x, r->w, s, h);
			n = source_host_ncpus(s, h);
			for (i = 0; i < n; i++) {
				if (i % per == 0 && i > 0)
					y++;
				c = source_cpu(s, source_host_first(s, h) + i);
				if (c != NULL)
					heat_cell(y, r->x + UI_HOST_LABEL +
					    i % per, c->busy, c->online);
			}
			if (n > 0)
				y++;
		}
		ui_title(&t, "Cores", "hosts: a cell per core", selected);
		return;
	}
	/* A strip per host, in as many columns as it takes and fit. */
	rows = r->h - 1;
	cols = (nh + rows - 1) / rows;
	if (cols > r->w / UI_HOST_COL_MIN)
		cols = r->w / UI_HOST_COL_MIN;
	if (cols < 1)
		cols = 1;
	cw = r->w / cols;
	for (h = 0; h < nh; h++) {
		if (h >= rows * cols) {
			hidden += source_host_ncpus(s, h);
			continue;
		}
		host_strip(r->y + 1 + h % rows, r->x + (h / rows) * cw,
		    cw - (cols > 1 ? 1 : 0), s, h);
	}
	ui_title_hidden(&t, "Cores", "a strip per host", hidden, selected);
}

/*
 * The cores pane: rect's first row is the title; rows per core, cols
 * columns of meters (for machines with many cores), or with cells > 0 one
 * cell of that width per core, cols cells a row.
 */
void
ui_meters_draw(const struct ui_rect *r, const struct source *s, int rows,
    int cols, int cells, int selected)
{
	const struct cpu_sample	*c;
	struct ui_rect		 t = *r;
	int			 n = source_ncpus(s), i, per, cw, y, x, hidden, lw;

	if (source_nhosts(s) > 1) {
		meters_hosts(r, s, selected);
		return;
	}
	if (cols < 1)
		cols = 1;
	if (cells > 0) {
		t.h = 1;
		hidden = meter_cells(r, s, cols, cells);
		ui_title_hidden(&t, "Cores", "one cell per core: height = busy",
		    hidden, selected);
		return;
	}
	per = (n + cols - 1) / cols;
	if (rows < 1)
		rows = 1;
	hidden = per > (r->h - 1) / rows ? n - cols * ((r->h - 1) / rows) : 0;
	ui_title_hidden(r, "Cores", NULL, hidden, selected);
	if (hidden <= 0)
		meter_legend(r);
	cw = r->w / cols;
	/* One label width for all: the widest id's "cpuN " (cpu103 on 128). */
	lw = LABEL_COLS;
	for (i = 0; i < n; i++) {
		if ((c = source_cpu(s, i)) != NULL &&
		    snprintf(NULL, 0, "cpu%d ", c->id) > lw)
			lw = snprintf(NULL, 0, "cpu%d ", c->id);
	}
	for (i = 0; i < n; i++) {
		if ((c = source_cpu(s, i)) == NULL)
			continue;
		y = r->y + 1 + (i % per) * rows;
		x = r->x + (i / per) * cw;
		if (y + rows > r->y + r->h)
			continue;
		meter_row(y, x, cw - (cols > 1 ? 1 : 0), lw, rows, c);
	}
}
