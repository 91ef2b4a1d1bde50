/*
 * trace.c: the exact timeline's source (trace.h). This first version only
 * answers whether the scheduler trace is allowed here; the tracer itself
 * comes next.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"
#include "util.h"

#define CAP_PERFMON_BIT	38

/* Whether CAP_PERFMON (or CAP_SYS_ADMIN) is in our effective set. */
static int
has_perfmon(void)
{
	FILE			*f;
	char			 line[256];
	unsigned long long	 caps = 0;

	if ((f = fopen("/proc/self/status", "re")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "CapEff:", 7) == 0)
			caps = strtoull(line + 7, NULL, 16);
	}
	fclose(f);
	return (caps >> CAP_PERFMON_BIT & 1) || (caps >> 21 & 1);
}

static int
paranoid(void)
{
	FILE	*f;
	int	 v = 2;

	if ((f = fopen("/proc/sys/kernel/perf_event_paranoid", "re")) == NULL)
		return v;
	if (fscanf(f, "%d", &v) != 1)
		v = 2;
	fclose(f);
	return v;
}

int
tracer_allowed(char **cause)
{
	int	 level;

	*cause = NULL;
	if (geteuid() == 0 || has_perfmon() || (level = paranoid()) <= -1)
		return 0;
	xasprintf(cause, "needs root or CAP_PERFMON "
	    "(kernel.perf_event_paranoid is %d)", level);
	return -1;
}

struct tracer *
tracer_new(struct tl_store *store, char **cause)
{
	(void)store;
	*cause = xstrdup("is not available in this build yet");
	return NULL;
}

void
tracer_free(struct tracer *tr)
{
	(void)tr;
}

void
tracer_follow(struct tracer *tr, const pid_t *pids, size_t n)
{
	(void)tr;
	(void)pids;
	(void)n;
}

void
tracer_take(struct tracer *tr, double t)
{
	(void)tr;
	(void)t;
}

size_t
tracer_runs(struct tracer *tr, const struct tl_run **runs)
{
	(void)tr;
	*runs = NULL;
	return 0;
}

double
tracer_idle_ms(struct tracer *tr, int cpu)
{
	(void)tr;
	(void)cpu;
	return 0;
}

int
tracer_thread(struct tracer *tr, pid_t tid, struct tl_acc *a)
{
	(void)tr;
	(void)tid;
	(void)a;
	return -1;
}

size_t
tracer_gone(struct tracer *tr, const struct tl_acc **gone)
{
	(void)tr;
	*gone = NULL;
	return 0;
}

unsigned long long
tracer_lost(struct tracer *tr)
{
	(void)tr;
	return 0;
}
