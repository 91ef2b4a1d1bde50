/*
 * host.c: parse and validate the hosts of cluster mode and the rsh (see
 * host.h). Nothing here runs anything: errors come back in *cause, and
 * turbotop exits 2 before a single host is contacted.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "options.h"
#include "util.h"

/* A DNS name or IPv4 address; never an option, never a shell word. */
int
host_name_valid(const char *s)
{
	size_t	i, len = strlen(s);

	if (len == 0 || len > HOST_NAME_MAX_LEN || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' &&
		    s[i] != '-' && s[i] != '_')
			return 0;
	}
	return 1;
}

static int
host_add(struct host_list *l, const char *name, size_t len, int slots,
    char **cause)
{
	char	*n = xstrndup(name, len);
	char	*safe;
	size_t	 i;

	if (!host_name_valid(n)) {
		safe = xstrdup(n);
		for (i = 0; safe[i] != '\0'; i++) {
			if (!isprint((unsigned char)safe[i]))
				safe[i] = '?';
		}
		xasprintf(cause, "invalid host name '%s': give a host name or "
		    "address (letters, digits, '.', '-', '_'; not starting "
		    "with '-')", safe);
		free(safe);
		free(n);
		return -1;
	}
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].name, n) == 0) {	/* again: add slots */
			l->v[i].slots += slots > 0 ? slots : 1;
			free(n);
			return 0;
		}
	}
	if (l->n == HOSTS_MAX) {
		xasprintf(cause, "more than %d hosts", HOSTS_MAX);
		free(n);
		return -1;
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].name = n;
	l->v[l->n].slots = slots;
	l->n++;
	return 0;
}

/* "h1[:SLOTS],h2,...": the --hosts list (mpirun --host's syntax). */
static int
parse_hosts(struct host_list *l, const char *s, char **cause)
{
	const char	*p = s, *end, *colon;
	long		 slots;
	char		*num;

	if (*s == '\0') {
		xasprintf(cause, "--hosts: give at least one host");
		return -1;
	}
	while (*p != '\0') {
		end = p + strcspn(p, ",");
		colon = memchr(p, ':', (size_t)(end - p));
		slots = 0;
		if (colon != NULL) {
			num = xstrndup(colon + 1, (size_t)(end - colon - 1));
			if (options_parse_long(num, 1, HOST_SLOTS_MAX,
			    &slots) != 0) {
				xasprintf(cause, "invalid slot count '%s' in "
				    "--hosts: give an integer from 1 to %d",
				    num, HOST_SLOTS_MAX);
				free(num);
				return -1;
			}
			free(num);
		}
		if (host_add(l, p, (size_t)((colon != NULL ? colon : end) - p),
		    (int)slots, cause) != 0)
			return -1;
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

/* Open MPI's hostfile: "NAME [slots=N] [max_slots=N]", '#' comments. */
static int
parse_hostfile(struct host_list *l, const char *path, char **cause)
{
	FILE	*f;
	char	*line = NULL, *p, *word, *save, *name;
	size_t	 size = 0;
	long	 slots, lineno = 0;
	int	 rc = 0;

	if ((f = fopen(path, "re")) == NULL) {
		xasprintf(cause, "cannot open hostfile %s: %s", path,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && getline(&line, &size, f) != -1) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		if ((name = strtok_r(line, " \t\r\n", &save)) == NULL)
			continue;
		slots = 0;
		while (rc == 0 && (word = strtok_r(NULL, " \t\r\n", &save)) !=
		    NULL) {
			if (strncmp(word, "slots=", 6) == 0 &&
			    options_parse_long(word + 6, 1, HOST_SLOTS_MAX,
			    &slots) == 0)
				continue;
			if (strncmp(word, "max_slots=", 10) == 0 ||
			    strncmp(word, "max-slots=", 10) == 0)
				continue;	/* mpirun's business */
			xasprintf(cause, "%s:%ld: cannot read '%.64s' (give "
			    "NAME [slots=N])", path, lineno, word);
			rc = -1;
		}
		if (rc == 0 && host_add(l, name, strlen(name), (int)slots,
		    cause) != 0)
			rc = -1;
	}
	free(line);
	fclose(f);
	if (rc == 0 && l->n == 0) {
		xasprintf(cause, "hostfile %s lists no host", path);
		rc = -1;
	}
	return rc;
}

/* The hosts of --hosts and --hostfile together; 0, or -1 and *cause. */
int
host_list_parse(struct host_list *l, const char *hosts, const char *hostfile,
    char **cause)
{
	memset(l, 0, sizeof *l);
	*cause = NULL;
	if (hosts != NULL && parse_hosts(l, hosts, cause) != 0)
		goto fail;
	if (hostfile != NULL && parse_hostfile(l, hostfile, cause) != 0)
		goto fail;
	return 0;

fail:
	host_list_free(l);
	return -1;
}

void
host_list_free(struct host_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int
host_rsh_split(const char *rsh, char ***out, char **cause)
{
	char	**argv = NULL, *copy, *word, *save;
	size_t	  n = 0;
	const char *p;

	*out = NULL;
	for (p = rsh; *p != '\0'; p++) {
		if (!isprint((unsigned char)*p) && *p != '\t') {
			xasprintf(cause, "--rsh: the command holds a control "
			    "character");
			return -1;
		}
	}
	copy = xstrdup(rsh);
	for (word = strtok_r(copy, " \t", &save); word != NULL;
	    word = strtok_r(NULL, " \t", &save)) {
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n++] = xstrdup(word);
		argv[n] = NULL;
	}
	free(copy);
	if (n == 0) {
		xasprintf(cause, "--rsh: give a command, e.g. --rsh='%s'",
		    RSH_DEFAULT);
		return -1;
	}
	*out = argv;
	return 0;
}

void
host_argv_free(char **argv)
{
	size_t	i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}
