/*
 * queue: the Queue part of the article's miscellaneous.py ("Multi-threading
 * in the multiprocessing way"). Producer processes put messages into one
 * queue that every process can use safely; consumer processes take them out.
 * Producers put for -t seconds (default 10) or -m messages each; then
 * each says how many it sent or received, and the parent checks the totals.
 *
 * Why our own queue and not POSIX message queues (mq_open): mqueues have a
 * name in a system-wide namespace that outlives a killed demo unless someone
 * unlinks it, and Linux caps them by default at 10 messages per queue
 * (/proc/sys/fs/mqueue/msg_max) and 256 queues per user. Like Python's
 * multiprocessing.Queue, ours is a ring of fixed-size slots in memory shared
 * by the processes, guarded by a process-shared mutex with two condition
 * variables (not empty, not full); it vanishes with the processes.
 *
 * Watch in turbotop: producers and consumers take turns on the cores; the
 * queue is small (16 slots), so producers block when it is full and
 * consumers when it is empty. The counts at the end are equal.
 *
 *   queue                 2 producers and 2 consumers, for 10 seconds
 *   queue -w 4 -m 500     4 of each, 500 messages per producer
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "demo-common.h"

#define SLOTS	16
#define MSGLEN	96

struct queue {
	pthread_mutex_t	lock;
	pthread_cond_t	not_empty;
	pthread_cond_t	not_full;
	int		head;		/* next slot to take */
	int		count;		/* messages in the ring */
	long		producing;	/* producers not done yet */
	long		sent;
	long		received;
	char		slot[SLOTS][MSGLEN];
};

static long		 messages;	/* per producer; 0: no limit */
static double		 stop_at;	/* producers stop putting then (demo_now()) */
static int		 verbose;
static struct queue	*oque;

static const struct demo_opt opts[] = {
	{ "messages", 'm', DEMO_LONG, &messages, 0, 1e9, "N",
	  "messages each producer puts at most (default 0: no limit)" },
	{ "verbose", 'v', DEMO_FLAG, &verbose, 0, 0, NULL,
	  "consumers print every message they take" },
	{ NULL, 0, 0, NULL, 0, 0, NULL, NULL }
};

static struct demo queue = {
	.name = "queue",
	.summary = "producers and consumers share one process-safe queue",
	.about = "W producer and W consumer processes share one process-safe queue",
	.watch = "producers and consumers take turns; sent and received counts are equal.",
	.workers = 2,
	.duration = 10,
	.own_duration = 1,
	.opts = opts,
};

/* oque.put(msg): wait for a free slot. */
static void
put(const char *msg)
{
	pthread_mutex_lock(&oque->lock);
	while (oque->count == SLOTS)
		pthread_cond_wait(&oque->not_full, &oque->lock);
	snprintf(oque->slot[(oque->head + oque->count) % SLOTS], MSGLEN, "%s", msg);
	oque->count++;
	oque->sent++;
	pthread_cond_signal(&oque->not_empty);
	pthread_mutex_unlock(&oque->lock);
}

/* oque.get(): wait for a message; 0 once the queue is empty for good. */
static int
get(char *msg)
{
	pthread_mutex_lock(&oque->lock);
	while (oque->count == 0 && oque->producing > 0)
		pthread_cond_wait(&oque->not_empty, &oque->lock);
	if (oque->count == 0) {
		pthread_mutex_unlock(&oque->lock);
		return 0;
	}
	memcpy(msg, oque->slot[oque->head], MSGLEN);
	oque->head = (oque->head + 1) % SLOTS;
	oque->count--;
	oque->received++;
	pthread_cond_signal(&oque->not_full);
	pthread_mutex_unlock(&oque->lock);
	return 1;
}

/* The last producer to finish wakes every consumer waiting on an empty queue. */
static void
producer_done(void)
{
	pthread_mutex_lock(&oque->lock);
	if (--oque->producing == 0)
		pthread_cond_broadcast(&oque->not_empty);
	pthread_mutex_unlock(&oque->lock);
}

/* The article's queuefunc, MESSAGES times. */
static int
producer(long id, void *unused)
{
	char	msg[MSGLEN];
	long	i;

	for (i = 0; (messages == 0 || i < messages) && demo_now() < stop_at; i++) {
		snprintf(msg, sizeof msg, "message %ld in Queue from producer %ld: LFY rockz!!!",
		    i + 1, id);
		put(msg);
	}
	producer_done();
	demo_print(" producer %ld, pid %ld: sent %ld\n", id, (long)getpid(), i);
	return 0;
}

static int
consumer(long id, void *unused)
{
	char	msg[MSGLEN];
	long	n = 0;

	while (get(msg)) {
		n++;
		if (verbose)
			demo_print(" consumer %ld got: %s\n", id, msg);
	}
	demo_print(" consumer %ld, pid %ld: received %ld\n", id, (long)getpid(), n);
	return 0;
}

int
main(int argc, char **argv)
{
	pthread_mutexattr_t	ma;
	pthread_condattr_t	ca;
	long			i;

	demo_start(&queue, argc, argv);
	demo_check_workers(&queue, 2 * queue.workers);

	oque = demo_shared(sizeof *oque);
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&oque->lock, &ma);
	pthread_condattr_init(&ca);
	pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	pthread_cond_init(&oque->not_empty, &ca);
	pthread_cond_init(&oque->not_full, &ca);
	oque->producing = queue.workers;
	stop_at = queue.duration > 0 ? demo_now() + queue.duration : 1e300;

	for (i = 1; i <= queue.workers; i++) {
		demo_fork(producer, i, NULL);
		demo_fork(consumer, i, NULL);
	}
	demo_join();

	demo_print("sent: %ld\n", oque->sent);
	demo_print("received: %ld\n", oque->received);
	demo_print("%s\n", oque->sent == oque->received ? "every message arrived once" :
	    "MESSAGES LOST");
	return oque->sent == oque->received ? 0 : 1;
}
