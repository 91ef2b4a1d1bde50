/*
 * event-read.c: the event stream read back (see event-read.h). Lines are
 * cut out of a bounded buffer (an over-long line is dropped to its newline
 * without being kept), parsed with json-c's strict tokener at a bounded
 * depth, and turned into a struct event field by field: a field of the
 * wrong type or out of range makes the record bad, a field we do not know
 * is ignored (a newer writer may add some).
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
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

	json_tokener		*tok;
	json_object		*obj;		/* the record being read */

	/* What the event last returned points at. */
	char			**strs;
	size_t			 nstrs, strs_size;
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
	r->tok = json_tokener_new_ex(EVENT_DEPTH);
	if (r->tok == NULL)
		fatalx("json_tokener_new_ex failed");
	json_tokener_set_flags(r->tok, JSON_TOKENER_STRICT);
	return r;
}

static void
release(struct event_reader *r)
{
	size_t	i;

	for (i = 0; i < r->nstrs; i++)
		free(r->strs[i]);
	r->nstrs = 0;
	if (r->obj != NULL)
		json_object_put(r->obj);
	r->obj = NULL;
}

void
event_reader_free(struct event_reader *r)
{
	if (r == NULL)
		return;
	release(r);
	json_tokener_free(r->tok);
	free(r->strs);
	free(r->argv);
	free(r->cpus);
	free(r->procs);
	free(r->ranks);
	free(r->cores);
	free(r->runs);
	free(r->threads);
	free(r->busy);
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

/* A field: json-c reads null as a NULL object, so *null tells it apart. */
static json_object *
field_or_null(json_object *o, const char *key, int *null)
{
	json_object	*v = NULL;

	*null = 0;
	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	*null = v == NULL;
	return v;
}

static json_object *
field(json_object *o, const char *key)
{
	int	null;

	return field_or_null(o, key, &null);
}

static int
is_number(json_object *v)
{
	return json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double);
}

/*
 * A number field into *out: 0 right, -1 bad (cause set). Absent: 0 and
 * *out left, or an error if required. null: NAN if nullable.
 */
static int
num(struct event_reader *r, json_object *o, const char *key, int required,
    int nullable, double *out, char **cause)
{
	json_object	*v;
	double		 d;
	int		 null;

	v = field_or_null(o, key, &null);
	if (null && nullable) {
		*out = NAN;
		return 0;
	}
	if (v == NULL && !null) {
		if (required)
			return bad(r, cause, "no \"%s\"", key);
		return 0;
	}
	if (!is_number(v))
		return bad(r, cause, "\"%s\" is not a number", key);
	d = json_object_get_double(v);
	if (!isfinite(d) || d > NUM_MAX || d < -NUM_MAX)
		return bad(r, cause, "\"%s\" is out of range", key);
	*out = d;
	return 0;
}

/* An integer field in [lo, hi]; as num(). */
static int
integer(struct event_reader *r, json_object *o, const char *key, int required,
    long lo, long hi, long *out, char **cause)
{
	json_object	*v = field(o, key);
	int64_t		 i;

	if (v == NULL) {
		if (required)
			return bad(r, cause, "no \"%s\"", key);
		return 0;
	}
	if (!json_object_is_type(v, json_type_int))
		return bad(r, cause, "\"%s\" is not an integer", key);
	errno = 0;
	i = json_object_get_int64(v);
	if (errno != 0 || i < lo || i > hi)
		return bad(r, cause, "\"%s\" is out of range", key);
	*out = (long)i;
	return 0;
}

static int
int_field(struct event_reader *r, json_object *o, const char *key,
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
	d = xmalloc(SANITIZE_SIZE(len));
	sanitize_line(d, s, len);
	if (r->nstrs == r->strs_size) {
		r->strs_size = r->strs_size == 0 ? 16 : r->strs_size * 2;
		r->strs = xreallocarray(r->strs, r->strs_size, sizeof *r->strs);
	}
	r->strs[r->nstrs++] = d;
	return d;
}

