/*
 * ui-restore.c: give the terminal back when turbotop dies of a signal.
 *
 * endwin() is not async-signal-safe, so the crash handler (job-signal.c)
 * cannot call it. Instead, once curses is up, ui_restore_prepare() keeps the
 * terminal's modes from before initscr() and builds, from terminfo, the
 * bytes that undo what the TUI turned on: mouse reporting, attributes, the
 * hidden cursor, the keypad mode and the alternate screen. ui_restore_crash()
 * then needs only tcsetattr() and write(), both async-signal-safe.
 */
#include "config.h"

#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "ui-int.h"

static struct termios	saved_tio;
static int		saved_ok;
static int		tty_fd;		/* the terminal the keys come from */
static char		undo[256];
static size_t		undo_len;

/* Append terminfo capability cap (if the terminal has it) to undo. */
static void
undo_add(const char *cap)
{
	const char	*s = tigetstr(cap);
	size_t		 n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (undo_len + n < sizeof undo) {
		memcpy(undo + undo_len, s, n);
		undo_len += n;
	}
}

/* Before initscr(): the terminal's modes as the shell had them. */
void
ui_restore_save(int fd)
{
	tty_fd = fd;
	saved_ok = tcgetattr(fd, &saved_tio) == 0;
}

/* After initscr(): the bytes that undo the TUI's modes. */
void
ui_restore_prepare(void)
{
	static const char	mouse_off[] = "\033[?1006l\033[?1000l";

	undo_len = 0;
	memcpy(undo, mouse_off, sizeof mouse_off - 1);
	undo_len = sizeof mouse_off - 1;
	undo_add("sgr0");
	undo_add("cnorm");
	undo_add("rmkx");
	undo_add("rmcup");
}

/* In a signal handler: the shell's modes back, the undo bytes out. */
void
ui_restore_crash(void)
{
	size_t	off = 0;
	ssize_t	n;

	if (saved_ok)
		tcsetattr(tty_fd, TCSANOW, &saved_tio);
	while (off < undo_len) {
		n = write(STDOUT_FILENO, undo + off, undo_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
}
