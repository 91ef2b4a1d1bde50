/*
 * lesson-parse.c: read a lesson script and check every line before anything
 * runs. The commands are one table (name, argument shape, check); adding a
 * command means adding an entry here and a case in the player.
 *
 * Syntax: one command a line; blank lines and lines whose first non-blank
 * character is '#' are ignored; leading and trailing blanks (and a CR from
 * DOS line ends) are trimmed. TEXT arguments are the rest of the line as
 * written. WORDS are split at blanks, with '...' and "..." quoting and \
 * escaping one character, as in sh; $LESSON_DIR in a word becomes the
 * directory of the lesson file.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "demo-start.h"
#include "sanitize.h"
#include "lesson-parse.h"
#include "options.h"
#include "utf8.h"
#include "util.h"

enum lesson_shape {
	SHAPE_NONE,		/* nothing after the command */
	SHAPE_TEXT,		/* the rest of the line, not empty */
	SHAPE_WORDS		/* words, quoted as in sh */
};

struct lesson_cmd_entry {
	const char		*name;
	enum lesson_kind	 kind;
	enum lesson_shape	 shape;
	const char		*usage;
	/* Check the step's arguments; NULL or a malloc'd message. */
	char			*(*check)(struct lesson *, struct lesson_step *);
};

struct lesson {
	char			*path;
	char			*dir;
	char			*title;
	struct lesson_step	*steps;
	size_t			 nsteps, size;
};

/* Errors found so far, one "FILE:LINE: message" a line. */
struct lesson_errors {
	const char	*path;
	char		*text;
	size_t		 len;
	int		 count;
};

static char	*check_run(struct lesson *, struct lesson_step *);
static char	*check_wait(struct lesson *, struct lesson_step *);
static char	*check_bench(struct lesson *, struct lesson_step *);

static const struct lesson_cmd_entry lesson_cmds[] = {
	{ "title",  LESSON_TITLE,  SHAPE_TEXT,  "title TEXT", NULL },
	{ "say",    LESSON_SAY,    SHAPE_TEXT,  "say TEXT", NULL },
	{ "run",    LESSON_RUN,    SHAPE_WORDS,
	  "run DEMO [ARG]... or run -- COMMAND [ARG]...", check_run },
	{ "try",    LESSON_TRY,    SHAPE_WORDS,
	  "try DEMO [ARG]... or try -- COMMAND [ARG]...", check_run },
	{ "wait",   LESSON_WAIT,   SHAPE_WORDS,
	  "wait DURATION (1500ms, 2s, 1m), wait exit [DURATION] or wait key",
	  check_wait },
	{ "pause",  LESSON_PAUSE,  SHAPE_NONE,  "pause", NULL },
	{ "resume", LESSON_RESUME, SHAPE_NONE,  "resume", NULL },
	{ "stop",   LESSON_STOP,   SHAPE_NONE,  "stop", NULL },
	{ "clear",  LESSON_CLEAR,  SHAPE_NONE,  "clear", NULL },
	{ "bench",  LESSON_BENCH,  SHAPE_WORDS,
	  "bench LIST [--repeat=N] [--bench-floor=SECS] DEMO [ARG]... or "
	  "bench LIST -- COMMAND "
	  "[ARG]... (LIST: worker counts, 1,2,4 or 1-8)",
	  check_bench },
};

