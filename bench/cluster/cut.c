// SPDX-License-Identifier: GPL-2.0
/*
 * Traffic dropped between node2 and node3 on eth1 -> Unreachable on
 * node1. The cut is cluster-cut's (tc drop filters on the switch's ports
 * n2e1 and n3e1, the NICs stay up with carrier), applied by one tc -batch
 * in the switch's namespace; the clock starts when that tc has exited,
 * both directions dropped. Measured to the moment handles of
 * "node2 - eth1" and "node3 - eth1", open on node1, wake from poll() with
 * Unreachable. The anchor, in the same repetition: when corosync on node2
 * says its knet link 1 to node3 is down (and corosync on node3 the other
 * way), polled every millisecond from a thread through cfg handles
 * connected from inside their namespaces. Each node's clusnetd publishes
 * its own view and a pair counts as connected only while both ends say
 * so: the end that calls the link down first decides, so the difference
 * is also given against the earlier of the two (the stricter one).
 *
 * After each cut: heal, all Up, links connected, then SETTLE_MS more: knet
 * raises a link's pong timeout tenfold when the link goes down and takes
 * it back one step per pong (ping_interval, 912 ms here), so a cut made
 * sooner is found later, by knet's backoff rather than its timeout.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include <linux/clusnet.h>

#include "cluster-bench.h"

#define LINK		1U	/* knet link 1: the eth1 network */
#define SETTLE_MS	10000
#define CUT_WAIT_MS	30000

/* cluster-cut's filters (same prefs, so cluster-heal removes them too) */
#define QDISCS	"qdisc add dev n2e1 clsact\nqdisc add dev n3e1 clsact\n"
#define CUT \
	"filter replace dev n2e1 ingress pref 103 protocol ip u32 " \
	"match ip dst 10.11.0.3/32 action drop\n" \
	"filter replace dev n3e1 ingress pref 102 protocol ip u32 " \
	"match ip dst 10.11.0.2/32 action drop\n"
#define HEAL \
	"filter del dev n2e1 ingress pref 103\n" \
	"filter del dev n3e1 ingress pref 102\n"

struct links {
	corosync_cfg_handle_t cfg[2];	/* node2's, node3's corosync */
	unsigned int peer[2];		/* the other one */
	double down[2];			/* when each called link 1 down */
	double end;
};

/* The anchor thread: each end's view, every millisecond, until down. */
static void *watch_links(void *arg)
{
	struct links *l = arg;
	int i;

	while ((!l->down[0] || !l->down[1]) && now_ms() < l->end) {
		for (i = 0; i < 2; i++)
			if (!l->down[i] &&
			    !link_connected(l->cfg[i], l->peer[i], LINK))
				l->down[i] = now_ms();
		sleep_ms(1);
	}
	return NULL;
}

static void all_up(struct obj *o, struct links *l)
{
	objs_wait_or_die(o, 2, CLUSNET_STATE_UP, 120000, "node2/node3 eth1");
	if (wait_link(l->cfg[0], l->peer[0], LINK, 60000) ||
	    wait_link(l->cfg[1], l->peer[1], LINK, 60000))
		fail("cut: link 1 between node2 and node3 not connected");
}

/* One cut: fills v[0..4][i] (see bench_cut()); heals and waits. */
static void cut_once(int sw, struct obj *o, struct links *l, double **v,
		     int i)
{
	double t0, wake[2], start;
	struct tc tc;
	pthread_t th;

	tc_spawn(&tc, sw, 1);
	sleep_ms(1000);		/* tc started, waiting for its batch */

	l->down[0] = l->down[1] = 0;
	l->end = now_ms() + CUT_WAIT_MS;
	if (pthread_create(&th, NULL, watch_links, l))
		fail("pthread_create");
	t0 = tc_run(&tc, CUT, &start);
	if (objs_wait(o, 2, CLUSNET_STATE_UNREACHABLE, wake, CUT_WAIT_MS,
		      NULL))
		fail("cut: node2/node3 eth1 not Unreachable within %d s",
		     CUT_WAIT_MS / 1000);
	pthread_join(th, NULL);
	if (!l->down[0] || !l->down[1])
		fail("cut: corosync did not call the link down");
	v[0][i] = l->down[0] - t0;
	v[1][i] = l->down[1] - t0;
	v[2][i] = wake[0] - t0;
	v[3][i] = wake[1] - t0;
	v[4][i] = v[2][i] - v[0][i];
	v[5][i] = t0 - start;
	/* clusnet acts on whichever end publishes the link down first */
	v[6][i] = v[2][i] - (v[0][i] < v[1][i] ? v[0][i] : v[1][i]);
	note("cut %d: corosync node2 %.1f, node3 %.1f; Unreachable %.1f, %.1f ms"
	     " (tc %.1f ms)", i + 1, v[0][i], v[1][i], v[2][i], v[3][i],
	     v[5][i]);
	tc_batch(sw, HEAL, 1);
	all_up(o, l);
	sleep_ms(SETTLE_MS);
}

void bench_cut(int reps)
{
	struct obj o[2] = {
		{ .name = "node2 - eth1", .h = -1 },
		{ .name = "node3 - eth1", .h = -1 },
	};
	struct links l = {
		.cfg = { cfg_on("node2"), cfg_on("node3") },
		.peer = { 3, 2 },
	};
	int sw = ns_open("sw"), i;
	double *v[7];

	for (i = 0; i < 7; i++) {
		v[i] = calloc(reps, sizeof(double));
		if (!v[i])
			die("calloc");
	}
	/* the clsact hooks once, as cluster-cut does (exist: no matter) */
	tc_batch(sw, QDISCS, 0);
	all_up(o, &l);
	sleep_ms(SETTLE_MS);	/* nicdown took node2's link 1 down too */
	for (i = 0; i < reps; i++)
		cut_once(sw, o, &l, v, i);
	result("cut node2-node3 eth1 -> corosync on node2: link 1 down",
	       v[0], reps);
	result("cut node2-node3 eth1 -> corosync on node3: link 1 down",
	       v[1], reps);
	result("cut -> poll() wakes on node1: node2 - eth1 Unreachable",
	       v[2], reps);
	result("cut -> poll() wakes on node1: node3 - eth1 Unreachable",
	       v[3], reps);
	target("cut: node2 - eth1 Unreachable minus node2's corosync", v[4],
	       reps, 300);
	target("cut: node2 - eth1 Unreachable minus the earlier end's", v[6],
	       reps, 300);
	result("  (tc's batch: the cut began at most this long before 0)", v[5],
	       reps);
	corosync_cfg_finalize(l.cfg[0]);
	corosync_cfg_finalize(l.cfg[1]);
	close(sw);
}
