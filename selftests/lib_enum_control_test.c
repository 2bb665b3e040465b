// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet: the object enumerations (ClusterOpenEnum, ClusterNodeOpenEnum,
 * ClusterNetworkOpenEnum and their Enum/GetEnumCount/CloseEnum), node and
 * network control codes, private properties, GetClusterNetInterfaceEx,
 * GetClusterFromNode/Network and GetClusterNodeId, in the test VM (node1 with eth0 on Cluster Network 1 and eth1 on
 * Cluster Network 2). Runs as root and as an unprivileged user; tests that
 * must create objects skip for the user.
 */
#include <stdio.h>

#include "clusapi.h"

/* Windows' constants are ints and sizes DWORDs: expectations mix them. */
#pragma GCC diagnostic ignored "-Wsign-compare"

#include "common.h"

#define NET1 u"Cluster Network 1"

#define NEED_DEV() do { \
	if (access(CN_DEV_PATH, F_OK)) \
		SKIP(return, "/dev/clusnet missing"); \
} while (0)

static char16_t *w(char16_t *dst, const char *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		dst[i] = (unsigned char)src[i];
	dst[i] = 0;
	return dst;
}

static char *a(char *dst, const char16_t *src, size_t max)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < max; i++)
		dst[i] = src[i] < 0x80 ? (char)src[i] : '?';
	dst[i] = 0;
	return dst;
}

struct item {
	DWORD type;
	char name[300];
};

/* Every entry of an enumeration, read with the buffer protocol. */
typedef DWORD (*enum_fn)(void *h, DWORD i, LPDWORD type, LPWSTR name,
			 LPDWORD cch);

static int read_all(struct __test_metadata *_metadata, void *h, enum_fn fn,
		    struct item *out, int max)
{
	char16_t buf[300];
	DWORD cch, type, err;
	int n;

	for (n = 0; n < max; n++) {
		/* first with no room: the length, without the NUL */
		cch = 0;
		type = 0xdead;
		err = fn(h, n, &type, NULL, &cch);
		if (err == ERROR_NO_MORE_ITEMS)
			return n;
		EXPECT_EQ(ERROR_MORE_DATA, err);
		cch++;
		err = fn(h, n, &type, buf, &cch);
		EXPECT_EQ(ERROR_SUCCESS, err);
		if (err)
			return -1;
		out[n].type = type;
		a(out[n].name, buf, sizeof(out[n].name));
		EXPECT_EQ(strlen(out[n].name), cch);
	}
	return n;
}

static DWORD clus_enum(void *h, DWORD i, LPDWORD t, LPWSTR n, LPDWORD c)
{
	return ClusterEnum(h, i, t, n, c);
}

static DWORD node_enum(void *h, DWORD i, LPDWORD t, LPWSTR n, LPDWORD c)
{
	return ClusterNodeEnum(h, i, t, n, c);
}

static DWORD net_enum(void *h, DWORD i, LPDWORD t, LPWSTR n, LPDWORD c)
{
	return ClusterNetworkEnum(h, i, t, n, c);
}

static int find(const struct item *it, int n, DWORD type, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (it[i].type == type && !strcmp(it[i].name, name))
			return i;
	return -1;
}

/* The kernel's objects and networks, to compare with. */
static int kernel_ifs(int dev, struct clusnet_if_entry *ents, int max)
{
	struct clusnet_enum e;

	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	e.entries = CN_PTR(ents);
	e.entry_size = sizeof(ents[0]);
	e.capacity = max;
	if (cn_ioctl(dev, CLUSNET_IOC_ENUM, &e))
		return -1;
	return e.count;
}

static int kernel_nets(int dev, struct clusnet_network_entry *ents, int max)
{
	struct clusnet_enum e;

	memset(&e, 0, sizeof(e));
	e.size = sizeof(e);
	e.entries = CN_PTR(ents);
	e.entry_size = sizeof(ents[0]);
	e.capacity = max;
	if (cn_ioctl(dev, CLUSNET_IOC_NETWORKS, &e))
		return -1;
	return e.count;
}

FIXTURE(ec)
{
	HCLUSTER hc;
	int dev;
	char objs[4][64];
	int nobjs;
};

