/*
 * lesson-play.c: the lesson player (see lesson-play.h): which step comes
 * next, when a wait is over, and the jobs the lesson started. Shared by
 * batch playback (lesson-batch.c) and the TUI; it neither prints nor draws.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo-start.h"
#include "job.h"
#include "lesson-parse.h"
#include "lesson-play.h"
#include "util.h"

#define NO_STEP		SIZE_MAX
#define CLEAR_WAIT_MAX	10.0	/* s clear waits for the demos it stopped */

struct lesson_player {
	const struct lesson		*l;
	struct job_config		 cfg;
	int				 keys_pass;	/* batch: wait key passes */
	const struct lesson_hooks	*hooks;
	void				*arg;

	size_t				 next;		/* the step to play next */
	size_t				 cur;		/* the step played last */
	int				 waiting;	/* cur is a wait not over */
	int				 skip;		/* n: end the wait */
	int				 key;		/* a key came during wait key */
	int				 cleared;	/* cur (a clear) has forgotten */
	double				 until;		/* deadline of the wait (0: none) */

	struct job			**jobs;		/* started by the lesson */
	int				*reported;	/* its exit was reported */
	int				*forgotten;	/* cleared from the view */
	size_t				 njobs;

	char				*title;		/* $NCPU expanded */
	char				*caption;
	int				 failures;

	size_t				*sections;	/* first step of each */
	size_t				 nsections;
};

/*
 * A new player for the checked lesson l; jobs start with cfg. keys_pass:
 * `wait key` passes at once (batch mode). Nothing runs until
 * lesson_player_run().
 */
struct lesson_player *
lesson_player_new(const struct lesson *l, const struct job_config *cfg,
    int keys_pass, const struct lesson_hooks *hooks, void *arg)
{
	struct lesson_player		*p;
	const struct lesson_step	*st;
	size_t				 i;

	p = xcalloc(1, sizeof *p);
	p->l = l;
	p->cfg = *cfg;
	p->keys_pass = keys_pass;
	p->hooks = hooks;
	p->arg = arg;
	p->cur = NO_STEP;
	p->sections = xcalloc(lesson_count(l) + 1, sizeof *p->sections);
	p->sections[p->nsections++] = 0;
	for (i = 0; i + 1 < lesson_count(l); i++) {
		st = lesson_get(l, i);
		if (st->kind == LESSON_WAIT || st->kind == LESSON_WAIT_EXIT ||
		    st->kind == LESSON_WAIT_KEY)
			p->sections[p->nsections++] = i + 1;
	}
	return p;
}

/* Stop every job of the lesson (all at once) and free them. */
void
lesson_player_free(struct lesson_player *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->njobs; i++)
		job_stop(p->jobs[i]);
	for (i = 0; i < p->njobs; i++) {
		if (p->hooks->forget != NULL)
			p->hooks->forget(p->arg, p->jobs[i]);
		job_free(p->jobs[i]);
	}
	free(p->jobs);
	free(p->reported);
	free(p->forgotten);
	free(p->sections);
	free(p->title);
	free(p->caption);
	free(p);
}

/*
 * s with every $NCPU replaced by the number of cores online (malloc'd), so
 * that a lesson never states a core count the machine does not have:
 * "say $NCPU workers, $NCPU cores busy", "run compute -w $NCPU".
 */
static char *
expand_vars(const char *s)
{
	static const char	 var[] = "$NCPU";
	const char		*hit;
	char			*out, *t, num[24];
	long			 n = sysconf(_SC_NPROCESSORS_ONLN);

	snprintf(num, sizeof num, "%ld", n > 0 ? n : 1);
	out = xstrdup("");
	while ((hit = strstr(s, var)) != NULL) {
		xasprintf(&t, "%s%.*s%s", out, (int)(hit - s), s, num);
		free(out);
		out = t;
		s = hit + sizeof var - 1;
	}
	xasprintf(&t, "%s%s", out, s);
	free(out);
	return t;
}

/* argv[0..argc) with $NCPU expanded, NULL-terminated; free with argv_free. */
static char **
argv_expand(int argc, char **argv)
{
	char	**v;
	int	  i;

	v = xcalloc(argc + 1, sizeof *v);
	for (i = 0; i < argc; i++)
		v[i] = expand_vars(argv[i]);
	return v;
}

static void
argv_free(char **v)
{
	char	**p;

	for (p = v; p != NULL && *p != NULL; p++)
		free(*p);
	free(v);
}

