// SPDX-License-Identifier: GPL-2.0
/*
 * Handles: one file per opened object, as HNETINTERFACE is one handle.
 *
 * The granted access is the file's mode: GENERIC_ALL handles are opened
 * read-write, GENERIC_READ handles read-only. It is fixed at open, travels
 * with the file through fork() and SCM_RIGHTS, and later changes to the
 * object's owner or mode do not revoke it, as with files.
 *
 * A handle also reads its object's change events: read() returns
 * struct clusnet_event records, poll() says when there are some.
 */
#include <linux/anon_inodes.h>
#include <linux/compat.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "clusnet.h"

struct clusnet_handle {
	struct clusnet_if *obj;
	struct clusnet_feed *feed;	/* the object's, which outlives us */
	u64 cursor;			/* last event read, under the feed's lock */
};

static struct clusnet_if *clusnet_handle_obj(const struct file *file)
{
	const struct clusnet_handle *h = file->private_data;

	return h->obj;
}

static u32 clusnet_handle_granted(const struct file *file)
{
	return file->f_mode & FMODE_WRITE ? CLUSNET_GENERIC_ALL :
					    CLUSNET_GENERIC_READ;
}

static long clusnet_handle_get_state(struct clusnet_if *obj)
{
	if (READ_ONCE(obj->dead))
		return -ENODEV;
	return READ_ONCE(obj->state);
}

static void clusnet_info_fill(struct clusnet_if *obj, struct clusnet_info *info)
{
	struct net_device *dev;
	struct clusnet_sec sec;

	info->id = obj->id;
	info->state = READ_ONCE(obj->state);
	clusnet_if_names(obj, info->name, sizeof(info->name), info->ifname);
	strscpy(info->node, obj->node, sizeof(info->node));
	clusnet_network_name(obj, info->network, sizeof(info->network));

	rcu_read_lock();
	dev = rcu_dereference(obj->dev);
	if (dev) {
		info->ifindex = dev->ifindex;
		info->hwaddr_len = min_t(u32, dev->addr_len,
					 sizeof(info->hwaddr));
		memcpy(info->hwaddr, dev->dev_addr, info->hwaddr_len);
	}
	rcu_read_unlock();

	clusnet_if_sec(obj, &sec);
	clusnet_if_description(obj, info->description,
			       sizeof(info->description));

	info->uid = from_kuid_munged(current_user_ns(), sec.owner);
	info->gid = from_kgid_munged(current_user_ns(), sec.group);
	info->mode = sec.mode;
}

static long clusnet_handle_get_info(struct file *file, void __user *uarg)
{
	struct clusnet_if *obj = clusnet_handle_obj(file);
	struct clusnet_info *info;
	u32 usize;
	long err;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;

	err = clusnet_arg_in(info, sizeof(*info), CLUSNET_INFO_SIZE_VER0,
			     uarg, &usize);
	if (err)
		goto out;
	err = -EINVAL;
	if (info->flags || info->__reserved)
		goto out;
	err = -ENODEV;
	if (READ_ONCE(obj->dead))
		goto out;

	memset(info, 0, sizeof(*info));
	info->size = usize;
	info->granted_access = clusnet_handle_granted(file);
	clusnet_info_fill(obj, info);
	err = clusnet_arg_out(uarg, usize, info, sizeof(*info));
out:
	kfree(info);
	return err;
}

