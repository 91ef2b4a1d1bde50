/*
 * job.h: demos run as supervised process groups, their output captured line
 * by line and attributed to the pid that wrote it.
 *
 * A job is one demo (or -- COMMAND) started in its own process group. Its
 * output arrives through jobs_wait(), the one place turbotop blocks: it polls
 * every job's channel, the signal self-pipe and an extra fd from the caller
 * (the TUI's stdin), reaps children, and enforces the stop grace period.
 * A job has ended only when it is reaped AND its output is drained, so no
 * last line is lost. Nothing here knows about curses.
 */
#ifndef TURBOTOP_JOB_H
#define TURBOTOP_JOB_H

#include <sys/types.h>
#include <stddef.h>
#include <stdio.h>

enum job_state {
	JOB_RUNNING,
	JOB_PAUSED,		/* SIGSTOP sent to the group */
	JOB_STOPPING,		/* SIGTERM sent; SIGKILL follows after the grace period */
	JOB_DONE		/* reaped and drained */
};

enum out_stream {
	STREAM_OUT,
	STREAM_ERR
};

/* One captured line: sanitised (no control characters, valid UTF-8). */
struct out_line {
	unsigned long long	 seq;	/* 0, 1, 2, ... per job; never reused */
	double			 t;	/* monotonic seconds when it arrived */
	pid_t			 pid;	/* the writer */
	enum out_stream		 stream;
	int			 cut;	/* 1 if the line was over-long and cut */
	char			*text;
	const char		*from;	/* a replica's: the host, or NULL */
	int			 rank;	/* the MPI rank that wrote it, or -1 */
};

struct job_config {
	int		 pty;		/* give the job a terminal */
	size_t		 max_lines;	/* lines kept; older are dropped and counted */
	double		 grace;		/* seconds between SIGTERM and SIGKILL */
	int		 mpi_tags;	/* mpirun --tag-output: a line's tag gives its rank
					   (set for a command named mpirun or mpiexec) */
};

struct job;

/* Start argv[0] (a path) as a new process group; NULL and *cause on error. */
struct job	*job_start(const char *, char **, const struct job_config *, char **);
int		 job_restart(struct job *, char **);
void		 job_pause(struct job *);
void		 job_resume(struct job *);
void		 job_stop(struct job *);
void		 job_free(struct job *);	/* stops it first if needed */

/* A job read back from an event stream: lines and a state, no process. */
struct job	*job_replica(const char *, pid_t, size_t);
/* from (kept by the caller while the job lives): the line's host; rank. */
void		 job_replica_line(struct job *, double, pid_t, int, int,
		     const char *, const char *, int);
int		 job_has_hosts(const struct job *);	/* lines from hosts */
void		 job_replica_state(struct job *, int, int, int);
int		 job_is_replica(const struct job *);

const char	*job_name(const struct job *);
pid_t		 job_pgid(const struct job *);
enum job_state	 job_state(const struct job *);
int		 job_exit_status(const struct job *);	/* valid when JOB_DONE and not signalled */
int		 job_exit_signal(const struct job *);	/* 0 if it exited normally */
int		 job_worker_index(struct job *, pid_t); /* stable 0, 1, 2 ... per pid seen; a rank's: R */
int		 job_note_worker(struct job *, pid_t);	/* a replica's, in stream order */
/* The MPI ranks among the job's processes (their environment names them). */
#define JOB_RANKS_MAX	4096
struct job_rank {
	pid_t	pid;
	int	rank;
};
void		 job_note_rank(struct job *, pid_t, int);
int		 job_rank_of(const struct job *, pid_t);	/* -1: not a rank */

/* Output kept for the job: the lines with seq in [first, next). */
unsigned long long	 job_lines_first(const struct job *);
unsigned long long	 job_lines_next(const struct job *);
const struct out_line	*job_line(const struct job *, unsigned long long);
unsigned long long	 job_lines_dropped(const struct job *);

/*
 * Called for every line as it is stored, inside jobs_wait(), before the
 * bounded buffer can drop it: batch mode exports each line exactly once.
 */
void		 job_set_line_hook(struct job *,
		     void (*)(struct job *, const struct out_line *, void *),
		     void *);

/*
 * Batch export (job-export.c): every line of a job written as an "output"
 * record through an event writer (event-write.h) as it arrives, exactly
 * once, in order; nothing is held.
 */
struct event;
struct event_writer;
struct job_export;
struct job_export	*job_export_create(struct job *, struct event_writer *);
/* The "output" record of one of job's lines (time on the writer's clock). */
void			 job_line_event(struct event *, struct job *,
			     const struct out_line *, struct event_writer *);
void			 job_export_free(struct job_export *);
unsigned long long	 job_export_lines(const struct job_export *);
int			 job_export_error(const struct job_export *);

/* The event loop's wait: see the comment at the top. */
#define JOBS_WAIT_EXTRA		0x1	/* the extra fd is readable */
#define JOBS_WAIT_SIGNAL	0x2	/* SIGINT, SIGTERM or SIGHUP arrived: quit */
#define JOBS_WAIT_RESIZE	0x4	/* SIGWINCH */
#define JOBS_WAIT_JOB		0x8	/* a job became JOB_DONE (it returns early) */
void		 jobs_init(void);	/* signals, self-pipe, reaper; once, early in main */
void		 jobs_set_crash_hook(void (*)(void));	/* run first on a fatal signal */
/*
 * Details of the above, for callers:
 *  - job_start(name, argv, config, cause): argv[0] is run with execvp's PATH
 *    search; config may be NULL; max_lines 0 means 10000, grace < 0 means 2 s.
 *    An argv[0] that cannot be executed gives a job that exits with 127.
 *  - job_exit_status() is 128 + signal when the job was killed by a signal.
 *  - job_restart() stops a running job first and starts it again once it is
 *    DONE (in jobs_wait); the line numbers continue.
 *  - jobs_wait(timeout, extra_fd): timeout < 0 waits until an event; extra_fd
 *    -1 is none. It reaps every child of turbotop (turbotop is a subreaper),
 *    so start children with job_start(), not fork().
 *  - jobs_stop_all() caps each grace period at 1 s, so everything is gone
 *    within 2 s of quitting.
 */
int		 jobs_wait(double, int);
void		 jobs_stop_all(void);	/* stop every job and wait until all are gone */
size_t		 jobs_count(void);
const char	*jobs_marker(void);	/* "TURBOTOP_JOB=ID/": every job's prefix */
struct job	*jobs_get(size_t);

#endif
