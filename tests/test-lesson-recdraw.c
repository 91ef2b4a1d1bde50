/*
 * test-lesson-recdraw.c: not a test by itself but the program
 * tests/lesson-record.sh records in tmux: it starts a recording, draws with
 * curses as the TUI does (text, its size, the last key), follows resizes,
 * and quits on 'q'. Usage: test-lesson-recdraw FILE.cast
 */
#include "config.h"

#include <sys/ioctl.h>

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "record.h"

static void
draw(int key)
{
	erase();
	mvaddstr(1, 2, "RECORDED SCREEN caf\xc3\xa9 \xe2\x86\x92 done");
	mvprintw(2, 2, "size %dx%d", COLS, LINES);
	if (key > ' ' && key < 127)
		mvprintw(3, 2, "key %c", key);
	refresh();
}

int
main(int argc, char **argv)
{
	SCREEN	*s;
	struct winsize	 ws;
	char		*cause;
	int		 key = 0, idle = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: test-lesson-recdraw FILE.cast\n");
		return 2;
	}
	setlocale(LC_ALL, "");
	if (record_start(argv[1], "recdraw", &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return 1;
	}
	if ((s = newterm(NULL, stdout, stdin)) == NULL) {
		record_stop(NULL);
		fprintf(stderr, "newterm failed\n");
		return 1;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	timeout(200);
	draw(key);
	/*
	 * ncurses can miss a SIGWINCH that comes while it draws (the recorder
	 * sends one after it sizes the pty): every 0.2 s without a key, the
	 * pty's size is looked at too. ERR at once, over and over, is the end
	 * of the input.
	 */
	while ((key = getch()) != 'q' && idle < 3000) {
		if (key != ERR) {
			idle = 0;
			draw(key);
			continue;
		}
		idle++;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		    is_term_resized(ws.ws_row, ws.ws_col)) {
			resizeterm(ws.ws_row, ws.ws_col);
			draw(0);
		}
	}
	endwin();
	delscreen(s);
	if (record_stop(&cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return 1;
	}
	printf("recording finished\n");
	return 0;
}
