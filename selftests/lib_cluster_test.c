// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet in a cluster, on one node: what clusnetd feeds the kernel
 * (the cluster's name, the node table, other nodes' interfaces) is fed
 * here with the same admin ioctls, and the Windows calls must answer
 * from it: OpenCluster by the cluster's and the nodes' names,
 * GetClusterInformation, the nodes' states and corosync ids, the node
 * enumeration in id order, a remote interface's state, and a write to a
 * remote interface, which waits for clusnetd's answer (the test answers
 * in its place). Outside a cluster, the answers stay those of a one-node
 * cluster.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "clusapi.h"

/* Windows' constants are ints and sizes DWORDs: expectations mix them. */
#pragma GCC diagnostic ignored "-Wsign-compare"

#include "common.h"

static char16_t *w(char16_t *dst, const char *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		dst[i] = (unsigned char)src[i];
	dst[i] = 0;
	return dst;
}

static void a(char *dst, const char16_t *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		dst[i] = (char)src[i];
	dst[i] = 0;
}

#define NEED_ADMIN() do { \
	if (!cn_is_admin()) \
		SKIP(return, "feeding the cluster needs CAP_NET_ADMIN"); \
} while (0)

FIXTURE(clu) {
	int dev;
	char cluster[64], node[CLUSNET_NAME_MAX + 1];
	char node2[96], node3[96], iface[128];
	__u32 version;
};

FIXTURE_SETUP(clu)
{
	struct clusnet_cluster_info ci;

	self->dev = -1;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	snprintf(self->node, sizeof(self->node), "%s", ci.node);
	self->version = ci.version;
	cn_name(self->cluster, sizeof(self->cluster), "clu");
	snprintf(self->node2, sizeof(self->node2), "%s n2", self->cluster);
	snprintf(self->node3, sizeof(self->node3), "%s n3", self->cluster);
	snprintf(self->iface, sizeof(self->iface), "%s - eth0", self->node2);

	ASSERT_EQ(0, cn_set_cluster(self->dev, self->cluster, 1));
	ASSERT_EQ(0, cn_node_set(self->dev, 3, self->node3,
			      CLUSNET_NODE_JOINING));
	ASSERT_EQ(0, cn_node_set(self->dev, 1, self->node, CLUSNET_NODE_UP));
	ASSERT_EQ(0, cn_node_set(self->dev, 2, self->node2, CLUSNET_NODE_DOWN));
	ASSERT_EQ(0, cn_create_remote(self->dev, self->iface, self->node2, NULL,
				      NULL));
	ASSERT_EQ(0, cn_set_state(self->dev, self->iface,
				  CLUSNET_STATE_UNREACHABLE));
}

FIXTURE_TEARDOWN(clu)
{
	if (self->dev < 0)
		return;
	cn_delete(self->dev, self->iface);
	for (__u32 id = 1; id <= 3; id++)
		cn_node_delete(self->dev, id);
	cn_set_cluster(self->dev, NULL, 0);
	close(self->dev);
}

TEST_F(clu, open_cluster_by_cluster_and_node_names)
{
	char16_t name[200];
	HCLUSTER h;

	NEED_ADMIN();
	h = OpenCluster(w(name, self->cluster));
	ASSERT_NE(NULL, h);
	CloseCluster(h);
	h = OpenCluster(w(name, self->node2));
	ASSERT_NE(NULL, h);
	CloseCluster(h);
	h = OpenCluster(u"no such cluster or node");
	EXPECT_EQ(NULL, h);
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

TEST_F(clu, cluster_information_names_the_cluster)
{
	CLUSTERVERSIONINFO vi = { .dwVersionInfoSize = sizeof(vi) };
	char16_t buf[200];
	char got[200];
	DWORD cch = 200;
	HCLUSTER h;

	NEED_ADMIN();
	h = OpenCluster(NULL);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ERROR_SUCCESS, GetClusterInformation(h, buf, &cch, &vi));
	a(got, buf);
	EXPECT_STREQ(self->cluster, got);
	EXPECT_EQ(strlen(self->cluster), cch);
	/* The module's release, as CLUSTER_INFO reports it. */
	EXPECT_EQ((self->version >> 16) & 0xff, vi.MajorVersion);
	EXPECT_EQ((self->version >> 8) & 0xff, vi.MinorVersion);
	EXPECT_EQ(self->version & 0xff, vi.BuildNumber);
	EXPECT_EQ(0U, vi.dwFlags);

	/* The buffer protocol: too small is ERROR_MORE_DATA and the length. */
	cch = 2;
	EXPECT_EQ(ERROR_MORE_DATA, GetClusterInformation(h, buf, &cch, NULL));
	EXPECT_EQ(strlen(self->cluster), cch);
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  GetClusterInformation(h, buf, NULL, NULL));
	vi.dwVersionInfoSize = 4;
	cch = 200;
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  GetClusterInformation(h, buf, &cch, &vi));

	/* Outside a cluster, the one node names it. */
	ASSERT_EQ(0, cn_set_cluster(self->dev, NULL, 0));
	cch = 200;
	ASSERT_EQ(ERROR_SUCCESS, GetClusterInformation(h, buf, &cch, NULL));
	a(got, buf);
	EXPECT_STREQ(self->node, got);
	CloseCluster(h);
}

