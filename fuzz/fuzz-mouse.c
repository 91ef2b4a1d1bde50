/*
 * fuzz-mouse.c: the SGR mouse report decoder (ui-keys.c), fed the bytes that
 * follow "\e[<" one at a time, report after report: it must end every
 * report within 24 bytes, and a decoded position stays in int range.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "ui-keys.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui_mouse_parse	p;
	struct ui_mouse		m;
	size_t			i, fed = 0;
	int			r;

	memset(&p, 0, sizeof p);
	for (i = 0; i < size; i++) {
		r = ui_mouse_feed(&p, data[i], &m);
		fed++;
		FUZZ_CHECK(fed <= 25);
		if (r != 0) {
			if (r > 0)
				FUZZ_CHECK(m.x >= -1 && m.y >= -1);
			memset(&p, 0, sizeof p);
			fed = 0;
		}
	}
	return 0;
}