/* Set *slot to text with $NCPU expanded, or to NULL. */
static void
set_text(char **slot, const char *text)
{
	free(*slot);
	*slot = text != NULL ? expand_vars(text) : NULL;
}

static void	report_exits(struct lesson_player *);

static void
problem(struct lesson_player *p, const struct lesson_step *st, int failed,
    const char *msg)
{
	if (failed)
		p->failures++;
	if (p->hooks->problem != NULL)
		p->hooks->problem(p->arg, st, failed, msg);
}

static void
add_job(struct lesson_player *p, const struct lesson_step *st,
    struct job *job)
{
	p->jobs = xreallocarray(p->jobs, p->njobs + 1, sizeof *p->jobs);
	p->reported = xreallocarray(p->reported, p->njobs + 1,
	    sizeof *p->reported);
	p->forgotten = xreallocarray(p->forgotten, p->njobs + 1,
	    sizeof *p->forgotten);
	p->jobs[p->njobs] = job;
	p->reported[p->njobs] = 0;
	p->forgotten[p->njobs] = 0;
	p->njobs++;
	if (p->hooks->started != NULL)
		p->hooks->started(p->arg, st, job);
}

/* Start name with argv as a job of the lesson; reports a failure itself. */
static void
start_job(struct lesson_player *p, const struct lesson_step *st,
    const char *name, char **argv)
{
	struct job	*job;
	char		*cause, *msg;

	if ((job = job_start(name, argv, &p->cfg, &cause)) == NULL) {
		xasprintf(&msg, "cannot start %s: %s", name, cause);
		problem(p, st, 1, msg);
		free(msg);
		free(cause);
		return;
	}
	add_job(p, st, job);
}

/* run / try: a demo by name or any command ($NCPU expanded in its words). */
static void
play_run(struct lesson_player *p, const struct lesson_step *st)
{
	const char	*name, *slash;
	char		**words, *path, *msg, *cause;
	struct job	*job;

	words = argv_expand(st->argc, st->argv);
	if (st->is_command) {
		if ((path = util_find_program(words[0])) == NULL) {
			xasprintf(&msg, "%s: '%s' not found%s", st->name,
			    words[0], st->kind == LESSON_TRY ?
			    ", skipped" : "");
			problem(p, st, st->kind != LESSON_TRY, msg);
			free(msg);
			argv_free(words);
			return;
		}
		free(path);
		name = (slash = strrchr(words[0], '/')) != NULL ?
		    slash + 1 : words[0];
		start_job(p, st, name, words);
		argv_free(words);
		return;
	}
	if ((job = demo_start(words, &p->cfg, &cause)) == NULL) {
		xasprintf(&msg, "%s: %s%s", st->name, cause,
		    st->kind == LESSON_TRY ? ", skipped" : "");
		problem(p, st, st->kind != LESSON_TRY, msg);
		free(msg);
		free(cause);
	} else
		add_job(p, st, job);
	argv_free(words);
}

/*
 * bench LIST [OPTION]... DEMO|-- CMD: turbotop's own --bench, through the
 * hook (batch: in this process) or as a job of "turbotop -b --bench=LIST".
 */
static void
play_bench(struct lesson_player *p, const struct lesson_step *st)
{
	char	**argv, **words, *list, *msg, self[PATH_MAX];
	ssize_t	  n;
	int	  i, argc = 0, rc;

	words = argv_expand(st->argc, st->argv);
	argv = xcalloc(st->argc + 3, sizeof *argv);
	xasprintf(&list, "--bench=%s", words[0]);
	argv[argc++] = (char *)"bench";
	if (p->hooks->bench == NULL)
		argv[argc++] = (char *)"-b";
	argv[argc++] = list;
	for (i = 1; i < st->argc; i++)
		argv[argc++] = words[i];
	if (p->hooks->bench != NULL) {
		if ((rc = p->hooks->bench(p->arg, st, argc, argv)) != 0) {
			xasprintf(&msg, "bench exited with status %d", rc);
			problem(p, st, 1, msg);
			free(msg);
		}
	} else if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0)
		problem(p, st, 1, "bench: cannot find turbotop itself");
	else {
		self[n] = '\0';
		argv[0] = self;
		start_job(p, st, "bench", argv);
	}
	free(list);
	free(argv);
	argv_free(words);
}

/*
 * The jobs that have ended leave the lesson's view (the forget hook), once
 * `clear` has waited for them. They are freed only with the player, so that
 * nobody who showed them holds a dangling pointer.
 */