static long clusnet_handle_get_nic(struct file *file, void __user *uarg)
{
	struct clusnet_if *obj = clusnet_handle_obj(file);
	struct clusnet_nic *nic;
	u32 usize;
	long err;

	nic = kzalloc(sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return -ENOMEM;

	err = clusnet_arg_in(nic, sizeof(*nic), CLUSNET_NIC_SIZE_VER0,
			     uarg, &usize);
	if (err)
		goto out;
	err = -EINVAL;
	if (nic->flags)
		goto out;
	err = -ENODEV;
	if (READ_ONCE(obj->dead))
		goto out;

	memset(nic, 0, sizeof(*nic));
	nic->size = usize;
	clusnet_nic_fill(obj, nic);
	err = clusnet_arg_out(uarg, usize, nic, sizeof(*nic));
out:
	kfree(nic);
	return err;
}

static long clusnet_handle_set_description(struct file *file,
					   void __user *uarg)
{
	struct clusnet_if *obj = clusnet_handle_obj(file);
	struct clusnet_description arg;
	char *text, *old;
	u32 usize;
	long err;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_DESCRIPTION_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (arg.flags || arg.__reserved || arg.text_len > CLUSNET_DESC_MAX)
		return -EINVAL;
	if (READ_ONCE(obj->dead))
		return -ENODEV;
	if (!(file->f_mode & FMODE_WRITE))
		return -EACCES;

	/* An empty description clears it; no NUL may hide inside. */
	text = kzalloc(arg.text_len + 1, GFP_KERNEL_ACCOUNT);
	if (!text)
		return -ENOMEM;
	if (arg.text_len) {
		err = clusnet_str_in(text, arg.text, arg.text_len,
				     CLUSNET_DESC_MAX);
		if (err) {
			kfree(text);
			return err;
		}
	}

	old = clusnet_if_set_description(obj, text);
	kfree(old);
	clusnet_if_event(obj, CLUSNET_EVENT_PROPERTY, READ_ONCE(obj->state));
	return 0;
}

static long clusnet_handle_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case CLUSNET_HIOC_GET_STATE:
		return clusnet_handle_get_state(clusnet_handle_obj(file));
	case CLUSNET_HIOC_GET_INFO:
		return clusnet_handle_get_info(file, uarg);
	case CLUSNET_HIOC_SET_DESCRIPTION:
		return clusnet_handle_set_description(file, uarg);
	case CLUSNET_HIOC_GET_NIC:
		return clusnet_handle_get_nic(file, uarg);
	}
	return -ENOTTY;
}

static ssize_t clusnet_handle_read(struct file *file, char __user *buf,
				   size_t count, loff_t *ppos)
{
	struct clusnet_handle *h = file->private_data;

	return clusnet_feed_read(h->feed, &h->cursor, READ_ONCE(h->obj->dead),
				 buf, count, file->f_flags & O_NONBLOCK);
}

static __poll_t clusnet_handle_poll(struct file *file, poll_table *wait)
{
	struct clusnet_handle *h = file->private_data;

	return clusnet_feed_poll(h->feed, READ_ONCE(h->cursor),
				 READ_ONCE(h->obj->dead), file, wait);
}

static int clusnet_handle_release(struct inode *inode, struct file *file)
{
	struct clusnet_handle *h = file->private_data;

	clusnet_if_put(h->obj);
	kfree(h);
	return 0;
}

static void clusnet_handle_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct clusnet_if *obj = clusnet_handle_obj(file);
	char name[CLUSNET_NAME_MAX + 1];

	clusnet_if_names(obj, name, sizeof(name), NULL);
	seq_printf(m, "clusnet_id:\t%llu\n", obj->id);
	/* Names are the admin's bytes: keep them on one line. */
	seq_puts(m, "clusnet_name:\t");
	seq_escape(m, name, "\n\\");
	seq_putc(m, '\n');
	seq_printf(m, "clusnet_access:\t0x%08x\n",
		   clusnet_handle_granted(file));
	seq_printf(m, "clusnet_state:\t%u\n", READ_ONCE(obj->state));
}

static const struct file_operations clusnet_handle_fops = {
	.owner = THIS_MODULE,
	.release = clusnet_handle_release,
	.read = clusnet_handle_read,
	.poll = clusnet_handle_poll,
	.unlocked_ioctl = clusnet_handle_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.show_fdinfo = clusnet_handle_show_fdinfo,
	.llseek = noop_llseek,
};

/*
 * Makes the handle file; it takes over the caller's reference on obj, also
 * on failure. The file is not yet in any fd table: the caller installs it
 * once nothing else can fail, or fput()s it.
 */
int clusnet_handle_open(struct clusnet_if *obj, u32 granted, u32 flags,
			struct file **filep)
{
	int mode = granted == CLUSNET_GENERIC_ALL ? O_RDWR : O_RDONLY;
	struct clusnet_handle *h;
	struct file *file;
	int fd, err;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h) {
		err = -ENOMEM;
		goto err_put;
	}
	h->obj = obj;
	err = clusnet_if_feed(obj, &h->feed);
	if (err)
		goto err_free;
	/* Events from now on: what came before, the caller can query. */
	h->cursor = clusnet_feed_cursor(h->feed);

	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd < 0) {
		err = fd;
		goto err_free;
	}

	file = anon_inode_getfile("[clusnet-if]", &clusnet_handle_fops, h,
				  mode | (flags & O_NONBLOCK));
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		err = PTR_ERR(file);
		goto err_free;
	}

	*filep = file;
	return fd;

err_free:
	kfree(h);
err_put:
	clusnet_if_put(obj);
	return err;
}
