/*
 * test-tl-store.c: unit tests of the timeline's store (tl-store.c): a
 * window asked of the store gives exactly the segments that overlap it, as
 * a plain scan of everything appended says, whatever was asked before (a
 * frame's window starts where the last one's dead entries end; a window
 * further back, a segment continued after a window passed it, a trim, a
 * clear and a seek back must all still give every overlapping segment).
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tl-store.h"

#define NSEG	6000

struct ref {
	int	 cpu;
	pid_t	 tid;
	double	 start, end;
};

static struct ref	 refs[NSEG];
static size_t		 first, nrefs;	/* before first: trimmed */

/* An end as the store keeps it: a length in a float. */
static double
kept_end(double start, double end)
{
	return start + (double)(float)(end - start);
}

/* A copy of what the store holds, appended and joined as the store does. */
static void
add(struct tl_store *st, int cpu, pid_t tid, double start, double end)
{
	size_t	i;

	tl_store_segment(st, cpu, tid, tid, start, end);
	for (i = nrefs; i-- > first; ) {
		if (refs[i].cpu != cpu)
			continue;
		if (refs[i].tid == tid && start - refs[i].end < 1e-6 &&
		    start >= refs[i].start) {
			if (end > refs[i].end)
				refs[i].end = kept_end(refs[i].start, end);
			return;
		}
		break;
	}
	ck_assert_uint_lt(nrefs, NSEG);
	refs[nrefs].cpu = cpu;
	refs[nrefs].tid = tid;
	refs[nrefs].start = start;
	refs[nrefs].end = kept_end(start, end);
	nrefs++;
}

struct seen {
	double	 from, to, sum;
	size_t	 n;
};

static void
on_seg(const struct tl_segment *g, void *arg)
{
	struct seen	*s = arg;

	ck_assert(g->end >= s->from && g->start <= s->to);
	s->sum += g->end - g->start;
	s->n++;
}

/* Drop from the oldest on while they ended before t, as the store does. */
static void
trim(struct tl_store *st, double t)
{
	tl_store_trim(st, t);
	while (first < nrefs && refs[first].end < t)
		first++;
}

/* The window [from, to] as the store gives it and as the copy says. */
static void
check_window(struct tl_store *st, double from, double to)
{
	struct seen	s = { from, to, 0, 0 };
	size_t		i, n = 0, count;
	double		sum = 0;

	count = tl_store_segments(st, from, to, on_seg, &s);
	for (i = first; i < nrefs; i++) {
		if (refs[i].end < from || refs[i].start > to)
			continue;
		n++;
		sum += refs[i].end - refs[i].start;
	}
	ck_assert_uint_eq(count, n);
	ck_assert_uint_eq(s.n, n);
	ck_assert_double_eq_tol(s.sum, sum, 1e-3);
}

START_TEST(test_windows)
{
	struct tl_store	*st = tl_store_new();
	double		 t = 0, from;
	int		 i, cpu;

	srand(7);
	first = nrefs = 0;
	for (i = 0; i < 4000; i++) {
		cpu = rand() % 4;
		t += 0.001 * (rand() % 20);
		/* 1 in 8: the cpu's last thread again, end to end (joined). */
		add(st, cpu, rand() % 8 == 0 ? 100 + cpu : 200 + rand() % 6,
		    t, t + 0.001 * (1 + rand() % 30));
		if (i % 50 != 0)
			continue;
		from = t - 2.0;		/* the live view: moving on */
		check_window(st, from, t);
		check_window(st, from + 0.5, t);
		if (i % 400 == 0)	/* a window further back, then on */
			check_window(st, from - 10, from - 5);
		if (i % 1000 == 500)
			trim(st, t - 5);
	}
	/* One thread alone on cpu 9 for the whole time: never dead. */
	add(st, 9, 999, 0, t);
	check_window(st, t - 1, t);
	for (i = 0; i < 20; i++) {
		add(st, 9, 999, t, t + 0.1);
		t += 0.1;
		check_window(st, t - 1, t);
	}
	/* A seek back: cleared, then earlier times. */
	tl_store_clear(st);
	first = nrefs = 0;
	for (i = 0; i < 200; i++) {
		add(st, i % 2, 300 + i % 3, i * 0.01, i * 0.01 + 0.005);
		check_window(st, i * 0.01 - 0.5, i * 0.01);
	}
	/*
	 * A segment that a window passed (its end before the window) and
	 * that is continued later, when its cpu's next run comes late.
	 */
	tl_store_clear(st);
	first = nrefs = 0;
	add(st, 5, 500, 0.0, 0.1);
	for (i = 1; i <= 50; i++)
		add(st, 6, 600 + i % 2, i * 0.1, i * 0.1 + 0.05);
	check_window(st, 3.0, 5.0);
	add(st, 5, 500, 0.1, 5.0);
	check_window(st, 4.0, 5.0);
	tl_store_free(st);
}
END_TEST

static Suite *
store_suite(void)
{
	Suite	*s = suite_create("tl-store");
	TCase	*tc = tcase_create("windows");

	tcase_add_test(tc, test_windows);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(store_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
