// SPDX-License-Identifier: GPL-2.0
/*
 * The forward channel: writes to a remote object go to the cluster daemon,
 * which carries them to the node that owns the interface and answers with
 * the owner's result. The writer sleeps until then, so that its success
 * means "applied there" (uapi/linux/clusnet.h, "Writes to another node's
 * interface").
 *
 * A channel is an fd of the daemon's. Its namespace points to it while
 * both live; clusnet_forward_lock orders that pointer against the
 * channel's close and the namespace's exit, which may come in any order.
 * Writers find the channel under RCU through a listed object's namespace
 * and hold a reference while they wait. Each waiting write is a request
 * on one of the channel's two lists, queued (not read yet) or sent (read,
 * not answered); the request belongs to its writer, which frees it once it
 * is off both lists, so the channel never touches a request it does not
 * hold under its lock.
 */
#include <linux/anon_inodes.h>
#include <linux/completion.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <linux/wait.h>

#include "clusnet.h"

struct clusnet_forward_chan {
	refcount_t ref;
	struct rcu_head rcu;
	struct clusnet_net *cn;		/* while attached; clusnet_forward_lock */
	struct user_namespace *user_ns;	/* the opener's, for uid and gid */
	spinlock_t lock;		/* the lists, count, next_id, closed */
	struct list_head queued;
	struct list_head sent;
	unsigned int count;
	u64 next_id;
	bool closed;
	wait_queue_head_t wait;		/* readers and pollers */
	unsigned long timeout;		/* in jiffies */
	u32 record_size;
};

struct clusnet_forward_req {
	struct list_head link;		/* queued or sent, or empty */
	struct completion done;
	int error;
	u64 id;
	u64 object;
	u32 what;
	kuid_t uid;
	kgid_t gid;
	u32 mode;
	u32 name_len;
	u32 text_len;
	char name[CLUSNET_NAME_MAX + 1];
	char text[CLUSNET_DESC_MAX + 1];
};

static DEFINE_MUTEX(clusnet_forward_lock);

static void clusnet_chan_put(struct clusnet_forward_chan *ch)
{
	if (refcount_dec_and_test(&ch->ref)) {
		put_user_ns(ch->user_ns);
		kfree_rcu(ch, rcu);
	}
}

/* Every waiting write fails with ENOTCONN; readers see the end. */
static void clusnet_chan_close(struct clusnet_forward_chan *ch)
{
	struct clusnet_forward_req *req, *tmp;

	spin_lock(&ch->lock);
	ch->closed = true;
	list_splice_tail_init(&ch->sent, &ch->queued);
	list_for_each_entry_safe(req, tmp, &ch->queued, link) {
		list_del_init(&req->link);
		req->error = -ENOTCONN;
		complete(&req->done);
	}
	ch->count = 0;
	spin_unlock(&ch->lock);
	wake_up_interruptible_poll(&ch->wait, EPOLLIN | EPOLLHUP);
}

/* Unhooks the channel from its namespace, if it still is hooked. */
static void clusnet_chan_detach(struct clusnet_forward_chan *ch)
{
	bool was = false;

	mutex_lock(&clusnet_forward_lock);
	if (ch->cn) {
		RCU_INIT_POINTER(ch->cn->forward, NULL);
		ch->cn = NULL;
		was = true;
	}
	mutex_unlock(&clusnet_forward_lock);
	if (was)
		clusnet_chan_put(ch);		/* the namespace's reference */
}

/** clusnet_forward_net_exit() - no writer can find the channel any more */
void clusnet_forward_net_exit(struct clusnet_net *cn)
{
	struct clusnet_forward_chan *ch;

	mutex_lock(&clusnet_forward_lock);
	ch = rcu_dereference_protected(cn->forward,
				       lockdep_is_held(&clusnet_forward_lock));
	if (ch) {
		RCU_INIT_POINTER(cn->forward, NULL);
		ch->cn = NULL;
	}
	mutex_unlock(&clusnet_forward_lock);
	if (ch) {
		clusnet_chan_close(ch);
		clusnet_chan_put(ch);
	}
}

/* The channel of a listed object's namespace, with a reference. */
static struct clusnet_forward_chan *clusnet_chan_get(struct clusnet_if *obj)
{
	struct clusnet_forward_chan *ch = NULL;

	rcu_read_lock();
	/* A listed object's namespace lives until a grace period after. */
	if (READ_ONCE(obj->listed)) {
		ch = rcu_dereference(READ_ONCE(obj->cn)->forward);
		if (ch && !refcount_inc_not_zero(&ch->ref))
			ch = NULL;
	}
	rcu_read_unlock();
	return ch;
}

static int clusnet_forward_wait(struct clusnet_forward_chan *ch,
				struct clusnet_forward_req *req)
{
	long left;
	int err;

