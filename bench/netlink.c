// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench: rtnetlink requests (dummy NICs in batches). */
#include "bench.h"

static struct nlmsghdr *nl_msg(struct nlbuf *b, int type, int flags)
{
	struct nlmsghdr *n;

	if (b->len + 512 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 65536;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			die("out of memory");
	}
	n = (struct nlmsghdr *)(b->p + b->len);
	memset(n, 0, 512);
	n->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	n->nlmsg_type = type;
	n->nlmsg_flags = NLM_F_REQUEST | flags;
	n->nlmsg_seq = ++b->msgs;
	return n;
}

static void nl_done(struct nlbuf *b, struct nlmsghdr *n)
{
	b->len += NLMSG_ALIGN(n->nlmsg_len);
}

struct rtattr *nl_attr(struct nlmsghdr *n, int type, const void *d,
			      int len)
{
	struct rtattr *a = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), d, len);
	n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void nl_nest_end(struct nlmsghdr *n, struct rtattr *a)
{
	a->rta_len = (char *)n + n->nlmsg_len - (char *)a;
}

int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, one = 1, big = 8 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		die("netlink socket: %s", strerror(errno));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("netlink bind: %s", strerror(errno));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	return fd;
}

/* Send every message in b, wait for as many acks; returns errors seen. */
int nl_flush(int fd, struct nlbuf *b, int *first_err)
{
	static char rb[1 << 16];
	int acks = 0, errs = 0;

	if (!b->msgs)
		return 0;
	if (send(fd, b->p, b->len, 0) != (ssize_t)b->len)
		die("netlink send: %s", strerror(errno));
	while (acks < b->msgs) {
		ssize_t n = recv(fd, rb, sizeof(rb), 0);
		struct nlmsghdr *h;

		if (n < 0)
			die("netlink recv: %s", strerror(errno));
		for (h = (struct nlmsghdr *)rb; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				acks++;
				if (e->error) {
					if (!errs && first_err)
						*first_err = -e->error;
					errs++;
				}
			}
		}
	}
	b->len = 0;
	b->msgs = 0;
	return errs;
}

void nl_newlink(struct nlbuf *b, const char *name, int up)
{
	struct nlmsghdr *n = nl_msg(b, RTM_NEWLINK,
				    NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *li;

	ifi->ifi_family = AF_UNSPEC;
	if (up) {
		ifi->ifi_flags = IFF_UP;
		ifi->ifi_change = IFF_UP;
	}
	nl_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	li = nl_attr(n, IFLA_LINKINFO, NULL, 0);
	nl_attr(n, IFLA_INFO_KIND, "dummy", 6);
	nl_nest_end(n, li);
	nl_done(b, n);
}

void nl_setup(struct nlbuf *b, const char *name, int up)
{
	struct nlmsghdr *n = nl_msg(b, RTM_NEWLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = NLMSG_DATA(n);

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_flags = up ? IFF_UP : 0;
	ifi->ifi_change = IFF_UP;
	nl_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	nl_done(b, n);
}

void nl_dellink(struct nlbuf *b, const char *name)
{
	struct nlmsghdr *n = nl_msg(b, RTM_DELLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = NLMSG_DATA(n);

	ifi->ifi_family = AF_UNSPEC;
	nl_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	nl_done(b, n);
}

/* ip link set NAME carrier on|off (dummy has ndo_change_carrier). */
void nl_carrier(struct nlbuf *b, const char *name, int on)
{
	struct nlmsghdr *n = nl_msg(b, RTM_NEWLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = NLMSG_DATA(n);
	uint8_t v = !!on;

	ifi->ifi_family = AF_UNSPEC;
	nl_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	nl_attr(n, IFLA_CARRIER, &v, sizeof(v));
	nl_done(b, n);
}

/* A socket that hears every link change (what `ip monitor link` hears). */
int nl_listen_link(void)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1U << (RTNLGRP_LINK - 1),
	};
	int fd, big = 8 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		die("netlink socket: %s", strerror(errno));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("netlink bind to RTNLGRP_LINK: %s", strerror(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	return fd;
}
