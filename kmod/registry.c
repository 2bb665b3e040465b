// SPDX-License-Identifier: GPL-2.0
/*
 * The per-network-namespace registry of interface objects.
 *
 * Lookups by name, the open path, take no lock: the hash table is read
 * under RCU and objects are pinned with refcount_inc_not_zero(). So is
 * enumeration, which walks the list of objects under RCU. Every change to
 * the set of objects happens under the namespace's mutex, and under RTNL
 * as well where it binds or unbinds a NIC (create, delete): the netdevice
 * notifier holds RTNL and then takes the mutex, so a NIC event never races
 * with the creation or deletion of an object that follows it.
 */
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "clusnet.h"

/*
 * Root of a user namespace may create objects in its network namespace:
 * each one costs memory and, once followed, time in the NIC notifiers.
 */
static unsigned int max_objects = 16384;
module_param(max_objects, uint, 0644);
MODULE_PARM_DESC(max_objects,
		 "Most interface objects in one network namespace (default 16384)");

static unsigned int clusnet_net_id __read_mostly;

static u32 clusnet_key_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_name_key *key = data;

	return clusnet_name_hash(key->name, key->len, seed);
}

/* Inserts and rehashes only: the object is in the table, its name fixed. */
static u32 clusnet_obj_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_if *obj = data;

	return clusnet_name_hash(obj->name, obj->name_len, seed);
}

/* Lookups under RCU may meet an object being renamed out of the table. */
static int clusnet_obj_cmp(struct rhashtable_compare_arg *arg,
			   const void *data)
{
	const struct clusnet_name_key *key = arg->key;
	struct clusnet_if *obj = (struct clusnet_if *)data;
	unsigned int seq;
	bool eq;

	do {
		seq = read_seqbegin(&obj->seq);
		eq = clusnet_name_eq(obj->name, obj->name_len, key->name,
				     key->len);
	} while (read_seqretry(&obj->seq, seq));
	return !eq;
}

static const struct rhashtable_params clusnet_names_params = {
	.head_offset = offsetof(struct clusnet_if, hnode),
	.hashfn = clusnet_key_hash,
	.obj_hashfn = clusnet_obj_hash,
	.obj_cmpfn = clusnet_obj_cmp,
	.automatic_shrinking = true,
};

/** clusnet_net() - clusnet's part of a network namespace */
struct clusnet_net *clusnet_net(const struct net *net)
{
	return net_generic(net, clusnet_net_id);
}

/**
 * clusnet_if_find() - the object of that name
 * @cn: the namespace's registry
 * @name: its name, any case
 * @len: the name's length
 *
 * Return: the object, valid under cn->lock or the caller's
 * rcu_read_lock(), or NULL.
 */
struct clusnet_if *clusnet_if_find(struct clusnet_net *cn,
				   const char *name, size_t len)
{
	struct clusnet_name_key key = { .name = name, .len = len };

	return rhashtable_lookup_fast(&cn->names, &key, clusnet_names_params);
}

/**
 * clusnet_if_get_by_name() - the object of that name, without a lock
 * @net: its namespace
 * @name: its name, any case
 * @len: the name's length
 *
 * Return: the object with a reference held, or NULL.
 */
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
 * Marks an unlinked object dead, tells whoever was told it exists (nobody,
 * when it was never listed), ends its handles' event streams and drops the
 * registry's reference.
 */
static void clusnet_if_kill(struct clusnet_if *obj, bool was_listed)
{
	WRITE_ONCE(obj->dead, true);
	/* Pairs with the cmpxchg() in clusnet_if_feed(), see there. */
	smp_mb();
	if (was_listed)
		clusnet_if_event(obj, CLUSNET_EVENT_DELETED, obj->state);
	if (READ_ONCE(obj->feed))
		clusnet_feed_close(obj->feed);
	clusnet_if_put(obj);
}

