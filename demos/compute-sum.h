/*
 * compute-sum.h: the exact sum of the compute demos (compute-sum.c),
 *
 *	sum over i = from..n of i^3 + 123456789*i^10 + i*23456789
 *
 * split into W contiguous ranges of about equal cost: by a model of what a
 * term costs, or, for a big sum, by what it costs here (sum_calibrate).
 */
#ifndef COMPUTE_SUM_H
#define COMPUTE_SUM_H

#include <gmp.h>

#define SUM_REGIONS	4	/* i^5 in 1, 2 or 3 limbs; past the fast path */

struct sum_split {
	unsigned long	 from, n;	/* the terms from..n (n < from: none) */
	long		 workers;	/* W ranges */
	int		 plain;		/* the article's loop, whole GMP numbers */
	double		 cost[SUM_REGIONS];	/* a term's, measured; 0: */
};					/* the model's (sum_calibrate) */

/* Measure what a term costs on this machine where from..n goes. */
void		 sum_calibrate(struct sum_split *);

/* Add the terms istart..iend to isum. */
void		 sum_range(mpz_t, unsigned long, unsigned long, int);

/* The last i of range K (0 .. W-1); range K starts after range K-1's end. */
unsigned long	 sum_range_end(const struct sum_split *, long);

#endif
