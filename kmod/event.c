// SPDX-License-Identifier: GPL-2.0
/*
 * Change events: feeds of fixed-size records that readers follow with a
 * cursor of their own, one per open file. Several tasks may read one file
 * (threads, fork(), SCM_RIGHTS): they share its cursor, which moves only
 * under the feed's lock, so each record goes to exactly one of them.
 *
 * A feed keeps its last records in a ring. Writers never wait for readers:
 * a reader that falls more than a ring behind gets one overflow record
 * that says how many it lost, rather than silently missing them, as a
 * cluster tool must know when to resynchronise. Each object has a small
 * feed for its handles, made when its first handle is opened; each
 * namespace has a larger one, made when the first watch fd is.
 *
 * Records are posted from process context, mostly under RTNL, and from
 * the IPv6 address notifier, which may run in softirq context: the lock is
 * taken with interrupts off.
 */
#include <linux/log2.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "clusnet.h"

struct clusnet_feed {
	refcount_t ref;
	spinlock_t lock;	/* head, closed and the ring */
	wait_queue_head_t wq;
	u64 head;		/* seq of the last record posted, 0: none */
	u32 mask;		/* ring entries - 1 */
	u32 rec_size;
	bool closed;		/* no record will follow */
	u8 ring[];
};

struct clusnet_feed *clusnet_feed_alloc(u32 entries, u32 rec_size, gfp_t gfp)
{
	struct clusnet_feed *feed;

	/* Readers copy records through a buffer on their stack. */
	if (WARN_ON_ONCE(rec_size > sizeof(struct clusnet_cluster_event) ||
			 !is_power_of_2(entries)))
		return NULL;

	feed = kvzalloc(struct_size(feed, ring, (size_t)entries * rec_size),
			gfp);
	if (!feed)
		return NULL;
	refcount_set(&feed->ref, 1);
	spin_lock_init(&feed->lock);
	init_waitqueue_head(&feed->wq);
	feed->mask = entries - 1;
	feed->rec_size = rec_size;
	return feed;
}

void clusnet_feed_get(struct clusnet_feed *feed)
{
	refcount_inc(&feed->ref);
}

void clusnet_feed_put(struct clusnet_feed *feed)
{
	if (feed && refcount_dec_and_test(&feed->ref))
		kvfree(feed);
}

static void *clusnet_feed_slot(struct clusnet_feed *feed, u64 seq)
{
	return feed->ring + ((seq - 1) & feed->mask) * feed->rec_size;
}

/* rec starts with a struct clusnet_event; its seq is filled in here. */
void clusnet_feed_post(struct clusnet_feed *feed, struct clusnet_event *rec)
{
	unsigned long flags;

	spin_lock_irqsave(&feed->lock, flags);
	if (!feed->closed) {
		rec->seq = ++feed->head;
		memcpy(clusnet_feed_slot(feed, rec->seq), rec, feed->rec_size);
	}
	spin_unlock_irqrestore(&feed->lock, flags);
	wake_up_interruptible_poll(&feed->wq, EPOLLIN | EPOLLRDNORM);
}

void clusnet_feed_close(struct clusnet_feed *feed)
{
	unsigned long flags;

	spin_lock_irqsave(&feed->lock, flags);
	feed->closed = true;
	spin_unlock_irqrestore(&feed->lock, flags);
	wake_up_interruptible_poll(&feed->wq, EPOLLHUP);
}

/* Where a new reader starts: after everything posted so far. */
u64 clusnet_feed_cursor(struct clusnet_feed *feed)
{
	unsigned long flags;
	u64 head;

	spin_lock_irqsave(&feed->lock, flags);
	head = feed->head;
	spin_unlock_irqrestore(&feed->lock, flags);
	return head;
}

static bool clusnet_feed_pending(struct clusnet_feed *feed, u64 cursor)
{
	return READ_ONCE(feed->head) != cursor;
}

enum clusnet_take {
	CLUSNET_TAKE_RECORD,	/* rec holds the next record */
	CLUSNET_TAKE_NONE,	/* nothing yet */
	CLUSNET_TAKE_END,	/* nothing, ever again */
};

