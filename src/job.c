/*
 * job.c: demos as supervised process groups, the tmux way.
 *
 * job_start() starts a run (job-spawn.c: fork, process group, capture
 * sockets as stdout and stderr, exec). The parent reaps in a waitpid(WNOHANG)
 * loop when the self-pipe says SIGCHLD. A job is DONE only when its leader is
 * reaped AND its output channels reached end of file: no last line is lost.
 *
 * Nothing is left behind: turbotop is a child subreaper (orphaned descendants
 * come back to it, and it reaps them), every job carries a TURBOTOP_JOB marker
 * in its environment, the leader dies with turbotop (PR_SET_PDEATHSIG), a stop
 * that outlasts the grace period ends with SIGKILL to the group and to every
 * marked process, and the watchdog (job-watchdog.c) does the same if turbotop
 * itself dies.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "job-int.h"
#include "util.h"

#define ABANDON_AFTER	1.0	/* s after SIGKILL before unclosed output is given up */
#define RESWEEP_EVERY	0.2	/* s between kills while a killed job lingers */
#define QUIT_GRACE	1.0	/* at most this grace when quitting: gone within 2 s */

struct job {
	unsigned int		 id;		/* N in the TURBOTOP_JOB marker */
	char			*name;
	char			**argv;
	struct job_config	 config;
	char			*marker;	/* "TURBOTOP_JOB=ID/N/" */

	pid_t			 pid;		/* leader; the pgid too */
	enum job_state		 state;
	int			 reaped;
	int			 status;
	int			 signal;
	double			 kill_at;	/* STOPPING: when SIGKILL follows */
	double			 abandon_at;	/* after SIGKILL: stop waiting for EOF */
	double			 resweep_at;	/* after SIGKILL: kill again (forks, execs) */
	int			 restart;	/* start again once DONE */

	struct capture		*chan[2];	/* stdout, stderr (pty: one) */
	struct lines		*lines;

	pid_t			*workers;
	size_t			 nworkers;
	struct job_rank		*ranks;		/* MPI ranks' pids (job_note_rank) */
	size_t			 nranks;

	void			(*hook)(struct job *, const struct out_line *,
				     void *);
	void			*hook_arg;
	int			 replica;	/* a recorded job: no process */
	int			 has_hosts;	/* a replica's lines name hosts */
};

static struct job	**jobs;
static size_t		  njobs;
static unsigned int	  next_id;
static char		 *supervisor;	/* "TURBOTOP_JOB=ID/": every job's marker starts so */
static int		  initialised;
static int		  done_events;	/* jobs that became DONE since jobs_wait() began */
static double		  read_time;	/* when the read being split arrived */
static int		  quitting;	/* in jobs_stop_all(): kills take our orphans too */

static void	job_check_done(struct job *);

/* Fork and exec a new run of the job; its state is reset for the run. */
static int
job_spawn(struct job *job, char **cause)
{
	pid_t	pid;

	pid = spawn(job->argv, job->marker, job->config.pty, job->chan, cause);
	if (pid == -1)
		return -1;
	job->pid = pid;
	job->state = JOB_RUNNING;
	job->reaped = 0;
	job->status = 0;
	job->signal = 0;
	job->kill_at = 0;
	job->abandon_at = 0;
	job->resweep_at = 0;
	job->nworkers = 0;
	job->nranks = 0;
	return 0;
}

/*
 * Start argv (argv[0] a program, looked up in PATH if it has no slash) as a
 * new process group named name. NULL and *cause if it could not be started;
 * a program that cannot be executed starts and exits with status 127.
 */
