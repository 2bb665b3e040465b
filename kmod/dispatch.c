// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctls of /dev/clusnet. Each works on the network namespace that
 * opened the device, and on the caller's credentials at the time of the
 * call, as tun does.
 */
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>

#include "clusnet.h"

/* What a new handle or watch fd may be opened with. */
#define CLUSNET_FD_FLAGS (O_CLOEXEC | O_NONBLOCK)

/* The cluster itself: CAP_NET_ADMIN gets full access, everyone else read. */
static const struct clusnet_sec clusnet_cluster_sec = {
	.owner = INVALID_UID,
	.group = INVALID_GID,
	.mode = CLUSNET_MODE_READ,
};

static bool clusnet_admin(struct net *net)
{
	return ns_capable(net->user_ns, CAP_NET_ADMIN);
}

static long clusnet_ioc_cluster_info(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_cluster_info arg;
	u32 usize;
	int err;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_CLUSTER_INFO_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (arg.flags)
		return -EINVAL;

	arg.granted_access = 0;
	if (arg.desired_access) {
		err = clusnet_access_grant(&clusnet_cluster_sec, net->user_ns,
					   arg.desired_access,
					   &arg.granted_access);
		if (err)
			return err;
	}

	arg.abi_version = CLUSNET_ABI_VERSION;
	arg.autobind = READ_ONCE(cn->autobind);
	arg.features = CLUSNET_FEATURE_OPEN | CLUSNET_FEATURE_ADMIN |
		       CLUSNET_FEATURE_AUTOBIND | CLUSNET_FEATURE_ENUM |
		       CLUSNET_FEATURE_NETWORKS | CLUSNET_FEATURE_EVENTS |
		       CLUSNET_FEATURE_NIC | CLUSNET_FEATURE_CLUSTER |
		       CLUSNET_FEATURE_FORWARD;
	arg.object_count = READ_ONCE(cn->count);
	arg.version = CLUSNET_VERSION_CODE(CLUSNET_VERSION_MAJOR,
					   CLUSNET_VERSION_MINOR,
					   CLUSNET_VERSION_PATCH);
	arg.__reserved = 0;
	memset(arg.node, 0, sizeof(arg.node));
	arg.node_len = strscpy(arg.node, cn->node, sizeof(arg.node));
	memset(arg.cluster, 0, sizeof(arg.cluster));
	clusnet_cluster_name(cn, arg.cluster, sizeof(arg.cluster),
			     &arg.cluster_len, &arg.node_id);
	return clusnet_arg_out(uarg, usize, &arg, sizeof(arg));
}

/*
 * The open path: look up by name without locks, check access, make the
 * handle, and publish its fd only once the reply has reached userspace.
 */
static long clusnet_ioc_open(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_open arg;
	struct clusnet_sec sec;
	struct clusnet_if *obj;
	struct file *hfile;
	u32 usize, granted, rsize;
	int err, fd;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_OPEN_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_FD_FLAGS) || arg.__reserved ||
	    arg.__reserved1)
		return -EINVAL;
	rsize = arg.record_size;
	err = clusnet_record_size(&rsize, CLUSNET_EVENT_SIZE_VER0);
	if (err)
		return err;
	err = clusnet_access_valid(arg.desired_access);
	if (err)
		return err;
	err = clusnet_str_in(name, arg.name, arg.name_len, CLUSNET_NAME_MAX);
	if (err)
		return err;

	obj = clusnet_if_get_by_name(net, name, arg.name_len);
	if (!obj)
		return -ENOENT;

	clusnet_if_sec(obj, &sec);
	err = clusnet_access_grant(&sec, net->user_ns, arg.desired_access,
				   &granted);
	if (err) {
		clusnet_if_put(obj);
		return err;
	}

	fd = clusnet_handle_open(obj, granted, arg.flags, rsize,
				 clusnet_admin(net), &hfile);
	if (fd < 0)
		return fd;

	arg.granted_access = granted;
	arg.id = obj->id;
	err = clusnet_arg_out(uarg, usize, &arg, sizeof(arg));
	if (err) {
		put_unused_fd(fd);
		fput(hfile);
		return err;
	}
	fd_install(fd, hfile);
	return fd;
}

/* Owner and group are given in the caller's user namespace; -1: the caller. */
static int clusnet_sec_from_user(struct clusnet_sec *sec, u32 uid, u32 gid)
{
	sec->owner = uid == (u32)-1 ? current_fsuid() :
				      make_kuid(current_user_ns(), uid);
	sec->group = gid == (u32)-1 ? current_fsgid() :
				      make_kgid(current_user_ns(), gid);
	if (!uid_valid(sec->owner) || !gid_valid(sec->group))
		return -EINVAL;
	return 0;
}

