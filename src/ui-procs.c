/*
 * ui-procs.c: the process table, like top's: PID PPID S %CPU RUN% WAIT%
 * SLEEP% MIG CORE RSS TIME+ COMMAND, and HOST after PID when the source has
 * several hosts (cluster mode). RUN%, WAIT% and SLEEP% are the shares
 * of the last interval spent running, runnable but waiting for a core, and
 * sleeping or blocked (summed over a process's threads, like %CPU), MIG the
 * moves to another core (sample-timeline.h). By default it lists the demo's
 * processes (the busiest ones when no demo runs); "a" shows them all, "H"
 * their threads (PID is then the thread's id, as in top), "o" adds turbotop
 * itself, marked "(observer)". Any column sorts
 * it ("s", "S", or a click on the header). A narrow pane leaves out the
 * least needed columns first (PPID, RSS, CORE, ...). A demo's processes
 * carry their worker's colour and label, the same as in the timeline and
 * the output.
 *
 * After a run ends the table keeps showing that run's processes (threads)
 * as they were last seen (state X: finished), under "last run: ...", until
 * the next run: ui_procs_record() copies the demo's rows on every tick
 * (never in a draw), ui_procs_forget() drops them when a new run starts. A
 * run too short for any tick to see it says so instead of listing other
 * processes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "source.h"
#include "ui-draw.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

enum column {
	COL_PID, COL_HOST, COL_PPID, COL_S, COL_CPU, COL_RUN, COL_WAIT, COL_SLEEP,
	COL_MIG, COL_CORE, COL_RSS, COL_TIME, COL_COMMAND, COL_COUNT
};

#define COMMAND_MIN	8	/* columns COMMAND keeps before others go */
#define HOST_WIDTH	10	/* a longer host name ends in '~' */

static const struct {
	const char	*name;
	int		 width;		/* 0: the rest */
	int		 right;		/* right-aligned */
	int		 descending;	/* the natural order */
	int		 drop;		/* 0: always shown; else dropped in */
} columns[COL_COUNT] = {		/* this order on a narrow pane */
	{ "PID", 7, 1, 0, 0 },
	{ "HOST", HOST_WIDTH, 0, 0, 0 },	/* several hosts only */
	{ "PPID", 7, 1, 0, 1 },
	{ "S", 1, 0, 0, 0 },
	{ "%CPU", 5, 1, 1, 0 },
	{ "RUN%", 5, 1, 1, 0 },
	{ "WAIT%", 5, 1, 1, 0 },
	{ "SLEEP%", 6, 1, 1, 4 },
	{ "MIG", 4, 1, 1, 5 },
	{ "CORE", 4, 1, 0, 3 },
	{ "RSS", 6, 1, 1, 2 },
	{ "TIME+", 9, 1, 1, 6 },
	{ "COMMAND", 0, 0, 0, 0 },
};

/* A table row: a process or a thread, live or kept from the last run. */
struct row {
	pid_t		 pid, ppid, pgid;	/* pid: the tid for a thread */
	pid_t		 tgid;			/* the process */
	char		 state;
	double		 cpu;
	double		 run, wait, sleep;	/* % of the interval */
	unsigned	 mig;
	int		 core;
	unsigned long	 rss_kb;
	double		 time;			/* < 0: unknown (a thread) */
	char		 cmd[SAMPLE_CMD_MAX];
	char		 host[HOST_WIDTH + 1];	/* several hosts: its host */
};

struct rows {
	struct row	*v;
	size_t		 n, size;
};

struct ui_procs {
	enum column		  sort;
	int			  reverse;
	int			  offset;	/* first row shown */
	enum ui_procs_scope	  scope;
	int			  threads;	/* H: one row per thread */
	struct rows		  rows;		/* this frame's */
	struct rows		  kept, kept_threads; /* the run's, last seen */
	pid_t			 *members;	/* the run's pids this tick */
	size_t			  membersize;
	int			  shown[COL_COUNT];
	int			  header_y, header_x[COL_COUNT + 1];
};

