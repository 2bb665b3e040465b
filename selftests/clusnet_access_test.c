// SPDX-License-Identifier: GPL-2.0
/*
 * The access table of CLUSNET_IOC_OPEN: every desired mask, for every
 * class of caller (owner, group by fsgid or supplementary group, other,
 * uid 0 with and without CAP_NET_ADMIN, a user with only CAP_NET_ADMIN),
 * over many object modes. Each (mode, identity) runs in a child that
 * switched identity; it opens the object with every desired mask and
 * reports what it got, the parent compares with the table.
 */
#include "common.h"

enum level { LVL_NONE, LVL_READ, LVL_FULL };
static const char *const level_name[] = { "NONE", "READ", "FULL" };

#define R	CLUSNET_GENERIC_READ
#define A	CLUSNET_GENERIC_ALL
#define NOPE	(-EACCES)

/* What each level gets for a desired mask: the granted access or -EACCES. */
static const struct desired_row {
	__u32 desired;
	long long expect[3];	/* by enum level */
} desired_rows[] = {
	{ CLUSNET_GENERIC_READ,				{ NOPE, R, R } },
	{ CLUSNET_GENERIC_ALL,				{ NOPE, NOPE, A } },
	{ CLUSNET_GENERIC_WRITE,			{ NOPE, NOPE, A } },
	{ CLUSNET_GENERIC_EXECUTE,			{ NOPE, NOPE, A } },
	{ CLUSNET_MAXIMUM_ALLOWED,			{ NOPE, R, A } },
	{ CLUSNET_MAXIMUM_ALLOWED | CLUSNET_GENERIC_READ, { NOPE, R, A } },
	{ CLUSNET_MAXIMUM_ALLOWED | CLUSNET_GENERIC_ALL, { NOPE, NOPE, A } },
	{ CLUSNET_GENERIC_READ | CLUSNET_GENERIC_ALL,	{ NOPE, NOPE, A } },
};

#define NROWS ARRAY_SIZE(desired_rows)

/* Modes tried; each class digit decides: 2 -> FULL, 4 -> READ, else NONE. */
static const __u32 modes[] = {
	0644, 0600, 0640, 0660, 0604, 0000, 0666, 0222, 0200, 0020, 0002,
	0400, 0040, 0004, 0462, 0246, 0426, 0066, 0606,
};

static enum level digit_level(__u32 digit)
{
	if (digit & CLUSNET_MODE_FULL)
		return LVL_FULL;
	if (digit & CLUSNET_MODE_READ)
		return LVL_READ;
	return LVL_NONE;
}

struct row_result {
	int ret;		/* 0 or -errno of the open */
	__u32 granted;		/* written back by OPEN */
	int accmode;		/* fcntl(F_GETFL) & O_ACCMODE of the handle */
	int info_ret;
	__u32 info_granted;	/* GET_INFO's granted_access */
	int fdinfo_ret;
	char fdinfo_access[32];
};

struct access_job {
	char name[128];
	struct row_result res[NROWS];
	/* cluster info */
	int ci_ret[3];
	__u32 ci_granted[3];
};

static int access_child(void *arg)
{
	struct access_job *job = arg;
	unsigned int i;
	int dev;

	dev = cn_dev();
	CN_CHECK(dev >= 0, "open %s: %s", CN_DEV_PATH, strerror(-dev));
	for (i = 0; i < NROWS; i++) {
		struct row_result *r = &job->res[i];
		struct clusnet_info info;
		__u32 granted = 0;
		int fd;

		fd = cn_open_g(dev, job->name, desired_rows[i].desired,
			       &granted, NULL);
		r->ret = fd < 0 ? fd : 0;
		if (fd < 0)
			continue;
		r->granted = granted;
		r->accmode = fcntl(fd, F_GETFL) & O_ACCMODE;
		r->info_ret = cn_info(fd, &info);
		r->info_granted = info.granted_access;
		r->fdinfo_ret = cn_fdinfo(fd, "clusnet_access",
					  r->fdinfo_access,
					  sizeof(r->fdinfo_access));
		close(fd);
	}
	close(dev);
	return 0;
}

static const __u32 ci_desired[3] = {
	CLUSNET_GENERIC_READ, CLUSNET_GENERIC_ALL, CLUSNET_MAXIMUM_ALLOWED,
};

static int cluster_info_child(void *arg)
{
	struct access_job *job = arg;
	struct clusnet_cluster_info ci;
	int dev, i;

	dev = cn_dev();
	CN_CHECK(dev >= 0, "open %s: %s", CN_DEV_PATH, strerror(-dev));
	for (i = 0; i < 3; i++) {
		job->ci_ret[i] = cn_cluster_info(dev, ci_desired[i], &ci);
		job->ci_granted[i] = ci.granted_access;
	}
	close(dev);
	return 0;
}