struct job *
job_start(const char *name, char **argv, const struct job_config *config,
    char **cause)
{
	struct job	*job;
	const char	*base;
	size_t		 argc, i;

	if (!initialised)
		jobs_init();
	if (argv == NULL || argv[0] == NULL) {
		*cause = xstrdup("no command to run");
		return NULL;
	}

	job = xcalloc(1, sizeof *job);
	job->id = next_id++;
	job->name = sanitize_dup(name != NULL ? name : argv[0]);
	for (argc = 0; argv[argc] != NULL; argc++)
		;
	job->argv = xcalloc(argc + 1, sizeof *job->argv);
	for (i = 0; i < argc; i++)
		job->argv[i] = xstrdup(argv[i]);
	if (config != NULL)
		job->config = *config;
	else
		job->config.grace = JOB_GRACE_DEFAULT;
	if (job->config.max_lines == 0)
		job->config.max_lines = 10000;
	/* mpirun run as a command: with --tag-output its lines name ranks. */
	base = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	if (strcmp(base, "mpirun") == 0 || strcmp(base, "mpiexec") == 0)
		job->config.mpi_tags = 1;
	if (job->config.grace < 0)
		job->config.grace = JOB_GRACE_DEFAULT;
	xasprintf(&job->marker, "%s%u/", supervisor, job->id);
	job->lines = lines_create(job->config.max_lines, JOB_BYTES_MAX);

	if (job_spawn(job, cause) != 0) {
		job->state = JOB_DONE;
		job->reaped = 1;
		job_free(job);
		return NULL;
	}
	jobs = xreallocarray(jobs, njobs + 1, sizeof *jobs);
	jobs[njobs++] = job;
	return job;
}

/* Stop the job if it runs and start it again once it is gone. */
int
job_restart(struct job *job, char **cause)
{
	if (job->replica) {
		*cause = xstrdup("a recorded run cannot be restarted");
		return -1;
	}
	if (job->state != JOB_DONE) {
		job->restart = 1;
		job_stop(job);
		return 0;
	}
	job->restart = 0;
	if (job_spawn(job, cause) != 0)
		return -1;
	return 0;
}

void
job_pause(struct job *job)
{
	if (job->state != JOB_RUNNING || job->replica)
		return;
	kill(-job->pid, SIGSTOP);
	job->state = JOB_PAUSED;
}

void
job_resume(struct job *job)
{
	if (job->state != JOB_PAUSED || job->replica)
		return;
	kill(-job->pid, SIGCONT);
	job->state = JOB_RUNNING;
}

/*
 * SIGKILL the group and every process with the job's marker. Repeated every
 * RESWEEP_EVERY until the job is DONE: a process caught between fork, setsid
 * and exec can be missed by one sweep.
 */
static void
job_kill(struct job *job)
{
	kill(-job->pid, SIGKILL);
	if (quitting) {
		/* Every child left is a job's orphan (the watchdog excepted). */
		sweep_kill(job->marker, SIGKILL, watchdog_pid(),
		    SWEEP_SHARED | SWEEP_CHILDREN);
	} else
		sweep_kill(job->marker, SIGKILL, 0, SWEEP_SHARED);
	job->kill_at = 0;
	if (job->abandon_at == 0)
		job->abandon_at = now_mono() + ABANDON_AFTER;
	job->resweep_at = now_mono() + RESWEEP_EVERY;
}

/* Stop with a grace period of at most grace seconds. */
static void
job_stop_within(struct job *job, double grace)
{
	if (job->state == JOB_DONE || job->replica)
		return;
	if (job->state == JOB_STOPPING) {
		if (job->kill_at > 0 && job->kill_at > now_mono() + grace)
			job->kill_at = now_mono() + grace;
		return;
	}
	job->state = JOB_STOPPING;
	if (grace <= 0) {
		job_kill(job);
		return;
	}
	/*
	 * The grace counts from the SIGTERM: a sweep walks all of /proc and
	 * takes half a second on a loaded machine (v1 counted from after it,
	 * so turbotop -b could take over 2 s to exit on SIGTERM).
	 */
	job->kill_at = now_mono() + grace;
	kill(-job->pid, SIGTERM);
	kill(-job->pid, SIGCONT);	/* a paused job must run to die */
	sweep_kill(job->marker, SIGTERM, 0, SWEEP_SHARED);	/* those that left the group */
}

/* SIGTERM to the group, SIGKILL after the grace period (in jobs_wait). */
void
job_stop(struct job *job)
{
	job_stop_within(job, job->config.grace);
}

