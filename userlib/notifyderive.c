// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Node and network notifications. The kernel reports interface events
 * only; a network or node changes with its interfaces (a network comes
 * with its first interface and goes with its last, its state follows
 * theirs, a rename is a property event on each of them). So after every
 * batch of interface events a source that asked for node or network
 * changes compares fresh snapshots with the last ones:
 *
 *	network id new / gone		CLUSTER_CHANGE_NETWORK_ADDED / _DELETED
 *	network state differs		CLUSTER_CHANGE_NETWORK_STATE
 *	network name differs		CLUSTER_CHANGE_NETWORK_PROPERTY
 *	node name new / gone		CLUSTER_CHANGE_NODE_ADDED / _DELETED
 *	node state differs		CLUSTER_CHANGE_NODE_STATE
 *
 * In a cluster the nodes are the kernel's node table (clusnetd changes a
 * node's state together with its interfaces', so a batch of interface
 * events comes with it). On a single node they are this node, Up, and
 * the nodes of other objects, Down, and never change state.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"

static void seen_free(struct seen *v)
{
	free(v->nets);
	free(v->nodes);
	free(v->node_states);
	memset(v, 0, sizeof(*v));
}

/* The node's index in v plus one, or 0. */
static size_t node_in(const struct seen *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->nnodes; i++)
		if (clusnet_name_eq(v->nodes[i], name))
			return i + 1;
	return 0;
}

static const struct seen_net *net_in(const struct seen *v, uint64_t id)
{
	size_t i;

	for (i = 0; i < v->nnets; i++)
		if (v->nets[i].id == id)
			return &v->nets[i];
	return NULL;
}

/* The networks and nodes now; 0 or a Win32 error. */
static DWORD take(int fd, struct seen *v)
{
	struct clusnet_network_entry *nets = NULL;
	struct clusnet_node_entry *table = NULL;
	struct clusnet_cluster_info ci;
	struct clusnet_if_entry *ifs = NULL;
	uint32_t nn = 0, ni = 0, nt = 0, i;
	int r;

	memset(v, 0, sizeof(*v));
	r = clusnet_cluster_info(fd, 0, &ci);
	if (!r)
		r = clusnet_snap_networks(fd, &nets, &nn);
	if (!r)
		r = clusnet_snap_ifs(fd, &ifs, &ni);
	if (!r)
		r = clusnet_snap_nodes(fd, &table, &nt);
	if (r < 0)
		goto fail;
	v->nets = calloc(nn + 1, sizeof(*v->nets));
	v->nodes = calloc((size_t)ni + nt + 1, sizeof(*v->nodes));
	v->node_states = calloc((size_t)ni + nt + 1, sizeof(*v->node_states));
	if (!v->nets || !v->nodes || !v->node_states) {
		r = -ENOMEM;
		goto fail;
	}
	for (i = 0; i < nn; i++) {
		v->nets[i].id = nets[i].id;
		v->nets[i].state = nets[i].state;
		strcpy(v->nets[i].name, nets[i].name);
	}
	v->nnets = nn;
	for (i = 0; i < nt; i++) {
		strcpy(v->nodes[v->nnodes], table[i].name);
		v->node_states[v->nnodes++] = table[i].state;
	}
	if (!nt) {
		strcpy(v->nodes[v->nnodes], ci.node);
		v->node_states[v->nnodes++] = CLUSNET_NODE_UP;
		for (i = 0; i < ni; i++) {
			if (node_in(v, ifs[i].node))
				continue;
			strcpy(v->nodes[v->nnodes], ifs[i].node);
			v->node_states[v->nnodes++] = CLUSNET_NODE_DOWN;
		}
	}
	free(nets);
	free(ifs);
	free(table);
	return ERROR_SUCCESS;

fail:
	free(nets);
	free(ifs);
	free(table);
	seen_free(v);
	return clusnet_errno_to_win32(-r);
}

DWORD clusnet_derive_init(struct source *s)
{
	return take(s->conn->fd, &s->seen);
}

/* Is the event about what the source registered? */
static int wanted(const struct source *s, DWORD change, const char *node,
		  uint64_t network_id)
{
	if (!(s->filter & change))
		return 0;
	if (s->kind == SRC_NODE)
		return node && clusnet_name_eq(node, s->name);
	if (s->kind == SRC_NETWORK)
		return !node && network_id == s->network_id;
	return 1;
}

void clusnet_derive_changes(HCHANGE h, struct source *s)
{
	const struct seen_net *old;
	size_t i;

	seen_free(&s->next);
	s->have_next = !take(s->conn->fd, &s->next);
	if (!s->have_next)
		return;	/* no memory: the next batch compares again */
	for (i = 0; i < s->next.nnodes; i++) {
		const char *node = s->next.nodes[i];
		size_t k = node_in(&s->seen, node);

		if (!k && wanted(s, CLUSTER_CHANGE_NODE_ADDED, node, 0))
			clusnet_notify_push(h, s->key, CLUSTER_CHANGE_NODE_ADDED,
					    node);
		if (k && s->seen.node_states[k - 1] != s->next.node_states[i] &&
		    wanted(s, CLUSTER_CHANGE_NODE_STATE, node, 0))
			clusnet_notify_push(h, s->key, CLUSTER_CHANGE_NODE_STATE,
					    node);
	}
	for (i = 0; i < s->next.nnets; i++) {
		const struct seen_net *n = &s->next.nets[i];

		old = net_in(&s->seen, n->id);
		if (!old && wanted(s, CLUSTER_CHANGE_NETWORK_ADDED, NULL, n->id))
			clusnet_notify_push(h, s->key,
					    CLUSTER_CHANGE_NETWORK_ADDED,
					    n->name);
		if (old && old->state != n->state &&
		    wanted(s, CLUSTER_CHANGE_NETWORK_STATE, NULL, n->id))
			clusnet_notify_push(h, s->key,
					    CLUSTER_CHANGE_NETWORK_STATE,
					    n->name);
		if (old && strcmp(old->name, n->name) &&
		    wanted(s, CLUSTER_CHANGE_NETWORK_PROPERTY, NULL, n->id))
			clusnet_notify_push(h, s->key,
					    CLUSTER_CHANGE_NETWORK_PROPERTY,
					    n->name);
	}
}

void clusnet_derive_deletions(HCHANGE h, struct source *s)
{
	size_t i;

	if (!s->have_next)
		return;
	for (i = 0; i < s->seen.nnets; i++) {
		const struct seen_net *n = &s->seen.nets[i];

		if (net_in(&s->next, n->id))
			continue;
		if (wanted(s, CLUSTER_CHANGE_NETWORK_DELETED, NULL, n->id))
			clusnet_notify_push(h, s->key,
					    CLUSTER_CHANGE_NETWORK_DELETED,
					    n->name);
		if (s->kind == SRC_NETWORK && n->id == s->network_id)
			s->dead = 1;	/* nothing more can come */
	}
	for (i = 0; i < s->seen.nnodes; i++) {
		if (node_in(&s->next, s->seen.nodes[i]))
			continue;
		if (wanted(s, CLUSTER_CHANGE_NODE_DELETED, s->seen.nodes[i], 0))
			clusnet_notify_push(h, s->key,
					    CLUSTER_CHANGE_NODE_DELETED,
					    s->seen.nodes[i]);
	}
	seen_free(&s->seen);
	s->seen = s->next;
	memset(&s->next, 0, sizeof(s->next));
	s->have_next = 0;
}

void clusnet_derive_free(struct source *s)
{
	seen_free(&s->seen);
	seen_free(&s->next);
}
