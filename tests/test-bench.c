/*
 * test-bench.c: unit tests of the benchmark's pure parts: the worker list
 * parser (bench-list.c), the arithmetic on made-up timings (bench-stats.c),
 * each run's command (bench-cmd.c) and the SVG chart (bench-svg.c).
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-cmd.h"
#include "bench-list.h"
#include "bench-stats.h"
#include "util.h"
#include "bench-svg.h"

#define ck_assert_near(a, b, eps) \
	ck_assert_msg(fabs((a) - (b)) <= (eps), "%s = %.9g, expected %.9g", \
	    #a, (double)(a), (double)(b))

/* Parse s and compare with the expected counts (terminated by 0). */
static void
expect_list(const char *s, int want_added, ...)
{
	va_list	 ap;
	int	*ks, added, k;
	size_t	 n, i = 0;
	char	*cause;

	ck_assert_msg(bench_list_parse(s, &ks, &n, &added, &cause) == 0,
	    "'%s' refused: %s", s, cause);
	ck_assert_ptr_null(cause);
	ck_assert_int_eq(added, want_added);
	va_start(ap, want_added);
	while ((k = va_arg(ap, int)) != 0) {
		ck_assert_msg(i < n, "'%s': too few counts", s);
		ck_assert_int_eq(ks[i], k);
		i++;
	}
	va_end(ap);
	ck_assert_uint_eq(i, n);
	free(ks);
}

static void
expect_refused(const char *s, const char *words)
{
	int	*ks;
	size_t	 n;
	int	 added;
	char	*cause;

	ck_assert_msg(bench_list_parse(s, &ks, &n, &added, &cause) == -1,
	    "'%s' accepted", s);
	ck_assert_ptr_null(ks);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, words) != NULL, "'%s': message '%s' lacks "
	    "'%s'", s, cause, words);
	free(cause);
}

START_TEST(test_list_good)
{
	expect_list("1,2,4", 0, 1, 2, 4, 0);
	expect_list("1-8", 0, 1, 2, 3, 4, 5, 6, 7, 8, 0);
	expect_list("1,2,4-6", 0, 1, 2, 4, 5, 6, 0);
	expect_list("1", 0, 1, 0);
	expect_list("4,1,2", 0, 1, 2, 4, 0);
	expect_list("3-3", 1, 1, 3, 0);
	expect_list("2,4", 1, 1, 2, 4, 0);
	expect_list("1024", 1, 1, 1024, 0);
	expect_list("001,02", 0, 1, 2, 0);
}
END_TEST

START_TEST(test_list_bad)
{
	expect_refused("", "give worker counts");
	expect_refused("0", "start at 1");
	expect_refused("0-4", "start at 1");
	expect_refused("x", "'x' is not");
	expect_refused("1,x", "'x' is not");
	expect_refused("4-2", "goes down");
	expect_refused("1,,2", "missing");
	expect_refused("1,2,", "missing");
	expect_refused(",1", "missing");
	expect_refused("1-", "missing");
	expect_refused("-1", "'-' is not");
	expect_refused("1025", "up to 1024");
	expect_refused("99999999999999999999999", "up to 1024");
	expect_refused("1,2,2", "listed twice");
	expect_refused("1-4,3", "listed twice");
	expect_refused("1-200", "more than 128");
	expect_refused("1 ,2", "unexpected ' '");
	expect_refused("1.5", "unexpected '.'");
	expect_refused("+2", "'+' is not");
}
END_TEST

START_TEST(test_median)
{
	double	odd[] = { 3, 1, 2 }, even[] = { 4, 1, 3, 2 }, one[] = { 7 };

	ck_assert(bench_median(odd, 3) == 2);
	ck_assert(bench_median(even, 4) == 2.5);
	ck_assert(bench_median(one, 1) == 7);
	ck_assert(isnan(bench_median(one, 0)));
	/* The input is left unsorted. */
	ck_assert(odd[0] == 3 && odd[1] == 1);
}
END_TEST

