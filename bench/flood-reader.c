/*
 * flood-reader: the flood benchmark's peer for turbotop -b. The minimal
 * reader on the channel turbotop uses: a Unix stream socketpair as the
 * command's stdout, SO_PASSCRED on the reading end, recvmsg() with
 * SCM_CREDENTIALS, lines counted per writer pid. No sanitising, no storage,
 * no output: what turbotop does on top of this is its overhead.
 *
 *   flood-reader COMMAND [ARG]...    prints "lines N writers W"
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_WRITERS	1024

int
main(int argc, char **argv)
{
	static char	 buf[65536];
	union {
		struct cmsghdr	hdr;
		char		space[CMSG_SPACE(sizeof (struct ucred))];
	}		 cbuf;
	pid_t		 pids[MAX_WRITERS];
	unsigned long	 counts[MAX_WRITERS], total = 0;
	size_t		 nw = 0, i;
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*cmsg;
	struct ucred	 cred;
	ssize_t		 n;
	char		*p;
	int		 sv[2], on = 1, status;
	pid_t		 pid, child;

	if (argc < 2) {
		fprintf(stderr, "usage: flood-reader COMMAND [ARG]...\n");
		return 2;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 ||
	    setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0) {
		perror("socketpair");
		return 1;
	}
	if ((child = fork()) == 0) {
		dup2(sv[1], 1);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	close(sv[1]);
	for (;;) {
		iov.iov_base = buf;
		iov.iov_len = sizeof buf;
		memset(&msg, 0, sizeof msg);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf.space;
		msg.msg_controllen = sizeof cbuf.space;
		n = recvmsg(sv[0], &msg, 0);
		if (n <= 0)
			break;
		pid = 0;
		cmsg = CMSG_FIRSTHDR(&msg);
		if (cmsg != NULL && cmsg->cmsg_type == SCM_CREDENTIALS) {
			memcpy(&cred, CMSG_DATA(cmsg), sizeof cred);
			pid = cred.pid;
		}
		for (i = 0; i < nw && pids[i] != pid; i++)
			;
		if (i == nw && nw < MAX_WRITERS) {
			pids[nw] = pid;
			counts[nw++] = 0;
		}
		for (p = buf; (p = memchr(p, '\n', buf + n - p)) != NULL; p++) {
			total++;
			if (i < nw)
				counts[i]++;
		}
	}
	waitpid(child, &status, 0);
	printf("lines %lu writers %zu\n", total, nw);
	return 0;
}