/* Wait (bounded) until every job in list is DONE, killing when grace ends. */
static void
jobs_stop_list(struct job **list, size_t n, double grace)
{
	double	end;
	size_t	i, left;

	for (i = 0; i < n; i++) {
		list[i]->restart = 0;
		job_stop_within(list[i], grace);
	}
	end = now_mono() + grace + ABANDON_AFTER + 1.0;
	for (;;) {
		left = 0;
		for (i = 0; i < n; i++) {
			if (list[i]->state != JOB_DONE)
				left++;
		}
		if (left == 0 || now_mono() >= end)
			break;
		jobs_wait(0.1, -1);
	}
	for (i = 0; i < n; i++) {
		if (list[i]->state != JOB_DONE) {
			job_kill(list[i]);
			list[i]->reaped = 1;
			list[i]->signal = SIGKILL;
			capture_free(list[i]->chan[0]);
			capture_free(list[i]->chan[1]);
			list[i]->chan[0] = list[i]->chan[1] = NULL;
			job_check_done(list[i]);
		}
	}
}

void
job_free(struct job *job)
{
	size_t	i;

	if (job == NULL)
		return;
	if (job->state != JOB_DONE && !job->replica)
		jobs_stop_list(&job, 1, job->config.grace);
	for (i = 0; i < njobs; i++) {
		if (jobs[i] == job) {
			memmove(&jobs[i], &jobs[i + 1],
			    (njobs - i - 1) * sizeof *jobs);
			njobs--;
			break;
		}
	}
	capture_free(job->chan[0]);
	capture_free(job->chan[1]);
	lines_free(job->lines);
	for (i = 0; job->argv[i] != NULL; i++)
		free(job->argv[i]);
	free(job->argv);
	free(job->workers);
	free(job->ranks);
	free(job->marker);
	free(job->name);
	free(job);
}

/*
 * A replica: a job read back from an event stream (replay). It has lines
 * and a state but no process: pause, stop and restart do nothing, and
 * jobs_wait() and jobs_stop_all() do not know it.
 */
struct job *
job_replica(const char *name, pid_t pgid, size_t max_lines)
{
	struct job	*job;

	job = xcalloc(1, sizeof *job);
	job->replica = 1;
	job->id = (unsigned int)-1;
	job->name = sanitize_dup(name != NULL ? name : "?");
	job->argv = xcalloc(1, sizeof *job->argv);
	job->marker = xstrdup("");
	job->config.max_lines = max_lines > 0 ? max_lines : 10000;
	job->lines = lines_create(job->config.max_lines, JOB_BYTES_MAX);
	job->pid = pgid;
	job->state = JOB_RUNNING;
	return job;
}

/* A recorded line (already sanitised by the reader, sanitised again). */
void
job_replica_line(struct job *job, double t, pid_t pid, int err, int cut,
    const char *text, const char *from, int rank)
{
	struct out_line	*o;
	char		*clean;

	if (!job->replica)
		return;
	clean = sanitize_dup(text);
	o = lines_add(job->lines, t, pid, err ? STREAM_ERR : STREAM_OUT, cut,
	    clean, strlen(clean));
	o->from = from;
	o->rank = rank;
	if (from != NULL)
		job->has_hosts = 1;
	free(clean);
}

int
job_has_hosts(const struct job *job)
{
	return job != NULL && job->has_hosts;
}

/* The recorded run ended (or, with done 0, is running again: a seek). */
void
job_replica_state(struct job *job, int done, int status, int sig)
{
	if (!job->replica)
		return;
	job->state = done ? JOB_DONE : JOB_RUNNING;
	job->reaped = done;
	job->status = status;
	job->signal = sig;
}

int
job_is_replica(const struct job *job)
{
	return job->replica;
}

const char *
job_name(const struct job *job)
{
	return job->name;
}

pid_t
job_pgid(const struct job *job)
{
	return job->pid;
}

enum job_state
job_state(const struct job *job)
{
	return job->state;
}

int
job_exit_status(const struct job *job)
{
	return job->status;
}

int
job_exit_signal(const struct job *job)
{
	return job->signal;
}

/*
 * A stable small number per worker pid (its colour): a rank's is its rank;
 * else 0 for the first seen, then 1, ... A live job takes a pid the first
 * time it is asked about; a replica only those job_note_worker() gave it,
 * in the order its stream named them (-1 for another: no colour yet).
 */
