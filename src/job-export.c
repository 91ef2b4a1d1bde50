/*
 * job-export.c: a job's output lines written out as they arrive (batch
 * mode), each exactly once and in order, without holding them: memory stays
 * flat however fast the demo prints.
 *
 * JSON: a record starts with its "output" array: the first line arriving
 * (through the job's line hook) opens it with {"output":[ and each line is
 * appended as
 *   {"t":1.234,"pid":123,"stream":"out","text":"..."}   (and "cut":1 if cut)
 * job_export_close() ends the array with "]," (opening it first if no line
 * came) and the caller writes the record's other fields and the closing
 * brace. t is seconds since the caller's t0, like the record's own t.
 * Text: each line is written as "[   pid out] text" as it comes.
 *
 * The text is already sanitised (valid UTF-8, no control characters), so only
 * quote and backslash need escaping. Written with stdio, unlocked, through a
 * large buffer: this is the path a flood of output takes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "job-int.h"
#include "util.h"

struct job_export {
	struct job		*job;
	FILE			*f;
	int			 json;
	double			 t0;
	int			 open;		/* inside an "output" array */
	int			 first;		/* no line in the array yet */
	unsigned long long	 lines;		/* written so far */
	int			 error;
};

static void
put(struct job_export *x, const char *s, size_t n)
{
	if (fwrite_unlocked(s, 1, n, x->f) != n)
		x->error = 1;
}

/* Decimal digits of v, at the end of buf; returns where they start. */
static char *
fmt_ull(char *end, unsigned long long v)
{
	do {
		*--end = '0' + v % 10;
		v /= 10;
	} while (v != 0);
	return end;
}

/* One line as a JSON object, built in one buffer and written at once. */
static void
export_json(struct job_export *x, const struct out_line *o)
{
	char			 num[32], *e = num + sizeof num, *p, *b;
	char			 line[128 + 2 * SANITIZE_SIZE(JOB_LINE_MAX)];
	double			 t = o->t - x->t0;
	unsigned long long	 ms;
	const char		*s, *q;

	if (t < 0)
		t = 0;
	ms = (unsigned long long)(t * 1000 + 0.5);
	b = line;
	if (!x->first)
		*b++ = ',';
	x->first = 0;
	memcpy(b, "{\"t\":", 5);
	b += 5;
	p = fmt_ull(e, ms % 1000);
	while (e - p < 3)
		*--p = '0';
	*--p = '.';
	p = fmt_ull(p, ms / 1000);
	memcpy(b, p, e - p);
	b += e - p;
	memcpy(b, ",\"pid\":", 7);
	b += 7;
	p = fmt_ull(e, (unsigned long long)o->pid);
	memcpy(b, p, e - p);
	b += e - p;
	q = o->stream == STREAM_ERR ? ",\"stream\":\"err\"" :
	    ",\"stream\":\"out\"";
	memcpy(b, q, 15);
	b += 15;
	if (o->cut) {
		memcpy(b, ",\"cut\":1", 8);
		b += 8;
	}
	memcpy(b, ",\"text\":\"", 9);
	b += 9;
	/* Sanitised text: only quote and backslash need escaping. */
	for (s = o->text; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			*b++ = '\\';
		*b++ = *s;
	}
	*b++ = '"';
	*b++ = '}';
	put(x, line, b - line);
}

static void
export_text(struct job_export *x, const struct out_line *o)
{
	if (fprintf(x->f, "[%7ld %s] %s%s\n", (long)o->pid,
	    o->stream == STREAM_ERR ? "err" : "out", o->text,
	    o->cut ? " [cut]" : "") < 0)
		x->error = 1;
}

static void
export_hook(struct job *job, const struct out_line *o, void *arg)
{
	struct job_export	*x = arg;

	if (x->json) {
		job_export_open(x);
		export_json(x, o);
	} else
		export_text(x, o);
	x->lines++;
}

/*
 * Export job's lines to f, as JSON (json != 0) or text, with times relative
 * to t0 (monotonic seconds). Installs the job's line hook.
 */
struct job_export *
job_export_create(struct job *job, FILE *f, int json, double t0)
{
	struct job_export	*x;

	x = xcalloc(1, sizeof *x);
	x->job = job;
	x->f = f;
	x->json = json;
	x->t0 = t0;
	job_set_line_hook(job, export_hook, x);
	return x;
}

void
job_export_free(struct job_export *x)
{
	if (x == NULL)
		return;
	job_set_line_hook(x->job, NULL, NULL);
	free(x);
}

/* Start a record's output array: writes {"output":[ */
void
job_export_open(struct job_export *x)
{
	if (!x->json || x->open)
		return;
	put(x, "{\"output\":[", 11);
	x->open = 1;
	x->first = 1;
}

/*
 * End the array (opening it first if no line came): the record's other
 * fields must follow, after the comma written here.
 */
void
job_export_close(struct job_export *x)
{
	if (!x->json)
		return;
	job_export_open(x);
	put(x, "],", 2);
	x->open = 0;
}

unsigned long long
job_export_lines(const struct job_export *x)
{
	return x->lines;
}

/* 1 if a write failed (errno from stdio says why). */
int
job_export_error(const struct job_export *x)
{
	return x->error || ferror(x->f);
}
