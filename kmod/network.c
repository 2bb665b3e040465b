// SPDX-License-Identifier: GPL-2.0
/*
 * Cluster networks, found the way Windows finds them: one per IPv4 subnet
 * seen on the bound NICs. An object is on the network of its NIC's primary
 * IPv4 subnet, or on the network an admin named when creating it.
 *
 * A network lives while it has members, and keeps its id and name (an
 * admin may rename it) for that long; a new one takes the smallest free
 * "Cluster Network N". Networks change only under RTNL, which also
 * serialises address changes; readers of an object's network name do not
 * take RTNL and go through RCU and the network's lock instead.
 */
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "clusnet.h"

#define CLUSNET_NETWORK_PREFIX "Cluster Network "

static struct clusnet_network *
clusnet_network_by_name(struct clusnet_net *cn, const char *name, size_t len)
{
	struct clusnet_network *nw;

	list_for_each_entry(nw, &cn->networks, link)
		if (clusnet_name_eq(nw->name, strlen(nw->name), name, len))
			return nw;
	return NULL;
}

static struct clusnet_network *clusnet_network_alloc(struct clusnet_net *cn)
{
	struct clusnet_network *nw;

	/* Not charged: address changes come from whoever set an address. */
	nw = kzalloc(sizeof(*nw), GFP_KERNEL);
	if (!nw)
		return NULL;
	nw->id = clusnet_new_id();
	spin_lock_init(&nw->lock);
	list_add_tail(&nw->link, &cn->networks);
	return nw;
}

/* The smallest N for which no network is called "Cluster Network N". */
static void clusnet_network_number(struct clusnet_net *cn,
				   struct clusnet_network *nw)
{
	char name[sizeof(nw->name)];
	unsigned int n;

	for (n = 1; ; n++) {
		scnprintf(name, sizeof(name), CLUSNET_NETWORK_PREFIX "%u", n);
		if (!clusnet_network_by_name(cn, name, strlen(name)))
			break;
	}
	strscpy(nw->name, name, sizeof(nw->name));
}

static struct clusnet_network *
clusnet_network_by_subnet(struct clusnet_net *cn, __be32 subnet, u8 prefixlen)
{
	struct clusnet_network *nw;

	list_for_each_entry(nw, &cn->networks, link)
		if ((nw->flags & CLUSNET_NETWORK_DISCOVERED) &&
		    nw->subnet == subnet && nw->prefixlen == prefixlen)
			return nw;
	return NULL;
}

static void clusnet_network_join(struct clusnet_if *obj,
				 struct clusnet_network *nw)
{
	nw->members++;
	rcu_assign_pointer(obj->nw, nw);
}

void clusnet_network_leave(struct clusnet_net *cn, struct clusnet_if *obj)
{
	struct clusnet_network *nw = rtnl_dereference(obj->nw);

	ASSERT_RTNL();
	if (!nw)
		return;
	RCU_INIT_POINTER(obj->nw, NULL);
	if (--nw->members)
		return;
	list_del(&nw->link);
	kfree_rcu(nw, rcu);
}

/* The subnet of the NIC's primary IPv4 address, if it has one. */
static bool clusnet_primary_subnet(struct clusnet_if *obj, __be32 *subnet,
				   u8 *prefixlen)
{
	struct net_device *dev = rtnl_dereference(obj->dev);
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;

	if (!dev)
		return false;
	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev)
		return false;
	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		if (ifa->ifa_flags & IFA_F_SECONDARY)
			continue;
		*subnet = ifa->ifa_local & ifa->ifa_mask;
		*prefixlen = ifa->ifa_prefixlen;
		return true;
	}
	return false;
}

/*
 * Puts a discovered object on the network its NIC's addresses say, making
 * that network if needed. Returns whether the object changed network.
 * Called under RTNL whenever the NIC or its IPv4 addresses change.
 */
bool clusnet_network_update(struct clusnet_net *cn, struct clusnet_if *obj)
{
	struct clusnet_network *cur = rtnl_dereference(obj->nw), *nw;
	__be32 subnet;
	u8 prefixlen;

	ASSERT_RTNL();
	if (obj->pinned)
		return false;

	if (!clusnet_primary_subnet(obj, &subnet, &prefixlen)) {
		clusnet_network_leave(cn, obj);
		return !!cur;
	}
	if (cur && cur->subnet == subnet && cur->prefixlen == prefixlen)
		return false;

	/* Leave first, so that a network of ours going away frees its number. */
	clusnet_network_leave(cn, obj);
	nw = clusnet_network_by_subnet(cn, subnet, prefixlen);
	if (!nw) {
		nw = clusnet_network_alloc(cn);
		if (!nw) {
			/* On no network until the next address change. */
			net_warn_ratelimited("clusnet: %s: no memory for a network\n",
					     obj->name);
			return true;
		}
		nw->subnet = subnet;
		nw->prefixlen = prefixlen;
		nw->flags = CLUSNET_NETWORK_DISCOVERED;
		clusnet_network_number(cn, nw);
	}
	clusnet_network_join(obj, nw);
	return true;
}

