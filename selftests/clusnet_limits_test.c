// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace limits: max_objects and max_networks, module parameters
 * root may change at run time, cap what one network namespace holds (root
 * of any user namespace is admin in its own). Over a limit, CREATE fails
 * with ENOSPC and leaves nothing behind; an address change that would
 * need a network over the limit leaves the object on none. And network
 * numbering: "Cluster Network N" takes the smallest N no network's name
 * uses, whoever gave the names.
 *
 * Each test runs in a network namespace of its own (the harness forks one
 * process per test), so the limits it sets count only its own objects.
 */
#include "common.h"

#define PARAM_DIR	"/sys/module/clusnet/parameters/"

FIXTURE(lim) {
	int dev;
	char saved_objects[32];
	char saved_networks[32];
	char dummy[2][IFNAMSIZ];
};

static int param_read(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	return 0;
}

static int param_write(const char *name, const char *val)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -EIO;
}

FIXTURE_SETUP(lim)
{
	self->dev = -1;
	self->saved_objects[0] = self->saved_networks[0] = '\0';
	memset(self->dummy, 0, sizeof(self->dummy));
	if (!cn_is_admin())
		return;
	ASSERT_EQ(0, param_read("max_objects", self->saved_objects,
				sizeof(self->saved_objects)));
	ASSERT_EQ(0, param_read("max_networks", self->saved_networks,
				sizeof(self->saved_networks)));
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
}

FIXTURE_TEARDOWN(lim)
{
	if (self->saved_objects[0])
		param_write("max_objects", self->saved_objects);
	if (self->saved_networks[0])
		param_write("max_networks", self->saved_networks);
	if (self->dev >= 0)
		close(self->dev);
}

static int count_objects(int dev)
{
	struct clusnet_cluster_info ci;
	int ret = cn_cluster_info(dev, 0, &ci);

	return ret ? ret : (int)ci.object_count;
}

TEST_F(lim, parameters_are_root_writable)
{
	struct stat st;

	ASSERT_EQ(0, stat(PARAM_DIR "max_objects", &st));
	EXPECT_EQ(0644u, st.st_mode & 07777);
	ASSERT_EQ(0, stat(PARAM_DIR "max_networks", &st));
	EXPECT_EQ(0644u, st.st_mode & 07777);
}

TEST_F(lim, objects_over_the_limit_are_enospc)
{
	char name[5][64];
	int i;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, count_objects(self->dev));
	/* The init namespace has more than this: the limit is per namespace. */
	ASSERT_EQ(0, param_write("max_objects", "3"));
	for (i = 0; i < 3; i++) {
		cn_name(name[i], sizeof(name[i]), "lim");
		ASSERT_EQ(0, cn_create(self->dev, name[i], "cnlim0", 0, 0,
				       0644));
	}
	cn_name(name[3], sizeof(name[3]), "lim");
	EXPECT_EQ(-ENOSPC, cn_create(self->dev, name[3], "cnlim0", 0, 0,
				     0644));
	EXPECT_EQ(3, count_objects(self->dev));
	EXPECT_EQ(-ENOENT, cn_open(self->dev, name[3], CLUSNET_GENERIC_READ));

	/* Room again once one goes, or once root raises the limit. */
	ASSERT_EQ(0, cn_delete(self->dev, name[0]));
	EXPECT_EQ(0, cn_create(self->dev, name[3], "cnlim0", 0, 0, 0644));
	ASSERT_EQ(0, param_write("max_objects", "4"));
	cn_name(name[4], sizeof(name[4]), "lim");
	EXPECT_EQ(0, cn_create(self->dev, name[4], "cnlim0", 0, 0, 0644));
}

