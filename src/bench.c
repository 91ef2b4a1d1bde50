/* bench.c: benchmark mode (not written yet: says so and exits). */
#include "config.h"

#include <stdio.h>

#include "bench.h"
#include "options.h"

int
bench_main(const struct options *o)
{
	(void)o;
	fprintf(stderr, "turbotop: benchmark mode is not available yet\n");
	return 1;
}
