/*
 * tl-store.c: the fine record of the timeline (tl-store.h): "tid ran on cpu
 * from start to end" segments and per-thread R/W/S state spans, each in a
 * bounded ring (its memory resident as it fills) that drops its oldest
 * entries once full; plus the names of the threads. A source's thread appends
 * under the store's mutex; the sampler's getters read under it.
 */
#include "config.h"

#include <sys/mman.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tl-store.h"
#include "util.h"

#define RING_FIRST	1024	/* entries at the least */
#define JOIN_GAP	1e-6	/* seconds: closer than this continues an entry */

/*
 * The entries as kept: 24 and 16 bytes, not 32 and 24 - a ring's memory is
 * most of what the record costs to fill (each page is new to the process).
 * The length is a float: its error is a 10-millionth of the entry's length
 * (a microsecond at 16 s); an entry is continued only while its end is
 * within JOIN_GAP, so a long one may be split - never drawn wrong.
 */
struct seg_rec {
	double		 start;
	float		 len;
	int		 cpu;
	pid_t		 pid, tid;
};

struct span_rec {
	double		 start;
	float		 len;
	unsigned	 tid_state;	/* tid << 8 | state */
};

#define SPAN_TID(p)	((pid_t)((p)->tid_state >> 8))
#define SPAN_STATE(p)	((char)((p)->tid_state & 0xff))
#define REC_END(p)	((p)->start + (double)(p)->len)

/*
 * A ring of fixed-size entries addressed by sequence number. Its memory is
 * reserved at its limit (a power of 2 entries) at the first push, and the
 * kernel provides the pages as they are first written: no copy as it
 * fills, nothing resident beyond what it held. Where transparent huge
 * pages are offered (madvise), it asks for them: a page fault per 2 MiB
 * instead of per 4 KiB while it fills.
 */
struct ring {
	unsigned char		*a;
	size_t			 size, cap, max, head, n;
	unsigned long long	 seq0;		/* sequence number of the oldest */
};

struct name {
	pid_t			 tid, pid;	/* tid 0: free slot */
	char			 comm[16];
	unsigned long long	 last_span;	/* sequence + 1 of its last span; 0 none */
	unsigned long long	 last_seg;	/* the same for segments */
	int			 used;		/* touched since the last trim */
};

struct tl_store {
	pthread_mutex_t		 lock;
	struct ring		 seg, span;
	/*
	 * The segments before seg_dead all ended before seg_dead_t: a window
	 * that starts there or later begins its scan at seg_dead (a frame
	 * asks for seconds of a record of minutes). Moved back when one of
	 * them is continued.
	 */
	unsigned long long	 seg_dead;
	double			 seg_dead_t;
	unsigned long long	*last_seg;	/* per cpu: sequence + 1, 0 none */
	int			 ncpus;
	struct name		**names;	/* open addressing; entries stay put */
	size_t			 nnames, namecap;	/* namecap a power of 2 */
};

static void
ring_init(struct ring *r, size_t size, size_t max)
{
	memset(r, 0, sizeof *r);
	r->size = size;
	for (r->max = RING_FIRST; r->max < max; r->max *= 2)
		;
}

static void
ring_free(struct ring *r)
{
	if (r->a != NULL)
		munmap(r->a, r->max * r->size);
	r->a = NULL;
	r->cap = 0;
}

static void *
ring_at(const struct ring *r, unsigned long long seq)
{
	size_t	 i = (r->head + (size_t)(seq - r->seq0)) & (r->cap - 1);

	return r->a + i * r->size;
}

static int
ring_has(const struct ring *r, unsigned long long seq)
{
	return seq >= r->seq0 && seq < r->seq0 + r->n;
}

