/*
 * replay-play.c: an event stream played back on a clock (replay-play.h).
 *
 * The reader reads a seekable file: the stream itself, or for a pipe an
 * unlinked spool file that standard input is copied to, whole lines only,
 * as it comes. Every sample's offset goes into an index the first time it
 * is read; a seek back clears the source and reads again from the sample
 * REFILL seconds before the target (enough for the history and timeline
 * panes), a seek forward reads on. Output, start and exit records are kept
 * in memory (bounded) so that the run on show can be rebuilt at any time.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "event-read.h"
#include "job.h"
#include "replay-play.h"
#include "source.h"
#include "util.h"

#define REFILL		60.0	/* seconds of samples read again after a seek */
#define FEED_BEHIND	120.0	/* older samples are only indexed */
#define BUDGET_RECORDS	4000	/* records read per poll, to stay responsive */
#define BUDGET_SECS	0.03
#define PUMP_MAX	(1u << 20)	/* bytes taken from stdin per poll */
#define LINES_MAX	1000000	/* output lines kept in memory */
#define HOSTNAMES_MAX	4096	/* hosts named by lines; more are "?" */
#define FOLLOW_POLL	0.1	/* s between looks at a live stream */
#define IDLE_WAIT	1.0	/* s the loop may sleep between frames */
#define WORKERS_MAX	65536	/* workers a job's colours are kept for */
#define TAIL_MAX	(256u << 10) /* bytes read for a file's length */

static const double speeds[] = { 0.25, 0.5, 1, 2, 4, 8, 16 };

/*
 * A job of the stream. Its workers are the threads its samples' timelines
 * name, the writers of its output lines and the processes of its samples
 * read whole (note_sample), in the order the stream first names them
 * (seen: the same, sorted): the replica is given them in that
 * order, so that a worker's colour does not depend on which pane drew it
 * first, and a recording replays in the same colours every time.
 */
struct rjob {
	char		*name;
	long		 pgid;
	double		 start, end;
	int		 ended, status, sig;
	pid_t		*workers, *seen;
	size_t		 nworkers, workersize;
};

struct rline {
	double		 t;
	long		 pid;
	const char	*from;		/* its host (rp->hostnames), or NULL */
	int		 rank;		/* -1: none */
	int		 err, cut;
	size_t		 job;
	char		*text;
};

struct rmark {
	double		 t;
	off_t		 off;
	unsigned long	 lineno;	/* of the line before */
};

/* A skimmed sample's line, kept for what the skim left (struct replay). */
struct kept {
	char			*buf;
	size_t			 n, size;
	unsigned long		 lineno;
	off_t			 off;
};

struct replay {
	char			*name;		/* for messages */
	int			 fd;		/* what the reader reads */
	int			 own_fd;	/* fd is ours to close */
	int			 in_fd;		/* the pipe when spooling, else -1 */
	int			 own_in;	/* in_fd was opened here */
	int			 in_eof;
	off_t			 spooled;
	char			*pend;		/* stdin after its last newline */
	size_t			 npend, pendsize;

	struct event_reader	*r;
	struct source		*src;
	off_t			 frontier;	/* offset of the last record indexed */
	int			 eof;		/* reader at end of what there is */
	double			 known_end;	/* the newest t read */
	double			 tail_end;	/* a file's last record's t */

	struct rjob		*jobs;
	size_t			 njobs;
	struct rline		*lines;
	size_t			 nlines, linesize, lines_dropped;
	char			**hostnames;	/* the lines' hosts, each once */
	size_t			 nhostnames;
	struct rmark		*marks;
	size_t			 nmarks, marksize;

	double			 pos, wall;
	int			 speed;		/* index into speeds[] */
	int			 paused;
	int			 to_end;	/* seeking to the end */
	int			 have_pending;
	struct event		 pending;

	/*
	 * Samples are read skimmed (event-read.h): the lines of the last one
	 * applied so and of the one before it (n 0: none, or it was read
	 * whole), whose procs and sys the reader rest parses from what the
	 * skim left when they are needed; pline is a skimmed pending one's,
	 * or spare. A bad line found so is told once (up to bad_frontier).
	 */
	struct event_reader	*rest;
	struct kept		 last, prev, pline;
	off_t			 bad_frontier;

