/*
 * ui.h: the TUI. It draws from a source (source.h: this machine, or with
 * --replay an event stream) and is driven by a driver passed in, or none:
 * a driver plays something on the TUI's loop and hands it the job to show.
 * The lesson (lesson.c) is one; the benchmark mode still enters through
 * ui_bench_main().
 */
#ifndef TURBOTOP_UI_H
#define TURBOTOP_UI_H

struct bench;
struct job;
struct options;

#define UI_DRIVER_REDRAW	0x1	/* what it shows changed */
#define UI_DRIVER_NEW_JOB	0x2	/* job() is another job now */

/* Named callbacks, each given arg; a NULL one is skipped. */
struct ui_driver {
	void		*arg;
	/*
	 * On every wake-up of the loop: play what is due, lower *wait
	 * (seconds) to the next deadline; UI_DRIVER_* flags.
	 */
	int		(*poll)(void *, double *);
	/* The job to show, or NULL: the driver's (the TUI never frees it). */
	struct job	*(*job)(void *);
	const char	*(*label)(void *);	/* its command line */
	/* A key on the main screen (Enter as '\n'); 1 if it took it. */
	int		(*key)(void *, int);
	/* What the key bar's row shows instead, for a width (NULL: keys). */
	const char	*(*caption)(void *, int);
};

int	ui_main(const struct options *, const struct ui_driver *);
int	ui_bench_main(const struct options *, struct bench *);

#endif
