/*
 * test-event-skim.c: unit tests of the reader's skimming (event-read.c):
 * a sample in our writer's order is read up to its "procs" and gives the
 * same cores and timeline as a whole read; every record the skim cannot
 * be sure of (processes first, a process with "tasks", a "host", a
 * "procs" inside a string or a nested value) is read whole, as a reader
 * that does not skim reads it; a record bad only after its timeline is
 * skimmed, and the whole read of its line names the line. What a skim
 * left (the processes and sys) read on its own is what a whole read has.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "event-read.h"

#define TYPE	"\"type\":\"sample\",\"t\":1.5,"
#define CPUS	"\"cpus\":[{\"id\":0,\"busy\":100.0,\"user\":36.4," \
		"\"nice\":0.0,\"system\":63.6,\"idle\":0.0,\"iowait\":0.0," \
		"\"irq\":0.0,\"softirq\":0.0,\"steal\":0.0}]"
#define TL	"\"timeline\":{\"source\":\"exact\",\"lost\":2,\"cores\":" \
		"[{\"id\":0,\"idle_ms\":1.5,\"run\":[{\"pid\":2823," \
		"\"tid\":2823,\"ms\":60.0},{\"pid\":7,\"tid\":8," \
		"\"ms\":38.5}]}]}"
#define PROC	"{\"pid\":2823,\"ppid\":2820,\"pgid\":2823,\"state\":\"S\"," \
		"\"cpu\":9.8,\"core\":1,\"rss_kb\":1456,\"threads\":1," \
		"\"time\":0.01,\"cmd\":\"sh\",\"run_ms\":11.4,\"wait_ms\":2.4," \
		"\"sleep_ms\":91.4,\"migrations\":0,\"switches\":4"
#define TASKS	",\"tasks\":[{\"tid\":2823,\"name\":\"sh\",\"state\":\"S\"," \
		"\"core\":1,\"run_ms\":11.4,\"wait_ms\":2.4,\"sleep_ms\":91.4," \
		"\"migrations\":0,\"vol_switches\":2,\"invol_switches\":2}]"
#define PROCS	"\"procs\":[" PROC "}]"
#define SYS	"\"sys\":{\"load\":[1.28,4.29,8.02],\"tasks\":67," \
		"\"running\":2,\"sleeping\":64,\"stopped\":0,\"zombie\":1," \
		"\"uptime\":65972.31,\"mem_total_kb\":24683620," \
		"\"mem_used_kb\":413956,\"mem_avail_kb\":24269664," \
		"\"swap_total_kb\":0,\"swap_used_kb\":0}"

/* The writer's order: timeline before procs. */
#define NEW	"{" TYPE CPUS "," TL "," PROCS "," SYS "}"

/* line read by r (skimming or not) into e: 0, or -1. */
static int
parse(struct event_reader *r, const char *line, struct event *e)
{
	char	*cause;

	if (event_reader_parse(r, line, strlen(line), e, &cause) == 0)
		return 0;
	free(cause);
	return -1;
}

/* e's cores and timeline are w's (a whole read of the same line). */
static void
same_picture(const struct event *e, const struct event *w)
{
	int	j;
	size_t	k;

	ck_assert_int_eq(e->type, EVENT_SAMPLE);
	ck_assert(e->t == w->t);
	ck_assert_int_eq(e->ncpus, w->ncpus);
	for (j = 0; j < e->ncpus; j++)
		ck_assert(memcmp(&e->cpus[j], &w->cpus[j],
		    sizeof e->cpus[j]) == 0);
	ck_assert_int_eq(e->timeline != NULL, w->timeline != NULL);
	if (e->timeline == NULL)
		return;
	ck_assert_int_eq(e->timeline->ncores, w->timeline->ncores);
	ck_assert_int_eq(e->timeline->exact, w->timeline->exact);
	ck_assert(e->timeline->lost == w->timeline->lost);
	for (j = 0; j < e->timeline->ncores; j++) {
		ck_assert_uint_eq(e->timeline->cores[j].nruns,
		    w->timeline->cores[j].nruns);
		for (k = 0; k < e->timeline->cores[j].nruns; k++)
			ck_assert(memcmp(&e->timeline->cores[j].runs[k],
			    &w->timeline->cores[j].runs[k],
			    sizeof e->timeline->cores[j].runs[k]) == 0);
	}
}

/*
 * line, skimmed or not as skimmed says: the skimming read has no procs
 * (skimmed) or all of them, and the picture of a whole read.
 */
