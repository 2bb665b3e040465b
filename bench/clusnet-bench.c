// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet-bench: time clusnet's open and state paths against the floor
 * (an empty ioctl, creating any fd) and against the ways Linux answers
 * "is NIC X up" today (sysfs, rtnetlink, SIOCGIFFLAGS), in one process,
 * in one run. Runs as root in the test VM (bench/run boots it).
 *
 *   clusnet-bench [--smoke] [--iters N] [--max-objects N] [--max-dummies N]
 *                 [--only single|negative|threads|churn|scale|memory]
 *
 * Every latency is per operation: each operation is timed on its own with
 * the TSC (the test VM's clocksource is hpet, so clock_gettime() would be a
 * system call), minus the timer's own cost; after a warm-up, many
 * repetitions give median, p99, p99.9 and max. Throughput (ops/s) is
 * 1e9 / mean. The table goes to stdout; the JSON and the plot data are
 * printed between marker lines that bench/run extracts.
 *
 * Exit status: 0 when every measured operation behaved as expected (its
 * result, not its speed), 1 otherwise. No timing is ever a failure.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <clusapi.h>
#include <linux/clusnet.h>

#define JSON_BEGIN "==== clusnet-bench json begin ===="
#define JSON_END "==== clusnet-bench json end ===="
#define DAT_BEGIN "==== clusnet-bench scale.dat begin ===="
#define DAT_END "==== clusnet-bench scale.dat end ===="

/* An ioctl number nobody serves: the cheapest honest "empty" ioctl. */
#define BENCH_IOC_UNKNOWN _IO(CLUSNET_IOC_MAGIC, 0x7f)

static int smoke;
static const char *only;	/* run just this section */
static long iters = 20000;
static long max_objects = 100000;
static long max_dummies = -1;	/* -1: as many as objects */
static int failed;
static double ns_per_tick;
static double timer_ns;		/* the timer's own cost, subtracted */
static char node[256];

/* ---- helpers --------------------------------------------------------- */

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "clusnet-bench: FAIL: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	failed = 1;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "clusnet-bench: fatal: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static inline uint64_t ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
#else
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
#endif
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void calibrate(void)
{
#if defined(__x86_64__) || defined(__i386__)
	double t0 = mono_s(), t1;
	uint64_t c0 = ticks(), c1;
	struct timespec d = { 0, 300 * 1000 * 1000 };

	nanosleep(&d, NULL);
	t1 = mono_s();
	c1 = ticks();
	ns_per_tick = (t1 - t0) * 1e9 / (double)(c1 - c0);
#else
	ns_per_tick = 1.0;
#endif
}

static void pin(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	sched_setaffinity(0, sizeof(s), &s);
}

static void to_utf16(const char *s, WCHAR *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

static double read_uptime(void)
{
	double u = 0;
	FILE *f = fopen("/proc/uptime", "r");

	if (f) {
		if (fscanf(f, "%lf", &u) != 1)
			u = 0;
		fclose(f);
	}
	return u;
}

/* ---- results ----------------------------------------------------------- */

struct result {
	char group[24];
	char name[64];
	char who[8];		/* root / user */
	long objects;		/* clusnet objects of the bench at the time */
	long dummies;		/* dummy netdevs present */
	int threads;
	long n;			/* samples (or total ops for throughput) */
	double median, p99, p999, max, mean, ops_s;
};

#define MAX_RESULTS 512
static struct result results[MAX_RESULTS];
static int nresults;
static long cur_objects, cur_dummies;
static const char *cur_who = "root";

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(const double *v, long n, double p)
{
	long i = (long)(p * n + 0.999999) - 1;

	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	return v[i];
}

typedef int (*op_fn)(void *ctx);

static struct result *add_result(const char *group, const char *name)
{
	struct result *r;

	if (nresults >= MAX_RESULTS)
		die("too many results");
	r = &results[nresults++];
	memset(r, 0, sizeof(*r));
	snprintf(r->group, sizeof(r->group), "%s", group);
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->who, sizeof(r->who), "%s", cur_who);
	r->objects = cur_objects;
	r->dummies = cur_dummies;
	r->threads = 1;
	return r;
}

/*
 * Time fn n times, one sample per call; post (untimed) runs after each
 * call, e.g. to close what fn opened. Returns NULL (and marks the run
 * failed) if fn reports an unexpected result.
 */
