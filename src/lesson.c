/*
 * lesson.c: turbotop --script FILE. Checks the whole lesson first (any error:
 * FILE:LINE: messages, exit 2, nothing started), then plays it headless
 * (lesson-batch.c) or in the TUI, which it drives through a ui_driver
 * (ui.h): the TUI side lives here, in a struct passed to the callbacks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "lesson-parse.h"
#include "lesson-play.h"
#include "lesson.h"
#include "options.h"
#include "record.h"
#include "ui.h"
#include "utf8.h"
#include "util.h"

#define PROBLEM_SECS	6.0	/* a step's problem stays in the caption */

/* The lesson the TUI is playing: the driver's argument. */
struct lesson_tui {
	struct lesson_player	*p;
	struct job		*shown;		/* the job started last */
	char			*label;		/* its command, for the status bar */
	int			 changed;	/* LESSON_* flags not yet returned */
	char			*problem;
	double			 problem_until;
	char			*caption;	/* tui_caption()'s buffer */
};

/* Load and check the lesson named by -s; NULL after printing the errors. */
static struct lesson *
lesson_load(const struct options *o)
{
	struct lesson	*l;
	char		*cause;

	if (o->argc > 0) {
		fprintf(stderr, "turbotop: a lesson starts its own demos: give "
		    "--script FILE or a %s, not both\n",
		    o->is_command ? "command" : "demo");
		return NULL;
	}
	if ((l = lesson_parse_file(o->script, &cause)) == NULL) {
		fputs(cause, stderr);
		if (*cause != '\0' && cause[strlen(cause) - 1] != '\n')
			fputc('\n', stderr);
		free(cause);
		return NULL;
	}
	return l;
}

static void
tui_step(void *arg, const struct lesson_step *st)
{
	struct lesson_tui	*t = arg;

	(void)st;
	t->changed |= UI_DRIVER_REDRAW;
}

static void
tui_started(void *arg, const struct lesson_step *st, struct job *job)
{
	struct lesson_tui	*t = arg;
	char			*s;
	int			 i;

	free(t->label);
	t->label = xstrdup(st->kind == LESSON_BENCH ? "bench" : "");
	for (i = 0; i < st->argc; i++) {
		xasprintf(&s, "%s%s%s", t->label, *t->label != '\0' ? " " : "",
		    st->argv[i]);
		free(t->label);
		t->label = s;
	}
	t->shown = job;
	t->changed |= UI_DRIVER_NEW_JOB | UI_DRIVER_REDRAW;
}

static void
tui_problem(void *arg, const struct lesson_step *st, int failed,
    const char *msg)
{
	struct lesson_tui	*t = arg;

	(void)failed;
	free(t->problem);
	xasprintf(&t->problem, "line %d: %s", st->line, msg);
	t->problem_until = now_mono() + PROBLEM_SECS;
	t->changed |= UI_DRIVER_REDRAW;
}

static void
tui_forget(void *arg, struct job *job)
{
	struct lesson_tui	*t = arg;

	if (job == t->shown) {
		t->shown = NULL;
		t->changed |= UI_DRIVER_NEW_JOB | UI_DRIVER_REDRAW;
	}
}

static const struct lesson_hooks tui_hooks = {
	.step = tui_step,
	.started = tui_started,
	.problem = tui_problem,
	.forget = tui_forget,
	/* bench: NULL, so it runs as a job of turbotop -b and the TUI goes on. */
};

/*
 * The driver's poll: play what is due; lower *timeout (seconds, for
 * jobs_wait()) to the lesson's next deadline. Returns UI_DRIVER_* flags.
 */
static int
tui_poll(void *arg, double *timeout)
{
	struct lesson_tui	*t = arg;
	double			 left;
	int			 flags;

	left = lesson_player_run(t->p);
	if (left < 0 || left > 1)
		left = 1;	/* the caption counts down the seconds */
	if (t->problem_until > 0 && now_mono() >= t->problem_until) {
		t->problem_until = 0;
		t->changed |= UI_DRIVER_REDRAW;
	}
	if (left < *timeout)
		*timeout = left;
	flags = t->changed;
	t->changed = 0;
	return flags;
}

/* The job to show: the one the lesson started last, NULL if none. */
static struct job *
tui_job(void *arg)
{
	struct lesson_tui	*t = arg;

	return t->shown;
}

/* Its command line as the lesson wrote it, for the status bar. */
static const char *
tui_label(void *arg)
{
	struct lesson_tui	*t = arg;

	return t->label != NULL ? t->label : "";
}

/*
 * n or Enter: go on now (ends a timed wait, wait exit or wait key); N:
 * back to the nearest earlier section that runs something.
 */
static int
tui_key(void *arg, int ch)
{
	struct lesson_tui	*t = arg;

	if (ch == 'N')
		lesson_player_prev(t->p);
	else if (ch == 'n' || ch == '\r' || ch == '\n') {	/* the UI's Enter */
		lesson_player_next(t->p);
		lesson_player_key(t->p);
	} else
		return 0;
	t->changed |= UI_DRIVER_REDRAW;
	return 1;
}

/*
 * What the wait in progress waits for, for the caption: the long form, or
 * with shortly the short one for a narrow screen.
 */
