/*
 * ui-output.c: the demo's interleaved output. Each line is prefixed with its
 * writer's label in the writer's colour (the same colour as in the timeline
 * and the process table); stderr lines are marked. The pane follows the
 * newest line until scrolled (PgUp/PgDn, Up/Down, Home), End follows again;
 * "/" searches (case-insensitive) and highlights the matches; when the line
 * buffer has dropped old lines, the title says how many and a marker line
 * stands where they were.
 *
 * Nothing is cut silently: a long line wraps, its continuation rows marked
 * in the label column; c chops lines instead (a marker at the edge where a
 * line goes on), and Left/Right scroll sideways, as in less (while scrolled
 * sideways, lines are chopped). A line cut at capture says so at its end.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "job.h"
#include "ui-draw.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

#define LABEL_COLS	8	/* "4194304 " */
#define HOST_LABEL_COLS	17	/* "host/4194304 ", the host cut with '~' */
#define INPUT_MAX	128
#define ROWS_MAX	512	/* rows of the tallest pane drawn */

struct ui_output {
	int			 follow;
	int			 frozen_follow;	/* follow state before a freeze */
	unsigned long long	 bottom;	/* seq at the bottom when not following */
	int			 page;		/* text rows at the last draw */
	int			 wrap;		/* wrap long lines (else chop) */
	int			 hscroll;	/* columns scrolled sideways */
	int			 textw;		/* text columns at the last draw */
	int			 labelw;	/* the label column's, with its bar */
	int			 maxcols;	/* the longest line then shown */
	int			 shown;		/* lines (partly) shown then */
	unsigned long long	 top;		/* the top one of them */

	int			 prompt;	/* the search prompt is open */
	char			 input[INPUT_MAX];
	size_t			 ilen;
	char			*pattern;
	int			 has_match;
	unsigned long long	 match;
	const char		*msg;
};

struct ui_output *
ui_output_create(void)
{
	struct ui_output	*o = xcalloc(1, sizeof *o);

	o->follow = 1;
	o->wrap = 1;
	o->page = 10;
	return o;
}

void
ui_output_free(struct ui_output *o)
{
	if (o == NULL)
		return;
	free(o->pattern);
	free(o);
}

/* A new job: follow its output from the start. */
void
ui_output_reset(struct ui_output *o)
{
	o->follow = 1;
	o->hscroll = 0;
	o->has_match = 0;
	o->msg = NULL;
}

int
ui_output_page(const struct ui_output *o)
{
	return o->page > 1 ? o->page - 1 : 1;
}

/* The seq at the bottom of the view; job has lines. */
static unsigned long long
view_bottom(const struct ui_output *o, const struct job *job)
{
	unsigned long long	first = job_lines_first(job);
	unsigned long long	last = job_lines_next(job) - 1;

	if (o->follow || o->bottom > last)
		return last;
	return o->bottom < first ? first : o->bottom;
}

/* Scroll n lines (negative: up, to older lines). */
void
ui_output_scroll(struct ui_output *o, struct job *job, int n)
{
	unsigned long long	first, last, b;

	if (job == NULL || job_lines_next(job) == job_lines_first(job))
		return;
	first = job_lines_first(job);
	last = job_lines_next(job) - 1;
	b = view_bottom(o, job);
	if (n < 0)
		b = b - first > (unsigned long long)-n ? b + n : first;
	else
		b = last - b > (unsigned long long)n ? b + n : last;
	o->bottom = b;
	o->follow = b >= last;
}

/*
 * A page up or down (dir < 0: up): the top line shown becomes the bottom
 * one, or the other way round, however many rows the lines wrap to.
 */
void
ui_output_page_scroll(struct ui_output *o, struct job *job, int dir)
{
	unsigned long long	b;
	int			n;

	if (job == NULL || job_lines_next(job) == job_lines_first(job))
		return;
	b = view_bottom(o, job);
	if (dir < 0 && o->top >= job_lines_first(job) && o->top < b) {
		o->bottom = o->top;
		o->follow = 0;
		return;
	}
	n = o->shown > 1 ? o->shown - 1 : 1;
	ui_output_scroll(o, job, dir < 0 ? -n : n);
}

