// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench: the timed operations, clusnet's and its peers'. */
#include "bench.h"

/* An ioctl number nobody serves: the cheapest honest "empty" ioctl. */
#define BENCH_IOC_UNKNOWN _IO(CLUSNET_IOC_MAGIC, 0x7f)

int op_empty(void *c)
{
	(void)c;
	return 0;
}

/* No system call: what the machine gives a second thread at all. */
int op_spin(void *c)
{
	volatile unsigned int i;

	(void)c;
	for (i = 0; i < 200; i++)
		;
	return 0;
}

int op_getppid(void *c)
{
	(void)c;
	syscall(SYS_getppid);
	return 0;
}

int op_enotty(void *v)
{
	struct ctx *c = v;

	return !(ioctl(c->clusfd, BENCH_IOC_UNKNOWN) < 0 && errno == ENOTTY);
}

int op_cluster_info(void *v)
{
	struct ctx *c = v;

	c->ci.size = sizeof(c->ci);
	c->ci.desired_access = 0;
	return ioctl(c->clusfd, CLUSNET_IOC_CLUSTER_INFO, &c->ci) != 0;
}

int op_eventfd_close(void *v)
{
	int fd = eventfd(0, EFD_CLOEXEC);

	(void)v;
	if (fd < 0)
		return 1;
	close(fd);
	return 0;
}

int op_lib_open_close(void *v)
{
	struct ctx *c = v;
	DWORD g;
	HNETINTERFACE h = OpenClusterNetInterfaceEx(c->hc, c->name16,
						    GENERIC_READ, &g);

	if (!h)
		return 1;
	return !CloseClusterNetInterface(h);
}

int op_lib_open(void *v)
{
	struct ctx *c = v;
	DWORD g;

	c->tmp = OpenClusterNetInterfaceEx(c->hc, c->name16, GENERIC_READ, &g);
	return !c->tmp;
}

int op_lib_close_tmp(void *v)
{
	struct ctx *c = v;

	return !CloseClusterNetInterface(c->tmp);
}

int op_lib_state(void *v)
{
	struct ctx *c = v;

	return GetClusterNetInterfaceState(c->h) ==
	       ClusterNetInterfaceStateUnknown;
}

int op_lib_open_state_close(void *v)
{
	struct ctx *c = v;
	DWORD g;
	HNETINTERFACE h = OpenClusterNetInterfaceEx(c->hc, c->name16,
						    GENERIC_READ, &g);
	int bad;

	if (!h)
		return 1;
	bad = GetClusterNetInterfaceState(h) == ClusterNetInterfaceStateUnknown;
	return !CloseClusterNetInterface(h) || bad;
}

int op_lib_open_neg(void *v)
{
	struct ctx *c = v;
	DWORD g;
	HNETINTERFACE h = OpenClusterNetInterfaceEx(c->hc, c->name16,
						    GENERIC_READ, &g);

	if (h) {
		CloseClusterNetInterface(h);
		return 1;
	}
	return GetLastError() != c->expect_error;
}

void raw_prepare(struct ctx *c)
{
	memset(&c->op, 0, sizeof(c->op));
	c->op.size = sizeof(c->op);
	c->op.flags = O_CLOEXEC;
	c->op.name = (uintptr_t)c->name;
	c->op.name_len = strlen(c->name);
	c->op.desired_access = CLUSNET_GENERIC_READ;
}

int op_raw_open_close(void *v)
{
	struct ctx *c = v;
	int fd = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &c->op);

	if (fd < 0)
		return 1;
	close(fd);
	return 0;
}

int op_raw_state(void *v)
{
	struct ctx *c = v;

	return ioctl(c->hfd, CLUSNET_HIOC_GET_STATE) < 0;
}

int op_sysfs(void *v)
{
	struct ctx *c = v;
	int fd = open(c->sysfs, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 1;
	n = read(fd, c->rbuf, 64);
	close(fd);
	return n <= 0;
}

int op_sysfs_neg(void *v)
{
	struct ctx *c = v;
	int fd = open(c->sysfs, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return errno != ENOENT;
}

int op_siocgifflags(void *v)
{
	struct ctx *c = v;
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, c->ifname, IFNAMSIZ);
	return ioctl(c->sock, SIOCGIFFLAGS, &ifr) != 0;
}

int op_siocgifflags_neg(void *v)
{
	struct ctx *c = v;
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, c->ifname, IFNAMSIZ);
	return !(ioctl(c->sock, SIOCGIFFLAGS, &ifr) < 0 && errno == ENODEV);
}

/* What `ip link show dev X` asks: RTM_GETLINK by name, VF info, stats. */
void getlink_prepare(struct ctx *c)
{
	struct nlmsghdr *n = (struct nlmsghdr *)c->getlink;
	struct ifinfomsg *ifi;
	uint32_t mask = RTEXT_FILTER_VF;

	memset(c->getlink, 0, sizeof(c->getlink));
	n->nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	n->nlmsg_type = RTM_GETLINK;
	n->nlmsg_flags = NLM_F_REQUEST;
	n->nlmsg_seq = 1;
	ifi = NLMSG_DATA(n);
	ifi->ifi_family = AF_UNSPEC;
	nl_attr(n, IFLA_IFNAME, c->ifname, strlen(c->ifname) + 1);
	nl_attr(n, IFLA_EXT_MASK, &mask, sizeof(mask));
	c->getlink_len = n->nlmsg_len;
}

static int getlink(struct ctx *c, int *err)
{
	struct nlmsghdr *h = (struct nlmsghdr *)c->rbuf;
	ssize_t n;

	if (send(c->nl, c->getlink, c->getlink_len, 0) != (ssize_t)c->getlink_len)
		return -1;
	n = recv(c->nl, c->rbuf, sizeof(c->rbuf), 0);
	if (n < (ssize_t)sizeof(*h) || !NLMSG_OK(h, (size_t)n))
		return -1;
	*err = 0;
	if (h->nlmsg_type == NLMSG_ERROR)
		*err = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
	else if (h->nlmsg_type != RTM_NEWLINK)
		return -1;
	return 0;
}

int op_rtnl_getlink(void *v)
{
	int err;

	return getlink(v, &err) || err;
}

int op_rtnl_getlink_neg(void *v)
{
	int err;

	return getlink(v, &err) || err != ENODEV;
}
