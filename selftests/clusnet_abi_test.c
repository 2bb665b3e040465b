// SPDX-License-Identifier: GPL-2.0
/*
 * ABI skew: binaries built against older or newer headers than the
 * module's. Their command numbers carry another structure size in the
 * size bits, and their structures another size field; the module must
 * answer them as it answers a binary built with its own header.
 *
 * For every ioctl: an "old" binary (command and structure at the VER0
 * size) and a "new" one (both GROW bytes larger, zero tail) get the same
 * result; the new one with a non-zero tail gets E2BIG; a size below VER0
 * gets EINVAL. Then the event record size negotiated at open and watch,
 * and a CREATE whose reply cannot be written.
 *
 * As the unprivileged user the admin ioctls fail with EPERM, in both
 * binaries alike: the run as user checks that the skew does not change
 * that either.
 */
#include <stddef.h>

#include "common.h"

#define GROW		8
#define PAGE		4096
#define ENTRIES		64

struct abi_ctx {
	int dev;
	int h;			/* handle on obj (root) or CN_ETH0 (user) */
	bool admin;
	unsigned int n;		/* makes each rename's name new */
	char obj[64];		/* object of the test, on a pinned network */
	char net[64];		/* its network's name */
	char victim[64];	/* made by CREATE, removed by DELETE */
	char ifname[IFNAMSIZ];
	__u64 net_id;
	char rename[96];
	void *entries;
};

struct abi_case {
	const char *what;
	unsigned long cmd;	/* as published */
	size_t ksize;		/* sizeof() in this header */
	size_t ver0;
	bool on_handle;
	bool admin;		/* needs CAP_NET_ADMIN: EPERM first */
	bool returns_fd;
	int user_err;		/* how it fails for the user, if it does */
	void (*build)(struct abi_ctx *c, void *arg);
	void (*undo)(struct abi_ctx *c, int ret, void *arg);
	size_t skip_off, skip_len;	/* output that differs per run */
};

static const char *target(struct abi_ctx *c)
{
	return c->admin ? c->obj : CN_ETH0;
}

static void b_cluster_info(struct abi_ctx *c, void *arg)
{
	struct clusnet_cluster_info *a = arg;

	a->desired_access = CLUSNET_GENERIC_READ;
}

static void b_open(struct abi_ctx *c, void *arg)
{
	struct clusnet_open *a = arg;

	a->flags = O_CLOEXEC;
	a->name = CN_PTR(target(c));
	a->name_len = strlen(target(c));
	a->desired_access = CLUSNET_GENERIC_READ;
}

static void u_close(struct abi_ctx *c, int ret, void *arg)
{
	close(ret);
}

static void b_create(struct abi_ctx *c, void *arg)
{
	struct clusnet_create *a = arg;

	a->name = CN_PTR(c->victim);
	a->name_len = strlen(c->victim);
	a->uid = -1;
	a->gid = -1;
	a->mode = CLUSNET_MODE_DEFAULT;
	snprintf(a->ifname, sizeof(a->ifname), "%s", c->ifname);
}

static void u_create(struct abi_ctx *c, int ret, void *arg)
{
	cn_delete(c->dev, c->victim);
}

static void b_delete(struct abi_ctx *c, void *arg)
{
	struct clusnet_delete *a = arg;

	if (c->admin)
		cn_create(c->dev, c->victim, c->ifname, -1, -1,
			  CLUSNET_MODE_DEFAULT);
	a->name = CN_PTR(c->victim);
	a->name_len = strlen(c->victim);
}

static void b_set_security(struct abi_ctx *c, void *arg)
{
	struct clusnet_set_security *a = arg;

	a->flags = CLUSNET_SET_MODE;
	a->name = CN_PTR(target(c));
	a->name_len = strlen(target(c));
	a->mode = CLUSNET_MODE_DEFAULT;
}

static void b_autobind(struct abi_ctx *c, void *arg)
{
	/* flags 0: only report. */
}

static void b_enum(struct abi_ctx *c, void *arg)
{
	struct clusnet_enum *a = arg;

	memset(c->entries, 0, ENTRIES * sizeof(struct clusnet_if_entry));
	a->entries = CN_PTR(c->entries);
	a->entry_size = sizeof(struct clusnet_if_entry);
	a->capacity = ENTRIES;
}

