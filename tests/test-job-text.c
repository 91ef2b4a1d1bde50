/*
 * test-job-text.c: unit tests of the sanitiser (sanitize.c) and the
 * bounded line buffer (job-lines.c).
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job-int.h"

static char *
clean(const char *s, size_t len)
{
	static char	buf[SANITIZE_SIZE(1024)];
	size_t		n;

	ck_assert_uint_le(len, 1024);
	n = sanitize_line(buf, s, len);
	ck_assert_uint_eq(n, strlen(buf));
	return buf;
}

#define CLEAN(lit)	clean((lit), sizeof (lit) - 1)

START_TEST(test_plain)
{
	ck_assert_str_eq(CLEAN("hello, world"), "hello, world");
	ck_assert_str_eq(CLEAN(""), "");
	ck_assert_str_eq(CLEAN("path\\to\\x"), "path\\to\\x");
}
END_TEST

START_TEST(test_escapes)
{
	ck_assert_str_eq(CLEAN("\033[31mred\033[0m!"), "^[[31mred^[[0m!");
	ck_assert_str_eq(CLEAN("\033]0;title\007rest"), "^[]0;title^Grest");
	ck_assert_str_eq(CLEAN("a\0b"), "a^@b");
	ck_assert_str_eq(CLEAN("del\177"), "del^?");
	ck_assert_str_eq(CLEAN("back\bspace"), "back^Hspace");
}
END_TEST

START_TEST(test_cr_and_tab)
{
	ck_assert_str_eq(CLEAN("crlf\r"), "crlf");
	ck_assert_str_eq(CLEAN("50%\r100%"), "50%^M100%");
	ck_assert_str_eq(CLEAN("a\tb"), "a       b");
	ck_assert_str_eq(CLEAN("\tx"), "        x");
	ck_assert_str_eq(CLEAN("12345678\tx"), "12345678        x");
}
END_TEST

START_TEST(test_utf8)
{
	/* Valid UTF-8 passes: accents, a check mark, an emoji. */
	ck_assert_str_eq(CLEAN("h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80"),
	    "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80");
	/* Invalid bytes become \xHH; the text around them is kept. */
	ck_assert_str_eq(CLEAN("a\xff" "b"), "a\\xffb");
	ck_assert_str_eq(CLEAN("a\xc3(b"), "a\\xc3(b");
	ck_assert_str_eq(CLEAN("end\xe2\x9c"), "end\\xe2\\x9c");
	/* Overlong encoding, surrogate, beyond U+10FFFF. */
	ck_assert_str_eq(CLEAN("\xc0\xaf"), "\\xc0\\xaf");
	ck_assert_str_eq(CLEAN("\xed\xa0\x80"), "\\xed\\xa0\\x80");
	ck_assert_str_eq(CLEAN("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
	/* C1 controls (CSI is U+009B) and bidi overrides are shown. */
	ck_assert_str_eq(CLEAN("x\xc2\x9b" "2J"), "x\\xc2\\x9b2J");
	ck_assert_str_eq(CLEAN("ab\xe2\x80\xae" "cd"), "ab\\u202ecd");
}
END_TEST

/*
 * Whatever the input, the output has no control byte and sanitising it again
 * changes nothing (it is valid UTF-8). Plain checks in the loop: a Check
 * assertion per byte would be slow.
 */
START_TEST(test_fuzz)
{
	static char	copy[SANITIZE_SIZE(256)];
	char		in[256], *out;
	size_t		len, i, n, bad = 0, unstable = 0;
	unsigned int	seed = 12345;

	for (n = 0; n < 20000; n++) {
		len = rand_r(&seed) % sizeof in;
		for (i = 0; i < len; i++)
			in[i] = rand_r(&seed) % 4 == 0 ? 0x1b : rand_r(&seed);
		out = clean(in, len);
		for (i = 0; out[i] != '\0'; i++) {
			if ((unsigned char)out[i] < 0x20 ||
			    (unsigned char)out[i] == 0x7f)
				bad++;
		}
		strcpy(copy, out);
		if (strlen(copy) <= 1024 &&
		    strcmp(clean(copy, strlen(copy)), copy) != 0)
			unstable++;
	}
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_eq(unstable, 0);
}
END_TEST

START_TEST(test_cut)
{
	/* "ab" then a 3-byte euro sign: cutting at 3 must not split it. */
	ck_assert_uint_eq(sanitize_cut("ab\xe2\x82\xac", 5, 3), 2);
	ck_assert_uint_eq(sanitize_cut("ab\xe2\x82\xac", 5, 4), 2);
	ck_assert_uint_eq(sanitize_cut("ab\xe2\x82\xac" "d", 6, 5), 5);
	ck_assert_uint_eq(sanitize_cut("abcdef", 6, 4), 4);
	ck_assert_uint_eq(sanitize_cut("abc", 3, 4), 3);
}
END_TEST

START_TEST(test_lines_bounded)
{
	struct lines		*l;
	const struct out_line	*o;
	char			 text[32];
	unsigned long long	 i;

	l = lines_create(3, 1 << 20);
	for (i = 0; i < 5; i++) {
		snprintf(text, sizeof text, "line %llu", i);
		o = lines_add(l, 1.0 * i, 100 + i, STREAM_OUT, 0, text,
		    strlen(text));
		ck_assert_uint_eq(o->seq, i);
	}
	ck_assert_uint_eq(lines_first(l), 2);
	ck_assert_uint_eq(lines_next(l), 5);
	ck_assert_uint_eq(lines_dropped(l), 2);
	ck_assert_ptr_null(lines_get(l, 1));
	ck_assert_ptr_null(lines_get(l, 5));
	o = lines_get(l, 2);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(o->text, "line 2");
	ck_assert_int_eq(o->pid, 102);
	ck_assert_str_eq(lines_get(l, 4)->text, "line 4");
	lines_free(l);
}
END_TEST

START_TEST(test_lines_grow)
{
	struct lines		*l;
	char			 text[32];
	unsigned long long	 i;

	/* The ring grows past its first size without losing or reordering. */
	l = lines_create(1000, 1 << 20);
	for (i = 0; i < 1000; i++) {
		snprintf(text, sizeof text, "%llu", i);
		lines_add(l, 0, 1, STREAM_ERR, 0, text, strlen(text));
	}
	ck_assert_uint_eq(lines_dropped(l), 0);
	for (i = 0; i < 1000; i++) {
		snprintf(text, sizeof text, "%llu", i);
		ck_assert_str_eq(lines_get(l, i)->text, text);
	}
	lines_add(l, 0, 1, STREAM_ERR, 1, "x", 1);
	ck_assert_uint_eq(lines_dropped(l), 1);
	ck_assert_uint_eq(lines_first(l), 1);
	ck_assert_int_eq(lines_get(l, 1000)->cut, 1);
	ck_assert_int_eq(lines_get(l, 1000)->stream, STREAM_ERR);
	lines_free(l);
}
END_TEST

START_TEST(test_lines_bytes)
{
	struct lines	*l;
	char		 text[100];
	int		 i;

	/* A byte budget bounds memory even with few, long lines. */
	memset(text, 'x', sizeof text);
	l = lines_create(1000, 1000);
	for (i = 0; i < 50; i++)
		lines_add(l, 0, 1, STREAM_OUT, 0, text, sizeof text);
	ck_assert_uint_le(lines_bytes(l), 1000);
	ck_assert_uint_eq(lines_next(l) - lines_first(l), 9);
	ck_assert_uint_eq(lines_dropped(l), 41);
	lines_free(l);
}
END_TEST

static Suite *
job_text_suite(void)
{
	Suite	*s = suite_create("job-text");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_plain);
	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_cr_and_tab);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_fuzz);
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_lines_bounded);
	tcase_add_test(tc, test_lines_grow);
	tcase_add_test(tc, test_lines_bytes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(job_text_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
