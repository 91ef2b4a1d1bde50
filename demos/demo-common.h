/*
 * demo-common.h: the plumbing every demo shares, so that each demo file is
 * about its lesson.
 *
 *   options   -w/--workers N, -t/--duration SECS, -h/--help and the demo's
 *             own options, described in a table; bad options print the usage
 *             on stderr and exit 2; -w is capped (4096, and by RLIMIT_NPROC)
 *   describe  --describe prints the demo, its texts and its options in a
 *             machine-readable form: turbotop's menu and --list read it, so
 *             each text lives in the demo alone
 *   output    demo_print() writes each line with one write(), so the lines of
 *             concurrent workers never shred
 *   workers   demo_fork() starts a worker process that dies with its parent
 *             (PR_SET_PDEATHSIG); demo_join() waits for them all, ends them
 *             when -t elapses, and on SIGTERM or SIGINT stops every worker and
 *             exits within a second
 */
#ifndef DEMO_COMMON_H
#define DEMO_COMMON_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

#define DEMO_MAX_WORKERS	4096

enum demo_opt_type {
	DEMO_FLAG,		/* int, set to 1 when given */
	DEMO_LONG,		/* long in [min, max] */
	DEMO_DOUBLE,		/* double in [min, max] */
	DEMO_STRING		/* const char *, one of the words in arg ("a|b|c") or any if arg has no '|' */
};

/* One option of a demo's own; a table of them ends with a NULL name. */
struct demo_opt {
	const char		*name;		/* long name, without "--" */
	int			 key;		/* short letter, or 0 */
	enum demo_opt_type	 type;
	void			*value;
	double			 min;
	double			 max;
	const char		*arg;		/* argument's name in --help, e.g. "N" */
	const char		*help;
};

struct demo {
	const char		*name;
	const char		*args;		/* non-option arguments for the usage line, or NULL */
	const char		*summary;	/* one line for turbotop's --list and menu */
	const char		*about;		/* what the demo does, for --help */
	const char		*watch;		/* what to watch for in turbotop, for --help */
	long			 workers;	/* -w: default (set before), the value (after); 0: no -w */
	double			 duration;	/* -t: default, then the value; < 0: no -t; 0: forever */
	int			 own_duration;	/* the demo ends itself when -t elapses (demo_join does not) */
	const struct demo_opt	*opts;		/* the demo's own options, or NULL */
};

int	 demo_start(struct demo *, int, char **);
void	 demo_describe(struct demo *);	/* --describe alone (mpicompute's) */
long	 demo_ncpu(void);
long	 demo_max_workers(void);
void	 demo_check_workers(const struct demo *, long);

void	 demo_print(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 demo_fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

pid_t	 demo_fork(int (*)(long, void *), long, void *);
void	 demo_join(void);
int	 demo_stopping(void);
void	 demo_check_stop(void);
int	 demo_sleep(double);
ssize_t	 demo_read(int, void *, size_t);
int	 demo_poll(struct pollfd *, size_t, double);
void	 demo_write(int, const void *, size_t);

double	 demo_now(void);
double	 demo_cpu_time(int);
void	*demo_shared(size_t);
void	 demo_spin(double);

#endif
