/*
 * test-ui-scale.c: unit tests of how the layout scales to many cores (the
 * brief: "mean something on 2 cores and scale to 64"): at every size from
 * the minimum up and for 1 to 200 cores, every core has a meter or a cell
 * of its own that lies inside the cores pane, meters are never squeezed
 * narrower than a label and a percentage, and ui_grid_fit (the columns of
 * graph bands and timeline strips) counts exactly the cores it cannot show,
 * so the panes can say "+N cores not shown".
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "ui-layout.h"

static void
check_cores(int cols, int lines, int ncpus, int zoom)
{
	struct ui_layout	 l;
	const struct ui_rect	*p;
	int			 per;

	ui_layout_compute(&l, cols, lines, ncpus, zoom);
	p = &l.pane[PANE_CORES];
	ck_assert_int_gt(p->h, 1);
	ck_assert_int_ge(l.meter_cols, 1);
	per = (ncpus + l.meter_cols - 1) / l.meter_cols;
	if (l.meter_cells > 0) {
		/* One cell per core: a row of cells fits across the pane. */
		ck_assert_msg(UI_CELL_LABEL + l.meter_cols * l.meter_cells <=
		    p->w, "cells overflow at %dx%d, %d cores", cols, lines,
		    ncpus);
		ck_assert_int_eq(l.core_rows, 1);
		/* 200 cores fit in cells even at the minimum size. */
		ck_assert_msg(1 + per <= p->h, "a core has no cell at %dx%d, "
		    "%d cores", cols, lines, ncpus);
	} else {
		ck_assert_msg(p->w / l.meter_cols >= 14, "meters squeezed to "
		    "%d columns at %dx%d, %d cores", p->w / l.meter_cols,
		    cols, lines, ncpus);
		ck_assert_msg(1 + per * l.core_rows <= p->h, "a core has no "
		    "meter at %dx%d, %d cores", cols, lines, ncpus);
	}
}

START_TEST(test_every_core_has_a_meter)
{
	static const int	cpus[] = { 1, 2, 3, 8, 24, 64, 96, 128, 200 };
	size_t			c;
	int			w, h;

	for (c = 0; c < sizeof cpus / sizeof cpus[0]; c++)
		for (w = UI_MIN_COLS; w <= 240; w += 7)
			for (h = UI_MIN_LINES; h <= 80; h += 3) {
				check_cores(w, h, cpus[c], -1);
				check_cores(w, h, cpus[c], PANE_CORES);
			}
}
END_TEST

START_TEST(test_grid_counts)
{
	struct ui_grid	g;
	int		n, h, w, rows;

	/* Exhaustive over small areas: shown is what the columns hold. */
	for (n = 1; n <= 130; n += 3)
		for (h = 0; h <= 40; h += 2)
			for (w = 0; w <= 200; w += 11)
				for (rows = 1; rows <= 3; rows++) {
					ui_grid_fit(&g, n, h, w, rows, 14);
					ck_assert_int_le(g.shown, n);
					ck_assert_int_ge(g.shown, 0);
					if (g.shown == 0)
						continue;
					ck_assert_int_le(g.per * rows, h);
					ck_assert_int_le(g.cols * 14, w < 14 ?
					    14 : w);
					ck_assert_int_eq(g.shown, g.per * g.cols
					    < n ? g.per * g.cols : n);
				}
	/* 100 cores, 10 rows, room for two columns: 20 shown, 80 hidden. */
	ui_grid_fit(&g, 100, 10, 40, 1, 20);
	ck_assert_int_eq(g.cols, 2);
	ck_assert_int_eq(g.per, 10);
	ck_assert_int_eq(g.shown, 20);
	/* 2 cores fit in one column, as before. */
	ui_grid_fit(&g, 2, 10, 60, 2, 14);
	ck_assert_int_eq(g.cols, 1);
	ck_assert_int_eq(g.shown, 2);
}
END_TEST

/* 64 cores on a 120x40 projector: all of them in every core pane. */
START_TEST(test_64_on_a_projector)
{
	struct ui_layout	l;
	struct ui_grid		g;
	const struct ui_rect	*p;

	ui_layout_compute(&l, 120, 40, 64, -1);
	p = &l.pane[PANE_TIMELINE];
	ck_assert_int_gt(p->h, 2);
	ui_grid_fit(&g, 64, p->h - 2, p->w, l.timeline_rows, 14);
	ck_assert_int_eq(g.shown, 64);
	ui_layout_compute(&l, 120, 40, 64, PANE_TIMELINE);
	p = &l.pane[PANE_TIMELINE];
	ui_grid_fit(&g, 64, p->h - 2, p->w, l.timeline_rows, 14);
	ck_assert_int_eq(g.shown, 64);
	ui_layout_compute(&l, 120, 40, 64, PANE_GRAPH);
	p = &l.pane[PANE_GRAPH];
	ui_grid_fit(&g, 64, p->h - 1, p->w, l.core_rows, 18);
	ck_assert_int_eq(g.shown, 64);
	/* And on 80x24 the meters turn into cells rather than vanish. */
	ui_layout_compute(&l, 80, 24, 64, -1);
	ck_assert_int_gt(l.pane[PANE_CORES].h, 1);
	ck_assert_int_gt(l.pane[PANE_OUTPUT].h, 3);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("ui-scale");
	TCase	*tc = tcase_create("scale");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_every_core_has_a_meter);
	tcase_add_test(tc, test_grid_counts);
	tcase_add_test(tc, test_64_on_a_projector);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
