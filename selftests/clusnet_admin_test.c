// SPDX-License-Identifier: GPL-2.0
/*
 * The admin ioctls: CREATE, DELETE, SET_SECURITY and AUTOBIND with
 * CLUSNET_AUTOBIND_SET. Their results and errors as root, and EPERM for
 * everybody without CAP_NET_ADMIN (also for an owner with full access).
 */
#include "common.h"

FIXTURE(admin) {
	int dev;
	int n;
	char names[16][300];
};

FIXTURE_SETUP(admin)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
}

FIXTURE_TEARDOWN(admin)
{
	int i;

	if (self->dev < 0)
		return;
	for (i = 0; i < self->n; i++)
		cn_delete(self->dev, self->names[i]);
	close(self->dev);
}

/* A unique name, remembered for the teardown. */
static const char *new_name(FIXTURE_DATA(admin) *self, const char *tag)
{
	char *name = self->names[self->n < 15 ? self->n++ : 15];

	cn_name(name, sizeof(self->names[0]), tag);
	return name;
}

static struct clusnet_create create_arg(const char *name, const char *ifname)
{
	struct clusnet_create cr;

	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.name = CN_PTR(name);
	cr.name_len = strlen(name);
	cr.uid = 0;
	cr.gid = 0;
	cr.mode = 0644;
	memcpy(cr.ifname, ifname, strnlen(ifname, sizeof(cr.ifname) - 1));
	return cr;
}

TEST_F(admin, create_reports_what_was_asked)
{
	const char *name;
	struct clusnet_info info;
	__u64 id = 0, id2 = 0;
	int h;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "create");
	ASSERT_EQ(0, cn_create_ex(self->dev, name, "other node \xc3\xa9",
				  "Cluster Network 7", "cnnone1", 4321, 8765,
				  0640, &id));
	EXPECT_NE(0ULL, (unsigned long long)id);
	h = cn_open_g(self->dev, name, CLUSNET_GENERIC_READ, NULL, &id2);
	ASSERT_LE(0, h);
	EXPECT_EQ(id, id2);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(id, info.id);
	EXPECT_STREQ(name, info.name);
	EXPECT_STREQ("other node \xc3\xa9", info.node);
	EXPECT_STREQ("Cluster Network 7", info.network);
	EXPECT_STREQ("cnnone1", info.ifname);
	EXPECT_EQ(4321U, info.uid);
	EXPECT_EQ(8765U, info.gid);
	EXPECT_EQ(0640U, info.mode);
	EXPECT_STREQ("", info.description);
	/* No such netdev: unbound. */
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, (int)info.state);
	EXPECT_EQ(0, info.ifindex);
	EXPECT_EQ(0U, info.hwaddr_len);
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, cn_state(h));
	close(h);
}

TEST_F(admin, create_defaults_node_and_network)
{
	const char *name;
	struct clusnet_info info;
	int h;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "defaults");
	ASSERT_EQ(0, cn_create_ex(self->dev, name, NULL, NULL, "cnnone1",
				  0, 0, CLUSNET_MODE_DEFAULT, NULL));
	h = cn_open(self->dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ(CN_NODE, info.node);
	/* No NIC, so no subnet: on no network. */
	EXPECT_STREQ("", info.network);
	EXPECT_EQ(0644U, info.mode);
	close(h);
}

/* A 15-byte interface name is the longest there is. */
TEST_F(admin, create_accepts_15_byte_ifname)
{
	const char *name;
	struct clusnet_info info;
	int h;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "ifname15");
	ASSERT_EQ(0, cn_create(self->dev, name, "abcdefghijklmno", 0, 0,
			       0644));
	h = cn_open(self->dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ("abcdefghijklmno", info.ifname);
	close(h);
}

struct minus_one_job {
	char name[128];
	int ret;
};

static int create_minus_one_child(void *arg)
{
	struct minus_one_job *job = arg;
	int dev = cn_dev();

	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	job->ret = cn_create(dev, job->name, "cnnone1", (__u32)-1, (__u32)-1,
			     0600);
	close(dev);
	return 0;
}

