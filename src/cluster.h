/*
 * cluster.h: cluster mode (issue 14). One agent per host (turbotop --agent,
 * started over the rsh), their event streams read defensively and handed
 * on, each record marked with its host, plus the hosts' state changes:
 *
 *   up     the agent said hello (or samples again after stale)
 *   stale  no sample for 3 intervals
 *   down   the host could not be reached: the reason is the rsh's own text
 *   lost   the agent's stream ended after its hello
 *
 * A down or lost host is tried again with backoff (1 s, doubling, at most
 * 30 s). Nothing blocks: every stream is non-blocking and multiplexed on one
 * epoll fd, which the caller polls (jobs_wait's extra fd) and services.
 * turbotop opens no socket: the rsh (ssh) is transport and authentication.
 */
#ifndef TURBOTOP_CLUSTER_H
#define TURBOTOP_CLUSTER_H

#include "event.h"
#include "host.h"

#define MPI_DEMO		"mpicompute"	/* the demo that spans hosts */
#define CLUSTER_STALE_AFTER	3	/* intervals without a sample */
#define CLUSTER_BACKOFF_MIN	1.0	/* s before trying a host again */
#define CLUSTER_BACKOFF_MAX	30.0
/*
 * A demo across the hosts starts once every host's first try has answered
 * (up, or down with the rsh's words), so that each agent watches the run
 * from its start; a host still connecting after this many seconds is not
 * waited for.
 */
#define CLUSTER_START_WAIT	60.0

struct cluster_config {
	const struct host_list	*hosts;
	char			**rsh;		/* argv, host.h */
	const char		*agent;		/* turbotop's path on the hosts */
	const char		*marker;	/* "ID/" of TURBOTOP_JOB: the agents sweep it */
	double			 delay;		/* the agents' -d */
	/* Every record, host records included; from is set. */
	void			(*emit)(void *, const struct event *);
	void			*arg;
};

struct cluster;

struct cluster	*cluster_start(const struct cluster_config *);
int		 cluster_fd(const struct cluster *);
void		 cluster_service(struct cluster *);
double		 cluster_next_timer(const struct cluster *);
/* Hosts whose first try has not answered yet (up or down): connecting. */
size_t		 cluster_unsettled(const struct cluster *);
void		 cluster_stop(struct cluster *);
void		 cluster_free(struct cluster *);

/*
 * mpirun for a demo across the hosts (cluster-mpi.c): argv (malloc'd,
 * host_argv_free) for W ranks placed in host order (each host filled to its
 * slots, then round robin), and the host of each rank in *rank_host (W
 * indexes into the host list); rsh NULL: mpirun's own way (this host).
 * NULL and *cause if mpirun or the demo is missing.
 */
char		**cluster_mpirun_argv(const struct host_list *, const char *,
		    const char *, char **, int, long, int **, char **);
long		 cluster_default_ranks(const struct host_list *);
/* -w W / --workers=W taken out of mpicompute's args: W, 0 if none, -1. */
long		 cluster_take_workers(int *, char **, char **);
/* mpicompute's mpirun on this machine alone, W ranks from its -w. */
char		**cluster_local_argv(int, char **, char **);
/*
 * --bench of mpicompute (across --hosts, or on this machine): its runs
 * under mpirun for each rank count (bench-cmd.h), or NULL and *cause
 * (another demo with --hosts, mpirun missing).
 */
struct options;
struct bench_cmd *cluster_bench_cmd(const struct options *, char **);

/* turbotop -b --hosts=... (cluster-batch.c). */
struct options;
int		 cluster_batch_main(const struct options *);
/* turbotop --hosts=... without -b: that stream in the TUI (cluster-tui.c). */
int		 cluster_tui_main(const struct options *);

#endif
