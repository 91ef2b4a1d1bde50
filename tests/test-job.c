/*
 * test-job.c: unit tests of supervision (job.c): start, capture with
 * attribution, exit codes and signals, stop with grace, pause, restart, pty,
 * and descendants that leave the group. Each test runs in its own forked
 * process (Check's default), which calls jobs_init() like main does.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "job-int.h"
#include "util.h"

#define WAIT_MAX	20.0	/* seconds: generous, the machine is shared */

static struct job *
start(const struct job_config *config, const char *script)
{
	char		*argv[] = { (char *)"sh", (char *)"-c", (char *)script, NULL };
	char		*cause = NULL;
	struct job	*job;

	job = job_start("test", argv, config, &cause);
	ck_assert_msg(job != NULL, "job_start: %s", cause ? cause : "?");
	return job;
}

/* Run the loop until the job is DONE; fails the test after WAIT_MAX. */
static void
wait_done(struct job *job)
{
	double	end = now_mono() + WAIT_MAX;

	while (job_state(job) != JOB_DONE) {
		ck_assert_msg(now_mono() < end, "job not done in time");
		jobs_wait(0.2, -1);
	}
}

/* True once no process (not even a zombie, which we reap) is in group pgid. */
static int
group_gone(pid_t pgid)
{
	double	end = now_mono() + WAIT_MAX;

	while (kill(-pgid, 0) == 0) {
		if (now_mono() > end)
			return 0;
		jobs_wait(0.05, -1);
	}
	return 1;
}

/* The kept line whose text is text, or NULL. */
static const struct out_line *
find_line(struct job *job, const char *text)
{
	const struct out_line	*o;
	unsigned long long	 s;

	for (s = job_lines_first(job); s < job_lines_next(job); s++) {
		o = job_line(job, s);
		if (strcmp(o->text, text) == 0)
			return o;
	}
	return NULL;
}

START_TEST(test_exit_and_streams)
{
	struct job		*job;
	const struct out_line	*o;

	job = start(NULL, "echo out; echo err >&2; printf 'no newline'; exit 3");
	ck_assert_int_gt(job_pgid(job), 0);
	wait_done(job);
	ck_assert_int_eq(job_exit_status(job), 3);
	ck_assert_int_eq(job_exit_signal(job), 0);
	o = find_line(job, "out");
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(o->stream, STREAM_OUT);
	ck_assert_int_eq(o->pid, job_pgid(job));
	o = find_line(job, "err");
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(o->stream, STREAM_ERR);
	/* The last, unterminated line is not lost. */
	ck_assert_ptr_nonnull(find_line(job, "no newline"));
	ck_assert_uint_eq(job_lines_next(job), 3);
	job_free(job);
	ck_assert_uint_eq(jobs_count(), 0);
}
END_TEST

START_TEST(test_not_found)
{
	struct job	*job;
	char		*argv[] = { (char *)"/nonexistent/program", NULL };
	char		*cause = NULL;

	job = job_start("nope", argv, NULL, &cause);
	ck_assert_ptr_nonnull(job);
	wait_done(job);
	ck_assert_int_eq(job_exit_status(job), 127);
	ck_assert_uint_eq(job_lines_next(job), 1);
	ck_assert_ptr_nonnull(strstr(job_line(job, 0)->text, "cannot run"));
	job_free(job);
}
END_TEST

START_TEST(test_signalled)
{
	struct job	*job;

	job = start(NULL, "kill -TERM $$; sleep 5");
	wait_done(job);
	ck_assert_int_eq(job_exit_signal(job), SIGTERM);
	ck_assert_int_eq(job_exit_status(job), 128 + SIGTERM);
	job_free(job);
}
END_TEST

/* Eight workers write interleaved lines; each line carries its writer's pid. */
START_TEST(test_attribution)
{
	struct job		*job;
	const struct out_line	*o;
	unsigned long long	 s;
	long			 pid, n, count[8] = { 0 };
	pid_t			 pids[8] = { 0 };
	int			 w, i;

	job = start(NULL,
	    "for w in 0 1 2 3 4 5 6 7; do"
	    "  sh -c 'i=0; while [ $i -lt 300 ]; do echo $$ '$w' $i;"
	    "    i=$((i+1)); done' &"
	    " done; wait");
	wait_done(job);
	ck_assert_int_eq(job_exit_status(job), 0);
	ck_assert_uint_eq(job_lines_next(job), 8 * 300);
	for (s = 0; s < job_lines_next(job); s++) {
		o = job_line(job, s);
		ck_assert_int_eq(sscanf(o->text, "%ld %d %ld", &pid, &w, &n), 3);
		ck_assert_int_eq(o->pid, pid);
		ck_assert(w >= 0 && w < 8);
		if (pids[w] == 0)
			pids[w] = pid;
		ck_assert_int_eq(pids[w], pid);
		/* In order per worker. */
		ck_assert_int_eq(n, count[w]);
		count[w]++;
	}
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(count[i], 300);
		ck_assert_int_ge(job_worker_index(job, pids[i]), 0);
	}
	ck_assert_int_eq(job_worker_index(job, pids[3]),
	    job_worker_index(job, pids[3]));
	job_free(job);
}
END_TEST

