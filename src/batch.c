/* batch.c: batch mode (not written yet: says so and exits). */
#include "config.h"

#include <stdio.h>

#include "batch.h"
#include "options.h"

int
batch_main(const struct options *o)
{
	(void)o;
	fprintf(stderr, "turbotop: batch mode is not available yet\n");
	return 1;
}