struct clusnet_create_names {
	char name[CLUSNET_NAME_MAX + 1];
	char node[CLUSNET_NAME_MAX + 1];
	char network[CLUSNET_NAME_MAX + 1];
};

static int clusnet_opt_str_in(char *dst, u64 uptr, u32 len,
			      const char **str, size_t *str_len)
{
	int err;

	if (!len)
		return 0;
	err = clusnet_str_in(dst, uptr, len, CLUSNET_NAME_MAX);
	if (err)
		return err;
	*str = dst;
	*str_len = len;
	return 0;
}

/*
 * A create whose reply cannot be written is undone, so that EFAULT always
 * means "nothing was made". Only an object with our id goes: between
 * create and here, another admin may have replaced it.
 */
static void clusnet_create_undo(struct net *net,
				const struct clusnet_if_spec *spec, u64 id)
{
	struct clusnet_if *obj;
	bool ours;

	obj = clusnet_if_get_by_name(net, spec->name, spec->name_len);
	if (!obj)
		return;
	ours = obj->id == id;
	clusnet_if_put(obj);
	if (ours)
		clusnet_if_delete(net, spec->name, spec->name_len);
}

static long clusnet_ioc_create(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	struct clusnet_create_names *names;
	struct clusnet_if_spec spec = { .gfp = GFP_KERNEL_ACCOUNT };
	struct clusnet_create arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_CREATE_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_CREATE_REMOTE) || clusnet_mode_valid(arg.mode))
		return -EINVAL;
	spec.remote = arg.flags & CLUSNET_CREATE_REMOTE;
	/* A remote object follows no NIC, and is some named node's. */
	if (spec.remote) {
		if (memchr_inv(arg.ifname, 0, sizeof(arg.ifname)) ||
		    !arg.node_len)
			return -EINVAL;
	} else if (!memchr(arg.ifname, '\0', sizeof(arg.ifname)) ||
		   !dev_valid_name(arg.ifname)) {
		return -EINVAL;
	}
	err = clusnet_sec_from_user(&spec.sec, arg.uid, arg.gid);
	if (err)
		return err;
	spec.sec.mode = arg.mode;
	spec.ifname = arg.ifname;

	names = kmalloc(sizeof(*names), GFP_KERNEL);
	if (!names)
		return -ENOMEM;
	err = clusnet_str_in(names->name, arg.name, arg.name_len,
			     CLUSNET_NAME_MAX);
	if (err)
		goto out;
	spec.name = names->name;
	spec.name_len = arg.name_len;
	err = clusnet_opt_str_in(names->node, arg.node, arg.node_len,
				 &spec.node, &spec.node_len);
	if (err)
		goto out;
	err = clusnet_opt_str_in(names->network, arg.network, arg.network_len,
				 &spec.network, &spec.network_len);
	if (err)
		goto out;

	/*
	 * The reply is written after the locks are dropped (a fault must not
	 * stall RTNL), when the object is already public. Find an unwritable
	 * argument before making anything; a fault after, which needs
	 * another thread to unmap it meanwhile, undoes the create.
	 */
	arg.id = 0;
	err = clusnet_arg_out(uarg, usize, &arg, sizeof(arg));
	if (err)
		goto out;

	err = clusnet_if_create(net, &spec, &arg.id);
	if (err)
		goto out;
	err = clusnet_arg_out(uarg, usize, &arg, sizeof(arg));
	if (err)
		clusnet_create_undo(net, &spec, arg.id);
out:
	kfree(names);
	return err;
}

static long clusnet_ioc_delete(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_delete arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_DELETE_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (arg.flags || arg.__reserved)
		return -EINVAL;
	err = clusnet_str_in(name, arg.name, arg.name_len, CLUSNET_NAME_MAX);
	if (err)
		return err;
	return clusnet_if_delete(net, name, arg.name_len);
}

#define CLUSNET_SET_ALL (CLUSNET_SET_UID | CLUSNET_SET_GID | CLUSNET_SET_MODE)

/* What a SET_SECURITY of a remote object asks its owner to change. */
static u32 clusnet_set_forwarded(u32 flags)
{
	return (flags & CLUSNET_SET_UID ? CLUSNET_FORWARD_UID : 0) |
	       (flags & CLUSNET_SET_GID ? CLUSNET_FORWARD_GID : 0) |
	       (flags & CLUSNET_SET_MODE ? CLUSNET_FORWARD_MODE : 0);
}

