/*
 * bench-report.h: a benchmark's results as bench records of the event
 * stream (one per worker count), through an event writer.
 */
#ifndef TURBOTOP_BENCH_REPORT_H
#define TURBOTOP_BENCH_REPORT_H

struct bench;
struct event_writer;

int	bench_report(struct event_writer *, const struct bench *);

#endif
