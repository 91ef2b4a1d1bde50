/*
 * cluster-mpi.c: the mpirun command line of cluster mode (see cluster.h).
 *
 *   mpirun --host h1:2,h2:1 -np 3 --tag-output --mca plm_rsh_agent RSH
 *          -x TURBOTOP_JOB DEMO ARGS...
 *
 * The ranks are placed by turbotop, not left to mpirun's defaults: each
 * host in order gets ranks up to its slots (1 if none were given), and
 * ranks beyond the total go round robin; --host then names exactly those
 * counts, so mpirun's by-slot mapping puts rank R where rank_host[R] says
 * and every output line (tagged [JOB,R]) is attributed to its host. The
 * same rsh reaches the hosts for mpirun as for the agents, and the marker
 * reaches every rank (-x, or the user's mca_base_env_list) so that the
 * agents find them and sweep them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-cmd.h"
#include "catalog.h"
#include "cluster.h"
#include "options.h"
#include "util.h"

/*
 * mpicompute on this machine alone (no --hosts: the command line's, a
 * lesson's run): mpirun --host localhost:W -np W, W from its -w (taken out
 * of args) or the cores online; no rsh. NULL and *cause if mpirun or the
 * demo is missing, or -w is bad.
 */
char **
cluster_local_argv(int argc, char **args, char **cause)
{
	struct host_spec	 here = { (char *)"localhost", 0 };
	struct host_list	 l = { &here, 1 };
	char			**copy, **argv;
	int			*map = NULL;
	long			 w;

	copy = xcalloc((size_t)argc + 1, sizeof *copy);
	if (argc > 0)
		memcpy(copy, args, (size_t)argc * sizeof *copy);
	if ((w = cluster_take_workers(&argc, copy, cause)) < 0) {
		free(copy);
		return NULL;
	}
	if (w == 0 && (w = sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		w = 1;
	here.slots = (int)w;
	argv = cluster_mpirun_argv(&l, NULL, MPI_DEMO, copy, argc, w, &map,
	    cause);
	free(map);
	free(copy);
	return argv;
}

/* What a benchmark across hosts keeps to make each run's mpirun. */
struct cbench {
	struct host_list	 hosts;
	char			*rsh;
};

/* -w W / --workers=W among mpicompute's arguments: taken out, W returned. */
long
cluster_take_workers(int *argc, char **argv, char **cause)
{
	long	w = 0;
	int	i, j, skip;
	char	*val;

	for (i = 0; i < *argc; i++) {
		val = NULL;
		skip = 0;
		if ((strcmp(argv[i], "-w") == 0 ||
		    strcmp(argv[i], "--workers") == 0) && i + 1 < *argc) {
			val = argv[i + 1];
			skip = 2;
		} else if (strncmp(argv[i], "--workers=", 10) == 0) {
			val = argv[i] + 10;
			skip = 1;
		}
		if (val == NULL)
			continue;
		if (options_parse_long(val, 1, 65536, &w) != 0) {
			xasprintf(cause, "invalid worker count '%s': give an "
			    "integer from 1 to 65536", val);
			return -1;
		}
		for (j = i; j + skip < *argc; j++)
			argv[j] = argv[j + skip];
		*argc -= skip;
		i--;
	}
	return w;
}

/* mpirun's default: the hosts' slots, 1 each where none were given. */
long
cluster_default_ranks(const struct host_list *l)
{
	long	w = 0;
	size_t	i;

	for (i = 0; i < l->n; i++)
		w += l->v[i].slots > 0 ? l->v[i].slots : 1;
	return w;
}

char **
cluster_mpirun_argv(const struct host_list *l, const char *rsh,
    const char *demo, char **args, int nargs, long w, int **rank_host,
    char **cause)
{
	char	**argv, *path, *mpirun, *hosts = NULL, *tmp;
	const char *env;
	long	 *count, r, left;
	size_t	  i, n = 0;
	int	  k, *map;

	if ((mpirun = util_find_program("mpirun")) == NULL) {
		xasprintf(cause, "mpirun was not found in PATH: install Open "
		    "MPI (Debian: openmpi-bin) on this host and every host");
		return NULL;
	}
	xasprintf(&path, "%s/%s", catalog_demo_dir(), demo);
	if (access(path, X_OK) != 0) {
#ifdef HAVE_MPI
		xasprintf(cause, "demo '%s' is not installed in %s", demo,
		    catalog_demo_dir());
#else
		xasprintf(cause, "demo '%s' is not built: turbotop was "
		    "configured without Open MPI (install libopenmpi-dev and "
		    "configure again)", demo);
#endif
		free(path);
		free(mpirun);
		return NULL;
	}

	/* Fill each host to its slots in order, then round robin. */
	count = xcalloc(l->n, sizeof *count);
	map = xcalloc((size_t)w, sizeof *map);
	for (r = 0, i = 0; i < l->n && r < w; i++) {
		for (left = l->v[i].slots > 0 ? l->v[i].slots : 1;
		    left > 0 && r < w; left--)
			count[i]++, r++;
	}
	for (i = 0; r < w; i = (i + 1) % l->n)
		count[i]++, r++;
	for (r = 0, i = 0; i < l->n; i++) {
		for (left = count[i]; left > 0; left--)
			map[r++] = (int)i;
		if (count[i] == 0)
			continue;
		xasprintf(&tmp, "%s%s%s:%ld", hosts != NULL ? hosts : "",
		    hosts != NULL ? "," : "", l->v[i].name, count[i]);
		free(hosts);
		hosts = tmp;
	}
	free(count);

	argv = xcalloc(18 + (size_t)nargs, sizeof *argv);
	argv[n++] = mpirun;
	argv[n++] = xstrdup("--host");
	argv[n++] = hosts;
	argv[n++] = xstrdup("-np");
	xasprintf(&argv[n++], "%ld", w);
	argv[n++] = xstrdup("--tag-output");
	/*
	 * turbotop runs as root to read the scheduler's trace; mpirun
	 * refuses root unless told, and the user has chosen.
	 */
	if (geteuid() == 0)
		argv[n++] = xstrdup("--allow-run-as-root");
	if (rsh != NULL) {
		argv[n++] = xstrdup("--mca");
		argv[n++] = xstrdup("plm_rsh_agent");
		argv[n++] = xstrdup(rsh);
	}
	/*
	 * Open MPI refuses -x beside mca_base_env_list: when the user forwards
	 * variables that way, the marker joins their list.
	 */
	if ((env = getenv("OMPI_MCA_mca_base_env_list")) != NULL &&
	    *env != '\0') {
		argv[n++] = xstrdup("--mca");
		argv[n++] = xstrdup("mca_base_env_list");
		xasprintf(&argv[n++], "%s;TURBOTOP_JOB", env);
	} else {
		argv[n++] = xstrdup("-x");
		argv[n++] = xstrdup("TURBOTOP_JOB");
	}
	argv[n++] = path;
	for (k = 0; k < nargs; k++)
		argv[n++] = xstrdup(args[k]);
	argv[n] = NULL;
	*rank_host = map;
	return argv;
}

/* "h1,h2,h3" for a title, or "N hosts" where that would be long. */
static char *
hosts_named(const struct host_list *l)
{
	char	*s = NULL, *t;
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		xasprintf(&t, "%s%s%s", s != NULL ? s : "", s != NULL ? "," : "",
		    l->v[i].name);
		free(s);
		s = t;
		if (strlen(s) > 40) {
			free(s);
			xasprintf(&s, "%zu hosts", l->n);
			break;
		}
	}
	return s;
}

/* One run of a benchmark across hosts: mpirun for k ranks. */
static char **
cbench_argv(int k, char **args, int nargs, void *arg)
{
	struct cbench	*cb = arg;
	char		**argv, *cause = NULL;
	int		 *map = NULL;

	argv = cluster_mpirun_argv(&cb->hosts, cb->rsh, MPI_DEMO, args, nargs,
	    k, &map, &cause);
	free(map);
	free(cause);
	return argv;
}

static void
cbench_free(void *arg)
{
	struct cbench	*cb = arg;

	host_list_free(&cb->hosts);
	free(cb->rsh);
	free(cb);
}

/*
 * The ranks are placed as for one run (each host filled to its slots in
 * order), so K=1 is one rank on the first host, and the hosts join as K
 * grows past their slots: the speedup over hosts. Without --hosts, the
 * ranks run on this machine (localhost, a slot a core).
 */
struct bench_cmd *
cluster_bench_cmd(const struct options *o, char **cause)
{
	struct bench_wrap	 wrap;
	struct bench_cmd	*c;
	struct cbench		*cb;
	char			**probe, *where;
	int			*map = NULL;

	*cause = NULL;
	if (o->argc < 1 || o->is_command || strcmp(o->argv[0], MPI_DEMO) != 0) {
		xasprintf(cause, "--bench across hosts runs %s (its ranks "
		    "span the hosts), e.g. turbotop --bench=1,2,4 --hosts=h1,h2 "
		    "%s -n 100000000; other demos run on this machine: drop "
		    "--hosts", MPI_DEMO, MPI_DEMO);
		return NULL;
	}
	cb = xcalloc(1, sizeof *cb);
	if (o->hosts == NULL && o->hostfile == NULL) {
		/* This machine alone: a slot a core, mpirun's own launch. */
		cb->hosts.v = xcalloc(1, sizeof *cb->hosts.v);
		cb->hosts.v[0].name = xstrdup("localhost");
		if ((cb->hosts.v[0].slots = (int)sysconf(_SC_NPROCESSORS_ONLN))
		    < 1)
			cb->hosts.v[0].slots = 1;
		cb->hosts.n = 1;
	} else if (host_list_parse(&cb->hosts, o->hosts, o->hostfile,
	    cause) != 0) {
		cbench_free(cb);
		return NULL;
	} else
		cb->rsh = xstrdup(o->rsh != NULL ? o->rsh : RSH_DEFAULT);
	/* mpirun and the demo are there, before anything runs. */
	if ((probe = cluster_mpirun_argv(&cb->hosts, cb->rsh, MPI_DEMO, NULL,
	    0, 1, &map, cause)) == NULL) {
		cbench_free(cb);
		return NULL;
	}
	host_argv_free(probe);
	free(map);
	where = hosts_named(&cb->hosts);
	memset(&wrap, 0, sizeof wrap);
	wrap.fn = cbench_argv;
	wrap.free = cbench_free;
	wrap.arg = cb;
	wrap.where = where;
	wrap.slots = (int)cluster_default_ranks(&cb->hosts);
	c = bench_cmd_create_wrapped(o->argc, o->argv, &wrap, cause);
	free(where);
	if (c == NULL)
		cbench_free(cb);
	return c;
}
