// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet: the network interface family beyond open/close/state, in the
 * test VM: GetClusterNetInterface, the interface enumeration,
 * GetClusterFromNetInterface, nodes, networks, ClusterNetInterfaceControl
 * with every CLUSCTL_NETINTERFACE_* code (properties checked against
 * `ip addr` / `ip link` for the same NIC), and change notifications.
 *
 * Runs as root (creates dummy NICs and objects, renames networks) and as
 * an unprivileged user (read access everywhere: the write paths must fail
 * with ERROR_ACCESS_DENIED; tests that must create things skip).
 * Buffer protocols are checked at 0, needed - 1 and needed.
 */
#include <pthread.h>
#include <stdio.h>

#include "clusapi.h"

/* Windows' constants are ints and sizes DWORDs: expectations mix them. */
#pragma GCC diagnostic ignored "-Wsign-compare"

#include "common.h"

#define ETH0 u"node1 - eth0"
#define ETH1 u"node1 - eth1"
#define NET1 u"Cluster Network 1"
#define NET2 u"Cluster Network 2"
#define NETIF_ALL (CLUSTER_CHANGE_NETINTERFACE_STATE | \
		   CLUSTER_CHANGE_NETINTERFACE_DELETED | \
		   CLUSTER_CHANGE_NETINTERFACE_ADDED | \
		   CLUSTER_CHANGE_NETINTERFACE_PROPERTY)

#define NEED_DEV() do { \
	if (access(CN_DEV_PATH, F_OK)) \
		SKIP(return, "/dev/clusnet missing"); \
} while (0)

/* ---- strings ------------------------------------------------------------ */

/* UTF-8 (ASCII in these tests) to UTF-16, into a static-size buffer. */
static char16_t *w(char16_t *dst, const char *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		dst[i] = (unsigned char)src[i];
	dst[i] = 0;
	return dst;
}

/* UTF-16 to ASCII ('?' for anything else), for comparisons and logs */
static char *a(char *dst, const char16_t *src, size_t max)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < max; i++)
		dst[i] = src[i] < 0x80 ? (char)src[i] : '?';
	dst[i] = 0;
	return dst;
}

static size_t wlen(const char16_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int weq(const char16_t *x, const char16_t *y)
{
	return wlen(x) == wlen(y) && !memcmp(x, y, wlen(x) * 2);
}

/* ---- ip(8) ---------------------------------------------------------------- */

/* The addresses `ip -o -4|-6 addr show dev` lists, without prefix, in order */
static int ip_addrs(const char *ifname, int v6, char out[][64], int max)
{
	char cmd[128], line[512];
	int n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ip -o -%d addr show dev %s 2>/dev/null",
		 v6 ? 6 : 4, ifname);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && n < max) {
		char *p = strstr(line, v6 ? " inet6 " : " inet ");

		if (!p)
			continue;
		p += v6 ? 7 : 6;
		sscanf(p, "%63[^/ ]", out[n]);
		n++;
	}
	pclose(f);
	return n;
}

/* ---- control codes ------------------------------------------------------ */

/* A control code's output in a fresh buffer (size asked first). */
static void *ctl_get(HNETINTERFACE h, DWORD code, DWORD *cb, DWORD *err)
{
	DWORD need = 0, got = 0;
	void *buf;

	*err = ClusterNetInterfaceControl(h, NULL, code, NULL, 0, NULL, 0,
					  &need);
	if (*err == ERROR_SUCCESS) {
		*cb = 0;
		return calloc(1, 4);
	}
	if (*err != ERROR_MORE_DATA)
		return NULL;
	buf = calloc(1, need + 4);
	*err = ClusterNetInterfaceControl(h, NULL, code, NULL, 0, buf, need,
					  &got);
	if (*err || got != need) {
		free(buf);
		if (!*err)
			*err = 0xbad;
		return NULL;
	}
	*cb = got;
	return buf;
}

/* A string property of a list, as ASCII into out; its error. */
static DWORD prop_sz(const void *list, DWORD cb, const char16_t *name,
		     char *out, size_t size)
{
	LPWSTR s = NULL;
	DWORD err = ResUtilFindSzProperty((PVOID)list, cb, name, &s);

	out[0] = 0;
	if (!err) {
		a(out, s, size);
		LocalFree(s);
	}
	return err;
}

/* A MULTI_SZ property as ASCII strings; the count or -1. */
static int prop_multi(const void *list, DWORD cb, const char16_t *name,
		      char out[][64], int max)
{
	LPWSTR s = NULL, p;
	DWORD size = 0;
	int n = 0;

	if (ResUtilFindMultiSzProperty((PVOID)list, cb, name, &s, &size))
		return -1;
	for (p = s; *p && n < max; p += wlen(p) + 1)
		a(out[n++], p, 64);
	LocalFree(s);
	return n;
}

/* ---- fixture: a cluster handle, and what a test made (for teardown) ------- */

FIXTURE(fam)
{
	HCLUSTER hc;
	int dev;
	int admin;
	char ifs[8][IFNAMSIZ];
	int nifs;
	char objs[8][64];
	int nobjs;
	HNETWORK rename_back;	/* renamed: back to NET1 at teardown */
};

FIXTURE_SETUP(fam)
{
	memset(self, 0, sizeof(*self));
	self->dev = -1;
	self->admin = cn_is_admin();
	if (access(CN_DEV_PATH, F_OK))
		return;
	self->hc = OpenClusterEx(NULL, MAXIMUM_ALLOWED, NULL);
	ASSERT_NE(NULL, self->hc) TH_LOG("OpenClusterEx: %u", GetLastError());
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	if (self->admin)
		cn_netdev_modules();
}

FIXTURE_TEARDOWN(fam)
{
	int i;

	if (self->rename_back) {
		EXPECT_EQ(ERROR_SUCCESS,
			  SetClusterNetworkName(self->rename_back, NET1));
		CloseClusterNetwork(self->rename_back);
	}
	for (i = 0; i < self->nobjs; i++)
		cn_delete(self->dev, self->objs[i]);
	for (i = 0; i < self->nifs; i++)
		cn_link_del(self->ifs[i]);
	if (self->dev >= 0)
		close(self->dev);
	if (self->hc)
		EXPECT_TRUE(CloseCluster(self->hc));
}

/* A dummy NIC, up, with the addresses given ("" for none); its name. */
static const char *add_dummy(struct __test_metadata *_metadata,
			     FIXTURE_DATA(fam) *self, const char *addrs)
{
	char list[256], *tok, *save = NULL;
	char *ifn;

	if (self->nifs >= 8)
		return NULL;
	ifn = self->ifs[self->nifs];
	cn_ifname(ifn);
	if (cn_sh("ip link add %s type dummy && ip link set %s up", ifn, ifn))
		return NULL;
	self->nifs++;
	snprintf(list, sizeof(list), "%s", addrs);
	for (tok = strtok_r(list, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		if (cn_sh("ip addr add %s dev %s", tok, ifn))
			return NULL;
	return ifn;
}

/* An object following ifname (mode 0644, root), node/network optional. */
static const char *add_obj(FIXTURE_DATA(fam) *self, const char *tag,
			   const char *ifname, const char *node,
			   const char *network)
{
	char *name;

	if (self->nobjs >= 8)
		return NULL;
	name = self->objs[self->nobjs];
	cn_name(name, sizeof(self->objs[0]), tag);
	if (cn_create_ex(self->dev, name, node, network, ifname, 0, 0, 0644,
			 NULL))
		return NULL;
	self->nobjs++;
	return name;
}

static HNETINTERFACE open_if(HCLUSTER hc, const char *name, DWORD desired)
{
	char16_t wn[300];

	return OpenClusterNetInterfaceEx(hc, w(wn, name), desired, NULL);
}

static CLUSTER_NETINTERFACE_STATE wait_if_state(HNETINTERFACE h,
						CLUSTER_NETINTERFACE_STATE want)
{
	long long end = cn_now_ms() + CN_WAIT_MS;
	CLUSTER_NETINTERFACE_STATE s;

	while ((s = GetClusterNetInterfaceState(h)) != want &&
	       cn_now_ms() < end)
		cn_sleep_ms(CN_POLL_MS);
	return s;
}

static CLUSTER_NETWORK_STATE wait_net_state(HNETWORK h,
					    CLUSTER_NETWORK_STATE want)
{
	long long end = cn_now_ms() + CN_WAIT_MS;
	CLUSTER_NETWORK_STATE s;

	while ((s = GetClusterNetworkState(h)) != want && cn_now_ms() < end)
		cn_sleep_ms(CN_POLL_MS);
	return s;
}

/* ---- GetClusterNetInterface ------------------------------------------------ */

TEST_F(fam, get_netif_by_node_and_network)
{
	char16_t buf[64];
	DWORD cch;

	NEED_DEV();
	cch = 64;
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNetInterface(self->hc, u"node1",
							NET1, buf, &cch));
	ASSERT_EQ(12, cch);
	ASSERT_TRUE(weq(ETH0, buf));
	/* names compare ASCII case-insensitively */
	cch = 64;
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNetInterface(self->hc, u"NODE1",
					 u"cluster NETWORK 2", buf, &cch));
	ASSERT_EQ(12, cch);
	ASSERT_TRUE(weq(ETH1, buf));
}