/* uid/gid (__u32)-1 take the caller's fsuid/fsgid. */
TEST_F(admin, create_minus_one_takes_callers_fsuid_and_fsgid)
{
	static const struct cn_ident creator = {
		.uid = CN_OTHER_UID, .gid = CN_GROUP_GID,
		.caps = CN_CAPS_ONLY_NET_ADMIN,
	};
	struct minus_one_job *job;
	struct clusnet_info info;
	int h;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", new_name(self, "m1"));
	ASSERT_EQ(0, cn_run(&creator, create_minus_one_child, job))
		TH_LOG("%s", cn_child_msg());
	ASSERT_EQ(0, job->ret) TH_LOG("%s", strerror(-job->ret));
	h = cn_open(self->dev, job->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ((__u32)CN_OTHER_UID, info.uid);
	EXPECT_EQ((__u32)CN_GROUP_GID, info.gid);
	EXPECT_EQ(0600U, info.mode);
	close(h);

	/* Root's own: 0/0. */
	ASSERT_EQ(0, cn_create(self->dev, new_name(self, "m1root"), "cnnone1",
			       (__u32)-1, (__u32)-1, 0600));
	h = cn_open(self->dev, self->names[self->n - 1], CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(0U, info.uid);
	EXPECT_EQ(0U, info.gid);
	close(h);
}

TEST_F(admin, create_existing_name_is_eexist)
{
	char upper[300];
	const char *name;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "exists");
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0644));
	EXPECT_EQ(-EEXIST, cn_create(self->dev, name, "cnnone2", 0, 0, 0600));
	cn_upper(upper, sizeof(upper), name);
	EXPECT_EQ(-EEXIST, cn_create(self->dev, upper, "cnnone1", 0, 0, 0644))
		TH_LOG("\"%s\" vs \"%s\"", upper, name);
	EXPECT_EQ(-EEXIST, cn_create(self->dev, "NODE1 - ETH0", "cnnone1", 0,
				     0, 0644));
	EXPECT_EQ(-EEXIST, cn_create(self->dev, CN_ETH1, "eth1", 0, 0, 0644));
}

TEST_F(admin, create_bad_mode_is_einval)
{
	static const __u32 bad[] = {
		0700, 0777, 0100, 0010, 0001, 0744, 0645, 01000, 02644, 04644,
		0x10000, 0xffffffffu,
	};
	const char *name;
	unsigned int i;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "badmode");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, cn_create(self->dev, name, "cnnone1", 0, 0,
					     bad[i]))
			TH_LOG("mode 0%o", bad[i]);
	}
	EXPECT_EQ(-ENOENT, cn_open(self->dev, name, CLUSNET_GENERIC_READ));
	/* Every valid mode is accepted. */
	EXPECT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0666));
	EXPECT_EQ(0, cn_delete(self->dev, name));
	EXPECT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0));
}

TEST_F(admin, create_bad_ifname_is_einval)
{
	struct clusnet_create cr;
	const char *name;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "badif");
	cr = create_arg(name, "");
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("empty ifname");
	cr = create_arg(name, "x");
	memset(cr.ifname, 'a', sizeof(cr.ifname));	/* no NUL in 16 */
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("ifname without NUL");
	EXPECT_EQ(-ENOENT, cn_open(self->dev, name, CLUSNET_GENERIC_READ));
}

