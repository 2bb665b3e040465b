// SPDX-License-Identifier: GPL-2.0
/*
 * Autobind and network namespaces: the boot objects of the VM's NICs, no
 * objects for virtual netdevs, switching autobind off and on, namespaces
 * that see only their own objects, and CAP_NET_ADMIN counted in the user
 * namespace that owns the network namespace.
 */
#include "common.h"

TEST(boot_objects_exist_and_are_up)
{
	static const char *const names[] = { CN_ETH0, CN_ETH1 };
	static const char *const ifnames[] = { "eth0", "eth1" };
	static const char *const networks[] = { CN_NET_ETH0, CN_NET_ETH1 };
	struct clusnet_cluster_info ci;
	struct clusnet_info info;
	unsigned int i;
	int dev, h, st;

	dev = cn_dev();
	ASSERT_LE(0, dev) TH_LOG("%s: %s", CN_DEV_PATH, strerror(-dev));
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		h = cn_open(dev, names[i], CLUSNET_GENERIC_READ);
		ASSERT_LE(0, h) TH_LOG("\"%s\": %s", names[i], strerror(-h));
		st = cn_wait_state(h, CLUSNET_STATE_UP, 15000);
		EXPECT_EQ(CLUSNET_STATE_UP, st)
			TH_LOG("%s: %s", names[i], cn_state_name(st));
		ASSERT_EQ(0, cn_info(h, &info));
		EXPECT_STREQ(ifnames[i], info.ifname);
		EXPECT_STREQ(CN_NODE, info.node);
		EXPECT_STREQ(networks[i], info.network);
		EXPECT_EQ(0U, info.uid);
		EXPECT_EQ(0U, info.gid);
		EXPECT_EQ(0644U, info.mode);
		close(h);
	}
	ASSERT_EQ(0, cn_cluster_info(dev, 0, &ci));
	EXPECT_LE(2U, ci.object_count);
	EXPECT_EQ(1U, ci.autobind);
	EXPECT_EQ(1, cn_autobind_get(dev));
	close(dev);
}

FIXTURE(ab) {
	int dev;
	char ifa[IFNAMSIZ];
	char ifb[IFNAMSIZ];
	char name[128];
	bool touched_autobind;
};

FIXTURE_SETUP(ab)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	cn_netdev_modules();
	self->dev = cn_dev();
	cn_ifname(self->ifa);
	cn_ifname(self->ifb);
	cn_name(self->name, sizeof(self->name), "ab");
}

FIXTURE_TEARDOWN(ab)
{
	int h;

	if (self->dev < 0)
		return;
	cn_link_del(self->ifa);
	cn_link_del(self->ifb);
	cn_delete(self->dev, self->name);
	if (self->touched_autobind) {
		/* Back to on, with the objects of the NICs present. */
		h = cn_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ);
		if (h >= 0)
			close(h);
		else
			cn_autobind_set(self->dev, 0);
		if (cn_autobind_set(self->dev, 1))
			fprintf(stderr, "# could not turn autobind on\n");
	}
	close(self->dev);
}

/* Stays -ENOENT for @ms (no object appears asynchronously). */
static int stays_absent(int dev, const char *name, int ms)
{
	long long deadline = cn_now_ms() + ms;
	int h;

	do {
		h = cn_open(dev, name, CLUSNET_GENERIC_READ);
		if (h >= 0) {
			close(h);
			return 0;
		}
		if (h != -ENOENT)
			return h;
		cn_sleep_ms(50);
	} while (cn_now_ms() < deadline);
	return -ENOENT;
}

TEST_F(ab, virtual_netdevs_get_no_object)
{
	char name[64];

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(1, cn_autobind_get(self->dev));
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up",
			   self->ifa, self->ifa));
	snprintf(name, sizeof(name), "%s - %s", CN_NODE, self->ifa);
	EXPECT_EQ(-ENOENT, stays_absent(self->dev, name, 1000))
		TH_LOG("dummy \"%s\"", name);
	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifa));

	ASSERT_EQ(0, cn_sh("ip link add %s type veth peer name %s && ip link set %s up && ip link set %s up",
			   self->ifa, self->ifb, self->ifa, self->ifb));
	snprintf(name, sizeof(name), "%s - %s", CN_NODE, self->ifa);
	EXPECT_EQ(-ENOENT, stays_absent(self->dev, name, 1000))
		TH_LOG("veth \"%s\"", name);
	snprintf(name, sizeof(name), "%s - %s", CN_NODE, self->ifb);
	EXPECT_EQ(-ENOENT, stays_absent(self->dev, name, 200))
		TH_LOG("veth peer \"%s\"", name);
	EXPECT_EQ(-ENOENT, cn_open(self->dev, CN_NODE " - lo",
				   CLUSNET_GENERIC_READ));
}

