/*
 * record.c: asciicast v2 recordings of the TUI (-r/--record FILE).
 *
 * Why a pty and not a FILE handed to newterm(): ncurses 6 writes with
 * write(2) on the FILE's descriptor and needs that descriptor to be a
 * terminal for its modes and size, so a fopencookie() stream gets nothing
 * drawn and a 80x24 screen. Instead, as script(1) does, the TUI draws on a
 * pseudo-terminal (dup'ed onto fds 0 and 1) and a thread passes every byte on
 * to the real terminal and appends it to the recording, so the file holds
 * exactly what was drawn. The file is written through a large stdio buffer,
 * never flushed per event, so recording costs the display one extra copy.
 *
 * Format (https://docs.asciinema.org/manual/asciicast/v2/): a header object
 * on the first line, then one [seconds, "o", text] array a line; times are
 * relative to the start and never go back; "r" events carry "WxH" resizes.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "json.h"
#include "options.h"
#include "record.h"
#include "ui.h"
#include "util.h"

#define RECORD_BUFFER		(256 * 1024)	/* stdio buffer of the file */
#define RECORD_CHUNK		(64 * 1024)	/* bytes read from the pty at once */
#define RECORD_SIZE_CHECK	0.1		/* seconds between terminal size checks */
#define RECORD_DRAIN_IDLE	50		/* ms of silence that ends the drain */
#define RECORD_DRAIN_MAX	2.0		/* seconds the drain may take at most */

struct recording {
	FILE		*f;
	struct json	*j;
	double		 last;		/* time of the last event */
	char		 pending[4];	/* an incomplete UTF-8 sequence */
	size_t		 npending;
	double		 pending_t;	/* when it arrived */
};

/* The one proxy between the TUI and the terminal. */
static struct {
	int			 active;
	int			 real_in, real_out;	/* the terminal, dup'ed */
	int			 master;
	int			 wake[2];		/* record_stop() -> thread */
	struct termios		 saved;			/* the terminal's modes */
	struct winsize		 ws;
	double			 start;
	char			*path;
	struct recording	*rec;
	pthread_t		 thread;
	int			 atexit_set;
} proxy = { .real_in = -1, .real_out = -1, .master = -1,
    .wake = { -1, -1 } };

/* Write one finished record line (the JSON built in r->j) to the file. */
static void
record_line(struct recording *r)
{
	const char	*text;
	size_t		 len;

	text = json_text(r->j, &len);
	fwrite(text, 1, len, r->f);
	fputc('\n', r->f);
	json_reset(r->j);
}

/*
 * Start a recording on f (written, then closed by record_finish()): the
 * header with the screen size, the start time (seconds since the epoch) and
 * a title (may be NULL).
 */
struct recording *
record_new(FILE *f, int w, int h, double timestamp, const char *title)
{
	struct recording	*r;
	const char		*term = getenv("TERM");

	r = xcalloc(1, sizeof *r);
	r->f = f;
	r->j = json_new();
	json_object_begin(r->j);
	json_key(r->j, "version");
	json_int(r->j, 2);
	json_key(r->j, "width");
	json_int(r->j, w);
	json_key(r->j, "height");
	json_int(r->j, h);
	json_key(r->j, "timestamp");
	json_int(r->j, (long long)timestamp);
	if (title != NULL) {
		json_key(r->j, "title");
		json_string(r->j, title);
	}
	json_key(r->j, "env");
	json_object_begin(r->j);
	json_key(r->j, "TERM");
	json_string(r->j, term != NULL ? term : "xterm-256color");
	json_object_end(r->j);
	json_object_end(r->j);
	record_line(r);
	return r;
}

/* One event: [t, type, data]; times never go back. */
static void
record_event(struct recording *r, double t, const char *type, const char *data,
    size_t len)
{
	if (t < r->last)
		t = r->last;
	r->last = t;
	json_array_begin(r->j);
	json_double(r->j, t, 6);
	json_string(r->j, type);
	json_stringn(r->j, data, len);
	json_array_end(r->j);
	record_line(r);
}

/* Bytes at the end of s[0..len) that start a UTF-8 sequence not yet complete. */
static size_t
utf8_incomplete(const unsigned char *s, size_t len)
{
	size_t		i, need;

	for (i = len; i > 0 && len - i < 3; i--) {
		if ((s[i - 1] & 0xc0) == 0x80)
			continue;		/* a continuation byte */
		if (s[i - 1] < 0xc0)
			return 0;		/* ASCII (or stray): complete */
		need = s[i - 1] >= 0xf0 ? 4 : (s[i - 1] >= 0xe0 ? 3 : 2);
		return len - (i - 1) < need ? len - (i - 1) : 0;
	}
	return 0;
}

/*
 * Output drawn at t seconds: one "o" event. A UTF-8 sequence cut at the end
 * is kept for the next event, so every event is valid text on its own.
 */
