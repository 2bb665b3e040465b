// SPDX-License-Identifier: GPL-2.0
/*
 * What an unprivileged user makes the module allocate is charged to its
 * memory cgroup (issue 10, defect 1): uid 1000, root of its own user and
 * network namespace, in a memory cgroup of its own, creates N objects on
 * one network, then N more each on a network of its own. Both rounds
 * allocate N objects; the second also N networks, so it must grow
 * memory.current by more than the first. (Networks charged to nobody
 * leave both rounds the same.)
 */
#include "common.h"

#define CG_ROOT		"/sys/fs/cgroup"
#define ROUND_MAX	4000
#define ROUND_MIN	1000
/* Less than any network costs (its name alone is CLUSNET_NAME_MAX + 1). */
#define NETWORK_BYTES	200

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

/* A number from a file (sysfs, cgroupfs); -errno if unreadable. */
static long long read_num(const char *path)
{
	char buf[64];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	return strtoll(buf, NULL, 10);
}

static bool has_word(const char *path, const char *word)
{
	char buf[512], *tok, *save;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (tok = strtok_r(buf, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save))
		if (!strcmp(tok, word))
			return true;
	return false;
}

#define USERNS_UNSUPPORTED 99

struct memcg_job {
	char cg[128];		/* the cgroup's directory */
	int n;			/* objects per round */
	long long used[3];	/* memory.current before, after 1, after 2 */
};

static int create_round(int dev, int round, int n)
{
	char name[64], net[64];
	int i, ret;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "memcg %d-%d", round, i);
		/* Round 0: all on one network; round 1: one network each. */
		snprintf(net, sizeof(net), "memcg net %d", round ? i : -1);
		ret = cn_create_ex(dev, name, NULL, net, "cnnone0", (__u32)-1,
				   (__u32)-1, 0644, NULL);
		CN_CHECK(ret == 0, "create \"%s\" on \"%s\": %s", name, net,
			 strerror(-ret));
	}
	return 0;
}

static int memcg_child(void *arg)
{
	struct memcg_job *job = arg;
	char path[192], map[64];
	int dev, ret;

	snprintf(path, sizeof(path), "%s/cgroup.procs", job->cg);
	CN_CHECK(write_file(path, "0") == 0, "%s: %m", path);
	ret = cn_ident_apply(&cn_ident_user);
	if (ret)
		return ret;
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
	/* What the first object of a namespace sets up, out of the way. */
	ret = cn_create_ex(dev, "memcg warm-up", NULL, "memcg net -1",
			   "cnnone0", (__u32)-1, (__u32)-1, 0644, NULL);
	CN_CHECK(ret == 0, "warm-up create: %s", strerror(-ret));

	snprintf(path, sizeof(path), "%s/memory.current", job->cg);
	job->used[0] = read_num(path);
	ret = create_round(dev, 0, job->n);
	if (ret)
		return ret;
	job->used[1] = read_num(path);
	ret = create_round(dev, 1, job->n);
	if (ret)
		return ret;
	job->used[2] = read_num(path);
	close(dev);
	return 0;
}

#define PARAMS "/sys/module/clusnet/parameters/"

FIXTURE(memcg) {
	char cg[128];
	long long max_objects, max_networks;	/* to restore, or -1 */
};

FIXTURE_SETUP(memcg)
{
	self->cg[0] = '\0';
	self->max_objects = -1;
	self->max_networks = -1;
}

static void set_param(const char *name, long long value)
{
	char path[128], text[32];

	snprintf(path, sizeof(path), PARAMS "%s", name);
	snprintf(text, sizeof(text), "%lld", value);
	if (write_file(path, text))
		fprintf(stderr, "# %s: %s\n", path, strerror(errno));
}

FIXTURE_TEARDOWN(memcg)
{
	if (self->cg[0])
		rmdir(self->cg);
	if (self->max_objects >= 0)
		set_param("max_objects", self->max_objects);
	if (self->max_networks >= 0)
		set_param("max_networks", self->max_networks);
}

/*
 * Room for two rounds in the namespace's limits, if the module has any:
 * charging goes by batches of 64 pages per CPU, so the rounds must be
 * large for the networks to show.
 */
static void make_room(FIXTURE_DATA(memcg) *self, int n)
{
	long long objs = read_num(PARAMS "max_objects");
	long long nets = read_num(PARAMS "max_networks");

	if (objs >= 0 && objs < 2LL * n + 2) {
		self->max_objects = objs;
		set_param("max_objects", 2LL * n + 2);
	}
	if (nets >= 0 && nets < n + 2) {
		self->max_networks = nets;
		set_param("max_networks", n + 2);
	}
}

/* Objects per round: as many as the limits (if any) allow, up to 4000. */
static int round_size(void)
{
	long long objs = read_num(PARAMS "max_objects");
	long long nets = read_num(PARAMS "max_networks");
	long long n = ROUND_MAX;

	if (nets > 0 && nets - 2 < n)
		n = nets - 2;
	if (objs > 0 && (objs - 2) / 2 < n)
		n = (objs - 2) / 2;
	return (int)n;
}

TEST_F_TIMEOUT(memcg, networks_are_charged_to_their_maker, 180)
{
	struct memcg_job *job;
	long long objects, networks;
	char path[192];
	int rc;

	CN_REQUIRE_ADMIN();
	if (!has_word(CG_ROOT "/cgroup.controllers", "memory"))
		SKIP(return, "no cgroup2 memory controller at " CG_ROOT);
	if (!has_word(CG_ROOT "/cgroup.subtree_control", "memory"))
		ASSERT_EQ(0, write_file(CG_ROOT "/cgroup.subtree_control",
					"+memory"));
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	make_room(self, ROUND_MAX);
	job->n = round_size();
	if (job->n < ROUND_MIN)
		SKIP(return, "the limits allow only %d networks", job->n);
	snprintf(self->cg, sizeof(self->cg), CG_ROOT "/clusnet-memcg-%d",
		 (int)getpid());
	ASSERT_EQ(0, mkdir(self->cg, 0755)) TH_LOG("%s: %m", self->cg);
	snprintf(job->cg, sizeof(job->cg), "%s", self->cg);
	snprintf(path, sizeof(path), "%s/memory.current", self->cg);
	ASSERT_LE(0, read_num(path));

	rc = cn_run(NULL, memcg_child, job);
	if (rc == USERNS_UNSUPPORTED)
		SKIP(return, "no unprivileged user namespaces");
	ASSERT_EQ(0, rc) TH_LOG("%s", cn_child_msg());
	ASSERT_LE(0, job->used[0]);
	ASSERT_LE(0, job->used[1]);
	ASSERT_LE(0, job->used[2]);
	objects = job->used[1] - job->used[0];
	networks = job->used[2] - job->used[1] - objects;
	TH_LOG("%d objects: +%lld bytes; %d more, each on a network of its own: +%lld bytes (%lld per network)",
	       job->n, objects, job->n, job->used[2] - job->used[1],
	       networks / job->n);
	/* The objects themselves were charged (they always were). */
	EXPECT_LE((long long)job->n * NETWORK_BYTES, objects);
	EXPECT_LE((long long)job->n * NETWORK_BYTES, networks)
		TH_LOG("the networks were not charged to the user's cgroup");
}

TEST_HARNESS_MAIN
