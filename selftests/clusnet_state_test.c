// SPDX-License-Identifier: GPL-2.0
/*
 * The state of an object follows the netdev it is bound to by name:
 * UNAVAILABLE without one, FAILED when it is not running (admin down, no
 * carrier), UP when it is. Netdevs appearing, disappearing, being renamed
 * or moved to another network namespace rebind or unbind the object.
 * Carrier and operstate changes arrive through linkwatch, so every check
 * polls for the expected state with a bound.
 */
#include "common.h"

#define WAIT_STATE(assert, h, want, ms, what) do { \
	int __st = cn_wait_state((h), (want), (ms)); \
	if (assert) { \
		ASSERT_EQ((want), __st) \
			TH_LOG("%s: state %s, expected %s", (what), \
			       cn_state_name(__st), cn_state_name(want)); \
	} else { \
		EXPECT_EQ((want), __st) \
			TH_LOG("%s: state %s, expected %s", (what), \
			       cn_state_name(__st), cn_state_name(want)); \
	} \
} while (0)

#define ASSERT_STATE(h, want, what) WAIT_STATE(1, h, want, CN_WAIT_MS, what)
#define EXPECT_STATE(h, want, what) WAIT_STATE(0, h, want, CN_WAIT_MS, what)

FIXTURE(st) {
	int dev;
	char name[128];
	char name2[128];
	char ifa[IFNAMSIZ];
	char ifb[IFNAMSIZ];
	bool touched_eth1;
};

FIXTURE_SETUP(st)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	cn_netdev_modules();
	self->dev = cn_dev();
	cn_name(self->name, sizeof(self->name), "state");
	cn_name(self->name2, sizeof(self->name2), "state2");
	cn_ifname(self->ifa);
	cn_ifname(self->ifb);
}

FIXTURE_TEARDOWN(st)
{
	if (self->touched_eth1) {
		cn_sh("ip link set eth1 up");
		if (!cn_wait_operstate("eth1", "up", 15000))
			fprintf(stderr, "# eth1 is not up again\n");
	}
	if (self->dev < 0)
		return;
	cn_link_del(self->ifa);
	cn_link_del(self->ifb);
	cn_delete(self->dev, self->name);
	cn_delete(self->dev, self->name2);
	close(self->dev);
}

/* GET_INFO's binding fields agree with the netdev (or its absence). */
static void check_binding(struct __test_metadata *_metadata, int h,
			  const char *ifname, bool bound, const char *what)
{
	struct clusnet_info info;
	__u8 hw[CLUSNET_HWADDR_MAX];
	int n;

	ASSERT_EQ(0, cn_info(h, &info)) TH_LOG("%s", what);
	EXPECT_STREQ(ifname, info.ifname) TH_LOG("%s", what);
	if (!bound) {
		EXPECT_EQ(0, info.ifindex) TH_LOG("%s", what);
		EXPECT_EQ(0U, info.hwaddr_len) TH_LOG("%s", what);
		EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, (int)info.state)
			TH_LOG("%s", what);
		return;
	}
	EXPECT_EQ((int)if_nametoindex(ifname), info.ifindex)
		TH_LOG("%s", what);
	n = cn_sysfs_hwaddr(ifname, hw, sizeof(hw));
	ASSERT_EQ(6, n) TH_LOG("%s", what);
	EXPECT_EQ(6U, info.hwaddr_len) TH_LOG("%s", what);
	EXPECT_EQ(0, memcmp(hw, info.hwaddr, 6))
		TH_LOG("%s: hwaddr differs from sysfs", what);
	EXPECT_NE(CLUSNET_STATE_UNAVAILABLE, (int)info.state)
		TH_LOG("%s", what);
}

/*
 * A running dummy named ifa, an object following it and a read handle on
 * that object, which must report UP. Returns the handle.
 */
static int open_running_dummy(struct __test_metadata *_metadata,
			      FIXTURE_DATA(st) *self, const char *what)
{
	int h;

	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up",
			   self->ifa, self->ifa)) TH_LOG("%s", what);
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644))
		TH_LOG("%s", what);
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h) TH_LOG("%s", what);
	ASSERT_STATE(h, CLUSNET_STATE_UP, what);
	return h;
}

TEST_F(st, unbound_object_binds_when_the_netdev_appears)
{
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(h));
	check_binding(_metadata, h, self->ifa, false, "before ip link add");

	ASSERT_EQ(0, cn_sh("ip link add %s type dummy", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "added, down");
	check_binding(_metadata, h, self->ifa, true, "after ip link add");

	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_UP, "set up");
	close(h);
}

