/*
 * turbotop.c: main. Parses the shared command line and hands over to one mode:
 * the TUI (ui.c), batch records (batch.c), a lesson (lesson.c), a speedup
 * benchmark (bench.c) or a replay of a recorded stream (replay.c). Each mode
 * returns the process exit status.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "batch.h"
#include "bench.h"
#include "catalog.h"
#include "cluster.h"
#include "demo-start.h"
#include "host.h"
#include "job.h"
#include "lesson.h"
#include "options.h"
#include "record.h"
#include "replay.h"
#include "sanitize.h"
#include "sample.h"
#include "ui.h"
#include "util.h"

static void
print_version(void)
{
	printf("turbotop %s\n"
	    "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n",
	    PACKAGE_VERSION);
}

/*
 * Cluster mode (--hosts, --hostfile, --rsh): everything is validated before
 * any host is contacted, and a bad host name or rsh is a usage error (2).
 */
static int
cluster_main(const struct options *o)
{
	struct host_list	 l;
	char			**rsh, *cause;

	if (o->hosts == NULL && o->hostfile == NULL) {
		fprintf(stderr, "turbotop: --rsh goes with --hosts or "
		    "--hostfile\n");
		return 2;
	}
	if (host_list_parse(&l, o->hosts, o->hostfile, &cause) != 0 ||
	    host_rsh_split(o->rsh != NULL ? o->rsh : RSH_DEFAULT, &rsh,
	    &cause) != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		host_list_free(&l);
		return 2;
	}
	host_list_free(&l);
	host_argv_free(rsh);
	if (o->script != NULL || o->replay != NULL || o->record != NULL) {
		fprintf(stderr, "turbotop: --hosts: not with --script, "
		    "--replay or --record yet\n");
		return 2;
	}
	if (o->bench != NULL)
		return bench_main(o);	/* mpicompute's ranks over the hosts */
	if (o->argc > 0 && !o->is_command && !demo_known(o->argv[0])) {
		fprintf(stderr, "turbotop: unknown demo '%s' (turbotop --list "
		    "shows them; use -- to run any command)\n", o->argv[0]);
		return 2;
	}
	if (!o->batch)
		return cluster_tui_main(o);	/* the batch stream, shown */
	return cluster_batch_main(o);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	char		*cause;

	sanitize_stderr();	/* every message: nothing raw reaches the terminal */
	if (options_parse(&o, argc, argv, &cause) != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		options_usage(stderr);
		fprintf(stderr, "Try 'turbotop --help' for more information.\n");
		free(cause);
		return 2;
	}
	/* What goes to stdout alone: a failed write is an error (exit 1). */
	if (o.help) {
		options_help(stdout);
		return util_close_stdout();
	}
	if (o.version) {
		print_version();
		return util_close_stdout();
	}
	if (o.list) {
		catalog_print(stdout);
		return util_close_stdout();
	}
	if (o.agent)
		return agent_main(&o);		/* a host's side of cluster mode */
	if (o.hosts != NULL || o.hostfile != NULL || o.rsh != NULL)
		return cluster_main(&o);
	if (o.argc > 0 && !o.is_command && !demo_known(o.argv[0])) {
		fprintf(stderr, "turbotop: unknown demo '%s' (turbotop --list "
		    "shows them; use -- to run any command)\n", o.argv[0]);
		return 2;
	}

	if (o.record != NULL && (o.batch || o.bench != NULL)) {
		fprintf(stderr, "turbotop: --record records the TUI: not with "
		    "-b or --bench\n");
		return 2;
	}

	if (o.timeline == TIMELINE_EXACT && timeline_allowed(&cause) != 0) {
		fprintf(stderr, "turbotop: --timeline=exact: the scheduler "
		    "trace %s\n", cause);
		free(cause);
		return 2;
	}

	if (o.replay != NULL) {
		if (o.argc > 0 || o.script != NULL || o.bench != NULL) {
			fprintf(stderr, "turbotop: --replay plays a recorded "
			    "stream: not with a demo, --script or --bench\n");
			return 2;
		}
		return replay_main(&o);
	}

	/* Supervision first: signals, subreaper, watchdog (see job.h). */
	if (o.argc > 0 && o.bench == NULL)
		jobs_init();

	if (o.bench != NULL)
		return bench_main(&o);
	if (o.script != NULL)
		return lesson_main(&o);
	if (o.batch)
		return batch_main(&o);
	return record_run(&o, NULL, NULL);	/* -r: recorded (record.c) */
}
