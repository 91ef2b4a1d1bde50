/*
 * bench-cmd.h: the command a benchmark runs for each worker count K: a demo
 * with "-w K" added, or a -- COMMAND with every "{w}" in it replaced by K.
 * A demo with a size option (compute -n, pmap -n, gil --work...) can have
 * its workload sized up, for runs too short to measure.
 */
#ifndef TURBOTOP_BENCH_CMD_H
#define TURBOTOP_BENCH_CMD_H

struct bench_cmd;

struct bench_cmd	*bench_cmd_create(int, char **, int, char **);

/*
 * A demo whose workers are ranks that a launcher starts (mpicompute under
 * mpirun, across hosts): the runs' argv come from wrap(K, the demo's args,
 * their count, arg), NULL-terminated and malloc'd (NULL if it cannot be
 * made); arg is freed with wrap_free. The demo takes no -w: K is the
 * launcher's. where (e.g. "2 hosts") ends the title; slots: how many ranks
 * the hosts take (the "cores" that K is compared with).
 */
struct bench_wrap {
	char		**(*fn)(int, char **, int, void *);
	void		 (*free)(void *);
	void		 *arg;
	const char	 *where;
	int		  slots;
};
struct bench_cmd	*bench_cmd_create_wrapped(int, char **,
			    const struct bench_wrap *, char **);
int			 bench_cmd_slots(const struct bench_cmd *);
void			 bench_cmd_free(struct bench_cmd *);
char			**bench_cmd_argv(const struct bench_cmd *, int);
void			 bench_cmd_argv_free(char **);
const char		*bench_cmd_title(const struct bench_cmd *);
int			 bench_cmd_sizable(const struct bench_cmd *);
int			 bench_cmd_resize(struct bench_cmd *, double);
char			*bench_cmd_size_note(const struct bench_cmd *);

#endif
