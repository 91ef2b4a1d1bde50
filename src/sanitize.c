/*
 * sanitize.c: the one sanitiser. Every string that reaches the screen, a
 * record or stderr from outside turbotop (a demo's output, a command path, a
 * process name, lesson text, an argument echoed in an error message) passes
 * through here, so nothing can reach the terminal or a file raw:
 *
 *   C0 controls and DEL      ^@ .. ^_, ^?   (ESC is ^[, so "\e[31m" shows as "^[[31m")
 *   a tab                    spaces to the next multiple of 8 columns
 *   a CR ending the line     dropped (CRLF output, pty output)
 *   C1 controls (U+0080-9F)  \xc2\x9b: the two bytes, as invalid bytes are
 *   bidi overrides/isolates  \u202e: they would reorder the text around them
 *   invalid UTF-8            \xff, one escape per byte, then decoding resumes
 *
 * Everything else (printable ASCII, valid UTF-8) is copied unchanged, so the
 * text around an escape is kept. sanitize_unsafe() is the test itself, for
 * the writers that escape in their own syntax (JSON's \u009b) or draw
 * a placeholder (the TUI). sanitize_stderr() puts the sanitiser between
 * every message and the terminal.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sanitize.h"
#include "utf8.h"
#include "util.h"

static const char hex[] = "0123456789abcdef";

/* Bidirectional formatting characters: they reorder what is displayed. */
static int
is_bidi(unsigned int cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* A code point that must not reach a terminal as it is: C0, DEL, C1, bidi. */
int
sanitize_unsafe(unsigned int cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || is_bidi(cp);
}

static char *
put_hex(char *d, unsigned char c)
{
	*d++ = '\\';
	*d++ = 'x';
	*d++ = hex[c >> 4];
	*d++ = hex[c & 0xf];
	return d;
}

/*
 * Sanitise len bytes of src (one line, without its newline) into dst, which
 * holds SANITIZE_SIZE(len) bytes. Returns the length written; dst is
 * NUL-terminated.
 */
size_t
sanitize_line(char *dst, const char *src, size_t len)
{
	const unsigned char	*s = (const unsigned char *)src;
	char			*d = dst;
	size_t			 i = 0, n, col = 0, k;
	unsigned int		 cp;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	while (i < len) {
		/* The common case: a run of printable ASCII. */
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			n = i;
			while (n < len && s[n] >= 0x20 && s[n] < 0x7f)
				n++;
			memcpy(d, s + i, n - i);
			d += n - i;
			col += n - i;
			i = n;
			continue;
		}
		if (s[i] == '\t') {
			k = 8 - col % 8;
			memset(d, ' ', k);
			d += k;
			col += k;
			i++;
			continue;
		}
		if (s[i] < 0x20 || s[i] == 0x7f) {
			*d++ = '^';
			*d++ = s[i] == 0x7f ? '?' : (char)(s[i] + '@');
			col += 2;
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			d = put_hex(d, s[i]);
			col += 4;
			i++;
			continue;
		}
		if (cp < 0xa0) {
			for (k = 0; k < n; k++)
				d = put_hex(d, s[i + k]);
			col += 4 * n;
		} else if (is_bidi(cp)) {
			*d++ = '\\';
			*d++ = 'u';
			*d++ = hex[(cp >> 12) & 0xf];
			*d++ = hex[(cp >> 8) & 0xf];
			*d++ = hex[(cp >> 4) & 0xf];
			*d++ = hex[cp & 0xf];
			col += 6;
		} else {
			memcpy(d, s + i, n);
			d += n;
			col++;
		}
		i += n;
	}
	*d = '\0';
	return d - dst;
}

/*
 * Where to cut a line of len bytes so that it keeps at most max bytes and
 * does not split a UTF-8 character: max, or up to 3 bytes less.
 */
size_t
sanitize_cut(const char *src, size_t len, size_t max)
{
	const unsigned char	*s = (const unsigned char *)src;
	size_t			 cut, start;
	unsigned int		 cp;

	if (len <= max)
		return len;
	cut = max;
	/* Back up over continuation bytes to the start of the last character. */
	start = cut;
	while (start > 0 && cut - start < 3 && (s[start] & 0xc0) == 0x80)
		start--;
	if (start < cut && (s[start] & 0xc0) == 0xc0 &&
	    utf8_decode(s + start, len - start, &cp) > cut - start)
		return start;
	return cut;
}

/* A sanitised copy of the NUL-terminated s (malloc'd). */
char *
sanitize_dup(const char *s)
{
	size_t	 len = strlen(s);
	char	*d = xmalloc(SANITIZE_SIZE(len));

	sanitize_line(d, s, len);
	return d;
}

/* Write all n bytes to fd 2; what cannot be written is dropped. */
static void
err_put(const char *s, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		w = write(STDERR_FILENO, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* stderr's writer: each line sanitised, the newlines kept. */
static ssize_t
err_write(void *cookie, const char *buf, size_t n)
{
	const char	*p = buf, *end = buf + n, *nl;
	char		 small[SANITIZE_SIZE(256)], *d;
	size_t		 len, k;

	(void)cookie;
	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		d = len <= 256 ? small : malloc(SANITIZE_SIZE(len));
		if (d != NULL) {
			k = sanitize_line(d, p, len);
			err_put(d, k);
			if (d != small)
				free(d);
		}
		if (nl < end)
			err_put("\n", 1);
		p = nl + 1;
	}
	return (ssize_t)n;
}

/*
 * From now on every message turbotop writes to stderr passes the sanitiser
 * (an unknown demo named with an escape sequence, a path with a bidi
 * override). Line-buffered, as stderr is expected to be.
 */
void
sanitize_stderr(void)
{
	static const cookie_io_functions_t	 io = { NULL, err_write, NULL,
						     NULL };
	FILE					*f;

	fflush(stderr);
	if ((f = fopencookie(NULL, "w", io)) == NULL)
		return;
	setvbuf(f, NULL, _IOLBF, BUFSIZ);
	stderr = f;
}