TEST_F(ab, autobind_off_and_on)
{
	struct clusnet_cluster_info ci;
	struct clusnet_info info;
	__u64 id0 = 0, id1 = 0, id;
	char name[64];
	int h, st;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(1, cn_autobind_get(self->dev));
	h = cn_open_g(self->dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &id0);
	ASSERT_LE(0, h);
	close(h);
	h = cn_open_g(self->dev, CN_ETH1, CLUSNET_GENERIC_READ, NULL, &id1);
	ASSERT_LE(0, h);
	close(h);

	self->touched_autobind = true;
	ASSERT_EQ(0, cn_autobind_set(self->dev, 0));
	EXPECT_EQ(0, cn_autobind_get(self->dev));
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_EQ(0U, ci.autobind);
	/* Switching off keeps the objects that exist. */
	h = cn_open_g(self->dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h);
	EXPECT_EQ(id0, id);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	close(h);
	/* Off again: no change. */
	EXPECT_EQ(0, cn_autobind_set(self->dev, 0));
	EXPECT_EQ(0, cn_autobind_get(self->dev));

	/* Without its object, eth1 gets none while autobind is off... */
	ASSERT_EQ(0, cn_delete(self->dev, CN_ETH1));
	EXPECT_EQ(-ENOENT, stays_absent(self->dev, CN_ETH1, 500));

	/* ...and one when autobind is turned on: a new object. */
	ASSERT_EQ(0, cn_autobind_set(self->dev, 1));
	EXPECT_EQ(1, cn_autobind_get(self->dev));
	h = cn_wait_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ, CN_WAIT_MS);
	ASSERT_LE(0, h) TH_LOG("\"%s\" after autobind on: %s", CN_ETH1,
			       strerror(-h));
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_NE(id1, info.id);
	EXPECT_STREQ("eth1", info.ifname);
	EXPECT_STREQ(CN_NODE, info.node);
	/* Its network went with its object; the number is free again. */
	EXPECT_STREQ(CN_NET_ETH1, info.network);
	EXPECT_EQ(0U, info.uid);
	EXPECT_EQ(0U, info.gid);
	EXPECT_EQ(0644U, info.mode);
	st = cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS);
	EXPECT_EQ(CLUSNET_STATE_UP, st) TH_LOG("%s", cn_state_name(st));
	close(h);
	/* eth0 kept its object: not created again. */
	h = cn_open_g(self->dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h);
	EXPECT_EQ(id0, id);
	close(h);
	/* Virtual netdevs still get none. */
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy", self->ifa));
	snprintf(name, sizeof(name), "%s - %s", CN_NODE, self->ifa);
	EXPECT_EQ(-ENOENT, stays_absent(self->dev, name, 500));
}

struct ns_job {
	char name[128];
	char ifname[IFNAMSIZ];
	int init_dev;		/* /dev/clusnet opened in the init netns */
	int to_child[2];
	int to_parent[2];
};

