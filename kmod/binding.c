// SPDX-License-Identifier: GPL-2.0
/*
 * Binding objects to NICs, and following them.
 *
 * An object follows a NIC by name within its namespace: whichever netdev
 * carries that name is the one it reports on, across down/up, carrier
 * changes, unregistration and re-registration, renames and moves between
 * namespaces. One module-wide notifier does all of it under RTNL; a bound
 * object holds a tracked reference that is dropped on NETDEV_UNREGISTER,
 * so unregistering a NIC never waits for us.
 *
 * Two per-namespace indexes keep a NIC event's cost to the objects it
 * concerns: every object by the name it follows, and bound objects by the
 * ifindex of their NIC (which a rename keeps).
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

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

void clusnet_binding_net_exit(struct clusnet_net *cn)
{
	rhltable_destroy(&cn->by_ifindex);
	rhltable_destroy(&cn->by_ifname);
}

static u8 clusnet_nic_state(const struct net_device *dev)
{
	if (netif_running(dev) && netif_carrier_ok(dev) && netif_oper_up(dev))
		return CLUSNET_STATE_UP;
	return CLUSNET_STATE_FAILED;
}

/* Under RTNL: the only writer. Tells readers what changed. */
void clusnet_set_state(struct clusnet_net *cn, struct clusnet_if *obj,
		       u8 state, u32 changes)
{
	u8 old = obj->state;

	WRITE_ONCE(obj->state, state);
	if (old != state)
		changes |= CLUSNET_EVENT_STATE;
	if (changes)
		clusnet_if_event(cn, obj, changes, old);
}

static void clusnet_bind(struct clusnet_net *cn, struct clusnet_if *obj,
			 struct net_device *dev)
{
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
	clusnet_set_state(cn, obj, clusnet_nic_state(dev),
			  CLUSNET_EVENT_PROPERTY);
}

static void clusnet_unbind(struct clusnet_net *cn, struct clusnet_if *obj)
{
	struct net_device *dev = rtnl_dereference(obj->dev);

	if (!dev)
		return;
	rhltable_remove(&cn->by_ifindex, &obj->ifindex_node,
			clusnet_ifindex_params);
	/*
	 * Readers under RCU may still use dev; unregistration waits for a
	 * grace period after the notifiers before it frees the device.
	 */
	RCU_INIT_POINTER(obj->dev, NULL);
	netdev_put(dev, &obj->dev_tracker);
	clusnet_network_update(cn, obj);
	clusnet_set_state(cn, obj, CLUSNET_STATE_UNAVAILABLE,
			  CLUSNET_EVENT_PROPERTY);
}

/* A new object starts following its NIC name. Called under RTNL. */
int clusnet_follow(struct net *net, struct clusnet_if *obj)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	err = rhltable_insert(&cn->by_ifname, &obj->ifname_node,
			      clusnet_ifname_params);
	if (err)
		return err;
	dev = __dev_get_by_name(net, obj->ifname);
	if (dev && dev->reg_state == NETREG_REGISTERED)
		clusnet_bind(cn, obj, dev);
	return 0;
}

void clusnet_unfollow(struct clusnet_net *cn, struct clusnet_if *obj)
{
	ASSERT_RTNL();
	clusnet_unbind(cn, obj);
	rhltable_remove(&cn->by_ifname, &obj->ifname_node,
			clusnet_ifname_params);
}

/*
 * The objects an event concerns, gathered first: binding sleeps and
 * unbinding edits the index, neither of which may happen while walking it
 * under RCU. RTNL keeps the gathered objects alive.
 */
static void clusnet_following(struct clusnet_net *cn, const char *ifname,
			      struct list_head *work)
{
	char key[IFNAMSIZ] = {};
	struct rhlist_head *pos, *list;
	struct clusnet_if *obj;

	strscpy(key, ifname, sizeof(key));
	rcu_read_lock();
	list = rhltable_lookup(&cn->by_ifname, key, clusnet_ifname_params);
	rhl_for_each_entry_rcu(obj, pos, list, ifname_node)
		list_add_tail(&obj->event_link, work);
	rcu_read_unlock();
}