	spin_lock(&ch->lock);
	if (ch->closed) {
		spin_unlock(&ch->lock);
		return -ENOTCONN;
	}
	if (ch->count >= CLUSNET_FORWARD_PENDING_MAX) {
		spin_unlock(&ch->lock);
		return -EBUSY;
	}
	req->id = ++ch->next_id;
	list_add_tail(&req->link, &ch->queued);
	ch->count++;
	spin_unlock(&ch->lock);
	wake_up_interruptible_poll(&ch->wait, EPOLLIN);

	left = wait_for_completion_interruptible_timeout(&req->done,
							 ch->timeout);

	spin_lock(&ch->lock);
	if (list_empty(&req->link)) {
		err = req->error;	/* answered, or the channel closed */
	} else {
		list_del_init(&req->link);
		ch->count--;
		/* Not restarted: the owner may have applied it already. */
		err = left ? -EINTR : -ETIMEDOUT;
	}
	spin_unlock(&ch->lock);
	return err;
}

/**
 * clusnet_forward() - carries a write to the node that owns @obj
 * @obj: a remote object
 * @what: CLUSNET_FORWARD_* (only those of @sec and @text that it names)
 * @sec: owner, group, mode
 * @text: the description, NUL-terminated, or NULL
 *
 * Sleeps without locks until the daemon answered, the channel's timeout
 * passed or a signal came. Returns 0 once the owner applied it.
 */
int clusnet_forward(struct clusnet_if *obj, u32 what,
		    const struct clusnet_sec *sec, const char *text)
{
	struct clusnet_forward_chan *ch;
	struct clusnet_forward_req *req;
	int err;

	ch = clusnet_chan_get(obj);
	if (!ch)
		return READ_ONCE(obj->dead) ? -ENODEV : -ENOTCONN;

	req = kzalloc(sizeof(*req), GFP_KERNEL_ACCOUNT);
	if (!req) {
		clusnet_chan_put(ch);
		return -ENOMEM;
	}
	INIT_LIST_HEAD(&req->link);
	init_completion(&req->done);
	req->object = obj->id;
	req->what = what;
	if (sec) {
		req->uid = sec->owner;
		req->gid = sec->group;
		req->mode = sec->mode;
	}
	clusnet_if_names(obj, req->name, sizeof(req->name), NULL);
	req->name_len = strlen(req->name);
	if (text) {
		req->text_len = strscpy(req->text, text, sizeof(req->text));
		if ((int)req->text_len < 0)
			req->text_len = CLUSNET_DESC_MAX;
	}

	err = clusnet_forward_wait(ch, req);
	kfree(req);
	clusnet_chan_put(ch);
	return err;
}

static void clusnet_req_fill(const struct clusnet_forward_chan *ch,
			     const struct clusnet_forward_req *req,
			     struct clusnet_forward_request *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->id = req->id;
	rec->object = req->object;
	rec->what = req->what;
	if (req->what & CLUSNET_FORWARD_UID)
		rec->uid = from_kuid_munged(ch->user_ns, req->uid);
	if (req->what & CLUSNET_FORWARD_GID)
		rec->gid = from_kgid_munged(ch->user_ns, req->gid);
	rec->mode = req->mode;
	rec->name_len = req->name_len;
	rec->text_len = req->text_len;
	memcpy(rec->name, req->name, sizeof(rec->name));
	memcpy(rec->text, req->text, sizeof(rec->text));
}

/* Takes the oldest queued request into @rec: 0, -EAGAIN, or 1 at the end. */
static int clusnet_chan_take(struct clusnet_forward_chan *ch,
			     struct clusnet_forward_request *rec)
{
	struct clusnet_forward_req *req;
	int ret = -EAGAIN;

	spin_lock(&ch->lock);
	req = list_first_entry_or_null(&ch->queued, struct clusnet_forward_req,
				       link);
	if (req) {
		clusnet_req_fill(ch, req, rec);
		list_move_tail(&req->link, &ch->sent);
		ret = 0;
	} else if (ch->closed) {
		ret = 1;
	}
	spin_unlock(&ch->lock);
	return ret;
}

/* The record could not be copied out: it goes first in line again. */
static void clusnet_chan_requeue(struct clusnet_forward_chan *ch, u64 id)
{
	struct clusnet_forward_req *req;

	spin_lock(&ch->lock);
	list_for_each_entry(req, &ch->sent, link) {
		if (req->id == id) {
			list_move(&req->link, &ch->queued);
			break;
		}
	}
	spin_unlock(&ch->lock);
}

static bool clusnet_chan_readable(struct clusnet_forward_chan *ch)
{
	bool ready;

	spin_lock(&ch->lock);
	ready = !list_empty(&ch->queued) || ch->closed;
	spin_unlock(&ch->lock);
	return ready;
}

