/*
 * job-int.h: the pieces job.c is built from, shared only among src/job*.c
 * and their unit tests. Other modules use job.h.
 *
 *   sanitize.c       control characters, escapes, invalid UTF-8 -> visible text
 *   job-lines.c      the bounded line buffer of one job
 *   job-capture.c    reading a channel (SO_PASSCRED socket or pty) into lines
 *   job-spawn.c      fork and exec of one run, with its capture channels
 *   job-signal.c     the self-pipe, signal handlers, the crash handler
 *   job-watchdog.c   the process that kills every job if turbotop dies
 *   job-sweep.c      finding a job's processes by the TURBOTOP_JOB marker
 */
#ifndef TURBOTOP_JOB_INT_H
#define TURBOTOP_JOB_INT_H

#include <sys/types.h>
#include <signal.h>
#include <stddef.h>

#include "job.h"
#include "sanitize.h"

/* Raw bytes kept of one line; the rest of a longer line is dropped (cut=1). */
#define JOB_LINE_MAX		4096

/* Text of all lines one job keeps, on top of max_lines (oldest dropped). */
#define JOB_BYTES_MAX		(16u * 1024 * 1024)

/* Default seconds between SIGTERM and SIGKILL. */
#define JOB_GRACE_DEFAULT	2.0

/* The environment variable every job's processes inherit: "ID/N". */
#define JOB_MARKER		"TURBOTOP_JOB"

/* sanitize.c (sanitize.h) */

/* job-lines.c */
struct lines;
struct lines		*lines_create(size_t, size_t);
void			 lines_free(struct lines *);
struct out_line		*lines_add(struct lines *, double, pid_t, enum out_stream,
			     int, const char *, size_t);
const struct out_line	*lines_get(const struct lines *, unsigned long long);
unsigned long long	 lines_first(const struct lines *);
unsigned long long	 lines_next(const struct lines *);
unsigned long long	 lines_dropped(const struct lines *);
size_t			 lines_bytes(const struct lines *);

/* job-capture.c: emit(arg, pid, stream, cut, bytes, len) once per raw line. */
typedef void	 capture_emit_cb(void *, pid_t, enum out_stream, int,
		     const char *, size_t);
struct capture;
struct capture	*capture_create(int, enum out_stream, int, pid_t);
void		 capture_free(struct capture *);
int		 capture_fd(const struct capture *);
int		 capture_read(struct capture *, capture_emit_cb *, void *);
void		 capture_flush(struct capture *, capture_emit_cb *, void *);
int		 capture_enable_creds(int);

/* job-spawn.c */
pid_t		 spawn(char **, char *, int, struct capture **, char **);

/* job-signal.c */
#define JOBSIG_CHILD		0x100	/* SIGCHLD arrived: reap */
void		 jobsig_init(void);
int		 jobsig_fd(void);
int		 jobsig_drain(void);
void		 jobsig_block_all(sigset_t *);
void		 jobsig_restore(const sigset_t *);
void		 jobsig_child_reset(void);
void		 jobsig_track(pid_t);
void		 jobsig_untrack(pid_t);

/* job-watchdog.c */
int		 watchdog_start(const char *);
void		 watchdog_record_group(pid_t);
void		 watchdog_forget_group(pid_t);
pid_t		 watchdog_pid(void);
void		 watchdog_reaped(void);

/* job-sweep.c */
#define SWEEP_SHARED		0x1	/* take the data side's libproc2 lock */
#define SWEEP_CHILDREN		0x2	/* every child of ours too */
size_t		 sweep_kill(const char *, int, pid_t, int);
struct sweep_root {
	pid_t			 pid;
	unsigned long long	 start;		/* tics after boot: against pid reuse */
};
size_t		 sweep_roots(pid_t, pid_t, struct sweep_root **, size_t,
		     size_t *);
size_t		 sweep_tree(const char *, const pid_t *, size_t,
		     const struct sweep_root *, size_t, int, pid_t);

#endif
