/*
 * ui.c: the TUI's event loop and its state. It owns the sampler and the
 * demo job, or plays a driver (ui.h) on the loop; it maps keys (through the
 * bindings table in ui-keys.c) and mouse clicks to actions, and has
 * ui-frame.c draw a frame from the panes in ui-*.c (its state, struct ui,
 * is in ui-int.h).
 *
 * The loop blocks in one place, jobs_wait(), on the demo's output, stdin
 * and signals; it samples every delay seconds and redraws at most every
 * FRAME_MIN seconds, so a demo flooding output costs a frame now and then,
 * not a frame per line, and keys are read as soon as they arrive. A frame
 * is drawn with erase() and one refresh(): ncurses sends only what changed,
 * so nothing flickers at 20 Hz.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "demo-start.h"
#include "job.h"
#include "observer.h"
#include "options.h"
#include "sample.h"
#include "sanitize.h"
#include "source.h"
#include "ui-axis.h"
#include "ui-draw.h"
#include "ui-keys.h"
#include "ui-layout.h"
#include "ui-panes.h"
#include "ui-theme.h"
#include "ui-int.h"
#include "ui.h"
#include "util.h"

#define FRAME_MIN	0.05	/* seconds between frames: 20 Hz at most */
#define MESSAGE_SECS	4.0

static const double delays[] = { 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10 };

static int	curses_on;

/* The fatal hook: give the terminal back before the message is printed. */
static void
ui_restore_terminal(void)
{
	if (curses_on) {
		curses_on = 0;
		jobs_set_crash_hook(NULL);
		ui_mouse_disable();
		endwin();
	}
}

void
ui_message(struct ui *u, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_until = now_mono() + MESSAGE_SECS;
	u->dirty = 1;
}

static char *
join_argv(char **argv)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; argv[i] != NULL; i++) {
		xasprintf(&t, "%s%s%s", s, i > 0 ? " " : "", argv[i]);
		free(s);
		s = t;
	}
	return s;
}

/* Now on the data's clock: monotonic, or the driver's (a replay's). */
double
ui_clock(const struct ui *u)
{
	if (u->drv != NULL && u->drv->clock != NULL)
		return u->drv->clock(u->drv->arg);
	return now_mono();
}

/* When the job on show began, on that clock. */
static double
job_began(const struct ui *u)
{
	if (u->drv != NULL && u->drv->started != NULL)
		return u->drv->started(u->drv->arg);
	return now_mono();
}

/* Which processes the sampler lists, from the table's toggle and the job. */
void
ui_update_scope(struct ui *u)
{
	enum proc_scope	scope;

	if (u->s == NULL)
		return;
	if (ui_procs_scope(u->procs) == PROCS_ALL)
		scope = SCOPE_ALL;
	else if ((u->job != NULL && job_state(u->job) != JOB_DONE) ||
	    u->runs != NULL)
		scope = SCOPE_WATCHED;
	else
		scope = SCOPE_BUSIEST;
	sampler_set_scope(u->s, scope);
}

static void
watch(struct ui *u, pid_t pgid)
{
	if (u->s == NULL) {	/* a stream: the run is only labelled */
		u->watched = pgid;
		return;
	}
	if (u->watched > 0)
		sampler_unwatch(u->s, u->watched);
	u->watched = pgid;
	if (pgid > 0)
		sampler_watch(u->s, pgid);
	ui_update_scope(u);
}

/* A run starts: the record shows it (labelled by its command line). */
static void
run_begin(struct ui *u, pid_t pgid)
{
	memset(&u->run, 0, sizeof u->run);
	snprintf(u->run.label, sizeof u->run.label, "%s",
	    u->cmdline != NULL ? u->cmdline : "?");
	u->run.start = job_began(u);
	u->run.pgid = pgid;
	ui_procs_forget(u->procs);
}