static struct clusnet_if *clusnet_if_alloc(struct clusnet_net *cn,
					   const struct clusnet_if_spec *spec)
{
	size_t room = max(spec->name_len, spec->name_room);
	struct clusnet_if *obj;

	if (room > CLUSNET_NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	obj = kzalloc(struct_size(obj, name, room + 1), spec->gfp);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->node = clusnet_strdup(spec->node, spec->node_len, cn->node,
				   spec->gfp);
	if (!obj->node) {
		kfree(obj);
		return ERR_PTR(-ENOMEM);
	}
	refcount_set(&obj->ref, 1);
	seqlock_init(&obj->seq);
	INIT_LIST_HEAD(&obj->link);
	INIT_LIST_HEAD(&obj->work_link);
	INIT_LIST_HEAD(&obj->nw_link);
	obj->cn = cn;
	obj->sec = spec->sec;
	obj->autobound = spec->autobound;
	obj->remote = spec->remote;
	obj->state = CLUSNET_STATE_UNAVAILABLE;
	obj->cluster_state = CLUSNET_STATE_UP;
	strscpy(obj->ifname, spec->ifname, sizeof(obj->ifname));
	obj->name_room = room;
	obj->name_len = spec->name_len;
	memcpy(obj->name, spec->name, spec->name_len);
	return obj;
}

/**
 * clusnet_if_add() - creates, links and binds an object
 * @cn: the namespace's registry, locked, with RTNL held as well unless
 *	the object is a remote one, which binds to no NIC
 * @net: its namespace
 * @spec: what the object is made of
 *
 * Return: the object, borrowed from the registry (valid until the lock is
 * dropped), or an ERR_PTR(): -EEXIST, -ENOSPC over the namespace's limit
 * of objects or networks, -ENOMEM.
 */
struct clusnet_if *clusnet_if_add(struct clusnet_net *cn, struct net *net,
				  const struct clusnet_if_spec *spec)
{
	struct clusnet_if *obj;
	int err;

	if (!spec->remote)
		ASSERT_RTNL();
	lockdep_assert_held(&cn->lock);

	if (clusnet_if_find(cn, spec->name, spec->name_len))
		return ERR_PTR(-EEXIST);
	if (cn->count >= READ_ONCE(max_objects))
		return ERR_PTR(-ENOSPC);

	obj = clusnet_if_alloc(cn, spec);
	if (IS_ERR(obj))
		return obj;
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
	err = spec->remote ? 0 : clusnet_follow(cn, net, obj);
	if (err) {
		rhashtable_remove_fast(&cn->names, &obj->hnode,
				       clusnet_names_params);
		clusnet_network_leave(cn, obj);
		clusnet_if_kill(obj, false);
		return ERR_PTR(err);
	}

	/*
	 * Listed before it is on the list, which publishes it: a snapshot
	 * that finds it there sees it listed (see clusnet_if_snapshot()).
	 */
	WRITE_ONCE(obj->listed, true);
	write_seqcount_begin(&cn->objects_seq);
	list_add_tail_rcu(&obj->link, &cn->objects);
	WRITE_ONCE(cn->count, cn->count + 1);
	write_seqcount_end(&cn->objects_seq);
	clusnet_if_event(obj, CLUSNET_EVENT_ADDED, obj->state);
	return obj;

err_leave:
	clusnet_network_leave(cn, obj);
err_free:
	kfree(obj->node);
	kfree(obj);
	return ERR_PTR(err);
}

/**
 * clusnet_if_create() - CLUSNET_IOC_CREATE's object
 * @net: the namespace
 * @spec: what the object is made of
 * @id: its id, on success
 *
 * Return: 0 or a negative errno, as clusnet_if_add().
 */
int clusnet_if_create(struct net *net, const struct clusnet_if_spec *spec,
		      u64 *id)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;

	if (!spec->remote)
		rtnl_lock();
	mutex_lock(&cn->lock);
	obj = clusnet_if_add(cn, net, spec);
	if (!IS_ERR(obj))
		*id = obj->id;
	mutex_unlock(&cn->lock);
	if (!spec->remote)
		rtnl_unlock();
	return PTR_ERR_OR_ZERO(obj);
}

/**
 * clusnet_if_rename() - gives an object another name
 * @cn: its registry, locked
 * @obj: the object, listed
 * @name: the new name
 * @len: its length, at most what the object was made with room for
 *
 * Lookups of either name may miss the object while this runs.
 *
 * Return: 0, -EEXIST when another object has that name, -ENAMETOOLONG or
 * -ENOMEM (the object then keeps its old name).
 */