/* At create: the object stays on the network of that name. */
int clusnet_network_pin(struct clusnet_net *cn, struct clusnet_if *obj,
			const char *name, size_t len)
{
	struct clusnet_network *nw;

	ASSERT_RTNL();
	nw = clusnet_network_by_name(cn, name, len);
	if (!nw) {
		nw = clusnet_network_alloc(cn);
		if (!nw)
			return -ENOMEM;
		nw->flags = CLUSNET_NETWORK_PINNED;
		memcpy(nw->name, name, len);
	}
	obj->pinned = true;
	clusnet_network_join(obj, nw);
	return 0;
}

void clusnet_network_name(struct clusnet_if *obj, char *buf, size_t size)
{
	struct clusnet_network *nw;

	buf[0] = '\0';
	rcu_read_lock();
	nw = rcu_dereference(obj->nw);
	if (nw) {
		spin_lock(&nw->lock);
		strscpy(buf, nw->name, size);
		spin_unlock(&nw->lock);
	}
	rcu_read_unlock();
}

u64 clusnet_network_id(struct clusnet_if *obj)
{
	struct clusnet_network *nw;
	u64 id = 0;

	rcu_read_lock();
	nw = rcu_dereference(obj->nw);
	if (nw)
		id = nw->id;
	rcu_read_unlock();
	return id;
}

int clusnet_network_rename(struct net *net, u64 id, const char *name,
			   size_t len)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_network *nw, *other;
	struct clusnet_if *obj;
	int err = -ENOENT;

	rtnl_lock();
	list_for_each_entry(nw, &cn->networks, link)
		if (nw->id == id)
			break;
	if (list_entry_is_head(nw, &cn->networks, link))
		goto out;

	err = -EEXIST;
	other = clusnet_network_by_name(cn, name, len);
	if (other && other != nw)
		goto out;

	spin_lock(&nw->lock);
	memset(nw->name, 0, sizeof(nw->name));
	memcpy(nw->name, name, len);
	spin_unlock(&nw->lock);
	nw->flags |= CLUSNET_NETWORK_RENAMED;

	/* Their Network property changed. */
	list_for_each_entry(obj, &cn->objects, link)
		if (rtnl_dereference(obj->nw) == nw)
			clusnet_if_event(cn, obj, CLUSNET_EVENT_PROPERTY,
					 obj->state);
	err = 0;
out:
	rtnl_unlock();
	return err;
}

/* As the uapi header defines it, from the members' states. */
static u32 clusnet_network_state(const struct clusnet_network *nw)
{
	if (!nw->avail)
		return CLUSNET_NETWORK_UNAVAILABLE;
	if (nw->up == nw->avail)
		return CLUSNET_NETWORK_UP;
	if (nw->up >= 2)
		return CLUSNET_NETWORK_PARTITIONED;
	return CLUSNET_NETWORK_DOWN;
}

/* Fills at most max entries; *count is the number of networks. */
int clusnet_network_snapshot(struct net *net,
			     struct clusnet_network_entry **entries,
			     u32 max, u32 *count)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_network_entry *e = NULL;
	struct clusnet_network *nw;
	struct clusnet_if *obj;
	u32 n = 0;

	rtnl_lock();
	list_for_each_entry(nw, &cn->networks, link) {
		nw->up = 0;
		nw->avail = 0;
		n++;
	}
	*count = n;
	n = min(n, max);
	if (n) {
		e = kvcalloc(n, sizeof(*e), GFP_KERNEL_ACCOUNT);
		if (!e) {
			rtnl_unlock();
			return -ENOMEM;
		}
	}

	list_for_each_entry(obj, &cn->objects, link) {
		nw = rtnl_dereference(obj->nw);
		if (!nw || obj->state == CLUSNET_STATE_UNAVAILABLE)
			continue;
		nw->avail++;
		if (obj->state == CLUSNET_STATE_UP)
			nw->up++;
	}

	*entries = e;
	list_for_each_entry(nw, &cn->networks, link) {
		if (!n--)
			break;
		e->id = nw->id;
		e->state = clusnet_network_state(nw);
		e->flags = nw->flags;
		e->interfaces = nw->members;
		if (nw->flags & CLUSNET_NETWORK_DISCOVERED) {
			e->family = AF_INET;
			e->prefixlen = nw->prefixlen;
			memcpy(e->subnet, &nw->subnet, sizeof(nw->subnet));
		}
		strscpy(e->name, nw->name, sizeof(e->name));
		e++;
	}
	rtnl_unlock();
	return 0;
}
