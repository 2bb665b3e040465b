// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures on every entry point of /dev/clusnet and of its
 * handles and watch fds, with the kernel's fault injection
 * (/proc/thread-self/fail-nth: the n-th allocation of this thread fails,
 * slab or page allocator). For n = 1, 2, ... the call is made with the
 * n-th allocation failing until it runs without reaching n: every call
 * that had an allocation fail must fail with ENOMEM (or succeed despite
 * it, when the failing allocation was optional) and leave everything as it
 * was: the object count, the fd table, the property it was changing. The
 * debug gates scan kmemleak after the suite, so a leak on an error path
 * shows there.
 *
 * Needs CONFIG_FAULT_INJECTION (+ FAILSLAB, FAIL_PAGE_ALLOC): the clusnet
 * debug kernel has it, Debian's kernel does not (every case SKIPs there).
 * As root the test sets failslab and fail_page_alloc (debugfs) to fail
 * sleeping allocations too, of any order, silently; tools/vm/debug-gates
 * does the same before the suite for the unprivileged run.
 */
#include "common.h"

#define FN_MAX		2000	/* more fault points than any call has */
#define FN_PATH		"/proc/thread-self/fail-nth"

struct fn_env {
	int nth;		/* FN_PATH, opened once (opening allocates) */
	int dev;
	int h_eth0;		/* read handle on CN_ETH0 */
	int h_obj;		/* GENERIC_ALL handle on obj (admin) */
	int watch;		/* watch fd (with FEATURE_EVENTS) */
	__u64 features;
	bool admin;
	char obj[128];		/* own object, pinned to net[0] (admin) */
	char obj2[128];		/* created/deleted by the cases */
	char net[2][64];	/* the two names of the pinned network */
	__u64 net_id;
	unsigned int round;
	int last_fd;		/* fd a successful call returned */
};

/* Buffers the calls use: touched once, so no page fault allocates. */
static union {
	struct clusnet_cluster_info ci;
	struct clusnet_info info;
	struct clusnet_nic nic;
	struct clusnet_enum en;
	char raw[8192];
} fn_arg;
static char fn_entries[64 * 1024];
static char fn_readbuf[4096];

static int fn_arm(struct fn_env *e, unsigned int n)
{
	char b[16];
	int l = snprintf(b, sizeof(b), "%u", n);

	return pwrite(e->nth, b, l, 0) == l ? 0 : -errno;
}

/* The countdown left: 0 once the n-th allocation was made to fail. */
static int fn_left(struct fn_env *e)
{
	char b[16];
	ssize_t l = pread(e->nth, b, sizeof(b) - 1, 0);

	if (l <= 0)
		return -1;
	b[l] = '\0';
	return atoi(b);
}