static int sample(const char *group, const char *name, op_fn fn, op_fn post,
		  void *ctx, long n, double *s, double *sum)
{
	long warm = n / 10 < 20 ? 20 : n / 10, i;

	for (i = 0; i < warm; i++) {
		if (fn(ctx) || (post && post(ctx))) {
			fail("%s/%s: unexpected result in warm-up (errno %d: %s)",
			     group, name, errno, strerror(errno));
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		uint64_t t0, t1;
		int bad;

		t0 = ticks();
		bad = fn(ctx);
		t1 = ticks();
		if (bad || (post && post(ctx))) {
			fail("%s/%s: unexpected result (errno %d: %s)", group,
			     name, errno, strerror(errno));
			return -1;
		}
		s[i] = (double)(t1 - t0) * ns_per_tick - timer_ns;
		if (s[i] < 0)
			s[i] = 0;
		*sum += s[i];
	}
	return 0;
}

static struct result *stats(const char *group, const char *name, double *s,
			    long n, double sum)
{
	struct result *r;

	qsort(s, n, sizeof(*s), cmp_double);
	r = add_result(group, name);
	r->n = n;
	r->median = pct(s, n, 0.5);
	r->p99 = pct(s, n, 0.99);
	r->p999 = pct(s, n, 0.999);
	r->max = s[n - 1];
	r->mean = sum / n;
	r->ops_s = r->mean > 0 ? 1e9 / r->mean : 0;
	return r;
}

static struct result *measure2(const char *group, const char *name, op_fn fn,
			       op_fn post, void *ctx, long n)
{
	struct result *r = NULL;
	double *s, sum = 0;

	if (n < 1)
		n = 1;
	s = malloc(sizeof(*s) * n);
	if (!s)
		die("out of memory");
	if (!sample(group, name, fn, post, ctx, n, s, &sum))
		r = stats(group, name, s, n, sum);
	free(s);
	return r;
}

static struct result *measure(const char *group, const char *name, op_fn fn,
			      void *ctx, long n)
{
	return measure2(group, name, fn, NULL, ctx, n);
}

static const struct result *find(const char *group, const char *name,
				 long objects, const char *who)
{
	int i;

	for (i = nresults - 1; i >= 0; i--)
		if (!strcmp(results[i].group, group) &&
		    !strcmp(results[i].name, name) &&
		    (objects < 0 || results[i].objects == objects) &&
		    (!who || !strcmp(results[i].who, who)))
			return &results[i];
	return NULL;
}

/* ---- rtnetlink --------------------------------------------------------- */

struct nlbuf {
	char *p;
	size_t len, cap;
	int msgs;
};

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

static struct rtattr *nl_attr(struct nlmsghdr *n, int type, const void *d,
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

static int nl_open(void)
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
static int nl_flush(int fd, struct nlbuf *b, int *first_err)
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

static void nl_newlink(struct nlbuf *b, const char *name, int up)
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

static void nl_setup(struct nlbuf *b, const char *name, int up)
{
	struct nlmsghdr *n = nl_msg(b, RTM_NEWLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = NLMSG_DATA(n);

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_flags = up ? IFF_UP : 0;
	ifi->ifi_change = IFF_UP;
	nl_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	nl_done(b, n);
}

static void nl_dellink(struct nlbuf *b, const char *name)
{
	struct nlmsghdr *n = nl_msg(b, RTM_DELLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = NLMSG_DATA(n);

	ifi->ifi_family = AF_UNSPEC;
	nl_attr(n, IFLA_IFNAME, name, strlen(name) + 1);
	nl_done(b, n);
}

/* ---- the operations ----------------------------------------------------- */

struct ctx {
	int clusfd;		/* /dev/clusnet */
	int sock;		/* AF_INET datagram socket for SIOCGIF* */
	int nl;			/* NETLINK_ROUTE, for RTM_GETLINK */
	HCLUSTER hc;
	HNETINTERFACE h;	/* an open handle on the target */
	HNETINTERFACE tmp;	/* opened by a timed op, closed untimed */
	int hfd;		/* raw handle fd on the target */
	int tmpfd;
	char name[256];		/* target object name (UTF-8) */
	WCHAR name16[256];
	char ifname[IFNAMSIZ];
	char sysfs[128];
	char getlink[256];	/* prepared RTM_GETLINK request */
	size_t getlink_len;
	int expect_errno;	/* for negative ops */
	DWORD expect_error;
	struct clusnet_cluster_info ci;
	struct clusnet_open op;
	char rbuf[32768];
};

static int op_empty(void *c)
{
	(void)c;
	return 0;
}

/* No system call: what the machine gives a second thread at all. */
static int op_spin(void *c)
{
	volatile unsigned int i;

	(void)c;
	for (i = 0; i < 200; i++)
		;
	return 0;
}

static int op_getppid(void *c)
{
	(void)c;
	syscall(SYS_getppid);
	return 0;
}

static int op_enotty(void *v)
{
	struct ctx *c = v;

	return !(ioctl(c->clusfd, BENCH_IOC_UNKNOWN) < 0 && errno == ENOTTY);
}

static int op_cluster_info(void *v)
{
	struct ctx *c = v;

	c->ci.size = sizeof(c->ci);
	c->ci.desired_access = 0;
	return ioctl(c->clusfd, CLUSNET_IOC_CLUSTER_INFO, &c->ci) != 0;
}

static int op_eventfd_close(void *v)
{
	int fd = eventfd(0, EFD_CLOEXEC);

	(void)v;
	if (fd < 0)
		return 1;
	close(fd);
	return 0;
}

static int op_lib_open_close(void *v)
{
	struct ctx *c = v;
	DWORD g;
	HNETINTERFACE h = OpenClusterNetInterfaceEx(c->hc, c->name16,
						    GENERIC_READ, &g);

	if (!h)
		return 1;
	return !CloseClusterNetInterface(h);
}

static int op_lib_open(void *v)
{
	struct ctx *c = v;
	DWORD g;

	c->tmp = OpenClusterNetInterfaceEx(c->hc, c->name16, GENERIC_READ, &g);
	return !c->tmp;
}

static int op_lib_close_tmp(void *v)
{
	struct ctx *c = v;

	return !CloseClusterNetInterface(c->tmp);
}

static int op_lib_state(void *v)
{
	struct ctx *c = v;

	return GetClusterNetInterfaceState(c->h) ==
	       ClusterNetInterfaceStateUnknown;
}

static int op_lib_open_state_close(void *v)
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

static int op_lib_open_neg(void *v)
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

static void raw_prepare(struct ctx *c)
{
	memset(&c->op, 0, sizeof(c->op));
	c->op.size = sizeof(c->op);
	c->op.flags = O_CLOEXEC;
	c->op.name = (uintptr_t)c->name;
	c->op.name_len = strlen(c->name);
	c->op.desired_access = CLUSNET_GENERIC_READ;
}

static int op_raw_open_close(void *v)
{
	struct ctx *c = v;
	int fd = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &c->op);

	if (fd < 0)
		return 1;
	close(fd);
	return 0;
}

static int op_raw_state(void *v)
{
	struct ctx *c = v;

	return ioctl(c->hfd, CLUSNET_HIOC_GET_STATE) < 0;
}

static int op_sysfs(void *v)
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

static int op_sysfs_neg(void *v)
{
	struct ctx *c = v;
	int fd = open(c->sysfs, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 1;
	}
	return errno != ENOENT;
}

static int op_siocgifflags(void *v)
{
	struct ctx *c = v;
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, c->ifname, IFNAMSIZ);
	return ioctl(c->sock, SIOCGIFFLAGS, &ifr) != 0;
}

static int op_siocgifflags_neg(void *v)
{
	struct ctx *c = v;
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, c->ifname, IFNAMSIZ);
	return !(ioctl(c->sock, SIOCGIFFLAGS, &ifr) < 0 && errno == ENODEV);
}

/* What `ip link show dev X` asks: RTM_GETLINK by name, VF info, stats. */
static void getlink_prepare(struct ctx *c)
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

static int op_rtnl_getlink(void *v)
{
	int err;

	return getlink(v, &err) || err;
}

static int op_rtnl_getlink_neg(void *v)
{
	int err;

	return getlink(v, &err) || err != ENODEV;
}

/* ---- setup ----------------------------------------------------------------- */

static int clusnet_fd(void)
{
	int fd = open("/dev/clusnet", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("/dev/clusnet: %s", strerror(errno));
	return fd;
}

static int create_object(int fd, const char *name, const char *ifname,
			 uint32_t uid, uint32_t mode)
{
	struct clusnet_create cr;

	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.name = (uintptr_t)name;
	cr.name_len = strlen(name);
	cr.uid = uid;
	cr.gid = (uint32_t)-1;
	cr.mode = mode;
	snprintf(cr.ifname, sizeof(cr.ifname), "%s", ifname);
	return ioctl(fd, CLUSNET_IOC_CREATE, &cr);
}

static int delete_object(int fd, const char *name)
{
	struct clusnet_delete d;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.name = (uintptr_t)name;
	d.name_len = strlen(name);
	return ioctl(fd, CLUSNET_IOC_DELETE, &d);
}

static void obj_name(char *buf, size_t n, long i)
{
	snprintf(buf, n, "%s - bd%ld", node, i);
}

static void ctx_init(struct ctx *c, HCLUSTER hc, int clusfd)
{
	memset(c, 0, sizeof(*c));
	c->hc = hc;
	c->clusfd = clusfd;
	c->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (c->sock < 0)
		die("socket: %s", strerror(errno));
	c->nl = nl_open();
	c->h = NULL;
	c->hfd = -1;
}

static void ctx_target(struct ctx *c, const char *name, const char *ifname)
{
	snprintf(c->name, sizeof(c->name), "%s", name);
	to_utf16(name, c->name16, 256);
	snprintf(c->ifname, sizeof(c->ifname), "%s", ifname);
	snprintf(c->sysfs, sizeof(c->sysfs), "/sys/class/net/%s/operstate",
		 ifname);
	getlink_prepare(c);
	raw_prepare(c);
}

static void ctx_open(struct ctx *c)
{
	DWORD g;

	if (c->h)
		CloseClusterNetInterface(c->h);
	if (c->hfd >= 0)
		close(c->hfd);
	c->h = OpenClusterNetInterfaceEx(c->hc, c->name16, GENERIC_READ, &g);
	if (!c->h)
		die("cannot open %s: error %u", c->name, GetLastError());
	c->hfd = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &c->op);
	if (c->hfd < 0)
		die("cannot open %s raw: %s", c->name, strerror(errno));
}

static void ctx_fini(struct ctx *c)
{
	if (c->h)
		CloseClusterNetInterface(c->h);
	if (c->hfd >= 0)
		close(c->hfd);
	close(c->sock);
	close(c->nl);
}

/* ---- sections -------------------------------------------------------------- */

/* The floor, clusnet and the peers, on one NIC. */
static void run_single(struct ctx *c, const char *group, long n)
{
	measure(group, "getppid (syscall floor)", op_getppid, c, n);
	measure(group, "ioctl unknown cmd -> ENOTTY", op_enotty, c, n);
	measure(group, "ioctl CLUSTER_INFO (access 0)", op_cluster_info, c, n);
	measure(group, "eventfd + close", op_eventfd_close, c, n);
	measure(group, "lib open + close", op_lib_open_close, c, n);
	measure2(group, "lib open (close untimed)", op_lib_open,
		 op_lib_close_tmp, c, n);
	measure(group, "lib state", op_lib_state, c, n);
	measure(group, "lib open + state + close", op_lib_open_state_close, c,
		n);
	measure(group, "raw ioctl OPEN + close", op_raw_open_close, c, n);
	measure(group, "raw ioctl GET_STATE", op_raw_state, c, n);
	measure(group, "SIOCGIFFLAGS", op_siocgifflags, c, n);
	measure(group, "RTM_GETLINK by name", op_rtnl_getlink, c, n);
	measure(group, "sysfs operstate open+read+close", op_sysfs, c, n);
}

/* Negative lookups, as the current user; modprobe_n: SIOCGIF* iterations. */
static void run_negative(struct ctx *c, long n, long modprobe_n)
{
	struct ctx neg = *c;

	ctx_target(&neg, "node1 - nosuchnic", "nosuch0");
	neg.expect_error = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
	measure("negative", "lib open, no such name", op_lib_open_neg, &neg, n);
	measure("negative", "RTM_GETLINK, no such name", op_rtnl_getlink_neg,
		&neg, n);
	measure("negative", "sysfs open, no such name", op_sysfs_neg, &neg, n);
	/* As root this runs modprobe twice (dev_load): few iterations. */
	measure("negative", geteuid() ? "SIOCGIFFLAGS, no such name" :
		"SIOCGIFFLAGS, no such name (2x modprobe)",
		op_siocgifflags_neg, &neg, geteuid() ? n : modprobe_n);
}

/* Non-root in a forked child: results come back through a pipe. */
static void run_as_user(long n)
{
	int p[2], st;
	pid_t pid;
	struct result r;

	if (pipe(p) < 0)
		die("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		struct ctx c, priv;
		HCLUSTER hc;
		DWORD g;
		int clusfd, i0;

		close(p[0]);
		if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) ||
		    setresuid(1000, 1000, 1000))
			die("cannot drop to uid 1000: %s", strerror(errno));
		hc = OpenClusterEx(NULL, GENERIC_READ, &g);
		if (!hc)
			die("OpenClusterEx as uid 1000: error %u", GetLastError());
		clusfd = clusnet_fd();
		cur_who = "user";
		i0 = nresults;
		ctx_init(&c, hc, clusfd);
		ctx_target(&c, "node1 - eth0", "eth0");
		ctx_open(&c);
		measure("user", "lib open + close", op_lib_open_close, &c, n);
		measure("user", "lib state", op_lib_state, &c, n);
		measure("user", "lib open + state + close",
			op_lib_open_state_close, &c, n);
		run_negative(&c, n, n);
		priv = c;
		ctx_target(&priv, "bench - private", "eth0");
		priv.expect_error = ERROR_ACCESS_DENIED;
		measure("negative", "lib open, access denied", op_lib_open_neg,
			&priv, n);
		for (; i0 < nresults; i0++)
			if (write(p[1], &results[i0], sizeof(r)) != sizeof(r))
				_exit(1);
		ctx_fini(&c);
		_exit(failed);
	}
	close(p[1]);
	while (read(p[0], &r, sizeof(r)) == sizeof(r)) {
		if (nresults < MAX_RESULTS)
			results[nresults++] = r;
	}
	close(p[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		fail("the unprivileged part failed");
}

/* ---- scale ------------------------------------------------------------------ */

static long have_objects, have_dummies;

static void grow(int clusfd, int nl, long objects, long dummies)
{
	struct nlbuf b = { 0 };
	char name[300], ifname[IFNAMSIZ];
	double t0 = read_uptime();
	long i, nd = have_dummies;
	int err = 0;

	for (i = have_dummies; i < dummies; i++) {
		snprintf(ifname, sizeof(ifname), "bd%ld", i);
		nl_newlink(&b, ifname, 0);
		if (b.msgs == 256 || i + 1 == dummies) {
			if (nl_flush(nl, &b, &err))
				die("creating dummies up to %s: %s", ifname,
				    strerror(err));
			nd = i + 1;
			if (dummies - have_dummies >= 20000 && nd % 20000 == 0)
				fprintf(stderr, "clusnet-bench: %ld dummies (%.0f s)\n",
					nd, read_uptime() - t0);
		}
	}
	free(b.p);
	have_dummies = dummies;
	for (i = have_objects; i < objects; i++) {
		obj_name(name, sizeof(name), i);
		snprintf(ifname, sizeof(ifname), "bd%ld", i);
		if (create_object(clusfd, name, ifname, (uint32_t)-1, 0644) < 0)
			die("creating object %s: %s", name, strerror(errno));
	}
	fprintf(stderr, "clusnet-bench: %ld objects, %ld dummies (+%.1f s)\n",
		objects, dummies, read_uptime() - t0);
	have_objects = objects;
	cur_objects = objects;
	cur_dummies = dummies;
}

static void run_scale(struct ctx *c, long n)
{
	static const long steps[] = { 1, 100, 10000, 100000 };
	unsigned int k;

	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		long N = steps[k], D, t;
		char name[300], ifname[32];
		struct ctx s = *c;
		struct ctx neg;

		if (N > max_objects)
			break;
		D = max_dummies >= 0 && max_dummies < N ? max_dummies : N;
		grow(c->clusfd, c->nl, N, D);
		t = (D ? D : N) / 2;
		obj_name(name, sizeof(name), t);
		snprintf(ifname, sizeof(ifname), "bd%ld", t);
		s.h = NULL;
		s.hfd = -1;
		ctx_target(&s, name, ifname);
		ctx_open(&s);
		measure("scale", "ioctl unknown cmd -> ENOTTY", op_enotty, &s, n);
		measure("scale", "eventfd + close", op_eventfd_close, &s, n);
		measure("scale", "lib open + close", op_lib_open_close, &s, n);
		measure2("scale", "lib open (close untimed)", op_lib_open,
			 op_lib_close_tmp, &s, n);
		measure("scale", "lib state", op_lib_state, &s, n);
		measure("scale", "lib open + state + close",
			op_lib_open_state_close, &s, n);
		neg = s;
		ctx_target(&neg, "node1 - nosuchnic", "nosuch0");
		neg.expect_error = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
		measure("scale", "lib open, no such name", op_lib_open_neg,
			&neg, n);
		if (D) {
			measure("scale", "SIOCGIFFLAGS", op_siocgifflags, &s, n);
			measure("scale", "RTM_GETLINK by name", op_rtnl_getlink,
				&s, n);
			measure("scale", "sysfs operstate open+read+close",
				op_sysfs, &s, n);
		}
		CloseClusterNetInterface(s.h);
		close(s.hfd);
	}
}