int
job_worker_index(struct job *job, pid_t pid)
{
	size_t	i;
	int	r;

	if ((r = job_rank_of(job, pid)) >= 0)
		return r;	/* a rank's colour, as its output lines' */
	for (i = 0; i < job->nworkers; i++) {
		if (job->workers[i] == pid)
			return i;
	}
	if (job->replica)
		return -1;
	return job_note_worker(job, pid);
}

/* Give pid the next worker index if it has none; its index. */
int
job_note_worker(struct job *job, pid_t pid)
{
	size_t	i;

	for (i = 0; i < job->nworkers; i++) {
		if (job->workers[i] == pid)
			return i;
	}
	job->workers = xreallocarray(job->workers, job->nworkers + 1,
	    sizeof *job->workers);
	job->workers[job->nworkers] = pid;
	return job->nworkers++;
}

/* pid is MPI rank rank of the job (its environment says so). */
void
job_note_rank(struct job *job, pid_t pid, int rank)
{
	size_t	i;

	for (i = 0; i < job->nranks; i++) {
		if (job->ranks[i].pid == pid) {
			job->ranks[i].rank = rank;
			return;
		}
	}
	if (job->nranks >= JOB_RANKS_MAX)
		return;
	job->ranks = xreallocarray(job->ranks, job->nranks + 1,
	    sizeof *job->ranks);
	job->ranks[job->nranks].pid = pid;
	job->ranks[job->nranks++].rank = rank;
}

int
job_rank_of(const struct job *job, pid_t pid)
{
	size_t	i;

	for (i = 0; i < job->nranks; i++) {
		if (job->ranks[i].pid == pid)
			return job->ranks[i].rank;
	}
	return -1;
}

unsigned long long
job_lines_first(const struct job *job)
{
	return lines_first(job->lines);
}

unsigned long long
job_lines_next(const struct job *job)
{
	return lines_next(job->lines);
}

const struct out_line *
job_line(const struct job *job, unsigned long long seq)
{
	return lines_get(job->lines, seq);
}

unsigned long long
job_lines_dropped(const struct job *job)
{
	return lines_dropped(job->lines);
}

void
job_set_line_hook(struct job *job,
    void (*hook)(struct job *, const struct out_line *, void *), void *arg)
{
	job->hook = hook;
	job->hook_arg = arg;
}

/*
 * "[JOB,RANK]<stdout>:" or "<stderr>:" at the start of text (mpirun
 * --tag-output): the rank, the stream, and the length of the tag; 0 if
 * there is none.
 */
static size_t
mpi_tag(const char *text, int *rank, enum out_stream *stream)
{
	const char	*p;
	char		*end;
	long		 r;

	if (text[0] != '[' || (p = strchr(text, ',')) == NULL)
		return 0;
	r = strtol(p + 1, &end, 10);
	if (end == p + 1 || *end != ']' || r < 0 || r > INT_MAX)
		return 0;
	end++;
	if (strncmp(end, "<stdout>:", 9) == 0)
		*stream = STREAM_OUT;
	else if (strncmp(end, "<stderr>:", 9) == 0)
		*stream = STREAM_ERR;
	else
		return 0;
	*rank = (int)r;
	return (size_t)(end + 9 - text);
}

/*
 * A raw line from a channel: sanitise, keep, hand to the hook. An MPI
 * job's line loses its tag, which says which rank wrote it on which stream.
 */
static void
job_emit(void *arg, pid_t pid, enum out_stream stream, int cut,
    const char *raw, size_t len)
{
	static char		 clean[SANITIZE_SIZE(JOB_LINE_MAX)];
	struct job		*job = arg;
	struct out_line		*o;
	size_t			 n, tag = 0;
	int			 rank = -1;

	n = sanitize_line(clean, raw, len);
	if (job->config.mpi_tags)
		tag = mpi_tag(clean, &rank, &stream);
	o = lines_add(job->lines, read_time, pid, stream, cut, clean + tag,
	    n - tag);
	o->rank = rank;
	if (job->hook != NULL)
		job->hook(job, o, job->hook_arg);
}

