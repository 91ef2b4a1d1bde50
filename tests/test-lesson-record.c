/*
 * test-lesson-record.c: unit tests of the asciicast v2 writer (record.c):
 * the header, escaping, times that never go back, and UTF-8 sequences cut
 * between two writes kept whole. The file is read back with a tiny check of
 * the JSON we expect; tests/lesson-record.sh checks real recordings with
 * python3 and asciinema.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record.h"
#include "util.h"

/* Record through fn into memory; the lines written, NUL-terminated. */
static char *
recorded(void (*fn)(struct recording *))
{
	struct recording	*r;
	FILE			*f;
	char			*buf = NULL;
	size_t			 len = 0;

	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	r = record_new(f, 80, 24, 1700000000.9, "a \"title\"");
	fn(r);
	ck_assert_int_eq(record_finish(r), 0);
	return buf;
}

static void
write_basic(struct recording *r)
{
	record_output(r, 0.5, "hello\r\n", 7);
	record_output(r, 0.25, "\033[1mbold\t\"q\" \\", 14);
	record_resize(r, 1, 100, 30);
}

START_TEST(test_header_and_escapes)
{
	char	*out;

	out = recorded(write_basic);
	ck_assert_str_eq(out,
	    "{\"version\":2,\"width\":80,\"height\":24,\"timestamp\":1700000000,"
	    "\"title\":\"a \\\"title\\\"\",\"env\":{\"TERM\":\"xterm\"}}\n"
	    "[0.500000,\"o\",\"hello\\r\\n\"]\n"
	    /* Time does not go back: 0.25 is written as 0.5. */
	    "[0.500000,\"o\",\"\\u001b[1mbold\\t\\\"q\\\" \\\\\"]\n"
	    "[1.000000,\"r\",\"100x30\"]\n");
	free(out);
}
END_TEST

static void
write_split(struct recording *r)
{
	/* "é→🚀" cut inside each sequence. */
	record_output(r, 0.1, "a\xc3", 2);
	record_output(r, 0.2, "\xa9\xe2\x86", 3);
	record_output(r, 0.3, "\x92\xf0\x9f", 3);
	record_output(r, 0.4, "\x9a", 1);
	record_output(r, 0.5, "\x80z", 2);
	/* A sequence still incomplete at the end is written, replaced. */
	record_output(r, 0.6, "\xe2\x86", 2);
}

START_TEST(test_utf8_split)
{
	char	*out, *body;

	out = recorded(write_split);
	body = strchr(out, '\n') + 1;
	ck_assert_str_eq(body,
	    "[0.100000,\"o\",\"a\"]\n"
	    "[0.200000,\"o\",\"\xc3\xa9\"]\n"
	    "[0.300000,\"o\",\"\xe2\x86\x92\"]\n"
	    "[0.500000,\"o\",\"\xf0\x9f\x9a\x80z\"]\n"
	    "[0.600000,\"o\",\"\\ufffd\\ufffd\"]\n");
	free(out);
}
END_TEST

static void
write_nothing(struct recording *r)
{
}

START_TEST(test_empty)
{
	char	*out;

	out = recorded(write_nothing);
	ck_assert_ptr_nonnull(strstr(out, "\"version\":2"));
	ck_assert_ptr_null(strchr(strchr(out, '\n') + 1, '\n'));
	free(out);
}
END_TEST

START_TEST(test_start_without_terminal)
{
	char	*cause;

	/* Under make check, stdin is not a terminal. */
	if (isatty(0) && isatty(1))
		return;
	ck_assert_int_eq(record_start("/nonexistent/x.cast", NULL, &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "needs a terminal"));
	free(cause);
	ck_assert_int_eq(record_active(), 0);
	ck_assert_int_eq(record_stop(NULL), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("lesson-record");
	TCase	*tc = tcase_create("asciicast");
	SRunner	*sr;
	int	 failed;

	setenv("TERM", "xterm", 1);
	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_header_and_escapes);
	tcase_add_test(tc, test_utf8_split);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_start_without_terminal);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
