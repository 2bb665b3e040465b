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
	u32 record_size;		/* of the records read() returns */
	bool admin;			/* opened with CAP_NET_ADMIN */
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

static long clusnet_handle_get_state(struct file *file, void __user *uarg)
{
	struct clusnet_if *obj = clusnet_handle_obj(file);

	if (READ_ONCE(obj->dead))
		return -ENODEV;
	return READ_ONCE(obj->state);
}

static void clusnet_info_fill(struct file *file, struct clusnet_if *obj,
			      void *arg)
{
	struct clusnet_info *info = arg;
	struct net_device *dev;
	struct clusnet_sec sec;

	info->granted_access = clusnet_handle_granted(file);
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

static bool clusnet_info_valid(const void *arg)
{
	const struct clusnet_info *info = arg;

	return !info->__reserved;
}

static void clusnet_nic_query(struct file *file, struct clusnet_if *obj,
			      void *arg)
{
	clusnet_nic_fill(obj, arg);
}

/*
 * A query: a structure that starts with size and flags (0), which the
 * handle fills in from its object.
 */
struct clusnet_query {
	size_t ksize;
	size_t ver0;
	bool (*valid)(const void *arg);	/* more input checks, or NULL */
	void (*fill)(struct file *file, struct clusnet_if *obj, void *arg);
};

struct clusnet_query_head {
	u32 size;
	u32 flags;
};

static long clusnet_handle_query(struct file *file, void __user *uarg,
				 const struct clusnet_query *q)
{
	struct clusnet_if *obj = clusnet_handle_obj(file);
	struct clusnet_query_head *head;
	u32 usize;
	long err;

	/* Too large for the stack: GET_INFO's is almost 2 KiB. */
	head = kzalloc(q->ksize, GFP_KERNEL);
	if (!head)
		return -ENOMEM;

	err = clusnet_arg_in(head, q->ksize, q->ver0, uarg, &usize);
	if (err)
		goto out;
	err = -EINVAL;
	if (head->flags || (q->valid && !q->valid(head)))
		goto out;
	err = -ENODEV;
	if (READ_ONCE(obj->dead))
		goto out;

	memset(head, 0, q->ksize);
	head->size = usize;
	q->fill(file, obj, head);
	err = clusnet_arg_out(uarg, usize, head, q->ksize);
out:
	kfree(head);
	return err;
}

static long clusnet_handle_get_info(struct file *file, void __user *uarg)
{
	static const struct clusnet_query q = {
		.ksize = sizeof(struct clusnet_info),
		.ver0 = CLUSNET_INFO_SIZE_VER0,
		.valid = clusnet_info_valid,
		.fill = clusnet_info_fill,
	};

	return clusnet_handle_query(file, uarg, &q);
}

static long clusnet_handle_get_nic(struct file *file, void __user *uarg)
{
	static const struct clusnet_query q = {
		.ksize = sizeof(struct clusnet_nic),
		.ver0 = CLUSNET_NIC_SIZE_VER0,
		.fill = clusnet_nic_query,
	};

	return clusnet_handle_query(file, uarg, &q);
}

static long clusnet_handle_set_description(struct file *file,
					   void __user *uarg)
{
	const struct clusnet_handle *h = file->private_data;
	struct clusnet_if *obj = h->obj;
	struct clusnet_description arg;
	char *text, *old;
	bool copy;
	u32 usize;
	long err;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_DESCRIPTION_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_DESCRIPTION_COPY) || arg.__reserved ||
	    arg.text_len > CLUSNET_DESC_MAX)
		return -EINVAL;
	copy = arg.flags & CLUSNET_DESCRIPTION_COPY;
	if (copy && !obj->remote)
		return -EINVAL;		/* only remote objects are copies */
	if (READ_ONCE(obj->dead))
		return -ENODEV;
	if (!(file->f_mode & FMODE_WRITE))
		return -EACCES;
	if (copy && !h->admin)
		return -EPERM;

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

	if (obj->remote && !copy) {
		err = clusnet_forward(obj, CLUSNET_FORWARD_DESCRIPTION, NULL,
				      text);
		kfree(text);
		return err;
	}

	old = clusnet_if_set_description(obj, text);
	kfree(old);
	clusnet_if_event(obj, CLUSNET_EVENT_PROPERTY, READ_ONCE(obj->state));
	return 0;
}

/* Every ioctl of a handle (numbers 0x40-0x7f): adding one is a row. */
static const struct clusnet_ioctl clusnet_handle_ioctls[] = {
	{ CLUSNET_HIOC_GET_STATE, clusnet_handle_get_state },
	{ CLUSNET_HIOC_GET_INFO, clusnet_handle_get_info },
	{ CLUSNET_HIOC_SET_DESCRIPTION, clusnet_handle_set_description },
	{ CLUSNET_HIOC_GET_NIC, clusnet_handle_get_nic },
};

/* Also the compat_ioctl: the structures have one layout everywhere. */
static long clusnet_handle_ioctl(struct file *file, unsigned int cmd,
				 unsigned long arg)
{
	return clusnet_ioctl_call(clusnet_handle_ioctls,
				  ARRAY_SIZE(clusnet_handle_ioctls), file, cmd,
				  arg);
}

static ssize_t clusnet_handle_read(struct file *file, char __user *buf,
				   size_t count, loff_t *ppos)
{
	struct clusnet_handle *h = file->private_data;

	return clusnet_feed_read(h->feed, &h->cursor, READ_ONCE(h->obj->dead),
				 h->record_size, buf, count,
				 file->f_flags & O_NONBLOCK);
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
			u32 record_size, bool admin, struct file **filep)
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
	h->record_size = record_size;
	h->admin = admin;
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
