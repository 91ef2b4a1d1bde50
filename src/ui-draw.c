/*
 * ui-draw.c: drawing primitives. Text is clipped by display columns, not
 * bytes, so a wide or multi-byte character never spills out of its pane; in
 * an ASCII locale every non-ASCII byte is shown as '?'.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "job.h"
#include "sanitize.h"
#include "ui-draw.h"
#include "ui-theme.h"
#include "util.h"

int
ui_in_rect(const struct ui_rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

/*
 * Text goes to curses as ready cells, a row of them in one call
 * (add_wchnstr): added one by one (addnwstr, add_wch), each character cost
 * curses a locale lookup, a width and a rendition, and text a fifth more
 * a frame.
 */
#define TEXT_CELLS	256

struct text_row {
	int	 y, x;		/* where cells[0] goes */
	int	 n;
	cchar_t	 blank;		/* a space with the text's attribute */
	cchar_t	 cells[TEXT_CELLS];
};

static void
row_flush(struct text_row *t)
{
	if (t->n > 0)
		mvadd_wchnstr(t->y, t->x, t->cells, t->n);
	t->x += t->n;
	t->n = 0;
}

/* One column's cell: ASCII from the blank, anything else from setcchar. */
static void
row_add(struct text_row *t, wchar_t wc, int w, attr_t attr)
{
	wchar_t	wcs[2] = { wc, L'\0' };
	cchar_t	*cc;

	if (t->n == TEXT_CELLS)
		row_flush(t);
	cc = &t->cells[t->n];
	if (wc < 0x7f) {
		*cc = t->blank;
		cc->chars[0] = wc;	/* ncurses' cchar_t: the rest stay 0 */
	} else if (setcchar(cc, wcs, attr & ~A_COLOR, (short)PAIR_NUMBER(attr),
	    NULL) != OK) {
		*cc = t->blank;
		cc->chars[0] = L'?';
	}
	t->n++;
	if (w > 1) {	/* the cells a wide character covers */
		row_flush(t);
		t->x += w - 1;
	}
}

/*
 * Draw at most len bytes of s at (y, x) within maxw columns; returns the
 * columns used. Control and undecodable characters become '?'.
 */
int
ui_putn(int y, int x, int maxw, attr_t attr, const char *s, size_t len)
{
	const struct ui_glyphs	*g = ui_glyphs();
	struct text_row		 t;
	mbstate_t		 ps;
	wchar_t			 wc, sp[2] = { L' ', L'\0' };
	size_t			 i = 0, n;
	int			 cols = 0, w;
	unsigned char		 c;

	if (maxw <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + maxw > COLS)
		maxw = COLS - x;
	if (setcchar(&t.blank, sp, attr & ~A_COLOR, (short)PAIR_NUMBER(attr),
	    NULL) != OK)
		return 0;
	t.y = y;
	t.x = x;
	t.n = 0;
	memset(&ps, 0, sizeof ps);
	while (i < len && s[i] != '\0' && cols < maxw) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) {
			row_add(&t, (wchar_t)c, 1, attr);
			cols++;
			i++;
			continue;
		}
		if (!g->utf8 || c < 0x20 || c == 0x7f) {
			row_add(&t, L'?', 1, attr);
			cols++;
			i++;
			continue;
		}
		n = mbrtowc(&wc, s + i, len - i, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0 ||
		    sanitize_unsafe((unsigned int)wc) || (w = wcwidth(wc)) < 0) {
			memset(&ps, 0, sizeof ps);
			row_add(&t, L'?', 1, attr);
			cols++;
			i++;
			continue;
		}
		if (cols + w > maxw)
			break;
		if (w == 0) {	/* joins the cell before: as its bytes */
			row_flush(&t);
			attrset(attr);
			move(y, t.x);
			addnstr(s + i, (int)n);
			attrset(A_NORMAL);
		} else {
			row_add(&t, wc, w, attr);
			cols += w;
		}
		i += n;
	}
	row_flush(&t);
	move(y, x + cols < COLS ? x + cols : COLS - 1);
	return cols;
}

int
ui_put(int y, int x, int maxw, attr_t attr, const char *s)
{
	return ui_putn(y, x, maxw, attr, s, strlen(s));
}