	struct job		*job;		/* the replica on show */
	size_t			 job_index;	/* into jobs[]; njobs: none */
	size_t			 line_next;	/* lines[] added up to here */
	size_t			 noted;		/* its workers given to job */
	int			 rebuild;
	size_t			 max_lines;

	unsigned long		 errors;
	char			 msg[256];
	int			 has_msg;
};

/*
 * The stream is a pipe (standard input, a FIFO, /dev/fd/N): copy it from
 * in (owned when own_in) to an unlinked file as it comes, so seeks work.
 */
static int
spool_open(struct replay *rp, int in, int own_in, char **cause)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;
	int		 fd;

	xasprintf(&path, "%s/turbotop-replay-XXXXXX", dir != NULL &&
	    *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		xasprintf(cause, "cannot make a spool file %s: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	unlink(path);
	free(path);
	rp->fd = fd;
	rp->own_fd = 1;
	rp->in_fd = in;
	rp->own_in = own_in;
	return 0;
}

/*
 * The t of the last whole record of a file (not a spool: its tail is not
 * there yet), read from up to TAIL_MAX bytes at its end: the recording's
 * length, shown before the reader gets there. 0 if there is none, or it
 * is not a record (the reader tells what is wrong with it when it gets
 * there).
 */
static double
tail_end(struct replay *rp)
{
	struct stat	 st;
	struct event	 e;
	char		*buf, *end, *start, *cause = NULL;
	size_t		 len;
	ssize_t		 n;
	double		 t = 0;

	if (rp->in_fd >= 0 || fstat(rp->fd, &st) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_size <= 0)
		return 0;
	len = st.st_size > TAIL_MAX ? TAIL_MAX : (size_t)st.st_size;
	buf = xmalloc(len);
	n = pread(rp->fd, buf, len, st.st_size - (off_t)len);
	if (n == (ssize_t)len) {
		end = buf + len;
		while (end > buf && end[-1] == '\n')
			end--;
		start = memrchr(buf, '\n', (size_t)(end - buf));
		if (start != NULL)
			start++;
		else if (len == (size_t)st.st_size)
			start = buf;		/* the file is one line */
		if (start != NULL && start < end &&
		    event_reader_parse(rp->rest, start, (size_t)(end - start),
		    &e, &cause) == 0 && e.type != EVENT_HELLO && e.t > 0 &&
		    e.t < 1e9)
			t = e.t;
		free(cause);
	}
	free(buf);
	return t;
}

struct replay *
replay_open(const char *path, size_t max_lines, char **cause)
{
	struct replay	*rp;
	int		 fd;

	rp = xcalloc(1, sizeof *rp);
	rp->in_fd = -1;
	rp->frontier = -1;
	rp->speed = 2;
	rp->max_lines = max_lines;
	rp->job_index = (size_t)-1;
	if (strcmp(path, "-") == 0) {
		rp->name = xstrdup("standard input");
		if (lseek(STDIN_FILENO, 0, SEEK_CUR) != (off_t)-1)
			rp->fd = STDIN_FILENO;
		else if (spool_open(rp, STDIN_FILENO, 0, cause) != 0) {
			replay_free(rp);
			return NULL;
		}
	} else {
		rp->name = xstrdup(path);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
			xasprintf(cause, "cannot read %s: %s", path,
			    strerror(errno));
			replay_free(rp);
			return NULL;
		}
		if (lseek(fd, 0, SEEK_CUR) != (off_t)-1) {
			rp->fd = fd;
			rp->own_fd = 1;
		} else if (spool_open(rp, fd, 1, cause) != 0) {
			close(fd);
			replay_free(rp);
			return NULL;
		}
	}
	rp->r = event_reader_new(rp->fd);
	event_reader_skim(rp->r, 1);
	rp->rest = event_reader_new(-1);
	rp->tail_end = tail_end(rp);
	rp->src = source_stream();
	rp->wall = now_mono();
	return rp;
}