TEST_F(fam, get_netif_buffer_boundaries)
{
	char16_t buf[64];
	DWORD cch;
	int i;

	NEED_DEV();
	/* 0 and needed - 1 (12: no room for the NUL) */
	for (i = 0; i < 2; i++) {
		DWORD cap = i ? 12 : 0;

		memset(buf, 0x55, sizeof(buf));
		cch = cap;
		ASSERT_EQ(ERROR_MORE_DATA,
			  GetClusterNetInterface(self->hc, u"node1", NET1, buf,
						 &cch));
		ASSERT_EQ(12, cch);
		ASSERT_EQ(0x5555, buf[cap]);	/* nothing past the capacity */
	}
	/* NULL buffer: the length */
	cch = 100;
	ASSERT_EQ(ERROR_MORE_DATA,
		  GetClusterNetInterface(self->hc, u"node1", NET1, NULL, &cch));
	ASSERT_EQ(12, cch);
	/* exactly needed */
	memset(buf, 0x55, sizeof(buf));
	cch = 13;
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNetInterface(self->hc, u"node1",
							NET1, buf, &cch));
	ASSERT_EQ(12, cch);
	ASSERT_EQ(0, buf[12]);
	ASSERT_EQ(0x5555, buf[13]);
	ASSERT_TRUE(weq(ETH0, buf));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  GetClusterNetInterface(self->hc, u"node1", NET1, buf, NULL));
}

TEST_F(fam, get_netif_errors)
{
	char16_t buf[64];
	DWORD cch = 64;

	NEED_DEV();
	/* the node is checked first */
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND,
		  GetClusterNetInterface(self->hc, u"node9", u"no such net",
					 buf, &cch));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND,
		  GetClusterNetInterface(self->hc, u"node9", NET1, buf, &cch));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND,
		  GetClusterNetInterface(self->hc, u"", NET1, buf, &cch));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND,
		  GetClusterNetInterface(self->hc, u"node1", u"no such net",
					 buf, &cch));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND,
		  GetClusterNetInterface(self->hc, u"node1", u"Cluster Network",
					 buf, &cch));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  GetClusterNetInterface(self->hc, NULL, NET1, buf, &cch));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  GetClusterNetInterface(self->hc, u"node1", NULL, buf, &cch));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  GetClusterNetInterface(NULL, u"node1", NET1, buf, &cch));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  GetClusterNetInterface((HCLUSTER)ETH0, u"node1", NET1, buf,
					 &cch));
	ASSERT_EQ(64, cch);	/* untouched by the failures */
}

/* A node known only through an object, on a network of its own. */
TEST_F(fam, get_netif_known_but_no_interface)
{
	char node[64], net[64], ifn[IFNAMSIZ];
	char16_t wnode[64], wnet[64], buf[128], wobj[128];
	const char *obj;
	DWORD cch = 128;
	HNETWORK hw;
	HNODE hn;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	snprintf(node, sizeof(node), "cntnode%d", (int)getpid());
	snprintf(net, sizeof(net), "cnt net %d", (int)getpid());
	cn_ifname(ifn);		/* no such NIC: the object is Unavailable */
	obj = add_obj(self, "far", ifn, node, net);
	ASSERT_NE(NULL, obj);
	w(wnode, node);
	w(wnet, net);

	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNetInterface(self->hc, wnode, wnet, buf, &cch));
	ASSERT_TRUE(weq(w(wobj, obj), buf));
	/* both known, no interface of that node on that network */
	cch = 128;
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
		  GetClusterNetInterface(self->hc, u"node1", wnet, buf, &cch));
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
		  GetClusterNetInterface(self->hc, wnode, NET1, buf, &cch));

	/* the node exists while the object does; it is not this node: Down */
	hn = OpenClusterNodeEx(self->hc, wnode, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	ASSERT_EQ(ClusterNodeDown, GetClusterNodeState(hn));
	/* a pinned network of Unavailable members is Unavailable */
	hw = OpenClusterNetworkEx(self->hc, wnet, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hw);
	ASSERT_EQ(ClusterNetworkUnavailable, GetClusterNetworkState(hw));
	ASSERT_EQ(0, cn_delete(self->dev, obj));
	self->nobjs = 0;
	/* gone with its last member */
	SetLastError(0);
	ASSERT_EQ(ClusterNetworkStateUnknown, GetClusterNetworkState(hw));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND, GetLastError());
	ASSERT_TRUE(CloseClusterNetwork(hw));
	SetLastError(0);
	ASSERT_EQ(ClusterNodeStateUnknown, GetClusterNodeState(hn));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	ASSERT_TRUE(CloseClusterNode(hn));
	cch = 128;
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND,
		  GetClusterNetInterface(self->hc, wnode, wnet, buf, &cch));
}

/* ---- enumeration ---------------------------------------------------------- */

/* All names of an enumeration, ASCII, checking the buffer protocol. */
static int enum_names(struct __test_metadata *_metadata, HNETINTERFACEENUM e,
		      char names[][300], int max)
{
	char16_t buf[300];
	DWORD i, cch;
	int n = 0;

	for (i = 0;; i++) {
		cch = 300;
		DWORD err = ClusterNetInterfaceEnum(e, i, buf, &cch);

		if (err == ERROR_NO_MORE_ITEMS)
			break;
		EXPECT_EQ(ERROR_SUCCESS, err);
		if (err || n >= max)
			return -1;
		EXPECT_EQ(wlen(buf), cch);
		a(names[n++], buf, 300);
	}
	return n;
}

static int has_name(char names[][300], int n, const char *name)
{
	int i, c = 0;

	for (i = 0; i < n; i++)
		c += !strcmp(names[i], name);
	return c;
}

TEST_F(fam, enum_all_and_filters)
{
	static char names[64][300];
	struct clusnet_enum e;
	/* zeroed: the kernel fills it through an integer (cppcheck) */
	struct clusnet_if_entry ents[64] = { 0 };
	HNETINTERFACEENUM he;
	DWORD cch;
	int n, i;

	NEED_DEV();
	he = ClusterNetInterfaceOpenEnum(self->hc, NULL, NULL);
	ASSERT_NE(NULL, he) TH_LOG("error %u", GetLastError());
	n = enum_names(_metadata, he, names, 64);
	ASSERT_LE(2, n);
	/* the same objects as the kernel lists, in its (creation) order */
	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	e.entries = CN_PTR(ents);
	e.entry_size = sizeof(ents[0]);
	e.capacity = 64;
	ASSERT_EQ(0, cn_ioctl(self->dev, CLUSNET_IOC_ENUM, &e));
	ASSERT_EQ(n, e.count);
	for (i = 0; i < n; i++)
		ASSERT_STREQ(ents[i].name, names[i]);
	ASSERT_EQ(1, has_name(names, n, CN_ETH0));
	ASSERT_EQ(1, has_name(names, n, CN_ETH1));
	cch = 0;
	ASSERT_EQ(ERROR_NO_MORE_ITEMS,
		  ClusterNetInterfaceEnum(he, 0xffffffff, NULL, &cch));
	ASSERT_EQ(ERROR_NO_MORE_ITEMS, ClusterNetInterfaceEnum(he, n, NULL,
								&cch));
	ASSERT_EQ(0, cch);
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetInterfaceCloseEnum(he));

	/* by node: both NICs are node1's */
	he = ClusterNetInterfaceOpenEnum(self->hc, u"NODE1", NULL);
	ASSERT_NE(NULL, he);
	n = enum_names(_metadata, he, names, 64);
	ASSERT_EQ(1, has_name(names, n, CN_ETH0));
	ASSERT_EQ(1, has_name(names, n, CN_ETH1));
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetInterfaceCloseEnum(he));
	/* by network, and by both */
	he = ClusterNetInterfaceOpenEnum(self->hc, NULL, NET2);
	ASSERT_NE(NULL, he);
	n = enum_names(_metadata, he, names, 64);
	ASSERT_EQ(1, n);
	ASSERT_STREQ(CN_ETH1, names[0]);
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetInterfaceCloseEnum(he));
	he = ClusterNetInterfaceOpenEnum(self->hc, u"node1", NET1);
	ASSERT_NE(NULL, he);
	n = enum_names(_metadata, he, names, 64);
	ASSERT_EQ(1, n);
	ASSERT_STREQ(CN_ETH0, names[0]);
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetInterfaceCloseEnum(he));
}

TEST_F(fam, enum_errors_and_boundaries)
{
	HNETINTERFACEENUM he;
	char16_t buf[64];
	DWORD cch;

	NEED_DEV();
	SetLastError(0);
	ASSERT_EQ(NULL, ClusterNetInterfaceOpenEnum(self->hc, u"node9",
						     u"bogus"));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, ClusterNetInterfaceOpenEnum(self->hc, u"node9", NULL));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, ClusterNetInterfaceOpenEnum(self->hc, NULL, u"bogus"));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, ClusterNetInterfaceOpenEnum(NULL, NULL, NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(ERROR_INVALID_HANDLE, ClusterNetInterfaceCloseEnum(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  ClusterNetInterfaceEnum(NULL, 0, buf, &cch));
	/* a cluster handle is not an enumeration handle */
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  ClusterNetInterfaceCloseEnum((HNETINTERFACEENUM)self->hc));

	he = ClusterNetInterfaceOpenEnum(self->hc, u"node1", NET1);
	ASSERT_NE(NULL, he);
	/* "node1 - eth0": 12 characters */
	cch = 0;
	ASSERT_EQ(ERROR_MORE_DATA, ClusterNetInterfaceEnum(he, 0, buf, &cch));
	ASSERT_EQ(12, cch);
	memset(buf, 0x55, sizeof(buf));
	cch = 12;
	ASSERT_EQ(ERROR_MORE_DATA, ClusterNetInterfaceEnum(he, 0, buf, &cch));
	ASSERT_EQ(12, cch);
	ASSERT_EQ(0x5555, buf[12]);
	cch = 13;
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetInterfaceEnum(he, 0, buf, &cch));
	ASSERT_EQ(12, cch);
	ASSERT_TRUE(weq(ETH0, buf));
	ASSERT_EQ(0x5555, buf[13]);
	cch = 13;
	ASSERT_EQ(ERROR_NO_MORE_ITEMS, ClusterNetInterfaceEnum(he, 1, buf,
								&cch));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  ClusterNetInterfaceEnum(he, 0, buf, NULL));
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetInterfaceCloseEnum(he));
}

