// SPDX-License-Identifier: GPL-2.0
/*
 * The cluster around this node, as the cluster daemon (clusnetd) sees it
 * through corosync and feeds it in: the cluster's name, this node's id,
 * the nodes and their states, and the states of interface objects as the
 * whole cluster sees them. The module itself talks to no other node.
 *
 * Everything here is under the namespace's mutex and bounded (at most
 * CLUSNET_NODE_MAX nodes); RTNL is never taken.
 */
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "clusnet.h"

struct clusnet_node {
	struct list_head link;		/* clusnet_net.nodes, by id */
	u32 id;
	u8 state;			/* CLUSNET_NODE_* */
	u8 name_len;
	char name[CLUSNET_NAME_MAX + 1];
};

/** clusnet_cluster_net_init() - a namespace starts outside any cluster */
void clusnet_cluster_net_init(struct clusnet_net *cn)
{
	INIT_LIST_HEAD(&cn->nodes);
}

/** clusnet_cluster_net_exit() - its nodes go with it */
void clusnet_cluster_net_exit(struct clusnet_net *cn)
{
	struct clusnet_node *node, *tmp;

	list_for_each_entry_safe(node, tmp, &cn->nodes, link)
		kfree(node);
	INIT_LIST_HEAD(&cn->nodes);
	cn->node_count = 0;
}

/**
 * clusnet_cluster_name() - the cluster's name and this node's id
 * @cn: the namespace's registry, unlocked
 * @name: the name, NUL-terminated, "" outside a cluster
 * @size: its buffer's size
 * @len: the name's length
 * @node_id: this node's id, 0 outside a cluster
 */
void clusnet_cluster_name(struct clusnet_net *cn, char *name, size_t size,
			  u32 *len, u32 *node_id)
{
	mutex_lock(&cn->lock);
	*len = strscpy(name, cn->cluster, size);
	*node_id = cn->node_id;
	mutex_unlock(&cn->lock);
}

/**
 * clusnet_cluster_set() - CLUSNET_IOC_SET_CLUSTER
 * @net: the namespace
 * @name: the cluster's name, not NUL-terminated
 * @len: its length, 0 outside a cluster
 * @node_id: this node's id
 *
 * Return: 0.
 */
int clusnet_cluster_set(struct net *net, const char *name, size_t len,
			u32 node_id)
{
	struct clusnet_net *cn = clusnet_net(net);

	mutex_lock(&cn->lock);
	memcpy(cn->cluster, name, len);
	cn->cluster[len] = '\0';
	cn->cluster_len = len;
	cn->node_id = node_id;
	mutex_unlock(&cn->lock);
	return 0;
}

static struct clusnet_node *clusnet_node_find(struct clusnet_net *cn, u32 id)
{
	struct clusnet_node *node;

	list_for_each_entry(node, &cn->nodes, link)
		if (node->id == id)
			return node;
	return NULL;
}

static bool clusnet_node_name_taken(struct clusnet_net *cn, u32 id,
				    const char *name, size_t len)
{
	struct clusnet_node *node;

	list_for_each_entry(node, &cn->nodes, link)
		if (node->id != id &&
		    clusnet_name_eq(node->name, node->name_len, name, len))
			return true;
	return false;
}

/* Kept in id order, as CLUSNET_IOC_NODES lists them. */
static void clusnet_node_insert(struct clusnet_net *cn,
				struct clusnet_node *new)
{
	struct clusnet_node *node;

	list_for_each_entry(node, &cn->nodes, link)
		if (node->id > new->id)
			break;
	list_add_tail(&new->link, &node->link);
	cn->node_count++;
}

/**
 * clusnet_node_set() - CLUSNET_IOC_NODE_SET without CLUSNET_NODE_DELETE
 * @net: the namespace
 * @id: the node's id, non-zero
 * @name: its name, not NUL-terminated
 * @len: the name's length, 1 to CLUSNET_NAME_MAX
 * @state: CLUSNET_NODE_*, checked by the caller
 *
 * Return: 0, -EEXIST when another node has the name, -ENOSPC at
 * CLUSNET_NODE_MAX nodes, -ENOMEM.
 */
