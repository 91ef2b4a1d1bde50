/*
 * bench-cmd.h: the command a benchmark runs for each worker count K: a demo
 * with "-w K" added, or a -- COMMAND with every "{w}" in it replaced by K.
 */
#ifndef TURBOTOP_BENCH_CMD_H
#define TURBOTOP_BENCH_CMD_H

struct bench_cmd;

struct bench_cmd	*bench_cmd_create(int, char **, int, char **);
void			 bench_cmd_free(struct bench_cmd *);
char			**bench_cmd_argv(const struct bench_cmd *, int);
void			 bench_cmd_argv_free(char **);
const char		*bench_cmd_title(const struct bench_cmd *);

#endif
