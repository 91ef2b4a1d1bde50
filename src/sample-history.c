/*
 * sample-history.c: the ring buffers behind history_*(): HISTORY_DEPTH samples
 * of every cpu (and of the total, kept as cpu -1) plus the time of each sample.
 * Only sampler_tick() pushes; drawing code reads. Percentages are kept as
 * floats: 10 minutes of a 64-core machine stay under 10 MB.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sample-int.h"
#include "util.h"

struct history {
	int			 nrings;	/* cpus + 1: ring 0 is the total */
	size_t			 head;		/* slot of the next push */
	size_t			 count;		/* samples kept, up to HISTORY_DEPTH */
	double			*time;
	struct history_cell	**ring;		/* [cpu + 1][slot] */
};

struct history *
history_new(int ncpus)
{
	struct history	*h;

	h = xcalloc(1, sizeof *h);
	h->time = xcalloc(HISTORY_DEPTH, sizeof *h->time);
	history_grow(h, ncpus);
	return h;
}

void
history_free(struct history *h)
{
	int	 i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nrings; i++)
		free(h->ring[i]);
	free(h->ring);
	free(h->time);
	free(h);
}

/* Make room for cpus 0..ncpus-1 (a cpu plugged in later has an empty past). */
void
history_grow(struct history *h, int ncpus)
{
	int	 i;

	if (ncpus + 1 <= h->nrings)
		return;
	h->ring = xreallocarray(h->ring, (size_t)ncpus + 1, sizeof *h->ring);
	for (i = h->nrings; i < ncpus + 1; i++)
		h->ring[i] = xcalloc(HISTORY_DEPTH, sizeof *h->ring[i]);
	h->nrings = ncpus + 1;
}

static void
fill(struct history_cell *c, const struct cpu_sample *cs)
{
	c->busy = (float)cs->busy;
	c->user = (float)(cs->user + cs->nice);
	c->system = (float)(cs->system + cs->irq + cs->softirq);
	c->occupant = 0;
	c->share = 0;
}

/*
 * Push one sample: the total, ncpus cpus, and per cpu the occupant and its
 * share of the interval (occupant and share may be NULL: none).
 */
void
history_push(struct history *h, double t, const struct cpu_sample *total,
    const struct cpu_sample *cpus, int ncpus, const pid_t *occupant,
    const float *share)
{
	struct history_cell	*c;
	int			 i;

	history_grow(h, ncpus);
	h->time[h->head] = t;
	fill(&h->ring[0][h->head], total);
	for (i = 0; i < h->nrings - 1; i++) {
		c = &h->ring[i + 1][h->head];
		if (i >= ncpus) {
			memset(c, 0, sizeof *c);
			continue;
		}
		fill(c, &cpus[i]);
		if (occupant != NULL)
			c->occupant = occupant[i];
		if (share != NULL)
			c->share = share[i];
	}
	h->head = (h->head + 1) % HISTORY_DEPTH;
	if (h->count < HISTORY_DEPTH)
		h->count++;
}

size_t
history_count(const struct history *h)
{
	return h->count;
}

static size_t
slot(const struct history *h, size_t age)
{
	return (h->head + HISTORY_DEPTH - 1 - age) % HISTORY_DEPTH;
}

/* Time of the sample age samples ago (0: the latest); 0 if there is none. */
double
history_at_time(const struct history *h, size_t age)
{
	if (age >= h->count)
		return 0;
	return h->time[slot(h, age)];
}

/* The cell of cpu (-1: the total) age samples ago, or NULL if none. */
const struct history_cell *
history_at(const struct history *h, int cpu, size_t age)
{
	if (age >= h->count || cpu < -1 || cpu + 1 >= h->nrings)
		return NULL;
	return &h->ring[cpu + 1][slot(h, age)];
}