static void
forget_done(struct lesson_player *p)
{
	size_t	i;

	report_exits(p);	/* a job's exit is reported before it goes */
	for (i = 0; i < p->njobs; i++) {
		if (job_state(p->jobs[i]) != JOB_DONE || p->forgotten[i])
			continue;
		p->forgotten[i] = 1;
		if (p->hooks->forget != NULL)
			p->hooks->forget(p->arg, p->jobs[i]);
	}
}

/*
 * clear: the rule (turbotop.1) is that no demo runs out of sight. The demos
 * still running are stopped (as `stop`), and clear waits until they have
 * ended (at most CLEAR_WAIT_MAX s) with the last one still on the screen;
 * then the caption and the ended demos go (forget_done, after the wait).
 */
static void
play_clear(struct lesson_player *p)
{
	size_t	i;
	int	running = 0;

	set_text(&p->caption, NULL);
	for (i = 0; i < p->njobs; i++) {
		if (job_state(p->jobs[i]) != JOB_DONE) {
			job_stop(p->jobs[i]);
			running = 1;
		}
	}
	if (running) {
		p->waiting = 1;
		p->skip = p->key = 0;
		p->until = now_mono() + CLEAR_WAIT_MAX;
	}
}

static void
play_step(struct lesson_player *p, const struct lesson_step *st)
{
	size_t	i;

	if (p->hooks->step != NULL)
		p->hooks->step(p->arg, st);
	switch (st->kind) {
	case LESSON_TITLE:
		set_text(&p->title, st->text);
		break;
	case LESSON_SAY:
		set_text(&p->caption, st->text);
		break;
	case LESSON_RUN:
	case LESSON_TRY:
		play_run(p, st);
		break;
	case LESSON_WAIT:
	case LESSON_WAIT_EXIT:
	case LESSON_WAIT_KEY:
		p->waiting = 1;
		p->skip = p->key = 0;
		p->until = 0;
		if (st->kind == LESSON_WAIT || st->seconds > 0)
			p->until = now_mono() + st->seconds;
		break;
	case LESSON_PAUSE:
		for (i = 0; i < p->njobs; i++)
			job_pause(p->jobs[i]);
		break;
	case LESSON_RESUME:
		for (i = 0; i < p->njobs; i++)
			job_resume(p->jobs[i]);
		break;
	case LESSON_STOP:
		for (i = 0; i < p->njobs; i++)
			job_stop(p->jobs[i]);
		break;
	case LESSON_CLEAR:
		play_clear(p);
		break;
	case LESSON_BENCH:
		play_bench(p, st);
		break;
	}
}

/* Tell the hooks about jobs that have ended, once each. */
static void
report_exits(struct lesson_player *p)
{
	size_t	i;

	for (i = 0; i < p->njobs; i++) {
		if (!p->reported[i] && job_state(p->jobs[i]) == JOB_DONE) {
			p->reported[i] = 1;
			if (p->hooks->exited != NULL)
				p->hooks->exited(p->arg, p->jobs[i]);
		}
	}
}

/* 0 if the current wait is over, its seconds left, or -1: until an event. */
static double
wait_left(const struct lesson_player *p)
{
	const struct lesson_step	*st = lesson_get(p->l, p->cur);
	double				 left = p->until - now_mono();
	size_t				 i;

	if (p->skip || (p->until > 0 && left <= 0))
		return 0;
	switch (st->kind) {
	case LESSON_WAIT_KEY:
		return p->keys_pass || p->key ? 0 : -1;
	case LESSON_WAIT_EXIT:
	case LESSON_CLEAR:
		for (i = 0; i < p->njobs; i++) {
			if (job_state(p->jobs[i]) != JOB_DONE)
				return p->until > 0 ? left : -1;
		}
		return 0;
	default:
		return left;
	}
}

/*
 * Play steps until one has to wait. Returns the seconds the caller may
 * sleep (in jobs_wait) before calling again, or -1 to sleep until an event
 * (a job's end or output, a key). Call after every jobs_wait().
 */
double
lesson_player_run(struct lesson_player *p)
{
	double	left;

	for (;;) {
		report_exits(p);
		if (p->waiting) {
			if ((left = wait_left(p)) != 0)
				return left;
			p->waiting = 0;
		}
		if (p->cur != NO_STEP &&
		    lesson_get(p->l, p->cur)->kind == LESSON_CLEAR &&
		    !p->cleared) {
			p->cleared = 1;
			forget_done(p);
		}
		if (p->next >= lesson_count(p->l))
			return -1;
		p->cur = p->next++;
		p->cleared = 0;
		play_step(p, lesson_get(p->l, p->cur));
	}
}