void
record_output(struct recording *r, double t, const char *buf, size_t len)
{
	char	*joined = NULL;
	size_t	 n, keep;

	if (r->npending > 0) {
		joined = xmalloc(r->npending + len);
		memcpy(joined, r->pending, r->npending);
		memcpy(joined + r->npending, buf, len);
		buf = joined;
		len += r->npending;
		r->npending = 0;
	}
	keep = utf8_incomplete((const unsigned char *)buf, len);
	n = len - keep;
	if (n > 0)
		record_event(r, t, "o", buf, n);
	memcpy(r->pending, buf + n, keep);
	r->npending = keep;
	r->pending_t = t;
	free(joined);
}

/* The screen became w x h at t seconds: an "r" event. */
void
record_resize(struct recording *r, double t, int w, int h)
{
	char	size[32];
	int	n;

	n = snprintf(size, sizeof size, "%dx%d", w, h);
	record_event(r, t, "r", size, n);
}

/* Write what is pending and close the file; 0, or -1 if any write failed. */
int
record_finish(struct recording *r)
{
	int	rc = 0;

	if (r->npending > 0)
		record_event(r, r->pending_t, "o", r->pending, r->npending);
	if (fflush(r->f) != 0 || ferror(r->f))
		rc = -1;
	if (fclose(r->f) != 0)
		rc = -1;
	json_free(r->j);
	free(r);
	return rc;
}

