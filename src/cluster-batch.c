/*
 * cluster-batch.c: batch mode across hosts (issue 14).
 *
 *   turbotop -b [-f json] --hosts=h1[:N],h2 [--rsh=CMD] [-d SECS] [-n N]
 *            [mpicompute [-w W] ARGS | DEMO ARGS | -- COMMAND]
 *
 * One event stream on standard output: our hello, then every agent's records
 * marked "host" (cluster.c), the hosts' state records, and, with a demo, its
 * start, output and exit records. mpicompute runs through mpirun across the
 * hosts (cluster-mpi.c); its output lines come tagged [JOB,RANK]<stdout>:,
 * and each is written with "rank" and the host that rank was placed on. Any
 * other demo or command runs here, as in plain batch mode.
 *
 * The run ends with the demo, after -n N intervals (without a demo), or on
 * SIGINT, SIGTERM, SIGHUP; then the demo is stopped (mpirun's own cleanup,
 * and our sweep), every agent's input is closed (each sweeps its host) and
 * an end record closes the stream.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cluster.h"
#include "event-write.h"
#include "host.h"
#include "job.h"
#include "options.h"
#include "util.h"


struct cbatch {
	struct event_writer	*w;
	struct host_list	 hosts;
	int			*rank_host;	/* rank -> index in hosts */
	long			 nranks;
	int			 failed;	/* writing failed */
};

static void
cbatch_emit(void *arg, const struct event *e)
{
	struct cbatch	*b = arg;
	struct event	 copy = *e;

	copy.t = event_writer_time(b->w, now_mono());
	if (event_write(b->w, &copy) != 0)
		b->failed = 1;
}

/* Every line of the demo, once, as it arrives: an output record. */
static void
cbatch_line(struct job *job, const struct out_line *l, void *arg)
{
	struct cbatch	*b = arg;
	struct event	 e;

	job_line_event(&e, job, l, b->w);
	/* A rank's line (its tag taken off by the job): its host. */
	if (b->rank_host != NULL && l->rank >= 0 && l->rank < b->nranks)
		e.from = b->hosts.v[b->rank_host[l->rank]].name;
	if (event_write(b->w, &e) != 0)
		b->failed = 1;
}

static void
cbatch_event(struct cbatch *b, enum event_type type, struct job *job,
    int status)
{
	struct event	e;

	memset(&e, 0, sizeof e);
	e.type = type;
	e.t = event_writer_time(b->w, now_mono());
	e.status = status;
	if (job != NULL && type != EVENT_END) {
		e.job = job_name(job);
		e.pid = job_pgid(job);
		e.signal = job_exit_signal(job);
	}
	if (event_write(b->w, &e) != 0)
		b->failed = 1;
}

/*
 * The demo (or command) of the command line: its argv (host_argv_free),
 * made before any agent starts so that a bad one costs no ssh; NULL and
 * *cause if the demo is missing or its arguments are bad.
 */
static char **
cbatch_argv(struct cbatch *b, const struct options *o, const char *rsh,
    int *mpi, char **cause)
{
	char	**argv, **copy, *path = NULL;
	int	  argc = o->argc - 1, i;
	long	  w;

	*mpi = 0;
	if (!o->is_command && strcmp(o->argv[0], MPI_DEMO) == 0) {
		copy = xcalloc(o->argc, sizeof *copy);
		memcpy(copy, o->argv + 1, argc * sizeof *copy);
		if ((w = cluster_take_workers(&argc, copy, cause)) < 0) {
			free(copy);
			return NULL;
		}
		b->nranks = w > 0 ? w : cluster_default_ranks(&b->hosts);
		argv = cluster_mpirun_argv(&b->hosts, rsh, MPI_DEMO, copy,
		    argc, b->nranks, &b->rank_host, cause);
		free(copy);
		*mpi = argv != NULL;
		return argv;
	}
	if (!o->is_command &&
	    (path = catalog_demo_path(o->argv[0])) == NULL) {
		xasprintf(cause, "demo '%s' is not installed in %s",
		    o->argv[0], catalog_demo_dir());
		return NULL;
	}
	argv = xcalloc(o->argc + 1, sizeof *argv);
	for (i = 0; i < o->argc; i++)
		argv[i] = xstrdup(o->argv[i]);
	if (!o->is_command) {
		free(argv[0]);
		argv[0] = path;
	}
	return argv;
}

/* Start what cbatch_argv() made; NULL and *cause. */
static struct job *
cbatch_start(struct cbatch *b, const struct options *o, char **argv, int mpi,
    char **cause)
{
	struct job_config	 cfg;
	struct job		*job;

	memset(&cfg, 0, sizeof cfg);
	cfg.max_lines = o->max_lines;
	cfg.grace = o->grace;
	cfg.mpi_tags = mpi;
	job = job_start(mpi ? MPI_DEMO : o->argv[0], argv, &cfg, cause);
	if (job != NULL)
		job_set_line_hook(job, cbatch_line, b);
	return job;
}