TEST_F(st, dummy_admin_down_and_up)
{
	char val[32];
	int rd, all;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy", self->ifa));
	/* Created while the netdev exists: bound at once. */
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	rd = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, rd);
	all = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, all);
	EXPECT_EQ(CLUSNET_STATE_FAILED, cn_state(rd));
	check_binding(_metadata, rd, self->ifa, true, "created bound");

	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	ASSERT_STATE(rd, CLUSNET_STATE_UP, "up");
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(all));
	ASSERT_EQ(0, cn_fdinfo(rd, "clusnet_state", val, sizeof(val)));
	EXPECT_STREQ("3", val);

	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifa));
	ASSERT_STATE(rd, CLUSNET_STATE_FAILED, "down");
	EXPECT_EQ(CLUSNET_STATE_FAILED, cn_state(all));
	ASSERT_EQ(0, cn_fdinfo(rd, "clusnet_state", val, sizeof(val)));
	EXPECT_STREQ("1", val);

	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	ASSERT_STATE(rd, CLUSNET_STATE_UP, "up again");
	close(rd);
	close(all);
}

/* An object created for a netdev that is already up is UP. */
TEST_F(st, object_created_for_running_netdev_is_up)
{
	int h;

	CN_REQUIRE_ADMIN();
	h = open_running_dummy(_metadata, self, "created while up");
	close(h);
}

TEST_F(st, dummy_carrier_off_and_on)
{
	int h;

	CN_REQUIRE_ADMIN();
	h = open_running_dummy(_metadata, self, "up");

	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "carrier off");
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_UP, "carrier on");
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "carrier off again");
	/* Admin down and up while without carrier: still FAILED. */
	ASSERT_EQ(0, cn_sh("ip link set %s down && ip link set %s up",
			   self->ifa, self->ifa));
	cn_sleep_ms(300);
	EXPECT_STATE(h, CLUSNET_STATE_FAILED, "up without carrier");
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_UP, "carrier on again");
	close(h);
}

TEST_F(st, veth_follows_its_peer)
{
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_sh("ip link add %s type veth peer name %s",
			   self->ifa, self->ifb));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	ASSERT_EQ(0, cn_create(self->dev, self->name2, self->ifb, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_FAILED, cn_state(h));

	/* Up, but the peer is down: no carrier. */
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	cn_sleep_ms(300);
	EXPECT_STATE(h, CLUSNET_STATE_FAILED, "peer down");
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifb));
	ASSERT_STATE(h, CLUSNET_STATE_UP, "peer up");
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifb));
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "peer down again");
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifb));
	ASSERT_STATE(h, CLUSNET_STATE_UP, "peer up again");
	close(h);

	/* The peer's object followed its own end. */
	h = cn_open(self->dev, self->name2, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_STATE(h, CLUSNET_STATE_UP, "peer's object");
	check_binding(_metadata, h, self->ifb, true, "peer's object");
	close(h);

	/* Deleting one end deletes both: both objects unbind. */
	h = cn_open(self->dev, self->name2, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifa));
	EXPECT_STATE(h, CLUSNET_STATE_UNAVAILABLE, "peer deleted with its end");
	close(h);
}

TEST_F(st, netdev_deleted_then_added_again)
{
	struct clusnet_info info;
	int h, old_ifindex, new_ifindex;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up",
			   self->ifa, self->ifa));
	old_ifindex = if_nametoindex(self->ifa);
	ASSERT_LT(0, old_ifindex);
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	ASSERT_STATE(h, CLUSNET_STATE_UP, "up");

	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_UNAVAILABLE, "deleted");
	/* The handle stays valid. */
	check_binding(_metadata, h, self->ifa, false, "deleted");
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ(self->name, info.name);
	EXPECT_EQ(0, cn_set_desc(h, "still here", 10));

	/* Another netdev of that name: state follows it, with its ifindex. */
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy", self->ifa));
	new_ifindex = if_nametoindex(self->ifa);
	ASSERT_LT(0, new_ifindex);
	EXPECT_NE(old_ifindex, new_ifindex);
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "added again, down");
	check_binding(_metadata, h, self->ifa, true, "added again");
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(new_ifindex, info.ifindex);
	EXPECT_STREQ("still here", info.description);
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_UP, "added again, up");

	/* A veth of that name binds as well: any kind of netdev. */
	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifa));
	ASSERT_STATE(h, CLUSNET_STATE_UNAVAILABLE, "deleted again");
	ASSERT_EQ(0, cn_sh("ip link add %s type veth peer name %s",
			   self->ifa, self->ifb));
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "veth of that name");
	check_binding(_metadata, h, self->ifa, true, "veth of that name");
	close(h);
}