/* Reaped and drained: the job is DONE (and maybe starts again). */
static void
job_check_done(struct job *job)
{
	char	*cause = NULL;

	if (job->state == JOB_DONE || !job->reaped)
		return;
	if ((job->chan[0] != NULL && capture_fd(job->chan[0]) != -1) ||
	    (job->chan[1] != NULL && capture_fd(job->chan[1]) != -1))
		return;
	capture_free(job->chan[0]);
	capture_free(job->chan[1]);
	job->chan[0] = job->chan[1] = NULL;
	job->state = JOB_DONE;
	job->kill_at = job->abandon_at = job->resweep_at = 0;
	jobsig_untrack(job->pid);
	if (kill(-job->pid, 0) == -1 && errno == ESRCH)
		watchdog_forget_group(job->pid);
	done_events++;
	if (job->restart) {
		if (job_restart(job, &cause) != 0)
			free(cause);
	}
}

static struct job *
job_by_pid(pid_t pid)
{
	size_t	i;

	for (i = 0; i < njobs; i++) {
		if (jobs[i]->pid == pid && !jobs[i]->reaped)
			return jobs[i];
	}
	return NULL;
}

/* The watchdog died (someone killed it): start another, tell it our groups. */
static void
watchdog_restart(void)
{
	size_t	i;

	if (watchdog_start(supervisor) != 0)
		return;		/* the marker sweep on quit still works */
	for (i = 0; i < njobs; i++) {
		if (jobs[i]->state != JOB_DONE)
			watchdog_record_group(jobs[i]->pid);
	}
}

/* Reap every child: job leaders, the watchdog, adopted orphans. */
static void
jobs_reap(void)
{
	struct job	*job;
	pid_t		 pid;
	int		 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == watchdog_pid()) {
			watchdog_reaped();
			watchdog_restart();
			continue;
		}
		if ((job = job_by_pid(pid)) == NULL)
			continue;	/* an orphan that came to the subreaper */
		job->reaped = 1;
		if (WIFSIGNALED(status)) {
			job->signal = WTERMSIG(status);
			job->status = 128 + job->signal;
		} else {
			job->signal = 0;
			job->status = WEXITSTATUS(status);
		}
		job_check_done(job);
	}
}

/* Timers: SIGKILL after the grace period, give up on output after that. */
static double
jobs_timers(void)
{
	struct job	*job;
	double		 now = now_mono(), next = 0;
	size_t		 i;

	for (i = 0; i < njobs; i++) {
		job = jobs[i];
		if (job->kill_at > 0 && now >= job->kill_at)
			job_kill(job);
		else if (job->resweep_at > 0 && now >= job->resweep_at &&
		    job->state != JOB_DONE)
			job_kill(job);
		if (job->abandon_at > 0 && now >= job->abandon_at &&
		    job->reaped) {
			capture_free(job->chan[0]);
			capture_free(job->chan[1]);
			job->chan[0] = job->chan[1] = NULL;
			job_check_done(job);
		}
		if (job->kill_at > 0 && (next == 0 || job->kill_at < next))
			next = job->kill_at;
		if (job->abandon_at > 0 && (next == 0 || job->abandon_at < next))
			next = job->abandon_at;
		if (job->resweep_at > 0 && (next == 0 || job->resweep_at < next))
			next = job->resweep_at;
	}
	return next;
}

/*
 * The one blocking point: wait up to timeout seconds (< 0: until something
 * happens) for extra_fd (-1: none) to become readable or a signal to arrive,
 * reading every job's output, reaping, and enforcing grace periods meanwhile.
 * Returns JOBS_WAIT_* flags; 0 when the timeout passed. JOBS_WAIT_JOB: a job
 * became DONE.
 */
