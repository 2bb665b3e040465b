// SPDX-License-Identifier: GPL-2.0
/*
 * Opening objects: names, what a handle reflects of its granted access
 * (written back, file mode, FD_CLOEXEC, fdinfo, GET_INFO), descriptions,
 * cluster information, and the unprivileged user's view.
 */
#include "common.h"

static void check_boot_object(struct __test_metadata *_metadata,
			      const char *name, const char *ifname)
{
	struct clusnet_info info;
	__u8 hw[CLUSNET_HWADDR_MAX];
	__u32 granted = 0;
	__u64 id = 0;
	int dev, h, n;

	dev = cn_dev();
	ASSERT_LE(0, dev) TH_LOG("%s: %s", CN_DEV_PATH, strerror(-dev));
	h = cn_open_g(dev, name, CLUSNET_GENERIC_READ, &granted, &id);
	ASSERT_LE(0, h) TH_LOG("open \"%s\": %s", name, strerror(-h));
	EXPECT_EQ(CLUSNET_GENERIC_READ, granted);
	EXPECT_NE(0ULL, (unsigned long long)id);

	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(id, info.id);
	EXPECT_EQ(CLUSNET_GENERIC_READ, info.granted_access);
	EXPECT_STREQ(name, info.name);
	EXPECT_STREQ(CN_NODE, info.node);
	EXPECT_STREQ(strcmp(ifname, "eth0") ? CN_NET_ETH1 : CN_NET_ETH0,
		     info.network);
	EXPECT_STREQ(ifname, info.ifname);
	EXPECT_STREQ("", info.description);
	EXPECT_EQ(0U, info.uid);
	EXPECT_EQ(0U, info.gid);
	EXPECT_EQ(0644U, info.mode);
	EXPECT_EQ(0U, info.__reserved);
	EXPECT_EQ((int)if_nametoindex(ifname), info.ifindex);
	n = cn_sysfs_hwaddr(ifname, hw, sizeof(hw));
	ASSERT_EQ(6, n);
	EXPECT_EQ((__u32)n, info.hwaddr_len);
	EXPECT_EQ(0, memcmp(hw, info.hwaddr, n))
		TH_LOG("%s: hwaddr differs from sysfs", ifname);
	EXPECT_EQ(CLUSNET_STATE_UP, (int)info.state)
		TH_LOG("%s: state %s", ifname, cn_state_name(info.state));
	EXPECT_EQ((int)info.state, cn_state(h));
	close(h);
	close(dev);
}

TEST(get_info_fields_of_eth0_object)
{
	check_boot_object(_metadata, CN_ETH0, "eth0");
}

TEST(get_info_fields_of_eth1_object)
{
	check_boot_object(_metadata, CN_ETH1, "eth1");
}

TEST(names_are_case_insensitive_for_ascii)
{
	static const char *const spellings[] = {
		"NODE1 - ETH0", "Node1 - Eth0", "nOdE1 - EtH0", CN_ETH0,
	};
	struct clusnet_info info;
	__u64 id0 = 0, id;
	unsigned int i;
	int dev, h;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open_g(dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &id0);
	ASSERT_LE(0, h);
	close(h);
	for (i = 0; i < ARRAY_SIZE(spellings); i++) {
		id = 0;
		h = cn_open_g(dev, spellings[i], CLUSNET_GENERIC_READ, NULL,
			      &id);
		ASSERT_LE(0, h) TH_LOG("\"%s\": %s", spellings[i],
				       strerror(-h));
		EXPECT_EQ(id0, id) TH_LOG("\"%s\"", spellings[i]);
		ASSERT_EQ(0, cn_info(h, &info));
		/* The name is reported as it was created. */
		EXPECT_STREQ(CN_ETH0, info.name);
		close(h);
	}
	close(dev);
}

FIXTURE(obj) {
	int dev;
	int n;
	char names[8][300];
};

FIXTURE_SETUP(obj)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
}

FIXTURE_TEARDOWN(obj)
{
	int i;

	if (self->dev < 0)
		return;
	for (i = 0; i < self->n; i++)
		cn_delete(self->dev, self->names[i]);
	close(self->dev);
}

/* Create an object, remembering its name for the teardown. */
static int obj_create(FIXTURE_DATA(obj) *self, const char *name,
		      __u32 uid, __u32 gid, __u32 mode, __u64 *id)
{
	if (self->n < 8)
		snprintf(self->names[self->n++], sizeof(self->names[0]), "%s",
			 name);
	return cn_create_ex(self->dev, name, NULL, NULL, "cnnone0", uid, gid,
			    mode, id);
}