FIXTURE(access) {
	int dev;
	char name[128];
	char ifname[IFNAMSIZ];
	struct access_job *job;
};

FIXTURE_VARIANT(access) {
	__u32 obj_uid;
	__u32 obj_gid;
	struct cn_ident ident;
	int shift;		/* class digit: 6, 3 or 0; -1: CAP_NET_ADMIN */
};

/* The object is owned by clususer:clusgrp unless said otherwise. */
FIXTURE_VARIANT_ADD(access, owner) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_USER_UID, .gid = CN_USER_GID },
	.shift = 6,
};

/* The owner class wins even when the owner is also in the group. */
FIXTURE_VARIANT_ADD(access, owner_also_in_group) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_USER_UID, .gid = CN_GROUP_GID,
		   .ngroups = 1, .groups = { CN_GROUP_GID } },
	.shift = 6,
};

FIXTURE_VARIANT_ADD(access, group_by_fsgid) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_OTHER_UID, .gid = CN_GROUP_GID },
	.shift = 3,
};

FIXTURE_VARIANT_ADD(access, group_by_supplementary_group) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_OTHER_UID, .gid = CN_OTHER_GID,
		   .ngroups = 3, .groups = { 1005, CN_GROUP_GID, 1006 } },
	.shift = 3,
};

FIXTURE_VARIANT_ADD(access, other) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_OTHER_UID, .gid = CN_OTHER_GID,
		   .ngroups = 1, .groups = { 1005 } },
	.shift = 0,
};

/* Owner's gid as primary group of someone else: still "other". */
FIXTURE_VARIANT_ADD(access, other_with_owners_primary_gid) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_OTHER_UID, .gid = CN_USER_GID },
	.shift = 0,
};

/* uid 0 without CAP_NET_ADMIN follows the mode like anybody else. */
FIXTURE_VARIANT_ADD(access, uid0_without_net_admin_as_owner) {
	.obj_uid = 0, .obj_gid = 0,
	.ident = { .uid = 0, .gid = 0, .caps = CN_CAPS_DROP_NET_ADMIN },
	.shift = 6,
};

FIXTURE_VARIANT_ADD(access, uid0_without_net_admin_as_group) {
	.obj_uid = CN_USER_UID, .obj_gid = 0,
	.ident = { .uid = 0, .gid = 0, .caps = CN_CAPS_DROP_NET_ADMIN },
	.shift = 3,
};

FIXTURE_VARIANT_ADD(access, uid0_without_net_admin_as_other) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = 0, .gid = 0, .caps = CN_CAPS_DROP_NET_ADMIN },
	.shift = 0,
};

/* CAP_NET_ADMIN: full access whatever the mode, 0000 included. */
FIXTURE_VARIANT_ADD(access, root_with_net_admin) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = 0, .gid = 0 },
	.shift = -1,
};

FIXTURE_VARIANT_ADD(access, non_root_with_only_net_admin) {
	.obj_uid = CN_USER_UID, .obj_gid = CN_GROUP_GID,
	.ident = { .uid = CN_OTHER_UID, .gid = CN_OTHER_GID,
		   .caps = CN_CAPS_ONLY_NET_ADMIN },
	.shift = -1,
};

FIXTURE_SETUP(access)
{
	self->dev = -1;
	if (!cn_is_admin())
		return;
	self->dev = cn_dev();
	cn_name(self->name, sizeof(self->name), "access");
	cn_ifname(self->ifname);
	self->job = cn_shared(sizeof(*self->job));
	ASSERT_TRUE(self->job != NULL);
	strcpy(self->job->name, self->name);
}

FIXTURE_TEARDOWN(access)
{
	if (self->dev >= 0) {
		cn_delete(self->dev, self->name);
		close(self->dev);
	}
}

static const char *ident_desc(const FIXTURE_VARIANT(access) *v, char *buf,
			      size_t size)
{
	snprintf(buf, size, "uid %u gid %u ngroups %d caps %d vs object %u:%u",
		 (unsigned int)v->ident.uid, (unsigned int)v->ident.gid,
		 v->ident.ngroups, (int)v->ident.caps, v->obj_uid,
		 v->obj_gid);
	return buf;
}

