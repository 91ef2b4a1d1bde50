/*
 * pmap: the article's pprocess pmap ("Parallelism via the pprocess module",
 * Figure 2): examples/simple.py against simple_pmap.py. A function that
 * sleeps a little and computes a little is mapped over an N x N grid, first
 * serially, then by a pool of W worker processes; the times and the speedup
 * are printed. With --cpu the function computes for that time instead of
 * sleeping.
 *
 * As in the article (pprocess's examples: N = 10, limit = 10), the default
 * maps over 10 x 10 items with 10 processes, each item taking 100 ms (the
 * examples' 1 s, shortened): the serial map takes 10 s, the pmap 1 s.
 *
 * The lesson: a sleep-bound map speeds up about W times even on 2 cores,
 * because sleeping processes do not need a core. A CPU-bound map speeds up
 * only as far as there are cores.
 *
 * Watch in turbotop: sleep-bound, W workers but the cores stay nearly idle;
 * with --cpu, every core is busy and the speedup stops at the core count.
 *
 *   pmap                  100 items of 100 ms, serially (10 s), then 10 workers
 *   pmap --cpu            the same, computing instead of sleeping
 *   pmap --pool-only -w 4 only the parallel map (for turbotop --bench)
 */
#include "config.h"

#include "demo-common.h"

static long	 n = 10;
static double	 delay_ms = 100;
static int	 cpu, pool_only;

static const struct demo_opt opts[] = {
	{ "grid", 'n', DEMO_LONG, &n, 1, 1000, "N",
	  "map over an N x N grid (default 10: 100 items, as simple.py)" },
	{ "delay", 'd', DEMO_DOUBLE, &delay_ms, 0, 60000, "MS",
	  "milliseconds each item takes (default 100)" },
	{ "cpu", 'c', DEMO_FLAG, &cpu, 0, 0, NULL,
	  "CPU-bound: compute for the delay instead of sleeping" },
	{ "pool-only", 0, DEMO_FLAG, &pool_only, 0, 0, NULL,
	  "skip the serial map: only time the pool (for turbotop --bench)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo pmap = {
	.name = "pmap",
	.summary = "a parallel map: serial vs pool of W processes, and the speedup",
	.about = "map a function over a grid serially, then with a pool of W processes",
	.watch = "sleep-bound, W workers leave the cores idle yet speed up ~W times;\n"
	    "with --cpu the cores fill and the speedup stops at the core count.",
	.duration = -1,
	.opts = opts,
};

/* The pool's shared state: the next item to take, and every result. */
struct pool {
	long	next;
	long	results[];
};

static struct pool	*pool;

/* simple.py's calculate(t): wait a little, then compute a little. */
static long
calculate(long i, long j)
{
	if (cpu)
		demo_spin(delay_ms / 1000);
	else
		demo_sleep(delay_ms / 1000);
	return i * n + j;
}

/* A pool worker: take the next item until none are left. */
static int
worker(long id, void *unused)
{
	long	k;

	while ((k = __atomic_fetch_add(&pool->next, 1, __ATOMIC_RELAXED)) < n * n)
		pool->results[k] = calculate(k / n, k % n);
	return 0;
}

int
main(int argc, char **argv)
{
	double	start, serial = 0, parallel;
	long	k, agree = 1;

	pmap.workers = 10;		/* simple_pmap.py's limit=10 */
	if (pmap.workers > demo_max_workers())
		pmap.workers = demo_max_workers();
	demo_start(&pmap, argc, argv);
	pool = demo_shared(sizeof *pool + (size_t)(n * n) * sizeof pool->results[0]);
	demo_print("items: %ld (%ldx%ld grid), each %s %g ms\n", n * n, n, n,
	    cpu ? "computes for" : "sleeps", delay_ms);

	if (!pool_only) {		/* results = map(calculate, sequence) */
		start = demo_now();
		for (k = 0; k < n * n; k++) {
			if (calculate(k / n, k % n) != k)
				agree = 0;
			demo_check_stop();
		}
		serial = demo_now() - start;
		demo_print("serial map: %.3f s\n", serial);
	}

	start = demo_now();		/* results = pmap(calculate, sequence, limit=W) */
	for (k = 0; k < pmap.workers; k++)
		demo_fork(worker, k, NULL);
	demo_join();
	parallel = demo_now() - start;
	for (k = 0; k < n * n; k++)
		agree = agree && pool->results[k] == k;
	demo_print("pmap with %ld processes: %.3f s\n", pmap.workers, parallel);
	demo_print("results agree: %s\n", agree ? "yes" : "NO");
	if (!pool_only)
		demo_print("speedup: %.2f\n", serial / parallel);
	return agree ? 0 : 1;
}