static long clusnet_ioc_set_security(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_set_security arg;
	struct clusnet_sec sec;
	struct clusnet_if *obj;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_SET_SECURITY_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (!(arg.flags & CLUSNET_SET_ALL) ||
	    (arg.flags & ~(CLUSNET_SET_ALL | CLUSNET_SET_COPY)))
		return -EINVAL;
	if ((arg.flags & CLUSNET_SET_MODE) && clusnet_mode_valid(arg.mode))
		return -EINVAL;
	err = clusnet_sec_from_user(&sec,
				    arg.flags & CLUSNET_SET_UID ? arg.uid : -1,
				    arg.flags & CLUSNET_SET_GID ? arg.gid : -1);
	if (err)
		return err;
	err = clusnet_str_in(name, arg.name, arg.name_len, CLUSNET_NAME_MAX);
	if (err)
		return err;

	obj = clusnet_if_get_by_name(net, name, arg.name_len);
	if (!obj)
		return -ENOENT;
	sec.mode = arg.mode;
	if (obj->remote && !(arg.flags & CLUSNET_SET_COPY)) {
		err = clusnet_forward(obj, clusnet_set_forwarded(arg.flags),
				      &sec, NULL);
	} else if (!obj->remote && (arg.flags & CLUSNET_SET_COPY)) {
		err = -EINVAL;		/* only remote objects are copies */
	} else {
		clusnet_if_set_sec(obj, arg.flags, &sec);
		err = 0;
	}
	clusnet_if_put(obj);
	return err;
}

static long clusnet_ioc_autobind(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	struct clusnet_net *cn = clusnet_net(net);
	struct clusnet_autobind arg;
	u32 usize;
	int err;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_AUTOBIND_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_AUTOBIND_SET) || arg.__reserved)
		return -EINVAL;

	if (arg.flags & CLUSNET_AUTOBIND_SET) {
		if (arg.enable > 1)
			return -EINVAL;
		if (!clusnet_admin(net))
			return -EPERM;
		clusnet_autobind_set(net, arg.enable);
	}
	arg.enable = READ_ONCE(cn->autobind);
	return clusnet_arg_out(uarg, usize, &arg, sizeof(arg));
}

/*
 * Snapshots are taken under RCU into a kernel array and go out after:
 * copying to userspace may fault, and a fault must not hold anything up.
 */
static long clusnet_ioc_enum(struct net *net, void __user *uarg,
			     unsigned int cmd)
{
	struct clusnet_enum arg;
	void *entries = NULL;
	size_t ksize;
	u32 usize, ver0;
	int err;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_ENUM_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (arg.flags || arg.__reserved)
		return -EINVAL;

	if (cmd == CLUSNET_IOC_ENUM) {
		ksize = sizeof(struct clusnet_if_entry);
		ver0 = CLUSNET_IF_ENTRY_SIZE_VER0;
	} else if (cmd == CLUSNET_IOC_NODES) {
		ksize = sizeof(struct clusnet_node_entry);
		ver0 = CLUSNET_NODE_ENTRY_SIZE_VER0;
	} else {
		ksize = sizeof(struct clusnet_network_entry);
		ver0 = CLUSNET_NETWORK_ENTRY_SIZE_VER0;
	}
	err = clusnet_size_check(arg.entry_size, ver0);
	if (err)
		return err;

	if (cmd == CLUSNET_IOC_ENUM)
		err = clusnet_if_snapshot(net, (struct clusnet_if_entry **)&entries,
					  arg.capacity, &arg.count);
	else if (cmd == CLUSNET_IOC_NODES)
		err = clusnet_node_snapshot(net,
					    (struct clusnet_node_entry **)&entries,
					    arg.capacity, &arg.count);
	else
		err = clusnet_network_snapshot(net,
					       (struct clusnet_network_entry **)&entries,
					       arg.capacity, &arg.count);
	if (err)
		return err;

	err = clusnet_array_out(arg.entries, arg.entry_size, entries, ksize,
				min(arg.count, arg.capacity));
	kvfree(entries);
	if (err)
		return err;
	return clusnet_arg_out(uarg, usize, &arg, sizeof(arg));
}

static long clusnet_ioc_objects(struct file *file, void __user *uarg)
{
	return clusnet_ioc_enum(clusnet_dev_net(file), uarg, CLUSNET_IOC_ENUM);
}

static long clusnet_ioc_nodes(struct file *file, void __user *uarg)
{
	return clusnet_ioc_enum(clusnet_dev_net(file), uarg, CLUSNET_IOC_NODES);
}

static long clusnet_ioc_set_cluster(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1] = "";
	struct clusnet_set_cluster arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_SET_CLUSTER_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (arg.flags)
		return -EINVAL;
	if (arg.name_len) {
		err = clusnet_str_in(name, arg.name, arg.name_len,
				     CLUSNET_NAME_MAX);
		if (err)
			return err;
	}
	return clusnet_cluster_set(net, name, arg.name_len, arg.node_id);
}

static long clusnet_ioc_set_state(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_set_state arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_SET_STATE_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if (arg.flags || arg.state > CLUSNET_STATE_UP)
		return -EINVAL;
	err = clusnet_str_in(name, arg.name, arg.name_len, CLUSNET_NAME_MAX);
	if (err)
		return err;
	return clusnet_if_set_state(net, name, arg.name_len, arg.state);
}

