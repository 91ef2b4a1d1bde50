/*
 * compute-sum.c: the article's sum, exactly, with GMP: the code the compute
 * demo (worker processes, partial sums over a pipe) and the mpicompute demo
 * (MPI ranks, partial sums gathered at rank 0) share, so both print the
 * same number for the same N whatever the count of workers.
 *
 * The ranges are split by cost, not by count (the article gives every job
 * the same number of terms): a term costs more as i^5 needs more limbs;
 * how much more depends on the cpu, so a big sum measures it first.
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
#include <string.h>
#include <time.h>

#include "compute-sum.h"

#if GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0 && defined(__SIZEOF_INT128__)
#define FAST_MAX	4294967295UL	/* i < 2^32: i^5 fits in three limbs */
#else
#define FAST_MAX	0UL		/* no 128-bit integers: GMP all the way */
#endif
#define LIMB1_MAX	7131UL		/* the largest i with i^5 < 2^64 */
#define LIMB2_MAX	50859008UL	/* the largest i with i^5 < 2^128 */
#define CALIBRATE_MIN	10000000UL	/* terms: a smaller sum keeps the model */
#define CALIBRATE_TERMS	100000UL	/* a region's sample: about 2 ms */
#define CALIBRATE_RUNS	5

/*
 * The regions where a term's cost changes: i^5 grows from one limb to
 * three, then whole GMP numbers past the fast path. The model's costs are
 * in units of a fast-path term (measured on one x86-64; only ratios
 * matter). GMP picks its code for the cpu it runs on, so the ratios differ
 * from one machine to another: a 3-limb term cost 1.0 there and 1.25 on
 * another, and the model's split left the last of 3 workers 12% behind.
 */
static const struct {
	unsigned long	last;	/* the region's last i */
	double		cost;	/* one term's cost in it, the model's */
} region[SUM_REGIONS] = {
	{ LIMB1_MAX, 0.8 },
	{ LIMB2_MAX, 1.0 },
	{ FAST_MAX, 1.0 },
	{ ULONG_MAX, 5.6 },
};

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

/* The cost of the terms from..x: s's measured costs, or the model's. */
static double
cost_to(const struct sum_split *s, unsigned long x)
{
	unsigned long	a = s->from, b;
	double		c = 0;
	size_t		k;

	if (x < a)
		return 0;
	if (s->plain || FAST_MAX == 0)
		return (double)(x - a + 1);
	for (k = 0; k < SUM_REGIONS && a <= x; k++) {
		if (a > region[k].last)
			continue;
		b = x < region[k].last ? x : region[k].last;
		c += (double)(b - a + 1) * (s->cost[k] > 0 ? s->cost[k] :
		    region[k].cost);
		a = b + 1;
	}
	return c;
}

static double
cpu_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);	/* MPI has threads */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * For a big sum (CALIBRATE_MIN terms or more): in each region from..n
 * goes through, the CPU time of CALIBRATE_TERMS of its terms from the
 * middle of its part (past the fast path an eighth as many), the least of
 * CALIBRATE_RUNS taken in turns, so that a moment when the machine is
 * busier weighs on every region alike: a few tens of ms in all. Anything
 * amiss: the model.
 */
void
sum_calibrate(struct sum_split *s)
{
	unsigned long	first, lo, hi, m[SUM_REGIONS], a[SUM_REGIONS];
	double		t, best[SUM_REGIONS];
	size_t		k;
	int		rep;
	mpz_t		z;

	memset(s->cost, 0, sizeof s->cost);
	if (s->plain || FAST_MAX == 0 || s->n < s->from ||
	    s->n - s->from < CALIBRATE_MIN)
		return;
	for (k = 0; k < SUM_REGIONS; k++) {
		first = k == 0 ? 1 : region[k - 1].last + 1;
		lo = s->from > first ? s->from : first;
		hi = s->n < region[k].last ? s->n : region[k].last;
		m[k] = 0;
		if (lo > hi)
			continue;	/* not in from..n */
		m[k] = CALIBRATE_TERMS / (k == SUM_REGIONS - 1 ? 8 : 1);
		if (m[k] > hi - lo + 1)
			m[k] = hi - lo + 1;
		a[k] = lo + (hi - lo + 1 - m[k]) / 2;
	}
	mpz_init(z);
	for (rep = 0; rep < CALIBRATE_RUNS; rep++) {
		for (k = 0; k < SUM_REGIONS; k++) {
			if (m[k] == 0)
				continue;
			t = cpu_now();
			sum_range(z, a[k], a[k] + m[k] - 1, 0);
			t = cpu_now() - t;
			if (rep == 0 || t < best[k])
				best[k] = t;
		}
	}
	mpz_clear(z);
	for (k = 0; k < SUM_REGIONS; k++) {
		if (m[k] == 0)
			continue;
		if (!(best[k] > 0)) {
			memset(s->cost, 0, sizeof s->cost);
			return;
		}
		s->cost[k] = best[k] / (double)m[k];
	}
}

/* The last i of worker K's range: cost(from..i) closest to K+1 W-ths of all. */
unsigned long
sum_range_end(const struct sum_split *s, long k)
{
	unsigned long	lo = s->from - 1, hi = s->n, mid;
	double		want = cost_to(s, s->n) * (double)(k + 1) /
			    (double)s->workers;

	if (k == s->workers - 1)
		return s->n;
	while (lo < hi) {	/* the largest i with cost_to(i) <= want */
		mid = lo + (hi - lo + 1) / 2;
		if (cost_to(s, mid) <= want)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