TEST_F(admin, create_bad_names_are_rejected)
{
	char longname[300];
	struct clusnet_create cr;
	const char *name;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "badname");
	memset(longname, 'l', sizeof(longname));
	longname[256] = '\0';

	cr = create_arg(name, "cnnone1");
	cr.name_len = 0;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("name_len 0");
	cr = create_arg(longname, "cnnone1");
	EXPECT_EQ(-ENAMETOOLONG, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("name_len 256");
	cr.name_len = 0xffffffffu;
	EXPECT_EQ(-ENAMETOOLONG, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("name_len 0xffffffff");

	cr = create_arg(name, "cnnone1");
	cr.node = CN_PTR(longname);
	cr.node_len = 256;
	EXPECT_EQ(-ENAMETOOLONG, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("node_len 256");
	cr = create_arg(name, "cnnone1");
	cr.network = CN_PTR(longname);
	cr.network_len = 256;
	EXPECT_EQ(-ENAMETOOLONG, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("network_len 256");

	cr = create_arg("a\0b", "cnnone1");
	cr.name_len = 3;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("NUL in the name");
	cr = create_arg(name, "cnnone1");
	cr.name = 0;
	EXPECT_EQ(-EFAULT, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("NULL name");
	cr = create_arg(name, "cnnone1");
	cr.node = 0;
	cr.node_len = 5;
	EXPECT_EQ(-EFAULT, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr))
		TH_LOG("NULL node with node_len 5");
	EXPECT_EQ(-ENOENT, cn_open(self->dev, name, CLUSNET_GENERIC_READ));

	/* 255 everywhere is fine. */
	longname[255] = '\0';
	cr = create_arg(longname, "cnnone1");
	cr.node = CN_PTR(longname);
	cr.node_len = 255;
	cr.network = CN_PTR(longname);
	cr.network_len = 255;
	snprintf(self->names[self->n++], sizeof(self->names[0]), "%s",
		 longname);
	EXPECT_EQ(0, cn_ioctl(self->dev, CLUSNET_IOC_CREATE, &cr));
}

struct rules_ctx {
	int dev;
	const char *name;
};

static void undo_create(int ret, void *arg)
{
	struct rules_ctx *ctx = arg;

	cn_delete(ctx->dev, ctx->name);
}

static void prep_delete(void *arg)
{
	struct rules_ctx *ctx = arg;

	cn_create(ctx->dev, ctx->name, "cnnone1", 0, 0, 0644);
}

TEST_F(admin, create_structure_rules)
{
	static const __u32 bad_flags[] = { 0x1, 0x80000000u, 0 };
	struct rules_ctx ctx = { .dev = self->dev };
	struct cn_struct_ops ops = { .undo = undo_create, .ctx = &ctx };
	struct clusnet_create cr;

	CN_REQUIRE_ADMIN();
	ctx.name = new_name(self, "rules");
	cr = create_arg(ctx.name, "cnnone1");
	cn_check_struct_rules(_metadata, "CREATE", self->dev,
			      CLUSNET_IOC_CREATE, &cr, sizeof(cr),
			      CLUSNET_CREATE_SIZE_VER0, bad_flags, &ops);
}

TEST_F(admin, delete_structure_rules)
{
	static const __u32 bad_flags[] = { 0x1, 0x80000000u, 0 };
	struct rules_ctx ctx = { .dev = self->dev };
	struct cn_struct_ops ops = { .prep = prep_delete, .ctx = &ctx };
	struct clusnet_delete del;

	CN_REQUIRE_ADMIN();
	ctx.name = new_name(self, "rules");
	memset(&del, 0, sizeof(del));
	del.size = sizeof(del);
	del.name = CN_PTR(ctx.name);
	del.name_len = strlen(ctx.name);
	cn_check_struct_rules(_metadata, "DELETE", self->dev,
			      CLUSNET_IOC_DELETE, &del, sizeof(del),
			      CLUSNET_DELETE_SIZE_VER0, bad_flags, &ops);
	prep_delete(&ctx);
	del.__reserved = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_DELETE, &del));
	del.__reserved = 0;
	del.name_len = 0;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_DELETE, &del));
	del.name_len = 256;
	EXPECT_EQ(-ENAMETOOLONG, cn_ioctl(self->dev, CLUSNET_IOC_DELETE,
					  &del));
	del.name_len = strlen(ctx.name);
	del.name = 0;
	EXPECT_EQ(-EFAULT, cn_ioctl(self->dev, CLUSNET_IOC_DELETE, &del));
	/* Still there after all the failed attempts. */
	EXPECT_EQ(0, cn_delete(self->dev, ctx.name));
}