static void __attribute__((format(printf, 3, 4)))
lesson_error(struct lesson_errors *e, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *full;
	int	 n;

	e->count++;
	if (e->count > LESSON_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		fatal("vasprintf");
	va_end(ap);
	full = sanitize_dup(msg);	/* it may quote the file's bytes */
	free(msg);
	msg = full;
	if (e->count == LESSON_ERRORS_MAX)
		n = xasprintf(&full, "%s:%d: %s\n%s: too many errors, giving up\n",
		    e->path, line, msg, e->path);
	else
		n = xasprintf(&full, "%s:%d: %s\n", e->path, line, msg);
	e->text = xreallocarray(e->text, e->len + n + 1, 1);
	memcpy(e->text + e->len, full, n + 1);
	e->len += n;
	free(full);
	free(msg);
}

/*
 * A duration with its unit: digits, an optional fraction, then ms, s, m or
 * min. 0 and the seconds on success; -1 if it is not one, -2 if the number
 * has no unit, -3 if it is longer than LESSON_WAIT_MAX.
 */
int
lesson_parse_duration(const char *s, double *out)
{
	const char	*p = s, *unit;
	char		*end;
	double		 v, scale;
	size_t		 digits = 0, whole;

	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	whole = digits;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (whole == 0 || p[-1] == '.')
		return -1;
	unit = p;
	if (strcmp(unit, "ms") == 0)
		scale = 0.001;
	else if (strcmp(unit, "s") == 0)
		scale = 1;
	else if (strcmp(unit, "m") == 0 || strcmp(unit, "min") == 0)
		scale = 60;
	else
		return *unit == '\0' ? -2 : -1;
	if (digits > 12)
		return -3;
	errno = 0;
	v = strtod(s, &end);
	if (end != unit || errno != 0)
		return -1;
	v *= scale;
	if (v > LESSON_WAIT_MAX)
		return -3;
	*out = v;
	return 0;
}

/* A message for a duration that lesson_parse_duration() refused. */
static char *
duration_error(const char *s, int rc)
{
	char	*msg;

	if (rc == -2)
		xasprintf(&msg, "'%s' has no unit: write %sms, %ss or %sm", s,
		    s, s, s);
	else if (rc == -3)
		xasprintf(&msg, "'%s' is too long: waits are at most %.0fs",
		    s, LESSON_WAIT_MAX);
	else
		xasprintf(&msg, "expected a duration such as 1500ms, 2s or 1m, "
		    "got '%s'", s);
	return msg;
}

static char *
check_wait(struct lesson *l, struct lesson_step *st)
{
	char	*msg;
	int	 rc;

	if (st->argc == 0)
		return xstrdup("wait needs an argument: a duration (1500ms, 2s, "
		    "1m), 'exit' or 'key'");
	if (strcmp(st->argv[0], "key") == 0) {
		st->kind = LESSON_WAIT_KEY;
		if (st->argc > 1)
			return xstrdup("'wait key' takes nothing more");
		return NULL;
	}
	if (strcmp(st->argv[0], "exit") == 0) {
		st->kind = LESSON_WAIT_EXIT;
		if (st->argc > 2)
			return xstrdup("expected 'wait exit' or 'wait exit "
			    "DURATION' (the longest to wait)");
		if (st->argc == 2 &&
		    (rc = lesson_parse_duration(st->argv[1], &st->seconds)) != 0)
			return duration_error(st->argv[1], rc);
		return NULL;
	}
	if ((rc = lesson_parse_duration(st->argv[0], &st->seconds)) != 0)
		return duration_error(st->argv[0], rc);
	if (st->argc > 1) {
		xasprintf(&msg, "unexpected '%s' after the duration", st->argv[1]);
		return msg;
	}
	return NULL;
}

static char *
check_run(struct lesson *l, struct lesson_step *st)
{
	char	*msg;

	if (st->argc == 0) {
		xasprintf(&msg, "%s needs a demo name (turbotop --list shows "
		    "them) or -- COMMAND", st->name);
		return msg;
	}
	if (strcmp(st->argv[0], "--") == 0) {
		if (st->argc == 1) {
			xasprintf(&msg, "'%s --' must be followed by a command",
			    st->name);
			return msg;
		}
		/* Drop the "--": argv is the command. */
		free(st->argv[0]);
		memmove(st->argv, st->argv + 1, st->argc * sizeof *st->argv);
		st->argc--;
		st->is_command = 1;
		return NULL;
	}
	if (!demo_known(st->argv[0])) {
		xasprintf(&msg, "unknown demo '%s' (turbotop --list shows them)",
		    st->argv[0]);
		return msg;
	}
	return NULL;
}

/*
 * bench LIST [--repeat=N] [--bench-floor=SECS]... DEMO [ARG]...
 *   | bench LIST [...] -- COMMAND [ARG]...
 */
static char *
check_bench(struct lesson *l, struct lesson_step *st)
{
	const char	*p;
	char		*msg;
	double		 floor;
	long		 n;
	int		 i;

	if (st->argc < 2)
		return xstrdup("expected a worker list and a demo, e.g. "
		    "'bench 1-4 pmap'");
	for (p = st->argv[0]; *p != '\0'; p++) {
		if ((*p < '0' || *p > '9') && *p != ',' && *p != '-')
			break;
	}
	if (*p != '\0' || *st->argv[0] == '\0') {
		xasprintf(&msg, "expected worker counts such as 1,2,4 or 1-8, "
		    "got '%s'", st->argv[0]);
		return msg;
	}
	for (i = 1; i < st->argc; i++) {
		if (strncmp(st->argv[i], "--bench-floor=", 14) == 0) {
			if (options_parse_seconds(st->argv[i] + 14, 0, 3600,
			    &floor) != 0) {
				xasprintf(&msg, "invalid '%s': give "
				    "--bench-floor=SECS from 0 (off) to 3600",
				    st->argv[i]);
				return msg;
			}
			continue;
		}
		if (strncmp(st->argv[i], "--repeat=", 9) != 0)
			break;
		if (options_parse_long(st->argv[i] + 9, 1, 1000, &n) != 0) {
			xasprintf(&msg, "invalid '%s': give --repeat=N with N "
			    "from 1 to 1000", st->argv[i]);
			return msg;
		}
	}
	if (i == st->argc)
		return xstrdup("a demo or -- COMMAND must follow the options");
	if (strcmp(st->argv[i], "--") == 0) {
		if (i + 1 == st->argc)
			return xstrdup("'bench LIST --' must be followed by a "
			    "command");
		return NULL;
	}
	if (!demo_known(st->argv[i])) {
		xasprintf(&msg, "unknown demo '%s' (turbotop --list shows them)",
		    st->argv[i]);
		return msg;
	}
	return NULL;
}

/* Append one byte to a growing word (its room doubles: linear time). */
static void
word_add(char **w, size_t *len, size_t *size, char c)
{
	if (*len + 2 > *size) {
		*size = *size < 16 ? 32 : *size * 2;
		*w = xreallocarray(*w, *size, 1);
	}
	(*w)[(*len)++] = c;
	(*w)[*len] = '\0';
}

/* Replace every $LESSON_DIR in word with dir; returns a new string. */
static char *
expand_dir(const char *word, const char *dir)
{
	static const char	 var[] = "$LESSON_DIR";
	const char		*p, *hit;
	char			*out = NULL;
	size_t			 len = 0, size = 0;

	for (p = word; (hit = strstr(p, var)) != NULL; p = hit + sizeof var - 1) {
		while (p < hit)
			word_add(&out, &len, &size, *p++);
		for (p = dir; *p != '\0'; p++)
			word_add(&out, &len, &size, *p);
	}
	while (*p != '\0')
		word_add(&out, &len, &size, *p++);
	return out != NULL ? out : xstrdup("");
}

/*
 * Split s into words as sh does for quoting (no expansion but $LESSON_DIR).
 * 0 on success; -1 with *cause on an unterminated quote or trailing '\'.
 */
static int
split_words(const char *s, const char *dir, int *argc, char ***argv,
    char **cause)
{
	char	*w, *expanded;
	size_t	 len, size;
	char	 quote;
	int	 in_word;

	*argc = 0;
	*argv = xcalloc(1, sizeof **argv);
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return 0;
		w = NULL;
		len = size = 0;
		quote = 0;
		in_word = 1;
		while (in_word && *s != '\0') {
			if (quote == '\'') {
				if (*s == '\'')
					quote = 0;
				else
					word_add(&w, &len, &size, *s);
			} else if (*s == '\\') {
				if (s[1] == '\0') {
					free(w);
					*cause = xstrdup("a '\\' ends the line: "
					    "nothing to escape");
					return -1;
				}
				word_add(&w, &len, &size, *++s);
			} else if (quote == '"') {
				if (*s == '"')
					quote = 0;
				else
					word_add(&w, &len, &size, *s);
			} else if (*s == '\'' || *s == '"') {
				quote = *s;
				if (w == NULL) {
					w = xstrdup("");
					size = 1;
				}
			} else if (*s == ' ' || *s == '\t')
				in_word = 0;
			else
				word_add(&w, &len, &size, *s);
			if (in_word)
				s++;
		}
		if (quote != 0) {
			free(w);
			xasprintf(cause, "unterminated %c quote", quote);
			return -1;
		}
		expanded = expand_dir(w != NULL ? w : "", dir);
		free(w);
		*argv = xreallocarray(*argv, *argc + 2, sizeof **argv);
		(*argv)[(*argc)++] = expanded;
		(*argv)[*argc] = NULL;
	}
}