static int new_netns_child(void *arg)
{
	struct ns_job *job = arg;
	struct clusnet_cluster_info ci;
	char name[64];
	int dev, h, ret;

	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));

	/* Nothing of the init netns is visible. */
	ret = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	CN_CHECK(ret == -ENOENT, "\"%s\" in a new netns: %d", CN_ETH0, ret);
	ret = cn_open(dev, CN_ETH1, CLUSNET_MAXIMUM_ALLOWED);
	CN_CHECK(ret == -ENOENT, "\"%s\" in a new netns: %d", CN_ETH1, ret);
	CN_CHECK(cn_cluster_info(dev, 0, &ci) == 0, "cluster info");
	CN_CHECK(ci.object_count == 0, "object_count %u", ci.object_count);
	CN_CHECK(ci.autobind == 1, "autobind %u", ci.autobind);
	CN_CHECK(!strcmp(ci.node, CN_NODE), "node \"%s\"", ci.node);
	ret = cn_delete(dev, CN_ETH0);
	CN_CHECK(ret == -ENOENT, "delete \"%s\" here: %d", CN_ETH0, ret);

	/* A dummy gets no object, an object created for it works. */
	CN_CHECK(cn_sh("ip link add %s type dummy", job->ifname) == 0,
		 "ip link add");
	snprintf(name, sizeof(name), "%s - %s", CN_NODE, job->ifname);
	ret = cn_open(dev, name, CLUSNET_GENERIC_READ);
	CN_CHECK(ret == -ENOENT, "autobound dummy: %d", ret);
	ret = cn_create(dev, job->name, job->ifname, 0, 0, 0644);
	CN_CHECK(ret == 0, "create: %s", strerror(-ret));
	h = cn_open(dev, job->name, CLUSNET_GENERIC_ALL);
	CN_CHECK(h >= 0, "open: %s", strerror(-h));
	ret = cn_wait_state(h, CLUSNET_STATE_FAILED, CN_WAIT_MS);
	CN_CHECK(ret == CLUSNET_STATE_FAILED, "state %s", cn_state_name(ret));
	CN_CHECK(cn_sh("ip link set %s up", job->ifname) == 0, "ip link up");
	ret = cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS);
	CN_CHECK(ret == CLUSNET_STATE_UP, "state %s", cn_state_name(ret));
	CN_CHECK(cn_cluster_info(dev, 0, &ci) == 0, "cluster info");
	CN_CHECK(ci.object_count == 1, "object_count %u", ci.object_count);

	/* The fd opened before unshare() still works on the init netns. */
	ret = cn_open(job->init_dev, job->name, CLUSNET_GENERIC_READ);
	CN_CHECK(ret == -ENOENT, "new object via the init-netns fd: %d", ret);
	ret = cn_open(job->init_dev, CN_ETH0, CLUSNET_GENERIC_READ);
	CN_CHECK(ret >= 0, "eth0 via the init-netns fd: %s", strerror(-ret));
	close(ret);

	/* Let the parent look from the init netns while we exist. */
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");
	CN_CHECK(cn_pend(job->to_child[0], 20000) == 0, "pend");
	close(h);
	close(dev);
	return 0;
}

TEST_F(ab, new_netns_sees_only_its_own_objects)
{
	struct ns_job *job;
	pid_t pid;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", self->name);
	memcpy(job->ifname, self->ifa, IFNAMSIZ);
	job->init_dev = self->dev;
	ASSERT_EQ(0, pipe(job->to_child));
	ASSERT_EQ(0, pipe(job->to_parent));

	pid = cn_spawn(NULL, new_netns_child, job);
	ASSERT_LT(0, pid);
	if (cn_pend(job->to_parent[0], 30000) == 0) {
		EXPECT_EQ(-ENOENT, cn_open(self->dev, self->name,
					   CLUSNET_GENERIC_READ));
		/* The dummy lives in the other netns only. */
		EXPECT_FALSE(cn_netdev_exists(self->ifa));
		/* Same name here is a different object. */
		EXPECT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0,
				       0644));
		cn_post(job->to_child[1]);
	}
	close(job->to_child[1]);
	EXPECT_EQ(0, cn_reap(pid)) TH_LOG("%s", cn_child_msg());
}

static int netns_autobind_child(void *arg)
{
	int dev, ret;

	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	ret = cn_autobind_set(dev, 0);
	CN_CHECK(ret == 0, "autobind off: %d", ret);
	ret = cn_autobind_get(dev);
	CN_CHECK(ret == 0, "autobind: %d", ret);
	close(dev);
	return 0;
}

/* The setting is per network namespace. */
TEST_F(ab, autobind_is_per_netns)
{
	CN_REQUIRE_ADMIN();
	ASSERT_EQ(1, cn_autobind_get(self->dev));
	EXPECT_EQ(0, cn_run(NULL, netns_autobind_child, NULL))
		TH_LOG("%s", cn_child_msg());
	EXPECT_EQ(1, cn_autobind_get(self->dev));
}

#define USERNS_UNSUPPORTED 99

struct userns_job {
	char name[128];
};

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * As clususer: a new user namespace (uid 0 there is clususer) owning a
 * new network namespace. CAP_NET_ADMIN there is enough for the new netns,
 * not for the init one.
 */
