/* ui.h: the TUI. */
#ifndef TURBOTOP_UI_H
#define TURBOTOP_UI_H

struct options;

int	ui_main(const struct options *);

#endif
