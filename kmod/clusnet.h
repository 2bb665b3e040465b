/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusnet internals: interface objects, their per-netns registry, NIC
 * binding, access checks and handles.
 */
#ifndef _CLUSNET_H
#define _CLUSNET_H

#include <linux/cred.h>
#include <linux/netdevice.h>
#include <linux/list.h>
#include <linux/idr.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rhashtable-types.h>
#include <linux/refcount.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/stringify.h>
#include <linux/uidgid.h>
#include <linux/utsname.h>
#include <linux/clusnet.h>

/* From the top-level VERSION file, through Kbuild. */
#define CLUSNET_VERSION __stringify(CLUSNET_VERSION_MAJOR) "." \
			__stringify(CLUSNET_VERSION_MINOR) "." \
			__stringify(CLUSNET_VERSION_PATCH)

/* Who may do what to an object (or to the cluster itself). */
struct clusnet_sec {
	kuid_t owner;
	kgid_t group;
	u16 mode;			/* CLUSNET_MODE_MASK bits */
};

/* A name as a hash key: not necessarily NUL-terminated. */
struct clusnet_name_key {
	const char *name;
	size_t len;
};

/*
 * A cluster network: one IPv4 subnet seen on bound NICs (discovered), or a
 * name an admin gave at create (pinned). It lives while it has members.
 * Everything but the name is written under its namespace's lock and read
 * without it; the name also changes under nw->lock, for RCU readers.
 */
struct clusnet_network {
	struct list_head link;		/* clusnet_net.networks, RCU readers */
	struct rhash_head name_node;	/* clusnet_net.network_names */
	struct rhash_head subnet_node;	/* clusnet_net.subnets, if discovered */
	struct list_head members_list;	/* clusnet_if.nw_link */
	struct rcu_head rcu;
	u64 id;
	u64 subnet_key;			/* prefix length and subnet */
	int number;			/* N of "Cluster Network N", else 0 */
	unsigned int members;
	unsigned int up;		/* members that are Up */
	unsigned int talking;		/* Up or Unreachable: reach someone */
	unsigned int avail;		/* members that are not Unavailable */
	__be32 subnet;
	u8 prefixlen;
	u8 flags;			/* CLUSNET_NETWORK_* flags */
	spinlock_t lock;		/* name, for readers under RCU */
	u8 name_len;
	char name[CLUSNET_NAME_MAX + 1];
};

struct clusnet_feed;
struct clusnet_forward_chan;

/*
 * A cluster network interface: one node's NIC on one cluster network.
 *
 * The registry holds one reference while the object is linked, each handle
 * another. Everything a handle reads lives in the object itself, so handles
 * outlive both the object's deletion and its network namespace.
 *
 * "cn->lock" below is the namespace's mutex (struct clusnet_net); fields
 * marked with it are written under it and read under it or locklessly.
 */
struct clusnet_if {
	struct rhash_head hnode;	/* clusnet_net.names, case-folded */
	struct list_head link;		/* clusnet_net.objects, RCU readers */
	refcount_t ref;
	struct rcu_head rcu;
	u64 id;

	/* The NIC followed by name; bound under RTNL and cn->lock. */
	struct net_device __rcu *dev;
	netdevice_tracker dev_tracker;
	int bound_ifindex;		/* key in by_ifindex while bound */
	struct rhlist_head ifname_node;	/* clusnet_net.by_ifname */
	struct rhlist_head ifindex_node; /* clusnet_net.by_ifindex */
	struct list_head work_link;	/* one gathered work list at a time */
	struct list_head nw_link;	/* its network's members_list */
	u8 state;			/* CLUSNET_STATE_*, cn->lock */
	bool dead;			/* deleted: handles get -ENODEV */
	bool listed;			/* in the registry: events go out */
	bool autobound;
	bool pinned;			/* network named at create */
	bool remote;			/* another node's: no NIC, state fed */
	u8 cluster_state;		/* local: the cluster's view, cn->lock */
	struct clusnet_net *cn;		/* its namespace's, while listed */
	struct clusnet_network __rcu *nw; /* cn->lock */
	struct clusnet_feed *feed;	/* events for handles, from the first */

