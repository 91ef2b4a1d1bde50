/*
 * trace-fs.c: the tracer's reader through a tracefs instance of its own.
 *
 * Why not perf alone: on these machines perf_event_open delivers no
 * tracepoint record emitted in a cpu's idle context on some cpus (seen on
 * cpu 1 of 2: not one of the wake-ups a timer interrupt makes while the cpu
 * idles, though cpu 0's all come), and the switch out of idle is not traced
 * at all (KERNEL-NOTES 1). A task woken on such a cpu then shows up only at
 * its switch out, and its run would have to be taken from the cpu's last
 * record: a duty cycle of 30% read as 95%. tracefs's own ring buffer has
 * those wake-ups, and the model starts the task there (trace.c).
 *
 * The instance is named turbotop-PID-N. It holds the sched events, enabled
 * there only, a buffer per cpu (4 MiB; with more than 16 cpus 64 MiB in
 * all, at least 1 MiB a cpu) and the monotonic clock (the sampler's);
 * nothing outside it is touched. It is removed when the tracer is freed; if
 * turbotop dies without freeing it (SIGKILL), its watchdog removes it
 * (tfs_sweep(turbotop's pid)), and the next turbotop to trace removes any
 * whose owner is gone (tfs_sweep(0)).
 *
 * Reading: one nonblocking trace_pipe_raw per cpu, a sub-buffer at a time,
 * split into records with libtraceevent's kbuffer; the kernel's count of
 * records it dropped (a full buffer) comes with each sub-buffer.
 */
#include "config.h"

#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event-parse.h>
#include <kbuffer.h>
#include <tracefs.h>

#include "trace.h"
#include "trace-int.h"
#include "util.h"

#define TFS_PREFIX	"turbotop-"
#define TFS_BUF_KB	4096	/* per cpu, at most */
#define TFS_BUF_KB_MIN	1024	/* per cpu, at least */
#define TFS_BUF_KB_ALL	65536	/* for all cpus, where that is less */

/*
 * Remove the instances of turbotop owner (owner > 0), or of every owner
 * that is gone (owner 0).
 */
void
tfs_sweep(pid_t owner)
{
	const char	*dir;
	char		*path;
	DIR		*d;
	struct dirent	*de;
	long		 pid;
	char		*end;

	/*
	 * The watchdog (owner > 0) does not mount tracefs to look; the copy
	 * of the path it gets is not freed, as it exits right after. The
	 * tracer's own sweep (owner 0) comes after tracefs_tracing_dir().
	 */
	if (owner > 0 ? tracefs_tracing_dir_is_mounted(false, &dir) != 1 :
	    (dir = tracefs_tracing_dir()) == NULL)
		return;
	xasprintf(&path, "%s/instances", dir);
	d = opendir(path);
	free(path);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, TFS_PREFIX, strlen(TFS_PREFIX)) != 0)
			continue;
		pid = strtol(de->d_name + strlen(TFS_PREFIX), &end, 10);
		if (*end != '-' || pid <= 0)
			continue;
		if (owner > 0 ? pid != owner :
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		xasprintf(&path, "%s/instances/%s", dir, de->d_name);
		rmdir(path);
		free(path);
	}
	closedir(d);
}

/*
 * Make our instance with the events of tr->ids and a reader for each of
 * the tr->ncpus cpus (ids set): 0, or -1 with the reason in *cause (the
 * caller then reads through perf).
 */
