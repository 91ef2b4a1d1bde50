/*
 * ui.h: the TUI. It draws from a source (source.h): this machine's sampler,
 * or the one a driver hands it (an event stream). It is driven by a driver
 * passed in, or none: a driver plays something on the TUI's loop, hands it
 * the job to show and may add to the screen. The lesson (lesson.c), a
 * benchmark (bench-tui.c) and a replay (replay-tui.c) are drivers; the TUI
 * knows none of them.
 */
#ifndef TURBOTOP_UI_H
#define TURBOTOP_UI_H

#include <stddef.h>

struct job;
struct options;
struct sampler;
struct source;
struct ui_barkey;
struct ui_rect;

#define UI_DRIVER_REDRAW	0x1	/* what it shows changed */
#define UI_DRIVER_NEW_JOB	0x2	/* job() is another job now; the one */
					/* before may be gone already */
#define UI_DRIVER_MESSAGE	0x4	/* message() has news */
#define UI_DRIVER_FED		0x8	/* its source took records: the next */
					/* tick shows them (not a frame each) */
#define UI_DRIVER_TICK		0x10	/* tick now: what the source shows */
					/* jumped (a seek) */

/* What the status bar says for the driver: status() fills it, zeroed. */
struct ui_driver_status {
	const char	*badge;		/* before the job's badge (a replay's) */
	const char	*tag;		/* no job: a badge, ... */
	const char	*title;		/* ... a bold title after it (a bench) */
	int		 done;		/* the tag coloured as an ended job's */
	const char	*idle;		/* no job, no tag: instead of "no demo" */
};

/* Named callbacks, each given arg; a NULL one is skipped. */
struct ui_driver {
	void		*arg;
	/*
	 * On every wake-up of the loop, before the tick: play what is due,
	 * lower *wait (seconds) to the next deadline; UI_DRIVER_* flags.
	 */
	int		(*poll)(void *, double *);
	/* The job to show, or NULL: the driver's (the TUI never frees it). */
	struct job	*(*job)(void *);
	const char	*(*label)(void *);	/* its command line */
	/*
	 * A key on the main screen (Enter as '\n'), before the bindings:
	 * 0 if it is not the driver's, else UI_DRIVER_* flags (at least
	 * UI_DRIVER_REDRAW).
	 */
	int		(*key)(void *, int);
	/* What the key bar's row shows instead, for a width (NULL: keys). */
	const char	*(*caption)(void *, int);
	const char	*(*message)(void *);	/* a passing message, or NULL */
	void		(*status)(void *, struct ui_driver_status *);
	/* The key bar's keys in place of the bindings' (none: NULL). */
	const struct ui_barkey *keybar;
	size_t		 nkeybar;
	/*
	 * A pane of its own where the process table and the output are
	 * (their rectangle, cleared; selected: one of them has the focus).
	 */
	void		(*draw)(void *, const struct ui_rect *, int);

	/*
	 * The data. source: what the panes draw, asked once the terminal is
	 * known to be there (NULL with *cause: the TUI does not start); the
	 * driver's, on its own clock (clock: now on it; started: when job()
	 * began on it). Without source, this machine is sampled on the
	 * monotonic clock.
	 */
	struct source	*(*source)(void *, char **);
	double		(*clock)(void *);
	double		(*started)(void *);
	/*
	 * A job it runs without showing it (a benchmark's run in flight),
	 * or NULL: sampled as the shown job is, named in the timeline; +
	 * and - keep setting the refresh. sampled: after each tick of this
	 * machine's sampler.
	 */
	struct job	*(*runs)(void *);
	void		(*sampled)(void *, const struct sampler *);
	/* Standard input is its data (--replay -): keys from /dev/tty. */
	int		 stdin_data;
};

int	ui_main(const struct options *, const struct ui_driver *);

#endif
