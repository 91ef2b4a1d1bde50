/* catalog.h: the demos turbotop knows, and where their programs live. */
#ifndef TURBOTOP_CATALOG_H
#define TURBOTOP_CATALOG_H

#include <stddef.h>
#include <stdio.h>

struct demo_info {
	const char	*name;		/* program name in demos/ */
	const char	*summary;	/* one line for --list and the menu */
	int		 workers;	/* takes -w N (0 = no) */
	int		 duration;	/* takes -t SECS (runs until stopped otherwise) */
	const char	*watch;		/* what to watch for in turbotop */
};

size_t			 catalog_count(void);
const struct demo_info	*catalog_get(size_t);
const struct demo_info	*catalog_find(const char *);
const char		*catalog_demo_dir(void);
char			*catalog_demo_path(const char *);
void			 catalog_print(FILE *);

#endif
