// SPDX-License-Identifier: GPL-2.0
/*
 * corosync's own view of a knet link: corosync_cfg_node_status_get() on
 * the corosync of a given node (its local view: that node -> that peer).
 * corosync's IPC sockets are abstract unix sockets, which belong to the
 * network namespace: connecting from inside a node's namespace reaches
 * that node's corosync, and the connection stays there after we go back.
 */
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "cluster-bench.h"

corosync_cfg_handle_t cfg_on(const char *node)
{
	int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int ns = ns_open(node);
	corosync_cfg_handle_t cfg;
	cs_error_t err;

	if (self < 0 || setns(ns, CLONE_NEWNET))
		die("entering a node's network namespace");
	err = corosync_cfg_initialize(&cfg, NULL);
	if (setns(self, CLONE_NEWNET))
		die("back to our network namespace");
	close(self);
	close(ns);
	if (err != CS_OK)
		fail("%s: corosync cfg unavailable (error %d)", node, err);
	return cfg;
}

/* 1 connected, 0 not, -1 no answer. */
int link_connected(corosync_cfg_handle_t cfg, unsigned int peer,
		   unsigned int link)
{
	struct corosync_cfg_node_status_v1 st;

	memset(&st, 0, sizeof(st));
	if (corosync_cfg_node_status_get(cfg, peer, CFG_NODE_STATUS_V1,
					 &st) != CS_OK)
		return -1;
	return st.link_status[link].connected;
}

int wait_link(corosync_cfg_handle_t cfg, unsigned int peer,
	      unsigned int link, int timeout_ms)
{
	double end = now_ms() + timeout_ms;

	while (link_connected(cfg, peer, link) != 1) {
		if (now_ms() > end)
			return -1;
		sleep_ms(10);
	}
	return 0;
}
