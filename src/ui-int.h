/*
 * ui-int.h: the TUI's state, shared by the event loop (ui.c) and the frame
 * drawing (ui-frame.c). Nothing outside ui*.c sees it.
 */
#ifndef TURBOTOP_UI_INT_H
#define TURBOTOP_UI_INT_H

#include <sys/types.h>

#include "job.h"
#include "ui-keys.h"
#include "ui-layout.h"
#include "ui-panes.h"

struct observer;
struct source;
struct options;
struct sampler;
struct ui_menu;
struct ui_output;
struct ui_procs;
struct ui_timeline;
struct ui_driver;

/* struct ui_run, the run on show (current or last): see ui-panes.h. */

enum mode {
	MODE_MAIN,
	MODE_MENU,
	MODE_HELP
};

struct ui {
	const struct options	*o;
	struct sampler		*s;		/* this machine; NULL: a stream */
	struct source		*src;		/* what the panes draw */
	int			 key_fd;	/* the terminal keys come from */
	int			 fed;		/* the stream took records: tick */
	struct observer		*obs;		/* turbotop's own cost */
	struct job		*job;
	int			 job_owned;	/* launched here: free it */
	const struct ui_driver	*drv;		/* what drives the TUI, or NULL */
	struct job		*runs;		/* the driver's unshown job */
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

/* ui.c */
void	 ui_message(struct ui *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 ui_update_scope(struct ui *);
double	 ui_clock(const struct ui *);

/* ui-frame.c */
void	 ui_frame_draw(struct ui *);

/*
 * ui-pane.c: the panes as a table of named callbacks, indexed by enum
 * ui_pane. draw: the pane in its rectangle (selected: it has the focus);
 * key: an action of the bindings table it takes, 1 if it did (selected:
 * it has the focus; scrolling keys go to the selected pane, else to the
 * output); scroll_by: Up/Down and the wheel (NULL: it does not scroll);
 * click: a mouse press at (y, x) inside it (after it got the focus).
 */
struct ui_pane_class {
	enum ui_pane	 id;
	void		(*draw)(struct ui *, const struct ui_rect *, int);
	int		(*key)(struct ui *, enum ui_action, int);
	void		(*scroll_by)(struct ui *, int);
	void		(*click)(struct ui *, int, int);	/* y, x */
};
const struct ui_pane_class *ui_pane_class(int);
int	 ui_panes_act(struct ui *, enum ui_action);
void	 ui_panes_scroll(struct ui *, int);

/* ui-restore.c: the terminal back on a fatal signal (job.h's crash hook) */
void	 ui_restore_save(int);
void	 ui_restore_prepare(void);
void	 ui_restore_crash(void);

#endif
