/* ui-bench.h: the TUI's speedup chart for benchmark mode. */
#ifndef TURBOTOP_UI_BENCH_H
#define TURBOTOP_UI_BENCH_H

struct bench;
struct ui_layout;

void	ui_bench_draw(const struct ui_layout *, const struct bench *, int);

#endif