/*
 * Takes the next record for a reader into rec (rec_size bytes). A reader
 * more than a ring behind gets an overflow record first. Whether the feed
 * ended is decided under the lock, together with the cursor: a record
 * posted just before the close is never mistaken for the end.
 */
static enum clusnet_take clusnet_feed_take(struct clusnet_feed *feed,
					   u64 *cursor, void *rec)
{
	enum clusnet_take ret = CLUSNET_TAKE_RECORD;
	struct clusnet_event *ev = rec;
	unsigned long flags;
	u64 oldest;

	spin_lock_irqsave(&feed->lock, flags);
	oldest = feed->head > feed->mask ? feed->head - feed->mask : 1;
	if (*cursor == feed->head) {
		ret = feed->closed ? CLUSNET_TAKE_END : CLUSNET_TAKE_NONE;
	} else if (*cursor + 1 < oldest) {
		memset(rec, 0, feed->rec_size);
		ev->seq = *cursor + 1;
		ev->changes = CLUSNET_EVENT_OVERFLOW;
		ev->lost = min_t(u64, oldest - ev->seq, U32_MAX);
		WRITE_ONCE(*cursor, oldest - 1);
	} else {
		WRITE_ONCE(*cursor, *cursor + 1);
		memcpy(rec, clusnet_feed_slot(feed, *cursor), feed->rec_size);
	}
	spin_unlock_irqrestore(&feed->lock, flags);
	return ret;
}

/* One record out, in the reader's record size. */
static int clusnet_feed_copy(char __user *dst, u32 usize, const void *rec,
			     u32 ksize)
{
	u32 copy = min(usize, ksize);

	if (copy_to_user(dst, rec, copy))
		return -EFAULT;
	if (usize > copy && clear_user(dst + copy, usize - copy))
		return -EFAULT;
	return 0;
}

/**
 * clusnet_feed_read() - read() of a handle or watch fd
 * @feed: the feed the file follows
 * @cursor: the file's cursor: the seq of the last record it read
 * @ended: the source is gone for good even if the feed was never closed
 *	(an object deleted before its feed existed)
 * @usize: the file's record size, from clusnet_record_size()
 * @buf: user buffer
 * @count: its size
 * @nonblock: the file is O_NONBLOCK
 *
 * Whole records only. A reader that finds nothing waits again, even after
 * a wake-up: another reader of the same file may have taken the record
 * that woke both. Only a source that ended, with every record read, is
 * the end of the file.
 *
 * Return: bytes read, 0 at the end, or -errno.
 */
ssize_t clusnet_feed_read(struct clusnet_feed *feed, u64 *cursor, bool ended,
			  u32 usize, char __user *buf, size_t count,
			  bool nonblock)
{
	union {
		struct clusnet_event ev;
		struct clusnet_cluster_event cev;
	} rec;
	enum clusnet_take took;
	size_t done = 0;
	int err;

	if (count < usize)
		return -EINVAL;

	while (count - done >= usize) {
		took = clusnet_feed_take(feed, cursor, &rec);
		if (took == CLUSNET_TAKE_RECORD) {
			/* A record that cannot be delivered is gone, as with inotify. */
			err = clusnet_feed_copy(buf + done, usize, &rec,
						feed->rec_size);
			if (err)
				return done ? done : err;
			done += usize;
			continue;
		}
		if (done)
			break;
		if (took == CLUSNET_TAKE_END || ended)
			return 0;
		if (nonblock)
			return -EAGAIN;
		err = wait_event_interruptible(feed->wq,
					       clusnet_feed_pending(feed, READ_ONCE(*cursor)) ||
					       READ_ONCE(feed->closed));
		if (err)
			return err;
	}
	return done;
}

__poll_t clusnet_feed_poll(struct clusnet_feed *feed, u64 cursor, bool ended,
			   struct file *file, poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &feed->wq, wait);
	if (clusnet_feed_pending(feed, cursor))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(feed->closed) || ended)
		mask |= EPOLLHUP;
	return mask;
}
