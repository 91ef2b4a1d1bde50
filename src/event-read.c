/*
 * event-read.c: the event stream read back (see event-read.h). Lines are
 * cut out of a bounded buffer (an over-long line is dropped to its newline
 * without being kept), parsed with cJSON (a tree, nesting bounded by its
 * CJSON_NESTING_LIMIT) and turned into a struct event field by field: a
 * field of the wrong type or out of range makes the record bad, a field we
 * do not know is ignored (a newer writer may add some).
 *
 * Why cJSON and not json-c: a replay at x16 reads 160 sample records a
 * second, and json-c spent ~46 us on one of our 1.7 KB records (a hash
 * table for every object, every key copied), cJSON ~19 us (bench/ notes
 * it). Its objects are lists: fields are looked up from the one last found,
 * since our writer puts them in the order we read them (see field_or_null).
 *
 * Skimming (event_reader_skim): a replay at x16 shows in its process table
 * only the last of the ~16 samples it applies a frame, and a sample's
 * "procs" are ~60% of its bytes; cJSON has no way to stop inside an object.
 * So the reader finds where a top-level "procs" begins (our writer puts it
 * after "cpus" and "timeline", and before "sys") and lets cJSON parse the
 * record up to there, closed with a '}': that prefix parses as JSON only if
 * the cut was at the record's own level (a cut inside a nested value leaves
 * it open), and what is read from it is checked as any record is. Anything
 * else (procs first, a "host", a process with "tasks", a prefix that does
 * not parse) is read whole. See skim_cut(). The processes of the sample
 * shown are parsed later from the rest of its line on its own
 * (event_reader_parse_rest), '{' and what follows the cut.
 */
#include "config.h"

#include <errno.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event-read.h"
#include "job-int.h"
#include "util.h"

#define READ_CHUNK	65536
#define NUM_MAX		1e15	/* no figure of ours is larger */

/*
 * Where the last field was found: in object in, item last (NULL: none
 * yet), and whether every field asked of in so far was the next item in
 * order from its first (then the end of in means a field is absent).
 */
struct cursor {
	const cJSON	*in;
	const cJSON	*last;
	int		 in_order;
};

/*
 * cJSON allocates every value and key of a record on its own; a record
 * read is dropped whole before the next. So a parse allocates from the
 * reader's arena (through cJSON's hooks, for the parse only), so do the
 * strings kept for the event, and the record is dropped by rewinding the
 * arena: no free() per value.
 */
struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size, used;
	max_align_t		 data[];
};

#define ARENA_CHUNK	(64 * 1024)
#define ARENA_MAX	(4 * 1024 * 1024)

static __thread struct arena_chunk **arena_now;	/* the parse's, or NULL */

/* size bytes from arena *a, or NULL if there is no memory. */
static void *
arena_alloc(struct arena_chunk **a, size_t size)
{
	struct arena_chunk	*c = *a;
	size_t			 n;

	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (c == NULL || c->size - c->used < size) {
		n = size > ARENA_CHUNK ? size : ARENA_CHUNK;
		if ((c = malloc(sizeof *c + n)) == NULL)
			return NULL;
		c->size = n;
		c->used = 0;
		c->next = *a;
		*a = c;
	}
	c->used += size;
	return (char *)c->data + c->used - size;
}

static void *
arena_malloc(size_t size)
{
	if (arena_now == NULL)
		return malloc(size);
	return arena_alloc(arena_now, size);	/* NULL: cJSON fails the parse */
}

static void
arena_free(void *p)
{
	if (arena_now == NULL)
		free(p);
	/* else a failed parse drops its values: the rewind frees them */
}

static pthread_once_t	arena_once = PTHREAD_ONCE_INIT;

static void
arena_hooks(void)
{
	cJSON_Hooks	h = { arena_malloc, arena_free };

	cJSON_InitHooks(&h);
}

/*
 * Empty the arena for the next record. Chunks added for a large record
 * become one chunk of their total, kept for the next (up to ARENA_MAX, so
 * one hostile record does not hold memory for good).
 */
static void
arena_rewind(struct arena_chunk **a)
{
	struct arena_chunk	*c, *next;
	size_t			 total = 0;

	if ((c = *a) != NULL && c->next == NULL && c->size <= ARENA_MAX) {
		c->used = 0;
		return;
	}
	for (; c != NULL; c = next) {
		next = c->next;
		total += c->size;
		free(c);
	}
	*a = NULL;
	if (total > 0 && total <= ARENA_MAX &&
	    (c = malloc(sizeof *c + total)) != NULL) {
		c->size = total;
		c->used = 0;
		c->next = NULL;
		*a = c;
	}
}

struct event_reader {
	int			 fd;
	int			 eof;
	char			*buf;		/* buffered bytes: [start, len) */
	size_t			 start, len, size;
	int			 skipping;	/* inside an over-long line */
	unsigned long		 lineno;	/* of the last line taken */
	int			 seen_hello;
	long			 schema;
	off_t			 base;		/* file offset of buf[0] */
	off_t			 line_off;	/* of the line last taken */

	cJSON			*obj;		/* the record being read, */
	struct arena_chunk	*arena;		/* in here */
	struct cursor		 cur;		/* where fields are looked up */

	/*
	 * Skimming: on, the record last parsed was skimmed, and the buffer
	 * its prefix (or a rest) is parsed from. The line last parsed, for a
	 * whole read.
	 */
	int			 skim, skimmed;
	char			*cut;
	size_t			 cut_size;
	const char		*taken;
	size_t			 taken_len;

	/* What the event last returned points at. */
	char			**argv;
	struct cpu_sample	*cpus;
	size_t			 cpus_size;
	struct proc_sample	*procs;
	size_t			 procs_size;
	int			*ranks;		/* per process (procs_size); cluster mode */
	struct sys_sample	 sys;
	struct event_timeline	 timeline;
	struct event_core	*cores;
	size_t			 cores_size;
	struct core_run		*runs;
	size_t			 nruns, runs_size;
	struct thread_sample	*threads;
	size_t			 nthreads, threads_size;
	struct event_bench	 bench;
	double			*busy;
	size_t			 busy_size;
};