/*
 * Left and Right (dir < 0: left): half a pane sideways; while scrolled,
 * lines are chopped. Right stops once the longest line shown ends in view.
 */
void
ui_output_hscroll(struct ui_output *o, int dir)
{
	int	step = o->textw > 16 ? o->textw / 2 : 8;

	if (dir < 0)
		o->hscroll = o->hscroll > step ? o->hscroll - step : 0;
	else if (o->hscroll + o->textw < o->maxcols)
		o->hscroll += step;
}

/* c: wrap long lines, or chop them; 1 if they now wrap. */
int
ui_output_toggle_wrap(struct ui_output *o)
{
	o->wrap = !o->wrap;
	o->hscroll = 0;
	return o->wrap;
}

void
ui_output_home(struct ui_output *o, struct job *job)
{
	if (job == NULL)
		return;
	o->follow = 0;
	o->bottom = job_lines_first(job);	/* the pane fills from there */
}

void
ui_output_end(struct ui_output *o)
{
	o->follow = 1;
}

/* Space: pin the view while frozen, then follow again if it did. */
void
ui_output_freeze(struct ui_output *o, struct job *job, int on)
{
	if (on) {
		o->frozen_follow = o->follow;
		if (o->follow && job != NULL &&
		    job_lines_next(job) > job_lines_first(job)) {
			o->bottom = job_lines_next(job) - 1;
			o->follow = 0;
		}
	} else if (o->frozen_follow)
		o->follow = 1;
}

/*
 * Bytes of text (len bytes) that fit in w columns, as ui_putn() draws them
 * (an ASCII locale shows each byte in a column); *cols gets their width.
 * At least one character, so a row always moves on.
 */
static size_t
fit_bytes(const char *text, size_t len, int w, int *cols)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		i = 0, n;
	int		c = 0, cw;

	if (!ui_glyphs()->utf8) {
		n = len < (size_t)(w > 0 ? w : 0) ? len : (size_t)(w > 0 ? w : 0);
		if (n == 0 && len > 0)
			n = 1;
		*cols = (int)n;
		return n;
	}
	memset(&ps, 0, sizeof ps);
	while (i < len) {
		if ((unsigned char)text[i] < 0x80) {
			n = 1;
			cw = 1;
		} else {
			n = mbrtowc(&wc, text + i, len - i, &ps);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				memset(&ps, 0, sizeof ps);
				n = 1;
				cw = 1;
			} else if ((cw = wcwidth(wc)) < 0)
				cw = 1;
		}
		if (c + cw > w && i > 0)
			break;
		c += cw;
		i += n;
		if (c >= w)
			break;
	}
	*cols = c;
	return i;
}

/* The marker at the end of a line that was cut when it was captured. */
static const char *
cut_marker(void)
{
	return ui_glyphs()->utf8 ? " …[cut at 4 KiB]" : " ~[cut at 4 KiB]";
}

/* One screen row of the pane: bytes [a, b) of a line's text. */
struct row {
	unsigned long long	 seq;
	size_t			 a, b;
	int			 first;		/* the line's first row: its label */
	int			 last;		/* the line's last row */
	int			 more;		/* the line goes on below the pane */
};

/*
 * Rows of a line wrapped at w columns: starts[i] (for i < max) is where row
 * i begins; returns the count. A cut line's marker goes after the text, on
 * a row of its own when it does not fit beside it.
 */
static int
line_rows(const struct out_line *l, int w, size_t *starts, int max)
{
	size_t	len = strlen(l->text), a = 0, n;
	int	count = 0, cols = 0, mcols;

	do {
		if (count < max)
			starts[count] = a;
		count++;
		n = fit_bytes(l->text + a, len - a, w, &cols);
		a += n;
	} while (a < len);
	if (l->cut) {
		mcols = ui_text_cols(cut_marker(), strlen(cut_marker()));
		if (cols + mcols > w) {
			if (count < max)
				starts[count] = len;
			count++;
		}
	}
	return count;
}

