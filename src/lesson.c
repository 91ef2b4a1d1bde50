/*
 * lesson.c: turbotop --script FILE. Checks the whole lesson first (any error:
 * FILE:LINE: messages, exit 2, nothing started), then plays it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson-parse.h"
#include "lesson.h"
#include "options.h"

/* Load and check the lesson named by -s; NULL after printing the errors. */
static struct lesson *
lesson_load(const struct options *o)
{
	struct lesson	*l;
	char		*cause;

	if (o->argc > 0) {
		fprintf(stderr, "turbotop: a lesson starts its own demos: give "
		    "--script FILE or a %s, not both\n",
		    o->is_command ? "command" : "demo");
		return NULL;
	}
	if ((l = lesson_parse_file(o->script, &cause)) == NULL) {
		fputs(cause, stderr);
		if (*cause != '\0' && cause[strlen(cause) - 1] != '\n')
			fputc('\n', stderr);
		free(cause);
		return NULL;
	}
	return l;
}

int
lesson_main(const struct options *o)
{
	struct lesson	*l;

	if ((l = lesson_load(o)) == NULL)
		return 2;
	fprintf(stderr, "turbotop: %s: %zu steps checked; playing lessons is "
	    "not available yet\n", o->script, lesson_count(l));
	lesson_free(l);
	return 1;
}