FIXTURE_SETUP(ec)
{
	memset(self, 0, sizeof(*self));
	self->dev = -1;
	if (access(CN_DEV_PATH, F_OK))
		return;
	self->hc = OpenClusterEx(NULL, MAXIMUM_ALLOWED, NULL);
	ASSERT_NE(NULL, self->hc) TH_LOG("OpenClusterEx: %u", GetLastError());
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
}

FIXTURE_TEARDOWN(ec)
{
	int i;

	for (i = 0; i < self->nobjs; i++)
		cn_delete(self->dev, self->objs[i]);
	if (self->dev >= 0)
		close(self->dev);
	if (self->hc)
		EXPECT_TRUE(CloseCluster(self->hc));
}

/* An object of another node, on no NIC (root only). */
static const char *remote_obj(FIXTURE_DATA(ec) *self, const char *node)
{
	char *name = self->objs[self->nobjs];

	snprintf(name, sizeof(self->objs[0]), "%s - cnt%d", node, getpid());
	if (cn_create_ex(self->dev, name, node, NULL, "cntnonic9", 0, 0, 0644,
			 NULL))
		return NULL;
	self->nobjs++;
	return name;
}

/* ---- ClusterOpenEnum ------------------------------------------------------- */

TEST_F(ec, cluster_enum_matches_kernel)
{
	static struct clusnet_if_entry ifs[64];
	static struct clusnet_network_entry nets[64];
	static struct item it[200];
	HCLUSENUM he;
	int n, ni, nn, i, at;

	NEED_DEV();
	he = ClusterOpenEnum(self->hc, CLUSTER_ENUM_ALL |
			     CLUSTER_ENUM_INTERNAL_NETWORK);
	ASSERT_NE(NULL, he) TH_LOG("error %u", GetLastError());
	n = read_all(_metadata, he, clus_enum, it, 200);
	ASSERT_EQ(n, ClusterGetEnumCount(he));
	ASSERT_EQ(ERROR_SUCCESS, ClusterCloseEnum(he));
	ni = kernel_ifs(self->dev, ifs, 64);
	nn = kernel_nets(self->dev, nets, 64);
	ASSERT_LE(2, ni);
	ASSERT_LE(2, nn);
	/* Windows' order of types: this node first, then networks ... */
	ASSERT_EQ(CLUSTER_ENUM_NODE, it[0].type);
	ASSERT_STREQ(CN_NODE, it[0].name);
	at = find(it, n, CLUSTER_ENUM_NETWORK, nets[0].name);
	ASSERT_LT(0, at);
	for (i = 0; i < nn; i++) {
		ASSERT_EQ(at + i, find(it, n, CLUSTER_ENUM_NETWORK,
				       nets[i].name));
		ASSERT_EQ(at + nn + i,
			  find(it, n, CLUSTER_ENUM_INTERNAL_NETWORK,
			       nets[i].name));
	}
	/* ... and the interfaces last, in the kernel's order */
	for (i = 0; i < ni; i++)
		ASSERT_EQ(n - ni + i, find(it, n, CLUSTER_ENUM_NETINTERFACE,
					   ifs[i].name));
	ASSERT_EQ(n, at + 2 * nn + ni);
}