START_TEST(test_derive)
{
	struct bench_point	p[3];
	double			t1[] = { 8.2, 7.9, 8.0 };
	double			t2[] = { 4.4, 4.0, 4.1 };
	double			t4[] = { 2.5, 2.6 };

	memset(p, 0, sizeof p);
	p[0].workers = 1;
	p[1].workers = 2;
	p[2].workers = 4;
	bench_point_times(&p[0], t1, 3);
	bench_point_times(&p[1], t2, 3);
	bench_point_times(&p[2], t4, 2);
	bench_points_derive(p, 3);

	ck_assert_uint_eq(p[0].runs, 3);
	ck_assert(p[0].wall_median == 8.0);
	ck_assert(p[0].wall_min == 7.9 && p[0].wall_max == 8.2);
	ck_assert(p[1].wall_median == 4.1);
	ck_assert_near(p[2].wall_median, 2.55, 1e-12);

	ck_assert(p[0].speedup == 1);
	ck_assert(p[0].efficiency == 1);
	ck_assert(isnan(p[0].karp_flatt));	/* 0/0 at K = 1 */
	ck_assert_near(p[1].speedup, 8.0 / 4.1, 1e-12);
	ck_assert_near(p[1].efficiency, 8.0 / 4.1 / 2, 1e-12);
	ck_assert_near(p[1].speedup_lo, 8.0 / 4.4, 1e-12);
	ck_assert_near(p[1].speedup_hi, 8.0 / 4.0, 1e-12);
	/* e = (1/S - 1/K) / (1 - 1/K) */
	ck_assert_near(p[1].karp_flatt, (4.1 / 8.0 - 0.5) / 0.5, 1e-12);
	ck_assert_near(p[2].karp_flatt, (2.55 / 8.0 - 0.25) / 0.75, 1e-12);
}
END_TEST

START_TEST(test_derive_no_baseline)
{
	struct bench_point	p[2];
	double			t[] = { 1.0 };

	memset(p, 0, sizeof p);
	p[0].workers = 1;		/* every run failed */
	p[0].failed = 3;
	p[1].workers = 2;
	bench_point_times(&p[0], t, 0);
	bench_point_times(&p[1], t, 1);
	bench_points_derive(p, 2);
	ck_assert(isnan(p[0].wall_median));
	ck_assert(isnan(p[1].speedup));
	ck_assert(isnan(p[1].efficiency));
	ck_assert(isnan(p[1].karp_flatt));
	ck_assert(isnan(bench_amdahl_fit(p, 2)));
}
END_TEST

START_TEST(test_karp_flatt)
{
	ck_assert(isnan(bench_karp_flatt(1, 1)));
	ck_assert(isnan(bench_karp_flatt(0, 4)));
	ck_assert_near(bench_karp_flatt(4, 4), 0, 1e-12);	/* ideal */
	ck_assert_near(bench_karp_flatt(1, 4), 1, 1e-12);	/* no gain */
	ck_assert(bench_karp_flatt(5, 4) < 0);			/* superlinear */
	/* On exact Amdahl data Karp-Flatt gives back f at every K. */
	ck_assert_near(bench_karp_flatt(bench_amdahl(0.1, 8), 8), 0.1, 1e-12);
	ck_assert_near(bench_karp_flatt(bench_amdahl(0.3, 3), 3), 0.3, 1e-12);
}
END_TEST

/* Points whose speedups are exactly Amdahl's with serial fraction f. */
static void
synthetic(struct bench_point *p, const int *ks, size_t n, double f)
{
	double	t;
	size_t	i;

	memset(p, 0, n * sizeof *p);
	for (i = 0; i < n; i++) {
		p[i].workers = ks[i];
		t = 10 / bench_amdahl(f, ks[i]);
		bench_point_times(&p[i], &t, 1);
	}
	bench_points_derive(p, n);
}

START_TEST(test_amdahl_fit)
{
	static const int	 ks[] = { 1, 2, 3, 4, 6, 8 };
	static const double	 fs[] = { 0, 0.02, 0.1, 0.25, 0.5, 0.9, 1 };
	struct bench_point	 p[6];
	size_t			 i;

	ck_assert_near(bench_amdahl(0, 8), 8, 1e-12);
	ck_assert_near(bench_amdahl(1, 8), 1, 1e-12);
	ck_assert_near(bench_amdahl(0.5, 2), 4.0 / 3, 1e-12);
	for (i = 0; i < sizeof fs / sizeof fs[0]; i++) {
		synthetic(p, ks, 6, fs[i]);
		ck_assert_near(bench_amdahl_fit(p, 6), fs[i], 1e-6);
	}
	/* Two points are enough. */
	synthetic(p, ks, 2, 0.2);
	ck_assert_near(bench_amdahl_fit(p, 2), 0.2, 1e-6);
	/* Only K = 1: nothing to fit. */
	synthetic(p, ks, 1, 0.2);
	ck_assert(isnan(bench_amdahl_fit(p, 1)));
}
END_TEST