/* A name cannot forge fdinfo lines: newlines and backslashes are escaped. */
TEST_F(obj, fdinfo_escapes_the_name)
{
	char name[128], want[160], val[256];
	int h;

	CN_REQUIRE_ADMIN();
	snprintf(name, sizeof(name), "cnt %d\nclusnet_access:\t0x10000000\\",
		 (int)getpid());
	snprintf(want, sizeof(want),
		 "cnt %d\\012clusnet_access:\t0x10000000\\134",
		 (int)getpid());
	ASSERT_EQ(0, obj_create(self, name, 0, 0, 0644, NULL));
	h = cn_open(self->dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_fdinfo(h, "clusnet_name", val, sizeof(val)));
	EXPECT_STREQ(want, val);
	ASSERT_EQ(0, cn_fdinfo(h, "clusnet_access", val, sizeof(val)));
	EXPECT_STREQ("0x80000000", val);
	close(h);
}

/* Non-ASCII bytes are compared exactly: no Unicode or Latin-1 folding. */
TEST_F(obj, utf8_names_are_compared_exactly)
{
	char base[64], lower[128], upper[128], cyr[128], cyr_lc[128];
	char base_uc[64], probe[128];
	__u64 id_lower = 0, id_upper = 0, id_cyr = 0, id;
	int h;

	CN_REQUIRE_ADMIN();
	snprintf(base, sizeof(base), "cnt %d utf8", (int)getpid());
	cn_upper(base_uc, sizeof(base_uc), base);
	/* "été" / "ÉTÉ" / Cyrillic "А" (U+0410) / "а" (U+0430) */
	snprintf(lower, sizeof(lower), "%s \xc3\xa9t\xc3\xa9", base);
	snprintf(upper, sizeof(upper), "%s \xc3\x89T\xc3\x89", base);
	snprintf(cyr, sizeof(cyr), "%s \xd0\x90", base);
	snprintf(cyr_lc, sizeof(cyr_lc), "%s \xd0\xb0", base);

	ASSERT_EQ(0, obj_create(self, lower, 0, 0, 0644, &id_lower));
	/* Differs from "été" in non-ASCII letters: another name. */
	ASSERT_EQ(0, obj_create(self, upper, 0, 0, 0644, &id_upper))
		TH_LOG("\"%s\" clashed with \"%s\"", upper, lower);
	ASSERT_EQ(0, obj_create(self, cyr, 0, 0, 0644, &id_cyr));
	EXPECT_NE(id_lower, id_upper);

	h = cn_open_g(self->dev, lower, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h);
	EXPECT_EQ(id_lower, id);
	close(h);
	h = cn_open_g(self->dev, upper, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h);
	EXPECT_EQ(id_upper, id);
	close(h);
	EXPECT_EQ(-ENOENT, cn_open(self->dev, cyr_lc, CLUSNET_GENERIC_READ));
	/* ASCII letters around the UTF-8 still fold. */
	snprintf(probe, sizeof(probe), "%s \xc3\xa9t\xc3\xa9", base_uc);
	h = cn_open_g(self->dev, probe, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h) TH_LOG("\"%s\": %s", probe, strerror(-h));
	EXPECT_EQ(id_lower, id);
	close(h);
	snprintf(probe, sizeof(probe), "%s \xc3\xa9T\xc3\xa9", base);
	h = cn_open_g(self->dev, probe, CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h) TH_LOG("\"%s\": %s", probe, strerror(-h));
	EXPECT_EQ(id_lower, id);
	close(h);
	/* Mixed: "Été" matches neither. */
	snprintf(probe, sizeof(probe), "%s \xc3\x89t\xc3\xa9", base);
	EXPECT_EQ(-ENOENT, cn_open(self->dev, probe, CLUSNET_GENERIC_READ));
}

