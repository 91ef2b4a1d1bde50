/*
 * fuzz-options.c: the command-line parser (options.c). The input is split at
 * NUL bytes into argv; parsing returns 0 or -1 with a message, and what it
 * points back into stays inside argv.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "options.h"

#define ARGS_MAX	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options	 o;
	char		*argv[ARGS_MAX + 2], *buf, *p, *cause = NULL;
	int		 argc = 0, rc;

	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = (char *)"turbotop";
	for (p = buf; p <= buf + size && argc <= ARGS_MAX; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;
	rc = options_parse(&o, argc, argv, &cause);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK((rc == 0) == (cause == NULL));
	if (rc == 0) {
		FUZZ_CHECK(o.argc >= 0 && o.argc < argc);
		FUZZ_CHECK(o.argc == 0 || o.argv == argv + (argc - o.argc));
		FUZZ_CHECK(o.delay < 0 || (o.delay >= DELAY_MIN &&
		    o.delay <= DELAY_MAX));
	}
	free(cause);
	free(buf);
	return 0;
}
