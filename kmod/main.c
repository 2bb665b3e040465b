// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet: Windows Failover Clustering's network interface objects, bound
 * to real NICs, opened by name into handles that carry granted access.
 *
 * /dev/clusnet is world-openable: access is decided per object, per open.
 * Opening it pins the opener's network namespace for the life of the file.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "clusnet.h"

struct clusnet_file {
	struct net *net;
	netns_tracker ns_tracker;
};

static int clusnet_dev_open(struct inode *inode, struct file *file)
{
	struct clusnet_file *cf;

	cf = kzalloc(sizeof(*cf), GFP_KERNEL_ACCOUNT);
	if (!cf)
		return -ENOMEM;
	cf->net = get_net_track(current->nsproxy->net_ns, &cf->ns_tracker,
				GFP_KERNEL);
	file->private_data = cf;
	return 0;
}

static int clusnet_dev_release(struct inode *inode, struct file *file)
{
	struct clusnet_file *cf = file->private_data;

	put_net_track(cf->net, &cf->ns_tracker);
	kfree(cf);
	return 0;
}

/* The namespace the ioctls of a /dev/clusnet file work on. */
struct net *clusnet_dev_net(const struct file *file)
{
	const struct clusnet_file *cf = file->private_data;

	return cf->net;
}

static const struct file_operations clusnet_dev_fops = {
	.owner = THIS_MODULE,
	.open = clusnet_dev_open,
	.release = clusnet_dev_release,
	.unlocked_ioctl = clusnet_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice clusnet_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = CLUSNET_DEVICE_NAME,
	.fops = &clusnet_dev_fops,
	.mode = 0666,
};

static int __init clusnet_init(void)
{
	int err;

	/* Namespaces first: the notifier replays every NIC into them. */
	err = clusnet_registry_init();
	if (err)
		return err;
	err = clusnet_nicwatch_init();
	if (err)
		goto err_registry;
	err = misc_register(&clusnet_miscdev);
	if (err)
		goto err_nicwatch;
	return 0;

err_nicwatch:
	clusnet_nicwatch_exit();
err_registry:
	clusnet_registry_exit();
	return err;
}

static void __exit clusnet_exit(void)
{
	misc_deregister(&clusnet_miscdev);
	clusnet_nicwatch_exit();
	clusnet_registry_exit();
}

module_init(clusnet_init);
module_exit(clusnet_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The clusnet maintainers");
MODULE_DESCRIPTION("Cluster network interface objects bound to NICs");
MODULE_VERSION(CLUSNET_VERSION);