/* Write all of buf to fd; -1 on an error other than EINTR. */
static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			struct pollfd	pfd = { .fd = fd, .events = POLLOUT };

			poll(&pfd, 1, 100);
			continue;
		}
		if (n <= 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Pass a size change of the real terminal on to the pty and the TUI. */
static void
proxy_check_size(void)
{
	struct winsize	ws;

	if (ioctl(proxy.real_out, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
		return;
	if (ws.ws_col == proxy.ws.ws_col && ws.ws_row == proxy.ws.ws_row)
		return;
	proxy.ws = ws;
	ioctl(proxy.master, TIOCSWINSZ, &ws);
	record_resize(proxy.rec, now_mono() - proxy.start, ws.ws_col, ws.ws_row);
	/* The TUI may have read the old size on the terminal's own SIGWINCH. */
	kill(getpid(), SIGWINCH);
}

/*
 * The thread: pty output to the terminal and the recording, keys to the
 * pty, size changes. After record_stop() wakes it, it drains the pty until
 * it is quiet and returns.
 */
static void *
proxy_run(void *arg)
{
	struct pollfd	 pfd[3];
	char		*buf;
	ssize_t		 n;
	double		 checked = 0, stop_at = 0;
	int		 stopping = 0, input = 1;

	buf = xmalloc(RECORD_CHUNK);
	for (;;) {
		pfd[0].fd = proxy.master;
		pfd[0].events = POLLIN;
		pfd[1].fd = stopping ? -1 : proxy.wake[0];
		pfd[1].events = POLLIN;
		pfd[2].fd = input && !stopping ? proxy.real_in : -1;
		pfd[2].events = POLLIN;
		n = poll(pfd, 3, stopping ? RECORD_DRAIN_IDLE :
		    (int)(RECORD_SIZE_CHECK * 1000));
		if (n < 0 && errno != EINTR)
			break;
		if (n == 0 && stopping)
			break;
		if (n > 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = read(proxy.master, buf, RECORD_CHUNK);
			if (n > 0) {
				write_all(proxy.real_out, buf, n);
				record_output(proxy.rec, now_mono() - proxy.start,
				    buf, n);
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN))
				break;
		}
		if (pfd[1].revents & POLLIN) {
			stopping = 1;
			stop_at = now_mono() + RECORD_DRAIN_MAX;
		}
		if (pfd[2].revents & POLLIN) {
			n = read(proxy.real_in, buf, RECORD_CHUNK);
			if (n > 0)
				write_all(proxy.master, buf, n);
			else if (n == 0 || (errno != EINTR && errno != EAGAIN))
				input = 0;
		} else if (pfd[2].revents & (POLLHUP | POLLERR | POLLNVAL))
			input = 0;
		if (stopping && now_mono() > stop_at)
			break;
		if (!stopping && now_mono() - checked >= RECORD_SIZE_CHECK) {
			checked = now_mono();
			proxy_check_size();
		}
	}
	free(buf);
	return NULL;
}

static void
record_atexit(void)
{
	record_stop(NULL);
}

/* Undo what record_start() did so far (fds, terminal modes). */
static void
proxy_undo(void)
{
	if (proxy.real_in >= 0) {
		tcsetattr(proxy.real_in, TCSADRAIN, &proxy.saved);
		dup2(proxy.real_in, STDIN_FILENO);
		close(proxy.real_in);
	}
	if (proxy.real_out >= 0) {
		dup2(proxy.real_out, STDOUT_FILENO);
		close(proxy.real_out);
	}
	if (proxy.master >= 0)
		close(proxy.master);
	if (proxy.wake[0] >= 0) {
		close(proxy.wake[0]);
		close(proxy.wake[1]);
	}
	proxy.real_in = proxy.real_out = proxy.master = -1;
	proxy.wake[0] = proxy.wake[1] = -1;
}

/* Open a pty with the terminal's modes and size; its slave fd, or -1. */
static int
proxy_open_pty(void)
{
	char	*name;
	int	 slave;

	if ((proxy.master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return -1;
	if (grantpt(proxy.master) != 0 || unlockpt(proxy.master) != 0 ||
	    (name = ptsname(proxy.master)) == NULL)
		return -1;
	if ((slave = open(name, O_RDWR | O_NOCTTY)) < 0)
		return -1;
	tcsetattr(slave, TCSANOW, &proxy.saved);
	ioctl(slave, TIOCSWINSZ, &proxy.ws);
	fcntl(proxy.master, F_SETFL, fcntl(proxy.master, F_GETFL) | O_NONBLOCK);
	return slave;
}

/*
 * Start recording the terminal session into path: from here on fds 0 and 1
 * are a pty whose output reaches the terminal and the file. 0, or -1 with
 * *cause (nothing changed) if there is no terminal or the file cannot be
 * written.
 */
int
record_start(const char *path, const char *title, char **cause)
{
	struct termios	 raw;
	sigset_t	 all, old;
	FILE		*f;
	int		 slave, rc;

	if (proxy.active) {
		*cause = xstrdup("already recording");
		return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		xasprintf(cause, "%s: recording needs a terminal on standard "
		    "input and output", path);
		return -1;
	}
	if (tcgetattr(STDIN_FILENO, &proxy.saved) != 0 ||
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &proxy.ws) != 0) {
		xasprintf(cause, "%s: cannot read the terminal: %s", path,
		    strerror(errno));
		return -1;
	}
	if ((f = fopen(path, "w")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	setvbuf(f, NULL, _IOFBF, RECORD_BUFFER);

	if ((slave = proxy_open_pty()) < 0 || pipe2(proxy.wake, O_CLOEXEC) != 0 ||
	    (proxy.real_in = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    (proxy.real_out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0) {
		xasprintf(cause, "%s: cannot set up a pseudo-terminal: %s", path,
		    strerror(errno));
		if (slave >= 0)
			close(slave);
		proxy_undo();
		fclose(f);
		unlink(path);
		return -1;
	}
	fflush(stdout);
	dup2(slave, STDIN_FILENO);
	dup2(slave, STDOUT_FILENO);
	close(slave);

	/* Keys pass through as typed; ^C still interrupts turbotop. */
	raw = proxy.saved;
	cfmakeraw(&raw);
	raw.c_lflag |= ISIG;
	tcsetattr(proxy.real_in, TCSADRAIN, &raw);

	proxy.path = xstrdup(path);
	proxy.start = now_mono();
	proxy.rec = record_new(f, proxy.ws.ws_col, proxy.ws.ws_row, now_real(),
	    title);
	/* Signals are for the main thread's event loop only. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&proxy.thread, NULL, proxy_run, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		xasprintf(cause, "%s: cannot start the recorder: %s", path,
		    strerror(rc));
		proxy_undo();
		record_finish(proxy.rec);
		unlink(path);
		free(proxy.path);
		return -1;
	}
	proxy.active = 1;
	if (!proxy.atexit_set) {
		atexit(record_atexit);
		proxy.atexit_set = 1;
	}
	return 0;
}

/*
 * Stop recording: drain what the TUI drew last, put the terminal back on
 * fds 0 and 1 and finish the file. 0, or -1 with *cause (if not NULL) when
 * the file could not be written completely. Does nothing if not recording.
 */
int
record_stop(char **cause)
{
	int	rc;

	if (!proxy.active)
		return 0;
	proxy.active = 0;
	if (write(proxy.wake[1], "", 1) != 1)
		pthread_cancel(proxy.thread);
	pthread_join(proxy.thread, NULL);
	proxy_undo();
	rc = record_finish(proxy.rec);
	proxy.rec = NULL;
	if (rc != 0 && cause != NULL)
		xasprintf(cause, "%s: the recording could not be written "
		    "completely", proxy.path);
	free(proxy.path);
	proxy.path = NULL;
	return rc;
}

/* True between record_start() and record_stop(). */
int
record_active(void)
{
	return proxy.active;
}

/*
 * Run the TUI (fn) with the session recorded when -r FILE was given, titled
 * title or, if NULL, "turbotop ARGS". Returns fn's status, or 1 if the
 * recording could not be started or written.
 */
int
record_run(const struct options *o, const char *title,
    const struct ui_driver *drv)
{
	char	*cause, *t, *u;
	int	 i, rc;

	if (o->record == NULL)
		return ui_main(o, drv);
	if (title != NULL)
		t = xstrdup(title);
	else {
		t = xstrdup("turbotop");
		for (i = 0; i < o->argc; i++) {
			xasprintf(&u, "%s %s", t, o->argv[i]);
			free(t);
			t = u;
		}
	}
	rc = record_start(o->record, t, &cause);
	free(t);
	if (rc != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		return 1;
	}
	rc = ui_main(o, drv);
	if (record_stop(&cause) != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		rc = 1;
	}
	return rc;
}