/* A snapshot: objects that come or go after the open do not shift it. */
TEST_F(fam, enum_is_a_snapshot)
{
	static char before[64][300], after[64][300], again[64][300];
	HNETINTERFACEENUM e1, e2, e3;
	const char *x, *y;
	int n1, n2, n3;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	x = add_obj(self, "x", "cntnonic0", NULL, NULL);
	ASSERT_NE(NULL, x);
	e1 = ClusterNetInterfaceOpenEnum(self->hc, NULL, NULL);
	ASSERT_NE(NULL, e1);
	y = add_obj(self, "y", "cntnonic1", NULL, NULL);
	ASSERT_NE(NULL, y);
	ASSERT_EQ(0, cn_delete(self->dev, x));
	e2 = ClusterNetInterfaceOpenEnum(self->hc, NULL, NULL);
	ASSERT_NE(NULL, e2);
	ASSERT_EQ(0, cn_delete(self->dev, y));
	e3 = ClusterNetInterfaceOpenEnum(self->hc, NULL, NULL);
	ASSERT_NE(NULL, e3);

	n1 = enum_names(_metadata, e1, before, 64);
	n2 = enum_names(_metadata, e2, after, 64);
	n3 = enum_names(_metadata, e3, again, 64);
	ASSERT_EQ(1, has_name(before, n1, x));
	ASSERT_EQ(0, has_name(before, n1, y));
	ASSERT_EQ(0, has_name(after, n2, x));
	ASSERT_EQ(1, has_name(after, n2, y));
	ASSERT_EQ(0, has_name(again, n3, x));
	ASSERT_EQ(0, has_name(again, n3, y));
	ASSERT_EQ(n1, n2);
	ASSERT_EQ(n1 - 1, n3);
	ASSERT_EQ(0, ClusterNetInterfaceCloseEnum(e1));
	ASSERT_EQ(0, ClusterNetInterfaceCloseEnum(e2));
	ASSERT_EQ(0, ClusterNetInterfaceCloseEnum(e3));
}

struct churn {
	int dev;
	int stop;		/* atomic */
	int rounds;		/* atomic */
	char name[64];
};

