// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet-bench: time clusnet's open and state paths against the floor
 * (an empty ioctl, creating any fd) and against the ways Linux answers
 * "is NIC X up" today (sysfs, rtnetlink, SIOCGIFFLAGS), in one process,
 * in one run. Runs as root in the test VM (bench/run boots it).
 *
 *   clusnet-bench [--smoke] [--iters N] [--max-objects N] [--max-dummies N]
 *                 [--only single|negative|threads|churn|linkpoll|scale|enum|memory]
 *
 * Every latency is per operation: each operation is timed on its own with
 * the TSC (the test VM's clocksource is hpet, so clock_gettime() would be a
 * system call), minus the timer's own cost; after a warm-up, many
 * repetitions give median, p99, p99.9 and max. Throughput (ops/s) is
 * 1e9 / mean. The table goes to stdout; the JSON and the plot data are
 * printed between marker lines that bench/run extracts.
 *
 * Exit status: 0 when every measured operation behaved as expected (its
 * result, not its speed), 1 otherwise. No timing is ever a failure.
 */
#include "bench.h"

int smoke;
static const char *only;	/* run just this section */
long iters = 20000;
long max_objects = 100000;
long max_dummies = -1;
char node[256];

int main(int argc, char **argv)
{
	struct ctx c;
	HCLUSTER hc;
	struct utsname u;
	double started, t0;
	long mem_count;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke")) {
			smoke = 1;
		} else if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
			iters = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--max-objects") && i + 1 < argc) {
			max_objects = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			only = argv[++i];
		} else if (!strcmp(argv[i], "--max-dummies") && i + 1 < argc) {
			max_dummies = atol(argv[++i]);
		} else {
			fprintf(stderr,
				"usage: clusnet-bench [--smoke] [--iters N] [--max-objects N] [--max-dummies N]\n"
				"       [--only single|negative|threads|churn|linkpoll|scale|enum|memory]\n");
			return 2;
		}
	}
	if (smoke) {
		iters = iters > 300 ? 300 : iters;
		if (max_objects > 100)
			max_objects = 100;
	}
	if (geteuid())
		die("run as root (in the test VM: bench/run)");
	setvbuf(stdout, NULL, _IOLBF, 0);
	uname(&u);
	snprintf(node, sizeof(node), "%s", u.nodename);
	started = read_uptime();
	t0 = mono_s();

	/* Dummies need no IPv6 state: less memory, faster creation. */
	{
		int fd = open("/proc/sys/net/ipv6/conf/default/disable_ipv6",
			      O_WRONLY);

		if (fd >= 0) {
			if (write(fd, "1\n", 2) != 2)
				fprintf(stderr, "clusnet-bench: cannot disable IPv6 on new devices\n");
			close(fd);
		}
	}

	pin(0);
	calibrate();
	timer_ns = 0;
	{
		struct result *r = measure("timer", "empty (timer overhead)",
					   op_empty, NULL, 20000);

		if (r)
			timer_ns = r->median;
		nresults = 0;
	}
	fprintf(stderr, "clusnet-bench: %s, %ld CPUs, %.3f ns/tick, timer %.0f ns, %ld iterations%s\n",
		u.release, sysconf(_SC_NPROCESSORS_ONLN), ns_per_tick, timer_ns,
		iters, smoke ? " (smoke)" : "");

	/* scale's objects, memory's, and the few of the other sections. */
	limits_raise(max_objects + (smoke ? 100 : 50000) + 1000);
	hc = OpenCluster(NULL);
	if (!hc)
		die("OpenCluster: error %u", GetLastError());
	ctx_init(&c, hc, clusnet_fd());
	ctx_target(&c, "node1 - eth0", "eth0");
	ctx_open(&c);
	if (create_object(c.clusfd, "bench - private", "eth0", 2000, 0600) &&
	    errno != EEXIST)
		die("creating bench - private: %s", strerror(errno));

#define SECTION(n) (!only || !strcmp(only, n))
	if (SECTION("single")) {
		fprintf(stderr, "clusnet-bench: one NIC\n");
		run_single(&c, "single", iters);
	}
	if (SECTION("negative")) {
		struct ctx priv = c;

		fprintf(stderr, "clusnet-bench: negative lookups, access\n");
		run_negative(&c, iters, smoke ? 3 : 20);
		priv.h = NULL;
		priv.hfd = -1;
		ctx_target(&priv, "bench - private", "eth0");
		measure("negative", "lib open+close, mode 0600 other owner (CAP_NET_ADMIN)",
			op_lib_open_close, &priv, iters);
		run_as_user(iters);
	}
	if (SECTION("threads")) {
		fprintf(stderr, "clusnet-bench: threads\n");
		thr_rounds = smoke ? 1 : 5;
		run_threads(&c, smoke ? 0.05 : 0.2);
		pin(0);
	}
	if (SECTION("churn")) {
		fprintf(stderr, "clusnet-bench: churn\n");
		run_churn(&c, smoke ? iters : iters * 2);
	}
	if (SECTION("linkpoll")) {
		fprintf(stderr, "clusnet-bench: link down -> poll wake-up\n");
		pin(0);
		/* Each carrier loss waits out linkwatch's second: fewer. */
		run_linkpoll(&c, smoke ? 5 : 100, smoke ? 3 : 20);
	}
	if (SECTION("scale") || SECTION("enum")) {
		fprintf(stderr, "clusnet-bench: scale%s\n",
			SECTION("enum") ? ", enumeration" : "");
		pin(0);
		run_scale(&c, smoke ? iters : iters / 2, SECTION("scale"),
			  SECTION("enum"));
	}
	if (SECTION("memory")) {
		fprintf(stderr, "clusnet-bench: memory\n");
		mem_count = smoke ? 100 : 10000;
		run_memory(&c, smoke ? 100 : 50000, mem_count);
	}

	eval_targets(have_objects);
	print_table();
	print_json(started, mono_s() - t0);
	ctx_fini(&c);
	CloseCluster(hc);
	limits_restore();
	fprintf(stderr, "clusnet-bench: %s after %.1f s\n",
		failed ? "FAILED" : "done", mono_s() - t0);
	return failed;
}
