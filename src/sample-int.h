/*
 * sample-int.h: what the sample-*.c files share and the unit tests reach:
 * the pure interval arithmetic (no libproc2), the readers and the history.
 * Callers outside the data side use sample.h only.
 */
#ifndef TURBOTOP_SAMPLE_INT_H
#define TURBOTOP_SAMPLE_INT_H

#include <sys/types.h>
#include <stddef.h>

#include "sample.h"

/* Raw cumulative tic counters of one cpu line of /proc/stat. */
struct cpu_tics {
	unsigned long long	 user, nice, system, idle, iowait, irq, softirq,
				 steal;
};

/* One cpu's line: its number and counters. */
struct cpu_line {
	int		 id;
	struct cpu_tics	 t;
};

/* sample-tics.c: pure functions, unit-tested without a kernel. */
#define TICS_OK		0	/* figures computed */
#define TICS_EMPTY	1	/* zero-length interval: no figures, keep the baseline */
#define TICS_RESET	2	/* counters went back as a whole: new baseline */
int		 tics_cpu_delta(const struct cpu_tics *, const struct cpu_tics *,
		     struct cpu_sample *);
void		 tics_cpus_update(struct cpu_tics *, int *, struct cpu_sample *,
		     int, const struct cpu_line *, int);
double		 tics_proc_cpu(unsigned long long, unsigned long long, double,
		     double);

/* Per-core occupancy credits: tics each watched process used on a core. */
struct occ_credit {
	pid_t			 pid;
	unsigned long long	 tics;
};
#define OCC_SLOTS	8	/* processes remembered per core and interval */
struct occ_core {
	struct occ_credit	 c[OCC_SLOTS];
};
void		 tics_occ_add(struct occ_core *, pid_t, unsigned long long);
pid_t		 tics_occ_best(const struct occ_core *, unsigned long long *);

/* sample-cpu.c: per-cpu tics from libproc2's stat API. */
struct cpu_reader;
struct cpu_reader	*cpu_reader_new(char **);
void			 cpu_reader_free(struct cpu_reader *);
int			 cpu_reader_read(struct cpu_reader *, struct cpu_tics *,
			     struct cpu_line **, int *, char **);

/* sample-history.c: ring buffers, one set per cpu plus the total. */
struct history_cell {
	float	 busy, user, system;	/* user includes nice; system irq and softirq */
	float	 share;		/* % of the interval the occupant ran on the core */
	pid_t	 occupant;
};
struct history;
struct history	*history_new(int);
void		 history_free(struct history *);
void		 history_grow(struct history *, int);
void		 history_push(struct history *, double, const struct cpu_sample *,
		     const struct cpu_sample *, int, const pid_t *, const float *);
size_t		 history_count(const struct history *);
double		 history_at_time(const struct history *, size_t);
const struct history_cell *history_at(const struct history *, int, size_t);

/* sample-occupy.c: the sub-sampler thread behind the occupancy timeline. */
struct occupy;
struct occupy	*occupy_new(long);
void		 occupy_free(struct occupy *);
int		 occupy_set_pids(struct occupy *, const pid_t *, size_t);
unsigned long	 occupy_take(struct occupy *, struct occ_core *, int);
struct tl_store;
struct tl_run;
void		 occupy_set_store(struct occupy *, struct tl_store *);
size_t		 occupy_take_runs(struct occupy *, struct tl_run **, size_t *);
void		 proc2_lock(void);	/* around every libproc2 call */
void		 proc2_unlock(void);

/* sample-tl.c: the timeline half of the sampler (sample-timeline.h). */
struct timeline;
struct timeline	*timeline_new(void);
struct timeline	*sampler_tl(const struct sampler *);	/* sample-tick.c */
void		 timeline_free(struct timeline *);
int		 timeline_set_mode(struct timeline *, enum timeline_mode,
		     char **);
int		 timeline_is_exact(const struct timeline *);
const char	*timeline_title(const struct timeline *);
unsigned long long timeline_lost(const struct timeline *);
struct tl_store	*timeline_store(struct timeline *);
void		 timeline_watch(struct timeline *, pid_t);
void		 timeline_watch_only(struct timeline *, const pid_t *, size_t);
void		 timeline_refollow(struct timeline *);
void		 timeline_flush(struct timeline *);
int		 timeline_tick(struct timeline *, double, double,
		     struct proc_sample *, size_t, int,
		     const struct cpu_sample *, int, struct occupy *,
		     struct occ_core *);
size_t		 timeline_nthreads(const struct timeline *);
const struct thread_sample *timeline_thread(const struct timeline *, size_t);
double		 timeline_idle_ms(const struct timeline *, int);
size_t		 timeline_core_runs(const struct timeline *, int,
		     const struct core_run **);

/* sample-proc.c: process rows from libproc2's pids API. */
#define SELECT_MAX	255	/* pids procps_pids_select() takes in one call */
struct proc_raw {
	pid_t			 pid, ppid, pgid;
	char			 state;
	unsigned long long	 tics;		/* utime + stime */
	unsigned long long	 began;		/* start time, tics after boot */
	int			 core;
	unsigned long		 rss_kb;
	int			 threads;
	char			 cmd[SAMPLE_CMD_MAX];
};
struct proc_reader;
struct proc_reader	*proc_reader_new(char **);
void			 proc_reader_free(struct proc_reader *);
int			 proc_reader_all(struct proc_reader *, struct proc_raw **,
			     size_t *, struct sys_sample *, char **);
int			 proc_reader_some(struct proc_reader *, const pid_t *,
			     size_t, struct proc_raw **, size_t *, char **);
size_t			 proc_children(pid_t, pid_t **, size_t, size_t *);
struct pids_info;
void			 proc_environ_each(struct pids_info **, const pid_t *,
			     size_t, void (*)(void *, pid_t, pid_t, char **),
			     void *);
int			 proc_environ_rank(char **);
int			 proc_environ_empty(char **);

#endif
