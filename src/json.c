/*
 * json.c: a tiny streaming JSON writer (see json.h). One record is built in a
 * growing buffer; a stack of "first item" flags places the commas.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "sanitize.h"
#include "utf8.h"
#include "util.h"

#define JSON_DEPTH	32

struct json {
	char	*buf;
	size_t	 len, size;
	int	 depth;
	int	 first[JSON_DEPTH];	/* no item yet at this level */
	int	 after_key;		/* a key was written: no comma before the value */
};

struct json *
json_new(void)
{
	struct json	*j;

	j = xcalloc(1, sizeof *j);
	j->size = 256;
	j->buf = xmalloc(j->size);
	json_reset(j);
	return j;
}

void
json_free(struct json *j)
{
	if (j == NULL)
		return;
	free(j->buf);
	free(j);
}

void
json_reset(struct json *j)
{
	j->len = 0;
	j->buf[0] = '\0';
	j->depth = 0;
	j->first[0] = 1;
	j->after_key = 0;
}

static void
put(struct json *j, const char *s, size_t n)
{
	if (j->len + n + 1 > j->size) {
		while (j->len + n + 1 > j->size)
			j->size *= 2;
		j->buf = xreallocarray(j->buf, 1, j->size);
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void
putc_(struct json *j, char c)
{
	put(j, &c, 1);
}

static void __attribute__((format(printf, 2, 3)))
putf(struct json *j, const char *fmt, ...)
{
	char	 tmp[64];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof tmp)
		n = sizeof tmp - 1;
	put(j, tmp, (size_t)n);
}

/* Before any value or key: a comma unless it is the first item at this level. */
static void
separate(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->first[j->depth])
		putc_(j, ',');
	j->first[j->depth] = 0;
}

static void
open_(struct json *j, char c)
{
	separate(j);
	putc_(j, c);
	if (j->depth < JSON_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = 1;
}

static void
close_(struct json *j, char c)
{
	putc_(j, c);
	if (j->depth > 0)
		j->depth--;
}

void
json_object_begin(struct json *j)
{
	open_(j, '{');
}

void
json_object_end(struct json *j)
{
	close_(j, '}');
}

void
json_array_begin(struct json *j)
{
	open_(j, '[');
}

void
json_array_end(struct json *j)
{
	close_(j, ']');
}

static void
put_escaped(struct json *j, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k;
	unsigned int		 cp;

	putc_(j, '"');
	while (i < n) {
		/* The common case: a run of plain ASCII, copied at once. */
		k = i;
		while (k < n && u[k] >= 0x20 && u[k] < 0x7f && u[k] != '"' &&
		    u[k] != '\\')
			k++;
		if (k > i) {
			put(j, s + i, k - i);
			i = k;
			continue;
		}
		switch (u[i]) {
		case '"':  put(j, "\\\"", 2); i++; continue;
		case '\\': put(j, "\\\\", 2); i++; continue;
		case '\n': put(j, "\\n", 2); i++; continue;
		case '\r': put(j, "\\r", 2); i++; continue;
		case '\t': put(j, "\\t", 2); i++; continue;
		case '\b': put(j, "\\b", 2); i++; continue;
		case '\f': put(j, "\\f", 2); i++; continue;
		}
		if (u[i] < 0x20 || u[i] == 0x7f) {
			putf(j, "\\u%04x", u[i]);
			i++;
			continue;
		}
		k = utf8_decode(u + i, n - i, &cp);
		if (k == 0) {
			put(j, "\\ufffd", 6);
			i++;
			continue;
		}
		if (sanitize_unsafe(cp))	/* C1, bidi: escaped, never raw */
			putf(j, "\\u%04x", cp);
		else
			put(j, s + i, k);
		i += k;
	}
	putc_(j, '"');
}

void
json_key(struct json *j, const char *key)
{
	separate(j);
	put_escaped(j, key, strlen(key));
	putc_(j, ':');
	j->after_key = 1;
}

void
json_stringn(struct json *j, const char *s, size_t n)
{
	separate(j);
	put_escaped(j, s, n);
}

void
json_string(struct json *j, const char *s)
{
	if (s == NULL) {
		json_null(j);
		return;
	}
	json_stringn(j, s, strlen(s));
}

/* The decimal digits of v, ending at end; returns where they start. */
char *
json_digits(char *end, unsigned long long v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

/*
 * v with d decimals (0 to 9) in buf (JSON_NUMBER_MAX bytes), the bytes
 * printf's "%.*f" writes, and their count. printf rounds the double's exact
 * value to nearest, ties to even. x = |v| * 10^d is off from that exact
 * value by at most 10^12 * 2^-53 (< 0.0002), so the integer nearest to x is
 * the one nearest to it, unless x is that close to a half: then the exact
 * difference, from fma(), decides. Larger numbers go to printf. A sample's
 * hundreds of figures cost a tenth of what printf makes them.
 */
size_t
json_fixed(char *buf, double v, int d)
{
	static const double	 scale[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
				    1e7, 1e8, 1e9 };
	char			 num[32], *end = num + sizeof num, *p = end;
	double			 x, r;
	unsigned long long	 n;
	int			 len;

	if (d < 0 || d > 9 || !((x = fabs(v) * scale[d]) < 1e12)) {
		len = snprintf(buf, JSON_NUMBER_MAX, "%.*f", d, v);
		if (len < 0)
			return 0;
		return len < JSON_NUMBER_MAX ? (size_t)len : JSON_NUMBER_MAX - 1;
	}
	n = (unsigned long long)x;
	if (fabs(x - (double)n - 0.5) >= 0.001)
		n += x - (double)n > 0.5;
	else {
		r = fma(fabs(v), scale[d], -((double)n + 0.5));
		n += r > 0 || (r == 0 && (n & 1) != 0);
	}
	/* The decimals are n's last d digits. */
	if (d > 0) {
		for (; d > 0; d--) {
			*--p = (char)('0' + n % 10);
			n /= 10;
		}
		*--p = '.';
	}
	p = json_digits(p, n);
	if (signbit(v))
		*--p = '-';
	memcpy(buf, p, (size_t)(end - p));
	return (size_t)(end - p);
}

void
json_int(struct json *j, long long v)
{
	char	 num[24], *end = num + sizeof num, *p;

	separate(j);
	p = json_digits(end, v < 0 ? -(unsigned long long)v :
	    (unsigned long long)v);
	if (v < 0)
		*--p = '-';
	put(j, p, (size_t)(end - p));
}

/* A number with a fixed count of decimals; NaN and infinities become null. */
void
json_double(struct json *j, double v, int decimals)
{
	char	buf[JSON_NUMBER_MAX];

	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	separate(j);
	if (v == 0)
		v = 0;	/* no "-0.0" */
	put(j, buf, json_fixed(buf, v, decimals));
}

void
json_bool(struct json *j, int v)
{
	separate(j);
	put(j, v ? "true" : "false", v ? 4 : 5);
}

void
json_null(struct json *j)
{
	separate(j);
	put(j, "null", 4);
}

const char *
json_text(const struct json *j, size_t *len)
{
	if (len != NULL)
		*len = j->len;
	return j->buf;
}

/* Write the record and a newline, flush, and start a new record. */
int
json_line(struct json *j, FILE *f)
{
	int	 rc = 0;

	if (fwrite(j->buf, 1, j->len, f) != j->len || putc('\n', f) == EOF ||
	    fflush(f) == EOF)
		rc = -1;
	json_reset(j);
	return rc;
}
