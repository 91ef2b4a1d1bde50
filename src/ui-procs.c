/*
 * ui-procs.c: the process table, like top's: PID PPID S %CPU CORE RSS TIME+
 * COMMAND. By default it lists the demo's processes (the busiest ones when
 * no demo runs); "a" shows them all. Any column sorts it ("s", "S", or a
 * click on the header). A demo's processes carry their worker's colour and
 * label, the same as in the timeline and the output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "sample.h"
#include "ui-draw.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

enum column {
	COL_PID, COL_PPID, COL_S, COL_CPU, COL_CORE, COL_RSS, COL_TIME,
	COL_COMMAND, COL_COUNT
};

static const struct {
	const char	*name;
	int		 width;		/* 0: the rest */
	int		 right;		/* right-aligned */
	int		 descending;	/* the natural order */
} columns[COL_COUNT] = {
	{ "PID", 7, 1, 0 },
	{ "PPID", 7, 1, 0 },
	{ "S", 1, 0, 0 },
	{ "%CPU", 5, 1, 1 },
	{ "CORE", 5, 1, 0 },
	{ "RSS", 6, 1, 1 },
	{ "TIME+", 9, 1, 1 },
	{ "COMMAND", 0, 0, 0 },
};

struct ui_procs {
	enum column		  sort;
	int			  reverse;
	int			  offset;	/* first row shown */
	enum ui_procs_scope	  scope;
	const struct proc_sample **rows;
	size_t			  nalloc;
	int			  header_y, header_x[COL_COUNT + 1];
};

struct ui_procs *
ui_procs_create(void)
{
	struct ui_procs	*p = xcalloc(1, sizeof *p);

	p->sort = COL_CPU;
	p->header_y = -1;
	return p;
}

void
ui_procs_free(struct ui_procs *p)
{
	if (p == NULL)
		return;
	free(p->rows);
	free(p);
}

static enum column	sort_column;
static int		sort_sign;

static int
cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

/* qsort callback: the sort column, then PID, in the chosen direction. */
static int
proc_cmp(const void *va, const void *vb)
{
	const struct proc_sample	*a = *(const struct proc_sample * const *)va;
	const struct proc_sample	*b = *(const struct proc_sample * const *)vb;
	int				 r = 0;

	switch (sort_column) {
	case COL_PID:
		break;
	case COL_PPID:
		r = cmp_num(a->ppid, b->ppid);
		break;
	case COL_S:
		r = cmp_num(a->state, b->state);
		break;
	case COL_CPU:
		r = cmp_num(a->cpu, b->cpu);
		break;
	case COL_CORE:
		r = cmp_num(a->core, b->core);
		break;
	case COL_RSS:
		r = cmp_num((double)a->rss_kb, (double)b->rss_kb);
		break;
	case COL_TIME:
		r = cmp_num(a->time, b->time);
		break;
	case COL_COMMAND:
		r = strcmp(a->cmd, b->cmd);
		break;
	case COL_COUNT:
		break;
	}
	if (r == 0)
		r = cmp_num(a->pid, b->pid);
	return r * sort_sign;
}

void
ui_procs_sort_next(struct ui_procs *p)
{
	p->sort = (p->sort + 1) % COL_COUNT;
	p->reverse = 0;
}

/* Sort by the column of that header name ("%CPU", "RSS", ...), top's P M T. */
void
ui_procs_sort_by(struct ui_procs *p, const char *name)
{
	int	c;

	for (c = 0; c < COL_COUNT; c++) {
		if (strcmp(columns[c].name, name) == 0) {
			p->sort = c;
			p->reverse = 0;
		}
	}
}

void
ui_procs_sort_reverse(struct ui_procs *p)
{
	p->reverse = !p->reverse;
}

void
ui_procs_scroll(struct ui_procs *p, int n)
{
	p->offset += n;
	if (p->offset < 0)
		p->offset = 0;
}

void
ui_procs_toggle_all(struct ui_procs *p)
{
	p->scope = p->scope == PROCS_ALL ? PROCS_DEMO : PROCS_ALL;
	p->offset = 0;
}

enum ui_procs_scope
ui_procs_scope(const struct ui_procs *p)
{
	return p->scope;
}

/* A click at (y, x): on the header, sort by that column; 1 if used. */
int
ui_procs_click(struct ui_procs *p, int y, int x)
{
	int	c;

	if (y != p->header_y)
		return 0;
	for (c = 0; c < COL_COUNT; c++) {
		if (x >= p->header_x[c] && x < p->header_x[c + 1]) {
			if (p->sort == (enum column)c)
				p->reverse = !p->reverse;
			else {
				p->sort = c;
				p->reverse = 0;
			}
			return 1;
		}
	}
	return 0;
}

/* TIME+ as top shows it: minutes:seconds.hundredths. */
static void
format_time(double t, char *buf, size_t len)
{
	unsigned long	cs = t > 0 ? (unsigned long)(t * 100) : 0;

	snprintf(buf, len, "%lu:%02lu.%02lu", cs / 6000, cs / 100 % 60, cs % 100);
}