static void *churn_fn(void *arg)
{
	struct churn *c = arg;

	/* objects come and go as fast as the kernel takes them */
	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		if (cn_create(c->dev, c->name, "cntnonic2", 0, 0, 0644) == 0)
			cn_delete(c->dev, c->name);
		__atomic_add_fetch(&c->rounds, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/*
 * Snapshots taken while another thread creates and deletes an object:
 * at least 300 of them and until the other thread did 100 rounds (on a
 * busy box either may get ahead), within a minute.
 */
TEST_F(fam, enum_while_objects_come_and_go)
{
	static char names[64][300];
	long long end = cn_now_ms() + 60000;
	struct churn c = { 0 };
	pthread_t t;
	int i, n, seen = 0;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	c.dev = self->dev;
	cn_name(c.name, sizeof(c.name), "churn");
	ASSERT_EQ(0, pthread_create(&t, NULL, churn_fn, &c));
	for (i = 0; (i < 300 || __atomic_load_n(&c.rounds, __ATOMIC_RELAXED) <
		     100) && cn_now_ms() < end; i++) {
		HNETINTERFACEENUM e = ClusterNetInterfaceOpenEnum(self->hc,
								  NULL, NULL);

		EXPECT_NE(NULL, e);
		if (!e)
			break;
		n = enum_names(_metadata, e, names, 64);
		/* the others are always there, once each; churn 0 or 1 */
		EXPECT_EQ(1, has_name(names, n, CN_ETH0));
		EXPECT_EQ(1, has_name(names, n, CN_ETH1));
		EXPECT_GE(1, has_name(names, n, c.name));
		seen += has_name(names, n, c.name);
		EXPECT_EQ(0, ClusterNetInterfaceCloseEnum(e));
	}
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELAXED);
	pthread_join(t, NULL);
	cn_delete(self->dev, c.name);
	ASSERT_LE(300, i);
	ASSERT_LE(100, c.rounds);
	TH_LOG("%d churn rounds, seen in %d of %d snapshots", c.rounds, seen,
	       i);
}

/* ---- GetClusterFromNetInterface: handles outlive CloseCluster -------------- */

TEST_F(fam, cluster_from_netif)
{
	HCLUSTER hc2, hc3, hc4;
	HNETINTERFACE h, h2;
	char16_t buf[64];
	DWORD cch = 64;
	int fds;

	NEED_DEV();
	SetLastError(0);
	ASSERT_EQ(NULL, GetClusterFromNetInterface(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(NULL, GetClusterFromNetInterface((HNETINTERFACE)self->hc));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	fds = cn_fd_count();
	hc2 = OpenClusterEx(NULL, MAXIMUM_ALLOWED, NULL);
	ASSERT_NE(NULL, hc2);
	h = OpenClusterNetInterfaceEx(hc2, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	/* the interface handle keeps working without its cluster handle */
	ASSERT_TRUE(CloseCluster(hc2));
	ASSERT_EQ(ClusterNetInterfaceUp,
		  wait_if_state(h, ClusterNetInterfaceUp));
	hc3 = GetClusterFromNetInterface(h);
	ASSERT_NE(NULL, hc3);
	hc4 = GetClusterFromNetInterface(h);
	ASSERT_NE(NULL, hc4);
	ASSERT_NE(hc3, hc4);		/* a new handle each time */
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNetInterface(hc3, u"node1", NET2, buf, &cch));
	ASSERT_TRUE(weq(ETH1, buf));
	ASSERT_TRUE(CloseClusterNetInterface(h));
	/* and the new cluster handle keeps working without the interface */
	h2 = OpenClusterNetInterfaceEx(hc3, ETH1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h2);
	ASSERT_TRUE(CloseClusterNetInterface(h2));
	ASSERT_TRUE(CloseCluster(hc3));
	ASSERT_TRUE(CloseCluster(hc4));
	/* the shared /dev/clusnet fd went with the last of them */
	ASSERT_EQ(fds, cn_fd_count());
}

/* ---- nodes -------------------------------------------------------------------- */

TEST_F(fam, nodes)
{
	DWORD granted = 0;
	HNODE hn;

	NEED_DEV();
	hn = OpenClusterNodeEx(self->hc, u"NoDe1", MAXIMUM_ALLOWED, &granted);
	ASSERT_NE(NULL, hn);
	ASSERT_EQ(cn_has_cap(CAP_NET_ADMIN) ? GENERIC_ALL : GENERIC_READ,
		  granted);
	ASSERT_EQ(ClusterNodeUp, GetClusterNodeState(hn));
	ASSERT_TRUE(CloseClusterNode(hn));

	/* OpenClusterNode asks for GENERIC_ALL */
	SetLastError(0);
	hn = OpenClusterNode(self->hc, u"node1");
	if (cn_has_cap(CAP_NET_ADMIN)) {
		ASSERT_NE(NULL, hn);
		ASSERT_TRUE(CloseClusterNode(hn));
	} else {
		ASSERT_EQ(NULL, hn);
		ASSERT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	}
	hn = OpenClusterNodeEx(self->hc, u"node1", GENERIC_READ, &granted);
	ASSERT_NE(NULL, hn);
	ASSERT_EQ(GENERIC_READ, granted);
	ASSERT_TRUE(CloseClusterNode(hn));

	ASSERT_EQ(NULL, OpenClusterNodeEx(self->hc, u"node9", GENERIC_READ,
					  NULL));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNodeEx(self->hc, u"", GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNodeEx(self->hc, u"node1", 0, NULL));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNodeEx(self->hc, u"node1", 0x1, NULL));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNodeEx(self->hc, NULL, GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNodeEx(NULL, u"node1", GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_FALSE(CloseClusterNode(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_FALSE(CloseClusterNode((HNODE)self->hc));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(ClusterNodeStateUnknown, GetClusterNodeState(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

/* ---- networks ------------------------------------------------------------------ */

TEST_F(fam, networks_open_state_id)
{
	char16_t buf[64];
	char id[64], want[64];
	/* zeroed: the kernel fills it through an integer (cppcheck) */
	struct clusnet_network_entry ents[16] = { 0 };
	struct clusnet_enum e;
	DWORD granted = 0, cch;
	HNETWORK hw;
	unsigned int i;

	NEED_DEV();
	hw = OpenClusterNetworkEx(self->hc, u"CLUSTER network 1",
				  MAXIMUM_ALLOWED, &granted);
	ASSERT_NE(NULL, hw) TH_LOG("error %u", GetLastError());
	ASSERT_EQ(cn_has_cap(CAP_NET_ADMIN) ? GENERIC_ALL : GENERIC_READ,
		  granted);
	ASSERT_EQ(ClusterNetworkUp, wait_net_state(hw, ClusterNetworkUp));

	/* the id: GUID form of the kernel's network id, kind 5 */
	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	e.entries = CN_PTR(ents);
	e.entry_size = sizeof(ents[0]);
	e.capacity = 16;
	ASSERT_EQ(0, cn_ioctl(self->dev, CLUSNET_IOC_NETWORKS, &e));
	want[0] = 0;
	for (i = 0; i < e.count && i < 16; i++)
		if (!strcmp(ents[i].name, CN_NET_ETH0))
			snprintf(want, sizeof(want),
				 "%08x-%04x-%04x-0005-000000000000",
				 (unsigned int)(ents[i].id >> 32),
				 (unsigned int)(ents[i].id >> 16) & 0xffff,
				 (unsigned int)ents[i].id & 0xffff);
	ASSERT_EQ(36, strlen(want));
	cch = 0;
	ASSERT_EQ(ERROR_MORE_DATA, GetClusterNetworkId(hw, buf, &cch));
	ASSERT_EQ(36, cch);
	cch = 36;
	ASSERT_EQ(ERROR_MORE_DATA, GetClusterNetworkId(hw, buf, &cch));
	ASSERT_EQ(36, cch);
	cch = 37;
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNetworkId(hw, buf, &cch));
	ASSERT_EQ(36, cch);
	ASSERT_STREQ(want, a(id, buf, sizeof(id)));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetClusterNetworkId(hw, buf, NULL));
	ASSERT_TRUE(CloseClusterNetwork(hw));

	/* OpenClusterNetwork asks for GENERIC_ALL */
	hw = OpenClusterNetwork(self->hc, NET2);
	if (cn_has_cap(CAP_NET_ADMIN)) {
		ASSERT_NE(NULL, hw);
		ASSERT_TRUE(CloseClusterNetwork(hw));
	} else {
		ASSERT_EQ(NULL, hw);
		ASSERT_EQ(ERROR_ACCESS_DENIED, GetLastError());
	}
	ASSERT_EQ(NULL, OpenClusterNetworkEx(self->hc, u"Cluster Network 99",
					     GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNetworkEx(self->hc, u"", GENERIC_READ,
					     NULL));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNetworkEx(self->hc, NET1, 0, NULL));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, OpenClusterNetworkEx(NULL, NET1, GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_FALSE(CloseClusterNetwork(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(ClusterNetworkStateUnknown, GetClusterNetworkState(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

TEST_F(fam, network_rename)
{
	char16_t buf[64];
	char got[64];
	DWORD cch, ret;
	HNETWORK hw, hr;
	HNETINTERFACE hi;

	NEED_DEV();
	hr = OpenClusterNetworkEx(self->hc, NET1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hr);
	/* a read handle may not rename, whoever holds it */
	ASSERT_EQ(ERROR_ACCESS_DENIED, SetClusterNetworkName(hr, u"x"));
	if (!cn_has_cap(CAP_NET_ADMIN)) {
		ASSERT_TRUE(CloseClusterNetwork(hr));
		SKIP(return, "renaming needs CAP_NET_ADMIN");
	}
	hw = OpenClusterNetworkEx(self->hc, NET1, GENERIC_ALL, NULL);
	ASSERT_NE(NULL, hw);
	ASSERT_EQ(ERROR_INVALID_PARAMETER, SetClusterNetworkName(hw, NULL));
	/* MS-CMRP ApiSetNetworkName's codes */
	ASSERT_EQ(ERROR_INVALID_NAME, SetClusterNetworkName(hw, u""));
	/* another network's name, in any case */
	ASSERT_EQ(ERROR_ALREADY_EXISTS,
		  SetClusterNetworkName(hw, u"CLUSTER NETWORK 2"));
	ASSERT_EQ(ERROR_SUCCESS, SetClusterNetworkName(hw, u"cnt Heartbeat"));
	self->rename_back = hw;
	/* handles hold the id: both follow; the old name is gone */
	ASSERT_EQ(ClusterNetworkUp, GetClusterNetworkState(hr));
	ASSERT_EQ(NULL, OpenClusterNetworkEx(self->hc, NET1, GENERIC_READ,
					     NULL));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND, GetLastError());
	cch = 64;
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNetInterface(self->hc, u"node1", u"cnt heartbeat",
					 buf, &cch));
	ASSERT_TRUE(weq(ETH0, buf));
	/* the interfaces report it */
	hi = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hi);
	ret = 0;
	ASSERT_EQ(ERROR_SUCCESS,
		  ClusterNetInterfaceControl(hi, NULL,
					     CLUSCTL_NETINTERFACE_GET_NETWORK,
					     NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_STREQ("cnt Heartbeat", a(got, buf, sizeof(got)));
	ASSERT_EQ(14 * 2, ret);
	/* back; a case-only change of its own name is allowed */
	ASSERT_EQ(ERROR_SUCCESS, SetClusterNetworkName(hw, u"cluster network 1"));
	ASSERT_EQ(ERROR_SUCCESS, SetClusterNetworkName(hw, NET1));
	self->rename_back = NULL;
	ASSERT_TRUE(CloseClusterNetInterface(hi));
	ASSERT_TRUE(CloseClusterNetwork(hw));
	ASSERT_TRUE(CloseClusterNetwork(hr));
}

/* Up, Partitioned, Down, gone: the network state follows its members. */
TEST_F(fam, network_state_from_members)
{
	static char names[8][300];
	const char *d[3], *o[3];
	HNETINTERFACEENUM e;
	char16_t buf[64];
	HNETINTERFACE h[3];
	HNETWORK hw;
	DWORD ret;
	int i;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	d[0] = add_dummy(_metadata, self, "10.77.1.1/24");
	d[1] = add_dummy(_metadata, self, "10.77.1.2/24");
	d[2] = add_dummy(_metadata, self, "10.77.1.3/24");
	for (i = 0; i < 3; i++) {
		ASSERT_NE(NULL, d[i]);
		o[i] = add_obj(self, "member", d[i], NULL, NULL);
		ASSERT_NE(NULL, o[i]);
		h[i] = open_if(self->hc, o[i], GENERIC_READ);
		ASSERT_NE(NULL, h[i]);
		ASSERT_EQ(ClusterNetInterfaceUp,
			  wait_if_state(h[i], ClusterNetInterfaceUp));
	}
	/* one network for the subnet, discovered and named by the kernel */
	ret = 0;
	ASSERT_EQ(ERROR_SUCCESS,
		  ClusterNetInterfaceControl(h[0], NULL,
					     CLUSCTL_NETINTERFACE_GET_NETWORK,
					     NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(0, memcmp(buf, u"Cluster Network ", 16 * 2));
	hw = OpenClusterNetworkEx(self->hc, buf, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hw);
	ASSERT_EQ(ClusterNetworkUp, wait_net_state(hw, ClusterNetworkUp));
	/* all three on it */
	e = ClusterNetInterfaceOpenEnum(self->hc, NULL, buf);
	ASSERT_NE(NULL, e);
	ASSERT_EQ(3, enum_names(_metadata, e, names, 8));
	for (i = 0; i < 3; i++)
		ASSERT_EQ(1, has_name(names, 3, o[i]));
	ClusterNetInterfaceCloseEnum(e);
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", d[0]));
	ASSERT_EQ(ClusterNetInterfaceFailed,
		  wait_if_state(h[0], ClusterNetInterfaceFailed));
	ASSERT_EQ(ClusterNetworkPartitioned,
		  wait_net_state(hw, ClusterNetworkPartitioned));
	ASSERT_EQ(0, cn_sh("ip link set %s down", d[1]));
	ASSERT_EQ(ClusterNetInterfaceFailed,
		  wait_if_state(h[1], ClusterNetInterfaceFailed));
	ASSERT_EQ(ClusterNetworkDown, wait_net_state(hw, ClusterNetworkDown));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on && ip link set %s up",
			   d[0], d[1]));
	ASSERT_EQ(ClusterNetworkUp, wait_net_state(hw, ClusterNetworkUp));
	/* without NICs the members leave it, and it goes away */
	for (i = 0; i < 3; i++)
		cn_link_del(d[i]);
	SetLastError(0);
	ASSERT_EQ(ClusterNetworkStateUnknown, GetClusterNetworkState(hw));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND, GetLastError());
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND,
		  GetClusterNetworkId(hw, buf, &ret));
	ASSERT_TRUE(CloseClusterNetwork(hw));
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(ClusterNetInterfaceUnavailable,
			  GetClusterNetInterfaceState(h[i]));
		ASSERT_TRUE(CloseClusterNetInterface(h[i]));
	}
}

/* ---- ClusterNetInterfaceControl: the simple codes ---------------------------- */

#define CTL(h, code, out, size, ret) \
	ClusterNetInterfaceControl(h, NULL, code, NULL, 0, out, size, ret)

/* A code returning a string: its value, and the boundaries 0, n-1, n. */
static void check_ctl_str(struct __test_metadata *_metadata, HNETINTERFACE h,
			  DWORD code, const char *want)
{
	char16_t buf[300], wwant[300];
	DWORD need = (DWORD)(strlen(want) + 1) * 2, ret;

	w(wwant, want);
	ret = 0xdead;
	ASSERT_EQ(ERROR_MORE_DATA, CTL(h, code, NULL, 0, &ret));
	ASSERT_EQ(need, ret);
	memset(buf, 0x55, sizeof(buf));
	ret = 0xdead;
	ASSERT_EQ(ERROR_MORE_DATA, CTL(h, code, buf, need - 1, &ret));
	ASSERT_EQ(need, ret);
	ASSERT_EQ(0x5555, buf[0]);	/* nothing written */
	ret = 0xdead;
	ASSERT_EQ(ERROR_SUCCESS, CTL(h, code, buf, need, &ret));
	ASSERT_EQ(need, ret);
	ASSERT_TRUE(weq(wwant, buf)) TH_LOG("code 0x%08x", code);
	ASSERT_EQ(0x5555, buf[need / 2]);
	/* lpBytesReturned is optional */
	ASSERT_EQ(ERROR_SUCCESS, CTL(h, code, buf, sizeof(buf), NULL));
}

static void check_ctl_dword(struct __test_metadata *_metadata,
			    HNETINTERFACE h, DWORD code, DWORD want)
{
	DWORD v = 0x12345678, ret;

	ret = 0;
	ASSERT_EQ(ERROR_MORE_DATA, CTL(h, code, NULL, 0, &ret));
	ASSERT_EQ(4, ret);
	ret = 0;
	ASSERT_EQ(ERROR_MORE_DATA, CTL(h, code, &v, 3, &ret));
	ASSERT_EQ(4, ret);
	ASSERT_EQ(0x12345678, v);
	ret = 0;
	ASSERT_EQ(ERROR_SUCCESS, CTL(h, code, &v, 4, &ret));
	ASSERT_EQ(4, ret);
	ASSERT_EQ(want, v);
}

static void check_simple_codes(struct __test_metadata *_metadata,
			       HNETINTERFACE h, const char *name,
			       const char *network, uint64_t id)
{
	char idstr[64];
	DWORD ret, v;

	ret = 0xdead;
	ASSERT_EQ(ERROR_SUCCESS, CTL(h, CLUSCTL_NETINTERFACE_UNKNOWN, NULL, 0,
				     &ret));
	ASSERT_EQ(0, ret);
	check_ctl_dword(_metadata, h, CLUSCTL_NETINTERFACE_GET_CHARACTERISTICS,
			CLUS_CHAR_UNKNOWN);
	check_ctl_dword(_metadata, h, CLUSCTL_NETINTERFACE_GET_FLAGS, 0);
	check_ctl_str(_metadata, h, CLUSCTL_NETINTERFACE_GET_NAME, name);
	check_ctl_str(_metadata, h, CLUSCTL_NETINTERFACE_GET_NODE, CN_NODE);
	check_ctl_str(_metadata, h, CLUSCTL_NETINTERFACE_GET_NETWORK, network);
	snprintf(idstr, sizeof(idstr), "%08x-%04x-%04x-0006-000000000000",
		 (unsigned int)(id >> 32), (unsigned int)(id >> 16) & 0xffff,
		 (unsigned int)id & 0xffff);
	check_ctl_str(_metadata, h, CLUSCTL_NETINTERFACE_GET_ID, idstr);

	/*
	 * no read-write private properties yet: no names, an empty list (the
	 * read-only PermanentAddress: lib_netif_props_test)
	 */
	ret = 0xdead;
	ASSERT_EQ(ERROR_SUCCESS,
		  CTL(h, CLUSCTL_NETINTERFACE_ENUM_PRIVATE_PROPERTIES, &v, 4,
		      &ret));
	ASSERT_EQ(0, ret);
	check_ctl_dword(_metadata, h,
			CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES, 0);

	/* not supported */
	ASSERT_EQ(ERROR_INVALID_FUNCTION,
		  CTL(h, CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTY_FMTS, &v, 4,
		      &ret));
	ASSERT_EQ(ERROR_INVALID_FUNCTION,
		  CTL(h, CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTY_FMTS, &v, 4,
		      &ret));
	/* no input list at all: what Windows' RPC layer says */
	ASSERT_EQ(RPC_X_BAD_STUB_DATA,
		  CTL(h, CLUSCTL_NETINTERFACE_VALIDATE_PRIVATE_PROPERTIES, &v,
		      4, &ret));
	ASSERT_EQ(ERROR_INVALID_FUNCTION,
		  CTL(h, 0x01000029 /* CLUSCTL_RESOURCE_GET_NAME */, &v, 4,
		      &ret));
	ASSERT_EQ(ERROR_INVALID_FUNCTION,
		  CTL(h, CLUSCTL_NETINTERFACE_CODE(CLCTL_EXTERNAL_CODE(
			  999, CLUS_ACCESS_READ, CLUS_NO_MODIFY)), &v, 4,
		      &ret));
}

TEST_F(fam, control_simple_codes)
{
	HNETINTERFACE h;
	HNODE hn;
	__u64 id = 0;
	DWORD granted, v, ret;
	int fd;

	NEED_DEV();
	fd = cn_open_g(self->dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, fd);
	close(fd);

	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	check_simple_codes(_metadata, h, CN_ETH0, CN_NET_ETH0, id);
	/* write codes on a read handle */
	ASSERT_EQ(ERROR_ACCESS_DENIED,
		  CTL(h, CLUSCTL_NETINTERFACE_SET_COMMON_PROPERTIES, NULL, 0,
		      &ret));
	ASSERT_EQ(ERROR_ACCESS_DENIED,
		  CTL(h, CLUSCTL_NETINTERFACE_SET_PRIVATE_PROPERTIES, NULL, 0,
		      &ret));
	/* a host node: NULL or a node handle */
	hn = OpenClusterNodeEx(self->hc, u"node1", GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	ASSERT_EQ(ERROR_SUCCESS,
		  ClusterNetInterfaceControl(h, hn,
					     CLUSCTL_NETINTERFACE_GET_FLAGS,
					     NULL, 0, &v, 4, &ret));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  ClusterNetInterfaceControl(h, (HNODE)self->hc,
					     CLUSCTL_NETINTERFACE_GET_FLAGS,
					     NULL, 0, &v, 4, &ret));
	ASSERT_TRUE(CloseClusterNode(hn));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  CTL(NULL, CLUSCTL_NETINTERFACE_GET_FLAGS, &v, 4, &ret));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  CTL((HNETINTERFACE)self->hc, CLUSCTL_NETINTERFACE_GET_FLAGS,
		      &v, 4, &ret));
	ASSERT_TRUE(CloseClusterNetInterface(h));

	/* the same with full access, where granted */
	h = OpenClusterNetInterfaceEx(self->hc, ETH1, MAXIMUM_ALLOWED,
				      &granted);
	ASSERT_NE(NULL, h);
	fd = cn_open_g(self->dev, CN_ETH1, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, fd);
	close(fd);
	check_simple_codes(_metadata, h, CN_ETH1, CN_NET_ETH1, id);
	/* no input at all: what Windows' RPC layer says */
	ASSERT_EQ(granted == GENERIC_ALL ? RPC_X_BAD_STUB_DATA :
		  ERROR_ACCESS_DENIED,
		  CTL(h, CLUSCTL_NETINTERFACE_SET_PRIVATE_PROPERTIES, NULL, 0,
		      &ret));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

TEST_F(fam, control_enum_common_properties)
{
	/* the read-write ones only, as on Windows */
	static const char16_t want[] = u"Description\0";
	char16_t buf[200];
	DWORD ret;
	HNETINTERFACE h;

	NEED_DEV();
	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	/* sizeof(want) counts the literal's own NUL: the closing one */
	ret = 0;
	ASSERT_EQ(ERROR_MORE_DATA,
		  CTL(h, CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES, NULL, 0,
		      &ret));
	ASSERT_EQ(sizeof(want), ret);
	ASSERT_EQ(ERROR_MORE_DATA,
		  CTL(h, CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES, buf,
		      sizeof(want) - 1, &ret));
	ASSERT_EQ(sizeof(want), ret);
	ASSERT_EQ(ERROR_SUCCESS,
		  CTL(h, CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES, buf,
		      sizeof(want), &ret));
	ASSERT_EQ(sizeof(want), ret);
	ASSERT_EQ(0, memcmp(want, buf, sizeof(want)));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

/* ---- common properties against ip(8) ------------------------------------------ */

/*
 * Compare the read-only common properties of h with what ip(8) shows for
 * ifname now. Returns NULL, or what differs (in why).
 */
static const char *props_vs_ip(HNETINTERFACE h, const char *name,
			       const char *ifname, const char *network,
			       int bound, DWORD dhcp, char *why, size_t size)
{
	char got[64][64], ip[64][64], s[300];
	int n, m, i, v6;
	DWORD cb = 0, err, dw;
	void *list;

	list = ctl_get(h, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, &cb,
		       &err);
	if (!list) {
		snprintf(why, size, "GET_RO_COMMON_PROPERTIES: %u", err);
		return why;
	}
#define DIFF(...) do { snprintf(why, size, __VA_ARGS__); free(list); \
	return why; } while (0)
	if (ClusnetPropListValidate(list, cb, &dw) || dw != 9)
		DIFF("list invalid or %u properties", dw);
	if (prop_sz(list, cb, u"Name", s, sizeof(s)) || strcmp(s, name))
		DIFF("Name %s", s);
	if (prop_sz(list, cb, u"Node", s, sizeof(s)) || strcmp(s, CN_NODE))
		DIFF("Node %s", s);
	if (prop_sz(list, cb, u"Network", s, sizeof(s)) ||
	    strcmp(s, network))
		DIFF("Network %s, want %s", s, network);
	if (prop_sz(list, cb, u"Adapter", s, sizeof(s)) || strcmp(s, ifname))
		DIFF("Adapter %s", s);
	if (ResUtilFindSzProperty(list, cb, u"Description", NULL) !=
	    ERROR_FILE_NOT_FOUND)
		DIFF("Description is not read-only");
	if (prop_sz(list, cb, u"AdapterId", s, sizeof(s)))
		DIFF("no AdapterId");
	/* a GUID (its value: lib_netif_props_test) */
	if (bound) {
		if (strlen(s) != 36 || s[8] != '-' || s[14] != '5')
			DIFF("AdapterId %s", s);
	} else if (s[0]) {
		DIFF("AdapterId %s without a NIC", s);
	}
	for (v6 = 0; v6 < 2; v6++) {
		n = prop_multi(list, cb, v6 ? u"IPv6Addresses" :
			       u"IPv4Addresses", got, 64);
		m = bound ? ip_addrs(ifname, v6, ip, 64) : 0;
		if (n != m)
			DIFF("IPv%d: %d addresses, ip says %d", v6 ? 6 : 4, n,
			     m);
		for (i = 0; i < n; i++)
			if (strcmp(got[i], ip[i]))
				DIFF("IPv%d #%d: %.63s, ip says %.63s", v6 ? 6 : 4,
				     i, got[i], ip[i]);
		if (!v6) {
			if (prop_sz(list, cb, u"Address", s, sizeof(s)) ||
			    strcmp(s, n ? ip[0] : ""))
				DIFF("Address %s", s);
		}
	}
	if (ResUtilFindDwordProperty(list, cb, u"DhcpEnabled", &dw) ||
	    dw != dhcp)
		DIFF("DhcpEnabled %u", dw);
#undef DIFF
	free(list);
	return NULL;
}

/* Until they agree (addresses settle: DAD, link-local) or time is up. */
static void check_props(struct __test_metadata *_metadata, HNETINTERFACE h,
			const char *name, const char *ifname,
			const char *network, int bound, DWORD dhcp)
{
	long long end = cn_now_ms() + CN_WAIT_MS;
	const char *why;
	char buf[512];

	while ((why = props_vs_ip(h, name, ifname, network, bound, dhcp, buf,
				  sizeof(buf))) && cn_now_ms() < end)
		cn_sleep_ms(50);
	ASSERT_EQ(NULL, why) TH_LOG("%s: %s", name, why);
}

TEST_F(fam, properties_match_ip_eth)
{
	HNETINTERFACE h0, h1;
	void *list;
	DWORD cb, err, need = 0, ret;

	NEED_DEV();
	h0 = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	h1 = OpenClusterNetInterfaceEx(self->hc, ETH1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h0);
	ASSERT_NE(NULL, h1);
	check_props(_metadata, h0, CN_ETH0, "eth0", CN_NET_ETH0, 1, 0);
	check_props(_metadata, h1, CN_ETH1, "eth1", CN_NET_ETH1, 1, 0);

	/* list size boundaries: 0, needed - 1, needed */
	ASSERT_EQ(ERROR_MORE_DATA,
		  CTL(h0, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, NULL,
		      0, &need));
	ASSERT_LT(100, need);
	ASSERT_EQ(0, need % 4);
	list = malloc(need);
	ASSERT_NE(NULL, list);
	ret = 0;
	ASSERT_EQ(ERROR_MORE_DATA,
		  CTL(h0, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, list,
		      need - 1, &ret));
	ASSERT_EQ(need, ret);
	ASSERT_EQ(ERROR_SUCCESS,
		  CTL(h0, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, list,
		      need, &ret));
	ASSERT_EQ(need, ret);
	free(list);

	/* GET_COMMON: the read-write ones, i.e. Description alone */
	list = ctl_get(h0, CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES, &cb,
		       &err);
	ASSERT_NE(NULL, list) TH_LOG("error %u", err);
	ASSERT_EQ(0, ClusnetPropListValidate(list, cb, &need));
	ASSERT_EQ(1, need);
	ASSERT_EQ(0, ResUtilFindSzProperty(list, cb, u"Description", NULL));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  ResUtilFindSzProperty(list, cb, u"Name", NULL));
	free(list);
	ASSERT_TRUE(CloseClusterNetInterface(h0));
	ASSERT_TRUE(CloseClusterNetInterface(h1));
}

TEST_F(fam, properties_match_ip_dummy)
{
	const char *d, *o, *d2, *o2;
	char16_t buf[64];
	char net[64];
	HNETINTERFACE h, h2;
	DWORD ret;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	/* several IPv4 (a secondary one too) and IPv6 addresses */
	d = add_dummy(_metadata, self,
		      "10.76.0.1/24 10.76.0.2/24 10.75.0.1/16 "
		      "fd00:76::1/64 fd00:76::2/64");
	ASSERT_NE(NULL, d);
	o = add_obj(self, "addrs", d, NULL, NULL);
	ASSERT_NE(NULL, o);
	h = open_if(self->hc, o, GENERIC_READ);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ERROR_SUCCESS,
		  CTL(h, CLUSCTL_NETINTERFACE_GET_NETWORK, buf, sizeof(buf),
		      &ret));
	a(net, buf, sizeof(net));
	check_props(_metadata, h, o, d, net, 1, 0);
	/* addresses change: the properties follow */
	ASSERT_EQ(0, cn_sh("ip addr del 10.76.0.1/24 dev %s && "
			   "ip addr add fd00:77::9/64 dev %s", d, d));
	ASSERT_EQ(ERROR_SUCCESS,
		  CTL(h, CLUSCTL_NETINTERFACE_GET_NETWORK, buf, sizeof(buf),
		      &ret));
	a(net, buf, sizeof(net));
	check_props(_metadata, h, o, d, net, 1, 0);

	/* an address with a finite lifetime, as DHCP gives: DhcpEnabled */
	d2 = add_dummy(_metadata, self, "");
	ASSERT_NE(NULL, d2);
	ASSERT_EQ(0, cn_sh("ip addr add 10.74.0.9/24 dev %s valid_lft 600 "
			   "preferred_lft 600", d2));
	o2 = add_obj(self, "dhcp", d2, NULL, NULL);
	ASSERT_NE(NULL, o2);
	h2 = open_if(self->hc, o2, GENERIC_READ);
	ASSERT_NE(NULL, h2);
	ASSERT_EQ(ERROR_SUCCESS,
		  CTL(h2, CLUSCTL_NETINTERFACE_GET_NETWORK, buf, sizeof(buf),
		      &ret));
	a(net, buf, sizeof(net));
	check_props(_metadata, h2, o2, d2, net, 1, 1);

	/* without its NIC: no MAC, no addresses, no network */
	cn_link_del(d2);
	check_props(_metadata, h2, o2, d2, "", 0, 0);
	ASSERT_TRUE(CloseClusterNetInterface(h));
	ASSERT_TRUE(CloseClusterNetInterface(h2));
}

/* ---- SET / VALIDATE_COMMON_PROPERTIES ----------------------------------------- */

/* The Description through GET_COMMON_PROPERTIES, ASCII. */
static DWORD get_desc(HNETINTERFACE h, char16_t *out, size_t max)
{
	DWORD cb = 0, err;
	void *list = ctl_get(h, CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES,
			     &cb, &err);
	LPWSTR s = NULL;

	if (!list)
		return err;
	err = ResUtilFindSzProperty(list, cb, u"Description", &s);
	if (!err) {
		if (wlen(s) < max) {
			memcpy(out, s, (wlen(s) + 1) * 2);
		} else {
			err = ERROR_MORE_DATA;
		}
		LocalFree(s);
	}
	free(list);
	return err;
}

static DWORD set_list(HNETINTERFACE h, DWORD code, PCLUSNET_PROPLIST pl)
{
	DWORD cb = 0, ret;
	const void *d = ClusnetPropListData(pl, &cb);

	return ClusterNetInterfaceControl(h, NULL, code, (LPVOID)d, cb, NULL, 0,
					  &ret);
}

static DWORD set_desc(HNETINTERFACE h, DWORD code, const char16_t *desc)
{
	PCLUSNET_PROPLIST pl = ClusnetPropListCreate();
	DWORD err;

	if (!pl)
		return ERROR_NOT_ENOUGH_MEMORY;
	err = ClusnetPropListAddSz(pl, u"Description", desc);
	if (!err)
		err = set_list(h, code, pl);
	ClusnetPropListFree(pl);
	return err;
}

#define SET CLUSCTL_NETINTERFACE_SET_COMMON_PROPERTIES
#define VALIDATE CLUSCTL_NETINTERFACE_VALIDATE_COMMON_PROPERTIES

TEST_F(fam, set_common_properties_read_handle)
{
	HNETINTERFACE h;
	char16_t d[CLUSNET_DESC_MAX + 2];

	NEED_DEV();
	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_EQ(ERROR_ACCESS_DENIED, set_desc(h, SET, u"nope"));
	/* validating is a read code */
	ASSERT_EQ(ERROR_SUCCESS, set_desc(h, VALIDATE, u"fine"));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_desc(h, VALIDATE, u"\xd800"));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

TEST_F(fam, set_common_properties)
{
	static char16_t longd[CLUSNET_DESC_MAX + 2];
	char16_t d[CLUSNET_DESC_MAX + 2];
	struct clusnet_info info;
	PCLUSNET_PROPLIST pl;
	const char *o;
	HNETINTERFACE h;
	const void *raw;
	uint8_t *bad;
	DWORD cb, ret, err;
	int fd, i;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	o = add_obj(self, "desc", "cntnonic3", NULL, NULL);
	ASSERT_NE(NULL, o);
	h = open_if(self->hc, o, GENERIC_ALL);
	ASSERT_NE(NULL, h);
	fd = cn_open(self->dev, o, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, fd);

	ASSERT_EQ(ERROR_SUCCESS, set_desc(h, SET, u"Rack 4 \u2014 uplink"));
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_TRUE(weq(u"Rack 4 \u2014 uplink", d));
	ASSERT_EQ(0, cn_info(fd, &info));
	ASSERT_STREQ("Rack 4 \xe2\x80\x94 uplink", info.description);
	/* VALIDATE does not apply */
	ASSERT_EQ(ERROR_SUCCESS, set_desc(h, VALIDATE, u"other"));
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_TRUE(weq(u"Rack 4 \u2014 uplink", d));

	/* the longest there is, and one more */
	for (i = 0; i < CLUSNET_DESC_MAX; i++)
		longd[i] = 'a' + i % 26;
	ASSERT_EQ(ERROR_SUCCESS, set_desc(h, SET, longd));
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_TRUE(weq(longd, d));
	longd[CLUSNET_DESC_MAX] = 'x';
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_desc(h, SET, longd));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_desc(h, VALIDATE, longd));
	longd[CLUSNET_DESC_MAX] = 0;
	/* an unpaired surrogate is no text */
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  set_desc(h, SET, (const char16_t[]){ 'a', 0xd800, 0 }));

	/* read-only and unknown properties, and the wrong format */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Description", u"partial"));
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Name", u"renamed"));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_list(h, SET, pl));
	ClusnetPropListFree(pl);
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_TRUE(weq(longd, d));	/* nothing applied */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Foo", u"bar"));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_list(h, SET, pl));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_list(h, VALIDATE, pl));
	ClusnetPropListFree(pl);
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"Description", 1));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, set_list(h, SET, pl));
	ClusnetPropListFree(pl);

	/* no list, a list too short for its count, malformed lists */
	ASSERT_EQ(RPC_X_BAD_STUB_DATA,
		  ClusterNetInterfaceControl(h, NULL, SET, NULL, 0, NULL, 0,
					     &ret));
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Description", u"cut"));
	raw = ClusnetPropListData(pl, &cb);
	bad = malloc(cb);
	ASSERT_NE(NULL, bad);
	memcpy(bad, raw, cb);
	for (i = 0; i < (int)cb; i++) {
		err = ClusterNetInterfaceControl(h, NULL, SET, bad, i, NULL, 0,
						 &ret);
		ASSERT_EQ(i < 4 ? ERROR_INSUFFICIENT_BUFFER : ERROR_INVALID_DATA,
			  err) TH_LOG("%d of %u bytes", i, cb);
	}
	free(bad);
	ClusnetPropListFree(pl);

	/* an empty list changes nothing; the last of two wins; "" clears */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(ERROR_SUCCESS, set_list(h, SET, pl));
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Description", u"first"));
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"DESCRIPTION", u"second"));
	ASSERT_EQ(ERROR_SUCCESS, set_list(h, SET, pl));
	ClusnetPropListFree(pl);
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_TRUE(weq(u"second", d));
	ASSERT_EQ(ERROR_SUCCESS, set_desc(h, SET, u""));
	ASSERT_EQ(0, get_desc(h, d, CLUSNET_DESC_MAX + 2));
	ASSERT_EQ(0, d[0]);

	/* once the object is gone */
	ASSERT_EQ(0, cn_delete(self->dev, o));
	self->nobjs = 0;
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
		  CTL(h, CLUSCTL_NETINTERFACE_GET_NAME, d, sizeof(d), &ret));
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
		  set_desc(h, SET, u"late"));
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
		  set_desc(h, VALIDATE, u"late"));
	close(fd);
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

