/*
 * lesson-play.h: playing a checked lesson, for batch mode and the TUI alike.
 *
 * The player is a state machine with no loop of its own: the caller's event
 * loop calls lesson_player_run() after every jobs_wait(); it plays steps
 * until one has to wait (a duration, the demos' exit, a key) and says how
 * long the loop may sleep. What a step shows is left to the hooks: batch
 * mode writes records, the TUI draws. The player owns the jobs it starts
 * and frees them only in lesson_player_free().
 *
 * A lesson is divided into sections, each ending with a wait: `n` ends the
 * current wait early; `N` stops the lesson's demos and plays again the
 * nearest earlier section that runs something. `clear` stops the demos still
 * running and waits for their end: no demo runs out of sight. `$NCPU` in
 * captions and in the words of run, try and bench is the cores online.
 */
#ifndef TURBOTOP_LESSON_PLAY_H
#define TURBOTOP_LESSON_PLAY_H

#include <stddef.h>

struct job;
struct job_config;
struct lesson;
struct lesson_step;

struct lesson_hooks {
	/* Before each step is played. */
	void	(*step)(void *, const struct lesson_step *);
	/* A demo, command or benchmark job was started for the step. */
	void	(*started)(void *, const struct lesson_step *, struct job *);
	/* A job of the lesson ended (reaped and drained); once per job. */
	void	(*exited)(void *, struct job *);
	/* A step could not be played: skipped (try) or failed (counted). */
	void	(*problem)(void *, const struct lesson_step *, int, const char *);
	/* Run a benchmark; NULL: the player starts it as a job of turbotop -b. */
	int	(*bench)(void *, const struct lesson_step *, int, char **);
	/* The job left the lesson's view (clear), or is about to be freed. */
	void	(*forget)(void *, struct job *);
};

struct lesson_player;

struct lesson_player	*lesson_player_new(const struct lesson *,
			     const struct job_config *, int,
			     const struct lesson_hooks *, void *);
void			 lesson_player_free(struct lesson_player *);
double			 lesson_player_run(struct lesson_player *);
void			 lesson_player_finish(struct lesson_player *);
int			 lesson_player_done(const struct lesson_player *);
void			 lesson_player_key(struct lesson_player *);
void			 lesson_player_next(struct lesson_player *);
void			 lesson_player_prev(struct lesson_player *);

const struct lesson	*lesson_player_lesson(const struct lesson_player *);
const struct lesson_step *lesson_player_current(const struct lesson_player *);
const char		*lesson_player_caption(const struct lesson_player *);
const char		*lesson_player_title(const struct lesson_player *);
size_t			 lesson_player_section(const struct lesson_player *);
size_t			 lesson_player_sections(const struct lesson_player *);
double			 lesson_player_wait_left(const struct lesson_player *);
int			 lesson_player_failures(const struct lesson_player *);
size_t			 lesson_player_njobs(const struct lesson_player *);
struct job		*lesson_player_job(const struct lesson_player *, size_t);

/* lesson-batch.c: turbotop -b --script FILE */
struct options;
int			 lesson_batch(const struct options *,
			     const struct lesson *);

#endif
