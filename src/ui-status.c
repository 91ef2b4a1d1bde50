/*
 * ui-status.c: the top status bar and the "terminal too small" screen. The
 * bar says what runs and how it is (a coloured badge: RUNNING, PAUSED,
 * STOPPING, EXITED, KILLED; FROZEN while the display is), a passing message,
 * and at the right the machine's figures, as many as fit. turbotop's own
 * CPU and memory follow its name, on every screen: the observer is seen.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "job.h"
#include "sample.h"
#include "ui-draw.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"

/* Load average, tasks, memory and the refresh interval, from x to the end. */
static void
draw_figures(const struct ui_rect *r, int x, const struct sys_sample *sys,
    double delay)
{
	char	load[48], tasks[48], mem[48], every[24], buf[192];
	int	w, end = r->x + r->w;

	snprintf(load, sizeof load, "load %.2f %.2f %.2f", sys->load[0],
	    sys->load[1], sys->load[2]);
	snprintf(tasks, sizeof tasks, "  tasks %d, %d run", sys->tasks,
	    sys->running);
	snprintf(mem, sizeof mem, "  mem %.1f/%.1fG",
	    sys->mem_used_kb / 1048576.0, sys->mem_total_kb / 1048576.0);
	snprintf(every, sizeof every, "  every %gs ", delay);
	snprintf(buf, sizeof buf, "%s%s%s%s", load, tasks, mem, every);
	if ((int)strlen(buf) > end - x - 2)
		snprintf(buf, sizeof buf, "%s%s%s", load, tasks, every);
	if ((int)strlen(buf) > end - x - 2)
		snprintf(buf, sizeof buf, "%s%s ", load, tasks);
	if ((int)strlen(buf) > end - x - 2)
		snprintf(buf, sizeof buf, "%s ", load);
	w = (int)strlen(buf);
	if (end - w > x + 1)
		ui_put(r->y, end - w, w, ui_attr(ROLE_STATUS), buf);
}

/* The job's badge: its state in a word, in the state's colour. */
static enum ui_role
job_badge(struct job *job, double elapsed, char *buf, size_t len)
{
	switch (job_state(job)) {
	case JOB_RUNNING:
		snprintf(buf, len, " RUNNING %.0fs ", elapsed);
		return ROLE_BADGE_RUN;
	case JOB_PAUSED:
		snprintf(buf, len, " PAUSED ");
		return ROLE_BADGE_WARN;
	case JOB_STOPPING:
		snprintf(buf, len, " STOPPING ");
		return ROLE_BADGE_WARN;
	case JOB_DONE:
		break;
	}
	if (job_exit_signal(job) != 0)
		snprintf(buf, len, " KILLED (%s) ", strsignal(job_exit_signal(job)));
	else
		snprintf(buf, len, " EXITED %d ", job_exit_status(job));
	return ROLE_BADGE_DONE;
}

void
ui_status_draw(const struct ui_rect *r, const struct ui_status *st)
{
	char		buf[160];
	enum ui_role	badge;
	int		x = r->x, end = r->x + r->w;

	ui_repeat(r->y, r->x, r->w, ui_attr(ROLE_STATUS), " ");
	x += ui_put(r->y, x, end - x, ui_attr(ROLE_STATUS) | A_BOLD, " turbotop ");
	ui_human_kb(st->self_rss_kb, buf, sizeof buf);
	x += ui_printf(r->y, x, end - x, ui_attr(ROLE_STATUS), "%.0f%% %s ",
	    st->self_cpu, buf);
	if (st->screen != NULL) {
		ui_printf(r->y, x, end - x, ui_attr(ROLE_STATUS), " %s",
		    st->screen);
		if (st->msg != NULL)
			ui_put(r->y, x + 12, end - x - 12, ui_attr(ROLE_BADGE_WARN),
			    st->msg);
		return;
	}
	if (st->badge != NULL)
		x += 1 + ui_put(r->y, x, end - x, ui_attr(ROLE_BADGE_WARN),
		    st->badge);
	if (st->job != NULL) {
		badge = job_badge(st->job, st->elapsed, buf, sizeof buf);
		x += 1 + ui_put(r->y, x, end - x, ui_attr(badge), buf);
		x += ui_put(r->y, x, end - x < 40 ? end - x : 40,
		    ui_attr(ROLE_STATUS) | A_BOLD, st->cmdline);
		if (r->w >= 100)	/* narrower, the figures come first */
			x += ui_printf(r->y, x, end - x, ui_attr(ROLE_STATUS),
			    " (pgid %d) ", (int)job_pgid(st->job));
		else
			x += ui_put(r->y, x, end - x, ui_attr(ROLE_STATUS), " ");
	} else if (st->tag != NULL) {
		x += 1 + ui_put(r->y, x, end - x, ui_attr(st->done ?
		    ROLE_BADGE_DONE : ROLE_BADGE_RUN), st->tag);
		x += ui_printf(r->y, x, end - x, ui_attr(ROLE_STATUS) | A_BOLD,
		    "%s ", st->title != NULL ? st->title : "");
	} else
		x += ui_put(r->y, x, end - x, ui_attr(ROLE_STATUS),
		    st->idle != NULL ? st->idle : " no demo (m: menu) ");
	if (st->frozen)
		x += 1 + ui_put(r->y, x + 1, end - x - 1,
		    ui_attr(ROLE_BADGE_WARN), " FROZEN ");
	if (st->msg != NULL)
		x += 1 + ui_printf(r->y, x + 1, end - x - 1,
		    ui_attr(ROLE_BADGE_WARN), " %s ", st->msg);
	draw_figures(r, x, st->sys, st->delay);
}

/* "Terminal too small", centred as well as it fits. */
void
ui_too_small_draw(void)
{
	char	buf[128];
	int	len, y = LINES / 2 - 1, x;

	snprintf(buf, sizeof buf, "terminal too small: %dx%d", COLS, LINES);
	len = (int)strlen(buf);
	x = (COLS - len) / 2;
	ui_put(y > 0 ? y : 0, x > 0 ? x : 0, COLS, ui_attr(ROLE_BADGE_WARN),
	    buf);
	snprintf(buf, sizeof buf, "need %dx%d; q quits", UI_MIN_COLS,
	    UI_MIN_LINES);
	len = (int)strlen(buf);
	x = (COLS - len) / 2;
	ui_put(y + 1 > 0 ? y + 1 : 1, x > 0 ? x : 0, COLS, ui_attr(ROLE_NORMAL),
	    buf);
}
