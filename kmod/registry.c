// SPDX-License-Identifier: GPL-2.0
/*
 * The per-network-namespace registry of interface objects.
 *
 * Lookups by name, the open path, take no lock: the hash table is read
 * under RCU and objects are pinned with refcount_inc_not_zero(). Every
 * change to the set of objects, or to what they are bound to, happens under
 * RTNL, which the netdevice notifier holds anyway; so a NIC event can never
 * race with the creation or deletion of the object that follows it.
 */
#include <linux/atomic.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "clusnet.h"

static unsigned int clusnet_net_id __read_mostly;
static atomic64_t clusnet_next_id;

struct clusnet_name_key {
	const char *name;
	size_t len;
};

static u32 clusnet_key_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_name_key *key = data;

	return clusnet_name_hash(key->name, key->len, seed);
}

static u32 clusnet_obj_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_if *obj = data;

	return clusnet_name_hash(obj->name, obj->name_len, seed);
}

static int clusnet_obj_cmp(struct rhashtable_compare_arg *arg,
			   const void *data)
{
	const struct clusnet_name_key *key = arg->key;
	const struct clusnet_if *obj = data;

	return !clusnet_name_eq(obj->name, obj->name_len, key->name, key->len);
}

static const struct rhashtable_params clusnet_names_params = {
	.head_offset = offsetof(struct clusnet_if, hnode),
	.hashfn = clusnet_key_hash,
	.obj_hashfn = clusnet_obj_hash,
	.obj_cmpfn = clusnet_obj_cmp,
	.automatic_shrinking = true,
};

struct clusnet_net *clusnet_net(const struct net *net)
{
	return net_generic(net, clusnet_net_id);
}

/* Object and network ids: unique within a boot, never reused. */
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

void clusnet_if_put(struct clusnet_if *obj)
{
	/* Lockless lookups may still be looking at it: free after a grace. */
	if (refcount_dec_and_test(&obj->ref))
		call_rcu(&obj->rcu, clusnet_if_free_rcu);
}

void clusnet_if_sec(struct clusnet_if *obj, struct clusnet_sec *sec)
{
	spin_lock(&obj->lock);
	*sec = obj->sec;
	spin_unlock(&obj->lock);
}

/*
 * The result stays valid under RTNL (only RTNL holders unlink objects) or
 * under the caller's own rcu_read_lock().
 */
static struct clusnet_if *clusnet_if_find(struct clusnet_net *cn,
					  const char *name, size_t len)
{
	struct clusnet_name_key key = { .name = name, .len = len };

	return rhashtable_lookup_fast(&cn->names, &key, clusnet_names_params);
}

/* Returns the object with a reference held, or NULL. */
struct clusnet_if *clusnet_if_get_by_name(struct net *net,
					  const char *name, size_t len)
{
	struct clusnet_if *obj;

	rcu_read_lock();
	obj = clusnet_if_find(clusnet_net(net), name, len);
	if (obj && !refcount_inc_not_zero(&obj->ref))
		obj = NULL;
	rcu_read_unlock();
	return obj;
}

static char *clusnet_strdup(const char *s, size_t len, const char *dflt,
			    gfp_t gfp)
{
	return s ? kmemdup_nul(s, len, gfp) : kstrdup(dflt, gfp);
}

/*
 * Tells the object's handles and the namespace's watch fds. Objects not
 * (or no longer) in the registry have nobody to tell. May be called from
 * any context.
 */
void clusnet_if_event(struct clusnet_net *cn, struct clusnet_if *obj,
		      u32 changes, u8 old_state)
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

	if (!READ_ONCE(obj->listed) && !(changes & CLUSNET_EVENT_DELETED))
		return;
	/* Pairs with the cmpxchg() that publishes a feed. */
	feed = smp_load_acquire(&obj->feed);
	if (feed && !(changes & CLUSNET_EVENT_ADDED))
		clusnet_feed_post(feed, &cev.ev);
	/* Pairs with the release in clusnet_cluster_feed(). */
	feed = smp_load_acquire(&cn->feed);
	if (feed) {
		memcpy(cev.name, obj->name, obj->name_len);
		clusnet_feed_post(feed, &cev.ev);
	}
}

/*
 * The feed of an object's handles, made by the first handle. A feed that
 * appears after the object was deleted is never closed: readers also look
 * at obj->dead, which the deleter sets before it looks for a feed.
 */
int clusnet_if_feed(struct clusnet_if *obj, struct clusnet_feed **feedp)
{
	struct clusnet_feed *feed, *old;

	/* Pairs with the cmpxchg() below, in another opener. */
	feed = smp_load_acquire(&obj->feed);
	if (!feed) {
		feed = clusnet_feed_alloc(CLUSNET_EVENT_RING,
					  sizeof(struct clusnet_event),
					  GFP_KERNEL_ACCOUNT);
		if (!feed)
			return -ENOMEM;
		old = cmpxchg(&obj->feed, NULL, feed);
		if (old) {
			clusnet_feed_put(feed);
			feed = old;
		}
	}
	*feedp = feed;
	return 0;
}

