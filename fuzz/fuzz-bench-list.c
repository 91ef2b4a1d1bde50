/*
 * fuzz-bench-list.c: the --bench=LIST parser (bench-list.c): on success the
 * counts are sorted, distinct, in 1..BENCH_WORKERS_MAX and start at 1.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-list.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, *cause = NULL;
	int	*counts = NULL, added = 0;
	size_t	 n = 0, i;

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (bench_list_parse(s, &counts, &n, &added, &cause) == 0) {
		FUZZ_CHECK(cause == NULL && n >= 1 && n <= BENCH_COUNTS_MAX + 1);
		FUZZ_CHECK(counts[0] == 1);
		for (i = 0; i < n; i++) {
			FUZZ_CHECK(counts[i] >= 1 && counts[i] <= BENCH_WORKERS_MAX);
			FUZZ_CHECK(i == 0 || counts[i] > counts[i - 1]);
		}
	} else
		FUZZ_CHECK(cause != NULL);
	free(counts);
	free(cause);
	free(s);
	return 0;
}
