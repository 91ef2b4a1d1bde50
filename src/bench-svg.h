/* bench-svg.h: the speedup chart as an SVG image, for slides. */
#ifndef TURBOTOP_BENCH_SVG_H
#define TURBOTOP_BENCH_SVG_H

#include <stddef.h>
#include <stdio.h>

struct bench_point;

int	bench_svg_write(FILE *, const struct bench_point *, size_t, double,
	    const char *, int);

#endif