/* Refuse control characters (but tab) and invalid UTF-8; 0 if clean. */
static int
check_text(struct lesson_errors *e, int line, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, len;

	for (i = 0; i < n; i += len) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f) {
			lesson_error(e, line, "control character 0x%02x in column "
			    "%zu (is this a text file?)", u[i], i + 1);
			return -1;
		}
		if ((len = utf8_decode(s + i, n - i, NULL)) == 0) {
			lesson_error(e, line, "invalid UTF-8 in column %zu (is "
			    "this a text file?)", i + 1);
			return -1;
		}
	}
	return 0;
}

static const struct lesson_cmd_entry *
find_cmd(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < nitems(lesson_cmds); i++) {
		if (strlen(lesson_cmds[i].name) == len &&
		    strncmp(lesson_cmds[i].name, name, len) == 0)
			return &lesson_cmds[i];
	}
	return NULL;
}

/* "title, say, ... or bench", for the unknown-command message. */
static char *
cmd_names(void)
{
	char	*s = NULL, *t;
	size_t	 i;

	for (i = 0; i < nitems(lesson_cmds); i++) {
		xasprintf(&t, "%s%s%s", s != NULL ? s : "",
		    i == 0 ? "" : (i + 1 == nitems(lesson_cmds) ? " or " : ", "),
		    lesson_cmds[i].name);
		free(s);
		s = t;
	}
	return s;
}