TEST_F(admin, delete_missing_is_enoent)
{
	char upper[300];
	const char *name;
	int h;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "del");
	EXPECT_EQ(-ENOENT, cn_delete(self->dev, name));
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0644));
	EXPECT_EQ(0, cn_delete(self->dev, name));
	EXPECT_EQ(-ENOENT, cn_delete(self->dev, name));
	EXPECT_EQ(-ENOENT, cn_open(self->dev, name, CLUSNET_GENERIC_READ));
	/* Case-insensitive, like open. */
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0644));
	h = cn_open(self->dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	close(h);
	/* A prefix is another name. */
	EXPECT_EQ(-ENOENT, cn_delete(self->dev, "CNT"));
	EXPECT_EQ(0, cn_delete(self->dev, cn_upper(upper, sizeof(upper),
						   name)));
	EXPECT_EQ(-ENOENT, cn_open(self->dev, name, CLUSNET_GENERIC_READ));
}

/* Ids are never reused, also not for a name created again. */
TEST_F(admin, ids_are_unique)
{
	__u64 ids[6];
	const char *name;
	int i, j;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "ids");
	for (i = 0; i < 6; i++) {
		ids[i] = 0;
		ASSERT_EQ(0, cn_create_ex(self->dev, name, NULL, NULL,
					  "cnnone1", 0, 0, 0644, &ids[i]));
		ASSERT_EQ(0, cn_delete(self->dev, name));
	}
	for (i = 0; i < 6; i++) {
		EXPECT_NE(0ULL, (unsigned long long)ids[i]);
		for (j = 0; j < i; j++) {
			EXPECT_NE(ids[j], ids[i]) TH_LOG("ids %d and %d", j, i);
		}
	}
}

static void check_sec(struct __test_metadata *_metadata, int dev,
		      const char *name, __u32 uid, __u32 gid, __u32 mode,
		      const char *what)
{
	struct clusnet_info info;
	int h = cn_open(dev, name, CLUSNET_GENERIC_READ);

	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ(uid, info.uid) TH_LOG("%s", what);
	EXPECT_EQ(gid, info.gid) TH_LOG("%s", what);
	EXPECT_EQ(mode, info.mode) TH_LOG("%s", what);
	close(h);
}

TEST_F(admin, set_security_changes_only_what_flags_select)
{
	char upper[300];
	const char *name;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "sec");
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone1", 10, 20, 0644));
	check_sec(_metadata, self->dev, name, 10, 20, 0644, "created");
	ASSERT_EQ(0, cn_set_security(self->dev, name, CLUSNET_SET_UID, 11, 99,
				     0666));
	check_sec(_metadata, self->dev, name, 11, 20, 0644, "SET_UID");
	ASSERT_EQ(0, cn_set_security(self->dev, name, CLUSNET_SET_GID, 99, 21,
				     0666));
	check_sec(_metadata, self->dev, name, 11, 21, 0644, "SET_GID");
	ASSERT_EQ(0, cn_set_security(self->dev, name, CLUSNET_SET_MODE, 99,
				     99, 0600));
	check_sec(_metadata, self->dev, name, 11, 21, 0600, "SET_MODE");
	ASSERT_EQ(0, cn_set_security(self->dev, name, CLUSNET_SET_UID |
				     CLUSNET_SET_GID | CLUSNET_SET_MODE,
				     CN_USER_UID, CN_GROUP_GID, 0060));
	check_sec(_metadata, self->dev, name, CN_USER_UID, CN_GROUP_GID, 0060,
		  "all three");
	/* Case-insensitive name. */
	ASSERT_EQ(0, cn_set_security(self->dev,
				     cn_upper(upper, sizeof(upper), name),
				     CLUSNET_SET_MODE, 0, 0, 0604));
	check_sec(_metadata, self->dev, name, CN_USER_UID, CN_GROUP_GID, 0604,
		  "upper-case name");
}

