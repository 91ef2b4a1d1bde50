/*
 * test-catalog-watch.c: the demo menu's "Watch for" text (src/catalog.c)
 * is each demo's own: for every demo in the catalog, $DEMOS/<demo> --help
 * ends with "In turbotop: " and exactly the catalog's watch text. A demo
 * whose text changes without the catalog fails here.
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
