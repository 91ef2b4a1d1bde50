/*
 * cluster.c: the agents of cluster mode (see cluster.h): start one per host
 * over the rsh, read its stream with the event reader (line and record size
 * limits, schema checks, sanitised strings), hand each record on marked
 * with its host, and keep each host's state.
 *
 * An agent runs as "RSH HOST 'AGENT' --agent=MARKER -d SECS" in a process
 * group of its own, with the TURBOTOP_JOB marker in its environment and
 * PR_SET_PDEATHSIG: if turbotop dies, the rsh dies (and the watchdog's
 * sweep finds it), the agent's input closes and it sweeps its host.
 */
#include "config.h"

#include <sys/epoll.h>
#include <sys/prctl.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cluster.h"
#include "event-read.h"
#include "job-int.h"
#include "job.h"
#include "util.h"

#define ERR_KEEP	1024	/* bytes of the rsh's stderr kept */
#define STOP_WAIT	2.0	/* s for the agents to end once their input closes */

enum host_state {
	HOST_CONNECTING,
	HOST_UP,
	HOST_STALE,
	HOST_DOWN,
	HOST_LOST
};

static const char *state_names[] = { "connecting", "up", "stale", "down",
    "lost" };

struct chost {
	struct cluster		*c;
	const char		*name;
	enum host_state		 state;
	pid_t			 pid;		/* the rsh; its group too */
	int			 in, out, err;	/* -1: closed */
	struct event_reader	*r;
	char			 errbuf[ERR_KEEP];
	size_t			 errlen;
	int			 hello;		/* this connection said hello */
	int			 announced;	/* its "connecting" record written */
	int			 settled;	/* its first try answered: up or down */
	double			 last_sample;
	double			 backoff, retry_at;	/* retry_at 0: none */
};

struct cluster {
	struct cluster_config	 cfg;
	struct chost		*h;
	size_t			 n;
	int			 ep;
	char			*remote;	/* the command run on each host */
	char			**envp;		/* ours plus the marker: */
	char			*marker_env;
	double			 t0;
};

/* 'word', quoted for the remote shell the rsh hands the command to. */
static void
shell_quote(char **out, const char *word)
{
	char	*q, *p;
	size_t	 n = 3;

	for (p = (char *)word; *p != '\0'; p++)
		n += *p == '\'' ? 4 : 1;
	q = *out = xmalloc(n);
	*q++ = '\'';
	for (; *word != '\0'; word++) {
		if (*word == '\'') {
			memcpy(q, "'\\''", 4);
			q += 4;
		} else
			*q++ = *word;
	}
	*q++ = '\'';
	*q = '\0';
}

static void
emit_state(struct chost *h, enum host_state st, const char *reason)
{
	struct event	e;

	h->state = st;
	memset(&e, 0, sizeof e);
	e.type = EVENT_HOST;
	e.t = now_mono() - h->c->t0;
	e.from = h->name;
	e.state = state_names[st];
	e.reason = reason;
	h->c->cfg.emit(h->c->cfg.arg, &e);
}

static void
close_fd(struct chost *h, int *fd)
{
	if (*fd == -1)
		return;
	epoll_ctl(h->c->ep, EPOLL_CTL_DEL, *fd, NULL);
	close(*fd);
	*fd = -1;
}

static void
watch_fd(struct chost *h, int fd)
{
	struct epoll_event	ev;

	memset(&ev, 0, sizeof ev);
	ev.events = EPOLLIN;
	ev.data.ptr = h;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (epoll_ctl(h->c->ep, EPOLL_CTL_ADD, fd, &ev) != 0)
		fatal("epoll_ctl");
}