START_TEST(test_amdahl_clamp)
{
	static const int	 ks[] = { 1, 2, 4 };
	struct bench_point	 p[3];
	double			 t1 = 10, t2 = 4, t4 = 2;	/* superlinear */

	memset(p, 0, sizeof p);
	p[0].workers = 1;
	p[1].workers = 2;
	p[2].workers = 4;
	bench_point_times(&p[0], &t1, 1);
	bench_point_times(&p[1], &t2, 1);
	bench_point_times(&p[2], &t4, 1);
	bench_points_derive(p, 3);
	ck_assert(bench_amdahl_fit(p, 3) == 0);

	/* Slower with more workers: beyond Amdahl, clamped to 1. */
	t2 = 15;
	t4 = 30;
	bench_point_times(&p[1], &t2, 1);
	bench_point_times(&p[2], &t4, 1);
	bench_points_derive(p, 3);
	ck_assert(bench_amdahl_fit(p, 3) == 1);

	/* Noisy data: the fit lies between the Karp-Flatt values. */
	synthetic(p, ks, 3, 0.1);
	t2 = p[1].wall_median * 1.05;
	bench_point_times(&p[1], &t2, 1);
	bench_points_derive(p, 3);
	ck_assert(bench_amdahl_fit(p, 3) > p[2].karp_flatt);
	ck_assert(bench_amdahl_fit(p, 3) < p[1].karp_flatt);
}
END_TEST

static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay++;
	}
	return n;
}

/* The chart of n synthetic points as a string (malloc'd). */
static char *
svg(const struct bench_point *p, size_t n, double fit, const char *title)
{
	char	*buf;
	size_t	 len;
	FILE	*f;

	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	ck_assert_int_eq(bench_svg_write(f, p, n, fit, title, 0), 0);
	fclose(f);
	return buf;
}

START_TEST(test_svg)
{
	static const int	 ks[] = { 1, 2, 4, 8 };
	struct bench_point	 p[4];
	char			*s;

	synthetic(p, ks, 4, 0.1);
	s = svg(p, 4, 0.1, "pmap <sleep> & \"more\" \x01 caf\xc3\xa9 \xff");
	ck_assert_msg(strncmp(s, "<?xml", 5) == 0, "no XML declaration");
	ck_assert_uint_eq(count(s, "<svg "), 1);
	ck_assert_uint_eq(count(s, "</svg>"), 1);
	ck_assert_uint_eq(count(s, "<circle"), 4 + 1);	/* + legend */
	ck_assert_uint_eq(count(s, "<polyline"), 1);
	ck_assert_ptr_nonnull(strstr(s, "f = 0.100"));
	ck_assert_ptr_nonnull(strstr(s, "workers K"));
	ck_assert_ptr_nonnull(strstr(s, "speedup S(K)"));
	ck_assert_ptr_nonnull(strstr(s,
	    "pmap &lt;sleep&gt; &amp; &quot;more&quot;  caf\xc3\xa9 ?</text>"));
	ck_assert_ptr_nonnull(strstr(s, "K=8: speedup 4.71"));
	ck_assert_ptr_null(strstr(s, "nan"));
	free(s);

	/* No fit, a failed point: no curve, no circle for it, no NaN. */
	p[3].runs = 0;
	p[3].speedup = p[3].speedup_lo = p[3].speedup_hi = NAN;
	s = svg(p, 4, NAN, "");
	ck_assert_uint_eq(count(s, "<polyline"), 0);
	ck_assert_uint_eq(count(s, "<circle"), 3 + 1);
	ck_assert_ptr_null(strstr(s, "nan"));
	free(s);

	/* A single point still draws axes. */
	s = svg(p, 1, NAN, "one");
	ck_assert_uint_eq(count(s, "<circle"), 1 + 1);
	ck_assert_ptr_null(strstr(s, "nan"));
	ck_assert_ptr_null(strstr(s, "inf"));
	free(s);
}
END_TEST

/* Refused with words in the message. */
static void
cmd_refused(int argc, char **argv, int is_command, const char *words)
{
	struct bench_cmd	*c;
	char			*cause;

	c = bench_cmd_create(argc, argv, is_command, &cause);
	ck_assert_msg(c == NULL, "'%s' accepted", argv[0]);
	ck_assert_msg(strstr(cause, words) != NULL, "message '%s' lacks '%s'",
	    cause, words);
	free(cause);
}

