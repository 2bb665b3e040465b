// SPDX-License-Identifier: GPL-2.0
/*
 * The local corosync: cmap for the cluster's and the nodes' names and ids,
 * cfg for this node's id and (links.c) per-link status, quorum for
 * quorum, and the CPG group "clusnet" with totem confchg (membership) and
 * group confchg (which clusnetds are in the group).
 *
 * If corosync goes away, clusnetd exits non-zero: every handle is dead,
 * the group's state is gone, and systemd (Restart=on-failure,
 * Requires=corosync.service) starts it again with corosync, so that a
 * restarted clusnetd rebuilds everything from the group. There is no
 * reconnect loop to get wrong.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"

static struct cd_daemon *self;	/* the callbacks have no context of ours */

static void on_deliver(cpg_handle_t h, const struct cpg_name *group,
		       uint32_t nodeid, uint32_t pid, void *msg, size_t len)
{
	(void)h, (void)group, (void)pid;
	cd_receive(self, nodeid, msg, len);
}

static void ids_of(const struct cpg_address *a, size_t n, uint32_t *ids)
{
	for (size_t i = 0; i < n; i++)
		ids[i] = a[i].nodeid;
}

static void on_confchg(cpg_handle_t h, const struct cpg_name *group,
		       const struct cpg_address *members, size_t n_members,
		       const struct cpg_address *left, size_t n_left,
		       const struct cpg_address *joined, size_t n_joined)
{
	uint32_t ids[CD_NODES_MAX];

	(void)h, (void)group;
	if (n_members > CD_NODES_MAX)
		n_members = CD_NODES_MAX;
	ids_of(members, n_members, ids);
	for (size_t i = 0; i < n_left; i++)
		cd_log(LOG_NOTICE, "group: node %u left (reason %u)",
		       left[i].nodeid, left[i].reason);
	for (size_t i = 0; i < n_joined; i++)
		cd_log(LOG_NOTICE, "group: node %u joined", joined[i].nodeid);
	cd_cluster_confchg(&self->cl, ids, n_members);
	/* a clusnetd that joined (perhaps restarted unseen) says hello anew */
	for (size_t i = 0; i < n_joined; i++) {
		struct cd_node *nd = cd_node_get(&self->cl, joined[i].nodeid,
						 false);

		if (nd)
			nd->synced = false;
	}
	self->joined = false;
	for (size_t i = 0; i < n_members; i++)
		self->joined |= ids[i] == self->local;
	/* every member re-sends its state; names are agreed again */
	self->need_hello = self->joined;
	cd_report_changes(self);
}

static void on_totem(cpg_handle_t h, struct cpg_ring_id ring,
		     uint32_t n, const uint32_t *members)
{
	(void)h;
	cd_log(LOG_INFO, "membership: ring %u.%llu, %u nodes", ring.nodeid,
	       (unsigned long long)ring.seq, n);
	cd_cluster_membership(&self->cl, members,
			      n > CD_NODES_MAX ? CD_NODES_MAX : n);
	cd_report_changes(self);
}

static void on_quorum(quorum_handle_t h, uint32_t quorate, uint64_t ring,
		      uint32_t n, uint32_t *view)
{
	(void)h, (void)ring, (void)n, (void)view;
	if (self->quorate != !!quorate)
		cd_log(LOG_NOTICE, "quorum: %s", quorate ? "quorate" :
		       "not quorate");
	self->quorate = quorate;
}

static void on_shutdown(corosync_cfg_handle_t h,
			corosync_cfg_shutdown_flags_t flags)
{
	(void)flags;
	/* we hold nothing that should stop corosync from going */
	corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_YES);
}

static int cs_fail(const char *what, cs_error_t err)
{
	cd_log(LOG_ERR, "corosync: %s: error %d (is corosync running?)",
	       what, err);
	return -1;
}

