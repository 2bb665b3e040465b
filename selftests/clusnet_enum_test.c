// SPDX-License-Identifier: GPL-2.0
/*
 * CLUSNET_IOC_ENUM: a snapshot of every interface object of the caller's
 * namespace, in creation order, taken at once. The array rules (capacity,
 * entry_size, count) are shared with CLUSNET_IOC_NETWORKS and checked for
 * both here. Enumeration needs no capability: the parts that need objects
 * of their own run as root only and SKIP in the unprivileged run.
 */
#include <pthread.h>

#include "common.h"

#define PAGE	4096
#define CANARY	0xa5

struct cmd_desc {
	const char *what;
	unsigned long cmd;
	size_t ver0;
};

static const struct cmd_desc cmds[] = {
	{ "ENUM", CLUSNET_IOC_ENUM, CLUSNET_IF_ENTRY_SIZE_VER0 },
	{ "NETWORKS", CLUSNET_IOC_NETWORKS, CLUSNET_NETWORK_ENTRY_SIZE_VER0 },
};

static bool all_bytes(const void *p, int c, size_t len)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != (unsigned char)c)
			return false;
	return true;
}

static int enum_arg(int dev, unsigned long cmd, struct clusnet_enum *en)
{
	return cn_ioctl(dev, cmd, en);
}

static struct clusnet_enum mk_enum(void *entries, __u32 entry_size,
				   __u32 capacity)
{
	struct clusnet_enum en;

	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = CN_PTR(entries);
	en.entry_size = entry_size;
	en.capacity = capacity;
	return en;
}

FIXTURE(enm) {
	int dev;
	int n;
	char names[8][128];
	char ifa[IFNAMSIZ];
};

FIXTURE_SETUP(enm)
{
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	self->n = 0;
	cn_ifname(self->ifa);
	if (cn_is_admin())
		cn_netdev_modules();
}

FIXTURE_TEARDOWN(enm)
{
	int i;

	if (self->dev < 0)
		return;
	if (cn_is_admin()) {
		for (i = 0; i < self->n; i++)
			cn_delete(self->dev, self->names[i]);
		cn_link_del(self->ifa);
	}
	close(self->dev);
}

/* A fresh unique object name, deleted by the teardown. */
static const char *new_name(FIXTURE_DATA(enm) *self, const char *tag)
{
	char *name = self->names[self->n++];

	cn_name(name, sizeof(self->names[0]), tag);
	return name;
}

static int index_of(const struct clusnet_if_entry *all, int n,
		    const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(all[i].name, name))
			return i;
	return -1;
}

TEST_F(enm, capacity_zero_reports_the_count_only)
{
	struct clusnet_cluster_info ci;
	struct clusnet_if_entry e[2];
	struct clusnet_enum en;
	unsigned int i;

	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	ASSERT_LE(2U, ci.object_count) TH_LOG("the boot objects are missing");

	/* No array at all. */
	en = mk_enum(NULL, sizeof(e[0]), 0);
	en.count = 12345;
	ASSERT_EQ(0, enum_arg(self->dev, CLUSNET_IOC_ENUM, &en));
	EXPECT_EQ(ci.object_count, en.count);

	/* An array the kernel must not touch. */
	memset(e, CANARY, sizeof(e));
	en = mk_enum(e, sizeof(e[0]), 0);
	ASSERT_EQ(0, enum_arg(self->dev, CLUSNET_IOC_ENUM, &en));
	EXPECT_EQ(ci.object_count, en.count);
	EXPECT_TRUE(all_bytes(e, CANARY, sizeof(e)))
		TH_LOG("capacity 0 wrote to the array");
	/* The input fields are left as they were. */
	EXPECT_EQ(sizeof(e[0]), en.entry_size);
	EXPECT_EQ(0U, en.capacity);
	EXPECT_EQ(0U, en.__reserved);

	/* Networks: the boot NICs have one each. */
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		en = mk_enum(NULL, cmds[i].ver0, 0);
		ASSERT_EQ(0, enum_arg(self->dev, cmds[i].cmd, &en))
			TH_LOG("%s", cmds[i].what);
		EXPECT_LE(2U, en.count) TH_LOG("%s", cmds[i].what);
	}
}

/*
 * capacity == count, count - 1 and more: min(count, capacity) entries are
 * written, nothing after them, and count is always the snapshot's size.
 */
