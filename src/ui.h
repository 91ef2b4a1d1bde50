/* ui.h: the TUI. */
#ifndef TURBOTOP_UI_H
#define TURBOTOP_UI_H

struct bench;
struct options;

int	ui_main(const struct options *);
int	ui_bench_main(const struct options *, struct bench *);

#endif
