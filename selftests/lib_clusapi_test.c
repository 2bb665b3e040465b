// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet: the ClusAPI network interface functions against /dev/clusnet.
 *
 * Runs in the test VM (node "node1", objects "node1 - eth0" (virtio-net)
 * and "node1 - eth1" (e1000), uid 0, mode 0644, both UP), as root and as an
 * unprivileged user: expectations branch on CAP_NET_ADMIN (full access to
 * the cluster) and on euid 0 (owner of the objects, so full access to them).
 * Without /dev/clusnet everything but the "no module" check is skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/clusnet.h>

#include "clusapi.h"
#include "kselftest_harness.h"

#define ETH0 u"node1 - eth0"
#define ETH1 u"node1 - eth1"

static int have_dev(void)
{
	return access("/dev/clusnet", F_OK) == 0;
}

#define NEED_DEV() do { \
	if (!have_dev()) \
		SKIP(return, "/dev/clusnet missing (clusnet not loaded)"); \
} while (0)

/* CAP_NET_ADMIN (bit 12) in the effective set: full access to the cluster */
static int cap_net_admin(void)
{
	char line[256];
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return geteuid() == 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return !!(eff & (1ULL << 12));
}

/* Full access to the autobound objects (owner uid 0, mode 0644)? */
static int obj_full(void)
{
	return cap_net_admin() || geteuid() == 0;
}

/* The fd the next open will get (tests are single-threaded here). */
static int next_fd(void)
{
	int fd = dup(0);

	close(fd);
	return fd;
}

/* "clusnet_access:" of a handle fd from fdinfo, or 0 */
static DWORD fdinfo_access(int fd)
{
	char path[64], line[256];
	unsigned int acc = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "clusnet_access: %x", &acc) == 1)
			break;
	fclose(f);
	return acc;
}

/* A cluster handle anyone can get. */
static HCLUSTER open_cluster_any(void)
{
	DWORD granted = 0;
	HCLUSTER h = OpenClusterEx(NULL, MAXIMUM_ALLOWED, &granted);

	if (h && granted != (cap_net_admin() ? GENERIC_ALL : GENERIC_READ))
		fprintf(stderr, "# unexpected cluster granted 0x%08x\n", granted);
	return h;
}

static CLUSTER_NETINTERFACE_STATE wait_state(HNETINTERFACE h,
					     CLUSTER_NETINTERFACE_STATE want)
{
	CLUSTER_NETINTERFACE_STATE s = GetClusterNetInterfaceState(h);
	int i;

	for (i = 0; i < 50 && s != want; i++) {
		usleep(100000);
		s = GetClusterNetInterfaceState(h);
	}
	return s;
}

/* ---- no module ---------------------------------------------------------- */