/* A line written in pieces, with another writer in between, stays whole. */
START_TEST(test_partial_lines)
{
	struct job	*job;

	job = start(NULL,
	    "printf 'ab'; (echo other) ; sleep 0.2; printf 'c\\n'");
	wait_done(job);
	ck_assert_ptr_nonnull(find_line(job, "abc"));
	ck_assert_ptr_nonnull(find_line(job, "other"));
	job_free(job);
}
END_TEST

START_TEST(test_long_line)
{
	struct job		*job;
	const struct out_line	*o;

	/* One writer: the shell's echo writes the whole line. */
	job = start(NULL, "s=$(head -c 10000 /dev/zero | tr '\\0' x); "
	    "echo \"$s\"; echo after");
	wait_done(job);
	ck_assert_uint_eq(job_lines_next(job), 2);
	o = job_line(job, 0);
	ck_assert_int_eq(o->cut, 1);
	ck_assert_uint_le(strlen(o->text), 4096);
	ck_assert_uint_ge(strlen(o->text), 4000);
	ck_assert_str_eq(job_line(job, 1)->text, "after");
	ck_assert_int_eq(job_line(job, 1)->cut, 0);
	job_free(job);
}
END_TEST

START_TEST(test_bounded)
{
	struct job_config	 c = { .max_lines = 100, .grace = 2 };
	struct job		*job;

	job = start(&c, "seq 1 1000");
	wait_done(job);
	ck_assert_uint_eq(job_lines_next(job), 1000);
	ck_assert_uint_eq(job_lines_first(job), 900);
	ck_assert_uint_eq(job_lines_dropped(job), 900);
	ck_assert_str_eq(job_line(job, 999)->text, "1000");
	job_free(job);
}
END_TEST

/* A job that ignores SIGTERM is SIGKILLed after the grace period. */
START_TEST(test_stop_grace)
{
	struct job_config	 c = { .grace = 0.3 };
	struct job		*job;

	job = start(&c, "trap '' TERM; echo ready; while :; do sleep 0.05; done");
	while (job_lines_next(job) == 0)
		jobs_wait(0.1, -1);
	job_stop(job);
	ck_assert_int_eq(job_state(job), JOB_STOPPING);
	wait_done(job);
	ck_assert_int_eq(job_exit_signal(job), SIGKILL);
	ck_assert(group_gone(job_pgid(job)));
	job_free(job);
}
END_TEST

static char	proc_state(pid_t);

/* A process that exists and is not a zombie. */
static int
alive(pid_t pid)
{
	char	st = proc_state(pid);

	return st != 0 && st != 'Z';
}

/* The state letter of pid in /proc (R, S, T, Z...), or 0. */
static char
proc_state(pid_t pid)
{
	char	path[64], buf[512], *p;
	FILE	*f;
	char	 st = 0;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof buf, f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL)
		st = p[2];
	fclose(f);
	return st;
}

static int
wait_state(pid_t pid, char want)
{
	double	end = now_mono() + WAIT_MAX;

	while (proc_state(pid) != want) {
		if (now_mono() > end)
			return 0;
		jobs_wait(0.05, -1);
	}
	return 1;
}

START_TEST(test_pause_resume)
{
	struct job	*job;

	job = start(NULL, "echo ready; while :; do :; done");
	while (job_lines_next(job) == 0)
		jobs_wait(0.1, -1);
	job_pause(job);
	ck_assert_int_eq(job_state(job), JOB_PAUSED);
	ck_assert(wait_state(job_pgid(job), 'T'));
	job_resume(job);
	ck_assert_int_eq(job_state(job), JOB_RUNNING);
	ck_assert(wait_state(job_pgid(job), 'R'));
	job_pause(job);
	ck_assert(wait_state(job_pgid(job), 'T'));
	job_stop(job);	/* stopping a paused job works too */
	wait_done(job);
	ck_assert_int_eq(job_exit_signal(job), SIGTERM);
	job_free(job);
}
END_TEST

START_TEST(test_restart)
{
	struct job	*job;
	char		*cause = NULL;
	pid_t		 first;

	job = start(NULL, "echo run; sleep 30");
	while (job_lines_next(job) == 0)
		jobs_wait(0.1, -1);
	first = job_pgid(job);
	ck_assert_int_eq(job_restart(job, &cause), 0);
	while (job_lines_next(job) < 2)
		jobs_wait(0.1, -1);
	ck_assert_int_ne(job_pgid(job), first);
	ck_assert_int_eq(job_state(job), JOB_RUNNING);
	ck_assert(!alive(first));
	ck_assert_str_eq(job_line(job, 1)->text, "run");
	job_free(job);
}
END_TEST