struct ui_procs *
ui_procs_create(void)
{
	struct ui_procs	*p = xcalloc(1, sizeof *p);
	int		 c;

	p->sort = COL_CPU;
	p->header_y = -1;
	for (c = 0; c < COL_COUNT; c++)
		p->shown[c] = 1;
	return p;
}

void
ui_procs_free(struct ui_procs *p)
{
	if (p == NULL)
		return;
	free(p->rows.v);
	free(p->kept.v);
	free(p->kept_threads.v);
	free(p->members);
	free(p);
}

static struct row *
rows_add(struct rows *r)
{
	if (r->n == r->size) {
		r->size = r->size ? 2 * r->size : 32;
		r->v = xreallocarray(r->v, r->size, sizeof *r->v);
	}
	memset(&r->v[r->n], 0, sizeof r->v[r->n]);
	return &r->v[r->n++];
}

/* The row of pid in r (kept rows are updated in place), or a new one. */
static struct row *
rows_find(struct rows *r, pid_t pid)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].pid == pid)
			return &r->v[i];
	}
	return rows_add(r);
}

static double
pct(double ms, double interval)
{
	return interval > 0 ? ms / (interval * 10) : 0;	/* ms / (s * 1000) * 100 */
}

/* The name of host h of s for a row, cut with '~' to HOST_WIDTH. */
static void
row_host(struct row *r, const struct source *s, int h)
{
	const char	*name = h >= 0 ? source_host_name(s, h) : NULL;
	size_t		 len;

	r->host[0] = '\0';
	if (name == NULL || source_nhosts(s) < 2)
		return;
	len = strlen(name);
	if (len > HOST_WIDTH) {
		memcpy(r->host, name, HOST_WIDTH - 1);
		r->host[HOST_WIDTH - 1] = '~';
		r->host[HOST_WIDTH] = '\0';
	} else
		memcpy(r->host, name, len + 1);
}

static void
row_from_proc(struct row *r, const struct proc_sample *ps, double interval)
{
	r->pid = r->tgid = ps->pid;
	r->ppid = ps->ppid;
	r->pgid = ps->pgid;
	r->state = ps->state;
	r->cpu = ps->cpu;
	r->run = pct(ps->run_ms, interval);
	r->wait = pct(ps->wait_ms, interval);
	r->sleep = pct(ps->sleep_ms, interval);
	r->mig = ps->migrations;
	r->core = ps->core;
	r->rss_kb = ps->rss_kb;
	r->time = ps->time;
	memcpy(r->cmd, ps->cmd, sizeof r->cmd);
}

/* The sample's row of process pid (its index in *at), or NULL. */
static const struct proc_sample *
find_proc(const struct source *s, pid_t pid, size_t *at)
{
	size_t	n = source_nprocs(s), i;

	for (i = 0; i < n; i++) {
		if (source_proc(s, i)->pid == pid) {
			if (at != NULL)
				*at = i;
			return source_proc(s, i);
		}
	}
	return NULL;
}

/* A thread's row: its own figures, its process's PPID, group and RSS. */
static void
row_from_thread(struct row *r, const struct thread_sample *ts,
    const struct proc_sample *ps, double interval)
{
	r->pid = ts->tid;
	r->tgid = ts->pid;
	r->ppid = ps != NULL ? ps->ppid : 0;
	r->pgid = ps != NULL ? ps->pgid : 0;
	r->state = ts->state;
	r->run = pct(ts->run_ms, interval);
	r->cpu = r->run;
	r->wait = pct(ts->wait_ms, interval);
	r->sleep = pct(ts->sleep_ms, interval);
	r->mig = ts->migrations;
	r->core = ts->core;
	r->rss_kb = ps != NULL ? ps->rss_kb : 0;
	r->time = -1;
	snprintf(r->cmd, sizeof r->cmd, "%s", ts->name);
}

