/*
 * bench-list.h: the worker counts of --bench=LIST ("1,2,4", "1-8",
 * "1,2,4-6"), parsed and checked before anything runs.
 */
#ifndef TURBOTOP_BENCH_LIST_H
#define TURBOTOP_BENCH_LIST_H

#include <stddef.h>

#define BENCH_WORKERS_MAX	1024	/* largest K accepted */
#define BENCH_COUNTS_MAX	128	/* most worker counts in one list */

int	bench_list_parse(const char *, int **, size_t *, int *, char **);

#endif
