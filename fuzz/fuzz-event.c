/*
 * fuzz-event.c: the event stream reader (event-read.c) and what --replay
 * does with its records (source.c). The input is read as a stream from a
 * memfd, line by line, with every record fed to a stream source and its
 * figures read back as the panes do; the whole input is also parsed as one
 * line; the second pass skims samples as a replay does, reading each
 * skimmed one whole again from its line. Every string a record hands out
 * must be sanitised (valid UTF-8, no control character), counts within the
 * reader's bounds, and nothing may crash, leak or hang.
 */
#include "config.h"

#include <sys/mman.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event-read.h"
#include "fuzz.h"
#include "sanitize.h"
#include "source.h"
#include "utf8.h"

static void
check_clean(const char *s)
{
	unsigned int	cp;
	size_t		i, k, n;

	if (s == NULL)
		return;
	n = strlen(s);
	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		FUZZ_CHECK(k > 0);
		FUZZ_CHECK(!sanitize_unsafe(cp));
	}
}

static void
on_segment(const struct tl_segment *sg, void *arg)
{
	(void)arg;
	FUZZ_CHECK(sg->end >= sg->start);
}

static void
check_event(struct source *src, const struct event *e)
{
	size_t	i;
	int	c;
	char	label[64];

	FUZZ_CHECK(e->type < EVENT_NTYPES);
	check_clean(e->host);
	check_clean(e->from);
	check_clean(e->job);
	check_clean(e->text);
	check_clean(e->version);
	check_clean(e->reason);
	for (i = 0; i < (size_t)e->argc; i++)
		check_clean(e->argv[i]);
	FUZZ_CHECK(e->ncpus >= 0 && e->ncpus <= EVENT_CPUS_MAX);
	FUZZ_CHECK(e->nprocs <= EVENT_PROCS_MAX);
	for (i = 0; i < e->nprocs; i++)
		check_clean(e->procs[i].cmd);
	source_feed(src, e);
	/* Read it all back, as the panes do. */
	for (c = -1; c < source_ncpus(src); c++) {
		(void)source_history_busy(src, c, 0);
		if (c >= 0) {
			FUZZ_CHECK(source_cpu(src, c) != NULL);
			FUZZ_CHECK(source_cpu_host(src, c) < source_nhosts(src));
			source_cpu_label(src, c, 4, label, sizeof label);
			FUZZ_CHECK(strlen(label) < sizeof label);
		}
	}
	for (c = 0; c < source_nhosts(src); c++)
		check_clean(source_host_name(src, c));
	for (i = 0; i < source_nprocs(src); i++)
		FUZZ_CHECK(source_proc(src, i) != NULL);
	for (i = 0; i < source_nthreads(src); i++)
		FUZZ_CHECK(source_thread(src, i) != NULL);
	source_segments(src, source_time(src) - 60, source_time(src),
	    on_segment, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct event_reader	*r, *whole;
	struct source		*src = source_stream();
	struct event		 e, w;
	const char		*line;
	char			*cause;
	size_t			 len;
	int			 fd, n, more = 1;

	if ((fd = memfd_create("fuzz-event", 0)) < 0)
		return 0;
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		source_free(src);
		return 0;
	}
	lseek(fd, 0, SEEK_SET);
	r = event_reader_new(fd);
	while (more) {
		n = event_reader_fill(r);
		FUZZ_CHECK(n >= 0);
		more = n > 0;
		while ((n = event_reader_next(r, &e, &cause)) != 0) {
			if (n < 0) {
				FUZZ_CHECK(cause != NULL &&
				    strncmp(cause, "line ", 5) == 0);
				check_clean(cause);
				free(cause);
				continue;
			}
			check_event(src, &e);
		}
	}
	/* Again from the start, skimming as a seek back does; as one line. */
	source_clear(src);
	FUZZ_CHECK(event_reader_seek(r, 0, 0) == 0);
	event_reader_skim(r, 1);
	whole = event_reader_new(-1);
	for (more = 1; more; ) {
		more = event_reader_fill(r) > 0;
		while ((n = event_reader_next(r, &e, &cause)) != 0) {
			if (n < 0) {
				free(cause);
				continue;
			}
			FUZZ_CHECK(!e.skimmed || e.nprocs == 0);
			check_event(src, &e);
			if (!e.skimmed)
				continue;
			line = event_reader_line(r, &len);
			if (event_reader_parse(whole, line, len, &w,
			    &cause) == 0) {
				FUZZ_CHECK(!w.skimmed);
				source_feed_procs(src, &w);
				check_event(src, &w);
			} else
				free(cause);
		}
	}
	event_reader_free(whole);
	event_reader_skim(r, 0);
	if (event_reader_parse(r, (const char *)data, size, &e, &cause) == 0)
		check_event(src, &e);
	else
		free(cause);
	event_reader_free(r);
	source_free(src);
	close(fd);
	return 0;
}