/* ---- notifications --------------------------------------------------------------- */

struct note {
	DWORD_PTR key;
	DWORD filter;
	char name[300];
};

static DWORD next_note(HCHANGE hc, struct note *n, DWORD ms)
{
	char16_t buf[300];
	DWORD cch = 300, err;

	n->key = 0;
	n->filter = 0;
	err = GetClusterNotify(hc, &n->key, &n->filter, buf, &cch, ms);
	if (!err)
		a(n->name, buf, sizeof(n->name));
	return err;
}

/*
 * Read notifications until one with that filter and name comes (1), or
 * none comes for CN_WAIT_MS (0). Others are skipped.
 */
static int wait_note(HCHANGE hc, DWORD filter, const char *name,
		     DWORD_PTR key)
{
	long long end = cn_now_ms() + CN_WAIT_MS;
	struct note n;

	while (cn_now_ms() < end) {
		if (next_note(hc, &n, CN_WAIT_MS))
			return 0;
		if (n.filter == filter && !strcmp(n.name, name) &&
		    n.key == key)
			return 1;
	}
	return 0;
}

TEST_F(fam, notify_errors_and_timeouts)
{
	DWORD_PTR key;
	DWORD filter, cch = 10;
	char16_t buf[10];
	long long t0;
	HCHANGE hp;

	NEED_DEV();
	SetLastError(0);
	ASSERT_EQ(NULL, CreateClusterNotifyPort(INVALID_HANDLE_VALUE, NULL,
						NETIF_ALL, 1));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(NULL, CreateClusterNotifyPort((HCHANGE)self->hc, self->hc,
						NETIF_ALL, 1));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  GetClusterNotify(NULL, &key, &filter, buf, &cch, 0));
	ASSERT_FALSE(CloseClusterNotifyPort(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());

	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc, NETIF_ALL,
				     1);
	ASSERT_NE(NULL, hp) TH_LOG("error %u", GetLastError());
	/* adding the cluster again to the same port returns the port */
	ASSERT_EQ(hp, CreateClusterNotifyPort(hp, self->hc,
					      CLUSTER_CHANGE_NETINTERFACE_STATE,
					      2));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  GetClusterNotify(hp, &key, &filter, buf, NULL, 0));
	t0 = cn_now_ms();
	ASSERT_EQ(WAIT_TIMEOUT, GetClusterNotify(hp, &key, &filter, buf, &cch,
						 0));
	ASSERT_EQ(WAIT_TIMEOUT, GetClusterNotify(hp, &key, &filter, buf, &cch,
						 300));
	ASSERT_LE(300, cn_now_ms() - t0);
	/* RegisterClusterNotify takes clusnet handles and their filters */
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NETINTERFACE_STATE,
					hp, 3));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NETINTERFACE_STATE,
					NULL, 3));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));

	/* a port on no cluster: only timeouts */
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, INVALID_HANDLE_VALUE,
				     0, 0);
	ASSERT_NE(NULL, hp);
	ASSERT_EQ(WAIT_TIMEOUT, GetClusterNotify(hp, &key, &filter, buf, &cch,
						 50));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

