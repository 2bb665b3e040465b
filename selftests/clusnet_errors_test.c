// SPDX-License-Identifier: GPL-2.0
/*
 * Every error of the open path and of the structure rules, for the
 * non-admin ioctls (the admin ones are in clusnet_admin_test.c). Most of
 * these work on the boot object "node1 - eth0" with GENERIC_READ, so they
 * run in the root and in the unprivileged run alike.
 */
#include "common.h"

#define PAGE 4096

static struct clusnet_open open_arg(const void *name, __u32 len,
				    __u32 desired)
{
	struct clusnet_open op;

	memset(&op, 0, sizeof(op));
	op.size = sizeof(op);
	op.flags = O_CLOEXEC;
	op.name = CN_PTR(name);
	op.name_len = len;
	op.desired_access = desired;
	return op;
}

/* An ioctl that may return a handle: close it, return 0 or -errno. */
static int try_open(int dev, struct clusnet_open *op)
{
	int fd = cn_ioctl(dev, CLUSNET_IOC_OPEN, op);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return fd;
}

TEST(open_desired_access_zero_is_einval)
{
	int dev = cn_dev();
	struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0), 0);

	ASSERT_LE(0, dev);
	EXPECT_EQ(-EINVAL, try_open(dev, &op));
	close(dev);
}

TEST(open_unknown_desired_bits_are_einval)
{
	static const __u32 bad[] = {
		0x00000001, 0x00010000, 0x01000000, 0x00100000, 0x00020000,
		0x04000000, 0x08000000, 0x00000100,
		CLUSNET_GENERIC_READ | 0x00000001,
		CLUSNET_GENERIC_ALL | 0x00010000,
		CLUSNET_MAXIMUM_ALLOWED | 0x01000000,
		0xffffffffu,
	};
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0),
						  bad[i]);

		EXPECT_EQ(-EINVAL, try_open(dev, &op))
			TH_LOG("desired_access 0x%08x", bad[i]);
	}
	close(dev);
}

TEST(open_unknown_flags_are_einval)
{
	static const __u32 bad[] = {
		0x1, O_RDWR, O_NOFOLLOW, O_CLOEXEC | 0x1, O_NONBLOCK | O_RDWR,
		O_CLOEXEC | O_DIRECT, 0x80000000u,
	};
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0),
						  CLUSNET_GENERIC_READ);

		op.flags = bad[i];
		EXPECT_EQ(-EINVAL, try_open(dev, &op))
			TH_LOG("flags 0x%x", bad[i]);
	}
	close(dev);
}

TEST(open_flags_zero_and_o_cloexec_are_accepted)
{
	int dev = cn_dev(), fd;
	struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0),
					  CLUSNET_GENERIC_READ);

	ASSERT_LE(0, dev);
	op.flags = 0;
	fd = cn_ioctl(dev, CLUSNET_IOC_OPEN, &op);
	ASSERT_LE(0, fd) TH_LOG("flags 0: %s", strerror(-fd));
	EXPECT_EQ(0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	op.flags = O_CLOEXEC;
	fd = cn_ioctl(dev, CLUSNET_IOC_OPEN, &op);
	ASSERT_LE(0, fd) TH_LOG("flags O_CLOEXEC: %s", strerror(-fd));
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	close(dev);
}

TEST(open_reserved_nonzero_is_einval)
{
	static const __u32 bad[] = { 1, 0x80000000u, 0xffffffffu };
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0),
						  CLUSNET_GENERIC_READ);

		op.__reserved = bad[i];
		EXPECT_EQ(-EINVAL, try_open(dev, &op))
			TH_LOG("__reserved 0x%x", bad[i]);
	}
	close(dev);
}

/* Handles returned by the structure rules' successful attempts. */
static void close_ret(int ret, void *ctx)
{
	if (ret > 0)
		close(ret);
}

TEST(open_structure_size_rules)
{
	static const __u32 bad_flags[] = { 0x1, O_APPEND, 0x80000000u, 0 };
	struct cn_struct_ops ops = { .undo = close_ret };
	struct clusnet_open op;
	int dev = cn_dev();

	ASSERT_LE(0, dev);
	op = open_arg(CN_ETH0, strlen(CN_ETH0), CLUSNET_GENERIC_READ);
	cn_check_struct_rules(_metadata, "OPEN", dev, CLUSNET_IOC_OPEN, &op,
			      sizeof(op), CLUSNET_OPEN_SIZE_VER0, bad_flags,
			      &ops);
	close(dev);
}