TEST(no_module_server_unavailable)
{
	if (have_dev())
		SKIP(return, "/dev/clusnet exists");
	SetLastError(0);
	ASSERT_EQ(NULL, OpenCluster(NULL));
	ASSERT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
	ASSERT_EQ(NULL, OpenClusterEx(NULL, GENERIC_READ, NULL));
	ASSERT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

/* ---- OpenCluster ---------------------------------------------------------- */

static void check_open_cluster(struct __test_metadata *_metadata,
			       LPCWSTR name, int local)
{
	HCLUSTER h;

	SetLastError(0xdeadbeef);
	h = OpenCluster(name);
	if (!local) {
		ASSERT_EQ(NULL, h);
		ASSERT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
	} else if (cap_net_admin()) {
		ASSERT_NE(NULL, h);
		ASSERT_EQ(0xdeadbeef, GetLastError());	/* untouched */
		ASSERT_TRUE(CloseCluster(h));
	} else {
		/* OpenCluster asks for GENERIC_ALL */
		ASSERT_EQ(NULL, h);
		ASSERT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	}
}

TEST(open_cluster_null)
{
	NEED_DEV();
	check_open_cluster(_metadata, NULL, 1);
}

TEST(open_cluster_node_name)
{
	NEED_DEV();
	check_open_cluster(_metadata, u"node1", 1);
	check_open_cluster(_metadata, u"NODE1", 1);
	check_open_cluster(_metadata, u"NoDe1", 1);
}

TEST(open_cluster_other_names)
{
	const WCHAR lone[] = { 'n', 'o', 'd', 'e', 0xD800, 0 };

	NEED_DEV();
	check_open_cluster(_metadata, u"other", 0);
	check_open_cluster(_metadata, u"node", 0);
	check_open_cluster(_metadata, u"node1 ", 0);
	check_open_cluster(_metadata, u"node12", 0);
	check_open_cluster(_metadata, u"", 0);
	check_open_cluster(_metadata, lone, 0);
	/* the name is checked before the access */
	SetLastError(0);
	ASSERT_EQ(NULL, OpenClusterEx(u"other", 0, NULL));
	ASSERT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

struct access_row {
	DWORD desired;
	DWORD err;		/* expected error for everyone, or 0 */
	DWORD full;		/* granted with full access */
	DWORD ro;		/* granted with read access; 0: ERROR_ACCESS_DENIED */
};

static const struct access_row access_rows[] = {
	{ GENERIC_READ, 0, GENERIC_READ, GENERIC_READ },
	{ GENERIC_ALL, 0, GENERIC_ALL, 0 },
	{ GENERIC_WRITE, 0, GENERIC_ALL, 0 },
	{ GENERIC_EXECUTE, 0, GENERIC_ALL, 0 },
	{ MAXIMUM_ALLOWED, 0, GENERIC_ALL, GENERIC_READ },
	{ GENERIC_READ | GENERIC_ALL, 0, GENERIC_ALL, 0 },
	{ MAXIMUM_ALLOWED | GENERIC_READ, 0, GENERIC_ALL, GENERIC_READ },
	{ MAXIMUM_ALLOWED | GENERIC_ALL, 0, GENERIC_ALL, 0 },
	{ 0, ERROR_INVALID_PARAMETER, 0, 0 },
	{ 0x1, ERROR_INVALID_PARAMETER, 0, 0 },	/* CLUSAPI_READ_ACCESS */
	{ 0x2, ERROR_INVALID_PARAMETER, 0, 0 },
	{ 0x00010000, ERROR_INVALID_PARAMETER, 0, 0 },	/* DELETE */
	{ GENERIC_READ | 0x1, ERROR_INVALID_PARAMETER, 0, 0 },
};

#define NROWS (sizeof(access_rows) / sizeof(access_rows[0]))

/* Check one open result against a row; closes nothing. */
static void check_row(struct __test_metadata *_metadata,
		      const struct access_row *r, int full, void *h,
		      DWORD granted, DWORD err)
{
	DWORD want = full ? r->full : r->ro;

#define ROW_LOG TH_LOG("desired 0x%08x full %d -> %p granted 0x%08x error %u", \
		       r->desired, full, h, granted, err)
	if (r->err) {
		ASSERT_EQ(NULL, h) ROW_LOG;
		ASSERT_EQ(r->err, err) ROW_LOG;
	} else if (!want) {
		ASSERT_EQ(NULL, h) ROW_LOG;
		ASSERT_EQ(ERROR_ACCESS_DENIED, err) ROW_LOG;
	} else {
		ASSERT_NE(NULL, h) ROW_LOG;
		ASSERT_EQ(want, granted) ROW_LOG;
		ASSERT_EQ(0x5eedU, err) ROW_LOG;	/* untouched on success */
	}
#undef ROW_LOG
}

TEST(open_cluster_ex_access)
{
	size_t i;

	NEED_DEV();
	for (i = 0; i < NROWS; i++) {
		const struct access_row *r = &access_rows[i];
		DWORD granted = 0xffffffff;
		HCLUSTER h;

		SetLastError(0x5eedU);
		h = OpenClusterEx(NULL, r->desired, &granted);
		check_row(_metadata, r, cap_net_admin(), h, granted,
			  GetLastError());
		if (h)
			ASSERT_TRUE(CloseCluster(h));

		/* the same through the node's name */
		SetLastError(0x5eedU);
		granted = 0xffffffff;
		h = OpenClusterEx(u"NODE1", r->desired, &granted);
		check_row(_metadata, r, cap_net_admin(), h, granted,
			  GetLastError());
		if (h)
			ASSERT_TRUE(CloseCluster(h));

		/* NULL GrantedAccess is allowed */
		SetLastError(0x5eedU);
		h = OpenClusterEx(NULL, r->desired, NULL);
		ASSERT_EQ(!r->err && (cap_net_admin() ? r->full : r->ro), !!h);
		if (h)
			ASSERT_TRUE(CloseCluster(h));
	}
}

TEST(cluster_fd_cloexec)
{
	HCLUSTER h;
	int fd;

	NEED_DEV();
	fd = next_fd();
	h = open_cluster_any();
	ASSERT_NE(NULL, h);
	ASSERT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ASSERT_EQ(O_RDWR, fcntl(fd, F_GETFL) & O_ACCMODE);
	ASSERT_TRUE(CloseCluster(h));
	ASSERT_EQ(-1, fcntl(fd, F_GETFD));	/* closed */
}

/* ---- OpenClusterNetInterfaceEx -------------------------------------------- */

FIXTURE(netif)
{
	HCLUSTER hc;
};

FIXTURE_SETUP(netif)
{
	self->hc = NULL;
	/* (6.1's harness runs the body after a SKIP here: bodies check) */
	if (!have_dev())
		return;
	self->hc = open_cluster_any();
	ASSERT_NE(NULL, self->hc);
}

FIXTURE_TEARDOWN(netif)
{
	if (self->hc)
		EXPECT_TRUE(CloseCluster(self->hc));
}

TEST_F(netif, access_rows)
{
	size_t i;

	NEED_DEV();
	for (i = 0; i < NROWS; i++) {
		const struct access_row *r = &access_rows[i];
		DWORD granted = 0xffffffff;
		HNETINTERFACE h;
		int fd = next_fd();

		SetLastError(0x5eedU);
		h = OpenClusterNetInterfaceEx(self->hc, ETH0, r->desired,
					      &granted);
		check_row(_metadata, r, obj_full(), h, granted, GetLastError());
		if (!h)
			continue;
		/* the kernel handle has the same access, and O_CLOEXEC */
		ASSERT_EQ(granted, fdinfo_access(fd));
		ASSERT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
		ASSERT_EQ(ClusterNetInterfaceUp,
			  wait_state(h, ClusterNetInterfaceUp));
		ASSERT_TRUE(CloseClusterNetInterface(h));
		ASSERT_EQ(-1, fcntl(fd, F_GETFD));

		/* NULL lpdwGrantedAccess */
		h = OpenClusterNetInterfaceEx(self->hc, ETH1, r->desired, NULL);
		ASSERT_NE(NULL, h);
		ASSERT_TRUE(CloseClusterNetInterface(h));
	}
}

TEST_F(netif, non_ex_asks_generic_all)
{
	HNETINTERFACE h;
	int fd = next_fd();

	NEED_DEV();
	SetLastError(0x5eedU);
	h = OpenClusterNetInterface(self->hc, ETH0);
	if (!obj_full()) {
		ASSERT_EQ(NULL, h);
		ASSERT_EQ(ERROR_ACCESS_DENIED, GetLastError());
		return;
	}
	ASSERT_NE(NULL, h);
	ASSERT_EQ(0x5eedU, GetLastError());
	ASSERT_EQ(GENERIC_ALL, fdinfo_access(fd));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

TEST_F(netif, read_only_cluster_handle_still_opens)
{
	/* the object's own security decides, not the cluster handle's */
	DWORD granted = 0;
	HNETINTERFACE h;
	HCLUSTER hr;

	NEED_DEV();
	hr = OpenClusterEx(NULL, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hr);
	h = OpenClusterNetInterfaceEx(hr, ETH1, MAXIMUM_ALLOWED, &granted);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(obj_full() ? GENERIC_ALL : GENERIC_READ, granted);
	ASSERT_TRUE(CloseClusterNetInterface(h));
	ASSERT_TRUE(CloseCluster(hr));
}

TEST_F(netif, state_up_both_nics)
{
	HNETINTERFACE h0, h1;

	NEED_DEV();
	h0 = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	h1 = OpenClusterNetInterfaceEx(self->hc, ETH1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h0);
	ASSERT_NE(NULL, h1);
	SetLastError(0x5eedU);
	EXPECT_EQ(ClusterNetInterfaceUp, wait_state(h0, ClusterNetInterfaceUp));
	EXPECT_EQ(ClusterNetInterfaceUp, wait_state(h1, ClusterNetInterfaceUp));
	EXPECT_EQ(0x5eedU, GetLastError());
	ASSERT_TRUE(CloseClusterNetInterface(h0));
	ASSERT_TRUE(CloseClusterNetInterface(h1));
}

TEST_F(netif, case_insensitive_name)
{
	static const LPCWSTR names[] = {
		u"NODE1 - ETH0", u"Node1 - Eth0", u"node1 - ETH1", u"nOdE1 - eTh1",
	};
	size_t i;

	NEED_DEV();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		HNETINTERFACE h = OpenClusterNetInterfaceEx(self->hc, names[i],
							    GENERIC_READ, NULL);

		ASSERT_NE(NULL, h);
		ASSERT_EQ(ClusterNetInterfaceUp,
			  wait_state(h, ClusterNetInterfaceUp));
		ASSERT_TRUE(CloseClusterNetInterface(h));
	}
}

static void expect_open_fails(struct __test_metadata *_metadata, HCLUSTER hc,
			      LPCWSTR name, DWORD desired, DWORD err)
{
	DWORD granted = 0x1234;

	SetLastError(0);
	ASSERT_EQ(NULL, OpenClusterNetInterfaceEx(hc, name, desired, &granted));
	ASSERT_EQ(err, GetLastError());
}

TEST_F(netif, not_found)
{
	NEED_DEV();
	expect_open_fails(_metadata, self->hc, u"node1 - eth9", GENERIC_READ,
			  ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
	expect_open_fails(_metadata, self->hc, u"node1 - eth0 ", MAXIMUM_ALLOWED,
			  ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
	expect_open_fails(_metadata, self->hc, u"eth0", GENERIC_ALL,
			  ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
	/* an empty name names nothing */
	expect_open_fails(_metadata, self->hc, u"", GENERIC_READ,
			  ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
	/* the access mask is checked first */
	expect_open_fails(_metadata, self->hc, u"node1 - eth9", 0,
			  ERROR_INVALID_PARAMETER);
	expect_open_fails(_metadata, self->hc, u"", 0x1,
			  ERROR_INVALID_PARAMETER);
	SetLastError(0);
	ASSERT_EQ(NULL, OpenClusterNetInterface(self->hc, u"nope"));
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, GetLastError());
}

TEST_F(netif, bad_names)
{
	const WCHAR lone_high[] = u"node1 - eth0\xD800";
	const WCHAR lone_low[] = u"\xDC00node1 - eth0";
	const WCHAR reversed[] = u"node1 - \xDE00\xD83D";
	WCHAR name[400];
	size_t i;

	NEED_DEV();
	expect_open_fails(_metadata, self->hc, NULL, GENERIC_READ,
			  ERROR_INVALID_PARAMETER);
	SetLastError(0);
	ASSERT_EQ(NULL, OpenClusterNetInterface(self->hc, NULL));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	expect_open_fails(_metadata, self->hc, lone_high, GENERIC_READ,
			  ERROR_INVALID_PARAMETER);
	expect_open_fails(_metadata, self->hc, lone_low, GENERIC_READ,
			  ERROR_INVALID_PARAMETER);
	expect_open_fails(_metadata, self->hc, reversed, GENERIC_READ,
			  ERROR_INVALID_PARAMETER);

	/* 255 bytes: a legal name that does not exist */
	for (i = 0; i < 255; i++)
		name[i] = 'a';
	name[255] = 0;
	expect_open_fails(_metadata, self->hc, name, GENERIC_READ,
			  ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
	/* 256 bytes: too long */
	name[255] = 'a';
	name[256] = 0;
	expect_open_fails(_metadata, self->hc, name, GENERIC_READ,
			  ERROR_INVALID_PARAMETER);
	/* 100 UTF-16 units, but 300 UTF-8 bytes */
	for (i = 0; i < 100; i++)
		name[i] = 0x20AC;
	name[100] = 0;
	expect_open_fails(_metadata, self->hc, name, GENERIC_READ,
			  ERROR_INVALID_PARAMETER);
	/* 85 x U+20AC = 255 bytes: legal, not found */
	name[85] = 0;
	expect_open_fails(_metadata, self->hc, name, GENERIC_READ,
			  ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
}

TEST_F(netif, bad_handles)
{
	/* looks like a handle, but has no magic: also what a closed one has */
	struct { uint32_t w[8]; } fake;
	HNETINTERFACE hi;

	NEED_DEV();
	memset(&fake, 0, sizeof(fake));
	fake.w[1] = 0;	/* "fd 0" */

	/* OpenClusterNetInterface(Ex) */
	expect_open_fails(_metadata, NULL, ETH0, GENERIC_READ,
			  ERROR_INVALID_HANDLE);
	expect_open_fails(_metadata, (HCLUSTER)&fake, ETH0, GENERIC_READ,
			  ERROR_INVALID_HANDLE);
	SetLastError(0);
	ASSERT_EQ(NULL, OpenClusterNetInterface(NULL, ETH0));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	hi = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hi);
	/* a handle of the wrong kind */
	expect_open_fails(_metadata, (HCLUSTER)hi, ETH0, GENERIC_READ,
			  ERROR_INVALID_HANDLE);
	SetLastError(0);
	ASSERT_FALSE(CloseCluster((HCLUSTER)hi));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_FALSE(CloseClusterNetInterface((HNETINTERFACE)self->hc));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_EQ(ClusterNetInterfaceStateUnknown,
		  GetClusterNetInterfaceState((HNETINTERFACE)self->hc));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	/* both still work after being refused */
	ASSERT_EQ(ClusterNetInterfaceUp, wait_state(hi, ClusterNetInterfaceUp));
	ASSERT_TRUE(CloseClusterNetInterface(hi));
	hi = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hi);
	ASSERT_TRUE(CloseClusterNetInterface(hi));

	/* NULL and fake ones everywhere */
	SetLastError(0);
	ASSERT_FALSE(CloseCluster(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_FALSE(CloseCluster((HCLUSTER)&fake));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_FALSE(CloseClusterNetInterface(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_FALSE(CloseClusterNetInterface((HNETINTERFACE)&fake));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_EQ(ClusterNetInterfaceStateUnknown,
		  GetClusterNetInterfaceState(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	SetLastError(0);
	ASSERT_EQ(ClusterNetInterfaceStateUnknown,
		  GetClusterNetInterfaceState((HNETINTERFACE)&fake));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	/* fd 0 was not touched */
	ASSERT_NE(-1, fcntl(0, F_GETFD));
}

TEST_F(netif, outlives_cluster_handle)
{
	HNETINTERFACE h;

	NEED_DEV();
	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	ASSERT_TRUE(CloseCluster(self->hc));
	self->hc = NULL;
	ASSERT_EQ(ClusterNetInterfaceUp, wait_state(h, ClusterNetInterfaceUp));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

/*
 * A deleted object: the state call fails with
 * ERROR_CLUSTER_NETINTERFACE_NOT_FOUND. Needs CAP_NET_ADMIN for the raw
 * create/delete ioctls.
 */
TEST_F(netif, deleted_object)
{
	static const char name[] = "libclusnet test object";
	struct clusnet_create cr;
	struct clusnet_delete del;
	HNETINTERFACE h;
	int dev;

	NEED_DEV();
	if (!cap_net_admin())
		SKIP(return, "needs CAP_NET_ADMIN");
	dev = open("/dev/clusnet", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.name = (uintptr_t)name;
	cr.name_len = strlen(name);
	cr.uid = (__u32)-1;
	cr.gid = (__u32)-1;
	cr.mode = 0644;
	strcpy(cr.ifname, "clusnetlt0");	/* no such NIC */
	ASSERT_EQ(0, ioctl(dev, CLUSNET_IOC_CREATE, &cr));

	h = OpenClusterNetInterfaceEx(self->hc, u"LIBCLUSNET test object",
				      GENERIC_ALL, NULL);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ClusterNetInterfaceUnavailable, GetClusterNetInterfaceState(h));

	memset(&del, 0, sizeof(del));
	del.size = sizeof(del);
	del.name = (uintptr_t)name;
	del.name_len = strlen(name);
	ASSERT_EQ(0, ioctl(dev, CLUSNET_IOC_DELETE, &del));

	SetLastError(0);
	ASSERT_EQ(ClusterNetInterfaceStateUnknown, GetClusterNetInterfaceState(h));
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, GetLastError());
	ASSERT_TRUE(CloseClusterNetInterface(h));
	expect_open_fails(_metadata, self->hc, u"libclusnet test object",
			  GENERIC_READ, ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
	close(dev);
}

/* ---- threads ---------------------------------------------------------------- */

#define NTHREADS 8
#define NITER 200

struct thread_arg {
	HCLUSTER hc;
	int idx;
	int failures;
	char why[128];
};

static void *thread_fn(void *p)
{
	struct thread_arg *a = p;
	LPCWSTR name = a->idx & 1 ? u"NODE1 - ETH1" : ETH0;
	int i;

	for (i = 0; i < NITER && !a->failures; i++) {
		DWORD mark = 0x10000u * (DWORD)(a->idx + 1) + (DWORD)i;
		DWORD granted = 0, want;
		HNETINTERFACE h;
		CLUSTER_NETINTERFACE_STATE s;

		SetLastError(mark);
		h = OpenClusterNetInterfaceEx(a->hc, name, GENERIC_READ,
					      &granted);
		s = h ? GetClusterNetInterfaceState(h) : ClusterNetInterfaceStateUnknown;
		if (!h || granted != GENERIC_READ || s != ClusterNetInterfaceUp ||
		    GetLastError() != mark || !CloseClusterNetInterface(h)) {
			snprintf(a->why, sizeof(a->why),
				 "iter %d: h %p granted 0x%x state %d err %u",
				 i, (void *)h, granted, s, GetLastError());
			a->failures++;
			break;
		}
		/* a failure of this thread's own kind */
		switch (a->idx % 3) {
		case 0:
			h = OpenClusterNetInterfaceEx(a->hc, u"nope", GENERIC_READ, NULL);
			want = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
			break;
		case 1:
			h = OpenClusterNetInterfaceEx(a->hc, name, 0, NULL);
			want = ERROR_INVALID_PARAMETER;
			break;
		default:
			h = OpenClusterNetInterfaceEx(NULL, name, GENERIC_READ, NULL);
			want = ERROR_INVALID_HANDLE;
			break;
		}
		sched_yield();
		if (h || GetLastError() != want) {
			snprintf(a->why, sizeof(a->why),
				 "iter %d: expected error %u, got %u (h %p)",
				 i, want, GetLastError(), (void *)h);
			a->failures++;
		}
	}
	return NULL;
}

TEST_F(netif, threads)
{
	struct thread_arg args[NTHREADS];
	pthread_t th[NTHREADS];
	int i;

	NEED_DEV();
	SetLastError(0x5eedU);
	for (i = 0; i < NTHREADS; i++) {
		memset(&args[i], 0, sizeof(args[i]));
		args[i].hc = self->hc;
		args[i].idx = i;
		ASSERT_EQ(0, pthread_create(&th[i], NULL, thread_fn, &args[i]));
	}
	for (i = 0; i < NTHREADS; i++)
		ASSERT_EQ(0, pthread_join(th[i], NULL));
	/*
	 * Braces: EXPECT_EQ() is two statements (the check, then a for
	 * loop running the TH_LOG); without them the log ran after the
	 * loop, with i == NTHREADS.
	 */
	for (i = 0; i < NTHREADS; i++) {
		EXPECT_EQ(0, args[i].failures) {
			TH_LOG("thread %d: %s", i, args[i].why);
		}
	}
	/* the main thread's last error is its own */
	ASSERT_EQ(0x5eedU, GetLastError());
}

TEST_HARNESS_MAIN
