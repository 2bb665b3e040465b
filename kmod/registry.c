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

/* Windows compares cluster names case-insensitively; we fold ASCII only. */
static inline u8 clusnet_fold(u8 c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static u32 clusnet_fold_hash(const char *s, size_t len, u32 seed)
{
	u32 h = seed ^ 2166136261u;

	while (len--) {
		h ^= clusnet_fold(*s++);
		h *= 16777619u;
	}
	return h;
}

static u32 clusnet_key_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_name_key *key = data;

	return clusnet_fold_hash(key->name, key->len, seed);
}

static u32 clusnet_obj_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_if *obj = data;

	return clusnet_fold_hash(obj->name, obj->name_len, seed);
}

static int clusnet_obj_cmp(struct rhashtable_compare_arg *arg,
			   const void *data)
{
	const struct clusnet_name_key *key = arg->key;
	const struct clusnet_if *obj = data;
	size_t i;

	if (obj->name_len != key->len)
		return 1;
	for (i = 0; i < key->len; i++)
		if (clusnet_fold(obj->name[i]) != clusnet_fold(key->name[i]))
			return 1;
	return 0;
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

static void clusnet_if_free_rcu(struct rcu_head *head)
{
	struct clusnet_if *obj = container_of(head, struct clusnet_if, rcu);

	kfree(obj->description);
	kfree(obj->network);
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
	obj->sec = spec->sec;
	obj->autobound = spec->autobound;
	obj->state = CLUSNET_STATE_UNAVAILABLE;
	strscpy(obj->ifname, spec->ifname, sizeof(obj->ifname));
	obj->name_len = spec->name_len;
	memcpy(obj->name, spec->name, spec->name_len);

	obj->node = clusnet_strdup(spec->node, spec->node_len, cn->node,
				   spec->gfp);
	obj->network = clusnet_strdup(spec->network, spec->network_len,
				      CLUSNET_DEFAULT_NETWORK, spec->gfp);
	err = -ENOMEM;
	if (!obj->node || !obj->network)
		goto err_free;

	obj->id = atomic64_inc_return(&clusnet_next_id);
	err = clusnet_follow(net, obj);
	if (err)
		goto err_free;
	/* Last: from here on lockless lookups can find and pin it. */
	err = rhashtable_insert_fast(&cn->names, &obj->hnode,
				     clusnet_names_params);
	if (err)
		goto err_unfollow;

	list_add_tail(&obj->link, &cn->objects);
	WRITE_ONCE(cn->count, cn->count + 1);
	return obj;

err_unfollow:
	clusnet_unfollow(cn, obj);
err_free:
	kfree(obj->network);
	kfree(obj->node);
	kfree(obj);
	return ERR_PTR(err);
}

/* Called under RTNL. Handles keep the object; their calls get -ENODEV. */
static void clusnet_if_unlink(struct clusnet_net *cn, struct clusnet_if *obj)
{
	ASSERT_RTNL();

	rhashtable_remove_fast(&cn->names, &obj->hnode, clusnet_names_params);
	list_del(&obj->link);
	WRITE_ONCE(cn->count, cn->count - 1);
	clusnet_unfollow(cn, obj);
	WRITE_ONCE(obj->dead, true);
	clusnet_if_put(obj);
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
	return register_pernet_subsys(&clusnet_net_ops);
}

void clusnet_registry_exit(void)
{
	unregister_pernet_subsys(&clusnet_net_ops);
	/* Objects are freed by RCU callbacks that live in this module. */
	rcu_barrier();
}
