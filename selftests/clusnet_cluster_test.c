// SPDX-License-Identifier: GPL-2.0
/*
 * What the cluster daemon feeds in, on one node: the cluster's name and
 * this node's id, the node table, remote objects whose state is set from
 * outside, and the cluster's view of local objects, combined with what
 * their NICs say. Only CAP_NET_ADMIN feeds; everyone reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "common.h"

/* The node table; the count, or -errno. */
static int nodes(int dev, struct clusnet_node_entry *e, __u32 cap)
{
	__u32 count = 0;
	int ret;

	ret = cn_enum_raw(dev, CLUSNET_IOC_NODES, e, sizeof(*e), cap, &count);
	return ret ? ret : (int)count;
}

FIXTURE(cl) {
	int dev;
	char tag[64];
};

FIXTURE_SETUP(cl)
{
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	cn_name(self->tag, sizeof(self->tag), "cl");
}

FIXTURE_TEARDOWN(cl)
{
	if (cn_is_admin()) {
		cn_set_cluster(self->dev, NULL, 0);
		for (__u32 id = 1; id <= CLUSNET_NODE_MAX + 1; id++)
			cn_node_delete(self->dev, id);
	}
	close(self->dev);
}

TEST_F(cl, feeding_needs_cap_net_admin)
{
	struct clusnet_node_entry e[4];
	int h;

	if (cn_is_admin())
		SKIP(return, "runs as the unprivileged user");
	EXPECT_EQ(-EPERM, cn_set_cluster(self->dev, "c", 1));
	EXPECT_EQ(-EPERM, cn_node_set(self->dev, 1, "n", CLUSNET_NODE_UP));
	EXPECT_EQ(-EPERM, cn_node_delete(self->dev, 1));
	EXPECT_EQ(-EPERM, cn_set_state(self->dev, CN_ETH0, CLUSNET_STATE_FAILED));
	EXPECT_EQ(-EPERM, cn_create_remote(self->dev, "x", "n", NULL, NULL));
	/* Reading is for everyone. */
	EXPECT_LE(0, nodes(self->dev, e, 4));
	h = cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	close(h);
}

TEST_F(cl, cluster_info_reports_name_and_node_id)
{
	struct clusnet_cluster_info ci;
	struct clusnet_set_cluster bad = { .size = sizeof(bad) };
	union {
		struct clusnet_cluster_info ci;
		unsigned char b[sizeof(struct clusnet_cluster_info)];
	} old;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_EQ(0U, ci.node_id);
	EXPECT_EQ(0U, ci.cluster_len);
	EXPECT_STREQ("", ci.cluster);
	EXPECT_NE(0ULL, ci.features & CLUSNET_FEATURE_CLUSTER);

	ASSERT_EQ(0, cn_set_cluster(self->dev, self->tag, 7));
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_EQ(7U, ci.node_id);
	EXPECT_EQ(strlen(self->tag), ci.cluster_len);
	EXPECT_STREQ(self->tag, ci.cluster);

	/* A VER0 caller gets VER0 and nothing written past it. */
	memset(&old, 0xa5, sizeof(old));
	old.ci.size = CLUSNET_CLUSTER_INFO_SIZE_VER0;
	old.ci.flags = 0;
	old.ci.desired_access = 0;
	ASSERT_EQ(0, cn_ioctl(self->dev, CLUSNET_IOC_CLUSTER_INFO, &old));
	EXPECT_EQ(0xa5, old.b[CLUSNET_CLUSTER_INFO_SIZE_VER0]);
	EXPECT_EQ(0xa5, old.b[sizeof(old) - 1]);

	/* Embedded NUL, too long, bad flags. */
	bad.name = CN_PTR("a\0b");
	bad.name_len = 3;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_SET_CLUSTER, &bad));
	bad.name_len = CLUSNET_NAME_MAX + 1;
	EXPECT_EQ(-ENAMETOOLONG,
		  cn_ioctl(self->dev, CLUSNET_IOC_SET_CLUSTER, &bad));
	bad.name_len = 1;
	bad.flags = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_SET_CLUSTER, &bad));

	ASSERT_EQ(0, cn_set_cluster(self->dev, NULL, 0));
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_EQ(0U, ci.node_id);
	EXPECT_STREQ("", ci.cluster);
}

