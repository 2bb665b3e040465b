// SPDX-License-Identifier: GPL-2.0
/*
 * The cluster section of make bench, run on node1 of the three-node test
 * cluster (tools/vm/run --cluster 3): how soon a handle of node2's eth1,
 * open on node1, wakes from poll() with Failed after eth1 is set down on
 * node2, and, in the same repetitions, how soon corosync itself sees the
 * link to node2 on that knet link as down (its cfg status, polled every
 * millisecond: the anchor). Both from the moment the NIC goes down, on the
 * guest's one CLOCK_MONOTONIC.
 *
 *   cluster-bench NODE2-NETNS-PATH [REPS]
 *
 * node2's eth1 is set down from a child that entered node2's network
 * namespace, so no process start sits between the clock and the change.
 * Prints one table line per measure: median, p99 (the largest below 100
 * repetitions), min and max, in ms.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <corosync/cfg.h>
#include <linux/clusnet.h>

#define IFACE	"node2 - eth1"
#define NIC	"eth1"
#define PEER	2U	/* node2's corosync id */
#define LINK	1U	/* knet link 1: the eth1 network */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "cluster-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* In node2's namespace: set eth1 up or down; the time just before. */
static double nic_set(const char *netns, int up)
{
	int p[2], st;
	double t = 0;
	pid_t pid;

	if (pipe(p))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		struct ifreq ifr = { 0 };
		int ns = open(netns, O_RDONLY | O_CLOEXEC), s;

		if (ns < 0 || setns(ns, CLONE_NEWNET))
			_exit(2);
		s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", NIC);
		if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr))
			_exit(3);
		if (up)
			ifr.ifr_flags |= IFF_UP;
		else
			ifr.ifr_flags &= ~IFF_UP;
		t = now_ms();
		if (ioctl(s, SIOCSIFFLAGS, &ifr))
			_exit(4);
		if (write(p[1], &t, sizeof(t)) != sizeof(t))
			_exit(5);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &t, sizeof(t)) != sizeof(t))
		t = -1;
	close(p[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "cluster-bench: setting %s %s in %s failed\n",
			NIC, up ? "up" : "down", netns);
		exit(1);
	}
	return t;
}

static int state(int h)
{
	return ioctl(h, CLUSNET_HIOC_GET_STATE);
}

/* Wait (poll and read the handle's events) until the state is @want. */
static double wait_state(int h, int want, int timeout_ms)
{
	struct clusnet_event ev;
	double end = now_ms() + timeout_ms;
	struct pollfd p = { .fd = h, .events = POLLIN };

	while (state(h) != want) {
		if (now_ms() > end)
			return -1;
		if (poll(&p, 1, 100) > 0)
			while (read(h, &ev, sizeof(ev)) == sizeof(ev))
				;
	}
	return now_ms();
}

static int link_connected(corosync_cfg_handle_t cfg)
{
	struct corosync_cfg_node_status_v1 st;

	memset(&st, 0, sizeof(st));
	if (corosync_cfg_node_status_get(cfg, PEER, CFG_NODE_STATUS_V1,
					 &st) != CS_OK)
		return -1;
	return st.link_status[LINK].connected;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	printf("%-58s %4d %8.1f %8.1f %8.1f %8.1f\n", what, n, v[n / 2],
	       v[n < 100 ? n - 1 : (n * 99) / 100], v[0], v[n - 1]);
}

int main(int argc, char **argv)
{
	struct clusnet_open o = {
		.size = sizeof(o), .flags = O_CLOEXEC | O_NONBLOCK,
		.name = (__u64)(unsigned long)IFACE, .name_len = strlen(IFACE),
		.desired_access = CLUSNET_GENERIC_READ,
	};
	int reps = argc > 2 ? atoi(argv[2]) : 20, dev, h, i, n = 0;
	double *wake, *anchor, t0, t;
	corosync_cfg_handle_t cfg;

	if (argc < 2 || reps < 1) {
		fprintf(stderr, "usage: cluster-bench NODE2-NETNS [REPS]\n");
		return 2;
	}
	wake = calloc(reps, sizeof(*wake));
	anchor = calloc(reps, sizeof(*anchor));
	dev = open("/dev/" CLUSNET_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	if (!wake || !anchor || dev < 0)
		die("/dev/clusnet");
	h = ioctl(dev, CLUSNET_IOC_OPEN, &o);
	if (h < 0)
		die("open " IFACE);
	if (corosync_cfg_initialize(&cfg, NULL) != CS_OK) {
		fprintf(stderr, "cluster-bench: corosync cfg unavailable\n");
		return 1;
	}
	if (wait_state(h, CLUSNET_STATE_UP, 60000) < 0) {
		fprintf(stderr, "cluster-bench: " IFACE " is not Up\n");
		return 1;
	}

	for (i = 0; i < reps; i++) {
		t0 = nic_set(argv[1], 0);
		t = wait_state(h, CLUSNET_STATE_FAILED, 10000);
		if (t < 0 || t0 < 0) {
			fprintf(stderr, "cluster-bench: no Failed within 10 s\n");
			return 1;
		}
		wake[n] = t - t0;
		/* corosync's own view of the link, from the same moment */
		while (link_connected(cfg) == 1 && now_ms() - t0 < 10000)
			usleep(1000);
		anchor[n++] = now_ms() - t0;
		nic_set(argv[1], 1);
		/* back Up, links reconnected, before the next round */
		if (wait_state(h, CLUSNET_STATE_UP, 60000) < 0) {
			fprintf(stderr, "cluster-bench: not Up again\n");
			return 1;
		}
		while (link_connected(cfg) != 1 && now_ms() - t0 < 70000)
			usleep(10000);
		usleep(200000);
	}
	corosync_cfg_finalize(cfg);

	printf("== cluster (three nodes, one VM; ms from the NIC going down)\n");
	printf("%-58s %4s %8s %8s %8s %8s\n", "measure", "reps", "median",
	       "p99", "min", "max");
	report("node2 eth1 down -> poll() wakes on node1 with Failed", wake, n);
	report("node2 eth1 down -> corosync on node1 sees the link down", anchor,
	       n);
	printf("target: median <= 50 ms for the first; Windows' default "
	       "route-down time is 10 s (documented)\n");
	return 0;
}
