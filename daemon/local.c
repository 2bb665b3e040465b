// SPDX-License-Identifier: GPL-2.0
/*
 * This node's interface objects, read from the local clusnet module: a
 * snapshot (CLUSNET_IOC_ENUM, CLUSNET_IOC_NETWORKS for the subnets) taken
 * whenever the namespace's watch fd reports a change, so that a NIC going
 * down reaches the group at once. Without the module this node publishes
 * no interface and retries on the timer; the daemon keeps running.
 *
 * Writes from other nodes (description, owner, group, mode) are applied
 * here with the ioctls an admin would use; the reply goes out only after
 * they returned and the change was published.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <linux/clusnet.h>

#include "daemon.h"

#define PTR(p) ((__u64)(unsigned long)(p))

void cd_local_open(struct cd_daemon *d)
{
	struct clusnet_watch w = { .size = sizeof(w),
				   .flags = O_CLOEXEC | O_NONBLOCK };
	const char *path = getenv("CLUSNET_DEVICE");

	if (d->dev_fd >= 0)
		return;
	d->dev_fd = open(path ? path : "/dev/" CLUSNET_DEVICE_NAME,
			 O_RDWR | O_CLOEXEC);
	if (d->dev_fd < 0)
		return;		/* logged by the caller once */
	d->watch_fd = ioctl(d->dev_fd, CLUSNET_IOC_WATCH, &w);
	if (d->watch_fd < 0)
		cd_log(LOG_WARNING, "clusnet watch: %m; polling instead");
	cd_forward_open(d);
	cd_log(LOG_INFO, "local objects: /dev/%s open", CLUSNET_DEVICE_NAME);
}

void cd_local_close(struct cd_daemon *d)
{
	cd_forward_close(d);
	if (d->watch_fd >= 0)
		close(d->watch_fd);
	if (d->dev_fd >= 0)
		close(d->dev_fd);
	d->watch_fd = d->dev_fd = -1;
}

/* One snapshot ioctl (ENUM, NETWORKS, NODES), grown until it fits. */
int cd_snapshot(int dev, unsigned long cmd, size_t esize, void **out)
{
	struct clusnet_enum en;
	__u32 cap = 16;
	void *buf = NULL, *nb;

	for (;;) {
		nb = realloc(buf, cap * esize);
		if (!nb) {
			free(buf);
			return -ENOMEM;
		}
		buf = nb;
		memset(&en, 0, sizeof(en));
		en.size = sizeof(en);
		en.entries = PTR(buf);
		en.entry_size = (__u32)esize;
		en.capacity = cap;
		if (ioctl(dev, cmd, &en)) {
			int err = errno;

			free(buf);
			return -err;
		}
		if (en.count <= cap)
			break;
		cap = en.count + 16;
	}
	*out = buf;
	return (int)en.count;
}

static void subnet_of(const struct clusnet_network_entry *nets, int n,
		      __u64 id, struct cd_subnet *s)
{
	memset(s, 0, sizeof(*s));
	for (int i = 0; id && i < n; i++) {
		if (nets[i].id != id || nets[i].family != AF_INET)
			continue;
		s->family = 4;
		s->prefix = nets[i].prefixlen;
		memcpy(s->addr, nets[i].subnet, 4);
		if (!cd_subnet_valid(s))
			memset(s, 0, sizeof(*s));
	}
}

/* NIC flags as the kernel's state tells them, with IFF_UP asked for. */
static uint32_t nic_flags(const struct clusnet_if_entry *e)
{
	struct ifreq ifr = { 0 };
	uint32_t f = 0;
	int s;

	if (!e->ifindex)
		return 0;
	f = CD_NIC_PRESENT;
	/* Only a running NIC shows these; Failed may be the cluster's view. */
	if (e->state == CLUSNET_STATE_UP ||
	    e->state == CLUSNET_STATE_UNREACHABLE)
		return f | CD_NIC_UP | CD_NIC_RUNNING;
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return f;
	memcpy(ifr.ifr_name, e->ifname, sizeof(e->ifname));
	if (!ioctl(s, SIOCGIFFLAGS, &ifr)) {
		if (ifr.ifr_flags & IFF_UP)
			f |= CD_NIC_UP;
		if ((ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING))
			f |= CD_NIC_RUNNING;
	}
	close(s);
	return f;
}

int cd_open_object(int dev, const char *name, uint32_t access)
{
	struct clusnet_open o = {
		.size = sizeof(o), .flags = O_CLOEXEC, .name = PTR(name),
		.name_len = (__u32)strlen(name), .desired_access = access,
	};

	return ioctl(dev, CLUSNET_IOC_OPEN, &o);
}

/*
 * Its description: only a handle reads it. What the protocol cannot carry
 * (control characters other than tab and newline) goes out empty.
 */
static void read_description(int dev, const char *name, char *buf,
			     size_t size)
{
	static struct clusnet_info info;
	int h = cd_open_object(dev, name, CLUSNET_GENERIC_READ);

	buf[0] = '\0';
	if (h < 0)
		return;
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (!ioctl(h, CLUSNET_HIOC_GET_INFO, &info) &&
	    utf8_valid(info.description, strlen(info.description), true))
		snprintf(buf, size, "%s", info.description);
	close(h);
}

