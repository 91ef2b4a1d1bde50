/*
 * sample.h: the data side's picture of the machine, taken with libproc2.
 *
 * A sampler takes one sample per sampler_tick(): per-core percentages over the
 * interval since the previous tick, the processes of the watched process groups
 * (or every process, or the busiest), system figures, and it appends them to
 * ring-buffer histories that the TUI and batch mode read. Nothing here knows
 * about curses; drawing code only reads.
 *
 * Contract for callers (batch.c, ui*.c, lesson.c, bench.c):
 *  - sampler_tick() at the display rate; figures are valid after the second
 *    tick (the first one only sets the baseline, and reports zeros).
 *  - Pointers returned by the getters are valid until the next tick.
 *
 * Added by the data side: sampler_create() and sampler_tick() return NULL / -1
 * with a malloc'd message in *cause on error. A new sampler watches
 * (SCOPE_WATCHED) and has no groups yet. sampler_cpu() returns NULL for an
 * index out of range; ncpus may grow when a higher-numbered cpu is plugged in;
 * an offline cpu reads online = 0 with zero figures, and a cpu (re)appearing
 * reads zeros for one interval while its baseline is taken.
 */
#ifndef TURBOTOP_SAMPLE_H
#define TURBOTOP_SAMPLE_H

#include <sys/types.h>
#include <stddef.h>

#include "sample-timeline.h"

#define SAMPLE_CMD_MAX		64
#define HISTORY_DEPTH		6000	/* samples kept: 10 minutes at 0.1 s */

/* One core over one interval; percentages of the interval, summing to ~100. */
struct cpu_sample {
	int	 id;		/* cpu number as in /proc/stat; -1 for the total */
	int	 online;	/* 0 if the core went offline (figures are 0) */
	double	 user, nice, system, idle, iowait, irq, softirq, steal;
	double	 busy;		/* 100 - idle - iowait */
};

/* One process over one interval. */
struct proc_sample {
	pid_t		 pid, ppid, pgid;
	char		 state;		/* R, S, D, T, Z, ... */
	double		 cpu;		/* % of one core over the interval */
	int		 core;		/* the core it last ran on */
	unsigned long	 rss_kb;
	int		 threads;
	double		 time;		/* CPU seconds used so far (TIME+) */
	char		 cmd[SAMPLE_CMD_MAX];
	/*
	 * Over the interval, summed over the threads (sample-timeline.h;
	 * zero for a process the timeline does not follow).
	 */
	double		 run_ms, wait_ms, sleep_ms;
	unsigned	 migrations, switches;	/* switches: voluntary + not */
	int		 has_rank;	/* an MPI rank (OMPI_COMM_WORLD_RANK): */
	int		 rank;
};

/* Whole-machine figures, as top's summary lines. */
struct sys_sample {
	double	 load[3];
	int	 tasks, running, sleeping, stopped, zombie;
	/*
	 * Added by the data side. Task counts come from the last walk of all
	 * /proc: every tick with SCOPE_ALL, every 0.5 s with SCOPE_BUSIEST,
	 * every 5 s with SCOPE_WATCHED (see sample-tick.c).
	 */
	double		 uptime;		/* seconds since boot */
	unsigned long	 mem_total_kb, mem_used_kb, mem_avail_kb;
	unsigned long	 swap_total_kb, swap_used_kb;
};

enum proc_scope {
	SCOPE_WATCHED,		/* only the watched process groups */
	SCOPE_BUSIEST,		/* the busiest SAMPLE_BUSIEST processes */
	SCOPE_ALL		/* every process */
};
#define SAMPLE_BUSIEST		20

struct sampler;

struct sampler	*sampler_create(char **);
void		 sampler_free(struct sampler *);
void		 sampler_set_scope(struct sampler *, enum proc_scope);
void		 sampler_watch(struct sampler *, pid_t);	/* add a pgid */
void		 sampler_unwatch(struct sampler *, pid_t);
int		 sampler_tick(struct sampler *, char **);
void		 sampler_flush(struct sampler *);	/* the trace's store, to now */

double			 sampler_time(const struct sampler *);	   /* monotonic s of the last tick */
double			 sampler_interval(const struct sampler *); /* s covered by the last tick */
int			 sampler_ncpus(const struct sampler *);
const struct cpu_sample	*sampler_cpu(const struct sampler *, int);  /* 0 .. ncpus-1 */
const struct cpu_sample	*sampler_total(const struct sampler *);
size_t			 sampler_nprocs(const struct sampler *);
const struct proc_sample *sampler_proc(const struct sampler *, size_t); /* by %CPU, descending */
const struct sys_sample	*sampler_sys(const struct sampler *);

/*
 * History, recorded by sampler_tick(). Index 0 is the latest sample, 1 the one
 * before, up to history_len() - 1. occupant is the watched process that used
 * the core most in that interval (0: none of the watched ones).
 *
 * Details added by the data side: the cpu argument may be -1 for the total;
 * out-of-range arguments read as 0. history_user() includes nice, and
 * history_system() includes irq and softirq (so user + system <= busy, the
 * rest being steal). Occupancy comes from a sub-sampler that reads the
 * watched groups' tasks every 20 ms (see sample-occupy.c for what it can
 * miss); history_share() is the % of the interval the occupant ran there.
 */
size_t		 history_len(const struct sampler *);
double		 history_busy(const struct sampler *, int, size_t);
double		 history_user(const struct sampler *, int, size_t);
double		 history_system(const struct sampler *, int, size_t);
pid_t		 history_occupant(const struct sampler *, int, size_t);
double		 history_time(const struct sampler *, size_t);
double		 history_share(const struct sampler *, int, size_t);

#endif