TEST_F(admin, set_security_errors)
{
	static const __u32 bad_flags[] = {
		0, 0x8, 0x10, 0x80000000u, CLUSNET_SET_MODE | 0x8,
	};
	static const __u32 bad_modes[] = { 0700, 0777, 0001, 01644, 0xffff };
	const char *name;
	unsigned int i;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "secerr");
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0644));
	for (i = 0; i < ARRAY_SIZE(bad_flags); i++) {
		EXPECT_EQ(-EINVAL, cn_set_security(self->dev, name,
						   bad_flags[i], 0, 0, 0600))
			TH_LOG("flags 0x%x", bad_flags[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad_modes); i++) {
		EXPECT_EQ(-EINVAL, cn_set_security(self->dev, name,
						   CLUSNET_SET_MODE, 0, 0,
						   bad_modes[i]))
			TH_LOG("mode 0%o", bad_modes[i]);
	}
	EXPECT_EQ(-ENOENT, cn_set_security(self->dev, "cnt no such object",
					   CLUSNET_SET_MODE, 0, 0, 0644));
	check_sec(_metadata, self->dev, name, 0, 0, 0644, "after errors");
}

TEST_F(admin, set_security_structure_rules)
{
	static const __u32 bad_flags[] = { 0x8, 0x80000000u, 0 };
	struct clusnet_set_security ss;
	const char *name;

	CN_REQUIRE_ADMIN();
	name = new_name(self, "secrules");
	ASSERT_EQ(0, cn_create(self->dev, name, "cnnone1", 0, 0, 0644));
	memset(&ss, 0, sizeof(ss));
	ss.size = sizeof(ss);
	ss.flags = CLUSNET_SET_MODE;
	ss.name = CN_PTR(name);
	ss.name_len = strlen(name);
	ss.mode = 0640;
	cn_check_struct_rules(_metadata, "SET_SECURITY", self->dev,
			      CLUSNET_IOC_SET_SECURITY, &ss, sizeof(ss),
			      CLUSNET_SET_SECURITY_SIZE_VER0, bad_flags, NULL);
}

TEST_F(admin, autobind_set_errors)
{
	static const __u32 bad_enable[] = { 2, 3, 0x100, 0xffffffffu };
	struct clusnet_autobind ab;
	unsigned int i;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(1, cn_autobind_get(self->dev));
	for (i = 0; i < ARRAY_SIZE(bad_enable); i++) {
		EXPECT_EQ(-EINVAL, cn_autobind_set(self->dev, bad_enable[i]))
			TH_LOG("enable %u", bad_enable[i]);
	}
	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	ab.flags = CLUSNET_AUTOBIND_SET | 0x2;
	ab.enable = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_AUTOBIND, &ab));
	ab.flags = CLUSNET_AUTOBIND_SET;
	ab.__reserved = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_AUTOBIND, &ab));
	/* Setting what is set already works and reports it. */
	ab.__reserved = 0;
	EXPECT_EQ(0, cn_ioctl(self->dev, CLUSNET_IOC_AUTOBIND, &ab));
	EXPECT_EQ(1U, ab.enable);
	EXPECT_EQ(1, cn_autobind_get(self->dev));
}

/* Without CAP_NET_ADMIN every admin ioctl is EPERM. */
struct eperm_job {
	char name[128];		/* an existing object */
	char fresh[128];	/* a name that does not exist */
};

