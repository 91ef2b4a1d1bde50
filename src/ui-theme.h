/*
 * ui-theme.h: what the screen looks like: colour themes (with a monochrome
 * fallback), the attribute of each role, worker colours, and the glyph set
 * (Unicode in a UTF-8 locale, plain ASCII otherwise).
 */
#ifndef TURBOTOP_UI_THEME_H
#define TURBOTOP_UI_THEME_H

#include <curses.h>

enum ui_role {
	ROLE_NORMAL,
	ROLE_DIM,
	ROLE_TITLE,		/* a pane's title */
	ROLE_TITLE_SEL,		/* the selected pane's title */
	ROLE_STATUS,		/* the top status bar */
	ROLE_BADGE_RUN,		/* "running" in the status bar */
	ROLE_BADGE_WARN,	/* "paused", "frozen" */
	ROLE_BADGE_DONE,	/* "exited" */
	ROLE_KEY,		/* a key in the key bar */
	ROLE_KEYLABEL,		/* its label */
	ROLE_USER,		/* cpu time split */
	ROLE_SYSTEM,
	ROLE_NICE,
	ROLE_IOWAIT,
	ROLE_GRAPH_LOW,		/* history graph by busy level */
	ROLE_GRAPH_MID,
	ROLE_GRAPH_HIGH,
	ROLE_OTHER,		/* timeline: busy with processes outside the demo */
	ROLE_HEADER,		/* table header */
	ROLE_HEADER_SORT,	/* the sorted column */
	ROLE_CURSOR,		/* a selected row */
	ROLE_MARKER,		/* "N lines dropped", scroll hints */
	ROLE_MATCH,		/* search matches */
	ROLE_STDERR,		/* output lines from stderr */
	ROLE_BORDER,
	ROLE_COUNT
};

/* The characters to draw with; every string is one display column wide. */
struct ui_glyphs {
	int		 utf8;
	const char	*hline, *vline, *bar_left, *bar_right;
	const char	*block[9];	/* graph: 0/8 .. 8/8 of a cell, bottom up */
	const char	*hblock[9];	/* meters: 0/8 .. 8/8 of a cell, left to right */
	const char	*full, *shade, *idle, *bullet, *ellipsis;
	const char	*up, *down, *left, *right;
};

void			 ui_theme_init(void);
void			 ui_theme_next(void);
const char		*ui_theme_name(void);
int			 ui_theme_colour(void);
attr_t			 ui_attr(enum ui_role);
attr_t			 ui_worker_attr(int);
enum ui_role		 ui_level_role(double);
const struct ui_glyphs	*ui_glyphs(void);

#endif
