// SPDX-License-Identifier: GPL-2.0
/*
 * Handle lifetime: handles of deleted objects (ENODEV), handles of objects
 * whose network namespace went away, handles passed on by fork() and
 * SCM_RIGHTS (the granted access travels with the handle, whoever holds
 * it), and close-on-exec.
 */
#include "common.h"

FIXTURE(life) {
	int dev;
	char name[128];
	char name2[128];
};

FIXTURE_SETUP(life)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
	cn_name(self->name, sizeof(self->name), "life");
	cn_name(self->name2, sizeof(self->name2), "life2");
}

FIXTURE_TEARDOWN(life)
{
	if (self->dev < 0)
		return;
	cn_delete(self->dev, self->name);
	cn_delete(self->dev, self->name2);
	close(self->dev);
}

TEST_F(life, deleted_object_handles_get_enodev)
{
	struct clusnet_info info;
	__u64 old_id = 0, new_id = 0, id = 0;
	int all, rd, fresh;
	char val[64];

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create_ex(self->dev, self->name, NULL, NULL, "lo", 0,
				  0, 0644, &old_id));
	all = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, all);
	rd = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, rd);
	EXPECT_LE(0, cn_state(all));

	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	EXPECT_EQ(-ENOENT, cn_open(self->dev, self->name, CLUSNET_GENERIC_READ));
	EXPECT_EQ(-ENODEV, cn_state(all));
	EXPECT_EQ(-ENODEV, cn_state(rd));
	EXPECT_EQ(-ENODEV, cn_info(all, &info));
	EXPECT_EQ(-ENODEV, cn_info(rd, &info));
	EXPECT_EQ(-ENODEV, cn_set_desc(all, "gone", 4));
	/* Unknown ioctls stay ENOTTY. */
	EXPECT_EQ(-ENOTTY, cn_ioctl(all, _IO(CLUSNET_IOC_MAGIC, 0x43), NULL));

	/* The same name again: another object, the old handles stay dead. */
	ASSERT_EQ(0, cn_create_ex(self->dev, self->name, NULL, NULL, "lo", 0,
				  0, 0644, &new_id));
	EXPECT_NE(old_id, new_id);
	fresh = cn_open_g(self->dev, self->name, CLUSNET_GENERIC_ALL, NULL,
			  &id);
	ASSERT_LE(0, fresh);
	EXPECT_EQ(new_id, id);
	EXPECT_EQ(-ENODEV, cn_state(all));
	EXPECT_EQ(-ENODEV, cn_info(rd, &info));
	EXPECT_EQ(-ENODEV, cn_set_desc(all, "gone", 4));
	EXPECT_EQ(0, cn_set_desc(fresh, "new", 3));
	ASSERT_EQ(0, cn_info(fresh, &info));
	EXPECT_EQ(new_id, info.id);
	EXPECT_STREQ("new", info.description);
	/* fdinfo of the old handle still names the old object. */
	if (cn_fdinfo(all, "clusnet_id", val, sizeof(val)) == 0) {
		char want[64];

		snprintf(want, sizeof(want), "%llu",
			 (unsigned long long)old_id);
		EXPECT_STREQ(want, val);
	}

	/* Closing dead handles works. */
	EXPECT_EQ(0, close(all));
	EXPECT_EQ(0, close(rd));
	EXPECT_LE(0, cn_state(fresh));
	close(fresh);
}

/* A handle does not need the /dev/clusnet fd it was opened through. */
TEST(handle_outlives_the_dev_fd)
{
	struct clusnet_info info;
	int dev, h, h2;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, close(dev));
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ(CN_ETH0, info.name);
	/* A dup is the same open file. */
	h2 = dup(h);
	ASSERT_LE(0, h2);
	close(h);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h2));
	close(h2);
}

struct fork_job {
	int all;
	int rd;
	int ret_desc_all;
	int ret_desc_rd;
	__u32 granted_all;
	__u32 granted_rd;
	int acc_all;
	int acc_rd;
};

static int fork_child(void *arg)
{
	struct fork_job *job = arg;
	struct clusnet_info info;

	CN_CHECK(cn_info(job->all, &info) == 0, "info ALL");
	job->granted_all = info.granted_access;
	CN_CHECK(cn_info(job->rd, &info) == 0, "info READ");
	job->granted_rd = info.granted_access;
	job->acc_all = fcntl(job->all, F_GETFL) & O_ACCMODE;
	job->acc_rd = fcntl(job->rd, F_GETFL) & O_ACCMODE;
	job->ret_desc_all = cn_set_desc(job->all, "from child", 10);
	job->ret_desc_rd = cn_set_desc(job->rd, "read child", 10);
	return 0;
}