/* Where turbotop is on the hosts: where it is here (as with mpirun). */
static char *
agent_path(void)
{
	char	 buf[PATH_MAX];
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", buf, sizeof buf - 1)) <= 0)
		return xstrdup("turbotop");
	buf[n] = '\0';
	return xstrdup(buf);
}

/*
 * One turn of the loop: wait for the hosts' streams, a signal or the next
 * timer (at most until end, when set, and 1 s), then serve the hosts. The
 * jobs_wait() flags.
 */
static int
cbatch_turn(struct cluster *c, double end)
{
	double	next, wait;
	int	flags;

	next = cluster_next_timer(c);
	if (end > 0 && (next == 0 || end < next))
		next = end;
	wait = next > 0 ? next - now_mono() : 1.0;
	if (wait > 1.0)
		wait = 1.0;
	if (wait < 0)
		wait = 0;
	flags = jobs_wait(wait, cluster_fd(c));
	cluster_service(c);
	return flags;
}

int
cluster_batch_main(const struct options *o)
{
	struct cbatch		 b;
	struct cluster_config	 cfg;
	struct cluster		*c = NULL;
	struct job		*job = NULL;
	char			**rsh = NULL, *cause = NULL, *agent;
	char			**argv = NULL;
	const char		*rsh_text = o->rsh != NULL ? o->rsh : RSH_DEFAULT;
	double			 delay, end = 0;
	int			 status = 0, planned = 0, mpi = 0;

	memset(&b, 0, sizeof b);
	if (host_list_parse(&b.hosts, o->hosts, o->hostfile, &cause) != 0 ||
	    host_rsh_split(rsh_text, &rsh, &cause) != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		host_list_free(&b.hosts);
		return 2;
	}
	jobs_init();
	signal(SIGPIPE, SIG_IGN);
	delay = options_delay(o, DELAY_BATCH);
	b.w = event_writer_new(stdout, o->format);
	event_write_hello(b.w, o->full_argc, o->full_argv);
	if (o->argc > 0 &&
	    (argv = cbatch_argv(&b, o, rsh_text, &mpi, &cause)) == NULL) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		status = 1;
		goto done;
	}

	agent = agent_path();
	memset(&cfg, 0, sizeof cfg);
	cfg.hosts = &b.hosts;
	cfg.rsh = rsh;
	cfg.agent = agent;
	cfg.marker = jobs_marker() + strlen("TURBOTOP_JOB=");
	cfg.delay = delay;
	cfg.emit = cbatch_emit;
	cfg.arg = &b;
	c = cluster_start(&cfg);

	/*
	 * The demo waits for the agents: each host up (or down), at most
	 * CLUSTER_START_WAIT s. Started at once, a short run could end before
	 * a host's agent (a slow ssh login) said hello: that host would never
	 * be seen up, nor its ranks.
	 */
	if (o->argc > 0) {
		end = now_mono() + CLUSTER_START_WAIT;
		while (cluster_unsettled(c) > 0 && !b.failed &&
		    now_mono() < end) {
			if (cbatch_turn(c, end) & JOBS_WAIT_SIGNAL) {
				planned = 1;
				break;
			}
		}
		end = 0;
		if (planned || b.failed)
			goto stop;
		job = cbatch_start(&b, o, argv, mpi, &cause);
		host_argv_free(argv);
		argv = NULL;
		if (job == NULL) {
			fprintf(stderr, "turbotop: %s\n", cause);
			free(cause);
			status = 1;
			goto stop;
		}
		cbatch_event(&b, EVENT_START, job, 0);
	}
	if (job == NULL && o->iterations > 0)
		end = now_mono() + (double)o->iterations * delay;

	for (;;) {
		if (cbatch_turn(c, end) & JOBS_WAIT_SIGNAL) {
			planned = 1;
			break;
		}
		if (b.failed)
			break;
		if (job != NULL && job_state(job) == JOB_DONE)
			break;
		if (end > 0 && now_mono() >= end)
			break;
	}

	if (job != NULL) {
		jobs_stop_all();
		status = planned || b.failed ? 0 : job_exit_status(job);
		cbatch_event(&b, EVENT_EXIT, job, job_exit_status(job));
	}
stop:
	cluster_free(c);		/* cluster_stop(): the agents sweep */
	free(agent);
done:
	host_argv_free(argv);
	cbatch_event(&b, EVENT_END, NULL, status);
	if (job != NULL) {
		jobs_stop_all();
		job_free(job);
	}
	event_writer_free(b.w);
	host_argv_free(rsh);
	free(b.rank_host);
	host_list_free(&b.hosts);
	fflush(stdout);
	return status;
}