static void
wait_hint(struct lesson_tui *t, char *buf, size_t len, int shortly)
{
	const struct lesson_step	*st = lesson_player_current(t->p);
	double				 left;

	*buf = '\0';
	if (lesson_player_done(t->p)) {
		snprintf(buf, len, shortly ? "  [end: N, q]" :
		    "  [end: N replays, q quits]");
		return;
	}
	if (st == NULL)
		return;
	left = lesson_player_wait_left(t->p);
	if (st->kind == LESSON_WAIT_KEY)
		snprintf(buf, len, shortly ? "  [n]" : "  [n or Enter: next]");
	else if (st->kind == LESSON_WAIT_EXIT && left < 0)
		snprintf(buf, len, shortly ? "  [running; n]" :
		    "  [waiting for the demo to end; n: next]");
	else if (st->kind == LESSON_CLEAR)
		snprintf(buf, len, shortly ? "  [stopping]" :
		    "  [stopping the demo before going on]");
	else if (left > 0)
		snprintf(buf, len, shortly ? "  [%.0fs; n]" :
		    "  [next in %.0fs; n: now]", left + 0.499);
}

/* Columns of s (one a code point: captions are text, not wide glyphs). */
static size_t
columns(const char *s)
{
	size_t	n = 0, len = strlen(s), k;

	while (len > 0 && (k = utf8_decode(s, len, NULL)) > 0) {
		s += k;
		len -= k;
		n++;
	}
	return n;
}

/* The bytes of s's first cols columns. */
static size_t
cut_at(const char *s, size_t cols)
{
	size_t	len = strlen(s), at = 0, k;

	while (cols-- > 0 && at < len &&
	    (k = utf8_decode(s + at, len - at, NULL)) > 0)
		at += k;
	return at;
}

/*
 * The caption bar for a bar width columns wide: the section, the caption
 * (or a step's problem, for a few seconds), what the lesson waits for, then
 * the title. What gives way when it does not fit: the title first, then
 * the long words ("lesson 2/6" becomes "2/6", the hint its short form), and
 * only then the caption's end, cut with a visible "...".
 */
static const char *
tui_caption(void *arg, int width)
{
	struct lesson_tui	*t = arg;
	const char	*title = lesson_player_title(t->p);
	const char	*caption = lesson_player_caption(t->p);
	char		 hint[64], sect[32];
	size_t		 room, head;

	if (t->problem_until > 0)
		caption = t->problem;
	if (caption == NULL)
		caption = "";
	free(t->caption);
	wait_hint(t, hint, sizeof hint, 0);
	snprintf(sect, sizeof sect, " lesson %zu/%zu  ",
	    lesson_player_section(t->p), lesson_player_sections(t->p));
	xasprintf(&t->caption, "%s%s%s%s%s", sect, caption, hint,
	    title != NULL ? "  | " : "", title != NULL ? title : "");
	if (width <= 0 || columns(t->caption) <= (size_t)width ||
	    columns(sect) + columns(caption) + columns(hint) <= (size_t)width)
		return t->caption;	/* whole, or only the title cut */

	free(t->caption);
	wait_hint(t, hint, sizeof hint, 1);
	snprintf(sect, sizeof sect, " %zu/%zu  ", lesson_player_section(t->p),
	    lesson_player_sections(t->p));
	head = columns(sect) + columns(hint);
	room = (size_t)width > head ? (size_t)width - head : 0;
	if (columns(caption) <= room)
		xasprintf(&t->caption, "%s%s%s", sect, caption, hint);
	else
		xasprintf(&t->caption, "%s%.*s...%s", sect,
		    (int)cut_at(caption, room > 3 ? room - 3 : 0), caption, hint);
	return t->caption;
}

/* Play the checked lesson l in the TUI (recorded with -r). */
static int
lesson_tui(const struct options *o, const struct lesson *l)
{
	struct lesson_tui	 t;
	const struct ui_driver	 drv = { .arg = &t, .poll = tui_poll,
				    .job = tui_job, .label = tui_label,
				    .key = tui_key, .caption = tui_caption };
	struct job_config	 cfg;
	char			*title;
	int			 rc;

	memset(&cfg, 0, sizeof cfg);
	cfg.pty = o->pty;
	cfg.max_lines = o->max_lines;
	cfg.grace = o->grace;
	jobs_init();
	memset(&t, 0, sizeof t);
	t.p = lesson_player_new(l, &cfg, 0, &tui_hooks, &t);
	xasprintf(&title, "turbotop lesson: %s", lesson_title(l) != NULL ?
	    lesson_title(l) : o->script);
	rc = record_run(o, title, &drv);
	free(title);
	lesson_player_finish(t.p);
	lesson_player_free(t.p);
	free(t.label);
	free(t.problem);
	free(t.caption);
	return rc;
}

int
lesson_main(const struct options *o)
{
	struct lesson	*l;
	int		 rc;

	if ((l = lesson_load(o)) == NULL)
		return 2;
	if (o->batch)
		rc = lesson_batch(o, l);
	else
		rc = lesson_tui(o, l);
	lesson_free(l);
	return rc;
}
