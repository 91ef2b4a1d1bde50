/*
 * bench-tui.h: benchmark mode in the TUI: the engine driven on the TUI's
 * loop, its speedup chart filling in as the runs finish.
 */
#ifndef TURBOTOP_BENCH_TUI_H
#define TURBOTOP_BENCH_TUI_H

struct bench;
struct options;

/* Run b in the TUI to its end or until quit; 0, or 1 if it cannot start. */
int	bench_tui(const struct options *, struct bench *);

#endif
