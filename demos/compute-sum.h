/*
 * compute-sum.h: the exact sum of the compute demos (compute-sum.c),
 *
 *	sum over i = from..n of i^3 + 123456789*i^10 + i*23456789
 *
 * split into W contiguous ranges of about equal cost.
 */
#ifndef COMPUTE_SUM_H
#define COMPUTE_SUM_H

#include <gmp.h>

struct sum_split {
	unsigned long	 from, n;	/* the terms from..n (n < from: none) */
	long		 workers;	/* W ranges */
	int		 plain;		/* the article's loop, whole GMP numbers */
};

/* Add the terms istart..iend to isum. */
void		 sum_range(mpz_t, unsigned long, unsigned long, int);

/* The last i of range K (0 .. W-1); range K starts after range K-1's end. */
unsigned long	 sum_range_end(const struct sum_split *, long);

#endif
