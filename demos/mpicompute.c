/*
 * mpicompute: the article's parcompute.py across a cluster ("Full-throttle
 * multi-core/clustering with Parallel Python"), with Open MPI in place of
 * ppserver: the same exact GMP sum as compute (compute-sum.c), 1..N split
 * into one contiguous range per MPI rank, wherever mpirun placed the ranks.
 * Each rank sends its partial sum to rank 0 (MPI_Gatherv of the hex digits),
 * which adds them up exactly and prints the total: the very number that
 * compute -n N prints, for every N and every count of ranks.
 *
 *	mpirun --host h1,h2 -np 4 mpicompute -n 100000000
 *	turbotop --hosts=h1,h2 mpicompute -n 100000000     (runs mpirun for you)
 *
 * Watch in turbotop: each host's cores busy with its own ranks (the HOST
 * column, the output labelled host/rank), all finishing together, then rank
 * 0 alone for an instant while it adds the partial sums. More hosts, more
 * ranks: compare the wall time (turbotop --bench=1,2,4 --hosts=...).
 */
#include "config.h"

#include <getopt.h>
#include <gmp.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compute-sum.h"
#include "demo-common.h"

#ifdef __SANITIZE_ADDRESS__
/* Open MPI keeps allocations until exit: not leaks of ours (--enable-asan). */
const char	*__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "detect_leaks=0";
}
#endif

/*
 * For turbotop's menu and --list (--describe, before MPI_Init): -w is the
 * rank count, which turbotop gives mpirun as -np; the rest are ours.
 */
