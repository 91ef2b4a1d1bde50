/*
 * bench-cmd.c: turn "DEMO [ARGS]" or "-- COMMAND ARGS" into the argument
 * vector of one benchmark run with K workers, refusing, before anything
 * runs, what cannot be benchmarked: a demo with no worker count or one that
 * runs for a fixed time, a -w given by hand, a command with no {w}.
 *
 * A built-in demo's workload can be sized up (bench_cmd_resize) through its
 * size option, when the engine finds its runs too short to measure.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-cmd.h"
#include "catalog.h"
#include "util.h"

#define PLACEHOLDER	"{w}"

/*
 * The option of each built-in demo that sets how much work a run does, and
 * how its run time grows with it (time ~ value^power): what --bench sizes
 * up when runs are too short to measure. Its default is the one the demo's
 * --describe gives (catalog.h).
 */
static const struct size_opt {
	const char	*demo;
	const char	*name;		/* long option, without "--" */
	char		 key;		/* its short letter, or 0 */
	double		 power;
	int		 integer;
	double		 max;		/* the demo's own limit */
} size_opts[] = {
	{ "compute",	"number",	'n', 1, 1, 4294967295.0 },	/* its fast path: i < 2^32 */
	{ "mpicompute",	"number",	'n', 1, 1, 4294967295.0 },	/* the same sum */
	{ "pmap",	"grid",		'n', 2, 1, 1000 },
	{ "gil",	"work",		0,   1, 0, 3600 },
	{ "coremsg",	"work",		0,   1, 0, 60000 },
	{ "queue",	"messages",	'm', 1, 1, 1e9 },
	{ "lock",	"work",		0,   1, 0, 10000 },
};

struct bench_cmd {
	int	  is_command;
	int	  argc;
	char	**argv;		/* the demo's path or the command, then its args */
	char	 *name;		/* the demo or command as given */
	char	 *title;	/* for tables and charts: "pmap -w K", "cmd {w}" */
	struct bench_wrap wrap;	/* fn set: a launcher starts K ranks */

	const struct size_opt *size;	/* the demo's size option, or NULL */
	double	  size_value;	/* its value now (NAN: unknown) */
	double	  size_first;	/* the value it had before any resize */
	int	  size_at;	/* argv index of the word with its value, or -1 */
	char	 *size_prefix;	/* what comes before the value in that word */
};

/* Append word to the title, quoted for a shell if needed. */
static void
title_add(char **title, const char *word)
{
	char	*t, *q, *p;
	size_t	 n;

	if (*word != '\0' && strpbrk(word, " \t\n'\"\\$`*?;&|<>()#~") == NULL)
		q = xstrdup(word);
	else {
		/* 'it'\''s' */
		n = 3;
		for (p = (char *)word; *p != '\0'; p++)
			n += *p == '\'' ? 4 : 1;
		q = p = xmalloc(n);
		*p++ = '\'';
		for (; *word != '\0'; word++) {
			if (*word == '\'') {
				memcpy(p, "'\\''", 4);
				p += 4;
			} else
				*p++ = *word;
		}
		*p++ = '\'';
		*p = '\0';
	}
	if (*title == NULL)
		*title = q;
	else {
		xasprintf(&t, "%s %s", *title, q);
		free(*title);
		free(q);
		*title = t;
	}
}

/*
 * True if arg sets a demo's worker count: -w, -wN, --workers[=N] or an
 * abbreviation getopt_long takes for it ("--worke"; "--work" is another
 * option of some demos).
 */
static int
is_workers_arg(const char *arg)
{
	size_t	n = strcspn(arg, "=");

	if (strncmp(arg, "-w", 2) == 0)
		return 1;
	return n >= strlen("--worke") && n <= strlen("--workers") &&
	    strncmp(arg, "--workers", n) == 0;
}