static void
step_clear(struct lesson_step *st)
{
	int	i;

	free(st->source);
	free(st->text);
	for (i = 0; i < st->argc; i++)
		free(st->argv[i]);
	free(st->argv);
}

/* Parse one line (already trimmed, not a comment, not empty). */
static void
parse_line(struct lesson *l, struct lesson_errors *e, int line, const char *s)
{
	const struct lesson_cmd_entry	*ce;
	struct lesson_step		 st;
	const char			*rest;
	char				*msg, *names;
	size_t				 n;

	n = strcspn(s, " \t");
	rest = s + n;
	rest += strspn(rest, " \t");
	if ((ce = find_cmd(s, n)) == NULL) {
		names = cmd_names();
		lesson_error(e, line, "unknown command '%.*s': expected %s",
		    (int)(n > 40 ? 40 : n), s, names);
		free(names);
		return;
	}

	memset(&st, 0, sizeof st);
	st.line = line;
	st.kind = ce->kind;
	st.name = ce->name;
	st.source = sanitize_dup(s);	/* shown and recorded as written */
	msg = NULL;
	switch (ce->shape) {
	case SHAPE_NONE:
		if (*rest != '\0')
			xasprintf(&msg, "'%s' takes no argument", ce->name);
		break;
	case SHAPE_TEXT:
		if (*rest == '\0')
			xasprintf(&msg, "'%s' needs a text", ce->name);
		else
			st.text = sanitize_dup(rest);	/* C1, bidi: visible */
		break;
	case SHAPE_WORDS:
		if (split_words(rest, l->dir, &st.argc, &st.argv, &msg) != 0)
			break;
		if (ce->check != NULL)
			msg = ce->check(l, &st);
		break;
	}
	if (msg != NULL) {
		lesson_error(e, line, "%s: expected %s", msg, ce->usage);
		free(msg);
		step_clear(&st);
		return;
	}
	if (st.kind == LESSON_TITLE) {
		free(l->title);
		l->title = xstrdup(st.text);
	}
	if (l->nsteps == l->size) {	/* doubling: linear in the lines */
		l->size = l->size == 0 ? 16 : l->size * 2;
		l->steps = xreallocarray(l->steps, l->size, sizeof *l->steps);
	}
	l->steps[l->nsteps++] = st;
}

