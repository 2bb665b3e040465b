// SPDX-License-Identifier: GPL-2.0
/*
 * Cluster networks, found the way Windows finds them: one per IPv4 subnet
 * seen on the bound NICs. An object is on the network of its NIC's primary
 * IPv4 subnet, or on the network an admin named when creating it.
 *
 * A network lives while it has members, and keeps its id and name (an
 * admin may rename it) for that long; a new one takes the smallest free
 * "Cluster Network N". Networks change under their namespace's lock, on
 * address changes also under RTNL; they are found by name and by subnet in
 * hash tables, and their numbers come from an IDA, so an address change
 * costs the same however many networks there are. Readers of a network's
 * name and counters do without the lock, through RCU and nw->lock.
 */
#include <linux/inetdevice.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/rculist.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "clusnet.h"

/* Anyone who sets addresses or creates pinned objects makes networks. */
static unsigned int max_networks = 1024;
module_param(max_networks, uint, 0644);
MODULE_PARM_DESC(max_networks,
		 "Most cluster networks in one network namespace (default 1024)");

#define CLUSNET_NETWORK_PREFIX "Cluster Network "

static u32 clusnet_network_key_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_name_key *key = data;

	return clusnet_name_hash(key->name, key->len, seed);
}

static u32 clusnet_network_obj_hash(const void *data, u32 len, u32 seed)
{
	const struct clusnet_network *nw = data;

	return clusnet_name_hash(nw->name, nw->name_len, seed);
}

static int clusnet_network_cmp(struct rhashtable_compare_arg *arg,
			       const void *data)
{
	const struct clusnet_name_key *key = arg->key;
	const struct clusnet_network *nw = data;

	return !clusnet_name_eq(nw->name, nw->name_len, key->name, key->len);
}

static const struct rhashtable_params clusnet_network_names_params = {
	.head_offset = offsetof(struct clusnet_network, name_node),
	.hashfn = clusnet_network_key_hash,
	.obj_hashfn = clusnet_network_obj_hash,
	.obj_cmpfn = clusnet_network_cmp,
	.automatic_shrinking = true,
};

static const struct rhashtable_params clusnet_subnets_params = {
	.head_offset = offsetof(struct clusnet_network, subnet_node),
	.key_offset = offsetof(struct clusnet_network, subnet_key),
	.key_len = sizeof(u64),
	.automatic_shrinking = true,
};

/** clusnet_networks_net_init() - a namespace's networks: none yet */
int clusnet_networks_net_init(struct clusnet_net *cn)
{
	int err;

	INIT_LIST_HEAD(&cn->networks);
	ida_init(&cn->network_numbers);
	err = rhashtable_init(&cn->network_names,
			      &clusnet_network_names_params);
	if (err)
		return err;
	err = rhashtable_init(&cn->subnets, &clusnet_subnets_params);
	if (err)
		rhashtable_destroy(&cn->network_names);
	return err;
}

/** clusnet_networks_net_exit() - after the last object left its network */
void clusnet_networks_net_exit(struct clusnet_net *cn)
{
	rhashtable_destroy(&cn->subnets);
	rhashtable_destroy(&cn->network_names);
	ida_destroy(&cn->network_numbers);
}

static u64 clusnet_subnet_key(__be32 subnet, u8 prefixlen)
{
	return (u64)prefixlen << 32 | (__force u32)subnet;
}

static struct clusnet_network *
clusnet_network_by_name(struct clusnet_net *cn, const char *name, size_t len)
{
	struct clusnet_name_key key = { .name = name, .len = len };

	return rhashtable_lookup_fast(&cn->network_names, &key,
				      clusnet_network_names_params);
}

/*
 * N if the name is "Cluster Network N" as numbering would write it (any
 * case, N from 1 without leading zeros), else 0: only such names take a
 * number from the IDA, so that numbering skips exactly the names in use.
 */
static int clusnet_network_number_of(const char *name, size_t len)
{
	size_t plen = strlen(CLUSNET_NETWORK_PREFIX), i;
	unsigned long n = 0;

	if (len <= plen || name[plen] == '0' ||
	    !clusnet_name_eq(name, plen, CLUSNET_NETWORK_PREFIX, plen))
		return 0;
	for (i = plen; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		n = n * 10 + name[i] - '0';
		if (n > INT_MAX)
			return 0;
	}
	return n;
}

