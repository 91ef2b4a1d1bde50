/* fuzz-lesson.c: the lesson parser (lesson-parse.c) on any bytes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lesson-parse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lesson			*l;
	const struct lesson_step	*st;
	char				*cause = NULL;
	size_t				 i;

	if (size > LESSON_FILE_MAX)
		return 0;
	l = lesson_parse_buffer("fuzz.lesson", (const char *)data, size, &cause);
	/* Either a lesson or a message, never both, never neither. */
	FUZZ_CHECK((l == NULL) != (cause == NULL));
	if (l != NULL) {
		for (i = 0; (st = lesson_get(l, i)) != NULL; i++)
			FUZZ_CHECK(st->source != NULL);
		FUZZ_CHECK(i == lesson_count(l));
		lesson_free(l);
	}
	free(cause);
	return 0;
}