/* A string field (sanitised); null reads as NULL if nullable. */
static int
str(struct event_reader *r, json_object *o, const char *key, int required,
    int nullable, const char **out, char **cause)
{
	json_object	*v;
	int		 null;

	v = field_or_null(o, key, &null);
	if (null && nullable) {
		*out = NULL;
		return 0;
	}
	if (v == NULL && !null) {
		if (required)
			return bad(r, cause, "no \"%s\"", key);
		return 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return bad(r, cause, "\"%s\" is not a string", key);
	*out = keep(r, json_object_get_string(v),
	    (size_t)json_object_get_string_len(v));
	return 0;
}

static int
boolean(struct event_reader *r, json_object *o, const char *key, int *out,
    char **cause)
{
	json_object	*v = field(o, key);

	if (v == NULL)
		return 0;
	if (json_object_is_type(v, json_type_boolean))
		*out = json_object_get_boolean(v);
	else if (json_object_is_type(v, json_type_int))
		*out = json_object_get_int64(v) != 0;
	else
		return bad(r, cause, "\"%s\" is not a boolean", key);
	return 0;
}

/* An array field of at most max items; *n its length. */
static json_object *
array(struct event_reader *r, json_object *o, const char *key, size_t max,
    size_t *n, char **cause)
{
	json_object	*v = field(o, key);

	if (v == NULL || !json_object_is_type(v, json_type_array)) {
		bad(r, cause, "\"%s\" is not an array", key);
		return NULL;
	}
	*n = json_object_array_length(v);
	if (*n > max) {
		bad(r, cause, "\"%s\" has %zu items, more than %zu", key, *n,
		    max);
		return NULL;
	}
	return v;
}

static int
object(struct event_reader *r, json_object *v, const char *what, char **cause)
{
	if (v == NULL || !json_object_is_type(v, json_type_object))
		return bad(r, cause, "%s is not an object", what);
	return 0;
}

/* ---- records ---- */

static int
read_hello(struct event_reader *r, json_object *o, struct event *e,
    char **cause)
{
	json_object	*a, *v;
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
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(a, i);
		if (!json_object_is_type(v, json_type_string))
			return bad(r, cause, "argv[%zu] is not a string", i);
		r->argv[i] = (char *)keep(r, json_object_get_string(v),
		    (size_t)json_object_get_string_len(v));
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
read_cpu(struct event_reader *r, json_object *o, struct cpu_sample *c,
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
uint_field(struct event_reader *r, json_object *o, const char *key,
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
figures(struct event_reader *r, json_object *o, double *run, double *wait,
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
read_tasks(struct event_reader *r, json_object *o, pid_t pid, char **cause)
{
	struct thread_sample	*t;
	json_object		*a, *v;
	const char		*name = NULL, *state = NULL;
	size_t			 n, i;
	long			 tid;

	if ((a = array(r, o, "tasks", EVENT_PROCS_MAX, &n, cause)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
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
		v = json_object_array_get_idx(a, i);
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
read_proc(struct event_reader *r, json_object *o, struct proc_sample *p,
    int *rank, char **cause)
{
	const char	*state = NULL, *cmd = NULL;
	long		 pid = 0, ppid = 0, pgid = 0, rss = 0;

	*rank = -1;
	if (json_object_is_type(o, json_type_object) &&
	    int_field(r, o, "rank", 0, 0, 0x7fffffff, rank, cause) != 0)
		return -1;
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
	    uint_field(r, o, "switches", &p->switches, cause) != 0)
		return -1;
	p->pid = (pid_t)pid;
	p->ppid = (pid_t)ppid;
	p->pgid = (pid_t)pgid;
	p->rss_kb = (unsigned long)rss;
	p->state = state[0] >= 'A' && state[0] <= 'Z' ? state[0] : '?';
	snprintf(p->cmd, sizeof p->cmd, "%s", cmd);
	if (field(o, "tasks") != NULL)
		return read_tasks(r, o, p->pid, cause);
	return 0;
}

/* "timeline": the cores' idle time and the threads that ran there. */
static int
read_timeline(struct event_reader *r, json_object *o, struct event *e,
    char **cause)
{
	struct event_timeline	*tl = &r->timeline;
	json_object		*cores, *c, *runs, *v;
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
	for (k = 0; k < n; k++) {
		c = json_object_array_get_idx(cores, k);
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
		for (i = 0; i < m; i++) {
			if (r->nruns == EVENT_PROCS_MAX)
				return bad(r, cause, "more than %d runs",
				    EVENT_PROCS_MAX);
			if (r->nruns == r->runs_size) {
				r->runs_size = r->runs_size == 0 ? 64 :
				    r->runs_size * 2;
				r->runs = xreallocarray(r->runs, r->runs_size,
				    sizeof *r->runs);
			}
			v = json_object_array_get_idx(runs, i);
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
read_sys(struct event_reader *r, json_object *o, struct sys_sample *s,
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
	json_object		*a, *v;
	size_t			 n, i;
	long			 l;

	memset(s, 0, sizeof *s);
	if (object(r, o, "\"sys\"", cause) != 0 ||
	    (a = array(r, o, "load", 3, &n, cause)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(a, i);
		if (!is_number(v) || !isfinite(json_object_get_double(v)) ||
		    fabs(json_object_get_double(v)) > NUM_MAX)
			return bad(r, cause, "a load is not a number");
		s->load[i] = json_object_get_double(v);
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

static int
read_sample(struct event_reader *r, json_object *o, struct event *e,
    char **cause)
{
	json_object	*a;
	size_t		 n, i;

	if ((a = array(r, o, "cpus", EVENT_CPUS_MAX, &n, cause)) == NULL)
		return -1;
	if (n > r->cpus_size) {
		r->cpus = xreallocarray(r->cpus, n, sizeof *r->cpus);
		r->cpus_size = n;
	}
	for (i = 0; i < n; i++) {
		if (read_cpu(r, json_object_array_get_idx(a, i), &r->cpus[i],
		    cause) != 0)
			return -1;
	}
	e->cpus = r->cpus;
	e->ncpus = (int)n;
	if ((a = array(r, o, "procs", EVENT_PROCS_MAX, &n, cause)) == NULL)
		return -1;
	r->nthreads = 0;
	if (n > r->procs_size) {
		r->procs = xreallocarray(r->procs, n, sizeof *r->procs);
		r->ranks = xreallocarray(r->ranks, n, sizeof *r->ranks);
		r->procs_size = n;
	}
	for (i = 0; i < n; i++) {
		if (read_proc(r, json_object_array_get_idx(a, i), &r->procs[i],
		    &r->ranks[i], cause) != 0)
			return -1;
		if (r->ranks[i] >= 0) {
			e->proc_ranks = r->ranks;
			r->procs[i].has_rank = 1;
			r->procs[i].rank = r->ranks[i];
		}
	}
	e->procs = r->procs;
	e->nprocs = n;
	for (i = 0; i < n; i++) {
		if (field(json_object_array_get_idx(a, i), "tasks") != NULL)
			e->with_threads = 1;
	}
	e->threads = r->threads;
	e->nthreads = r->nthreads;
	if (field(o, "timeline") != NULL &&
	    read_timeline(r, field(o, "timeline"), e, cause) != 0)
		return -1;
	if (field(o, "sys") != NULL) {
		if (read_sys(r, field(o, "sys"), &r->sys, cause) != 0)
			return -1;
		e->sys = &r->sys;
	}
	return 0;
}

static int
read_bench(struct event_reader *r, json_object *o, struct event *e,
    char **cause)
{
	struct event_bench	*b = &r->bench;
	json_object		*a, *v;
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
	if (field(o, "busy") != NULL) {
		if ((a = array(r, o, "busy", EVENT_CPUS_MAX, &n, cause)) == NULL)
			return -1;
		if (n > r->busy_size) {
			r->busy = xreallocarray(r->busy, n, sizeof *r->busy);
			r->busy_size = n;
		}
		for (i = 0; i < n; i++) {
			v = json_object_array_get_idx(a, i);
			if (!is_number(v) ||
			    !isfinite(json_object_get_double(v)) ||
			    fabs(json_object_get_double(v)) > NUM_MAX)
				return bad(r, cause, "a busy figure is not a "
				    "number");
			r->busy[i] = json_object_get_double(v);
		}
		b->busy = r->busy;
		b->ncpus = (int)n;
	}
	e->bench = b;
	return 0;
}

/* The fields of the other record types, all optional but their own. */
static int
read_event(struct event_reader *r, json_object *o, struct event *e,
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
		if (field(o, "rank") != NULL) {
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
		if (field(o, "steps") != NULL) {
			e->lesson = 1;
			if (integer(r, o, "steps", 1, 0, 1000000000L, &e->steps,
			    cause) != 0 ||
			    integer(r, o, "failures", 1, 0, 1000000000L,
			    &e->failures, cause) != 0)
				return -1;
		}
		if (json_object_object_get_ex(o, "amdahl_f", NULL)) {
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

int
event_reader_parse(struct event_reader *r, const char *line, size_t len,
    struct event *e, char **cause)
{
	enum json_tokener_error	 jerr;
	json_object		*o, *v;
	const char		*type;
	int			 t;

	release(r);
	memset(e, 0, sizeof *e);
	*cause = NULL;
	if (len > EVENT_LINE_MAX)
		return bad(r, cause, "longer than %u bytes: skipped",
		    EVENT_LINE_MAX);
	json_tokener_reset(r->tok);
	o = json_tokener_parse_ex(r->tok, line, (int)len);
	jerr = json_tokener_get_error(r->tok);
	if (o == NULL || jerr != json_tokener_success) {
		if (o != NULL)
			json_object_put(o);
		if (jerr == json_tokener_continue)
			return bad(r, cause, "truncated record");
		return bad(r, cause, "not JSON: %s",
		    json_tokener_error_desc(jerr));
	}
	r->obj = o;
	if (json_tokener_get_parse_end(r->tok) < len &&
	    strspn(line + json_tokener_get_parse_end(r->tok), " \t\r") !=
	    len - json_tokener_get_parse_end(r->tok))
		return bad(r, cause, "text after the record");
	if (!json_object_is_type(o, json_type_object))
		return bad(r, cause, "not a JSON object");
	v = field(o, "type");
	if (v == NULL || !json_object_is_type(v, json_type_string))
		return bad(r, cause, "no \"type\"");
	type = json_object_get_string(v);
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
