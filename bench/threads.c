// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench section "threads": 1 against 2 threads. */
#include "bench.h"

struct thr {
	pthread_t t;
	int cpu;
	op_fn fn;
	struct ctx *c;
	long ops;
	int bad;
};

static volatile int thr_go, thr_stop;

static void *thr_main(void *v)
{
	struct thr *t = v;

	pin(t->cpu);
	while (!__atomic_load_n(&thr_go, __ATOMIC_ACQUIRE))
		;
	while (!__atomic_load_n(&thr_stop, __ATOMIC_RELAXED)) {
		if (t->fn(t->c)) {
			t->bad = 1;
			break;
		}
		t->ops++;
	}
	return NULL;
}

/* Aggregate throughput of nthr threads for dur seconds. */
static struct result *throughput(const char *name, op_fn fn, struct ctx **cs,
				 int nthr, double dur)
{
	struct thr t[2];
	struct timespec d = { (time_t)dur, (long)((dur - (time_t)dur) * 1e9) };
	double t0, t1;
	long total = 0;
	struct result *r;
	int i;

	thr_go = 0;
	thr_stop = 0;
	for (i = 0; i < nthr; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].cpu = i;
		t[i].fn = fn;
		t[i].c = cs[i];
		if (pthread_create(&t[i].t, NULL, thr_main, &t[i]))
			die("pthread_create");
	}
	usleep(20000);
	t0 = mono_s();
	__atomic_store_n(&thr_go, 1, __ATOMIC_RELEASE);
	nanosleep(&d, NULL);
	__atomic_store_n(&thr_stop, 1, __ATOMIC_RELAXED);
	t1 = mono_s();
	for (i = 0; i < nthr; i++) {
		pthread_join(t[i].t, NULL);
		if (t[i].bad)
			fail("%s: unexpected result in thread %d", name, i);
		total += t[i].ops;
	}
	r = add_result("threads", name);
	r->threads = nthr;
	r->n = total;
	r->ops_s = total / (t1 - t0);
	r->mean = r->median = nthr * 1e9 / r->ops_s;
	r->p99 = r->p999 = r->max = 0;
	return r;
}

int thr_rounds = 3;

/*
 * 1 and 2 threads, alternating, thr_rounds times: the host's load changes
 * from second to second and only ever slows a round down, so each kind
 * keeps its best round.
 */
static void pair(const char *name, op_fn fn, struct ctx **cs, double dur)
{
	double v[2][9];
	struct result *r;
	int k, nthr, rounds = thr_rounds > 9 ? 9 : thr_rounds;
	long n[2] = { 0, 0 };

	for (k = 0; k < rounds; k++) {
		for (nthr = 1; nthr <= 2; nthr++) {
			r = throughput(name, fn, cs, nthr, dur);
			v[nthr - 1][k] = r->ops_s;
			n[nthr - 1] += r->n;
			nresults--;
		}
	}
	for (nthr = 1; nthr <= 2; nthr++) {
		qsort(v[nthr - 1], rounds, sizeof(double), cmp_double);
		r = add_result("threads", name);
		r->threads = nthr;
		r->n = n[nthr - 1];
		r->ops_s = v[nthr - 1][rounds - 1];
		r->mean = r->median = nthr * 1e9 / r->ops_s;
	}
}

void run_threads(struct ctx *c, double dur)
{
	struct ctx a = *c, b = *c, *cs[2];

	/* a: eth0's object; b: eth1's; both threads have handles of their own. */
	a.h = b.h = NULL;
	a.hfd = b.hfd = -1;
	ctx_target(&a, "node1 - eth0", "eth0");
	ctx_target(&b, "node1 - eth1", "eth1");
	ctx_open(&a);
	ctx_open(&b);
	cs[0] = &a;
	cs[1] = &b;
	pair("user-space loop (no syscall)", op_spin, cs, dur);
	pair("getppid (syscall floor)", op_getppid, cs, dur);
	pair("ioctl ENOTTY, one shared /dev/clusnet fd", op_enotty, cs, dur);
	pair("lib state, distinct objects", op_lib_state, cs, dur);
	pair("lib open + close, distinct objects", op_lib_open_close, cs, dur);
	pair("eventfd + close", op_eventfd_close, cs, dur);
	/* Same object: b now targets eth0 too, with a handle of its own. */
	ctx_target(&b, "node1 - eth0", "eth0");
	ctx_open(&b);
	pair("lib state, same object, own handles", op_lib_state, cs, dur);
	pair("lib open + close, same object", op_lib_open_close, cs, dur);
	/* Same object, one shared handle (as HNETINTERFACE may be shared). */
	cs[1] = &a;
	pair("lib state, same object, shared handle", op_lib_state, cs, dur);
	CloseClusterNetInterface(a.h);
	close(a.hfd);
	CloseClusterNetInterface(b.h);
	close(b.hfd);
}
