/*
 * test-sample.c: unit tests of the sampler's pure parts: the interval
 * arithmetic (sample-tics.c: counters going back, a core vanishing, empty
 * intervals), occupancy credits, the history rings and the JSON writer.
 * No kernel figures here: test-sample-truth.c checks those.
 */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "sample-int.h"

static struct cpu_tics
mk(unsigned long long user, unsigned long long system,
    unsigned long long idle, unsigned long long iowait)
{
	struct cpu_tics	 t;

	memset(&t, 0, sizeof t);
	t.user = user;
	t.system = system;
	t.idle = idle;
	t.iowait = iowait;
	return t;
}

static double
sum(const struct cpu_sample *c)
{
	return c->user + c->nice + c->system + c->idle + c->iowait + c->irq +
	    c->softirq + c->steal;
}

START_TEST(test_delta_plain)
{
	struct cpu_tics		 a, b;
	struct cpu_sample	 c;

	a = mk(100, 50, 1000, 10);
	b = mk(130, 60, 1050, 20);	/* +30 +10 +50 +10 = 100 */
	b.nice = 0;
	b.steal = a.steal = 0;
	memset(&c, 0, sizeof c);
	c.id = 3;
	c.online = 1;
	ck_assert_int_eq(tics_cpu_delta(&a, &b, &c), TICS_OK);
	ck_assert_int_eq(c.id, 3);
	ck_assert_double_eq_tol(c.user, 30, 1e-9);
	ck_assert_double_eq_tol(c.system, 10, 1e-9);
	ck_assert_double_eq_tol(c.idle, 50, 1e-9);
	ck_assert_double_eq_tol(c.iowait, 10, 1e-9);
	ck_assert_double_eq_tol(c.busy, 40, 1e-9);
	ck_assert_double_eq_tol(sum(&c), 100, 1e-9);
}
END_TEST

START_TEST(test_delta_all_fields)
{
	struct cpu_tics		 a, b;
	struct cpu_sample	 c;

	memset(&a, 0, sizeof a);
	b.user = 1; b.nice = 2; b.system = 3; b.idle = 4; b.iowait = 5;
	b.irq = 6; b.softirq = 7; b.steal = 12;	/* 40 in all */
	memset(&c, 0, sizeof c);
	ck_assert_int_eq(tics_cpu_delta(&a, &b, &c), TICS_OK);
	ck_assert_double_eq_tol(c.nice, 5, 1e-9);
	ck_assert_double_eq_tol(c.irq, 15, 1e-9);
	ck_assert_double_eq_tol(c.softirq, 17.5, 1e-9);
	ck_assert_double_eq_tol(c.steal, 30, 1e-9);
	ck_assert_double_eq_tol(c.busy, 100 - 10 - 12.5, 1e-9);
	ck_assert_double_eq_tol(sum(&c), 100, 1e-9);
}
END_TEST

/* iowait going back a little (NO_HZ kernels do it): clamped, still ~100. */
START_TEST(test_delta_one_counter_back)
{
	struct cpu_tics		 a = mk(100, 100, 1000, 50), b = mk(150, 100,
				     1050, 45);
	struct cpu_sample	 c;

	memset(&c, 0, sizeof c);
	ck_assert_int_eq(tics_cpu_delta(&a, &b, &c), TICS_OK);
	ck_assert_double_eq_tol(c.user, 50, 1e-9);
	ck_assert_double_eq_tol(c.idle, 50, 1e-9);
	ck_assert_double_eq_tol(c.iowait, 0, 1e-9);
	ck_assert(c.busy >= 0 && c.busy <= 100);
	ck_assert_double_eq_tol(sum(&c), 100, 1e-9);
}
END_TEST