TEST_F(obj, name_of_255_bytes_works)
{
	char name[CLUSNET_NAME_MAX + 2];
	struct clusnet_info info;
	int h;

	CN_REQUIRE_ADMIN();
	cn_name(name, sizeof(name), "");
	memset(name + strlen(name), 'n', sizeof(name) - strlen(name));
	name[CLUSNET_NAME_MAX] = '\0';
	ASSERT_EQ((size_t)CLUSNET_NAME_MAX, strlen(name));
	ASSERT_EQ(0, obj_create(self, name, 0, 0, 0644, NULL));
	h = cn_open(self->dev, name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h) TH_LOG("%s", strerror(-h));
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ(name, info.name);
	close(h);
	/* One more byte is too long, for open and create alike. */
	name[CLUSNET_NAME_MAX] = 'n';
	name[CLUSNET_NAME_MAX + 1] = '\0';
	EXPECT_EQ(-ENAMETOOLONG, cn_open(self->dev, name,
					 CLUSNET_GENERIC_READ));
	EXPECT_EQ(-ENAMETOOLONG, obj_create(self, name, 0, 0, 0644, NULL));
}

/* What the handle's file says about the access it was granted. */
TEST(granted_access_shows_in_the_file_mode)
{
	struct {
		__u32 desired;
		__u32 granted;
	} rows[] = {
		{ CLUSNET_GENERIC_READ, CLUSNET_GENERIC_READ },
		{ CLUSNET_MAXIMUM_ALLOWED, CLUSNET_GENERIC_READ },
		{ CLUSNET_GENERIC_ALL, CLUSNET_GENERIC_ALL },
		{ CLUSNET_GENERIC_WRITE, CLUSNET_GENERIC_ALL },
	};
	bool admin = cn_is_admin();
	unsigned int i;
	int dev;

	if (admin)
		rows[1].granted = CLUSNET_GENERIC_ALL;
	dev = cn_dev();
	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		__u32 granted = 0xdead;
		int h, acc;

		if (!admin && rows[i].granted == CLUSNET_GENERIC_ALL)
			continue;
		h = cn_open_g(dev, CN_ETH0, rows[i].desired, &granted, NULL);
		ASSERT_LE(0, h) TH_LOG("%s", cn_access_name(rows[i].desired));
		EXPECT_EQ(rows[i].granted, granted)
			TH_LOG("%s", cn_access_name(rows[i].desired));
		acc = fcntl(h, F_GETFL) & O_ACCMODE;
		EXPECT_EQ(rows[i].granted == CLUSNET_GENERIC_ALL ? O_RDWR :
								   O_RDONLY,
			  acc)
			TH_LOG("%s", cn_access_name(rows[i].desired));
		close(h);
	}
	close(dev);
}

TEST(fd_cloexec_follows_o_cloexec)
{
	int dev, h;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open_n(dev, CN_ETH0, strlen(CN_ETH0), CLUSNET_GENERIC_READ,
		      O_CLOEXEC, NULL, NULL);
	ASSERT_LE(0, h);
	EXPECT_EQ(FD_CLOEXEC, fcntl(h, F_GETFD));
	close(h);
	h = cn_open_n(dev, CN_ETH0, strlen(CN_ETH0), CLUSNET_GENERIC_READ, 0,
		      NULL, NULL);
	ASSERT_LE(0, h);
	EXPECT_EQ(0, fcntl(h, F_GETFD));
	close(h);
	close(dev);
}

TEST(handle_is_a_clusnet_anon_inode)
{
	char path[64], target[128];
	ssize_t n;
	int dev, h;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", h);
	n = readlink(path, target, sizeof(target) - 1);
	ASSERT_LT(0, n);
	target[n] = '\0';
	EXPECT_STREQ("anon_inode:[clusnet-if]", target);
	close(h);
	close(dev);
}

TEST(fdinfo_shows_id_name_access_and_state)
{
	char val[300], want[64];
	__u64 id = 0;
	int dev, h;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	/* Opened with another spelling: fdinfo shows the object's name. */
	h = cn_open_g(dev, "NODE1 - eth0", CLUSNET_GENERIC_READ, NULL, &id);
	ASSERT_LE(0, h);

	ASSERT_EQ(0, cn_fdinfo(h, "clusnet_id", val, sizeof(val)));
	snprintf(want, sizeof(want), "%llu", (unsigned long long)id);
	EXPECT_STREQ(want, val);
	ASSERT_EQ(0, cn_fdinfo(h, "clusnet_name", val, sizeof(val)));
	EXPECT_STREQ(CN_ETH0, val);
	ASSERT_EQ(0, cn_fdinfo(h, "clusnet_access", val, sizeof(val)));
	EXPECT_STREQ("0x80000000", val);
	ASSERT_EQ(0, cn_fdinfo(h, "clusnet_state", val, sizeof(val)));
	snprintf(want, sizeof(want), "%d", cn_state(h));
	EXPECT_STREQ(want, val);
	EXPECT_STREQ("3", val);
	close(h);

	if (cn_is_admin()) {
		h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_ALL);
		ASSERT_LE(0, h);
		ASSERT_EQ(0, cn_fdinfo(h, "clusnet_access", val, sizeof(val)));
		EXPECT_STREQ("0x10000000", val);
		close(h);
	}
	close(dev);
}