static void
check_line(const char *line, int skimmed)
{
	struct event_reader	*s = event_reader_new(-1);
	struct event_reader	*r = event_reader_new(-1);
	struct event		 e, w;
	const char		*taken;
	size_t			 len;

	event_reader_skim(s, 1);
	ck_assert_msg(parse(r, line, &w) == 0, "whole read of %s", line);
	ck_assert_msg(parse(s, line, &e) == 0, "skimming read of %s", line);
	ck_assert_msg(e.skimmed == skimmed, "skimmed %d, not %d: %s",
	    e.skimmed, skimmed, line);
	ck_assert(!w.skimmed);
	same_picture(&e, &w);
	if (skimmed) {
		ck_assert_uint_eq(e.nprocs, 0);
		ck_assert_ptr_null(e.sys);
	} else {
		ck_assert_uint_eq(e.nprocs, w.nprocs);
		ck_assert_uint_eq(e.nthreads, w.nthreads);
		ck_assert_int_eq(e.with_threads, w.with_threads);
		ck_assert_int_eq(e.sys != NULL, w.sys != NULL);
	}
	taken = event_reader_line(s, &len);
	ck_assert(taken == line && len == strlen(line));
	event_reader_free(s);
	event_reader_free(r);
}

START_TEST(test_skimmed)
{
	struct event_reader	*r = event_reader_new(-1);
	struct event		 w;

	check_line(NEW, 1);
	/* White space around the name; a process without tasks. */
	check_line("{ " TYPE CPUS " , " TL " ,\t\"procs\" : [" PROC "}], "
	    SYS " }", 1);
	/* sys's "tasks" is a count: no reason to read whole. */
	check_line("{" TYPE CPUS "," TL "," PROCS "," SYS ",\"x\":"
	    "{\"tasks\":3}}", 1);
	/* The whole read still has the processes and sys. */
	ck_assert_int_eq(parse(r, NEW, &w), 0);
	ck_assert_uint_eq(w.nprocs, 1);
	ck_assert_int_eq(w.procs[0].pid, 2823);
	ck_assert_ptr_nonnull(w.sys);
	event_reader_free(r);
}
END_TEST

START_TEST(test_whole)
{
	/* An older stream: procs before the timeline. */
	check_line("{" TYPE CPUS "," PROCS "," SYS "," TL "}", 0);
	/* No timeline at all. */
	check_line("{" TYPE CPUS "," PROCS "," SYS "}", 0);
	/* A process with its threads: every sample's are wanted. */
	check_line("{" TYPE CPUS "," TL ",\"procs\":[" PROC TASKS "}]," SYS
	    "}", 0);
	check_line("{" TYPE CPUS "," TL ",\"procs\":[" PROC "}," PROC
	    ",\"tasks\" :\t[]}]," SYS "}", 0);
	/* A cluster's sample, with its host. */
	check_line("{" TYPE "\"host\":\"n1\"," CPUS "," TL "," PROCS "," SYS
	    "}", 0);
	check_line("{" TYPE CPUS "," TL "," PROCS ",\"host\":\"n1\"}", 0);
	/* "procs" as a string, and inside an escaped one. */
	check_line("{" TYPE "\"note\":[\"x\",\"procs\"]," CPUS "," TL ","
	    PROCS "," SYS "}", 0);
	check_line("{" TYPE "\"note\":\"a,\\\"procs\\\":[\"," CPUS "," TL ","
	    PROCS "," SYS "}", 1);
	/* "procs" inside a nested value, before the record's own. */
	check_line("{" TYPE CPUS "," TL ",\"x\":{\"a\":1,\"procs\":2},"
	    PROCS "," SYS "}", 0);
	check_line("{" TYPE CPUS "," TL ",\"x\":[1,\"procs\"],"
	    PROCS "," SYS "}", 0);
}
END_TEST

START_TEST(test_bad)
{
	struct event_reader	*s = event_reader_new(-1);
	struct event_reader	*r = event_reader_new(-1);
	struct event		 e;
	const char		*bad_procs = "{" TYPE CPUS "," TL
	    ",\"procs\":[{\"pid\":\"two\"}]," SYS "}";
	const char		*cut = "{" TYPE CPUS "," TL ",\"procs\":[" PROC;
	char			*cause;

	event_reader_skim(s, 1);
	/* Bad after its timeline: skimmed; the whole read says where. */
	ck_assert_int_eq(parse(s, bad_procs, &e), 0);
	ck_assert(e.skimmed);
	event_reader_number(r, 42);
	ck_assert_int_eq(event_reader_parse(r, bad_procs, strlen(bad_procs),
	    &e, &cause), -1);
	ck_assert_msg(strncmp(cause, "line 42: ", 9) == 0, "%s", cause);
	free(cause);
	/* Cut short after its timeline: the same. */
	ck_assert_int_eq(parse(s, cut, &e), 0);
	ck_assert(e.skimmed);
	ck_assert_int_eq(parse(r, cut, &e), -1);
	/* Bad before "procs": bad either way. */
	ck_assert_int_eq(parse(s, "{" TYPE "\"cpus\":[{\"id\":-4}]," TL ","
	    PROCS "}", &e), -1);
	ck_assert_int_eq(parse(s, "{\"type\":\"sample\",\"t\":-1," CPUS ","
	    TL "," PROCS "}", &e), -1);
	ck_assert_int_eq(parse(s, "{" TYPE CPUS ",\"timeline\":{}," PROCS
	    "}", &e), -1);
	/* Not a sample: read whole. */
	ck_assert_int_eq(parse(s, "{\"type\":\"output\",\"t\":1,\"job\":\"j\","
	    "\"pid\":1,\"stream\":\"out\",\"text\":\"x\"," TL "," PROCS "}",
	    &e), 0);
	ck_assert_int_eq(e.type, EVENT_OUTPUT);
	ck_assert(!e.skimmed);
	event_reader_free(s);
	event_reader_free(r);
}
END_TEST

