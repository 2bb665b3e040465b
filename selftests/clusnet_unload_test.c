// SPDX-License-Identifier: GPL-2.0
/*
 * Module lifetime: every handle and every open /dev/clusnet pins the
 * module; once all are closed it unloads, and loading it again brings the
 * autobind objects back (with new ids). Runs last (the name sorts after
 * the other clusnet tests) and always leaves the module loaded.
 */
#include "common.h"

/* delete_module(2) without waiting: 0 or -errno. */
static int unload(void)
{
	return syscall(SYS_delete_module, "clusnet", O_NONBLOCK) ? -errno : 0;
}

static bool busy(int err)
{
	return err == -EWOULDBLOCK || err == -EBUSY || err == -EAGAIN;
}

FIXTURE(unload) {
	int fds[4];
	int n;
	char name[128];
};

FIXTURE_SETUP(unload)
{
	cn_name(self->name, sizeof(self->name), "unload");
}

FIXTURE_TEARDOWN(unload)
{
	int i, dev;

	for (i = 0; i < self->n; i++)
		if (self->fds[i] >= 0)
			close(self->fds[i]);
	if (!cn_is_admin())
		return;
	if (cn_ensure_module())
		fprintf(stderr, "# could not load clusnet again\n");
	dev = cn_dev();
	if (dev >= 0) {
		cn_delete(dev, self->name);
		close(dev);
	}
}

static int keep(FIXTURE_DATA(unload) *self, int fd)
{
	if (fd >= 0 && self->n < 4)
		self->fds[self->n++] = fd;
	return fd;
}

TEST_F(unload, rmmod_fails_while_a_handle_is_open)
{
	int dev, h, ret;

	CN_REQUIRE_ADMIN();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = keep(self, cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ));
	ASSERT_LE(0, h);
	close(dev);

	ret = unload();
	EXPECT_TRUE(busy(ret)) TH_LOG("delete_module: %s",
				      ret ? strerror(-ret) : "succeeded");
	EXPECT_NE(0, cn_sh_quiet("rmmod clusnet"));
	ASSERT_TRUE(cn_module_loaded());

	/* Everything still works. */
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	dev = keep(self, cn_dev());
	ASSERT_LE(0, dev);
	ret = cn_open(dev, CN_ETH1, CLUSNET_GENERIC_READ);
	EXPECT_LE(0, ret) TH_LOG("%s", strerror(-ret));
	if (ret >= 0)
		close(ret);
}

/* A deleted object's handle pins the module as well. */
TEST_F(unload, rmmod_fails_while_a_dead_handle_is_open)
{
	int dev, h, ret;

	CN_REQUIRE_ADMIN();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, cn_create(dev, self->name, "lo", 0, 0, 0644));
	h = keep(self, cn_open(dev, self->name, CLUSNET_GENERIC_ALL));
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_delete(dev, self->name));
	close(dev);

	ret = unload();
	EXPECT_TRUE(busy(ret)) TH_LOG("delete_module: %s",
				      ret ? strerror(-ret) : "succeeded");
	ASSERT_TRUE(cn_module_loaded());
	EXPECT_EQ(-ENODEV, cn_state(h));
}

TEST_F(unload, rmmod_fails_while_dev_is_open)
{
	int dev, ret, h;

	CN_REQUIRE_ADMIN();
	dev = keep(self, cn_dev());
	ASSERT_LE(0, dev);

	ret = unload();
	EXPECT_TRUE(busy(ret)) TH_LOG("delete_module: %s",
				      ret ? strerror(-ret) : "succeeded");
	ASSERT_TRUE(cn_module_loaded());
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	EXPECT_LE(0, h) TH_LOG("%s", strerror(-h));
	if (h >= 0) {
		EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
		close(h);
	}
}

/* A handle held by another process (here: a forked child) pins it too. */
static int hold_child(void *arg)
{
	int *p = arg;
	char c;

	/* Block until the parent closes its end. */
	close(p[1]);
	while (read(p[0], &c, 1) > 0)
		;
	return 0;
}

TEST_F(unload, rmmod_fails_while_a_child_holds_a_handle)
{
	int dev, h, ret, p[2];
	pid_t pid;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, pipe(p));
	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open_n(dev, CN_ETH0, strlen(CN_ETH0), CLUSNET_GENERIC_READ, 0,
		      NULL, NULL);
	ASSERT_LE(0, h);
	close(dev);
	pid = cn_spawn(NULL, hold_child, p);
	ASSERT_LT(0, pid);
	close(h);	/* only the child holds it now */
	close(p[0]);

	ret = unload();
	EXPECT_TRUE(busy(ret)) TH_LOG("delete_module: %s",
				      ret ? strerror(-ret) : "succeeded");
	close(p[1]);
	EXPECT_EQ(0, cn_reap(pid));
	ASSERT_TRUE(cn_module_loaded());
}

