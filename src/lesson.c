/*
 * lesson.c: turbotop --script FILE. Checks the whole lesson first (any error:
 * FILE:LINE: messages, exit 2, nothing started), then plays it headless
 * (lesson-batch.c) or in the TUI.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson-parse.h"
#include "lesson-play.h"
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
	int		 rc;

	if (o->batch && o->record != NULL) {
		fprintf(stderr, "turbotop: --record records the TUI: it cannot "
		    "be used with -b\n");
		return 2;
	}
	if ((l = lesson_load(o)) == NULL)
		return 2;
	if (o->batch)
		rc = lesson_batch(o, l);
	else {
		fprintf(stderr, "turbotop: %s: %zu steps checked; playing "
		    "lessons in the TUI is not available yet (use -b)\n",
		    o->script, lesson_count(l));
		rc = 1;
	}
	lesson_free(l);
	return rc;
}