int
ui_printf(int y, int x, int maxw, attr_t attr, const char *fmt, ...)
{
	char	buf[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(y, x, maxw, attr, buf);
}

/* glyph as one printable one-column character: 1, or 0 if it is not. */
static int
glyph_wc(const char *glyph, wchar_t *wc)
{
	mbstate_t	ps;
	size_t		len = strlen(glyph), n;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(wc, glyph, len, &ps);
	return n == len && len != 0 && *wc >= 0x20 && wcwidth(*wc) == 1 &&
	    !sanitize_unsafe((unsigned int)*wc);
}

/* glyph as a cell with attr (its colour pair too): 1, or 0 if not one. */
static int
glyph_cell(const char *glyph, attr_t attr, cchar_t *cc)
{
	wchar_t	wcs[2] = { L'\0', L'\0' };

	if (!glyph_wc(glyph, &wcs[0]))
		return 0;
	return setcchar(cc, wcs, attr & ~A_COLOR, (short)PAIR_NUMBER(attr),
	    NULL) == OK;
}

/*
 * Cells drawn one by one (the timeline's strips, the graph's bars) are most
 * of a frame: each glyph and attribute is decoded into a ready cell once and
 * kept here (a frame uses a few dozen), and a row of them goes to curses in
 * one call, without the text path's decoding, moves and attribute changes.
 */
#define CELL_CACHE	64

struct cell_cache {
	char	 glyph[8];
	attr_t	 attr;
	cchar_t	 cc;
};

int
ui_cell(cchar_t *cc, attr_t attr, const char *glyph)
{
	static struct cell_cache	 cache[CELL_CACHE];
	static unsigned int		 used, next;
	struct cell_cache		*c;
	unsigned int			 i;
	int				 ok;

	for (i = 0; i < used; i++) {
		c = &cache[i];
		if (c->attr == attr && strcmp(c->glyph, glyph) == 0) {
			*cc = c->cc;
			return 1;
		}
	}
	ok = strlen(glyph) < sizeof c->glyph && glyph_cell(glyph, attr, cc);
	if (!ok)	/* not one printable column: shown as '?' */
		return glyph_cell("?", attr, cc);
	c = &cache[used < CELL_CACHE ? used++ : next++ % CELL_CACHE];
	snprintf(c->glyph, sizeof c->glyph, "%s", glyph);
	c->attr = attr;
	c->cc = *cc;
	return 1;
}

/* n ready cells from (y, x), clipped to the screen. */
void
ui_cells(int y, int x, const cchar_t *cells, int n)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (x + n > COLS)
		n = COLS - x;
	if (n > 0)
		mvadd_wchnstr(y, x, cells, n);
}

/* Draw glyph (one column wide) n times; returns n or what fitted. */
int
ui_repeat(int y, int x, int n, attr_t attr, const char *glyph)
{
	cchar_t	cc;
	int	i;

	if (y < 0 || y >= LINES || x < 0)
		return 0;
	if (x + n > COLS)
		n = COLS - x;
	if (n <= 0)
		return 0;
	attrset(attr);
	move(y, x);
	if (glyph_cell(glyph, A_NORMAL, &cc)) {	/* n cells at once */
		hline_set(&cc, n);
		move(y, x + n < COLS ? x + n : COLS - 1);
	} else {
		for (i = 0; i < n; i++)
			addstr(glyph);
	}
	attrset(A_NORMAL);
	return n;
}

/*
 * s in at most w columns from (y, x): whole if it fits, else cut after the
 * last word that leaves room for an ellipsis (mid-word only when the first
 * word alone is too wide), never mid-character. Returns the columns drawn.
 */
int
ui_put_fit(int y, int x, int w, attr_t attr, const char *s)
{
	size_t	len = strlen(s), end = 0, brk = 0;
	int	n;

	if (w <= 0)
		return 0;
	if (ui_text_cols(s, len) <= w)
		return ui_putn(y, x, w, attr, s, len);
	while (end < len && ui_text_cols(s, end + 1) <= w - 1) {
		if (s[end] == ' ')
			brk = end;
		end++;
	}
	if (brk > 0)
		end = brk;
	end = sanitize_cut(s, len, end);
	while (end > 0 && strchr(" ,;:", s[end - 1]) != NULL)
		end--;
	n = ui_putn(y, x, w - 1, attr, s, end);
	return n + ui_put(y, x + n, 1, attr, ui_glyphs()->ellipsis);
}

/*
 * text word-wrapped into at most rows rows of w columns from (y, x), its
 * newlines soft; what does not fit ends on a word and "…". Returns the rows
 * drawn.
 */
