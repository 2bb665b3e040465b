// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench section "churn": quiet against a NIC being churned. */
#include "bench.h"

static volatile int churn_stop;
long churn_cycles;

static void *churn_main(void *v)
{
	struct nlbuf b = { 0 };
	int nl = nl_open(), err = 0;

	(void)v;
	pin(1);
	while (!__atomic_load_n(&churn_stop, __ATOMIC_RELAXED)) {
		nl_newlink(&b, "bchurn0", 0);
		if (nl_flush(nl, &b, &err))
			break;
		nl_setup(&b, "bchurn0", 1);
		nl_flush(nl, &b, &err);
		nl_dellink(&b, "bchurn0");
		if (nl_flush(nl, &b, &err))
			break;
		churn_cycles++;
	}
	if (err)
		fail("churn: %s", strerror(err));
	free(b.p);
	close(nl);
	return NULL;
}

static pthread_t churn_thread;
static double churn_time;

static void churn_start(void)
{
	churn_stop = 0;
	churn_time -= mono_s();
	if (pthread_create(&churn_thread, NULL, churn_main, NULL))
		die("pthread_create");
	usleep(50000);
}

static void churn_end(void)
{
	churn_stop = 1;
	pthread_join(churn_thread, NULL);
	churn_time += mono_s();
}

/*
 * Quiet and churn samples alternate in blocks, so that both see the same
 * host (the VM's vCPUs share the host with whatever else runs there).
 */
void run_churn(struct ctx *c, long n)
{
	static const struct {
		const char *name;
		op_fn fn, post;
	} ops[] = {
		{ "ioctl unknown cmd -> ENOTTY", op_enotty, NULL },
		{ "eventfd + close", op_eventfd_close, NULL },
		{ "lib state", op_lib_state, NULL },
		{ "lib open (close untimed)", op_lib_open, op_lib_close_tmp },
		{ "lib open + state + close", op_lib_open_state_close, NULL },
		{ "SIOCGIFFLAGS", op_siocgifflags, NULL },
		{ "RTM_GETLINK by name", op_rtnl_getlink, NULL },
		{ "sysfs operstate open+read+close", op_sysfs, NULL },
	};
	const int blocks = smoke ? 1 : 4;
	long nb = n / blocks;
	double *qs, *cs;
	unsigned int i;
	int k;

	/* The churned NIC has an object too: NIC events reach clusnet. */
	if (create_object(c->clusfd, "node1 - bchurn0", "bchurn0",
			  (uint32_t)-1, 0644) && errno != EEXIST)
		fail("creating node1 - bchurn0: %s", strerror(errno));
	pin(0);
	churn_cycles = 0;
	churn_time = 0;
	qs = malloc(sizeof(double) * nb * blocks);
	cs = malloc(sizeof(double) * nb * blocks);
	if (!qs || !cs)
		die("out of memory");
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		double qsum = 0, csum = 0;
		int bad = 0;

		for (k = 0; k < blocks && !bad; k++) {
			bad = sample("quiet", ops[i].name, ops[i].fn,
				     ops[i].post, c, nb, qs + k * nb, &qsum);
			churn_start();
			if (!bad)
				bad = sample("churn", ops[i].name, ops[i].fn,
					     ops[i].post, c, nb, cs + k * nb,
					     &csum);
			churn_end();
		}
		if (bad)
			continue;
		stats("quiet", ops[i].name, qs, nb * blocks, qsum);
		stats("churn", ops[i].name, cs, nb * blocks, csum);
	}
	free(qs);
	free(cs);
	fprintf(stderr, "clusnet-bench: churn: %ld add/up/del cycles in %.1f s\n",
		churn_cycles, churn_time);
	if (!churn_cycles)
		fail("churn: no cycle completed");
}