/* Room for one more at the end; returns its sequence number. */
static unsigned long long
ring_push(struct ring *r)
{
	void	*a;

	if (r->a == NULL) {
		a = mmap(NULL, r->max * r->size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (a == MAP_FAILED)
			fatal("mmap");
#ifdef MADV_HUGEPAGE
		madvise(a, r->max * r->size, MADV_HUGEPAGE);
#endif
		r->a = a;
		r->cap = r->max;
		r->head = 0;
	}
	if (r->n == r->cap) {		/* full: the oldest goes */
		r->head = (r->head + 1) & (r->cap - 1);
		r->seq0++;
		r->n--;
	}
	r->n++;
	return r->seq0 + r->n - 1;
}

static void
ring_clear(struct ring *r)
{
	r->seq0 += r->n;
	r->n = 0;
	r->head = 0;
}

static void
name_drop_all(struct tl_store *st)
{
	size_t	 i;

	for (i = 0; i < st->namecap; i++) {
		free(st->names[i]);
		st->names[i] = NULL;
	}
	st->nnames = 0;
}

struct tl_store *
tl_store_new(void)
{
	struct tl_store	*st;

	st = xcalloc(1, sizeof *st);
	pthread_mutex_init(&st->lock, NULL);
	ring_init(&st->seg, sizeof (struct seg_rec), TL_KEEP_SEGMENTS);
	ring_init(&st->span, sizeof (struct span_rec), TL_KEEP_SPANS);
	return st;
}

void
tl_store_free(struct tl_store *st)
{
	if (st == NULL)
		return;
	pthread_mutex_destroy(&st->lock);
	ring_free(&st->seg);
	ring_free(&st->span);
	free(st->last_seg);
	name_drop_all(st);
	free(st->names);
	free(st);
}

/* Forget the record (the source changed). */
void
tl_store_clear(struct tl_store *st)
{
	pthread_mutex_lock(&st->lock);
	ring_clear(&st->seg);
	ring_clear(&st->span);
	name_drop_all(st);
	pthread_mutex_unlock(&st->lock);
}

static size_t
name_hash(pid_t tid, size_t cap)
{
	return ((size_t)tid * 2654435761u) & (cap - 1);
}

static struct name *
name_find(struct tl_store *st, pid_t tid)
{
	size_t	 i;

	if (st->namecap == 0 || tid <= 0)
		return NULL;
	for (i = name_hash(tid, st->namecap); st->names[i] != NULL;
	    i = (i + 1) & (st->namecap - 1)) {
		if (st->names[i]->tid == tid)
			return st->names[i];
	}
	return NULL;
}

static void name_rehash(struct tl_store *, size_t, int);

/* The entry of tid, made if new. */
static struct name *
name_get(struct tl_store *st, pid_t tid)
{
	struct name	*n;
	size_t		 i;

	if ((n = name_find(st, tid)) != NULL) {
		n->used = 1;
		return n;
	}
	if ((st->nnames + 1) * 2 > st->namecap)
		name_rehash(st, st->namecap == 0 ? 256 : st->namecap * 2, 0);
	for (i = name_hash(tid, st->namecap); st->names[i] != NULL;
	    i = (i + 1) & (st->namecap - 1))
		;
	n = st->names[i] = xcalloc(1, sizeof *n);
	n->tid = tid;
	n->used = 1;
	st->nnames++;
	return n;
}

/* Rebuild the table at cap entries; with only_used, drop the untouched. */
static void
name_rehash(struct tl_store *st, size_t cap, int only_used)
{
	struct name	**old = st->names;
	size_t		 oldcap = st->namecap, i, j;

	st->names = xcalloc(cap, sizeof *st->names);
	st->namecap = cap;
	st->nnames = 0;
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		if (only_used && !old[i]->used &&
		    !(old[i]->last_seg > 0 &&
		    ring_has(&st->seg, old[i]->last_seg - 1)) &&
		    !(old[i]->last_span > 0 &&
		    ring_has(&st->span, old[i]->last_span - 1))) {
			free(old[i]);
			continue;
		}
		for (j = name_hash(old[i]->tid, cap); st->names[j] != NULL;
		    j = (j + 1) & (cap - 1))
			;
		st->names[j] = old[i];
		if (only_used)
			st->names[j]->used = 0;
		st->nnames++;
	}
	free(old);
}

/*
 * A batch of appends (a source's drain) takes the lock once: between
 * tl_store_lock() and tl_store_unlock(), the _held calls append.
 */
void
tl_store_lock(struct tl_store *st)
{
	pthread_mutex_lock(&st->lock);
}

void
tl_store_unlock(struct tl_store *st)
{
	pthread_mutex_unlock(&st->lock);
}

void
tl_store_segment_held(struct tl_store *st, int cpu, pid_t pid, pid_t tid,
    double start, double end)
{
	struct seg_rec		*g;
	unsigned long long	 seq;
	int			 i;

	if (cpu < 0 || end <= start)
		return;
	if (cpu >= st->ncpus) {
		st->last_seg = xreallocarray(st->last_seg, (size_t)cpu + 1,
		    sizeof *st->last_seg);
		for (i = st->ncpus; i <= cpu; i++)
			st->last_seg[i] = 0;
		st->ncpus = cpu + 1;
	}
	seq = st->last_seg[cpu];
	if (seq > 0 && ring_has(&st->seg, seq - 1)) {
		g = ring_at(&st->seg, seq - 1);
		if (g->tid == tid && start - REC_END(g) < JOIN_GAP &&
		    start >= g->start) {
			if (end > REC_END(g))
				g->len = (float)(end - g->start);
			if (seq - 1 < st->seg_dead)
				st->seg_dead = seq - 1;
			return;
		}
	}
	seq = ring_push(&st->seg);
	g = ring_at(&st->seg, seq);
	g->cpu = cpu;
	g->pid = pid;
	g->tid = tid;
	g->start = start;
	g->len = (float)(end - start);
	st->last_seg[cpu] = seq + 1;
	if (tid > 0)
		name_get(st, tid)->last_seg = seq + 1;
}