static struct lesson *
lesson_new(const char *path)
{
	struct lesson	*l;
	char		*slash;

	l = xcalloc(1, sizeof *l);
	l->path = xstrdup(path);
	l->dir = xstrdup(path);
	if ((slash = strrchr(l->dir, '/')) == NULL) {
		free(l->dir);
		l->dir = xstrdup(".");
	} else if (slash == l->dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return l;
}

/*
 * Check and parse a lesson held in buf (len bytes), naming it path in
 * messages. NULL with every error in *cause if anything is wrong.
 */
struct lesson *
lesson_parse_buffer(const char *path, const char *buf, size_t len, char **cause)
{
	struct lesson		*l;
	struct lesson_errors	 e;
	const char		*p, *end, *nl;
	char			*s;
	size_t			 n;
	int			 line = 0;

	memset(&e, 0, sizeof e);
	e.path = path;
	*cause = NULL;
	l = lesson_new(path);

	for (p = buf, end = buf + len; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		n = nl - p;
		if (memchr(p, '\0', n) != NULL) {
			lesson_error(&e, line, "NUL byte: this is not a text "
			    "file");
			break;
		}
		if (n > LESSON_LINE_MAX) {
			lesson_error(&e, line, "line longer than %d bytes",
			    LESSON_LINE_MAX);
			continue;
		}
		/* Trim blanks and a DOS CR at both ends. */
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
		    p[n - 1] == '\r'))
			n--;
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (n == 0 || *p == '#')
			continue;
		if (check_text(&e, line, p, n) != 0)
			continue;
		s = xstrndup(p, n);
		parse_line(l, &e, line, s);
		free(s);
	}
	if (e.count == 0 && l->nsteps == 0)
		lesson_error(&e, line > 0 ? line : 1, "no commands: expected at "
		    "least one line such as 'run waste -w 4'");
	if (e.count != 0) {
		lesson_free(l);
		*cause = e.text;
		return NULL;
	}
	return l;
}

/* Read and check the lesson in the file at path; see lesson_parse_buffer(). */
struct lesson *
lesson_parse_file(const char *path, char **cause)
{
	struct lesson	*l;
	struct stat	 sb;
	FILE		*f;
	char		*buf;
	size_t		 n;

	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s: not a regular file", path);
		fclose(f);
		return NULL;
	}
	buf = xmalloc(LESSON_FILE_MAX + 1);
	n = fread(buf, 1, LESSON_FILE_MAX + 1, f);
	if (ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		l = NULL;
	} else if (n > LESSON_FILE_MAX) {
		xasprintf(cause, "%s: larger than %d bytes: not a lesson", path,
		    LESSON_FILE_MAX);
		l = NULL;
	} else
		l = lesson_parse_buffer(path, buf, n, cause);
	free(buf);
	fclose(f);
	return l;
}

void
lesson_free(struct lesson *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsteps; i++)
		step_clear(&l->steps[i]);
	free(l->steps);
	free(l->title);
	free(l->dir);
	free(l->path);
	free(l);
}

const char *
lesson_path(const struct lesson *l)
{
	return l->path;
}

/* The directory of the lesson file, for $LESSON_DIR. */
const char *
lesson_dir(const struct lesson *l)
{
	return l->dir;
}

/* The last title in the file, or NULL. */
const char *
lesson_title(const struct lesson *l)
{
	return l->title;
}

size_t
lesson_count(const struct lesson *l)
{
	return l->nsteps;
}

const struct lesson_step *
lesson_get(const struct lesson *l, size_t i)
{
	return i < l->nsteps ? &l->steps[i] : NULL;
}
