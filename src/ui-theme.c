/*
 * ui-theme.c: colour themes and glyphs. A theme gives every role of the screen
 * (titles, meters, graph levels, table header, ...) a colour pair and
 * attributes; the monochrome theme uses attributes only and is the one used
 * when NO_COLOR is set or the terminal has no colours. Worker colours come
 * from a palette shared by the timeline, the output labels and the process
 * table, so a worker has one colour everywhere.
 */
#include "config.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "ui-theme.h"
#include "util.h"

#define GREY		(-2)	/* resolved at init: bright black, or white dim */
#define PAIR_ROLE(r)	((short)(1 + (r)))
#define PAIR_WORKER(w)	((short)(1 + ROLE_COUNT + (w)))
#define NWORKER		12

struct role_style {
	short	 fg, bg;
	attr_t	 attr;
};

struct theme {
	const char		*name;
	int			 colour;
	struct role_style	 role[ROLE_COUNT];
	short			 workers8[NWORKER];	/* 8-colour terminals */
	short			 workers256[NWORKER];
};

static const struct theme themes[] = {
	{ "dark", 1, {
		[ROLE_NORMAL] =		{ -1, -1, 0 },
		[ROLE_DIM] =		{ GREY, -1, 0 },
		[ROLE_TITLE] =		{ COLOR_CYAN, -1, A_BOLD },
		[ROLE_TITLE_SEL] =	{ COLOR_BLACK, COLOR_CYAN, A_BOLD },
		[ROLE_STATUS] =		{ COLOR_WHITE, COLOR_BLUE, 0 },
		[ROLE_BADGE_RUN] =	{ COLOR_BLACK, COLOR_GREEN, A_BOLD },
		[ROLE_BADGE_WARN] =	{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[ROLE_BADGE_DONE] =	{ COLOR_BLACK, COLOR_WHITE, A_BOLD },
		[ROLE_KEY] =		{ -1, -1, A_BOLD },
		[ROLE_KEYLABEL] =	{ COLOR_BLACK, COLOR_CYAN, 0 },
		[ROLE_USER] =		{ COLOR_GREEN, -1, A_BOLD },
		[ROLE_SYSTEM] =		{ COLOR_RED, -1, A_BOLD },
		[ROLE_NICE] =		{ COLOR_BLUE, -1, A_BOLD },
		[ROLE_IOWAIT] =		{ COLOR_MAGENTA, -1, 0 },
		[ROLE_GRAPH_LOW] =	{ COLOR_GREEN, -1, 0 },
		[ROLE_GRAPH_MID] =	{ COLOR_YELLOW, -1, 0 },
		[ROLE_GRAPH_HIGH] =	{ COLOR_RED, -1, A_BOLD },
		[ROLE_OTHER] =		{ GREY, -1, 0 },
		[ROLE_HEADER] =		{ COLOR_BLACK, COLOR_GREEN, 0 },
		[ROLE_HEADER_SORT] =	{ COLOR_BLACK, COLOR_CYAN, A_BOLD },
		[ROLE_CURSOR] =		{ COLOR_BLACK, COLOR_CYAN, 0 },
		[ROLE_MARKER] =		{ COLOR_YELLOW, -1, A_BOLD },
		[ROLE_MATCH] =		{ COLOR_BLACK, COLOR_YELLOW, 0 },
		[ROLE_STDERR] =		{ COLOR_RED, -1, 0 },
		[ROLE_BORDER] =		{ COLOR_BLUE, -1, 0 },
	  },
	  { COLOR_CYAN, COLOR_MAGENTA, COLOR_YELLOW, COLOR_GREEN, COLOR_BLUE,
	    COLOR_RED, COLOR_CYAN, COLOR_MAGENTA, COLOR_YELLOW, COLOR_GREEN,
	    COLOR_BLUE, COLOR_RED },
	  { 39, 208, 41, 171, 220, 203, 51, 141, 118, 214, 33, 199 } },
	{ "light", 1, {
		[ROLE_NORMAL] =		{ -1, -1, 0 },
		[ROLE_DIM] =		{ GREY, -1, 0 },
		[ROLE_TITLE] =		{ COLOR_BLUE, -1, A_BOLD },
		[ROLE_TITLE_SEL] =	{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_STATUS] =		{ COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_BADGE_RUN] =	{ COLOR_WHITE, COLOR_GREEN, A_BOLD },
		[ROLE_BADGE_WARN] =	{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[ROLE_BADGE_DONE] =	{ COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[ROLE_KEY] =		{ COLOR_BLACK, -1, A_BOLD },
		[ROLE_KEYLABEL] =	{ COLOR_WHITE, COLOR_BLUE, 0 },
		[ROLE_USER] =		{ COLOR_GREEN, -1, A_BOLD },
		[ROLE_SYSTEM] =		{ COLOR_RED, -1, A_BOLD },
		[ROLE_NICE] =		{ COLOR_BLUE, -1, A_BOLD },
		[ROLE_IOWAIT] =		{ COLOR_MAGENTA, -1, A_BOLD },
		[ROLE_GRAPH_LOW] =	{ COLOR_GREEN, -1, A_BOLD },
		[ROLE_GRAPH_MID] =	{ COLOR_YELLOW, -1, A_BOLD },
		[ROLE_GRAPH_HIGH] =	{ COLOR_RED, -1, A_BOLD },
		[ROLE_OTHER] =		{ GREY, -1, 0 },
		[ROLE_HEADER] =		{ COLOR_WHITE, COLOR_BLUE, 0 },
		[ROLE_HEADER_SORT] =	{ COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[ROLE_CURSOR] =		{ COLOR_WHITE, COLOR_BLUE, 0 },
		[ROLE_MARKER] =		{ COLOR_MAGENTA, -1, A_BOLD },
		[ROLE_MATCH] =		{ COLOR_BLACK, COLOR_YELLOW, 0 },
		[ROLE_STDERR] =		{ COLOR_RED, -1, 0 },
		[ROLE_BORDER] =		{ COLOR_BLUE, -1, 0 },
	  },
	  { COLOR_BLUE, COLOR_MAGENTA, COLOR_RED, COLOR_GREEN, COLOR_CYAN,
	    COLOR_BLACK, COLOR_BLUE, COLOR_MAGENTA, COLOR_RED, COLOR_GREEN,
	    COLOR_CYAN, COLOR_BLACK },
	  { 25, 166, 28, 127, 136, 160, 30, 91, 64, 130, 19, 162 } },
	{ "mono", 0, {
		[ROLE_NORMAL] =		{ -1, -1, 0 },
		[ROLE_DIM] =		{ -1, -1, A_DIM },
		[ROLE_TITLE] =		{ -1, -1, A_BOLD },
		[ROLE_TITLE_SEL] =	{ -1, -1, A_BOLD | A_REVERSE },
		[ROLE_STATUS] =		{ -1, -1, A_REVERSE },
		[ROLE_BADGE_RUN] =	{ -1, -1, A_BOLD },
		[ROLE_BADGE_WARN] =	{ -1, -1, A_BOLD | A_UNDERLINE },
		[ROLE_BADGE_DONE] =	{ -1, -1, A_BOLD },
		[ROLE_KEY] =		{ -1, -1, A_BOLD },
		[ROLE_KEYLABEL] =	{ -1, -1, A_REVERSE },
		[ROLE_USER] =		{ -1, -1, A_BOLD },
		[ROLE_SYSTEM] =		{ -1, -1, A_BOLD },
		[ROLE_NICE] =		{ -1, -1, 0 },
		[ROLE_IOWAIT] =		{ -1, -1, A_DIM },
		[ROLE_GRAPH_LOW] =	{ -1, -1, 0 },
		[ROLE_GRAPH_MID] =	{ -1, -1, 0 },
		[ROLE_GRAPH_HIGH] =	{ -1, -1, A_BOLD },
		[ROLE_OTHER] =		{ -1, -1, A_DIM },
		[ROLE_HEADER] =		{ -1, -1, A_REVERSE },
		[ROLE_HEADER_SORT] =	{ -1, -1, A_REVERSE | A_BOLD | A_UNDERLINE },
		[ROLE_CURSOR] =		{ -1, -1, A_REVERSE },
		[ROLE_MARKER] =		{ -1, -1, A_BOLD },
		[ROLE_MATCH] =		{ -1, -1, A_REVERSE },
		[ROLE_STDERR] =		{ -1, -1, A_UNDERLINE },
		[ROLE_BORDER] =		{ -1, -1, 0 },
	  },
	  { 0 }, { 0 } },
};
#define THEME_MONO	2

static const struct ui_glyphs glyphs_utf8 = {
	1, "─", "│", "[", "]",
	{ " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" },
	{ " ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" },
	"█", "░", "·", "■", "…", "↑", "↓", "‹", "›"
};

static const struct ui_glyphs glyphs_ascii = {
	0, "-", "|", "[", "]",
	{ " ", "_", "_", ".", ".", "-", "-", "=", "#" },
	{ " ", " ", " ", " ", "|", "|", "|", "|", "|" },
	"#", ":", ".", "*", "~", "^", "v", "<", ">"
};

static const struct ui_glyphs	*glyphs = &glyphs_ascii;
static size_t			 current;
static int			 colour_allowed;
static attr_t			 role_attr[ROLE_COUNT];
static attr_t			 worker_attr[NWORKER];

/* Build the attributes of theme t; colour pairs are (re)defined here. */
static void
theme_apply(size_t t)
{
	const struct theme	*th = &themes[t];
	const short		*palette;
	short			 fg;
	attr_t			 extra;
	int			 i;

	current = t;
	for (i = 0; i < ROLE_COUNT; i++) {
		if (!th->colour) {
			role_attr[i] = th->role[i].attr;
			continue;
		}
		fg = th->role[i].fg;
		extra = 0;
		if (fg == GREY) {
			if (COLORS >= 16)
				fg = 8;
			else {
				fg = COLOR_WHITE;
				extra = A_DIM;
			}
		}
		init_pair(PAIR_ROLE(i), fg, th->role[i].bg);
		role_attr[i] = COLOR_PAIR(PAIR_ROLE(i)) | th->role[i].attr | extra;
	}
	palette = COLORS >= 256 ? th->workers256 : th->workers8;
	for (i = 0; i < NWORKER; i++) {
		if (!th->colour) {
			worker_attr[i] = A_BOLD;
			continue;
		}
		init_pair(PAIR_WORKER(i), palette[i], -1);
		worker_attr[i] = COLOR_PAIR(PAIR_WORKER(i));
		if (COLORS < 256 && i >= NWORKER / 2)
			worker_attr[i] |= A_BOLD;
	}
}

/*
 * Choose glyphs from the locale's codeset (setlocale must have run) and the
 * first theme the terminal allows: colour unless NO_COLOR is set or the
 * terminal has none.
 */
void
ui_theme_init(void)
{
	const char	*nc = getenv("NO_COLOR");

	glyphs = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ?
	    &glyphs_utf8 : &glyphs_ascii;
	colour_allowed = (nc == NULL || *nc == '\0') && has_colors();
	if (colour_allowed) {
		start_color();
		use_default_colors();
		theme_apply(0);
	} else
		theme_apply(THEME_MONO);
}

/* The t key: the next theme the terminal allows. */
void
ui_theme_next(void)
{
	if (!colour_allowed)
		return;
	theme_apply((current + 1) % nitems(themes));
}

const char *
ui_theme_name(void)
{
	return themes[current].name;
}

int
ui_theme_colour(void)
{
	return themes[current].colour;
}

/* The role of a busy percentage: low, mid or high (graph and core cells). */
enum ui_role
ui_level_role(double v)
{
	return v >= 80 ? ROLE_GRAPH_HIGH : v >= 40 ? ROLE_GRAPH_MID :
	    ROLE_GRAPH_LOW;
}

attr_t
ui_attr(enum ui_role r)
{
	return role_attr[r];
}

/* Worker w's colour (w < 0: not a worker). */
attr_t
ui_worker_attr(int w)
{
	if (w < 0)
		return role_attr[ROLE_DIM];
	return worker_attr[w % NWORKER];
}

const struct ui_glyphs *
ui_glyphs(void)
{
	return glyphs;
}
