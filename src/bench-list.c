/*
 * bench-list.c: parse --bench=LIST, the worker counts to benchmark.
 *
 * LIST is a comma-separated list of counts K and ranges A-B (A <= B), e.g.
 * "1,2,4", "1-8" or "1,2,4-6". Every count must be an integer from 1 to
 * BENCH_WORKERS_MAX, given once. The result is sorted ascending. Speedup is
 * measured against one worker, so when 1 is missing it is added (and the
 * caller is told, to say so).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bench-list.h"
#include "util.h"

/* Read one count at *sp, advancing it; 0 on success, else -1 and *cause. */
static int
parse_count(const char **sp, const char *list, int *out, char **cause)
{
	const char	*s = *sp;
	char		*end;
	long		 v;

	if (!isdigit((unsigned char)*s)) {
		if (*s == '\0' || *s == ',')
			xasprintf(cause, "invalid worker list '%s': a count is "
			    "missing (give e.g. 1,2,4 or 1-8)", list);
		else
			xasprintf(cause, "invalid worker list '%s': '%c' is not "
			    "a worker count (give e.g. 1,2,4 or 1-8)", list, *s);
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || v > BENCH_WORKERS_MAX) {
		xasprintf(cause, "invalid worker list '%s': worker counts go up "
		    "to %d", list, BENCH_WORKERS_MAX);
		return -1;
	}
	if (v < 1) {
		xasprintf(cause, "invalid worker list '%s': worker counts start "
		    "at 1", list);
		return -1;
	}
	*out = (int)v;
	*sp = end;
	return 0;
}

static int
cmp_int(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * Parse list into a malloc'd sorted array *out of *n counts. *added is set
 * to 1 when 1 was not listed and has been added. Returns 0, or -1 with a
 * malloc'd message in *cause.
 */
int
bench_list_parse(const char *list, int **out, size_t *n, int *added,
    char **cause)
{
	const char	*s = list;
	unsigned char	 seen[BENCH_WORKERS_MAX + 1];
	int		*ks, a, b, k;
	size_t		 nk = 0;

	*out = NULL;
	*n = 0;
	*added = 0;
	*cause = NULL;
	if (*list == '\0') {
		xasprintf(cause, "invalid worker list '': give worker counts, "
		    "e.g. 1,2,4 or 1-8");
		return -1;
	}
	memset(seen, 0, sizeof seen);
	ks = xreallocarray(NULL, BENCH_COUNTS_MAX + 1, sizeof *ks);
	for (;;) {
		if (parse_count(&s, list, &a, cause) != 0)
			goto fail;
		b = a;
		if (*s == '-') {
			s++;
			if (parse_count(&s, list, &b, cause) != 0)
				goto fail;
			if (b < a) {
				xasprintf(cause, "invalid worker list '%s': range "
				    "%d-%d goes down (write %d-%d)", list, a, b,
				    b, a);
				goto fail;
			}
		}
		for (k = a; k <= b; k++) {
			if (seen[k]) {
				xasprintf(cause, "invalid worker list '%s': %d is "
				    "listed twice", list, k);
				goto fail;
			}
			if (nk == BENCH_COUNTS_MAX) {
				xasprintf(cause, "invalid worker list '%s': more "
				    "than %d worker counts", list,
				    BENCH_COUNTS_MAX);
				goto fail;
			}
			seen[k] = 1;
			ks[nk++] = k;
		}
		if (*s == '\0')
			break;
		if (*s != ',') {
			xasprintf(cause, "invalid worker list '%s': unexpected "
			    "'%c' (give e.g. 1,2,4 or 1-8)", list, *s);
			goto fail;
		}
		s++;
	}
	if (!seen[1]) {
		if (nk == BENCH_COUNTS_MAX) {
			xasprintf(cause, "invalid worker list '%s': more than %d "
			    "worker counts with 1 added", list,
			    BENCH_COUNTS_MAX - 1);
			goto fail;
		}
		ks[nk++] = 1;
		*added = 1;
	}
	qsort(ks, nk, sizeof *ks, cmp_int);
	*out = ks;
	*n = nk;
	return 0;

fail:
	free(ks);
	return -1;
}