static void to_iface(const struct clusnet_if_entry *e,
		     const struct clusnet_network_entry *nets, int n_nets,
		     struct cd_iface *f)
{
	memset(f, 0, sizeof(*f));
	memcpy(f->name, e->name, sizeof(f->name) - 1);
	f->nic = nic_flags(e);
	if (f->nic)
		memcpy(f->ifname, e->ifname, sizeof(f->ifname) - 1);
	subnet_of(nets, n_nets, e->network_id, &f->subnet);
	f->state = e->state;
	f->uid = e->uid == UINT32_MAX ? 65534 : e->uid;
	f->gid = e->gid == UINT32_MAX ? 65534 : e->gid;
	f->mode = e->mode & 0777;
}

void cd_local_read(struct cd_daemon *d)
{
	struct clusnet_if_entry *ifs = NULL;
	struct clusnet_network_entry *nets = NULL;
	char drain[4096];
	int n, nn;

	if (d->dev_fd < 0)
		cd_local_open(d);
	if (d->dev_fd < 0)
		return;
	while (d->watch_fd >= 0 && read(d->watch_fd, drain, sizeof(drain)) > 0)
		;
	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_ENUM, sizeof(*ifs), (void **)&ifs);
	nn = cd_snapshot(d->dev_fd, CLUSNET_IOC_NETWORKS, sizeof(*nets),
		      (void **)&nets);
	if (n < 0 || nn < 0) {
		cd_log(LOG_WARNING, "clusnet snapshot: %s",
		       strerror(-(n < 0 ? n : nn)));
		free(ifs);
		free(nets);
		return;
	}
	d->now.n_ifaces = 0;
	for (int i = 0; i < n; i++) {
		struct cd_iface *f = &d->now.ifaces[d->now.n_ifaces];

		if (d->now.n_ifaces == CD_IFACES_MAX) {
			cd_log(LOG_WARNING, "more than %d local objects; "
			       "publishing the first ones", CD_IFACES_MAX);
			break;
		}
		/* Other nodes' interfaces, as mirror.c put them here. */
		if (ifs[i].flags & CLUSNET_IF_REMOTE)
			continue;
		to_iface(&ifs[i], nets, nn, f);
		read_description(d->dev_fd, f->name, f->description,
				 sizeof(f->description));
		/* what the protocol cannot carry is not published */
		if (utf8_valid(f->name, strlen(f->name), false))
			d->now.n_ifaces++;
	}
	free(ifs);
	free(nets);
}

static uint32_t werr(int err)
{
	switch (err) {
	case ENOENT: case ENODEV: return CD_WERR_NETINTERFACE_NOT_FOUND;
	case EPERM: case EACCES: return CD_WERR_ACCESS_DENIED;
	case EINVAL: return CD_WERR_INVALID_PARAMETER;
	}
	return CD_WERR_GEN_FAILURE;
}

/* Only a handle carries the description. */
static int set_description(int dev, const char *name, const char *text)
{
	struct clusnet_description s = {
		.size = sizeof(s), .text = PTR(text),
		.text_len = (__u32)strlen(text),
	};
	int h = cd_open_object(dev, name, CLUSNET_GENERIC_ALL), err = 0;

	if (h < 0)
		return errno;
	if (ioctl(h, CLUSNET_HIOC_SET_DESCRIPTION, &s))
		err = errno;
	close(h);
	return err;
}

/* Another node's write to one of ours: 0 or a Windows error code. */
uint32_t cd_local_write(struct cd_daemon *d, const struct cd_write_req *w)
{
	struct clusnet_set_security s = { .size = sizeof(s) };
	struct clusnet_if_entry *e = NULL;
	bool ours = false;
	int n;

	if (d->dev_fd < 0)
		return CD_WERR_NETINTERFACE_NOT_FOUND;
	/* Never a copy of a third node's: those are not ours to change. */
	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_ENUM, sizeof(*e), (void **)&e);
	for (int i = 0; i < n; i++)
		if (!strcasecmp(e[i].name, w->name) &&
		    !(e[i].flags & CLUSNET_IF_REMOTE))
			ours = true;
	free(e);
	if (n < 0)
		return CD_WERR_GEN_FAILURE;
	if (!ours)
		return CD_WERR_NETINTERFACE_NOT_FOUND;

	if (w->what & CD_W_OWNER)
		s.flags |= CLUSNET_SET_UID | CLUSNET_SET_GID;
	if (w->what & CD_W_MODE)
		s.flags |= CLUSNET_SET_MODE;
	s.name = PTR(w->name);
	s.name_len = (__u32)strlen(w->name);
	s.uid = w->uid;
	s.gid = w->gid;
	s.mode = w->mode;
	if (s.flags && ioctl(d->dev_fd, CLUSNET_IOC_SET_SECURITY, &s))
		return werr(errno);
	if (w->what & CD_W_DESCRIPTION) {
		int err = set_description(d->dev_fd, w->name, w->description);

		if (err)
			return werr(err);
	}
	return 0;
}