void
replay_free(struct replay *rp)
{
	size_t	i;

	if (rp == NULL)
		return;
	job_free(rp->job);
	event_reader_free(rp->r);
	event_reader_free(rp->rest);
	free(rp->last.buf);
	free(rp->prev.buf);
	free(rp->pline.buf);
	source_free(rp->src);
	if (rp->own_fd && rp->fd >= 0)
		close(rp->fd);
	if (rp->own_in && rp->in_fd >= 0)
		close(rp->in_fd);
	for (i = 0; i < rp->njobs; i++) {
		free(rp->jobs[i].name);
		free(rp->jobs[i].workers);
		free(rp->jobs[i].seen);
	}
	free(rp->jobs);
	for (i = 0; i < rp->nlines; i++)
		free(rp->lines[i].text);
	free(rp->lines);
	for (i = 0; i < rp->nhostnames; i++)
		free(rp->hostnames[i]);
	free(rp->hostnames);
	free(rp->marks);
	free(rp->pend);
	free(rp->name);
	free(rp);
}

static void __attribute__((format(printf, 2, 3)))
message(struct replay *rp, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(rp->msg, sizeof rp->msg, fmt, ap);
	va_end(ap);
	rp->has_msg = 1;
}

/* Append len bytes to the spool at its end (the reader's offset stays). */
static void
spool_write(struct replay *rp, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = pwrite(rp->fd, p, len, rp->spooled);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			message(rp, "spool: %s", strerror(errno));
			rp->in_eof = 1;
			return;
		}
		p += n;
		len -= (size_t)n;
		rp->spooled += n;
	}
}

/* Take what standard input has (without blocking): whole lines to the spool. */
static int
pump(struct replay *rp)
{
	struct pollfd	 pfd;
	char		*nl;
	size_t		 took = 0, keep;
	ssize_t		 n;
	int		 got = 0;

	if (rp->in_fd < 0 || rp->in_eof)
		return 0;
	while (took < PUMP_MAX) {
		pfd.fd = rp->in_fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 0) <= 0 || pfd.revents == 0)
			break;
		if (rp->pendsize - rp->npend < 65536) {
			rp->pendsize = rp->pendsize * 2 + 65536;
			rp->pend = xreallocarray(rp->pend, 1, rp->pendsize);
		}
		n = read(rp->in_fd, rp->pend + rp->npend, rp->pendsize -
		    rp->npend);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			spool_write(rp, rp->pend, rp->npend);	/* a cut last line */
			rp->npend = 0;
			rp->in_eof = 1;
			got = 1;
			break;
		}
		rp->npend += (size_t)n;
		took += (size_t)n;
		nl = memrchr(rp->pend, '\n', rp->npend);
		if (nl == NULL && rp->npend <= EVENT_LINE_MAX + 1)
			continue;
		keep = nl != NULL ? rp->npend - (size_t)(nl + 1 - rp->pend) : 0;
		spool_write(rp, rp->pend, rp->npend - keep);
		memmove(rp->pend, rp->pend + rp->npend - keep, keep);
		rp->npend = keep;
		got = 1;
	}
	if (got)
		event_reader_resume(rp->r);
	return got;
}

/* The job a record names (made at t when the stream never started it). */
static size_t
job_find(struct replay *rp, const char *name, double t)
{
	size_t	i;

	for (i = rp->njobs; i-- > 0; ) {
		if (name == NULL || strcmp(rp->jobs[i].name, name) == 0)
			return i;
	}
	rp->jobs = xreallocarray(rp->jobs, rp->njobs + 1, sizeof *rp->jobs);
	memset(&rp->jobs[rp->njobs], 0, sizeof *rp->jobs);
	rp->jobs[rp->njobs].name = xstrdup(name != NULL ? name : "?");
	rp->jobs[rp->njobs].start = t;
	return rp->njobs++;
}