TEST_F(clu, node_states_and_ids_are_the_clusters)
{
	char16_t name[200], id[16];
	DWORD cch;
	HCLUSTER h;
	HNODE n;

	NEED_ADMIN();
	h = OpenCluster(NULL);
	ASSERT_NE(NULL, h);
	n = OpenClusterNode(h, w(name, self->node2));
	ASSERT_NE(NULL, n);
	EXPECT_EQ(ClusterNodeDown, GetClusterNodeState(n));
	cch = 16;
	ASSERT_EQ(ERROR_SUCCESS, GetClusterNodeId(n, id, &cch));
	EXPECT_EQ(0, memcmp(u"2", id, sizeof(u"2")));
	CloseClusterNode(n);

	n = OpenClusterNode(h, w(name, self->node3));
	ASSERT_NE(NULL, n);
	EXPECT_EQ(ClusterNodeJoining, GetClusterNodeState(n));
	CloseClusterNode(n);

	n = OpenClusterNode(h, w(name, self->node));
	ASSERT_NE(NULL, n);
	EXPECT_EQ(ClusterNodeUp, GetClusterNodeState(n));
	CloseClusterNode(n);

	/* In a cluster the table is all there is. */
	EXPECT_EQ(NULL, OpenClusterNode(h, u"not a member"));
	EXPECT_EQ(ERROR_CLUSTER_NODE_NOT_FOUND, GetLastError());
	CloseCluster(h);
}

TEST_F(clu, node_enumeration_in_id_order)
{
	char16_t name[300];
	char got[3][300];
	DWORD type, cch, i;
	HCLUSENUM e;
	HCLUSTER h;

	NEED_ADMIN();
	h = OpenCluster(NULL);
	ASSERT_NE(NULL, h);
	e = ClusterOpenEnum(h, CLUSTER_ENUM_NODE);
	ASSERT_NE(NULL, e);
	ASSERT_EQ(3, ClusterGetEnumCount(e));
	for (i = 0; i < 3; i++) {
		cch = 300;
		ASSERT_EQ(ERROR_SUCCESS, ClusterEnum(e, i, &type, name, &cch));
		EXPECT_EQ(CLUSTER_ENUM_NODE, type);
		a(got[i], name);
	}
	EXPECT_STREQ(self->node, got[0]);
	EXPECT_STREQ(self->node2, got[1]);
	EXPECT_STREQ(self->node3, got[2]);
	cch = 300;
	EXPECT_EQ(ERROR_NO_MORE_ITEMS, ClusterEnum(e, 3, &type, name, &cch));
	ClusterCloseEnum(e);
	CloseCluster(h);
}

TEST_F(clu, remote_interface_opens_with_its_state)
{
	char16_t name[200], node[200];
	HNETINTERFACE ni;
	DWORD cch = 200;
	HCLUSTER h;

	NEED_ADMIN();
	h = OpenCluster(NULL);
	ASSERT_NE(NULL, h);
	ni = OpenClusterNetInterface(h, w(name, self->iface));
	ASSERT_NE(NULL, ni);
	EXPECT_EQ(ClusterNetInterfaceUnreachable, GetClusterNetInterfaceState(ni));
	CloseClusterNetInterface(ni);
	/* Looked up by node and network as Windows does. */
	EXPECT_EQ(ERROR_CLUSTER_NETWORK_NOT_FOUND,
		  GetClusterNetInterface(h, w(node, self->node2),
					 u"no such network", name, &cch));
	CloseCluster(h);
}

/* SET_COMMON_PROPERTIES with a Description, in a thread: it waits. */
struct describe {
	pthread_t t;
	HNETINTERFACE ni;
	DWORD ret;
};

