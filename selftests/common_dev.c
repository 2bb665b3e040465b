// SPDX-License-Identifier: GPL-2.0
/* Helpers of the clusnet selftests: /dev/clusnet ioctls, handles, events. */
#define CN_LIBRARY
#include "common.h"

int cn_dev(void)
{
	int fd = open(CN_DEV_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int cn_open_n(int dev, const void *name, __u32 len,
	      __u32 desired, __u32 flags, __u32 *granted,
	      __u64 *id)
{
	struct clusnet_open op;
	int fd;

	memset(&op, 0, sizeof(op));
	op.size = sizeof(op);
	op.flags = flags;
	op.name = CN_PTR(name);
	op.name_len = len;
	op.desired_access = desired;
	fd = cn_ioctl(dev, CLUSNET_IOC_OPEN, &op);
	if (fd >= 0) {
		if (granted)
			*granted = op.granted_access;
		if (id)
			*id = op.id;
	}
	return fd;
}

int cn_open(int dev, const char *name, __u32 desired)
{
	return cn_open_n(dev, name, strlen(name), desired, O_CLOEXEC,
			 NULL, NULL);
}

int cn_open_g(int dev, const char *name, __u32 desired,
	      __u32 *granted, __u64 *id)
{
	return cn_open_n(dev, name, strlen(name), desired, O_CLOEXEC,
			 granted, id);
}

int cn_open_f(int dev, const char *name, __u32 desired,
	      __u32 flags)
{
	return cn_open_n(dev, name, strlen(name), desired, flags, NULL,
			 NULL);
}

int cn_create_ex(int dev, const char *name, const char *node,
		 const char *network, const char *ifname,
		 __u32 uid, __u32 gid, __u32 mode, __u64 *id)
{
	struct clusnet_create cr;
	int ret;

	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.name = CN_PTR(name);
	cr.name_len = strlen(name);
	if (node) {
		cr.node = CN_PTR(node);
		cr.node_len = strlen(node);
	}
	if (network) {
		cr.network = CN_PTR(network);
		cr.network_len = strlen(network);
	}
	cr.uid = uid;
	cr.gid = gid;
	cr.mode = mode;
	snprintf(cr.ifname, sizeof(cr.ifname), "%s", ifname);
	ret = cn_ioctl(dev, CLUSNET_IOC_CREATE, &cr);
	if (!ret && id)
		*id = cr.id;
	return ret;
}

int cn_create(int dev, const char *name, const char *ifname,
	      __u32 uid, __u32 gid, __u32 mode)
{
	return cn_create_ex(dev, name, NULL, NULL, ifname, uid, gid, mode,
			    NULL);
}

int cn_delete(int dev, const char *name)
{
	struct clusnet_delete del;

	memset(&del, 0, sizeof(del));
	del.size = sizeof(del);
	del.name = CN_PTR(name);
	del.name_len = strlen(name);
	return cn_ioctl(dev, CLUSNET_IOC_DELETE, &del);
}

int cn_set_security(int dev, const char *name, __u32 flags,
		    __u32 uid, __u32 gid, __u32 mode)
{
	struct clusnet_set_security ss;

	memset(&ss, 0, sizeof(ss));
	ss.size = sizeof(ss);
	ss.flags = flags;
	ss.name = CN_PTR(name);
	ss.name_len = strlen(name);
	ss.uid = uid;
	ss.gid = gid;
	ss.mode = mode;
	return cn_ioctl(dev, CLUSNET_IOC_SET_SECURITY, &ss);
}

int cn_chmod(int dev, const char *name, __u32 mode)
{
	return cn_set_security(dev, name, CLUSNET_SET_MODE, 0, 0, mode);
}

int cn_chown(int dev, const char *name, __u32 uid, __u32 gid)
{
	return cn_set_security(dev, name, CLUSNET_SET_UID | CLUSNET_SET_GID,
			       uid, gid, 0);
}

int cn_autobind_get(int dev)
{
	struct clusnet_autobind ab;
	int ret;

	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	ret = cn_ioctl(dev, CLUSNET_IOC_AUTOBIND, &ab);
	return ret < 0 ? ret : (int)ab.enable;
}

int cn_autobind_set(int dev, __u32 enable)
{
	struct clusnet_autobind ab;

	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	ab.flags = CLUSNET_AUTOBIND_SET;
	ab.enable = enable;
	return cn_ioctl(dev, CLUSNET_IOC_AUTOBIND, &ab);
}

int cn_cluster_info(int dev, __u32 desired,
		    struct clusnet_cluster_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	ci->desired_access = desired;
	return cn_ioctl(dev, CLUSNET_IOC_CLUSTER_INFO, ci);
}

int cn_set_cluster(int dev, const char *name, __u32 node_id)
{
	struct clusnet_set_cluster a = {
		.size = sizeof(a), .name = CN_PTR(name),
		.name_len = name ? strlen(name) : 0, .node_id = node_id,
	};

	return cn_ioctl(dev, CLUSNET_IOC_SET_CLUSTER, &a);
}

int cn_node_set(int dev, __u32 id, const char *name, __u32 state)
{
	struct clusnet_node_set a = {
		.size = sizeof(a), .name = CN_PTR(name),
		.name_len = name ? strlen(name) : 0, .id = id, .state = state,
	};

	return cn_ioctl(dev, CLUSNET_IOC_NODE_SET, &a);
}

int cn_node_delete(int dev, __u32 id)
{
	struct clusnet_node_set a = {
		.size = sizeof(a), .flags = CLUSNET_NODE_DELETE, .id = id,
	};

	return cn_ioctl(dev, CLUSNET_IOC_NODE_SET, &a);
}

int cn_set_state(int dev, const char *name, __u32 state)
{
	struct clusnet_set_state a = {
		.size = sizeof(a), .name = CN_PTR(name),
		.name_len = strlen(name), .state = state,
	};

	return cn_ioctl(dev, CLUSNET_IOC_SET_STATE, &a);
}

int cn_create_remote(int dev, const char *name, const char *node,
		     const char *network, const char *ifname)
{
	struct clusnet_create a = {
		.size = sizeof(a), .flags = CLUSNET_CREATE_REMOTE,
		.name = CN_PTR(name), .name_len = strlen(name),
		.node = CN_PTR(node), .node_len = node ? strlen(node) : 0,
		.network = CN_PTR(network),
		.network_len = network ? strlen(network) : 0,
		.uid = -1, .gid = -1, .mode = CLUSNET_MODE_DEFAULT,
	};

	if (ifname)
		snprintf(a.ifname, sizeof(a.ifname), "%s", ifname);
	return cn_ioctl(dev, CLUSNET_IOC_CREATE, &a);
}

int cn_state(int h)
{
	return cn_ioctl(h, CLUSNET_HIOC_GET_STATE, NULL);
}

int cn_info(int h, struct clusnet_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return cn_ioctl(h, CLUSNET_HIOC_GET_INFO, info);
}

int cn_set_desc_f(int h, const char *text, __u32 len, __u32 flags)
{
	struct clusnet_description d;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.flags = flags;
	d.text = CN_PTR(text);
	d.text_len = len;
	return cn_ioctl(h, CLUSNET_HIOC_SET_DESCRIPTION, &d);
}

int cn_set_desc(int h, const char *text, __u32 len)
{
	return cn_set_desc_f(h, text, len, 0);
}

int cn_forward(int dev, __u32 flags, __u32 timeout_ms)
{
	struct clusnet_forward f;

	memset(&f, 0, sizeof(f));
	f.size = sizeof(f);
	f.flags = flags;
	f.timeout_ms = timeout_ms;
	return cn_ioctl(dev, CLUSNET_IOC_FORWARD, &f);
}

int cn_forward_answer(int ch, __u64 id, __s32 error)
{
	struct clusnet_forward_reply r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.error = error;
	if (write(ch, &r, sizeof(r)) == (ssize_t)sizeof(r))
		return 0;
	return -errno;
}

int cn_nic(int h, struct clusnet_nic *nic)
{
	memset(nic, 0, sizeof(*nic));
	nic->size = sizeof(*nic);
	return cn_ioctl(h, CLUSNET_HIOC_GET_NIC, nic);
}

int cn_watch(int dev, __u32 flags)
{
	struct clusnet_watch w;

	memset(&w, 0, sizeof(w));
	w.size = sizeof(w);
	w.flags = flags;
	return cn_ioctl(dev, CLUSNET_IOC_WATCH, &w);
}

int cn_wait_state(int h, int want, int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	int st;

	for (;;) {
		st = cn_state(h);
		if (st == want || cn_now_ms() >= deadline)
			return st;
		cn_sleep_ms(CN_POLL_MS);
	}
}

int cn_wait_open(int dev, const char *name, __u32 desired,
		 int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	int fd;

	for (;;) {
		fd = cn_open(dev, name, desired);
		if (fd != -ENOENT || cn_now_ms() >= deadline)
			return fd;
		cn_sleep_ms(CN_POLL_MS);
	}
}

int cn_read_record(int fd, void *rec, size_t size,
		   int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	do {
		ret = poll(&p, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	if (ret == 0)
		return -ETIMEDOUT;
	n = read(fd, rec, size);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	return (size_t)n == size ? 1 : -EMSGSIZE;
}

int cn_read_event(int h, struct clusnet_event *ev,
		  int timeout_ms)
{
	memset(ev, 0, sizeof(*ev));
	return cn_read_record(h, ev, sizeof(*ev), timeout_ms);
}

int cn_read_cluster_event(int w, struct clusnet_cluster_event *ev,
			  int timeout_ms)
{
	memset(ev, 0, sizeof(*ev));
	return cn_read_record(w, ev, sizeof(*ev), timeout_ms);
}

int cn_struct_try(int fd, unsigned long cmd, void *arg,
		  const struct cn_struct_ops *ops)
{
	int ret;

	if (ops && ops->prep)
		ops->prep(ops->ctx);
	ret = cn_ioctl(fd, cmd, arg);
	if (ret >= 0 && ops && ops->undo)
		ops->undo(ret, ops->ctx);
	return ret;
}