/* The namespace's feed, with a reference for a watch fd. */
struct clusnet_feed *clusnet_cluster_feed(struct net *net)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_feed *feed;

	rtnl_lock();
	feed = cn->feed;
	if (!feed) {
		feed = clusnet_feed_alloc(CLUSNET_CLUSTER_EVENT_RING,
					  sizeof(struct clusnet_cluster_event),
					  GFP_KERNEL_ACCOUNT);
		if (feed) {
			/* Posters do not take RTNL: publish a whole feed. */
			smp_store_release(&cn->feed, feed);
		}
	}
	if (feed)
		clusnet_feed_get(feed);
	rtnl_unlock();
	return feed;
}

/*
 * Marks an unlinked object dead, tells whoever was told it exists (nobody,
 * when it was never listed), ends its handles' event streams and drops the
 * registry's reference.
 */
static void clusnet_if_kill(struct clusnet_net *cn, struct clusnet_if *obj,
			    bool was_listed)
{
	WRITE_ONCE(obj->dead, true);
	/* Pairs with the cmpxchg() in clusnet_if_feed(), see there. */
	smp_mb();
	if (was_listed)
		clusnet_if_event(cn, obj, CLUSNET_EVENT_DELETED, obj->state);
	if (READ_ONCE(obj->feed))
		clusnet_feed_close(obj->feed);
	clusnet_if_put(obj);
}

/*
 * Creates, links and binds an object. Called under RTNL. The returned
 * pointer is borrowed from the registry: valid until RTNL is dropped.
 */
struct clusnet_if *clusnet_if_create(struct net *net,
				     const struct clusnet_if_spec *spec)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	int err;

	ASSERT_RTNL();

	if (clusnet_if_find(cn, spec->name, spec->name_len))
		return ERR_PTR(-EEXIST);

	obj = kzalloc(struct_size(obj, name, spec->name_len + 1), spec->gfp);
	if (!obj)
		return ERR_PTR(-ENOMEM);

	refcount_set(&obj->ref, 1);
	spin_lock_init(&obj->lock);
	INIT_LIST_HEAD(&obj->link);
	obj->cn = cn;
	obj->sec = spec->sec;
	obj->autobound = spec->autobound;
	obj->state = CLUSNET_STATE_UNAVAILABLE;
	strscpy(obj->ifname, spec->ifname, sizeof(obj->ifname));
	obj->name_len = spec->name_len;
	memcpy(obj->name, spec->name, spec->name_len);

	obj->node = clusnet_strdup(spec->node, spec->node_len, cn->node,
				   spec->gfp);
	err = -ENOMEM;
	if (!obj->node)
		goto err_free;
	if (spec->network) {
		err = clusnet_network_pin(cn, obj, spec->network,
					  spec->network_len);
		if (err)
			goto err_free;
	}

	obj->id = clusnet_new_id();
	/*
	 * The name goes in before the object is bound: once bound, the IPv6
	 * address notifier can reach it under RCU, and from the insert on
	 * lockless lookups can pin it. Whatever fails after the insert
	 * therefore kills it as a delete would, freeing it after a grace
	 * period.
	 */
	err = rhashtable_insert_fast(&cn->names, &obj->hnode,
				     clusnet_names_params);
	if (err)
		goto err_leave;
	err = clusnet_follow(net, obj);
	if (err) {
		rhashtable_remove_fast(&cn->names, &obj->hnode,
				       clusnet_names_params);
		clusnet_network_leave(cn, obj);
		clusnet_if_kill(cn, obj, false);
		return ERR_PTR(err);
	}

	list_add_tail(&obj->link, &cn->objects);
	WRITE_ONCE(cn->count, cn->count + 1);
	WRITE_ONCE(obj->listed, true);
	clusnet_if_event(cn, obj, CLUSNET_EVENT_ADDED, obj->state);
	return obj;

err_leave:
	clusnet_network_leave(cn, obj);
err_free:
	kfree(obj->node);
	kfree(obj);
	return ERR_PTR(err);
}

/* Called under RTNL. Handles keep the object; their calls get -ENODEV. */
static void clusnet_if_unlink(struct clusnet_net *cn, struct clusnet_if *obj)
{
	ASSERT_RTNL();

	rhashtable_remove_fast(&cn->names, &obj->hnode, clusnet_names_params);
	list_del_init(&obj->link);
	WRITE_ONCE(cn->count, cn->count - 1);
	WRITE_ONCE(obj->listed, false);
	clusnet_unfollow(cn, obj);
	clusnet_network_leave(cn, obj);
	clusnet_if_kill(cn, obj, true);
}

