// SPDX-License-Identifier: GPL-2.0
/*
 * NIC admin-down on node2 -> Failed on node1: how soon a handle of
 * "node2 - eth1", open on node1, wakes from poll() with Failed after eth1
 * is set down on node2, and, in the same repetitions, how soon corosync on
 * node1 sees the knet link to node2 on that network down (its cfg status,
 * polled every millisecond once the handle woke: the anchor). Both from
 * the SIOCSIFFLAGS that sets the NIC down, made from a child that entered
 * node2's network namespace, so that no process start sits between the
 * clock and the change.
 */
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <linux/clusnet.h>

#include "cluster-bench.h"

#define NIC	"eth1"
#define PEER	2U	/* node2's corosync id */
#define LINK	1U	/* knet link 1: the eth1 network */

/* In the child, inside node2's namespace: the time just before the ioctl. */
static void nic_set_child(int ns, int up, int out)
{
	struct ifreq ifr = { 0 };
	double t;
	int s;

	if (setns(ns, CLONE_NEWNET))
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
	if (write(out, &t, sizeof(t)) != sizeof(t))
		_exit(5);
	_exit(0);
}

static double nic_set(int ns, int up)
{
	double t = -1;
	int p[2], st;
	pid_t pid;

	if (pipe(p))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid)
		nic_set_child(ns, up, p[1]);
	close(p[1]);
	if (read(p[0], &t, sizeof(t)) != sizeof(t))
		t = -1;
	close(p[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		fail("setting node2's %s %s failed", NIC, up ? "up" : "down");
	return t;
}

void bench_nicdown(int reps)
{
	struct obj o = { .name = "node2 - " NIC, .h = -1 };
	double *wake = calloc(reps, sizeof(double));
	double *anchor = calloc(reps, sizeof(double));
	corosync_cfg_handle_t cfg = cfg_on("node1");
	int ns = ns_open("node2"), i;
	double t0, t;

	if (!wake || !anchor)
		die("calloc");
	objs_wait_or_die(&o, 1, CLUSNET_STATE_UP, 60000, o.name);
	for (i = 0; i < reps; i++) {
		t0 = nic_set(ns, 0);
		if (objs_wait(&o, 1, CLUSNET_STATE_FAILED, &t, 10000, NULL) ||
		    t0 < 0)
			fail("nicdown: no Failed within 10 s");
		wake[i] = t - t0;
		/* corosync's own view of the link, from the same moment */
		while (link_connected(cfg, PEER, LINK) == 1 &&
		       now_ms() - t0 < 10000)
			sleep_ms(1);
		anchor[i] = now_ms() - t0;
		note("nicdown %d/%d: Failed after %.1f ms, corosync %.1f ms",
		     i + 1, reps, wake[i], anchor[i]);
		nic_set(ns, 1);
		/* back Up, links reconnected, before the next round */
		objs_wait_or_die(&o, 1, CLUSNET_STATE_UP, 60000, o.name);
		wait_link(cfg, PEER, LINK, 60000);
		sleep_ms(200);
	}
	corosync_cfg_finalize(cfg);
	close(ns);
	target("node2 eth1 down -> poll() wakes on node1 with Failed", wake,
	       reps, 50);
	result("node2 eth1 down -> corosync on node1: link 1 to node2 down",
	       anchor, reps);
}