/* ---- concurrency --------------------------------------------------------------- */

struct thr {
	pthread_t t;
	int cpu;
	op_fn fn;
	struct ctx *c;
	long ops;
	int bad;
};

static volatile int thr_go, thr_stop;

static void *thr_main(void *v)
{
	struct thr *t = v;

	pin(t->cpu);
	while (!__atomic_load_n(&thr_go, __ATOMIC_ACQUIRE))
		;
	while (!__atomic_load_n(&thr_stop, __ATOMIC_RELAXED)) {
		if (t->fn(t->c)) {
			t->bad = 1;
			break;
		}
		t->ops++;
	}
	return NULL;
}

/* Aggregate throughput of nthr threads for dur seconds. */
static struct result *throughput(const char *name, op_fn fn, struct ctx **cs,
				 int nthr, double dur)
{
	struct thr t[2];
	struct timespec d = { (time_t)dur, (long)((dur - (time_t)dur) * 1e9) };
	double t0, t1;
	long total = 0;
	struct result *r;
	int i;

	thr_go = 0;
	thr_stop = 0;
	for (i = 0; i < nthr; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].cpu = i;
		t[i].fn = fn;
		t[i].c = cs[i];
		if (pthread_create(&t[i].t, NULL, thr_main, &t[i]))
			die("pthread_create");
	}
	usleep(20000);
	t0 = mono_s();
	__atomic_store_n(&thr_go, 1, __ATOMIC_RELEASE);
	nanosleep(&d, NULL);
	__atomic_store_n(&thr_stop, 1, __ATOMIC_RELAXED);
	t1 = mono_s();
	for (i = 0; i < nthr; i++) {
		pthread_join(t[i].t, NULL);
		if (t[i].bad)
			fail("%s: unexpected result in thread %d", name, i);
		total += t[i].ops;
	}
	r = add_result("threads", name);
	r->threads = nthr;
	r->n = total;
	r->ops_s = total / (t1 - t0);
	r->mean = r->median = nthr * 1e9 / r->ops_s;
	r->p99 = r->p999 = r->max = 0;
	return r;
}

