/*
 * sanitize.h: the one sanitiser (sanitize.c) for every string from outside
 * turbotop that reaches the screen, a record or stderr.
 */
#ifndef TURBOTOP_SANITIZE_H
#define TURBOTOP_SANITIZE_H

#include <stddef.h>

/* Worst-case growth of sanitising: a tab becomes up to 8 spaces. */
#define SANITIZE_GROWTH		8
#define SANITIZE_SIZE(n)	((n) * SANITIZE_GROWTH + 1)

size_t	 sanitize_line(char *, const char *, size_t);
size_t	 sanitize_cut(const char *, size_t, size_t);
char	*sanitize_dup(const char *);
int	 sanitize_unsafe(unsigned int);
void	 sanitize_stderr(void);

#endif
