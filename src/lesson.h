/*
 * lesson.h: lesson scripts (turbotop --script FILE).
 *
 * lesson_main() checks the whole script, then plays it headless (-b) or in
 * the TUI. In the TUI the lesson rides on ui.c's event loop through the
 * functions below, which ui.c calls only when lesson_active():
 *
 *   lesson_tick()        after each jobs_wait(): plays what is due, lowers
 *                        the loop's timeout to its next deadline, and says
 *                        whether to redraw or show a newly started job;
 *   lesson_job()         the job to show (the one the lesson started last);
 *                        the lesson owns it: ui.c must not free it
 *                        (lesson_owns());
 *   lesson_step_next()   n or Enter: end the current wait (also `wait key`);
 *   lesson_step_prev()   N: stop the demos, play the previous demo's section;
 *   lesson_caption()     the caption bar for a width: "lesson 2/6  caption
 *                        [n or Enter: next]  | title", shortened to fit.
 */
#ifndef TURBOTOP_LESSON_H
#define TURBOTOP_LESSON_H

#include <stddef.h>

struct job;
struct options;

#define LESSON_REDRAW		0x1	/* the caption or the step changed */
#define LESSON_NEW_JOB		0x2	/* lesson_job() is another job now */

int		 lesson_main(const struct options *);

int		 lesson_active(void);
int		 lesson_tick(double *);
struct job	*lesson_job(void);
const char	*lesson_job_label(void);
int		 lesson_owns(const struct job *);
void		 lesson_step_next(void);
void		 lesson_step_prev(void);
size_t		 lesson_current_step(void);
const char	*lesson_caption(int);

#endif