/* Across fork(), as root and as a user who could not open it himself. */
TEST_F(life, forked_child_keeps_the_granted_access)
{
	static const struct cn_ident nobody = {
		.uid = CN_OTHER_UID, .gid = CN_OTHER_GID,
	};
	const struct cn_ident *who[] = { NULL, &nobody };
	struct fork_job *job;
	struct clusnet_info info;
	unsigned int i;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	ASSERT_EQ(0, cn_create(self->dev, self->name, "lo", 0, 0, 0600));
	job->all = cn_open_n(self->dev, self->name, strlen(self->name),
			     CLUSNET_GENERIC_ALL, 0, NULL, NULL);
	ASSERT_LE(0, job->all);
	job->rd = cn_open_n(self->dev, self->name, strlen(self->name),
			    CLUSNET_GENERIC_READ, 0, NULL, NULL);
	ASSERT_LE(0, job->rd);

	for (i = 0; i < ARRAY_SIZE(who); i++) {
		ASSERT_EQ(0, cn_set_desc(job->all, "reset", 5));
		ASSERT_EQ(0, cn_run(who[i], fork_child, job))
			TH_LOG("%s child: %s", i ? "uid 1002" : "root",
			       cn_child_msg());
		EXPECT_EQ(CLUSNET_GENERIC_ALL, job->granted_all);
		EXPECT_EQ(CLUSNET_GENERIC_READ, job->granted_rd);
		EXPECT_EQ(O_RDWR, job->acc_all);
		EXPECT_EQ(O_RDONLY, job->acc_rd);
		EXPECT_EQ(0, job->ret_desc_all)
			TH_LOG("child #%u: %s", i, strerror(-job->ret_desc_all));
		EXPECT_EQ(-EACCES, job->ret_desc_rd) TH_LOG("child #%u", i);
		ASSERT_EQ(0, cn_info(job->rd, &info));
		EXPECT_STREQ("from child", info.description);
	}
	close(job->all);
	close(job->rd);
}

/* The unprivileged run too: a read handle stays a read handle. */
static int fork_read_child(void *arg)
{
	int *h = arg;
	struct clusnet_info info;
	int ret;

	CN_CHECK(cn_info(*h, &info) == 0, "info");
	CN_CHECK(info.granted_access == CLUSNET_GENERIC_READ, "0x%x",
		 info.granted_access);
	ret = cn_state(*h);
	CN_CHECK(ret == CLUSNET_STATE_UP, "state %d", ret);
	ret = cn_set_desc(*h, "x", 1);
	CN_CHECK(ret == -EACCES, "set description: %d", ret);
	return 0;
}

TEST(forked_child_uses_an_inherited_read_handle)
{
	int dev, h;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(0, cn_run(NULL, fork_read_child, &h))
		TH_LOG("%s", cn_child_msg());
	close(h);
	close(dev);
}

struct scm_job {
	char name[128];
	int sock;
	int ret_desc;
	__u32 granted;
	int accmode;
	char fdinfo_access[32];
	int by_name_all;
	__u32 by_name_max;
	int by_name_max_ret;
};

/* As clususer: use a GENERIC_ALL handle received from root. */
static int scm_child(void *arg)
{
	struct scm_job *job = arg;
	struct clusnet_info info;
	int h, dev, mine;
	__u32 granted = 0;

	h = cn_recv_fd(job->sock);
	CN_CHECK(h >= 0, "recv: %s", strerror(-h));
	CN_CHECK(cn_info(h, &info) == 0, "info");
	job->granted = info.granted_access;
	job->accmode = fcntl(h, F_GETFL) & O_ACCMODE;
	cn_fdinfo(h, "clusnet_access", job->fdinfo_access,
		  sizeof(job->fdinfo_access));
	job->ret_desc = cn_set_desc(h, "set by clususer", 15);

	/* By name, clususer gets no more than the mode allows. */
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	job->by_name_all = cn_open(dev, job->name, CLUSNET_GENERIC_ALL);
	if (job->by_name_all >= 0)
		close(job->by_name_all);
	mine = cn_open_g(dev, job->name, CLUSNET_MAXIMUM_ALLOWED, &granted,
			 NULL);
	job->by_name_max_ret = mine < 0 ? mine : 0;
	job->by_name_max = granted;
	/* Send our read handle back to root. */
	if (mine >= 0) {
		CN_CHECK(cn_send_fd(job->sock, mine) == 0, "send back");
		close(mine);
	}
	close(dev);
	close(h);
	return 0;
}