static void b_networks(struct abi_ctx *c, void *arg)
{
	struct clusnet_enum *a = arg;

	memset(c->entries, 0, ENTRIES * sizeof(struct clusnet_if_entry));
	a->entries = CN_PTR(c->entries);
	a->entry_size = sizeof(struct clusnet_network_entry);
	a->capacity = ENTRIES;
}

static void b_rename(struct abi_ctx *c, void *arg)
{
	struct clusnet_network_rename *a = arg;

	snprintf(c->rename, sizeof(c->rename), "%s %u", c->net, c->n++);
	a->id = c->net_id;
	a->name = CN_PTR(c->rename);
	a->name_len = strlen(c->rename);
}

static void b_watch(struct abi_ctx *c, void *arg)
{
	struct clusnet_watch *a = arg;

	a->flags = O_CLOEXEC;
}

static void b_forward(struct abi_ctx *c, void *arg)
{
	struct clusnet_forward *a = arg;

	a->flags = O_CLOEXEC;
}

static void b_none(struct abi_ctx *c, void *arg)
{
}

static void b_description(struct abi_ctx *c, void *arg)
{
	struct clusnet_description *a = arg;

	a->text = CN_PTR("abi");
	a->text_len = 3;
}

/* Outside a cluster: what the namespace was before. */
static void b_set_cluster(struct abi_ctx *c, void *arg)
{
}

static void b_set_state(struct abi_ctx *c, void *arg)
{
	struct clusnet_set_state *a = arg;

	a->name = CN_PTR(target(c));
	a->name_len = strlen(target(c));
	a->state = CLUSNET_STATE_UP;	/* a local object's "as its NIC" */
}

#define ABI_NODE_ID	0xabcdU

static void b_node_set(struct abi_ctx *c, void *arg)
{
	struct clusnet_node_set *a = arg;

	a->name = CN_PTR("abi node");
	a->name_len = strlen("abi node");
	a->id = ABI_NODE_ID;
	a->state = CLUSNET_NODE_DOWN;
}

static void u_node_set(struct abi_ctx *c, int ret, void *arg)
{
	cn_node_delete(c->dev, ABI_NODE_ID);
}

static void b_nodes(struct abi_ctx *c, void *arg)
{
	struct clusnet_enum *a = arg;

	memset(c->entries, 0, ENTRIES * sizeof(struct clusnet_if_entry));
	a->entries = CN_PTR(c->entries);
	a->entry_size = sizeof(struct clusnet_node_entry);
	a->capacity = ENTRIES;
}

#define CASE(_cmd, _type, _ver0) \
	.what = #_cmd, .cmd = (_cmd), .ksize = sizeof(_type), .ver0 = (_ver0)

