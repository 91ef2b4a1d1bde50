/*
 * job-lines.c: the bounded line buffer of one job. A ring of at most
 * max_lines lines (and about max_bytes of text); adding to a full ring drops
 * the oldest line and counts it. Lines are numbered by seq, 0, 1, 2, ...,
 * never reused, so a reader remembers the next seq it wants and sees exactly
 * what was dropped in between.
 *
 * The ring array grows geometrically up to max_lines, so a large --lines
 * costs nothing until the lines arrive.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "job-int.h"
#include "util.h"

struct lines {
	struct out_line		*ring;
	size_t			 size;		/* slots allocated */
	size_t			 max;		/* slots allowed */
	size_t			 max_bytes;
	size_t			 bytes;		/* text held */
	unsigned long long	 first;		/* seq of the oldest line held */
	unsigned long long	 next;		/* seq the next line gets */
	unsigned long long	 dropped;
};

struct lines *
lines_create(size_t max_lines, size_t max_bytes)
{
	struct lines	*l;

	l = xcalloc(1, sizeof *l);
	l->max = max_lines > 0 ? max_lines : 1;
	l->max_bytes = max_bytes;
	return l;
}

void
lines_free(struct lines *l)
{
	unsigned long long	seq;

	if (l == NULL)
		return;
	for (seq = l->first; seq < l->next; seq++)
		free(l->ring[seq % l->size].text);
	free(l->ring);
	free(l);
}

static struct out_line *
slot(const struct lines *l, unsigned long long seq)
{
	return &l->ring[seq % l->size];
}

static void
drop_oldest(struct lines *l)
{
	struct out_line	*o = slot(l, l->first);

	l->bytes -= strlen(o->text) + 1;
	free(o->text);
	o->text = NULL;
	l->first++;
	l->dropped++;
}

/* Grow the ring (keeping seq % size placement) when it is full but below max. */
static void
grow(struct lines *l)
{
	struct out_line		*ring;
	size_t			 size;
	unsigned long long	 seq;

	size = l->size == 0 ? 64 : l->size * 2;
	if (size > l->max)
		size = l->max;
	ring = xcalloc(size, sizeof *ring);
	for (seq = l->first; seq < l->next; seq++)
		ring[seq % size] = *slot(l, seq);
	free(l->ring);
	l->ring = ring;
	l->size = size;
}

/* Append one sanitised line of len bytes; returns the stored line. */
struct out_line *
lines_add(struct lines *l, double t, pid_t pid, enum out_stream stream, int cut,
    const char *text, size_t len)
{
	struct out_line	*o;

	if (l->next - l->first == l->size && l->size < l->max)
		grow(l);
	if (l->next - l->first == l->size)
		drop_oldest(l);
	while (l->next > l->first && l->bytes + len + 1 > l->max_bytes)
		drop_oldest(l);

	o = slot(l, l->next);
	o->seq = l->next++;
	o->t = t;
	o->pid = pid;
	o->stream = stream;
	o->cut = cut;
	o->from = NULL;
	o->rank = -1;
	o->text = xmalloc(len + 1);
	memcpy(o->text, text, len);
	o->text[len] = '\0';
	l->bytes += len + 1;
	return o;
}

/* The line numbered seq, or NULL if it was dropped or has not arrived. */
const struct out_line *
lines_get(const struct lines *l, unsigned long long seq)
{
	if (seq < l->first || seq >= l->next)
		return NULL;
	return slot(l, seq);
}

unsigned long long
lines_first(const struct lines *l)
{
	return l->first;
}

unsigned long long
lines_next(const struct lines *l)
{
	return l->next;
}

unsigned long long
lines_dropped(const struct lines *l)
{
	return l->dropped;
}

size_t
lines_bytes(const struct lines *l)
{
	return l->bytes;
}