int
ui_put_wrapped(int y, int x, int w, int rows, attr_t attr, const char *text)
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
		if (row == rows - 1) {	/* the rest, ending on a word and "…" */
			ui_put_fit(y + row, x, w, attr, p);
			return rows;
		}
		if (*end != '\0' && brk != NULL)
			end = brk;
		ui_putn(y + row, x, w, attr, p, (size_t)(end - p));
		p = end;
	}
	return row;
}

/* Display columns of the first len bytes of s (ASCII locale: bytes). */
int
ui_text_cols(const char *s, size_t len)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		i = 0, n;
	int		cols = 0, w;

	if (!ui_glyphs()->utf8)
		return (int)strnlen(s, len);
	memset(&ps, 0, sizeof ps);
	while (i < len && s[i] != '\0') {
		n = mbrtowc(&wc, s + i, len - i, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			n = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0)
			w = 1;
		cols += w;
		i += n;
	}
	return cols;
}

/*
 * A pane's title row: "── Title ─── right ─", the title highlighted when
 * the pane is selected.
 */
void
ui_title(const struct ui_rect *r, const char *title, const char *right,
    int selected)
{
	const struct ui_glyphs	*g = ui_glyphs();
	int			 x = r->x, end = r->x + r->w, rw;

	if (r->h <= 0 || r->w <= 0)
		return;
	ui_repeat(r->y, x, r->w, ui_attr(ROLE_BORDER), g->hline);
	x += 1;
	x += ui_printf(r->y, x, end - x, ui_attr(selected ? ROLE_TITLE_SEL :
	    ROLE_TITLE), " %s ", title);
	if (right != NULL && *right != '\0') {
		rw = ui_text_cols(right, strlen(right)) + 2;
		if (end - 1 - rw > x + 1)
			ui_printf(r->y, end - 1 - rw, rw, ui_attr(ROLE_TITLE),
			    " %s ", right);
	}
}

/*
 * A pane title that says how many cores did not fit (hidden > 0): on the
 * right when there is room, else after the title, so it is never lost.
 */
void
ui_title_hidden(const struct ui_rect *r, const char *title, const char *right,
    int hidden, int selected)
{
	char	buf[96], more[64];
	int	need;

	if (hidden <= 0) {
		ui_title(r, title, right, selected);
		return;
	}
	snprintf(more, sizeof more, "+%d core%s not shown (z: zoom)", hidden,
	    hidden == 1 ? "" : "s");
	need = ui_text_cols(title, strlen(title)) +
	    ui_text_cols(more, strlen(more)) + 8;
	if (r->w >= need) {
		ui_title(r, title, more, selected);
		return;
	}
	snprintf(buf, sizeof buf, "%s +%d", title, hidden);
	ui_title(r, buf, NULL, selected);
}

/* A vertical separator line of h rows. */
void
ui_vline(int y, int x, int h)
{
	int	i;

	for (i = 0; i < h; i++)
		ui_put(y + i, x, 1, ui_attr(ROLE_BORDER), ui_glyphs()->vline);
}

/*
 * The label of pid in job: "main" for the group leader, else its pid (the
 * number the demos print and the process table shows); returns its colour
 * index (job_worker_index(), stable for the job), or -1 with no job.
 */
int
ui_worker(struct job *job, pid_t pid, char *buf, size_t len)
{
	if (job == NULL || pid <= 0) {
		snprintf(buf, len, "-");
		return -1;
	}
	if (pid == job_pgid(job))
		snprintf(buf, len, "main");
	else
		snprintf(buf, len, "%d", (int)pid);
	return job_worker_index(job, pid);
}

/* One character naming pid's worker, for the monochrome timeline. */
char
ui_worker_char(struct job *job, pid_t pid)
{
	int	n;

	if (job == NULL || pid <= 0)
		return '?';
	if (pid == job_pgid(job))
		return 'M';
	n = job_worker_index(job, pid);
	if (n < 0)
		return '?';	/* a replay's worker the stream has not named */
	if (n < 10)
		return (char)('0' + n);
	if (n < 36)
		return (char)('a' + n - 10);
	return '+';
}

pid_t
ui_self_pid(void)
{
	static pid_t	self;

	if (self == 0)
		self = getpid();
	return self;
}

/* Kilobytes as top shows them: 812K, 12.3M, 1.2G. */
void
ui_human_kb(unsigned long kb, char *buf, size_t len)
{
	if (kb < 10000)
		snprintf(buf, len, "%luK", kb);
	else if (kb < 1024UL * 1000)
		snprintf(buf, len, "%.1fM", kb / 1024.0);
	else
		snprintf(buf, len, "%.1fG", kb / (1024.0 * 1024.0));
}
