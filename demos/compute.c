/*
 * compute: the article's parcompute.py ("Full-throttle multi-core/clustering
 * with Parallel Python"). The exact sum over i = 1..N of
 *
 *	i^3 + 123456789*i^10 + i*23456789
 *
 * with GMP, 1..N split into W contiguous ranges, one per worker process.
 * Each worker sends its partial sum back over a pipe; the parent adds them.
 * The ranges differ in size by at most one, so every i is summed exactly once
 * whatever N mod W (the article gives the whole remainder to the last job).
 *
 * Watch in turbotop: W workers busy on W cores, then the parent alone for an
 * instant; try -w 1, 2, 4 and compare the wall times (or turbotop --bench).
 *
 * The faster way, still computing every term: sum i^10, i^3 and i separately
 * and multiply by the constants once at the end. While i^5 fits in 128 bits
 * (i <= 50859008) i^5 is a machine multiplication, its square i^10 comes from
 * GMP's low-level mpn_sqr, and it is added into a fixed-width accumulator
 * with mpn_add; i^3 and i add up in 128-bit integers. Past that, or with
 * --plain, the article's loop is done with whole GMP numbers.
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
#define FAST_MAX	50859008UL	/* the largest i with i^5 < 2^128 */
#else
#define FAST_MAX	0UL		/* no 128-bit integers: GMP all the way */
#endif

static long	 n = 10000;
static long	 from = 1;
static int	 plain;
static int	 fd[2];		/* the pipe the partial sums come back on */

static const struct demo_opt opts[] = {
	{ "number", 'n', DEMO_LONG, &n, 0, (double)(LONG_MAX / 2), "N",
	  "sum over i up to N (default 10000, the article's)" },
	{ "from", 0, DEMO_LONG, &from, 1, (double)(LONG_MAX / 2), "A",
	  "start at i = A instead of 1" },
	{ "plain", 0, DEMO_FLAG, &plain, 0, 0, NULL,
	  "the article's loop with whole GMP numbers for every term (slower)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo compute = {
	.name = "compute",
	.about = "the exact sum of i^3 + 123456789*i^10 + i*23456789 for i = 1..N over W processes",
	.watch = "W workers keep W cores busy; compare the wall time for -w 1, 2, 4.",
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
	mp_limb_t		s10[6] = { 0 };		/* sum of i^10: < 2^282 */
	mp_limb_t		x[2], sq[4];
	unsigned __int128	s3 = 0, s1 = 0, i5;	/* sums of i^3 (< 2^101), of i */
	unsigned long		i;
	mpz_t			t;

	for (i = istart; i <= iend; i++) {
		s3 += (unsigned __int128)i * i * i;
		s1 += i;
		i5 = (unsigned __int128)i * i * i * i * i;
		x[0] = (mp_limb_t)i5;
		x[1] = (mp_limb_t)(i5 >> 64);
		if (x[1] == 0) {			/* i < 7132: one limb */
			mpn_sqr(sq, x, 1);
			mpn_add(s10, s10, 6, sq, 2);
		} else {
			mpn_sqr(sq, x, 2);
			mpn_add(s10, s10, 6, sq, 4);
		}
	}

	/* isum += 123456789*S10 + S3 + 23456789*S1 */
	mpz_init(t);
	mpz_import(t, 6, -1, sizeof s10[0], 0, 0, s10);
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

/* Worker K of W: i in its contiguous range; the partial sum goes up the pipe. */
static int
job(long k, void *unused)
{
	unsigned long	total = (unsigned long)(n - from + 1), w = compute.workers;
	unsigned long	istart, iend;
	double		start = demo_now();
	char		*hex, *line;
	int		len;
	mpz_t		isum;

	istart = from + (unsigned long)((unsigned __int128)total * k / w);
	iend = from + (unsigned long)((unsigned __int128)total * (k + 1) / w) - 1;
	mpz_init(isum);
	sum_range(isum, istart, iend);

	/* One short line, "K HEX": one write(), so lines never mix in the pipe. */
	hex = mpz_get_str(NULL, 16, isum);
	if ((len = asprintf(&line, "%ld %s\n", k, hex)) < 0)
		return 1;
	demo_write(fd[1], line, (size_t)len);
	if (istart <= iend)
		demo_print(" worker %ld, pid %ld: i = %lu..%lu in %.3f s\n", k + 1,
		    (long)getpid(), istart, iend, demo_now() - start);
	else
		demo_print(" worker %ld, pid %ld: nothing to do\n", k + 1,
		    (long)getpid());
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