/* Takes the name's number, if it has one, and puts it in the name table. */
static int clusnet_network_claim(struct clusnet_net *cn,
				 struct clusnet_network *nw)
{
	int number = clusnet_network_number_of(nw->name, nw->name_len);
	int err;

	if (number) {
		err = ida_alloc_range(&cn->network_numbers, number, number,
				      GFP_KERNEL_ACCOUNT);
		if (err < 0)
			return err;
	}
	err = rhashtable_insert_fast(&cn->network_names, &nw->name_node,
				     clusnet_network_names_params);
	if (err) {
		if (number)
			ida_free(&cn->network_numbers, number);
		return err;
	}
	nw->number = number;
	return 0;
}

static void clusnet_network_release(struct clusnet_net *cn,
				    struct clusnet_network *nw)
{
	rhashtable_remove_fast(&cn->network_names, &nw->name_node,
			       clusnet_network_names_params);
	if (nw->number)
		ida_free(&cn->network_numbers, nw->number);
	nw->number = 0;
}

static void clusnet_network_set_name(struct clusnet_network *nw,
				     const char *name, size_t len)
{
	spin_lock(&nw->lock);
	memset(nw->name, 0, sizeof(nw->name));
	memcpy(nw->name, name, len);
	nw->name_len = len;
	spin_unlock(&nw->lock);
}

static void clusnet_network_free(struct clusnet_net *cn,
				 struct clusnet_network *nw)
{
	clusnet_network_release(cn, nw);
	if (nw->flags & CLUSNET_NETWORK_DISCOVERED)
		rhashtable_remove_fast(&cn->subnets, &nw->subnet_node,
				       clusnet_subnets_params);
	write_seqcount_begin(&cn->networks_seq);
	list_del_rcu(&nw->link);
	WRITE_ONCE(cn->network_count, cn->network_count - 1);
	write_seqcount_end(&cn->networks_seq);
	kfree_rcu(nw, rcu);
}

/*
 * A new network, named @name or, without one, "Cluster Network N" for the
 * smallest free N; not published yet. Charged to whoever caused it.
 */
static struct clusnet_network *
clusnet_network_new(struct clusnet_net *cn, const char *name, size_t len)
{
	struct clusnet_network *nw;
	int number, err;

	if (cn->network_count >= READ_ONCE(max_networks))
		return ERR_PTR(-ENOSPC);
	nw = kzalloc(sizeof(*nw), GFP_KERNEL_ACCOUNT);
	if (!nw)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&nw->lock);
	INIT_LIST_HEAD(&nw->members_list);
	if (name) {
		clusnet_network_set_name(nw, name, len);
		err = clusnet_network_claim(cn, nw);
	} else {
		number = ida_alloc_min(&cn->network_numbers, 1,
				       GFP_KERNEL_ACCOUNT);
		err = number;
		if (number > 0) {
			nw->name_len = scnprintf(nw->name, sizeof(nw->name),
						 CLUSNET_NETWORK_PREFIX "%d",
						 number);
			nw->number = number;
			err = rhashtable_insert_fast(&cn->network_names,
						     &nw->name_node,
						     clusnet_network_names_params);
			if (err)
				ida_free(&cn->network_numbers, number);
		}
	}
	if (err) {
		kfree(nw);
		return ERR_PTR(err);
	}
	nw->id = clusnet_new_id();
	return nw;
}

/* Once complete: from here on readers under RCU see it. */
static void clusnet_network_publish(struct clusnet_net *cn,
				    struct clusnet_network *nw)
{
	write_seqcount_begin(&cn->networks_seq);
	list_add_tail_rcu(&nw->link, &cn->networks);
	WRITE_ONCE(cn->network_count, cn->network_count + 1);
	write_seqcount_end(&cn->networks_seq);
}

/* A member in @state counts towards what the network's state derives from. */
static void clusnet_network_count(struct clusnet_network *nw, u8 state,
				  int delta)
{
	if (state == CLUSNET_STATE_UNAVAILABLE)
		return;
	WRITE_ONCE(nw->avail, nw->avail + delta);
	if (state == CLUSNET_STATE_UP)
		WRITE_ONCE(nw->up, nw->up + delta);
	if (state == CLUSNET_STATE_UP || state == CLUSNET_STATE_UNREACHABLE)
		WRITE_ONCE(nw->talking, nw->talking + delta);
}