/* A bad record: *cause names the line. Returns -1. */
static int __attribute__((format(printf, 3, 4)))
bad(struct event_reader *r, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	xasprintf(cause, "line %lu: %s", r->lineno, msg != NULL ? msg :
	    "bad record");
	free(msg);
	return -1;
}

struct event_reader *
event_reader_new(int fd)
{
	struct event_reader	*r;

	r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->size = READ_CHUNK;
	r->buf = xmalloc(r->size);
	pthread_once(&arena_once, arena_hooks);
	return r;
}

static void
release(struct event_reader *r)
{
	r->obj = NULL;
	arena_rewind(&r->arena);
	memset(&r->cur, 0, sizeof r->cur);
}

void
event_reader_free(struct event_reader *r)
{
	if (r == NULL)
		return;
	release(r);
	free(r->arena);		/* the one chunk a rewind keeps */
	free(r->argv);
	free(r->cpus);
	free(r->procs);
	free(r->ranks);
	free(r->cores);
	free(r->runs);
	free(r->threads);
	free(r->busy);
	free(r->cut);
	free(r->buf);
	free(r);
}

unsigned long
event_reader_lineno(const struct event_reader *r)
{
	return r->lineno;
}

int
event_reader_eof(const struct event_reader *r)
{
	return r->eof;
}

int
event_reader_fill(struct event_reader *r)
{
	ssize_t	n;

	if (r->eof)
		return 0;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->len -= r->start;
		r->base += (off_t)r->start;
		r->start = 0;
	}
	if (r->size - r->len < READ_CHUNK && r->size < EVENT_LINE_MAX + 1) {
		r->size *= 2;
		if (r->size > EVENT_LINE_MAX + 1)
			r->size = EVENT_LINE_MAX + 1;
		r->buf = xreallocarray(r->buf, 1, r->size);
	}
	if (r->len == r->size) {
		/* A line longer than the limit: drop what we hold of it. */
		r->skipping = 1;
		r->base += (off_t)r->len;
		r->len = 0;
	}
	do
		n = read(r->fd, r->buf + r->len, r->size - r->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	r->len += (size_t)n;
	return 1;
}

/* ---- fields ---- */

/*
 * A field of object o, NULL if absent; a null one is NULL too, *null
 * tells it apart. cJSON's objects are lists, and our writer puts fields
 * in the order they are read: the item after the one last found is tried
 * first, so a record reads in one pass over each object, and an optional
 * field at the end is known absent without a scan. So a reader asks for
 * each field of an object once (or twice in a row), and one that goes
 * into a nested object and back saves and restores r->cur.
 */
static const cJSON *
field_or_null(struct event_reader *r, const cJSON *o, const char *key,
    int *null)
{
	struct cursor	*c = &r->cur;
	const cJSON	*v;

	*null = 0;
	if (c->in != o) {
		c->in = o;
		c->last = NULL;
		c->in_order = 1;
	}
	v = c->last != NULL ? c->last->next : o->child;
	if (v != NULL && v->string != NULL && strcmp(v->string, key) == 0)
		c->last = v;
	else if (v == NULL && c->in_order && c->last != NULL &&
	    strcmp(c->last->string, key) == 0)
		v = c->last;		/* the same field asked again */
	else if (v == NULL && c->in_order)
		return NULL;		/* every item seen: not there */
	else {
		c->in_order = 0;
		if ((v = cJSON_GetObjectItemCaseSensitive(o, key)) == NULL)
			return NULL;
		c->last = v;
	}
	if (cJSON_IsNull(v)) {
		*null = 1;
		return NULL;
	}
	return v;
}

static const cJSON *
field(struct event_reader *r, const cJSON *o, const char *key)
{
	int	null;

	return field_or_null(r, o, key, &null);
}

/* A number in our bounds, or NAN. */
static double
number_of(const cJSON *v)
{
	double	d;

	if (!cJSON_IsNumber(v))
		return NAN;
	d = v->valuedouble;
	if (!isfinite(d) || d > NUM_MAX || d < -NUM_MAX)
		return NAN;
	return d;
}

/*
 * A number field into *out: 0 right, -1 bad (cause set). Absent: 0 and
 * *out left, or an error if required. null: NAN if nullable.
 */
static int
num(struct event_reader *r, const cJSON *o, const char *key, int required,
    int nullable, double *out, char **cause)
{
	const cJSON	*v;
	double		 d;
	int		 null;

	v = field_or_null(r, o, key, &null);
	if (null && nullable) {
		*out = NAN;
		return 0;
	}
	if (v == NULL && !null) {
		if (required)
			return bad(r, cause, "no \"%s\"", key);
		return 0;
	}
	if (!cJSON_IsNumber(v))
		return bad(r, cause, "\"%s\" is not a number", key);
	if (isnan(d = number_of(v)))
		return bad(r, cause, "\"%s\" is out of range", key);
	*out = d;
	return 0;
}

/*
 * An integer field in [lo, hi]; as num(). A whole number written with a
 * fraction (2.0) is one, as JSON Schema has it.
 */
static int
integer(struct event_reader *r, const cJSON *o, const char *key, int required,
    long lo, long hi, long *out, char **cause)
{
	const cJSON	*v = field(r, o, key);
	double		 d;

	if (v == NULL) {
		if (required)
			return bad(r, cause, "no \"%s\"", key);
		return 0;
	}
	if (!cJSON_IsNumber(v) || (isfinite(d = v->valuedouble) &&
	    d != trunc(d)))
		return bad(r, cause, "\"%s\" is not an integer", key);
	if (!isfinite(d) || d < (double)lo || d > (double)hi)
		return bad(r, cause, "\"%s\" is out of range", key);
	*out = (long)d;
	return 0;
}