/* Objects added and deleted; the name buffer protocol on the way. */
TEST_F(fam, notify_added_deleted)
{
	char16_t buf[100], wo[100];
	DWORD_PTR key;
	DWORD filter, cch, n;
	const char *o;
	HCHANGE hp;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_NETINTERFACE_ADDED |
				     CLUSTER_CHANGE_NETINTERFACE_DELETED, 42);
	ASSERT_NE(NULL, hp);
	o = add_obj(self, "added", "cntnonic4", NULL, NULL);
	ASSERT_NE(NULL, o);
	w(wo, o);
	n = (DWORD)strlen(o);

	/* 0 and needed - 1: the notification stays for the next call */
	cch = 0;
	key = 0;
	filter = 0;
	ASSERT_EQ(ERROR_MORE_DATA, GetClusterNotify(hp, &key, &filter, buf,
						    &cch, CN_WAIT_MS));
	ASSERT_EQ(n, cch);
	ASSERT_EQ(42, key);
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_ADDED, filter);
	memset(buf, 0x55, sizeof(buf));
	cch = n;
	ASSERT_EQ(ERROR_MORE_DATA, GetClusterNotify(hp, &key, &filter, buf,
						    &cch, 0));
	ASSERT_EQ(n, cch);
	ASSERT_EQ(0x5555, buf[0]);
	cch = n + 1;
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNotify(hp, &key, &filter, buf, &cch,
						  0));
	ASSERT_EQ(n, cch);
	ASSERT_TRUE(weq(wo, buf));
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_ADDED, filter);
	ASSERT_EQ(42, key);
	/* consumed */
	cch = 100;
	ASSERT_EQ(WAIT_TIMEOUT, GetClusterNotify(hp, &key, &filter, buf, &cch,
						 0));

	ASSERT_EQ(0, cn_delete(self->dev, o));
	self->nobjs = 0;
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_DELETED, o, 42));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

