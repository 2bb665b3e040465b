/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * clusnet: cluster network interface objects bound to real NICs.
 *
 * /dev/clusnet is a misc device. Its ioctls open interface objects of the
 * caller's network namespace by name and return handles: new file
 * descriptors that carry the access granted at open time. Handles have
 * ioctls of their own (state, info, description).
 *
 * Every argument structure starts with a __u32 size that userspace sets to
 * sizeof() of the structure it was built with. The kernel accepts any size
 * from the first published one (CLUSNET_*_SIZE_VER0) up to a page: fields it
 * does not know must be zero (else E2BIG), fields userspace does not know
 * are treated as zero, and output is written up to the size given.
 */
#ifndef _UAPI_LINUX_CLUSNET_H
#define _UAPI_LINUX_CLUSNET_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define CLUSNET_DEVICE_NAME	"clusnet"
#define CLUSNET_ABI_VERSION	1

/* Limits, in bytes, without a terminating NUL. */
#define CLUSNET_NAME_MAX	255	/* object, node and network names (UTF-8) */
#define CLUSNET_DESC_MAX	1023	/* description (UTF-8) */
#define CLUSNET_IFNAME_MAX	15	/* IFNAMSIZ - 1 */
#define CLUSNET_HWADDR_MAX	32	/* MAX_ADDR_LEN */

/*
 * Access masks, with the values Windows uses. Desired access is any
 * non-empty combination of these; granted access is exactly one of
 * CLUSNET_GENERIC_READ or CLUSNET_GENERIC_ALL. GENERIC_WRITE and
 * GENERIC_EXECUTE ask for the same as GENERIC_ALL.
 */
#define CLUSNET_GENERIC_READ		0x80000000U
#define CLUSNET_GENERIC_WRITE		0x40000000U
#define CLUSNET_GENERIC_EXECUTE		0x20000000U
#define CLUSNET_GENERIC_ALL		0x10000000U
#define CLUSNET_MAXIMUM_ALLOWED		0x02000000U

/*
 * Object mode: like a file mode, for owner (0700), group (0070) and other
 * (0007). The read bit (4) grants GENERIC_READ, the write bit (2) grants
 * GENERIC_ALL (which includes read). The execute bit is not used and must
 * be clear. CAP_NET_ADMIN in the namespace's user namespace gets full access.
 */
#define CLUSNET_MODE_READ	04
#define CLUSNET_MODE_FULL	02
#define CLUSNET_MODE_MASK	0666
#define CLUSNET_MODE_DEFAULT	0644	/* everyone reads, owner has full */

/* Interface states, with the values of Windows' CLUSTER_NETINTERFACE_STATE. */
#define CLUSNET_STATE_UNAVAILABLE	0	/* no NIC bound */
#define CLUSNET_STATE_FAILED		1	/* NIC bound, not running */
#define CLUSNET_STATE_UNREACHABLE	2	/* reserved: multi-node checks */
#define CLUSNET_STATE_UP		3	/* NIC running (oper up) */

/* Features reported by CLUSNET_IOC_CLUSTER_INFO. */
#define CLUSNET_FEATURE_OPEN		0x1ULL
#define CLUSNET_FEATURE_ADMIN		0x2ULL
#define CLUSNET_FEATURE_AUTOBIND	0x4ULL

#define CLUSNET_IOC_MAGIC	0xC5

/*
 * CLUSNET_IOC_CLUSTER_INFO: describe the caller's cluster (its network
 * namespace) and check desired access to it, with the same rules as for
 * objects: CAP_NET_ADMIN has full access, everyone else read.
 * desired_access 0 only reports, with granted_access left 0.
 */
struct clusnet_cluster_info {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__u32 desired_access;	/* in: 0 or an access mask */
	__u32 granted_access;	/* out */
	__u32 abi_version;	/* out: CLUSNET_ABI_VERSION */
	__u32 autobind;		/* out: 1 if autobind is on */
	__aligned_u64 features;	/* out: CLUSNET_FEATURE_* */
	__u32 object_count;	/* out */
	__u32 node_len;		/* out: bytes in node, without NUL */
	__u32 version;		/* out: CLUSNET_VERSION_CODE of the module */
	__u32 __reserved;	/* out: 0 */
	char node[CLUSNET_NAME_MAX + 1];	/* out: NUL-terminated */
};

#define CLUSNET_CLUSTER_INFO_SIZE_VER0	304

/* The module's release, as reported in clusnet_cluster_info.version. */
#define CLUSNET_VERSION_CODE(major, minor, patch) \
	(((major) << 16) | ((minor) << 8) | (patch))

/*
 * CLUSNET_IOC_OPEN: open an object by name. The name is case-insensitive
 * for ASCII letters and need not be NUL-terminated. On success the return
 * value is a new file descriptor (a handle), granted_access and id are
 * written back. flags may hold O_CLOEXEC (from <fcntl.h>) and nothing else.
 */
struct clusnet_open {
	__u32 size;		/* in */
	__u32 flags;		/* in: O_CLOEXEC or 0 */
	__aligned_u64 name;	/* in: user pointer to UTF-8 bytes */
	__u32 name_len;		/* in: bytes, at most CLUSNET_NAME_MAX */
	__u32 desired_access;	/* in */
	__u32 granted_access;	/* out */
	__u32 __reserved;	/* must be 0 */
	__aligned_u64 id;	/* out: object id */
};

#define CLUSNET_OPEN_SIZE_VER0	40

