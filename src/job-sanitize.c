/*
 * job-sanitize.c: makes one line of a demo's output safe to display and to
 * export. Nothing a demo prints can reach turbotop's terminal or files raw:
 *
 *   C0 controls and DEL      ^@ .. ^_, ^?   (ESC is ^[, so "\e[31m" shows as "^[[31m")
 *   a tab                    spaces to the next multiple of 8 columns
 *   a CR ending the line     dropped (CRLF output, pty output)
 *   C1 controls (U+0080-9F)  \xc2\x9b: the two bytes, as invalid bytes are
 *   bidi overrides/isolates  \u202e: they would reorder the text around them
 *   invalid UTF-8            \xff, one escape per byte, then decoding resumes
 *
 * Everything else (printable ASCII, valid UTF-8) is copied unchanged, so the
 * text around an escape is kept.
 */
#include "config.h"

#include <string.h>

#include "job-int.h"
#include "utf8.h"

static const char hex[] = "0123456789abcdef";

/* Bidirectional formatting characters: they reorder what is displayed. */
static int
is_bidi(unsigned int cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
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
