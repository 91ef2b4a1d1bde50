/*
 * record.h: -r/--record FILE, the TUI session as an asciicast v2 recording.
 *
 * record_start() puts a pseudo-terminal between turbotop and the terminal:
 * fds 0 and 1 become the pty, so curses draws exactly as before, and a
 * thread copies every byte drawn to the real terminal and, as timed
 * [seconds, "o", text] events, to the file; keys go the other way. Size
 * changes of the terminal are passed on (and recorded as "r" events).
 * record_stop() drains what is left, puts the terminal back and finishes the
 * file; it also runs at exit. Call start before curses starts, stop after
 * endwin(); record_run() does both around the TUI when -r was given.
 *
 * The recording itself (struct recording) is usable alone: it writes the
 * header and events, never splitting a UTF-8 sequence between two events.
 */
#ifndef TURBOTOP_RECORD_H
#define TURBOTOP_RECORD_H

#include <stddef.h>
#include <stdio.h>

struct options;
struct ui_driver;

/* The TUI (ui_main()) with its driver, recorded when -r was given. */
int	 record_run(const struct options *, const char *,
	     const struct ui_driver *);
int	 record_start(const char *, const char *, char **);
int	 record_stop(char **);
int	 record_active(void);

struct recording;

struct recording *record_new(FILE *, int, int, double, const char *);
void		 record_output(struct recording *, double, const char *, size_t);
void		 record_resize(struct recording *, double, int, int);
int		 record_finish(struct recording *);

#endif