int clusnet_node_set(struct net *net, u32 id, const char *name, size_t len,
		     u32 state)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_node *node, *new;
	int err = 0;

	/* Allocated before the lock, in case it is a new one. */
	new = kzalloc(sizeof(*new), GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;

	mutex_lock(&cn->lock);
	if (clusnet_node_name_taken(cn, id, name, len)) {
		err = -EEXIST;
		goto out;
	}
	node = clusnet_node_find(cn, id);
	if (!node) {
		if (cn->node_count >= CLUSNET_NODE_MAX) {
			err = -ENOSPC;
			goto out;
		}
		node = new;
		new = NULL;
		node->id = id;
		clusnet_node_insert(cn, node);
	}
	memcpy(node->name, name, len);
	node->name[len] = '\0';
	node->name_len = len;
	node->state = state;
out:
	mutex_unlock(&cn->lock);
	kfree(new);
	return err;
}

/**
 * clusnet_node_delete() - CLUSNET_IOC_NODE_SET with CLUSNET_NODE_DELETE
 * @net: the namespace
 * @id: the node's id
 *
 * Return: 0 or -ENOENT.
 */
int clusnet_node_delete(struct net *net, u32 id)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_node *node;

	mutex_lock(&cn->lock);
	node = clusnet_node_find(cn, id);
	if (node) {
		list_del(&node->link);
		cn->node_count--;
	}
	mutex_unlock(&cn->lock);
	kfree(node);
	return node ? 0 : -ENOENT;
}

/**
 * clusnet_node_snapshot() - CLUSNET_IOC_NODES's entries
 * @net: the namespace
 * @entries: at most @max entries, kvfree() them
 * @max: the caller's capacity
 * @count: how many nodes there are
 *
 * As clusnet_if_snapshot(), but the array is sized for the most nodes a
 * namespace may have, and filled under the lock: min(*count, @max)
 * entries are filled.
 *
 * Return: 0 or -ENOMEM.
 */
int clusnet_node_snapshot(struct net *net, struct clusnet_node_entry **entries,
			  u32 max, u32 *count)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_node_entry *e = NULL;
	struct clusnet_node *node;
	u32 n = min_t(u32, max, CLUSNET_NODE_MAX), i = 0;

	if (n) {
		e = kvcalloc(n, sizeof(*e), GFP_KERNEL_ACCOUNT);
		if (!e)
			return -ENOMEM;
	}
	*entries = e;
	mutex_lock(&cn->lock);
	list_for_each_entry(node, &cn->nodes, link) {
		if (i < n) {
			e[i].id = node->id;
			e[i].state = node->state;
			if (node->id == cn->node_id)
				e[i].flags = CLUSNET_NODE_LOCAL;
			strscpy(e[i].name, node->name, sizeof(e[i].name));
		}
		i++;
	}
	mutex_unlock(&cn->lock);
	*count = i;
	return 0;
}

/**
 * clusnet_if_set_state() - CLUSNET_IOC_SET_STATE
 * @net: the namespace
 * @name: the object's name, any case
 * @len: its length
 * @state: CLUSNET_STATE_*, checked by the caller
 *
 * Return: 0, -ENOENT, or -EINVAL for UNAVAILABLE on a local object (which
 * only its NIC can make so).
 */
int clusnet_if_set_state(struct net *net, const char *name, size_t len,
			 u32 state)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	int err = 0;

	mutex_lock(&cn->lock);
	obj = clusnet_if_find(cn, name, len);
	if (!obj)
		err = -ENOENT;
	else if (!obj->remote && state == CLUSNET_STATE_UNAVAILABLE)
		err = -EINVAL;
	else
		clusnet_set_cluster_state(cn, obj, state);
	mutex_unlock(&cn->lock);
	return err;
}
