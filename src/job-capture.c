/*
 * job-capture.c: reads one output channel of a job and splits it into lines,
 * each attributed to the process that wrote it.
 *
 * The channel is the reading end of a Unix stream socketpair whose other end
 * is the children's stdout (or stderr). With SO_PASSCRED set on the reading
 * end, every write carries its writer's credentials and recvmsg() returns them
 * as SCM_CREDENTIALS; the kernel never merges two writers' data into one read
 * (unix(7)). So each read belongs to one pid, and a partial line is kept per
 * writer pid: lines of different writers never mix, even when a writer's line
 * arrives in pieces. Under --pty the channel is the pty master and every line
 * is attributed to the job's process group instead.
 *
 * Lines longer than JOB_LINE_MAX bytes are cut (cut=1) on a character
 * boundary at most 3 bytes before it, and the rest of that line is dropped,
 * so one writer cannot make turbotop's memory grow.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job-int.h"
#include "util.h"

#define CAPTURE_READ		65536	/* bytes per read (pty) */
#define CAPTURE_READS		16	/* reads per capture_read() call */
#define CAPTURE_SLOTS		32	/* messages per recvmmsg() (socket) */
#define CAPTURE_SLOT		4096	/* bytes per message */

/* A writer with a partial line. */
struct writer {
	pid_t		 pid;
	int		 cutting;	/* dropping the rest of a cut line */
	size_t		 len;
	char		 buf[JOB_LINE_MAX];
};

struct capture {
	int		  fd;
	enum out_stream	  stream;
	int		  creds;	/* a SO_PASSCRED socket, not a pty */
	pid_t		  pid;		/* attribution without credentials */
	struct writer	**writers;	/* those with a partial line */
	size_t		  nwriters;
	size_t		  cap;
	struct writer	 *spare;	/* one freed writer, reused */
};

/* Turn on SO_PASSCRED on a socket: every write then carries its writer's pid. */
int
capture_enable_creds(int fd)
{
	int	on = 1;

	return setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
}

/* Wrap fd (non-blocking, owned from now on) as a channel of stream. */
struct capture *
capture_create(int fd, enum out_stream stream, int creds, pid_t pid)
{
	struct capture	*c;

	c = xcalloc(1, sizeof *c);
	c->fd = fd;
	c->stream = stream;
	c->creds = creds;
	c->pid = pid;
	return c;
}

void
capture_free(struct capture *c)
{
	size_t	i;

	if (c == NULL)
		return;
	if (c->fd != -1)
		close(c->fd);
	for (i = 0; i < c->nwriters; i++)
		free(c->writers[i]);
	free(c->writers);
	free(c->spare);
	free(c);
}

int
capture_fd(const struct capture *c)
{
	return c->fd;
}

static struct writer *
writer_find(struct capture *c, pid_t pid, size_t *idx)
{
	size_t	i;

	for (i = 0; i < c->nwriters; i++) {
		if (c->writers[i]->pid == pid) {
			*idx = i;
			return c->writers[i];
		}
	}
	return NULL;
}

/* A writer whose partial line is complete again is forgotten. */
static void
writer_done(struct capture *c, size_t idx)
{
	struct writer	*w = c->writers[idx];

	c->writers[idx] = c->writers[--c->nwriters];
	if (c->spare == NULL)
		c->spare = w;
	else
		free(w);
}

static struct writer *
writer_add(struct capture *c, pid_t pid, size_t *idx)
{
	struct writer	*w;

	if ((w = c->spare) != NULL)
		c->spare = NULL;
	else
		w = xmalloc(sizeof *w);
	w->pid = pid;
	w->cutting = 0;
	w->len = 0;
	if (c->nwriters == c->cap) {
		c->cap = c->cap == 0 ? 8 : c->cap * 2;
		c->writers = xreallocarray(c->writers, c->cap,
		    sizeof *c->writers);
	}
	*idx = c->nwriters;
	c->writers[c->nwriters++] = w;
	return w;
}

/* Append n bytes to w's partial line, cutting it when it grows too long. */
static void
writer_append(struct capture *c, struct writer *w, const char *p, size_t n,
    capture_emit_cb *emit, void *arg)
{
	size_t	room, cut;

	if (w->cutting)
		return;
	room = JOB_LINE_MAX - w->len;
	if (n <= room) {
		memcpy(w->buf + w->len, p, n);
		w->len += n;
		return;
	}
	memcpy(w->buf + w->len, p, room);
	w->len += room;
	cut = sanitize_cut(w->buf, w->len, JOB_LINE_MAX - 3);
	emit(arg, w->pid, c->stream, 1, w->buf, cut);
	w->len = 0;
	w->cutting = 1;
}

