/*
 * replay-play.h: an event stream played back on a clock, for the TUI
 * (turbotop --replay FILE, or - for standard input).
 *
 * The player reads the stream (event-read.c) into a stream source
 * (source.h) as its playhead passes each record's time, at a speed of
 * x0.25 .. x16, paused or not, and seeks anywhere: back by re-reading from
 * an index of the samples' offsets (standard input is spooled to an
 * unlinked temporary file as it comes, so it can be sought too), forward by
 * reading on. Output, start and exit records are kept in memory and shown
 * through a replica job (job.h): the run on show at the playhead, with its
 * lines up to it. A bad line is skipped and reported (replay_message),
 * naming its line; the rest plays.
 *
 * Use: replay_open(), then replay_poll() on every wake-up of the loop, at
 * least once a frame (it says how long it may sleep: records that fall due
 * meanwhile are read at the next call), the getters for what to show, the controls
 * for the keys. A live stream (standard input still open) is followed: the
 * playhead never passes the newest record.
 */
#ifndef TURBOTOP_REPLAY_PLAY_H
#define TURBOTOP_REPLAY_PLAY_H

#include <stddef.h>

struct job;
struct replay;
struct source;

#define REPLAY_SEEK_STEP	10.0	/* seconds a seek key moves */

/* Flags replay_poll() returns. */
#define REPLAY_CHANGED		0x1	/* a new sample or line: redraw */
#define REPLAY_NEW_JOB		0x2	/* replay_job() is another job now */
#define REPLAY_MESSAGE		0x4	/* replay_message() has news */

struct replay	*replay_open(const char *, size_t, char **);
void		 replay_free(struct replay *);

int		 replay_poll(struct replay *, double, double *);

struct source	*replay_source(struct replay *);
struct job	*replay_job(struct replay *);	/* NULL: none yet */
double		 replay_job_start(const struct replay *);
double		 replay_pos(const struct replay *);	/* the playhead */
double		 replay_length(const struct replay *);	/* the last t (a file's, else read) */
int		 replay_live(const struct replay *);	/* still coming */
int		 replay_at_end(const struct replay *);
const char	*replay_message(struct replay *);
unsigned long	 replay_errors(const struct replay *);

/* Controls: the speed factor after a step up (1) or down (-1). */
void		 replay_pause(struct replay *, int);
int		 replay_paused(const struct replay *);
double		 replay_speed(struct replay *, int);
void		 replay_seek(struct replay *, double);	/* to a time */
void		 replay_seek_end(struct replay *);

#endif
