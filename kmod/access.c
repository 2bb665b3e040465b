// SPDX-License-Identifier: GPL-2.0
/*
 * Desired access to granted access, with the cluster protocol's rules:
 * what is granted is exactly GENERIC_READ or GENERIC_ALL, never a subset
 * of bits, and MAXIMUM_ALLOWED asks for the most the caller may have.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/errno.h>

#include "clusnet.h"

enum clusnet_level {
	CLUSNET_LEVEL_NONE,
	CLUSNET_LEVEL_READ,
	CLUSNET_LEVEL_FULL,
};

#define CLUSNET_ACCESS_FULL_BITS \
	(CLUSNET_GENERIC_WRITE | CLUSNET_GENERIC_EXECUTE | CLUSNET_GENERIC_ALL)
#define CLUSNET_ACCESS_VALID_BITS \
	(CLUSNET_GENERIC_READ | CLUSNET_ACCESS_FULL_BITS | \
	 CLUSNET_MAXIMUM_ALLOWED)

/**
 * clusnet_access_valid() - whether a desired access is one we know
 * @desired: CLUSNET_GENERIC_* and CLUSNET_MAXIMUM_ALLOWED bits
 *
 * Return: 0, or -EINVAL for none or unknown bits.
 */
int clusnet_access_valid(u32 desired)
{
	if (!desired || (desired & ~CLUSNET_ACCESS_VALID_BITS))
		return -EINVAL;
	return 0;
}

/**
 * clusnet_mode_valid() - whether a mode has only the bits objects use
 * @mode: the mode
 *
 * Return: 0 or -EINVAL.
 */
int clusnet_mode_valid(u32 mode)
{
	return mode & ~CLUSNET_MODE_MASK ? -EINVAL : 0;
}

/* The class the caller falls in decides, as for files: owner, group, other. */
static enum clusnet_level clusnet_mode_level(const struct clusnet_sec *sec)
{
	unsigned int bits;

	if (uid_eq(current_fsuid(), sec->owner))
		bits = sec->mode >> 6;
	else if (in_group_p(sec->group))
		bits = sec->mode >> 3;
	else
		bits = sec->mode;

	if (bits & CLUSNET_MODE_FULL)
		return CLUSNET_LEVEL_FULL;
	if (bits & CLUSNET_MODE_READ)
		return CLUSNET_LEVEL_READ;
	return CLUSNET_LEVEL_NONE;
}

/**
 * clusnet_access_grant() - what the caller gets of what it asks for
 * @sec: the object's (or the cluster's) owner, group and mode
 * @ns: the user namespace whose CAP_NET_ADMIN overrides the mode
 * @desired: CLUSNET_GENERIC_* and CLUSNET_MAXIMUM_ALLOWED bits
 * @granted: CLUSNET_GENERIC_ALL or CLUSNET_GENERIC_READ, on success
 *
 * Return: 0, -EINVAL for a desired access we do not know, or -EACCES.
 */
int clusnet_access_grant(const struct clusnet_sec *sec,
			 struct user_namespace *ns, u32 desired, u32 *granted)
{
	enum clusnet_level need = CLUSNET_LEVEL_NONE;
	enum clusnet_level have;
	int err;

	err = clusnet_access_valid(desired);
	if (err)
		return err;

	if (desired & CLUSNET_GENERIC_READ)
		need = CLUSNET_LEVEL_READ;
	if (desired & CLUSNET_ACCESS_FULL_BITS)
		need = CLUSNET_LEVEL_FULL;

	have = clusnet_mode_level(sec);
	if (have < need) {
		/* Audited: the capability is what is being relied on. */
		if (!ns_capable(ns, CAP_NET_ADMIN))
			return -EACCES;
		have = CLUSNET_LEVEL_FULL;
	} else if ((desired & CLUSNET_MAXIMUM_ALLOWED) &&
		   have < CLUSNET_LEVEL_FULL &&
		   ns_capable_noaudit(ns, CAP_NET_ADMIN)) {
		/* Only probing for the maximum: no audit noise on refusal. */
		have = CLUSNET_LEVEL_FULL;
	}

	if (desired & CLUSNET_MAXIMUM_ALLOWED)
		need = have;
	if (need == CLUSNET_LEVEL_NONE)
		return -EACCES;

	*granted = need == CLUSNET_LEVEL_FULL ? CLUSNET_GENERIC_ALL :
						CLUSNET_GENERIC_READ;
	return 0;
}
