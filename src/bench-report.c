/*
 * bench-report.c: write a benchmark's points as a text table, CSV or JSON.
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
 * is '-' in the table, empty in CSV and null in JSON. Numbers use the C
 * locale.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-report.h"
#include "bench-run.h"
#include "bench-stats.h"
#include "json.h"

/* A number in a column of width w, or '-' when undefined. */
static void
text_num(FILE *f, int w, int prec, double v)
{
	if (isnan(v) || isinf(v))
		fprintf(f, " %*s", w, "-");
	else
		fprintf(f, " %*.*f", w, prec, v);
}

static void
report_text(FILE *f, const struct bench *b)
{
	const struct bench_point	*p;
	const double			*busy;
	size_t				 n, i;
	double				 fit = bench_fit(b);
	int				 c;

	p = bench_points(b, &n);
	n = bench_points_done(b);
	fprintf(f, "benchmark: %s\n", bench_title(b));
	fprintf(f, "%d measured run%s per worker count after 1 warm-up run "
	    "(not counted); times in seconds%s\n", bench_repeat(b),
	    bench_repeat(b) == 1 ? "" : "s", bench_one_added(b) ?
	    "; 1 worker added as the baseline" : "");
	fprintf(f, "on %d core%s; runs under %.2g s are noise, not results%s\n",
	    bench_cores(b), bench_cores(b) == 1 ? "" : "s", bench_floor(b),
	    bench_floor(b) > 0 ? "" : " (the floor is off)");
	if (bench_size_note(b) != NULL)
		fprintf(f, "workload sized up: %s\n", bench_size_note(b));
	fprintf(f, "%7s %5s %9s %9s %9s %8s %10s %10s %6s  %s\n", "workers",
	    "runs", "median", "min", "max", "speedup", "efficiency",
	    "karp-flatt", "busy%", "busy% per core");
	for (i = 0; i < n; i++) {
		fprintf(f, "%7d %5zu", p[i].workers, p[i].runs);
		if (bench_error(b, i) != NULL) {
			fprintf(f, "  FAILED: %s\n", bench_error(b, i));
			continue;
		}
		text_num(f, 9, 3, p[i].wall_median);
		text_num(f, 9, 3, p[i].wall_min);
		text_num(f, 9, 3, p[i].wall_max);
		text_num(f, 8, 2, p[i].speedup);
		text_num(f, 10, 2, p[i].efficiency);
		text_num(f, 10, 3, p[i].karp_flatt);
		text_num(f, 6, 0, bench_busy_mean(b, i));
		fputc(' ', f);
		if ((busy = bench_busy(b, i)) == NULL)
			fprintf(f, " -");
		else {
			for (c = 0; c < bench_ncpus(b); c++)
				fprintf(f, " %.0f", busy[c]);
		}
		if (bench_over_cores(b, i))
			fprintf(f, "  [K > %d cores]", bench_cores(b));
		if (bench_point_short(b, i))
			fprintf(f, "  [short: noise]");
		fputc('\n', f);
	}
	if (isnan(fit))
		fprintf(f, "Amdahl fit: needs a speedup measured with more than "
		    "one worker\n");
	else if (fit > 0)
		fprintf(f, "Amdahl fit: serial fraction f = %.4f (speedup can "
		    "never exceed 1/f = %.1f)\n", fit, 1 / fit);
	else
		fprintf(f, "Amdahl fit: serial fraction f = 0 (no serial part "
		    "seen: the speedups are ideal or better)\n");
	fprintf(f, "speedup = T(1)/T(K) with T the median; efficiency = "
	    "speedup/K; karp-flatt = (1/speedup - 1/K)/(1 - 1/K), '-' with 1 "
	    "worker (0/0)\n");
	for (i = 0; i < n && !bench_over_cores(b, i); i++)
		;
	if (i < n)
		fprintf(f, "[K > %d cores]: more workers than cores: CPU-bound "
		    "work cannot speed up further there\n", bench_cores(b));
	if (bench_short_note(b) != NULL)
		fprintf(f, "Warning: %s%s\n", bench_short_note(b),
		    bench_floor(b) > 0 ? " (--bench-floor=0 accepts them)" : "");
	if (bench_abort_reason(b) != NULL)
		fprintf(f, "stopped early: %s\n", bench_abort_reason(b));
}

static void
csv_num(FILE *f, double v)
{
	if (isnan(v) || isinf(v))
		fputs(",", f);
	else
		fprintf(f, ",%.6g", v);
}

