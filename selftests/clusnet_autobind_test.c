// SPDX-License-Identifier: GPL-2.0
/*
 * Autobind does not grow (issue 10, defect 6). The VM's e1000 (eth1, a NIC
 * with a parent bus device, so autobind gives it an object):
 *
 *  - renamed 50 times, it still has exactly one object, and the namespace
 *    no more objects than before;
 *  - followed by an object an admin made, it gets no autobound one besides
 *    (on a rename, or when autobind is turned on);
 *  - moved into a network namespace owned by an unprivileged user's user
 *    namespace, its autobound object there is owned by that namespace's
 *    root: uid and gid 0 seen from inside, the user's from outside.
 *
 * Each test puts eth1 back as the others expect it: named eth1, up, with
 * 192.168.100.1/24, followed by the autobound object "node1 - eth1".
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "common.h"

#define NIC		"eth1"
#define NIC_ADDR	"192.168.100.1/24"
#define RENAMES		50

/* SIOCSIFNAME: 0 or -errno. The NIC must be down. */
static int nic_rename(const char *from, const char *to)
{
	struct ifreq ifr;
	int sock, ret = 0;

	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", from);
	snprintf(ifr.ifr_newname, sizeof(ifr.ifr_newname), "%s", to);
	if (ioctl(sock, SIOCSIFNAME, &ifr))
		ret = -errno;
	close(sock);
	return ret;
}

/* Objects of the caller's namespace: all of them, and those bound to @ifindex. */
struct tally {
	int total;
	int bound;
	struct clusnet_if_entry first;	/* the first one bound, if any */
};

static int tally(int dev, int ifindex, struct tally *t)
{
	struct clusnet_if_entry *all;
	int n, i;

	memset(t, 0, sizeof(*t));
	n = cn_objects(dev, &all);
	if (n < 0)
		return n;
	t->total = n;
	for (i = 0; i < n; i++) {
		if (all[i].ifindex != ifindex)
			continue;
		if (!t->bound++)
			t->first = all[i];
	}
	free(all);
	return 0;
}

static void tally_log(struct __test_metadata *_metadata, const char *when,
		      const struct tally *t)
{
	TH_LOG("%s: %d objects, %d bound to " NIC "'s ifindex (first \"%s\", flags 0x%x)",
	       when, t->total, t->bound, t->bound ? t->first.name : "",
	       t->first.flags);
}

FIXTURE(nic) {
	int dev;
	int ifindex;
	char cur[IFNAMSIZ];	/* eth1's name now */
	char admin[64];		/* an admin-made object, or "" */
	pid_t holder;		/* owns the netns eth1 was moved to, or 0 */
	int to_holder[2];
};

FIXTURE_SETUP(nic)
{
	int h;

	self->dev = -1;
	self->holder = 0;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	snprintf(self->cur, sizeof(self->cur), NIC);
	self->ifindex = (int)if_nametoindex(NIC);
	ASSERT_LT(0, self->ifindex);
	ASSERT_EQ(1, cn_autobind_get(self->dev));
	h = cn_wait_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ, CN_WAIT_MS);
	ASSERT_LE(0, h) TH_LOG("\"%s\": %s", CN_ETH1, strerror(-h));
	close(h);
}

/* Where the autobound objects of earlier runs go: all but "node1 - eth1". */
static void delete_strays(int dev)
{
	struct clusnet_if_entry *all;
	int n, i;

	n = cn_objects(dev, &all);
	for (i = 0; i < n; i++)
		if ((all[i].flags & CLUSNET_IF_AUTOBOUND) &&
		    !strncmp(all[i].name, CN_NODE " - cnab", 12))
			cn_delete(dev, all[i].name);
	if (n > 0)
		free(all);
}