static int thr_rounds = 3;

/*
 * 1 and 2 threads, alternating, thr_rounds times: the host's load changes
 * from second to second and only ever slows a round down, so each kind
 * keeps its best round.
 */
static void pair(const char *name, op_fn fn, struct ctx **cs, double dur)
{
	double v[2][9];
	struct result *r;
	int k, nthr, rounds = thr_rounds > 9 ? 9 : thr_rounds;
	long n[2] = { 0, 0 };

	for (k = 0; k < rounds; k++) {
		for (nthr = 1; nthr <= 2; nthr++) {
			r = throughput(name, fn, cs, nthr, dur);
			v[nthr - 1][k] = r->ops_s;
			n[nthr - 1] += r->n;
			nresults--;
		}
	}
	for (nthr = 1; nthr <= 2; nthr++) {
		qsort(v[nthr - 1], rounds, sizeof(double), cmp_double);
		r = add_result("threads", name);
		r->threads = nthr;
		r->n = n[nthr - 1];
		r->ops_s = v[nthr - 1][rounds - 1];
		r->mean = r->median = nthr * 1e9 / r->ops_s;
	}
}

static void run_threads(struct ctx *c, double dur)
{
	struct ctx a = *c, b = *c, *cs[2];

	/* a: eth0's object; b: eth1's; both threads have handles of their own. */
	a.h = b.h = NULL;
	a.hfd = b.hfd = -1;
	ctx_target(&a, "node1 - eth0", "eth0");
	ctx_target(&b, "node1 - eth1", "eth1");
	ctx_open(&a);
	ctx_open(&b);
	cs[0] = &a;
	cs[1] = &b;
	pair("user-space loop (no syscall)", op_spin, cs, dur);
	pair("getppid (syscall floor)", op_getppid, cs, dur);
	pair("ioctl ENOTTY, one shared /dev/clusnet fd", op_enotty, cs, dur);
	pair("lib state, distinct objects", op_lib_state, cs, dur);
	pair("lib open + close, distinct objects", op_lib_open_close, cs, dur);
	pair("eventfd + close", op_eventfd_close, cs, dur);
	/* Same object: b now targets eth0 too, with a handle of its own. */
	ctx_target(&b, "node1 - eth0", "eth0");
	ctx_open(&b);
	pair("lib state, same object, own handles", op_lib_state, cs, dur);
	pair("lib open + close, same object", op_lib_open_close, cs, dur);
	/* Same object, one shared handle (as HNETINTERFACE may be shared). */
	cs[1] = &a;
	pair("lib state, same object, shared handle", op_lib_state, cs, dur);
	CloseClusterNetInterface(a.h);
	close(a.hfd);
	CloseClusterNetInterface(b.h);
	close(b.hfd);
}

/* ---- churn ------------------------------------------------------------------------- */

static volatile int churn_stop;
static long churn_cycles;

static void *churn_main(void *v)
{
	struct nlbuf b = { 0 };
	int nl = nl_open(), err = 0;

	(void)v;
	pin(1);
	while (!__atomic_load_n(&churn_stop, __ATOMIC_RELAXED)) {
		nl_newlink(&b, "bchurn0", 0);
		if (nl_flush(nl, &b, &err))
			break;
		nl_setup(&b, "bchurn0", 1);
		nl_flush(nl, &b, &err);
		nl_dellink(&b, "bchurn0");
		if (nl_flush(nl, &b, &err))
			break;
		churn_cycles++;
	}
	if (err)
		fail("churn: %s", strerror(err));
	free(b.p);
	close(nl);
	return NULL;
}

static pthread_t churn_thread;
static double churn_time;

