/*
 * catalog.h: the demos turbotop knows, and where their programs live. The
 * texts and options of each demo are the demo's own: read from its
 * --describe (see demos/demo-common.c) the first time they are needed.
 */
#ifndef TURBOTOP_CATALOG_H
#define TURBOTOP_CATALOG_H

#include <stddef.h>
#include <stdio.h>

enum demo_option_type {
	DEMO_OPTION_FLAG,	/* --name alone */
	DEMO_OPTION_LONG,	/* --name N, an integer in [min, max] */
	DEMO_OPTION_DOUBLE,	/* --name X, a number in [min, max] */
	DEMO_OPTION_STRING	/* --name WORD, one of arg's "a|b|c" if it has '|' */
};

/* One option of a demo, -w and -t included, as its --describe gives it. */
struct demo_option {
	char			*name;		/* long name without "--": "workers", "no-lock" */
	int			 key;		/* short letter, or 0 */
	enum demo_option_type	 type;
	char			*def;		/* default as text; out of [min, max]: the demo chooses */
	double			 min;
	double			 max;
	char			*arg;		/* argument's name ("N", "a|b|c"), or "" */
	char			*help;
};

struct demo_info {
	const char		*name;		/* program name in demos/ */
	const char		*summary;	/* one line for --list and the menu */
	const char		*watch;		/* what to watch for in turbotop */
	int			 workers;	/* takes -w N (0 = no) */
	int			 duration;	/* takes -t SECS */
	size_t			 nopts;
	struct demo_option	*opts;		/* every option, -w and -t first */
};

size_t			 catalog_count(void);
const struct demo_info	*catalog_get(size_t);
const struct demo_info	*catalog_find(const char *);
const char		*catalog_demo_dir(void);
char			*catalog_demo_path(const char *);
void			 catalog_print(FILE *);

#endif
