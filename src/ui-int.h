/*
 * ui-int.h: the TUI's state, shared by the event loop (ui.c) and the frame
 * drawing (ui-frame.c). Nothing outside ui*.c sees it.
 */
#ifndef TURBOTOP_UI_INT_H
#define TURBOTOP_UI_INT_H

#include <sys/types.h>

#include "job.h"
#include "ui-layout.h"

struct bench;
struct options;
struct sampler;
struct ui_menu;
struct ui_output;
struct ui_procs;

/*
 * The run on show: the current demo's, or after it ended the last one, kept
 * (labelled, in the timeline, history and process table) until the next run
 * starts. Times are monotonic seconds, sampler_time()'s clock. label is the
 * command line while it runs and gains its duration when it ends:
 * "lock -w 8, 1.2 s" (panes print "last run: " before it). An empty label:
 * no run yet.
 */
#define UI_RUN_LABEL	96
struct ui_run {
	char			 label[UI_RUN_LABEL];
	double			 start, end;	/* end: 0 while running */
	int			 ended;
	pid_t			 pgid;
};

enum mode {
	MODE_MAIN,
	MODE_MENU,
	MODE_HELP
};

struct ui {
	const struct options	*o;
	struct sampler		*s;
	struct job		*job;
	struct bench		*bench;		/* benchmark mode: its runs, not job */
	pid_t			 watched;	/* the pgid the sampler watches */
	char			*cmdline;	/* the job's command, for the status bar */
	double			 started, ended;
	struct ui_run		 run;		/* the current or last run */

	enum mode		 mode, help_return;
	int			 help_offset;
	int			 selected, zoom, frozen, quit;
	double			 delay, next_tick;
	long			 ticks;

	struct ui_layout	 layout;
	struct ui_menu		*menu;
	struct ui_procs		*procs;
	struct ui_output	*out;

	char			 msg[160];
	double			 msg_until;
	int			 dirty;
	double			 last_draw;
	unsigned long long	 seen_next;
	enum job_state		 seen_state;
};

/* ui-frame.c */
void	 ui_frame_draw(struct ui *);

#endif
