/*
 * test-lesson-parse.c: unit tests of the lesson checker (lesson-parse.c):
 * good and bad lines, units, quoting, binary and overlong input, missing
 * files, and every lesson shipped in examples/.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lesson-parse.h"
#include "util.h"

/* Parse a NUL-terminated string as the lesson "t.lesson". */
static struct lesson *
parse(const char *s, char **cause)
{
	return lesson_parse_buffer("t.lesson", s, strlen(s), cause);
}

/* The lesson s must be refused with a message starting "t.lesson:LINE: ". */
static void
expect_error(const char *s, int line, const char *what)
{
	struct lesson	*l;
	char		*cause, prefix[64];

	l = parse(s, &cause);
	ck_assert_msg(l == NULL, "accepted: %s", s);
	ck_assert_ptr_nonnull(cause);
	snprintf(prefix, sizeof prefix, "t.lesson:%d: ", line);
	ck_assert_msg(strncmp(cause, prefix, strlen(prefix)) == 0,
	    "'%s' gave '%s', not %s...", s, cause, prefix);
	ck_assert_msg(strstr(cause, what) != NULL, "'%s' gave '%s', not '%s'",
	    s, cause, what);
	free(cause);
}

START_TEST(test_every_command)
{
	static const char	 text[] =
	    "# a lesson\n"
	    "title Processes, not threads\n"
	    "\n"
	    "say Four workers, four cores.\n"
	    "run waste -w 4 -t 5\n"
	    "wait 1500ms\n"
	    "pause\n"
	    "wait 2s\n"
	    "resume\n"
	    "wait key\n"
	    "stop\n"
	    "run -- sh -c 'echo \"hi there\"; exit 3'\n"
	    "wait exit\n"
	    "wait exit 1m\n"
	    "clear\n"
	    "try -- no-such-program\n"
	    "bench 1-4 pmap -n 100\n"
	    "bench 1,2 --repeat=1 --bench-floor=0 --repeat=2 -- sh -c 'echo {w}'\n";
	const struct lesson_step	*st;
	struct lesson			*l;
	char				*cause;

	l = parse(text, &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	ck_assert_int_eq(lesson_count(l), 16);
	ck_assert_str_eq(lesson_title(l), "Processes, not threads");

	st = lesson_get(l, 0);
	ck_assert_int_eq(st->kind, LESSON_TITLE);
	ck_assert_int_eq(st->line, 2);
	st = lesson_get(l, 1);
	ck_assert_int_eq(st->kind, LESSON_SAY);
	ck_assert_str_eq(st->text, "Four workers, four cores.");
	ck_assert_int_eq(st->line, 4);

	st = lesson_get(l, 2);
	ck_assert_int_eq(st->kind, LESSON_RUN);
	ck_assert_int_eq(st->is_command, 0);
	ck_assert_int_eq(st->argc, 5);
	ck_assert_str_eq(st->argv[0], "waste");
	ck_assert_str_eq(st->argv[4], "5");
	ck_assert_ptr_null(st->argv[5]);
	ck_assert_str_eq(st->source, "run waste -w 4 -t 5");

	st = lesson_get(l, 3);
	ck_assert_int_eq(st->kind, LESSON_WAIT);
	ck_assert_double_eq_tol(st->seconds, 1.5, 1e-9);
	ck_assert_int_eq(lesson_get(l, 4)->kind, LESSON_PAUSE);
	ck_assert_double_eq_tol(lesson_get(l, 5)->seconds, 2, 1e-9);
	ck_assert_int_eq(lesson_get(l, 6)->kind, LESSON_RESUME);
	ck_assert_int_eq(lesson_get(l, 7)->kind, LESSON_WAIT_KEY);
	ck_assert_int_eq(lesson_get(l, 8)->kind, LESSON_STOP);

	st = lesson_get(l, 9);
	ck_assert_int_eq(st->kind, LESSON_RUN);
	ck_assert_int_eq(st->is_command, 1);
	ck_assert_int_eq(st->argc, 3);
	ck_assert_str_eq(st->argv[0], "sh");
	ck_assert_str_eq(st->argv[2], "echo \"hi there\"; exit 3");
	ck_assert_ptr_null(st->argv[3]);

	st = lesson_get(l, 10);
	ck_assert_int_eq(st->kind, LESSON_WAIT_EXIT);
	ck_assert(st->seconds == 0);
	st = lesson_get(l, 11);
	ck_assert_int_eq(st->kind, LESSON_WAIT_EXIT);
	ck_assert_double_eq_tol(st->seconds, 60, 1e-9);
	ck_assert_int_eq(lesson_get(l, 12)->kind, LESSON_CLEAR);
	st = lesson_get(l, 13);
	ck_assert_int_eq(st->kind, LESSON_TRY);
	ck_assert_int_eq(st->is_command, 1);
	st = lesson_get(l, 14);
	ck_assert_int_eq(st->kind, LESSON_BENCH);
	ck_assert_int_eq(st->argc, 4);
	ck_assert_str_eq(st->argv[1], "pmap");
	ck_assert_int_eq(lesson_get(l, 15)->argc, 8);
	ck_assert_str_eq(lesson_get(l, 15)->argv[2], "--bench-floor=0");
	ck_assert_ptr_null(lesson_get(l, 16));
	lesson_free(l);
}
END_TEST

START_TEST(test_units)
{
	static const struct {
		const char	*s;
		int		 rc;
		double		 v;
	} cases[] = {
		{ "1500ms", 0, 1.5 }, { "2s", 0, 2 }, { "1m", 0, 60 },
		{ "1.5min", 0, 90 }, { "0s", 0, 0 }, { "0.25s", 0, 0.25 },
		{ "86400s", 0, 86400 }, { "1440m", 0, 86400 },
		{ "2", -2, 0 }, { "1.5", -2, 0 }, { "2h", -1, 0 },
		{ "-1s", -1, 0 }, { "1e3s", -1, 0 }, { "0x10s", -1, 0 },
		{ ".5s", -1, 0 }, { "5.s", -1, 0 }, { "s", -1, 0 }, { "", -1, 0 },
		{ "nans", -1, 0 }, { "infs", -1, 0 }, { "2 s", -1, 0 },
		{ "2S", -1, 0 }, { "86401s", -3, 0 }, { "1441m", -3, 0 },
		{ "99999999999999999999s", -3, 0 },
		{ "9999999999999999999999999999999999999999ms", -3, 0 },
	};
	size_t	i;
	double	v;
	int	rc;

	for (i = 0; i < nitems(cases); i++) {
		v = -1;
		rc = lesson_parse_duration(cases[i].s, &v);
		ck_assert_msg(rc == cases[i].rc, "'%s': %d, not %d", cases[i].s,
		    rc, cases[i].rc);
		if (rc == 0)
			ck_assert_double_eq_tol(v, cases[i].v, 1e-9);
	}
}
END_TEST

START_TEST(test_blanks)
{
	const struct lesson_step	*st;
	struct lesson			*l;
	char				*cause;

	/* Tabs between words, trailing blanks, DOS line ends, no final newline. */
	l = parse("\t  say\t hello  world \t\r\n   # indented comment\r\n"
	    "run\twaste\t-w 2   \r\n\t\n  wait\t 2s", &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	ck_assert_int_eq(lesson_count(l), 3);
	st = lesson_get(l, 0);
	ck_assert_str_eq(st->text, "hello  world");
	/* As shown: through the sanitiser, the tab expanded. */
	ck_assert_str_eq(st->source, "say      hello  world");
	st = lesson_get(l, 1);
	ck_assert_int_eq(st->argc, 3);
	ck_assert_str_eq(st->argv[2], "2");
	ck_assert_int_eq(st->line, 3);
	ck_assert_int_eq(lesson_get(l, 2)->line, 5);
	lesson_free(l);
}
END_TEST

START_TEST(test_quoting)
{
	static const char		 text[] =
	    "run -- a\\ b \"c \\\"d\\\"\" 'e \\ f' \"\" g'h'i $LESSON_DIR/x.py\n";
	const struct lesson_step	*st;
	struct lesson			*l;
	char				*cause;

	l = lesson_parse_buffer("some/dir/q.lesson", text, strlen(text), &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	st = lesson_get(l, 0);
	ck_assert_int_eq(st->argc, 6);
	ck_assert_str_eq(st->argv[0], "a b");
	ck_assert_str_eq(st->argv[1], "c \"d\"");
	ck_assert_str_eq(st->argv[2], "e \\ f");
	ck_assert_str_eq(st->argv[3], "");
	ck_assert_str_eq(st->argv[4], "ghi");
	ck_assert_str_eq(st->argv[5], "some/dir/x.py");
	ck_assert_str_eq(lesson_dir(l), "some/dir");
	lesson_free(l);

	l = lesson_parse_buffer("top.lesson", "run -- $LESSON_DIR\n", 19, &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	ck_assert_str_eq(lesson_get(l, 0)->argv[0], ".");
	lesson_free(l);
}
END_TEST

START_TEST(test_bad_lines)
{
	expect_error("", 1, "no commands");
	expect_error("# only a comment\n\n", 2, "no commands");
	expect_error("dance\n", 1, "unknown command 'dance': expected title, "
	    "say, run, try, wait, pause, resume, stop, clear or bench");
	expect_error("Run waste\n", 1, "unknown command 'Run'");
	expect_error("say hi\nrun no-such-demo\n", 2, "unknown demo "
	    "'no-such-demo'");
	expect_error("run\n", 1, "needs a demo name");
	expect_error("run --\n", 1, "must be followed by a command");
	expect_error("try\n", 1, "try needs a demo name");
	expect_error("say\n", 1, "'say' needs a text");
	expect_error("title   \n", 1, "'title' needs a text");
	expect_error("pause now\n", 1, "'pause' takes no argument");
	expect_error("stop 1\n", 1, "'stop' takes no argument");
	expect_error("wait\n", 1, "wait needs an argument");
	expect_error("wait 5\n", 1, "'5' has no unit: write 5ms, 5s or 5m");
	expect_error("wait 5h\n", 1, "expected a duration");
	expect_error("wait 2 s\n", 1, "'2' has no unit");
	expect_error("wait 1s 2s\n", 1, "unexpected '2s'");
	expect_error("wait 99999999999999999999999s\n", 1, "too long");
	expect_error("wait key now\n", 1, "'wait key' takes nothing more");
	expect_error("wait exit soon\n", 1, "expected a duration");
	expect_error("wait exit 1s 2s\n", 1, "wait exit DURATION");
	expect_error("run -- sh -c 'echo\n", 1, "unterminated ' quote");
	expect_error("run -- sh -c \"echo\n", 1, "unterminated \" quote");
	expect_error("run -- echo \\\n", 1, "nothing to escape");
	expect_error("bench\n", 1, "bench LIST [--repeat=N] [--bench-floor=SECS] DEMO");
	expect_error("bench 1-4 --bench-floor=x pmap\n", 1,
	    "invalid '--bench-floor=x'");
	expect_error("bench pmap\n", 1, "expected a worker list and a demo");
	expect_error("bench 1-4 --repeat=0 pmap\n", 1, "invalid '--repeat=0'");
	expect_error("bench 1-4 --repeat=2\n", 1, "a demo or -- COMMAND must");
	expect_error("bench 1-4 --\n", 1, "must be followed by a command");
	expect_error("bench four pmap\n", 1, "worker counts");
	expect_error("bench 1-4 nope\n", 1, "unknown demo 'nope'");
	/* Every message says what was expected. */
	expect_error("run\n", 1, "expected run DEMO [ARG]... or run -- COMMAND");
}
END_TEST

START_TEST(test_binary)
{
	static const char	 nul[] = "say hi\nrun wa\0ste\n";
	struct lesson		*l;
	char			*cause, *big;

	l = lesson_parse_buffer("t.lesson", nul, sizeof nul - 1, &cause);
	ck_assert_ptr_null(l);
	ck_assert_msg(strncmp(cause, "t.lesson:2: NUL byte", 20) == 0, "%s",
	    cause);
	free(cause);

	expect_error("say \x01hi\n", 1, "control character 0x01 in column 5");
	expect_error("say hi\x7f\n", 1, "control character 0x7f");
	expect_error("say \xff\xfe garbage\n", 1, "invalid UTF-8 in column 5");
	expect_error("say \xc3\n", 1, "invalid UTF-8");
	expect_error("say \xc0\xaf\n", 1, "invalid UTF-8");	/* overlong '/' */
	expect_error("say \xed\xa0\x80\n", 1, "invalid UTF-8");	/* surrogate */
	/* Valid UTF-8 is text like any other. */
	l = parse("say caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x9a\x80\n", &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	lesson_free(l);

	/* An overlong line is refused, and the next lines still checked. */
	big = xmalloc(LESSON_LINE_MAX + 64);
	memset(big, 'a', LESSON_LINE_MAX + 10);
	memcpy(big, "say ", 4);
	strcpy(big + LESSON_LINE_MAX + 10, "\ndance\n");
	l = parse(big, &cause);
	ck_assert_ptr_null(l);
	ck_assert_msg(strstr(cause, "t.lesson:1: line longer than 4096 bytes\n"
	    "t.lesson:2: unknown command 'dance'") == cause, "%s", cause);
	free(cause);
	/* A line of exactly the limit is fine. */
	big[LESSON_LINE_MAX] = '\0';
	l = parse(big, &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	lesson_free(l);
	free(big);
}
END_TEST

START_TEST(test_many_errors)
{
	struct lesson	*l;
	char		*cause, *text, *p;
	size_t		 i, lines;

	/* Every error is reported, in order, up to LESSON_ERRORS_MAX. */
	l = parse("say ok\nbad1\nrun nope\npause x\n", &cause);
	ck_assert_ptr_null(l);
	ck_assert_msg(strstr(cause, "t.lesson:2: unknown command 'bad1'") == cause,
	    "%s", cause);
	ck_assert_ptr_nonnull(strstr(cause, "\nt.lesson:3: unknown demo"));
	ck_assert_ptr_nonnull(strstr(cause, "\nt.lesson:4: 'pause'"));
	free(cause);

	text = xmalloc(1000 * 4 + 1);
	for (i = 0; i < 1000; i++)
		memcpy(text + 4 * i, "bad\n", 4);
	text[4000] = '\0';
	l = parse(text, &cause);
	ck_assert_ptr_null(l);
	for (lines = 0, p = cause; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	ck_assert_int_eq(lines, LESSON_ERRORS_MAX + 1);
	ck_assert_ptr_nonnull(strstr(cause, "too many errors"));
	free(cause);
	free(text);
}
END_TEST

START_TEST(test_files)
{
	struct lesson	*l;
	char		*cause;

	l = lesson_parse_file("/nonexistent/x.lesson", &cause);
	ck_assert_ptr_null(l);
	ck_assert_str_eq(cause, "/nonexistent/x.lesson: No such file or directory");
	free(cause);

	l = lesson_parse_file("/", &cause);
	ck_assert_ptr_null(l);
	ck_assert_str_eq(cause, "/: not a regular file");
	free(cause);
}
END_TEST

/* Every lesson shipped in examples/ passes the check. */
START_TEST(test_examples)
{
	struct dirent	*de;
	struct lesson	*l;
	DIR		*d;
	char		*path, *cause;
	size_t		 n, found = 0;

	d = opendir(EXAMPLES_DIR);
	ck_assert_msg(d != NULL, "cannot open %s", EXAMPLES_DIR);
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 8 || strcmp(de->d_name + n - 7, ".lesson") != 0)
			continue;
		xasprintf(&path, "%s/%s", EXAMPLES_DIR, de->d_name);
		l = lesson_parse_file(path, &cause);
		ck_assert_msg(l != NULL, "%s", cause);
		ck_assert_msg(lesson_title(l) != NULL, "%s has no title", path);
		lesson_free(l);
		free(path);
		found++;
	}
	closedir(d);
	/* One per part of the article. */
	ck_assert_uint_ge(found, 6);
}
END_TEST

/* CPU seconds to parse a lesson of n lines (the best of three). */
static double
parse_seconds(size_t n)
{
	static const char	*lines[] = {
		"say a line of the lesson, long enough to be a sentence\n",
		"wait 10ms\n",
		"run -- sh -c 'echo \"$LESSON_DIR\" one two three'\n",
		"# a comment\n",
	};
	struct timespec		 t0, t1;
	struct lesson		*l;
	char			*buf, *cause;
	size_t			 len = 0, size = n * 64 + 1, i, k;
	double			 best = 1e9, t;

	buf = xmalloc(size);
	for (i = 0; i < n; i++) {
		k = strlen(lines[i % 4]);
		memcpy(buf + len, lines[i % 4], k);
		len += k;
	}
	for (i = 0; i < 3; i++) {
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
		l = lesson_parse_buffer("big.lesson", buf, len, &cause);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
		ck_assert_msg(l != NULL, "%s", cause);
		ck_assert_uint_eq(lesson_count(l), n - n / 4);
		lesson_free(l);
		t = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (t < best)
			best = t;
	}
	free(buf);
	return best;
}

/*
 * Parsing is linear in the lines (issue 15: v1 grew the step array one
 * element a line, 8.9 s for 10k lines and over 100 s for 40k under ASan).
 * Four times the lines may take at most ten times as long (a quadratic parser
 * takes sixteen), plus 50 ms for the clock's grain.
 */
START_TEST(test_linear)
{
	double	t10 = parse_seconds(10000), t20 = parse_seconds(20000),
		t40 = parse_seconds(40000);

	fprintf(stderr, "# 10k lines %.4f s, 20k %.4f s, 40k %.4f s\n", t10, t20,
	    t40);
	ck_assert_msg(t40 <= 10 * t10 + 0.05, "40k lines take %.3f s, 10k %.3f s",
	    t40, t10);
	ck_assert_msg(t20 <= 5 * t10 + 0.05, "20k lines take %.3f s, 10k %.3f s",
	    t20, t10);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("lesson-parse");
	TCase	*tc = tcase_create("parse");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_every_command);
	tcase_add_test(tc, test_units);
	tcase_add_test(tc, test_blanks);
	tcase_add_test(tc, test_quoting);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_binary);
	tcase_add_test(tc, test_many_errors);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_examples);
	tcase_add_test(tc, test_linear);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