FIXTURE_TEARDOWN(nic)
{
	long long deadline = cn_now_ms() + 10000;
	int h;

	if (self->dev < 0)
		return;
	if (self->holder > 0) {
		/* Back from the holder's netns (its end would do it too). */
		cn_sh_quiet("nsenter -t %d -n ip link set %s netns 1",
			    (int)self->holder, NIC);
		close(self->to_holder[1]);
		cn_reap(self->holder);
	}
	if (!cn_netdev_exists(NIC) && strcmp(self->cur, NIC))
		nic_rename(self->cur, NIC);
	while (!cn_netdev_exists(NIC) && cn_now_ms() < deadline)
		cn_sleep_ms(50);
	if (self->admin[0])
		cn_delete(self->dev, self->admin);
	delete_strays(self->dev);
	cn_sh_quiet("ip addr add %s dev %s", NIC_ADDR, NIC);
	cn_sh_quiet("ip link set %s up", NIC);
	if (!cn_wait_operstate(NIC, "up", 15000))
		fprintf(stderr, "# " NIC " is not up again\n");
	h = cn_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ);
	if (h < 0) {
		/* Autobind off and on gives eth1 its object back. */
		cn_autobind_set(self->dev, 0);
		cn_autobind_set(self->dev, 1);
		h = cn_wait_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ,
				 CN_WAIT_MS);
	}
	if (h >= 0) {
		if (cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS) !=
		    CLUSNET_STATE_UP)
			fprintf(stderr, "# \"%s\" is not up again\n", CN_ETH1);
		close(h);
	} else {
		fprintf(stderr, "# \"%s\" is gone: %s\n", CN_ETH1,
			strerror(-h));
	}
	close(self->dev);
}

/* "node1 - eth1" is back, autobound, following eth1. */
static void check_eth1_object(struct __test_metadata *_metadata, int dev,
			      int ifindex)
{
	struct clusnet_if_entry e;

	ASSERT_EQ(0, cn_find_object(dev, CN_ETH1, &e));
	EXPECT_STREQ(NIC, e.ifname);
	EXPECT_EQ(ifindex, e.ifindex);
	EXPECT_EQ(CLUSNET_IF_AUTOBOUND, e.flags & CLUSNET_IF_AUTOBOUND);
	EXPECT_EQ(0U, e.uid);
	EXPECT_EQ(0U, e.gid);
	EXPECT_EQ(0644U, e.mode);
}

TEST_F_TIMEOUT(nic, renames_leave_one_object, 120)
{
	struct tally before, t;
	char name[IFNAMSIZ];
	int i;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, tally(self->dev, self->ifindex, &before));
	tally_log(_metadata, "before", &before);
	ASSERT_EQ(1, before.bound);
	ASSERT_EQ(0, cn_sh("ip link set %s down", NIC));

	for (i = 0; i < RENAMES; i++) {
		snprintf(name, sizeof(name), "cnab%d", i);
		ASSERT_EQ(0, nic_rename(self->cur, name));
		snprintf(self->cur, sizeof(self->cur), "%s", name);
		ASSERT_EQ(0, tally(self->dev, self->ifindex, &t));
		if (t.bound != 1 || t.total != before.total) {
			TH_LOG("after rename %d of %d, to %s:", i + 1, RENAMES,
			       name);
			tally_log(_metadata, "now", &t);
			break;
		}
	}
	EXPECT_EQ(1, t.bound);
	EXPECT_EQ(before.total, t.total);

	ASSERT_EQ(0, nic_rename(self->cur, NIC));
	snprintf(self->cur, sizeof(self->cur), NIC);
	ASSERT_EQ(0, tally(self->dev, self->ifindex, &t));
	tally_log(_metadata, "named " NIC " again", &t);
	EXPECT_EQ(1, t.bound);
	EXPECT_EQ(before.total, t.total);
	check_eth1_object(_metadata, self->dev, self->ifindex);
}

