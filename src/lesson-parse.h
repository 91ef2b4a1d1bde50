/*
 * lesson-parse.h: a lesson script once checked, as a list of steps.
 *
 * A lesson is a text file, one command a line, '#' comments and blank lines
 * ignored. lesson_parse_file() checks the whole file before anything runs:
 * on any error it returns NULL and every problem as "FILE:LINE: message"
 * lines in *cause. The steps are read by the players (lesson-play.c for both
 * batch mode and the TUI); nothing here starts a process.
 */
#ifndef TURBOTOP_LESSON_PARSE_H
#define TURBOTOP_LESSON_PARSE_H

#include <stddef.h>

#define LESSON_LINE_MAX		4096		/* bytes in one line */
#define LESSON_FILE_MAX		(1024 * 1024)	/* bytes in one file */
#define LESSON_WAIT_MAX		86400.0		/* seconds in one wait: a day */
#define LESSON_ERRORS_MAX	20		/* errors reported before giving up */

enum lesson_kind {
	LESSON_TITLE,		/* title TEXT */
	LESSON_SAY,		/* say TEXT: the caption */
	LESSON_RUN,		/* run DEMO [ARGS] | run -- CMD [ARGS] */
	LESSON_TRY,		/* try ...: as run, but a program that cannot start is skipped */
	LESSON_WAIT,		/* wait 1500ms | 2s | 1m */
	LESSON_WAIT_EXIT,	/* wait exit [LIMIT]: every demo of the lesson has ended */
	LESSON_WAIT_KEY,	/* wait key: the presenter presses a key */
	LESSON_PAUSE,
	LESSON_RESUME,
	LESSON_STOP,
	LESSON_CLEAR,		/* caption and finished demos off the screen */
	LESSON_BENCH		/* bench LIST [--repeat=N] DEMO [ARGS] | LIST -- CMD */
};

struct lesson_step {
	int		 line;		/* 1-based line in the file */
	enum lesson_kind kind;
	const char	*name;		/* the command word */
	char		*source;	/* the line as written, trimmed */
	char		*text;		/* title, say */
	int		 argc;		/* run, try, bench: the words after the command */
	char		**argv;		/*   (NULL-terminated; "--" dropped for commands) */
	int		 is_command;	/* run/try -- CMD */
	double		 seconds;	/* wait; wait exit's limit (0: none) */
};

struct lesson;

struct lesson		*lesson_parse_file(const char *, char **);
struct lesson		*lesson_parse_buffer(const char *, const char *, size_t,
			     char **);
void			 lesson_free(struct lesson *);
const char		*lesson_path(const struct lesson *);
const char		*lesson_dir(const struct lesson *);
const char		*lesson_title(const struct lesson *);
size_t			 lesson_count(const struct lesson *);
const struct lesson_step *lesson_get(const struct lesson *, size_t);
int			 lesson_parse_duration(const char *, double *);

#endif