int clusnet_if_rename(struct clusnet_net *cn, struct clusnet_if *obj,
		      const char *name, size_t len)
{
	struct clusnet_if *other;
	char old[CLUSNET_NAME_MAX];
	size_t old_len;
	int err;

	lockdep_assert_held(&cn->lock);
	other = clusnet_if_find(cn, name, len);
	if (other)
		return other == obj ? 0 : -EEXIST;
	if (len > obj->name_room)
		return -ENAMETOOLONG;

	old_len = obj->name_len;
	memcpy(old, obj->name, old_len);
	rhashtable_remove_fast(&cn->names, &obj->hnode, clusnet_names_params);
	write_seqlock_bh(&obj->seq);
	memcpy(obj->name, name, len);
	obj->name[len] = '\0';
	obj->name_len = len;
	write_sequnlock_bh(&obj->seq);
	err = rhashtable_insert_fast(&cn->names, &obj->hnode,
				     clusnet_names_params);
	if (!err) {
		clusnet_if_event(obj, CLUSNET_EVENT_PROPERTY, obj->state);
		return 0;
	}

	/* The old name's slot was just freed: it fits again. */
	write_seqlock_bh(&obj->seq);
	memcpy(obj->name, old, old_len);
	obj->name[old_len] = '\0';
	obj->name_len = old_len;
	write_sequnlock_bh(&obj->seq);
	if (rhashtable_insert_fast(&cn->names, &obj->hnode,
				   clusnet_names_params))
		net_warn_ratelimited("clusnet: %s: lost its name\n", old);
	return err;
}

/**
 * clusnet_if_unlink() - deletes an object
 * @cn: its registry, locked; with RTNL held too if the object is bound
 * @obj: the object, listed
 *
 * Handles keep the object; their calls get -ENODEV.
 */
void clusnet_if_unlink(struct clusnet_net *cn, struct clusnet_if *obj)
{
	lockdep_assert_held(&cn->lock);

	rhashtable_remove_fast(&cn->names, &obj->hnode, clusnet_names_params);
	write_seqcount_begin(&cn->objects_seq);
	list_del_rcu(&obj->link);
	WRITE_ONCE(cn->count, cn->count - 1);
	write_seqcount_end(&cn->objects_seq);
	/*
	 * Unlisted before its network goes (whose memory a grace period
	 * keeps for the walks that found the object): lockless readers
	 * follow obj->nw only while it is listed.
	 */
	WRITE_ONCE(obj->listed, false);
	if (!obj->remote)
		clusnet_unfollow(cn, obj);
	clusnet_network_drop(cn, obj);
	clusnet_if_kill(obj, true);
}

/**
 * clusnet_if_delete() - CLUSNET_IOC_DELETE
 * @net: the namespace
 * @name: the object's name, any case
 * @len: its length
 *
 * Return: 0 or -ENOENT.
 */
int clusnet_if_delete(struct net *net, const char *name, size_t len)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if *obj;
	int err = -ENOENT;

	rtnl_lock();
	mutex_lock(&cn->lock);
	obj = clusnet_if_find(cn, name, len);
	if (obj) {
		clusnet_if_unlink(cn, obj);
		err = 0;
	}
	mutex_unlock(&cn->lock);
	rtnl_unlock();
	return err;
}

/* Under RCU: each field is read as one consistent value. */
static void clusnet_if_entry_fill(struct clusnet_if *obj,
				  struct clusnet_if_entry *e)
{
	struct net_device *dev = rcu_dereference(obj->dev);
	struct clusnet_network *nw = rcu_dereference(obj->nw);
	struct clusnet_sec sec;

	clusnet_if_sec(obj, &sec);
	e->id = obj->id;
	e->state = READ_ONCE(obj->state);
	e->ifindex = dev ? dev->ifindex : 0;
	e->uid = from_kuid_munged(current_user_ns(), sec.owner);
	e->gid = from_kgid_munged(current_user_ns(), sec.group);
	e->mode = sec.mode;
	if (obj->autobound)
		e->flags |= CLUSNET_IF_AUTOBOUND;
	if (obj->pinned)
		e->flags |= CLUSNET_IF_PINNED;
	if (obj->remote)
		e->flags |= CLUSNET_IF_REMOTE;
	clusnet_if_names(obj, e->name, sizeof(e->name), e->ifname);
	strscpy(e->node, obj->node, sizeof(e->node));
	if (nw) {
		e->network_id = nw->id;
		spin_lock(&nw->lock);
		strscpy(e->network, nw->name, sizeof(e->network));
		spin_unlock(&nw->lock);
	}
}

/**
 * clusnet_if_snapshot() - CLUSNET_IOC_ENUM's entries
 * @net: the namespace
 * @entries: at most @max entries, kvfree() them
 * @max: the caller's capacity
 * @count: how many objects there are
 *
 * The array is sized before the walk, from the count, and bounded by it:
 * no lock is held while allocating, and none but RCU while walking.
 * Objects created meanwhile that no longer fit are left out, as if made
 * after the snapshot, so that min(*count, @max) entries are always filled:
 * *count exceeds what was filled only when @max was too small. A walk
 * that a create or delete overlapped is done again (objects_seq), so the
 * snapshot is the set of objects at one moment; only the caller waits
 * for the writers, and a fatal signal ends the wait.
 *
 * Return: 0, -ENOMEM or -EINTR.
 */