	/*
	 * Writers change sec, description, name and ifname under it (and
	 * name and ifname also under cn->lock, with the object out of the
	 * tables they key); the open path reads sec without a lock.
	 */
	seqlock_t seq;
	struct clusnet_sec sec;
	char *description;
	char ifname[IFNAMSIZ];		/* zero-padded: a hash key */

	char *node;
	u8 name_len;
	u8 name_room;			/* what name[] holds, without the NUL */
	char name[];			/* NUL-terminated, as created */
};

/*
 * Per network namespace. The mutex guards the set of objects and networks
 * and whatever binds them to each other and to NICs; RCU readers (open,
 * enumeration, the IPv6 notifier) do without it. Lock order: RTNL, then
 * lock. Only bind and unbind need RTNL as well, for the netdev.
 */
struct clusnet_net {
	struct mutex lock;		/* the fields below, see above */
	struct rhashtable names;	/* objects, RCU readers */
	struct rhltable by_ifname;	/* every object, by the NIC it follows */
	struct rhltable by_ifindex;	/* bound objects, RCU readers */
	struct rhashtable network_names;
	struct rhashtable subnets;	/* discovered networks */
	struct ida network_numbers;	/* the N of "Cluster Network N" in use */
	struct list_head objects;	/* in creation order */
	struct list_head networks;	/* in creation order */
	seqcount_mutex_t objects_seq;	/* changes of objects, for snapshots */
	seqcount_mutex_t networks_seq;	/* changes of networks, likewise */
	struct clusnet_feed *feed;	/* events for watch fds, from the first */
	unsigned int count;		/* objects, lockless reads */
	unsigned int network_count;	/* lockless reads */
	bool autobind;			/* lockless reads */
	char node[__NEW_UTS_LEN + 1];

	/* The cluster, as the cluster daemon feeds it; all under lock. */
	struct list_head nodes;		/* struct clusnet_node, by id */
	unsigned int node_count;
	u32 node_id;			/* this node's, 0 outside a cluster */
	u8 cluster_len;
	char cluster[CLUSNET_NAME_MAX + 1];

	/* The daemon's forward channel: forward.c, RCU readers. */
	struct clusnet_forward_chan __rcu *forward;
};

/* What a new object is made of; strings need not be NUL-terminated. */
struct clusnet_if_spec {
	const char *name;
	size_t name_len;
	size_t name_room;		/* room for longer names later, or 0 */
	const char *node;		/* NULL: the namespace's node name */
	size_t node_len;
	const char *network;		/* NULL: discovered */
	size_t network_len;
	const char *ifname;		/* NUL-terminated */
	struct clusnet_sec sec;
	bool autobound;
	bool remote;			/* CLUSNET_CREATE_REMOTE */
	gfp_t gfp;
};

/* What a gathered walk does to each object (see clusnet_for_each()). */
typedef void (*clusnet_if_fn)(struct clusnet_net *cn, struct clusnet_if *obj,
			      struct net_device *dev);

/* Which objects a NIC event concerns. */
enum clusnet_by {
	CLUSNET_FOLLOWING,		/* those following the NIC's name */
	CLUSNET_BOUND,			/* those bound to the NIC */
};

/* name.c */
void clusnet_name_init(void);
bool clusnet_name_eq(const char *a, size_t alen, const char *b, size_t blen);
u32 clusnet_name_hash(const char *s, size_t len, u32 seed);

/* object.c */
u64 clusnet_new_id(void);
void clusnet_id_init(void);
void clusnet_if_put(struct clusnet_if *obj);
void clusnet_if_sec(struct clusnet_if *obj, struct clusnet_sec *sec);
void clusnet_if_set_sec(struct clusnet_if *obj, u32 flags,
			const struct clusnet_sec *sec);
void clusnet_if_names(struct clusnet_if *obj, char *name, size_t size,
		      char ifname[IFNAMSIZ]);