static void clusnet_bound_to(struct clusnet_net *cn, struct net_device *dev,
			     struct list_head *work)
{
	struct rhlist_head *pos, *list;
	struct clusnet_if *obj;

	rcu_read_lock();
	list = rhltable_lookup(&cn->by_ifindex, &dev->ifindex,
			       clusnet_ifindex_params);
	rhl_for_each_entry_rcu(obj, pos, list, ifindex_node)
		if (rcu_access_pointer(obj->dev) == dev)
			list_add_tail(&obj->event_link, work);
	rcu_read_unlock();
}

/* Hardware, real or emulated, has a parent bus device; lo, dummy, veth... not. */
static void clusnet_autobind_dev(struct net *net, struct net_device *dev)
{
	struct clusnet_net *cn = clusnet_net(net);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_if_spec spec = {
		.name = name,
		.ifname = dev->name,
		.sec = {
			.owner = GLOBAL_ROOT_UID,
			.group = GLOBAL_ROOT_GID,
			.mode = CLUSNET_MODE_DEFAULT,
		},
		.autobound = true,
		.gfp = GFP_KERNEL,
	};
	struct clusnet_if *obj;

	if (!cn->autobind || !dev->dev.parent)
		return;

	spec.name_len = scnprintf(name, sizeof(name), "%s - %s",
				  cn->node, dev->name);
	obj = clusnet_if_create(net, &spec);
	/* An object of that name already exists: it is the admin's choice. */
	if (IS_ERR(obj) && PTR_ERR(obj) != -EEXIST)
		net_warn_ratelimited("clusnet: no object for %s: %pe\n",
				     dev->name, obj);
}

void clusnet_autobind_all(struct net *net)
{
	struct net_device *dev;

	ASSERT_RTNL();
	for_each_netdev(net, dev)
		clusnet_autobind_dev(net, dev);
}

/* A NIC appeared under a name, by registration or by rename. */
static void clusnet_nic_named(struct net *net, struct net_device *dev)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	LIST_HEAD(work);

	clusnet_following(cn, dev->name, &work);
	list_for_each_entry(obj, &work, event_link)
		if (!rtnl_dereference(obj->dev))
			clusnet_bind(cn, obj, dev);
	clusnet_autobind_dev(net, dev);
}

static void clusnet_nic_renamed(struct net *net, struct net_device *dev)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	LIST_HEAD(work);

	clusnet_bound_to(cn, dev, &work);
	list_for_each_entry(obj, &work, event_link)
		if (strcmp(obj->ifname, dev->name))
			clusnet_unbind(cn, obj);
	clusnet_nic_named(net, dev);
}

static void clusnet_nic_changed(struct net *net, struct net_device *dev)
{
	struct clusnet_net *cn = clusnet_net(net);
	u8 state = clusnet_nic_state(dev);
	struct clusnet_if *obj;
	LIST_HEAD(work);

	clusnet_bound_to(cn, dev, &work);
	list_for_each_entry(obj, &work, event_link)
		clusnet_set_state(cn, obj, state, 0);
}

/* A property the NIC reports changed: its MAC address. */
static void clusnet_nic_property(struct net *net, struct net_device *dev)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	LIST_HEAD(work);

	clusnet_bound_to(cn, dev, &work);
	list_for_each_entry(obj, &work, event_link)
		clusnet_if_event(cn, obj, CLUSNET_EVENT_PROPERTY, obj->state);
}

/* Also sent when the NIC moves to another namespace: it has left ours. */
static void clusnet_nic_gone(struct net *net, struct net_device *dev)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	LIST_HEAD(work);

	clusnet_bound_to(cn, dev, &work);
	list_for_each_entry(obj, &work, event_link)
		clusnet_unbind(cn, obj);
}