/* Counters reset as a whole: no figures from garbage, a new baseline. */
START_TEST(test_delta_reset)
{
	struct cpu_tics		 a = mk(100000, 5000, 900000, 10), b = mk(5, 1,
				     40, 0);
	struct cpu_sample	 c;

	memset(&c, 0, sizeof c);
	c.user = 42;
	c.online = 1;
	ck_assert_int_eq(tics_cpu_delta(&a, &b, &c), TICS_RESET);
	ck_assert_double_eq(c.user, 0);
	ck_assert_double_eq(c.busy, 0);
	ck_assert_double_eq(sum(&c), 0);
	ck_assert_int_eq(c.online, 1);
}
END_TEST

START_TEST(test_delta_empty)
{
	struct cpu_tics		 a = mk(7, 8, 9, 1);
	struct cpu_sample	 c;

	memset(&c, 0, sizeof c);
	c.idle = 50;
	ck_assert_int_eq(tics_cpu_delta(&a, &a, &c), TICS_EMPTY);
	ck_assert_double_eq(sum(&c), 0);
	ck_assert_double_eq(c.busy, 0);
	ck_assert(!isnan(c.busy));
}
END_TEST

static struct cpu_line
line(int id, struct cpu_tics t)
{
	struct cpu_line	 l;

	l.id = id;
	l.t = t;
	return l;
}

/* A core goes away, comes back with other counters, and works again. */
START_TEST(test_cpus_hotplug)
{
	struct cpu_tics		 base[3];
	int			 have[3] = { 0, 0, 0 };
	struct cpu_sample	 cpus[3];
	struct cpu_line		 l[3];

	memset(cpus, 0, sizeof cpus);
	l[0] = line(0, mk(0, 0, 100, 0));
	l[1] = line(1, mk(0, 0, 100, 0));
	l[2] = line(2, mk(0, 0, 100, 0));
	tics_cpus_update(base, have, cpus, 3, l, 3);
	ck_assert_int_eq(cpus[1].online, 1);
	ck_assert_double_eq(cpus[1].busy, 0);	/* baseline only */

	l[0] = line(0, mk(50, 0, 150, 0));
	l[1] = line(1, mk(100, 0, 100, 0));
	l[2] = line(2, mk(0, 0, 200, 0));
	tics_cpus_update(base, have, cpus, 3, l, 3);
	ck_assert_double_eq_tol(cpus[0].busy, 50, 1e-9);
	ck_assert_double_eq_tol(cpus[1].busy, 100, 1e-9);
	ck_assert_double_eq_tol(cpus[2].busy, 0, 1e-9);
	ck_assert_double_eq_tol(cpus[2].idle, 100, 1e-9);

	/* cpu 1 disappears: offline, zeros, no stale figures. */
	l[0] = line(0, mk(60, 0, 240, 0));
	l[1] = line(2, mk(100, 0, 200, 0));
	tics_cpus_update(base, have, cpus, 3, l, 2);
	ck_assert_int_eq(cpus[1].online, 0);
	ck_assert_int_eq(cpus[1].id, 1);
	ck_assert_double_eq(sum(&cpus[1]), 0);
	ck_assert_int_eq(have[1], 0);
	ck_assert_double_eq_tol(cpus[0].busy, 10, 1e-9);
	ck_assert_double_eq_tol(cpus[2].busy, 100, 1e-9);

	/* It comes back with smaller counters: zeros while re-baselining. */
	l[0] = line(0, mk(60, 0, 340, 0));
	l[1] = line(1, mk(1, 0, 3, 0));
	l[2] = line(2, mk(100, 0, 300, 0));
	tics_cpus_update(base, have, cpus, 3, l, 3);
	ck_assert_int_eq(cpus[1].online, 1);
	ck_assert_double_eq(sum(&cpus[1]), 0);

	l[1] = line(1, mk(26, 0, 78, 0));
	tics_cpus_update(base, have, cpus, 3, l, 3);
	ck_assert_double_eq_tol(cpus[1].busy, 25, 1e-9);
	ck_assert_double_eq_tol(sum(&cpus[1]), 100, 1e-9);
	/* cpu 0 did not move at all: empty, and its baseline is kept. */
	ck_assert_double_eq(sum(&cpus[0]), 0);
	l[0] = line(0, mk(160, 0, 340, 0));
	tics_cpus_update(base, have, cpus, 3, l, 3);
	ck_assert_double_eq_tol(cpus[0].busy, 100, 1e-9);

	/* Garbage ids (out of range, negative) are ignored. */
	l[0] = line(7, mk(1, 1, 1, 1));
	l[1] = line(-3, mk(1, 1, 1, 1));
	tics_cpus_update(base, have, cpus, 3, l, 2);
	ck_assert_int_eq(cpus[0].online + cpus[1].online + cpus[2].online, 0);
}
END_TEST