void clusnet_if_description(struct clusnet_if *obj, char *buf, size_t size);
char *clusnet_if_set_description(struct clusnet_if *obj, char *text);
void clusnet_if_event(struct clusnet_if *obj, u32 changes, u8 old_state);
int clusnet_if_feed(struct clusnet_if *obj, struct clusnet_feed **feedp);
struct clusnet_feed *clusnet_cluster_feed(struct net *net);

/* registry.c */
int clusnet_registry_init(void);
void clusnet_registry_exit(void);
struct clusnet_net *clusnet_net(const struct net *net);
struct clusnet_if *clusnet_if_get_by_name(struct net *net,
					  const char *name, size_t len);
int clusnet_if_create(struct net *net, const struct clusnet_if_spec *spec,
		      u64 *id);
struct clusnet_if *clusnet_if_add(struct clusnet_net *cn, struct net *net,
				  const struct clusnet_if_spec *spec);
int clusnet_if_rename(struct clusnet_net *cn, struct clusnet_if *obj,
		      const char *name, size_t len);
int clusnet_if_delete(struct net *net, const char *name, size_t len);
struct clusnet_if *clusnet_if_find(struct clusnet_net *cn,
				   const char *name, size_t len);
void clusnet_if_unlink(struct clusnet_net *cn, struct clusnet_if *obj);
int clusnet_if_snapshot(struct net *net, struct clusnet_if_entry **entries,
			u32 max, u32 *count);

/* cluster.c */
void clusnet_cluster_net_init(struct clusnet_net *cn);
void clusnet_cluster_net_exit(struct clusnet_net *cn);
void clusnet_cluster_name(struct clusnet_net *cn, char *name, size_t size,
			  u32 *len, u32 *node_id);
int clusnet_cluster_set(struct net *net, const char *name, size_t len,
			u32 node_id);
int clusnet_node_set(struct net *net, u32 id, const char *name, size_t len,
		     u32 state);
int clusnet_node_delete(struct net *net, u32 id);
int clusnet_node_snapshot(struct net *net, struct clusnet_node_entry **entries,
			  u32 max, u32 *count);
int clusnet_if_set_state(struct net *net, const char *name, size_t len,
			 u32 state);

/* forward.c */
int clusnet_forward(struct clusnet_if *obj, u32 what,
		    const struct clusnet_sec *sec, const char *text);
int clusnet_forward_open(struct clusnet_net *cn, u32 flags, u32 timeout_ms,
			 u32 record_size);
void clusnet_forward_net_exit(struct clusnet_net *cn);

/* binding.c */
int clusnet_binding_net_init(struct clusnet_net *cn);
void clusnet_binding_net_exit(struct clusnet_net *cn);
int clusnet_follow(struct clusnet_net *cn, struct net *net,
		   struct clusnet_if *obj);
void clusnet_unfollow(struct clusnet_net *cn, struct clusnet_if *obj);
void clusnet_set_cluster_state(struct clusnet_net *cn, struct clusnet_if *obj,
			       u8 state);
int clusnet_refollow(struct clusnet_net *cn, struct clusnet_if *obj,
		     const char *ifname);
void clusnet_for_each(struct clusnet_net *cn, struct net_device *dev,
		      enum clusnet_by by, clusnet_if_fn fn);
void clusnet_post_rcu(struct clusnet_net *cn, struct net_device *dev,
		      u32 changes);
bool clusnet_nic_followed(struct clusnet_net *cn, struct net_device *dev);
bool clusnet_name_followed_by_admin(struct clusnet_net *cn,
				    struct net_device *dev);
void clusnet_nic_named(struct clusnet_net *cn, struct net_device *dev);
void clusnet_nic_renamed(struct clusnet_net *cn, struct net_device *dev);
void clusnet_nic_changed(struct clusnet_net *cn, struct net_device *dev);
void clusnet_nic_property(struct clusnet_net *cn, struct net_device *dev);
void clusnet_nic_gone(struct clusnet_net *cn, struct net_device *dev);
void clusnet_nic_readdressed(struct clusnet_net *cn, struct net_device *dev);

