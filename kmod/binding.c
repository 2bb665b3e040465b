// SPDX-License-Identifier: GPL-2.0
/*
 * Following NICs: binding objects to the netdev that carries the name
 * they follow, and keeping their state and network in step with it.
 *
 * An object follows a NIC by name within its namespace: whichever netdev
 * carries that name is the one it reports on, across down/up, carrier
 * changes, unregistration and re-registration, renames and moves between
 * namespaces. A bound object holds a tracked reference that is dropped on
 * NETDEV_UNREGISTER, so unregistering a NIC never waits for us. Binding
 * and unbinding happen under RTNL and the namespace's lock, in that order.
 *
 * Two per-namespace indexes keep a NIC event's cost to the objects it
 * concerns: every object by the name it follows, and bound objects by the
 * ifindex of their NIC (which a rename keeps).
 */
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>

#include "clusnet.h"

static const struct rhashtable_params clusnet_ifname_params = {
	.head_offset = offsetof(struct clusnet_if, ifname_node),
	.key_offset = offsetof(struct clusnet_if, ifname),
	.key_len = IFNAMSIZ,
	.automatic_shrinking = true,
};

static const struct rhashtable_params clusnet_ifindex_params = {
	.head_offset = offsetof(struct clusnet_if, ifindex_node),
	.key_offset = offsetof(struct clusnet_if, bound_ifindex),
	.key_len = sizeof(int),
	.automatic_shrinking = true,
};

/** clusnet_binding_net_init() - a namespace's indexes, empty */
int clusnet_binding_net_init(struct clusnet_net *cn)
{
	int err;

	err = rhltable_init(&cn->by_ifname, &clusnet_ifname_params);
	if (err)
		return err;
	err = rhltable_init(&cn->by_ifindex, &clusnet_ifindex_params);
	if (err)
		rhltable_destroy(&cn->by_ifname);
	return err;
}

/** clusnet_binding_net_exit() - once no object is left */
void clusnet_binding_net_exit(struct clusnet_net *cn)
{
	rhltable_destroy(&cn->by_ifindex);
	rhltable_destroy(&cn->by_ifname);
}

static struct net_device *clusnet_dev_of(struct clusnet_net *cn,
					 struct clusnet_if *obj)
{
	return rcu_dereference_protected(obj->dev, lockdep_is_held(&cn->lock));
}

static u8 clusnet_nic_state(const struct net_device *dev)
{
	if (netif_running(dev) && netif_carrier_ok(dev) && netif_oper_up(dev))
		return CLUSNET_STATE_UP;
	return CLUSNET_STATE_FAILED;
}

/* A local object's state: its NIC's, and then what the cluster sees. */
static u8 clusnet_local_state(const struct clusnet_if *obj,
			      const struct net_device *dev)
{
	u8 nic = clusnet_nic_state(dev);

	return nic == CLUSNET_STATE_UP ? obj->cluster_state : nic;
}

/* The only writer of obj->state. Tells readers what changed. */
static void clusnet_set_state(struct clusnet_net *cn, struct clusnet_if *obj,
			      u8 state, u32 changes)
{
	u8 old = obj->state;

	lockdep_assert_held(&cn->lock);
	clusnet_network_restate(cn, obj, old, state);
	WRITE_ONCE(obj->state, state);
	if (old != state)
		changes |= CLUSNET_EVENT_STATE;
	if (changes)
		clusnet_if_event(obj, changes, old);
}

static void clusnet_bind(struct clusnet_net *cn, struct clusnet_if *obj,
			 struct net_device *dev)
{
	ASSERT_RTNL();
	obj->bound_ifindex = dev->ifindex;
	if (rhltable_insert(&cn->by_ifindex, &obj->ifindex_node,
			    clusnet_ifindex_params)) {
		net_warn_ratelimited("clusnet: %s cannot follow %s: no memory\n",
				     obj->name, dev->name);
		return;
	}
	netdev_hold(dev, &obj->dev_tracker, GFP_KERNEL);
	rcu_assign_pointer(obj->dev, dev);
	/* Another NIC: other addresses, and maybe another network. */
	clusnet_network_update(cn, obj);
	clusnet_set_state(cn, obj, clusnet_local_state(obj, dev),
			  CLUSNET_EVENT_PROPERTY);
}

static void clusnet_unbind(struct clusnet_net *cn, struct clusnet_if *obj)
{
	struct net_device *dev = clusnet_dev_of(cn, obj);

	if (!dev)
		return;
	ASSERT_RTNL();
	rhltable_remove(&cn->by_ifindex, &obj->ifindex_node,
			clusnet_ifindex_params);
	/*
	 * Readers under RCU may still use dev; unregistration waits for a
	 * grace period after the notifiers before it frees the device.
	 */
	RCU_INIT_POINTER(obj->dev, NULL);
	netdev_put(dev, &obj->dev_tracker);
	/* Being deleted: it leaves its network with clusnet_network_drop(). */
	if (obj->listed)
		clusnet_network_update(cn, obj);
	clusnet_set_state(cn, obj, CLUSNET_STATE_UNAVAILABLE,
			  CLUSNET_EVENT_PROPERTY);
}