/* A bigger structure with a zero tail: output written, tail untouched. */
TEST(open_bigger_structure_writes_back_output)
{
	unsigned char buf[256];
	struct clusnet_open op;
	int dev = cn_dev(), fd;
	unsigned int i;

	ASSERT_LE(0, dev);
	memset(buf, 0, sizeof(buf));
	op = open_arg(CN_ETH0, strlen(CN_ETH0), CLUSNET_MAXIMUM_ALLOWED);
	op.size = 200;
	memcpy(buf, &op, sizeof(op));
	fd = cn_ioctl(dev, CLUSNET_IOC_OPEN, buf);
	ASSERT_LE(0, fd) TH_LOG("size 200: %s", strerror(-fd));
	memcpy(&op, buf, sizeof(op));
	EXPECT_NE(0ULL, op.id);
	EXPECT_EQ(cn_is_admin() ? CLUSNET_GENERIC_ALL : CLUSNET_GENERIC_READ,
		  op.granted_access);
	for (i = sizeof(op); i < sizeof(buf); i++)
		if (buf[i])
			break;
	EXPECT_EQ(sizeof(buf), i) TH_LOG("byte %u of the tail was written", i);
	close(fd);
	close(dev);
}

TEST(open_name_len_zero_is_einval)
{
	int dev = cn_dev();
	struct clusnet_open op = open_arg(CN_ETH0, 0, CLUSNET_GENERIC_READ);

	ASSERT_LE(0, dev);
	EXPECT_EQ(-EINVAL, try_open(dev, &op));
	close(dev);
}

TEST(open_name_too_long_is_enametoolong)
{
	static const __u32 lens[] = { 256, 257, 1024, 4096, 0xffffffffu };
	char name[300];
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	memset(name, 'a', sizeof(name));
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		struct clusnet_open op = open_arg(name, lens[i],
						  CLUSNET_GENERIC_READ);

		EXPECT_EQ(-ENAMETOOLONG, try_open(dev, &op))
			TH_LOG("name_len %u", lens[i]);
	}
	/* 255 is allowed: no such object. */
	{
		struct clusnet_open op = open_arg(name, 255,
						  CLUSNET_GENERIC_READ);

		EXPECT_EQ(-ENOENT, try_open(dev, &op));
	}
	close(dev);
}

TEST(open_unreadable_name_is_efault)
{
	unsigned char *map;
	int dev = cn_dev();
	struct clusnet_open op;

	ASSERT_LE(0, dev);
	map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(0, mprotect(map + PAGE, PAGE, PROT_NONE));

	op = open_arg(NULL, 12, CLUSNET_GENERIC_READ);
	EXPECT_EQ(-EFAULT, try_open(dev, &op)) TH_LOG("NULL name");
	op = open_arg(map + PAGE, 12, CLUSNET_GENERIC_READ);
	EXPECT_EQ(-EFAULT, try_open(dev, &op)) TH_LOG("unmapped name");
	/* Starts readable, runs into the unmapped page. */
	memcpy(map + PAGE - 6, CN_ETH0, 6);
	op = open_arg(map + PAGE - 6, strlen(CN_ETH0), CLUSNET_GENERIC_READ);
	EXPECT_EQ(-EFAULT, try_open(dev, &op)) TH_LOG("name crossing a hole");
	/* A kernel address. */
	op = open_arg(NULL, 12, CLUSNET_GENERIC_READ);
	op.name = sizeof(long) == 8 ? 0xffffffff81000000ULL : 0xc1000000ULL;
	EXPECT_EQ(-EFAULT, try_open(dev, &op)) TH_LOG("kernel address");
	munmap(map, 2 * PAGE);
	close(dev);
}

