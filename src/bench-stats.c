/*
 * bench-stats.c: medians, speedup, efficiency, the Karp-Flatt serial
 * fraction and a least-squares Amdahl fit (see bench-stats.h).
 * Pure functions of their arguments, so the unit tests can feed them
 * made-up timings.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-stats.h"
#include "util.h"

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of n values (the mean of the middle two when n is even). */
double
bench_median(const double *v, size_t n)
{
	double	*s, m;

	if (n == 0)
		return NAN;
	s = xreallocarray(NULL, n, sizeof *s);
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	if (n % 2 == 1)
		m = s[n / 2];
	else
		m = (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

/* Fill p's wall-time figures from its n successful run times. */
void
bench_point_times(struct bench_point *p, const double *t, size_t n)
{
	size_t	i;

	p->runs = n;
	p->wall_median = bench_median(t, n);
	p->wall_min = p->wall_max = n > 0 ? t[0] : NAN;
	for (i = 1; i < n; i++) {
		if (t[i] < p->wall_min)
			p->wall_min = t[i];
		if (t[i] > p->wall_max)
			p->wall_max = t[i];
	}
}

/* Karp-Flatt serial fraction of speedup s on k workers; NAN at k = 1. */
double
bench_karp_flatt(double s, int k)
{
	if (k <= 1 || !(s > 0))
		return NAN;
	return (1 / s - 1.0 / k) / (1 - 1.0 / k);
}

/* Amdahl's law: the speedup on k workers with serial fraction f. */
double
bench_amdahl(double f, double k)
{
	return 1 / (f + (1 - f) / k);
}

/*
 * Speedup, efficiency and Karp-Flatt of every point from the walls times
 * already filled in, against the point with one worker.
 */
void
bench_points_derive(struct bench_point *p, size_t n)
{
	double	t1 = NAN;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i].workers == 1 && p[i].runs > 0)
			t1 = p[i].wall_median;
	}
	for (i = 0; i < n; i++) {
		if (p[i].runs == 0 || !(t1 > 0) || !(p[i].wall_min > 0)) {
			p[i].speedup = p[i].speedup_lo = p[i].speedup_hi = NAN;
			p[i].efficiency = p[i].karp_flatt = NAN;
			continue;
		}
		p[i].speedup = t1 / p[i].wall_median;
		p[i].speedup_lo = t1 / p[i].wall_max;
		p[i].speedup_hi = t1 / p[i].wall_min;
		p[i].efficiency = p[i].speedup / p[i].workers;
		p[i].karp_flatt = bench_karp_flatt(p[i].speedup, p[i].workers);
	}
}

/* Sum of squared speedup residuals of Amdahl's law with fraction f. */
static double
residual(const struct bench_point *p, size_t n, double f)
{
	double	r, sum = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (isnan(p[i].speedup))
			continue;
		r = p[i].speedup - bench_amdahl(f, p[i].workers);
		sum += r * r;
	}
	return sum;
}

#define FIT_GRID	1000	/* coarse steps over [0, 1] */

/*
 * The serial fraction f in [0, 1] minimising the squared error of Amdahl's
 * speedup against the measured ones. A coarse grid over [0, 1] finds the
 * basin (the error need not be convex), golden-section search refines it.
 * NAN without a measured speedup at some K > 1.
 */
double
bench_amdahl_fit(const struct bench_point *p, size_t n)
{
	const double	 g = (sqrt(5) - 1) / 2;
	double		 best = 0, e, be = INFINITY, a, b, c, d;
	size_t		 i, usable = 0;
	int		 j;

	for (i = 0; i < n; i++) {
		if (p[i].workers > 1 && !isnan(p[i].speedup))
			usable++;
	}
	if (usable == 0)
		return NAN;
	for (j = 0; j <= FIT_GRID; j++) {
		e = residual(p, n, (double)j / FIT_GRID);
		if (e < be) {
			be = e;
			best = (double)j / FIT_GRID;
		}
	}
	a = fmax(0, best - 1.0 / FIT_GRID);
	b = fmin(1, best + 1.0 / FIT_GRID);
	while (b - a > 1e-12) {
		c = b - g * (b - a);
		d = a + g * (b - a);
		if (residual(p, n, c) < residual(p, n, d))
			b = d;
		else
			a = c;
	}
	best = (a + b) / 2;
	/* At a bound, say the bound exactly (a clamped fit). */
	if (residual(p, n, 0) <= residual(p, n, best))
		best = 0;
	if (residual(p, n, 1) <= residual(p, n, best))
		best = 1;
	return best;
}