TEST_F(ec, cluster_enum_types_and_errors)
{
	static struct item it[64];
	HCLUSENUM he;
	DWORD cch = 10, type;
	char16_t buf[10];
	int n;

	NEED_DEV();
	/* what clusnet does not have: a valid, empty enumeration */
	he = ClusterOpenEnum(self->hc, CLUSTER_ENUM_GROUP |
			     CLUSTER_ENUM_RESOURCE | CLUSTER_ENUM_RESTYPE);
	ASSERT_NE(NULL, he);
	ASSERT_EQ(0, ClusterGetEnumCount(he));
	ASSERT_EQ(ERROR_NO_MORE_ITEMS, ClusterEnum(he, 0, &type, buf, &cch));
	ASSERT_EQ(ERROR_SUCCESS, ClusterCloseEnum(he));
	/* nodes only: this one */
	he = ClusterOpenEnum(self->hc, CLUSTER_ENUM_NODE);
	ASSERT_NE(NULL, he);
	n = read_all(_metadata, he, clus_enum, it, 64);
	ASSERT_LE(1, n);
	ASSERT_EQ(0, find(it, n, CLUSTER_ENUM_NODE, CN_NODE));
	/* a buffer one short: ERROR_MORE_DATA and the length */
	cch = strlen(CN_NODE);
	ASSERT_EQ(ERROR_MORE_DATA, ClusterEnum(he, 0, &type, buf, &cch));
	ASSERT_EQ(strlen(CN_NODE), cch);
	ASSERT_EQ(ERROR_INVALID_PARAMETER, ClusterEnum(he, 0, &type, buf,
						       NULL));
	ASSERT_EQ(ERROR_SUCCESS, ClusterCloseEnum(he));
	/* an unknown type bit; bad handles */
	ASSERT_EQ(NULL, ClusterOpenEnum(self->hc, 0x100));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, ClusterOpenEnum(NULL, CLUSTER_ENUM_NODE));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(ERROR_INVALID_HANDLE, ClusterCloseEnum(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  ClusterCloseEnum((HCLUSENUM)self->hc));
	ASSERT_EQ(0, ClusterGetEnumCount(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

/* Another node's object: the node is listed, and enumerates it. */
TEST_F(ec, remote_node_enum)
{
	static struct item it[64];
	HNODEENUM hne;
	HCLUSENUM he;
	HNODE hn;
	const char *o;
	char16_t buf[64];
	DWORD cch, err;
	int n;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	o = remote_obj(self, "cntnodeb");
	ASSERT_NE(NULL, o);
	he = ClusterOpenEnum(self->hc, CLUSTER_ENUM_NODE);
	ASSERT_NE(NULL, he);
	n = read_all(_metadata, he, clus_enum, it, 64);
	ASSERT_EQ(0, find(it, n, CLUSTER_ENUM_NODE, CN_NODE));
	ASSERT_LT(0, find(it, n, CLUSTER_ENUM_NODE, "cntnodeb"));
	ASSERT_EQ(ERROR_SUCCESS, ClusterCloseEnum(he));

	hn = OpenClusterNodeEx(self->hc, u"CNTNODEB", GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	hne = ClusterNodeOpenEnum(hn, CLUSTER_NODE_ENUM_NETINTERFACES);
	ASSERT_NE(NULL, hne);
	n = read_all(_metadata, hne, node_enum, it, 64);
	ASSERT_EQ(1, n);
	ASSERT_EQ(1, ClusterNodeGetEnumCount(hne));
	ASSERT_EQ(CLUSTER_NODE_ENUM_NETINTERFACES, it[0].type);
	ASSERT_STREQ(o, it[0].name);
	ASSERT_EQ(ERROR_SUCCESS, ClusterNodeCloseEnum(hne));
	/* its id follows this node's */
	cch = 64;
	err = GetClusterNodeId(hn, buf, &cch);
	ASSERT_EQ(ERROR_SUCCESS, err);
	ASSERT_LT(1, buf[0] - u'0');
	/* gone with its last object */
	ASSERT_EQ(0, cn_delete(self->dev, o));
	self->nobjs = 0;
	ASSERT_EQ(NULL, ClusterNodeOpenEnum(hn,
					    CLUSTER_NODE_ENUM_NETINTERFACES));
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	ASSERT_TRUE(CloseClusterNode(hn));
}

TEST_F(ec, node_and_network_enum)
{
	static struct item it[64];
	HNETWORKENUM hwe;
	HNODEENUM hne;
	HNETWORK hw;
	HNODE hn;
	int n;

	NEED_DEV();
	hn = OpenClusterNodeEx(self->hc, u"node1", GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	hne = ClusterNodeOpenEnum(hn, CLUSTER_NODE_ENUM_ALL);
	ASSERT_NE(NULL, hne);
	n = read_all(_metadata, hne, node_enum, it, 64);
	ASSERT_LE(0, find(it, n, CLUSTER_NODE_ENUM_NETINTERFACES, CN_ETH0));
	ASSERT_LE(0, find(it, n, CLUSTER_NODE_ENUM_NETINTERFACES, CN_ETH1));
	ASSERT_EQ(ERROR_SUCCESS, ClusterNodeCloseEnum(hne));
	ASSERT_EQ(NULL, ClusterNodeOpenEnum(hn, 0x10));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, ClusterNodeOpenEnum((HNODE)self->hc, 1));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_TRUE(CloseClusterNode(hn));

	hw = OpenClusterNetworkEx(self->hc, NET1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hw);
	hwe = ClusterNetworkOpenEnum(hw, CLUSTER_NETWORK_ENUM_NETINTERFACES);
	ASSERT_NE(NULL, hwe);
	n = read_all(_metadata, hwe, net_enum, it, 64);
	ASSERT_EQ(1, n);
	ASSERT_EQ(1, ClusterNetworkGetEnumCount(hwe));
	ASSERT_EQ(CLUSTER_NETWORK_ENUM_NETINTERFACES, it[0].type);
	ASSERT_STREQ(CN_ETH0, it[0].name);
	ASSERT_EQ(ERROR_SUCCESS, ClusterNetworkCloseEnum(hwe));
	ASSERT_EQ(ERROR_INVALID_HANDLE, ClusterNetworkCloseEnum(NULL));
	ASSERT_TRUE(CloseClusterNetwork(hw));
}

TEST_F(ec, get_netif_ex)
{
	char16_t buf[64];
	DWORD cb;

	NEED_DEV();
	cb = 0;
	ASSERT_EQ(ERROR_MORE_DATA,
		  GetClusterNetInterfaceEx(self->hc, u"node1", NET1, NULL,
					   &cb));
	/* "node1 - eth0", its NUL and the list's NUL, in bytes */
	ASSERT_EQ((strlen(CN_ETH0) + 2) * 2, cb);
	cb -= 1;
	ASSERT_EQ(ERROR_MORE_DATA,
		  GetClusterNetInterfaceEx(self->hc, u"node1", NET1, buf, &cb));
	cb = sizeof(buf);
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNetInterfaceEx(self->hc, u"NODE1", NET1, buf, &cb));
	ASSERT_EQ((strlen(CN_ETH0) + 2) * 2, cb);
	ASSERT_EQ(0, memcmp(buf, u"node1 - eth0\0", 14 * 2));
	cb = sizeof(buf);
	ASSERT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND,
		  GetClusterNetInterfaceEx(self->hc, u"nosuch", NET1, buf, &cb));
	ASSERT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND,
		  GetClusterNetInterfaceEx(self->hc, u"node1", u"nosuch", buf,
					   &cb));
}

/* ---- node and network handles ------------------------------------------------ */

TEST_F(ec, cluster_from_node_and_network)
{
	HCLUSTER h1, h2;
	HNETWORK hw;
	HNODE hn;
	DWORD cch = 8;
	char16_t id[8];

	NEED_DEV();
	hn = OpenClusterNodeEx(self->hc, u"node1", GENERIC_READ, NULL);
	hw = OpenClusterNetworkEx(self->hc, NET1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	ASSERT_NE(NULL, hw);
	h1 = GetClusterFromNode(hn);
	h2 = GetClusterFromNetwork(hw);
	ASSERT_NE(NULL, h1);
	ASSERT_NE(NULL, h2);
	ASSERT_NE(self->hc, h1);
	/* this node's id is 1, as the first node of a Windows cluster */
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNodeId(hn, id, &cch));
	ASSERT_EQ(1, cch);
	ASSERT_EQ(u'1', id[0]);
	ASSERT_TRUE(CloseClusterNode(hn));
	ASSERT_TRUE(CloseClusterNetwork(hw));
	/* the new cluster handles work on their own */
	hn = OpenClusterNodeEx(h1, u"node1", GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	ASSERT_TRUE(CloseClusterNode(hn));
	ASSERT_TRUE(CloseCluster(h1));
	ASSERT_TRUE(CloseCluster(h2));
	ASSERT_EQ(NULL, GetClusterFromNode(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
	ASSERT_EQ(NULL, GetClusterFromNetwork((HNETWORK)self->hc));
	ASSERT_EQ(ERROR_INVALID_HANDLE, GetLastError());
}

#define NCTL(h, code, in, insize, out, outsize, ret) \
	ClusterNodeControl(h, NULL, code, in, insize, out, outsize, ret)
#define WCTL(h, code, in, insize, out, outsize, ret) \
	ClusterNetworkControl(h, NULL, code, in, insize, out, outsize, ret)

static void check_wstr(struct __test_metadata *_metadata, const void *buf,
		       DWORD cb, const char *want)
{
	char got[300];

	ASSERT_EQ((strlen(want) + 1) * 2, cb);
	a(got, buf, sizeof(got));
	ASSERT_STREQ(want, got);
}

TEST_F(ec, node_control)
{
	char16_t buf[200];
	char got[200];
	DWORD ret, granted, v;
	LPWSTR s;
	HNODE hn;

	NEED_DEV();
	hn = OpenClusterNodeEx(self->hc, u"node1", MAXIMUM_ALLOWED, &granted);
	ASSERT_NE(NULL, hn);
	ASSERT_EQ(0x04000029, CLUSCTL_NODE_GET_NAME);
	ASSERT_EQ(ERROR_SUCCESS, NCTL(hn, CLUSCTL_NODE_UNKNOWN, NULL, 0,
				      NULL, 0, &ret));
	/* the Microsoft protocol: 4 bytes first, then what it said */
	ret = 0;
	ASSERT_EQ(ERROR_MORE_DATA, NCTL(hn, CLUSCTL_NODE_GET_NAME, NULL, 0,
					buf, 4, &ret));
	ASSERT_EQ(12, ret);
	ASSERT_EQ(ERROR_SUCCESS, NCTL(hn, CLUSCTL_NODE_GET_NAME, NULL, 0,
				      buf, ret, &ret));
	check_wstr(_metadata, buf, ret, CN_NODE);
	ASSERT_EQ(ERROR_SUCCESS, NCTL(hn, CLUSCTL_NODE_GET_ID, NULL, 0, buf,
				      sizeof(buf), &ret));
	check_wstr(_metadata, buf, ret, "1");
	ASSERT_EQ(ERROR_SUCCESS, NCTL(hn, CLUSCTL_NODE_GET_FLAGS, NULL, 0, &v,
				      4, &ret));
	ASSERT_EQ(4, ret);
	ASSERT_EQ(ERROR_SUCCESS, NCTL(hn, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES,
				      NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret, u"NodeName",
						       &s));
	ASSERT_STREQ(CN_NODE, a(got, s, sizeof(got)));
	LocalFree(s);
	/* only the read-write ones are enumerated */
	ASSERT_EQ(ERROR_SUCCESS, NCTL(hn, CLUSCTL_NODE_ENUM_COMMON_PROPERTIES,
				      NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(sizeof(u"Description") + 2, ret);
	ASSERT_EQ(0, memcmp(buf, u"Description\0", sizeof(u"Description") + 2));
	/* another kind's code, an unknown one */
	ASSERT_EQ(ERROR_INVALID_FUNCTION, NCTL(hn, CLUSCTL_NETWORK_GET_NAME,
					       NULL, 0, buf, sizeof(buf),
					       &ret));
	ASSERT_EQ(ERROR_INVALID_FUNCTION,
		  NCTL(hn, CLUSCTL_NODE_CODE(CLCTL_EXTERNAL_CODE(999, 1, 0)),
		       NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(ERROR_INVALID_HANDLE, NCTL(NULL, CLUSCTL_NODE_GET_NAME, NULL,
					     0, buf, sizeof(buf), &ret));
	ASSERT_EQ(granted == GENERIC_ALL ? RPC_X_BAD_STUB_DATA :
		  ERROR_ACCESS_DENIED,
		  NCTL(hn, CLUSCTL_NODE_SET_COMMON_PROPERTIES, NULL, 0, NULL, 0,
		       &ret));
	ASSERT_TRUE(CloseClusterNode(hn));
}

/* The network's subnet as `ip` computes it for eth0 ("10.0.0.0"). */
static int eth0_subnet(char *addr, char *mask)
{
	FILE *f = popen("ip -o -4 addr show dev eth0 | "
			"awk '{print $4; exit}'", "r");
	unsigned int b[4], len;
	uint32_t v, m;

	if (!f)
		return -1;
	if (fscanf(f, "%u.%u.%u.%u/%u", &b[0], &b[1], &b[2], &b[3], &len) !=
	    5) {
		pclose(f);
		return -1;
	}
	pclose(f);
	v = b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	m = len ? ~0U << (32 - len) : 0;
	v &= m;
	sprintf(addr, "%u.%u.%u.%u", v >> 24, (v >> 16) & 255, (v >> 8) & 255,
		v & 255);
	sprintf(mask, "%u.%u.%u.%u", m >> 24, (m >> 16) & 255, (m >> 8) & 255,
		m & 255);
	return 0;
}

TEST_F(ec, network_control)
{
	char16_t buf[256], idw[64];
	char got[64], addr[20], mask[20];
	DWORD ret, cch = 64, role;
	LPWSTR s;
	HNETWORK hw;

	NEED_DEV();
	hw = OpenClusterNetworkEx(self->hc, NET1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hw);
	ASSERT_EQ(0x05000029, CLUSCTL_NETWORK_GET_NAME);
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_GET_NAME, NULL, 0,
				      buf, sizeof(buf), &ret));
	check_wstr(_metadata, buf, ret, CN_NET_ETH0);
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNetworkId(hw, idw, &cch));
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_GET_ID, NULL, 0,
				      buf, sizeof(buf), &ret));
	check_wstr(_metadata, buf, ret, a(got, idw, sizeof(got)));
	/* read-only: the subnet, as ip(8) has it */
	ASSERT_EQ(0, eth0_subnet(addr, mask));
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES,
				      NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret, u"Address",
						       &s));
	ASSERT_STREQ(addr, a(got, s, sizeof(got)));
	LocalFree(s);
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret, u"AddressMask",
						       &s));
	ASSERT_STREQ(mask, a(got, s, sizeof(got)));
	LocalFree(s);
	/* read-write: Name, Role (both kinds of traffic), Description */
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_GET_COMMON_PROPERTIES,
				      NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret, u"Name", &s));
	ASSERT_STREQ(CN_NET_ETH0, a(got, s, sizeof(got)));
	LocalFree(s);
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindDwordProperty(buf, ret, u"Role",
							  &role));
	ASSERT_EQ(ClusterNetworkRoleInternalAndClient, role);
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_ENUM_COMMON_PROPERTIES,
				      NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(sizeof(u"Name\0Role\0Description") + 2, ret);
	ASSERT_EQ(ERROR_INVALID_FUNCTION, WCTL(hw, CLUSCTL_NODE_GET_NAME, NULL,
					       0, buf, sizeof(buf), &ret));
	ASSERT_EQ(ERROR_ACCESS_DENIED,
		  WCTL(hw, CLUSCTL_NETWORK_SET_COMMON_PROPERTIES, buf, 4, NULL,
		       0, &ret));
	ASSERT_TRUE(CloseClusterNetwork(hw));
}