TEST_F(enm, capacity_exact_short_and_larger)
{
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(cmds); c++) {
		const struct cmd_desc *d = &cmds[c];
		const __u32 caps_delta[] = { 0, (__u32)-1, 3, 1 };
		unsigned char *full, *buf;
		struct clusnet_enum en;
		__u32 n, cap, want;
		unsigned int i;

		en = mk_enum(NULL, d->ver0, 0);
		ASSERT_EQ(0, enum_arg(self->dev, d->cmd, &en));
		n = en.count;
		ASSERT_LE(2U, n) TH_LOG("%s", d->what);

		full = calloc(n + 8, d->ver0);
		buf = malloc((n + 8) * d->ver0);
		ASSERT_TRUE(full && buf);
		en = mk_enum(full, d->ver0, n);
		ASSERT_EQ(0, enum_arg(self->dev, d->cmd, &en));
		ASSERT_EQ(n, en.count) TH_LOG("%s: the snapshot changed",
					      d->what);

		for (i = 0; i < ARRAY_SIZE(caps_delta); i++) {
			cap = n + caps_delta[i];
			want = cap < n ? cap : n;
			memset(buf, CANARY, (n + 8) * d->ver0);
			en = mk_enum(buf, d->ver0, cap);
			ASSERT_EQ(0, enum_arg(self->dev, d->cmd, &en))
				TH_LOG("%s: capacity %u", d->what, cap);
			EXPECT_EQ(n, en.count)
				TH_LOG("%s: capacity %u", d->what, cap);
			EXPECT_EQ(0, memcmp(full, buf, want * d->ver0))
				TH_LOG("%s: capacity %u: entries differ from the full snapshot",
				       d->what, cap);
			EXPECT_TRUE(all_bytes(buf + want * d->ver0, CANARY,
					      (n + 8 - want) * d->ver0))
				TH_LOG("%s: capacity %u: wrote past entry %u",
				       d->what, cap, want);
		}
		free(full);
		free(buf);
	}
}

/*
 * entry_size: below the first published size EINVAL, above a page E2BIG;
 * a larger entry holds the known entry, then zeros, and entries are
 * entry_size apart.
 */
TEST_F(enm, entry_size_rules)
{
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(cmds); c++) {
		const struct cmd_desc *d = &cmds[c];
		const __u32 small[] = { 0, 1, 8, d->ver0 - 8, d->ver0 - 1 };
		const __u32 big[] = { PAGE + 1, PAGE + 8, 2 * PAGE,
				      0x7fffffffu, 0xffffffffu };
		const __u32 larger[] = { d->ver0 + 1, d->ver0 + 8,
					 d->ver0 + 100, PAGE };
		unsigned char *ref, *buf;
		struct clusnet_enum en;
		unsigned int i, k;
		__u32 n, es;

		ref = calloc(2, d->ver0);
		buf = malloc(3 * PAGE);
		ASSERT_TRUE(ref && buf);
		en = mk_enum(ref, d->ver0, 2);
		ASSERT_EQ(0, enum_arg(self->dev, d->cmd, &en));
		n = en.count;
		ASSERT_LE(2U, n);

		for (i = 0; i < ARRAY_SIZE(small); i++) {
			memset(buf, CANARY, 3 * PAGE);
			en = mk_enum(buf, small[i], 2);
			EXPECT_EQ(-EINVAL, enum_arg(self->dev, d->cmd, &en))
				TH_LOG("%s: entry_size %u", d->what, small[i]);
			EXPECT_TRUE(all_bytes(buf, CANARY, 3 * PAGE))
				TH_LOG("%s: entry_size %u wrote entries",
				       d->what, small[i]);
			/* Even with capacity 0: the size is checked first. */
			en = mk_enum(NULL, small[i], 0);
			EXPECT_EQ(-EINVAL, enum_arg(self->dev, d->cmd, &en))
				TH_LOG("%s: entry_size %u, capacity 0",
				       d->what, small[i]);
		}
		for (i = 0; i < ARRAY_SIZE(big); i++) {
			en = mk_enum(buf, big[i], 1);
			EXPECT_EQ(-E2BIG, enum_arg(self->dev, d->cmd, &en))
				TH_LOG("%s: entry_size %u", d->what, big[i]);
			en = mk_enum(NULL, big[i], 0);
			EXPECT_EQ(-E2BIG, enum_arg(self->dev, d->cmd, &en))
				TH_LOG("%s: entry_size %u, capacity 0",
				       d->what, big[i]);
		}
		for (i = 0; i < ARRAY_SIZE(larger); i++) {
			es = larger[i];
			memset(buf, CANARY, 3 * PAGE);
			en = mk_enum(buf, es, 2);
			ASSERT_EQ(0, enum_arg(self->dev, d->cmd, &en))
				TH_LOG("%s: entry_size %u", d->what, es);
			EXPECT_EQ(n, en.count);
			for (k = 0; k < 2; k++) {
				EXPECT_EQ(0, memcmp(ref + k * d->ver0,
						    buf + k * es, d->ver0))
					TH_LOG("%s: entry_size %u: entry %u differs",
					       d->what, es, k);
				EXPECT_TRUE(all_bytes(buf + k * es + d->ver0, 0,
						      es - d->ver0))
					TH_LOG("%s: entry_size %u: entry %u: tail not zeroed",
					       d->what, es, k);
			}
			EXPECT_TRUE(all_bytes(buf + 2 * es, CANARY,
					      3 * PAGE - 2 * es))
				TH_LOG("%s: entry_size %u: wrote past 2 entries",
				       d->what, es);
		}
		free(ref);
		free(buf);
	}
}

