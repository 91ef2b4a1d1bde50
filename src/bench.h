/*
 * bench.h: benchmark mode, turbotop --bench=LIST [--repeat=R] DEMO [ARGS]
 * or --bench=LIST -- COMMAND ARGS with {w} in the args: run the program with
 * each worker count K in LIST, R times each after one warm-up run, one run
 * at a time, and report the speedup, efficiency, Karp-Flatt serial fraction
 * and an Amdahl fit as a table (text, CSV, JSON), a chart in the TUI, and
 * optionally an SVG chart (--bench-out).
 */
#ifndef TURBOTOP_BENCH_H
#define TURBOTOP_BENCH_H

struct event_writer;
struct options;

/* The mode: returns the exit status (0, 1 if a run failed, 2 bad usage). */
int	bench_main(const struct options *);

/*
 * The engine as a function (a lesson's bench step calls it): run the
 * benchmark that o describes, in batch or in the TUI (third argument), its
 * bench records through the writer, then an end record if the last argument
 * is set. Returns the exit status, as bench_main().
 */
int	bench_run(const struct options *, struct event_writer *, int, int);

#endif
