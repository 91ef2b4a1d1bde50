/*
 * bench-report.c: a benchmark's points as bench records of the event
 * stream, through the one record writer (event-write.h): a text table, CSV
 * rows or JSON lines.
 *
 * One record per worker count whose runs are in: workers, runs (measured,
 * successful), failed, wall_median_s, wall_min_s, wall_max_s, speedup,
 * efficiency, karp_flatt, then amdahl_f (the fitted serial fraction, the
 * same in every record), amdahl_speedup (the fit's speedup at this K),
 * busy_mean (mean busy % over the cores during the measured runs), busy per
 * core, error (why a run failed), over_cores (more workers than the
 * machine's cores), short (the median run is under the --bench-floor: noise,
 * not a result), and cores, floor_s and sized (how the workload was sized
 * up, or none), the same in every record. A figure that is undefined (Karp-Flatt
 * with one worker, anything of a failed K, busy with under 0.2 s of samples)
 * is '-' in the table, empty in CSV and null in JSON.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-report.h"
#include "bench-run.h"
#include "bench-stats.h"
#include "event-write.h"
#include "util.h"

/* Write b's points as bench records; 0, or -1 if writing failed. */
int
bench_report(struct event_writer *w, const struct bench *b)
{
	const struct bench_point	*p;
	struct event_bench		 eb;
	struct event			 e;
	size_t				 n, i;
	double				 fit = bench_fit(b);
	int				 rc = 0;

	p = bench_points(b, &n);
	n = bench_points_done(b);
	for (i = 0; i < n; i++) {
		memset(&eb, 0, sizeof eb);
		eb.title = bench_title(b);
		eb.repeat = bench_repeat(b);
		eb.workers = p[i].workers;
		eb.runs = (long)p[i].runs;
		eb.failed = (long)p[i].failed;
		eb.wall_median = p[i].wall_median;
		eb.wall_min = p[i].wall_min;
		eb.wall_max = p[i].wall_max;
		eb.speedup = p[i].speedup;
		eb.efficiency = p[i].efficiency;
		eb.karp_flatt = p[i].karp_flatt;
		eb.amdahl_f = fit;
		eb.amdahl_speedup = isnan(fit) ? NAN :
		    bench_amdahl(fit, p[i].workers);
		eb.busy_mean = bench_busy_mean(b, i);
		eb.busy = bench_busy(b, i);
		eb.ncpus = bench_ncpus(b);
		eb.error = bench_error(b, i);
		eb.over_cores = bench_over_cores(b, i);
		eb.is_short = bench_point_short(b, i);
		eb.cores = bench_cores(b);
		eb.floor_s = bench_floor(b);
		eb.sized = bench_size_note(b);
		eb.short_note = bench_short_note(b);
		eb.one_added = bench_one_added(b);
		memset(&e, 0, sizeof e);
		e.type = EVENT_BENCH;
		e.t = event_writer_time(w, now_mono());
		e.bench = &eb;
		if (event_write(w, &e) != 0)
			rc = -1;
	}
	return rc;
}
