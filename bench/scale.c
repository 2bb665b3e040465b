// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench section "scale": 1 to 100,000 objects bound to dummy NICs. */
#include "bench.h"

long have_objects, have_dummies;

static void grow(int clusfd, int nl, long objects, long dummies)
{
	struct nlbuf b = { 0 };
	char name[300], ifname[IFNAMSIZ];
	double t0 = read_uptime();
	long i, nd = have_dummies;
	int err = 0;

	for (i = have_dummies; i < dummies; i++) {
		snprintf(ifname, sizeof(ifname), "bd%ld", i);
		nl_newlink(&b, ifname, 0);
		if (b.msgs == 256 || i + 1 == dummies) {
			if (nl_flush(nl, &b, &err))
				die("creating dummies up to %s: %s", ifname,
				    strerror(err));
			nd = i + 1;
			if (dummies - have_dummies >= 20000 && nd % 20000 == 0)
				fprintf(stderr, "clusnet-bench: %ld dummies (%.0f s)\n",
					nd, read_uptime() - t0);
		}
	}
	free(b.p);
	have_dummies = dummies;
	for (i = have_objects; i < objects; i++) {
		obj_name(name, sizeof(name), i);
		snprintf(ifname, sizeof(ifname), "bd%ld", i);
		if (create_object(clusfd, name, ifname, (uint32_t)-1, 0644) < 0)
			die("creating object %s: %s", name, strerror(errno));
	}
	fprintf(stderr, "clusnet-bench: %ld objects, %ld dummies (+%.1f s)\n",
		objects, dummies, read_uptime() - t0);
	have_objects = objects;
	cur_objects = objects;
	cur_dummies = dummies;
}

/* The operations' latency at N objects, D of them bound to dummies. */
static void scale_step(struct ctx *c, long n, long N, long D)
{
	char name[300], ifname[32];
	struct ctx s = *c;
	struct ctx neg;
	long t;

	t = (D ? D : N) / 2;
	obj_name(name, sizeof(name), t);
	snprintf(ifname, sizeof(ifname), "bd%ld", t);
	s.h = NULL;
	s.hfd = -1;
	ctx_target(&s, name, ifname);
	ctx_open(&s);
	measure("scale", "ioctl unknown cmd -> ENOTTY", op_enotty, &s, n);
	measure("scale", "eventfd + close", op_eventfd_close, &s, n);
	measure("scale", "lib open + close", op_lib_open_close, &s, n);
	measure2("scale", "lib open (close untimed)", op_lib_open,
		 op_lib_close_tmp, &s, n);
	measure("scale", "lib state", op_lib_state, &s, n);
	measure("scale", "lib open + state + close",
		op_lib_open_state_close, &s, n);
	neg = s;
	ctx_target(&neg, "node1 - nosuchnic", "nosuch0");
	neg.expect_error = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
	measure("scale", "lib open, no such name", op_lib_open_neg,
		&neg, n);
	if (D) {
		measure("scale", "SIOCGIFFLAGS", op_siocgifflags, &s, n);
		measure("scale", "RTM_GETLINK by name", op_rtnl_getlink,
			&s, n);
		measure("scale", "sysfs operstate open+read+close",
			op_sysfs, &s, n);
	}
	CloseClusterNetInterface(s.h);
	close(s.hfd);
}

void run_scale(struct ctx *c, long n, int latency, int enumerate)
{
	static const long steps[] = { 1, 100, 10000, 100000 };
	unsigned int k;

	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		long N = steps[k], D;

		if (N > max_objects)
			break;
		D = max_dummies >= 0 && max_dummies < N ? max_dummies : N;
		grow(c->clusfd, c->nl, N, D);
		if (latency)
			scale_step(c, n, N, D);
		if (enumerate)
			run_enum_step(c, N, D);
	}
}