static const struct abi_case cases[] = {
	{ CASE(CLUSNET_IOC_CLUSTER_INFO, struct clusnet_cluster_info,
	       CLUSNET_CLUSTER_INFO_SIZE_VER0), .build = b_cluster_info },
	{ CASE(CLUSNET_IOC_OPEN, struct clusnet_open, CLUSNET_OPEN_SIZE_VER0),
	  .build = b_open, .undo = u_close, .returns_fd = true },
	{ CASE(CLUSNET_IOC_CREATE, struct clusnet_create,
	       CLUSNET_CREATE_SIZE_VER0),
	  .build = b_create, .undo = u_create, .admin = true,
	  .skip_off = offsetof(struct clusnet_create, id),
	  .skip_len = sizeof(__u64) },
	{ CASE(CLUSNET_IOC_DELETE, struct clusnet_delete,
	       CLUSNET_DELETE_SIZE_VER0), .build = b_delete, .admin = true },
	{ CASE(CLUSNET_IOC_SET_SECURITY, struct clusnet_set_security,
	       CLUSNET_SET_SECURITY_SIZE_VER0),
	  .build = b_set_security, .admin = true },
	{ CASE(CLUSNET_IOC_AUTOBIND, struct clusnet_autobind,
	       CLUSNET_AUTOBIND_SIZE_VER0), .build = b_autobind },
	{ CASE(CLUSNET_IOC_ENUM, struct clusnet_enum, CLUSNET_ENUM_SIZE_VER0),
	  .build = b_enum },
	{ CASE(CLUSNET_IOC_NETWORKS, struct clusnet_enum,
	       CLUSNET_ENUM_SIZE_VER0), .build = b_networks },
	{ CASE(CLUSNET_IOC_NETWORK_RENAME, struct clusnet_network_rename,
	       CLUSNET_NETWORK_RENAME_SIZE_VER0),
	  .build = b_rename, .admin = true },
	{ CASE(CLUSNET_IOC_WATCH, struct clusnet_watch,
	       CLUSNET_WATCH_SIZE_VER0),
	  .build = b_watch, .undo = u_close, .returns_fd = true },
	{ CASE(CLUSNET_IOC_SET_CLUSTER, struct clusnet_set_cluster,
	       CLUSNET_SET_CLUSTER_SIZE_VER0),
	  .build = b_set_cluster, .admin = true },
	{ CASE(CLUSNET_IOC_SET_STATE, struct clusnet_set_state,
	       CLUSNET_SET_STATE_SIZE_VER0),
	  .build = b_set_state, .admin = true },
	{ CASE(CLUSNET_IOC_NODE_SET, struct clusnet_node_set,
	       CLUSNET_NODE_SET_SIZE_VER0),
	  .build = b_node_set, .undo = u_node_set, .admin = true },
	{ CASE(CLUSNET_IOC_NODES, struct clusnet_enum, CLUSNET_ENUM_SIZE_VER0),
	  .build = b_nodes },
	{ CASE(CLUSNET_IOC_FORWARD, struct clusnet_forward,
	       CLUSNET_FORWARD_SIZE_VER0),
	  .build = b_forward, .undo = u_close, .returns_fd = true,
	  .admin = true },
	{ CASE(CLUSNET_HIOC_GET_INFO, struct clusnet_info,
	       CLUSNET_INFO_SIZE_VER0), .build = b_none, .on_handle = true },
	{ CASE(CLUSNET_HIOC_SET_DESCRIPTION, struct clusnet_description,
	       CLUSNET_DESCRIPTION_SIZE_VER0),
	  .build = b_description, .on_handle = true,
	  .user_err = -EACCES },	/* the user's handle is read-only */
	{ CASE(CLUSNET_HIOC_GET_NIC, struct clusnet_nic, CLUSNET_NIC_SIZE_VER0),
	  .build = b_none, .on_handle = true },
};

/* The command number a binary built with a @size byte structure sends. */
static unsigned long cmd_sized(unsigned long cmd, size_t size)
{
	return _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd), _IOC_NR(cmd), size);
}

/*
 * One call as a binary built with a @cmd_size byte structure makes it,
 * with @size in the size field and, if @dirty, the last byte set. The
 * structure is left in @buf; a returned fd is closed and counts as 1.
 */
static int abi_call(struct abi_ctx *c, const struct abi_case *k,
		    unsigned char *buf, size_t cmd_size, __u32 size,
		    bool dirty)
{
	int ret;

	memset(buf, 0, PAGE);
	k->build(c, buf);
	memcpy(buf, &size, sizeof(size));
	if (dirty)
		buf[size - 1] = 1;
	ret = cn_ioctl(k->on_handle ? c->h : c->dev,
		       cmd_sized(k->cmd, cmd_size), buf);
	if (ret >= 0 && k->undo)
		k->undo(c, ret, buf);
	if (ret > 0 && k->returns_fd)
		ret = 1;
	return ret;
}

FIXTURE(abi) {
	struct abi_ctx c;
	unsigned char *old, *new;
};

FIXTURE_SETUP(abi)
{
	struct abi_ctx *c = &self->c;
	long long id;

	memset(c, 0, sizeof(*c));
	c->h = -1;
	c->dev = cn_dev();
	ASSERT_LE(0, c->dev);
	c->admin = cn_is_admin();
	c->entries = calloc(ENTRIES, sizeof(struct clusnet_if_entry));
	self->old = calloc(1, PAGE);
	self->new = calloc(1, PAGE);
	ASSERT_TRUE(c->entries && self->old && self->new);
	cn_name(c->obj, sizeof(c->obj), "abi");
	cn_name(c->net, sizeof(c->net), "abi net");
	cn_name(c->victim, sizeof(c->victim), "abi victim");
	cn_ifname(c->ifname);
	if (c->admin) {
		ASSERT_EQ(0, cn_create_ex(c->dev, c->obj, NULL, c->net,
					  c->ifname, -1, -1,
					  CLUSNET_MODE_DEFAULT, NULL));
		id = cn_object_network_id(c->dev, c->obj);
		ASSERT_LT(0, id);
		c->net_id = id;
	}
	c->h = cn_open(c->dev, target(c), c->admin ? CLUSNET_GENERIC_ALL :
						      CLUSNET_GENERIC_READ);
	ASSERT_LE(0, c->h) TH_LOG("open %s: %s", target(c), strerror(-c->h));
}