int
jobs_wait(double timeout, int extra_fd)
{
	struct pollfd	*pfd;
	struct job	**owner;
	struct capture	**chan;
	size_t		 n, i, j;
	double		 end, now, next;
	int		 flags = 0, ms, r;

	if (!initialised)
		jobs_init();
	end = timeout < 0 ? 0 : now_mono() + timeout;
	pfd = xcalloc(2 + 2 * njobs, sizeof *pfd);
	owner = xcalloc(2 + 2 * njobs, sizeof *owner);
	chan = xcalloc(2 + 2 * njobs, sizeof *chan);
	done_events = 0;
	for (;;) {
		n = 0;
		pfd[n].fd = jobsig_fd();
		pfd[n++].events = POLLIN;
		if (extra_fd >= 0) {
			pfd[n].fd = extra_fd;
			pfd[n++].events = POLLIN;
		}
		for (i = 0; i < njobs; i++) {
			for (j = 0; j < 2; j++) {
				if (jobs[i]->chan[j] == NULL ||
				    capture_fd(jobs[i]->chan[j]) == -1)
					continue;
				owner[n] = jobs[i];
				chan[n] = jobs[i]->chan[j];
				pfd[n].fd = capture_fd(jobs[i]->chan[j]);
				pfd[n++].events = POLLIN;
			}
		}

		next = jobs_timers();
		now = now_mono();
		if (end > 0 && (next == 0 || end < next))
			next = end;
		if (next == 0)
			ms = timeout < 0 ? -1 : 0;
		else
			ms = next <= now ? 0 : (int)((next - now) * 1000) + 1;
		r = poll(pfd, n, ms);
		if (r == -1 && errno != EINTR)
			fatal("poll");

		for (i = 0; r > 0 && i < n; i++) {
			if (pfd[i].revents == 0)
				continue;
			if (pfd[i].fd == jobsig_fd())
				flags |= jobsig_drain();
			else if (extra_fd >= 0 && pfd[i].fd == extra_fd)
				flags |= JOBS_WAIT_EXTRA;
			else {
				read_time = now_mono();
				capture_read(chan[i], job_emit, owner[i]);
				if (capture_fd(chan[i]) == -1)
					job_check_done(owner[i]);
			}
		}
		if (flags & JOBSIG_CHILD) {
			flags &= ~JOBSIG_CHILD;
			jobs_reap();
		}
		jobs_timers();
		if (done_events > 0)
			flags |= JOBS_WAIT_JOB;
		if (flags != 0)
			break;
		/* Past the deadline, return even if a channel has more. */
		if (timeout >= 0 && now_mono() >= end)
			break;
	}
	free(chan);
	free(owner);
	free(pfd);
	return flags;
}

/* Stop every job and wait (bounded) until all are gone; sweep what is left. */
void
jobs_stop_all(void)
{
	struct job	**list;
	size_t		  n = njobs;

	if (!initialised)
		return;
	quitting = 1;
	if (n > 0) {
		list = xcalloc(n, sizeof *list);
		memcpy(list, jobs, n * sizeof *list);
		jobs_stop_list(list, n, QUIT_GRACE);
		free(list);
	}
	/* Every child left is a job's orphan now (the watchdog excepted). */
	sweep_kill(supervisor, SIGKILL, watchdog_pid(),
	    SWEEP_SHARED | SWEEP_CHILDREN);
	jobs_reap();
	quitting = 0;
}

/*
 * The environment entry every job's marker starts with (jobs_init() first):
 * cluster mode gives it to its rsh processes and, through mpirun's -x, to
 * every rank on every host, so that sweeps find them.
 */
const char *
jobs_marker(void)
{
	if (!initialised)
		jobs_init();
	return supervisor;
}

size_t
jobs_count(void)
{
	return njobs;
}

struct job *
jobs_get(size_t i)
{
	return i < njobs ? jobs[i] : NULL;
}

/* Make sure fds 0, 1 and 2 are open, so no channel can land on them. */
static void
std_fds_open(void)
{
	int	fd;

	while ((fd = open("/dev/null", O_RDWR)) != -1 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
}

/*
 * Once, early in main: the self-pipe and handlers, the subreaper, the
 * watchdog. Calling it again does nothing.
 */
void
jobs_init(void)
{
	if (initialised)
		return;
	initialised = 1;
	std_fds_open();
	xasprintf(&supervisor, "%s=%ld.%lld/", JOB_MARKER, (long)getpid(),
	    (long long)(now_real() * 1e6));
	jobsig_init();
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (watchdog_start(supervisor) != 0)
		fatal("cannot start the watchdog");
}