/* The run ended: keep it, its label saying how long it ran. */
static void
run_end(struct ui *u)
{
	const char	*cmd;
	char		 d[32];
	size_t		 room, n;

	if (u->run.ended || u->run.label[0] == '\0')
		return;
	u->run.end = ui_clock(u);
	u->run.ended = 1;
	ui_format_secs(u->run.end - u->run.start, d, sizeof d);
	/* A command line too long for the label is cut (~), the time kept. */
	cmd = u->cmdline != NULL ? u->cmdline : "?";
	room = sizeof u->run.label - strlen(d) - 3;
	n = strlen(cmd) > room ? sanitize_cut(cmd, strlen(cmd), room - 1) :
	    strlen(cmd);
	snprintf(u->run.label, sizeof u->run.label, "%.*s%s, %s", (int)n, cmd,
	    n < strlen(cmd) ? "~" : "", d);
}

/* Stop and forget the current job, if any. */
static void
drop_job(struct ui *u)
{
	if (u->job == NULL)
		return;
	watch(u, 0);
	/* A driver's job (a lesson's, a replay's) is the driver's. */
	if (u->job_owned)
		job_free(u->job);
	u->job_owned = 0;
	u->job = NULL;
	free(u->cmdline);
	u->cmdline = NULL;
}

/* Make job (described by cmdline, which is taken over) the one shown. */
static void
show_job(struct ui *u, struct job *job, char *cmdline)
{
	u->job = job;
	u->cmdline = cmdline;
	u->started = job_began(u);
	u->ended = 0;
	u->seen_next = 0;
	u->seen_state = JOB_RUNNING;
	ui_output_reset(u->out);
	watch(u, job_pgid(job));
	run_begin(u, job_pgid(job));
}

/*
 * Start argv (a demo name, or a command when is_command) as the job,
 * replacing the current one; 0, or -1 with *cause set.
 */
static int
launch(struct ui *u, char **argv, int is_command, char **cause)
{
	struct job_config	  cfg;
	struct job		 *job;
	char			 *path;

	memset(&cfg, 0, sizeof cfg);
	cfg.pty = u->o->pty;
	cfg.max_lines = (size_t)u->o->max_lines;
	cfg.grace = u->o->grace;
	if (!is_command)
		job = demo_start(argv, &cfg, cause);
	else if ((path = util_find_program(argv[0])) == NULL) {
		xasprintf(cause, "%s: command not found", argv[0]);
		return -1;
	} else {
		free(path);	/* job_start looks it up in PATH the same way */
		job = job_start(argv[0], argv, &cfg, cause);
	}
	if (job == NULL)
		return -1;
	drop_job(u);	/* the one it replaces: only once this one runs */
	show_job(u, job, join_argv(argv));
	u->job_owned = 1;
	return 0;
}

/*
 * Carry out what a driver's poll or key said (UI_DRIVER_* flags): show the
 * job it hands over, its message; tick at once, or at the next tick.
 */
static void
driver_flags(struct ui *u, int flags)
{
	const struct ui_driver	*d = u->drv;
	const char		*msg;

	if ((flags & UI_DRIVER_NEW_JOB) && d->job != NULL) {
		if (u->job != NULL) {
			/* Its run ends here; the job itself may be gone. */
			if (u->s != NULL)
				sampler_flush(u->s);
			run_end(u);
		}
		drop_job(u);
		if (d->job(d->arg) != NULL)
			show_job(u, d->job(d->arg), xstrdup(d->label != NULL ?
			    d->label(d->arg) : ""));
	}
	if ((flags & UI_DRIVER_MESSAGE) && d->message != NULL &&
	    (msg = d->message(d->arg)) != NULL)
		ui_message(u, "%s", msg);
	if (flags & UI_DRIVER_FED)
		u->fed = 1;
	if (flags & UI_DRIVER_TICK)
		u->next_tick = now_mono();
	if (flags & (UI_DRIVER_REDRAW | UI_DRIVER_NEW_JOB))
		u->dirty = 1;
}

