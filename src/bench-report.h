/*
 * bench-report.h: a benchmark's results as records on a stream: a text
 * table, CSV (a header line, then one line per worker count) or JSON (one
 * object a line per worker count).
 */
#ifndef TURBOTOP_BENCH_REPORT_H
#define TURBOTOP_BENCH_REPORT_H

#include <stdio.h>

#include "options.h"

struct bench;

int	bench_report(FILE *, const struct bench *, enum format);

#endif