/* The name need not be NUL-terminated: it may end right before a hole. */
TEST(open_name_without_nul_at_end_of_mapping)
{
	unsigned char *map;
	size_t len = strlen(CN_ETH0);
	int dev = cn_dev(), fd;

	ASSERT_LE(0, dev);
	map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(0, mprotect(map + PAGE, PAGE, PROT_NONE));
	memcpy(map + PAGE - len, CN_ETH0, len);
	fd = cn_open_n(dev, map + PAGE - len, len, CLUSNET_GENERIC_READ,
		       O_CLOEXEC, NULL, NULL);
	EXPECT_LE(0, fd) TH_LOG("%s", strerror(-fd));
	if (fd >= 0)
		close(fd);
	munmap(map, 2 * PAGE);
	close(dev);
}

TEST(open_unreadable_structure_is_efault)
{
	unsigned char *map;
	int dev = cn_dev();

	ASSERT_LE(0, dev);
	map = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	EXPECT_EQ(-EFAULT, cn_ioctl(dev, CLUSNET_IOC_OPEN, map));
	EXPECT_EQ(-EFAULT, cn_ioctl(dev, CLUSNET_IOC_OPEN, NULL));
	munmap(map, PAGE);
	close(dev);
}

/* A read-only structure: the open works, writing back the result cannot. */
TEST(open_read_only_structure_is_efault)
{
	struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0),
					  CLUSNET_GENERIC_READ);
	int dev = cn_dev(), before, ret;
	void *map;

	ASSERT_LE(0, dev);
	map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	memcpy(map, &op, sizeof(op));
	ASSERT_EQ(0, mprotect(map, PAGE, PROT_READ));
	before = cn_fd_count();
	ret = cn_ioctl(dev, CLUSNET_IOC_OPEN, map);
	EXPECT_EQ(-EFAULT, ret);
	if (ret >= 0)
		close(ret);
	/* No handle may be left behind when the result cannot be written. */
	EXPECT_EQ(before, cn_fd_count());
	munmap(map, PAGE);
	close(dev);
}

TEST(open_name_with_nul_byte_is_einval)
{
	static const struct {
		const char *name;
		__u32 len;
	} bad[] = {
		{ "node1\0- eth0", 12 },
		{ CN_ETH0 "\0", sizeof(CN_ETH0) },	/* the NUL counted */
		{ "\0", 1 },
		{ "\0" CN_ETH0, sizeof(CN_ETH0) },
	};
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct clusnet_open op = open_arg(bad[i].name, bad[i].len,
						  CLUSNET_GENERIC_READ);

		EXPECT_EQ(-EINVAL, try_open(dev, &op))
			TH_LOG("name #%u (len %u)", i, bad[i].len);
	}
	close(dev);
}

TEST(open_unknown_name_is_enoent)
{
	static const char *const names[] = {
		CN_NODE " - eth9", CN_NODE " - eth", CN_NODE " - eth00",
		CN_ETH0 " ", " " CN_ETH0, CN_NODE "- eth0", "eth0",
		CN_NODE " - eth0\xc3\xa9", "x",
	};
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		EXPECT_EQ(-ENOENT, cn_open(dev, names[i], CLUSNET_GENERIC_READ))
			TH_LOG("\"%s\"", names[i]);
	}
	/* A prefix of an existing name (length shorter than the name). */
	EXPECT_EQ(-ENOENT, cn_open_n(dev, CN_ETH0, strlen(CN_ETH0) - 1,
				     CLUSNET_GENERIC_READ, 0, NULL, NULL));
	close(dev);
}

/* Not enough access, and the error is EACCES, not something else. */
TEST(open_without_enough_access_is_eacces)
{
	int dev;

	CN_BECOME_USER();
	dev = cn_dev();
	ASSERT_LE(0, dev);
	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH0, CLUSNET_GENERIC_ALL));
	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH0, CLUSNET_GENERIC_WRITE));
	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH0, CLUSNET_GENERIC_EXECUTE));
	EXPECT_EQ(-EACCES, cn_open(dev, CN_ETH0, CLUSNET_MAXIMUM_ALLOWED |
						  CLUSNET_GENERIC_ALL));
	close(dev);
}

