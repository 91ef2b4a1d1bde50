/*
 * ui-panes.h: the panes' drawing functions and their small states. Each
 * draws inside its rectangle (title row first) from the data side's
 * getters; none of them keeps a copy of the data between frames.
 */
#ifndef TURBOTOP_UI_PANES_H
#define TURBOTOP_UI_PANES_H

#include <sys/types.h>

struct job;
struct source;
struct ui_rect;

#define UI_TITLE_MAX	160	/* a pane title's right-hand text */

/*
 * The run on show: the current demo's, or after it ended the last one, kept
 * (labelled, in the timeline, history and process table) until the next run
 * starts. Times are monotonic seconds, source_time()'s clock. label is the
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

/* ui-meters.c */
void	 ui_meters_draw(const struct ui_rect *, const struct source *, int,
	     int, int, int);

/* ui-graph.c */
#define GRAPH_SPAN	60.0	/* seconds of history shown */
void	 ui_graph_draw(const struct ui_rect *, const struct source *,
	     const struct ui_run *, int, int);

/* ui-timeline.c */
struct ui_timeline;
struct ui_timeline *ui_timeline_create(void);
void		 ui_timeline_free(struct ui_timeline *);
void		 ui_timeline_draw(struct ui_timeline *, const struct ui_rect *,
		     const struct source *, struct job *, const struct ui_run *,
		     int, int);
double		 ui_timeline_step(struct ui_timeline *, int);
void		 ui_timeline_toggle_workers(struct ui_timeline *);
int		 ui_timeline_workers(const struct ui_timeline *);

/* ui-procs.c */
enum ui_procs_scope {
	PROCS_DEMO,		/* the demo's processes (the busiest without one) */
	PROCS_ALL
};
struct ui_procs;
struct ui_procs	*ui_procs_create(void);
void		 ui_procs_free(struct ui_procs *);
void		 ui_procs_draw(struct ui_procs *, const struct ui_rect *,
		     const struct source *, struct job *, const char *, int);
void		 ui_procs_record(struct ui_procs *, const struct source *,
		     pid_t);
void		 ui_procs_forget(struct ui_procs *);
void		 ui_procs_sort_next(struct ui_procs *);
void		 ui_procs_sort_reverse(struct ui_procs *);
void		 ui_procs_sort_by(struct ui_procs *, const char *);
void		 ui_procs_scroll(struct ui_procs *, int);
int		 ui_procs_click(struct ui_procs *, int, int);
void		 ui_procs_toggle_all(struct ui_procs *);
void		 ui_procs_toggle_threads(struct ui_procs *);
int		 ui_procs_threads(const struct ui_procs *);
enum ui_procs_scope ui_procs_scope(const struct ui_procs *);

/* ui-output.c */
struct ui_output;
struct ui_output *ui_output_create(void);
void		 ui_output_free(struct ui_output *);
void		 ui_output_reset(struct ui_output *);
void		 ui_output_draw(struct ui_output *, const struct ui_rect *,
		     struct job *, const char *, const char *, int);
void		 ui_output_scroll(struct ui_output *, struct job *, int);
void		 ui_output_page_scroll(struct ui_output *, struct job *, int);
void		 ui_output_hscroll(struct ui_output *, int);
int		 ui_output_toggle_wrap(struct ui_output *);
void		 ui_output_home(struct ui_output *, struct job *);
void		 ui_output_end(struct ui_output *);
int		 ui_output_page(const struct ui_output *);
void		 ui_output_search_begin(struct ui_output *);
int		 ui_output_searching(const struct ui_output *);
const char	*ui_output_message(const struct ui_output *);
int		 ui_output_prompt_key(struct ui_output *, struct job *, int);
void		 ui_output_prompt_draw(const struct ui_output *,
		     const struct ui_rect *);
void		 ui_output_search_next(struct ui_output *, struct job *, int);
void		 ui_output_freeze(struct ui_output *, struct job *, int);

/* ui-menu.c */
enum ui_menu_result {
	MENU_NONE,		/* handled */
	MENU_PASS,		/* not a menu key: the main bindings decide */
	MENU_LAUNCH,
	MENU_CLOSE
};
struct ui_menu;
struct ui_menu	*ui_menu_create(void);
void		 ui_menu_free(struct ui_menu *);
void		 ui_menu_draw(struct ui_menu *, const struct ui_rect *);
enum ui_menu_result ui_menu_key(struct ui_menu *, int);
enum ui_menu_result ui_menu_click(struct ui_menu *, int, int);
void		 ui_menu_select(struct ui_menu *, const char *);
char		**ui_menu_argv(const struct ui_menu *);

/* ui-status.c */
struct sys_sample;
struct ui_status {
	const char		*screen;	/* "demo menu", "help"; NULL: monitor */
	struct job		*job;		/* NULL: no demo */
	const char		*cmdline;
	double			 elapsed;	/* seconds the job has run */
	const char		*badge;		/* a driver's, before the job's */
	const char		*tag;		/* no job: a driver's badge, */
	const char		*title;		/* its bold title after it */
	int			 done;		/* the tag as an ended job's */
	const char		*idle;		/* with neither: what to say */
	int			 frozen;
	const char		*msg;		/* a passing message, or NULL */
	double			 delay;
	const struct sys_sample	*sys;
	double			 self_cpu;	/* turbotop's own % of a core */
	unsigned long		 self_rss_kb;	/* and its resident memory */
};
void		 ui_status_draw(const struct ui_rect *, const struct ui_status *);
void		 ui_too_small_draw(void);

/* ui-help.c */
void		 ui_help_draw(const struct ui_rect *, int);
int		 ui_help_lines(int);

#endif