TEST_F(enm, flags_and_reserved_must_be_zero)
{
	static const __u32 bad[] = { 1, 2, 0x80000000u, 0xffffffffu };
	unsigned int c, i;

	for (c = 0; c < ARRAY_SIZE(cmds); c++) {
		struct clusnet_enum en;

		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			en = mk_enum(NULL, cmds[c].ver0, 0);
			en.flags = bad[i];
			EXPECT_EQ(-EINVAL, enum_arg(self->dev, cmds[c].cmd,
						    &en))
				TH_LOG("%s: flags 0x%x", cmds[c].what, bad[i]);
			en = mk_enum(NULL, cmds[c].ver0, 0);
			en.__reserved = bad[i];
			EXPECT_EQ(-EINVAL, enum_arg(self->dev, cmds[c].cmd,
						    &en))
				TH_LOG("%s: __reserved 0x%x", cmds[c].what,
				       bad[i]);
		}
	}
}

TEST_F(enm, structure_size_rules)
{
	static const __u32 bad_flags[] = { 0x1, O_CLOEXEC, 0x80000000u, 0 };
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(cmds); c++) {
		struct clusnet_enum en = mk_enum(NULL, cmds[c].ver0, 0);

		cn_check_struct_rules(_metadata, cmds[c].what, self->dev,
				      cmds[c].cmd, &en, sizeof(en),
				      CLUSNET_ENUM_SIZE_VER0, bad_flags, NULL);
	}
}

TEST_F(enm, bad_array_pointer_is_efault)
{
	unsigned int c;
	unsigned char *map;

	map = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(0, mprotect(map + 2 * PAGE, PAGE, PROT_NONE));

	for (c = 0; c < ARRAY_SIZE(cmds); c++) {
		const struct cmd_desc *d = &cmds[c];
		struct clusnet_enum en;

		/* Both have at least two entries: the boot NICs'. */
		en = mk_enum(NULL, d->ver0, 4);
		EXPECT_EQ(-EFAULT, enum_arg(self->dev, d->cmd, &en))
			TH_LOG("%s: NULL array", d->what);
		en = mk_enum(map + 2 * PAGE, d->ver0, 4);
		EXPECT_EQ(-EFAULT, enum_arg(self->dev, d->cmd, &en))
			TH_LOG("%s: unmapped array", d->what);
		/* The first entry fits, the second runs into the hole. */
		en = mk_enum(map + 2 * PAGE - d->ver0 - 8, d->ver0, 4);
		EXPECT_EQ(-EFAULT, enum_arg(self->dev, d->cmd, &en))
			TH_LOG("%s: array running into an unmapped page",
			       d->what);
		/* A larger entry whose zero tail runs into the hole. */
		en = mk_enum(map + 2 * PAGE - d->ver0 - 8, d->ver0 + 64, 1);
		EXPECT_EQ(-EFAULT, enum_arg(self->dev, d->cmd, &en))
			TH_LOG("%s: entry tail in an unmapped page", d->what);
		/* Read-only memory. */
		ASSERT_EQ(0, mprotect(map, PAGE, PROT_READ));
		en = mk_enum(map, d->ver0, 1);
		EXPECT_EQ(-EFAULT, enum_arg(self->dev, d->cmd, &en))
			TH_LOG("%s: read-only array", d->what);
		ASSERT_EQ(0, mprotect(map, PAGE, PROT_READ | PROT_WRITE));
		/* The same array at the very end of the mapping is fine. */
		en = mk_enum(map + 2 * PAGE - d->ver0, d->ver0, 1);
		EXPECT_EQ(0, enum_arg(self->dev, d->cmd, &en))
			TH_LOG("%s: one entry right before the hole", d->what);
	}
	munmap(map, 3 * PAGE);
}

/*
 * Every entry describes its object as CLUSNET_HIOC_GET_INFO does, and
 * its network as CLUSNET_IOC_NETWORKS does.
 */