static const unsigned long unknown_dev_cmds[] = {
	_IO(CLUSNET_IOC_MAGIC, 0x06),
	/* Size bits are not looked at, direction and number are. */
	_IOW(CLUSNET_IOC_MAGIC, 0x06, struct clusnet_enum),
	_IOWR(CLUSNET_IOC_MAGIC, 0x0a, struct clusnet_open),
	_IO(CLUSNET_IOC_MAGIC, 0x3f),
	_IO(CLUSNET_IOC_MAGIC, 0x80),
	_IO(CLUSNET_IOC_MAGIC, 0xff),
	_IO(CLUSNET_IOC_MAGIC, 0x00),
	_IOWR(CLUSNET_IOC_MAGIC + 1, 0x01, struct clusnet_open),
	_IOWR('T', 0x01, struct clusnet_open),
	0x5401,	/* TCGETS */
};

static const unsigned long unknown_handle_cmds[] = {
	_IO(CLUSNET_IOC_MAGIC, 0x43),
	_IO(CLUSNET_IOC_MAGIC, 0x3f),
	_IO(CLUSNET_IOC_MAGIC, 0x7f),
	_IOWR(CLUSNET_IOC_MAGIC, 0x44, struct clusnet_info),
	_IO(CLUSNET_IOC_MAGIC + 1, 0x40),
	0x5401,	/* TCGETS */
};

TEST(unknown_ioctl_on_dev_is_enotty)
{
	unsigned char buf[PAGE];
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(unknown_dev_cmds); i++) {
		memset(buf, 0, sizeof(buf));
		EXPECT_EQ(-ENOTTY, cn_ioctl(dev, unknown_dev_cmds[i], buf))
			TH_LOG("cmd 0x%lx", unknown_dev_cmds[i]);
	}
	close(dev);
}

TEST(unknown_ioctl_on_handle_is_enotty)
{
	unsigned char buf[PAGE];
	int dev = cn_dev(), h;
	unsigned int i;

	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	for (i = 0; i < ARRAY_SIZE(unknown_handle_cmds); i++) {
		memset(buf, 0, sizeof(buf));
		EXPECT_EQ(-ENOTTY, cn_ioctl(h, unknown_handle_cmds[i], buf))
			TH_LOG("cmd 0x%lx", unknown_handle_cmds[i]);
	}
	close(h);
	close(dev);
}

/* Handle ioctls sent to /dev/clusnet, and device ioctls sent to a handle. */
TEST(ioctls_on_the_wrong_kind_of_fd_are_enotty)
{
	struct clusnet_cluster_info ci;
	struct clusnet_autobind ab;
	struct clusnet_info info;
	struct clusnet_description d;
	struct clusnet_open op = open_arg(CN_ETH0, strlen(CN_ETH0),
					  CLUSNET_GENERIC_READ);
	int dev = cn_dev(), h;

	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);

	EXPECT_EQ(-ENOTTY, cn_ioctl(dev, CLUSNET_HIOC_GET_STATE, NULL));
	EXPECT_EQ(-ENOTTY, cn_state(dev));
	EXPECT_EQ(-ENOTTY, cn_info(dev, &info));
	EXPECT_EQ(-ENOTTY, cn_set_desc(dev, "x", 1));
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	EXPECT_EQ(-ENOTTY, cn_ioctl(dev, CLUSNET_HIOC_SET_DESCRIPTION, &d));

	EXPECT_EQ(-ENOTTY, cn_ioctl(h, CLUSNET_IOC_OPEN, &op));
	EXPECT_EQ(-ENOTTY, cn_cluster_info(h, 0, &ci));
	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	EXPECT_EQ(-ENOTTY, cn_ioctl(h, CLUSNET_IOC_AUTOBIND, &ab));
	EXPECT_EQ(-ENOTTY, cn_delete(h, CN_ETH0));
	EXPECT_EQ(-ENOTTY, cn_create(h, "x", "eth0", 0, 0, 0644));
	EXPECT_EQ(-ENOTTY, cn_chmod(h, CN_ETH0, 0644));
	close(h);
	close(dev);
}

TEST(cluster_info_structure_rules)
{
	static const __u32 bad_flags[] = { 0x1, 0x2, 0x80000000u, 0 };
	struct clusnet_cluster_info ci;
	int dev = cn_dev();

	ASSERT_LE(0, dev);
	memset(&ci, 0, sizeof(ci));
	ci.size = sizeof(ci);
	cn_check_struct_rules(_metadata, "CLUSTER_INFO", dev,
			      CLUSNET_IOC_CLUSTER_INFO, &ci, sizeof(ci),
			      CLUSNET_CLUSTER_INFO_SIZE_VER0, bad_flags, NULL);
	close(dev);
}