static void churn_start(void)
{
	churn_stop = 0;
	churn_time -= mono_s();
	if (pthread_create(&churn_thread, NULL, churn_main, NULL))
		die("pthread_create");
	usleep(50000);
}

static void churn_end(void)
{
	churn_stop = 1;
	pthread_join(churn_thread, NULL);
	churn_time += mono_s();
}

/*
 * Quiet and churn samples alternate in blocks, so that both see the same
 * host (the VM's vCPUs share the host with whatever else runs there).
 */
static void run_churn(struct ctx *c, long n)
{
	static const struct {
		const char *name;
		op_fn fn, post;
	} ops[] = {
		{ "ioctl unknown cmd -> ENOTTY", op_enotty, NULL },
		{ "eventfd + close", op_eventfd_close, NULL },
		{ "lib state", op_lib_state, NULL },
		{ "lib open (close untimed)", op_lib_open, op_lib_close_tmp },
		{ "lib open + state + close", op_lib_open_state_close, NULL },
		{ "SIOCGIFFLAGS", op_siocgifflags, NULL },
		{ "RTM_GETLINK by name", op_rtnl_getlink, NULL },
		{ "sysfs operstate open+read+close", op_sysfs, NULL },
	};
	const int blocks = smoke ? 1 : 4;
	long nb = n / blocks;
	double *qs, *cs;
	unsigned int i;
	int k;

	/* The churned NIC has an object too: NIC events reach clusnet. */
	if (create_object(c->clusfd, "node1 - bchurn0", "bchurn0",
			  (uint32_t)-1, 0644) && errno != EEXIST)
		fail("creating node1 - bchurn0: %s", strerror(errno));
	pin(0);
	churn_cycles = 0;
	churn_time = 0;
	qs = malloc(sizeof(double) * nb * blocks);
	cs = malloc(sizeof(double) * nb * blocks);
	if (!qs || !cs)
		die("out of memory");
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		double qsum = 0, csum = 0;
		int bad = 0;

		for (k = 0; k < blocks && !bad; k++) {
			bad = sample("quiet", ops[i].name, ops[i].fn,
				     ops[i].post, c, nb, qs + k * nb, &qsum);
			churn_start();
			if (!bad)
				bad = sample("churn", ops[i].name, ops[i].fn,
					     ops[i].post, c, nb, cs + k * nb,
					     &csum);
			churn_end();
		}
		if (bad)
			continue;
		stats("quiet", ops[i].name, qs, nb * blocks, qsum);
		stats("churn", ops[i].name, cs, nb * blocks, csum);
	}
	free(qs);
	free(cs);
	fprintf(stderr, "clusnet-bench: churn: %ld add/up/del cycles in %.1f s\n",
		churn_cycles, churn_time);
	if (!churn_cycles)
		fail("churn: no cycle completed");
}

/* ---- memory -------------------------------------------------------------------------- */

struct mem {
	long slab_kb, sunreclaim_kb, vmalloc_kb, percpu_kb, memfree_kb;
	double slab_active_b;	/* sum of active_objs * objsize */
	double filp_b, dentry_b;
};

static void mem_read(struct mem *m)
{
	char line[512];
	FILE *f;

	memset(m, 0, sizeof(*m));
	f = fopen("/proc/meminfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			sscanf(line, "Slab: %ld", &m->slab_kb);
			sscanf(line, "SUnreclaim: %ld", &m->sunreclaim_kb);
			sscanf(line, "VmallocUsed: %ld", &m->vmalloc_kb);
			sscanf(line, "Percpu: %ld", &m->percpu_kb);
			sscanf(line, "MemFree: %ld", &m->memfree_kb);
		}
		fclose(f);
	}
	f = fopen("/proc/slabinfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			char name[64];
			long act, num, size;

			if (sscanf(line, "%63s %ld %ld %ld", name, &act, &num,
				   &size) != 4)
				continue;
			m->slab_active_b += (double)act * size;
			if (!strcmp(name, "filp"))
				m->filp_b = (double)act * size;
			if (!strcmp(name, "dentry"))
				m->dentry_b = (double)act * size;
		}
		fclose(f);
	}
}

static void settle(void)
{
	/* Let RCU free what was freed and rhashtable resizes finish. */
	sync();
	usleep(smoke ? 200000 : 1500000);
}

struct memres {
	long count;
	double slab_active, slab_kb, sunreclaim_b, vmalloc_b, memfree_b, filp, dentry;
};

static struct memres mem_objects, mem_handles, mem_eventfds;

static void mem_delta(struct memres *r, const struct mem *a,
		      const struct mem *b, long count)
{
	r->count = count;
	r->slab_active = (b->slab_active_b - a->slab_active_b) / count;
	r->slab_kb = (b->slab_kb - a->slab_kb) * 1024.0 / count;
	r->sunreclaim_b = (b->sunreclaim_kb - a->sunreclaim_kb) * 1024.0 / count;
	r->vmalloc_b = (b->vmalloc_kb - a->vmalloc_kb) * 1024.0 / count;
	r->memfree_b = (a->memfree_kb - b->memfree_kb) * 1024.0 / count;
	r->filp = (b->filp_b - a->filp_b) / count;
	r->dentry = (b->dentry_b - a->dentry_b) / count;
}

static void run_memory(struct ctx *c, long nobj, long count)
{
	struct mem a, b;
	struct rlimit rl = { count + 256, count + 256 };
	char name[300], ifname[IFNAMSIZ];
	int *fds, fd;
	long i;

	/* Objects: unbound (no such NIC), as many as count. */
	settle();
	mem_read(&a);
	for (i = 0; i < nobj; i++) {
		snprintf(name, sizeof(name), "%s - mx%ld", node, i);
		snprintf(ifname, sizeof(ifname), "mx%ld", i);
		if (create_object(c->clusfd, name, ifname, (uint32_t)-1, 0644))
			die("creating %s: %s", name, strerror(errno));
	}
	settle();
	mem_read(&b);
	mem_delta(&mem_objects, &a, &b, nobj);
	for (i = 0; i < nobj; i++) {
		snprintf(name, sizeof(name), "%s - mx%ld", node, i);
		if (delete_object(c->clusfd, name))
			fail("deleting %s: %s", name, strerror(errno));
	}

	/* Handles: count of them on one object; the fd table grown first. */
	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit: %s", strerror(errno));
	fds = calloc(count, sizeof(*fds));
	if (!fds)
		die("out of memory");
	fd = dup2(0, count + 200);
	if (fd >= 0)
		close(fd);
	settle();
	mem_read(&a);
	for (i = 0; i < count; i++) {
		fds[i] = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &c->op);
		if (fds[i] < 0)
			die("open handle %ld: %s", i, strerror(errno));
	}
	settle();
	mem_read(&b);
	mem_delta(&mem_handles, &a, &b, count);
	for (i = 0; i < count; i++)
		close(fds[i]);

	settle();
	mem_read(&a);
	for (i = 0; i < count; i++) {
		fds[i] = eventfd(0, EFD_CLOEXEC);
		if (fds[i] < 0)
			die("eventfd %ld: %s", i, strerror(errno));
	}
	settle();
	mem_read(&b);
	mem_delta(&mem_eventfds, &a, &b, count);
	for (i = 0; i < count; i++)
		close(fds[i]);
	free(fds);
}

