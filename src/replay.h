/*
 * replay.h: turbotop --replay FILE (- for standard input): play a recorded
 * event stream in the TUI (replay-tui.c). With -b (or without a terminal)
 * it converts the stream to -f text, csv or json through the one record
 * writer.
 */
#ifndef TURBOTOP_REPLAY_H
#define TURBOTOP_REPLAY_H

struct options;

int	replay_main(const struct options *);
/* The TUI playing the stream o->replay names (replay-tui.c). */
int	replay_tui(const struct options *);

#endif