/* Split one writer's chunk into lines. */
static void
split(struct capture *c, pid_t pid, const char *p, size_t n,
    capture_emit_cb *emit, void *arg)
{
	struct writer	*w;
	const char	*end = p + n, *nl;
	size_t		 idx = 0;

	w = writer_find(c, pid, &idx);
	while (p < end) {
		nl = memchr(p, '\n', end - p);
		if (nl == NULL) {
			if (w == NULL)
				w = writer_add(c, pid, &idx);
			writer_append(c, w, p, end - p, emit, arg);
			return;
		}
		if (w == NULL) {
			if ((size_t)(nl - p) <= JOB_LINE_MAX)
				emit(arg, pid, c->stream, 0, p, nl - p);
			else {
				emit(arg, pid, c->stream, 1, p,
				    sanitize_cut(p, nl - p, JOB_LINE_MAX - 3));
			}
		} else {
			writer_append(c, w, p, nl - p, emit, arg);
			if (!w->cutting)
				emit(arg, pid, c->stream, 0, w->buf, w->len);
			writer_done(c, idx);
			w = NULL;
		}
		p = nl + 1;
	}
}

/* Credentials of one received message, or fallback. */
static pid_t
msg_pid(struct msghdr *msg, pid_t fallback)
{
	struct cmsghdr	*cmsg;
	struct ucred	 cred;

	for (cmsg = CMSG_FIRSTHDR(msg); cmsg != NULL;
	    cmsg = CMSG_NXTHDR(msg, cmsg)) {
		if (cmsg->cmsg_level == SOL_SOCKET &&
		    cmsg->cmsg_type == SCM_CREDENTIALS &&
		    cmsg->cmsg_len == CMSG_LEN(sizeof cred)) {
			memcpy(&cred, CMSG_DATA(cmsg), sizeof cred);
			if (cred.pid > 0)
				return cred.pid;
		}
	}
	return fallback;
}

/*
 * Up to CAPTURE_SLOTS messages in one recvmmsg(): under a flood every read
 * is one writer's short run, so one system call per run would dominate.
 * Returns the number of slots filled, 0 at end of file, -1 on error.
 */
static int
read_socket(struct capture *c, capture_emit_cb *emit, void *arg)
{
	static char		 buf[CAPTURE_SLOTS][CAPTURE_SLOT];
	static union {
		struct cmsghdr	hdr;
		char		space[CMSG_SPACE(sizeof (struct ucred))];
	}			 cbuf[CAPTURE_SLOTS];
	struct mmsghdr		 m[CAPTURE_SLOTS];
	struct iovec		 iov[CAPTURE_SLOTS];
	int			 n, i;

	memset(m, 0, sizeof m);
	for (i = 0; i < CAPTURE_SLOTS; i++) {
		iov[i].iov_base = buf[i];
		iov[i].iov_len = CAPTURE_SLOT;
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
		m[i].msg_hdr.msg_control = cbuf[i].space;
		m[i].msg_hdr.msg_controllen = sizeof cbuf[i].space;
	}
	n = recvmmsg(c->fd, m, CAPTURE_SLOTS, MSG_DONTWAIT | MSG_CMSG_CLOEXEC,
	    NULL);
	for (i = 0; i < n; i++) {
		if (m[i].msg_len == 0)
			return i == 0 ? 0 : i;	/* EOF after data: next call sees it */
		split(c, msg_pid(&m[i].msg_hdr, c->pid), buf[i], m[i].msg_len,
		    emit, arg);
	}
	return n;
}

/*
 * Read what the channel has (a bounded amount, so one busy job cannot starve
 * the loop) and emit its complete lines. Returns 1 if more may be waiting, 0
 * if the channel is drained for now, -1 at end of file (partial lines are
 * then emitted too and the fd is closed).
 */
int
capture_read(struct capture *c, capture_emit_cb *emit, void *arg)
{
	static char	 buf[CAPTURE_READ];
	ssize_t		 n;
	int		 i;

	if (c->fd == -1)
		return -1;
	for (i = 0; i < CAPTURE_READS; i++) {
		if (c->creds)
			n = read_socket(c, emit, arg);
		else if ((n = read(c->fd, buf, sizeof buf)) > 0)
			split(c, c->pid, buf, n, emit, arg);
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		/* 0, or an error: EIO is how a pty says its last writer left. */
		capture_flush(c, emit, arg);
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 1;
}

/* Emit every partial line as it stands (at end of file). */
void
capture_flush(struct capture *c, capture_emit_cb *emit, void *arg)
{
	struct writer	*w;

	while (c->nwriters > 0) {
		w = c->writers[0];
		if (!w->cutting && w->len > 0)
			emit(arg, w->pid, c->stream, 0, w->buf, w->len);
		writer_done(c, 0);
	}
}
