/*
 * ui-draw.h: drawing primitives shared by the panes: clipped UTF-8 text,
 * repeated glyphs, ready cells (a glyph and attribute decoded once, kept
 * for the next frames: ui_cell), pane titles, and worker labels. Everything
 * draws on stdscr inside a rectangle.
 */
#ifndef TURBOTOP_UI_DRAW_H
#define TURBOTOP_UI_DRAW_H

#include <sys/types.h>
#include <stddef.h>

#include <curses.h>

struct job;

struct ui_rect {
	int	y, x, h, w;
};

int	 ui_in_rect(const struct ui_rect *, int, int);
int	 ui_put(int, int, int, attr_t, const char *);
int	 ui_putn(int, int, int, attr_t, const char *, size_t);
int	 ui_put_wrapped(int, int, int, int, attr_t, const char *);
int	 ui_put_fit(int, int, int, attr_t, const char *);
int	 ui_printf(int, int, int, attr_t, const char *, ...)
	     __attribute__((format(printf, 5, 6)));
int	 ui_repeat(int, int, int, attr_t, const char *);
int	 ui_cell(cchar_t *, attr_t, const char *);
void	 ui_cells(int, int, const cchar_t *, int);
int	 ui_text_cols(const char *, size_t);
void	 ui_title(const struct ui_rect *, const char *, const char *, int);
void	 ui_title_hidden(const struct ui_rect *, const char *, const char *,
	     int, int);
void	 ui_vline(int, int, int);
int	 ui_worker(struct job *, pid_t, char *, size_t);
char	 ui_worker_char(struct job *, pid_t);
/* turbotop's own pid (asked once: the panes ask for every row). */
pid_t	 ui_self_pid(void);
void	 ui_human_kb(unsigned long, char *, size_t);

#endif
