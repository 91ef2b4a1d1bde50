/*
 * bench-stats.h: the arithmetic of a speedup benchmark, with no I/O.
 *
 * For each worker count K: T(K) is the median wall time of its runs,
 * S(K) = T(1) / T(K) the speedup, E(K) = S(K) / K the efficiency and
 * e(K) = (1/S - 1/K) / (1 - 1/K) the Karp-Flatt (experimentally determined)
 * serial fraction, undefined at K = 1 (0/0) and stored there as NAN.
 * Amdahl's law S(K) = 1 / (f + (1 - f) / K) is fitted to the measured
 * speedups by least squares on S, f clamped to [0, 1].
 * Figures that cannot be computed (no runs, no K = 1 baseline) are NAN.
 */
#ifndef TURBOTOP_BENCH_STATS_H
#define TURBOTOP_BENCH_STATS_H

#include <stddef.h>

/* One worker count's figures. */
struct bench_point {
	int	 workers;	/* K */
	size_t	 runs;		/* measured runs that succeeded */
	size_t	 failed;	/* runs that failed: in no figure below */
	double	 wall_median;	/* seconds: T(K) */
	double	 wall_min;
	double	 wall_max;
	double	 speedup;	/* T(1) / T(K) */
	double	 speedup_lo;	/* T(1) / wall_max: the slowest run's speedup */
	double	 speedup_hi;	/* T(1) / wall_min */
	double	 efficiency;	/* speedup / K */
	double	 karp_flatt;	/* NAN at K = 1 */
};

double	 bench_median(const double *, size_t);
void	 bench_point_times(struct bench_point *, const double *, size_t);
void	 bench_points_derive(struct bench_point *, size_t);
double	 bench_karp_flatt(double, int);
double	 bench_amdahl(double, double);
double	 bench_amdahl_fit(const struct bench_point *, size_t);

#endif