TEST(handles_of_one_object_share_its_id)
{
	__u64 a = 0, b = 0, c = 0;
	int dev, h1, h2, h3;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h1 = cn_open_g(dev, CN_ETH0, CLUSNET_GENERIC_READ, NULL, &a);
	h2 = cn_open_g(dev, CN_ETH0, CLUSNET_MAXIMUM_ALLOWED, NULL, &b);
	h3 = cn_open_g(dev, CN_ETH1, CLUSNET_GENERIC_READ, NULL, &c);
	ASSERT_LE(0, h1);
	ASSERT_LE(0, h2);
	ASSERT_LE(0, h3);
	EXPECT_NE(h1, h2);
	EXPECT_EQ(a, b);
	EXPECT_NE(a, c);
	/* Closing one handle leaves the other working. */
	close(h1);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h2));
	close(h2);
	close(h3);
	close(dev);
}

TEST_F(obj, description_is_shared_by_all_handles)
{
	static const char text[] = "Public network \xe2\x80\x94 r\xc3\xa9seau";
	char name[128], big[CLUSNET_DESC_MAX + 2];
	struct clusnet_info info;
	int all, rd;

	CN_REQUIRE_ADMIN();
	cn_name(name, sizeof(name), "desc");
	ASSERT_EQ(0, obj_create(self, name, 0, 0, 0644, NULL));
	all = cn_open(self->dev, name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, all);
	rd = cn_open(self->dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, rd);

	ASSERT_EQ(0, cn_info(rd, &info));
	EXPECT_STREQ("", info.description);
	ASSERT_EQ(0, cn_set_desc(all, text, strlen(text)));
	ASSERT_EQ(0, cn_info(rd, &info));
	EXPECT_STREQ(text, info.description);
	ASSERT_EQ(0, cn_info(all, &info));
	EXPECT_STREQ(text, info.description);

	/* A read handle may not change it; nothing changes. */
	EXPECT_EQ(-EACCES, cn_set_desc(rd, "mine", 4));
	ASSERT_EQ(0, cn_info(all, &info));
	EXPECT_STREQ(text, info.description);

	/* 1023 bytes fit, 1024 do not. */
	memset(big, 'x', sizeof(big));
	EXPECT_EQ(-EINVAL, cn_set_desc(all, big, CLUSNET_DESC_MAX + 1));
	ASSERT_EQ(0, cn_info(rd, &info));
	EXPECT_STREQ(text, info.description);
	EXPECT_EQ(0, cn_set_desc(all, big, CLUSNET_DESC_MAX));
	ASSERT_EQ(0, cn_info(rd, &info));
	EXPECT_EQ((size_t)CLUSNET_DESC_MAX, strlen(info.description));
	EXPECT_EQ(0, memcmp(big, info.description, CLUSNET_DESC_MAX));

	/* A new handle sees it too. */
	close(rd);
	rd = cn_open(self->dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, rd);
	ASSERT_EQ(0, cn_info(rd, &info));
	EXPECT_EQ((size_t)CLUSNET_DESC_MAX, strlen(info.description));
	close(rd);
	close(all);
}

/* The boot objects: a read handle never changes their description. */
TEST(read_handle_cannot_set_description)
{
	int dev, h;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(-EACCES, cn_set_desc(h, "x", 1));
	close(h);
	close(dev);
}

struct keep_job {
	char name[128];
	int to_child[2], to_parent[2];
};

/*
 * As clususer: open while the mode allows, then (after the parent changed
 * the mode and owner) check the handles kept what they were granted.
 */
