// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet-bench section "linkpoll": how soon a program learns that a
 * local NIC went down. One rtnetlink request takes a dummy NIC down (as
 * `ip link set X down` does, or `... carrier off`); two threads wait in
 * poll() for it: one on a clusnet handle of the NIC's object, one on an
 * rtnetlink socket in RTNLGRP_LINK (what `ip monitor link` and most
 * daemons listen to). Each takes the TSC when poll() returns, then checks
 * that what it read is the change: a state record whose new state is not
 * Up, an RTM_NEWLINK of that ifindex without IFF_UP (or IFF_LOWER_UP).
 * The latency is from just before the request is sent to that wake-up.
 * clusnet-bench.c says how many of each (100 and 20; 5 and 3 with --smoke).
 */
#include <poll.h>

#include "bench.h"

/* <linux/if.h>'s, which cannot be included with <net/if.h> */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

#define LP_IF "bpoll0"
#define LP_TIMEOUT_MS 5000

enum lp_how { LP_ADMIN, LP_CARRIER };

struct waiter {
	pthread_t t;
	int fd;
	int ifindex;
	enum lp_how how;
	volatile int ready;
	uint64_t woke;		/* ticks() when poll() returned with it */
	int ok;
};

/* Let the waiters run on any CPU: main() pinned itself (and them) to 0. */
static void unpin(void)
{
	cpu_set_t s;
	long i, n = sysconf(_SC_NPROCESSORS_ONLN);

	CPU_ZERO(&s);
	for (i = 0; i < n && i < CPU_SETSIZE; i++)
		CPU_SET(i, &s);
	sched_setaffinity(0, sizeof(s), &s);
}

/* One poll() and read(): 1 when it was the change, 0 not, -1 error. */
static int wait_clusnet(struct waiter *w)
{
	struct pollfd p = { .fd = w->fd, .events = POLLIN };
	struct clusnet_event ev;

	if (poll(&p, 1, LP_TIMEOUT_MS) != 1)
		return -1;
	w->woke = ticks();
	if (read(w->fd, &ev, sizeof(ev)) != sizeof(ev))
		return -1;
	return (ev.changes & CLUSNET_EVENT_STATE) &&
	       ev.new_state != CLUSNET_STATE_UP;
}

static int wait_rtnl(struct waiter *w)
{
	struct pollfd p = { .fd = w->fd, .events = POLLIN };
	static __thread char buf[65536];
	unsigned int gone = w->how == LP_ADMIN ? IFF_UP : IFF_LOWER_UP;
	struct nlmsghdr *h;
	ssize_t n;
	int hit = 0;

	if (poll(&p, 1, LP_TIMEOUT_MS) != 1)
		return -1;
	w->woke = ticks();
	n = recv(w->fd, buf, sizeof(buf), 0);
	if (n < 0)
		return -1;
	for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
	     h = NLMSG_NEXT(h, n)) {
		struct ifinfomsg *ifi = NLMSG_DATA(h);

		if (h->nlmsg_type == RTM_NEWLINK &&
		    ifi->ifi_index == w->ifindex && !(ifi->ifi_flags & gone))
			hit = 1;
	}
	return hit;
}

static void *waiter_main(void *v)
{
	struct waiter *w = v;
	int r;

	unpin();
	w->ready = 1;
	do {
		r = w->ifindex ? wait_rtnl(w) : wait_clusnet(w);
	} while (r == 0);
	w->ok = r == 1;
	return NULL;
}

/* Read whatever is pending on fd without waiting. */
static void drain(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[65536];

	while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		if (read(fd, buf, sizeof(buf)) <= 0)
			break;
}

static int wait_state(int h, int want)
{
	double end = mono_s() + LP_TIMEOUT_MS / 1000.0;
	int st;

	do {
		st = ioctl(h, CLUSNET_HIOC_GET_STATE);
		if (st == want)
			return 0;
		usleep(1000);
	} while (mono_s() < end);
	return -1;
}

/* Put the link back (up, carrier on) and wait until clusnet says Up. */
static int restore(int nl, int h, enum lp_how how)
{
	struct nlbuf b = { 0 };
	int err = 0, bad;

	nl_setup(&b, LP_IF, 1);
	nl_carrier(&b, LP_IF, 1);
	bad = nl_flush(nl, &b, &err);
	free(b.p);
	if (bad || wait_state(h, CLUSNET_STATE_UP))
		return -1;
	/*
	 * linkwatch runs a carrier change at most once a second after its
	 * last run (later ones wait for that second): a carrier loss at rest
	 * is what this measures, so let the second pass. Admin down does not
	 * go through linkwatch; 20 ms let its follow-up messages arrive.
	 */
	usleep(how == LP_CARRIER ? 1100000 : 20000);
	return 0;
}