/*
 * Stop every job the lesson started, wait until they are gone (bounded, see
 * jobs_stop_all()) and report their exits: the end of a lesson, or of a
 * lesson interrupted.
 */
void
lesson_player_finish(struct lesson_player *p)
{
	size_t	i;

	for (i = 0; i < p->njobs; i++)
		job_stop(p->jobs[i]);
	jobs_stop_all();
	report_exits(p);
}

/* True once the last step was played and its wait is over. */
int
lesson_player_done(const struct lesson_player *p)
{
	return !p->waiting && p->next >= lesson_count(p->l);
}

/* The presenter pressed a key: ends a `wait key`. */
void
lesson_player_key(struct lesson_player *p)
{
	if (p->waiting)
		p->key = 1;
}

/* n: end the current wait, whatever it waits for. */
void
lesson_player_next(struct lesson_player *p)
{
	if (p->waiting)
		p->skip = 1;
}

/* The section (index into sections) that step i belongs to. */
static size_t
section_of(const struct lesson_player *p, size_t i)
{
	size_t	s = 0;

	if (i == NO_STEP)
		return 0;
	while (s + 1 < p->nsections && p->sections[s + 1] <= i)
		s++;
	return s;
}

/* True if section s has a step that runs something (run, try, bench). */
static int
section_runs(const struct lesson_player *p, size_t s)
{
	size_t	i, end;

	end = s + 1 < p->nsections ? p->sections[s + 1] : lesson_count(p->l);
	for (i = p->sections[s]; i < end; i++) {
		switch (lesson_get(p->l, i)->kind) {
		case LESSON_RUN:
		case LESSON_TRY:
		case LESSON_BENCH:
			return 1;
		default:
			break;
		}
	}
	return 0;
}

/*
 * N: stop the lesson's demos and play again, with its title and caption,
 * the nearest section before the current one that runs something (a
 * section of captions alone would leave the screen without a demo): from
 * the captions after a demo, that demo's section; from a demo's own
 * section, the demo before. With none, the lesson from its start.
 */
void
lesson_player_prev(struct lesson_player *p)
{
	const struct lesson_step	*st;
	size_t				 s, i;

	s = section_of(p, p->cur);
	while (s > 0 && !section_runs(p, --s))
		;
	for (i = 0; i < p->njobs; i++)
		job_stop(p->jobs[i]);
	p->waiting = 0;
	p->next = p->sections[s];
	p->cur = NO_STEP;
	set_text(&p->title, NULL);
	set_text(&p->caption, NULL);
	for (i = 0; i < p->next; i++) {
		st = lesson_get(p->l, i);
		if (st->kind == LESSON_TITLE)
			set_text(&p->title, st->text);
		else if (st->kind == LESSON_SAY)
			set_text(&p->caption, st->text);
		else if (st->kind == LESSON_CLEAR)
			set_text(&p->caption, NULL);
	}
}

const struct lesson *
lesson_player_lesson(const struct lesson_player *p)
{
	return p->l;
}

/* The step played last (the one waited on), or NULL before the first. */
const struct lesson_step *
lesson_player_current(const struct lesson_player *p)
{
	return p->cur == NO_STEP ? NULL : lesson_get(p->l, p->cur);
}

/* The caption of the last `say` (NULL after `clear`). */
const char *
lesson_player_caption(const struct lesson_player *p)
{
	return p->caption;
}

const char *
lesson_player_title(const struct lesson_player *p)
{
	return p->title;
}

/* The current section, from 1 (0 before the first step). */
size_t
lesson_player_section(const struct lesson_player *p)
{
	return p->cur == NO_STEP ? 0 : section_of(p, p->cur) + 1;
}

size_t
lesson_player_sections(const struct lesson_player *p)
{
	return p->nsections;
}

/* Seconds left of a timed wait; -1 waiting for an event; 0 not waiting. */
double
lesson_player_wait_left(const struct lesson_player *p)
{
	return p->waiting ? wait_left(p) : 0;
}

/* Steps that failed (a demo that could not start, a failed benchmark). */
int
lesson_player_failures(const struct lesson_player *p)
{
	return p->failures;
}

size_t
lesson_player_njobs(const struct lesson_player *p)
{
	return p->njobs;
}

struct job *
lesson_player_job(const struct lesson_player *p, size_t i)
{
	return i < p->njobs ? p->jobs[i] : NULL;
}
