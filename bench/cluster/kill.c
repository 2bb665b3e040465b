// SPDX-License-Identifier: GPL-2.0
/*
 * A node killed -> its interfaces Unavailable on node1. node3's corosync
 * and clusnetd are SIGKILLed as cluster-kill does, but from here: the
 * clock starts just before the kill() of corosync (clusnetd's follows at
 * once; corosync first, so that node3's clusnetd cannot leave its group
 * cleanly). Measured to the moment handles of "node3 - eth0" and
 * "node3 - eth1", open on node1, wake from poll() with Unavailable. The
 * anchor, in the same repetition: when node1's corosync delivers the
 * membership without node3 to a CPG client here (its totem confchg, sent
 * to every CPG connection at the end of the sync that follows the new
 * ring; no group needs to be joined), the callback clusnetd itself acts
 * on. Then node3 is started again (restart()), and the next repetition
 * waits for its interfaces to be Up on node1, and 2 s more.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <corosync/cpg.h>
#include <linux/clusnet.h>

#include "cluster-bench.h"

#define NODE		"node3"
#define NODEID		3U
#define KILL_WAIT_MS	60000

struct membership {
	cpg_handle_t cpg;
	int armed;
	int changes;	/* memberships delivered while armed */
	uint32_t n;	/* members in the first one without NODEID */
	double gone;	/* when it was delivered */
};

static struct membership memb;

static void on_totem(cpg_handle_t h, struct cpg_ring_id ring, uint32_t n,
		     const uint32_t *members)
{
	uint32_t i;

	(void)h, (void)ring;
	memb.changes += memb.armed;
	for (i = 0; i < n; i++)
		if (members[i] == NODEID)
			return;
	if (memb.armed && !memb.gone) {
		memb.gone = now_ms();
		memb.n = n;
	}
}

static void memb_dispatch(void *arg)
{
	(void)arg;
	if (cpg_dispatch(memb.cpg, CS_DISPATCH_ALL) != CS_OK)
		fail("cpg_dispatch failed");
}

static int memb_done(void *arg)
{
	(void)arg;
	return memb.gone != 0;
}

static int memb_open(void)
{
	cpg_model_v1_data_t cb = {
		.model = CPG_MODEL_V1,
		.cpg_totem_confchg_fn = on_totem,
	};
	int fd;

	if (cpg_model_initialize(&memb.cpg, CPG_MODEL_V1,
				 (cpg_model_data_t *)&cb, NULL) != CS_OK ||
	    cpg_fd_get(memb.cpg, &fd) != CS_OK)
		fail("node1: corosync cpg unavailable");
	return fd;
}

static int comm_is(pid_t pid, const char *comm)
{
	char path[64], name[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(name, sizeof(name), f))
		name[0] = 0;
	fclose(f);
	name[strcspn(name, "\n")] = 0;
	return !strcmp(name, comm);
}

static int in_ns(pid_t pid, const struct stat *ns)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	return !stat(path, &st) && st.st_ino == ns->st_ino &&
	       st.st_dev == ns->st_dev;
}

/* The process named @comm in the network namespace @ns, or 0. */
static pid_t pid_in(const char *comm, const struct stat *ns)
{
	DIR *dir = opendir("/proc");
	struct dirent *d;
	pid_t pid = 0, p;

	while (dir && !pid && (d = readdir(dir))) {
		p = atoi(d->d_name);
		if (p > 0 && comm_is(p, comm) && in_ns(p, ns))
			pid = p;
	}
	if (dir)
		closedir(dir);
	return pid;
}

/* SIGKILL node3's corosync and clusnetd; the time just before. */
static double kill_node(const struct stat *ns)
{
	pid_t cs = pid_in("corosync", ns), cd = pid_in("clusnetd", ns);
	double t0;
	int i;

	if (!cs || !cd)
		fail(NODE ": corosync or clusnetd not running");
	t0 = now_ms();
	kill(cs, SIGKILL);
	kill(cd, SIGKILL);
	/* reaped (by init) before cluster-start looks for them */
	for (i = 0; i < 1000 && (pid_in("corosync", ns) ||
				 pid_in("clusnetd", ns)); i++)
		sleep_ms(10);
	return t0;
}