START_TEST(test_pty)
{
	struct job_config	 c = { .pty = 1, .grace = 2 };
	struct job		*job;

	job = start(&c, "if [ -t 1 ]; then echo tty; else echo notty; fi");
	wait_done(job);
	ck_assert_ptr_nonnull(find_line(job, "tty"));
	ck_assert_int_eq(job_exit_status(job), 0);
	job_free(job);
}
END_TEST

/* A descendant that left the group (setsid) is killed with the job. */
START_TEST(test_escaped_descendant)
{
	struct job_config	 c = { .grace = 0.2 };
	struct job		*job;
	pid_t			 escaped = 0;
	long			 p;
	double			 end;

	job = start(&c, "setsid sleep 60 & echo $!; wait");
	while (job_lines_next(job) == 0)
		jobs_wait(0.1, -1);
	ck_assert_int_eq(sscanf(job_line(job, 0)->text, "%ld", &p), 1);
	escaped = p;
	ck_assert(alive(escaped));
	job_stop(job);
	wait_done(job);
	/*
	 * Signalled is not yet dead: on a busy machine the sleeper may not have
	 * run its exit by now. It is to die long before its 60 s are up.
	 */
	end = now_mono() + WAIT_MAX;
	while (alive(escaped) && now_mono() < end)
		jobs_wait(0.05, -1);
	ck_assert_msg(!alive(escaped), "the escaped descendant %ld survived",
	    (long)escaped);
	job_free(job);
}
END_TEST

/* jobs_stop_all() leaves nothing, within a bounded time. */
START_TEST(test_stop_all)
{
	struct job	*a, *b;
	pid_t		 pa, pb;
	double		 t0;

	a = start(NULL, "trap '' TERM; while :; do sleep 1; done");
	b = start(NULL, "sleep 60");
	pa = job_pgid(a);
	pb = job_pgid(b);
	ck_assert_uint_eq(jobs_count(), 2);
	t0 = now_mono();
	jobs_stop_all();
	ck_assert(now_mono() - t0 < 5.0);
	ck_assert_int_eq(job_state(a), JOB_DONE);
	ck_assert_int_eq(job_state(b), JOB_DONE);
	ck_assert(!alive(pa));
	ck_assert(!alive(pb));
	ck_assert(group_gone(pa));
	ck_assert(group_gone(pb));
	job_free(a);
	job_free(b);
}
END_TEST

/*
 * A killed watchdog is replaced, and the new one does the work: a child
 * supervisor starts a job, its watchdog is killed, a new one appears, the
 * child dies without cleaning up: the job is still killed.
 */
START_TEST(test_watchdog_respawn)
{
	int	 p[2], status;
	pid_t	 child, pgid = 0, wd;
	double	 end;

	/* Orphans come to us, so we can reap them and see the group empty. */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	ck_assert_int_eq(pipe(p), 0);
	if ((child = fork()) == 0) {
		struct job	*job;

		close(p[0]);
		jobs_init();
		/* The leader dies with us (PDEATHSIG); its child only by the watchdog. */
		job = start(NULL, "sleep 60 & wait");
		wd = watchdog_pid();
		kill(wd, SIGKILL);
		end = now_mono() + WAIT_MAX;
		while (watchdog_pid() == wd || watchdog_pid() <= 0) {
			if (now_mono() > end)
				_exit(2);
			jobs_wait(0.05, -1);
		}
		pgid = job_pgid(job);
		if (write(p[1], &pgid, sizeof pgid) != sizeof pgid)
			_exit(3);
		_exit(0);	/* no cleanup: the watchdog's turn */
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &pgid, sizeof pgid), sizeof pgid);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	end = now_mono() + WAIT_MAX;
	while (kill(-pgid, 0) == 0 && now_mono() < end) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		usleep(50000);
	}
	ck_assert_int_eq(kill(-pgid, 0), -1);
}
END_TEST

static Suite *
job_suite(void)
{
	Suite	*s = suite_create("job");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_exit_and_streams);
	tcase_add_test(tc, test_not_found);
	tcase_add_test(tc, test_signalled);
	tcase_add_test(tc, test_attribution);
	tcase_add_test(tc, test_partial_lines);
	tcase_add_test(tc, test_long_line);
	tcase_add_test(tc, test_bounded);
	tcase_add_test(tc, test_stop_grace);
	tcase_add_test(tc, test_pause_resume);
	tcase_add_test(tc, test_restart);
	tcase_add_test(tc, test_pty);
	tcase_add_test(tc, test_escaped_descendant);
	tcase_add_test(tc, test_stop_all);
	tcase_add_test(tc, test_watchdog_respawn);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(job_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