/* "cmd -w K args" or "cmd args with {w}", from the argv as it is now. */
static void
make_title(struct bench_cmd *c)
{
	int	i;

	free(c->title);
	c->title = NULL;
	title_add(&c->title, c->name);
	if (!c->is_command) {
		title_add(&c->title, c->wrap.fn != NULL ? "-np" : "-w");
		title_add(&c->title, "K");
	}
	for (i = 1; i < c->argc; i++)
		title_add(&c->title, c->argv[i]);
	if (c->wrap.where != NULL) {
		title_add(&c->title, "on");
		title_add(&c->title, c->wrap.where);
	}
}

/*
 * The value in "--name=V", "--name V", "-kV" or "-k V" at argv[*i]
 * (advancing *i past a separate value), or NULL if the word is not the
 * size option.
 */
static const char *
size_word(const struct bench_cmd *c, int *i)
{
	const char	*w = c->argv[*i];
	size_t		 n = strlen(c->size->name);

	if (c->size->key != 0 && w[0] == '-' && w[1] == c->size->key) {
		if (w[2] != '\0')
			return w + 2;
		return *i + 1 < c->argc ? c->argv[++*i] : NULL;
	}
	if (strncmp(w, "--", 2) != 0 || strncmp(w + 2, c->size->name, n) != 0)
		return NULL;
	if (w[2 + n] == '=')
		return w + 3 + n;
	if (w[2 + n] == '\0' && *i + 1 < c->argc)
		return c->argv[++*i];
	return NULL;
}

/*
 * The default of the demo's size option, as its --describe gives it (the
 * catalog reads that). NAN if the demo does not say.
 */
static double
size_default(const struct bench_cmd *c)
{
	const struct demo_info	*d = catalog_find(c->name);
	char			*end;
	double			 v;
	size_t			 k;

	for (k = 0; d != NULL && k < d->nopts; k++) {
		if (strcmp(d->opts[k].name, c->size->name) != 0 ||
		    d->opts[k].def == NULL)
			continue;
		errno = 0;
		v = strtod(d->opts[k].def, &end);
		return end == d->opts[k].def || *end != '\0' || errno != 0 ||
		    !(v > 0) ? NAN : v;
	}
	return NAN;
}

/* Find the demo's size option and its value (given, or its default). */
static void
size_find(struct bench_cmd *c)
{
	const char	*v;
	char		*end;
	size_t		 k;
	int		 i, at;

	for (k = 0; k < nitems(size_opts); k++) {
		if (strcmp(size_opts[k].demo, c->name) == 0)
			c->size = &size_opts[k];
	}
	if (c->size == NULL)
		return;
	for (i = 1; i < c->argc; i++) {
		at = i;
		if ((v = size_word(c, &i)) == NULL)
			continue;
		c->size_value = strtod(v, &end);
		if (*end != '\0' || !(c->size_value > 0))
			c->size_value = NAN;
		free(c->size_prefix);
		if (i != at)
			c->size_prefix = xstrdup("");	/* "-n" "V" */
		else
			xasprintf(&c->size_prefix, "%.*s",
			    (int)(v - c->argv[at]), c->argv[at]);
		c->size_at = i;
	}
	if (c->size_at < 0)
		c->size_value = size_default(c);
	c->size_first = c->size_value;
}

/*
 * The command of a benchmark from the operands argc/argv (a demo name and
 * its args, or with is_command a command). NULL and *cause if it cannot be
 * benchmarked.
 */