/* autobind.c */
void clusnet_autobind_nic(struct clusnet_net *cn, struct net_device *dev);
void clusnet_autobind_renamed(struct clusnet_net *cn, struct net_device *dev);
void clusnet_autobind_set(struct net *net, bool enable);

/* addrwatch.c */
int clusnet_addrwatch_init(void);
void clusnet_addrwatch_exit(void);

/* nicwatch.c */
int clusnet_nicwatch_init(void);
void clusnet_nicwatch_exit(void);

/* network.c */
int clusnet_networks_net_init(struct clusnet_net *cn);
void clusnet_networks_net_exit(struct clusnet_net *cn);
bool clusnet_network_update(struct clusnet_net *cn, struct clusnet_if *obj);
int clusnet_network_pin(struct clusnet_net *cn, struct clusnet_if *obj,
			const char *name, size_t len);
void clusnet_network_leave(struct clusnet_net *cn, struct clusnet_if *obj);
void clusnet_network_drop(struct clusnet_net *cn, struct clusnet_if *obj);
void clusnet_network_restate(struct clusnet_net *cn, struct clusnet_if *obj,
			     u8 old_state, u8 new_state);
void clusnet_network_name(struct clusnet_if *obj, char *buf, size_t size);
int clusnet_network_rename(struct net *net, u64 id, const char *name,
			   size_t len);
int clusnet_network_snapshot(struct net *net,
			     struct clusnet_network_entry **entries,
			     u32 max, u32 *count);

/* nic.c */
void clusnet_nic_fill(struct clusnet_if *obj, struct clusnet_nic *nic);

/* event.c */
struct clusnet_feed *clusnet_feed_alloc(u32 entries, u32 rec_size, gfp_t gfp);
void clusnet_feed_get(struct clusnet_feed *feed);
void clusnet_feed_put(struct clusnet_feed *feed);
void clusnet_feed_post(struct clusnet_feed *feed, struct clusnet_event *rec);
void clusnet_feed_close(struct clusnet_feed *feed);
u64 clusnet_feed_cursor(struct clusnet_feed *feed);
ssize_t clusnet_feed_read(struct clusnet_feed *feed, u64 *cursor, bool ended,
			  u32 record_size, char __user *buf, size_t count,
			  bool nonblock);
__poll_t clusnet_feed_poll(struct clusnet_feed *feed, u64 cursor, bool ended,
			   struct file *file, poll_table *wait);

/* watch.c */
int clusnet_watch_open(struct net *net, u32 flags, u32 record_size);

/* access.c */
int clusnet_access_valid(u32 desired);
int clusnet_access_grant(const struct clusnet_sec *sec,
			 struct user_namespace *ns, u32 desired, u32 *granted);
int clusnet_mode_valid(u32 mode);

/* handle.c */
int clusnet_handle_open(struct clusnet_if *obj, u32 granted, u32 flags,
			u32 record_size, bool admin, struct file **filep);

/* One row per ioctl: its command number as published, and its handler. */
struct clusnet_ioctl {
	unsigned int cmd;
	long (*fn)(struct file *file, void __user *uarg);
};

/* uarg.c */
long clusnet_ioctl_call(const struct clusnet_ioctl *table, size_t n,
			struct file *file, unsigned int cmd, unsigned long arg);
int clusnet_arg_in(void *karg, size_t ksize, size_t ver0,
		   const void __user *uarg, u32 *usize);
int clusnet_arg_out(void __user *uarg, u32 usize,
		    const void *karg, size_t ksize);
int clusnet_str_in(char *dst, u64 uptr, u32 len, u32 max);
int clusnet_size_check(u32 size, size_t ver0);
int clusnet_record_size(u32 *size, size_t ver0);
int clusnet_array_out(u64 uptr, u32 usize, const void *karray, size_t ksize,
		      u32 n);

/* dispatch.c */
long clusnet_dev_ioctl(struct file *file, unsigned int cmd,
		       unsigned long arg);

/* main.c */
struct net *clusnet_dev_net(const struct file *file);

#endif /* _CLUSNET_H */