void
tl_store_span_held(struct tl_store *st, pid_t tid, char state, double start,
    double end)
{
	struct name		*n;
	struct span_rec		*p;
	unsigned long long	 seq;

	if (end <= start || tid < 0)
		return;
	n = name_get(st, tid);
	if (n->last_span > 0 && ring_has(&st->span, n->last_span - 1)) {
		p = ring_at(&st->span, n->last_span - 1);
		if (SPAN_TID(p) == tid && SPAN_STATE(p) == state &&
		    start - REC_END(p) < JOIN_GAP && start >= p->start) {
			if (end > REC_END(p))
				p->len = (float)(end - p->start);
			return;
		}
	}
	seq = ring_push(&st->span);
	p = ring_at(&st->span, seq);
	p->tid_state = (unsigned)tid << 8 | (unsigned char)state;
	p->start = start;
	p->len = (float)(end - start);
	n->last_span = seq + 1;
}

void
tl_store_name_held(struct tl_store *st, pid_t pid, pid_t tid,
    const char *comm)
{
	struct name	*n;

	if (tid <= 0)
		return;
	n = name_get(st, tid);
	n->pid = pid;
	snprintf(n->comm, sizeof n->comm, "%s", comm);
}

void
tl_store_segment(struct tl_store *st, int cpu, pid_t pid, pid_t tid,
    double start, double end)
{
	pthread_mutex_lock(&st->lock);
	tl_store_segment_held(st, cpu, pid, tid, start, end);
	pthread_mutex_unlock(&st->lock);
}

void
tl_store_span(struct tl_store *st, pid_t tid, char state, double start,
    double end)
{
	pthread_mutex_lock(&st->lock);
	tl_store_span_held(st, tid, state, start, end);
	pthread_mutex_unlock(&st->lock);
}

void
tl_store_name(struct tl_store *st, pid_t pid, pid_t tid, const char *comm)
{
	pthread_mutex_lock(&st->lock);
	tl_store_name_held(st, pid, tid, comm);
	pthread_mutex_unlock(&st->lock);
}

size_t
tl_store_segments(struct tl_store *st, double from, double to,
    void (*fn)(const struct tl_segment *, void *), void *arg)
{
	const struct seg_rec	*g;
	struct tl_segment	 out;
	unsigned long long	 seq, dead;
	size_t			 count = 0;
	int			 alive = 0;

	pthread_mutex_lock(&st->lock);
	seq = st->seg.seq0;
	if (from >= st->seg_dead_t && st->seg_dead > seq)
		seq = st->seg_dead;
	for (dead = seq; seq < st->seg.seq0 + st->seg.n; seq++) {
		g = ring_at(&st->seg, seq);
		if (REC_END(g) < from) {
			if (!alive)
				dead = seq + 1;
			continue;
		}
		alive = 1;
		if (g->start > to)
			continue;
		count++;
		if (fn != NULL) {
			out.cpu = g->cpu;
			out.pid = g->pid;
			out.tid = g->tid;
			out.start = g->start;
			out.end = REC_END(g);
			fn(&out, arg);
		}
	}
	st->seg_dead = dead;
	st->seg_dead_t = from;
	pthread_mutex_unlock(&st->lock);
	return count;
}

size_t
tl_store_spans(struct tl_store *st, pid_t tid, double from, double to,
    void (*fn)(char, double, double, void *), void *arg)
{
	const struct span_rec	*p;
	unsigned long long	 seq;
	size_t			 count = 0;

	pthread_mutex_lock(&st->lock);
	for (seq = st->span.seq0; seq < st->span.seq0 + st->span.n; seq++) {
		p = ring_at(&st->span, seq);
		if (SPAN_TID(p) != tid || REC_END(p) < from || p->start > to)
			continue;
		count++;
		if (fn != NULL)
			fn(SPAN_STATE(p), p->start, REC_END(p), arg);
	}
	pthread_mutex_unlock(&st->lock);
	return count;
}

/*
 * The thread's name, or NULL. The pointer stays valid until the next
 * tl_store_trim() (names are only dropped there, on the main thread).
 */
const char *
tl_store_thread_name(struct tl_store *st, pid_t tid)
{
	struct name	*n;
	const char	*s = NULL;

	pthread_mutex_lock(&st->lock);
	if ((n = name_find(st, tid)) != NULL && n->comm[0] != '\0')
		s = n->comm;
	pthread_mutex_unlock(&st->lock);
	return s;
}

/*
 * Drop what ended before t (older than the record keeps), and the names of
 * threads no longer mentioned since the previous trim nor in the rings.
 */
void
tl_store_trim(struct tl_store *st, double t)
{
	const struct seg_rec	*g;
	const struct span_rec	*p;

	pthread_mutex_lock(&st->lock);
	while (st->seg.n > 0) {
		g = ring_at(&st->seg, st->seg.seq0);
		if (REC_END(g) >= t)
			break;
		st->seg.head = (st->seg.head + 1) & (st->seg.cap - 1);
		st->seg.seq0++;
		st->seg.n--;
	}
	while (st->span.n > 0) {
		p = ring_at(&st->span, st->span.seq0);
		if (REC_END(p) >= t)
			break;
		st->span.head = (st->span.head + 1) & (st->span.cap - 1);
		st->span.seq0++;
		st->span.n--;
	}
	if (st->namecap > 0)
		name_rehash(st, st->namecap, 1);
	pthread_mutex_unlock(&st->lock);
}