struct bench_cmd *
bench_cmd_create(int argc, char **argv, int is_command, char **cause)
{
	const struct demo_info	*d;
	struct bench_cmd	*c;
	char			*path = NULL;
	int			 i, placeholders = 0;

	*cause = NULL;
	if (argc < 1) {
		xasprintf(cause, "--bench needs a demo or -- COMMAND to run, "
		    "e.g. turbotop --bench=1-4 pmap");
		return NULL;
	}
	if (is_command) {
		for (i = 0; i < argc; i++) {
			if (strstr(argv[i], PLACEHOLDER) != NULL)
				placeholders++;
		}
		if (placeholders == 0) {
			xasprintf(cause, "the command has no %s for the worker "
			    "count, so every run would be the same: write e.g. "
			    "-- python3 my.py %s", PLACEHOLDER, PLACEHOLDER);
			return NULL;
		}
		if (strstr(argv[0], PLACEHOLDER) == NULL &&
		    (path = util_find_program(argv[0])) == NULL) {
			xasprintf(cause, "command '%s' not found", argv[0]);
			return NULL;
		}
	} else {
		if ((d = catalog_find(argv[0])) == NULL) {
			xasprintf(cause, "unknown demo '%s' (turbotop --list "
			    "shows them; use -- to run any command)", argv[0]);
			return NULL;
		}
		if (!d->workers) {
			xasprintf(cause, "demo '%s' has no worker count to vary; "
			    "benchmark one that takes -w (compute, pmap, gil, ...)",
			    d->name);
			return NULL;
		}
		if (d->duration) {
			xasprintf(cause, "demo '%s' runs for a fixed time, not a "
			    "fixed amount of work: it has no speedup to measure",
			    d->name);
			return NULL;
		}
		for (i = 1; i < argc; i++) {
			if (is_workers_arg(argv[i])) {
				xasprintf(cause, "do not give '%s' with --bench: "
				    "the worker counts come from the list",
				    argv[i]);
				return NULL;
			}
		}
		if ((path = catalog_demo_path(d->name)) == NULL) {
			xasprintf(cause, "demo '%s' is not installed in %s",
			    d->name, catalog_demo_dir());
			return NULL;
		}
	}

	c = xcalloc(1, sizeof *c);
	c->is_command = is_command;
	c->argc = argc;
	c->argv = xreallocarray(NULL, argc + 1, sizeof *c->argv);
	for (i = 0; i < argc; i++)
		c->argv[i] = xstrdup(argv[i]);
	c->argv[argc] = NULL;
	c->name = xstrdup(argv[0]);
	if (path != NULL) {
		free(c->argv[0]);
		c->argv[0] = path;
	}
	c->size_at = -1;
	c->size_value = c->size_first = NAN;
	if (!is_command)
		size_find(c);
	make_title(c);
	return c;
}

struct bench_cmd *
bench_cmd_create_wrapped(int argc, char **argv, const struct bench_wrap *wrap,
    char **cause)
{
	struct bench_cmd	*c;
	int			 i;

	*cause = NULL;
	for (i = 1; i < argc; i++) {
		if (is_workers_arg(argv[i]) || strncmp(argv[i], "-np", 3) == 0) {
			xasprintf(cause, "do not give '%s' with --bench: the "
			    "rank counts come from the list", argv[i]);
			return NULL;
		}
	}
	c = xcalloc(1, sizeof *c);
	c->argc = argc;
	c->argv = xreallocarray(NULL, argc + 1, sizeof *c->argv);
	for (i = 0; i < argc; i++)
		c->argv[i] = xstrdup(argv[i]);
	c->argv[argc] = NULL;
	c->name = xstrdup(argv[0]);
	c->wrap = *wrap;
	c->wrap.where = wrap->where != NULL ? xstrdup(wrap->where) : NULL;
	c->size_at = -1;
	c->size_value = c->size_first = NAN;
	size_find(c);
	make_title(c);
	return c;
}

/* The slots of the hosts a launcher spreads the ranks over, or 0. */
int
bench_cmd_slots(const struct bench_cmd *c)
{
	return c->wrap.fn != NULL ? c->wrap.slots : 0;
}

void
bench_cmd_free(struct bench_cmd *c)
{
	int	i;

	if (c == NULL)
		return;
	if (c->wrap.free != NULL)
		c->wrap.free(c->wrap.arg);
	free((char *)c->wrap.where);
	for (i = 0; i < c->argc; i++)
		free(c->argv[i]);
	free(c->argv);
	free(c->name);
	free(c->size_prefix);
	free(c->title);
	free(c);
}