static long filp_objsize(void)
{
	char line[512];
	long size = 0;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		long act, num, sz;

		if (sscanf(line, "%63s %ld %ld %ld", name, &act, &num, &sz) == 4 &&
		    !strcmp(name, "filp"))
			size = sz;
	}
	fclose(f);
	return size;
}

/* ---- output ---------------------------------------------------------------------------- */

struct target {
	char what[96];
	double value, limit;
	int le;			/* 1: value <= limit is met; 0: value >= limit */
	int known;
};

static struct target targets[32];
static int ntargets;

static double med(const char *group, const char *name, long objects)
{
	const struct result *r = find(group, name, objects, "root");

	return r ? r->median : 0;
}

static double p999(const char *group, const char *name)
{
	const struct result *r = find(group, name, -1, "root");

	return r ? r->p999 : 0;
}

static double tput(const char *name, int nthr)
{
	int i;

	for (i = nresults - 1; i >= 0; i--)
		if (!strcmp(results[i].group, "threads") &&
		    !strcmp(results[i].name, name) &&
		    results[i].threads == nthr)
			return results[i].ops_s;
	return 0;
}

static void target(const char *what, double num, double den, double limit,
		   int le)
{
	struct target *t = &targets[ntargets++];

	snprintf(t->what, sizeof(t->what), "%s", what);
	t->known = num > 0 && den > 0;
	t->value = t->known ? num / den : 0;
	t->limit = limit;
	t->le = le;
}

static void eval_targets(long top)
{
	const char *g = "single";
	double floor_ = med(g, "ioctl unknown cmd -> ENOTTY", -1);
	long filp = filp_objsize();

	target("state / empty ioctl (ENOTTY)", med(g, "lib state", -1), floor_,
	       1.3, 1);
	target("state / SIOCGIFFLAGS", med(g, "lib state", -1),
	       med(g, "SIOCGIFFLAGS", -1), 0.6, 1);
	target("open+close / eventfd+close", med(g, "lib open + close", -1),
	       med(g, "eventfd + close", -1), 1.3, 1);
	target("open+state+close / RTM_GETLINK",
	       med(g, "lib open + state + close", -1),
	       med(g, "RTM_GETLINK by name", -1), 0.5, 1);
	target("open+state+close / sysfs read",
	       med(g, "lib open + state + close", -1),
	       med(g, "sysfs operstate open+read+close", -1), 0.4, 1);
	{
		char w[96];

		snprintf(w, sizeof(w), "open at %ld objects / open at 1", top);
		target(w, med("scale", "lib open (close untimed)", top),
		       med("scale", "lib open (close untimed)", 1), 1.2, 1);
	}
	target("2 threads / 1, state, distinct objects",
	       tput("lib state, distinct objects", 2),
	       tput("lib state, distinct objects", 1), 1.8, 0);
	target("2 threads / 1, open+close, distinct objects",
	       tput("lib open + close, distinct objects", 2),
	       tput("lib open + close, distinct objects", 1), 1.8, 0);
	target("2 threads / 1, state, same object (shared handle)",
	       tput("lib state, same object, shared handle", 2),
	       tput("lib state, same object, shared handle", 1), 1.5, 0);
	target("2 threads / 1, open+close, same object",
	       tput("lib open + close, same object", 2),
	       tput("lib open + close, same object", 1), 1.5, 0);
	target("churn p99.9 / quiet p99.9, state",
	       p999("churn", "lib state"), p999("quiet", "lib state"), 2, 1);
	target("churn p99.9 / quiet p99.9, open",
	       p999("churn", "lib open (close untimed)"),
	       p999("quiet", "lib open (close untimed)"), 2, 1);
	if (mem_objects.count) {
		struct target *t = &targets[ntargets++];

		snprintf(t->what, sizeof(t->what),
			 "bytes per object (max of slab+vmalloc, MemFree)");
		t->value = mem_objects.slab_active + mem_objects.vmalloc_b;
		if (mem_objects.memfree_b > t->value)
			t->value = mem_objects.memfree_b;
		t->limit = 512;
		t->le = 1;
		t->known = 1;
		t = &targets[ntargets++];
		snprintf(t->what, sizeof(t->what),
			 "bytes per handle beyond struct file (%ld)", filp);
		t->value = mem_handles.slab_active + mem_handles.vmalloc_b;
		if (mem_handles.memfree_b > t->value)
			t->value = mem_handles.memfree_b;
		t->value -= filp;
		t->limit = 256;
		t->le = 1;
		t->known = filp > 0;
	}
}

static int met(const struct target *t)
{
	return t->le ? t->value <= t->limit : t->value >= t->limit;
}

static void fmt_ns(char *b, size_t n, double v)
{
	if (v >= 1e6)
		snprintf(b, n, "%.2f ms", v / 1e6);
	else if (v >= 1e4)
		snprintf(b, n, "%.1f us", v / 1e3);
	else
		snprintf(b, n, "%.0f ns", v);
}

static void ratio(char *b, size_t n, double x, double y)
{
	if (x > 0 && y > 0)
		snprintf(b, n, "%.2f", x / y);
	else
		snprintf(b, n, "-");
}