/* Start the agent of h over the rsh. */
static void
host_connect(struct chost *h)
{
	struct cluster	*c = h->c;
	int		 in[2], out[2], err[2];
	char		**argv;
	size_t		 nrsh, i;
	sigset_t	 all, old;
	pid_t		 pid;

	h->retry_at = 0;
	h->hello = 0;
	h->errlen = 0;
	if (pipe2(in, O_CLOEXEC) != 0)
		fatal("pipe");
	if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
		fatal("pipe");
	for (nrsh = 0; c->cfg.rsh[nrsh] != NULL; nrsh++)
		;
	argv = xcalloc(nrsh + 3, sizeof *argv);
	for (i = 0; i < nrsh; i++)
		argv[i] = c->cfg.rsh[i];
	argv[nrsh] = (char *)h->name;	/* validated: never an option */
	argv[nrsh + 1] = c->remote;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0) {
		jobsig_child_reset();
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		setpgid(0, 0);
		if (dup2(in[0], STDIN_FILENO) == -1 ||
		    dup2(out[1], STDOUT_FILENO) == -1 ||
		    dup2(err[1], STDERR_FILENO) == -1)
			_exit(127);
		execvpe(argv[0], argv, c->envp);
		dprintf(STDERR_FILENO, "cannot run the rsh %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(argv);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (pid == -1) {
		close(in[1]);
		close(out[0]);
		close(err[0]);
		h->in = h->out = h->err = -1;
		h->retry_at = now_mono() + h->backoff;
		h->settled = 1;
		emit_state(h, HOST_DOWN, "cannot fork the rsh");
		return;
	}
	setpgid(pid, pid);
	watchdog_record_group(pid);
	h->pid = pid;
	h->in = in[1];
	h->out = out[0];
	h->err = err[0];
	watch_fd(h, h->out);
	watch_fd(h, h->err);
	event_reader_free(h->r);
	h->r = event_reader_new(h->out);
	if (h->state != HOST_LOST && h->state != HOST_DOWN)
		h->state = HOST_CONNECTING;
	/* The first try: the host is named at once, before its agent answers. */
	if (!h->announced) {
		h->announced = 1;
		emit_state(h, HOST_CONNECTING, "");
	}
}

/* The last non-empty line of what the rsh wrote on stderr, sanitised. */
static char *
err_text(struct chost *h)
{
	char	*s, *start, *end;
	char	*clean;
	size_t	 len;

	s = xstrndup(h->errbuf, h->errlen);
	end = s + strlen(s);
	while (end > s && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		*--end = '\0';
	start = strrchr(s, '\n');
	start = start != NULL ? start + 1 : s;
	len = strlen(start);
	clean = xmalloc(SANITIZE_SIZE(len));
	sanitize_line(clean, start, len);
	free(s);
	return clean;
}

static void
read_err(struct chost *h)
{
	char	buf[512];
	ssize_t	n;
	size_t	keep;

	while (h->err != -1) {
		n = read(h->err, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0 || errno != EAGAIN)
				close_fd(h, &h->err);
			return;
		}
		/* Keep the last ERR_KEEP bytes (buf is smaller). */
		if (h->errlen + (size_t)n > sizeof h->errbuf) {
			keep = sizeof h->errbuf - (size_t)n;
			memmove(h->errbuf, h->errbuf + h->errlen - keep, keep);
			h->errlen = keep;
		}
		memcpy(h->errbuf + h->errlen, buf, (size_t)n);
		h->errlen += (size_t)n;
	}
}

/* The agent's stream ended: down (never said hello) or lost; retry later. */
static void
host_ended(struct chost *h)
{
	struct cluster	*c = h->c;
	char		*why, *reason;

	read_err(h);
	close_fd(h, &h->out);
	close_fd(h, &h->err);
	if (h->in != -1) {
		close(h->in);
		h->in = -1;
	}
	if (h->pid > 0) {
		kill(-h->pid, SIGKILL);
		watchdog_forget_group(h->pid);
		h->pid = 0;
	}
	why = err_text(h);
	if (h->hello)
		xasprintf(&reason, "the agent's stream ended%s%s",
		    *why != '\0' ? ": " : "", why);
	else if (strncmp(why, "cannot run the rsh", 18) != 0 &&
	    (strstr(why, "not found") != NULL ||
	    strstr(why, "No such file") != NULL))
		xasprintf(&reason, "turbotop is not installed on %s as %s "
		    "(it must be on every host, as MPI programs must): %s",
		    h->name, c->cfg.agent, why);
	else
		reason = xstrdup(*why != '\0' ? why :
		    "the rsh ended without a word");
	if (h->hello)
		h->backoff = CLUSTER_BACKOFF_MIN;
	h->retry_at = now_mono() + h->backoff;
	h->settled = 1;
	emit_state(h, h->hello ? HOST_LOST : HOST_DOWN, reason);
	h->backoff *= 2;
	if (h->backoff > CLUSTER_BACKOFF_MAX)
		h->backoff = CLUSTER_BACKOFF_MAX;
	free(reason);
	free(why);
}