static long	 d_n = 2000000000, d_from = 1;
static int	 d_plain;
static const struct demo_opt d_opts[] = {
	{ "number", 'n', DEMO_LONG, &d_n, 0, (double)(1UL << 62), "N",
	  "sum over i up to N (default 2000000000; the article's: 10000)" },
	{ "from", 0, DEMO_LONG, &d_from, 1, (double)(1UL << 62), "A",
	  "start at i = A instead of 1" },
	{ "plain", 0, DEMO_FLAG, &d_plain, 0, 0, NULL,
	  "the article's loop with whole GMP numbers for every term (slower)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};
static struct demo d_demo = {
	.name = "mpicompute",
	.summary = "compute's sum as W MPI ranks (Open MPI; --hosts: across hosts)",
	.about = "the exact sum of i^3 + 123456789*i^10 + i*23456789 for i = 1..N over W MPI ranks that mpirun starts",
	.watch = "W ranks keep W cores busy, each in a process group of its own; the sum is compute's, and mpirun's start-up adds about a second.",
	.workers = 2,
	.duration = -1,
	.opts = d_opts,
};

static void
usage(FILE *f)
{
	fprintf(f, "mpicompute: %s\n\n"
	    "Usage: mpicompute [-h] [-w N] [--number N] [--from A] [--plain]\n"
	    "  (as mpirun -np W mpicompute ...; turbotop runs mpirun for you)\n\n"
	    "  -h, --help           this help\n"
	    "  -w, --workers N      ranks: mpirun's -np, which turbotop gives "
	    "it (default 2)\n"
	    "  -n, --number N       sum over i up to N (default 2000000000; the "
	    "article's: 10000)\n"
	    "      --from A         start at i = A instead of 1\n"
	    "      --plain          the article's loop with whole GMP numbers "
	    "for every term (slower)\n"
	    "\nIn turbotop: %s\n", d_demo.about, d_demo.watch);
}

/* A positive decimal, or exit 2 (on rank 0 the message, on all the exit). */
static unsigned long
number(const char *s, int rank)
{
	char		*end;
	unsigned long	 v;

	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || v > (unsigned long)1 << 62) {
		if (rank == 0)
			fprintf(stderr, "mpicompute: invalid number '%s'\n", s);
		MPI_Finalize();
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "number", required_argument, NULL, 'n' },
		{ "from", required_argument, NULL, 'f' },
		{ "plain", no_argument, NULL, 'p' },
		{ "workers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sum_split	 s = { 1, 2000000000, 1, 0, { 0 } };
	unsigned long		 istart, iend;
	char			 host[256], *hex, *all = NULL, *out;
	int			 rank, size, c, len, *lens = NULL, *offs = NULL;
	int			 i, total = 0;
	double			 start, wall;
	mpz_t			 isum, part;

	if (argc == 2 && strcmp(argv[1], "--describe") == 0)
		demo_describe(&d_demo);
	/* --help alone needs no MPI (no session directory, no daemon). */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	MPI_Init(&argc, &argv);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	while ((c = getopt_long(argc, argv, "n:w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'w':	/* the ranks are mpirun's: say so if they differ */
			if (number(optarg, rank) != (unsigned long)size &&
			    rank == 0)
				fprintf(stderr, "mpicompute: -w %s, but mpirun "
				    "started %d ranks (-np)\n", optarg, size);
			break;
		case 'n':
			s.n = number(optarg, rank);
			break;
		case 'f':
			s.from = number(optarg, rank);
			if (s.from < 1)
				s.from = 1;
			break;
		case 'p':
			s.plain = 1;
			break;
		case 'h':
			if (rank == 0)
				usage(stdout);
			MPI_Finalize();
			return 0;
		default:
			if (rank == 0)
				usage(stderr);
			MPI_Finalize();
			return 2;
		}
	}
	s.workers = size;
	if (s.n < s.from)
		s.n = s.from - 1;	/* an empty sum */
	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "?");
	host[sizeof host - 1] = '\0';

	/* Rank R sums its range, as worker R of compute would. */
	start = MPI_Wtime();
	if (rank == 0)	/* a big sum: what a term costs on rank 0's cpu */
		sum_calibrate(&s);
	MPI_Bcast(s.cost, SUM_REGIONS, MPI_DOUBLE, 0, MPI_COMM_WORLD);
	istart = rank == 0 ? s.from : sum_range_end(&s, rank - 1) + 1;
	iend = sum_range_end(&s, rank);
	mpz_init(isum);
	sum_range(isum, istart, iend, s.plain);
	wall = MPI_Wtime() - start;
	if (istart <= iend)
		demo_print(" worker %d: %lu..%lu in %.3f s on %s\n", rank + 1,
		    istart, iend, wall, host);
	else
		demo_print(" worker %d: nothing to do on %s\n", rank + 1, host);

	/* Every partial sum to rank 0 as hex digits, added up exactly there. */
	hex = mpz_get_str(NULL, 16, isum);
	len = (int)strlen(hex) + 1;
	if (rank == 0) {
		lens = calloc((size_t)size, sizeof *lens);
		offs = calloc((size_t)size, sizeof *offs);
		if (lens == NULL || offs == NULL)
			MPI_Abort(MPI_COMM_WORLD, 1);
	}
	MPI_Gather(&len, 1, MPI_INT, lens, 1, MPI_INT, 0, MPI_COMM_WORLD);
	if (rank == 0) {
		for (i = 0; i < size; i++) {
			offs[i] = total;
			total += lens[i];
		}
		if ((all = malloc((size_t)total)) == NULL)
			MPI_Abort(MPI_COMM_WORLD, 1);
	}
	MPI_Gatherv(hex, len, MPI_CHAR, all, lens, offs, MPI_CHAR, 0,
	    MPI_COMM_WORLD);
	if (rank == 0) {
		mpz_init(part);
		mpz_set_ui(isum, 0);
		for (i = 0; i < size; i++) {
			if (mpz_set_str(part, all + offs[i], 16) != 0)
				MPI_Abort(MPI_COMM_WORLD, 1);
			mpz_add(isum, isum, part);
		}
		out = mpz_get_str(NULL, 10, isum);
		demo_print("workers: %d\n", size);
		demo_print("parallel computed sum: %s\n", out);
		demo_print("wall time: %.3f s\n", MPI_Wtime() - start);
		free(out);
		mpz_clear(part);
		free(all);
		free(lens);
		free(offs);
	}
	free(hex);
	mpz_clear(isum);
	MPI_Finalize();
	return 0;
}