static void check_entries(struct __test_metadata *_metadata, int dev,
			  bool all_openable)
{
	struct clusnet_network_entry *nets;
	struct clusnet_if_entry *all;
	struct clusnet_info info;
	int n, nn, i, k, h, opened = 0;

	n = cn_objects(dev, &all);
	ASSERT_LE(2, n);
	nn = cn_networks(dev, &nets);
	ASSERT_LE(0, nn);
	for (i = 0; i < n; i++) {
		const struct clusnet_if_entry *e = &all[i];
		bool boot = !strcmp(e->name, CN_ETH0) ||
			    !strcmp(e->name, CN_ETH1);

		h = cn_open(dev, e->name, CLUSNET_GENERIC_READ);
		if (h == -EACCES && !all_openable)
			continue;
		ASSERT_LE(0, h) TH_LOG("%s: %s", e->name, strerror(-h));
		ASSERT_EQ(0, cn_info(h, &info)) TH_LOG("%s", e->name);
		close(h);
		opened++;

		EXPECT_EQ(info.id, e->id) TH_LOG("%s", e->name);
		EXPECT_STREQ(info.name, e->name);
		EXPECT_STREQ(info.node, e->node) TH_LOG("%s", e->name);
		EXPECT_STREQ(info.network, e->network) TH_LOG("%s", e->name);
		EXPECT_STREQ(info.ifname, e->ifname) TH_LOG("%s", e->name);
		EXPECT_EQ(info.ifindex, e->ifindex) TH_LOG("%s", e->name);
		EXPECT_EQ(info.state, e->state) TH_LOG("%s", e->name);
		EXPECT_EQ(info.uid, e->uid) TH_LOG("%s", e->name);
		EXPECT_EQ(info.gid, e->gid) TH_LOG("%s", e->name);
		EXPECT_EQ(info.mode, e->mode) TH_LOG("%s", e->name);
		EXPECT_EQ(0U, e->flags & ~(CLUSNET_IF_AUTOBOUND |
					   CLUSNET_IF_PINNED))
			TH_LOG("%s: unknown flags 0x%x", e->name, e->flags);
		if (boot) {
			EXPECT_EQ(CLUSNET_IF_AUTOBOUND, e->flags)
				TH_LOG("%s", e->name);
		}
		/* NUL-terminated strings, zero-padded. */
		EXPECT_TRUE(all_bytes(e->name + strlen(e->name), 0,
				      sizeof(e->name) - strlen(e->name)))
			TH_LOG("%s: name not zero-padded", e->name);
		EXPECT_TRUE(all_bytes(e->network + strlen(e->network), 0,
				      sizeof(e->network) - strlen(e->network)))
			TH_LOG("%s: network not zero-padded", e->name);

		if (!e->network[0]) {
			EXPECT_EQ(0ULL, e->network_id) TH_LOG("%s", e->name);
			continue;
		}
		EXPECT_NE(0ULL, e->network_id) TH_LOG("%s", e->name);
		for (k = 0; k < nn; k++)
			if (nets[k].id == e->network_id)
				break;
		ASSERT_LT(k, nn) TH_LOG("%s: network id %llu not listed",
					e->name,
					(unsigned long long)e->network_id);
		EXPECT_STREQ(nets[k].name, e->network) TH_LOG("%s", e->name);
		EXPECT_EQ(!!(e->flags & CLUSNET_IF_PINNED),
			  !!(nets[k].flags & CLUSNET_NETWORK_PINNED))
			TH_LOG("%s", e->name);
	}
	EXPECT_LE(2, opened);
	/* Unique ids. */
	/* Braces: EXPECT_NE() is two statements (see kselftest_harness.h). */
	for (i = 0; i < n; i++) {
		for (k = i + 1; k < n; k++) {
			EXPECT_NE(all[i].id, all[k].id)
				TH_LOG("%s and %s", all[i].name, all[k].name);
		}
	}
	free(nets);
	free(all);
}

/* The boot objects; run as root and as the unprivileged user. */
TEST_F(enm, boot_entries_match_get_info)
{
	struct clusnet_if_entry e;

	check_entries(_metadata, self->dev, cn_is_admin());
	ASSERT_EQ(0, cn_find_object(self->dev, CN_ETH0, &e));
	EXPECT_STREQ("eth0", e.ifname);
	EXPECT_STREQ(CN_NODE, e.node);
	EXPECT_EQ((int)if_nametoindex("eth0"), e.ifindex);
	EXPECT_EQ(CLUSNET_STATE_UP, (int)e.state);
	EXPECT_EQ(0U, e.uid);
	EXPECT_EQ(0U, e.gid);
	EXPECT_EQ(0644U, e.mode);
	EXPECT_NE(0ULL, e.network_id);
	ASSERT_EQ(0, cn_find_object(self->dev, CN_ETH1, &e));
	EXPECT_STREQ("eth1", e.ifname);
	EXPECT_EQ((int)if_nametoindex("eth1"), e.ifindex);
}