/* Link down/up, carrier loss, NIC removal and return, per cluster port. */
TEST_F(fam, notify_link_carrier_removal)
{
	const char *d, *o;
	char ifn[IFNAMSIZ];
	HNETINTERFACE h;
	HCHANGE hp;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	d = add_dummy(_metadata, self, "10.73.0.1/24");
	ASSERT_NE(NULL, d);
	snprintf(ifn, sizeof(ifn), "%s", d);
	o = add_obj(self, "link", d, NULL, NULL);
	ASSERT_NE(NULL, o);
	h = open_if(self->hc, o, GENERIC_READ);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ClusterNetInterfaceUp, wait_if_state(h, ClusterNetInterfaceUp));
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_NETINTERFACE_STATE |
				     CLUSTER_CHANGE_NETINTERFACE_PROPERTY, 7);
	ASSERT_NE(NULL, hp);

	ASSERT_EQ(0, cn_sh("ip link set %s down", ifn));
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_STATE, o, 7));
	ASSERT_EQ(ClusterNetInterfaceFailed, GetClusterNetInterfaceState(h));
	ASSERT_EQ(0, cn_sh("ip link set %s up", ifn));
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_STATE, o, 7));
	ASSERT_EQ(ClusterNetInterfaceUp, wait_if_state(h, ClusterNetInterfaceUp));

	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", ifn));
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_STATE, o, 7));
	ASSERT_EQ(ClusterNetInterfaceFailed, GetClusterNetInterfaceState(h));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on", ifn));
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_STATE, o, 7));
	ASSERT_EQ(ClusterNetInterfaceUp, wait_if_state(h, ClusterNetInterfaceUp));

	/* removal: state (Unavailable) and properties (no NIC) change */
	cn_link_del(ifn);
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_STATE, o, 7));
	ASSERT_EQ(ClusterNetInterfaceUnavailable,
		  GetClusterNetInterfaceState(h));
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_PROPERTY, o, 7));
	/* and return */
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up",
			   ifn, ifn));
	ASSERT_TRUE(wait_note(hp, CLUSTER_CHANGE_NETINTERFACE_PROPERTY, o, 7));
	ASSERT_EQ(ClusterNetInterfaceUp, wait_if_state(h, ClusterNetInterfaceUp));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