/* Rows a line takes: one when lines are chopped. */
static int
line_height(const struct ui_output *o, const struct out_line *l, int w)
{
	size_t	dummy;

	if (!o->wrap || o->hscroll > 0)
		return 1;
	return line_rows(l, w, &dummy, 0);
}

/*
 * Append line l's rows from row skip on to rows[] (at most max in all);
 * the last row appended says whether the line goes on.
 */
static void
add_line(const struct ui_output *o, const struct out_line *l, int w, int skip,
    struct row *rows, int *n, int max)
{
	static size_t	*starts;	/* grown to the most rows a line took */
	static int	 cap;
	size_t		 len = strlen(l->text);
	int		 count, i;

	if (cap == 0) {
		cap = ROWS_MAX;
		starts = xreallocarray(NULL, cap, sizeof *starts);
	}
	if (!o->wrap || o->hscroll > 0) {
		count = 1;
		starts[0] = 0;
	} else if ((count = line_rows(l, w, starts, cap)) > cap) {
		cap = count;
		starts = xreallocarray(starts, cap, sizeof *starts);
		line_rows(l, w, starts, cap);
	}
	for (i = skip; i < count && *n < max; i++, (*n)++) {
		rows[*n].seq = l->seq;
		rows[*n].a = starts[i];
		rows[*n].b = i + 1 < count ? starts[i + 1] : len;
		rows[*n].first = i == 0;
		rows[*n].last = i == count - 1;
		rows[*n].more = 0;
	}
	if (*n > 0 && i < count)
		rows[*n - 1].more = 1;
}

/*
 * Which rows the pane shows: the view's bottom line whole at the bottom
 * (taller than the pane: its head, marked), older lines above it, the top
 * one possibly only its tail. When everything down to the oldest line fits
 * with rows to spare, the pane is filled from the top instead (the marker
 * of dropped lines first). Returns the rows; *marker says if row 0 of the
 * pane is the dropped-lines marker (not in rows[]).
 */
static int
layout(struct ui_output *o, struct job *job, int avail, int w,
    struct row *rows, int *marker)
{
	unsigned long long	 first = job_lines_first(job), last, b, s;
	const struct out_line	*l;
	int			 used = 0, n = 0, h;

	last = job_lines_next(job) - 1;
	b = view_bottom(o, job);
	*marker = 0;
	for (s = b;; s--) {
		if ((l = job_line(job, s)) == NULL)
			return 0;
		h = line_height(o, l, w);
		if (used + h >= avail) {
			/* Line s is the top one: its tail, or if it is the bottom one, its head. */
			add_line(o, l, w, s == b ? 0 : h - (avail - used), rows,
			    &n, avail);
			for (s++; s <= b; s++)
				add_line(o, job_line(job, s), w, 0, rows, &n,
				    avail);
			return n;
		}
		used += h;
		if (s == first)
			break;
	}
	/* Room to spare: from the top, down as far as the rows go. */
	if (job_lines_dropped(job) > 0) {
		*marker = 1;
		avail--;
	}
	for (s = first; s <= last && n < avail; s++) {
		if (s > b && o->follow)
			break;
		add_line(o, job_line(job, s), w, 0, rows, &n, avail);
	}
	if (!o->follow && n > 0)
		o->bottom = rows[n - 1].more && rows[n - 1].seq > first ?
		    rows[n - 1].seq - 1 : rows[n - 1].seq;
	return n;
}

/*
 * Draw bytes [a, b) of text at (y, x) in at most w columns, the matches of
 * the pattern highlighted (a match split over two rows is lit on both).
 */
static int
draw_span(const struct ui_output *o, int y, int x, int w, attr_t attr,
    const char *text, size_t a, size_t b)
{
	const char	*p = text, *m;
	size_t		 plen, ms, me, e;
	int		 used = 0;

	if (o->pattern != NULL && (plen = strlen(o->pattern)) > 0) {
		while (a < b && used < w && (m = strcasestr(p, o->pattern)) != NULL) {
			ms = (size_t)(m - text);
			me = ms + plen;
			p = m + plen;
			if (me <= a)
				continue;
			if (ms >= b)
				break;
			if (ms > a) {
				used += ui_putn(y, x + used, w - used, attr,
				    text + a, ms - a);
				a = ms;
			}
			e = me < b ? me : b;
			used += ui_putn(y, x + used, w - used,
			    ui_attr(ROLE_MATCH), text + a, e - a);
			a = e;
		}
	}
	if (a < b && used < w)
		used += ui_putn(y, x + used, w - used, attr, text + a, b - a);
	return used;
}

