/*
 * demo-start.c: a demo started by its name as a job. A demo of the catalog
 * runs from the demo directory as it is. mpicompute, an MPI program, runs
 * under mpirun with its -w ranks on this machine (cluster_local_argv:
 * --host localhost:W --tag-output), and its job takes each line's tag off
 * (job_config.mpi_tags), so every line is attributed to its rank; with
 * --hosts, cluster mode spreads it over the hosts instead (cluster-batch.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cluster.h"
#include "demo-start.h"
#include "host.h"
#include "job.h"
#include "util.h"

int
demo_known(const char *name)
{
	return strcmp(name, MPI_DEMO) == 0 || catalog_find(name) != NULL;
}

struct job *
demo_start(char **argv, const struct job_config *config, char **cause)
{
	struct job_config	 cfg = *config;
	struct job		*job;
	char			**run, *path;
	int			 argc;

	for (argc = 0; argv[argc] != NULL; argc++)
		;
	if (strcmp(argv[0], MPI_DEMO) == 0) {
		if ((run = cluster_local_argv(argc - 1, argv + 1, cause)) ==
		    NULL)
			return NULL;
		cfg.mpi_tags = 1;
		job = job_start(MPI_DEMO, run, &cfg, cause);
		host_argv_free(run);
		return job;
	}
	if ((path = catalog_demo_path(argv[0])) == NULL) {
		xasprintf(cause, "demo '%s' is not installed in %s", argv[0],
		    catalog_demo_dir());
		return NULL;
	}
	run = xcalloc((size_t)argc + 1, sizeof *run);
	memcpy(run, argv, (size_t)argc * sizeof *run);
	run[0] = path;
	job = job_start(argv[0], run, &cfg, cause);
	free(run);
	free(path);
	return job;
}