/**
 * clusnet_follow() - a new object starts following its NIC name
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @net: the namespace
 * @obj: the object
 *
 * Return: 0 or -ENOMEM; the object is then in no index.
 */
int clusnet_follow(struct clusnet_net *cn, struct net *net,
		   struct clusnet_if *obj)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	lockdep_assert_held(&cn->lock);
	err = rhltable_insert(&cn->by_ifname, &obj->ifname_node,
			      clusnet_ifname_params);
	if (err)
		return err;
	dev = __dev_get_by_name(net, obj->ifname);
	if (dev && dev->reg_state == NETREG_REGISTERED)
		clusnet_bind(cn, obj, dev);
	return 0;
}

/**
 * clusnet_unfollow() - an object stops following its NIC
 * @cn: the namespace's registry, locked; with RTNL if the object is bound
 * @obj: the object
 */
void clusnet_unfollow(struct clusnet_net *cn, struct clusnet_if *obj)
{
	lockdep_assert_held(&cn->lock);
	clusnet_unbind(cn, obj);
	rhltable_remove(&cn->by_ifname, &obj->ifname_node,
			clusnet_ifname_params);
}

/**
 * clusnet_set_cluster_state() - what the cluster sees of an object
 * @cn: the namespace's registry, locked
 * @obj: the object
 * @state: a remote object's state; for a local one, CLUSNET_STATE_UP,
 *	UNREACHABLE or FAILED, which count only while its NIC is running
 *
 * A local object's NIC may change meanwhile without RTNL held here: its
 * notifier then runs after us, under the same lock, and sets the state
 * again from both.
 */
void clusnet_set_cluster_state(struct clusnet_net *cn, struct clusnet_if *obj,
			       u8 state)
{
	struct net_device *dev;

	lockdep_assert_held(&cn->lock);
	if (obj->remote) {
		clusnet_set_state(cn, obj, state, 0);
		return;
	}
	obj->cluster_state = state;
	dev = clusnet_dev_of(cn, obj);
	if (dev)
		clusnet_set_state(cn, obj, clusnet_local_state(obj, dev), 0);
}

/**
 * clusnet_refollow() - an object follows another NIC name, staying bound
 * @cn: the namespace's registry, locked
 * @obj: the object
 * @ifname: the name
 *
 * Return: 0, or -ENOMEM; the object then follows no name (but stays bound).
 */
int clusnet_refollow(struct clusnet_net *cn, struct clusnet_if *obj,
		     const char *ifname)
{
	lockdep_assert_held(&cn->lock);
	rhltable_remove(&cn->by_ifname, &obj->ifname_node,
			clusnet_ifname_params);
	write_seqlock_bh(&obj->seq);
	memset(obj->ifname, 0, sizeof(obj->ifname));
	strscpy(obj->ifname, ifname, sizeof(obj->ifname));
	write_sequnlock_bh(&obj->seq);
	return rhltable_insert(&cn->by_ifname, &obj->ifname_node,
			       clusnet_ifname_params);
}

/*
 * The one walk over the objects a NIC concerns, under RCU: those that
 * follow its name, or those bound to it. @visit must not sleep.
 */
static void clusnet_walk(struct clusnet_net *cn, struct net_device *dev,
			 enum clusnet_by by,
			 void (*visit)(struct clusnet_if *obj, void *arg),
			 void *arg)
{
	struct rhlist_head *pos, *list;
	char key[IFNAMSIZ] = {};
	struct clusnet_if *obj;

	rcu_read_lock();
	if (by == CLUSNET_FOLLOWING) {
		strscpy(key, dev->name, sizeof(key));
		list = rhltable_lookup(&cn->by_ifname, key,
				       clusnet_ifname_params);
	} else {
		list = rhltable_lookup(&cn->by_ifindex, &dev->ifindex,
				       clusnet_ifindex_params);
	}
	rhl_for_each_rcu(pos, list) {
		if (by == CLUSNET_FOLLOWING) {
			obj = container_of(pos, struct clusnet_if, ifname_node);
		} else {
			obj = container_of(pos, struct clusnet_if, ifindex_node);
			/* The ifindex may be another namespace's NIC's too. */
			if (rcu_access_pointer(obj->dev) != dev)
				continue;
		}
		visit(obj, arg);
	}
	rcu_read_unlock();
}

static void clusnet_gather_one(struct clusnet_if *obj, void *arg)
{
	/* On one work list at a time: nobody gathers while acting. */
	if (WARN_ON_ONCE(!list_empty(&obj->work_link)))
		return;
	list_add_tail(&obj->work_link, arg);
}

/**
 * clusnet_for_each() - acts on each object a NIC event concerns
 * @cn: the namespace's registry, locked (so that no object goes away)
 * @dev: the NIC
 * @by: which objects: following its name, or bound to it
 * @fn: what to do to each; it may sleep, bind, unbind or delete the object
 *	it is given, but must not call clusnet_for_each() itself
 *
 * The objects are gathered first: binding sleeps and unbinding edits the
 * index, neither of which may happen while walking it under RCU.
 */