FIXTURE_TEARDOWN(abi)
{
	struct abi_ctx *c = &self->c;

	if (c->h >= 0)
		close(c->h);
	if (c->dev >= 0 && c->admin) {
		cn_delete(c->dev, c->obj);
		cn_delete(c->dev, c->victim);
	}
	if (c->dev >= 0)
		close(c->dev);
	free(c->entries);
	free(self->old);
	free(self->new);
}

/* Output of two runs, but for the size field and what differs per run. */
static bool same_output(const struct abi_case *k, unsigned char *a,
			unsigned char *b)
{
	if (k->skip_len) {
		memset(a + k->skip_off, 0, k->skip_len);
		memset(b + k->skip_off, 0, k->skip_len);
	}
	return !memcmp(a + 4, b + 4, k->ver0 - 4);
}

static bool zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

TEST_F(abi, old_and_new_binaries_get_the_same_answers)
{
	struct abi_ctx *c = &self->c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct abi_case *k = &cases[i];
		size_t big = k->ksize + GROW;
		int r_old, r_new;

		r_old = abi_call(c, k, self->old, k->ver0, k->ver0, false);
		r_new = abi_call(c, k, self->new, big, big, false);
		EXPECT_EQ(r_old, r_new)
			TH_LOG("%s: VER0 binary %d (%s), grown binary %d (%s)",
			       k->what, r_old, strerror(r_old < 0 ? -r_old : 0),
			       r_new, strerror(r_new < 0 ? -r_new : 0));
		if (!c->admin && (k->admin || k->user_err)) {
			EXPECT_EQ(k->admin ? -EPERM : k->user_err, r_new)
				TH_LOG("%s", k->what);
		} else {
			EXPECT_LE(0, r_new) TH_LOG("%s: grown binary: %s",
						   k->what, strerror(-r_new));
		}
		EXPECT_TRUE(same_output(k, self->old, self->new))
			TH_LOG("%s: outputs differ", k->what);
		/* Nothing is written past what the module knows. */
		EXPECT_TRUE(zero(self->new + k->ksize, GROW))
			TH_LOG("%s: tail written", k->what);
	}
}

TEST_F(abi, grown_binary_with_a_nonzero_tail_gets_e2big)
{
	struct abi_ctx *c = &self->c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct abi_case *k = &cases[i];
		size_t big = k->ksize + GROW;

		if (k->admin && !c->admin)
			continue;
		EXPECT_EQ(-E2BIG, abi_call(c, k, self->new, big, big, true))
			TH_LOG("%s", k->what);
	}
}

TEST_F(abi, size_below_ver0_is_einval_whatever_the_command_says)
{
	struct abi_ctx *c = &self->c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct abi_case *k = &cases[i];
		size_t big = k->ksize + GROW;

		if (k->admin && !c->admin)
			continue;
		EXPECT_EQ(-EINVAL, abi_call(c, k, self->new, big, k->ver0 - 4,
					    false))
			TH_LOG("%s, grown command", k->what);
		EXPECT_EQ(-EINVAL, abi_call(c, k, self->new, k->ver0,
					    k->ver0 - 4, false))
			TH_LOG("%s, VER0 command", k->what);
	}
}

/* The size bits do not matter either where there is no structure. */
TEST_F(abi, get_state_ignores_the_size_bits)
{
	struct abi_ctx *c = &self->c;
	unsigned long cmd = cmd_sized(CLUSNET_HIOC_GET_STATE, GROW);
	int want = cn_state(c->h);

	ASSERT_LE(0, want);
	EXPECT_EQ(want, cn_ioctl(c->h, cmd, NULL));
}

