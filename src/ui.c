/* ui.c: the TUI (not written yet: says so and exits). */
#include "config.h"

#include <stdio.h>

#include "ui.h"
#include "options.h"

int
ui_main(const struct options *o)
{
	(void)o;
	fprintf(stderr, "turbotop: the TUI is not available yet\n");
	return 1;
}
