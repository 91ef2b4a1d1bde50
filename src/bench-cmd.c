/*
 * bench-cmd.c: turn "DEMO [ARGS]" or "-- COMMAND ARGS" into the argument
 * vector of one benchmark run with K workers, refusing, before anything
 * runs, what cannot be benchmarked: a demo with no worker count or one that
 * runs for a fixed time, a -w given by hand, a command with no {w}.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-cmd.h"
#include "catalog.h"
#include "util.h"

#define PLACEHOLDER	"{w}"

struct bench_cmd {
	int	  is_command;
	int	  argc;
	char	**argv;		/* the demo's path or the command, then its args */
	char	 *title;	/* for tables and charts: "pmap -w K", "cmd {w}" */
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
	title_add(&c->title, argv[0]);
	if (path != NULL) {
		free(c->argv[0]);
		c->argv[0] = path;
	}
	if (!is_command) {
		title_add(&c->title, "-w");
		title_add(&c->title, "K");
	}
	for (i = 1; i < argc; i++)
		title_add(&c->title, argv[i]);
	return c;
}

void
bench_cmd_free(struct bench_cmd *c)
{
	int	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->argc; i++)
		free(c->argv[i]);
	free(c->argv);
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
 * args; a command gets {w} replaced everywhere.
 */
char **
bench_cmd_argv(const struct bench_cmd *c, int k)
{
	char	**v;
	int	  i, j = 0;

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

/* The command for titles: "pmap -w K ARGS" or the command with {w}. */
const char *
bench_cmd_title(const struct bench_cmd *c)
{
	return c->title;
}