/* Type, number and direction still select the ioctl. */
TEST_F(abi, other_direction_or_number_is_enotty)
{
	struct abi_ctx *c = &self->c;
	unsigned char *buf = self->new;

	memset(buf, 0, PAGE);
	EXPECT_EQ(-ENOTTY, cn_ioctl(c->dev, _IOW(CLUSNET_IOC_MAGIC, 0x06,
						 struct clusnet_enum), buf));
	EXPECT_EQ(-ENOTTY, cn_ioctl(c->dev, _IOR(CLUSNET_IOC_MAGIC, 0x01,
						 struct clusnet_open), buf));
	EXPECT_EQ(-ENOTTY, cn_ioctl(c->dev, _IOWR(CLUSNET_IOC_MAGIC, 0x0a,
						  struct clusnet_open), buf));
	/* A handle number on the device, and the other way round. */
	EXPECT_EQ(-ENOTTY, cn_ioctl(c->dev,
				    cmd_sized(CLUSNET_HIOC_GET_INFO, 4096),
				    buf));
	EXPECT_EQ(-ENOTTY, cn_ioctl(c->h, cmd_sized(CLUSNET_IOC_OPEN, 48),
				    buf));
}

/* ------------------------------------------------------------------ */
/* Event records of the size the reader asked for                      */

static int open_rs(int dev, const char *name, __u32 desired, __u32 rs)
{
	struct clusnet_open op;

	memset(&op, 0, sizeof(op));
	op.size = sizeof(op);
	op.flags = O_CLOEXEC | O_NONBLOCK;
	op.name = CN_PTR(name);
	op.name_len = strlen(name);
	op.desired_access = desired;
	op.record_size = rs;
	return cn_ioctl(dev, CLUSNET_IOC_OPEN, &op);
}

static int watch_rs(int dev, __u32 rs)
{
	struct clusnet_watch w;

	memset(&w, 0, sizeof(w));
	w.size = sizeof(w);
	w.flags = O_CLOEXEC | O_NONBLOCK;
	w.record_size = rs;
	return cn_ioctl(dev, CLUSNET_IOC_WATCH, &w);
}

TEST_F(abi, record_size_out_of_range)
{
	static const struct { __u32 rs; int err; } bad[] = {
		{ 1, -EINVAL }, { 31, -EINVAL }, { 4097, -E2BIG },
		{ 0xffffffffu, -E2BIG },
	};
	struct abi_ctx *c = &self->c;
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		fd = open_rs(c->dev, target(c), CLUSNET_GENERIC_READ,
			     bad[i].rs);
		if (fd >= 0)
			close(fd);
		EXPECT_EQ(bad[i].err, fd) TH_LOG("open, record_size %u",
						 bad[i].rs);
		fd = watch_rs(c->dev, bad[i].rs);
		if (fd >= 0)
			close(fd);
		EXPECT_EQ(bad[i].err, fd) TH_LOG("watch, record_size %u",
						 bad[i].rs);
	}
	fd = watch_rs(c->dev, CLUSNET_CLUSTER_EVENT_SIZE_VER0 - 1);
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(-EINVAL, fd);
}

/* An "old" OPEN: the VER0 structure, without record_size. */
static int open_ver0(int dev, const char *name, __u32 desired)
{
	unsigned char buf[CLUSNET_OPEN_SIZE_VER0];
	struct clusnet_open op;

	memset(&op, 0, sizeof(op));
	op.size = CLUSNET_OPEN_SIZE_VER0;
	op.flags = O_CLOEXEC | O_NONBLOCK;
	op.name = CN_PTR(name);
	op.name_len = strlen(name);
	op.desired_access = desired;
	memcpy(buf, &op, sizeof(buf));
	return cn_ioctl(dev, cmd_sized(CLUSNET_IOC_OPEN,
				       CLUSNET_OPEN_SIZE_VER0), buf);
}

/* Two PROPERTY events on obj; the records a reader of @fd gets, in @buf. */
static ssize_t two_events(struct abi_ctx *c, int fd, void *buf, size_t n)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (cn_set_desc(c->h, "one", 3) || cn_set_desc(c->h, "two", 3))
		return -1;
	if (poll(&p, 1, CN_WAIT_MS) != 1)
		return -1;
	return read(fd, buf, n);
}