TEST_F(cl, nodes_by_id_with_the_local_one_marked)
{
	struct clusnet_node_entry e[8];
	char n1[80], n2[80], n3[80], up[80];

	CN_REQUIRE_ADMIN();
	snprintf(n1, sizeof(n1), "%s node1", self->tag);
	snprintf(n2, sizeof(n2), "%s node2", self->tag);
	snprintf(n3, sizeof(n3), "%s node3", self->tag);
	ASSERT_EQ(0, nodes(self->dev, e, 8));

	ASSERT_EQ(0, cn_set_cluster(self->dev, self->tag, 2));
	ASSERT_EQ(0, cn_node_set(self->dev, 3, n3, CLUSNET_NODE_JOINING));
	ASSERT_EQ(0, cn_node_set(self->dev, 1, n1, CLUSNET_NODE_DOWN));
	ASSERT_EQ(0, cn_node_set(self->dev, 2, n2, CLUSNET_NODE_UP));
	ASSERT_EQ(3, nodes(self->dev, e, 8));
	EXPECT_EQ(1U, e[0].id);
	EXPECT_EQ(2U, e[1].id);
	EXPECT_EQ(3U, e[2].id);
	EXPECT_STREQ(n1, e[0].name);
	EXPECT_EQ((__u32)CLUSNET_NODE_DOWN, e[0].state);
	EXPECT_EQ((__u32)CLUSNET_NODE_JOINING, e[2].state);
	EXPECT_EQ(0U, e[0].flags);
	EXPECT_EQ(CLUSNET_NODE_LOCAL, e[1].flags);

	/* Capacity 1: one entry filled, the count says 3. */
	memset(e, 0, sizeof(e));
	ASSERT_EQ(3, nodes(self->dev, e, 1));
	EXPECT_EQ(1U, e[0].id);
	EXPECT_EQ(0U, e[1].id);

	/* Update in place: state and name. */
	ASSERT_EQ(0, cn_node_set(self->dev, 1, n1, CLUSNET_NODE_UP));
	snprintf(n1, sizeof(n1), "%s node1 renamed", self->tag);
	ASSERT_EQ(0, cn_node_set(self->dev, 1, n1, CLUSNET_NODE_UP));
	ASSERT_EQ(3, nodes(self->dev, e, 8));
	EXPECT_STREQ(n1, e[0].name);
	EXPECT_EQ((__u32)CLUSNET_NODE_UP, e[0].state);

	/* Names are unique, ASCII case-insensitively. */
	EXPECT_EQ(-EEXIST, cn_node_set(self->dev, 4, cn_upper(up, sizeof(up), n2),
				    CLUSNET_NODE_UP));
	EXPECT_EQ(-EEXIST, cn_node_set(self->dev, 3, n2, CLUSNET_NODE_UP));

	/* Bad input. */
	EXPECT_EQ(-EINVAL, cn_node_set(self->dev, 0, "zero", CLUSNET_NODE_UP));
	EXPECT_EQ(-EINVAL, cn_node_set(self->dev, 5, "paused", 2));
	EXPECT_EQ(-EINVAL, cn_node_set(self->dev, 5, "four", 4));
	EXPECT_EQ(-EINVAL, cn_node_set(self->dev, 5, NULL, CLUSNET_NODE_UP));

	ASSERT_EQ(0, cn_node_delete(self->dev, 3));
	EXPECT_EQ(-ENOENT, cn_node_delete(self->dev, 3));
	ASSERT_EQ(2, nodes(self->dev, e, 8));
	EXPECT_EQ(2U, e[1].id);
}

TEST_F(cl, node_table_is_bounded)
{
	char name[32];
	__u32 id;

	CN_REQUIRE_ADMIN();
	for (id = 1; id <= CLUSNET_NODE_MAX; id++) {
		snprintf(name, sizeof(name), "bound %u", id);
		ASSERT_EQ(0, cn_node_set(self->dev, id, name, CLUSNET_NODE_UP));
	}
	EXPECT_EQ(-ENOSPC, cn_node_set(self->dev, id, "one too many",
				    CLUSNET_NODE_UP));
	/* Updating one still works at the limit. */
	EXPECT_EQ(0, cn_node_set(self->dev, 1, "bound 1", CLUSNET_NODE_DOWN));
	EXPECT_EQ(CLUSNET_NODE_MAX, nodes(self->dev, NULL, 0));
}

