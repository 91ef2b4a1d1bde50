/*
 * trace-int.h: shared by the tracer's model (trace.c) and its readers: the
 * tracefs instance (trace-fs.c, the complete record) and perf_event_open
 * ring buffers (trace.c, where tracefs may not be written).
 */
#ifndef TURBOTOP_TRACE_INT_H
#define TURBOTOP_TRACE_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/types.h>

#include <event-parse.h>

#include "tl-store.h"

struct th;
struct tracefs_instance;
struct tracefs_cpu;
struct kbuffer;
struct pids_info;

enum ev_kind {
	EV_SWITCH, EV_WAKEUP, EV_WAKEUP_NEW, EV_MIGRATE, EV_FORK, EV_EXIT,
	EV_NEWTASK, EV_NKINDS
};
extern const char *const trace_ev_names[EV_NKINDS];
extern const char *const trace_ev_systems[EV_NKINDS];

struct ev_fields {
	struct tep_event	*event;
	struct tep_format_field	*pid, *comm, *cpu, *state;	/* prev_* for a switch;
								   state: clone_flags */
	struct tep_format_field	*pid2, *comm2, *cpu2;		/* next_*, child_*, dest_cpu */
};

/* One record, decoded. */
struct ev {
	double		 t;
	int		 cpu;
	enum ev_kind	 kind;
	pid_t		 ctx_pid, ctx_tid;	/* the task current on the cpu */
	pid_t		 a, b;			/* prev/next, parent/child, pid */
	int		 c1, c2;		/* target_cpu; orig/dest cpu */
	long long	 state;			/* prev_state; clone_flags */
	char		 comm_a[16], comm_b[16];
};

struct tcpu {
	int		 id;
	int		*fds;		/* one per kind; fds[0] owns the buffer */
	void		*base;
	size_t		 mapsize;
	struct tracefs_cpu *tfs;	/* or its tracefs reader */
	pid_t		 curr;		/* tid, 0 idle, -1 not known */
	double		 since;		/* when curr began (idle: when idle began) */
	double		 last;		/* time of its last record */
	double		 idle;		/* this interval, s */
	struct ev	*q;		/* its records, [qstart, qn) not applied */
	size_t		 qstart, qn, qsize;
	int		 unsorted;	/* a record came before the one ahead */
};

struct tracer {
	pthread_mutex_t		 lock;
	pthread_t		 thread;
	int			 started, stop_pipe[2];
	pthread_cond_t		 recording_cv;	/* with lock: recording is set */
	int			 recording;
	struct tl_store		*store;
	struct tep_handle	*tep;
	struct ev_fields	 f[EV_NKINDS];
	int			 ids[EV_NKINDS];
	struct tep_format_field	*f_type, *f_pid;	/* common_type, _pid */

	struct tcpu		*cpus;
	int			 ncpus;		/* entries in cpus (by index) */
	int			 maxcpu;	/* highest cpu id + 1 */
	int			*cpu_index;	/* cpu id -> index, -1 */
	size_t			 page, pages;	/* pages: data pages per buffer */
	struct tracefs_instance	*inst;		/* tracefs reader: our instance */
	struct pids_info	*pinfo;		/* a thread's process, looked up */
	struct kbuffer		*kbuf;
	void			*subbuf;	/* one sub-buffer read */
	int			 subbuf_size;
	unsigned char		*copy;		/* a record that wraps */
	size_t			 copysize;

	int			*heap;		/* ncpus: cpus by their next record */
	double			 start, cut;	/* tracing start, last cut */
	unsigned long long	 lost;

	struct th		**tab;		/* open addressing by tid */
	size_t			 ntab, tabcap;

	struct tl_run		*runs;		/* this interval's run pieces */
	size_t			 nruns, runsize;
	pid_t			*follow;	/* sorted: the followed processes */
	size_t			 nfollow, followsize;
	unsigned		 follow_gen;	/* bumped when the set changes */

	/* The last taken interval. */
	struct tl_run		*t_runs;
	size_t			 t_nruns, t_runsize;
	struct tl_acc		*t_acc, *t_gone;
	size_t			 t_nacc, t_accsize, t_ngone, t_gonesize;
	double			*t_idle;
	pid_t			*t_follow;	/* followed over the interval */
	size_t			 t_nfollow, t_followsize;
};

/* trace.c: one record's payload, decoded into its cpu's queue. */
void	 trace_decode(struct tracer *, const void *, size_t, uint64_t, int,
	     pid_t, pid_t);

pid_t	 trace_record_tid(struct tracer *, const void *, size_t);

/* trace-fs.c: the tracefs reader. */
int	 tfs_open(struct tracer *, char **);
void	 tfs_start(struct tracer *);
void	 tfs_drain_cpu(struct tracer *, struct tcpu *);
void	 tfs_close(struct tracer *);

#endif