TEST_F(life, scm_rights_handle_keeps_its_access)
{
	struct clusnet_info info;
	struct scm_job *job;
	int sv[2], h, back;
	pid_t pid;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", self->name);
	ASSERT_EQ(0, cn_create(self->dev, self->name, "lo", 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	job->sock = sv[1];

	pid = cn_spawn(&cn_ident_user, scm_child, job);
	ASSERT_LT(0, pid);
	EXPECT_EQ(0, cn_send_fd(sv[0], h));
	close(h);
	back = cn_recv_fd(sv[0]);
	ASSERT_EQ(0, cn_reap(pid)) TH_LOG("%s", cn_child_msg());

	EXPECT_EQ(CLUSNET_GENERIC_ALL, job->granted);
	EXPECT_EQ(O_RDWR, job->accmode);
	EXPECT_STREQ("0x10000000", job->fdinfo_access);
	EXPECT_EQ(0, job->ret_desc) TH_LOG("%s", strerror(-job->ret_desc));
	EXPECT_EQ(-EACCES, job->by_name_all);
	EXPECT_EQ(0, job->by_name_max_ret);
	EXPECT_EQ(CLUSNET_GENERIC_READ, job->by_name_max);

	/* Root holding clususer's read handle can only read through it. */
	ASSERT_LE(0, back) TH_LOG("%s", strerror(-back));
	ASSERT_EQ(0, cn_info(back, &info));
	EXPECT_EQ(CLUSNET_GENERIC_READ, info.granted_access);
	EXPECT_STREQ("set by clususer", info.description);
	EXPECT_EQ(-EACCES, cn_set_desc(back, "root", 4));
	EXPECT_EQ(O_RDONLY, fcntl(back, F_GETFL) & O_ACCMODE);
	close(back);
	close(sv[0]);
	close(sv[1]);
}

/* Exec a shell that tests whether fd N is open in it: 0 open, 1 not. */
static int fd_open_after_exec(int fd)
{
	char cmd[96];
	pid_t pid;
	int status;

	snprintf(cmd, sizeof(cmd), "test -e /proc/self/fd/%d", fd);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(close_on_exec)
{
	int dev, keep, gone;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	gone = cn_open_n(dev, CN_ETH0, strlen(CN_ETH0), CLUSNET_GENERIC_READ,
			 O_CLOEXEC, NULL, NULL);
	ASSERT_LE(0, gone);
	keep = cn_open_n(dev, CN_ETH0, strlen(CN_ETH0), CLUSNET_GENERIC_READ,
			 0, NULL, NULL);
	ASSERT_LE(0, keep);
	EXPECT_EQ(1, fd_open_after_exec(gone)) TH_LOG("O_CLOEXEC handle %d",
						     gone);
	EXPECT_EQ(0, fd_open_after_exec(keep)) TH_LOG("plain handle %d",
						     keep);
	/* FD_CLOEXEC set later with fcntl() applies as usual. */
	ASSERT_EQ(0, fcntl(keep, F_SETFD, FD_CLOEXEC));
	EXPECT_EQ(1, fd_open_after_exec(keep));
	close(keep);
	close(gone);
	close(dev);
}

struct netns_job {
	char name[128];
	int sock;
};

/* In a new netns: create an object, pass a handle out, exit. */
static int netns_child(void *arg)
{
	struct netns_job *job = arg;
	int dev, h, ret;

	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	ret = cn_create(dev, job->name, "lo", 0, 0, 0644);
	CN_CHECK(ret == 0, "create: %s", strerror(-ret));
	h = cn_open(dev, job->name, CLUSNET_GENERIC_ALL);
	CN_CHECK(h >= 0, "open: %s", strerror(-h));
	CN_CHECK(cn_send_fd(job->sock, h) == 0, "send");
	close(h);
	close(dev);
	return 0;
}

/* When the namespace goes away, its objects' handles get ENODEV. */
TEST_F(life, handles_outlive_their_netns)
{
	struct netns_job *job;
	struct clusnet_info info;
	int sv[2], h, st, ret;

	CN_REQUIRE_ADMIN();
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	snprintf(job->name, sizeof(job->name), "%s", self->name);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	job->sock = sv[1];
	ASSERT_EQ(0, cn_run(NULL, netns_child, job))
		TH_LOG("%s", cn_child_msg());
	h = cn_recv_fd(sv[0]);
	ASSERT_LE(0, h) TH_LOG("%s", strerror(-h));
	close(sv[0]);
	close(sv[1]);

	/* Invisible here. */
	EXPECT_EQ(-ENOENT, cn_open(self->dev, self->name, CLUSNET_GENERIC_READ));
	/* Network namespaces are cleaned up asynchronously. */
	st = cn_wait_state(h, -ENODEV, 20000);
	EXPECT_EQ(-ENODEV, st) TH_LOG("state %s", cn_state_name(st));
	EXPECT_EQ(-ENODEV, cn_info(h, &info));
	ret = cn_set_desc(h, "x", 1);
	EXPECT_EQ(-ENODEV, ret);
	EXPECT_EQ(0, close(h));
}

TEST_HARNESS_MAIN