static void *describe_remote(void *arg)
{
	struct describe *d = arg;
	PCLUSNET_PROPLIST pl = ClusnetPropListCreate();
	const void *list;
	DWORD cb, got;

	d->ret = ERROR_NOT_ENOUGH_MEMORY;
	if (!pl || ClusnetPropListAddSz(pl, u"Description", u"from Windows"))
		return NULL;
	list = ClusnetPropListData(pl, &cb);
	d->ret = ClusterNetInterfaceControl(d->ni, NULL,
			CLUSCTL_NETINTERFACE_SET_COMMON_PROPERTIES, (void *)list,
			cb, NULL, 0, &got);
	ClusnetPropListFree(pl);
	return NULL;
}

/* The control call's result when the daemon answers @error. */
static DWORD described_with(struct __test_metadata *_metadata, int ch,
			    HNETINTERFACE ni, __s32 error)
{
	struct clusnet_forward_request rec;
	struct describe d = { .ni = ni };

	if (pthread_create(&d.t, NULL, describe_remote, &d))
		return ERROR_GEN_FAILURE;
	EXPECT_EQ(1, cn_read_record(ch, &rec, sizeof(rec), 5000));
	EXPECT_STREQ("from Windows", rec.text);
	EXPECT_EQ(CLUSNET_FORWARD_DESCRIPTION, rec.what);
	EXPECT_EQ(0, cn_forward_answer(ch, rec.id, error));
	pthread_join(d.t, NULL);
	return d.ret;
}

TEST_F(clu, remote_interface_write_waits_for_its_owner)
{
	char16_t name[200];
	struct describe d;
	HNETINTERFACE ni;
	HCLUSTER h;
	int ch;

	NEED_ADMIN();
	h = OpenCluster(NULL);
	ASSERT_NE(NULL, h);
	ni = OpenClusterNetInterfaceEx(h, w(name, self->iface), GENERIC_ALL,
				       NULL);
	ASSERT_NE(NULL, ni);
	d.ni = ni;

	/* No clusnetd: Windows' answer when the cluster service is away. */
	describe_remote(&d);
	EXPECT_EQ(RPC_S_SERVER_UNAVAILABLE, d.ret);

	ch = cn_forward(self->dev, O_CLOEXEC, 500);
	ASSERT_LE(0, ch);
	EXPECT_EQ(ERROR_SUCCESS, described_with(_metadata, ch, ni, 0));
	EXPECT_EQ(ERROR_CLUSTER_NODE_DOWN,
		  described_with(_metadata, ch, ni, -EHOSTDOWN));
	EXPECT_EQ(ERROR_ACCESS_DENIED,
		  described_with(_metadata, ch, ni, -EACCES));
	EXPECT_EQ(ERROR_TIMEOUT, described_with(_metadata, ch, ni, -ETIMEDOUT));
	/* Nobody answers: the channel's own timeout. */
	describe_remote(&d);
	EXPECT_EQ(ERROR_TIMEOUT, d.ret);
	close(ch);
	CloseClusterNetInterface(ni);
	CloseCluster(h);
}

TEST_F(clu, node_state_change_is_notified)
{
	char16_t name[300];
	char got[300];
	DWORD filter, cch;
	DWORD_PTR key;
	HCLUSTER h;
	HCHANGE hp;

	NEED_ADMIN();
	h = OpenCluster(NULL);
	ASSERT_NE(NULL, h);
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, h,
				     CLUSTER_CHANGE_NODE_STATE, 9);
	ASSERT_NE(NULL, hp);
	/* As clusnetd does it: the node, then its interfaces. */
	ASSERT_EQ(0, cn_node_set(self->dev, 2, self->node2, CLUSNET_NODE_UP));
	ASSERT_EQ(0, cn_set_state(self->dev, self->iface, CLUSNET_STATE_UP));
	cch = 300;
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNotify(hp, &key, &filter, name, &cch, CN_WAIT_MS));
	EXPECT_EQ(CLUSTER_CHANGE_NODE_STATE, filter);
	EXPECT_EQ(9, key);
	a(got, name);
	EXPECT_STREQ(self->node2, got);
	/* Nothing else changed state. */
	cch = 300;
	EXPECT_EQ(WAIT_TIMEOUT,
		  GetClusterNotify(hp, &key, &filter, name, &cch, 200));
	CloseClusterNotifyPort(hp);
	CloseCluster(h);
}

TEST_HARNESS_MAIN