START_TEST(test_proc_cpu)
{
	ck_assert_double_eq_tol(tics_proc_cpu(100, 150, 100, 1.0), 50, 1e-9);
	ck_assert_double_eq_tol(tics_proc_cpu(0, 20, 100, 0.1), 200, 1e-9);
	ck_assert_double_eq(tics_proc_cpu(150, 100, 100, 1.0), 0);	/* reused pid */
	ck_assert_double_eq(tics_proc_cpu(100, 150, 100, 0), 0);	/* empty */
	ck_assert_double_eq(tics_proc_cpu(100, 150, 0, 1.0), 0);
}
END_TEST

START_TEST(test_occupancy)
{
	struct occ_core		 oc;
	unsigned long long	 t;
	int			 i;

	memset(&oc, 0, sizeof oc);
	ck_assert_int_eq(tics_occ_best(&oc, &t), 0);
	ck_assert_int_eq(t, 0);
	tics_occ_add(&oc, 10, 3);
	tics_occ_add(&oc, 11, 2);
	tics_occ_add(&oc, 11, 2);
	tics_occ_add(&oc, 12, 0);	/* no tics: no credit */
	tics_occ_add(&oc, 0, 9);	/* no pid */
	ck_assert_int_eq(tics_occ_best(&oc, &t), 11);
	ck_assert_int_eq(t, 4);
	/* Fill every slot with small users; a big newcomer still gets in. */
	for (i = 0; i < OCC_SLOTS * 2; i++)
		tics_occ_add(&oc, 100 + i, 1);
	tics_occ_add(&oc, 500, 50);
	ck_assert_int_eq(tics_occ_best(&oc, &t), 500);
	ck_assert_int_eq(t, 50);
}
END_TEST

START_TEST(test_history_ring)
{
	struct history		*h = history_new(2);
	struct cpu_sample	 total, cpus[3];
	pid_t			 occ[3] = { 0, 0, 0 };
	float			 share[3] = { 0, 0, 0 };
	size_t			 i;

	memset(&total, 0, sizeof total);
	memset(cpus, 0, sizeof cpus);
	ck_assert_int_eq(history_count(h), 0);
	ck_assert_ptr_null(history_at(h, 0, 0));
	for (i = 0; i < HISTORY_DEPTH + 10; i++) {
		cpus[0].busy = (double)(i % 100);
		total.busy = 1;
		occ[1] = (pid_t)i;
		share[1] = 50;
		history_push(h, (double)i, &total, cpus, 2, occ, share);
	}
	ck_assert_int_eq(history_count(h), HISTORY_DEPTH);
	ck_assert_double_eq(history_at_time(h, 0), HISTORY_DEPTH + 9);
	ck_assert_double_eq(history_at_time(h, HISTORY_DEPTH - 1), 10);
	ck_assert_double_eq(history_at_time(h, HISTORY_DEPTH), 0);
	ck_assert_double_eq_tol(history_at(h, 0, 0)->busy,
	    (HISTORY_DEPTH + 9) % 100, 1e-6);
	ck_assert_int_eq(history_at(h, 1, 3)->occupant, HISTORY_DEPTH + 6);
	ck_assert_double_eq_tol(history_at(h, -1, 5)->busy, 1, 1e-6);
	ck_assert_ptr_null(history_at(h, 2, 0));
	ck_assert_ptr_null(history_at(h, -2, 0));

	/* A third cpu appears: it has an empty past, the others keep theirs. */
	cpus[2].busy = 77;
	history_push(h, 1e6, &total, cpus, 3, occ, share);
	ck_assert_double_eq_tol(history_at(h, 2, 0)->busy, 77, 1e-6);
	ck_assert_double_eq(history_at(h, 2, 1)->busy, 0);
	ck_assert_int_eq(history_at(h, 1, 4)->occupant, HISTORY_DEPTH + 6);
	history_free(h);
}
END_TEST

