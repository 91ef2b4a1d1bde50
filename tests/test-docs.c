/*
 * test-docs.c: README and turbotop.1 cannot drift from the code: each key
 * of the bindings table (as the help screen lists it: its names, then its
 * help text) and each demo of the catalog (name, summary, and "Watch: "
 * with its watch text) must appear in both, compared with runs of white
 * space collapsed and, in the man page, roff requests and font escapes
 * taken out.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "ui-keys.h"

/* s with every run of white space made one space, in place. */
static char *
squeeze(char *s)
{
	char	*r = s, *w = s;
	int	 space = 0;

	for (; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n') {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* The file under the source tree, as text (roff taken out if man). */
static char *
slurp(const char *name, int man)
{
	const char	*dir = getenv("TESTS_SRCDIR");
	char		 path[4096], line[4096], *buf, *p, *r, *w;
	size_t		 len = 0, n;
	FILE		*f;

	ck_assert_msg(dir != NULL, "TESTS_SRCDIR is not set");
	snprintf(path, sizeof path, "%s/../%s", dir, name);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	buf = calloc(1, 1 << 20);
	ck_assert_ptr_nonnull(buf);
	while (fgets(line, sizeof line, f) != NULL) {
		p = line;
		if (man && *p == '.') {
			if (strncmp(p, ".B ", 3) != 0)
				continue;
			p += 3;
		}
		n = strlen(p);
		ck_assert_uint_lt(len + n, (1 << 20) - 1);
		memcpy(buf + len, p, n);
		len += n;
	}
	fclose(f);
	if (man) {
		/* \- is -, \e is \, font changes (\fB) go. */
		for (r = w = buf; *r != '\0';) {
			if (r[0] == '\\' && r[1] == '-') {
				*w++ = '-';
				r += 2;
			} else if (r[0] == '\\' && r[1] == 'e') {
				*w++ = '\\';
				r += 2;
			} else if (r[0] == '\\' && r[1] == 'f' && r[2] != '\0')
				r += 3;
			else
				*w++ = *r++;
		}
		*w = '\0';
	}
	return squeeze(buf);
}

static void
expect(const char *doc, const char *docname, const char *want)
{
	ck_assert_msg(strstr(doc, want) != NULL, "%s lacks \"%s\"", docname,
	    want);
}

static void
check_doc(const char *name, int man)
{
	const struct ui_binding	*b;
	const struct demo_info	*d;
	char			*doc = slurp(name, man), want[1024], *p;
	size_t			 n, i, j;
	int			 len;

	b = ui_keys_table(&n);
	for (i = 0; i < n; i++) {
		if (b[i].help == NULL)
			continue;
		len = snprintf(want, sizeof want, "%s", b[i].name);
		for (j = i + 1; j < n && b[j].help == NULL; j++)
			len += snprintf(want + len, sizeof want - len, " %s",
			    b[j].name);
		snprintf(want + len, sizeof want - len, " %s", b[i].help);
		expect(doc, name, squeeze(want));
	}
	for (i = 0; i < catalog_count(); i++) {
		d = catalog_get(i);
		snprintf(want, sizeof want, "%s %s", d->name, d->summary);
		expect(doc, name, squeeze(want));
		snprintf(want, sizeof want, "Watch: %s", d->watch);
		for (p = want; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		expect(doc, name, squeeze(want));
	}
	free(doc);
}

START_TEST(test_readme)
{
	check_doc("README", 0);
}
END_TEST

START_TEST(test_man)
{
	check_doc("turbotop.1", 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("docs");
	TCase	*tc = tcase_create("docs");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_readme);
	tcase_add_test(tc, test_man);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