/* Objects of every kind: bound, unbound, pinned, owned by others. */
TEST_F(enm, entries_match_get_info)
{
	const char *bound, *unbound, *pinned, *node;
	char net[128];
	struct clusnet_if_entry e;

	CN_REQUIRE_ADMIN();
	bound = new_name(self, "bound");
	unbound = new_name(self, "unbound");
	pinned = new_name(self, "pinned");
	node = new_name(self, "node");
	cn_name(net, sizeof(net), "pinned net");

	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_sh("ip addr add 10.71.0.1/24 dev %s", self->ifa));
	ASSERT_EQ(0, cn_create_ex(self->dev, bound, NULL, NULL, self->ifa,
				  CN_USER_UID, CN_GROUP_GID, 0640, NULL));
	ASSERT_EQ(0, cn_create_ex(self->dev, unbound, "other node", NULL,
				  "cnnone9", 0, 0, 0600, NULL));
	ASSERT_EQ(0, cn_create_ex(self->dev, pinned, NULL, net, self->ifa,
				  CN_OTHER_UID, CN_OTHER_GID, 0666, NULL));
	ASSERT_EQ(0, cn_create_ex(self->dev, node, node, NULL, "cnnone9",
				  (__u32)-1, (__u32)-1, 0, NULL));

	check_entries(_metadata, self->dev, true);

	ASSERT_EQ(0, cn_find_object(self->dev, bound, &e));
	EXPECT_EQ(0U, e.flags);
	EXPECT_STREQ(self->ifa, e.ifname);
	EXPECT_EQ((int)if_nametoindex(self->ifa), e.ifindex);
	EXPECT_EQ((__u32)CN_USER_UID, e.uid);
	EXPECT_EQ((__u32)CN_GROUP_GID, e.gid);
	EXPECT_EQ(0640U, e.mode);
	EXPECT_STREQ(CN_NODE, e.node);
	EXPECT_NE(0ULL, e.network_id) TH_LOG("discovery put it on no network");

	ASSERT_EQ(0, cn_find_object(self->dev, unbound, &e));
	EXPECT_EQ(0U, e.flags);
	EXPECT_EQ(0, e.ifindex);
	EXPECT_STREQ("cnnone9", e.ifname);
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, (int)e.state);
	EXPECT_STREQ("other node", e.node);
	EXPECT_EQ(0ULL, e.network_id);
	EXPECT_STREQ("", e.network);
	EXPECT_EQ(0600U, e.mode);

	ASSERT_EQ(0, cn_find_object(self->dev, pinned, &e));
	EXPECT_EQ(CLUSNET_IF_PINNED, e.flags);
	EXPECT_STREQ(net, e.network);
	EXPECT_EQ((__u32)CN_OTHER_UID, e.uid);
	EXPECT_EQ(0666U, e.mode);

	ASSERT_EQ(0, cn_find_object(self->dev, node, &e));
	EXPECT_STREQ(node, e.node);
	EXPECT_EQ(0U, e.uid);
	EXPECT_EQ(0U, e.gid);
	EXPECT_EQ(0U, e.mode);
}

TEST_F(enm, entries_are_in_creation_order)
{
	const char *a, *b, *c;
	struct clusnet_if_entry *all;
	__u64 old_b;
	int n, ia, ib, ic, i0, i1;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	b = new_name(self, "B");
	c = new_name(self, "C");
	ASSERT_EQ(0, cn_create(self->dev, a, "cnnone1", 0, 0, 0644));
	ASSERT_EQ(0, cn_create(self->dev, b, "cnnone1", 0, 0, 0644));
	ASSERT_EQ(0, cn_create(self->dev, c, "cnnone1", 0, 0, 0644));

	n = cn_objects(self->dev, &all);
	ASSERT_LE(5, n);
	i0 = index_of(all, n, CN_ETH0);
	i1 = index_of(all, n, CN_ETH1);
	ia = index_of(all, n, a);
	ib = index_of(all, n, b);
	ic = index_of(all, n, c);
	ASSERT_TRUE(i0 >= 0 && i1 >= 0 && ia >= 0 && ib >= 0 && ic >= 0);
	EXPECT_LT(i0, ia);
	EXPECT_LT(i1, ia);
	EXPECT_LT(ia, ib);
	EXPECT_LT(ib, ic);
	/* Nothing was made after C. */
	EXPECT_EQ(n - 1, ic);
	old_b = all[ib].id;
	free(all);

	/* Made again, B is the newest object. */
	ASSERT_EQ(0, cn_delete(self->dev, b));
	ASSERT_EQ(0, cn_create(self->dev, b, "cnnone1", 0, 0, 0644));
	n = cn_objects(self->dev, &all);
	ASSERT_LE(5, n);
	ia = index_of(all, n, a);
	ib = index_of(all, n, b);
	ic = index_of(all, n, c);
	ASSERT_TRUE(ia >= 0 && ib >= 0 && ic >= 0);
	EXPECT_LT(ia, ic);
	EXPECT_LT(ic, ib);
	EXPECT_EQ(n - 1, ib);
	EXPECT_NE(old_b, all[ib].id) TH_LOG("a new object got the old id");
	free(all);

	/* Deleted objects are gone from the snapshot at once. */
	ASSERT_EQ(0, cn_delete(self->dev, a));
	n = cn_objects(self->dev, &all);
	ASSERT_LE(4, n);
	EXPECT_EQ(-1, index_of(all, n, a));
	free(all);
}