/* The label column of a row: the writer on a line's first row, else a mark. */
static void
draw_label(const struct ui_output *o, struct job *job, const struct out_line *l,
    const struct row *rw, int y, int x)
{
	const struct ui_glyphs	*g = ui_glyphs();
	char			 label[64], who[64], *p;
	size_t			 wl, hl;
	int			 wi, lw = o->labelw - 1, room;

	if (!rw->first) {
		ui_put(y, x + lw, 1, ui_attr(ROLE_MARKER), g->utf8 ? "↪" : "+");
		return;
	}
	wi = ui_worker(job, l->pid, label, sizeof label);
	if (l->rank >= 0)	/* an MPI rank: its own colour */
		wi = l->rank;
	if (l->from == NULL && l->rank >= 0)	/* a rank on this machine */
		snprintf(label, sizeof label, "r%d", l->rank);
	else if (l->from != NULL) {	/* host/pid, or host/rN for a rank */
		if (l->rank >= 0)
			snprintf(who, sizeof who, "r%d", l->rank);
		else
			memcpy(who, label, sizeof who);
		wl = strnlen(who, 15);
		hl = strlen(l->from);
		room = lw - 1 - (int)wl;
		if (room < 2)
			room = 2;
		p = label;
		if ((int)hl > room) {
			memcpy(p, l->from, (size_t)room - 1);
			p += room - 1;
			*p++ = '~';
		} else {
			memcpy(p, l->from, hl);
			p += hl;
		}
		*p++ = '/';
		memcpy(p, who, wl);
		p[wl] = '\0';
	}
	if (o->has_match && o->match == l->seq)
		ui_printf(y, x, lw, ui_attr(ROLE_MATCH), "%*s", lw, label);
	else
		ui_printf(y, x, lw, ui_worker_attr(wi) | A_BOLD, "%*s", lw,
		    label);
	ui_put(y, x + lw, 1, l->stream == STREAM_ERR ?
	    ui_attr(ROLE_STDERR) | A_BOLD : ui_attr(ROLE_BORDER),
	    l->stream == STREAM_ERR ? "!" : g->vline);
}

/*
 * One row of text at x (the label's separator at x - 1). Wrapped, its
 * bytes; chopped, the line from column hscroll on, with a marker at either
 * edge where the line goes on.
 */
static void
draw_row(struct ui_output *o, const struct out_line *l, const struct row *rw,
    int y, int x, int w)
{
	const struct ui_glyphs	*g = ui_glyphs();
	attr_t			 attr;
	size_t			 len = strlen(l->text), skip;
	int			 used, cols, total;

	attr = l->stream == STREAM_ERR ? ui_attr(ROLE_STDERR) :
	    ui_attr(ROLE_NORMAL);
	total = ui_text_cols(l->text, len);
	if (total > o->maxcols)
		o->maxcols = total;
	if (o->wrap && o->hscroll == 0) {
		used = draw_span(o, y, x, rw->more ? w - 1 : w, attr, l->text,
		    rw->a, rw->b);
		if (rw->more)
			ui_put(y, x + w - 1, 1, ui_attr(ROLE_MARKER), g->ellipsis);
		else if (rw->last && l->cut)
			ui_put(y, x + used, w - used, ui_attr(ROLE_MARKER),
			    cut_marker());
		return;
	}
	skip = o->hscroll > 0 ? fit_bytes(l->text, len, o->hscroll, &cols) : 0;
	if (o->hscroll > 0 && cols < o->hscroll)
		skip = len;	/* the line ends left of the view */
	used = draw_span(o, y, x, w, attr, l->text, skip, len);
	if (total - o->hscroll > w)
		ui_put(y, x + w - 1, 1, ui_attr(ROLE_MARKER), g->right);
	else if (l->cut)
		ui_put(y, x + used, w - used, ui_attr(ROLE_MARKER), cut_marker());
	/* More to the left: the marker takes the label's separator. */
	if (o->hscroll > 0 && skip < len)
		ui_put(y, x - 1, 1, ui_attr(ROLE_MARKER), g->left);
}

