/*
 * fuzz-sanitize.c: the sanitiser and the line splitter. The input is cut into
 * lines as a demo's output is (sanitize_cut at the line limit, never inside
 * a character), each is sanitised and stored in a small line buffer; every
 * stored line must be valid UTF-8 with no control character, C1 or bidi
 * control left, and within the size bound.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "job-int.h"
#include "sanitize.h"
#include "utf8.h"

static void
check_clean(const char *s, size_t n)
{
	unsigned int	cp;
	size_t		i, k;

	FUZZ_CHECK(strlen(s) == n);
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		FUZZ_CHECK(k > 0);
		FUZZ_CHECK(!sanitize_unsafe(cp));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*p = (const char *)data, *end = p + size, *nl;
	const struct out_line	*o;
	struct lines		*lines = lines_create(8, 4096);
	char			*buf;
	size_t			 len, cut, n;
	char			*dup, *z;

	buf = malloc(SANITIZE_SIZE(size) + 1);
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		cut = sanitize_cut(p, len, 64);
		FUZZ_CHECK(cut <= len && (len <= 64 ? cut == len : cut + 3 >= 64));
		n = sanitize_line(buf, p, cut);
		FUZZ_CHECK(n <= SANITIZE_SIZE(cut) - 1);
		check_clean(buf, n);
		o = lines_add(lines, 0, 1, STREAM_OUT, cut < len, buf, n);
		FUZZ_CHECK(o != NULL && strcmp(o->text, buf) == 0);
	}
	/* The whole input as one NUL-terminated string, as messages are. */
	z = malloc(size + 1);
	memcpy(z, data, size);
	z[size] = '\0';
	dup = sanitize_dup(z);
	check_clean(dup, strlen(dup));
	free(dup);
	free(z);
	free(buf);
	lines_free(lines);
	return 0;
}
