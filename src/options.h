/*
 * options.h: the command line every mode shares.
 *
 *   turbotop [OPTION]... [DEMO [DEMO-ARG]...]
 *   turbotop [OPTION]... -- COMMAND [ARG]...
 *
 * Options stop at the first non-option, as with nice(1) or strace(1).
 */
#ifndef TURBOTOP_OPTIONS_H
#define TURBOTOP_OPTIONS_H

#include <stdio.h>

#include "sample-timeline.h"

enum format {
	FORMAT_TEXT,
	FORMAT_CSV,
	FORMAT_JSON
};

#define DELAY_MIN		0.05	/* seconds; -d refuses less */
#define DELAY_MAX		3600.0
#define DELAY_BATCH		1.0	/* default -d in batch mode, as top's 3 s is too slow to teach with */
#define DELAY_TUI		0.5	/* default -d in the TUI */
#define LINES_DEFAULT		10000	/* output lines kept per demo */
#define REPEAT_DEFAULT		3
#define BENCH_FLOOR_DEFAULT	0.5	/* s: --bench runs shorter are noise */

struct options {
	int		 batch;		/* -b: records on stdout, no TUI */
	double		 delay;		/* -d: seconds between samples; < 0 = the mode's default */
	long		 iterations;	/* -n: samples before stopping; 0 = until the demo ends or forever */
	enum format	 format;	/* -f */
	int		 list;		/* -l: list the demos */
	int		 all;		/* --all: every process, not only the busiest or the demo's */
	int		 pty;		/* --pty: give the demo a terminal */
	long		 max_lines;	/* --lines: output lines kept per demo */
	double		 grace;		/* --grace: seconds between SIGTERM and SIGKILL on stop */
	const char	*script;	/* -s: lesson file */
	const char	*record;	/* -r: asciicast file */
	const char	*bench;		/* --bench: worker counts, "1,2,4" or "1-8" */
	int		 repeat;	/* --repeat: runs per worker count */
	const char	*bench_out;	/* --bench-out: SVG chart */
	double		 bench_floor;	/* --bench-floor: shortest run worth timing (0: off) */
	enum timeline_mode timeline;	/* --timeline: auto, exact or sampled */
	int		 threads;	/* --threads: batch records per thread too */
	const char	*replay;	/* --replay: event stream to play, "-" stdin */
	int		 cluster_view;	/* not an option: the replay is the live
					   stream of --hosts (cluster-tui.c) */
	int		 agent;		/* --agent: a host's event stream (cluster mode) */
	const char	*agent_marker;	/* --agent=MARKER: sweep its processes at the end */
	const char	*hosts;		/* --hosts: h1[:SLOTS],h2,... */
	const char	*hostfile;	/* --hostfile: Open MPI's syntax */
	const char	*rsh;		/* --rsh: how to reach a host (default ssh) */
	int		 help;		/* -h */
	int		 version;	/* -V */

	int		 is_command;	/* "--" was given: argv is a command, not a demo name */
	int		 argc;		/* 0 when no demo or command was given */
	char		**argv;		/* points into the caller's argv */
	int		 full_argc;	/* the whole command line, for the hello */
	char		**full_argv;
};

int	 options_parse(struct options *, int, char **, char **);
double	 options_delay(const struct options *, double);
void	 options_usage(FILE *);
void	 options_help(FILE *);
int	 options_parse_seconds(const char *, double, double, double *);
int	 options_parse_long(const char *, long, long, long *);

#endif