TEST_F(st, rename_unbinds_and_binds)
{
	int ha, hb, ifindex;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy", self->ifa));
	ifindex = if_nametoindex(self->ifa);
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	ASSERT_EQ(0, cn_create(self->dev, self->name2, self->ifb, 0, 0, 0644));
	ha = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, ha);
	hb = cn_open(self->dev, self->name2, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, hb);
	EXPECT_EQ(CLUSNET_STATE_FAILED, cn_state(ha));
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(hb));

	/* a -> b: the object following a unbinds, the one following b binds. */
	ASSERT_EQ(0, cn_sh("ip link set %s name %s", self->ifa, self->ifb));
	ASSERT_STATE(ha, CLUSNET_STATE_UNAVAILABLE, "renamed away");
	check_binding(_metadata, ha, self->ifa, false, "renamed away");
	ASSERT_STATE(hb, CLUSNET_STATE_FAILED, "renamed to the followed name");
	check_binding(_metadata, hb, self->ifb, true, "renamed to b");
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(ha));

	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifb));
	ASSERT_STATE(hb, CLUSNET_STATE_UP, "b up");
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(ha));
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifb));
	ASSERT_STATE(hb, CLUSNET_STATE_FAILED, "b down");

	/* And back. */
	ASSERT_EQ(0, cn_sh("ip link set %s name %s", self->ifb, self->ifa));
	ASSERT_STATE(ha, CLUSNET_STATE_FAILED, "renamed back");
	ASSERT_STATE(hb, CLUSNET_STATE_UNAVAILABLE, "renamed back (b)");
	check_binding(_metadata, ha, self->ifa, true, "renamed back");
	EXPECT_EQ(ifindex, (int)if_nametoindex(self->ifa));
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	ASSERT_STATE(ha, CLUSNET_STATE_UP, "a up");
	close(ha);
	close(hb);
}

struct move_job {
	char name[128];
	char ifname[IFNAMSIZ];
	int to_child[2];
	int to_parent[2];
};

/* In a new netns: an object of the same name and ifname binds the netdev. */
static int move_child(void *arg)
{
	struct move_job *job = arg;
	struct clusnet_info info;
	int dev, h, st;

	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	h = cn_create(dev, job->name, job->ifname, 0, 0, 0644);
	CN_CHECK(h == 0, "create in the new netns: %s", strerror(-h));
	h = cn_open(dev, job->name, CLUSNET_GENERIC_READ);
	CN_CHECK(h >= 0, "open: %s", strerror(-h));
	st = cn_state(h);
	CN_CHECK(st == CLUSNET_STATE_UNAVAILABLE, "before the move: %d", st);
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");
	CN_CHECK(cn_pend(job->to_child[0], 20000) == 0, "parent did not move");

	st = cn_wait_state(h, CLUSNET_STATE_FAILED, CN_WAIT_MS);
	CN_CHECK(st == CLUSNET_STATE_FAILED, "after the move: %s",
		 cn_state_name(st));
	CN_CHECK(cn_info(h, &info) == 0, "info");
	CN_CHECK(info.ifindex == (int)if_nametoindex(job->ifname),
		 "ifindex %d vs %u", info.ifindex,
		 if_nametoindex(job->ifname));
	CN_CHECK(cn_sh("ip link set %s up", job->ifname) == 0, "ip link up");
	st = cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS);
	CN_CHECK(st == CLUSNET_STATE_UP, "up: %s", cn_state_name(st));
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");
	CN_CHECK(cn_pend(job->to_child[0], 20000) == 0, "parent did not end");
	close(h);
	close(dev);
	return 0;
}

TEST_F(st, netdev_moved_to_another_netns)
{
	struct move_job *job;
	pid_t pid;
	int h, rc;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", self->name);
	memcpy(job->ifname, self->ifa, IFNAMSIZ);
	ASSERT_EQ(0, pipe(job->to_child));
	ASSERT_EQ(0, pipe(job->to_parent));

	h = open_running_dummy(_metadata, self, "before the move");

	pid = cn_spawn(NULL, move_child, job);
	ASSERT_LT(0, pid);
	rc = cn_pend(job->to_parent[0], 20000);
	if (!rc)
		rc = cn_sh("ip link set %s netns %d", self->ifa, (int)pid);
	EXPECT_EQ(0, rc) TH_LOG("moving: %s", cn_child_msg());
	if (!rc) {
		cn_post(job->to_child[1]);
		EXPECT_STATE(h, CLUSNET_STATE_UNAVAILABLE, "moved away");
		check_binding(_metadata, h, self->ifa, false, "moved away");
		EXPECT_FALSE(cn_netdev_exists(self->ifa));
		rc = cn_pend(job->to_parent[0], 20000);
		/* Still unbound here while it runs over there. */
		EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(h));
		cn_post(job->to_child[1]);
	}
	close(job->to_child[1]);
	EXPECT_EQ(0, cn_reap(pid)) TH_LOG("%s", cn_child_msg());

	/* The dummy died with the netns; a new one binds here again. */
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy", self->ifa));
	EXPECT_STATE(h, CLUSNET_STATE_FAILED, "added back in this netns");
	close(h);
}

TEST_F_TIMEOUT(st, real_nic_eth1_down_and_up, 90)
{
	int h;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	WAIT_STATE(1, h, CLUSNET_STATE_UP, 15000, "eth1 before");

	self->touched_eth1 = true;
	ASSERT_EQ(0, cn_sh("ip link set eth1 down"));
	ASSERT_STATE(h, CLUSNET_STATE_FAILED, "eth1 down");
	check_binding(_metadata, h, "eth1", true, "eth1 down");
	ASSERT_EQ(0, cn_sh("ip link set eth1 up"));
	/* e1000 needs its link to come up (autonegotiation): allow 15 s. */
	WAIT_STATE(1, h, CLUSNET_STATE_UP, 15000, "eth1 up");
	close(h);
}

TEST_HARNESS_MAIN
