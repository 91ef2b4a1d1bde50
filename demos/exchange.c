/*
 * exchange: pprocess's channels, Exchange and MakeParallel (the article's
 * "Parallelism via the pprocess module", after pmap). MakeParallel wraps an
 * unmodified function so that it runs in a new process and returns its
 * result through a channel; an Exchange watches channels (given at the start
 * or later with add), says whether it is still active and which channels are
 * ready, so the parent reads each result as soon as it is there.
 *
 * Here a channel is a pipe from the worker to the parent, and the Exchange
 * is a poll() set. Worker i works for a known time, chosen so that they
 * finish in another order than they started: the odd-numbered ones first.
 * The parent prints each result as its channel becomes ready.
 *
 * Watch in turbotop: the workers busy on the cores while the parent sleeps
 * in poll (state S, no CPU); the results arrive in the order the workers
 * finish, not the order they were started.
 *
 *   exchange                  4 workers computing 2.5, 5, 7.5, 10 s
 *   exchange --sleep          the same times, sleeping instead
 *   exchange -w 3 --late 1    the last worker started and added after the
 *                             first result (Exchange.add)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo-common.h"

static double	 step = 2.5;	/* seconds of work per rank */
static int	 sleeping;	/* sleep instead of computing */
static long	 late;		/* workers started after the first result */

static const struct demo_opt opts[] = {
	{ "step", 's', DEMO_DOUBLE, &step, 0, 3600, "SECS",
	  "the finishing k-th worker works k times SECS (default 2.5)" },
	{ "sleep", 0, DEMO_FLAG, &sleeping, 0, 0, NULL,
	  "sleep instead of computing: the cores stay idle" },
	{ "late", 'l', DEMO_LONG, &late, 0, 4096, "N",
	  "start and add the last N workers after the first result (default 0)" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo exchange_demo = {
	.name = "exchange",
	.summary = "pprocess's channels and Exchange: results as workers finish",
	.about = "W workers started through a MakeParallel-style wrapper send results over channels; "
	    "an Exchange (poll) reads each one as it is ready",
	.watch = "the results arrive in the order the workers finish, not the order they\n"
	    "were started; the parent sleeps in poll while the workers run.",
	.workers = 4,
	.duration = -1,
	.opts = opts,
};

/* The order worker I finishes in: the odd-numbered ones first. */
static long
rank(long i)
{
	return i % 2 == 1 ? i / 2 : exchange_demo.workers / 2 + i / 2;
}

/* An unmodified function: work (or sleep) a known time, return a result. */
static long
calculate(long i)
{
	double	secs = step * (double)(rank(i) + 1);

	if (sleeping)
		demo_sleep(secs);
	else
		demo_spin(secs);
	return i * i;
}

/* A channel: the parent's end of the pipe a worker's result comes back on. */
struct channel {
	long	id;
	pid_t	pid;
	int	fd;
};

struct call {
	long	(*fn)(long);
	long	arg;
	int	fd;		/* the worker's end of the channel */
};

/* In the worker: call the function, send its result down the channel. */
static int
run_call(long id, void *arg)
{
	struct call	*c = arg;
	char		 line[64];
	int		 len;

	len = snprintf(line, sizeof line, "%ld\n", c->fn(c->arg));
	demo_write(c->fd, line, (size_t)len);
	return 0;
}

/* MakeParallel: run FN(ARG) in a new process; its result comes on the channel. */
static struct channel *
make_parallel(long (*fn)(long), long arg)
{
	struct channel	*ch;
	struct call	 c;
	int		 fd[2];

	if ((ch = calloc(1, sizeof *ch)) == NULL)
		demo_fatal("out of memory");
	if (pipe(fd) != 0)
		demo_fatal("pipe failed");
	c.fn = fn;
	c.arg = arg;
	c.fd = fd[1];
	ch->id = arg;
	ch->fd = fd[0];
	ch->pid = demo_fork(run_call, arg, &c);
	close(fd[1]);
	return ch;
}

/* The Exchange: the channels it monitors, as a poll() set. */
struct exchange {
	struct pollfd	 *pfd;
	struct channel	**ch;
	size_t		  n;
};

static void
exchange_add(struct exchange *ex, struct channel *ch)
{
	ex->pfd = realloc(ex->pfd, (ex->n + 1) * sizeof *ex->pfd);
	ex->ch = realloc(ex->ch, (ex->n + 1) * sizeof *ex->ch);
	if (ex->pfd == NULL || ex->ch == NULL)
		demo_fatal("out of memory");
	ex->pfd[ex->n].fd = ch->fd;
	ex->pfd[ex->n].events = POLLIN;
	ex->ch[ex->n++] = ch;
}

/* Is it still monitoring any channel? */
static int
exchange_active(const struct exchange *ex)
{
	return ex->n > 0;
}

/*
 * Wait until some channels have data (or their worker ended): put them in
 * READY (room for every channel) and return how many. They leave the set.
 */
static size_t
exchange_ready(struct exchange *ex, struct channel **ready)
{
	size_t	i, k = 0, nready = 0;

	while (demo_poll(ex->pfd, ex->n, -1) == 0)
		;
	for (i = 0; i < ex->n; i++) {
		if (ex->pfd[i].revents != 0)
			ready[nready++] = ex->ch[i];
		else {
			ex->pfd[k] = ex->pfd[i];
			ex->ch[k++] = ex->ch[i];
		}
	}
	ex->n = k;
	return nready;
}

/* Read the one result line on a ready channel; print it. */
static void
receive(struct channel *ch)
{
	char	buf[64];
	size_t	len = 0;
	ssize_t	n;

	while (len < sizeof buf - 1 &&
	    (n = demo_read(ch->fd, buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	if (len == 0 || buf[len - 1] != '\n')
		demo_fatal("worker %ld ended without a result", ch->id);
	buf[len - 1] = '\0';
	demo_print("result from worker %ld (pid %ld): %s\n", ch->id,
	    (long)ch->pid, buf);
	close(ch->fd);
	free(ch);
}

int
main(int argc, char **argv)
{
	struct exchange	  ex = { NULL, NULL, 0 };
	struct channel	**ready, *ch;
	long		  i, w, received = 0;
	size_t		  k, n;

	demo_start(&exchange_demo, argc, argv);
	w = exchange_demo.workers;
	if (late > w)
		late = w;
	if ((ready = calloc((size_t)w, sizeof *ready)) == NULL)
		demo_fatal("out of memory");

	for (i = 0; i < w - late; i++) {
		ch = make_parallel(calculate, i);
		demo_print("started worker %ld (pid %ld): %g s\n", i,
		    (long)ch->pid, step * (double)(rank(i) + 1));
		exchange_add(&ex, ch);
	}
	while (exchange_active(&ex) || received < w) {
		if (received > 0 || w == late) {	/* the late ones: add */
			for (; i < w; i++) {
				ch = make_parallel(calculate, i);
				demo_print("started worker %ld (pid %ld): %g s, "
				    "added late\n", i, (long)ch->pid,
				    step * (double)(rank(i) + 1));
				exchange_add(&ex, ch);
			}
		}
		n = exchange_ready(&ex, ready);
		for (k = 0; k < n; k++, received++)
			receive(ready[k]);
	}
	demo_join();
	demo_print("received %ld results, in the order they finished\n", received);
	free(ready);
	free(ex.pfd);
	free(ex.ch);
	return 0;
}
