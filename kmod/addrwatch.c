// SPDX-License-Identifier: GPL-2.0
/*
 * Address notifiers: IPv4 addresses decide an object's network, IPv6
 * addresses only show in its properties.
 */
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

#include "clusnet.h"

/* IPv4 addresses come and go under RTNL, which comes before our lock. */
static int clusnet_inetaddr_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct in_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->ifa_dev->dev;
	struct clusnet_net *cn = clusnet_net(dev_net(dev));

	if (event != NETDEV_UP && event != NETDEV_DOWN)
		return NOTIFY_DONE;
	mutex_lock(&cn->lock);
	clusnet_nic_readdressed(cn, dev);
	mutex_unlock(&cn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block clusnet_inetaddr_notifier = {
	.notifier_call = clusnet_inetaddr_event,
};

#if IS_ENABLED(CONFIG_IPV6)
/* This chain is atomic and may run without RTNL: post under RCU, and go. */
static int clusnet_inet6addr_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->idev->dev;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		clusnet_post_rcu(clusnet_net(dev_net(dev)), dev,
				 CLUSNET_EVENT_PROPERTY);
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

/** clusnet_addrwatch_init() - registers the address notifiers */
int clusnet_addrwatch_init(void)
{
	int err;

	err = register_inetaddr_notifier(&clusnet_inetaddr_notifier);
	if (err)
		return err;
	err = clusnet_inet6addr_init();
	if (err)
		unregister_inetaddr_notifier(&clusnet_inetaddr_notifier);
	return err;
}

/** clusnet_addrwatch_exit() - unregisters them */
void clusnet_addrwatch_exit(void)
{
	clusnet_inet6addr_exit();
	unregister_inetaddr_notifier(&clusnet_inetaddr_notifier);
}
