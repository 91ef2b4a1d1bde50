/*
 * ui-int.h: the TUI's state, shared by the event loop (ui.c) and the frame
 * drawing (ui-frame.c). Nothing outside ui*.c sees it.
 */
#ifndef TURBOTOP_UI_INT_H
#define TURBOTOP_UI_INT_H

#include <sys/types.h>

#include "job.h"
#include "ui-layout.h"
#include "ui-panes.h"

struct bench;
struct observer;
struct replay;
struct source;
struct options;
struct sampler;
struct ui_menu;
struct ui_output;
struct ui_procs;
struct ui_timeline;

/* struct ui_run, the run on show (current or last): see ui-panes.h. */

enum mode {
	MODE_MAIN,
	MODE_MENU,
	MODE_HELP
};

struct ui {
	const struct options	*o;
	struct sampler		*s;		/* this machine; NULL in a replay */
	struct source		*src;		/* what the panes draw */
	struct replay		*replay;	/* --replay: the player */
	int			 key_fd;	/* the terminal keys come from */
	int			 replay_changed; /* a frame is due at the tick */
	struct observer		*obs;		/* turbotop's own cost */
	struct job		*job;
	struct bench		*bench;		/* benchmark mode: its runs, not job */
	pid_t			 watched;	/* the pgid the sampler watches */
	char			*cmdline;	/* the job's command, for the status bar */
	double			 started, ended;
	struct ui_run		 run;		/* the current or last run */

	enum mode		 mode, help_return;
	int			 help_offset;
	int			 selected, zoom, frozen, quit;
	int			 observer;	/* o: turbotop's own group watched */
	double			 delay, next_tick;
	long			 ticks;

	struct ui_layout	 layout;
	struct ui_menu		*menu;
	struct ui_procs		*procs;
	struct ui_timeline	*tl;
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

/* ui-restore.c: the terminal back on a fatal signal (job.h's crash hook) */
void	 ui_restore_save(int);
void	 ui_restore_prepare(void);
void	 ui_restore_crash(void);

#endif