static int
member_cmp(const void *a, const void *b)
{
	pid_t	 x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static int
is_member(const struct ui_procs *p, size_t n, pid_t pid)
{
	return n > 0 && bsearch(&pid, p->members, n, sizeof *p->members,
	    member_cmp) != NULL;
}

/*
 * The run's processes among this tick's (into p->members, sorted; their
 * count): its group's, and what they started in groups of their own, at
 * any depth (mpirun puts each rank in its own group).
 */
static size_t
run_members(struct ui_procs *p, const struct source *s, pid_t pgid)
{
	const struct proc_sample	*ps;
	size_t				 n = source_nprocs(s), i, nm = 0, sorted;
	int				 more = 1;

	if (n > p->membersize) {
		p->membersize = n + 16;
		p->members = xreallocarray(p->members, p->membersize,
		    sizeof *p->members);
	}
	for (i = 0; i < n; i++) {
		if ((ps = source_proc(s, i))->pgid == pgid)
			p->members[nm++] = ps->pid;
	}
	while (more && nm > 0 && nm < n) {
		more = 0;
		qsort(p->members, nm, sizeof *p->members, member_cmp);
		sorted = nm;
		for (i = 0; i < n; i++) {
			ps = source_proc(s, i);
			if (ps->pgid != pgid && ps->ppid > 0 &&
			    is_member(p, sorted, ps->ppid) &&
			    !is_member(p, sorted, ps->pid)) {
				p->members[nm++] = ps->pid;
				more = 1;
			}
		}
	}
	if (nm > 1)
		qsort(p->members, nm, sizeof *p->members, member_cmp);
	return nm;
}

/*
 * After a tick: remember each process (and thread) of the run's group pgid
 * as last seen, so the table can show them once the run has ended.
 */
void
ui_procs_record(struct ui_procs *p, const struct source *s, pid_t pgid)
{
	const struct proc_sample	*ps;
	const struct thread_sample	*ts;
	double				 iv = source_interval(s);
	size_t				 n = source_nprocs(s), i, nm;

	if (pgid <= 0)
		return;
	nm = run_members(p, s, pgid);
	for (i = 0; i < n; i++) {
		ps = source_proc(s, i);
		if (is_member(p, nm, ps->pid))
			row_from_proc(rows_find(&p->kept, ps->pid), ps, iv);
	}
	n = source_nthreads(s);
	for (i = 0; i < n; i++) {
		ts = source_thread(s, i);
		ps = find_proc(s, ts->pid, NULL);
		if (ps != NULL && is_member(p, nm, ps->pid))
			row_from_thread(rows_find(&p->kept_threads, ts->tid), ts,
			    ps, iv);
	}
}

/* A new run starts: forget the last one's processes. */
void
ui_procs_forget(struct ui_procs *p)
{
	p->kept.n = 0;
	p->kept_threads.n = 0;
	p->offset = 0;
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
row_cmp(const void *va, const void *vb)
{
	const struct row	*a = va, *b = vb;
	int			 r = 0;

	switch (sort_column) {
	case COL_PID:
		break;
	case COL_HOST:
		r = strcmp(a->host, b->host);
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
	case COL_RUN:
		r = cmp_num(a->run, b->run);
		break;
	case COL_WAIT:
		r = cmp_num(a->wait, b->wait);
		break;
	case COL_SLEEP:
		r = cmp_num(a->sleep, b->sleep);
		break;
	case COL_MIG:
		r = cmp_num(a->mig, b->mig);
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

/* s: the next column shown. */
void
ui_procs_sort_next(struct ui_procs *p)
{
	int	i;

	for (i = 0; i < COL_COUNT; i++) {
		p->sort = (p->sort + 1) % COL_COUNT;
		if (p->shown[p->sort])
			break;
	}
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

void
ui_procs_toggle_threads(struct ui_procs *p)
{
	p->threads = !p->threads;
	p->offset = 0;
}

int
ui_procs_threads(const struct ui_procs *p)
{
	return p->threads;
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
		if (p->shown[c] && x >= p->header_x[c] &&
		    x < p->header_x[c + 1]) {
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

/*
 * Which columns fit in w: drop them in their "drop" order until the fixed
 * ones and COMMAND_MIN columns of COMMAND fit.
 */
static void
fit_columns(struct ui_procs *p, int w, int hosts)
{
	int	c, need = COMMAND_MIN, d;

	for (c = 0; c < COL_COUNT; c++) {
		p->shown[c] = c != COL_HOST || hosts > 1;
		if (p->shown[c])
			need += columns[c].width + (columns[c].width > 0);
	}
	for (d = 1; need > w && d <= 6; d++) {
		for (c = 0; c < COL_COUNT; c++) {
			if (columns[c].drop == d) {
				p->shown[c] = 0;
				need -= columns[c].width + 1;
			}
		}
	}
}

/* TIME+ as top shows it: minutes:seconds.hundredths. */
static void
format_time(double t, char *buf, size_t len)
{
	unsigned long	cs = t > 0 ? (unsigned long)(t * 100) : 0;

	if (t < 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%lu:%02lu.%02lu", cs / 6000, cs / 100 % 60,
		    cs % 100);
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
		p->header_x[c] = x;
		if (!p->shown[c] || x >= end)
			continue;
		cw = columns[c].width > 0 ? columns[c].width : end - x;
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
	}
	p->header_x[COL_COUNT] = end;
}

/* One cell of a row: its text and attribute. */
static attr_t
cell(const struct row *r, enum column c, attr_t worker, char *buf, size_t len)
{
	switch (c) {
	case COL_PID:
		snprintf(buf, len, "%7d", (int)r->pid);
		return worker;
	case COL_HOST:
		snprintf(buf, len, "%s", r->host);
		break;
	case COL_PPID:
		snprintf(buf, len, "%7d", (int)r->ppid);
		break;
	case COL_S:
		snprintf(buf, len, "%c", r->state);
		return ui_attr(r->state == 'R' ? ROLE_GRAPH_LOW : r->state ==
		    'T' ? ROLE_BADGE_WARN : ROLE_NORMAL);
	case COL_CPU:
		snprintf(buf, len, "%5.1f", r->cpu);
		return ui_attr(r->cpu >= 80 ? ROLE_GRAPH_HIGH : ROLE_NORMAL);
	case COL_RUN:
		snprintf(buf, len, "%5.1f", r->run);
		break;
	case COL_WAIT:		/* waiting for a core: the thing to see */
		snprintf(buf, len, "%5.1f", r->wait);
		return ui_attr(r->wait >= 50 ? ROLE_GRAPH_HIGH : r->wait >= 10 ?
		    ROLE_GRAPH_MID : ROLE_NORMAL);
	case COL_SLEEP:
		snprintf(buf, len, "%6.1f", r->sleep);
		break;
	case COL_MIG:
		snprintf(buf, len, "%4u", r->mig);
		break;
	case COL_CORE:
		snprintf(buf, len, "%4d", r->core);
		break;
	case COL_RSS:
		ui_human_kb(r->rss_kb, buf, len);
		break;
	case COL_TIME:
		format_time(r->time, buf, len);
		break;
	case COL_COMMAND:
		snprintf(buf, len, "%s%s", r->cmd,
		    r->tgid == ui_self_pid() ? " (observer)" : "");
		return worker;
	case COL_COUNT:
		buf[0] = '\0';
		break;
	}
	return ui_attr(ROLE_NORMAL);
}

static void
draw_row(const struct ui_procs *p, const struct row *r, struct job *job,
    int y, int x, int w)
{
	char	 buf[SAMPLE_CMD_MAX + 24], label[16];
	attr_t	 worker = ui_attr(ROLE_NORMAL), a;
	int	 c, cw, end = x + w;

	if (job != NULL && r->pgid == job_pgid(job))
		worker = ui_worker_attr(ui_worker(job, r->pid, label,
		    sizeof label));
	else if (r->tgid == ui_self_pid())	/* o: the observer, turbotop */
		worker = ui_attr(ROLE_MARKER);
	for (c = 0; c < COL_COUNT && x < end; c++) {
		if (!p->shown[c])
			continue;
		a = cell(r, c, worker, buf, sizeof buf);
		cw = columns[c].width > 0 ? columns[c].width : end - x;
		if (columns[c].right)
			ui_printf(y, x, end - x, a, "%*s", cw, buf);
		else
			ui_put(y, x, end - x, a, buf);
		x += cw + 1;
	}
}

/* The rows to show, in p->rows: the sampler's, or the last run's. */
static size_t
gather(struct ui_procs *p, const struct source *s, int kept)
{
	const struct rows	*k = p->threads ? &p->kept_threads : &p->kept;
	const struct thread_sample *ts;
	const struct proc_sample *ps;
	struct row		*row;
	double			 iv = source_interval(s);
	size_t			 n, i, at = 0;

	p->rows.n = 0;
	if (kept) {
		for (i = 0; i < k->n; i++) {
			*rows_add(&p->rows) = k->v[i];
			p->rows.v[i].state = 'X';	/* finished */
		}
		return p->rows.n;
	}
	if (p->threads) {
		n = source_nthreads(s);
		for (i = 0; i < n; i++) {
			ts = source_thread(s, i);
			ps = find_proc(s, ts->pid, &at);
			row = rows_add(&p->rows);
			row_from_thread(row, ts, ps, iv);
			row_host(row, s, ps != NULL ? source_proc_host(s, at) :
			    -1);
		}
		return p->rows.n;
	}
	n = source_nprocs(s);
	for (i = 0; i < n; i++) {
		row = rows_add(&p->rows);
		row_from_proc(row, source_proc(s, i), iv);
		row_host(row, s, source_proc_host(s, i));
	}
	return p->rows.n;
}

/*
 * The process table pane. ended: the label of the run that ended (its
 * processes are shown as last seen), or NULL while it runs or with none.
 */
void
ui_procs_draw(struct ui_procs *p, const struct ui_rect *r,
    const struct source *s, struct job *job, const char *ended,
    int selected)
{
	const char	*what;
	size_t		 n;
	int		 rows = r->h - 2, y, kept, len;
	char		 title[UI_TITLE_MAX];

	kept = ended != NULL && p->scope != PROCS_ALL;
	n = gather(p, s, kept);
	what = p->threads ? (n == 1 ? "thread" : "threads") : n == 1 ?
	    "process" : "processes";
	if (p->scope == PROCS_ALL)
		len = snprintf(title, sizeof title, "all %zu %s", n, what);
	else if (kept && n == 0)
		len = snprintf(title, sizeof title, "last run: %s: none sampled",
		    ended);
	else if (kept)
		len = snprintf(title, sizeof title, "last run: %s: %zu ended",
		    ended, n);
	else if (job != NULL)
		len = snprintf(title, sizeof title, "%s: %zu %s", job_name(job),
		    n, what);
	else
		len = snprintf(title, sizeof title, "busiest %zu", n);
	/* More than fit: say how many are not shown (busiest first by default). */
	if (rows > 0 && n > (size_t)rows && len > 0 && (size_t)len < sizeof title)
		snprintf(title + len, sizeof title - (size_t)len, " (%zu more)",
		    n - (size_t)rows);
	ui_title(r, p->threads ? "Threads" : "Processes", title, selected);
	if (r->h < 2)
		return;
	fit_columns(p, r->w, source_nhosts(s));
	draw_header(p, r->y + 1, r->x, r->w);
	sort_column = p->sort;
	sort_sign = (columns[p->sort].descending != p->reverse) ? -1 : 1;
	if (n > 1)
		qsort(p->rows.v, n, sizeof *p->rows.v, row_cmp);
	if (rows <= 0)
		return;
	if (p->offset > (int)n - rows)
		p->offset = (int)n - rows > 0 ? (int)n - rows : 0;
	for (y = 0; y < rows && (size_t)(p->offset + y) < n; y++)
		draw_row(p, &p->rows.v[p->offset + y], job, r->y + 2 + y, r->x,
		    r->w);
	if (n == 0)
		ui_put_wrapped(r->y + 2, r->x + 1, r->w - 1, rows,
		    ui_attr(ROLE_DIM), kept ? "the demo has ended, too fast "
		    "for a sample to see its processes (a: all)" : job != NULL ?
		    "no processes (yet)" : "no processes");
	else if (kept && rows > (int)n)
		ui_put_wrapped(r->y + 2 + (int)n, r->x + 1, r->w - 1,
		    rows - (int)n, ui_attr(ROLE_DIM), "the demo has ended: its "
		    "processes as last seen (X: finished; a: all processes)");
}