/*
 * Registration of this notifier replays REGISTER and UP for every NIC, and
 * unregistration replays DOWN and UNREGISTER; UNREGISTER is also repeated
 * while a device waits for its references. Every case is idempotent.
 */
static int clusnet_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct net *net = dev_net(dev);

	switch (event) {
	case NETDEV_REGISTER:
		clusnet_nic_named(net, dev);
		break;
	case NETDEV_CHANGENAME:
		clusnet_nic_renamed(net, dev);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		clusnet_nic_changed(net, dev);
		break;
	case NETDEV_UNREGISTER:
		clusnet_nic_gone(net, dev);
		break;
	case NETDEV_CHANGEADDR:
		clusnet_nic_property(net, dev);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block clusnet_netdev_notifier = {
	.notifier_call = clusnet_netdev_event,
};

/* IPv4 addresses come and go under RTNL; they decide the network. */
static int clusnet_inetaddr_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct in_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->ifa_dev->dev;
	struct clusnet_net *cn = clusnet_net(dev_net(dev));
	struct clusnet_if *obj;
	LIST_HEAD(work);

	if (event != NETDEV_UP && event != NETDEV_DOWN)
		return NOTIFY_DONE;
	clusnet_bound_to(cn, dev, &work);
	list_for_each_entry(obj, &work, event_link) {
		clusnet_network_update(cn, obj);
		clusnet_if_event(cn, obj, CLUSNET_EVENT_PROPERTY, obj->state);
	}
	return NOTIFY_DONE;
}

static struct notifier_block clusnet_inetaddr_notifier = {
	.notifier_call = clusnet_inetaddr_event,
};

#if IS_ENABLED(CONFIG_IPV6)
/*
 * IPv6 addresses only show in the properties. This chain is atomic and
 * may run without RTNL: look the objects up under RCU, post, and go.
 */
static int clusnet_inet6addr_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->idev->dev;
	struct clusnet_net *cn = clusnet_net(dev_net(dev));
	struct rhlist_head *pos, *list;
	struct clusnet_if *obj;

	if (event != NETDEV_UP && event != NETDEV_DOWN)
		return NOTIFY_DONE;
	rcu_read_lock();
	list = rhltable_lookup(&cn->by_ifindex, &dev->ifindex,
			       clusnet_ifindex_params);
	rhl_for_each_entry_rcu(obj, pos, list, ifindex_node)
		if (rcu_access_pointer(obj->dev) == dev)
			clusnet_if_event(cn, obj, CLUSNET_EVENT_PROPERTY,
					 READ_ONCE(obj->state));
	rcu_read_unlock();
	return NOTIFY_DONE;
}

static struct notifier_block clusnet_inet6addr_notifier = {
	.notifier_call = clusnet_inet6addr_event,
};

static int clusnet_inet6addr_init(void)
{
	return register_inet6addr_notifier(&clusnet_inet6addr_notifier);
}

static void clusnet_inet6addr_exit(void)
{
	unregister_inet6addr_notifier(&clusnet_inet6addr_notifier);
}
#else
static int clusnet_inet6addr_init(void)
{
	return 0;
}

static void clusnet_inet6addr_exit(void)
{
}
#endif

int clusnet_binding_init(void)
{
	int err;

	err = register_netdevice_notifier(&clusnet_netdev_notifier);
	if (err)
		return err;
	err = register_inetaddr_notifier(&clusnet_inetaddr_notifier);
	if (err)
		goto err_netdev;
	err = clusnet_inet6addr_init();
	if (err)
		goto err_inet;
	return 0;

err_inet:
	unregister_inetaddr_notifier(&clusnet_inetaddr_notifier);
err_netdev:
	unregister_netdevice_notifier(&clusnet_netdev_notifier);
	return err;
}

void clusnet_binding_exit(void)
{
	clusnet_inet6addr_exit();
	unregister_inetaddr_notifier(&clusnet_inetaddr_notifier);
	unregister_netdevice_notifier(&clusnet_netdev_notifier);
}
