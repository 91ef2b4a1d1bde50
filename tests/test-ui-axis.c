/*
 * test-ui-axis.c: unit tests of the timeline's time arithmetic (ui-axis.c):
 * durations read as people say them; + and - walk the 1-2-5 steps down to
 * 1 ms and stop at the ends; a kept run of any length, 2 ms included, is
 * fitted to fill the pane; an interval spread over cells loses nothing and
 * lands in the right cells; the axis puts its ticks at round times with
 * labels that never run into each other or off the row; the legend leaves
 * room for "+N more" whenever it leaves anyone out.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-axis.h"

START_TEST(test_format_secs)
{
	char	buf[32];

	ui_format_secs(0.002, buf, sizeof buf);
	ck_assert_str_eq(buf, "2.0 ms");
	ui_format_secs(0.0004, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.4 ms");
	ui_format_secs(0.000052, buf, sizeof buf);
	ck_assert_str_eq(buf, "52 us");
	ui_format_secs(0.0000042, buf, sizeof buf);
	ck_assert_str_eq(buf, "4.2 us");
	ui_format_secs(0.120, buf, sizeof buf);
	ck_assert_str_eq(buf, "120 ms");
	ui_format_secs(1.23, buf, sizeof buf);
	ck_assert_str_eq(buf, "1.2 s");
	ui_format_secs(75, buf, sizeof buf);
	ck_assert_str_eq(buf, "75 s");
	ui_format_secs(-1, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.0 ms");
}
END_TEST

START_TEST(test_steps)
{
	double	s = 0.1;
	int	i;

	ck_assert(fabs(ui_axis_step_next(0.1, -1) - 0.05) < 1e-12);
	ck_assert(fabs(ui_axis_step_next(0.1, 1) - 0.2) < 1e-12);
	ck_assert(fabs(ui_axis_step_next(0.3, 1) - 0.5) < 1e-12);
	ck_assert(fabs(ui_axis_step_next(0.3, -1) - 0.2) < 1e-12);
	for (i = 0; i < 30; i++)
		s = ui_axis_step_next(s, -1);
	ck_assert(fabs(s - AXIS_STEP_MIN) < 1e-12);
	for (i = 0; i < 30; i++)
		s = ui_axis_step_next(s, 1);
	ck_assert(fabs(s - AXIS_STEP_MAX) < 1e-12);
}
END_TEST

START_TEST(test_fit)
{
	static const double	spans[] = { 0.002, 0.2, 1.2, 30, 600 };
	static const int	cells[] = { 20, 73, 112, 400 };
	size_t			i, j;
	double			st;

	for (i = 0; i < sizeof spans / sizeof spans[0]; i++) {
		for (j = 0; j < sizeof cells / sizeof cells[0]; j++) {
			st = ui_axis_fit_step(spans[i], cells[j]);
			/* The whole run in the pane, filling it. */
			ck_assert(st * cells[j] >= spans[i] * (1 - 1e-9));
			ck_assert(st * cells[j] <= spans[i] * (1 + 1e-9));
		}
	}
	ck_assert(ui_axis_fit_step(0, 10) > 0);
}
END_TEST

struct bins {
	double	v[64];
	int	calls;
};

static void
add(int c, double secs, void *arg)
{
	struct bins	*b = arg;

	ck_assert_int_ge(c, 0);
	ck_assert_int_lt(c, 64);
	b->v[c] += secs;
	b->calls++;
}

