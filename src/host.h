/*
 * host.h: the hosts of cluster mode (issue 14) and how to reach them.
 *
 *   --hosts=h1[:SLOTS],h2,...   --hostfile=FILE (Open MPI's: "h1 slots=4")
 *   --rsh=CMD                   default "ssh -o BatchMode=yes"
 *
 * Everything here is validated before anything runs: a host name is a DNS
 * name or an IPv4 address ([A-Za-z0-9][A-Za-z0-9._-]*, at most 253 bytes),
 * so that no name can pass as an option to the rsh ("-oProxyCommand=...");
 * the rsh is split on blanks (no shell) and holds printable words only.
 */
#ifndef TURBOTOP_HOST_H
#define TURBOTOP_HOST_H

#include <stddef.h>

#define HOST_NAME_MAX_LEN	253
#define HOST_SLOTS_MAX		65536
#define HOSTS_MAX		1024
#define RSH_DEFAULT		"ssh -o BatchMode=yes"

struct host_spec {
	char	*name;
	int	 slots;		/* 0: not given (mpirun's default, 1) */
};

struct host_list {
	struct host_spec	*v;
	size_t			 n;
};

int	 host_name_valid(const char *);
int	 host_list_parse(struct host_list *, const char *, const char *,
	     char **);
void	 host_list_free(struct host_list *);

/* The rsh as argv (NULL-terminated, malloc'd words); -1 and *cause if bad. */
int	 host_rsh_split(const char *, char ***, char **);
void	 host_argv_free(char **);

#endif
