/*
 * bench.c: benchmark mode's entry points (see bench.h). The runs are not
 * wired up yet: the arithmetic (bench-stats.c), worker lists (bench-list.c)
 * and the chart (bench-svg.c) are.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "bench-list.h"
#include "options.h"
#include "util.h"

int
bench_main(const struct options *o)
{
	int	*ks;
	size_t	 n;
	int	 added;
	char	*cause;

	if (bench_list_parse(o->bench, &ks, &n, &added, &cause) != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		return 2;
	}
	free(ks);
	fprintf(stderr, "turbotop: benchmark runs are not available yet\n");
	return 1;
}

int
bench_run_argv(int argc, char **argv, char **cause)
{
	struct options	o;

	if (options_parse(&o, argc, argv, cause) != 0)
		return 2;
	if (o.bench == NULL) {
		xasprintf(cause, "bench needs --bench=LIST");
		return 2;
	}
	return bench_main(&o);
}
