// SPDX-License-Identifier: GPL-2.0
/*
 * The netdevice notifier: what each NIC event means for the objects of the
 * NIC's namespace. It runs under RTNL and takes the namespace's lock.
 */
#include <linux/netdevice.h>
#include <net/net_namespace.h>

#include "clusnet.h"

/*
 * Registration of this notifier replays REGISTER and UP for every NIC, and
 * unregistration replays DOWN and UNREGISTER; UNREGISTER is also repeated
 * while a device waits for its references. Every case is idempotent.
 */
static int clusnet_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct clusnet_net *cn = clusnet_net(dev_net(dev));

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_CHANGENAME:
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_UNREGISTER:
	case NETDEV_CHANGEADDR:
		break;
	default:
		return NOTIFY_DONE;
	}

	mutex_lock(&cn->lock);
	switch (event) {
	case NETDEV_CHANGENAME:
		clusnet_autobind_renamed(cn, dev);
		clusnet_nic_renamed(cn, dev);
		fallthrough;
	case NETDEV_REGISTER:
		clusnet_nic_named(cn, dev);
		clusnet_autobind_nic(cn, dev);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		clusnet_nic_changed(cn, dev);
		break;
	case NETDEV_UNREGISTER:
		/* Also when the NIC moves to another namespace: it left ours. */
		clusnet_nic_gone(cn, dev);
		break;
	case NETDEV_CHANGEADDR:
		clusnet_nic_property(cn, dev);
		break;
	}
	mutex_unlock(&cn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block clusnet_netdev_notifier = {
	.notifier_call = clusnet_netdev_event,
};

/**
 * clusnet_nicwatch_init() - starts following every NIC of every namespace
 *
 * Return: 0 or a negative errno from a notifier chain.
 */
int clusnet_nicwatch_init(void)
{
	int err;

	/*
	 * The address notifiers come first: registering the netdevice
	 * notifier binds objects to the NICs present, and an address change
	 * after that must not be missed.
	 */
	err = clusnet_addrwatch_init();
	if (err)
		return err;
	err = register_netdevice_notifier(&clusnet_netdev_notifier);
	if (err)
		clusnet_addrwatch_exit();
	return err;
}

/** clusnet_nicwatch_exit() - stops, unbinding every object */
void clusnet_nicwatch_exit(void)
{
	unregister_netdevice_notifier(&clusnet_netdev_notifier);
	clusnet_addrwatch_exit();
}