/* nodelist.node.N.{nodeid,name}: the names of all configured nodes. */
static void read_nodelist(struct cd_daemon *d)
{
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1], field[256];
	struct { uint32_t id; char *name; } idx[CD_NODES_MAX] = { { 0 } };
	unsigned int n;
	size_t len;
	cmap_value_types_t type;

	if (cmap_iter_init(d->cmap, "nodelist.node.", &it) != CS_OK)
		return;
	while (cmap_iter_next(d->cmap, it, key, &len, &type) == CS_OK) {
		if (sscanf(key, "nodelist.node.%u.%255s", &n, field) != 2 ||
		    n >= CD_NODES_MAX)
			continue;
		if (!strcmp(field, "nodeid"))
			cmap_get_uint32(d->cmap, key, &idx[n].id);
		else if (!strcmp(field, "name") && !idx[n].name)
			cmap_get_string(d->cmap, key, &idx[n].name);
	}
	cmap_iter_finalize(d->cmap, it);
	d->n_peers = 0;
	for (n = 0; n < CD_NODES_MAX; n++) {
		struct cd_peer *p = &d->peers[d->n_peers];

		if (idx[n].id) {
			p->nodeid = idx[n].id;
			snprintf(p->name, sizeof(p->name), "%s",
				 idx[n].name ? idx[n].name : "");
			d->n_peers++;
		}
		free(idx[n].name);
	}
}

static void read_names(struct cd_daemon *d)
{
	char *s = NULL;

	if (cmap_get_string(d->cmap, "totem.cluster_name", &s) == CS_OK)
		snprintf(d->cluster_name, sizeof(d->cluster_name), "%s", s);
	free(s);
	read_nodelist(d);
	for (uint32_t i = 0; i < d->n_peers; i++)
		if (d->peers[i].nodeid == d->local)
			snprintf(d->node_name, sizeof(d->node_name), "%s",
				 d->peers[i].name);
	if (!d->node_name[0])	/* not in the nodelist: the host name */
		gethostname(d->node_name, sizeof(d->node_name) - 1);
}

int cd_corosync_open(struct cd_daemon *d)
{
	static const corosync_cfg_callbacks_t cfg_cb = {
		.corosync_cfg_shutdown_callback = on_shutdown,
	};
	cpg_model_v1_data_t cb = {
		.model = CPG_MODEL_V1,
		.cpg_deliver_fn = on_deliver,
		.cpg_confchg_fn = on_confchg,
		.cpg_totem_confchg_fn = on_totem,
		.flags = CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF,
	};
	quorum_callbacks_t q_cb = { .quorum_notify_fn = on_quorum };
	struct cpg_name group = { .length = sizeof(CD_GROUP) - 1 };
	uint32_t qtype;
	unsigned int id;
	cs_error_t err;

	self = d;
	err = cmap_initialize(&d->cmap);
	if (err != CS_OK)
		return cs_fail("cmap", err);
	err = corosync_cfg_initialize(&d->cfg, &cfg_cb);
	if (err != CS_OK)
		return cs_fail("cfg", err);
	err = corosync_cfg_local_get(d->cfg, &id);
	if (err != CS_OK)
		return cs_fail("local node id", err);
	d->local = id;
	cd_cluster_init(&d->cl, id);
	read_names(d);
	/* every configured node is listed (Down) before it is ever seen */
	for (uint32_t i = 0; i < d->n_peers; i++) {
		struct cd_node *n = cd_node_get(&d->cl, d->peers[i].nodeid,
						true);

		if (n)
			snprintf(n->name, sizeof(n->name), "%s",
				 d->peers[i].name);
	}
	err = quorum_initialize(&d->quorum, &q_cb, &qtype);
	if (err == CS_OK)
		err = quorum_trackstart(d->quorum, CS_TRACK_CHANGES |
					CS_TRACK_CURRENT);
	if (err != CS_OK)
		return cs_fail("quorum", err);
	err = cpg_model_initialize(&d->cpg, CPG_MODEL_V1,
				   (cpg_model_data_t *)&cb, NULL);
	if (err != CS_OK)
		return cs_fail("cpg", err);
	memcpy(group.value, CD_GROUP, group.length);
	/*
	 * While the membership changes corosync answers TRY_AGAIN; wait
	 * that out (up to 10 s), as corosync's own tools do, instead of
	 * leaving it to systemd's restart.
	 */
	for (int i = 0; i < 100; i++) {
		err = cpg_join(d->cpg, &group);
		if (err != CS_ERR_TRY_AGAIN)
			break;
		usleep(100 * 1000);
	}
	if (err != CS_OK)
		return cs_fail("cpg join", err);
	if (cpg_fd_get(d->cpg, &d->cpg_fd) != CS_OK ||
	    corosync_cfg_fd_get(d->cfg, &d->cfg_fd) != CS_OK ||
	    quorum_fd_get(d->quorum, &d->quorum_fd) != CS_OK)
		return cs_fail("fd", CS_ERR_LIBRARY);
	cd_log(LOG_NOTICE, "node %s (id %u) of cluster %s, %u nodes "
	       "configured", d->node_name, d->local, d->cluster_name,
	       d->n_peers);
	return 0;
}