/*
 * The rest of line has the processes and sys of a whole read, w's; read
 * on its own (skimmed 1: no cpus), or the line read whole.
 */
static void
check_rest(const char *line, int skimmed)
{
	struct event_reader	*r = event_reader_new(-1);
	struct event_reader	*p = event_reader_new(-1);
	struct event		 e, w;
	char			*cause;
	size_t			 i;

	ck_assert_int_eq(parse(r, line, &w), 0);
	ck_assert_msg(event_reader_parse_rest(p, line, strlen(line), &e,
	    &cause) == 0, "rest of %s", line);
	ck_assert_int_eq(e.type, EVENT_SAMPLE);
	ck_assert(!e.skimmed);
	ck_assert_int_eq(e.ncpus, skimmed ? 0 : w.ncpus);
	ck_assert_uint_eq(e.nprocs, w.nprocs);
	for (i = 0; i < e.nprocs; i++) {
		ck_assert_int_eq(e.procs[i].pid, w.procs[i].pid);
		ck_assert_int_eq(e.procs[i].pgid, w.procs[i].pgid);
		ck_assert(e.procs[i].cpu == w.procs[i].cpu);
		ck_assert_str_eq(e.procs[i].cmd, w.procs[i].cmd);
	}
	ck_assert_uint_eq(e.nthreads, w.nthreads);
	ck_assert_int_eq(e.sys != NULL, w.sys != NULL);
	if (e.sys != NULL) {
		ck_assert(e.sys->load[2] == w.sys->load[2]);
		ck_assert(e.sys->uptime == w.sys->uptime);
		ck_assert_uint_eq(e.sys->mem_used_kb, w.sys->mem_used_kb);
	}
	event_reader_free(r);
	event_reader_free(p);
}

START_TEST(test_rest)
{
	struct event_reader	*r = event_reader_new(-1);
	struct event		 e;
	const char		*bad_procs = "{" TYPE CPUS "," TL
	    ",\"procs\":[{\"pid\":\"two\"}]," SYS "}";
	const char		*junk = "{" TYPE CPUS "," TL "," PROCS "} x";
	char			*cause, *whole;

	check_rest(NEW, 1);
	check_rest("{ " TYPE CPUS " , " TL " ,\t\"procs\" : [" PROC "}], "
	    SYS " }", 1);
	check_rest("{" TYPE CPUS "," TL "," PROCS "}", 1);
	/* Not skimmed: read whole, cpus and all. */
	check_rest("{" TYPE CPUS "," PROCS "," SYS "," TL "}", 0);
	check_rest("{" TYPE CPUS "," TL ",\"procs\":[" PROC TASKS "}]," SYS
	    "}", 0);
	/* Bad in its rest: the message of a whole read. */
	event_reader_number(r, 42);
	ck_assert_int_eq(event_reader_parse(r, bad_procs, strlen(bad_procs),
	    &e, &whole), -1);
	ck_assert_int_eq(event_reader_parse_rest(r, bad_procs,
	    strlen(bad_procs), &e, &cause), -1);
	ck_assert_str_eq(cause, whole);
	ck_assert_msg(strncmp(cause, "line 42: ", 9) == 0, "%s", cause);
	free(cause);
	free(whole);
	ck_assert_int_eq(event_reader_parse(r, junk, strlen(junk), &e,
	    &whole), -1);
	ck_assert_int_eq(event_reader_parse_rest(r, junk, strlen(junk), &e,
	    &cause), -1);
	ck_assert_str_eq(cause, whole);
	free(cause);
	free(whole);
	event_reader_free(r);
}
END_TEST

static Suite *
skim_suite(void)
{
	Suite	*s = suite_create("event-skim");
	TCase	*tc = tcase_create("skim");

	tcase_add_test(tc, test_skimmed);
	tcase_add_test(tc, test_whole);
	tcase_add_test(tc, test_bad);
	tcase_add_test(tc, test_rest);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(skim_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
