/*
 * test-catalog-watch.c: the catalog (src/catalog.c) is each demo's own, read
 * from its --describe: for every demo, $DEMOS/<demo> --help ends with "In
 * turbotop: " and exactly the catalog's watch text, and every option its
 * usage line names ([--name ...], [-w N], [-t SECS]) is one of the catalog's
 * options for it, which the menu offers.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"

#define MARK	"\nIn turbotop: "

/* The output of "dir/name --help", or NULL. */
static char *
demo_help(const char *dir, const char *name)
{
	char	 cmd[4096], *buf;
	size_t	 len = 0, n;
	FILE	*f;

	snprintf(cmd, sizeof cmd, "'%s/%s' --help", dir, name);
	if ((f = popen(cmd, "r")) == NULL)
		return NULL;
	buf = calloc(1, 65536);
	ck_assert_ptr_nonnull(buf);
	while (len < 65535 && (n = fread(buf + len, 1, 65535 - len, f)) > 0)
		len += n;
	ck_assert_int_eq(pclose(f), 0);
	return buf;
}

/* Each option of HELP's usage line is among the catalog's options of D. */
static void
check_options(const struct demo_info *d, char *help)
{
	char	*usage = strstr(help, "Usage: "), *end, *p, name[64];
	size_t	 i, n, seen = 0;

	ck_assert_msg(usage != NULL, "%s --help has no usage line", d->name);
	end = strchr(usage, '\n');
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	for (p = usage; (p = strchr(p, '[')) != NULL; p++) {
		if (strncmp(p, "[-h]", 4) == 0)
			continue;
		if (strncmp(p, "[-w ", 4) == 0)
			snprintf(name, sizeof name, "workers");
		else if (strncmp(p, "[-t ", 4) == 0)
			snprintf(name, sizeof name, "duration");
		else if (strncmp(p, "[--", 3) == 0) {
			n = strcspn(p + 3, " ]");
			snprintf(name, sizeof name, "%.*s", (int)n, p + 3);
		} else
			continue;
		for (i = 0; i < d->nopts; i++) {
			if (strcmp(d->opts[i].name, name) == 0)
				break;
		}
		ck_assert_msg(i < d->nopts, "%s: option %s is not in the catalog",
		    d->name, name);
		seen++;
	}
	ck_assert_uint_eq(seen, d->nopts);
	*end = '\n';
}

START_TEST(test_watch_agrees)
{
	const struct demo_info	*d;
	const char		*dir = getenv("DEMOS");
	char			*help, *w;
	size_t			 i, len;

	ck_assert_msg(dir != NULL, "DEMOS is not set");
	ck_assert_int_gt(catalog_count(), 0);
	for (i = 0; i < catalog_count(); i++) {
		d = catalog_get(i);
		ck_assert_msg(d->watch != NULL && *d->watch != '\0',
		    "%s has no watch text", d->name);
		help = demo_help(dir, d->name);
		ck_assert_msg(help != NULL, "%s --help did not run", d->name);
		w = strstr(help, MARK);
		ck_assert_msg(w != NULL, "%s --help has no \"In turbotop:\"",
		    d->name);
		w += strlen(MARK);
		len = strlen(w);
		while (len > 0 && w[len - 1] == '\n')
			w[--len] = '\0';
		ck_assert_msg(strcmp(w, d->watch) == 0, "%s: the catalog says "
		    "\"%s\", the demo \"%s\"", d->name, d->watch, w);
		check_options(d, help);
		free(help);
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("catalog-watch");
	TCase	*tc = tcase_create("watch");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_watch_agrees);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
