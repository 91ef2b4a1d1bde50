/*
 * sample-threads.c: the threads of the followed processes, read from /proc
 * once per tick (tl-store.h's thread reader).
 *
 * Every mode needs the list (names, states, cores, and the threads that did
 * nothing in the interval). The sampled timeline also takes its per-thread
 * figures from here: run and wait time from /proc/PID/task/TID/schedstat
 * (the kernel's own accounting, exact to the nanosecond), switches and
 * migrations from .../sched. libproc2 offers none of these, so they are read
 * directly: a few hundred bytes per thread and tick.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/misc.h>

#include "tl-store.h"
#include "util.h"

struct thread_prev {
	pid_t			 tid;
	unsigned long long	 start;		/* tics after boot: tells reuse */
	unsigned long long	 run, wait;	/* ns */
	unsigned long		 mig, vol, invol;
};

struct thread_reader {
	struct tl_acc		*out;
	size_t			 nout, outsize;
	struct thread_prev	*prev, *next;
	size_t			 nprev, nnext, prevsize;
	int			 primed;	/* a previous call set baselines */
	long			 hz;
};

struct thread_reader *
thread_reader_new(void)
{
	struct thread_reader	*r;

	r = xcalloc(1, sizeof *r);
	r->hz = sysconf(_SC_CLK_TCK);
	if (r->hz <= 0)
		r->hz = 100;
	return r;
}

void
thread_reader_free(struct thread_reader *r)
{
	if (r == NULL)
		return;
	free(r->out);
	free(r->prev);
	free(r->next);
	free(r);
}

/* Read a small /proc file into buf (NUL-terminated); its length or -1. */
static ssize_t
read_small(const char *path, char *buf, size_t len)
{
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* stat: name (between the parentheses), state, processor, start time. */
static int
read_stat(const char *dir, struct tl_acc *a, unsigned long long *start)
{
	char		 path[256], buf[1024], *open_, *close_, *p;
	int		 field;
	size_t		 len;

	snprintf(path, sizeof path, "%s/stat", dir);
	if (read_small(path, buf, sizeof buf) <= 0)
		return -1;
	open_ = strchr(buf, '(');
	close_ = strrchr(buf, ')');
	if (open_ == NULL || close_ == NULL || close_ < open_)
		return -1;
	len = (size_t)(close_ - open_ - 1);
	if (len >= sizeof a->name)
		len = sizeof a->name - 1;
	memcpy(a->name, open_ + 1, len);
	a->name[len] = '\0';
	p = close_ + 2;
	a->state = *p;
	/* Fields from 3 (state) on are separated by single spaces. */
	for (field = 3; *p != '\0'; field++) {
		if (field == 22)
			*start = strtoull(p, NULL, 10);
		if (field == 39) {
			a->core = atoi(p);
			break;
		}
		if ((p = strchr(p, ' ')) == NULL)
			break;
		p++;
	}
	return 0;
}

/* The value of "key : value" in a /proc/.../sched text. */
static unsigned long
sched_value(const char *text, const char *key)
{
	const char	*p = text;
	size_t		 len = strlen(key);

	while ((p = strstr(p, key)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[len] == ' ' ||
		    p[len] == ':')) {
			p = strchr(p, ':');
			return p != NULL ? strtoul(p + 1, NULL, 10) : 0;
		}
		p += len;
	}
	return 0;
}

/* schedstat and sched: the cumulative counters of one thread. */
static void
read_counters(const char *dir, struct thread_prev *c)
{
	char	 path[256], buf[4096];

	snprintf(path, sizeof path, "%s/schedstat", dir);
	if (read_small(path, buf, sizeof buf) > 0 &&
	    sscanf(buf, "%llu %llu", &c->run, &c->wait) != 2)
		c->run = c->wait = 0;
	snprintf(path, sizeof path, "%s/sched", dir);
	if (read_small(path, buf, sizeof buf) > 0) {
		c->mig = sched_value(buf, "se.nr_migrations");
		c->vol = sched_value(buf, "nr_voluntary_switches");
		c->invol = sched_value(buf, "nr_involuntary_switches");
	}
}

