/*
 * lesson.c: turbotop --script FILE. Checks the whole lesson first (any error:
 * FILE:LINE: messages, exit 2, nothing started), then plays it headless
 * (lesson-batch.c) or in the TUI, where ui.c drives the player through the
 * functions of lesson.h (the TUI side lives here: one lesson per process).
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

/* The lesson the TUI is playing. */
static struct {
	struct lesson_player	*p;
	struct job		*shown;		/* the job started last */
	char			*label;		/* its command, for the status bar */
	int			 changed;	/* LESSON_* flags not yet returned */
	char			*problem;
	double			 problem_until;
	char			*caption;	/* lesson_caption()'s buffer */
} tui;

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
	tui.changed |= LESSON_REDRAW;
}

static void
tui_started(void *arg, const struct lesson_step *st, struct job *job)
{
	char	*t;
	int	 i;

	free(tui.label);
	tui.label = xstrdup(st->kind == LESSON_BENCH ? "bench" : "");
	for (i = 0; i < st->argc; i++) {
		xasprintf(&t, "%s%s%s", tui.label, *tui.label != '\0' ? " " : "",
		    st->argv[i]);
		free(tui.label);
		tui.label = t;
	}
	tui.shown = job;
	tui.changed |= LESSON_NEW_JOB | LESSON_REDRAW;
}

static void
tui_problem(void *arg, const struct lesson_step *st, int failed,
    const char *msg)
{
	free(tui.problem);
	xasprintf(&tui.problem, "line %d: %s", st->line, msg);
	tui.problem_until = now_mono() + PROBLEM_SECS;
	tui.changed |= LESSON_REDRAW;
}

static void
tui_forget(void *arg, struct job *job)
{
	if (job == tui.shown) {
		tui.shown = NULL;
		tui.changed |= LESSON_NEW_JOB | LESSON_REDRAW;
	}
}

static const struct lesson_hooks tui_hooks = {
	.step = tui_step,
	.started = tui_started,
	.problem = tui_problem,
	.forget = tui_forget,
	/* bench: NULL, so it runs as a job of turbotop -b and the TUI goes on. */
};

/* True while the TUI plays a lesson. */
int
lesson_active(void)
{
	return tui.p != NULL;
}

/*
 * Play what is due; lower *timeout (seconds, for jobs_wait()) to the
 * lesson's next deadline. Returns LESSON_REDRAW and LESSON_NEW_JOB flags.
 */
int
lesson_tick(double *timeout)
{
	double	left;
	int	flags;

	left = lesson_player_run(tui.p);
	if (left < 0 || left > 1)
		left = 1;	/* the caption counts down the seconds */
	if (tui.problem_until > 0 && now_mono() >= tui.problem_until) {
		tui.problem_until = 0;
		tui.changed |= LESSON_REDRAW;
	}
	if (left < *timeout)
		*timeout = left;
	flags = tui.changed;
	tui.changed = 0;
	return flags;
}

/* The job to show: the one the lesson started last, NULL if none. */
struct job *
lesson_job(void)
{
	return tui.shown;
}

/* Its command line as the lesson wrote it, for the status bar. */
const char *
lesson_job_label(void)
{
	return tui.label != NULL ? tui.label : "";
}

/* True if job belongs to the lesson (the TUI must not free it). */
int
lesson_owns(const struct job *job)
{
	size_t	i;

	if (tui.p == NULL || job == NULL)
		return 0;
	for (i = 0; i < lesson_player_njobs(tui.p); i++) {
		if (lesson_player_job(tui.p, i) == job)
			return 1;
	}
	return 0;
}

/* n: go on now (ends a timed wait, wait exit or wait key). */
void
lesson_step_next(void)
{
	lesson_player_next(tui.p);
	lesson_player_key(tui.p);
	tui.changed |= LESSON_REDRAW;
}

/* N: back to the nearest earlier section that runs something. */
void
lesson_step_prev(void)
{
	lesson_player_prev(tui.p);
	tui.changed |= LESSON_REDRAW;
}

/* The current section of the lesson, from 1 (0 before it starts). */
size_t
lesson_current_step(void)
{
	return lesson_player_section(tui.p);
}

/*
 * What the wait in progress waits for, for the caption: the long form, or
 * with shortly the short one for a narrow screen.
 */
static void
wait_hint(char *buf, size_t len, int shortly)
{
	const struct lesson_step	*st = lesson_player_current(tui.p);
	double				 left;

	*buf = '\0';
	if (lesson_player_done(tui.p)) {
		snprintf(buf, len, shortly ? "  [end: N, q]" :
		    "  [end: N replays, q quits]");
		return;
	}
	if (st == NULL)
		return;
	left = lesson_player_wait_left(tui.p);
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
const char *
lesson_caption(int width)
{
	const char	*title = lesson_player_title(tui.p);
	const char	*caption = lesson_player_caption(tui.p);
	char		 hint[64], sect[32];
	size_t		 room, head;

	if (tui.problem_until > 0)
		caption = tui.problem;
	if (caption == NULL)
		caption = "";
	free(tui.caption);
	wait_hint(hint, sizeof hint, 0);
	snprintf(sect, sizeof sect, " lesson %zu/%zu  ",
	    lesson_player_section(tui.p), lesson_player_sections(tui.p));
	xasprintf(&tui.caption, "%s%s%s%s%s", sect, caption, hint,
	    title != NULL ? "  | " : "", title != NULL ? title : "");
	if (width <= 0 || columns(tui.caption) <= (size_t)width ||
	    columns(sect) + columns(caption) + columns(hint) <= (size_t)width)
		return tui.caption;	/* whole, or only the title cut */

	free(tui.caption);
	wait_hint(hint, sizeof hint, 1);
	snprintf(sect, sizeof sect, " %zu/%zu  ", lesson_player_section(tui.p),
	    lesson_player_sections(tui.p));
	head = columns(sect) + columns(hint);
	room = (size_t)width > head ? (size_t)width - head : 0;
	if (columns(caption) <= room)
		xasprintf(&tui.caption, "%s%s%s", sect, caption, hint);
	else
		xasprintf(&tui.caption, "%s%.*s...%s", sect,
		    (int)cut_at(caption, room > 3 ? room - 3 : 0), caption, hint);
	return tui.caption;
}

/* Play the checked lesson l in the TUI (recorded with -r). */
static int
lesson_tui(const struct options *o, const struct lesson *l)
{
	struct job_config	 cfg;
	char			*title;
	int			 rc;

	memset(&cfg, 0, sizeof cfg);
	cfg.pty = o->pty;
	cfg.max_lines = o->max_lines;
	cfg.grace = o->grace;
	jobs_init();
	tui.p = lesson_player_new(l, &cfg, 0, &tui_hooks, NULL);
	xasprintf(&title, "turbotop lesson: %s", lesson_title(l) != NULL ?
	    lesson_title(l) : o->script);
	rc = record_run(o, title, ui_main);
	free(title);
	lesson_player_finish(tui.p);
	lesson_player_free(tui.p);
	tui.p = NULL;
	free(tui.label);
	free(tui.problem);
	free(tui.caption);
	memset(&tui, 0, sizeof tui);
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
