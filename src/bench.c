/*
 * bench.c: benchmark mode (see bench.h). Checks everything it can before
 * the first run (the worker list, the command, the --bench-out file), then
 * drives the engine (bench-run.c) one run at a time, and writes the
 * results: a table or records on standard output (bench-report.c) and the
 * chart as SVG (bench-svg.c).
 *
 * On a terminal (no -b, text format, stdin and stdout a tty) the TUI runs
 * the engine and shows the chart filling in (bench-tui.c) above which the
 * core graphs show the runs; the table is printed when it is quit.
 * Otherwise it runs in batch: progress on stderr if that is a terminal.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "bench-report.h"
#include "bench-run.h"
#include "bench-stats.h"
#include "bench-svg.h"
#include "bench-tui.h"
#include "event-write.h"
#include "job.h"
#include "options.h"
#include "sample.h"
#include "util.h"

#define BENCH_WAIT	0.02	/* s: how late the end of a run whose leader left
				   children holding its output is seen */
#define BENCH_DELAY	0.1	/* s between busy samples during a run (-d) */

/* Write the chart to path; 0, or -1 with a message on stderr. */
static int
write_svg(FILE *f, const char *path, const struct bench *b)
{
	const struct bench_point	*p;
	size_t				 n;
	int				 rc;

	p = bench_points(b, &n);
	rc = bench_svg_write(f, p, bench_points_done(b), bench_fit(b),
	    bench_title(b), bench_cores(b));
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "turbotop: writing %s failed: %s\n", path,
		    strerror(errno));
	return rc;
}

/* Tick the sampler; feed the run its busy figures if count. */
static void
tick(struct sampler *s, struct bench *b, int count)
{
	char	*cause;

	if (s == NULL)
		return;
	if (sampler_tick(s, &cause) != 0) {
		free(cause);
		return;
	}
	if (count)
		bench_sampled_from(b, s);
}

/*
 * Run the benchmark to its end without a terminal, reporting on stderr.
 * The sampler ticks when a run starts (a baseline, not counted), every
 * delay seconds while it runs, and once more when it ends, so the busy
 * figures cover the runs and little else.
 */
static void
run_batch(struct bench *b, struct sampler *s, double delay, int verbose)
{
	const struct bench_point	*p;
	size_t				 n, done = 0;
	double				 next = 0, wait, now;

	p = bench_points(b, &n);
	jobs_init();
	while (!bench_finished(b)) {
		if (!bench_running(b)) {
			if (bench_start_next(b)) {
				if (verbose)
					fprintf(stderr, "turbotop: %s\n",
					    bench_progress(b));
				tick(s, b, 0);
				next = now_mono() + delay;
			}
			continue;
		}
		wait = next - now_mono();
		if (wait > BENCH_WAIT)
			wait = BENCH_WAIT;
		if (wait < 0)
			wait = 0;
		if (jobs_wait(wait, -1) & JOBS_WAIT_SIGNAL) {
			bench_abort(b, "interrupted");
			break;
		}
		if (!bench_run_ended(b)) {
			if ((now = now_mono()) >= next) {
				tick(s, b, 1);
				next = now + delay;
			}
			continue;
		}
		tick(s, b, 1);
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

/*
 * Say on stderr what the table says of the runs' length: the workload sized
 * up, or a warning as hyperfine gives when runs are too short to measure.
 */
static void
warn_short(const struct bench *b)
{
	if (bench_size_note(b) != NULL)
		fprintf(stderr, "turbotop: the workload was sized up so that runs "
		    "last the %.2g s floor: %s\n", bench_floor(b),
		    bench_size_note(b));
	if (bench_short_note(b) != NULL)
		fprintf(stderr, "turbotop: Warning: %s (--bench-floor=0 accepts "
		    "them)\n", bench_short_note(b));
}

/*
 * The engine as a function: run the benchmark o describes (in batch, or in
 * the TUI if tui), and write its bench records through w; with end, an end
 * record too (the fit, why it stopped early). Returns the exit status.
 */
int
bench_run(const struct options *o, struct event_writer *w, int tui, int end)
{
	struct bench	*b;
	struct sampler	*s;
	struct event	 e;
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

	if (tui) {
		if (bench_tui(o, b) != 0)
			bench_abort(b, "the TUI could not start");
		else
			bench_abort(b, "quit before the end");
	} else {
		if ((s = sampler_create(&cause)) == NULL) {
			fprintf(stderr, "turbotop: no busy figures: %s\n", cause);
			free(cause);
		} else
			tick(s, b, 0);
		run_batch(b, s, options_delay(o, BENCH_DELAY),
		    isatty(STDERR_FILENO));
		sampler_free(s);
	}

	warn_short(b);
	rc = bench_failed(b) ? 1 : 0;
	if (bench_report(w, b) != 0)
		rc = 1;
	if (end) {
		memset(&e, 0, sizeof e);
		e.type = EVENT_END;
		e.t = event_writer_time(w, now_mono());
		e.status = rc;
		e.has_fit = 1;
		e.amdahl_f = bench_fit(b);
		e.reason = bench_abort_reason(b);
		if (event_write(w, &e) != 0)
			rc = 1;
	}
	if (svg != NULL && write_svg(svg, o->bench_out, b) != 0)
		rc = 1;
	bench_free(b);
	return rc;
}

int
bench_main(const struct options *o)
{
	struct event_writer	*w;
	int			 tui, rc;

	tui = !o->batch && o->format == FORMAT_TEXT && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO);
	w = event_writer_new(stdout, o->format);
	if (!tui)	/* the TUI prints only the table when it is quit */
		event_write_hello(w, o->full_argc, o->full_argv);
	rc = bench_run(o, w, tui, 1);
	event_writer_free(w);
	return rc;
}