static bool fn_debugfs_set(const char *dir, const char *file, const char *v)
{
	char path[128];
	int fd;
	bool ok;

	snprintf(path, sizeof(path), "/sys/kernel/debug/%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ok = write(fd, v, strlen(v)) == (ssize_t)strlen(v);
	close(fd);
	return ok;
}

/*
 * Fail any allocation (by default only those that cannot sleep, and no
 * order-0 pages, are candidates), and do not log a stack trace for each
 * (the VM's splat scan would take it for a warning).
 */
static bool fn_configure(void)
{
	return fn_debugfs_set("failslab", "ignore-gfp-wait", "N") &&
	       fn_debugfs_set("failslab", "verbose", "0") &&
	       fn_debugfs_set("fail_page_alloc", "ignore-gfp-wait", "N") &&
	       fn_debugfs_set("fail_page_alloc", "ignore-gfp-highmem", "N") &&
	       fn_debugfs_set("fail_page_alloc", "min-order", "0") &&
	       fn_debugfs_set("fail_page_alloc", "verbose", "0");
}

static int fn_object_count(struct fn_env *e)
{
	struct clusnet_cluster_info ci;
	int ret = cn_cluster_info(e->dev, 0, &ci);

	return ret < 0 ? ret : (int)ci.object_count;
}

/* The network with that id: its name into @name; 0 or -errno. */
static int fn_network_name(struct fn_env *e, __u64 id, char *name,
			   size_t size)
{
	struct clusnet_network_entry *ne = (void *)fn_entries;
	struct clusnet_enum en;
	__u32 i;
	int ret;

	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = CN_PTR(fn_entries);
	en.entry_size = sizeof(*ne);
	en.capacity = sizeof(fn_entries) / sizeof(*ne);
	ret = cn_ioctl(e->dev, CLUSNET_IOC_NETWORKS, &en);
	if (ret < 0)
		return ret;
	for (i = 0; i < en.count && i < en.capacity; i++) {
		if (ne[i].id == id || (!id && !strcmp(ne[i].name, name))) {
			if (!id)
				e->net_id = ne[i].id;
			else
				snprintf(name, size, "%s", ne[i].name);
			return 0;
		}
	}
	return -ENOENT;
}

/* ------------------------------------------------------------------ */
/* The cases: prepare (no injection), call (injected), check, undo.    */

struct fn_ops {
	const char *what;
	__u64 feature;		/* needed CLUSNET_FEATURE_*, or 0 */
	bool admin;		/* needs CAP_NET_ADMIN */
	bool allocates;		/* at least one injection must hit */
	int (*prepare)(struct fn_env *e);
	int (*call)(struct fn_env *e);
	/* After the call, before undo: 0 or -1 with @why set. */
	int (*check)(struct fn_env *e, int ret, char *why, size_t size);
	void (*undo)(struct fn_env *e, int ret);
};

static void undo_close(struct fn_env *e, int ret)
{
	close(ret);
}

static int call_open_dev(struct fn_env *e)
{
	int fd = open(CN_DEV_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int call_cluster_info(struct fn_env *e)
{
	memset(&fn_arg.ci, 0, sizeof(fn_arg.ci));
	fn_arg.ci.size = sizeof(fn_arg.ci);
	fn_arg.ci.desired_access = CLUSNET_MAXIMUM_ALLOWED;
	return cn_ioctl(e->dev, CLUSNET_IOC_CLUSTER_INFO, &fn_arg.ci);
}

static int check_cluster_info(struct fn_env *e, int ret, char *why,
			      size_t size)
{
	if (ret == 0 && strcmp(fn_arg.ci.node, CN_NODE)) {
		snprintf(why, size, "node \"%s\"", fn_arg.ci.node);
		return -1;
	}
	return 0;
}

static int call_open(struct fn_env *e)
{
	return cn_open(e->dev, CN_ETH0, CLUSNET_GENERIC_READ);
}

static int prepare_create(struct fn_env *e)
{
	cn_delete(e->dev, e->obj2);
	return 0;
}

static int call_create(struct fn_env *e)
{
	return cn_create(e->dev, e->obj2, "lo", 0, 0, 0644);
}

static int check_create(struct fn_env *e, int ret, char *why, size_t size)
{
	int h = cn_open(e->dev, e->obj2, CLUSNET_GENERIC_READ);

	if (h >= 0)
		close(h);
	if ((ret == 0) != (h >= 0)) {
		snprintf(why, size, "create returned %d, open then %s", ret,
			 h >= 0 ? "works" : strerror(-h));
		return -1;
	}
	return 0;
}

static void undo_create(struct fn_env *e, int ret)
{
	cn_delete(e->dev, e->obj2);
}

static int prepare_delete(struct fn_env *e)
{
	int ret = cn_create(e->dev, e->obj2, "lo", 0, 0, 0644);

	return ret == -EEXIST ? 0 : ret;
}

static int call_delete(struct fn_env *e)
{
	return cn_delete(e->dev, e->obj2);
}

static int check_delete(struct fn_env *e, int ret, char *why, size_t size)
{
	int h = cn_open(e->dev, e->obj2, CLUSNET_GENERIC_READ);

	if (h >= 0)
		close(h);
	if ((ret == 0) != (h == -ENOENT)) {
		snprintf(why, size, "delete returned %d, open then %s", ret,
			 h >= 0 ? "works" : strerror(-h));
		return -1;
	}
	return 0;
}

static void undo_delete(struct fn_env *e, int ret)
{
	cn_create(e->dev, e->obj2, "lo", 0, 0, 0644);
}

static __u32 fn_mode(struct fn_env *e, unsigned int round)
{
	return round % 2 ? 0640 : 0644;
}

static int prepare_chmod(struct fn_env *e)
{
	e->round++;
	return cn_chmod(e->dev, e->obj, fn_mode(e, e->round - 1));
}

static int call_chmod(struct fn_env *e)
{
	return cn_chmod(e->dev, e->obj, fn_mode(e, e->round));
}

static int check_chmod(struct fn_env *e, int ret, char *why, size_t size)
{
	__u32 want = fn_mode(e, ret == 0 ? e->round : e->round - 1);
	struct clusnet_info info;
	int h = cn_open(e->dev, e->obj, CLUSNET_GENERIC_READ);

	if (h < 0 || cn_info(h, &info)) {
		snprintf(why, size, "open/info after chmod failed");
		if (h >= 0)
			close(h);
		return -1;
	}
	close(h);
	if (info.mode != want) {
		snprintf(why, size, "chmod returned %d, mode 0%o, not 0%o",
			 ret, info.mode, want);
		return -1;
	}
	return 0;
}

static int call_autobind_get(struct fn_env *e)
{
	return cn_autobind_get(e->dev);
}

static int call_autobind_set(struct fn_env *e)
{
	/* On: as it is (the VM boots with it on), so nothing else changes. */
	return cn_autobind_set(e->dev, 1);
}

static int call_state(struct fn_env *e)
{
	return cn_ioctl(e->h_eth0, CLUSNET_HIOC_GET_STATE, NULL);
}

static int check_state(struct fn_env *e, int ret, char *why, size_t size)
{
	if (ret >= 0 && ret != CLUSNET_STATE_UP) {
		snprintf(why, size, "state %d", ret);
		return -1;
	}
	return 0;
}

static int call_info(struct fn_env *e)
{
	memset(&fn_arg.info, 0, sizeof(fn_arg.info));
	fn_arg.info.size = sizeof(fn_arg.info);
	return cn_ioctl(e->h_eth0, CLUSNET_HIOC_GET_INFO, &fn_arg.info);
}

static int check_info(struct fn_env *e, int ret, char *why, size_t size)
{
	if (ret == 0 && strcmp(fn_arg.info.name, CN_ETH0)) {
		snprintf(why, size, "name \"%s\"", fn_arg.info.name);
		return -1;
	}
	return 0;
}

static const char *fn_desc(unsigned int round)
{
	return round % 2 ? "fail-nth description one" :
			   "fail-nth description two, a little longer";
}

static int prepare_desc(struct fn_env *e)
{
	const char *d = fn_desc(++e->round - 1);

	return cn_set_desc(e->h_obj, d, strlen(d));
}

static int call_desc(struct fn_env *e)
{
	const char *d = fn_desc(e->round);

	return cn_set_desc(e->h_obj, d, strlen(d));
}

static int check_desc(struct fn_env *e, int ret, char *why, size_t size)
{
	const char *want = fn_desc(ret == 0 ? e->round : e->round - 1);
	struct clusnet_info info;

	if (cn_info(e->h_obj, &info)) {
		snprintf(why, size, "info after set description failed");
		return -1;
	}
	if (strcmp(info.description, want)) {
		snprintf(why, size, "set description returned %d: \"%s\"",
			 ret, info.description);
		return -1;
	}
	return 0;
}

static int call_nic(struct fn_env *e)
{
	memset(&fn_arg.nic, 0, sizeof(fn_arg.nic));
	fn_arg.nic.size = sizeof(fn_arg.nic);
	return cn_ioctl(e->h_eth0, CLUSNET_HIOC_GET_NIC, &fn_arg.nic);
}

static int check_nic(struct fn_env *e, int ret, char *why, size_t size)
{
	if (ret == 0 && (fn_arg.nic.ifindex <= 0 || !fn_arg.nic.naddrs)) {
		snprintf(why, size, "ifindex %d, %u addresses",
			 fn_arg.nic.ifindex, fn_arg.nic.naddrs);
		return -1;
	}
	return 0;
}

static int fn_enum(struct fn_env *e, unsigned long cmd, __u32 entry_size)
{
	memset(&fn_arg.en, 0, sizeof(fn_arg.en));
	fn_arg.en.size = sizeof(fn_arg.en);
	fn_arg.en.entries = CN_PTR(fn_entries);
	fn_arg.en.entry_size = entry_size;
	fn_arg.en.capacity = sizeof(fn_entries) / entry_size;
	return cn_ioctl(e->dev, cmd, &fn_arg.en);
}

static int call_enum(struct fn_env *e)
{
	return fn_enum(e, CLUSNET_IOC_ENUM, sizeof(struct clusnet_if_entry));
}

static int call_networks(struct fn_env *e)
{
	return fn_enum(e, CLUSNET_IOC_NETWORKS,
		       sizeof(struct clusnet_network_entry));
}

static int check_enum(struct fn_env *e, int ret, char *why, size_t size)
{
	int n = fn_object_count(e);

	/* ENUM sees every object; NETWORKS at least eth0's and eth1's. */
	if (ret == 0 && (fn_arg.en.count == 0 ||
			 fn_arg.en.count > fn_arg.en.capacity ||
			 (fn_arg.en.entry_size ==
			  sizeof(struct clusnet_if_entry) &&
			  (int)fn_arg.en.count != n))) {
		snprintf(why, size, "count %u (%d objects)", fn_arg.en.count,
			 n);
		return -1;
	}
	return 0;
}

static int prepare_rename(struct fn_env *e)
{
	struct clusnet_network_rename nr;
	const char *name = e->net[++e->round % 2];

	memset(&nr, 0, sizeof(nr));
	nr.size = sizeof(nr);
	nr.id = e->net_id;
	nr.name = CN_PTR(name);
	nr.name_len = strlen(name);
	return cn_ioctl(e->dev, CLUSNET_IOC_NETWORK_RENAME, &nr);
}

static int call_rename(struct fn_env *e)
{
	struct clusnet_network_rename nr;
	const char *name = e->net[(e->round + 1) % 2];

	memset(&nr, 0, sizeof(nr));
	nr.size = sizeof(nr);
	nr.id = e->net_id;
	nr.name = CN_PTR(name);
	nr.name_len = strlen(name);
	return cn_ioctl(e->dev, CLUSNET_IOC_NETWORK_RENAME, &nr);
}

static int check_rename(struct fn_env *e, int ret, char *why, size_t size)
{
	const char *want = e->net[(e->round + (ret == 0)) % 2];
	char name[CLUSNET_NAME_MAX + 1] = "";

	if (fn_network_name(e, e->net_id, name, sizeof(name))) {
		snprintf(why, size, "network %llu gone after rename",
			 (unsigned long long)e->net_id);
		return -1;
	}
	if (strcmp(name, want)) {
		snprintf(why, size, "rename returned %d: name \"%s\"", ret,
			 name);
		return -1;
	}
	return 0;
}

static int call_watch(struct fn_env *e)
{
	struct clusnet_watch w = { .size = sizeof(w), .flags = O_CLOEXEC };

	return cn_ioctl(e->dev, CLUSNET_IOC_WATCH, &w);
}

static int call_forward(struct fn_env *e)
{
	return cn_forward(e->dev, O_CLOEXEC, 0);
}

/* One PROPERTY event pending on h_obj (and on the watch fd). */
static int prepare_event(struct fn_env *e)
{
	struct pollfd p = { .fd = e->h_obj, .events = POLLIN };
	const char *d = fn_desc(++e->round);

	while (read(e->h_obj, fn_readbuf, sizeof(fn_readbuf)) > 0)
		;
	while (read(e->watch, fn_readbuf, sizeof(fn_readbuf)) > 0)
		;
	if (cn_set_desc(e->h_obj, d, strlen(d)))
		return -EIO;
	return poll(&p, 1, 0) == 1 ? 0 : -EAGAIN;
}

static int call_read_handle(struct fn_env *e)
{
	ssize_t n = read(e->h_obj, fn_readbuf, sizeof(fn_readbuf));

	return n < 0 ? -errno : (int)n;
}

static int call_read_watch(struct fn_env *e)
{
	ssize_t n = read(e->watch, fn_readbuf, sizeof(fn_readbuf));

	return n < 0 ? -errno : (int)n;
}

/* A failed read loses nothing: the record is still there. */
static int check_read(struct fn_env *e, int fd, size_t rec, int ret,
		      char *why, size_t size)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (ret >= 0 && (ret == 0 || ret % rec)) {
		snprintf(why, size, "read returned %d", ret);
		return -1;
	}
	if (ret < 0 && poll(&p, 1, 0) != 1) {
		snprintf(why, size, "read failed (%s) and lost the record",
			 strerror(-ret));
		return -1;
	}
	return 0;
}

static int check_read_handle(struct fn_env *e, int ret, char *why,
			     size_t size)
{
	return check_read(e, e->h_obj, sizeof(struct clusnet_event), ret, why,
			  size);
}

static int check_read_watch(struct fn_env *e, int ret, char *why,
			    size_t size)
{
	return check_read(e, e->watch, sizeof(struct clusnet_cluster_event),
			  ret, why, size);
}

/* ------------------------------------------------------------------ */
/* The driver                                                          */

struct fn_result {
	unsigned int points;	/* fault points the call has */
	unsigned int enomem;	/* injections that made it fail */
	unsigned int survived;	/* injections it succeeded despite */
	unsigned int n;		/* the last n tried */
	char why[512];
};

static int fn_loop(struct fn_env *e, const struct fn_ops *o,
		   struct fn_result *r)
{
	unsigned int n;
	int ret, left, count, fds;

	memset(r, 0, sizeof(*r));
	for (n = 1; n <= FN_MAX; n++) {
		r->n = n;
		if (o->prepare) {
			ret = o->prepare(e);
			if (ret) {
				snprintf(r->why, sizeof(r->why),
					 "n=%u: prepare: %s", n,
					 strerror(-ret));
				return -1;
			}
		}
		count = fn_object_count(e);
		fds = cn_fd_count();
		if (fn_arm(e, n)) {
			snprintf(r->why, sizeof(r->why), "arming %s: %m",
				 FN_PATH);
			return -1;
		}
		ret = o->call(e);
		left = fn_left(e);
		fn_arm(e, 0);

		if (ret < 0 && (left != 0 || ret != -ENOMEM)) {
			snprintf(r->why, sizeof(r->why),
				 "n=%u: %s (%s)", n, strerror(-ret),
				 left ? "no allocation failed" :
					"the n-th allocation failed");
			return -1;
		}
		if (o->check && o->check(e, ret, r->why, sizeof(r->why)))
			return -1;
		if (ret >= 0 && o->undo)
			o->undo(e, ret);
		if (fn_object_count(e) != count || cn_fd_count() != fds) {
			snprintf(r->why, sizeof(r->why),
				 "n=%u (returned %d): objects %d -> %d, fds %d -> %d",
				 n, ret, count, fn_object_count(e), fds,
				 cn_fd_count());
			return -1;
		}
		if (left != 0) {
			r->points = n - 1;
			return 0;
		}
		if (ret < 0)
			r->enomem++;
		else
			r->survived++;
	}
	snprintf(r->why, sizeof(r->why), "still failing after %d faults",
		 FN_MAX);
	return -1;
}

FIXTURE(failnth) {
	struct fn_env e;
};

FIXTURE_SETUP(failnth)
{
	struct fn_env *e = &self->e;
	struct clusnet_cluster_info ci;
	char name[CLUSNET_NAME_MAX + 1];
	__u64 id;
	int ret;

	memset(e, 0, sizeof(*e));
	e->nth = e->dev = e->h_eth0 = e->h_obj = e->watch = -1;
	if (access(FN_PATH, F_OK))
		return;
	/* The root run configures; the unprivileged one cannot. */
	if (geteuid() == 0)
		ASSERT_TRUE(fn_configure())
			TH_LOG("cannot configure failslab/fail_page_alloc in debugfs");
	memset(&fn_arg, 0, sizeof(fn_arg));
	memset(fn_entries, 0, sizeof(fn_entries));
	memset(fn_readbuf, 0, sizeof(fn_readbuf));
	e->nth = open(FN_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, e->nth);
	e->dev = cn_dev();
	ASSERT_LE(0, e->dev);
	ASSERT_EQ(0, cn_cluster_info(e->dev, 0, &ci));
	e->features = ci.features;
	e->h_eth0 = cn_open(e->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, e->h_eth0);
	e->admin = cn_is_admin();
	if (e->admin) {
		cn_name(e->obj, sizeof(e->obj), "failnth");
		cn_name(e->obj2, sizeof(e->obj2), "failnth2");
		snprintf(e->net[0], sizeof(e->net[0]), "fail-nth net %d",
			 (int)getpid());
		snprintf(e->net[1], sizeof(e->net[1]), "fail-nth net %d b",
			 (int)getpid());
		ret = cn_create_ex(e->dev, e->obj, NULL,
				   e->features & CLUSNET_FEATURE_NETWORKS ?
				   e->net[0] : NULL, "lo", 0, 0, 0644, &id);
		ASSERT_EQ(0, ret) TH_LOG("%s", strerror(-ret));
		e->h_obj = cn_open(e->dev, e->obj, CLUSNET_GENERIC_ALL);
		ASSERT_LE(0, e->h_obj);
		ASSERT_EQ(0, fcntl(e->h_obj, F_SETFL, O_NONBLOCK));
		if (e->features & CLUSNET_FEATURE_NETWORKS) {
			snprintf(name, sizeof(name), "%s", e->net[0]);
			ASSERT_EQ(0, fn_network_name(e, 0, name, sizeof(name)));
			/* rounds alternate from net[1] to net[0] */
			e->round = 1;
		}
	}
	if (e->features & CLUSNET_FEATURE_EVENTS) {
		e->watch = call_watch(e);
		ASSERT_LE(0, e->watch);
		ASSERT_EQ(0, fcntl(e->watch, F_SETFL, O_NONBLOCK));
	}
}

FIXTURE_TEARDOWN(failnth)
{
	struct fn_env *e = &self->e;

	if (e->nth >= 0)
		fn_arm(e, 0);
	if (e->watch >= 0)
		close(e->watch);
	if (e->h_obj >= 0)
		close(e->h_obj);
	if (e->h_eth0 >= 0)
		close(e->h_eth0);
	if (e->dev >= 0) {
		if (e->admin) {
			cn_delete(e->dev, e->obj);
			cn_delete(e->dev, e->obj2);
		}
		close(e->dev);
	}
	if (e->nth >= 0)
		close(e->nth);
}

static void fn_run(struct __test_metadata *_metadata, struct fn_env *e,
		   const struct fn_ops *o)
{
	struct fn_result r;

	if (e->nth < 0)
		SKIP(return, "no %s (kernel without CONFIG_FAULT_INJECTION)",
		     FN_PATH);
	if (o->admin && !e->admin)
		SKIP(return, "needs root with all capabilities");
	if (o->feature && !(e->features & o->feature))
		SKIP(return, "module without feature 0x%llx",
		     (unsigned long long)o->feature);
	ASSERT_EQ(0, fn_loop(e, o, &r)) TH_LOG("%s, n=%u: %s", o->what, r.n,
						 r.why);
	TH_LOG("%s: %u fault points; %u failed with ENOMEM, %u succeeded anyway",
	       o->what, r.points, r.enomem, r.survived);
	if (o->allocates) {
		EXPECT_LT(0U, r.enomem + r.survived)
			TH_LOG("%s: no allocation was made to fail", o->what);
	}
}

#define FN_CASE(tname, ...) \
TEST_F_TIMEOUT(failnth, tname, 120) \
{ \
	static const struct fn_ops ops = { .what = #tname, __VA_ARGS__ }; \
	fn_run(_metadata, &self->e, &ops); \
}

FN_CASE(open_dev, .allocates = true, .call = call_open_dev,
	.undo = undo_close)
FN_CASE(cluster_info, .call = call_cluster_info,
	.check = check_cluster_info)
FN_CASE(open, .allocates = true, .call = call_open, .undo = undo_close)
FN_CASE(create, .admin = true, .allocates = true, .prepare = prepare_create,
	.call = call_create, .check = check_create, .undo = undo_create)
FN_CASE(delete, .admin = true, .prepare = prepare_delete,
	.call = call_delete, .check = check_delete, .undo = undo_delete)
FN_CASE(set_security, .admin = true, .prepare = prepare_chmod,
	.call = call_chmod, .check = check_chmod)
FN_CASE(autobind_get, .call = call_autobind_get)
FN_CASE(autobind_set, .admin = true, .call = call_autobind_set)
FN_CASE(get_state, .call = call_state, .check = check_state)
FN_CASE(get_info, .allocates = true, .call = call_info, .check = check_info)
FN_CASE(set_description, .admin = true, .allocates = true,
	.prepare = prepare_desc, .call = call_desc, .check = check_desc)
FN_CASE(enum, .feature = CLUSNET_FEATURE_ENUM, .call = call_enum,
	.check = check_enum)
FN_CASE(networks, .feature = CLUSNET_FEATURE_NETWORKS, .call = call_networks,
	.check = check_enum)
FN_CASE(network_rename, .admin = true, .feature = CLUSNET_FEATURE_NETWORKS,
	.prepare = prepare_rename, .call = call_rename, .check = check_rename)
FN_CASE(watch, .feature = CLUSNET_FEATURE_EVENTS, .allocates = true,
	.call = call_watch, .undo = undo_close)
FN_CASE(forward, .admin = true, .feature = CLUSNET_FEATURE_FORWARD,
	.allocates = true, .call = call_forward, .undo = undo_close)
FN_CASE(get_nic, .feature = CLUSNET_FEATURE_NIC, .call = call_nic,
	.check = check_nic)
FN_CASE(read_handle_events, .admin = true, .feature = CLUSNET_FEATURE_EVENTS,
	.prepare = prepare_event, .call = call_read_handle,
	.check = check_read_handle)
FN_CASE(read_watch_events, .admin = true, .feature = CLUSNET_FEATURE_EVENTS,
	.prepare = prepare_event, .call = call_read_watch,
	.check = check_read_watch)

TEST_HARNESS_MAIN