static void print_table(void)
{
	const char *peers[] = { "ioctl unknown cmd -> ENOTTY", "eventfd + close",
				"SIOCGIFFLAGS", "RTM_GETLINK by name",
				"sysfs operstate open+read+close" };
	double pm[5];
	int i, j;

	for (j = 0; j < 5; j++)
		pm[j] = med("single", peers[j], -1);

	printf("\n== one NIC (eth0, virtio-net), quiet, root; ratios of medians ==\n");
	printf("%-34s %10s %10s %11s %6s %6s %6s %6s %6s\n", "operation",
	       "median", "p99", "ops/s", "xioctl", "xevfd", "xSIOCG",
	       "xrtnl", "xsysfs");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		char a[32], b[32], rr[5][16];

		if (strcmp(r->group, "single"))
			continue;
		fmt_ns(a, sizeof(a), r->median);
		fmt_ns(b, sizeof(b), r->p99);
		for (j = 0; j < 5; j++)
			ratio(rr[j], sizeof(rr[j]), r->median, pm[j]);
		printf("%-34s %10s %10s %11.0f %6s %6s %6s %6s %6s\n", r->name,
		       a, b, r->ops_s, rr[0], rr[1], rr[2], rr[3], rr[4]);
	}

	printf("\n== scale: median (p99) by number of objects bound to dummy NICs ==\n");
	printf("%-34s", "operation");
	{
		long ns[8];
		int nn = 0;

		for (i = 0; i < nresults; i++) {
			int seen = 0;

			if (strcmp(results[i].group, "scale"))
				continue;
			for (j = 0; j < nn; j++)
				seen |= ns[j] == results[i].objects;
			if (!seen && nn < 8)
				ns[nn++] = results[i].objects;
		}
		for (j = 0; j < nn; j++) {
			char h[32];

			snprintf(h, sizeof(h), "N=%ld", ns[j]);
			printf(" %19s", h);
		}
		printf("\n");
		for (i = 0; i < nresults; i++) {
			const struct result *r = &results[i];
			int k;

			if (strcmp(r->group, "scale") || r->objects != ns[0])
				continue;
			printf("%-34s", r->name);
			for (k = 0; k < nn; k++) {
				const struct result *q = find("scale", r->name,
							      ns[k], "root");
				char a[32], b[32], c[80];

				if (!q) {
					printf(" %19s", "-");
					continue;
				}
				fmt_ns(a, sizeof(a), q->median);
				fmt_ns(b, sizeof(b), q->p99);
				snprintf(c, sizeof(c), "%s (%s)", a, b);
				printf(" %19s", c);
			}
			printf("\n");
		}
		for (j = 0; j < nn; j++) {
			const struct result *q = find("scale", "lib state",
						      ns[j], "root");

			if (q && q->dummies != q->objects)
				printf("note: N=%ld has %ld dummies: objects beyond them are unbound\n",
				       ns[j], q->dummies);
		}
	}

	printf("\n== negative lookups and access denied ==\n");
	printf("%-44s %-5s %10s %10s %11s\n", "operation", "who", "median",
	       "p99", "ops/s");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		char a[32], b[32];

		if (strcmp(r->group, "negative") && strcmp(r->group, "user"))
			continue;
		fmt_ns(a, sizeof(a), r->median);
		fmt_ns(b, sizeof(b), r->p99);
		printf("%-44s %-5s %10s %10s %11.0f\n", r->name, r->who, a, b,
		       r->ops_s);
	}

	printf("\n== threads: aggregate ops/s (2 vCPUs), best of %d rounds ==\n",
	       thr_rounds);
	printf("%-44s %12s %12s %7s %9s\n", "operation", "1 thread",
	       "2 threads", "ratio", "/ceiling");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		double one, two;
		static double ceil_;

		if (strcmp(r->group, "threads") || r->threads != 1)
			continue;
		if (ceil_ == 0 && tput("user-space loop (no syscall)", 1) > 0)
			ceil_ = tput("user-space loop (no syscall)", 2) /
				tput("user-space loop (no syscall)", 1);
		one = r->ops_s;
		two = tput(r->name, 2);
		printf("%-44s %12.0f %12.0f %7.2f %9.2f\n", r->name, one, two,
		       one > 0 ? two / one : 0,
		       one > 0 && ceil_ > 0 ? two / one / ceil_ : 0);
	}

	printf("\n== churn: quiet vs. a thread adding, upping, deleting a dummy ==\n");
	printf("%-34s %9s %9s %9s %9s | %9s %9s %9s %9s\n", "operation",
	       "q.median", "q.p99", "q.p99.9", "q.max", "c.median", "c.p99",
	       "c.p99.9", "c.max");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i], *q;
		char v[8][32];

		if (strcmp(r->group, "quiet"))
			continue;
		q = find("churn", r->name, -1, "root");
		fmt_ns(v[0], 32, r->median);
		fmt_ns(v[1], 32, r->p99);
		fmt_ns(v[2], 32, r->p999);
		fmt_ns(v[3], 32, r->max);
		fmt_ns(v[4], 32, q ? q->median : 0);
		fmt_ns(v[5], 32, q ? q->p99 : 0);
		fmt_ns(v[6], 32, q ? q->p999 : 0);
		fmt_ns(v[7], 32, q ? q->max : 0);
		printf("%-34s %9s %9s %9s %9s | %9s %9s %9s %9s\n", r->name,
		       v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	}
	printf("churn: %ld add/up/del cycles during the churn measurements\n",
	       churn_cycles);

	if (mem_objects.count) {
		const struct memres *m[3] = { &mem_objects, &mem_handles,
					      &mem_eventfds };
		static const char *what[3] = { "interface object (unbound)",
					       "open handle (fd)",
					       "eventfd (peer)" };

		printf("\n== kernel memory, bytes each: slab (active objects), vmalloc, MemFree drop ==\n");
		printf("%-28s %7s %8s %8s %8s %8s %8s %8s\n", "what", "count",
		       "slab", "vmalloc", "MemFree", "SUnrecl", "filp",
		       "dentry");
		for (i = 0; i < 3; i++)
			printf("%-28s %7ld %8.0f %8.0f %8.0f %8.0f %8.0f %8.0f\n",
			       what[i], m[i]->count, m[i]->slab_active,
			       m[i]->vmalloc_b, m[i]->memfree_b,
			       m[i]->sunreclaim_b, m[i]->filp, m[i]->dentry);
	}

	printf("\n== targets ==\n");
	if (tput("user-space loop (no syscall)", 1) > 0)
		printf("(2-thread ceiling of this VM on this host right now: a user-space loop gets %.2fx)\n",
		       tput("user-space loop (no syscall)", 2) /
		       tput("user-space loop (no syscall)", 1));
	for (i = 0; i < ntargets; i++) {
		const struct target *t = &targets[i];

		if (!t->known)
			printf("%-52s %8s   %s %-6g n/a\n", t->what, "-",
			       t->le ? "<=" : ">=", t->limit);
		else
			printf("%-52s %8.2f   %s %-6g %s\n", t->what, t->value,
			       t->le ? "<=" : ">=", t->limit,
			       met(t) ? "met" : "MISSED");
	}
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void print_json(double started, double elapsed)
{
	struct utsname u;
	int i;

	uname(&u);
	printf("%s\n{\n  \"meta\": {", JSON_BEGIN);
	printf("\"kernel\": ");
	json_str(u.release);
	printf(", \"kernel_version\": ");
	json_str(u.version);
	printf(", \"machine\": ");
	json_str(u.machine);
	printf(", \"cpus\": %ld, \"smoke\": %d, \"iterations\": %ld",
	       sysconf(_SC_NPROCESSORS_ONLN), smoke, iters);
	printf(", \"ns_per_tick\": %.6f, \"timer_overhead_ns\": %.1f",
	       ns_per_tick, timer_ns);
	printf(", \"started_uptime_s\": %.1f, \"elapsed_s\": %.1f", started,
	       elapsed);
	printf(", \"failed\": %d},\n  \"results\": [\n", failed);
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];

		printf("    {\"group\": ");
		json_str(r->group);
		printf(", \"name\": ");
		json_str(r->name);
		printf(", \"who\": ");
		json_str(r->who);
		printf(", \"objects\": %ld, \"dummies\": %ld, \"threads\": %d, \"n\": %ld, "
		       "\"median_ns\": %.1f, \"p99_ns\": %.1f, \"p999_ns\": %.1f, "
		       "\"max_ns\": %.1f, \"mean_ns\": %.1f, \"ops_per_s\": %.0f}%s\n",
		       r->objects, r->dummies, r->threads, r->n, r->median,
		       r->p99, r->p999, r->max, r->mean, r->ops_s,
		       i + 1 < nresults ? "," : "");
	}
	printf("  ],\n  \"memory\": {");
	{
		const struct memres *m[3] = { &mem_objects, &mem_handles,
					      &mem_eventfds };
		static const char *key[3] = { "object", "handle", "eventfd" };

		for (i = 0; i < 3; i++)
			printf("%s\"%s\": {\"count\": %ld, \"slab_bytes\": %.1f, \"vmalloc_bytes\": %.1f, "
			       "\"memfree_drop_bytes\": %.1f, \"sunreclaim_bytes\": %.1f, "
			       "\"filp_bytes\": %.1f, \"dentry_bytes\": %.1f}",
			       i ? ", " : "", key[i], m[i]->count,
			       m[i]->slab_active, m[i]->vmalloc_b,
			       m[i]->memfree_b, m[i]->sunreclaim_b, m[i]->filp,
			       m[i]->dentry);
		printf("},\n");
	}
	printf("  \"churn_cycles\": %ld,\n  \"thread_ceiling\": %.3f,\n  \"targets\": [\n",
	       churn_cycles,
	       tput("user-space loop (no syscall)", 1) > 0 ?
	       tput("user-space loop (no syscall)", 2) /
	       tput("user-space loop (no syscall)", 1) : 0);
	for (i = 0; i < ntargets; i++) {
		const struct target *t = &targets[i];

		printf("    {\"what\": ");
		json_str(t->what);
		printf(", \"value\": %.3f, \"limit\": %g, \"op\": \"%s\", \"met\": %s}%s\n",
		       t->value, t->limit, t->le ? "<=" : ">=",
		       !t->known ? "null" : met(t) ? "true" : "false",
		       i + 1 < ntargets ? "," : "");
	}
	printf("  ]\n}\n%s\n", JSON_END);

	/* Plot data: N, then medians in microseconds. */
	printf("%s\n# N lib_open lib_open_close lib_state open_state_close neg_open enotty eventfd siocgifflags rtm_getlink sysfs\n",
	       DAT_BEGIN);
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		long N = r->objects;
		static const char *cols[] = {
			"lib open (close untimed)", "lib open + close",
			"lib state", "lib open + state + close",
			"lib open, no such name", "ioctl unknown cmd -> ENOTTY",
			"eventfd + close", "SIOCGIFFLAGS", "RTM_GETLINK by name",
			"sysfs operstate open+read+close"
		};
		unsigned int k;

		if (strcmp(r->group, "scale") || strcmp(r->name, "lib state"))
			continue;
		printf("%ld", N);
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			const struct result *q = find("scale", cols[k], N,
						      "root");

			if (q)
				printf(" %.3f", q->median / 1e3);
			else
				printf(" NaN");
		}
		printf("\n");
	}
	printf("%s\n", DAT_END);
}