/* RegisterClusterNotify: one object's events through its handle. */
TEST_F(fam, notify_registered_handle)
{
	const char *d, *o, *other;
	HNETINTERFACE h, hw;
	struct note n;
	HCHANGE hp;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	d = add_dummy(_metadata, self, "");
	ASSERT_NE(NULL, d);
	o = add_obj(self, "reg", d, NULL, NULL);
	other = add_obj(self, "other", "cntnonic5", NULL, NULL);
	ASSERT_NE(NULL, o);
	ASSERT_NE(NULL, other);
	h = open_if(self->hc, o, GENERIC_READ);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ClusterNetInterfaceUp, wait_if_state(h, ClusterNetInterfaceUp));
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, INVALID_HANDLE_VALUE,
				     0, 0);
	ASSERT_NE(NULL, hp);
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  RegisterClusterNotify(hp, 0, h, 9));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  RegisterClusterNotify(hp, 0x00000001 /* NODE_STATE */, h, 9));
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NETINTERFACE_STATE |
					CLUSTER_CHANGE_NETINTERFACE_DELETED,
					h, 9));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", d));
	ASSERT_EQ(ERROR_SUCCESS, next_note(hp, &n, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_STATE, n.filter);
	ASSERT_STREQ(o, n.name);
	ASSERT_EQ(9, n.key);
	/* not this object's, and not asked for: nothing */
	ASSERT_EQ(0, cn_delete(self->dev, other));
	hw = open_if(self->hc, o, GENERIC_ALL);
	ASSERT_NE(NULL, hw);
	ASSERT_EQ(ERROR_SUCCESS, set_desc(hw, SET, u"property, unasked"));
	ASSERT_TRUE(CloseClusterNetInterface(hw));
	ASSERT_EQ(WAIT_TIMEOUT, next_note(hp, &n, 200));
	/* its deletion, then the end */
	ASSERT_EQ(0, cn_delete(self->dev, o));
	ASSERT_EQ(ERROR_SUCCESS, next_note(hp, &n, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_DELETED, n.filter);
	ASSERT_STREQ(o, n.name);
	ASSERT_EQ(WAIT_TIMEOUT, next_note(hp, &n, 100));
	self->nobjs = 0;
	/* closing the handle ends the registration (HANDLE_CLOSE unasked) */
	ASSERT_TRUE(CloseClusterNetInterface(h));
	ASSERT_EQ(WAIT_TIMEOUT, next_note(hp, &n, 100));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

/*
 * A reader that fell behind: CLUSTER_CHANGE_CLUSTER_RECONNECT (named after
 * the cluster, whatever the filter), then the records the kernel kept.
 */
TEST_F(fam, notify_overflow)
{
	HCHANGE hp, hr;
	HNETINTERFACE h, hreg;
	struct note n;
	const char *o;
	int i, named = 0;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	o = add_obj(self, "ovf", "cntnonic6", NULL, NULL);
	ASSERT_NE(NULL, o);
	h = open_if(self->hc, o, GENERIC_ALL);
	ASSERT_NE(NULL, h);
	hreg = open_if(self->hc, o, GENERIC_READ);
	ASSERT_NE(NULL, hreg);
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_NETINTERFACE_PROPERTY |
				     CLUSTER_CHANGE_NETINTERFACE_STATE, 5);
	ASSERT_NE(NULL, hp);
	hr = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, INVALID_HANDLE_VALUE,
				     0, 0);
	ASSERT_NE(NULL, hr);
	ASSERT_EQ(0, RegisterClusterNotify(hr,
					   CLUSTER_CHANGE_NETINTERFACE_PROPERTY,
					   hreg, 6));
	/* more than the namespace's ring (256) and the object's (16) */
	for (i = 0; i < CLUSNET_CLUSTER_EVENT_RING + 44; i++) {
		char16_t d[32];
		char t[32];

		snprintf(t, sizeof(t), "d%d", i);
		ASSERT_EQ(ERROR_SUCCESS, set_desc(h, SET, w(d, t)));
	}

	/* the cluster port: one reconnect, then 256 kept */
	ASSERT_EQ(0, next_note(hp, &n, 0));
	ASSERT_EQ(CLUSTER_CHANGE_CLUSTER_RECONNECT, n.filter);
	ASSERT_STREQ(CN_NODE, n.name);
	ASSERT_EQ(5, n.key);
	while (next_note(hp, &n, 0) == ERROR_SUCCESS) {
		ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_PROPERTY, n.filter);
		ASSERT_STREQ(o, n.name);
		named++;
	}
	ASSERT_EQ(CLUSNET_CLUSTER_EVENT_RING, named);

	/* the registered handle: a reconnect, then 16 kept */
	ASSERT_EQ(0, next_note(hr, &n, 0));
	ASSERT_EQ(CLUSTER_CHANGE_CLUSTER_RECONNECT, n.filter);
	ASSERT_STREQ(CN_NODE, n.name);
	ASSERT_EQ(6, n.key);
	named = 0;
	while (next_note(hr, &n, 0) == ERROR_SUCCESS) {
		ASSERT_STREQ(o, n.name);
		named++;
	}
	ASSERT_EQ(CLUSNET_EVENT_RING, named);

	/* and it goes on normally */
	ASSERT_EQ(ERROR_SUCCESS, set_desc(h, SET, u"after"));
	ASSERT_EQ(0, next_note(hp, &n, CN_WAIT_MS));
	ASSERT_STREQ(o, n.name);
	ASSERT_EQ(0, next_note(hr, &n, CN_WAIT_MS));
	ASSERT_STREQ(o, n.name);
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
	ASSERT_TRUE(CloseClusterNotifyPort(hr));
	ASSERT_TRUE(CloseClusterNetInterface(h));
	ASSERT_TRUE(CloseClusterNetInterface(hreg));
}

struct waiter {
	HCHANGE hp;
	DWORD err;
	struct note n;
	int done;		/* eventfd-free: joined by the test */
};

static void *waiter_fn(void *arg)
{
	struct waiter *wt = arg;

	wt->err = next_note(wt->hp, &wt->n, INFINITE);
	return NULL;
}

/* A waiter sees sources registered while it waits, and the port closing. */
TEST_F(fam, notify_waiters)
{
	struct waiter wt = { 0 };
	const char *d, *o;
	HNETINTERFACE h;
	pthread_t t;

	NEED_DEV();
	wt.hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE,
					INVALID_HANDLE_VALUE, 0, 0);
	ASSERT_NE(NULL, wt.hp);
	/* INFINITE, then the port closes under it */
	ASSERT_EQ(0, pthread_create(&t, NULL, waiter_fn, &wt));
	cn_sleep_ms(100);	/* not synchronisation: either order passes */
	ASSERT_TRUE(CloseClusterNotifyPort(wt.hp));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, wt.err);

	if (!cn_is_admin())
		SKIP(return, "the rest makes a NIC");
	d = add_dummy(_metadata, self, "");
	ASSERT_NE(NULL, d);
	o = add_obj(self, "wait", d, NULL, NULL);
	ASSERT_NE(NULL, o);
	h = open_if(self->hc, o, GENERIC_READ);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ClusterNetInterfaceUp, wait_if_state(h, ClusterNetInterfaceUp));
	memset(&wt, 0, sizeof(wt));
	wt.hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE,
					INVALID_HANDLE_VALUE, 0, 0);
	ASSERT_NE(NULL, wt.hp);
	ASSERT_EQ(0, pthread_create(&t, NULL, waiter_fn, &wt));
	cn_sleep_ms(100);	/* (either order passes here too) */
	ASSERT_EQ(0, RegisterClusterNotify(wt.hp,
					   CLUSTER_CHANGE_NETINTERFACE_STATE,
					   h, 77));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", d));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(ERROR_SUCCESS, wt.err);
	ASSERT_EQ(77, wt.n.key);
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_STATE, wt.n.filter);
	ASSERT_STREQ(o, wt.n.name);
	ASSERT_TRUE(CloseClusterNotifyPort(wt.hp));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

TEST_HARNESS_MAIN