static long clusnet_ioc_node_set(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_node_set arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_NODE_SET_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_NODE_DELETE) || arg.__reserved || !arg.id)
		return -EINVAL;
	if (arg.flags & CLUSNET_NODE_DELETE)
		return clusnet_node_delete(net, arg.id);
	if (arg.state != CLUSNET_NODE_UP && arg.state != CLUSNET_NODE_DOWN &&
	    arg.state != CLUSNET_NODE_JOINING)
		return -EINVAL;
	err = clusnet_str_in(name, arg.name, arg.name_len, CLUSNET_NAME_MAX);
	if (err)
		return err;
	return clusnet_node_set(net, arg.id, name, arg.name_len, arg.state);
}

static long clusnet_ioc_networks(struct file *file, void __user *uarg)
{
	return clusnet_ioc_enum(clusnet_dev_net(file), uarg,
				CLUSNET_IOC_NETWORKS);
}

static long clusnet_ioc_network_rename(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_network_rename arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg),
			     CLUSNET_NETWORK_RENAME_SIZE_VER0, uarg, &usize);
	if (err)
		return err;
	if (arg.flags || arg.__reserved)
		return -EINVAL;
	err = clusnet_str_in(name, arg.name, arg.name_len, CLUSNET_NAME_MAX);
	if (err)
		return err;
	return clusnet_network_rename(net, arg.id, name, arg.name_len);
}

static long clusnet_ioc_watch(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	struct clusnet_watch arg;
	u32 usize;
	int err;

	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_WATCH_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_FD_FLAGS) || arg.__reserved)
		return -EINVAL;
	err = clusnet_record_size(&arg.record_size,
				  CLUSNET_CLUSTER_EVENT_SIZE_VER0);
	if (err)
		return err;
	return clusnet_watch_open(net, arg.flags, arg.record_size);
}

static long clusnet_ioc_forward(struct file *file, void __user *uarg)
{
	struct net *net = clusnet_dev_net(file);
	struct clusnet_forward arg;
	u32 usize;
	int err;

	if (!clusnet_admin(net))
		return -EPERM;
	err = clusnet_arg_in(&arg, sizeof(arg), CLUSNET_FORWARD_SIZE_VER0,
			     uarg, &usize);
	if (err)
		return err;
	if ((arg.flags & ~CLUSNET_FD_FLAGS) ||
	    arg.timeout_ms > CLUSNET_FORWARD_TIMEOUT_MAX_MS)
		return -EINVAL;
	err = clusnet_record_size(&arg.record_size,
				  CLUSNET_FORWARD_REQUEST_SIZE_VER0);
	if (err)
		return err;
	return clusnet_forward_open(clusnet_net(net), arg.flags,
				    arg.timeout_ms ?: CLUSNET_FORWARD_TIMEOUT_MS,
				    arg.record_size);
}

/*
 * Every ioctl of /dev/clusnet: adding one is adding its row. Numbers
 * 0x00-0x3f; the handle's are in handle.c.
 */
static const struct clusnet_ioctl clusnet_dev_ioctls[] = {
	{ CLUSNET_IOC_CLUSTER_INFO, clusnet_ioc_cluster_info },
	{ CLUSNET_IOC_OPEN, clusnet_ioc_open },
	{ CLUSNET_IOC_CREATE, clusnet_ioc_create },
	{ CLUSNET_IOC_DELETE, clusnet_ioc_delete },
	{ CLUSNET_IOC_SET_SECURITY, clusnet_ioc_set_security },
	{ CLUSNET_IOC_AUTOBIND, clusnet_ioc_autobind },
	{ CLUSNET_IOC_ENUM, clusnet_ioc_objects },
	{ CLUSNET_IOC_NETWORKS, clusnet_ioc_networks },
	{ CLUSNET_IOC_NETWORK_RENAME, clusnet_ioc_network_rename },
	{ CLUSNET_IOC_WATCH, clusnet_ioc_watch },
	{ CLUSNET_IOC_SET_CLUSTER, clusnet_ioc_set_cluster },
	{ CLUSNET_IOC_SET_STATE, clusnet_ioc_set_state },
	{ CLUSNET_IOC_NODE_SET, clusnet_ioc_node_set },
	{ CLUSNET_IOC_NODES, clusnet_ioc_nodes },
	{ CLUSNET_IOC_FORWARD, clusnet_ioc_forward },
};

/* Also the compat_ioctl: the structures have one layout everywhere. */
long clusnet_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	return clusnet_ioctl_call(clusnet_dev_ioctls,
				  ARRAY_SIZE(clusnet_dev_ioctls), file, cmd,
				  arg);
}