static struct clusnet_network *clusnet_network_of(struct clusnet_net *cn,
						  struct clusnet_if *obj)
{
	return rcu_dereference_protected(obj->nw, lockdep_is_held(&cn->lock));
}

static void clusnet_network_join(struct clusnet_if *obj,
				 struct clusnet_network *nw)
{
	WRITE_ONCE(nw->members, nw->members + 1);
	list_add_tail(&obj->nw_link, &nw->members_list);
	clusnet_network_count(nw, obj->state, 1);
	rcu_assign_pointer(obj->nw, nw);
}

static void clusnet_network_part(struct clusnet_net *cn,
				 struct clusnet_if *obj, bool keep)
{
	struct clusnet_network *nw = clusnet_network_of(cn, obj);

	if (!nw)
		return;
	if (!keep)
		RCU_INIT_POINTER(obj->nw, NULL);
	list_del_init(&obj->nw_link);
	clusnet_network_count(nw, obj->state, -1);
	WRITE_ONCE(nw->members, nw->members - 1);
	if (!nw->members)
		clusnet_network_free(cn, nw);
}

/**
 * clusnet_network_leave() - takes an object off its network, if any
 * @cn: the namespace's registry, locked
 * @obj: the object
 *
 * A network's last member takes it, and its number, away.
 */
void clusnet_network_leave(struct clusnet_net *cn, struct clusnet_if *obj)
{
	clusnet_network_part(cn, obj, false);
}

/**
 * clusnet_network_drop() - an object being deleted leaves its network
 * @cn: the namespace's registry, locked
 * @obj: the object, already unlisted
 *
 * As clusnet_network_leave(), but obj->nw keeps pointing at the network:
 * a snapshot that found the object listed reports it as it was, and the
 * network, freed after a grace period, outlives that walk. Nothing reads
 * obj->nw of an unlisted object after (see clusnet_network_name()).
 */
void clusnet_network_drop(struct clusnet_net *cn, struct clusnet_if *obj)
{
	clusnet_network_part(cn, obj, true);
}

/**
 * clusnet_network_restate() - an object's state changed: recount its network
 * @cn: the namespace's registry, locked
 * @obj: the object
 * @old_state: its state before
 * @new_state: and after
 */
void clusnet_network_restate(struct clusnet_net *cn, struct clusnet_if *obj,
			     u8 old_state, u8 new_state)
{
	struct clusnet_network *nw = clusnet_network_of(cn, obj);

	if (!nw)
		return;
	clusnet_network_count(nw, old_state, -1);
	clusnet_network_count(nw, new_state, 1);
}

/* The subnet of the NIC's primary IPv4 address, if it has one. */
static bool clusnet_primary_subnet(struct clusnet_if *obj, __be32 *subnet,
				   u8 *prefixlen)
{
	struct net_device *dev = rtnl_dereference(obj->dev);
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;

	if (!dev)
		return false;
	in_dev = __in_dev_get_rtnl(dev);
	if (!in_dev)
		return false;
	in_dev_for_each_ifa_rtnl(ifa, in_dev) {
		if (ifa->ifa_flags & IFA_F_SECONDARY)
			continue;
		*subnet = ifa->ifa_local & ifa->ifa_mask;
		*prefixlen = ifa->ifa_prefixlen;
		return true;
	}
	return false;
}

static struct clusnet_network *
clusnet_network_discover(struct clusnet_net *cn, __be32 subnet, u8 prefixlen)
{
	u64 key = clusnet_subnet_key(subnet, prefixlen);
	struct clusnet_network *nw;
	int err;

	nw = rhashtable_lookup_fast(&cn->subnets, &key, clusnet_subnets_params);
	if (nw)
		return nw;
	nw = clusnet_network_new(cn, NULL, 0);
	if (IS_ERR(nw))
		return nw;
	nw->subnet = subnet;
	nw->prefixlen = prefixlen;
	nw->subnet_key = key;
	nw->flags = CLUSNET_NETWORK_DISCOVERED;
	err = rhashtable_insert_fast(&cn->subnets, &nw->subnet_node,
				     clusnet_subnets_params);
	if (err) {
		clusnet_network_release(cn, nw);
		kfree(nw);
		return ERR_PTR(err);
	}
	clusnet_network_publish(cn, nw);
	return nw;
}

