/*
 * compute: the article's parcompute.py ("Full-throttle multi-core/clustering
 * with Parallel Python"). The exact sum over i = 1..N of
 *
 *	i^3 + 123456789*i^10 + i*23456789
 *
 * with GMP, 1..N split into W contiguous ranges, one per worker process.
 * Each worker sends its partial sum back over a pipe; the parent adds them.
 * The sum itself is compute-sum.c, shared with mpicompute (the same sum over
 * MPI ranks on several hosts).
 *
 * The ranges are split by cost, not by count (the article gives every job
 * the same number of terms): a term costs more as i^5 needs more limbs, so
 * equal counts would leave the first workers idle while the last one still
 * works; for a big sum the parent first measures what a term costs on this
 * cpu (a few tens of ms). Each worker prints its wall and CPU time, and they
 * come out within a few per cent of each other. Every i is still summed
 * exactly once.
 *
 * Watch in turbotop: W workers busy on W cores for about ten seconds (on 2
 * cores; the default N is 2 billion) and finishing together, then the
 * parent alone for an instant. Try -w 1, 2, 4 and compare the wall times (or
 * turbotop --bench); -n 10000 is the article's own sum.
 */
#include "config.h"

#include <gmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compute-sum.h"
#include "demo-common.h"

static long	 n = 2000000000;
static long	 from = 1;
static int	 plain;
static int	 fd[2];		/* the pipe the partial sums come back on */
static struct sum_split split;	/* the ranges, as main() measured them */

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

/* Worker K of W: i in its contiguous range; the partial sum goes up the pipe. */
static int
job(long k, void *unused)
{
	unsigned long	istart, iend;
	double		start = demo_now(), wall, cpu;
	char		*hex, *line;
	int		len;
	mpz_t		isum;

	istart = k == 0 ? split.from : sum_range_end(&split, k - 1) + 1;
	iend = sum_range_end(&split, k);
	mpz_init(isum);
	sum_range(isum, istart, iend, plain);

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
	split.from = (unsigned long)from;
	split.n = (unsigned long)n;
	split.workers = compute.workers;
	split.plain = plain;
	sum_calibrate(&split);	/* a big sum: what a term costs here */
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