/* The kept copy of a host's name (the lines point at it), NULL for none. */
static const char *
hostname(struct replay *rp, const char *name)
{
	size_t	i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < rp->nhostnames; i++) {
		if (strcmp(rp->hostnames[i], name) == 0)
			return rp->hostnames[i];
	}
	if (rp->nhostnames >= HOSTNAMES_MAX)	/* a hostile stream */
		return "?";
	rp->hostnames = xreallocarray(rp->hostnames, rp->nhostnames + 1,
	    sizeof *rp->hostnames);
	return rp->hostnames[rp->nhostnames++] = xstrdup(name);
}

/* pid, named by the stream, among job j's workers (once). */
static void
note_worker(struct rjob *j, pid_t pid)
{
	size_t	lo = 0, hi = j->nworkers, mid;

	if (pid <= 0 || j->nworkers >= WORKERS_MAX)
		return;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (j->seen[mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < j->nworkers && j->seen[lo] == pid)
		return;
	if (j->nworkers == j->workersize) {
		j->workersize = j->workersize * 2 + 16;
		j->workers = xreallocarray(j->workers, j->workersize,
		    sizeof *j->workers);
		j->seen = xreallocarray(j->seen, j->workersize,
		    sizeof *j->seen);
	}
	memmove(&j->seen[lo + 1], &j->seen[lo],
	    (j->nworkers - lo) * sizeof *j->seen);
	j->seen[lo] = pid;
	j->workers[j->nworkers++] = pid;
}

/*
 * The workers sample e names, among its job's: the threads its timeline
 * names and, if it was read whole, its processes and threads. (A skimmed
 * sample's processes are read only for some frames; one of them gets its
 * colour when it first runs or writes a line.)
 */
static void
note_sample(struct replay *rp, const struct event *e)
{
	const struct event_timeline	*tl = e->timeline;
	struct rjob			*j;
	size_t				 i;
	int				 c;

	if (rp->njobs == 0 || rp->jobs[rp->njobs - 1].start > e->t)
		return;
	j = &rp->jobs[rp->njobs - 1];
	for (c = 0; tl != NULL && c < tl->ncores; c++) {
		for (i = 0; i < tl->cores[c].nruns; i++)
			note_worker(j, tl->cores[c].runs[i].tid);
	}
	for (i = 0; i < e->nprocs; i++)
		note_worker(j, e->procs[i].pid);
	for (i = 0; i < e->nthreads; i++)
		note_worker(j, e->threads[i].tid);
}

/* A record read for the first time: index it, keep what is kept. */
static void
index_record(struct replay *rp, const struct event *e)
{
	struct rline	*l;
	struct rjob	*j;
	size_t		 k;

	if (e->type != EVENT_HELLO && e->t > rp->known_end)
		rp->known_end = e->t;
	switch (e->type) {
	case EVENT_SAMPLE:
		if (rp->nmarks == rp->marksize) {
			rp->marksize = rp->marksize * 2 + 256;
			rp->marks = xreallocarray(rp->marks, rp->marksize,
			    sizeof *rp->marks);
		}
		rp->marks[rp->nmarks].t = e->t;
		rp->marks[rp->nmarks].off = event_reader_offset(rp->r);
		rp->marks[rp->nmarks].lineno = event_reader_lineno(rp->r) - 1;
		rp->nmarks++;
		note_sample(rp, e);
		break;
	case EVENT_START:
		rp->jobs = xreallocarray(rp->jobs, rp->njobs + 1,
		    sizeof *rp->jobs);
		j = &rp->jobs[rp->njobs++];
		memset(j, 0, sizeof *j);
		j->name = xstrdup(e->job);
		j->pgid = e->pid;
		j->start = e->t;
		break;
	case EVENT_EXIT:
		j = &rp->jobs[job_find(rp, e->job, e->t)];
		j->ended = 1;
		j->end = e->t;
		j->status = e->status;
		j->sig = e->signal;
		if (j->pgid == 0)
			j->pgid = e->pid;
		break;
	case EVENT_OUTPUT:
		k = job_find(rp, e->job, e->t);
		note_worker(&rp->jobs[k], (pid_t)e->pid);
		if (rp->nlines >= LINES_MAX) {
			rp->lines_dropped++;
			break;
		}
		if (rp->nlines == rp->linesize) {
			rp->linesize = rp->linesize * 2 + 1024;
			rp->lines = xreallocarray(rp->lines, rp->linesize,
			    sizeof *rp->lines);
		}
		l = &rp->lines[rp->nlines++];
		l->t = e->t;
		l->pid = e->pid;
		l->err = e->err;
		l->cut = e->cut;
		l->from = hostname(rp, e->from);
		l->rank = e->has_rank ? e->rank : -1;
		l->job = k;
		l->text = xstrdup(e->text);
		break;
	default:
		break;
	}
}

/* A record the playhead passed: samples and hosts' states into the source. */
static int
apply(struct replay *rp, const struct event *e)
{
	if (e->type == EVENT_HELLO || e->type == EVENT_HOST)
		return source_feed(rp->src, e);
	if (e->type != EVENT_SAMPLE || e->t < rp->pos - FEED_BEHIND)
		return 0;
	return source_feed(rp->src, e);
}

/* Keep the line of the record rp->r last returned in k. */
static void
keep_line(struct replay *rp, struct kept *k)
{
	const char	*line;
	size_t		 len;

	line = event_reader_line(rp->r, &len);
	if (len > k->size) {
		k->buf = xreallocarray(k->buf, 1, len);
		k->size = len;
	}
	memcpy(k->buf, line, len);
	k->n = len;
	k->lineno = event_reader_lineno(rp->r);
	k->off = event_reader_offset(rp->r);
}

/*
 * What the skim of the kept line k left (its procs and sys) into w: 0, or
 * -1 if that is bad (told once: the sample stays as it was skimmed).
 */
static int
read_rest(struct replay *rp, const struct kept *k, struct event *w)
{
	char	*cause;

	event_reader_number(rp->rest, k->lineno);
	if (event_reader_parse_rest(rp->rest, k->buf, k->n, w, &cause) == 0)
		return 0;
	if (k->off >= rp->bad_frontier) {
		rp->bad_frontier = k->off + 1;
		rp->errors++;
		if (rp->errors > 1)
			message(rp, "%lu bad lines; %s", rp->errors, cause);
		else
			message(rp, "bad %s", cause);
	}
	free(cause);
	return -1;
}

/*
 * Record e applied; a skimmed sample's line is kept for its procs (read_on
 * reads the last one's rest): the line rp->r last returned, or for the
 * pending record (pending 1) the one kept then.
 */
static int
apply_line(struct replay *rp, const struct event *e, int pending)
{
	struct kept	 k;
	int		 fed;

	if (!(fed = apply(rp, e)) || e->type != EVENT_SAMPLE)
		return fed;
	if (!e->skimmed) {
		rp->last.n = rp->prev.n = 0;	/* the table has its procs */
		return fed;
	}
	if (!pending)
		keep_line(rp, &rp->pline);
	k = rp->prev;
	rp->prev = rp->last;
	rp->last = rp->pline;
	rp->pline = k;
	return fed;
}

/*
 * The processes of the last sample applied, if it was skimmed: the table
 * as a whole read leaves it. If its procs are bad, the sample before's (a
 * seek may have left the table empty).
 */
static void
procs_of_last(struct replay *rp)
{
	struct event	 w;

	if (rp->last.n == 0)
		return;
	if (read_rest(rp, &rp->last, &w) == 0 ||
	    (rp->prev.n > 0 && read_rest(rp, &rp->prev, &w) == 0))
		source_feed_procs(rp->src, &w);
	rp->last.n = rp->prev.n = 0;
}

/* Read records up to the playhead, within the budget; 1 if any applied. */
static int
read_on(struct replay *rp, int *more)
{
	struct event	 e;
	char		*cause;
	double		 until = now_mono() + BUDGET_SECS;
	int		 n, changed = 0, count = 0;

	*more = 0;
	if (rp->have_pending) {
		if (!rp->to_end && rp->pending.t > rp->pos)
			return 0;
		rp->have_pending = 0;
		changed |= apply_line(rp, &rp->pending, 1);
	}
	for (;;) {
		if (++count > BUDGET_RECORDS ||
		    (count % 64 == 0 && now_mono() > until)) {
			*more = 1;
			break;
		}
		n = event_reader_next(rp->r, &e, &cause);
		if (n < 0) {
			if (event_reader_offset(rp->r) > rp->frontier) {
				rp->frontier = event_reader_offset(rp->r);
				rp->errors++;
				if (rp->errors > 1)
					message(rp, "%lu bad lines; %s",
					    rp->errors, cause);
				else
					message(rp, "bad %s", cause);
			}
			free(cause);
			continue;
		}
		if (n == 0) {
			if (event_reader_eof(rp->r)) {
				rp->eof = 1;
				break;
			}
			if (event_reader_fill(rp->r) < 0) {
				message(rp, "%s: %s", rp->name,
				    strerror(errno));
				rp->eof = 1;
				break;
			}
			continue;
		}
		rp->eof = 0;
		if (event_reader_offset(rp->r) > rp->frontier) {
			rp->frontier = event_reader_offset(rp->r);
			index_record(rp, &e);
			if (e.type == EVENT_OUTPUT || e.type == EVENT_START ||
			    e.type == EVENT_EXIT)
				changed = 1;
		}
		if (e.type != EVENT_HELLO && e.t > rp->pos && !rp->to_end) {
			rp->pending = e;
			rp->have_pending = 1;
			if (e.skimmed)	/* the reader's buffer may move */
				keep_line(rp, &rp->pline);
			break;
		}
		changed |= apply_line(rp, &e, 0);
	}
	procs_of_last(rp);
	return changed;
}

/* The job on show at the playhead: the last one started by then. */
static size_t
job_at(const struct replay *rp)
{
	size_t	i, best = (size_t)-1;

	for (i = 0; i < rp->njobs; i++) {
		if (rp->jobs[i].start <= rp->pos)
			best = i;
	}
	return best;
}

/* Keep the replica in step with the playhead; flags. */
static int
update_job(struct replay *rp)
{
	const struct rjob	*j;
	const struct rline	*l;
	size_t			 k = job_at(rp), i, n;
	int			 flags = 0;

	if (k != rp->job_index || rp->rebuild) {
		job_free(rp->job);
		rp->job = NULL;
		rp->job_index = k;
		rp->rebuild = 0;
		flags |= REPLAY_NEW_JOB | REPLAY_CHANGED;
		if (k == (size_t)-1)
			return flags;
		j = &rp->jobs[k];
		rp->job = job_replica(j->name, (pid_t)j->pgid, rp->max_lines);
		/* Its last max_lines lines up to the playhead. */
		for (i = rp->nlines, n = 0; i-- > 0 && n < rp->max_lines; ) {
			if (rp->lines[i].job == k && rp->lines[i].t <= rp->pos)
				n++;
		}
		rp->line_next = i == (size_t)-1 ? 0 : i + 1;
		rp->noted = 0;
	}
	if (rp->job == NULL)
		return flags;
	j = &rp->jobs[k];
	/* Its workers as the stream names them, before a pane draws one. */
	while (rp->noted < j->nworkers)
		(void)job_note_worker(rp->job, j->workers[rp->noted++]);
	while (rp->line_next < rp->nlines &&
	    rp->lines[rp->line_next].t <= rp->pos) {
		l = &rp->lines[rp->line_next++];
		if (l->job != k)
			continue;
		job_replica_line(rp->job, l->t, (pid_t)l->pid, l->err, l->cut,
		    l->text, l->from, l->rank);
		flags |= REPLAY_CHANGED;
	}
	if (j->ended && j->end <= rp->pos) {
		if (job_state(rp->job) != JOB_DONE) {
			job_replica_state(rp->job, 1, j->status, j->sig);
			flags |= REPLAY_CHANGED;
		}
	} else if (job_state(rp->job) == JOB_DONE) {
		job_replica_state(rp->job, 0, 0, 0);
		flags |= REPLAY_CHANGED;
	}
	return flags;
}

int
replay_poll(struct replay *rp, double now, double *wait)
{
	int	flags = 0, more;
	double	w;

	pump(rp);
	if (!rp->paused)
		rp->pos += (now - rp->wall) * speeds[rp->speed];
	rp->wall = now;
	if (read_on(rp, &more))
		flags |= REPLAY_CHANGED;
	if (rp->to_end && !more && rp->eof) {
		rp->to_end = 0;
		rp->pos = rp->known_end;
	}
	/* Never ahead of what there is: a live stream is followed. */
	if (!rp->have_pending && rp->eof && rp->pos > rp->known_end)
		rp->pos = rp->known_end;
	flags |= update_job(rp);
	if (rp->has_msg)
		flags |= REPLAY_MESSAGE;

	/*
	 * Records due are read on the caller's next frame: reading each at
	 * its time would wake the loop 160 times a second (0.1 s samples at
	 * x16) for nothing more to show. Only a backlog (more) or a live
	 * stream asks to come back sooner.
	 */
	if (more)
		w = 0;
	else if (rp->in_fd >= 0 && !rp->in_eof)
		w = FOLLOW_POLL;
	else
		w = IDLE_WAIT;
	*wait = w < 0 ? 0 : w;
	return flags;
}

struct source *
replay_source(struct replay *rp)
{
	return rp->src;
}

struct job *
replay_job(struct replay *rp)
{
	return rp->job;
}

double
replay_job_start(const struct replay *rp)
{
	if (rp->job_index == (size_t)-1 || rp->job_index >= rp->njobs)
		return 0;
	return rp->jobs[rp->job_index].start;
}

double
replay_pos(const struct replay *rp)
{
	return rp->pos;
}

double
replay_length(const struct replay *rp)
{
	return rp->known_end > rp->tail_end ? rp->known_end : rp->tail_end;
}

int
replay_live(const struct replay *rp)
{
	return rp->in_fd >= 0 && !rp->in_eof;
}

int
replay_at_end(const struct replay *rp)
{
	return rp->eof && !rp->have_pending && !replay_live(rp) &&
	    rp->pos >= rp->known_end;
}

const char *
replay_message(struct replay *rp)
{
	if (!rp->has_msg)
		return NULL;
	rp->has_msg = 0;
	return rp->msg;
}

unsigned long
replay_errors(const struct replay *rp)
{
	return rp->errors;
}

void
replay_pause(struct replay *rp, int paused)
{
	rp->paused = paused;
	rp->wall = now_mono();
}

int
replay_paused(const struct replay *rp)
{
	return rp->paused;
}

double
replay_speed(struct replay *rp, int dir)
{
	rp->speed += dir;
	if (rp->speed < 0)
		rp->speed = 0;
	if (rp->speed >= (int)nitems(speeds))
		rp->speed = (int)nitems(speeds) - 1;
	return speeds[rp->speed];
}

/* To the end: read on to the last record (a live stream: follow it). */
void
replay_seek_end(struct replay *rp)
{
	rp->wall = now_mono();
	rp->to_end = 1;
	if (rp->pos < rp->known_end)
		rp->pos = rp->known_end;
}

/*
 * Move the playhead to t (forward: read on; past the end it stops at the
 * last record). Back: the source is cleared and filled again from REFILL
 * seconds before t.
 */
void
replay_seek(struct replay *rp, double t)
{
	size_t	lo = 0, hi = rp->nmarks, mid;
	double	from;

	rp->wall = now_mono();
	if (t < 0)
		t = 0;
	rp->to_end = 0;
	if (t >= rp->pos) {
		rp->pos = t;
		return;
	}
	from = t - REFILL;
	while (lo < hi) {		/* the first mark at or after from */
		mid = (lo + hi) / 2;
		if (rp->marks[mid].t < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	source_clear(rp->src);
	rp->have_pending = 0;
	rp->last.n = rp->prev.n = 0;
	rp->rebuild = 1;
	rp->pos = t;
	if (lo < rp->nmarks) {
		if (event_reader_seek(rp->r, rp->marks[lo].off,
		    rp->marks[lo].lineno) != 0)
			message(rp, "%s: cannot seek: %s", rp->name,
			    strerror(errno));
	} else if (event_reader_seek(rp->r, 0, 0) != 0)
		message(rp, "%s: cannot seek: %s", rp->name, strerror(errno));
	rp->eof = 0;
}