void clusnet_for_each(struct clusnet_net *cn, struct net_device *dev,
		      enum clusnet_by by, clusnet_if_fn fn)
{
	struct clusnet_if *obj, *tmp;
	LIST_HEAD(work);

	lockdep_assert_held(&cn->lock);
	clusnet_walk(cn, dev, by, clusnet_gather_one, &work);
	list_for_each_entry_safe(obj, tmp, &work, work_link) {
		list_del_init(&obj->work_link);
		fn(cn, obj, dev);
	}
}

struct clusnet_post {
	u32 changes;
};

static void clusnet_post_one(struct clusnet_if *obj, void *arg)
{
	const struct clusnet_post *post = arg;

	clusnet_if_event(obj, post->changes, READ_ONCE(obj->state));
}

/**
 * clusnet_post_rcu() - tells the objects bound to a NIC that it changed,
 * from any context, without the namespace's lock
 * @cn: the namespace's registry
 * @dev: the NIC
 * @changes: CLUSNET_EVENT_* bits
 */
void clusnet_post_rcu(struct clusnet_net *cn, struct net_device *dev,
		      u32 changes)
{
	struct clusnet_post post = { .changes = changes };

	clusnet_walk(cn, dev, CLUSNET_BOUND, clusnet_post_one, &post);
}

static void clusnet_found_one(struct clusnet_if *obj, void *arg)
{
	*(bool *)arg = true;
}

/**
 * clusnet_nic_followed() - whether any object is bound to a NIC
 * @cn: the namespace's registry
 * @dev: the NIC
 *
 * Return: true if one is.
 */
bool clusnet_nic_followed(struct clusnet_net *cn, struct net_device *dev)
{
	bool found = false;

	clusnet_walk(cn, dev, CLUSNET_BOUND, clusnet_found_one, &found);
	return found;
}

static void clusnet_admin_one(struct clusnet_if *obj, void *arg)
{
	if (!obj->autobound)
		*(bool *)arg = true;
}

/**
 * clusnet_name_followed_by_admin() - whether an object an admin made
 * follows a NIC name
 * @cn: the namespace's registry, locked
 * @dev: the NIC whose current name to look for
 *
 * Return: true if one does.
 */
bool clusnet_name_followed_by_admin(struct clusnet_net *cn,
				    struct net_device *dev)
{
	bool found = false;

	clusnet_walk(cn, dev, CLUSNET_FOLLOWING, clusnet_admin_one, &found);
	return found;
}

static void clusnet_bind_one(struct clusnet_net *cn, struct clusnet_if *obj,
			     struct net_device *dev)
{
	if (!clusnet_dev_of(cn, obj))
		clusnet_bind(cn, obj, dev);
}

/**
 * clusnet_nic_named() - a NIC appeared under a name, by registration or
 * rename: the objects following that name bind to it
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC
 */
void clusnet_nic_named(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_FOLLOWING, clusnet_bind_one);
}

static void clusnet_unbind_renamed(struct clusnet_net *cn,
				   struct clusnet_if *obj,
				   struct net_device *dev)
{
	if (strcmp(obj->ifname, dev->name))
		clusnet_unbind(cn, obj);
}

/**
 * clusnet_nic_renamed() - objects that follow the old name let go of a
 * renamed NIC (autobound objects went with it before, see autobind.c)
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC, under its new name
 */
void clusnet_nic_renamed(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_BOUND, clusnet_unbind_renamed);
}

static void clusnet_restate_one(struct clusnet_net *cn,
				struct clusnet_if *obj, struct net_device *dev)
{
	clusnet_set_state(cn, obj, clusnet_local_state(obj, dev), 0);
}

/**
 * clusnet_nic_changed() - a NIC went up or down, or its carrier changed
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC
 */
void clusnet_nic_changed(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_BOUND, clusnet_restate_one);
}

static void clusnet_tell_one(struct clusnet_net *cn, struct clusnet_if *obj,
			     struct net_device *dev)
{
	clusnet_if_event(obj, CLUSNET_EVENT_PROPERTY, obj->state);
}

/**
 * clusnet_nic_property() - a property the NIC reports changed (its MAC
 * address)
 * @cn: the namespace's registry, locked
 * @dev: the NIC
 */
void clusnet_nic_property(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_BOUND, clusnet_tell_one);
}

static void clusnet_unbind_one(struct clusnet_net *cn, struct clusnet_if *obj,
			       struct net_device *dev)
{
	clusnet_unbind(cn, obj);
}

/**
 * clusnet_nic_gone() - a NIC was unregistered or left for another namespace
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC
 */
void clusnet_nic_gone(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_BOUND, clusnet_unbind_one);
}

static void clusnet_readdress_one(struct clusnet_net *cn,
				  struct clusnet_if *obj,
				  struct net_device *dev)
{
	clusnet_network_update(cn, obj);
	clusnet_if_event(obj, CLUSNET_EVENT_PROPERTY, obj->state);
}

/**
 * clusnet_nic_readdressed() - a NIC's IPv4 addresses changed: they decide
 * the network
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC
 */
void clusnet_nic_readdressed(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_BOUND, clusnet_readdress_one);
}