static int user_sees(void *arg)
{
	const char *name = arg;
	struct clusnet_if_entry e;
	struct clusnet_cluster_info ci;
	__u32 count;
	int dev, ret;

	dev = cn_dev();
	CN_CHECK(dev >= 0, "open %s: %s", CN_DEV_PATH, strerror(-dev));
	CN_CHECK(!cn_has_cap(CAP_NET_ADMIN), "still CAP_NET_ADMIN");
	ret = cn_find_object(dev, name, &e);
	CN_CHECK(ret == 0, "%s not listed: %s", name, strerror(-ret));
	CN_CHECK(e.mode == 0600 && e.uid == 0 && e.gid == 0,
		 "mode %o uid %u gid %u", e.mode, e.uid, e.gid);
	CN_CHECK(e.ifindex == (int)if_nametoindex("eth0"),
		 "ifindex %d", e.ifindex);
	ret = cn_open(dev, name, CLUSNET_GENERIC_READ);
	CN_CHECK(ret == -EACCES, "open: %d", ret);
	ret = cn_cluster_info(dev, 0, &ci);
	CN_CHECK(ret == 0, "cluster info: %d", ret);
	ret = cn_enum_raw(dev, CLUSNET_IOC_ENUM, NULL,
			  CLUSNET_IF_ENTRY_SIZE_VER0, 0, &count);
	CN_CHECK(ret == 0, "enum: %s", strerror(-ret));
	CN_CHECK(count == ci.object_count, "count %u, object_count %u",
		 count, ci.object_count);
	close(dev);
	return 0;
}

/* Objects the user may not open are listed all the same. */
TEST_F(enm, user_lists_objects_it_cannot_open)
{
	const char *priv;

	CN_REQUIRE_ADMIN();
	priv = new_name(self, "private");
	ASSERT_EQ(0, cn_create(self->dev, priv, "eth0", 0, 0, 0600));
	ASSERT_EQ(0, cn_run(&cn_ident_user, user_sees, (void *)priv))
		TH_LOG("%s", cn_child_msg());
}

/* No capability is needed to enumerate. */
TEST_F(enm, works_without_capabilities)
{
	struct clusnet_cluster_info ci;
	struct clusnet_if_entry *all;
	int n;

	CN_BECOME_USER();
	ASSERT_FALSE(cn_has_cap(CAP_NET_ADMIN));
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	n = cn_objects(self->dev, &all);
	ASSERT_LE(0, n) TH_LOG("%s", strerror(-n));
	EXPECT_EQ((int)ci.object_count, n);
	EXPECT_LE(0, index_of(all, n, CN_ETH0));
	EXPECT_LE(0, index_of(all, n, CN_ETH1));
	free(all);
	check_entries(_metadata, self->dev, false);
}

/* ------------------------------------------------------------------ */
/* Snapshots while another thread creates and deletes objects          */

/*
 * The churn thread keeps a rolling window of objects: it creates
 * names[c % 8], then deletes names[(c - 4) % 8], for c = 0, 1, ... So
 * between any two of its ioctls 4 or 5 of its objects exist, made one
 * after the other: an atomic snapshot lists 4 or 5 of them, consecutive
 * in the window, in creation order. Odd ones are pinned to a network of
 * their own, which exists exactly as long as its object.
 */
#define CHURN_NAMES	8
#define CHURN_WINDOW	4
#define CHURN_MAX_IDS	65536
#define CHURN_SNAPSHOTS	300
#define CHURN_ROLLS	200	/* objects made while enumerating, at least */

struct churn {
	int dev;
	int ready[2];
	char names[CHURN_NAMES][64];
	char nets[CHURN_NAMES][64];
	__u64 ids[CHURN_MAX_IDS];
	int nids;
	int err;		/* first failure: -errno */
	int err_line;
	int stop;
};

static void churn_fail(struct churn *ch, int err, int line)
{
	if (!ch->err) {
		ch->err = err;
		ch->err_line = line;
	}
}

static void *churn_thread(void *arg)
{
	struct churn *ch = arg;
	unsigned int c;
	int i, ret;
	__u64 id;

	for (c = 0; !__atomic_load_n(&ch->stop, __ATOMIC_ACQUIRE) &&
		    c < CHURN_MAX_IDS && !ch->err; c++) {
		i = c % CHURN_NAMES;
		ret = cn_create_ex(ch->dev, ch->names[i], NULL,
				   i % 2 ? ch->nets[i] : NULL, "cnnone7", 0,
				   0, 0644, &id);
		if (ret) {
			churn_fail(ch, ret, __LINE__);
			break;
		}
		ch->ids[c] = id;
		__atomic_store_n(&ch->nids, c + 1, __ATOMIC_RELEASE);
		if (c >= CHURN_WINDOW) {
			ret = cn_delete(ch->dev,
					ch->names[(c - CHURN_WINDOW) %
						  CHURN_NAMES]);
			if (ret) {
				churn_fail(ch, ret, __LINE__);
				break;
			}
		}
		if (c == CHURN_WINDOW)
			cn_post(ch->ready[1]);
	}
	for (i = 0; i < CHURN_NAMES; i++)
		cn_delete(ch->dev, ch->names[i]);
	if (c <= CHURN_WINDOW)
		cn_post(ch->ready[1]);
	return NULL;
}