START_TEST(test_cmd_command)
{
	char			*argv[] = { (char *)"sh", (char *)"-c",
				    (char *)"x={w}; y={w}{w}", (char *)"{w}", NULL };
	char			*none[] = { (char *)"sh", (char *)"-c",
				    (char *)"true", NULL };
	char			*missing[] = { (char *)"no-such-program-x",
				    (char *)"{w}", NULL };
	struct bench_cmd	*c;
	char			**v, *cause;

	c = bench_cmd_create(4, argv, 1, &cause);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(bench_cmd_title(c), "sh -c 'x={w}; y={w}{w}' {w}");
	v = bench_cmd_argv(c, 12);
	ck_assert_msg(v[0][0] == '/', "not a path: %s", v[0]);	/* from $PATH */
	ck_assert_str_eq(v[1], "-c");
	ck_assert_str_eq(v[2], "x=12; y=1212");
	ck_assert_str_eq(v[3], "12");
	ck_assert_ptr_null(v[4]);
	bench_cmd_argv_free(v);
	bench_cmd_free(c);

	cmd_refused(3, none, 1, "has no {w}");
	cmd_refused(2, missing, 1, "not found");
	cmd_refused(0, none, 1, "needs a demo");
}
END_TEST

START_TEST(test_cmd_demo)
{
	char			*gil[] = { (char *)"gil", (char *)"--work",
				    (char *)"0.1", NULL };
	char			*w[] = { (char *)"pmap", (char *)"-d", (char *)"1",
				    (char *)"-w", (char *)"3", NULL };
	char			*w4[] = { (char *)"pmap", (char *)"-w4", NULL };
	char			*lw[] = { (char *)"pmap", (char *)"--workers=4",
				    NULL };
	char			*ab[] = { (char *)"pmap", (char *)"--worke", NULL };
	char			*welcome[] = { (char *)"welcome", NULL };
	char			*waste[] = { (char *)"waste", NULL };
	char			*nosuch[] = { (char *)"nosuch", NULL };
	struct bench_cmd	*c;
	char			**v, *cause;

	if (getenv("TURBOTOP_DEMO_DIR") == NULL)
		return;		/* the demos are found under make check only */
	c = bench_cmd_create(3, gil, 0, &cause);
	ck_assert_msg(c != NULL, "gil --work refused: %s", cause);
	ck_assert_str_eq(bench_cmd_title(c), "gil -w K --work 0.1");
	v = bench_cmd_argv(c, 3);
	ck_assert_ptr_nonnull(strstr(v[0], "/gil"));
	ck_assert_str_eq(v[1], "-w");
	ck_assert_str_eq(v[2], "3");
	ck_assert_str_eq(v[3], "--work");
	ck_assert_str_eq(v[4], "0.1");
	ck_assert_ptr_null(v[5]);
	bench_cmd_argv_free(v);
	bench_cmd_free(c);

	cmd_refused(5, w, 0, "do not give '-w'");
	cmd_refused(2, w4, 0, "do not give '-w4'");
	cmd_refused(2, lw, 0, "do not give '--workers=4'");
	cmd_refused(2, ab, 0, "do not give '--worke'");
	cmd_refused(1, welcome, 0, "no worker count");
	cmd_refused(1, waste, 0, "fixed time");
	cmd_refused(1, nosuch, 0, "unknown demo");
}
END_TEST

/*
 * Sizing up: pmap's grid (time ~ N^2) given as "-n 4" grows in place;
 * compute's default (from its --describe) grows into an added --number; a
 * command cannot grow.
 */
START_TEST(test_cmd_resize)
{
	char			*pmap[] = { (char *)"pmap", (char *)"-n",
				    (char *)"4", NULL };
	char			*compute[] = { (char *)"compute", NULL };
	char			*sh[] = { (char *)"sh", (char *)"-c",
				    (char *)"true {w}", NULL };
	struct bench_cmd	*c;
	char			**v, *cause, *note;

	c = bench_cmd_create(3, sh, 1, &cause);
	ck_assert_ptr_nonnull(c);
	ck_assert(!bench_cmd_sizable(c));
	ck_assert_int_eq(bench_cmd_resize(c, 10), -1);
	ck_assert_ptr_null(bench_cmd_size_note(c));
	bench_cmd_free(c);

	if (getenv("TURBOTOP_DEMO_DIR") == NULL)
		return;		/* the demos are found under make check only */
	c = bench_cmd_create(3, pmap, 0, &cause);
	ck_assert_ptr_nonnull(c);
	ck_assert(bench_cmd_sizable(c));
	ck_assert_ptr_null(bench_cmd_size_note(c));
	ck_assert_int_eq(bench_cmd_resize(c, 4), 0);	/* 4 * sqrt(4) */
	ck_assert_str_eq(bench_cmd_title(c), "pmap -w K -n 8");
	v = bench_cmd_argv(c, 2);
	ck_assert_str_eq(v[3], "-n");
	ck_assert_str_eq(v[4], "8");
	bench_cmd_argv_free(v);
	note = bench_cmd_size_note(c);
	ck_assert_str_eq(note, "--grid 4 -> 8");
	free(note);
	ck_assert_int_eq(bench_cmd_resize(c, 1e9), 0);	/* capped */
	ck_assert_str_eq(bench_cmd_title(c), "pmap -w K -n 1000");
	ck_assert_int_eq(bench_cmd_resize(c, 2), -1);	/* at its limit */
	bench_cmd_free(c);

	c = bench_cmd_create(1, compute, 0, &cause);
	ck_assert_ptr_nonnull(c);
	ck_assert_msg(bench_cmd_sizable(c), "compute's default -n not found");
	ck_assert_int_eq(bench_cmd_resize(c, 3), 0);
	note = bench_cmd_size_note(c);
	ck_assert_ptr_nonnull(note);
	ck_assert_msg(strncmp(note, "--number ", 9) == 0, "%s", note);
	free(note);
	ck_assert_ptr_nonnull(strstr(bench_cmd_title(c), "compute -w K --number="));
	bench_cmd_free(c);
}
END_TEST

