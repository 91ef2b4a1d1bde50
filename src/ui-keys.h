/*
 * ui-keys.h: the one key bindings table. The event loop maps a key to an
 * action here; the help screen and the bottom key bar are drawn from the
 * same table, so they can never disagree with what the keys do.
 */
#ifndef TURBOTOP_UI_KEYS_H
#define TURBOTOP_UI_KEYS_H

#include <stddef.h>

#include <curses.h>

struct ui_rect;

enum ui_action {
	ACT_NONE,
	ACT_HELP,
	ACT_MENU,
	ACT_STOP,
	ACT_PAUSE,
	ACT_RESTART,
	ACT_FASTER,
	ACT_SLOWER,
	ACT_FREEZE,
	ACT_NEXT_PANE,
	ACT_PREV_PANE,
	ACT_ZOOM,
	ACT_ALL_PROCS,
	ACT_SORT_NEXT,
	ACT_SORT_REVERSE,
	ACT_SORT_CPU,
	ACT_SORT_MEM,
	ACT_SORT_TIME,
	ACT_THREADS,
	ACT_WORKERS,
	ACT_OBSERVER,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_LINE_UP,
	ACT_LINE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_SCROLL_LEFT,
	ACT_SCROLL_RIGHT,
	ACT_WRAP,
	ACT_THEME,
	ACT_REDRAW,
	ACT_PLAY_SLOWER,
	ACT_PLAY_FASTER,
	ACT_SEEK_BACK,
	ACT_SEEK_FORWARD,
	ACT_SEEK_START,
	ACT_SEEK_END,
	ACT_QUIT
};

struct ui_binding {
	int		 key;
	const char	*name;		/* as the help shows it */
	enum ui_action	 action;
	const char	*bar;		/* label in the key bar, or NULL */
	const char	*help;		/* NULL: listed with the entry above */
};

/* A key bar entry for a mode other than the main screen (menu, help). */
struct ui_barkey {
	const char	*name;
	const char	*label;
	int		 key;		/* what a click on it sends */
};

/*
 * Mouse clicks arrive as SGR (1006) reports, which turbotop asks for and
 * decodes itself: ncurses 6.4's X10 decoder blocks in read() when reports
 * come in quick succession, freezing the screen.
 */
#define UI_KEY_MOUSE		(KEY_MAX + 1)
enum ui_mouse_kind {
	MOUSE_PRESS,
	MOUSE_RELEASE,
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
	MOUSE_OTHER
};
struct ui_mouse {
	enum ui_mouse_kind	 kind;
	int			 y, x;		/* 0-based */
};
void			 ui_mouse_enable(void);
void			 ui_mouse_disable(void);
int			 ui_mouse_read(struct ui_mouse *);
/* The SGR report decoder behind ui_mouse_read(), fed one byte at a time. */
struct ui_mouse_parse {
	int	v[3], n, len;
};
int			 ui_mouse_feed(struct ui_mouse_parse *, int,
			     struct ui_mouse *);

enum ui_action		 ui_keys_action(int);
const struct ui_binding	*ui_keys_table(size_t *);
void			 ui_keybar_draw(const struct ui_rect *);
void			 ui_keybar_draw_custom(const struct ui_rect *,
			     const struct ui_barkey *, size_t);
int			 ui_keybar_hit(int);

#endif
