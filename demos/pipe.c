/*
 * pipe: the Pipe part of the article's miscellaneous.py ("Multi-threading in
 * the multiprocessing way"). Python's Pipe() is two-way by default; so is
 * this channel, a socketpair(): the child sends a message up, the parent
 * answers down the same channel, ten times, a second apart (-i).
 *
 * --pingpong N times N round trips of a small message and prints the median
 * and 99th percentile: the cost of inter-process communication the article
 * warns about, microseconds each time, against nanoseconds for a function
 * call (timed too, for comparison).
 *
 * Watch in turbotop: two processes, mostly asleep; with --pingpong both
 * are busy passing the ball and the system share of CPU time rises.
 *
 *   pipe                  ten messages each way, one a second
 *   pipe --pingpong 10000 round-trip latency
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "demo-common.h"

static long	messages = 10;
static double	interval_ms = 1000;
static long	pingpong;
static int	op, oc;		/* the parent's and the child's ends */

static const struct demo_opt opts[] = {
	{ "messages", 'm', DEMO_LONG, &messages, 1, 1e6, "N",
	  "messages each way (default 10)" },
	{ "interval", 'i', DEMO_DOUBLE, &interval_ms, 0, 60000, "MS",
	  "milliseconds the child waits before each message (default 1000)" },
	{ "pingpong", 'p', DEMO_LONG, &pingpong, 1, 1e8, "N",
	  "instead, time N round trips of one byte: median and p99" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo pipedemo = {
	.name = "pipe",
	.summary = "parent and child talk both ways over a pipe; --pingpong times it",
	.about = "a two-way channel between a parent and a child; --pingpong times it",
	.watch = "two processes mostly asleep; --pingpong keeps both busy in the kernel.",
	.workers = 0,
	.duration = -1,
	.opts = opts,
};

/* recv(): one message, which the sender wrote with one write(). */
static void
recv_msg(int fd, char *buf, size_t len)
{
	ssize_t	n;

	n = demo_read(fd, buf, len - 1);
	if (n <= 0)
		demo_fatal("the other end closed the channel");
	buf[n] = '\0';
}

/* The article's pipefunc(oc), with an answer to each message. */
static int
child(long id, void *unused)
{
	char	buf[256];
	long	i;

	close(op);
	if (pingpong > 0) {
		for (i = 0; i < pingpong; i++) {
			recv_msg(oc, buf, sizeof buf);
			demo_write(oc, buf, 1);
		}
		return 0;
	}
	for (i = 1; i <= messages; i++) {
		demo_sleep(interval_ms / 1000);
		snprintf(buf, sizeof buf, "message %ld in Pipe: FOSS rulz!!!", i);
		demo_write(oc, buf, strlen(buf));
		recv_msg(oc, buf, sizeof buf);
		demo_print(" child got: %s\n", buf);
	}
	return 0;
}

/* The same ball passed in one process: a function call, for comparison. */
static char
echo(char c)
{
	return c;
}

static char (*volatile call)(char) = echo;	/* volatile: really called */

/*
 * Round trips go in a histogram, not a list: fixed memory for any N (a list
 * of 1e8 times is 800 MB). A time in nanoseconds lands in one of HIST_SUB
 * bins per power of two, so a percentile read back is within 1/64 of it.
 */
#define HIST_SUB	64
static unsigned long long	hist[64 * HIST_SUB];

static size_t
bin_of(unsigned long long ns)
{
	int	e;

	if (ns < HIST_SUB)
		return (size_t)ns;	/* exact below 64 ns */
	e = 63 - __builtin_clzll(ns);	/* 2^e <= ns < 2^(e+1), e >= 6 */
	return (size_t)(e - 5) * HIST_SUB + (size_t)((ns >> (e - 6)) - HIST_SUB);
}

/* The middle of bin b, in nanoseconds. */
static double
bin_mid(size_t b)
{
	size_t	q = b / HIST_SUB, sub = b % HIST_SUB;

	if (q == 0)
		return (double)b;
	return ((double)(HIST_SUB + sub) + 0.5) * (double)(1ULL << (q - 1));
}

/* The time below which a fraction p of the n round trips fall, in us. */
static double
percentile(double p, long n)
{
	unsigned long long	rank = (unsigned long long)((double)(n - 1) * p), seen = 0;
	size_t			b;

	for (b = 0; b < sizeof hist / sizeof hist[0]; b++) {
		seen += hist[b];
		if (seen > rank)
			return bin_mid(b) / 1e3;
	}
	return 0;
}

/* Send one byte and wait for it to come back, N times; print the spread. */
static void
time_round_trips(void)
{
	double	t;
	char	c = 'x';
	long	i;

	for (i = 0; i < pingpong; i++) {
		t = demo_now();
		demo_write(op, &c, 1);
		recv_msg(op, (char [2]){ 0 }, 2);
		hist[bin_of((unsigned long long)((demo_now() - t) * 1e9))]++;
	}
	demo_print("round trips: %ld\n", pingpong);
	demo_print("median: %.1f us\n", percentile(0.5, pingpong));
	demo_print("p99: %.1f us\n", percentile(0.99, pingpong));

	t = demo_now();
	for (i = 0; i < pingpong; i++)
		c = call(c);
	demo_print("a function call instead: %.4f us\n",
	    (demo_now() - t) / (double)pingpong * 1e6);
}

int
main(int argc, char **argv)
{
	char	buf[256];
	int	sv[2];
	long	i;

	demo_start(&pipedemo, argc, argv);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0)	/* op, oc = Pipe() */
		demo_fatal("socketpair failed");
	op = sv[0];
	oc = sv[1];
	demo_fork(child, 0, NULL);
	close(oc);

	if (pingpong > 0)
		time_round_trips();
	else {
		for (i = 1; i <= messages; i++) {
			recv_msg(op, buf, sizeof buf);		/* op.recv() */
			demo_print(" parent got: %s\n", buf);
			snprintf(buf, sizeof buf, "answer %ld: got it", i);
			demo_write(op, buf, strlen(buf));	/* op.send() */
		}
	}
	demo_join();
	return 0;
}
