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
void			 bench_cmd_free(struct bench_cmd *);
char			**bench_cmd_argv(const struct bench_cmd *, int);
void			 bench_cmd_argv_free(char **);
const char		*bench_cmd_title(const struct bench_cmd *);
int			 bench_cmd_sizable(const struct bench_cmd *);
int			 bench_cmd_resize(struct bench_cmd *, double);
char			*bench_cmd_size_note(const struct bench_cmd *);

#endif
