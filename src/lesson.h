/* lesson.h: lesson scripts. */
#ifndef TURBOTOP_LESSON_H
#define TURBOTOP_LESSON_H

struct options;

int	lesson_main(const struct options *);

#endif