static int
int_field(struct event_reader *r, const cJSON *o, const char *key,
    int required, long lo, long hi, int *out, char **cause)
{
	long	v = *out;

	if (integer(r, o, key, required, lo, hi, &v, cause) != 0)
		return -1;
	*out = (int)v;
	return 0;
}

/* A string kept until the next record, sanitised: safe to show. */
static const char *
keep(struct event_reader *r, const char *s, size_t len)
{
	char	*d;

	if (len > EVENT_TEXT_MAX)
		len = sanitize_cut(s, len, EVENT_TEXT_MAX);
	if ((d = arena_alloc(&r->arena, SANITIZE_SIZE(len))) == NULL)
		fatalx("out of memory");
	sanitize_line(d, s, len);
	return d;
}

/* A string value kept (cJSON's strings end at their first NUL). */
static const char *
keep_string(struct event_reader *r, const cJSON *v)
{
	return keep(r, v->valuestring, strlen(v->valuestring));
}

/* A string field (sanitised); null reads as NULL if nullable. */
static int
str(struct event_reader *r, const cJSON *o, const char *key, int required,
    int nullable, const char **out, char **cause)
{
	const cJSON	*v;
	int		 null;

	v = field_or_null(r, o, key, &null);
	if (null && nullable) {
		*out = NULL;
		return 0;
	}
	if (v == NULL && !null) {
		if (required)
			return bad(r, cause, "no \"%s\"", key);
		return 0;
	}
	if (!cJSON_IsString(v))
		return bad(r, cause, "\"%s\" is not a string", key);
	*out = keep_string(r, v);
	return 0;
}

static int
boolean(struct event_reader *r, const cJSON *o, const char *key, int *out,
    char **cause)
{
	const cJSON	*v = field(r, o, key);

	if (v == NULL)
		return 0;
	if (cJSON_IsBool(v))
		*out = cJSON_IsTrue(v);
	else if (cJSON_IsNumber(v) && !isnan(number_of(v)))
		*out = v->valuedouble != 0;
	else
		return bad(r, cause, "\"%s\" is not a boolean", key);
	return 0;
}

/*
 * An array field of at most max items; *n its length. Its items are read
 * in order from ->child along ->next (an index costs a walk in cJSON).
 */
static const cJSON *
array(struct event_reader *r, const cJSON *o, const char *key, size_t max,
    size_t *n, char **cause)
{
	const cJSON	*v = field(r, o, key), *c;

	if (v == NULL || !cJSON_IsArray(v)) {
		bad(r, cause, "\"%s\" is not an array", key);
		return NULL;
	}
	*n = 0;
	for (c = v->child; c != NULL; c = c->next) {
		if (++*n > max) {
			bad(r, cause, "\"%s\" has more than %zu items", key,
			    max);
			return NULL;
		}
	}
	return v;
}

static int
object(struct event_reader *r, const cJSON *v, const char *what, char **cause)
{
	if (v == NULL || !cJSON_IsObject(v))
		return bad(r, cause, "%s is not an object", what);
	return 0;
}

/* ---- records ---- */

static int
read_hello(struct event_reader *r, const cJSON *o, struct event *e,
    char **cause)
{
	const cJSON	*a, *v;
	size_t		 n, i;
	long		 schema = 0;

	if (integer(r, o, "schema", 1, 1, 1000000, &schema, cause) != 0 ||
	    str(r, o, "version", 1, 0, &e->version, cause) != 0 ||
	    str(r, o, "host", 1, 0, &e->host, cause) != 0 ||
	    int_field(r, o, "cores", 1, 1, EVENT_CPUS_MAX, &e->cores,
	    cause) != 0 ||
	    str(r, o, "started", 1, 0, &e->started, cause) != 0 ||
	    (a = array(r, o, "argv", EVENT_ARGV_MAX, &n, cause)) == NULL)
		return -1;
	r->argv = xreallocarray(r->argv, n + 1, sizeof *r->argv);
	for (i = 0, v = a->child; i < n; i++, v = v->next) {
		if (!cJSON_IsString(v))
			return bad(r, cause, "argv[%zu] is not a string", i);
		r->argv[i] = (char *)keep_string(r, v);
	}
	r->argv[n] = NULL;
	e->argc = (int)n;
	e->argv = r->argv;
	e->schema = (int)schema;
	r->seen_hello = 1;
	r->schema = schema;
	if (schema > EVENT_SCHEMA)
		return bad(r, cause, "schema %ld is newer than this turbotop "
		    "reads (%d): records it does not know are skipped",
		    schema, EVENT_SCHEMA);
	return 0;
}

static const char *cpu_keys[] = {
	"busy", "user", "nice", "system", "idle", "iowait", "irq", "softirq",
	"steal"
};

static int
read_cpu(struct event_reader *r, const cJSON *o, struct cpu_sample *c,
    char **cause)
{
	double	*v[9] = { &c->busy, &c->user, &c->nice, &c->system, &c->idle,
		    &c->iowait, &c->irq, &c->softirq, &c->steal };
	size_t	 k;

	memset(c, 0, sizeof *c);
	c->online = 1;
	if (object(r, o, "a cpu", cause) != 0 ||
	    int_field(r, o, "id", 1, 0, EVENT_CPUS_MAX - 1, &c->id, cause) != 0)
		return -1;
	for (k = 0; k < nitems(cpu_keys); k++) {
		if (num(r, o, cpu_keys[k], 1, 0, v[k], cause) != 0)
			return -1;
	}
	return 0;
}