TEST(cluster_info_unknown_desired_bits_are_einval)
{
	static const __u32 bad[] = {
		0x1, 0x00010000, 0x01000000, CLUSNET_GENERIC_READ | 0x1,
	};
	struct clusnet_cluster_info ci;
	int dev = cn_dev();
	unsigned int i;

	ASSERT_LE(0, dev);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, cn_cluster_info(dev, bad[i], &ci))
			TH_LOG("desired 0x%08x", bad[i]);
	}
	close(dev);
}

TEST(autobind_query_structure_rules)
{
	static const __u32 bad_flags[] = { 0x2, 0x4, 0x80000000u, 0 };
	struct clusnet_autobind ab;
	int dev = cn_dev();

	ASSERT_LE(0, dev);
	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	cn_check_struct_rules(_metadata, "AUTOBIND", dev, CLUSNET_IOC_AUTOBIND,
			      &ab, sizeof(ab), CLUSNET_AUTOBIND_SIZE_VER0,
			      bad_flags, NULL);
	ab.__reserved = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(dev, CLUSNET_IOC_AUTOBIND, &ab));
	close(dev);
}

TEST(get_info_structure_rules)
{
	static const __u32 bad_flags[] = { 0x1, 0x80000000u, 0 };
	struct clusnet_info *info;
	int dev = cn_dev(), h;

	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	info = calloc(1, sizeof(*info));
	ASSERT_TRUE(info != NULL);
	info->size = sizeof(*info);
	cn_check_struct_rules(_metadata, "GET_INFO", h, CLUSNET_HIOC_GET_INFO,
			      info, sizeof(*info), CLUSNET_INFO_SIZE_VER0,
			      bad_flags, NULL);
	free(info);
	close(h);
	close(dev);
}

/* SET_DESCRIPTION needs a GENERIC_ALL handle: an object of our own. */
FIXTURE(errors_obj) {
	int dev;
	char name[128];
};

FIXTURE_SETUP(errors_obj)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
	cn_name(self->name, sizeof(self->name), "errors");
}

FIXTURE_TEARDOWN(errors_obj)
{
	if (self->dev >= 0) {
		cn_delete(self->dev, self->name);
		close(self->dev);
	}
}

TEST_F(errors_obj, set_description_structure_rules)
{
	static const __u32 bad_flags[] = { 0x1, 0x80000000u, 0 };
	struct clusnet_description d;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, "cnnone0", 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.text = CN_PTR("text");
	d.text_len = 4;
	cn_check_struct_rules(_metadata, "SET_DESCRIPTION", h,
			      CLUSNET_HIOC_SET_DESCRIPTION, &d, sizeof(d),
			      CLUSNET_DESCRIPTION_SIZE_VER0, bad_flags, NULL);
	d.__reserved = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(h, CLUSNET_HIOC_SET_DESCRIPTION, &d));
	close(h);
}

TEST_F(errors_obj, set_description_errors)
{
	char text[2048];
	unsigned char *map;
	struct clusnet_info info;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, "cnnone0", 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	memset(text, 'd', sizeof(text));

	EXPECT_EQ(0, cn_set_desc(h, text, CLUSNET_DESC_MAX));
	EXPECT_EQ(-EINVAL, cn_set_desc(h, text, CLUSNET_DESC_MAX + 1));
	EXPECT_EQ(-EINVAL, cn_set_desc(h, text, 2048));
	EXPECT_EQ(-EINVAL, cn_set_desc(h, text, 0xffffffffu));
	EXPECT_EQ(-EFAULT, cn_set_desc(h, NULL, 4));

	map = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	EXPECT_EQ(-EFAULT, cn_set_desc(h, (char *)map, 4));
	munmap(map, PAGE);

	/* The failed attempts left the 1023-byte description in place. */
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_EQ((size_t)CLUSNET_DESC_MAX, strlen(info.description));
	close(h);
}

TEST_HARNESS_MAIN
