/*
 * lesson.h: lesson scripts (turbotop --script FILE).
 *
 * lesson_main() checks the whole script, then plays it headless (-b) or in
 * the TUI, which it drives through a struct ui_driver (ui.h): the player's
 * state is the driver's argument, not a process-wide singleton. n or Enter
 * goes on (also `wait key`), N plays the previous demo's section, and the
 * caption bar takes the key bar's place: "lesson 2/6  caption
 * [n or Enter: next]  | title", shortened to fit.
 */
#ifndef TURBOTOP_LESSON_H
#define TURBOTOP_LESSON_H

struct options;

int		 lesson_main(const struct options *);

#endif
