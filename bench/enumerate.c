// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet-bench section "enum": listing everything, at each step of the
 * scale section (1 to 100,000 objects, each bound to a dummy NIC of its
 * own). One CLUSNET_IOC_ENUM of every object of the namespace into an
 * array large enough, against one RTM_GETLINK dump of every link (what
 * `ip link show` asks: RTEXT_FILTER_VF), read to NLMSG_DONE. Each call
 * is one sample; a listing of 100,000 takes long under TCG, so the
 * repetitions shrink as the count grows (at least 5).
 */
#include "bench.h"

struct lister {
	int clusfd, nl;
	struct clusnet_if_entry *entries;
	uint32_t capacity;
	long want;		/* at least this many entries / links */
	long got;
	char req[128];
	size_t req_len;
	char *rbuf;
	size_t rsize;
};

static int list_enum(struct lister *l)
{
	struct clusnet_enum en;

	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = (uintptr_t)l->entries;
	en.entry_size = sizeof(*l->entries);
	en.capacity = l->capacity;
	if (ioctl(l->clusfd, CLUSNET_IOC_ENUM, &en))
		return -1;
	l->got = en.count;
	return en.count > l->capacity ? 1 : 0;
}

static void dump_prepare(struct lister *l)
{
	struct nlmsghdr *n = (struct nlmsghdr *)l->req;
	struct ifinfomsg *ifi;
	uint32_t mask = RTEXT_FILTER_VF;

	memset(l->req, 0, sizeof(l->req));
	n->nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	n->nlmsg_type = RTM_GETLINK;
	n->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	n->nlmsg_seq = 1;
	ifi = NLMSG_DATA(n);
	ifi->ifi_family = AF_UNSPEC;
	nl_attr(n, IFLA_EXT_MASK, &mask, sizeof(mask));
	l->req_len = n->nlmsg_len;
}

/* The whole dump; -1 on an error or a short one. */
static int list_dump(struct lister *l)
{
	long links = 0;

	if (send(l->nl, l->req, l->req_len, 0) != (ssize_t)l->req_len)
		return -1;
	for (;;) {
		ssize_t n = recv(l->nl, l->rbuf, l->rsize, 0);
		struct nlmsghdr *h;

		if (n <= 0)
			return -1;
		for (h = (struct nlmsghdr *)l->rbuf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				l->got = links;
				return 0;
			}
			if (h->nlmsg_type == NLMSG_ERROR)
				return -1;
			if (h->nlmsg_type == RTM_NEWLINK)
				links++;
		}
	}
}

/* reps samples of one listing, after one untimed; checks what it got. */
static void time_list(const char *name, int (*fn)(struct lister *),
		      struct lister *l, long reps)
{
	double *s = malloc(sizeof(double) * reps), sum = 0;
	long i;

	if (!s)
		die("out of memory");
	for (i = -1; i < reps; i++) {
		uint64_t t0, t1;
		int bad;

		t0 = ticks();
		bad = fn(l);
		t1 = ticks();
		if (bad || l->got < l->want) {
			fail("enum/%s: %s (%ld of at least %ld)", name,
			     bad ? strerror(errno) : "short", l->got, l->want);
			free(s);
			return;
		}
		if (i < 0)
			continue;
		s[i] = (double)(t1 - t0) * ns_per_tick - timer_ns;
		sum += s[i];
	}
	stats("enum", name, s, reps, sum);
	free(s);
}

void run_enum_step(struct ctx *c, long objects, long dummies)
{
	struct lister l = { .clusfd = c->clusfd };
	long reps = 200000 / (objects + 100);

	reps = reps < 5 ? 5 : reps > 100 ? 100 : reps;
	if (smoke && reps > 20)
		reps = 20;

	/* The array holds everything there is, with room for more. */
	if (list_enum(&l) < 0)
		die("CLUSNET_IOC_ENUM: %s", strerror(errno));
	l.capacity = (uint32_t)l.got + 64;
	l.entries = calloc(l.capacity, sizeof(*l.entries));
	if (!l.entries)
		die("out of memory");
	l.want = objects;
	time_list("CLUSNET_IOC_ENUM, every object", list_enum, &l, reps);
	free(l.entries);

	l.nl = nl_open();
	l.rsize = 1 << 16;
	l.rbuf = malloc(l.rsize);
	if (!l.rbuf)
		die("out of memory");
	dump_prepare(&l);
	l.want = dummies;
	time_list("RTM_GETLINK dump, every link", list_dump, &l, reps);
	free(l.rbuf);
	close(l.nl);
}
