/*
 * demo-start.h: a demo started by its name as a job (job.h), the one way
 * the TUI, batch mode and lessons start one.
 */
#ifndef TURBOTOP_DEMO_START_H
#define TURBOTOP_DEMO_START_H

struct job;
struct job_config;

/*
 * argv[0] is the demo's name, the rest its arguments (NULL-terminated).
 * NULL and *cause if it is not installed (or, for mpicompute, mpirun is
 * missing or -w is bad).
 */
struct job	*demo_start(char **, const struct job_config *, char **);

/* True if name is a demo demo_start() knows: the catalog's, or mpicompute. */
int		 demo_known(const char *);

#endif