static int
uint_field(struct event_reader *r, const cJSON *o, const char *key,
    unsigned *out, char **cause)
{
	long	v = *out;

	if (integer(r, o, key, 0, 0, 0x7fffffff, &v, cause) != 0)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* run_ms, wait_ms, sleep_ms, migrations: optional (older streams). */
static int
figures(struct event_reader *r, const cJSON *o, double *run, double *wait,
    double *sleep, unsigned *migrations, char **cause)
{
	if (num(r, o, "run_ms", 0, 0, run, cause) != 0 ||
	    num(r, o, "wait_ms", 0, 0, wait, cause) != 0 ||
	    num(r, o, "sleep_ms", 0, 0, sleep, cause) != 0 ||
	    uint_field(r, o, "migrations", migrations, cause) != 0)
		return -1;
	return 0;
}

/* A process's "tasks", appended to r->threads. */
static int
read_tasks(struct event_reader *r, const cJSON *o, pid_t pid, char **cause)
{
	struct thread_sample	*t;
	const cJSON		*a, *v;
	const char		*name = NULL, *state = NULL;
	size_t			 n, i;
	long			 tid;

	if ((a = array(r, o, "tasks", EVENT_PROCS_MAX, &n, cause)) == NULL)
		return -1;
	for (i = 0, v = a->child; i < n; i++, v = v->next) {
		if (r->nthreads == EVENT_PROCS_MAX)
			return bad(r, cause, "more than %d tasks",
			    EVENT_PROCS_MAX);
		if (r->nthreads == r->threads_size) {
			r->threads_size = r->threads_size == 0 ? 64 :
			    r->threads_size * 2;
			r->threads = xreallocarray(r->threads, r->threads_size,
			    sizeof *r->threads);
		}
		t = &r->threads[r->nthreads];
		memset(t, 0, sizeof *t);
		tid = 0;
		if (object(r, v, "a task", cause) != 0 ||
		    integer(r, v, "tid", 1, 0, 0x7fffffff, &tid, cause) != 0 ||
		    str(r, v, "name", 1, 0, &name, cause) != 0 ||
		    str(r, v, "state", 1, 0, &state, cause) != 0 ||
		    int_field(r, v, "core", 1, -1, EVENT_CPUS_MAX, &t->core,
		    cause) != 0 ||
		    figures(r, v, &t->run_ms, &t->wait_ms, &t->sleep_ms,
		    &t->migrations, cause) != 0 ||
		    uint_field(r, v, "vol_switches", &t->vol_switches,
		    cause) != 0 ||
		    uint_field(r, v, "invol_switches", &t->invol_switches,
		    cause) != 0)
			return -1;
		t->pid = pid;
		t->tid = (pid_t)tid;
		snprintf(t->name, sizeof t->name, "%s", name);
		t->state = state[0] >= 'A' && state[0] <= 'Z' ? state[0] : '?';
		r->nthreads++;
	}
	return 0;
}

static int
read_proc(struct event_reader *r, const cJSON *o, struct proc_sample *p,
    int *rank, int *with_threads, char **cause)
{
	const char	*state = NULL, *cmd = NULL;
	long		 pid = 0, ppid = 0, pgid = 0, rss = 0;

	*rank = -1;
	memset(p, 0, sizeof *p);
	if (object(r, o, "a process", cause) != 0 ||
	    integer(r, o, "pid", 1, 0, 0x7fffffff, &pid, cause) != 0 ||
	    integer(r, o, "ppid", 1, 0, 0x7fffffff, &ppid, cause) != 0 ||
	    integer(r, o, "pgid", 1, 0, 0x7fffffff, &pgid, cause) != 0 ||
	    str(r, o, "state", 1, 0, &state, cause) != 0 ||
	    num(r, o, "cpu", 1, 0, &p->cpu, cause) != 0 ||
	    int_field(r, o, "core", 1, -1, EVENT_CPUS_MAX, &p->core,
	    cause) != 0 ||
	    integer(r, o, "rss_kb", 1, 0, (long)(NUM_MAX), &rss, cause) != 0 ||
	    int_field(r, o, "threads", 1, 0, 10000000, &p->threads,
	    cause) != 0 ||
	    num(r, o, "time", 0, 0, &p->time, cause) != 0 ||
	    str(r, o, "cmd", 1, 0, &cmd, cause) != 0 ||
	    figures(r, o, &p->run_ms, &p->wait_ms, &p->sleep_ms,
	    &p->migrations, cause) != 0 ||
	    uint_field(r, o, "switches", &p->switches, cause) != 0 ||
	    int_field(r, o, "rank", 0, 0, 0x7fffffff, rank, cause) != 0)
		return -1;
	p->pid = (pid_t)pid;
	p->ppid = (pid_t)ppid;
	p->pgid = (pid_t)pgid;
	p->rss_kb = (unsigned long)rss;
	p->state = state[0] >= 'A' && state[0] <= 'Z' ? state[0] : '?';
	snprintf(p->cmd, sizeof p->cmd, "%s", cmd);
	if (field(r, o, "tasks") == NULL)
		return 0;
	*with_threads = 1;
	return read_tasks(r, o, p->pid, cause);
}

/* "timeline": the cores' idle time and the threads that ran there. */
static int
read_timeline(struct event_reader *r, const cJSON *o, struct event *e,
    char **cause)
{
	struct event_timeline	*tl = &r->timeline;
	const cJSON		*cores, *c, *runs, *v;
	const char		*source = NULL;
	size_t			 n, k, m, i, first;
	long			 lost = 0, pid, tid;

	memset(tl, 0, sizeof *tl);
	r->nruns = 0;
	if (object(r, o, "\"timeline\"", cause) != 0 ||
	    str(r, o, "source", 1, 0, &source, cause) != 0 ||
	    integer(r, o, "lost", 1, 0, (long)NUM_MAX, &lost, cause) != 0 ||
	    (cores = array(r, o, "cores", EVENT_CPUS_MAX, &n, cause)) == NULL)
		return -1;
	tl->exact = strcmp(source, "exact") == 0;
	tl->lost = (unsigned long long)lost;
	if (n > r->cores_size) {
		r->cores = xreallocarray(r->cores, n, sizeof *r->cores);
		r->cores_size = n;
	}
	for (k = 0, c = cores->child; k < n; k++, c = c->next) {
		memset(&r->cores[k], 0, sizeof r->cores[k]);
		if (object(r, c, "a timeline core", cause) != 0 ||
		    int_field(r, c, "id", 1, 0, EVENT_CPUS_MAX - 1,
		    &r->cores[k].id, cause) != 0 ||
		    num(r, c, "idle_ms", 1, 0, &r->cores[k].idle_ms,
		    cause) != 0 ||
		    (runs = array(r, c, "run", EVENT_PROCS_MAX, &m,
		    cause)) == NULL)
			return -1;
		first = r->nruns;
		for (i = 0, v = runs->child; i < m; i++, v = v->next) {
			if (r->nruns == EVENT_PROCS_MAX)
				return bad(r, cause, "more than %d runs",
				    EVENT_PROCS_MAX);
			if (r->nruns == r->runs_size) {
				r->runs_size = r->runs_size == 0 ? 64 :
				    r->runs_size * 2;
				r->runs = xreallocarray(r->runs, r->runs_size,
				    sizeof *r->runs);
			}
			pid = tid = 0;
			if (object(r, v, "a run", cause) != 0 ||
			    integer(r, v, "pid", 1, 0, 0x7fffffff, &pid,
			    cause) != 0 ||
			    integer(r, v, "tid", 1, 0, 0x7fffffff, &tid,
			    cause) != 0 ||
			    num(r, v, "ms", 1, 0, &r->runs[r->nruns].ms,
			    cause) != 0)
				return -1;
			r->runs[r->nruns].pid = (pid_t)pid;
			r->runs[r->nruns].tid = (pid_t)tid;
			r->nruns++;
		}
		/* Offsets now, pointers once r->runs stops moving. */
		r->cores[k].runs = (const struct core_run *)(uintptr_t)first;
		r->cores[k].nruns = m;
	}
	for (k = 0; k < n; k++)		/* no runs at all: r->runs is NULL */
		r->cores[k].runs = r->runs == NULL ? NULL :
		    r->runs + (uintptr_t)r->cores[k].runs;
	tl->cores = r->cores;
	tl->ncores = (int)n;
	e->timeline = tl;
	return 0;
}

static int
read_sys(struct event_reader *r, const cJSON *o, struct sys_sample *s,
    char **cause)
{
	static const char	*keys[] = { "mem_total_kb", "mem_used_kb",
				    "mem_avail_kb", "swap_total_kb",
				    "swap_used_kb" };
	unsigned long		*kb[] = { &s->mem_total_kb, &s->mem_used_kb,
				    &s->mem_avail_kb, &s->swap_total_kb,
				    &s->swap_used_kb };
	const char		*ckeys[] = { "tasks", "running", "sleeping",
				    "stopped", "zombie" };
	int			*counts[] = { &s->tasks, &s->running,
				    &s->sleeping, &s->stopped, &s->zombie };
	const cJSON		*a, *v;
	size_t			 n, i;
	long			 l;

	memset(s, 0, sizeof *s);
	if (object(r, o, "\"sys\"", cause) != 0 ||
	    (a = array(r, o, "load", 3, &n, cause)) == NULL)
		return -1;
	for (i = 0, v = a->child; i < n; i++, v = v->next) {
		if (isnan(s->load[i] = number_of(v)))
			return bad(r, cause, "a load is not a number");
	}
	for (i = 0; i < nitems(ckeys); i++) {
		if (int_field(r, o, ckeys[i], 1, 0, 0x7fffffff, counts[i],
		    cause) != 0)
			return -1;
	}
	for (i = 0; i < nitems(keys); i++) {
		l = 0;
		if (integer(r, o, keys[i], 1, 0, (long)NUM_MAX, &l, cause) != 0)
			return -1;
		*kb[i] = (unsigned long)l;
	}
	return num(r, o, "uptime", 0, 0, &s->uptime, cause);
}

/* A sample's "procs" and "sys" (the cursor after its timeline). */
static int
read_procs(struct event_reader *r, const cJSON *o, struct event *e,
    char **cause)
{
	struct cursor	 at;
	const cJSON	*a, *v;
	size_t		 n, i;

	if ((a = array(r, o, "procs", EVENT_PROCS_MAX, &n, cause)) == NULL)
		return -1;
	at = r->cur;
	r->nthreads = 0;
	if (n > r->procs_size) {
		r->procs = xreallocarray(r->procs, n, sizeof *r->procs);
		r->ranks = xreallocarray(r->ranks, n, sizeof *r->ranks);
		r->procs_size = n;
	}
	for (i = 0, v = a->child; i < n; i++, v = v->next) {
		if (read_proc(r, v, &r->procs[i], &r->ranks[i],
		    &e->with_threads, cause) != 0)
			return -1;
		if (r->ranks[i] >= 0) {
			e->proc_ranks = r->ranks;
			r->procs[i].has_rank = 1;
			r->procs[i].rank = r->ranks[i];
		}
	}
	e->procs = r->procs;
	e->nprocs = n;
	e->threads = r->threads;
	e->nthreads = r->nthreads;
	r->cur = at;
	if ((v = field(r, o, "sys")) != NULL) {
		if (read_sys(r, v, &r->sys, cause) != 0)
			return -1;
		e->sys = &r->sys;
	}
	return 0;
}

/*
 * A sample; its fields in our writer's order (field_or_null): cpus,
 * timeline, procs, sys. An older stream's timeline, after sys, is looked
 * up (a scan of the record's few members). A skimmed record ends before
 * procs.
 */
static int
read_sample(struct event_reader *r, const cJSON *o, struct event *e,
    char **cause)
{
	struct cursor	 at;
	const cJSON	*a, *v;
	size_t		 n, i;

	if ((a = array(r, o, "cpus", EVENT_CPUS_MAX, &n, cause)) == NULL)
		return -1;
	at = r->cur;
	if (n > r->cpus_size) {
		r->cpus = xreallocarray(r->cpus, n, sizeof *r->cpus);
		r->cpus_size = n;
	}
	for (i = 0, v = a->child; i < n; i++, v = v->next) {
		if (read_cpu(r, v, &r->cpus[i], cause) != 0)
			return -1;
	}
	e->cpus = r->cpus;
	e->ncpus = (int)n;
	r->cur = at;
	if ((v = field(r, o, "timeline")) != NULL) {
		at = r->cur;
		if (read_timeline(r, v, e, cause) != 0)
			return -1;
		r->cur = at;
	}
	if (r->skimmed) {
		e->skimmed = 1;		/* no procs, no sys */
		return 0;
	}
	return read_procs(r, o, e, cause);
}

static int
read_bench(struct event_reader *r, const cJSON *o, struct event *e,
    char **cause)
{
	struct event_bench	*b = &r->bench;
	const cJSON		*a, *v;
	size_t			 n, i;

	memset(b, 0, sizeof *b);
	b->repeat = 1;
	if (str(r, o, "title", 0, 0, &b->title, cause) != 0 ||
	    int_field(r, o, "repeat", 0, 1, 1000000, &b->repeat, cause) != 0 ||
	    int_field(r, o, "workers", 1, 1, 1000000, &b->workers,
	    cause) != 0 ||
	    integer(r, o, "runs", 1, 0, 1000000000L, &b->runs, cause) != 0 ||
	    integer(r, o, "failed", 1, 0, 1000000000L, &b->failed,
	    cause) != 0 ||
	    num(r, o, "wall_median_s", 1, 1, &b->wall_median, cause) != 0 ||
	    num(r, o, "wall_min_s", 1, 1, &b->wall_min, cause) != 0 ||
	    num(r, o, "wall_max_s", 1, 1, &b->wall_max, cause) != 0 ||
	    num(r, o, "speedup", 1, 1, &b->speedup, cause) != 0 ||
	    num(r, o, "efficiency", 1, 1, &b->efficiency, cause) != 0 ||
	    num(r, o, "karp_flatt", 1, 1, &b->karp_flatt, cause) != 0 ||
	    num(r, o, "amdahl_f", 1, 1, &b->amdahl_f, cause) != 0 ||
	    num(r, o, "amdahl_speedup", 1, 1, &b->amdahl_speedup,
	    cause) != 0 ||
	    num(r, o, "busy_mean", 1, 1, &b->busy_mean, cause) != 0 ||
	    str(r, o, "error", 0, 1, &b->error, cause) != 0 ||
	    boolean(r, o, "over_cores", &b->over_cores, cause) != 0 ||
	    boolean(r, o, "short", &b->is_short, cause) != 0 ||
	    int_field(r, o, "cores", 0, 0, EVENT_CPUS_MAX, &b->cores,
	    cause) != 0 ||
	    num(r, o, "floor_s", 0, 0, &b->floor_s, cause) != 0 ||
	    str(r, o, "sized", 0, 1, &b->sized, cause) != 0)
		return -1;
	if (field(r, o, "busy") != NULL) {
		if ((a = array(r, o, "busy", EVENT_CPUS_MAX, &n, cause)) == NULL)
			return -1;
		if (n > r->busy_size) {
			r->busy = xreallocarray(r->busy, n, sizeof *r->busy);
			r->busy_size = n;
		}
		for (i = 0, v = a->child; i < n; i++, v = v->next) {
			if (isnan(r->busy[i] = number_of(v)))
				return bad(r, cause, "a busy figure is not a "
				    "number");
		}
		b->busy = r->busy;
		b->ncpus = (int)n;
	}
	e->bench = b;
	return 0;
}

/* The fields of the other record types, all optional but their own. */
static int
read_event(struct event_reader *r, const cJSON *o, struct event *e,
    char **cause)
{
	const char	*stream = NULL;
	long		 pid = 0;
	int		 req_job = e->type == EVENT_OUTPUT ||
			    e->type == EVENT_START || e->type == EVENT_EXIT;

	if (int_field(r, o, "line", e->type == EVENT_STEP, 1, 100000000,
	    &e->line, cause) != 0 ||
	    str(r, o, "job", req_job, 0, &e->job, cause) != 0)
		return -1;
	switch (e->type) {
	case EVENT_OUTPUT:
		if (integer(r, o, "pid", 1, 0, 0x7fffffff, &pid, cause) != 0 ||
		    str(r, o, "stream", 1, 0, &stream, cause) != 0 ||
		    boolean(r, o, "cut", &e->cut, cause) != 0 ||
		    str(r, o, "text", 1, 0, &e->text, cause) != 0)
			return -1;
		e->err = strcmp(stream, "err") == 0;
		if (field(r, o, "rank") != NULL) {
			e->has_rank = 1;
			if (int_field(r, o, "rank", 1, 0, 0x7fffffff, &e->rank,
			    cause) != 0)
				return -1;
		}
		break;
	case EVENT_HOST:
		if (e->from == NULL)
			return bad(r, cause, "no \"host\"");
		if (str(r, o, "state", 1, 0, &e->state, cause) != 0 ||
		    str(r, o, "reason", 1, 0, &e->reason, cause) != 0)
			return -1;
		if (strcmp(e->state, "connecting") != 0 &&
		    strcmp(e->state, "up") != 0 &&
		    strcmp(e->state, "stale") != 0 &&
		    strcmp(e->state, "down") != 0 &&
		    strcmp(e->state, "lost") != 0)
			return bad(r, cause, "unknown host state");
		break;
	case EVENT_START:
	case EVENT_EXIT:
		if (integer(r, o, "pgid", 1, 0, 0x7fffffff, &pid, cause) != 0)
			return -1;
		if (e->type == EVENT_EXIT &&
		    (int_field(r, o, "status", 1, -1000000, 1000000, &e->status,
		    cause) != 0 ||
		    int_field(r, o, "signal", 1, 0, 1000, &e->signal,
		    cause) != 0))
			return -1;
		break;
	case EVENT_STEP:
		if (str(r, o, "cmd", 1, 0, &e->text, cause) != 0)
			return -1;
		break;
	case EVENT_ERROR:
		if (boolean(r, o, "skipped", &e->skipped, cause) != 0 ||
		    str(r, o, "message", 1, 0, &e->text, cause) != 0)
			return -1;
		break;
	case EVENT_END:
		if (int_field(r, o, "status", 1, -1000000, 1000000, &e->status,
		    cause) != 0 ||
		    str(r, o, "reason", 0, 0, &e->reason, cause) != 0)
			return -1;
		if (field(r, o, "steps") != NULL) {
			e->lesson = 1;
			if (integer(r, o, "steps", 1, 0, 1000000000L, &e->steps,
			    cause) != 0 ||
			    integer(r, o, "failures", 1, 0, 1000000000L,
			    &e->failures, cause) != 0)
				return -1;
		}
		if (cJSON_GetObjectItemCaseSensitive(o, "amdahl_f") != NULL) {
			e->has_fit = 1;
			if (num(r, o, "amdahl_f", 1, 1, &e->amdahl_f,
			    cause) != 0)
				return -1;
		}
		break;
	default:
		break;
	}
	e->pid = pid;
	return 0;
}

/* JSON's white space. */
static inline int
json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Where a sample record line, len can be cut for a skim: the length of
 * what comes before the ',' that precedes its "procs", or 0 to read it
 * whole. It must have a "timeline" before (our writer's order; an older
 * stream has it after), no "host" after (a cluster's record; one before is
 * seen in the parse) and no process with "tasks" (an array; "sys" has a
 * count of that name): the worker view's threads come from every sample.
 * A "procs" inside a string is escaped (\"procs\") and has no ',' before
 * its quote; one inside a nested value leaves the prefix open: its parse
 * fails and the record is read whole.
 */
static size_t
skim_cut(const char *line, size_t len)
{
	const char	*end = line + len, *p, *q, *s;

	if ((p = memmem(line, len, "\"procs\"", 7)) == NULL)
		return 0;
	for (q = p; q > line && json_space(q[-1]); q--)
		/* nothing */;
	if (q == line || *--q != ',' ||
	    memmem(line, (size_t)(q - line), "\"timeline\"", 10) == NULL)
		return 0;
	if (memmem(p + 7, (size_t)(end - p - 7), "\"host\"", 6) != NULL)
		return 0;
	for (s = p + 7; (s = memmem(s, (size_t)(end - s), "\"tasks\"", 7)) !=
	    NULL; ) {
		for (s += 7; s < end && json_space(*s); s++)
			/* nothing */;
		if (s == end || *s++ != ':')
			continue;
		for (; s < end && json_space(*s); s++)
			/* nothing */;
		if (s < end && *s == '[')
			return 0;
	}
	return (size_t)(q - line);
}

/*
 * A sample record parsed skimmed, up to its "procs" (skim_cut), or NULL
 * (then it is parsed whole): it must be an object of type "sample" with a
 * "timeline" and no "host" (a cluster's records are read whole).
 */
static cJSON *
skim(struct event_reader *r, const char *line, size_t len)
{
	const cJSON	*v;
	const char	*end = NULL;
	cJSON		*o;
	size_t		 n;

	if ((n = skim_cut(line, len)) == 0)
		return NULL;
	if (n + 1 > r->cut_size) {
		r->cut_size = n + 1;
		r->cut = xreallocarray(r->cut, 1, r->cut_size);
	}
	memcpy(r->cut, line, n);
	r->cut[n] = '}';
	arena_now = &r->arena;
	o = cJSON_ParseWithLengthOpts(r->cut, n + 1, &end, 0);
	arena_now = NULL;
	if (o != NULL && end == r->cut + n + 1 && cJSON_IsObject(o) &&
	    (v = cJSON_GetObjectItemCaseSensitive(o, "type")) != NULL &&
	    cJSON_IsString(v) && strcmp(v->valuestring, "sample") == 0 &&
	    cJSON_GetObjectItemCaseSensitive(o, "timeline") != NULL &&
	    cJSON_GetObjectItemCaseSensitive(o, "host") == NULL)
		return o;
	release(r);
	return NULL;
}

/*
 * The rest of a sample line that skim() read: "{" and what follows the ','
 * before its "procs", parsed alone. 0 with the processes and "sys" in e,
 * or -1 (released): the line is then read whole, for its message.
 */
static int
parse_rest(struct event_reader *r, const char *line, size_t len,
    struct event *e, char **cause)
{
	const char	*end = NULL, *stop;
	cJSON		*o;
	size_t		 n;

	if (len > EVENT_LINE_MAX || (n = skim_cut(line, len)) == 0)
		return -1;
	if (len - n > r->cut_size) {
		r->cut_size = len - n;
		r->cut = xreallocarray(r->cut, 1, r->cut_size);
	}
	r->cut[0] = '{';
	memcpy(r->cut + 1, line + n + 1, len - n - 1);
	stop = r->cut + (len - n);
	arena_now = &r->arena;
	o = cJSON_ParseWithLengthOpts(r->cut, len - n, &end, 0);
	arena_now = NULL;
	if (o == NULL || end == NULL || end > stop)
		return -1;
	for (; end < stop; end++) {
		if (*end != ' ' && *end != '\t' && *end != '\r') {
			release(r);
			return -1;
		}
	}
	r->obj = o;
	r->taken = line;
	r->taken_len = len;
	r->skimmed = 0;
	e->type = EVENT_SAMPLE;
	if (read_procs(r, o, e, cause) != 0) {
		free(*cause);
		*cause = NULL;
		release(r);
		return -1;
	}
	return 0;
}

int
event_reader_parse_rest(struct event_reader *r, const char *line,
    size_t len, struct event *e, char **cause)
{
	release(r);
	memset(e, 0, sizeof *e);
	*cause = NULL;
	if (parse_rest(r, line, len, e, cause) == 0)
		return 0;
	return event_reader_parse(r, line, len, e, cause);
}

int
event_reader_parse(struct event_reader *r, const char *line, size_t len,
    struct event *e, char **cause)
{
	const char	*end = NULL, *type;
	const cJSON	*v;
	cJSON		*o;
	size_t		 at;
	int		 t;

	release(r);
	memset(e, 0, sizeof *e);
	*cause = NULL;
	if (len > EVENT_LINE_MAX)
		return bad(r, cause, "longer than %u bytes: skipped",
		    EVENT_LINE_MAX);
	r->taken = line;
	r->taken_len = len;
	r->skimmed = 0;
	if (r->skim && (o = skim(r, line, len)) != NULL) {
		r->obj = o;
		r->skimmed = 1;
		e->type = EVENT_SAMPLE;		/* skim() saw its "type" */
		(void)field(r, o, "type");	/* the cursor, in order */
		if (num(r, o, "t", 1, 0, &e->t, cause) != 0)
			return -1;
		if (e->t < 0)
			return bad(r, cause, "\"t\" is negative");
		return read_sample(r, o, e, cause);
	}
	arena_now = &r->arena;
	o = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	arena_now = NULL;
	at = end != NULL && end >= line ? (size_t)(end - line) : 0;
	if (o == NULL) {
		/* Where it stopped: at the end, the record was cut short. */
		if (at >= len)
			return bad(r, cause, "truncated record");
		return bad(r, cause, "not JSON (at byte %zu)", at + 1);
	}
	r->obj = o;
	if (at < len && strspn(line + at, " \t\r") != len - at)
		return bad(r, cause, "text after the record");
	if (!cJSON_IsObject(o))
		return bad(r, cause, "not a JSON object");
	v = field(r, o, "type");
	if (v == NULL || !cJSON_IsString(v))
		return bad(r, cause, "no \"type\"");
	type = v->valuestring;
	if ((t = event_type_find(type)) < 0)
		return bad(r, cause, "unknown record type \"%s\": skipped",
		    keep(r, type, strlen(type)));
	e->type = (enum event_type)t;
	if (e->type == EVENT_HELLO)
		return read_hello(r, o, e, cause);
	if (num(r, o, "t", 1, 0, &e->t, cause) != 0)
		return -1;
	if (e->t < 0)
		return bad(r, cause, "\"t\" is negative");
	if (str(r, o, "host", 0, 0, &e->from, cause) != 0)	/* cluster mode */
		return -1;
	switch (e->type) {
	case EVENT_SAMPLE:
		return read_sample(r, o, e, cause);
	case EVENT_BENCH:
		return read_bench(r, o, e, cause);
	default:
		return read_event(r, o, e, cause);
	}
}

int
event_reader_next(struct event_reader *r, struct event *e, char **cause)
{
	char	*nl, *line;
	size_t	 len;

	*cause = NULL;
	for (;;) {
		nl = memchr(r->buf + r->start, '\n', r->len - r->start);
		if (nl == NULL) {
			if (!r->eof || r->start == r->len) {
				if (r->eof && r->skipping) {
					r->skipping = 0;
					r->lineno++;
					return bad(r, cause, "longer than %u "
					    "bytes: skipped", EVENT_LINE_MAX);
				}
				return 0;
			}
			/* The last line has no newline: a cut stream? */
			line = r->buf + r->start;
			len = r->len - r->start;
			r->line_off = r->base + (off_t)r->start;
			r->start = r->len;
			r->lineno++;
			if (r->skipping) {
				r->skipping = 0;
				return bad(r, cause, "longer than %u bytes: "
				    "skipped", EVENT_LINE_MAX);
			}
			if (event_reader_parse(r, line, len, e, cause) == 0)
				return 1;
			free(*cause);
			return bad(r, cause, "truncated (the stream ends "
			    "inside it)");
		}
		line = r->buf + r->start;
		len = (size_t)(nl - line);
		r->line_off = r->base + (off_t)r->start;
		r->start += len + 1;
		r->lineno++;
		if (r->skipping) {
			r->skipping = 0;
			return bad(r, cause, "longer than %u bytes: skipped",
			    EVENT_LINE_MAX);
		}
		if (len == 0 || (len == 1 && line[0] == '\r'))
			continue;	/* blank lines are allowed */
		if (event_reader_parse(r, line, len, e, cause) == 0)
			return 1;
		return -1;
	}
}

void
event_reader_skim(struct event_reader *r, int on)
{
	r->skim = on;
}

/* Count the next record parsed as line lineno (a line kept elsewhere). */
void
event_reader_number(struct event_reader *r, unsigned long lineno)
{
	r->lineno = lineno;
}

/* The line of the record last parsed (valid until the next fill). */
const char *
event_reader_line(const struct event_reader *r, size_t *len)
{
	*len = r->taken_len;
	return r->taken;
}

/* Where the record last returned starts in the file. */
off_t
event_reader_offset(const struct event_reader *r)
{
	return r->line_off;
}

/*
 * Go on reading at offset off of the file (the start of a line that is
 * line lineno + 1): a seek in a recorded stream. 0, or -1 (errno).
 */
int
event_reader_seek(struct event_reader *r, off_t off, unsigned long lineno)
{
	release(r);
	if (lseek(r->fd, off, SEEK_SET) == (off_t)-1)
		return -1;
	r->start = r->len = 0;
	r->base = r->line_off = off;
	r->eof = 0;
	r->skipping = 0;
	r->lineno = lineno;
	return 0;
}

/* End of file was only for now (a stream that grows): read again. */
void
event_reader_resume(struct event_reader *r)
{
	r->eof = 0;
}