static int churn_index(const struct churn *ch, const char *name,
		       bool network)
{
	int i;

	for (i = 0; i < CHURN_NAMES; i++)
		if (!strcmp(network ? ch->nets[i] : ch->names[i], name))
			return i;
	return -1;
}

struct seen {
	__u64 id;
	int name;
};

/* One ENUM snapshot: consistent, with 4 or 5 churn objects in order. */
static void check_churn_snapshot(struct __test_metadata *_metadata,
				 const struct churn *ch,
				 const struct clusnet_if_entry *before,
				 int nbefore,
				 const struct clusnet_if_entry *buf, int count,
				 struct seen *seen, int *nseen, int snap)
{
	int i, k, j, prev = -1, nchurn = 0, last = -1;

	/* The stable objects, once each, in their order, first. */
	for (k = 0; k < nbefore; k++) {
		i = index_of(buf, count, before[k].name);
		EXPECT_LT(prev, i) TH_LOG("snapshot %d: %s", snap,
					  before[k].name);
		if (i >= 0) {
			EXPECT_EQ(before[k].id, buf[i].id);
		}
		prev = i;
	}
	for (i = 0; i < count; i++) {
		for (k = i + 1; k < count; k++) {
			EXPECT_NE(buf[i].id, buf[k].id)
				TH_LOG("snapshot %d: %s and %s", snap,
				       buf[i].name, buf[k].name);
			EXPECT_NE(0, strcasecmp(buf[i].name, buf[k].name))
				TH_LOG("snapshot %d: name %s twice", snap,
				       buf[i].name);
		}
		if (index_of(before, nbefore, buf[i].name) >= 0)
			continue;
		j = churn_index(ch, buf[i].name, false);
		EXPECT_LE(0, j) TH_LOG("snapshot %d: unknown object '%s'",
				       snap, buf[i].name);
		if (j < 0)
			continue;
		EXPECT_LT(prev, i) TH_LOG("snapshot %d: %s before a stable one",
					  snap, buf[i].name);
		/* The next one in the window. */
		if (last >= 0) {
			EXPECT_EQ((last + 1) % CHURN_NAMES, j)
				TH_LOG("snapshot %d: %s after %s", snap,
				       ch->names[j], ch->names[last]);
		}
		last = j;
		nchurn++;
		EXPECT_STREQ(j % 2 ? ch->nets[j] : "", buf[i].network)
			TH_LOG("snapshot %d", snap);
		EXPECT_EQ(j % 2 ? CLUSNET_IF_PINNED : 0U, buf[i].flags);
		for (k = 0; k < *nseen; k++)
			if (seen[k].id == buf[i].id)
				break;
		if (k == *nseen && *nseen < CHURN_MAX_IDS) {
			seen[*nseen].id = buf[i].id;
			seen[(*nseen)++].name = j;
		} else if (k < *nseen) {
			EXPECT_EQ(seen[k].name, j)
				TH_LOG("id %llu changed its name",
				       (unsigned long long)buf[i].id);
		}
	}
	EXPECT_TRUE(nchurn == CHURN_WINDOW || nchurn == CHURN_WINDOW + 1)
		TH_LOG("snapshot %d: %d churn objects", snap, nchurn);
}

/* One NETWORKS snapshot: unique, and the churn ones of the window. */
static void check_churn_networks(struct __test_metadata *_metadata,
				 const struct churn *ch,
				 const struct clusnet_network_entry *nbuf,
				 int count, int snap)
{
	int i, k, j, nchurn = 0;

	for (i = 0; i < count; i++) {
		EXPECT_LE(1U, nbuf[i].interfaces)
			TH_LOG("network %s without interfaces", nbuf[i].name);
		for (k = i + 1; k < count; k++) {
			EXPECT_NE(nbuf[i].id, nbuf[k].id);
			EXPECT_NE(0, strcasecmp(nbuf[i].name, nbuf[k].name))
				TH_LOG("network %s twice", nbuf[i].name);
		}
		if (!strncmp(nbuf[i].name, "Cluster Network ", 16))
			continue;
		j = churn_index(ch, nbuf[i].name, true);
		EXPECT_TRUE(j >= 0 && j % 2)
			TH_LOG("snapshot %d: unknown network '%s'", snap,
			       nbuf[i].name);
		if (j < 0)
			continue;
		nchurn++;
		EXPECT_EQ(CLUSNET_NETWORK_PINNED, nbuf[i].flags);
		EXPECT_EQ(1U, nbuf[i].interfaces);
		EXPECT_EQ(CLUSNET_NETWORK_UNAVAILABLE, (int)nbuf[i].state);
	}
	/* 4 or 5 consecutive objects: 2 or 3 odd ones. */
	EXPECT_TRUE(nchurn == 2 || nchurn == 3)
		TH_LOG("snapshot %d: %d churn networks", snap, nchurn);
}

