/*
 * test-ui-layout.c: unit tests of the TUI's layout engine (ui-layout.c):
 * at every size from the minimum up and for 1 to 128 cores, the panes stay
 * on the screen, never overlap, and the core meters are always shown; the
 * full layout at 120x40 shows every pane; below the minimum it is "too
 * small"; a zoomed pane takes the whole body; labelled strips (the
 * timeline's cores) keep most of a column for the plot.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "ui-layout.h"

static int
overlap(const struct ui_rect *a, const struct ui_rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

static void
check_hosts(struct ui_layout *l, int cols, int lines, int ncpus, int nhosts)
{
	const struct ui_rect	*p, *q;
	int			 i, j;

	ui_layout_hosts(l, cols, lines, ncpus, nhosts, -1);
	ck_assert_int_eq(l->too_small, 0);
	ck_assert_int_eq(l->status.y, 0);
	ck_assert_int_eq(l->keybar.y, lines - 1);
	ck_assert_int_gt(l->pane[PANE_CORES].h, 1);
	for (i = 0; i < PANE_COUNT; i++) {
		p = &l->pane[i];
		if (p->h == 0)
			continue;
		ck_assert_msg(p->y >= 1 && p->y + p->h <= lines - 1 &&
		    p->x >= 0 && p->x + p->w <= cols,
		    "%s off the body at %dx%d, %d cores", ui_pane_name(i),
		    cols, lines, ncpus);
		for (j = i + 1; j < PANE_COUNT; j++) {
			q = &l->pane[j];
			ck_assert_msg(q->h == 0 || !overlap(p, q),
			    "%s and %s overlap at %dx%d, %d cores of %d hosts",
			    ui_pane_name(i), ui_pane_name(j), cols, lines, ncpus,
			    nhosts);
		}
	}
}

static void
check_layout(int cols, int lines, int ncpus)
{
	struct ui_layout	 l;
	int			 per;

	check_hosts(&l, cols, lines, ncpus, 1);
	/* Every core has a meter row, in one of the meter columns. */
	per = (ncpus + l.meter_cols - 1) / l.meter_cols;
	ck_assert_msg(1 + per * l.core_rows <= l.pane[PANE_CORES].h,
	    "not every core has a meter at %dx%d, %d cores", cols, lines, ncpus);
}

START_TEST(test_sizes)
{
	static const int	cpus[] = { 1, 2, 4, 8, 16, 64, 128 };
	size_t			c;
	int			w, h;

	for (c = 0; c < sizeof cpus / sizeof cpus[0]; c++)
		for (w = UI_MIN_COLS; w <= 240; w += 7)
			for (h = UI_MIN_LINES; h <= 80; h += 3)
				check_layout(w, h, cpus[c]);
}
END_TEST

/*
 * Several hosts (issue 13's source, issue 14's cluster): 64 x 64 cores
 * and others, never overlapping, and the output keeps its pane.
 */
START_TEST(test_hosts)
{
	static const int	shapes[][2] = { { 4096, 64 }, { 1024, 16 },
				    { 128, 2 }, { 8, 2 }, { 64, 64 } };
	struct ui_layout	l;
	size_t			c;
	int			w, h;

	for (c = 0; c < sizeof shapes / sizeof shapes[0]; c++)
		for (w = UI_MIN_COLS; w <= 240; w += 7)
			for (h = UI_MIN_LINES; h <= 80; h += 3)
				check_hosts(&l, w, h, shapes[c][0],
				    shapes[c][1]);
	check_hosts(&l, 80, 24, 4096, 64);
	ck_assert_int_gt(l.pane[PANE_OUTPUT].h, 3);
	ck_assert_int_gt(l.pane[PANE_TIMELINE].h, 0);
	check_hosts(&l, 200, 60, 4096, 64);
	ck_assert_int_gt(l.pane[PANE_OUTPUT].h, 10);
	/* 64 strips in columns of UI_HOST_COL_MIN: all shown. */
	ck_assert_int_ge(l.pane[PANE_CORES].h, 1 + (64 + 200 / UI_HOST_COL_MIN -
	    1) / (200 / UI_HOST_COL_MIN));
}
END_TEST

START_TEST(test_full)
{
	struct ui_layout	l;
	int			i;

	ui_layout_compute(&l, 120, 40, 2, -1);
	for (i = 0; i < PANE_COUNT; i++)
		ck_assert_msg(l.pane[i].h > 0, "%s hidden at 120x40",
		    ui_pane_name(i));
	ck_assert_int_ge(l.core_rows, 2);
	ui_layout_compute(&l, 80, 24, 2, -1);
	ck_assert_int_gt(l.pane[PANE_OUTPUT].h, 3);
	ck_assert_int_gt(l.pane[PANE_TIMELINE].h, 0);
}
END_TEST

/*
 * Labelled strips: a label in full when the plot keeps 60% of a column,
 * else narrower (never under the minimum), and the strips still fit.
 */
START_TEST(test_labels)
{
	struct ui_grid	g;
	int		lw, w, n, want;

	/* 3 hosts x 12 cores, "node2:cpu10" and a gap: 120x40's timeline. */
	lw = ui_grid_labelled(&g, 36, 9, 120, 1, 12, 5, 8);
	ck_assert_int_eq(lw, 12);
	ck_assert_int_eq(g.shown, 36);
	/* At 80x24 it is capped, and as many strips fit as the cap allows. */
	lw = ui_grid_labelled(&g, 36, 5, 80, 1, 12, 5, 8);
	ck_assert_int_lt(lw, 12);
	ck_assert_int_ge(lw, 5);
	ck_assert_int_le(5 * lw, 2 * (80 / g.cols));
	for (n = 1; n <= 4096; n *= 4)
		for (w = 14; w <= 240; w += 9)
			for (want = 1; want <= 300; want += 37) {
				lw = ui_grid_labelled(&g, n, 20, w, 1, want, 5,
				    8);
				ck_assert_int_ge(lw, 5);
				ck_assert_int_le(lw, want > 5 ? want : 5);
				ck_assert(lw == 5 || 5 * lw <= 2 * (w / g.cols));
				ck_assert(g.cols == 0 ||
				    g.cols * (lw + 9) <= w || g.cols == 1);
			}
}
END_TEST

START_TEST(test_too_small)
{
	struct ui_layout	l;

	ui_layout_compute(&l, UI_MIN_COLS - 1, 40, 2, -1);
	ck_assert_int_eq(l.too_small, 1);
	ui_layout_compute(&l, 120, UI_MIN_LINES - 1, 2, -1);
	ck_assert_int_eq(l.too_small, 1);
	ui_layout_compute(&l, 20, 5, 2, -1);
	ck_assert_int_eq(l.too_small, 1);
	ui_layout_compute(&l, 0, 0, 0, -1);
	ck_assert_int_eq(l.too_small, 1);
}
END_TEST

START_TEST(test_zoom)
{
	struct ui_layout	l;
	int			i, p;

	for (p = 0; p < PANE_COUNT; p++) {
		ui_layout_compute(&l, 100, 30, 4, p);
		ck_assert_int_eq(l.pane[p].h, 28);
		ck_assert_int_eq(l.pane[p].w, 100);
		for (i = 0; i < PANE_COUNT; i++)
			ck_assert(i == p || l.pane[i].h == 0);
	}
	ui_layout_compute(&l, 100, 30, 4, PANE_GRAPH);
	ck_assert_int_ge(l.core_rows, 6);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("ui-layout");
	TCase	*tc = tcase_create("layout");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_hosts);
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_zoom);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