int clusnet_if_snapshot(struct net *net, struct clusnet_if_entry **entries,
			u32 max, u32 *count)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_if_entry *e = NULL;
	struct clusnet_if *obj;
	unsigned int seq;
	u32 n, seen;

	n = min(READ_ONCE(cn->count), max);
	if (!max) {
		*count = READ_ONCE(cn->count);
		*entries = NULL;
		return 0;
	}
	if (n) {
		e = kvcalloc(n, sizeof(*e), GFP_KERNEL_ACCOUNT);
		if (!e)
			return -ENOMEM;
	}
	*entries = e;
	for (;;) {
		seen = 0;
		seq = read_seqcount_begin(&cn->objects_seq);
		rcu_read_lock();
		list_for_each_entry_rcu(obj, &cn->objects, link) {
			if (seen < n) {
				memset(&e[seen], 0, sizeof(*e));
				clusnet_if_entry_fill(obj, &e[seen]);
			}
			seen++;
		}
		rcu_read_unlock();
		if (!read_seqcount_retry(&cn->objects_seq, seq))
			break;
		if (fatal_signal_pending(current)) {
			kvfree(e);
			*entries = NULL;
			return -EINTR;
		}
		cond_resched();
	}
	*count = n < max ? min(seen, n) : seen;
	return 0;
}

static int __net_init clusnet_net_init(struct net *net)
{
	struct clusnet_net *cn = clusnet_net(net);
	int err;

	mutex_init(&cn->lock);
	seqcount_mutex_init(&cn->objects_seq, &cn->lock);
	seqcount_mutex_init(&cn->networks_seq, &cn->lock);
	INIT_LIST_HEAD(&cn->objects);
	cn->autobind = true;
	/*
	 * The node name is the host name of whoever set the namespace up.
	 * uts_sem is not exported; a racing sethostname() can at worst give
	 * a mix of the old and new name, which the admin can see and fix.
	 */
	strscpy(cn->node, utsname()->nodename, sizeof(cn->node));
	clusnet_cluster_net_init(cn);

	err = rhashtable_init(&cn->names, &clusnet_names_params);
	if (err)
		return err;
	err = clusnet_binding_net_init(cn);
	if (err)
		goto err_names;
	err = clusnet_networks_net_init(cn);
	if (err)
		goto err_binding;
	return 0;

err_binding:
	clusnet_binding_net_exit(cn);
err_names:
	rhashtable_destroy(&cn->names);
	return err;
}

/*
 * As a pernet subsystem we run after every device of the namespaces has
 * been unregistered or moved away, so no object is bound any more and
 * RTNL is not needed. One grace period for the whole batch, before the
 * namespaces' memory goes: lockless posters that saw an object listed may
 * still be using its namespace's feed.
 */
static void __net_exit clusnet_net_exit_batch(struct list_head *net_list)
{
	struct clusnet_if *obj, *tmp;
	struct clusnet_net *cn;
	struct net *net;

	list_for_each_entry(net, net_list, exit_list) {
		cn = clusnet_net(net);
		mutex_lock(&cn->lock);
		list_for_each_entry_safe(obj, tmp, &cn->objects, link) {
			clusnet_if_unlink(cn, obj);
			cond_resched();
		}
		mutex_unlock(&cn->lock);
	}
	synchronize_rcu();
	list_for_each_entry(net, net_list, exit_list) {
		cn = clusnet_net(net);
		/* Watch fds read what is left, then end. */
		if (cn->feed) {
			clusnet_feed_close(cn->feed);
			clusnet_feed_put(cn->feed);
			cn->feed = NULL;
		}
		clusnet_forward_net_exit(cn);
		clusnet_cluster_net_exit(cn);
		clusnet_networks_net_exit(cn);
		clusnet_binding_net_exit(cn);
		rhashtable_destroy(&cn->names);
		mutex_destroy(&cn->lock);
	}
}

static struct pernet_operations clusnet_net_ops = {
	.init = clusnet_net_init,
	.exit_batch = clusnet_net_exit_batch,
	.id = &clusnet_net_id,
	.size = sizeof(struct clusnet_net),
};

/** clusnet_registry_init() - sets up every namespace, present and future */
int clusnet_registry_init(void)
{
	clusnet_id_init();
	clusnet_name_init();
	return register_pernet_subsys(&clusnet_net_ops);
}

/** clusnet_registry_exit() - tears every namespace's objects down */
void clusnet_registry_exit(void)
{
	unregister_pernet_subsys(&clusnet_net_ops);
	/* Objects are freed by RCU callbacks that live in this module. */
	rcu_barrier();
}