/* Bound to eth1: exactly one object, the admin's. */
static void check_admin_only(struct __test_metadata *_metadata, int dev,
			     int ifindex, const char *admin, int total,
			     const char *when)
{
	struct tally t;

	ASSERT_EQ(0, tally(dev, ifindex, &t));
	tally_log(_metadata, when, &t);
	EXPECT_EQ(1, t.bound);
	EXPECT_STREQ(admin, t.first.name);
	EXPECT_EQ(0U, t.first.flags & CLUSNET_IF_AUTOBOUND);
	EXPECT_EQ(total, t.total);
}

TEST_F_TIMEOUT(nic, admin_object_gets_no_autobound_twin, 120)
{
	static const char ifname[] = "cnabadmin";
	struct tally before;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_sh("ip link set %s down", NIC));
	/* eth1 without its autobound object, an admin's waiting for it. */
	ASSERT_EQ(0, cn_delete(self->dev, CN_ETH1));
	cn_name(self->admin, sizeof(self->admin), "admin");
	ASSERT_EQ(0, cn_create(self->dev, self->admin, ifname, 0, 0, 0644));
	ASSERT_EQ(0, tally(self->dev, self->ifindex, &before));
	ASSERT_EQ(0, before.bound);

	/* Renamed to the admin's name: the admin's object follows it. */
	ASSERT_EQ(0, nic_rename(self->cur, ifname));
	snprintf(self->cur, sizeof(self->cur), "%s", ifname);
	check_admin_only(_metadata, self->dev, self->ifindex, self->admin,
			 before.total, "renamed to the admin object's NIC");

	/* Autobind turned on again binds NICs present, but not this one. */
	ASSERT_EQ(0, cn_autobind_set(self->dev, 0));
	ASSERT_EQ(0, cn_autobind_set(self->dev, 1));
	check_admin_only(_metadata, self->dev, self->ifindex, self->admin,
			 before.total, "autobind off and on");

	/* Named eth1 again, followed by nobody: autobind's object is back. */
	ASSERT_EQ(0, nic_rename(self->cur, NIC));
	snprintf(self->cur, sizeof(self->cur), NIC);
	check_eth1_object(_metadata, self->dev, self->ifindex);
}

/* ------------------------------------------------------------------ */
/* A container's namespace                                            */

#define USERNS_UNSUPPORTED 99

struct ns_job {
	int to_parent[2];
	int to_child[2];
	char name[CLUSNET_NAME_MAX + 1];	/* the autobound object */
	__u32 uid, gid;				/* its owner, seen inside */
	__u32 flags;
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

/* The autobound object of NIC in the caller's netns; 0 or -errno. */
static int find_autobound(int dev, struct clusnet_if_entry *e)
{
	struct clusnet_if_entry *all;
	int n, i;

	n = cn_objects(dev, &all);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (!strcmp(all[i].ifname, NIC)) {
			*e = all[i];
			free(all);
			return 0;
		}
	}
	free(all);
	return -ENOENT;
}

/*
 * As clususer: root of a user namespace that owns a network namespace
 * with autobind on. The parent moves eth1 in.
 */
