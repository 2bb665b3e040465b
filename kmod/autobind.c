// SPDX-License-Identifier: GPL-2.0
/*
 * Autobind: every NIC with a parent bus device (real or emulated hardware;
 * not lo, dummy, veth or bridges) that no object follows gets one, named
 * as Windows names a node's interface: "<node> - <adapter name>".
 *
 * The object goes with its NIC: when the NIC is renamed (udev does at
 * boot), the object takes the new name and keeps its id, its handles and
 * its state, as a Windows cluster interface does when its adapter is
 * renamed. It is deleted instead when an object an admin made follows the
 * new name, or when another object has the new name: the admin's object
 * is the one that counts, and a NIC never has a second, autobound object.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include <net/net_namespace.h>

#include "clusnet.h"

/* Room for the name after any rename: the node's and the longest ifname. */
#define CLUSNET_AUTOBIND_SEP " - "

static size_t clusnet_autobind_name(struct clusnet_net *cn, const char *ifname,
				    char *buf, size_t size)
{
	return scnprintf(buf, size, "%s" CLUSNET_AUTOBIND_SEP "%s", cn->node,
			 ifname);
}

/*
 * The namespace's own root: in a container's namespace the global root is
 * nobody anyone there can name. A user namespace without a root mapping
 * leaves the global root.
 */
static void clusnet_autobind_owner(struct net *net, struct clusnet_sec *sec)
{
	sec->owner = make_kuid(net->user_ns, 0);
	sec->group = make_kgid(net->user_ns, 0);
	if (!uid_valid(sec->owner))
		sec->owner = GLOBAL_ROOT_UID;
	if (!gid_valid(sec->group))
		sec->group = GLOBAL_ROOT_GID;
	sec->mode = CLUSNET_MODE_DEFAULT;
}

/**
 * clusnet_autobind_nic() - gives a NIC an object, if autobind says so
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC, after the objects following its name were bound to it
 */
void clusnet_autobind_nic(struct clusnet_net *cn, struct net_device *dev)
{
	struct net *net = dev_net(dev);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_if_spec spec = {
		.name = name,
		.ifname = dev->name,
		.autobound = true,
		.gfp = GFP_KERNEL,
	};
	struct clusnet_if *obj;

	if (!READ_ONCE(cn->autobind) || !dev->dev.parent ||
	    clusnet_nic_followed(cn, dev))
		return;

	clusnet_autobind_owner(net, &spec.sec);
	spec.name_len = clusnet_autobind_name(cn, dev->name, name,
					      sizeof(name));
	spec.name_room = min_t(size_t, CLUSNET_NAME_MAX,
			       strlen(cn->node) +
			       strlen(CLUSNET_AUTOBIND_SEP) + IFNAMSIZ - 1);
	obj = clusnet_if_add(cn, net, &spec);
	/* An object of that name already exists: it is the admin's choice. */
	if (IS_ERR(obj) && PTR_ERR(obj) != -EEXIST)
		net_warn_ratelimited("clusnet: no object for %s: %pe\n",
				     dev->name, obj);
}

static void clusnet_autobind_follow(struct clusnet_net *cn,
				    struct clusnet_if *obj,
				    struct net_device *dev)
{
	char name[CLUSNET_NAME_MAX + 1];
	size_t len;

	if (!obj->autobound || !strcmp(obj->ifname, dev->name))
		return;
	if (clusnet_name_followed_by_admin(cn, dev))
		goto drop;
	len = clusnet_autobind_name(cn, dev->name, name, sizeof(name));
	if (clusnet_if_rename(cn, obj, name, len))
		goto drop;
	if (clusnet_refollow(cn, obj, dev->name))
		goto drop;
	return;

drop:
	clusnet_if_unlink(cn, obj);
}

/**
 * clusnet_autobind_renamed() - autobound objects go with their renamed NIC
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @dev: the NIC, under its new name
 */
void clusnet_autobind_renamed(struct clusnet_net *cn, struct net_device *dev)
{
	clusnet_for_each(cn, dev, CLUSNET_BOUND, clusnet_autobind_follow);
}

/**
 * clusnet_autobind_set() - CLUSNET_IOC_AUTOBIND's switch
 * @net: the namespace
 * @enable: on: the NICs present that have no object get one
 */
void clusnet_autobind_set(struct net *net, bool enable)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct net_device *dev;

	rtnl_lock();
	mutex_lock(&cn->lock);
	WRITE_ONCE(cn->autobind, enable);
	if (enable) {
		for_each_netdev(net, dev)
			clusnet_autobind_nic(cn, dev);
	}
	mutex_unlock(&cn->lock);
	rtnl_unlock();
}