/* s with every {w} replaced by k (malloc'd). */
static char *
substitute(const char *s, int k)
{
	char	 num[16], *out, *p;
	size_t	 n = 0, len = strlen(PLACEHOLDER), nlen;
	const char *q;

	nlen = (size_t)snprintf(num, sizeof num, "%d", k);
	for (q = s; (q = strstr(q, PLACEHOLDER)) != NULL; q += len)
		n++;
	out = p = xmalloc(strlen(s) + n * nlen + 1);
	while ((q = strstr(s, PLACEHOLDER)) != NULL) {
		memcpy(p, s, (size_t)(q - s));
		p += q - s;
		memcpy(p, num, nlen);
		p += nlen;
		s = q + len;
	}
	strcpy(p, s);
	return out;
}

/*
 * The argument vector of a run with k workers (malloc'd, NULL-terminated;
 * free with bench_cmd_argv_free): a demo gets "-w k" first, before its own
 * args; a command gets {w} replaced everywhere; a launched demo is the
 * launcher's command for k ranks (NULL if it cannot be made).
 */
char **
bench_cmd_argv(const struct bench_cmd *c, int k)
{
	char	**v;
	int	  i, j = 0;

	if (c->wrap.fn != NULL)
		return c->wrap.fn(k, c->argv + 1, c->argc - 1, c->wrap.arg);
	v = xreallocarray(NULL, c->argc + 3, sizeof *v);
	if (c->is_command) {
		for (i = 0; i < c->argc; i++)
			v[j++] = substitute(c->argv[i], k);
	} else {
		v[j++] = xstrdup(c->argv[0]);
		v[j++] = xstrdup("-w");
		xasprintf(&v[j++], "%d", k);
		for (i = 1; i < c->argc; i++)
			v[j++] = xstrdup(c->argv[i]);
	}
	v[j] = NULL;
	return v;
}

void
bench_cmd_argv_free(char **v)
{
	char	**p;

	if (v == NULL)
		return;
	for (p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

/*
 * Give the runs about factor times the work, through the demo's size
 * option; 0, or -1 if it cannot grow (not a built-in demo with a size
 * option, its value unknown, or at its limit already).
 */
int
bench_cmd_resize(struct bench_cmd *c, double factor)
{
	double	v;
	char	num[64];

	if (c->size == NULL || isnan(c->size_value) || !(factor > 1))
		return -1;
	v = c->size_value * pow(factor, 1 / c->size->power);
	if (c->size->integer)
		v = ceil(v);
	if (v > c->size->max)
		v = c->size->max;
	if (!(v > c->size_value))
		return -1;
	c->size_value = v;
	if (c->size->integer)
		snprintf(num, sizeof num, "%.0f", v);
	else
		snprintf(num, sizeof num, "%.6g", v);
	if (c->size_at < 0) {
		c->argv = xreallocarray(c->argv, c->argc + 2, sizeof *c->argv);
		c->size_at = c->argc++;
		c->argv[c->argc] = NULL;
		xasprintf(&c->size_prefix, "--%s=", c->size->name);
	} else
		free(c->argv[c->size_at]);
	xasprintf(&c->argv[c->size_at], "%s%s", c->size_prefix, num);
	make_title(c);
	return 0;
}

/*
 * What was sized up, "--number 10000 -> 2500000" (malloc'd), or NULL if
 * the workload is the one given.
 */
char *
bench_cmd_size_note(const struct bench_cmd *c)
{
	char	*s;

	if (c->size == NULL || isnan(c->size_first) ||
	    c->size_value == c->size_first)
		return NULL;
	if (c->size->integer)
		xasprintf(&s, "--%s %.0f -> %.0f", c->size->name,
		    c->size_first, c->size_value);
	else
		xasprintf(&s, "--%s %g -> %g", c->size->name, c->size_first,
		    c->size_value);
	return s;
}

/* True if the runs' workload can be sized up (a demo with a size option). */
int
bench_cmd_sizable(const struct bench_cmd *c)
{
	return c->size != NULL && !isnan(c->size_value);
}

/* The command for titles: "pmap -w K ARGS" or the command with {w}. */
const char *
bench_cmd_title(const struct bench_cmd *c)
{
	return c->title;
}