static int container_child(void *arg)
{
	struct ns_job *job = arg;
	struct clusnet_if_entry e;
	long long deadline;
	char map[64];
	int dev, ret;

	/* The parent's ends: EOF on to_child means "done looking". */
	close(job->to_child[1]);
	close(job->to_parent[0]);
	CN_CHECK(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0, "dumpable: %m");
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return USERNS_UNSUPPORTED;
	snprintf(map, sizeof(map), "0 %d 1", CN_USER_UID);
	CN_CHECK(write_file("/proc/self/uid_map", map) == 0, "uid_map: %m");
	CN_CHECK(write_file("/proc/self/setgroups", "deny") == 0,
		 "setgroups: %m");
	snprintf(map, sizeof(map), "0 %d 1", CN_USER_GID);
	CN_CHECK(write_file("/proc/self/gid_map", map) == 0, "gid_map: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	ret = cn_autobind_get(dev);
	CN_CHECK(ret == 1 || cn_autobind_set(dev, 1) == 0, "autobind: %d",
		 ret);
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");

	/* The parent moves eth1 in: autobind gives it an object here. */
	CN_CHECK(cn_pend(job->to_child[0], 30000) == 0, "no NIC");
	deadline = cn_now_ms() + CN_WAIT_MS;
	while ((ret = find_autobound(dev, &e)) == -ENOENT &&
	       cn_now_ms() < deadline)
		cn_sleep_ms(CN_POLL_MS);
	CN_CHECK(ret == 0, "no object for " NIC " here: %s", strerror(-ret));
	snprintf(job->name, sizeof(job->name), "%s", e.name);
	job->uid = e.uid;
	job->gid = e.gid;
	job->flags = e.flags;
	CN_CHECK(cn_post(job->to_parent[1]) == 0, "post");
	/* Live until the parent has looked from outside (pipe closed). */
	cn_pend(job->to_child[0], 60000);
	close(dev);
	return 0;
}

struct look_job {
	pid_t pid;
	struct clusnet_if_entry e;
};

/* As root of the init user ns, in the container's netns. */
static int look_from_outside(void *arg)
{
	struct look_job *job = arg;
	char path[64];
	int fd, dev, ret;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)job->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	CN_CHECK(fd >= 0, "%s: %m", path);
	CN_CHECK(setns(fd, CLONE_NEWNET) == 0, "setns: %m");
	close(fd);
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	ret = find_autobound(dev, &job->e);
	CN_CHECK(ret == 0, "no object for " NIC ": %s", strerror(-ret));
	close(dev);
	return 0;
}

TEST_F_TIMEOUT(nic, container_autobind_owned_by_its_root, 120)
{
	struct look_job *look;
	struct ns_job *job;
	int rc;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	look = cn_shared(sizeof(*look));
	ASSERT_TRUE(job && look);
	ASSERT_EQ(0, pipe2(job->to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(job->to_child, O_CLOEXEC));
	self->to_holder[1] = job->to_child[1];
	self->holder = cn_spawn(&cn_ident_user, container_child, job);
	ASSERT_LT(0, self->holder);
	if (cn_pend(job->to_parent[0], 30000)) {
		rc = cn_reap(self->holder);
		self->holder = 0;
		if (rc == USERNS_UNSUPPORTED)
			SKIP(return, "no unprivileged user namespaces");
		ASSERT_EQ(0, rc) TH_LOG("%s", cn_child_msg());
	}

	ASSERT_EQ(0, cn_sh("ip link set %s netns %d", NIC,
			   (int)self->holder));
	ASSERT_EQ(0, cn_post(job->to_child[1]));
	if (cn_pend(job->to_parent[0], 30000)) {
		rc = cn_reap(self->holder);
		self->holder = 0;
		ASSERT_EQ(0, rc) TH_LOG("%s", cn_child_msg());
	}
	TH_LOG("inside: \"%s\" owned by %u:%u, flags 0x%x", job->name,
	       job->uid, job->gid, job->flags);
	EXPECT_EQ(CLUSNET_IF_AUTOBOUND, job->flags & CLUSNET_IF_AUTOBOUND);
	EXPECT_EQ(0U, job->uid);
	EXPECT_EQ(0U, job->gid);

	look->pid = self->holder;
	rc = cn_run(NULL, look_from_outside, look);
	ASSERT_EQ(0, rc) TH_LOG("%s", cn_child_msg());
	TH_LOG("outside: \"%s\" owned by %u:%u", look->e.name, look->e.uid,
	       look->e.gid);
	EXPECT_EQ((__u32)CN_USER_UID, look->e.uid);
	EXPECT_EQ((__u32)CN_USER_GID, look->e.gid);

	/* eth1 home again (the teardown also waits for it). */
	EXPECT_EQ(0, cn_sh("nsenter -t %d -n ip link set %s netns 1",
			   (int)self->holder, NIC));
	close(job->to_child[1]);
	EXPECT_EQ(0, cn_reap(self->holder)) TH_LOG("%s", cn_child_msg());
	self->holder = 0;
}

TEST_HARNESS_MAIN
