/*
 * bench.c: benchmark mode (see bench.h). Checks everything it can before
 * the first run (the worker list, the command, the --bench-out file), then
 * drives the engine (bench-run.c) one run at a time, and writes the
 * results: a table or records on standard output (bench-report.c) and the
 * chart as SVG (bench-svg.c).
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "bench-report.h"
#include "bench-run.h"
#include "bench-stats.h"
#include "bench-svg.h"
#include "options.h"
#include "util.h"

#define BENCH_POLL_MS	5	/* how often a run is checked for its end */

static volatile sig_atomic_t	bench_signalled;

static void
on_signal(int sig)
{
	bench_signalled = sig;
}

static void
catch_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Write the chart to path; 0, or -1 with a message on stderr. */
static int
write_svg(FILE *f, const char *path, const struct bench *b)
{
	const struct bench_point	*p;
	size_t				 n;
	int				 rc;

	p = bench_points(b, &n);
	rc = bench_svg_write(f, p, bench_points_done(b), bench_fit(b),
	    bench_title(b));
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "turbotop: writing %s failed: %s\n", path,
		    strerror(errno));
	return rc;
}

/* Run the benchmark to its end without a terminal, reporting on stderr. */
static void
run_batch(struct bench *b, int verbose)
{
	const struct bench_point	*p;
	size_t				 n, done = 0;

	p = bench_points(b, &n);
	catch_signals();
	while (!bench_finished(b)) {
		if (!bench_running(b)) {
			if (bench_start_next(b) && verbose)
				fprintf(stderr, "turbotop: %s\n", bench_progress(b));
			continue;
		}
		poll(NULL, 0, BENCH_POLL_MS);
		if (bench_signalled) {
			bench_abort(b, "interrupted");
			break;
		}
		if (!bench_run_ended(b))
			continue;
		bench_collect(b);
		for (; done < bench_points_done(b); done++) {
			if (bench_error(b, done) != NULL)
				fprintf(stderr, "turbotop: %s\n",
				    bench_error(b, done));
			else if (verbose)
				fprintf(stderr, "turbotop: K=%d: median %.3f s, "
				    "speedup %.2f\n", p[done].workers,
				    p[done].wall_median, p[done].speedup);
		}
	}
	if (bench_abort_reason(b) != NULL)
		fprintf(stderr, "turbotop: benchmark stopped: %s\n",
		    bench_abort_reason(b));
}

int
bench_main(const struct options *o)
{
	struct bench	*b;
	FILE		*svg = NULL;
	char		*cause;
	int		 rc;

	if ((b = bench_create(o, &cause)) == NULL) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		return 2;
	}
	if (o->bench_out != NULL && (svg = fopen(o->bench_out, "w")) == NULL) {
		fprintf(stderr, "turbotop: cannot write %s: %s\n", o->bench_out,
		    strerror(errno));
		bench_free(b);
		return 2;
	}
	if (bench_one_added(b))
		fprintf(stderr, "turbotop: adding 1 worker to the list: speedup "
		    "is measured against one worker\n");

	run_batch(b, isatty(STDERR_FILENO));

	rc = bench_failed(b) ? 1 : 0;
	if (bench_report(stdout, b, o->format) != 0)
		rc = 1;
	if (svg != NULL && write_svg(svg, o->bench_out, b) != 0)
		rc = 1;
	bench_free(b);
	return rc;
}

int
bench_run_argv(int argc, char **argv, char **cause)
{
	struct options	o;

	if (options_parse(&o, argc, argv, cause) != 0)
		return 2;
	if (o.bench == NULL) {
		xasprintf(cause, "bench needs --bench=LIST");
		return 2;
	}
	return bench_main(&o);
}
