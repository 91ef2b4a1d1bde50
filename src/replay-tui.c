/*
 * replay-tui.c: a recorded or live event stream played in the TUI (turbotop
 * --replay FILE, and the hosts' stream of cluster-tui.c). The player
 * (replay-play.c) drives the TUI through a ui_driver (ui.h): its stream
 * source is what the panes draw, its playhead the clock, its replica job
 * the run on show; the status bar says where the playhead is, and the keys
 * pause, change the speed and seek.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "job.h"
#include "options.h"
#include "replay-play.h"
#include "replay.h"
#include "ui-keys.h"
#include "ui.h"
#include "util.h"

/* The replay the TUI is playing: the driver's argument. */
struct replay_tui {
	const struct options	*o;
	struct replay		*rp;
	const char		*news;		/* message()'s, or NULL */
	char			 msg[128];	/* a key's message */
	char			 badge[96];	/* the status bar's */
};

static const struct ui_barkey replay_keys[] = {
	{ "Space", "Play/Pause", ' ' },
	{ "<>", "Speed", '>' },
	{ "[]", "Seek 10s", ']' },
	{ "{}", "Start/End", '}' },
	{ "Tab", "Pane", '\t' },
	{ "z", "Zoom", 'z' },
	{ "?", "Help", '?' },
	{ "q", "Quit", 'q' },
};

/* The stream, opened once the TUI knows it has a terminal. */
static struct source *
tui_source(void *arg, char **cause)
{
	struct replay_tui	*t = arg;

	if ((t->rp = replay_open(t->o->replay, (size_t)t->o->max_lines,
	    cause)) == NULL)
		return NULL;
	return replay_source(t->rp);
}

/* Read what the playhead passed; report bad lines. */
static int
tui_poll(void *arg, double *wait)
{
	struct replay_tui	*t = arg;
	double			 w;
	int			 flags, out = 0;

	flags = replay_poll(t->rp, now_mono(), &w);
	if (w < *wait)
		*wait = w;
	if (flags & REPLAY_NEW_JOB)
		out |= UI_DRIVER_NEW_JOB;
	if ((flags & REPLAY_MESSAGE) &&
	    (t->news = replay_message(t->rp)) != NULL)
		out |= UI_DRIVER_MESSAGE;
	if (flags & REPLAY_CHANGED)
		out |= UI_DRIVER_FED;
	return out;
}

static struct job *
tui_job(void *arg)
{
	struct replay_tui	*t = arg;

	return replay_job(t->rp);
}

static const char *
tui_label(void *arg)
{
	struct replay_tui	*t = arg;

	return replay_job(t->rp) != NULL ? job_name(replay_job(t->rp)) : "";
}

static double
tui_clock(void *arg)
{
	struct replay_tui	*t = arg;

	return replay_pos(t->rp);
}

static double
tui_started(void *arg)
{
	struct replay_tui	*t = arg;

	return replay_job_start(t->rp);
}

static const char *
tui_message(void *arg)
{
	struct replay_tui	*t = arg;
	const char		*s = t->news;

	t->news = NULL;
	return s;
}

/* Say fmt as the message; flags for the TUI. */
static int
say(struct replay_tui *t, int flags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
say(struct replay_tui *t, int flags, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->news = t->msg;
	return flags | UI_DRIVER_REDRAW | UI_DRIVER_MESSAGE;
}

/*
 * Space, p and f pause or play; < and > the speed; [ ] { } seek. What
 * would act on a demo says that nothing runs here.
 */
static int
tui_key(void *arg, int ch)
{
	struct replay_tui	*t = arg;
	struct replay		*rp = t->rp;
	int			 hosts = t->o->cluster_view;
	enum ui_action		 a = ui_keys_action(ch);
	double			 pos = replay_pos(rp);

	switch (a) {
	case ACT_PAUSE:
	case ACT_FREEZE:
		replay_pause(rp, !replay_paused(rp));
		return say(t, UI_DRIVER_TICK, "replay %s", replay_paused(rp) ?
		    "paused" : "playing");
	case ACT_PLAY_SLOWER:
	case ACT_PLAY_FASTER:
		return say(t, 0, "replay at x%g", replay_speed(rp,
		    a == ACT_PLAY_FASTER ? 1 : -1));
	case ACT_SEEK_BACK:
		replay_seek(rp, pos - REPLAY_SEEK_STEP);
		return say(t, UI_DRIVER_TICK, "replay: back 10 s");
	case ACT_SEEK_FORWARD:
		replay_seek(rp, pos + REPLAY_SEEK_STEP);
		return say(t, UI_DRIVER_TICK, "replay: forward 10 s");
	case ACT_SEEK_START:
		replay_seek(rp, 0);
		return say(t, UI_DRIVER_TICK, "replay: from the start");
	case ACT_SEEK_END:
		replay_seek_end(rp);
		return say(t, UI_DRIVER_TICK, "replay: to the end");
	case ACT_MENU:
		return say(t, 0, "%s", hosts ? "across hosts the demo is the "
		    "command line's: no menu" : "no demo menu in a replay");
	case ACT_STOP:
		return say(t, 0, "%s", hosts ? "q quits and ends the demo on "
		    "every host" : "a replay: nothing runs here");
	case ACT_RESTART:
		return say(t, 0, "%s", hosts ? "across hosts: run turbotop "
		    "again to restart" : "a replay: { plays it from the start");
	default:
		return 0;
	}
}

/* The playhead, the speed and whether more is coming. */
static void
tui_status(void *arg, struct ui_driver_status *st)
{
	struct replay_tui	*t = arg;
	struct replay		*rp = t->rp;

	if (t->o->cluster_view) {	/* the hosts' live stream */
		snprintf(t->badge, sizeof t->badge, " HOSTS %s %.1fs ",
		    replay_paused(rp) ? "paused" : replay_live(rp) ? "live" :
		    "ended", replay_pos(rp));
		st->idle = " no demo: the hosts only ";
	} else
		snprintf(t->badge, sizeof t->badge, " REPLAY %s x%g "
		    "%.1f/%.1fs%s ", replay_paused(rp) ? "paused" : "playing",
		    replay_speed(rp, 0), replay_pos(rp), replay_length(rp),
		    replay_live(rp) ? " live" : replay_at_end(rp) ? " end" : "");
	st->badge = t->badge;
}

int
replay_tui(const struct options *o)
{
	struct replay_tui	 t;
	const struct ui_driver	 drv = { .arg = &t, .poll = tui_poll,
				    .job = tui_job, .label = tui_label,
				    .key = tui_key, .message = tui_message,
				    .status = tui_status, .keybar = replay_keys,
				    .nkeybar = nitems(replay_keys),
				    .source = tui_source, .clock = tui_clock,
				    .started = tui_started,
				    .stdin_data = o->replay != NULL &&
				    strcmp(o->replay, "-") == 0 };
	int			 rc;

	memset(&t, 0, sizeof t);
	t.o = o;
	rc = ui_main(o, &drv);
	replay_free(t.rp);
	return rc;
}
