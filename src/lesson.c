/* lesson.c: lesson scripts (not written yet: says so and exits). */
#include "config.h"

#include <stdio.h>

#include "lesson.h"
#include "options.h"

int
lesson_main(const struct options *o)
{
	(void)o;
	fprintf(stderr, "turbotop: lesson scripts is not available yet\n");
	return 1;
}