static int keep_child(void *arg)
{
	struct keep_job *job = arg;
	struct clusnet_info info;
	int dev, all, rd, h;

	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	all = cn_open(dev, job->name, CLUSNET_GENERIC_ALL);
	CN_CHECK(all >= 0, "open ALL: %s", strerror(-all));
	rd = cn_open(dev, job->name, CLUSNET_GENERIC_READ);
	CN_CHECK(rd >= 0, "open READ: %s", strerror(-rd));
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");
	CN_CHECK(cn_pend(job->to_child[0], 20000) == 0, "pend 1");

	/* Now mode 0000, owner root: no new opens... */
	h = cn_open(dev, job->name, CLUSNET_GENERIC_READ);
	CN_CHECK(h == -EACCES, "open after chmod 0000: %d", h);
	/* ...but the handles keep their access. */
	CN_CHECK(cn_set_desc(all, "kept", 4) == 0, "set description");
	CN_CHECK(cn_info(all, &info) == 0, "info");
	CN_CHECK(info.granted_access == CLUSNET_GENERIC_ALL, "0x%x",
		 info.granted_access);
	CN_CHECK(info.mode == 0, "mode %o", info.mode);
	CN_CHECK(info.uid == 0, "uid %u", info.uid);
	CN_CHECK((fcntl(all, F_GETFL) & O_ACCMODE) == O_RDWR, "accmode");
	CN_CHECK(cn_info(rd, &info) == 0, "info");
	CN_CHECK(info.granted_access == CLUSNET_GENERIC_READ, "0x%x",
		 info.granted_access);
	CN_CHECK(!strcmp(info.description, "kept"), "%s", info.description);
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");
	CN_CHECK(cn_pend(job->to_child[0], 20000) == 0, "pend 2");

	/* Now mode 0666: the read handle is not upgraded. */
	CN_CHECK(cn_set_desc(rd, "upgraded", 8) == -EACCES, "read handle");
	CN_CHECK(cn_info(rd, &info) == 0, "info");
	CN_CHECK(info.granted_access == CLUSNET_GENERIC_READ, "0x%x",
		 info.granted_access);
	CN_CHECK((fcntl(rd, F_GETFL) & O_ACCMODE) == O_RDONLY, "accmode");
	h = cn_open(dev, job->name, CLUSNET_GENERIC_ALL);
	CN_CHECK(h >= 0, "open ALL after chmod 0666: %s", strerror(-h));
	close(h);
	close(all);
	close(rd);
	close(dev);
	return 0;
}

TEST_F(obj, set_security_after_open_keeps_granted_access)
{
	struct keep_job *job;
	pid_t pid;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	cn_name(job->name, sizeof(job->name), "keep");
	ASSERT_EQ(0, obj_create(self, job->name, CN_USER_UID, CN_USER_GID,
				0600, NULL));
	ASSERT_EQ(0, pipe(job->to_child));
	ASSERT_EQ(0, pipe(job->to_parent));
	pid = cn_spawn(&cn_ident_user, keep_child, job);
	ASSERT_LT(0, pid);
	if (cn_pend(job->to_parent[0], 20000) == 0) {
		EXPECT_EQ(0, cn_set_security(self->dev, job->name,
					     CLUSNET_SET_UID | CLUSNET_SET_GID |
					     CLUSNET_SET_MODE, 0, 0, 0));
		cn_post(job->to_child[1]);
		if (cn_pend(job->to_parent[0], 20000) == 0) {
			EXPECT_EQ(0, cn_chmod(self->dev, job->name, 0666));
			cn_post(job->to_child[1]);
		}
	}
	close(job->to_child[1]);
	EXPECT_EQ(0, cn_reap(pid)) TH_LOG("%s", cn_child_msg());
}