/*
 * The driver (ui.h) plays on this loop: what it says, and the job it runs
 * unshown, watched. Returns how long it may wait.
 */
static double
driver_poll(struct ui *u)
{
	const struct ui_driver	*d = u->drv;
	double			 wait = 3600;
	pid_t			 pgid;

	if (d == NULL)
		return wait;
	if (d->poll != NULL)
		driver_flags(u, d->poll(d->arg, &wait));
	if (d->runs != NULL) {
		u->runs = d->runs(d->arg);
		pgid = u->runs != NULL ? job_pgid(u->runs) : 0;
		if (pgid != u->watched) {
			watch(u, pgid);
			u->dirty = 1;
		}
	}
	return wait;
}

static void
launch_from_menu(struct ui *u)
{
	char	**argv = ui_menu_argv(u->menu), *cause = NULL;
	size_t	  i;

	if (launch(u, argv, 0, &cause) != 0) {
		ui_message(u, "%s", cause);
		free(cause);
	} else {
		u->mode = MODE_MAIN;
		ui_message(u, "launched %s", u->cmdline);
	}
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* Tab and S-Tab: the next visible pane (zoomed: zoom that one instead). */
static void
cycle_pane(struct ui *u, int dir)
{
	struct ui_layout	l;
	int			i, p = u->selected;

	ui_layout_hosts(&l, COLS, LINES, source_ncpus(u->src),
	    source_nhosts(u->src), -1);
	for (i = 0; i < PANE_COUNT; i++) {
		p = (p + dir + PANE_COUNT) % PANE_COUNT;
		if (u->zoom >= 0 || l.pane[p].h > 0)
			break;
	}
	u->selected = p;
	if (u->zoom >= 0)
		u->zoom = p;
}

static void
set_delay(struct ui *u, int dir)
{
	size_t	i;

	if (dir < 0) {
		for (i = nitems(delays); i-- > 0; ) {
			if (delays[i] < u->delay - 1e-9)
				break;
		}
		if (i == (size_t)-1)
			i = 0;
	} else {
		for (i = 0; i < nitems(delays) - 1; i++) {
			if (delays[i] > u->delay + 1e-9)
				break;
		}
	}
	u->delay = delays[i];
	u->next_tick = now_mono() + u->delay;
	ui_message(u, "refresh every %g s", u->delay);
}

static void
toggle_pause(struct ui *u)
{
	if (u->job == NULL) {
		ui_message(u, "no demo running (m: menu)");
		return;
	}
	switch (job_state(u->job)) {
	case JOB_RUNNING:
		job_pause(u->job);
		ui_message(u, "paused: SIGSTOP sent to the demo");
		break;
	case JOB_PAUSED:
		job_resume(u->job);
		ui_message(u, "resumed: SIGCONT sent to the demo");
		break;
	default:
		break;
	}
}

static void
restart(struct ui *u)
{
	char	*cause = NULL;

	if (u->job == NULL) {
		ui_message(u, "no demo to restart (m: menu)");
		return;
	}
	if (job_restart(u->job, &cause) != 0) {
		ui_message(u, "restart failed: %s", cause != NULL ? cause : "?");
		free(cause);
		return;
	}
	ui_output_reset(u->out);
	ui_message(u, "restarting");
}

/*
 * Carry out one action of the bindings table: the panes' own (ui-pane.c)
 * first, the selected pane before the others, then the global ones.
 */
static void
act(struct ui *u, enum ui_action a)
{
	if (u->mode == MODE_MAIN && ui_panes_act(u, a)) {
		u->dirty = 1;
		return;
	}
	switch (a) {
	case ACT_NONE:
		return;
	case ACT_HELP:
		u->help_return = u->mode == MODE_HELP ? MODE_MAIN : u->mode;
		u->mode = MODE_HELP;
		u->help_offset = 0;
		break;
	case ACT_MENU:
		u->mode = MODE_MENU;
		break;
	case ACT_STOP:
		if (u->job != NULL && job_state(u->job) != JOB_DONE) {
			job_stop(u->job);
			ui_message(u, "stopping the demo");
		} else
			ui_message(u, "no demo running");
		break;
	case ACT_PAUSE:
		toggle_pause(u);
		break;
	case ACT_RESTART:
		restart(u);
		break;
	case ACT_FASTER:
	case ACT_SLOWER:
		set_delay(u, a == ACT_FASTER ? -1 : 1);
		break;
	case ACT_FREEZE:
		u->frozen = !u->frozen;
		ui_output_freeze(u->out, u->job, u->frozen);
		if (!u->frozen)
			u->next_tick = now_mono();
		break;
	case ACT_NEXT_PANE:
		cycle_pane(u, 1);
		break;
	case ACT_PREV_PANE:
		cycle_pane(u, -1);
		break;
	case ACT_ZOOM:
		u->zoom = u->zoom >= 0 ? -1 : u->selected;
		break;
	case ACT_OBSERVER:
		if (u->s == NULL) {
			ui_message(u, "a replay shows what was recorded");
			break;
		}
		u->observer = !u->observer;
		if (u->observer)
			sampler_watch(u->s, getpgrp());
		else
			sampler_unwatch(u->s, getpgrp());
		u->next_tick = now_mono();
		ui_message(u, "%s", u->observer ? "turbotop itself (the "
		    "observer) is shown" : "turbotop itself is not shown");
		break;
	default:	/* a pane's (ui-pane.c): not with a menu or help */
		break;
	case ACT_THEME:
		ui_theme_next();
		ui_message(u, "theme: %s", ui_theme_name());
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_PLAY_SLOWER:
	case ACT_PLAY_FASTER:
	case ACT_SEEK_BACK:
	case ACT_SEEK_FORWARD:
	case ACT_SEEK_START:
	case ACT_SEEK_END:	/* a replay's (replay-tui.c), when one drives */
		ui_message(u, "only in a replay (turbotop --replay FILE)");
		break;
	case ACT_QUIT:
		u->quit = 1;
		break;
	}
	u->dirty = 1;
}

static void
mouse(struct ui *u)
{
	struct ui_mouse	ev;
	int		p, key;

	if (ui_mouse_read(&ev) != 0)
		return;
	u->dirty = 1;
	if (ev.kind == MOUSE_WHEEL_UP || ev.kind == MOUSE_WHEEL_DOWN) {
		if (u->mode == MODE_MAIN)
			ui_panes_scroll(u, ev.kind == MOUSE_WHEEL_UP ? -3 : 3);
		return;
	}
	if (ev.kind != MOUSE_PRESS)
		return;
	if (ev.y == u->layout.keybar.y && !ui_output_searching(u->out)) {
		if ((key = ui_keybar_hit(ev.x)) != ERR)
			ungetch(key);
		return;
	}
	switch (u->mode) {
	case MODE_MENU:
		if (ui_menu_click(u->menu, ev.y, ev.x) == MENU_LAUNCH)
			launch_from_menu(u);
		break;
	case MODE_HELP:
		u->mode = u->help_return;
		break;
	case MODE_MAIN:
		if ((p = ui_layout_pane_at(&u->layout, ev.y, ev.x)) < 0)
			break;
		u->selected = p;
		if (ui_pane_class(p)->click != NULL)
			ui_pane_class(p)->click(u, ev.y, ev.x);
		break;
	}
}

static void
key(struct ui *u, int ch)
{
	int	flags;

	if (ch == UI_KEY_MOUSE) {
		mouse(u);
		return;
	}
	if (ch == KEY_RESIZE) {
		u->dirty = 1;
		return;
	}
	u->dirty = 1;
	switch (u->mode) {
	case MODE_HELP:
		if (ch == KEY_DOWN || ch == KEY_NPAGE || ch == ' ') {
			u->help_offset += ch == KEY_DOWN ? 1 : 10;
			if (u->help_offset > ui_help_lines(COLS - 3) - 3)
				u->help_offset = ui_help_lines(COLS - 3) - 3;
		} else if (ch == KEY_UP || ch == KEY_PPAGE) {
			u->help_offset -= ch == KEY_UP ? 1 : 10;
			if (u->help_offset < 0)
				u->help_offset = 0;
		} else if (ch == 'q' || ch == KEY_F(10))
			u->quit = 1;
		else
			u->mode = u->help_return;
		return;
	case MODE_MENU:
		switch (ui_menu_key(u->menu, ch)) {
		case MENU_NONE:
			return;
		case MENU_LAUNCH:
			launch_from_menu(u);
			return;
		case MENU_CLOSE:
			u->mode = MODE_MAIN;
			return;
		case MENU_PASS:
			break;
		}
		if (ch == 'q' || ch == KEY_F(10) || ch == '?' || ch == KEY_F(1))
			act(u, ui_keys_action(ch));
		return;
	case MODE_MAIN:
		if (ui_output_searching(u->out)) {
			ui_output_prompt_key(u->out, u->job, ch);
			if (ui_output_message(u->out) != NULL)
				ui_message(u, "%s", ui_output_message(u->out));
			return;
		}
		if (u->drv != NULL && u->drv->key != NULL &&
		    (flags = u->drv->key(u->drv->arg, ch == KEY_ENTER ? '\n' :
		    ch)) != 0) {
			driver_flags(u, flags);
			return;
		}
		act(u, ui_keys_action(ch));
		return;
	}
}

/*
 * Follow the terminal's size. Called on SIGWINCH and on every wake-up, so
 * a resize whose signal was merged with an earlier one is not missed.
 */
static void
resize(struct ui *u)
{
	struct winsize	ws;

	if (ioctl(u->key_fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return;
	resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	u->dirty = 1;
}

/*
 * Notice what changed in the job since the last frame: its state, its
 * output, and its process group (a restart starts a new one once the old
 * one is gone).
 */
static void
watch_job(struct ui *u)
{
	enum job_state	st;

	if (u->job == NULL)
		return;
	st = job_state(u->job);
	if (st != JOB_DONE && job_pgid(u->job) != u->watched &&
	    job_pgid(u->job) > 0 && u->s != NULL) {	/* a restart */
		watch(u, job_pgid(u->job));
		u->started = now_mono();
		u->ended = 0;
		run_begin(u, job_pgid(u->job));
	}
	if (st != u->seen_state) {
		if (st == JOB_DONE) {
			/*
			 * The kept run gets its last records now, not at the
			 * next tick: drawn before them, it would miss what
			 * its workers did since the last one.
			 */
			if (u->s != NULL)
				sampler_flush(u->s);
			u->ended = ui_clock(u);
			run_end(u);
		} else if (u->s == NULL) {	/* a stream sought back into it */
			u->ended = 0;
			run_begin(u, job_pgid(u->job));
		}
		u->seen_state = st;
		ui_update_scope(u);
		u->dirty = 1;
	}
	if (job_lines_next(u->job) != u->seen_next) {
		u->seen_next = job_lines_next(u->job);
		if (!u->frozen)
			u->dirty = 1;
	}
}

/* The MPI ranks among the sampled processes: the job names them rN. */
static void
note_ranks(struct ui *u)
{
	const struct proc_sample	*ps;
	size_t				 i, n = source_nprocs(u->src);

	if (u->job == NULL)
		return;
	for (i = 0; i < n; i++) {
		if ((ps = source_proc(u->src, i))->has_rank)
			job_note_rank(u->job, ps->pid, ps->rank);
	}
}

static void
tick(struct ui *u)
{
	char	*cause = NULL;
	double	 now = now_mono();

	if (u->s == NULL) {
		/* A stream draws at the refresh, whatever comes. */
		observer_tick(u->obs, u->src, u->job);
		if (u->fed && u->job != NULL && !u->run.ended)
			ui_procs_record(u->procs, u->src, u->run.pgid);
		u->dirty = 1;
		u->fed = 0;
	} else if (sampler_tick(u->s, &cause) != 0) {
		ui_message(u, "sampling failed: %s", cause != NULL ? cause : "?");
		free(cause);
	} else {
		if (u->drv != NULL && u->drv->sampled != NULL)
			u->drv->sampled(u->drv->arg, u->s);
		if (u->job != NULL && !u->run.ended)
			ui_procs_record(u->procs, u->src, u->run.pgid);
	}
	if (u->s != NULL)
		observer_tick(u->obs, u->src, u->job != NULL ? u->job :
		    u->runs);
	note_ranks(u);
	u->ticks++;
	u->next_tick += u->delay;
	if (u->next_tick < now)
		u->next_tick = now + u->delay;
	u->dirty = 1;
	if (u->o->iterations > 0 && u->ticks > u->o->iterations)
		u->quit = 1;
}

static void
loop(struct ui *u)
{
	double	now, timeout, driver_wait;
	int	r, ch;

	while (!u->quit) {
		driver_wait = driver_poll(u);
		now = now_mono();
		if (!u->frozen && now >= u->next_tick)
			tick(u);
		watch_job(u);
		if (u->dirty && now - u->last_draw >= FRAME_MIN)
			ui_frame_draw(u);
		timeout = u->frozen ? 1.0 : u->next_tick - now;
		if (u->dirty && u->last_draw + FRAME_MIN - now < timeout)
			timeout = u->last_draw + FRAME_MIN - now;
		if (u->msg_until > now && u->msg_until - now < timeout)
			timeout = u->msg_until - now + 0.01;
		if (driver_wait < timeout)
			timeout = driver_wait;
		if (timeout < 0)
			timeout = 0;
		r = jobs_wait(timeout, u->key_fd);
		if (r & JOBS_WAIT_SIGNAL)
			break;
		resize(u);
		if (r & JOBS_WAIT_EXTRA) {
			while (!u->quit && (ch = getch()) != ERR)
				key(u, ch);
			if (u->dirty && !u->quit)
				ui_frame_draw(u);
		}
		if (u->msg_until > 0 && now_mono() >= u->msg_until) {
			u->msg_until = 0;
			u->dirty = 1;
		}
	}
}

/*
 * Curses on the terminal: on standard input and output, or when standard
 * input is a stream being replayed, on /dev/tty for the keys. Returns the
 * fd the keys come from, or -1 with a message.
 */
static int
curses_start(int keys_from_tty)
{
	static FILE	*tty;
	int		 fd = STDIN_FILENO;

	if (keys_from_tty) {
		if (tty == NULL && (tty = fopen("/dev/tty", "r+e")) == NULL) {
			fprintf(stderr, "turbotop: the keys come from the "
			    "terminal: /dev/tty: %s\n", strerror(errno));
			return -1;
		}
		fd = fileno(tty);
	}
	ui_restore_save(fd);
	if (keys_from_tty) {
		if (newterm(NULL, stdout, tty) == NULL) {
			fprintf(stderr, "turbotop: cannot start curses on "
			    "/dev/tty\n");
			return -1;
		}
	} else
		initscr();
	/*
	 * ncurses 6.4 (Debian 12) flushes its output at every cursor move
	 * until the first endwin(): ~25 writes a frame, each one waking the
	 * terminal (tmux, ssh). Leaving curses and coming back at once, before
	 * anything is drawn, makes it buffer a frame into one write.
	 */
	refresh();
	endwin();
	refresh();
	curses_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	typeahead(-1);
	set_escdelay(25);
	curs_set(0);
	ui_theme_init();
	ui_mouse_enable();
	ui_restore_prepare();
	jobs_set_crash_hook(ui_restore_crash);	/* a fatal signal restores it */
	return fd;
}

/* Free what ui_main() made (the terminal is given back first). */
static void
ui_free(struct ui *u)
{
	if (u->job_owned)
		job_free(u->job);
	free(u->cmdline);
	ui_menu_free(u->menu);
	ui_procs_free(u->procs);
	ui_timeline_free(u->tl);
	ui_output_free(u->out);
	observer_free(u->obs);
	if (u->s != NULL)
		source_free(u->src);	/* else the driver's */
	sampler_free(u->s);
}

/* This machine's sampler as the source; 0, or the exit status. */
static int
live_source(struct ui *u, const struct options *o)
{
	char	*cause = NULL;

	jobs_init();
	if ((u->s = sampler_create(&cause)) == NULL) {
		fprintf(stderr, "turbotop: %s\n", cause != NULL ? cause :
		    "sampler");
		free(cause);
		return 1;
	}
	if (sampler_set_timeline(u->s, o->timeline, &cause) != 0) {
		fprintf(stderr, "turbotop: %s\n", cause);
		free(cause);
		sampler_free(u->s);
		return 2;
	}
	u->src = source_live(u->s);
	return 0;
}

/*
 * The source the driver hands over (its own; signals and the self-pipe
 * are set up, no job starts here) or this machine's; 0, or the exit status.
 */
static int
open_source(struct ui *u, const struct options *o)
{
	const struct ui_driver	*d = u->drv;
	char			*cause = NULL;

	if (d == NULL || d->source == NULL)
		return live_source(u, o);
	jobs_init();
	if ((u->src = d->source(d->arg, &cause)) == NULL) {
		fprintf(stderr, "turbotop: %s\n", cause != NULL ? cause :
		    "no source");
		free(cause);
		return 1;
	}
	return 0;
}

/*
 * The TUI: with a driver, what it plays; else the demo (or command) of
 * the command line, or the menu.
 */
int
ui_main(const struct options *o, const struct ui_driver *drv)
{
	struct ui	 u;
	char		*cause = NULL;
	int		 rc;

	memset(&u, 0, sizeof u);
	u.o = o;
	u.drv = drv;
	u.zoom = -1;
	u.selected = PANE_OUTPUT;
	u.delay = options_delay(o, DELAY_TUI);
	/* Standard input the driver's data: the keys come from /dev/tty. */
	if (((drv == NULL || !drv->stdin_data) && !isatty(STDIN_FILENO)) ||
	    !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "turbotop: the TUI needs a terminal (use -b for "
		    "batch records)\n");
		return 1;
	}
	setlocale(LC_ALL, "");
	if ((rc = open_source(&u, o)) != 0)
		return rc;
	u.menu = ui_menu_create();
	u.procs = ui_procs_create();
	u.tl = ui_timeline_create();
	u.out = ui_output_create();
	u.obs = observer_create();
	if (o->all)
		ui_procs_toggle_all(u.procs);
	ui_update_scope(&u);

	if (drv != NULL)
		u.mode = MODE_MAIN;
	else if (o->argc > 0) {
		if (launch(&u, o->argv, o->is_command, &cause) != 0) {
			fprintf(stderr, "turbotop: %s\n", cause);
			free(cause);
			jobs_stop_all();
			ui_free(&u);
			return 1;
		}
		if (!o->is_command)
			ui_menu_select(u.menu, o->argv[0]);
		u.mode = MODE_MAIN;
	} else
		u.mode = MODE_MENU;

	util_set_fatal_hook(ui_restore_terminal);
	if ((u.key_fd = curses_start(!isatty(STDIN_FILENO))) < 0) {
		util_set_fatal_hook(NULL);
		jobs_stop_all();
		ui_free(&u);
		return 1;
	}
	u.next_tick = now_mono();
	u.dirty = 1;
	loop(&u);

	ui_put(0, 0, COLS, ui_attr(ROLE_BADGE_WARN), " stopping demos... ");
	refresh();
	jobs_stop_all();
	ui_restore_terminal();
	util_set_fatal_hook(NULL);
	ui_free(&u);
	return 0;
}
