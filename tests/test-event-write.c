/*
 * test-event-write.c: unit tests of the writer's output lines
 * (event-write.c), the path a flood of output takes, built by hand: as
 * text, "[    PID out] text" as the printf format it replaced wrote it (a
 * pid of any width, stderr, a cut line); as JSON, every byte a JSON string
 * must escape escaped, and the record read back (event-read.c) gives the
 * job, pid, stream, cut and text it was written with (the reader shows a
 * control character visibly). Output records gather in the writer before
 * they reach the FILE: every record still comes out, in the order written,
 * around other records, flushes and lines longer than the gathering buffer.
 * Numbers are written by hand as printf would write them (json.c): checked
 * against printf on halves, near-halves, every magnitude and sign.
 */
#include "config.h"

#include <check.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event-read.h"
#include "event-write.h"
#include "json.h"

/* What one output record writes in format f. */
static char *
write_output(enum format f, long pid, int err, int cut, const char *text)
{
	struct event_writer	*w;
	struct event		 e;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*fp;

	ck_assert_ptr_nonnull(fp = open_memstream(&buf, &len));
	w = event_writer_new(fp, f);
	memset(&e, 0, sizeof e);
	e.type = EVENT_OUTPUT;
	e.t = 1.25;
	e.job = "waste";
	e.pid = pid;
	e.err = err;
	e.cut = cut;
	e.text = text;
	ck_assert_int_eq(event_write(w, &e), 0);
	event_writer_flush(w);
	event_writer_free(w);
	fclose(fp);
	return buf;
}

START_TEST(test_text)
{
	char	*s, want[256];

	s = write_output(FORMAT_TEXT, 4243, 0, 0, "Total waste of CPU cycles!");
	ck_assert_str_eq(s, "[   4243 out] Total waste of CPU cycles!\n");
	free(s);
	s = write_output(FORMAT_TEXT, 123456789, 1, 1, "a long one");
	ck_assert_str_eq(s, "[123456789 err] a long one [cut]\n");
	free(s);
	s = write_output(FORMAT_TEXT, -5, 0, 0, "");
	snprintf(want, sizeof want, "[%7ld %s] %s%s\n", -5L, "out", "", "");
	ck_assert_str_eq(s, want);
	free(s);
}
END_TEST

START_TEST(test_json)
{
	static const char	 text[] = "say \"hi\" \\ \x01 tab\t del\x7f é";
	struct event_reader	*r;
	struct event		 e;
	char			*s, *cause = NULL;

	s = write_output(FORMAT_JSON, 4243, 1, 1, text);
	ck_assert_str_eq(s, "{\"type\":\"output\",\"t\":1.250,\"job\":\"waste\","
	    "\"pid\":4243,\"stream\":\"err\",\"cut\":true,\"text\":"
	    "\"say \\\"hi\\\" \\\\ \\u0001 tab\\u0009 del\\u007f é\"}\n");
	r = event_reader_new(-1);
	ck_assert_int_eq(event_reader_parse(r, s, strlen(s) - 1, &e, &cause),
	    0);
	ck_assert_int_eq(e.type, EVENT_OUTPUT);
	ck_assert_int_eq(e.pid, 4243);
	ck_assert_int_eq(e.err, 1);
	ck_assert_int_eq(e.cut, 1);
	ck_assert_str_eq(e.job, "waste");
	/* The reader shows controls visibly (^A); the rest comes back. */
	ck_assert_int_eq(strncmp(e.text, "say \"hi\" \\ ", 11), 0);
	ck_assert_ptr_nonnull(strstr(e.text, " é"));
	event_reader_free(r);
	free(s);
}
END_TEST

/* Random text against a byte-at-a-time escaper, every byte in every place. */
START_TEST(test_escape_random)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned int		 seed = 7;
	char			 text[80], want[600], *w, *got, *p;
	int			 k, i, n, c;

	for (k = 0; k < 20000; k++) {
		n = rand_r(&seed) % 70;
		for (i = 0; i < n; i++) {
			c = rand_r(&seed) % 4 == 0 ? 1 + rand_r(&seed) % 255 :
			    'a' + rand_r(&seed) % 26;
			text[i] = (char)c;
		}
		text[n] = '\0';
		w = want;
		for (i = 0; i < n; i++) {
			c = (unsigned char)text[i];
			if (c == '"' || c == '\\') {
				*w++ = '\\';
				*w++ = (char)c;
			} else if (c < 0x20 || c == 0x7f) {
				w += sprintf(w, "\\u00%c%c", hex[c >> 4],
				    hex[c & 0xf]);
			} else
				*w++ = (char)c;
		}
		*w = '\0';
		got = write_output(FORMAT_JSON, 1, 0, 0, text);
		p = strstr(got, ",\"text\":\"");
		ck_assert_ptr_nonnull(p);
		p += 9;
		ck_assert_msg(strncmp(p, want, strlen(want)) == 0 &&
		    strcmp(p + strlen(want), "\"}\n") == 0,
		    "text %d escaped as %s, want %s", k, p, want);
		free(got);
	}
}
END_TEST

