/*
 * json-timeline.c: the timeline's fields in batch JSON records (README,
 * "JSON records"): the per-sample "timeline" object and a process's run,
 * wait and sleep figures, with --threads its threads one by one.
 */
#include "config.h"

#include "json.h"
#include "json-timeline.h"
#include "sample.h"

/* "timeline": {"source", "lost", "cores": [{"id", "idle_ms", "run"}]} */
void
json_timeline(struct json *j, const struct sampler *s)
{
	const struct core_run	*runs;
	size_t			 n, i;
	int			 c;

	json_key(j, "timeline");
	json_object_begin(j);
	json_key(j, "source");
	json_string(j, sampler_timeline_exact(s) ? "exact" : "sampled");
	json_key(j, "lost");
	json_int(j, (long long)sampler_timeline_lost(s));
	json_key(j, "cores");
	json_array_begin(j);
	for (c = 0; c < sampler_ncpus(s); c++) {
		if (!sampler_cpu(s, c)->online)
			continue;
		json_object_begin(j);
		json_key(j, "id");
		json_int(j, c);
		json_key(j, "idle_ms");
		json_double(j, sampler_core_idle_ms(s, c), 1);
		json_key(j, "run");
		json_array_begin(j);
		n = sampler_core_runs(s, c, &runs);
		for (i = 0; i < n; i++) {
			json_object_begin(j);
			json_key(j, "pid");
			json_int(j, runs[i].pid);
			json_key(j, "tid");
			json_int(j, runs[i].tid);
			json_key(j, "ms");
			json_double(j, runs[i].ms, 1);
			json_object_end(j);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void
json_figures(struct json *j, double run, double wait, double sleep,
    unsigned migrations)
{
	json_key(j, "run_ms");
	json_double(j, run, 1);
	json_key(j, "wait_ms");
	json_double(j, wait, 1);
	json_key(j, "sleep_ms");
	json_double(j, sleep, 1);
	json_key(j, "migrations");
	json_int(j, migrations);
}

/*
 * Inside a process's object: its interval figures, and with threads set a
 * "tasks" array of its threads.
 */
void
json_proc_timeline(struct json *j, const struct sampler *s,
    const struct proc_sample *p, int threads)
{
	const struct thread_sample	*t;
	char				 state[2];
	size_t				 i;

	json_figures(j, p->run_ms, p->wait_ms, p->sleep_ms, p->migrations);
	json_key(j, "switches");
	json_int(j, p->switches);
	if (!threads)
		return;
	json_key(j, "tasks");
	json_array_begin(j);
	for (i = 0; i < sampler_nthreads(s); i++) {
		t = sampler_thread(s, i);
		if (t->pid != p->pid)
			continue;
		json_object_begin(j);
		json_key(j, "tid");
		json_int(j, t->tid);
		json_key(j, "name");
		json_string(j, t->name);
		json_key(j, "state");
		state[0] = t->state;
		state[1] = '\0';
		json_string(j, state);
		json_key(j, "core");
		json_int(j, t->core);
		json_figures(j, t->run_ms, t->wait_ms, t->sleep_ms,
		    t->migrations);
		json_key(j, "vol_switches");
		json_int(j, t->vol_switches);
		json_key(j, "invol_switches");
		json_int(j, t->invol_switches);
		json_object_end(j);
	}
	json_array_end(j);
}