static int userns_child(void *arg)
{
	struct userns_job *job = arg;
	struct clusnet_cluster_info ci;
	struct clusnet_info info;
	char map[64];
	int init_dev, dev, h, ret;

	/* The uid change made us non-dumpable: /proc/self is root's. */
	CN_CHECK(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0, "dumpable: %m");
	if (unshare(CLONE_NEWUSER))
		return USERNS_UNSUPPORTED;
	snprintf(map, sizeof(map), "0 %d 1", CN_USER_UID);
	CN_CHECK(write_file("/proc/self/uid_map", map) == 0, "uid_map: %m");
	CN_CHECK(write_file("/proc/self/setgroups", "deny") == 0,
		 "setgroups: %m");
	snprintf(map, sizeof(map), "0 %d 1", CN_USER_GID);
	CN_CHECK(write_file("/proc/self/gid_map", map) == 0, "gid_map: %m");
	CN_CHECK(cn_has_cap(CAP_NET_ADMIN), "no CAP_NET_ADMIN in the userns");

	/* The init netns belongs to the init user ns: no admin there. */
	init_dev = cn_dev();
	CN_CHECK(init_dev >= 0, "%s", strerror(-init_dev));
	ret = cn_create(init_dev, job->name, "cnnone0", (__u32)-1, (__u32)-1,
			0644);
	CN_CHECK(ret == -EPERM, "create in the init netns: %d", ret);
	ret = cn_autobind_set(init_dev, 1);
	CN_CHECK(ret == -EPERM, "autobind set in the init netns: %d", ret);
	ret = cn_open(init_dev, CN_ETH0, CLUSNET_GENERIC_ALL);
	CN_CHECK(ret == -EACCES, "eth0 GENERIC_ALL: %d", ret);
	h = cn_open(init_dev, CN_ETH0, CLUSNET_MAXIMUM_ALLOWED);
	CN_CHECK(h >= 0, "eth0 MAXIMUM_ALLOWED: %s", strerror(-h));
	CN_CHECK(cn_info(h, &info) == 0, "info");
	CN_CHECK(info.granted_access == CLUSNET_GENERIC_READ, "0x%x",
		 info.granted_access);
	/* Owner uid 0 of the init ns is unmapped here: the overflow uid. */
	CN_CHECK(info.uid != 0, "eth0's owner shows as %u", info.uid);
	close(h);
	CN_CHECK(cn_cluster_info(init_dev, CLUSNET_MAXIMUM_ALLOWED, &ci) == 0,
		 "cluster info");
	CN_CHECK(ci.granted_access == CLUSNET_GENERIC_READ, "0x%x",
		 ci.granted_access);

	/* A netns of our own. */
	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare netns: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	CN_CHECK(cn_cluster_info(dev, CLUSNET_MAXIMUM_ALLOWED, &ci) == 0,
		 "cluster info");
	CN_CHECK(ci.granted_access == CLUSNET_GENERIC_ALL, "0x%x",
		 ci.granted_access);
	ret = cn_create(dev, job->name, "cnnone0", 5, 0, 0644);
	CN_CHECK(ret == -EINVAL, "unmapped uid 5: %d", ret);
	ret = cn_create(dev, job->name, "cnnone0", 0, 5, 0644);
	CN_CHECK(ret == -EINVAL, "unmapped gid 5: %d", ret);
	ret = cn_create(dev, job->name, "cnnone0", (__u32)-1, (__u32)-1, 0);
	CN_CHECK(ret == 0, "create in our netns: %s", strerror(-ret));
	h = cn_open(dev, job->name, CLUSNET_GENERIC_ALL);
	CN_CHECK(h >= 0, "open GENERIC_ALL (mode 0): %s", strerror(-h));
	CN_CHECK(cn_info(h, &info) == 0, "info");
	CN_CHECK(info.uid == 0 && info.gid == 0, "owner %u:%u", info.uid,
		 info.gid);
	close(h);
	ret = cn_autobind_set(dev, 0);
	CN_CHECK(ret == 0, "autobind set in our netns: %d", ret);
	ret = cn_delete(dev, job->name);
	CN_CHECK(ret == 0, "delete in our netns: %d", ret);
	close(dev);
	close(init_dev);
	return 0;
}

TEST_F(ab, net_admin_counts_in_the_owning_user_namespace)
{
	struct userns_job *job;
	int rc;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", self->name);
	rc = cn_run(&cn_ident_user, userns_child, job);
	if (rc == USERNS_UNSUPPORTED)
		SKIP(return, "unprivileged user namespaces are not available");
	EXPECT_EQ(0, rc) TH_LOG("%s", cn_child_msg());
	/* Nothing was created in the init netns. */
	EXPECT_EQ(-ENOENT, cn_open(self->dev, self->name,
				   CLUSNET_GENERIC_READ));
	EXPECT_EQ(1, cn_autobind_get(self->dev));
}

TEST_HARNESS_MAIN
