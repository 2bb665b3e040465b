// SPDX-License-Identifier: GPL-2.0
/*
 * An interface object's own life and fields: its references, the fields
 * its seqlock guards, and the events it tells its handles and its
 * namespace's watch fds about. Nothing here takes the namespace's lock.
 *
 * Events go out from the atomic IPv6 address notifier too, which may run
 * in softirq and reads the name under the seqlock: writers keep softirqs
 * off, or such a reader could spin on the CPU of the writer it preempted.
 */
#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <net/net_namespace.h>

#include "clusnet.h"

static atomic64_t clusnet_next_id;

/**
 * clusnet_id_init() - starts the ids of this module load
 *
 * Ids stay unique across module reloads within a boot: no load can have
 * handed out more ids than nanoseconds have passed since.
 */
void clusnet_id_init(void)
{
	atomic64_set(&clusnet_next_id, ktime_get_boottime_ns());
}

/** clusnet_new_id() - an object or network id: never reused within a boot */
u64 clusnet_new_id(void)
{
	return atomic64_inc_return(&clusnet_next_id);
}

static void clusnet_if_free_rcu(struct rcu_head *head)
{
	struct clusnet_if *obj = container_of(head, struct clusnet_if, rcu);

	clusnet_feed_put(obj->feed);
	kfree(obj->description);
	kfree(obj->node);
	kfree(obj);
}

/**
 * clusnet_if_put() - drops a reference to an object
 * @obj: the object
 *
 * Lockless lookups and RCU walks may still be looking at the last one's
 * object: it is freed after a grace period.
 */
void clusnet_if_put(struct clusnet_if *obj)
{
	if (refcount_dec_and_test(&obj->ref))
		call_rcu(&obj->rcu, clusnet_if_free_rcu);
}

/**
 * clusnet_if_sec() - reads an object's owner, group and mode, locklessly
 * @obj: the object
 * @sec: where to put them
 */
void clusnet_if_sec(struct clusnet_if *obj, struct clusnet_sec *sec)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&obj->seq);
		*sec = obj->sec;
	} while (read_seqretry(&obj->seq, seq));
}

/**
 * clusnet_if_set_sec() - changes what CLUSNET_SET_* @flags select
 * @obj: the object
 * @flags: CLUSNET_SET_UID, CLUSNET_SET_GID, CLUSNET_SET_MODE
 * @sec: the new values
 */
void clusnet_if_set_sec(struct clusnet_if *obj, u32 flags,
			const struct clusnet_sec *sec)
{
	write_seqlock_bh(&obj->seq);
	if (flags & CLUSNET_SET_UID)
		obj->sec.owner = sec->owner;
	if (flags & CLUSNET_SET_GID)
		obj->sec.group = sec->group;
	if (flags & CLUSNET_SET_MODE)
		obj->sec.mode = sec->mode;
	write_sequnlock_bh(&obj->seq);
}

/**
 * clusnet_if_names() - reads an object's name and the NIC name it follows
 * @obj: the object
 * @name: a buffer for the name, NUL-terminated
 * @size: its size
 * @ifname: a buffer for the NIC name, or NULL
 *
 * Both change when an autobound object follows its NIC through a rename.
 */
void clusnet_if_names(struct clusnet_if *obj, char *name, size_t size,
		      char ifname[IFNAMSIZ])
{
	unsigned int seq;
	size_t len;

	do {
		seq = read_seqbegin(&obj->seq);
		len = min_t(size_t, obj->name_len, size - 1);
		memcpy(name, obj->name, len);
		name[len] = '\0';
		if (ifname)
			memcpy(ifname, obj->ifname, IFNAMSIZ);
	} while (read_seqretry(&obj->seq, seq));
	if (ifname)
		ifname[IFNAMSIZ - 1] = '\0';
}

/**
 * clusnet_if_description() - copies an object's description
 * @obj: the object
 * @buf: where to, NUL-terminated ("" without one)
 * @size: its size
 */
