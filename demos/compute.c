/*
 * compute: the article's parcompute.py ("Full-throttle multi-core/clustering
 * with Parallel Python"). The exact sum over i = 1..N of
 *
 *	i^3 + 123456789*i^10 + i*23456789
 *
 * with GMP, 1..N split into W contiguous ranges, one per worker process.
 * Each worker sends its partial sum back over a pipe; the parent adds them.
 *
 * The ranges are split by cost, not by count (the article gives every job
 * the same number of terms): a term costs more as i^5 needs more limbs, so
 * equal counts would leave the first workers idle while the last one still
 * works. Each worker prints its wall and CPU time, and they come out within
 * a few per cent of each other. Every i is still summed exactly once.
 *
 * Watch in turbotop: W workers busy on W cores for about ten seconds (on 2
 * cores; the default N is 2 billion) and finishing together, then the
 * parent alone for an instant. Try -w 1, 2, 4 and compare the wall times (or
 * turbotop --bench); -n 10000 is the article's own sum.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo-common.h"

#if GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0 && defined(__SIZEOF_INT128__)
#define FAST_MAX	4294967295UL	/* i < 2^32: i^5 fits in three limbs */
#else
#define FAST_MAX	0UL		/* no 128-bit integers: GMP all the way */
#endif
#define LIMB1_MAX	7131UL		/* the largest i with i^5 < 2^64 */
#define LIMB2_MAX	50859008UL	/* the largest i with i^5 < 2^128 */

static long	 n = 2000000000;
static long	 from = 1;
static int	 plain;
static int	 fd[2];		/* the pipe the partial sums come back on */

static const struct demo_opt opts[] = {
	{ "number", 'n', DEMO_LONG, &n, 0, (double)(LONG_MAX / 2), "N",
	  "sum over i up to N (default 2000000000; the article's: 10000)" },
	{ "from", 0, DEMO_LONG, &from, 1, (double)(LONG_MAX / 2), "A",
	  "start at i = A instead of 1" },
	{ "plain", 0, DEMO_FLAG, &plain, 0, 0, NULL,
	  "the article's loop with whole GMP numbers for every term (slower)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo compute = {
	.name = "compute",
	.summary = "the article's exact parallel sum (GMP) split over W workers",
	.about = "the exact sum of i^3 + 123456789*i^10 + i*23456789 for i = 1..N over W processes",
	.watch = "W workers keep W cores busy and finish together; compare the wall time for -w 1, 2, 4.",
	.duration = -1,
	.opts = opts,
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
static void
sum_range(mpz_t isum, unsigned long istart, unsigned long iend)
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
cost_to(unsigned long x)
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
	unsigned long	a = (unsigned long)from, b;
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
static unsigned long
range_end(long k)
{
	unsigned long	lo = (unsigned long)from - 1, hi = (unsigned long)n, mid;
	double		want = cost_to((unsigned long)n) * (double)(k + 1) /
			    (double)compute.workers;

	if (k == compute.workers - 1)
		return (unsigned long)n;
	while (lo < hi) {	/* the largest i with cost_to(i) <= want */
		mid = lo + (hi - lo + 1) / 2;
		if (cost_to(mid) <= want)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Worker K of W: i in its contiguous range; the partial sum goes up the pipe. */
static int
job(long k, void *unused)
{
	unsigned long	istart, iend;
	double		start = demo_now(), wall, cpu;
	char		*hex, *line;
	int		len;
	mpz_t		isum;

	istart = k == 0 ? (unsigned long)from : range_end(k - 1) + 1;
	iend = range_end(k);
	mpz_init(isum);
	sum_range(isum, istart, iend);

	/* One short line, "K HEX": one write(), so lines never mix in the pipe. */
	hex = mpz_get_str(NULL, 16, isum);
	if ((len = asprintf(&line, "%ld %s\n", k, hex)) < 0)
		return 1;
	demo_write(fd[1], line, (size_t)len);
	wall = demo_now() - start;
	cpu = demo_cpu_time(0);
	if (istart <= iend)	/* 3 digits, 2 from 10 s: the line stays short */
		demo_print(" worker %ld: %lu..%lu in %.*f s, cpu %.*f s\n", k + 1,
		    istart, iend, wall < 10 ? 3 : 2, wall, cpu < 10 ? 3 : 2, cpu);
	else
		demo_print(" worker %ld: nothing to do\n", k + 1);
	free(line);
	free(hex);
	mpz_clear(isum);
	return 0;
}

/* Read the W partial sums ("K HEX" lines) and add them up into ICS. */
static void
collect(mpz_t ics)
{
	char	 buf[8192], *nl, *p;
	size_t	 len = 0;
	ssize_t	 got;
	long	 k, done = 0;
	mpz_t	 part;

	mpz_init(part);
	while (done < compute.workers) {
		got = demo_read(fd[0], buf + len, sizeof buf - 1 - len);
		if (got <= 0)
			demo_fatal("a worker ended without sending its sum");
		len += (size_t)got;
		buf[len] = '\0';
		while ((nl = strchr(buf, '\n')) != NULL) {
			*nl = '\0';
			k = strtol(buf, &p, 10);
			if (k < 0 || k >= compute.workers || *p != ' ' ||
			    mpz_set_str(part, p + 1, 16) != 0)
				demo_fatal("bad partial sum from a worker: %s", buf);
			mpz_add(ics, ics, part);
			done++;
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
	}
	mpz_clear(part);
}

int
main(int argc, char **argv)
{
	double	start;
	char	*s;
	long	k;
	mpz_t	ics;

	compute.workers = demo_ncpu();
	demo_start(&compute, argc, argv);
	if (n < from)
		n = from - 1;		/* an empty sum */

	start = demo_now();
	if (pipe(fd) != 0)
		demo_fatal("pipe failed");
	for (k = 0; k < compute.workers; k++)
		demo_fork(job, k, NULL);
	close(fd[1]);

	mpz_init(ics);
	collect(ics);
	demo_join();

	s = mpz_get_str(NULL, 10, ics);
	demo_print("workers: %ld\n", compute.workers);
	demo_print("parallel computed sum: %s\n", s);
	demo_print("wall time: %.3f s\n", demo_now() - start);
	free(s);
	mpz_clear(ics);
	return 0;
}