/* One record of h's agent: hand it on, marked with the host. */
static void
host_record(struct chost *h, struct event *e)
{
	struct cluster	*c = h->c;
	char		*reason;

	switch (e->type) {
	case EVENT_HELLO:
		if (h->hello)
			return;		/* one per connection */
		h->hello = 1;
		h->settled = 1;
		h->backoff = CLUSTER_BACKOFF_MIN;
		h->last_sample = now_mono();
		xasprintf(&reason, "turbotop %s, %d cores", e->version,
		    e->cores);
		emit_state(h, HOST_UP, reason);
		free(reason);
		return;
	case EVENT_END:
		return;			/* the merged stream has one end */
	case EVENT_HOST:
		return;			/* an agent has no hosts */
	case EVENT_SAMPLE:
		if (!h->hello)
			return;
		h->last_sample = now_mono();
		if (h->state == HOST_STALE)
			emit_state(h, HOST_UP, "samples again");
		break;
	default:
		if (!h->hello)
			return;
		break;
	}
	e->from = h->name;
	e->t = now_mono() - c->t0;	/* our clock, not the agent's */
	c->cfg.emit(c->cfg.arg, e);
}

/* Read what h's agent sent; bad lines become error records. */
static void
host_read(struct chost *h)
{
	struct event	 e;
	char		*cause;
	int		 rc, eof = 0;

	rc = event_reader_fill(h->r);
	if (rc == 0 || (rc < 0 && errno != EAGAIN))
		eof = 1;
	while ((rc = event_reader_next(h->r, &e, &cause)) != 0) {
		if (rc == 1) {
			host_record(h, &e);
			continue;
		}
		memset(&e, 0, sizeof e);
		e.type = EVENT_ERROR;
		e.t = now_mono() - h->c->t0;
		e.from = h->name;
		e.text = cause;
		h->c->cfg.emit(h->c->cfg.arg, &e);
		free(cause);
	}
	if (eof)
		host_ended(h);
}

struct cluster *
cluster_start(const struct cluster_config *cfg)
{
	extern char	**environ;
	struct cluster	 *c;
	char		 *path, *marker, *delay;
	size_t		  n, i;

	c = xcalloc(1, sizeof *c);
	c->cfg = *cfg;
	c->t0 = now_mono();
	if ((c->ep = epoll_create1(EPOLL_CLOEXEC)) == -1)
		fatal("epoll_create1");

	shell_quote(&path, cfg->agent);
	if (cfg->marker != NULL) {
		shell_quote(&marker, cfg->marker);
		xasprintf(&delay, "%s --agent=%s -d %.3f", path, marker,
		    cfg->delay);
		free(marker);
	} else
		xasprintf(&delay, "%s --agent -d %.3f", path, cfg->delay);
	c->remote = delay;
	free(path);

	/* The rsh carries the marker: quit's sweep and the watchdog's find it. */
	for (n = 0; environ[n] != NULL; n++)
		;
	c->envp = xcalloc(n + 2, sizeof *c->envp);
	for (i = 0; i < n; i++)
		c->envp[i] = environ[i];
	xasprintf(&c->marker_env, "%sagents/", jobs_marker());
	c->envp[n] = c->marker_env;

	c->n = cfg->hosts->n;
	c->h = xcalloc(c->n, sizeof *c->h);
	for (i = 0; i < c->n; i++) {
		c->h[i].c = c;
		c->h[i].name = cfg->hosts->v[i].name;
		c->h[i].in = c->h[i].out = c->h[i].err = -1;
		c->h[i].backoff = CLUSTER_BACKOFF_MIN;
		host_connect(&c->h[i]);
	}
	return c;
}