TEST_F(lim, pinned_networks_over_the_limit_are_enospc)
{
	char name[4][64], net[3][64];
	struct clusnet_network_entry *nets;
	int i;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, param_write("max_networks", "2"));
	for (i = 0; i < 3; i++)
		snprintf(net[i], sizeof(net[i]), "lim net %d", i);
	for (i = 0; i < 4; i++)
		cn_name(name[i], sizeof(name[i]), "limnet");
	ASSERT_EQ(0, cn_create_ex(self->dev, name[0], NULL, net[0], "cnlim0",
				  0, 0, 0644, NULL));
	ASSERT_EQ(0, cn_create_ex(self->dev, name[1], NULL, net[1], "cnlim0",
				  0, 0, 0644, NULL));
	EXPECT_EQ(-ENOSPC, cn_create_ex(self->dev, name[2], NULL, net[2],
					"cnlim0", 0, 0, 0644, NULL));
	EXPECT_EQ(2, count_objects(self->dev));
	EXPECT_EQ(2, cn_networks(self->dev, &nets));
	free(nets);
	/* A network that exists takes more members. */
	EXPECT_EQ(0, cn_create_ex(self->dev, name[3], NULL, net[0], "cnlim0",
				  0, 0, 0644, NULL));
}

TEST_F(lim, discovered_networks_over_the_limit_leave_objects_on_none)
{
	char name[2][64];
	long long id;
	int i;

	CN_REQUIRE_ADMIN();
	cn_netdev_modules();
	ASSERT_EQ(0, param_write("max_networks", "1"));
	for (i = 0; i < 2; i++) {
		cn_ifname(self->dummy[i]);
		ASSERT_EQ(0, cn_dummy_add(self->dummy[i], true));
		cn_name(name[i], sizeof(name[i]), "limdisc");
		ASSERT_EQ(0, cn_create(self->dev, name[i], self->dummy[i], 0, 0,
				       0644));
		ASSERT_EQ(0, cn_sh("ip addr add 10.%d.0.1/24 dev %s", 90 + i,
				   self->dummy[i]));
	}
	/* Address changes are synchronous with the ip command. */
	EXPECT_LT(0, cn_object_network_id(self->dev, name[0]));
	EXPECT_EQ(0, cn_object_network_id(self->dev, name[1]));

	/* Raised: the next address change finds it a network. */
	ASSERT_EQ(0, param_write("max_networks", "2"));
	ASSERT_EQ(0, cn_sh("ip addr flush dev %s && ip addr add 10.91.0.1/24 dev %s",
			   self->dummy[1], self->dummy[1]));
	id = cn_object_network_id(self->dev, name[1]);
	EXPECT_LT(0, id);
	EXPECT_NE(cn_object_network_id(self->dev, name[0]), id);
}

/* Numbers come from what the names say, not from how they came about. */
TEST_F(lim, numbering_skips_the_names_in_use)
{
	static const char * const pinned[] = {
		"Cluster Network 1", "cluster network 3", "Cluster Network 02",
	};
	struct clusnet_network_entry e;
	char name[5][64];
	long long id;
	int i;

	CN_REQUIRE_ADMIN();
	cn_netdev_modules();
	for (i = 0; i < 3; i++) {
		cn_name(name[i], sizeof(name[i]), "num");
		ASSERT_EQ(0, cn_create_ex(self->dev, name[i], NULL, pinned[i],
					  "cnnum0", 0, 0, 0644, NULL));
	}
	for (i = 0; i < 2; i++) {
		cn_ifname(self->dummy[i]);
		ASSERT_EQ(0, cn_dummy_add(self->dummy[i], true));
		cn_name(name[3 + i], sizeof(name[3 + i]), "num");
		ASSERT_EQ(0, cn_create(self->dev, name[3 + i], self->dummy[i],
				       0, 0, 0644));
		ASSERT_EQ(0, cn_sh("ip addr add 10.%d.0.1/24 dev %s", 92 + i,
				   self->dummy[i]));
		id = cn_object_network_id(self->dev, name[3 + i]);
		ASSERT_LT(0, id);
		ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &e));
		EXPECT_STREQ(i ? "Cluster Network 4" : "Cluster Network 2",
			     e.name);
	}
	/* A number freed by a rename is the next one taken. */
	ASSERT_EQ(0, cn_find_network(self->dev, 0, "cluster network 3", &e));
	ASSERT_EQ(0, cn_network_rename(self->dev, e.id, "lim renamed"));
	ASSERT_EQ(0, cn_sh("ip addr flush dev %s && ip addr add 10.95.0.1/24 dev %s",
			   self->dummy[1], self->dummy[1]));
	id = cn_object_network_id(self->dev, name[4]);
	ASSERT_LT(0, id);
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &e));
	EXPECT_STREQ("Cluster Network 3", e.name);
}

TEST_HARNESS_MAIN