/* One request per read(), so that none is lost to a short buffer. */
static ssize_t clusnet_chan_read(struct file *file, char __user *buf,
				 size_t count, loff_t *ppos)
{
	struct clusnet_forward_chan *ch = file->private_data;
	struct clusnet_forward_request *rec;
	size_t n = ch->record_size;
	ssize_t ret;
	int err;

	if (count < n)
		return -EINVAL;
	rec = kmalloc(sizeof(*rec), GFP_KERNEL_ACCOUNT);
	if (!rec)
		return -ENOMEM;
	for (;;) {
		err = clusnet_chan_take(ch, rec);
		if (err != -EAGAIN)
			break;
		if (file->f_flags & O_NONBLOCK)
			break;
		err = wait_event_interruptible(ch->wait,
					       clusnet_chan_readable(ch));
		if (err)
			break;
	}
	if (err) {
		ret = err == 1 ? 0 : err;
		goto out;
	}
	ret = n;
	if (copy_to_user(buf, rec, min(n, sizeof(*rec))) ||
	    (n > sizeof(*rec) &&
	     clear_user(buf + sizeof(*rec), n - sizeof(*rec)))) {
		clusnet_chan_requeue(ch, rec->id);
		ret = -EFAULT;
	}
out:
	kfree(rec);
	return ret;
}

static ssize_t clusnet_chan_write(struct file *file, const char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct clusnet_forward_chan *ch = file->private_data;
	struct clusnet_forward_req *req;
	struct clusnet_forward_reply r;
	ssize_t ret = -ENOENT;

	if (count != sizeof(r))
		return -EINVAL;
	if (copy_from_user(&r, buf, sizeof(r)))
		return -EFAULT;
	if (r.flags || r.error > 0 || r.error < -MAX_ERRNO ||
	    r.error == -ERESTARTSYS)
		return -EINVAL;

	spin_lock(&ch->lock);
	list_for_each_entry(req, &ch->sent, link) {
		if (req->id == r.id) {
			list_del_init(&req->link);
			ch->count--;
			req->error = r.error;
			complete(&req->done);
			ret = count;
			break;
		}
	}
	spin_unlock(&ch->lock);
	return ret;		/* ENOENT: its writer stopped waiting */
}

static __poll_t clusnet_chan_poll(struct file *file, poll_table *wait)
{
	struct clusnet_forward_chan *ch = file->private_data;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &ch->wait, wait);
	spin_lock(&ch->lock);
	if (!list_empty(&ch->queued))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (ch->closed)
		mask |= EPOLLIN | EPOLLHUP;
	spin_unlock(&ch->lock);
	return mask;
}

static int clusnet_chan_release(struct inode *inode, struct file *file)
{
	struct clusnet_forward_chan *ch = file->private_data;

	clusnet_chan_detach(ch);
	clusnet_chan_close(ch);
	clusnet_chan_put(ch);
	return 0;
}

static const struct file_operations clusnet_forward_fops = {
	.owner = THIS_MODULE,
	.read = clusnet_chan_read,
	.write = clusnet_chan_write,
	.poll = clusnet_chan_poll,
	.release = clusnet_chan_release,
	.llseek = noop_llseek,
};

/**
 * clusnet_forward_open() - the namespace's forward channel, as a new fd
 * @cn: the caller's namespace
 * @flags: O_CLOEXEC, O_NONBLOCK
 * @timeout_ms: how long writers wait, 1 to CLUSNET_FORWARD_TIMEOUT_MAX_MS
 * @record_size: of what read() returns
 *
 * Returns the fd, installed: nothing can fail after it.
 */
int clusnet_forward_open(struct clusnet_net *cn, u32 flags, u32 timeout_ms,
			 u32 record_size)
{
	struct clusnet_forward_chan *ch;
	struct file *file;
	int fd, err;

	ch = kzalloc(sizeof(*ch), GFP_KERNEL_ACCOUNT);
	if (!ch)
		return -ENOMEM;
	refcount_set(&ch->ref, 1);
	spin_lock_init(&ch->lock);
	INIT_LIST_HEAD(&ch->queued);
	INIT_LIST_HEAD(&ch->sent);
	init_waitqueue_head(&ch->wait);
	ch->timeout = msecs_to_jiffies(timeout_ms);
	ch->record_size = record_size;
	ch->user_ns = get_user_ns(current_user_ns());

	fd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd < 0) {
		err = fd;
		goto err_put;
	}
	file = anon_inode_getfile("[clusnet-forward]", &clusnet_forward_fops,
				  ch, O_RDWR | (flags & O_NONBLOCK));
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto err_fd;
	}

	mutex_lock(&clusnet_forward_lock);
	err = rcu_access_pointer(cn->forward) ? -EBUSY : 0;
	if (!err) {
		refcount_inc(&ch->ref);
		ch->cn = cn;
		rcu_assign_pointer(cn->forward, ch);
	}
	mutex_unlock(&clusnet_forward_lock);
	if (err) {
		fput(file);		/* its release puts the reference */
		put_unused_fd(fd);
		return err;
	}
	fd_install(fd, file);
	return fd;

err_fd:
	put_unused_fd(fd);
err_put:
	clusnet_chan_put(ch);
	return err;
}