TEST_F_TIMEOUT(enm, snapshots_while_objects_come_and_go, 120)
{
	static struct seen seen[CHURN_MAX_IDS];
	struct clusnet_if_entry *before, *buf;
	struct clusnet_network_entry *nbuf;
	struct churn *ch;
	pthread_t thr;
	int nbefore, nseen = 0, snaps, i, k, ret, made;
	long long deadline;
	__u32 count = 0;
	const __u32 cap = 128;

	CN_REQUIRE_ADMIN();
	/* Objects that stay put throughout, between the boot ones and churn. */
	new_name(self, "stable 1");
	new_name(self, "stable 2");
	ASSERT_EQ(0, cn_create(self->dev, self->names[0], "eth0", 0, 0, 0644));
	ASSERT_EQ(0, cn_create(self->dev, self->names[1], "cnnone7", 0, 0,
			       0644));
	nbefore = cn_objects(self->dev, &before);
	ASSERT_LE(4, nbefore);

	ch = calloc(1, sizeof(*ch));
	buf = calloc(cap, sizeof(*buf));
	nbuf = calloc(cap, sizeof(*nbuf));
	ASSERT_TRUE(ch && buf && nbuf);
	ch->dev = cn_dev();
	ASSERT_LE(0, ch->dev);
	ASSERT_EQ(0, pipe2(ch->ready, O_CLOEXEC));
	for (i = 0; i < CHURN_NAMES; i++) {
		cn_name(ch->names[i], sizeof(ch->names[i]), "churn");
		cn_name(ch->nets[i], sizeof(ch->nets[i]), "churn net");
	}
	ASSERT_EQ(0, pthread_create(&thr, NULL, churn_thread, ch));
	/* The window is full before the first snapshot. */
	EXPECT_EQ(0, cn_pend(ch->ready[0], 30000));
	made = __atomic_load_n(&ch->nids, __ATOMIC_ACQUIRE);
	deadline = cn_now_ms() + 60000;

	/*
	 * Both sides do their share (on a busy box one may run alone for a
	 * while), within a minute.
	 */
	for (snaps = 1; _metadata->passed &&
			(snaps <= CHURN_SNAPSHOTS ||
			 (__atomic_load_n(&ch->nids, __ATOMIC_ACQUIRE) <
			  made + CHURN_ROLLS && cn_now_ms() < deadline));
	     snaps++) {
		ret = cn_enum_raw(self->dev, CLUSNET_IOC_ENUM, buf,
				  sizeof(*buf), cap, &count);
		EXPECT_EQ(0, ret);
		EXPECT_GE(cap, count);
		if (ret || count > cap)
			break;
		check_churn_snapshot(_metadata, ch, before, nbefore, buf,
				     count, seen, &nseen, snaps);

		ret = cn_enum_raw(self->dev, CLUSNET_IOC_NETWORKS, nbuf,
				  sizeof(*nbuf), cap, &count);
		EXPECT_EQ(0, ret);
		EXPECT_GE(cap, count);
		if (ret || count > cap)
			break;
		check_churn_networks(_metadata, ch, nbuf, count, snaps);
	}
	__atomic_store_n(&ch->stop, 1, __ATOMIC_RELEASE);
	pthread_join(thr, NULL);
	EXPECT_EQ(0, ch->err) TH_LOG("churn thread, line %d: %s",
				     ch->err_line, strerror(-ch->err));
	TH_LOG("%d snapshots, %d churn objects seen of %d made", snaps - 1,
	       nseen, ch->nids);
	EXPECT_LE(CHURN_WINDOW, nseen);

	/* Every object seen was made, under the name it was listed with. */
	for (k = 0; k < nseen; k++) {
		for (i = 0; i < ch->nids; i++)
			if (ch->ids[i] == seen[k].id)
				break;
		EXPECT_LT(i, ch->nids) TH_LOG("id %llu never made",
					      (unsigned long long)seen[k].id);
		if (i < ch->nids) {
			EXPECT_EQ(i % CHURN_NAMES, seen[k].name);
		}
	}
	/* All gone at the end, networks with them. */
	for (i = 0; i < CHURN_NAMES; i++) {
		struct clusnet_if_entry e;
		struct clusnet_network_entry ne;

		EXPECT_EQ(-ENOENT, cn_find_object(self->dev, ch->names[i], &e));
		EXPECT_EQ(-ENOENT, cn_find_network(self->dev, 0, ch->nets[i],
						   &ne));
	}
	close(ch->ready[0]);
	close(ch->ready[1]);
	close(ch->dev);
	free(ch);
	free(buf);
	free(nbuf);
	free(before);
}

TEST_HARNESS_MAIN
