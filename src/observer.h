/*
 * observer.h: what watching costs, measured, not guessed. Once per sample,
 * turbotop's own CPU (all its threads), the rate at which it captures the
 * job's output, and how many of the job's workers sleep inside write() on
 * their stdout or stderr: with turbotop's capture channel as their output,
 * a write sleeps only when the channel is full, that is when turbotop does
 * not read as fast as they print (this machine's processes only: not for a
 * replayed stream's). Its resident memory once a second.
 */
#ifndef TURBOTOP_OBSERVER_H
#define TURBOTOP_OBSERVER_H

struct job;
struct source;

struct observer;
struct observer	*observer_create(void);
void		 observer_free(struct observer *);
/* After sampler_tick(): job (or NULL) is the one whose processes it lists. */
void		 observer_tick(struct observer *, const struct source *,
		     struct job *);

double		 observer_cpu(const struct observer *);	/* % of one core */
unsigned long	 observer_rss_kb(const struct observer *);
double		 observer_lines_rate(const struct observer *);	/* lines/s */
/*
 * Workers found blocked on their output at this sample and the one before
 * (0: none, or it could not be read: /proc/PID/syscall needs the right to
 * trace them); *workers gets how many workers the job has.
 */
int		 observer_blocked(const struct observer *, int *);
/* 1 if the last sample could read the workers' system calls at all. */
int		 observer_can_see(const struct observer *);

#endif