static const char *
json_of(struct json *j)
{
	return json_text(j, NULL);
}

START_TEST(test_json_escape)
{
	struct json	*j = json_new();
	char		 all[40];
	int		 i;

	for (i = 1; i < 32; i++)
		all[i - 1] = (char)i;
	all[31] = '"';
	all[32] = '\\';
	all[33] = 0x7f;
	all[34] = '\0';
	json_string(j, all);
	ck_assert_str_eq(json_of(j),
	    "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
	    "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014"
	    "\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
	    "\\u001e\\u001f\\\"\\\\\\u007f\"");
	json_reset(j);

	/* Valid UTF-8 passes; invalid bytes, overlongs and surrogates do not. */
	json_string(j, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	ck_assert_str_eq(json_of(j), "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	json_reset(j);
	json_string(j, "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe2\x82");
	ck_assert_str_eq(json_of(j), "\"a\\ufffdb\\ufffd\\ufffdc\\ufffd\\ufffd"
	    "\\ufffdd\\ufffd\\ufffd\"");
	json_reset(j);
	json_stringn(j, "x\0y", 3);
	ck_assert_str_eq(json_of(j), "\"x\\u0000y\"");
	json_free(j);
}
END_TEST

START_TEST(test_json_structure)
{
	struct json	*j = json_new();
	FILE		*f;
	char		*buf = NULL;
	size_t		 len = 0;

	json_object_begin(j);
	json_key(j, "t");
	json_double(j, 1.23456, 3);
	json_key(j, "a");
	json_array_begin(j);
	json_int(j, -5);
	json_double(j, NAN, 1);
	json_double(j, -0.0, 1);
	json_bool(j, 1);
	json_string(j, NULL);
	json_object_begin(j);
	json_object_end(j);
	json_array_begin(j);
	json_array_end(j);
	json_array_end(j);
	json_key(j, "k\"");
	json_string(j, "");
	json_object_end(j);
	ck_assert_str_eq(json_of(j),
	    "{\"t\":1.235,\"a\":[-5,null,0.0,true,null,{},[]],\"k\\\"\":\"\"}");

	f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(json_line(j, f), 0);
	json_int(j, 7);		/* a new record after json_line */
	ck_assert_int_eq(json_line(j, f), 0);
	fclose(f);
	ck_assert_str_eq(buf, "{\"t\":1.235,\"a\":[-5,null,0.0,true,null,{},[]],"
	    "\"k\\\"\":\"\"}\n7\n");
	free(buf);
	json_free(j);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sample");
	TCase	*tc = tcase_create("arithmetic");
	TCase	*tj = tcase_create("json");
	SRunner	*sr;
	int	 failed;

	tcase_set_timeout(tc, 60);	/* ASan, a busy machine */
	tcase_add_test(tc, test_delta_plain);
	tcase_add_test(tc, test_delta_all_fields);
	tcase_add_test(tc, test_delta_one_counter_back);
	tcase_add_test(tc, test_delta_reset);
	tcase_add_test(tc, test_delta_empty);
	tcase_add_test(tc, test_cpus_hotplug);
	tcase_add_test(tc, test_proc_cpu);
	tcase_add_test(tc, test_occupancy);
	tcase_add_test(tc, test_history_ring);
	tcase_set_timeout(tj, 60);	/* ASan, a busy machine */
	tcase_add_test(tj, test_json_escape);
	tcase_add_test(tj, test_json_structure);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tj);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
