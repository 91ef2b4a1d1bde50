/*
 * utf8.c: decoding one UTF-8 character, strictly: what the JSON export
 * copies, what the output sanitiser lets through and what the lesson
 * checker accepts are the same set of valid sequences.
 */
#include "config.h"

#include "utf8.h"

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes, n > 0), or 0 if
 * it is not one: overlong forms, surrogates and code points above U+10FFFF
 * are refused. Its code point goes in *cp unless cp is NULL.
 */
size_t
utf8_decode(const void *p, size_t n, unsigned int *cp)
{
	const unsigned char	*s = p;
	unsigned int		 c = s[0], min;
	size_t			 len, i;

	if (c < 0x80) {
		if (cp != NULL)
			*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp != NULL)
		*cp = c;
	return len;
}
