/*
 * flood-writer: the flood benchmark's demo. W worker processes each print L
 * short lines ("<worker> <n>"), line-buffered like the demos and like Python
 * with PYTHONUNBUFFERED: one write(2) per line, the worst case for a reader.
 *
 *   flood-writer [-w WORKERS] [-n LINES-PER-WORKER]
 */
#include "config.h"

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long	workers = 4, lines = 500000, w, i;
	int	c, status, rc = 0;

	while ((c = getopt(argc, argv, "w:n:")) != -1) {
		switch (c) {
		case 'w':
			workers = strtol(optarg, NULL, 10);
			break;
		case 'n':
			lines = strtol(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: flood-writer [-w WORKERS] [-n LINES]\n");
			return 2;
		}
	}
	if (workers < 1 || workers > 1024 || lines < 0) {
		fprintf(stderr, "flood-writer: bad -w or -n\n");
		return 2;
	}
	fflush(stdout);
	for (w = 0; w < workers; w++) {
		switch (fork()) {
		case -1:
			perror("fork");
			return 1;
		case 0:
			setvbuf(stdout, NULL, _IOLBF, 0);
			for (i = 0; i < lines; i++)
				printf("%ld %ld\n", w, i);
			return ferror(stdout) ? 1 : 0;
		}
	}
	while (wait(&status) > 0) {
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = 1;
	}
	return rc;
}
