/*
 * test-lesson-play.c: unit tests of the lesson player (lesson-play.c)
 * without demos: sections, captions, what n and N do, timed waits, wait
 * key in batch mode, and the hooks' order. Demos and records are covered
 * by tests/lesson-batch.sh.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "lesson-parse.h"
#include "lesson-play.h"
#include "util.h"

static char	 seen[256];	/* the lines of the steps played, "1 2 4 " */

static void
on_step(void *arg, const struct lesson_step *st)
{
	size_t	n = strlen(seen);

	snprintf(seen + n, sizeof seen - n, "%d ", st->line);
}

static const struct lesson_hooks hooks = { .step = on_step };

static struct lesson *
parse(const char *s)
{
	struct lesson	*l;
	char		*cause;

	l = lesson_parse_buffer("t.lesson", s, strlen(s), &cause);
	ck_assert_msg(l != NULL, "%s", cause);
	return l;
}

static struct lesson_player *
player(const struct lesson *l, int keys_pass)
{
	struct job_config	cfg;

	memset(&cfg, 0, sizeof cfg);
	seen[0] = '\0';
	return lesson_player_new(l, &cfg, keys_pass, &hooks, NULL);
}

static const char text[] =
    "title T\n"			/* 1  section 1 */
    "say A\n"			/* 2 */
    "wait 1m\n"			/* 3 */
    "say B\n"			/* 4  section 2 */
    "wait key\n"		/* 5 */
    "clear\n"			/* 6  section 3 */
    "wait exit\n"		/* 7: no demo: passes at once */
    "say C\n"			/* 8  section 4 */
    "wait 0s\n";		/* 9 */

START_TEST(test_sections_and_keys)
{
	struct lesson_player	*p;
	struct lesson		*l = parse(text);
	double			 left;

	p = player(l, 0);
	ck_assert_int_eq(lesson_player_sections(p), 4);
	ck_assert_int_eq(lesson_player_section(p), 0);
	ck_assert_ptr_null(lesson_player_current(p));

	/* Plays up to the first wait, which has about a minute left. */
	left = lesson_player_run(p);
	ck_assert(left > 50 && left <= 60);
	ck_assert_str_eq(seen, "1 2 3 ");
	ck_assert_str_eq(lesson_player_title(p), "T");
	ck_assert_str_eq(lesson_player_caption(p), "A");
	ck_assert_int_eq(lesson_player_section(p), 1);
	ck_assert_int_eq(lesson_player_current(p)->line, 3);
	ck_assert(lesson_player_wait_left(p) > 50);
	ck_assert(!lesson_player_done(p));

	/* A key does not end a timed wait; n does. */
	lesson_player_key(p);
	ck_assert(lesson_player_run(p) > 50);
	lesson_player_next(p);
	ck_assert(lesson_player_run(p) == -1);
	ck_assert_str_eq(seen, "1 2 3 4 5 ");
	ck_assert_str_eq(lesson_player_caption(p), "B");
	ck_assert_int_eq(lesson_player_section(p), 2);
	ck_assert(lesson_player_wait_left(p) == -1);

	/* N: back to section 1, with its caption, played again. */
	lesson_player_prev(p);
	ck_assert_ptr_null(lesson_player_caption(p));
	ck_assert(lesson_player_run(p) > 50);
	ck_assert_str_eq(seen, "1 2 3 4 5 1 2 3 ");
	ck_assert_int_eq(lesson_player_section(p), 1);
	/* N in the first section plays it again. */
	lesson_player_prev(p);
	lesson_player_run(p);
	ck_assert_str_eq(seen, "1 2 3 4 5 1 2 3 1 2 3 ");

	/* n, then a key for wait key: the rest plays to the end. */
	lesson_player_next(p);
	lesson_player_run(p);
	lesson_player_key(p);
	ck_assert(lesson_player_run(p) == -1);
	ck_assert_str_eq(seen, "1 2 3 4 5 1 2 3 1 2 3 4 5 6 7 8 9 ");
	ck_assert(lesson_player_done(p));
	ck_assert_str_eq(lesson_player_caption(p), "C");
	ck_assert_int_eq(lesson_player_section(p), 4);
	ck_assert(lesson_player_wait_left(p) == 0);

	/* N from the end: no section runs anything, so from the start. */
	lesson_player_prev(p);
	ck_assert_ptr_null(lesson_player_caption(p));
	seen[0] = '\0';
	ck_assert(lesson_player_run(p) > 50);
	ck_assert_str_eq(seen, "1 2 3 ");
	ck_assert_str_eq(lesson_player_caption(p), "A");
	ck_assert_int_eq(lesson_player_failures(p), 0);
	ck_assert_int_eq(lesson_player_njobs(p), 0);
	lesson_player_free(p);
	lesson_free(l);
}
END_TEST

/*
 * N goes back to the nearest earlier section that runs something, never to
 * one of captions alone. (try of a missing program counts as running.)
 */
