/* test-options.c: unit tests of the command-line parser (options.c). */
#include "config.h"

#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static int
parse(struct options *o, char **cause, ...)
{
	static char	*argv[32];
	va_list		 ap;
	int		 argc = 0;
	char		*a;

	argv[argc++] = (char *)"turbotop";
	va_start(ap, cause);
	while ((a = va_arg(ap, char *)) != NULL && argc < 31)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	return options_parse(o, argc, argv, cause);
}

START_TEST(test_defaults)
{
	struct options	 o;
	char		*cause;

	ck_assert_int_eq(parse(&o, &cause, NULL), 0);
	ck_assert_int_eq(o.batch, 0);
	ck_assert_int_eq(o.argc, 0);
	ck_assert_int_eq(o.format, FORMAT_TEXT);
	ck_assert_int_eq(o.repeat, REPEAT_DEFAULT);
	ck_assert(options_delay(&o, 0.5) == 0.5);
	ck_assert_int_eq(o.timeline, TIMELINE_AUTO);
	ck_assert_int_eq(o.threads, 0);
}
END_TEST

START_TEST(test_stop_at_demo)
{
	struct options	 o;
	char		*cause;

	/* -w belongs to the demo, -b to turbotop. */
	ck_assert_int_eq(parse(&o, &cause, "-b", "-d", "0.05", "waste", "-w",
	    "4", "-b", NULL), 0);
	ck_assert_int_eq(o.batch, 1);
	ck_assert(o.delay == 0.05);
	ck_assert_int_eq(o.is_command, 0);
	ck_assert_int_eq(o.argc, 4);
	ck_assert_str_eq(o.argv[0], "waste");
	ck_assert_str_eq(o.argv[3], "-b");
}
END_TEST

START_TEST(test_command)
{
	struct options	 o;
	char		*cause;

	ck_assert_int_eq(parse(&o, &cause, "-f", "json", "--", "python3", "-c",
	    "print(1)", NULL), 0);
	ck_assert_int_eq(o.format, FORMAT_JSON);
	ck_assert_int_eq(o.is_command, 1);
	ck_assert_int_eq(o.argc, 3);
	ck_assert_str_eq(o.argv[0], "python3");
}
END_TEST

START_TEST(test_long_options)
{
	struct options	 o;
	char		*cause;

	ck_assert_int_eq(parse(&o, &cause, "--bench=1-4", "--repeat=5",
	    "--iterations=7", "--format=csv", "--all", "--lines=100",
	    "pmap", NULL), 0);
	ck_assert_str_eq(o.bench, "1-4");
	ck_assert_int_eq(o.repeat, 5);
	ck_assert_int_eq(o.iterations, 7);
	ck_assert_int_eq(o.format, FORMAT_CSV);
	ck_assert_int_eq(o.all, 1);
	ck_assert_int_eq(o.max_lines, 100);

	ck_assert_int_eq(parse(&o, &cause, "--timeline=exact", "--threads",
	    NULL), 0);
	ck_assert_int_eq(o.timeline, TIMELINE_EXACT);
	ck_assert_int_eq(o.threads, 1);
	ck_assert_int_eq(parse(&o, &cause, "--timeline", "sampled", NULL), 0);
	ck_assert_int_eq(o.timeline, TIMELINE_SAMPLED);
}
END_TEST

START_TEST(test_errors)
{
	static const char *bad[][3] = {
		{ "-d", "0.049", NULL }, { "-d", "nan", NULL }, { "-d", "1x", NULL },
		{ "-d", "inf", NULL }, { "-n", "-1", NULL }, { "-n", "0", NULL },
		{ "-f", "yaml", NULL }, { "--repeat", "0", NULL },
		{ "--lines", "5", NULL }, { "--nope", NULL, NULL },
		{ "-q", NULL, NULL }, { "--", NULL, NULL }, { "-d", NULL, NULL },
		{ "--timeline=fast", NULL, NULL }, { "--timeline", NULL, NULL },
	};
	struct options	 o;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(parse(&o, &cause, bad[i][0], bad[i][1], NULL), -1);
		ck_assert_ptr_nonnull(cause);
		ck_assert(strlen(cause) > 0);
		free(cause);
	}
}
END_TEST