/*
 * CLUSNET_IOC_CREATE (CAP_NET_ADMIN): create an object bound to the netdev
 * named ifname (any kind of netdev; it need not exist yet). node_len 0
 * takes the namespace's node name, network_len 0 "Cluster Network 1".
 * uid/gid (in the caller's user namespace) of (__u32)-1 take the caller's
 * fsuid/fsgid.
 */
struct clusnet_create {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 name;	/* in: user pointer */
	__aligned_u64 node;	/* in: user pointer, or 0 */
	__aligned_u64 network;	/* in: user pointer, or 0 */
	__u32 name_len;		/* in */
	__u32 node_len;		/* in */
	__u32 network_len;	/* in */
	__u32 uid;		/* in */
	__u32 gid;		/* in */
	__u32 mode;		/* in: CLUSNET_MODE_MASK bits */
	char ifname[CLUSNET_IFNAME_MAX + 1];	/* in: NUL-terminated */
	__aligned_u64 id;	/* out */
};

#define CLUSNET_CREATE_SIZE_VER0	80

/* CLUSNET_IOC_DELETE (CAP_NET_ADMIN): delete an object by name. */
struct clusnet_delete {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 name;	/* in: user pointer */
	__u32 name_len;		/* in */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_DELETE_SIZE_VER0	24

/*
 * CLUSNET_IOC_SET_SECURITY (CAP_NET_ADMIN): change owner, group and/or mode,
 * as selected by flags. Handles already open keep what they were granted.
 */
#define CLUSNET_SET_UID		0x1U
#define CLUSNET_SET_GID		0x2U
#define CLUSNET_SET_MODE	0x4U

struct clusnet_set_security {
	__u32 size;		/* in */
	__u32 flags;		/* in: CLUSNET_SET_* */
	__aligned_u64 name;	/* in: user pointer */
	__u32 name_len;		/* in */
	__u32 uid;		/* in */
	__u32 gid;		/* in */
	__u32 mode;		/* in */
};

#define CLUSNET_SET_SECURITY_SIZE_VER0	32

/*
 * CLUSNET_IOC_AUTOBIND: report, and with CLUSNET_AUTOBIND_SET (which needs
 * CAP_NET_ADMIN) change, whether NICs with a parent bus device get objects
 * of their own. Turning it on binds the NICs present; turning it off keeps
 * the objects that exist.
 */
#define CLUSNET_AUTOBIND_SET	0x1U

struct clusnet_autobind {
	__u32 size;		/* in */
	__u32 flags;		/* in: CLUSNET_AUTOBIND_SET or 0 */
	__u32 enable;		/* in (with SET): 0 or 1; out: current setting */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_AUTOBIND_SIZE_VER0	16

#define CLUSNET_IOC_CLUSTER_INFO _IOWR(CLUSNET_IOC_MAGIC, 0x00, struct clusnet_cluster_info)
#define CLUSNET_IOC_OPEN	 _IOWR(CLUSNET_IOC_MAGIC, 0x01, struct clusnet_open)
#define CLUSNET_IOC_CREATE	 _IOWR(CLUSNET_IOC_MAGIC, 0x02, struct clusnet_create)
#define CLUSNET_IOC_DELETE	 _IOW(CLUSNET_IOC_MAGIC, 0x03, struct clusnet_delete)
#define CLUSNET_IOC_SET_SECURITY _IOW(CLUSNET_IOC_MAGIC, 0x04, struct clusnet_set_security)
#define CLUSNET_IOC_AUTOBIND	 _IOWR(CLUSNET_IOC_MAGIC, 0x05, struct clusnet_autobind)

/*
 * Handle ioctls. Every one fails with ENODEV once the object was deleted
 * (or its namespace went away).
 *
 * CLUSNET_HIOC_GET_STATE: returns the CLUSNET_STATE_* value.
 */
#define CLUSNET_HIOC_GET_STATE	_IO(CLUSNET_IOC_MAGIC, 0x40)

/* CLUSNET_HIOC_GET_INFO: everything about the object behind a handle. */
struct clusnet_info {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 id;	/* out */
	__u32 granted_access;	/* out: what this handle was granted */
	__u32 state;		/* out: CLUSNET_STATE_* */
	__s32 ifindex;		/* out: 0 when no NIC is bound */
	__u32 hwaddr_len;	/* out: bytes in hwaddr */
	__u32 uid;		/* out: owner, in the caller's user namespace */
	__u32 gid;		/* out */
	__u32 mode;		/* out */
	__u32 __reserved;	/* out: 0 */
	__u8 hwaddr[CLUSNET_HWADDR_MAX];	/* out: the NIC's address */
	char ifname[CLUSNET_IFNAME_MAX + 1];	/* out: the NIC it follows */
	char name[CLUSNET_NAME_MAX + 1];	/* out: NUL-terminated */
	char node[CLUSNET_NAME_MAX + 1];	/* out */
	char network[CLUSNET_NAME_MAX + 1];	/* out */
	char description[CLUSNET_DESC_MAX + 1];	/* out */
};

#define CLUSNET_INFO_SIZE_VER0	1888

/* CLUSNET_HIOC_SET_DESCRIPTION: needs a handle granted GENERIC_ALL. */
struct clusnet_description {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 text;	/* in: user pointer to UTF-8 bytes */
	__u32 text_len;		/* in: at most CLUSNET_DESC_MAX */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_DESCRIPTION_SIZE_VER0	24

#define CLUSNET_HIOC_GET_INFO	     _IOWR(CLUSNET_IOC_MAGIC, 0x41, struct clusnet_info)
#define CLUSNET_HIOC_SET_DESCRIPTION _IOW(CLUSNET_IOC_MAGIC, 0x42, struct clusnet_description)

#endif /* _UAPI_LINUX_CLUSNET_H */