void cd_corosync_close(struct cd_daemon *d)
{
	struct cpg_name group = { .length = sizeof(CD_GROUP) - 1 };

	memcpy(group.value, CD_GROUP, group.length);
	if (d->cpg) {
		cpg_leave(d->cpg, &group);
		cpg_finalize(d->cpg);
	}
	if (d->quorum)
		quorum_finalize(d->quorum);
	if (d->cfg)
		corosync_cfg_finalize(d->cfg);
	if (d->cmap)
		cmap_finalize(d->cmap);
}

int cd_corosync_dispatch(struct cd_daemon *d, int fd)
{
	cs_error_t err = CS_OK;
	const char *what = "?";

	if (fd == d->cpg_fd)
		err = cpg_dispatch(d->cpg, CS_DISPATCH_ALL), what = "cpg";
	else if (fd == d->quorum_fd)
		err = quorum_dispatch(d->quorum, CS_DISPATCH_ALL),
		what = "quorum";
	else if (fd == d->cfg_fd)
		err = corosync_cfg_dispatch(d->cfg, CS_DISPATCH_ALL),
		what = "cfg";
	if (err == CS_OK || err == CS_ERR_TRY_AGAIN)
		return 0;
	cd_log(LOG_ERR, "corosync: %s dispatch: error %d: corosync went "
	       "away, exiting", what, err);
	return -1;
}

/*
 * Agreed order to all members, ourselves included: the model changes only
 * when the message comes back. corosync pushes back with TRY_AGAIN when
 * its queue is full; after a second of that the message is dropped and
 * the next tick re-sends the whole state (need_hello).
 */
int cd_send(struct cd_daemon *d, struct cd_msg *m)
{
	struct iovec iov;
	cs_error_t err;
	size_t len;
	void *buf;

	m->hdr.nodeid = d->local;
	m->hdr.seq = ++d->seq;
	buf = cd_encode(m, &len);
	if (!buf) {
		cd_log(LOG_ERR, "cannot encode a %s message",
		       cd_type_name(m->hdr.type));
		return -1;
	}
	iov = (struct iovec){ .iov_base = buf, .iov_len = len };
	for (int i = 0; i < 1000; i++) {
		err = cpg_mcast_joined(d->cpg, CPG_TYPE_AGREED, &iov, 1);
		if (err != CS_ERR_TRY_AGAIN)
			break;
		usleep(1000);
	}
	free(buf);
	if (err == CS_OK) {
		cd_log(LOG_DEBUG, "sent %s seq %llu (%zu bytes)",
		       cd_type_name(m->hdr.type),
		       (unsigned long long)m->hdr.seq, len);
		return 0;
	}
	cd_log(LOG_WARNING, "cpg send %s: error %d; will resend the state",
	       cd_type_name(m->hdr.type), err);
	d->need_hello = true;
	return -1;
}
