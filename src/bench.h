/* bench.h: benchmark mode. */
#ifndef TURBOTOP_BENCH_H
#define TURBOTOP_BENCH_H

struct options;

int	bench_main(const struct options *);

#endif
