/*
 * ui-help.c: the help screen, drawn from the key bindings table (so it
 * lists exactly the keys that work) after a few lines on what each pane
 * shows. It scrolls when the screen is short.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-draw.h"
#include "ui-keys.h"
#include "ui-panes.h"
#include "ui-theme.h"

static const char *intro[] = {
	"Cores     busy % of each core now: user, system, nice, iowait by colour",
	"History   each core's busy % over the last minute, newest at the right",
	"Timeline  which demo thread ran on each core (+/-: time per cell, w: "
	    "thread states);",
	"          the legend maps colours to threads (same colours as the output)",
	"Processes the demo's processes (a: all, H: threads) with RUN% WAIT% "
	    "SLEEP%, like top",
	"Output    the demo's interleaved output, each line labelled by its writer",
	"Mouse: click a pane, a column header (sorts), a key below, a demo (twice:"
	    " launch)",
};

/* Entries of the bindings table with a help text. */
static int
help_entries(void)
{
	const struct ui_binding	*b;
	size_t			 n, i;
	int			 count = 0;

	b = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		if (b[i].help != NULL)
			count++;
	}
	return count;
}

/* Key columns: two side by side on a wide screen. */
static int
key_columns(int w)
{
	return w >= 150 ? 2 : 1;
}

/* Lines of text the help has at width w (for scrolling). */
int
ui_help_lines(int w)
{
	int	nintro = (int)(sizeof intro / sizeof intro[0]);
	int	cols = key_columns(w);

	return nintro + 2 + (help_entries() + cols - 1) / cols;
}

/* Entry k of the bindings table's help, at (y, x) in w columns. */
static void
help_entry(int k, int y, int x, int w)
{
	const struct ui_binding	*b;
	size_t			 n, i, j, len;
	char			 keys[64];

	b = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		if (b[i].help == NULL || k-- > 0)
			continue;
		len = (size_t)snprintf(keys, sizeof keys, "%s", b[i].name);
		for (j = i + 1; j < n && b[j].help == NULL; j++)
			len += (size_t)snprintf(keys + len, sizeof keys - len,
			    " %s", b[j].name);
		ui_put(y, x + 2, 14, ui_attr(ROLE_KEY), keys);
		ui_put(y, x + 16, w - 16, ui_attr(ROLE_NORMAL), b[i].help);
		return;
	}
}

/* Help line k (0-based) at row y, or nothing when k is past the end. */
static void
help_line(int k, int y, int x, int w)
{
	int	nintro = (int)(sizeof intro / sizeof intro[0]);
	int	cols = key_columns(w), rows;

	if (k < nintro) {
		if (strlen(intro[k]) <= 10 || intro[k][9] != ' ') {
			ui_put(y, x, w, ui_attr(ROLE_NORMAL), intro[k]);
			return;
		}
		ui_put(y, x, 10, ui_attr(ROLE_TITLE), intro[k]);
		ui_put(y, x + 10, w - 10, ui_attr(ROLE_NORMAL), intro[k] + 10);
		return;
	}
	k -= nintro;
	if (k == 0)
		return;
	if (k == 1) {
		ui_put(y, x, w, ui_attr(ROLE_TITLE), "Keys");
		return;
	}
	k -= 2;
	rows = (help_entries() + cols - 1) / cols;
	help_entry(k, y, x, w / cols);
	if (cols == 2 && k + rows < help_entries())
		help_entry(k + rows, y, x + w / 2, w / 2);
}

/* The help over the body, from line offset. */
void
ui_help_draw(const struct ui_rect *r, int offset)
{
	int	y;

	ui_title(r, "Help", "any key closes it", 1);
	for (y = 1; y < r->h; y++)
		help_line(offset + y - 1, r->y + y, r->x + 2, r->w - 3);
}