/*
 * cluster-start --no-wait: it returns once node3's corosync answers and
 * its clusnetd is started; then node1's handles of node3's interfaces are
 * waited on (in poll(), at no cost) until Up. cluster-start's own wait
 * polls every node's corosync with nsenter and corosync-cmapctl five times
 * a second, load a starved guest does without. (With three other TCG
 * guests on the host the corosyncs lost their token again and again
 * either way, and node3 once took 11 minutes to be let in with that
 * wait, once 15 with this one.) If it took over a minute, what corosync
 * and clusnetd said goes to the console.
 */
static void restart(struct obj *o, int i)
{
	double t = now_ms(), when[2];
	int err;

	run("cluster-start --no-wait " NODE);
	err = objs_wait(o, 2, CLUSNET_STATE_UP, when, 900000, NULL);
	t = (now_ms() - t) / 1e3;
	note("kill %d: node3 back after %.1f s", i + 1, t);
	if (err || t > 60)
		(void)!system("cd /var/log/cluster && tail -n 30 "
			      "node1-corosync.log node3-corosync.log "
			      "node1-clusnetd.log >&2");
	if (err)
		fail(NODE "'s interfaces not Up again within 15 minutes");
}

static void kill_once(const struct stat *ns, struct obj *o, int fd,
		      double **v, int i)
{
	struct extra x = { fd, memb_dispatch, memb_done, NULL };
	double t0, wake[2];

	memb.armed = 0;		/* what corosync said before is old news */
	memb_dispatch(NULL);
	memb.gone = 0;
	memb.changes = 0;
	memb.armed = 1;
	t0 = kill_node(ns);
	if (objs_wait(o, 2, CLUSNET_STATE_UNAVAILABLE, wake, KILL_WAIT_MS,
		      &x))
		fail("kill: node3's interfaces not Unavailable, or corosync "
		     "kept node3, for %d s", KILL_WAIT_MS / 1000);
	memb.armed = 0;
	v[0][i] = memb.gone - t0;
	v[1][i] = wake[0] - t0;
	v[2][i] = wake[1] - t0;
	v[3][i] = (wake[0] > wake[1] ? wake[0] : wake[1]) - memb.gone;
	note("kill %d: membership %.1f ms (%u members, %d changes); "
	     "Unavailable %.1f, %.1f ms", i + 1, v[0][i], memb.n,
	     memb.changes, v[1][i], v[2][i]);
	restart(o, i);
	sleep_ms(2000);
}

void bench_kill(int reps)
{
	struct obj o[2] = {
		{ .name = NODE " - eth0", .h = -1 },
		{ .name = NODE " - eth1", .h = -1 },
	};
	int fd = memb_open(), ns = ns_open(NODE), i;
	struct stat nst;
	double *v[4];

	if (fstat(ns, &nst))
		die("fstat");
	for (i = 0; i < 4; i++) {
		v[i] = calloc(reps, sizeof(double));
		if (!v[i])
			die("calloc");
	}
	objs_wait_or_die(o, 2, CLUSNET_STATE_UP, 60000, NODE "'s interfaces");
	for (i = 0; i < reps; i++)
		kill_once(&nst, o, fd, v, i);
	result("node3 killed -> node1's corosync: membership without it",
	       v[0], reps);
	result("node3 killed -> poll() wakes on node1: node3 - eth0 Unavailable",
	       v[1], reps);
	result("node3 killed -> poll() wakes on node1: node3 - eth1 Unavailable",
	       v[2], reps);
	target("kill: both Unavailable minus the membership change", v[3],
	       reps, 300);
	cpg_finalize(memb.cpg);
}