/* ---- main ---------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
	struct ctx c;
	HCLUSTER hc;
	struct utsname u;
	double started, t0;
	long mem_count;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke")) {
			smoke = 1;
		} else if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
			iters = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--max-objects") && i + 1 < argc) {
			max_objects = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			only = argv[++i];
		} else if (!strcmp(argv[i], "--max-dummies") && i + 1 < argc) {
			max_dummies = atol(argv[++i]);
		} else {
			fprintf(stderr,
				"usage: clusnet-bench [--smoke] [--iters N] [--max-objects N] [--max-dummies N]\n"
				"       [--only single|negative|threads|churn|scale|memory]\n");
			return 2;
		}
	}
	if (smoke) {
		iters = iters > 300 ? 300 : iters;
		if (max_objects > 100)
			max_objects = 100;
	}
	if (geteuid())
		die("run as root (in the test VM: bench/run)");
	setvbuf(stdout, NULL, _IOLBF, 0);
	uname(&u);
	snprintf(node, sizeof(node), "%s", u.nodename);
	started = read_uptime();
	t0 = mono_s();

	/* Dummies need no IPv6 state: less memory, faster creation. */
	{
		int fd = open("/proc/sys/net/ipv6/conf/default/disable_ipv6",
			      O_WRONLY);

		if (fd >= 0) {
			if (write(fd, "1\n", 2) != 2)
				fprintf(stderr, "clusnet-bench: cannot disable IPv6 on new devices\n");
			close(fd);
		}
	}

	pin(0);
	calibrate();
	timer_ns = 0;
	{
		struct result *r = measure("timer", "empty (timer overhead)",
					   op_empty, NULL, 20000);

		if (r)
			timer_ns = r->median;
		nresults = 0;
	}
	fprintf(stderr, "clusnet-bench: %s, %ld CPUs, %.3f ns/tick, timer %.0f ns, %ld iterations%s\n",
		u.release, sysconf(_SC_NPROCESSORS_ONLN), ns_per_tick, timer_ns,
		iters, smoke ? " (smoke)" : "");

	hc = OpenCluster(NULL);
	if (!hc)
		die("OpenCluster: error %u", GetLastError());
	ctx_init(&c, hc, clusnet_fd());
	ctx_target(&c, "node1 - eth0", "eth0");
	ctx_open(&c);
	if (create_object(c.clusfd, "bench - private", "eth0", 2000, 0600) &&
	    errno != EEXIST)
		die("creating bench - private: %s", strerror(errno));

#define SECTION(n) (!only || !strcmp(only, n))
	if (SECTION("single")) {
		fprintf(stderr, "clusnet-bench: one NIC\n");
		run_single(&c, "single", iters);
	}
	if (SECTION("negative")) {
		struct ctx priv = c;

		fprintf(stderr, "clusnet-bench: negative lookups, access\n");
		run_negative(&c, iters, smoke ? 3 : 20);
		priv.h = NULL;
		priv.hfd = -1;
		ctx_target(&priv, "bench - private", "eth0");
		measure("negative", "lib open+close, mode 0600 other owner (CAP_NET_ADMIN)",
			op_lib_open_close, &priv, iters);
		run_as_user(iters);
	}
	if (SECTION("threads")) {
		fprintf(stderr, "clusnet-bench: threads\n");
		thr_rounds = smoke ? 1 : 5;
		run_threads(&c, smoke ? 0.05 : 0.2);
		pin(0);
	}
	if (SECTION("churn")) {
		fprintf(stderr, "clusnet-bench: churn\n");
		run_churn(&c, smoke ? iters : iters * 2);
	}
	if (SECTION("scale")) {
		fprintf(stderr, "clusnet-bench: scale\n");
		pin(0);
		run_scale(&c, smoke ? iters : iters / 2);
	}
	if (SECTION("memory")) {
		fprintf(stderr, "clusnet-bench: memory\n");
		mem_count = smoke ? 100 : 10000;
		run_memory(&c, smoke ? 100 : 50000, mem_count);
	}

	eval_targets(have_objects);
	print_table();
	print_json(started, mono_s() - t0);
	ctx_fini(&c);
	CloseCluster(hc);
	fprintf(stderr, "clusnet-bench: %s after %.1f s\n",
		failed ? "FAILED" : "done", mono_s() - t0);
	return failed;
}