/* The title row: name (and the run it shows), line counts, the scroll state. */
static void
draw_title(const struct ui_output *o, const struct ui_rect *r,
    struct job *job, const char *label, int selected)
{
	unsigned long long	 dropped, below;
	char			 title[192], right[96], mark[64], where[32];
	int			 tcols;

	if (job == NULL) {
		ui_title(r, "Output", NULL, selected);
		return;
	}
	if (label != NULL && *label != '\0')
		snprintf(title, sizeof title, "Output (%s)", label);
	else
		snprintf(title, sizeof title, "Output");
	tcols = ui_text_cols(title, strlen(title)) + 3;
	dropped = job_lines_dropped(job);
	below = 0;
	if (!o->follow && job_lines_next(job) > job_lines_first(job))
		below = job_lines_next(job) - 1 - view_bottom(o, job);
	where[0] = '\0';
	if (o->hscroll > 0)
		snprintf(where, sizeof where, "col %d, ", o->hscroll + 1);
	else if (!o->wrap)
		snprintf(where, sizeof where, "chopped, ");
	if (o->follow)
		snprintf(right, sizeof right, "%s%llu line%s, following",
		    where, job_lines_next(job), job_lines_next(job) == 1 ?
		    "" : "s");
	else
		snprintf(right, sizeof right, "%s%llu below, End follows",
		    where, below);
	if (tcols + (int)strlen(right) + 3 > r->w)
		snprintf(right, sizeof right, "%s%s", where, o->follow ?
		    "following" : "scrolled");
	mark[0] = '\0';
	if (dropped > 0) {
		snprintf(mark, sizeof mark, " %llu lines dropped ", dropped);
		if (tcols + strlen(mark) + strlen(right) + 3 > (size_t)r->w)
			snprintf(mark, sizeof mark, " %llu dropped ", dropped);
		if (tcols + strlen(mark) + strlen(right) + 3 > (size_t)r->w)
			right[0] = '\0';
	}
	ui_title(r, title, right, selected);
	if (mark[0] != '\0')
		ui_put(r->y, r->x + tcols, r->w - tcols - 3 - (int)strlen(right),
		    ui_attr(ROLE_MARKER), mark);
}

/* A warning row above the lines. */
static void
draw_note(const struct ui_rect *r, int y, const char *note)
{
	ui_repeat(y, r->x, r->w, ui_attr(ROLE_NORMAL), " ");
	ui_printf(y, r->x, r->w, ui_attr(ROLE_BADGE_WARN), " %s ", note);
}

/*
 * The output pane; label (or "") names the run it shows once that run has
 * ended ("last run: lock -w 8, 1.2 s"), note (or "") is a warning over it.
 */
void
ui_output_draw(struct ui_output *o, const struct ui_rect *r, struct job *job,
    const char *label, const char *note, int selected)
{
	static struct row	 rows[ROWS_MAX];
	const struct out_line	*l;
	int			 avail = r->h - 1, y = r->y + 1, marker, n, i;
	int			 w;

	o->labelw = job_has_hosts(job) ? HOST_LABEL_COLS : LABEL_COLS;
	w = r->w - o->labelw;
	draw_title(o, r, job, label, selected);
	if (note != NULL && *note != '\0' && avail > 1) {
		draw_note(r, y++, note);
		avail--;
	}
	o->page = avail > 0 ? avail : 1;
	o->textw = w;
	if (avail <= 0 || w <= 0)
		return;
	if (avail > ROWS_MAX)
		avail = ROWS_MAX;
	if (job == NULL) {
		ui_put(y, r->x + 1, r->w - 1, ui_attr(ROLE_DIM),
		    "No demo running: press m for the demo menu.");
		return;
	}
	if (job_lines_next(job) == job_lines_first(job)) {
		if (job_lines_dropped(job) > 0)
			ui_printf(y, r->x + 1, r->w - 1, ui_attr(ROLE_MARKER),
			    "--- %llu lines dropped ---", job_lines_dropped(job));
		else
			ui_put(y, r->x + 1, r->w - 1, ui_attr(ROLE_DIM),
			    "(no output yet)");
		return;
	}
	n = layout(o, job, avail, w, rows, &marker);
	if (marker) {
		ui_printf(y, r->x, r->w, ui_attr(ROLE_MARKER),
		    "--- %llu earlier lines dropped ---", job_lines_dropped(job));
		y++;
	}
	o->maxcols = 0;
	o->shown = 0;
	for (i = 0; i < n; i++, y++) {
		if ((l = job_line(job, rows[i].seq)) == NULL)
			continue;
		if (i == 0 || rows[i].seq != rows[i - 1].seq) {
			o->shown++;
			if (i == 0)
				o->top = rows[i].seq;
		}
		draw_label(o, job, l, &rows[i], y, r->x);
		draw_row(o, l, &rows[i], y, r->x + o->labelw, w);
	}
}