/* getopt's wording for each kind of mistake (issue 15: v1 called a missing
 * argument an invalid option). */
START_TEST(test_messages)
{
	static const struct {
		const char	*args[4];
		const char	*msg;
	} cases[] = {
		{ { "-b", "-n", "2", "-d" }, "option requires an argument -- 'd'" },
		{ { "-bd", NULL }, "option requires an argument -- 'd'" },
		{ { "--lines", NULL }, "option '--lines' requires an argument" },
		{ { "-b", "--delay", NULL }, "option '--delay' requires an argument" },
		{ { "-qb", NULL }, "invalid option -- 'q'" },
		{ { "--batch", "-bq", NULL }, "invalid option -- 'q'" },
		{ { "--nope", NULL }, "unrecognized option '--nope'" },
		{ { "--batch=1", NULL },
		    "option '--batch' doesn't allow an argument" },
	};
	struct options	 o;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(parse(&o, &cause, cases[i].args[0],
		    cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL),
		    -1);
		ck_assert_str_eq(cause, cases[i].msg);
		free(cause);
	}
}
END_TEST

/* Numbers are plain decimal: no hex, exponent, sign or blank (v1 took -d 0x10
 * as 16 s). */
START_TEST(test_strict_numbers)
{
	static const char *bad_delay[] = {
		"0x10", "0X1", "1e1", "+1", "-1", " 1", "1 ", "1..2", ".", "",
		"infinity", "0x1p3", "1,5"
	};
	static const char *bad_count[] = { "+5", " 5", "5 ", "0x5", "5.0", "1e2" };
	struct options	 o;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof bad_delay / sizeof bad_delay[0]; i++) {
		ck_assert_msg(parse(&o, &cause, "-d", bad_delay[i], NULL) == -1,
		    "-d '%s' accepted", bad_delay[i]);
		ck_assert_ptr_nonnull(strstr(cause, "invalid delay"));
		free(cause);
	}
	for (i = 0; i < sizeof bad_count / sizeof bad_count[0]; i++) {
		ck_assert_msg(parse(&o, &cause, "-n", bad_count[i], NULL) == -1,
		    "-n '%s' accepted", bad_count[i]);
		free(cause);
	}
	ck_assert_int_eq(parse(&o, &cause, "-d", "10", NULL), 0);
	ck_assert(o.delay == 10);
	ck_assert_int_eq(parse(&o, &cause, "-d", ".5", NULL), 0);
	ck_assert(o.delay == 0.5);
	ck_assert_int_eq(parse(&o, &cause, "-d", "2.", NULL), 0);
	ck_assert(o.delay == 2);
	ck_assert_int_eq(parse(&o, &cause, "-n", "007", NULL), 0);
	ck_assert_int_eq(o.iterations, 7);
}
END_TEST

START_TEST(test_parse_helpers)
{
	double	d;
	long	l;

	ck_assert_int_eq(options_parse_seconds("0.05", DELAY_MIN, DELAY_MAX, &d), 0);
	ck_assert_int_eq(options_parse_seconds("", 0, 1, &d), -1);
	ck_assert_int_eq(options_parse_long("12", 1, 12, &l), 0);
	ck_assert_int_eq(l, 12);
	ck_assert_int_eq(options_parse_long("13", 1, 12, &l), -1);
	ck_assert_int_eq(options_parse_long("99999999999999999999", 1,
	    1000, &l), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("options");
	TCase	*tc = tcase_create("parse");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_stop_at_demo);
	tcase_add_test(tc, test_command);
	tcase_add_test(tc, test_long_options);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_parse_helpers);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_strict_numbers);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