void clusnet_if_description(struct clusnet_if *obj, char *buf, size_t size)
{
	/* Excluding writers: the old text is freed once replaced. */
	read_seqlock_excl(&obj->seq);
	strscpy(buf, obj->description ? obj->description : "", size);
	read_sequnlock_excl(&obj->seq);
}

/**
 * clusnet_if_set_description() - replaces an object's description
 * @obj: the object
 * @text: the new one, kmalloc()ed, or NULL
 *
 * Return: the old one, for the caller to kfree().
 */
char *clusnet_if_set_description(struct clusnet_if *obj, char *text)
{
	char *old;

	write_seqlock_bh(&obj->seq);
	old = obj->description;
	obj->description = text;
	write_sequnlock_bh(&obj->seq);
	return old;
}

/**
 * clusnet_if_event() - tells an object's handles and its namespace's watch
 * fds what changed
 * @obj: the object
 * @changes: CLUSNET_EVENT_* bits
 * @old_state: its state before the change
 *
 * Objects not (or no longer) in the registry have nobody to tell. May be
 * called from any context; a listed object's namespace, and so obj->cn,
 * lives until a grace period after the object was unlisted.
 */
void clusnet_if_event(struct clusnet_if *obj, u32 changes, u8 old_state)
{
	struct clusnet_cluster_event cev = {
		.ev = {
			.id = obj->id,
			.changes = changes,
			.old_state = old_state,
			.new_state = READ_ONCE(obj->state),
		},
	};
	struct clusnet_feed *feed;

	rcu_read_lock();
	if (!READ_ONCE(obj->listed) && !(changes & CLUSNET_EVENT_DELETED))
		goto out;
	/* Pairs with the cmpxchg() that publishes a feed. */
	feed = smp_load_acquire(&obj->feed);
	if (feed && !(changes & CLUSNET_EVENT_ADDED))
		clusnet_feed_post(feed, &cev.ev);
	/* Pairs with the cmpxchg() in clusnet_cluster_feed(). */
	feed = smp_load_acquire(&obj->cn->feed);
	if (feed) {
		clusnet_if_names(obj, cev.name, sizeof(cev.name), NULL);
		clusnet_feed_post(feed, &cev.ev);
	}
out:
	rcu_read_unlock();
}

static struct clusnet_feed *clusnet_feed_publish(struct clusnet_feed **slot,
						 u32 entries, u32 rec_size)
{
	struct clusnet_feed *feed, *old;

	/* Pairs with the cmpxchg() below, in another opener. */
	feed = smp_load_acquire(slot);
	if (feed)
		return feed;
	feed = clusnet_feed_alloc(entries, rec_size, GFP_KERNEL_ACCOUNT);
	if (!feed)
		return NULL;
	/* Posters take no lock: publish a whole feed. */
	old = cmpxchg(slot, NULL, feed);
	if (old) {
		clusnet_feed_put(feed);
		feed = old;
	}
	return feed;
}

/**
 * clusnet_if_feed() - the feed of an object's handles, made by the first
 * @obj: the object
 * @feedp: the feed, borrowed from the object
 *
 * A feed that appears after the object was deleted is never closed:
 * readers also look at obj->dead, which the deleter sets before it looks
 * for a feed.
 *
 * Return: 0 or -ENOMEM.
 */
int clusnet_if_feed(struct clusnet_if *obj, struct clusnet_feed **feedp)
{
	*feedp = clusnet_feed_publish(&obj->feed, CLUSNET_EVENT_RING,
				      sizeof(struct clusnet_event));
	return *feedp ? 0 : -ENOMEM;
}

/**
 * clusnet_cluster_feed() - the namespace's feed, made by the first watch fd
 * @net: the namespace, pinned by the caller's /dev/clusnet file
 *
 * Return: the feed with a reference for the caller, or NULL.
 */
struct clusnet_feed *clusnet_cluster_feed(struct net *net)
{
	struct clusnet_feed *feed;

	feed = clusnet_feed_publish(&clusnet_net(net)->feed,
				    CLUSNET_CLUSTER_EVENT_RING,
				    sizeof(struct clusnet_cluster_event));
	if (feed)
		clusnet_feed_get(feed);
	return feed;
}