/* Lines of output and other records, in order, as JSON and as text. */
START_TEST(test_order)
{
	static const enum format formats[] = { FORMAT_JSON, FORMAT_TEXT };
	struct event_writer	*w;
	struct event		 e;
	char			*buf, *big, *p, *q, want[64];
	size_t			 len, i, k, bigsize = 100000;
	FILE			*fp;

	big = malloc(bigsize + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', bigsize);
	big[bigsize] = '\0';
	for (k = 0; k < 2; k++) {
		buf = NULL;
		ck_assert_ptr_nonnull(fp = open_memstream(&buf, &len));
		w = event_writer_new(fp, formats[k]);
		event_writer_flush_output(w, 0);
		memset(&e, 0, sizeof e);
		e.job = "waste";
		for (i = 0; i < 3000; i++) {
			snprintf(want, sizeof want, "line %zu \"q\"", i);
			e.type = EVENT_OUTPUT;
			e.pid = 100 + (long)i;
			e.text = i == 1500 ? big : want;
			ck_assert_int_eq(event_write(w, &e), 0);
			if (i % 1000 == 999) {
				e.type = EVENT_ERROR;
				e.text = "between";
				ck_assert_int_eq(event_write(w, &e), 0);
			}
		}
		event_writer_free(w);
		fclose(fp);
		p = buf;
		for (i = 0; i < 3000; i++) {
			snprintf(want, sizeof want, formats[k] == FORMAT_JSON ?
			    "\"pid\":%zu," : "[%7zu out] ", 100 + i);
			p = strstr(p, want);
			ck_assert_msg(p != NULL, "format %zu: line %zu is "
			    "missing or out of order", k, i);
			if (i == 1500)
				ck_assert_ptr_nonnull(strstr(p, big));
			else {
				snprintf(want, sizeof want, formats[k] ==
				    FORMAT_JSON ? "line %zu \\\"q\\\"\"}\n" :
				    "line %zu \"q\"\n", i);
				ck_assert_int_eq(strncmp(strchr(p, 'l'), want,
				    strlen(want)), 0);
			}
			if (i % 1000 == 999) {
				/* "between" comes after line i, before i + 1. */
				snprintf(want, sizeof want, formats[k] ==
				    FORMAT_JSON ? "\"pid\":%zu," : "[%7zu out] ",
				    101 + i);
				q = strstr(p, "between");
				ck_assert_msg(q != NULL && (i == 2999 ||
				    (strstr(p, want) != NULL &&
				    q < strstr(p, want))), "format %zu: the "
				    "record after line %zu is missing or out of "
				    "order", k, i);
			}
		}
		free(buf);
	}
	free(big);
}
END_TEST

/* json_fixed(v, d) against printf's "%.*f", for every d. */
static void
check_fixed(double v)
{
	char	got[JSON_NUMBER_MAX + 1], want[JSON_NUMBER_MAX + 1];
	size_t	n;
	int	d;

	for (d = 0; d <= 9; d++) {
		n = json_fixed(got, v, d);
		got[n] = '\0';
		snprintf(want, sizeof want, "%.*f", d, v);
		/* Not ck_assert: check logs every assertion that passes. */
		if (strcmp(got, want) != 0)
			ck_abort_msg("%.17g with %d decimals: %s, printf says "
			    "%s", v, d, got, want);
	}
}

START_TEST(test_numbers)
{
	static const double	 fixed[] = { 0, -0.0, 0.5, 1.5, 2.5, 0.25,
				    0.125, 0.05, 0.15, 0.35, 1.005, 2.675,
				    99.95, 99.949999999, 100, 0.0004999,
				    -0.04, -2.5, 1e-9, 5e-10, 123456.0005,
				    999999999999.5, 1e12, 1e15, 1e300,
				    -1e300, DBL_MAX, -DBL_MAX, DBL_MIN,
				    4503599627370496.5, 9007199254740993.0 };
	static const long long	 ints[] = { 0, 1, -1, 42, LLONG_MAX,
				    LLONG_MIN };
	struct json		*j = json_new();
	char			 want[32];
	unsigned int		 seed = 13;
	size_t			 i;
	double			 v;
	int			 k;

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		check_fixed(fixed[i]);
	/* Halves and hundredths at every scale, and random figures. */
	for (k = 0; k < 200000; k++) {
		v = (double)rand_r(&seed) / RAND_MAX;
		v = ldexp(v, rand_r(&seed) % 80 - 40);
		check_fixed(k % 2 ? -v : v);
		check_fixed((double)(k % 20000) / 2000);
		check_fixed(k * 0.05);
		check_fixed(k * 1e-4);
		check_fixed(ldexp(k, -(k % 12)));	/* exact halves */
	}
	for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		json_reset(j);
		json_int(j, ints[i]);
		snprintf(want, sizeof want, "%lld", ints[i]);
		ck_assert_str_eq(json_text(j, NULL), want);
	}
	json_reset(j);
	json_double(j, NAN, 1);
	ck_assert_str_eq(json_text(j, NULL), "null");
	json_reset(j);
	json_double(j, -0.0, 1);
	ck_assert_str_eq(json_text(j, NULL), "0.0");
	json_free(j);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("event-write");
	TCase	*tc = tcase_create("output");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_escape_random);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_numbers);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