TEST_F(access, every_mode_and_desired_access)
{
	char who[128];
	unsigned int m, i;

	CN_REQUIRE_ADMIN();
	ASSERT_LE(0, self->dev);
	ident_desc(variant, who, sizeof(who));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifname,
			       variant->obj_uid, variant->obj_gid, 0644));

	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		__u32 mode = modes[m];
		enum level lvl = variant->shift < 0 ? LVL_FULL :
				 digit_level((mode >> variant->shift) & 7);
		struct access_job *job = self->job;
		int rc;

		ASSERT_EQ(0, cn_chmod(self->dev, self->name, mode))
			TH_LOG("chmod %04o", mode);
		memset(job->res, 0, sizeof(job->res));
		rc = cn_run(&variant->ident, access_child, job);
		ASSERT_EQ(0, rc)
			TH_LOG("mode %04o (%s): %s", mode, who,
			       cn_child_msg());

		for (i = 0; i < NROWS; i++) {
			const struct desired_row *row = &desired_rows[i];
			const struct row_result *r = &job->res[i];
			long long want = row->expect[lvl];
			char hex[32];

			if (want < 0) {
				EXPECT_EQ(want, r->ret)
					TH_LOG("mode %04o level %s desired %s (0x%08x), %s: expected %s, got %s",
					       mode, level_name[lvl],
					       cn_access_name(row->desired),
					       row->desired, who,
					       strerror((int)-want),
					       r->ret ? strerror(-r->ret) :
							"success");
				continue;
			}
			EXPECT_EQ(0, r->ret)
				TH_LOG("mode %04o level %s desired %s (0x%08x), %s: expected %s, got %s",
				       mode, level_name[lvl],
				       cn_access_name(row->desired),
				       row->desired, who,
				       cn_access_name((__u32)want),
				       strerror(-r->ret));
			if (r->ret)
				continue;
			EXPECT_EQ((__u32)want, r->granted)
				TH_LOG("mode %04o level %s desired %s, %s: granted 0x%08x",
				       mode, level_name[lvl],
				       cn_access_name(row->desired), who,
				       r->granted);
			EXPECT_EQ(want == A ? O_RDWR : O_RDONLY, r->accmode)
				TH_LOG("mode %04o desired %s, %s: handle's O_ACCMODE",
				       mode, cn_access_name(row->desired),
				       who);
			EXPECT_EQ(0, r->info_ret)
				TH_LOG("mode %04o desired %s: GET_INFO %s",
				       mode, cn_access_name(row->desired),
				       strerror(-r->info_ret));
			EXPECT_EQ((__u32)want, r->info_granted)
				TH_LOG("mode %04o desired %s, %s: GET_INFO granted 0x%08x",
				       mode, cn_access_name(row->desired),
				       who, r->info_granted);
			snprintf(hex, sizeof(hex), "0x%08x", (__u32)want);
			EXPECT_EQ(0, r->fdinfo_ret)
				TH_LOG("mode %04o desired %s: no clusnet_access in fdinfo",
				       mode, cn_access_name(row->desired));
			if (!r->fdinfo_ret) {
				EXPECT_STREQ(hex, r->fdinfo_access)
					TH_LOG("mode %04o desired %s, %s: fdinfo clusnet_access",
					       mode,
					       cn_access_name(row->desired),
					       who);
			}
		}
	}
}

/* The cluster itself: CAP_NET_ADMIN has full access, everyone else read. */
TEST_F(access, cluster_info_access)
{
	struct access_job *job = self->job;
	bool full = variant->shift < 0;
	char who[128];
	int rc;

	CN_REQUIRE_ADMIN();
	ident_desc(variant, who, sizeof(who));
	rc = cn_run(&variant->ident, cluster_info_child, job);
	ASSERT_EQ(0, rc) TH_LOG("%s: %s", who, cn_child_msg());

	EXPECT_EQ(0, job->ci_ret[0]) TH_LOG("%s: GENERIC_READ", who);
	EXPECT_EQ(CLUSNET_GENERIC_READ, job->ci_granted[0])
		TH_LOG("%s: GENERIC_READ granted", who);
	if (full) {
		EXPECT_EQ(0, job->ci_ret[1]) TH_LOG("%s: GENERIC_ALL", who);
		EXPECT_EQ(CLUSNET_GENERIC_ALL, job->ci_granted[1])
			TH_LOG("%s: GENERIC_ALL granted", who);
	} else {
		EXPECT_EQ(-EACCES, job->ci_ret[1])
			TH_LOG("%s: GENERIC_ALL", who);
	}
	EXPECT_EQ(0, job->ci_ret[2]) TH_LOG("%s: MAXIMUM_ALLOWED", who);
	EXPECT_EQ(full ? CLUSNET_GENERIC_ALL : CLUSNET_GENERIC_READ,
		  job->ci_granted[2])
		TH_LOG("%s: MAXIMUM_ALLOWED granted", who);
}

TEST_HARNESS_MAIN