START_TEST(test_bin)
{
	struct bins	b;
	double		sum = 0;
	int		c;

	/* 10 cells of 1 ms from t = 0; [2.5 ms, 5.25 ms) spans cells 2-5. */
	memset(&b, 0, sizeof b);
	ui_axis_bin(0, 0.001, 10, 0.0025, 0.00525, add, &b);
	ck_assert_int_eq(b.calls, 4);
	ck_assert(fabs(b.v[2] - 0.0005) < 1e-12);
	ck_assert(fabs(b.v[3] - 0.001) < 1e-12);
	ck_assert(fabs(b.v[4] - 0.001) < 1e-12);
	ck_assert(fabs(b.v[5] - 0.00025) < 1e-12);
	/* Clipped at both ends of the pane; nothing outside. */
	memset(&b, 0, sizeof b);
	ui_axis_bin(-1, 0.1, 10, -5, 5, add, &b);
	for (c = 0; c < 10; c++) {
		ck_assert(fabs(b.v[c] - 0.1) < 1e-9);
		sum += b.v[c];
	}
	ck_assert(fabs(sum - 1) < 1e-9);
	memset(&b, 0, sizeof b);
	ui_axis_bin(0, 0.1, 10, 2, 3, add, &b);
	ui_axis_bin(0, 0.1, 10, 0.5, 0.5, add, &b);
	ck_assert_int_eq(b.calls, 0);
}
END_TEST

/* Each tick: a '|' followed by its label, all inside the row. */
static void
check_row(int cells, double t0, double step, int live)
{
	char	buf[512];
	int	i, ticks = 0, last = -100;

	ui_axis_row(buf, cells, t0, step, live);
	ck_assert_int_eq((int)strlen(buf), cells);
	for (i = 0; i < cells; i++) {
		if (buf[i] != '|')
			continue;
		ck_assert_msg(i - last >= 8, "ticks %d and %d too close in "
		    "\"%s\"", last, i, buf);
		last = i;
		ticks++;
	}
	if (cells >= 40)
		ck_assert_msg(ticks >= 2, "only %d ticks in \"%s\"", ticks, buf);
}

START_TEST(test_axis)
{
	static const double	st[] = { 1e-6, 2e-5, 0.001, 0.0137, 0.1, 0.5, 2 };
	static const int	cells[] = { 1, 9, 40, 73, 115, 300 };
	char			buf[128];
	size_t			i, j;

	for (i = 0; i < sizeof st / sizeof st[0]; i++) {
		for (j = 0; j < sizeof cells / sizeof cells[0]; j++) {
			check_row(cells[j], 0, st[i], 0);
			check_row(cells[j], -cells[j] * st[i], st[i], 1);
		}
	}
	/* A 2 ms run over 100 cells: 0, 0.5 ms, 1 ms ... at their cells. */
	ui_axis_row(buf, 100, 0, 0.002 / 100, 0);
	ck_assert_msg(strncmp(buf, "|0 ", 3) == 0, "\"%s\"", buf);
	ck_assert_msg(strstr(buf, "|1 ms") == buf + 50, "\"%s\"", buf);
	/* Live, 0.1 s a cell: the ticks count back from now. */
	ui_axis_row(buf, 100, -10, 0.1, 1);
	ck_assert_msg(strstr(buf, "|-5 s") == buf + 50, "\"%s\"", buf);
	ck_assert_msg(strstr(buf, "|-10 s") == buf, "\"%s\"", buf);
}
END_TEST

START_TEST(test_legend_fit)
{
	char	more[32];
	int	w[20];
	size_t	i, k;

	for (i = 0; i < 20; i++)
		w[i] = 10;
	ck_assert_uint_eq(ui_legend_fit(w, 5, 50), 5);
	ck_assert_uint_eq(ui_legend_fit(w, 0, 0), 0);
	/* 20 entries of 10 in 100 columns: room kept for "+N more". */
	for (i = 0; i < 200; i++) {
		k = ui_legend_fit(w, 20, (int)i);
		snprintf(more, sizeof more, "+%zu more", 20 - k);
		if (k < 20)
			ck_assert_msg((int)(k * 10 + strlen(more)) <= (int)i ||
			    k == 0, "%zu entries and the marker overflow %zu "
			    "columns", k, i);
		else
			ck_assert_int_le(200, (int)i);
	}
}
END_TEST

static Suite *
axis_suite(void)
{
	Suite	*s = suite_create("ui-axis");
	TCase	*tc = tcase_create("axis");

	tcase_add_test(tc, test_format_secs);
	tcase_add_test(tc, test_steps);
	tcase_add_test(tc, test_fit);
	tcase_add_test(tc, test_bin);
	tcase_add_test(tc, test_axis);
	tcase_add_test(tc, test_legend_fit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(axis_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