/* A launcher for test_cmd_wrapped: "run K args...", and what it freed. */
static int	wrap_freed;

static char **
wrap_run(int k, char **args, int nargs, void *arg)
{
	char	**v = xcalloc((size_t)nargs + 3, sizeof *v);
	int	  i;

	v[0] = xstrdup(arg);
	xasprintf(&v[1], "%d", k);
	for (i = 0; i < nargs; i++)
		v[2 + i] = xstrdup(args[i]);
	return v;
}

static void
wrap_free(void *arg)
{
	(void)arg;
	wrap_freed++;
}

/*
 * A demo started by a launcher with K ranks (mpicompute under mpirun):
 * the launcher makes each run's argv from the demo's args (no -w), the
 * title says -np K and where, -w or -np by hand is refused, the size
 * option is compute's (the same sum) and grows in place.
 */
START_TEST(test_cmd_wrapped)
{
	char			*mpi[] = { (char *)"mpicompute", (char *)"-n",
				    (char *)"1000", NULL };
	char			*bad[] = { (char *)"mpicompute", (char *)"-np",
				    (char *)"2", NULL };
	struct bench_wrap	 wrap = { wrap_run, wrap_free, (void *)"run",
				    "h1,h2", 4 };
	struct bench_cmd	*c;
	char			**v, *cause;

	wrap_freed = 0;
	c = bench_cmd_create_wrapped(3, bad, &wrap, &cause);
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(cause, "'-np'"));
	free(cause);

	c = bench_cmd_create_wrapped(3, mpi, &wrap, &cause);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(bench_cmd_title(c), "mpicompute -np K -n 1000 on h1,h2");
	ck_assert_int_eq(bench_cmd_slots(c), 4);
	v = bench_cmd_argv(c, 3);
	ck_assert_str_eq(v[0], "run");
	ck_assert_str_eq(v[1], "3");
	ck_assert_str_eq(v[2], "-n");
	ck_assert_str_eq(v[3], "1000");
	ck_assert_ptr_null(v[4]);
	bench_cmd_argv_free(v);
	ck_assert(bench_cmd_sizable(c));
	ck_assert_int_eq(bench_cmd_resize(c, 3), 0);
	ck_assert_str_eq(bench_cmd_title(c), "mpicompute -np K -n 3000 on h1,h2");
	bench_cmd_free(c);
	ck_assert_int_eq(wrap_freed, 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("bench");
	TCase	*tc;
	SRunner	*sr;
	int	 failed;

	tc = tcase_create("list");
	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_list_good);
	tcase_add_test(tc, test_list_bad);
	suite_add_tcase(s, tc);
	tc = tcase_create("stats");
	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_median);
	tcase_add_test(tc, test_derive);
	tcase_add_test(tc, test_derive_no_baseline);
	tcase_add_test(tc, test_karp_flatt);
	tcase_add_test(tc, test_amdahl_fit);
	tcase_add_test(tc, test_amdahl_clamp);
	suite_add_tcase(s, tc);
	tc = tcase_create("cmd");
	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_cmd_resize);
	tcase_add_test(tc, test_cmd_wrapped);
	tcase_add_test(tc, test_cmd_command);
	tcase_add_test(tc, test_cmd_demo);
	suite_add_tcase(s, tc);
	tc = tcase_create("svg");
	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_svg);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
