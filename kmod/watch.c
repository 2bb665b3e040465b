// SPDX-License-Identifier: GPL-2.0
/*
 * Watch fds: the change events of every object of a namespace, for
 * CreateClusterNotifyPort(). They hold the namespace's feed, not the
 * namespace: when it goes away they read what is left and then end.
 */
#include <linux/anon_inodes.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

#include "clusnet.h"

struct clusnet_watch_file {
	struct clusnet_feed *feed;
	u64 cursor;			/* last event read, under the feed's lock */
	u32 record_size;		/* of the records read() returns */
};

static ssize_t clusnet_watch_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct clusnet_watch_file *w = file->private_data;

	return clusnet_feed_read(w->feed, &w->cursor, false, w->record_size,
				 buf, count, file->f_flags & O_NONBLOCK);
}

static __poll_t clusnet_watch_poll(struct file *file, poll_table *wait)
{
	struct clusnet_watch_file *w = file->private_data;

	return clusnet_feed_poll(w->feed, READ_ONCE(w->cursor), false, file,
				 wait);
}

static int clusnet_watch_release(struct inode *inode, struct file *file)
{
	struct clusnet_watch_file *w = file->private_data;

	clusnet_feed_put(w->feed);
	kfree(w);
	return 0;
}

static const struct file_operations clusnet_watch_fops = {
	.owner = THIS_MODULE,
	.read = clusnet_watch_read,
	.poll = clusnet_watch_poll,
	.release = clusnet_watch_release,
	.llseek = noop_llseek,
};

/* Returns the new fd, installed: nothing can fail after it. */
int clusnet_watch_open(struct net *net, u32 flags, u32 record_size)
{
	struct clusnet_watch_file *w;
	struct file *file;
	int fd, err;

	w = kzalloc(sizeof(*w), GFP_KERNEL_ACCOUNT);
	if (!w)
		return -ENOMEM;
	w->record_size = record_size;
	w->feed = clusnet_cluster_feed(net);
	if (!w->feed) {
		err = -ENOMEM;
		goto err_free;
	}
	w->cursor = clusnet_feed_cursor(w->feed);

	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd < 0) {
		err = fd;
		goto err_put;
	}
	file = anon_inode_getfile("[clusnet-watch]", &clusnet_watch_fops, w,
				  O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		err = PTR_ERR(file);
		goto err_put;
	}
	fd_install(fd, file);
	return fd;

err_put:
	clusnet_feed_put(w->feed);
err_free:
	kfree(w);
	return err;
}
