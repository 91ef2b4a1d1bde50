/*
 * compute-sum.c: the article's sum, exactly, with GMP: the code the compute
 * demo (worker processes, partial sums over a pipe) and the mpicompute demo
 * (MPI ranks, partial sums gathered at rank 0) share, so both print the
 * same number for the same N whatever the count of workers.
 *
 * The ranges are split by cost, not by count (the article gives every job
 * the same number of terms): a term costs more as i^5 needs more limbs.
 *
 * The faster way, still computing every term: sum i^10, i^3 and i separately
 * and multiply by the constants once at the end. While i < 2^32, i^5 takes at
 * most three 64-bit limbs: it is built with machine multiplications, squared
 * by GMP's low-level mpn_sqr and added into a fixed-width accumulator with
 * mpn_add; i^3 and i add up in 128-bit integers. Past that, or with --plain,
 * the article's loop is done with whole GMP numbers.
 */
#include "config.h"

#include <gmp.h>
#include <limits.h>

#include "compute-sum.h"

#if GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0 && defined(__SIZEOF_INT128__)
#define FAST_MAX	4294967295UL	/* i < 2^32: i^5 fits in three limbs */
#else
#define FAST_MAX	0UL		/* no 128-bit integers: GMP all the way */
#endif
#define LIMB1_MAX	7131UL		/* the largest i with i^5 < 2^64 */
#define LIMB2_MAX	50859008UL	/* the largest i with i^5 < 2^128 */

/* The article's compute(istart, iend), term by term with GMP numbers. */
static void
sum_plain(mpz_t isum, unsigned long istart, unsigned long iend)
{
	mpz_t		term, t;
	unsigned long	i;

	mpz_inits(term, t, NULL);
	for (i = istart; i <= iend && i >= istart; i++) {
		mpz_ui_pow_ui(term, i, 3);		/* i**3 */
		mpz_ui_pow_ui(t, i, 10);
		mpz_addmul_ui(term, t, 123456789);	/* + 123456789*i**10 */
		mpz_set_ui(t, i);
		mpz_addmul_ui(term, t, 23456789);	/* + i*23456789 */
		mpz_add(isum, isum, term);
	}
	mpz_clears(term, t, NULL);
}

#if FAST_MAX > 0
static void
mpz_add_u128(mpz_t z, unsigned __int128 v)
{
	mp_limb_t	limbs[2] = { (mp_limb_t)v, (mp_limb_t)(v >> 64) };
	mpz_t		t;

	mpz_init(t);
	mpz_import(t, 2, -1, sizeof limbs[0], 0, 0, limbs);
	mpz_add(z, z, t);
	mpz_clear(t);
}

/* The same sum for istart <= i <= iend <= FAST_MAX, the power sums apart. */
static void
sum_fast(mpz_t isum, unsigned long istart, unsigned long iend)
{
	mp_limb_t		s10[7] = { 0 };		/* sum of i^10: < 2^352 */
	mp_limb_t		x[3], sq[6];
	mp_size_t		len;
	unsigned __int128	s3 = 0, s1 = 0, i4;	/* sums of i^3 (< 2^128), of i */
	unsigned long		i;
	mpz_t			t;

	for (i = istart; i <= iend && i >= istart; i++) {
		s3 += (unsigned __int128)i * i * i;
		s1 += i;
		i4 = (unsigned __int128)(i * i) * (i * i);	/* i*i < 2^64 */
		x[0] = (mp_limb_t)i4;
		x[1] = (mp_limb_t)(i4 >> 64);
		x[2] = mpn_mul_1(x, x, 2, i);			/* i^5 */
		len = x[2] != 0 ? 3 : x[1] != 0 ? 2 : 1;
		mpn_sqr(sq, x, len);				/* i^10 */
		mpn_add(s10, s10, 7, sq, 2 * len);
	}

	/* isum += 123456789*S10 + S3 + 23456789*S1 */
	mpz_init(t);
	mpz_import(t, 7, -1, sizeof s10[0], 0, 0, s10);
	mpz_addmul_ui(isum, t, 123456789);
	mpz_set_ui(t, 0);
	mpz_add_u128(t, s1);
	mpz_addmul_ui(isum, t, 23456789);
	mpz_add_u128(isum, s3);
	mpz_clear(t);
}
#endif

/* Add the terms for istart <= i <= iend to ISUM, by the fastest exact way. */
void
sum_range(mpz_t isum, unsigned long istart, unsigned long iend, int plain)
{
#if FAST_MAX > 0
	if (!plain && istart <= iend && istart <= FAST_MAX) {
		sum_fast(isum, istart, iend < FAST_MAX ? iend : FAST_MAX);
		istart = FAST_MAX + 1;
	}
#endif
	if (istart <= iend)
		sum_plain(isum, istart, iend);
}

/*
 * The cost of the terms from..x, in units of a fast-path term: what a term
 * costs as i^5 grows from one limb to three, and past the fast path (whole
 * GMP numbers: 5.6 times as much; measured on x86-64, only ratios matter).
 */
static double
cost_to(unsigned long from, unsigned long x, int plain)
{
	static const struct {
		unsigned long	last;	/* the region's last i */
		double		cost;	/* one term's cost in it */
	} region[] = {
		{ LIMB1_MAX, 0.8 },
		{ LIMB2_MAX, 1.0 },
		{ FAST_MAX, 1.0 },
		{ ULONG_MAX, 5.6 },
	};
	unsigned long	a = from, b;
	double		c = 0;
	size_t		k;

	if (x < a)
		return 0;
	if (plain || FAST_MAX == 0)
		return (double)(x - a + 1);
	for (k = 0; k < sizeof region / sizeof region[0] && a <= x; k++) {
		if (a > region[k].last)
			continue;
		b = x < region[k].last ? x : region[k].last;
		c += (double)(b - a + 1) * region[k].cost;
		a = b + 1;
	}
	return c;
}

/* The last i of worker K's range: cost(from..i) closest to K+1 W-ths of all. */
unsigned long
sum_range_end(const struct sum_split *s, long k)
{
	unsigned long	lo = s->from - 1, hi = s->n, mid;
	double		want = cost_to(s->from, s->n, s->plain) *
			    (double)(k + 1) / (double)s->workers;

	if (k == s->workers - 1)
		return s->n;
	while (lo < hi) {	/* the largest i with cost_to(i) <= want */
		mid = lo + (hi - lo + 1) / 2;
		if (cost_to(s->from, mid, s->plain) <= want)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