int
cluster_fd(const struct cluster *c)
{
	return c->ep;
}

/* Read every agent that has something, then the timers. */
void
cluster_service(struct cluster *c)
{
	struct epoll_event	 ev[64];
	struct chost		*h;
	double			 now;
	char			*reason;
	int			 n, i;
	size_t			 k;

	while ((n = epoll_wait(c->ep, ev, (int)nitems(ev), 0)) > 0) {
		for (i = 0; i < n; i++) {
			h = ev[i].data.ptr;
			/* Only the stdout reader counts: stderr is kept. */
			if (h->err != -1)
				read_err(h);
			if (h->out != -1)
				host_read(h);
		}
		if (n < (int)nitems(ev))
			break;
	}
	now = now_mono();
	for (k = 0; k < c->n; k++) {
		h = &c->h[k];
		if (h->retry_at > 0 && now >= h->retry_at && h->out == -1)
			host_connect(h);
		if (h->state == HOST_UP && h->hello &&
		    now - h->last_sample > CLUSTER_STALE_AFTER *
		    c->cfg.delay + 0.5) {
			xasprintf(&reason, "no sample for %.1f s",
			    now - h->last_sample);
			emit_state(h, HOST_STALE, reason);
			free(reason);
		}
	}
}

/* Hosts whose first try has not answered yet: still connecting. */
size_t
cluster_unsettled(const struct cluster *c)
{
	size_t	k, n = 0;

	for (k = 0; k < c->n; k++)
		n += !c->h[k].settled;
	return n;
}

/* The next time cluster_service() has a timer to run (0: none). */
double
cluster_next_timer(const struct cluster *c)
{
	const struct chost	*h;
	double			 next = 0, t;
	size_t			 k;

	for (k = 0; k < c->n; k++) {
		h = &c->h[k];
		t = 0;
		if (h->retry_at > 0)
			t = h->retry_at;
		else if (h->state == HOST_UP && h->hello)
			t = h->last_sample + CLUSTER_STALE_AFTER *
			    c->cfg.delay + 0.6;
		if (t > 0 && (next == 0 || t < next))
			next = t;
	}
	return next;
}

/*
 * Close every agent's input (each sweeps its host and ends), wait a little
 * for their streams to end, then kill what is left of the rshs.
 */
void
cluster_stop(struct cluster *c)
{
	struct chost	*h;
	double		 end = now_mono() + STOP_WAIT;
	size_t		 k, open;
	struct epoll_event ev[16];

	for (k = 0; k < c->n; k++) {
		h = &c->h[k];
		h->retry_at = 0;
		if (h->in != -1) {
			close(h->in);
			h->in = -1;
		}
	}
	for (;;) {
		for (open = 0, k = 0; k < c->n; k++)
			open += c->h[k].out != -1;
		if (open == 0 || now_mono() >= end)
			break;
		epoll_wait(c->ep, ev, (int)nitems(ev), 50);
		for (k = 0; k < c->n; k++) {
			h = &c->h[k];
			if (h->err != -1)
				read_err(h);
			if (h->out != -1 && event_reader_fill(h->r) == 0)
				close_fd(h, &h->out);
		}
	}
	for (k = 0; k < c->n; k++) {
		h = &c->h[k];
		close_fd(h, &h->out);
		close_fd(h, &h->err);
		if (h->pid > 0) {
			kill(-h->pid, SIGKILL);
			watchdog_forget_group(h->pid);
			h->pid = 0;
		}
	}
}

void
cluster_free(struct cluster *c)
{
	size_t	k;

	if (c == NULL)
		return;
	cluster_stop(c);
	for (k = 0; k < c->n; k++)
		event_reader_free(c->h[k].r);
	free(c->h);
	free(c->marker_env);
	free(c->envp);
	free(c->remote);
	close(c->ep);
	free(c);
}