TEST_F(cl, remote_object_takes_the_state_it_is_fed)
{
	char obj[128], net[96], node[96];
	struct clusnet_if_entry e;
	struct clusnet_network_entry ne;
	struct clusnet_event ev;
	int h;

	CN_REQUIRE_ADMIN();
	snprintf(node, sizeof(node), "%s node2", self->tag);
	snprintf(obj, sizeof(obj), "%s - eth0", node);
	snprintf(net, sizeof(net), "%s net", self->tag);

	/* Bad shapes: a NIC name, no node. */
	EXPECT_EQ(-EINVAL, cn_create_remote(self->dev, obj, node, net, "eth0"));
	EXPECT_EQ(-EINVAL, cn_create_remote(self->dev, obj, NULL, net, NULL));

	ASSERT_EQ(0, cn_create_remote(self->dev, obj, node, net, NULL));
	ASSERT_EQ(0, cn_find_object(self->dev, obj, &e));
	EXPECT_EQ(CLUSNET_IF_REMOTE | CLUSNET_IF_PINNED, e.flags);
	EXPECT_EQ(0, e.ifindex);
	EXPECT_STREQ(node, e.node);
	EXPECT_STREQ(net, e.network);
	EXPECT_EQ((__u32)CLUSNET_STATE_UNAVAILABLE, e.state);

	h = cn_open(self->dev, obj, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(h));

	ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UP));
	ASSERT_EQ(1, cn_read_event(h, &ev, 5000));
	EXPECT_EQ(CLUSNET_EVENT_STATE, ev.changes);
	EXPECT_EQ((__u32)CLUSNET_STATE_UNAVAILABLE, ev.old_state);
	EXPECT_EQ((__u32)CLUSNET_STATE_UP, ev.new_state);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	ASSERT_EQ(0, cn_find_network(self->dev, 0, net, &ne));
	EXPECT_EQ((__u32)CLUSNET_NETWORK_UP, ne.state);

	/* Every state goes; nothing past Up. */
	ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UNREACHABLE));
	EXPECT_EQ(CLUSNET_STATE_UNREACHABLE, cn_state(h));
	ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_FAILED));
	EXPECT_EQ(CLUSNET_STATE_FAILED, cn_state(h));
	ASSERT_EQ(0, cn_find_network(self->dev, 0, net, &ne));
	EXPECT_EQ((__u32)CLUSNET_NETWORK_DOWN, ne.state);
	EXPECT_EQ(-EINVAL, cn_set_state(self->dev, obj, 4));
	EXPECT_EQ(-ENOENT, cn_set_state(self->dev, "no such object",
				     CLUSNET_STATE_UP));

	/*
	 * Two Unreachable members still reach someone: Partitioned, as
	 * clusnetd derives it; one Up and one Failed: Down.
	 */
	{
		char obj2[160];

		snprintf(obj2, sizeof(obj2), "%s 2", obj);
		ASSERT_EQ(0, cn_create_remote(self->dev, obj2, node, net, NULL));
		ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UNREACHABLE));
		ASSERT_EQ(0, cn_set_state(self->dev, obj2,
				       CLUSNET_STATE_UNREACHABLE));
		ASSERT_EQ(0, cn_find_network(self->dev, 0, net, &ne));
		EXPECT_EQ((__u32)CLUSNET_NETWORK_PARTITIONED, ne.state);
		ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UP));
		ASSERT_EQ(0, cn_set_state(self->dev, obj2, CLUSNET_STATE_FAILED));
		ASSERT_EQ(0, cn_find_network(self->dev, 0, net, &ne));
		EXPECT_EQ((__u32)CLUSNET_NETWORK_DOWN, ne.state);
		ASSERT_EQ(0, cn_delete(self->dev, obj2));
	}

	/* Deleted like any other: the handle sees the end. */
	ASSERT_EQ(0, cn_delete(self->dev, obj));
	EXPECT_EQ(-ENODEV, cn_state(h));
	close(h);
}

TEST_F(cl, local_object_combines_nic_and_cluster_view)
{
	char obj[96], ifname[IFNAMSIZ];
	int h;

	CN_REQUIRE_ADMIN();
	cn_ifname(ifname);
	snprintf(obj, sizeof(obj), "%s local", self->tag);
	ASSERT_EQ(0, cn_dummy_add(ifname, true));
	ASSERT_EQ(0, cn_create(self->dev, obj, ifname, 0, 0, 0644));
	h = cn_open(self->dev, obj, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_wait_state(h, CLUSNET_STATE_UP, 5000));

	ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UNREACHABLE));
	EXPECT_EQ(CLUSNET_STATE_UNREACHABLE, cn_state(h));
	/* Only the NIC makes a local object Unavailable. */
	EXPECT_EQ(-EINVAL, cn_set_state(self->dev, obj,
				     CLUSNET_STATE_UNAVAILABLE));

	/* The NIC's Failed wins, and the cluster's view comes back after. */
	ASSERT_EQ(0, cn_sh("ip link set down dev %s", ifname));
	EXPECT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(h, CLUSNET_STATE_FAILED, 5000));
	ASSERT_EQ(0, cn_sh("ip link set up dev %s", ifname));
	EXPECT_EQ(CLUSNET_STATE_UNREACHABLE,
		  cn_wait_state(h, CLUSNET_STATE_UNREACHABLE, 5000));

	ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UP));
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));

	/* A view set while the NIC is down shows once it is up. */
	ASSERT_EQ(0, cn_sh("ip link set down dev %s", ifname));
	EXPECT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(h, CLUSNET_STATE_FAILED, 5000));
	ASSERT_EQ(0, cn_set_state(self->dev, obj, CLUSNET_STATE_UNREACHABLE));
	EXPECT_EQ(CLUSNET_STATE_FAILED, cn_state(h));
	ASSERT_EQ(0, cn_sh("ip link set up dev %s", ifname));
	EXPECT_EQ(CLUSNET_STATE_UNREACHABLE,
		  cn_wait_state(h, CLUSNET_STATE_UNREACHABLE, 5000));

	cn_link_del(ifname);
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE,
		  cn_wait_state(h, CLUSNET_STATE_UNAVAILABLE, 5000));
	close(h);
	EXPECT_EQ(0, cn_delete(self->dev, obj));
}

TEST_HARNESS_MAIN