/* SET_COMMON_PROPERTIES on a network: Role, Description, Name. */
TEST_F(ec, network_set_common)
{
	PCLUSNET_PROPLIST pl;
	const void *list;
	char16_t buf[256];
	char got[64];
	DWORD cb, ret, role;
	LPWSTR s;
	HNETWORK hw, hr;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	hw = OpenClusterNetworkEx(self->hc, NET1, GENERIC_ALL, NULL);
	ASSERT_NE(NULL, hw);
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"Role",
					     ClusterNetworkRoleInternalUse));
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Description", u"heartbeat"));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_SUCCESS,
		  WCTL(hw, CLUSCTL_NETWORK_VALIDATE_COMMON_PROPERTIES,
		       (void *)list, cb, NULL, 0, &ret));
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_SET_COMMON_PROPERTIES,
				      (void *)list, cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	/* another handle on it sees them */
	hr = OpenClusterNetworkEx(self->hc, NET1, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hr);
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hr, CLUSCTL_NETWORK_GET_COMMON_PROPERTIES,
				      NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindDwordProperty(buf, ret, u"Role",
							  &role));
	ASSERT_EQ(ClusterNetworkRoleInternalUse, role);
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret,
						       u"Description", &s));
	ASSERT_STREQ("heartbeat", a(got, s, sizeof(got)));
	LocalFree(s);
	/* a role Windows does not have; a read-only property; no name */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"Role", 7));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  WCTL(hw, CLUSCTL_NETWORK_SET_COMMON_PROPERTIES, (void *)list,
		       cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Address", u"10.9.9.0"));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  WCTL(hw, CLUSCTL_NETWORK_SET_COMMON_PROPERTIES, (void *)list,
		       cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Name", u""));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_INVALID_NAME,
		  WCTL(hw, CLUSCTL_NETWORK_SET_COMMON_PROPERTIES, (void *)list,
		       cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	/* a rename through the property, and back */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Name", u"cnt Renamed"));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hw, CLUSCTL_NETWORK_SET_COMMON_PROPERTIES,
				      (void *)list, cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	ASSERT_EQ(ERROR_SUCCESS, WCTL(hr, CLUSCTL_NETWORK_GET_NAME, NULL, 0,
				      buf, sizeof(buf), &ret));
	check_wstr(_metadata, buf, ret, "cnt Renamed");
	ASSERT_EQ(ERROR_SUCCESS, SetClusterNetworkName(hw, NET1));
	ASSERT_TRUE(CloseClusterNetwork(hr));
	ASSERT_TRUE(CloseClusterNetwork(hw));
}

/* ---- private properties ---------------------------------------------------- */

/* Private properties stay with the object, whichever handle set them. */
static void check_private(struct __test_metadata *_metadata,
			  DWORD (*ctl)(void *h, DWORD code, void *in,
				       DWORD insize, void *out, DWORD outsize,
				       DWORD *ret),
			  void *hset, void *hget, DWORD base)
{
	PCLUSNET_PROPLIST pl;
	const void *list;
	static char16_t buf[1024];
	char got[64];
	DWORD cb, ret, v;
	LPWSTR s;

#define CODE(f) (base | CLCTL_##f)
	/* none yet */
	ASSERT_EQ(ERROR_SUCCESS, ctl(hget, CODE(GET_PRIVATE_PROPERTIES), NULL,
				     0, buf, sizeof(buf), &ret));
	ASSERT_EQ(4, ret);
	/* input checks: no buffer, too short for a list, malformed */
	ASSERT_EQ(RPC_X_BAD_STUB_DATA, ctl(hset, CODE(SET_PRIVATE_PROPERTIES),
					   NULL, 0, NULL, 0, &ret));
	ASSERT_EQ(RPC_X_BAD_STUB_DATA,
		  ctl(hset, CODE(VALIDATE_PRIVATE_PROPERTIES), NULL, 8, NULL,
		      0, &ret));
	v = 1;
	ASSERT_EQ(ERROR_INSUFFICIENT_BUFFER,
		  ctl(hset, CODE(SET_PRIVATE_PROPERTIES), &v, 3, NULL, 0,
		      &ret));
	ASSERT_EQ(ERROR_INVALID_DATA, ctl(hset, CODE(SET_PRIVATE_PROPERTIES),
					  &v, 4, NULL, 0, &ret));
	/* validate stores nothing; set does */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Owner", u"alice"));
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"Weight", 5));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_SUCCESS, ctl(hset, CODE(VALIDATE_PRIVATE_PROPERTIES),
				     (void *)list, cb, NULL, 0, &ret));
	ASSERT_EQ(ERROR_SUCCESS, ctl(hget, CODE(GET_PRIVATE_PROPERTIES), NULL,
				     0, buf, sizeof(buf), &ret));
	ASSERT_EQ(4, ret);
	ASSERT_EQ(ERROR_SUCCESS, ctl(hset, CODE(SET_PRIVATE_PROPERTIES),
				     (void *)list, cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	/* a second set replaces Weight, keeps Owner */
	pl = ClusnetPropListCreate();
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"WEIGHT", 7));
	list = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(ERROR_SUCCESS, ctl(hset, CODE(SET_PRIVATE_PROPERTIES),
				     (void *)list, cb, NULL, 0, &ret));
	ClusnetPropListFree(pl);
	ret = 0;
	ASSERT_EQ(ERROR_MORE_DATA, ctl(hget, CODE(GET_PRIVATE_PROPERTIES),
				       NULL, 0, buf, 4, &ret));
	ASSERT_LT(4, ret);
	ASSERT_EQ(ERROR_SUCCESS, ctl(hget, CODE(GET_PRIVATE_PROPERTIES), NULL,
				     0, buf, ret, &ret));
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret, u"Owner", &s));
	ASSERT_STREQ("alice", a(got, s, sizeof(got)));
	LocalFree(s);
	ASSERT_EQ(ERROR_SUCCESS, ResUtilFindDwordProperty(buf, ret, u"Weight",
							  &v));
	ASSERT_EQ(7, v);
	/* their names; none read-only */
	ASSERT_EQ(ERROR_SUCCESS, ctl(hget, CODE(ENUM_PRIVATE_PROPERTIES), NULL,
				     0, buf, sizeof(buf), &ret));
	ASSERT_EQ(sizeof(u"Owner\0WEIGHT") + 2, ret);
	ASSERT_EQ(0, memcmp(buf, u"Owner\0WEIGHT\0", sizeof(u"Owner\0WEIGHT") + 2));
	/* what was set is read-write: not among the read-only ones */
	ASSERT_EQ(ERROR_SUCCESS, ctl(hget, CODE(GET_RO_PRIVATE_PROPERTIES),
				     NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_NE(ERROR_SUCCESS, ResUtilFindSzProperty(buf, ret, u"Owner", &s));
	ASSERT_NE(ERROR_SUCCESS, ResUtilFindDwordProperty(buf, ret, u"Weight",
							  &v));
#undef CODE
}

static DWORD if_ctl(void *h, DWORD code, void *in, DWORD insize, void *out,
		    DWORD outsize, DWORD *ret)
{
	return ClusterNetInterfaceControl(h, NULL, code, in, insize, out,
					  outsize, ret);
}

static DWORD node_ctl(void *h, DWORD code, void *in, DWORD insize, void *out,
		      DWORD outsize, DWORD *ret)
{
	return ClusterNodeControl(h, NULL, code, in, insize, out, outsize, ret);
}

static DWORD net_ctl(void *h, DWORD code, void *in, DWORD insize, void *out,
		     DWORD outsize, DWORD *ret)
{
	return ClusterNetworkControl(h, NULL, code, in, insize, out, outsize,
				     ret);
}

TEST_F(ec, private_properties)
{
	HCLUSTER hc2;
	HNETINTERFACE hi, hi2;
	HNODE hn, hn2;
	HNETWORK hw, hw2;
	char name[64];
	char16_t wn[64];
	const char *o;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	/* fresh objects: nothing stored for them in this process yet */
	o = remote_obj(self, "cntprivnode");
	ASSERT_NE(NULL, o);
	/* set through one cluster connection, read through another */
	hc2 = OpenCluster(NULL);
	ASSERT_NE(NULL, hc2);
	hi = OpenClusterNetInterface(self->hc, w(wn, o));
	hi2 = OpenClusterNetInterfaceEx(hc2, wn, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hi);
	ASSERT_NE(NULL, hi2);
	check_private(_metadata, if_ctl, hi, hi2,
		      CLUS_OBJECT_NETINTERFACE << CLUSCTL_OBJECT_SHIFT);
	ASSERT_TRUE(CloseClusterNetInterface(hi));
	ASSERT_TRUE(CloseClusterNetInterface(hi2));
	hn = OpenClusterNode(self->hc, u"cntprivnode");
	hn2 = OpenClusterNodeEx(hc2, u"CNTPRIVNODE", GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	ASSERT_NE(NULL, hn2);
	check_private(_metadata, node_ctl, hn, hn2,
		      CLUS_OBJECT_NODE << CLUSCTL_OBJECT_SHIFT);
	ASSERT_TRUE(CloseClusterNode(hn));
	ASSERT_TRUE(CloseClusterNode(hn2));
	/* the network of eth1: private properties of no other test */
	snprintf(name, sizeof(name), "%s", CN_NET_ETH1);
	hw = OpenClusterNetwork(self->hc, w(wn, name));
	hw2 = OpenClusterNetworkEx(hc2, wn, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hw);
	ASSERT_NE(NULL, hw2);
	check_private(_metadata, net_ctl, hw, hw2,
		      CLUS_OBJECT_NETWORK << CLUSCTL_OBJECT_SHIFT);
	ASSERT_TRUE(CloseClusterNetwork(hw));
	ASSERT_TRUE(CloseClusterNetwork(hw2));
	ASSERT_TRUE(CloseCluster(hc2));
}

TEST_HARNESS_MAIN
