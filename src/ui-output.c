/*
 * ui-output.c: the demo's interleaved output. Each line is prefixed with its
 * writer's label in the writer's colour (the same colour as in the timeline
 * and the process table); stderr lines are marked. The pane follows the
 * newest line until scrolled (PgUp/PgDn, Up/Down, Home), End follows again;
 * "/" searches (case-insensitive) and highlights the matches; when the line
 * buffer has dropped old lines, the title says how many and a marker line
 * stands where they were.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "job.h"
#include "ui-draw.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "util.h"

#define LABEL_COLS	8	/* "4194304 " */
#define INPUT_MAX	128

struct ui_output {
	int			 follow;
	int			 frozen_follow;	/* follow state before a freeze */
	unsigned long long	 bottom;	/* seq at the bottom when not following */
	int			 page;		/* text rows at the last draw */

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
	/* Not below the first page: the top line stays the oldest one. */
	if (b < first + (unsigned long long)o->page - 1 &&
	    last >= first + (unsigned long long)o->page - 1)
		b = first + o->page - 1;
	o->bottom = b;
	o->follow = b >= last;
}

void
ui_output_home(struct ui_output *o, struct job *job)
{
	if (job == NULL)
		return;
	o->follow = 0;
	o->bottom = job_lines_first(job) + o->page - 1;
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

/* Draw text with the matches of the pattern highlighted. */
static void
draw_text(const struct ui_output *o, int y, int x, int w, attr_t attr,
    const char *text)
{
	const char	*p = text, *m;
	size_t		 plen;
	int		 end = x + w;

	if (o->pattern == NULL || *o->pattern == '\0') {
		ui_put(y, x, w, attr, text);
		return;
	}
	plen = strlen(o->pattern);
	while (x < end && (m = strcasestr(p, o->pattern)) != NULL) {
		x += ui_putn(y, x, end - x, attr, p, (size_t)(m - p));
		x += ui_putn(y, x, end - x, ui_attr(ROLE_MATCH), m, plen);
		p = m + plen;
	}
	if (x < end)
		ui_put(y, x, end - x, attr, p);
}

static void
draw_line(const struct ui_output *o, struct job *job,
    const struct out_line *l, int y, int x, int w)
{
	const struct ui_glyphs	*g = ui_glyphs();
	char			 label[16];
	int			 wi;

	wi = ui_worker(job, l->pid, label, sizeof label);
	if (o->has_match && o->match == l->seq)
		ui_printf(y, x, LABEL_COLS - 1, ui_attr(ROLE_MATCH), "%7s",
		    label);
	else
		ui_printf(y, x, LABEL_COLS - 1, ui_worker_attr(wi) | A_BOLD,
		    "%7s", label);
	ui_put(y, x + LABEL_COLS - 1, 1, l->stream == STREAM_ERR ?
	    ui_attr(ROLE_STDERR) | A_BOLD : ui_attr(ROLE_BORDER),
	    l->stream == STREAM_ERR ? "!" : g->vline);
	draw_text(o, y, x + LABEL_COLS, w - LABEL_COLS, l->stream == STREAM_ERR ?
	    ui_attr(ROLE_STDERR) : ui_attr(ROLE_NORMAL), l->text);
}

/* The title row: name, line counts, the dropped count, the scroll state. */
static void
draw_title(const struct ui_output *o, const struct ui_rect *r,
    struct job *job, int selected)
{
	unsigned long long	 dropped, below;
	char			 right[96], mark[64];

	if (job == NULL) {
		ui_title(r, "Output", NULL, selected);
		return;
	}
	dropped = job_lines_dropped(job);
	below = 0;
	if (!o->follow && job_lines_next(job) > job_lines_first(job))
		below = job_lines_next(job) - 1 - view_bottom(o, job);
	if (o->follow)
		snprintf(right, sizeof right, "%llu lines, following",
		    job_lines_next(job));
	else
		snprintf(right, sizeof right, "%llu below, End follows", below);
	mark[0] = '\0';
	if (dropped > 0) {
		snprintf(mark, sizeof mark, " %llu lines dropped ", dropped);
		if (13 + strlen(mark) + strlen(right) > (size_t)r->w)
			snprintf(mark, sizeof mark, " %llu dropped ", dropped);
		if (13 + strlen(mark) + strlen(right) > (size_t)r->w)
			snprintf(right, sizeof right, "%s", o->follow ?
			    "following" : "scrolled");
	}
	ui_title(r, "Output", right, selected);
	if (mark[0] != '\0')
		ui_put(r->y, r->x + 10, r->w - 13 - (int)strlen(right),
		    ui_attr(ROLE_MARKER), mark);
}

/* The output pane. */
void
ui_output_draw(struct ui_output *o, const struct ui_rect *r, struct job *job,
    int selected)
{
	unsigned long long	 first, bottom, top, count, s;
	const struct out_line	*l;
	int			 rows = r->h - 1, y = r->y + 1, marker = 0;

	o->page = rows > 0 ? rows : 1;
	draw_title(o, r, job, selected);
	if (rows <= 0)
		return;
	if (job == NULL) {
		ui_put(y, r->x + 1, r->w - 1, ui_attr(ROLE_DIM),
		    "No demo running: press m for the demo menu.");
		return;
	}
	first = job_lines_first(job);
	if (job_lines_next(job) == first) {
		if (job_lines_dropped(job) > 0)
			ui_printf(y, r->x + 1, r->w - 1, ui_attr(ROLE_MARKER),
			    "--- %llu lines dropped ---", job_lines_dropped(job));
		else
			ui_put(y, r->x + 1, r->w - 1, ui_attr(ROLE_DIM),
			    "(no output yet)");
		return;
	}
	bottom = view_bottom(o, job);
	count = bottom - first + 1;
	if (count > (unsigned long long)rows)
		count = rows;
	top = bottom - count + 1;
	if (top == first && job_lines_dropped(job) > 0) {
		marker = 1;
		/* The marker takes a row: following, lose the top line. */
		if (count == (unsigned long long)rows) {
			if (o->follow)
				top++;
			else
				bottom--;
			count--;
		}
	}
	if (marker) {
		ui_printf(y, r->x, r->w, ui_attr(ROLE_MARKER),
		    "--- %llu earlier lines dropped ---", job_lines_dropped(job));
		y++;
	}
	for (s = top; s <= bottom && y < r->y + r->h; s++, y++) {
		if ((l = job_line(job, s)) != NULL)
			draw_line(o, job, l, y, r->x, r->w);
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