static void run_one(struct ctx *c, int h, int mon, enum lp_how how,
		    long reps)
{
	const char *what = how == LP_ADMIN ? "admin down" : "carrier off";
	double *sc = malloc(sizeof(double) * reps);
	double *sr = malloc(sizeof(double) * reps);
	double *sd = malloc(sizeof(double) * reps);
	double sumc = 0, sumr = 0, sumd = 0;
	struct nlbuf b = { 0 };
	char name[96];
	long i;
	int err = 0;

	if (!sc || !sr || !sd)
		die("out of memory");
	for (i = 0; i < reps; i++) {
		struct waiter wc = { .fd = h, .how = how };
		struct waiter wr = { .fd = mon, .how = how,
				     .ifindex = (int)if_nametoindex(LP_IF) };
		uint64_t t0;

		if (restore(c->nl, h, how)) {
			fail("linkpoll: %s did not come back up", LP_IF);
			break;
		}
		drain(h);
		drain(mon);
		if (pthread_create(&wc.t, NULL, waiter_main, &wc) ||
		    pthread_create(&wr.t, NULL, waiter_main, &wr))
			die("pthread_create");
		while (!__atomic_load_n(&wc.ready, __ATOMIC_ACQUIRE) ||
		       !__atomic_load_n(&wr.ready, __ATOMIC_ACQUIRE))
			usleep(1000);
		usleep(10000);	/* both in poll() by now */
		if (how == LP_ADMIN)
			nl_setup(&b, LP_IF, 0);
		else
			nl_carrier(&b, LP_IF, 0);
		t0 = ticks();
		if (nl_flush(c->nl, &b, &err))
			die("%s of %s: %s", what, LP_IF, strerror(err));
		pthread_join(wc.t, NULL);
		pthread_join(wr.t, NULL);
		if (!wc.ok || !wr.ok) {
			fail("linkpoll: %s: %s did not see it", what,
			     !wc.ok ? "the clusnet handle" : "the rtnetlink listener");
			break;
		}
		sc[i] = (double)(wc.woke - t0) * ns_per_tick;
		sr[i] = (double)(wr.woke - t0) * ns_per_tick;
		sd[i] = sc[i] - sr[i];
		sumc += sc[i];
		sumr += sr[i];
		sumd += sd[i];
	}
	if (i == reps) {
		snprintf(name, sizeof(name), "clusnet handle poll, %s", what);
		stats("linkpoll", name, sc, reps, sumc);
		snprintf(name, sizeof(name), "RTNLGRP_LINK poll, %s", what);
		stats("linkpoll", name, sr, reps, sumr);
		/* Signed: a sorted difference, not a difference of medians. */
		snprintf(name, sizeof(name), "clusnet - RTNLGRP_LINK, %s", what);
		stats("linkpoll", name, sd, reps, sumd);
	}
	restore(c->nl, h, LP_ADMIN);
	free(b.p);
	free(sc);
	free(sr);
	free(sd);
}

void run_linkpoll(struct ctx *c, long admin_reps, long carrier_reps)
{
	struct nlbuf b = { 0 };
	char name[300];
	int err = 0, h, mon;

	snprintf(name, sizeof(name), "%s - %s", node, LP_IF);
	nl_newlink(&b, LP_IF, 1);
	if (nl_flush(c->nl, &b, &err) && err != EEXIST)
		die("creating %s: %s", LP_IF, strerror(err));
	free(b.p);
	if (create_object(c->clusfd, name, LP_IF, (uint32_t)-1, 0644) &&
	    errno != EEXIST)
		die("creating %s: %s", name, strerror(errno));
	{
		struct clusnet_open op = c->op;

		op.name = (uintptr_t)name;
		op.name_len = strlen(name);
		h = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &op);
		if (h < 0)
			die("opening %s: %s", name, strerror(errno));
	}
	mon = nl_listen_link();
	run_one(c, h, mon, LP_ADMIN, admin_reps);
	run_one(c, h, mon, LP_CARRIER, carrier_reps);
	close(mon);
	close(h);
}