static const char runs[] =
    "say A\n"				/* 1  section 1 */
    "try -- /nonexistent/a\n"		/* 2 */
    "wait 1m\n"				/* 3 */
    "say B\n"				/* 4  section 2: captions */
    "wait 1m\n"				/* 5 */
    "say C\n"				/* 6  section 3 */
    "try -- /nonexistent/c\n"		/* 7 */
    "wait 1m\n"				/* 8 */
    "say D\n"				/* 9  section 4: captions */
    "wait 1m\n"				/* 10 */
    "say E\n"				/* 11 section 5: captions */
    "wait 1m\n";			/* 12 */

START_TEST(test_prev_runs_something)
{
	struct lesson_player	*p;
	struct lesson		*l = parse(runs);

	p = player(l, 0);
	lesson_player_run(p);
	while (lesson_player_section(p) < 5) {
		lesson_player_next(p);
		lesson_player_run(p);
	}
	ck_assert_str_eq(lesson_player_caption(p), "E");
	/* From captions after demo C: demo C's section again. */
	lesson_player_prev(p);
	seen[0] = '\0';
	lesson_player_run(p);
	ck_assert_str_eq(seen, "6 7 8 ");
	ck_assert_int_eq(lesson_player_section(p), 3);
	/* From demo C's own section: demo A's, skipping B's captions. */
	lesson_player_prev(p);
	seen[0] = '\0';
	lesson_player_run(p);
	ck_assert_str_eq(seen, "1 2 3 ");
	ck_assert_str_eq(lesson_player_caption(p), "A");
	lesson_player_free(p);
	lesson_free(l);
}
END_TEST

/*
 * clear stops a demo still running and waits for its end before the
 * caption and the demo go: no demo runs out of sight.
 */
START_TEST(test_clear_stops_running)
{
	struct lesson_player	*p;
	struct lesson		*l;
	double			 left, t0;

	jobs_init();
	l = parse("run -- sleep 60\nclear\nsay after\n");
	p = player(l, 1);
	left = lesson_player_run(p);
	ck_assert_int_eq(lesson_player_njobs(p), 1);
	ck_assert_int_eq(lesson_player_current(p)->kind, LESSON_CLEAR);
	ck_assert(left != 0);
	ck_assert(job_state(lesson_player_job(p, 0)) != JOB_DONE);
	t0 = now_mono();
	while (!lesson_player_done(p) && now_mono() - t0 < 30) {
		jobs_wait(left < 0 || left > 1 ? 1 : left, -1);
		left = lesson_player_run(p);
	}
	ck_assert(lesson_player_done(p));
	ck_assert_int_eq(job_state(lesson_player_job(p, 0)), JOB_DONE);
	ck_assert(job_exit_signal(lesson_player_job(p, 0)) != 0);	/* stopped */
	ck_assert_str_eq(lesson_player_caption(p), "after");
	lesson_player_free(p);
	lesson_free(l);
}
END_TEST

START_TEST(test_batch_keys_pass)
{
	struct lesson_player	*p;
	struct lesson		*l = parse("say x\nwait key\nwait key\nsay y\n");

	p = player(l, 1);
	ck_assert(lesson_player_run(p) == -1);
	ck_assert(lesson_player_done(p));
	ck_assert_str_eq(seen, "1 2 3 4 ");
	ck_assert_int_eq(lesson_player_sections(p), 3);
	lesson_player_free(p);
	lesson_free(l);
}
END_TEST

START_TEST(test_timed_wait)
{
	struct lesson_player	*p;
	struct lesson		*l = parse("wait 50ms\nsay done\n");
	double			 left, t0 = now_mono();

	p = player(l, 1);
	while ((left = lesson_player_run(p)) > 0)
		jobs_wait(left, -1);
	ck_assert(lesson_player_done(p));
	ck_assert(now_mono() - t0 >= 0.049);
	ck_assert_str_eq(lesson_player_caption(p), "done");
	lesson_player_free(p);
	lesson_free(l);
}
END_TEST

START_TEST(test_missing_programs)
{
	struct lesson_player	*p;
	struct lesson		*l;

	l = parse("try -- /nonexistent/prog\nrun -- no-such-program-here\n"
	    "wait exit\n");
	p = player(l, 1);
	ck_assert(lesson_player_run(p) == -1);
	ck_assert(lesson_player_done(p));
	/* try skips quietly; run counts a failure; nothing started. */
	ck_assert_int_eq(lesson_player_failures(p), 1);
	ck_assert_int_eq(lesson_player_njobs(p), 0);
	lesson_player_free(p);
	lesson_free(l);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("lesson-play");
	TCase	*tc = tcase_create("player");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_sections_and_keys);
	tcase_add_test(tc, test_prev_runs_something);
	tcase_add_test(tc, test_clear_stops_running);
	tcase_add_test(tc, test_batch_keys_pass);
	tcase_add_test(tc, test_timed_wait);
	tcase_add_test(tc, test_missing_programs);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
