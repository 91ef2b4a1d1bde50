/*
 * json.h: a tiny streaming JSON writer for one-object-a-line records.
 *
 * The writer inserts commas itself, escapes every control character, quote and
 * backslash in strings, replaces invalid UTF-8 with U+FFFD (so any consumer can
 * decode the line), and writes non-finite numbers as null. It buffers one record
 * in memory; json_line() writes it to the FILE with a newline and flushes.
 */
#ifndef TURBOTOP_JSON_H
#define TURBOTOP_JSON_H

#include <stddef.h>
#include <stdio.h>

struct json;

struct json	*json_new(void);
void		 json_free(struct json *);

void		 json_object_begin(struct json *);
void		 json_object_end(struct json *);
void		 json_array_begin(struct json *);
void		 json_array_end(struct json *);
void		 json_key(struct json *, const char *);
void		 json_string(struct json *, const char *);
void		 json_stringn(struct json *, const char *, size_t);
void		 json_int(struct json *, long long);
void		 json_double(struct json *, double, int);	/* fixed decimals */
void		 json_bool(struct json *, int);
void		 json_null(struct json *);

const char	*json_text(const struct json *, size_t *);	/* the record so far */
void		 json_reset(struct json *);
int		 json_line(struct json *, FILE *);	/* write + '\n' + fflush; -1 on error */

/* Numbers as printf writes them, without printf (json_int, json_double). */
#define JSON_NUMBER_MAX	400	/* "%.9f" of the largest double, and more */
char		*json_digits(char *, unsigned long long);	/* ending at end */
size_t		 json_fixed(char *, double, int);	/* "%.*f" in buf */

#endif