static void
draw_header(struct ui_procs *p, int y, int x, int w)
{
	const struct ui_glyphs	*g = ui_glyphs();
	char			 buf[32];
	int			 c, cw, end = x + w;
	enum ui_role		 role;

	p->header_y = y;
	ui_repeat(y, x, w, ui_attr(ROLE_HEADER), " ");
	for (c = 0; c < COL_COUNT; c++) {
		cw = columns[c].width > 0 ? columns[c].width : end - x;
		p->header_x[c] = x;
		role = p->sort == (enum column)c ? ROLE_HEADER_SORT : ROLE_HEADER;
		if (p->sort == (enum column)c)
			snprintf(buf, sizeof buf, "%s%s", columns[c].name,
			    (columns[c].descending != p->reverse) ? g->down : g->up);
		else
			snprintf(buf, sizeof buf, "%s", columns[c].name);
		if (columns[c].right)
			ui_printf(y, x, cw, ui_attr(role), "%*s", cw +
			    (int)strlen(buf) - ui_text_cols(buf, strlen(buf)), buf);
		else	/* a one-letter column lends its gap to the arrow */
			ui_printf(y, x, cw + (cw == 1), ui_attr(role), "%-*s", cw,
			    buf);
		x += cw + 1;
		if (x >= end)
			break;
	}
	p->header_x[c < COL_COUNT ? c + 1 : COL_COUNT] = end;
	for (c++; c <= COL_COUNT; c++)
		p->header_x[c] = end;
}

static void
draw_row(const struct proc_sample *ps, struct job *job, int y, int x, int w)
{
	char		 rss[32], tm[48], label[16];
	int		 wi = -1, end = x + w;

	if (job != NULL && ps->pgid == job_pgid(job))
		wi = ui_worker(job, ps->pid, label, sizeof label);
	x += 1 + ui_printf(y, x, end - x, wi >= 0 ? ui_worker_attr(wi) :
	    ui_attr(ROLE_NORMAL), "%7d", (int)ps->pid);
	x += 1 + ui_printf(y, x, end - x, ui_attr(ROLE_NORMAL), "%7d",
	    (int)ps->ppid);
	x += 1 + ui_printf(y, x, end - x, ui_attr(ps->state == 'R' ?
	    ROLE_GRAPH_LOW : ps->state == 'T' ? ROLE_BADGE_WARN :
	    ROLE_NORMAL), "%c", ps->state);
	x += 1 + ui_printf(y, x, end - x, ui_attr(ps->cpu >= 80 ?
	    ROLE_GRAPH_HIGH : ROLE_NORMAL), "%5.1f", ps->cpu);
	x += 1 + ui_printf(y, x, end - x, ui_attr(ROLE_NORMAL), "%5d", ps->core);
	ui_human_kb(ps->rss_kb, rss, sizeof rss);
	x += 1 + ui_printf(y, x, end - x, ui_attr(ROLE_NORMAL), "%6s", rss);
	format_time(ps->time, tm, sizeof tm);
	x += 1 + ui_printf(y, x, end - x, ui_attr(ROLE_NORMAL), "%9s", tm);
	if (x >= end)
		return;
	ui_put(y, x, end - x, wi >= 0 ? ui_worker_attr(wi) : ui_attr(ROLE_NORMAL),
	    ps->cmd);
}

/* The process table pane. */
void
ui_procs_draw(struct ui_procs *p, const struct ui_rect *r,
    const struct sampler *s, struct job *job, int selected)
{
	size_t	n = sampler_nprocs(s), i;
	int	rows = r->h - 2, y, len;
	char	title[96];

	if (p->scope == PROCS_ALL)
		len = snprintf(title, sizeof title, "all %zu", n);
	else if (job != NULL)
		len = snprintf(title, sizeof title, "%s: %zu", job_name(job), n);
	else
		len = snprintf(title, sizeof title, "busiest %zu", n);
	/* More than fit: say how many are not shown (busiest first by default). */
	if (rows > 0 && n > (size_t)rows && len > 0 && (size_t)len < sizeof title)
		snprintf(title + len, sizeof title - (size_t)len, " (%zu more)",
		    n - (size_t)rows);
	ui_title(r, "Processes", title, selected);
	if (r->h < 2)
		return;
	draw_header(p, r->y + 1, r->x, r->w);
	if (n > p->nalloc) {
		p->rows = xreallocarray(p->rows, n, sizeof *p->rows);
		p->nalloc = n;
	}
	for (i = 0; i < n; i++)
		p->rows[i] = sampler_proc(s, i);
	sort_column = p->sort;
	sort_sign = (columns[p->sort].descending != p->reverse) ? -1 : 1;
	qsort(p->rows, n, sizeof *p->rows, proc_cmp);
	if (rows <= 0)
		return;
	if (p->offset > (int)n - rows)
		p->offset = (int)n - rows > 0 ? (int)n - rows : 0;
	for (y = 0; y < rows && (size_t)(p->offset + y) < n; y++)
		draw_row(p->rows[p->offset + y], job, r->y + 2 + y, r->x, r->w);
	if (n == 0)
		ui_put(r->y + 2, r->x + 1, r->w - 1, ui_attr(ROLE_DIM),
		    job != NULL ? "no processes (yet)" : "no processes");
}