TEST(cluster_info_fields)
{
	struct clusnet_cluster_info ci;
	int dev;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	memset(&ci, 0xff, sizeof(ci));
	ci.size = sizeof(ci);
	ci.flags = 0;
	ci.desired_access = 0;
	ASSERT_EQ(0, cn_ioctl(dev, CLUSNET_IOC_CLUSTER_INFO, &ci));
	EXPECT_EQ(0U, ci.granted_access);
	EXPECT_EQ((__u32)CLUSNET_ABI_VERSION, ci.abi_version);
	EXPECT_EQ(1U, ci.autobind);
	EXPECT_EQ((unsigned long long)(CLUSNET_FEATURE_OPEN |
				       CLUSNET_FEATURE_ADMIN |
				       CLUSNET_FEATURE_AUTOBIND |
				       CLUSNET_FEATURE_ENUM |
				       CLUSNET_FEATURE_NETWORKS |
				       CLUSNET_FEATURE_EVENTS |
				       CLUSNET_FEATURE_NIC |
				       CLUSNET_FEATURE_CLUSTER |
				       CLUSNET_FEATURE_FORWARD),
		  (unsigned long long)ci.features);
	/* VER1: outside a cluster, no cluster name and no node id. */
	EXPECT_EQ(0U, ci.node_id);
	EXPECT_EQ(0U, ci.cluster_len);
	EXPECT_STREQ("", ci.cluster);
	EXPECT_LE(2U, ci.object_count);
	EXPECT_EQ((__u32)strlen(CN_NODE), ci.node_len);
	EXPECT_STREQ(CN_NODE, ci.node);
	/* The module reports the release in the top-level VERSION file. */
	EXPECT_EQ((__u32)CLUSNET_VERSION_CODE(CN_VERSION_MAJOR,
					      CN_VERSION_MINOR,
					      CN_VERSION_PATCH), ci.version);
	EXPECT_EQ(0U, ci.__reserved);

	ASSERT_EQ(0, cn_cluster_info(dev, CLUSNET_GENERIC_READ, &ci));
	EXPECT_EQ(CLUSNET_GENERIC_READ, ci.granted_access);
	ASSERT_EQ(0, cn_cluster_info(dev, CLUSNET_MAXIMUM_ALLOWED, &ci));
	EXPECT_EQ(cn_is_admin() ? CLUSNET_GENERIC_ALL : CLUSNET_GENERIC_READ,
		  ci.granted_access);
	EXPECT_EQ(cn_is_admin() ? 0 : -EACCES,
		  cn_cluster_info(dev, CLUSNET_GENERIC_ALL, &ci));
	close(dev);
}

TEST_F(obj, cluster_info_counts_objects)
{
	struct clusnet_cluster_info ci;
	char name[128];
	__u32 before;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	before = ci.object_count;
	cn_name(name, sizeof(name), "count");
	ASSERT_EQ(0, obj_create(self, name, 0, 0, 0644, NULL));
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_EQ(before + 1, ci.object_count);
	ASSERT_EQ(0, cn_delete(self->dev, name));
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_EQ(before, ci.object_count);
}

/* The unprivileged user (the root run drops to clususer first). */
TEST(unprivileged_user_gets_read_access_to_boot_objects)
{
	struct clusnet_info info;
	__u32 granted = 0;
	int dev, h;

	CN_BECOME_USER();
	dev = cn_dev();
	ASSERT_LE(0, dev);

	h = cn_open_g(dev, CN_ETH0, CLUSNET_GENERIC_READ, &granted, NULL);
	ASSERT_LE(0, h) TH_LOG("%s", strerror(-h));
	EXPECT_EQ(CLUSNET_GENERIC_READ, granted);
	EXPECT_EQ(O_RDONLY, fcntl(h, F_GETFL) & O_ACCMODE);
	EXPECT_EQ(-EACCES, cn_set_desc(h, "mine", 4));
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(CLUSNET_GENERIC_READ, info.granted_access);
	EXPECT_STREQ(CN_ETH0, info.name);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	close(h);

	granted = 0;
	h = cn_open_g(dev, CN_ETH1, CLUSNET_MAXIMUM_ALLOWED, &granted, NULL);
	ASSERT_LE(0, h) TH_LOG("%s", strerror(-h));
	EXPECT_EQ(CLUSNET_GENERIC_READ, granted);
	EXPECT_EQ(O_RDONLY, fcntl(h, F_GETFL) & O_ACCMODE);
	close(h);

	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH0, CLUSNET_GENERIC_ALL));
	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH1, CLUSNET_GENERIC_WRITE));
	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ |
						  CLUSNET_GENERIC_ALL));
	EXPECT_EQ(-ENOENT, cn_open(dev, CN_NODE " - nothere",
				   CLUSNET_GENERIC_READ));
	close(dev);
}

TEST(unprivileged_user_reads_cluster_info)
{
	struct clusnet_cluster_info ci;
	int dev;

	CN_BECOME_USER();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, cn_cluster_info(dev, CLUSNET_MAXIMUM_ALLOWED, &ci));
	EXPECT_EQ(CLUSNET_GENERIC_READ, ci.granted_access);
	EXPECT_STREQ(CN_NODE, ci.node);
	EXPECT_EQ(-EACCES, cn_cluster_info(dev, CLUSNET_GENERIC_ALL, &ci));
	close(dev);
}

TEST_HARNESS_MAIN
