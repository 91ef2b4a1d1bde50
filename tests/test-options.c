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
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