/**
 * clusnet_network_update() - puts a discovered object on the network its
 * NIC's addresses say
 * @cn: the namespace's registry, locked, with RTNL held as well
 * @obj: the object, bound or just unbound
 *
 * Makes the network if needed. Over the namespace's limit of networks (or
 * out of memory) the object stays on none until its addresses change again.
 *
 * Return: whether the object changed network.
 */
bool clusnet_network_update(struct clusnet_net *cn, struct clusnet_if *obj)
{
	struct clusnet_network *cur = clusnet_network_of(cn, obj), *nw;
	__be32 subnet;
	u8 prefixlen;

	ASSERT_RTNL();
	if (obj->pinned)
		return false;

	if (!clusnet_primary_subnet(obj, &subnet, &prefixlen)) {
		clusnet_network_leave(cn, obj);
		return !!cur;
	}
	if (cur && cur->subnet == subnet && cur->prefixlen == prefixlen)
		return false;

	/* Leave first, so that a network of ours going away frees its number. */
	clusnet_network_leave(cn, obj);
	nw = clusnet_network_discover(cn, subnet, prefixlen);
	if (IS_ERR(nw)) {
		net_warn_ratelimited("clusnet: an object on no network: %pe\n",
				     nw);
		return true;
	}
	clusnet_network_join(obj, nw);
	return true;
}

/**
 * clusnet_network_pin() - at create: the object stays on the network of
 * that name, made if needed
 * @cn: the namespace's registry, locked
 * @obj: the new object
 * @name: the network's name
 * @len: its length
 *
 * Return: 0, -ENOSPC over the namespace's limit of networks, or -ENOMEM.
 */
int clusnet_network_pin(struct clusnet_net *cn, struct clusnet_if *obj,
			const char *name, size_t len)
{
	struct clusnet_network *nw;

	lockdep_assert_held(&cn->lock);
	nw = clusnet_network_by_name(cn, name, len);
	if (!nw) {
		nw = clusnet_network_new(cn, name, len);
		if (IS_ERR(nw))
			return PTR_ERR(nw);
		nw->flags = CLUSNET_NETWORK_PINNED;
		clusnet_network_publish(cn, nw);
	}
	obj->pinned = true;
	clusnet_network_join(obj, nw);
	return 0;
}

/**
 * clusnet_network_name() - the name of an object's network, without a lock
 * @obj: the object
 * @buf: the name, NUL-terminated; "" on no network
 * @size: the buffer's size
 */
void clusnet_network_name(struct clusnet_if *obj, char *buf, size_t size)
{
	struct clusnet_network *nw;

	buf[0] = '\0';
	rcu_read_lock();
	/*
	 * A deleted object's pointer may be stale: only a walk that found
	 * it listed may follow it. Pairs with clusnet_if_unlink().
	 */
	nw = READ_ONCE(obj->listed) ? rcu_dereference(obj->nw) : NULL;
	if (nw) {
		spin_lock(&nw->lock);
		strscpy(buf, nw->name, size);
		spin_unlock(&nw->lock);
	}
	rcu_read_unlock();
}

static struct clusnet_network *clusnet_network_by_id(struct clusnet_net *cn,
						     u64 id)
{
	struct clusnet_network *nw;

	/* At most max_networks, under our own lock: no RTNL user waits. */
	list_for_each_entry(nw, &cn->networks, link)
		if (nw->id == id)
			return nw;
	return NULL;
}

static int clusnet_network_rename_locked(struct clusnet_net *cn,
					 struct clusnet_network *nw,
					 const char *name, size_t len)
{
	char old[CLUSNET_NAME_MAX];
	size_t old_len = nw->name_len;
	struct clusnet_network *other;
	int err;

	other = clusnet_network_by_name(cn, name, len);
	if (other && other != nw)
		return -EEXIST;

	memcpy(old, nw->name, old_len);
	clusnet_network_release(cn, nw);
	clusnet_network_set_name(nw, name, len);
	err = clusnet_network_claim(cn, nw);
	if (!err)
		return 0;
	/* The old name's number and slot were just freed: they fit again. */
	clusnet_network_set_name(nw, old, old_len);
	if (clusnet_network_claim(cn, nw))
		net_warn_ratelimited("clusnet: a network lost its name\n");
	return err;
}