TEST_F(abi, handle_records_of_the_size_asked_for)
{
	struct abi_ctx *c = &self->c;
	unsigned char buf[256];
	struct clusnet_event ev;
	int old, big;

	if (!c->admin)
		SKIP(return, "needs an object whose events it can cause");
	old = open_ver0(c->dev, c->obj, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, old) TH_LOG("%s", strerror(-old));
	big = open_rs(c->dev, c->obj, CLUSNET_GENERIC_READ,
		      sizeof(ev) + GROW);
	ASSERT_LE(0, big) TH_LOG("%s", strerror(-big));

	/* Today's binaries read today's records, as many as fit. */
	memset(buf, 0xa5, sizeof(buf));
	EXPECT_EQ((ssize_t)(2 * sizeof(ev)),
		  two_events(c, old, buf, 2 * sizeof(ev) + 8));
	memcpy(&ev, buf + sizeof(ev), sizeof(ev));
	EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.changes);
	EXPECT_EQ(0xa5, buf[2 * sizeof(ev)]);

	/* Larger records: the kernel's, then zeros. */
	memset(buf, 0xa5, sizeof(buf));
	EXPECT_EQ(-1, read(big, buf, sizeof(ev) + GROW - 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ((ssize_t)(2 * (sizeof(ev) + GROW)),
		  read(big, buf, sizeof(buf)));
	memcpy(&ev, buf + sizeof(ev) + GROW, sizeof(ev));
	EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.changes);
	EXPECT_TRUE(zero(buf + sizeof(ev), GROW));
	EXPECT_TRUE(zero(buf + 2 * sizeof(ev) + GROW, GROW));
	EXPECT_EQ(0xa5, buf[2 * (sizeof(ev) + GROW)]);
	close(old);
	close(big);
}

TEST_F(abi, watch_records_of_the_size_asked_for)
{
	struct abi_ctx *c = &self->c;
	struct clusnet_cluster_event ev;
	size_t rs = sizeof(ev) + GROW;
	unsigned char *buf = self->new;
	struct clusnet_watch w;
	unsigned char old[CLUSNET_WATCH_SIZE_VER0];
	int wold, wbig;
	ssize_t n;

	if (!c->admin)
		SKIP(return, "needs an object whose events it can cause");
	memset(&w, 0, sizeof(w));
	w.size = CLUSNET_WATCH_SIZE_VER0;
	w.flags = O_CLOEXEC | O_NONBLOCK;
	memcpy(old, &w, sizeof(old));
	wold = cn_ioctl(c->dev, CLUSNET_IOC_WATCH, old);
	ASSERT_LE(0, wold) TH_LOG("%s", strerror(-wold));
	wbig = watch_rs(c->dev, rs);
	ASSERT_LE(0, wbig) TH_LOG("%s", strerror(-wbig));

	n = two_events(c, wold, buf, sizeof(ev));
	EXPECT_EQ((ssize_t)sizeof(ev), n);
	memset(buf, 0xa5, PAGE);
	EXPECT_EQ(-1, read(wbig, buf, rs - 1));
	EXPECT_EQ(EINVAL, errno);
	n = read(wbig, buf, rs + 1);
	ASSERT_EQ((ssize_t)rs, n);
	memcpy(&ev, buf, sizeof(ev));
	EXPECT_NE(0U, ev.ev.changes);
	EXPECT_TRUE(zero(buf + sizeof(ev), GROW));
	EXPECT_EQ(0xa5, buf[rs]);
	close(wold);
	close(wbig);
}

/* ------------------------------------------------------------------ */
/* CREATE whose reply cannot be written                                */

TEST_F(abi, create_that_cannot_reply_makes_nothing)
{
	struct abi_ctx *c = &self->c;
	struct clusnet_create *cr;
	int ret, h;

	if (!c->admin)
		SKIP(return, "CREATE needs CAP_NET_ADMIN");
	cr = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(cr != MAP_FAILED);
	memset(cr, 0, sizeof(*cr));
	cr->size = sizeof(*cr);
	b_create(c, cr);
	/* Readable, so that the module can read its input, not writable. */
	ASSERT_EQ(0, mprotect(cr, PAGE, PROT_READ));
	ret = cn_ioctl(c->dev, CLUSNET_IOC_CREATE, cr);
	EXPECT_EQ(-EFAULT, ret);
	h = cn_open(c->dev, c->victim, CLUSNET_GENERIC_READ);
	if (h >= 0)
		close(h);
	EXPECT_EQ(-ENOENT, h) TH_LOG("the object was made after all");
	munmap(cr, PAGE);
}

TEST_HARNESS_MAIN
