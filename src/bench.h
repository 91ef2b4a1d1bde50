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

struct options;

/* The mode: returns the exit status (0, 1 if a run failed, 2 bad usage). */
int	bench_main(const struct options *);

/*
 * For lesson scripts' "bench" command: argv as on turbotop's command line,
 * argv[0] the command's name (ignored), e.g. { "bench", "--bench=1,2",
 * "--repeat=1", "pmap" }. It always runs in batch form (records on
 * stdout, as -b), never opening a TUI of its own. Returns bench_main's exit
 * status, or 2 with a malloc'd message in *cause if the words are not
 * options (a bad list or command is reported on stderr, status 2).
 */
int	bench_run_argv(int, char **, char **);

#endif