/**
 * clusnet_network_rename() - CLUSNET_IOC_NETWORK_RENAME
 * @net: the namespace
 * @id: the network's id
 * @name: its new name
 * @len: the name's length
 *
 * Return: 0, -ENOENT, -EEXIST when another network has that name, or
 * -ENOMEM.
 */
int clusnet_network_rename(struct net *net, u64 id, const char *name,
			   size_t len)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_network *nw;
	struct clusnet_if *obj;
	int err = -ENOENT;

	mutex_lock(&cn->lock);
	nw = clusnet_network_by_id(cn, id);
	if (!nw)
		goto out;
	err = clusnet_network_rename_locked(cn, nw, name, len);
	if (err)
		goto out;
	WRITE_ONCE(nw->flags, nw->flags | CLUSNET_NETWORK_RENAMED);
	/* Their Network property changed. */
	list_for_each_entry(obj, &nw->members_list, nw_link)
		clusnet_if_event(obj, CLUSNET_EVENT_PROPERTY, obj->state);
out:
	mutex_unlock(&cn->lock);
	return err;
}

/* As the uapi header defines it, from the members' states. */
static u32 clusnet_network_state(const struct clusnet_network *nw)
{
	unsigned int up = READ_ONCE(nw->up), avail = READ_ONCE(nw->avail);

	if (!avail)
		return CLUSNET_NETWORK_UNAVAILABLE;
	if (up == avail)
		return CLUSNET_NETWORK_UP;
	/* An Unreachable member still reaches someone (clusnetd's rule). */
	if (READ_ONCE(nw->talking) >= 2)
		return CLUSNET_NETWORK_PARTITIONED;
	return CLUSNET_NETWORK_DOWN;
}

static void clusnet_network_entry_fill(struct clusnet_network *nw,
				       struct clusnet_network_entry *e)
{
	e->id = nw->id;
	e->state = clusnet_network_state(nw);
	e->flags = READ_ONCE(nw->flags);
	e->interfaces = READ_ONCE(nw->members);
	if (e->flags & CLUSNET_NETWORK_DISCOVERED) {
		e->family = AF_INET;
		e->prefixlen = nw->prefixlen;
		memcpy(e->subnet, &nw->subnet, sizeof(nw->subnet));
	}
	spin_lock(&nw->lock);
	strscpy(e->name, nw->name, sizeof(e->name));
	spin_unlock(&nw->lock);
}

/**
 * clusnet_network_snapshot() - CLUSNET_IOC_NETWORKS's entries
 * @net: the namespace
 * @entries: at most @max entries, kvfree() them
 * @max: the caller's capacity
 * @count: how many networks there are
 *
 * As clusnet_if_snapshot(): sized before, walked under RCU, O(networks);
 * min(*count, @max) entries are always filled, at one moment
 * (networks_seq).
 *
 * Return: 0, -ENOMEM or -EINTR.
 */
int clusnet_network_snapshot(struct net *net,
			     struct clusnet_network_entry **entries,
			     u32 max, u32 *count)
{
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_network_entry *e = NULL;
	struct clusnet_network *nw;
	unsigned int seq;
	u32 n, seen;

	n = min(READ_ONCE(cn->network_count), max);
	if (!max) {
		*count = READ_ONCE(cn->network_count);
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
		seq = read_seqcount_begin(&cn->networks_seq);
		rcu_read_lock();
		list_for_each_entry_rcu(nw, &cn->networks, link) {
			/*
			 * Published before its first member joins, unlinked
			 * after its last one left: between, no network for
			 * anyone. The count is read once, into the entry, so
			 * the entry that is kept is one with members.
			 */
			if (seen < n) {
				memset(&e[seen], 0, sizeof(*e));
				clusnet_network_entry_fill(nw, &e[seen]);
				if (!e[seen].interfaces)
					continue;
			} else if (!READ_ONCE(nw->members)) {
				continue;
			}
			seen++;
		}
		rcu_read_unlock();
		if (!read_seqcount_retry(&cn->networks_seq, seq))
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