void
ui_output_search_begin(struct ui_output *o)
{
	o->prompt = 1;
	o->ilen = 0;
	o->input[0] = '\0';
	o->msg = NULL;
}

/* "not found" after a search that found nothing, else NULL. */
const char *
ui_output_message(const struct ui_output *o)
{
	return o->msg;
}

int
ui_output_searching(const struct ui_output *o)
{
	return o->prompt;
}

/*
 * Find the pattern from the current match (or the view's bottom), towards
 * older lines when dir > 0, newer when dir < 0, and bring it into view.
 */
void
ui_output_search_next(struct ui_output *o, struct job *job, int dir)
{
	unsigned long long	 first, last, s;
	const struct out_line	*l;

	o->msg = NULL;
	if (o->pattern == NULL || job == NULL ||
	    job_lines_next(job) == job_lines_first(job))
		return;
	first = job_lines_first(job);
	last = job_lines_next(job) - 1;
	s = o->has_match && o->match >= first && o->match <= last ?
	    o->match : view_bottom(o, job) + (dir > 0 ? 1 : 0);
	for (;;) {
		if (dir > 0) {
			if (s <= first)
				break;
			s--;
		} else {
			if (s >= last)
				break;
			s++;
		}
		if ((l = job_line(job, s)) != NULL &&
		    strcasestr(l->text, o->pattern) != NULL) {
			o->has_match = 1;
			o->match = s;
			o->follow = 0;
			o->bottom = s + o->page / 2 < last ? s + o->page / 2 : last;
			return;
		}
	}
	o->msg = "not found";
}

/* A key while the search prompt is open; always consumed. */
int
ui_output_prompt_key(struct ui_output *o, struct job *job, int key)
{
	switch (key) {
	case 27:
		o->prompt = 0;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		o->prompt = 0;
		free(o->pattern);
		o->pattern = o->ilen > 0 ? xstrdup(o->input) : NULL;
		o->has_match = 0;
		if (o->pattern != NULL)
			ui_output_search_next(o, job, 1);
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (o->ilen > 0)
			o->input[--o->ilen] = '\0';
		break;
	default:
		if (key >= 0x20 && key < 0x7f && o->ilen + 1 < sizeof o->input) {
			o->input[o->ilen++] = (char)key;
			o->input[o->ilen] = '\0';
		}
		break;
	}
	return 1;
}

/* The prompt, on the key bar's row while it is open; else a message. */
void
ui_output_prompt_draw(const struct ui_output *o, const struct ui_rect *r)
{
	int	x = r->x;

	ui_repeat(r->y, r->x, r->w, ui_attr(ROLE_NORMAL), " ");
	if (o->prompt) {
		x += ui_put(r->y, x, r->w, ui_attr(ROLE_KEY), "Search: ");
		x += ui_put(r->y, x, r->x + r->w - x, ui_attr(ROLE_NORMAL),
		    o->input);
		ui_put(r->y, x, r->x + r->w - x, ui_attr(ROLE_KEY),
		    "_   (Enter: find, Esc: cancel)");
	}
}