static int eperm_child(void *arg)
{
	struct eperm_job *job = arg;
	int dev = cn_dev(), ret;

	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	ret = cn_create(dev, job->fresh, "cnnone1", 0, 0, 0644);
	CN_CHECK(ret == -EPERM, "create: %d", ret);
	ret = cn_create(dev, job->fresh, "cnnone1", (__u32)-1, (__u32)-1,
			0644);
	CN_CHECK(ret == -EPERM, "create as self: %d", ret);
	ret = cn_delete(dev, job->name);
	CN_CHECK(ret == -EPERM, "delete: %d", ret);
	ret = cn_delete(dev, job->fresh);
	CN_CHECK(ret == -EPERM, "delete of a missing name: %d", ret);
	ret = cn_chmod(dev, job->name, 0666);
	CN_CHECK(ret == -EPERM, "set_security mode: %d", ret);
	ret = cn_chown(dev, job->name, getuid(), getgid());
	CN_CHECK(ret == -EPERM, "set_security owner: %d", ret);
	ret = cn_autobind_set(dev, 1);
	CN_CHECK(ret == -EPERM, "autobind set 1: %d", ret);
	ret = cn_autobind_set(dev, 0);
	CN_CHECK(ret == -EPERM, "autobind set 0: %d", ret);
	ret = cn_autobind_get(dev);
	CN_CHECK(ret == 1, "autobind query: %d", ret);
	close(dev);
	return 0;
}

TEST_F(admin, admin_ioctls_need_net_admin)
{
	static const struct cn_ident idents[] = {
		/* the owner, who has full access to the object */
		{ .uid = CN_USER_UID, .gid = CN_USER_GID },
		/* in the group */
		{ .uid = CN_OTHER_UID, .gid = CN_GROUP_GID },
		/* uid 0 with every capability but CAP_NET_ADMIN */
		{ .uid = 0, .gid = 0, .caps = CN_CAPS_DROP_NET_ADMIN },
	};
	struct eperm_job *job;
	struct clusnet_info info;
	unsigned int i;
	int h;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", new_name(self, "perm"));
	snprintf(job->fresh, sizeof(job->fresh), "%s",
		 new_name(self, "fresh"));
	ASSERT_EQ(0, cn_create(self->dev, job->name, "cnnone1", CN_USER_UID,
			       CN_GROUP_GID, 0660));
	for (i = 0; i < ARRAY_SIZE(idents); i++) {
		EXPECT_EQ(0, cn_run(&idents[i], eperm_child, job))
			TH_LOG("identity #%u (uid %u): %s", i,
			       (unsigned int)idents[i].uid, cn_child_msg());
	}
	/* Nothing changed. */
	h = cn_open(self->dev, job->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ((__u32)CN_USER_UID, info.uid);
	EXPECT_EQ((__u32)CN_GROUP_GID, info.gid);
	EXPECT_EQ(0660U, info.mode);
	close(h);
	EXPECT_EQ(-ENOENT, cn_open(self->dev, job->fresh, CLUSNET_GENERIC_READ));
	EXPECT_EQ(1, cn_autobind_get(self->dev));
}

/* The unprivileged run itself (the root run drops to clususer first). */
TEST(unprivileged_admin_ioctls_are_eperm)
{
	char fresh[128];
	int dev, h;

	cn_name(fresh, sizeof(fresh), "fresh");
	CN_BECOME_USER();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	EXPECT_EQ(-EPERM, cn_create(dev, fresh, "cnnone1", 0, 0, 0644));
	EXPECT_EQ(-EPERM, cn_create(dev, fresh, "cnnone1", (__u32)-1,
				    (__u32)-1, 0666));
	EXPECT_EQ(-EPERM, cn_delete(dev, fresh));
	EXPECT_EQ(-EPERM, cn_delete(dev, CN_ETH0));
	EXPECT_EQ(-EPERM, cn_chmod(dev, CN_ETH0, 0644));
	EXPECT_EQ(-EPERM, cn_chown(dev, CN_ETH0, 0, 0));
	EXPECT_EQ(-EPERM, cn_autobind_set(dev, 1));
	EXPECT_EQ(1, cn_autobind_get(dev));
	EXPECT_EQ(-ENOENT, cn_open(dev, fresh, CLUSNET_GENERIC_READ));
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	EXPECT_LE(0, h);
	if (h >= 0)
		close(h);
	close(dev);
}

TEST_HARNESS_MAIN