TEST_F_TIMEOUT(unload, rmmod_then_modprobe_restores_autobind_objects, 120)
{
	__u64 old0 = 0, old1 = 0, new0 = 0, new1 = 0;
	struct clusnet_cluster_info ci;
	long long deadline;
	int dev, h, ret, st;

	CN_REQUIRE_ADMIN();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open_g(dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &old0);
	ASSERT_LE(0, h);
	close(h);
	h = cn_open_g(dev, CN_ETH1, CLUSNET_GENERIC_READ, NULL, &old1);
	ASSERT_LE(0, h);
	close(h);
	/* An object of ours, which must not survive the unload. */
	ASSERT_EQ(0, cn_create(dev, self->name, "lo", 0, 0, 0644));
	close(dev);

	/*
	 * Everything closed: the module goes. (Retried for a moment, in
	 * case a process of an earlier test is still exiting.)
	 */
	deadline = cn_now_ms() + CN_WAIT_MS;
	while (busy(ret = unload()) && cn_now_ms() < deadline)
		cn_sleep_ms(100);
	ASSERT_EQ(0, ret) TH_LOG("delete_module: %s", strerror(-ret));
	EXPECT_FALSE(cn_module_loaded());
	dev = cn_dev();
	EXPECT_GT(0, dev) TH_LOG("/dev/clusnet still opens after unload");
	if (dev >= 0)
		close(dev);

	ASSERT_EQ(0, cn_sh("modprobe clusnet"));
	ASSERT_EQ(0, cn_wait_dev(10000));
	dev = keep(self, cn_dev());
	ASSERT_LE(0, dev);

	h = cn_wait_open(dev, CN_ETH0, CLUSNET_GENERIC_READ, CN_WAIT_MS);
	ASSERT_LE(0, h) TH_LOG("\"%s\" after reload: %s", CN_ETH0,
			       strerror(-h));
	st = cn_wait_state(h, CLUSNET_STATE_UP, 15000);
	EXPECT_EQ(CLUSNET_STATE_UP, st) TH_LOG("eth0: %s", cn_state_name(st));
	close(h);
	h = cn_wait_open(dev, CN_ETH1, CLUSNET_GENERIC_READ, CN_WAIT_MS);
	ASSERT_LE(0, h) TH_LOG("\"%s\" after reload: %s", CN_ETH1,
			       strerror(-h));
	st = cn_wait_state(h, CLUSNET_STATE_UP, 15000);
	EXPECT_EQ(CLUSNET_STATE_UP, st) TH_LOG("eth1: %s", cn_state_name(st));
	close(h);

	h = cn_open_g(dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &new0);
	ASSERT_LE(0, h);
	close(h);
	h = cn_open_g(dev, CN_ETH1, CLUSNET_GENERIC_READ, NULL, &new1);
	ASSERT_LE(0, h);
	close(h);
	/* New objects: new ids (ids are never reused). */
	EXPECT_NE(old0, new0) TH_LOG("eth0 id %llu again",
				     (unsigned long long)new0);
	EXPECT_NE(old1, new1) TH_LOG("eth1 id %llu again",
				     (unsigned long long)new1);
	EXPECT_NE(old0, new1);
	EXPECT_NE(old1, new0);

	EXPECT_EQ(-ENOENT, cn_open(dev, self->name, CLUSNET_GENERIC_READ));
	ASSERT_EQ(0, cn_cluster_info(dev, 0, &ci));
	EXPECT_EQ(1U, ci.autobind);
	EXPECT_STREQ(CN_NODE, ci.node);
	deadline = cn_now_ms() + CN_WAIT_MS;
	while (ci.object_count < 2 && cn_now_ms() < deadline) {
		cn_sleep_ms(CN_POLL_MS);
		cn_cluster_info(dev, 0, &ci);
	}
	EXPECT_EQ(2U, ci.object_count);
}

/* After the reload, the unprivileged view is as at boot. */
TEST(module_works_for_everybody_after_the_tests)
{
	__u32 granted = 0;
	int dev, h;

	if (cn_is_admin()) {
		ASSERT_EQ(0, cn_ensure_module());
	}
	CN_BECOME_USER();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open_g(dev, CN_ETH0, CLUSNET_MAXIMUM_ALLOWED, &granted, NULL);
	ASSERT_LE(0, h) TH_LOG("%s", strerror(-h));
	EXPECT_EQ(CLUSNET_GENERIC_READ, granted);
	close(h);
	close(dev);
}

TEST_HARNESS_MAIN
