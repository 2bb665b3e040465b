// SPDX-License-Identifier: GPL-2.0
/*
 * What the bound NIC says about itself: its permanent address and its IP
 * addresses, in the order `ip addr` lists them, for the Adapter*, Address
 * and IP*Addresses properties.
 */
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/socket.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

#include "clusnet.h"

static struct clusnet_ifaddr *clusnet_nic_slot(struct clusnet_nic *nic)
{
	return nic->total++ < CLUSNET_NIC_ADDRS_MAX ?
	       &nic->addrs[nic->naddrs++] : NULL;
}

/* Addresses without a finite lifetime were set by hand; the rest leased. */
static u8 clusnet_addr_flags(u32 ifa_flags)
{
	u8 flags = 0;

	if (!(ifa_flags & IFA_F_PERMANENT))
		flags |= CLUSNET_ADDR_DYNAMIC;
	if (ifa_flags & IFA_F_SECONDARY)
		flags |= CLUSNET_ADDR_SECONDARY;
	return flags;
}

static void clusnet_nic_inet(struct net_device *dev, struct clusnet_nic *nic)
{
	const struct in_ifaddr *ifa;
	struct clusnet_ifaddr *a;
	struct in_device *in_dev;

	in_dev = __in_dev_get_rcu(dev);
	if (!in_dev)
		return;
	in_dev_for_each_ifa_rcu(ifa, in_dev) {
		a = clusnet_nic_slot(nic);
		if (!a)
			continue;
		a->family = AF_INET;
		a->prefixlen = ifa->ifa_prefixlen;
		a->flags = clusnet_addr_flags(ifa->ifa_flags);
		a->scope = ifa->ifa_scope;
		memcpy(a->addr, &ifa->ifa_local, sizeof(ifa->ifa_local));
	}
}

#if IS_ENABLED(CONFIG_IPV6)
static u8 clusnet_inet6_scope(u16 scope)
{
	if (scope & IFA_HOST)
		return RT_SCOPE_HOST;
	if (scope & IFA_LINK)
		return RT_SCOPE_LINK;
	if (scope & IFA_SITE)
		return RT_SCOPE_SITE;
	return RT_SCOPE_UNIVERSE;
}

static void clusnet_nic_inet6(struct net_device *dev, struct clusnet_nic *nic)
{
	const struct inet6_ifaddr *ifp;
	struct clusnet_ifaddr *a;
	struct inet6_dev *idev;

	idev = __in6_dev_get(dev);
	if (!idev)
		return;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		a = clusnet_nic_slot(nic);
		if (!a)
			continue;
		a->family = AF_INET6;
		a->prefixlen = ifp->prefix_len;
		a->flags = clusnet_addr_flags(ifp->flags);
		a->scope = clusnet_inet6_scope(ifp->scope);
		memcpy(a->addr, &ifp->addr, sizeof(ifp->addr));
	}
	read_unlock_bh(&idev->lock);
}
#else
static void clusnet_nic_inet6(struct net_device *dev, struct clusnet_nic *nic)
{
}
#endif

/**
 * clusnet_nic_fill() - what GET_NIC reports of an object's NIC, if bound
 * @obj: the object
 * @nic: filled in; left as is when the object is not bound
 */
void clusnet_nic_fill(struct clusnet_if *obj, struct clusnet_nic *nic)
{
	struct net_device *dev;
	const u8 *hw;

	rcu_read_lock();
	dev = rcu_dereference(obj->dev);
	if (dev) {
		nic->ifindex = dev->ifindex;
		/* Virtual NICs have no permanent address: report the current. */
		hw = memchr_inv(dev->perm_addr, 0, dev->addr_len) ?
		     dev->perm_addr : dev->dev_addr;
		nic->perm_addr_len = min_t(u32, dev->addr_len,
					   sizeof(nic->perm_addr));
		memcpy(nic->perm_addr, hw, nic->perm_addr_len);
		clusnet_nic_inet(dev, nic);
		clusnet_nic_inet6(dev, nic);
	}
	rcu_read_unlock();
}