/* s as one CSV field: quoted, quotes doubled. */
static void
csv_string(FILE *f, const char *s)
{
	fputs(",\"", f);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
report_csv(FILE *f, const struct bench *b)
{
	const struct bench_point	*p;
	const double			*busy;
	size_t				 n, i;
	double				 fit = bench_fit(b);
	int				 c;

	p = bench_points(b, &n);
	n = bench_points_done(b);
	fprintf(f, "workers,runs,failed,wall_median_s,wall_min_s,wall_max_s,"
	    "speedup,efficiency,karp_flatt,amdahl_f,amdahl_speedup,busy_mean");
	for (c = 0; c < bench_ncpus(b); c++)
		fprintf(f, ",busy_cpu%d", c);
	fprintf(f, ",error,over_cores,short,cores,floor_s,sized\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "%d,%zu,%zu", p[i].workers, p[i].runs, p[i].failed);
		csv_num(f, p[i].wall_median);
		csv_num(f, p[i].wall_min);
		csv_num(f, p[i].wall_max);
		csv_num(f, p[i].speedup);
		csv_num(f, p[i].efficiency);
		csv_num(f, p[i].karp_flatt);
		csv_num(f, fit);
		csv_num(f, isnan(fit) ? NAN : bench_amdahl(fit, p[i].workers));
		csv_num(f, bench_busy_mean(b, i));
		busy = bench_busy(b, i);
		for (c = 0; c < bench_ncpus(b); c++)
			csv_num(f, busy != NULL ? busy[c] : NAN);
		if (bench_error(b, i) != NULL)
			csv_string(f, bench_error(b, i));
		else
			fputc(',', f);
		fprintf(f, ",%d,%d,%d", bench_over_cores(b, i),
		    bench_point_short(b, i), bench_cores(b));
		csv_num(f, bench_floor(b));
		if (bench_size_note(b) != NULL)
			csv_string(f, bench_size_note(b));
		else
			fputc(',', f);
		fputc('\n', f);
	}
}

static void
json_num(struct json *j, const char *key, double v, int decimals)
{
	json_key(j, key);
	json_double(j, v, decimals);
}

static int
report_json(FILE *f, const struct bench *b)
{
	const struct bench_point	*p;
	const double			*busy;
	struct json			*j = json_new();
	size_t				 n, i;
	double				 fit = bench_fit(b);
	int				 c, rc = 0;

	p = bench_points(b, &n);
	n = bench_points_done(b);
	for (i = 0; i < n; i++) {
		json_object_begin(j);
		json_key(j, "workers");
		json_int(j, p[i].workers);
		json_key(j, "runs");
		json_int(j, (long long)p[i].runs);
		json_key(j, "failed");
		json_int(j, (long long)p[i].failed);
		json_num(j, "wall_median_s", p[i].wall_median, 6);
		json_num(j, "wall_min_s", p[i].wall_min, 6);
		json_num(j, "wall_max_s", p[i].wall_max, 6);
		json_num(j, "speedup", p[i].speedup, 4);
		json_num(j, "efficiency", p[i].efficiency, 4);
		json_num(j, "karp_flatt", p[i].karp_flatt, 4);
		json_num(j, "amdahl_f", fit, 4);
		json_num(j, "amdahl_speedup", isnan(fit) ? NAN :
		    bench_amdahl(fit, p[i].workers), 4);
		json_num(j, "busy_mean", bench_busy_mean(b, i), 1);
		json_key(j, "busy");
		if ((busy = bench_busy(b, i)) == NULL)
			json_null(j);
		else {
			json_array_begin(j);
			for (c = 0; c < bench_ncpus(b); c++)
				json_double(j, busy[c], 1);
			json_array_end(j);
		}
		json_key(j, "error");
		if (bench_error(b, i) != NULL)
			json_string(j, bench_error(b, i));
		else
			json_null(j);
		json_key(j, "over_cores");
		json_bool(j, bench_over_cores(b, i));
		json_key(j, "short");
		json_bool(j, bench_point_short(b, i));
		json_key(j, "cores");
		json_int(j, bench_cores(b));
		json_num(j, "floor_s", bench_floor(b), 3);
		json_key(j, "sized");
		if (bench_size_note(b) != NULL)
			json_string(j, bench_size_note(b));
		else
			json_null(j);
		json_object_end(j);
		if (json_line(j, f) != 0)
			rc = -1;
		json_reset(j);
	}
	json_free(j);
	return rc;
}

/* Write b's points in format fmt; 0, or -1 if writing failed. */
int
bench_report(FILE *f, const struct bench *b, enum format fmt)
{
	locale_t	cloc, old = (locale_t)0;
	int		rc = 0;

	if ((cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0)) != (locale_t)0)
		old = uselocale(cloc);
	switch (fmt) {
	case FORMAT_TEXT:
		report_text(f, b);
		break;
	case FORMAT_CSV:
		report_csv(f, b);
		break;
	case FORMAT_JSON:
		if (report_json(f, b) != 0)
			rc = -1;
		break;
	}
	if (cloc != (locale_t)0) {
		uselocale(old);
		freelocale(cloc);
	}
	fflush(f);
	return ferror(f) || rc != 0 ? -1 : 0;
}