int
tfs_open(struct tracer *tr, char **cause)
{
	static int	 seq;
	const char	*dir;
	char		*name, *path;
	struct tcpu	*c;
	int		 k, rc, kb;

	if ((dir = tracefs_tracing_dir()) == NULL)
		return -1;
	xasprintf(&path, "%s/instances", dir);
	rc = access(path, W_OK);
	free(path);
	if (rc != 0) {
		xasprintf(cause, "tracefs instances: %s", strerror(errno));
		return -1;
	}
	tfs_sweep(0);
	xasprintf(&name, TFS_PREFIX "%ld-%d", (long)getpid(), seq++);
	tr->inst = tracefs_instance_create(name);
	free(name);
	if (tr->inst == NULL) {
		xasprintf(cause, "cannot make a tracefs instance: %s",
		    strerror(errno));
		return -1;
	}
	tracefs_trace_off(tr->inst);
	if (tracefs_instance_file_write(tr->inst, "trace_clock", "mono") < 0) {
		xasprintf(cause, "tracefs: no monotonic trace clock");
		goto fail;
	}
	/* 4 MiB a cpu on a small machine, 64 MiB in all on a big one. */
	kb = TFS_BUF_KB_ALL / (tr->ncpus > 0 ? tr->ncpus : 1);
	kb = kb > TFS_BUF_KB ? TFS_BUF_KB : kb < TFS_BUF_KB_MIN ?
	    TFS_BUF_KB_MIN : kb;
	tracefs_instance_set_buffer_size(tr->inst, (size_t)kb, -1);
	for (k = 0; k < EV_NKINDS; k++) {
		if (tr->ids[k] >= 0 && tracefs_event_enable(tr->inst,
		    trace_ev_systems[k], trace_ev_names[k]) != 0 &&
		    k <= EV_WAKEUP) {
			xasprintf(cause, "tracefs: cannot enable %s",
			    trace_ev_names[k]);
			goto fail;
		}
	}
	for (k = 0; k < tr->ncpus; k++) {
		c = &tr->cpus[k];
		if ((c->tfs = tracefs_cpu_open(tr->inst, c->id, true)) == NULL) {
			xasprintf(cause, "tracefs: cannot read cpu %d: %s",
			    c->id, strerror(errno));
			goto fail;
		}
		if (tr->subbuf_size == 0)
			tr->subbuf_size = tracefs_cpu_read_size(c->tfs);
	}
	if (tr->subbuf_size <= 0)
		tr->subbuf_size = (int)tr->page;
	tr->subbuf = xmalloc((size_t)tr->subbuf_size);
	tr->kbuf = kbuffer_alloc(KBUFFER_LSIZE_SAME_AS_HOST,
	    KBUFFER_ENDIAN_SAME_AS_HOST);
	if (tr->kbuf == NULL) {
		xasprintf(cause, "kbuffer_alloc failed");
		goto fail;
	}
	return 0;

fail:
	tfs_close(tr);
	return -1;
}

/* Start recording (once the reader thread runs). */
void
tfs_start(struct tracer *tr)
{
	if (tr->inst != NULL)
		tracefs_trace_on(tr->inst);
}

/* Move every record of c's buffer into its queue (c->q). */
void
tfs_drain_cpu(struct tracer *tr, struct tcpu *c)
{
	unsigned long long	 ts;
	void			*data;
	int			 n, missed, size;

	if (c->tfs == NULL)
		return;
	for (;;) {
		n = tracefs_cpu_read(c->tfs, tr->subbuf, true);
		if (n <= 0)
			break;
		if (kbuffer_load_subbuffer(tr->kbuf, tr->subbuf) < 0)
			continue;
		if ((missed = kbuffer_missed_events(tr->kbuf)) != 0)
			tr->lost += missed > 0 ? (unsigned long long)missed : 1;
		for (data = kbuffer_read_event(tr->kbuf, &ts); data != NULL;
		    data = kbuffer_next_event(tr->kbuf, &ts)) {
			if ((size = kbuffer_event_size(tr->kbuf)) <= 0)
				continue;
			trace_decode(tr, data, (size_t)size, ts, c->id, 0,
			    trace_record_tid(tr, data, (size_t)size));
		}
	}
}

/* Close the readers and remove the instance. */
void
tfs_close(struct tracer *tr)
{
	int	 k;

	for (k = 0; k < tr->ncpus; k++) {
		if (tr->cpus[k].tfs != NULL)
			tracefs_cpu_close(tr->cpus[k].tfs);
		tr->cpus[k].tfs = NULL;
	}
	if (tr->inst != NULL) {
		tracefs_trace_off(tr->inst);
		tracefs_instance_destroy(tr->inst);
		tracefs_instance_free(tr->inst);
		tr->inst = NULL;
	}
	if (tr->kbuf != NULL)
		kbuffer_free(tr->kbuf);
	tr->kbuf = NULL;
	free(tr->subbuf);
	tr->subbuf = NULL;
}
