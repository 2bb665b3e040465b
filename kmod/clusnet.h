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
#include <linux/rhashtable-types.h>
#include <linux/refcount.h>
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

/*
 * A cluster network interface: one node's NIC on one cluster network.
 *
 * The registry holds one reference while the object is linked, each handle
 * another. Everything a handle reads lives in the object itself, so handles
 * outlive both the object's deletion and its network namespace.
 */
struct clusnet_if {
	struct rhash_head hnode;	/* clusnet_net.names, case-folded */
	struct list_head link;		/* clusnet_net.objects, under RTNL */
	refcount_t ref;
	struct rcu_head rcu;
	u64 id;

	/* The NIC followed by name; bound and unbound under RTNL. */
	struct net_device __rcu *dev;
	netdevice_tracker dev_tracker;
	char ifname[IFNAMSIZ];		/* zero-padded: a hash key */
	int bound_ifindex;		/* key in by_ifindex while bound */
	struct rhlist_head ifname_node;	/* clusnet_net.by_ifname */
	struct rhlist_head ifindex_node; /* clusnet_net.by_ifindex */
	struct list_head event_link;	/* a NIC event's work, under RTNL */
	u8 state;			/* CLUSNET_STATE_*, lockless reads */
	bool dead;			/* deleted: handles get -ENODEV */
	bool autobound;

	spinlock_t lock;		/* sec and description */
	struct clusnet_sec sec;
	char *description;

	char *node;
	char *network;
	u8 name_len;
	char name[];			/* NUL-terminated, as created */
};

/* Per network namespace. */
struct clusnet_net {
	struct rhashtable names;
	struct rhltable by_ifname;	/* every object, by the NIC it follows */
	struct rhltable by_ifindex;	/* bound objects, by their NIC */
	struct list_head objects;	/* under RTNL */
	unsigned int count;		/* under RTNL, lockless reads */
	bool autobind;			/* under RTNL */
	char node[__NEW_UTS_LEN + 1];
};

/* What a new object is made of; strings need not be NUL-terminated. */
struct clusnet_if_spec {
	const char *name;
	size_t name_len;
	const char *node;		/* NULL: the namespace's node name */
	size_t node_len;
	const char *network;		/* NULL: the default network */
	size_t network_len;
	const char *ifname;		/* NUL-terminated */
	struct clusnet_sec sec;
	bool autobound;
	gfp_t gfp;
};

#define CLUSNET_DEFAULT_NETWORK "Cluster Network 1"

/* registry.c */
int clusnet_registry_init(void);
void clusnet_registry_exit(void);
struct clusnet_net *clusnet_net(const struct net *net);
struct clusnet_if *clusnet_if_get_by_name(struct net *net,
					  const char *name, size_t len);
struct clusnet_if *clusnet_if_create(struct net *net,
				     const struct clusnet_if_spec *spec);
int clusnet_if_delete(struct net *net, const char *name, size_t len);
void clusnet_if_put(struct clusnet_if *obj);
void clusnet_if_sec(struct clusnet_if *obj, struct clusnet_sec *sec);

/* binding.c */
int clusnet_binding_init(void);
void clusnet_binding_exit(void);
int clusnet_binding_net_init(struct clusnet_net *cn);
void clusnet_binding_net_exit(struct clusnet_net *cn);
int clusnet_follow(struct net *net, struct clusnet_if *obj);
void clusnet_unfollow(struct clusnet_net *cn, struct clusnet_if *obj);
void clusnet_autobind_all(struct net *net);

/* access.c */
int clusnet_access_valid(u32 desired);
int clusnet_access_grant(const struct clusnet_sec *sec,
			 struct user_namespace *ns, u32 desired, u32 *granted);
int clusnet_mode_valid(u32 mode);

/* handle.c */
int clusnet_handle_open(struct clusnet_if *obj, u32 granted, u32 flags,
			struct file **filep);

/* uarg.c */
int clusnet_arg_in(void *karg, size_t ksize, size_t ver0,
		   const void __user *uarg, u32 *usize);
int clusnet_arg_out(void __user *uarg, u32 usize,
		    const void *karg, size_t ksize);
int clusnet_str_in(char *dst, u64 uptr, u32 len, u32 max);

/* dispatch.c */
long clusnet_dev_ioctl(struct net *net, unsigned int cmd,
		       void __user *uarg);

#endif /* _CLUSNET_H */