static int
prev_cmp(const void *a, const void *b)
{
	const struct thread_prev	*x = a, *y = b;

	return (x->tid > y->tid) - (x->tid < y->tid);
}

static unsigned long long
delta(unsigned long long now, unsigned long long then)
{
	return now > then ? now - then : 0;
}

/* Fill a's figures from the counters c and the previous ones. */
static void
account(struct thread_reader *r, struct tl_acc *a,
    const struct thread_prev *c, double interval, double uptime)
{
	struct thread_prev	 zero, *p;
	double			 ms = interval * 1000, lived;

	memset(&zero, 0, sizeof zero);
	p = r->nprev == 0 ? NULL : bsearch(c, r->prev, r->nprev,
	    sizeof *r->prev, prev_cmp);
	lived = ms;
	if (p == NULL || p->start != c->start) {
		/* New since the last call: from 0 if it started since. */
		lived = uptime * 1000 - (double)c->start * 1000 / (double)r->hz;
		if (!r->primed || lived > ms + 2000.0 / (double)r->hz)
			return;
		if (lived > ms)
			lived = ms;
		if (lived < 0)
			lived = 0;
		p = &zero;
	}
	a->run_ms = (double)delta(c->run, p->run) / 1e6;
	a->wait_ms = (double)delta(c->wait, p->wait) / 1e6;
	a->migrations = (unsigned)delta(c->mig, p->mig);
	a->vol = (unsigned)delta(c->vol, p->vol);
	a->invol = (unsigned)delta(c->invol, p->invol);
	if (a->run_ms > ms)
		a->run_ms = ms;
	if (a->wait_ms > ms - a->run_ms)
		a->wait_ms = ms - a->run_ms;
	a->sleep_ms = lived - a->run_ms - a->wait_ms;
	if (a->sleep_ms < 0)
		a->sleep_ms = 0;
}

static double
uptime_now(void)
{
	double	up = 0;

	if (procps_uptime(&up, NULL) < 0)
		return 0;
	return up;
}

size_t
thread_reader_read(struct thread_reader *r, const pid_t *pids, size_t npids,
    int counters, double interval, struct tl_acc **out)
{
	char			 dir[64], task[128];
	struct dirent		*de;
	struct tl_acc		*a;
	struct thread_prev	*c, *swap;
	DIR			*d;
	double			 up = counters ? uptime_now() : 0;
	size_t			 i;
	long			 tid;

	r->nout = r->nnext = 0;
	for (i = 0; i < npids; i++) {
		snprintf(dir, sizeof dir, "/proc/%d/task", (int)pids[i]);
		if ((d = opendir(dir)) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			if ((tid = strtol(de->d_name, NULL, 10)) <= 0)
				continue;
			if (r->nout == r->outsize) {
				r->outsize = r->outsize * 2 + 32;
				r->out = xreallocarray(r->out, r->outsize,
				    sizeof *r->out);
			}
			if (r->nnext == r->prevsize) {
				r->prevsize = r->prevsize * 2 + 32;
				r->next = xreallocarray(r->next, r->prevsize,
				    sizeof *r->next);
				r->prev = xreallocarray(r->prev, r->prevsize,
				    sizeof *r->prev);
			}
			a = &r->out[r->nout];
			memset(a, 0, sizeof *a);
			a->pid = pids[i];
			a->tid = (pid_t)tid;
			a->core = -1;
			c = &r->next[r->nnext];
			memset(c, 0, sizeof *c);
			c->tid = (pid_t)tid;
			snprintf(task, sizeof task, "%s/%ld", dir, tid);
			if (read_stat(task, a, &c->start) != 0)
				continue;	/* gone meanwhile */
			r->nout++;
			if (!counters)
				continue;
			read_counters(task, c);
			r->nnext++;
			account(r, a, c, interval, up);
		}
		closedir(d);
	}
	if (counters) {
		if (r->nnext > 1)
			qsort(r->next, r->nnext, sizeof *r->next, prev_cmp);
		swap = r->prev;
		r->prev = r->next;
		r->next = swap;
		r->nprev = r->nnext;
		r->primed = 1;
	} else {
		r->nprev = 0;
		r->primed = 0;
	}
	*out = r->out;
	return r->nout;
}