int clusnet_if_delete(struct net *net, const char *name, size_t len)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	int err = -ENOENT;

	rtnl_lock();
	obj = clusnet_if_find(cn, name, len);
	if (obj) {
		clusnet_if_unlink(cn, obj);
		err = 0;
	}
	rtnl_unlock();
	return err;
}

static void clusnet_if_entry_fill(struct clusnet_if *obj,
				  struct clusnet_if_entry *e)
{
	struct clusnet_network *nw = rtnl_dereference(obj->nw);
	struct net_device *dev = rtnl_dereference(obj->dev);
	struct clusnet_sec sec;

	clusnet_if_sec(obj, &sec);
	e->id = obj->id;
	e->state = obj->state;
	e->ifindex = dev ? dev->ifindex : 0;
	e->uid = from_kuid_munged(current_user_ns(), sec.owner);
	e->gid = from_kgid_munged(current_user_ns(), sec.group);
	e->mode = sec.mode;
	if (obj->autobound)
		e->flags |= CLUSNET_IF_AUTOBOUND;
	if (obj->pinned)
		e->flags |= CLUSNET_IF_PINNED;
	strscpy(e->ifname, obj->ifname, sizeof(e->ifname));
	strscpy(e->name, obj->name, sizeof(e->name));
	strscpy(e->node, obj->node, sizeof(e->node));
	if (nw) {
		e->network_id = nw->id;
		strscpy(e->network, nw->name, sizeof(e->network));
	}
}

/*
 * The objects of a namespace at one moment, in creation order: at most
 * max entries, *count says how many objects there are. Taken under RTNL,
 * copied to userspace by the caller after it is dropped.
 */
int clusnet_if_snapshot(struct net *net, struct clusnet_if_entry **entries,
			u32 max, u32 *count)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if_entry *e = NULL;
	struct clusnet_if *obj;
	u32 n;

	rtnl_lock();
	*count = cn->count;
	n = min(cn->count, max);
	if (n) {
		e = kvcalloc(n, sizeof(*e), GFP_KERNEL_ACCOUNT);
		if (!e) {
			rtnl_unlock();
			return -ENOMEM;
		}
	}
	*entries = e;
	list_for_each_entry(obj, &cn->objects, link) {
		if (!n--)
			break;
		clusnet_if_entry_fill(obj, e++);
	}
	rtnl_unlock();
	return 0;
}

static int __net_init clusnet_net_init(struct net *net)
{
	struct clusnet_net *cn = clusnet_net(net);
	int err;

	err = rhashtable_init(&cn->names, &clusnet_names_params);
	if (err)
		return err;
	err = clusnet_binding_net_init(cn);
	if (err) {
		rhashtable_destroy(&cn->names);
		return err;
	}

	INIT_LIST_HEAD(&cn->objects);
	INIT_LIST_HEAD(&cn->networks);
	cn->autobind = true;
	/*
	 * The node name is the host name of whoever set the namespace up.
	 * uts_sem is not exported; a racing sethostname() can at worst give
	 * a mix of the old and new name, which the admin can see and fix.
	 */
	strscpy(cn->node, utsname()->nodename, sizeof(cn->node));
	return 0;
}

/*
 * As a pernet subsystem we run after every device of the namespace has
 * been unregistered or moved away, so no object is bound any more.
 */
static void __net_exit clusnet_net_exit(struct net *net)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(obj, tmp, &cn->objects, link)
		clusnet_if_unlink(cn, obj);
	rtnl_unlock();
	/* Watch fds read what is left, then end. */
	if (cn->feed) {
		clusnet_feed_close(cn->feed);
		clusnet_feed_put(cn->feed);
		cn->feed = NULL;
	}
	clusnet_binding_net_exit(cn);
	rhashtable_destroy(&cn->names);
}

static struct pernet_operations clusnet_net_ops = {
	.init = clusnet_net_init,
	.exit = clusnet_net_exit,
	.id = &clusnet_net_id,
	.size = sizeof(struct clusnet_net),
};

int clusnet_registry_init(void)
{
	/*
	 * Ids stay unique across module reloads within a boot: no load can
	 * have handed out more ids than nanoseconds have passed since.
	 */
	atomic64_set(&clusnet_next_id, ktime_get_boottime_ns());
	clusnet_name_init();
	return register_pernet_subsys(&clusnet_net_ops);
}

void clusnet_registry_exit(void)
{
	unregister_pernet_subsys(&clusnet_net_ops);
	/* Objects are freed by RCU callbacks that live in this module. */
	rcu_barrier();
}
