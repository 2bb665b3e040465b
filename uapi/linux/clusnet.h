/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * clusnet: cluster network interface objects bound to real NICs.
 *
 * /dev/clusnet is a misc device. Its ioctls open interface objects of the
 * caller's network namespace by name and return handles: new file
 * descriptors that carry the access granted at open time. Handles have
 * ioctls of their own (state, info, description).
 *
 * Versioning (Documentation/clusnet.rst, "ABI versioning", says it all):
 *
 * - Every argument structure starts with a __u32 size that userspace sets
 *   to sizeof() of the structure it was built with. The kernel accepts any
 *   size from the first published one (CLUSNET_*_SIZE_VER0; smaller:
 *   EINVAL) up to a page (larger: E2BIG): fields it does not know must be
 *   zero (else E2BIG), fields userspace does not know are treated as zero,
 *   and output is written up to the size given. Structures grow only at
 *   their end, and a new field's zero means what older binaries meant.
 * - Array entries (entry_size) and event records (record_size) follow the
 *   same rule: the caller says the size it was built with.
 * - Command numbers are fixed: each is defined with its structure's VER0
 *   size, and the kernel looks at type, number and direction only, never
 *   at the size bits. A binary whose command numbers encode another size
 *   (built with _IOWR(..., struct X) against other headers) still works.
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

/*
 * Interface states, with the values of Windows' CLUSTER_NETINTERFACE_STATE.
 * A local object's come from its NIC and, while the NIC runs, from what
 * the cluster sees (CLUSNET_IOC_SET_STATE); a remote object's from the
 * cluster only.
 */
#define CLUSNET_STATE_UNAVAILABLE	0	/* no NIC bound */
#define CLUSNET_STATE_FAILED		1	/* NIC not running, or reaches none */
#define CLUSNET_STATE_UNREACHABLE	2	/* cannot reach some peer */
#define CLUSNET_STATE_UP		3	/* NIC running (oper up) */

/* Features reported by CLUSNET_IOC_CLUSTER_INFO. */
#define CLUSNET_FEATURE_OPEN		0x1ULL
#define CLUSNET_FEATURE_ADMIN		0x2ULL
#define CLUSNET_FEATURE_AUTOBIND	0x4ULL
#define CLUSNET_FEATURE_ENUM		0x8ULL	/* CLUSNET_IOC_ENUM */
#define CLUSNET_FEATURE_NETWORKS	0x10ULL	/* discovery, NETWORKS, RENAME */
#define CLUSNET_FEATURE_EVENTS		0x20ULL	/* pollable handles, WATCH */
#define CLUSNET_FEATURE_NIC		0x40ULL	/* CLUSNET_HIOC_GET_NIC */
#define CLUSNET_FEATURE_CLUSTER		0x80ULL	/* remote objects, nodes */
#define CLUSNET_FEATURE_FORWARD		0x100ULL /* writes to remote objects */

/*
 * Cluster network states, with the values of Windows'
 * CLUSTER_NETWORK_STATE, derived from the states of the network's
 * interfaces: UNAVAILABLE when none is available (all UNAVAILABLE or none
 * at all); else UP when every available one is UP; PARTITIONED when two or
 * more still reach someone (UP or UNREACHABLE) and not all are UP; DOWN
 * otherwise.
 */
#define CLUSNET_NETWORK_UNAVAILABLE	0
#define CLUSNET_NETWORK_DOWN		1
#define CLUSNET_NETWORK_PARTITIONED	2
#define CLUSNET_NETWORK_UP		3

/*
 * ioctl type 0xC5 ('\xc5'), numbers 0x00-0x3f for /dev/clusnet and
 * 0x40-0x7f for handles. Documentation/userspace-api/ioctl/ioctl-number.rst
 * lists no user of 0xC5 (checked against Linux 6.1 and 6.18): the range
 * is free.
 */
#define CLUSNET_IOC_MAGIC	0xC5

/*
 * A command number of this ABI: the size bits hold the VER0 size and are
 * never looked at (see the top of this file).
 */
#define CLUSNET_IOC(dir, nr, size_ver0) \
	_IOC(dir, CLUSNET_IOC_MAGIC, nr, size_ver0)
#define CLUSNET_IOC_RW	(_IOC_READ | _IOC_WRITE)

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
	/* VER1 */
	__u32 node_id;		/* out: this node's id, 0 outside a cluster */
	__u32 cluster_len;	/* out: bytes in cluster, without NUL */
	char cluster[CLUSNET_NAME_MAX + 1];	/* out: "" outside a cluster */
};

#define CLUSNET_CLUSTER_INFO_SIZE_VER0	304
#define CLUSNET_CLUSTER_INFO_SIZE_VER1	568

/* The module's release, as reported in clusnet_cluster_info.version. */
#define CLUSNET_VERSION_CODE(major, minor, patch) \
	(((major) << 16) | ((minor) << 8) | (patch))

/*
 * CLUSNET_IOC_OPEN: open an object by name. The name is case-insensitive
 * for ASCII letters and need not be NUL-terminated. On success the return
 * value is a new file descriptor (a handle), granted_access and id are
 * written back. flags may hold O_CLOEXEC and O_NONBLOCK (from <fcntl.h>),
 * nothing else: O_CLOEXEC sets close-on-exec on the new fd, O_NONBLOCK
 * makes read() on the handle return EAGAIN instead of waiting for an
 * event. record_size is the size of the event records read() returns (see
 * "Change events" below).
 */
struct clusnet_open {
	__u32 size;		/* in */
	__u32 flags;		/* in: O_CLOEXEC, O_NONBLOCK or 0 */
	__aligned_u64 name;	/* in: user pointer to UTF-8 bytes */
	__u32 name_len;		/* in: bytes, at most CLUSNET_NAME_MAX */
	__u32 desired_access;	/* in */
	__u32 granted_access;	/* out */
	__u32 __reserved;	/* must be 0 */
	__aligned_u64 id;	/* out: object id */
	/* VER1 */
	__u32 record_size;	/* in: 0, or sizeof(struct clusnet_event) */
	__u32 __reserved1;	/* must be 0 */
};

#define CLUSNET_OPEN_SIZE_VER0	40
#define CLUSNET_OPEN_SIZE_VER1	48

/*
 * CLUSNET_IOC_CREATE (CAP_NET_ADMIN): create an object bound to the netdev
 * named ifname (any kind of netdev; it need not exist yet). node_len 0
 * takes the namespace's node name. network_len 0 lets discovery place the
 * object on the network of its NIC's primary IPv4 subnet (and on no network
 * while the NIC has no IPv4 address); a network name pins the object to
 * that network, which is created if no network has that name.
 * uid/gid (in the caller's user namespace) of (__u32)-1 take the caller's
 * fsuid/fsgid.
 *
 * With CLUSNET_CREATE_REMOTE the object is another node's interface, as
 * the cluster daemon mirrors it: ifname must be empty and node given; it
 * follows no NIC, and its state is what CLUSNET_IOC_SET_STATE says
 * (UNAVAILABLE until then).
 */
#define CLUSNET_CREATE_REMOTE	0x1U

struct clusnet_create {
	__u32 size;		/* in */
	__u32 flags;		/* in: CLUSNET_CREATE_REMOTE or 0 */
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

/*
 * Snapshots, for CLUSNET_IOC_ENUM (interface objects) and
 * CLUSNET_IOC_NETWORKS (cluster networks). The kernel takes the snapshot
 * at once, writes min(count, capacity) entries of entry_size bytes each to
 * the array at entries (entry_size from the first published entry size up
 * to a page: a larger entry gets zeros past what the kernel knows) and sets
 * count to the number of entries in the snapshot. count > capacity means
 * the array was too small: retry with a larger one.
 */
struct clusnet_enum {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 entries;	/* in: user pointer to the array */
	__u32 entry_size;	/* in: bytes per entry */
	__u32 capacity;		/* in: entries the array holds */
	__u32 count;		/* out: entries in the snapshot */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_ENUM_SIZE_VER0	32

#define CLUSNET_IF_AUTOBOUND	0x1U	/* made by autobind */
#define CLUSNET_IF_PINNED	0x2U	/* network named at create */
#define CLUSNET_IF_REMOTE	0x4U	/* another node's: CLUSNET_CREATE_REMOTE */

/* An interface object, as listed by CLUSNET_IOC_ENUM, in creation order. */
struct clusnet_if_entry {
	__aligned_u64 id;
	__aligned_u64 network_id;	/* 0: on no network */
	__u32 state;			/* CLUSNET_STATE_* */
	__s32 ifindex;			/* 0 when no NIC is bound */
	__u32 uid;			/* in the caller's user namespace */
	__u32 gid;
	__u32 mode;
	__u32 flags;			/* CLUSNET_IF_* */
	char ifname[CLUSNET_IFNAME_MAX + 1];
	char name[CLUSNET_NAME_MAX + 1];
	char node[CLUSNET_NAME_MAX + 1];
	char network[CLUSNET_NAME_MAX + 1];	/* "" on no network */
};

#define CLUSNET_IF_ENTRY_SIZE_VER0	824

/*
 * Cluster networks. Discovery makes one network per IPv4 subnet that is
 * the primary subnet of some bound NIC, named "Cluster Network N" with the
 * smallest N free at the time. A network keeps its id and name (which an
 * admin may change with CLUSNET_IOC_NETWORK_RENAME) for as long as it has
 * an interface; with the last one it goes away. Networks named at create
 * (CLUSNET_NETWORK_PINNED) have no subnet.
 */
#define CLUSNET_NETWORK_DISCOVERED	0x1U
#define CLUSNET_NETWORK_PINNED		0x2U
#define CLUSNET_NETWORK_RENAMED		0x4U

struct clusnet_network_entry {
	__aligned_u64 id;
	__u32 state;			/* CLUSNET_NETWORK_* */
	__u32 flags;			/* CLUSNET_NETWORK_* flags */
	__u32 interfaces;		/* objects on this network */
	__u8 family;			/* AF_INET, or 0 without a subnet */
	__u8 prefixlen;
	__u16 __reserved;
	__u8 subnet[16];		/* network address, in network order */
	char name[CLUSNET_NAME_MAX + 1];
};

#define CLUSNET_NETWORK_ENTRY_SIZE_VER0	296

/*
 * CLUSNET_IOC_NETWORK_RENAME (CAP_NET_ADMIN): rename the network with
 * that id. ENOENT: no such network; EEXIST: another network has the name
 * (ASCII case-insensitive). Objects on the network report the new name
 * and get a CLUSNET_EVENT_PROPERTY event.
 */
struct clusnet_network_rename {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 id;	/* in */
	__aligned_u64 name;	/* in: user pointer to UTF-8 bytes */
	__u32 name_len;		/* in: 1 to CLUSNET_NAME_MAX */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_NETWORK_RENAME_SIZE_VER0	32

/*
 * Change events. read() on a handle returns struct clusnet_event records
 * for its object; read() on a watch fd (CLUSNET_IOC_WATCH) returns
 * struct clusnet_cluster_event records for every object of the namespace.
 * Both are pollable (EPOLLIN while records are pending; a handle whose
 * object was deleted, and a watch fd whose namespace went away, also report
 * EPOLLHUP and read 0 at the end). A reader sees the events that happen
 * after its handle or watch fd was made. read() returns whole records only
 * (a buffer smaller than one record gets EINVAL) and waits for the first
 * unless the file is O_NONBLOCK (then EAGAIN). Several readers of one file
 * (threads, or processes sharing it after fork() or SCM_RIGHTS) share its
 * place in the feed: each record goes to one of them, and read() returns
 * 0 only once the object or namespace is gone and every record was read.
 *
 * Records can grow like argument structures. The record size is fixed for
 * a file when it is made: record_size in struct clusnet_open or struct
 * clusnet_watch, where 0 means the VER0 size (what binaries built before
 * record_size existed read), smaller than VER0 is EINVAL, larger than a
 * page E2BIG. Records larger than the kernel's are padded with zeros;
 * smaller ones leave out the fields the reader does not know.
 *
 * Each source keeps its most recent records only (16 per object, 256 per
 * namespace): a reader that falls further behind gets one record with
 * CLUSNET_EVENT_OVERFLOW, whose lost field counts the records it missed,
 * and continues with the oldest one kept. seq counts from 1 per source and
 * never has gaps otherwise.
 */
#define CLUSNET_EVENT_STATE	0x1U	/* old_state -> new_state */
#define CLUSNET_EVENT_PROPERTY	0x2U	/* description, NIC, addresses or network */
#define CLUSNET_EVENT_ADDED	0x4U	/* object created (watch fds only) */
#define CLUSNET_EVENT_DELETED	0x8U	/* object deleted; last record */
#define CLUSNET_EVENT_OVERFLOW	0x80000000U	/* id is 0 */

struct clusnet_event {
	__aligned_u64 seq;
	__aligned_u64 id;	/* object id */
	__u32 changes;		/* CLUSNET_EVENT_* */
	__u32 old_state;	/* CLUSNET_STATE_* before ... */
	__u32 new_state;	/* ... and after (equal without EVENT_STATE) */
	__u32 lost;		/* with CLUSNET_EVENT_OVERFLOW */
};

struct clusnet_cluster_event {
	struct clusnet_event ev;
	char name[CLUSNET_NAME_MAX + 1];	/* the object's name */
};

#define CLUSNET_EVENT_SIZE_VER0		32
#define CLUSNET_CLUSTER_EVENT_SIZE_VER0	288

#define CLUSNET_EVENT_RING		16
#define CLUSNET_CLUSTER_EVENT_RING	256

/*
 * CLUSNET_IOC_WATCH: returns a new fd that reads the namespace's events.
 * flags may hold O_CLOEXEC and O_NONBLOCK. It does not keep the
 * namespace alive. record_size: see "Change events".
 */
struct clusnet_watch {
	__u32 size;		/* in */
	__u32 flags;		/* in: O_CLOEXEC, O_NONBLOCK or 0 */
	/* VER1 */
	__u32 record_size;	/* in: 0, or sizeof(struct clusnet_cluster_event) */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_WATCH_SIZE_VER0	8
#define CLUSNET_WATCH_SIZE_VER1	16

/*
 * The cluster, as the cluster daemon (clusnetd) feeds it. Each of these
 * needs CAP_NET_ADMIN; everyone reads what they set through
 * CLUSNET_IOC_CLUSTER_INFO, CLUSNET_IOC_ENUM and CLUSNET_IOC_NODES.
 *
 * CLUSNET_IOC_SET_CLUSTER: the cluster's name and this node's id
 * (name_len 0 and node_id 0: outside a cluster again).
 */
struct clusnet_set_cluster {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 name;	/* in: user pointer to UTF-8 bytes, or 0 */
	__u32 name_len;		/* in: at most CLUSNET_NAME_MAX */
	__u32 node_id;		/* in */
};

#define CLUSNET_SET_CLUSTER_SIZE_VER0	24

/*
 * CLUSNET_IOC_SET_STATE: the state the cluster sees for an object. A
 * remote object takes it as it is. A local one keeps what its NIC says
 * (UNAVAILABLE without one, FAILED while it is not running) and otherwise
 * takes this: UP, UNREACHABLE (some interface on its network cannot be
 * reached) or FAILED (none can). UP is also where a local object starts.
 */
struct clusnet_set_state {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 name;	/* in: user pointer to the object's name */
	__u32 name_len;		/* in */
	__u32 state;		/* in: CLUSNET_STATE_* */
};

#define CLUSNET_SET_STATE_SIZE_VER0	24

/*
 * Nodes, with the values of Windows' CLUSTER_NODE_STATE. A namespace
 * outside a cluster has none: only its own node, which is up.
 */
#define CLUSNET_NODE_UP		0
#define CLUSNET_NODE_DOWN	1
#define CLUSNET_NODE_JOINING	3

#define CLUSNET_NODE_MAX	256	/* nodes per namespace */

/*
 * CLUSNET_IOC_NODE_SET: add or update the node with that id (its name
 * may change), or with CLUSNET_NODE_DELETE remove it (ENOENT if absent).
 * EEXIST: another node has the name; ENOSPC: CLUSNET_NODE_MAX nodes.
 */
#define CLUSNET_NODE_DELETE	0x1U

struct clusnet_node_set {
	__u32 size;		/* in */
	__u32 flags;		/* in: CLUSNET_NODE_DELETE or 0 */
	__aligned_u64 name;	/* in: user pointer (ignored with DELETE) */
	__u32 name_len;		/* in: 1 to CLUSNET_NAME_MAX */
	__u32 id;		/* in: non-zero */
	__u32 state;		/* in: CLUSNET_NODE_* */
	__u32 __reserved;	/* must be 0 */
};

#define CLUSNET_NODE_SET_SIZE_VER0	32

/* A node, as listed by CLUSNET_IOC_NODES (struct clusnet_enum), by id. */
#define CLUSNET_NODE_LOCAL	0x1U	/* this namespace's node */

struct clusnet_node_entry {
	__u32 id;
	__u32 state;			/* CLUSNET_NODE_* */
	__u32 flags;			/* CLUSNET_NODE_LOCAL */
	__u32 __reserved;
	char name[CLUSNET_NAME_MAX + 1];
};

#define CLUSNET_NODE_ENTRY_SIZE_VER0	272

/*
 * Writes to another node's interface. A remote object is this node's copy
 * of it, so a write is carried to the owning node instead: the caller of
 * CLUSNET_HIOC_SET_DESCRIPTION (a handle granted GENERIC_ALL) or of
 * CLUSNET_IOC_SET_SECURITY waits until the cluster daemon reports that the
 * owner applied it, and gets its result. The access checks are the ones
 * of the local copy, which carries the owner's owner, group and mode. On
 * success the daemon has already updated the copy. Errors besides the
 * usual ones: ENOTCONN (no daemon has a forward channel in the
 * namespace), EBUSY (CLUSNET_FORWARD_PENDING_MAX writes wait already),
 * ETIMEDOUT (no answer within the channel's timeout_ms), EINTR (a signal;
 * the write may still be applied), and what the daemon answers, such as
 * EHOSTDOWN (the owning node is down).
 *
 * The daemon itself sets the copy with CLUSNET_SET_COPY and
 * CLUSNET_DESCRIPTION_COPY, which need CAP_NET_ADMIN (for the
 * description: in whoever opened the handle) and a remote object.
 *
 * CLUSNET_IOC_FORWARD (CAP_NET_ADMIN): returns the namespace's forward
 * channel, an fd that read()s one struct clusnet_forward_request per
 * waiting write (blocking unless O_NONBLOCK, pollable) and takes each
 * answer as a write() of one struct clusnet_forward_reply. A namespace has
 * one channel at most (EBUSY); writes that wait when it is closed fail
 * with ENOTCONN. uid and gid are as the channel's opener sees them.
 */
#define CLUSNET_SET_COPY		0x8U	/* clusnet_set_security.flags */
#define CLUSNET_DESCRIPTION_COPY	0x1U	/* clusnet_description.flags */

#define CLUSNET_FORWARD_PENDING_MAX	64	/* per namespace */
#define CLUSNET_FORWARD_TIMEOUT_MS	10000	/* timeout_ms 0 */
#define CLUSNET_FORWARD_TIMEOUT_MAX_MS	60000

struct clusnet_forward {
	__u32 size;		/* in */
	__u32 flags;		/* in: O_CLOEXEC, O_NONBLOCK or 0 */
	__u32 timeout_ms;	/* in: 0 or 1 to CLUSNET_FORWARD_TIMEOUT_MAX_MS */
	__u32 record_size;	/* in: 0, or sizeof(struct clusnet_forward_request) */
};

#define CLUSNET_FORWARD_SIZE_VER0	16

#define CLUSNET_FORWARD_DESCRIPTION	0x1U	/* text */
#define CLUSNET_FORWARD_UID		0x2U
#define CLUSNET_FORWARD_GID		0x4U
#define CLUSNET_FORWARD_MODE		0x8U

struct clusnet_forward_request {
	__aligned_u64 id;	/* the answer's */
	__aligned_u64 object;	/* the remote object's id */
	__u32 what;		/* CLUSNET_FORWARD_* */
	__u32 uid;
	__u32 gid;
	__u32 mode;
	__u32 name_len;
	__u32 text_len;
	__u32 __reserved;
	__u32 __reserved1;
	char name[CLUSNET_NAME_MAX + 1];	/* the object's, NUL-terminated */
	char text[CLUSNET_DESC_MAX + 1];	/* NUL-terminated */
};

#define CLUSNET_FORWARD_REQUEST_SIZE_VER0	1328

struct clusnet_forward_reply {
	__aligned_u64 id;	/* of the request */
	__s32 error;		/* 0: applied; else -errno for the writer */
	__u32 flags;		/* must be 0 */
};

#define CLUSNET_FORWARD_REPLY_SIZE_VER0	16

#define CLUSNET_IOC_CLUSTER_INFO \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x00, CLUSNET_CLUSTER_INFO_SIZE_VER0)
#define CLUSNET_IOC_OPEN \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x01, CLUSNET_OPEN_SIZE_VER0)
#define CLUSNET_IOC_CREATE \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x02, CLUSNET_CREATE_SIZE_VER0)
#define CLUSNET_IOC_DELETE \
	CLUSNET_IOC(_IOC_WRITE, 0x03, CLUSNET_DELETE_SIZE_VER0)
#define CLUSNET_IOC_SET_SECURITY \
	CLUSNET_IOC(_IOC_WRITE, 0x04, CLUSNET_SET_SECURITY_SIZE_VER0)
#define CLUSNET_IOC_AUTOBIND \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x05, CLUSNET_AUTOBIND_SIZE_VER0)
#define CLUSNET_IOC_ENUM \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x06, CLUSNET_ENUM_SIZE_VER0)
#define CLUSNET_IOC_NETWORKS \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x07, CLUSNET_ENUM_SIZE_VER0)
#define CLUSNET_IOC_NETWORK_RENAME \
	CLUSNET_IOC(_IOC_WRITE, 0x08, CLUSNET_NETWORK_RENAME_SIZE_VER0)
#define CLUSNET_IOC_WATCH \
	CLUSNET_IOC(_IOC_WRITE, 0x09, CLUSNET_WATCH_SIZE_VER0)
#define CLUSNET_IOC_SET_CLUSTER \
	CLUSNET_IOC(_IOC_WRITE, 0x0a, CLUSNET_SET_CLUSTER_SIZE_VER0)
#define CLUSNET_IOC_SET_STATE \
	CLUSNET_IOC(_IOC_WRITE, 0x0b, CLUSNET_SET_STATE_SIZE_VER0)
#define CLUSNET_IOC_NODE_SET \
	CLUSNET_IOC(_IOC_WRITE, 0x0c, CLUSNET_NODE_SET_SIZE_VER0)
#define CLUSNET_IOC_NODES \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x0d, CLUSNET_ENUM_SIZE_VER0)
#define CLUSNET_IOC_FORWARD \
	CLUSNET_IOC(_IOC_WRITE, 0x0e, CLUSNET_FORWARD_SIZE_VER0)

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

/*
 * CLUSNET_HIOC_GET_NIC: the bound NIC's permanent address and its IP
 * addresses, as `ip addr` lists them: IPv4 first (primary first), then
 * IPv6. With no NIC bound, ifindex is 0 and nothing else is filled in.
 */
#define CLUSNET_ADDR_DYNAMIC	0x1U	/* finite lifetime: DHCP, SLAAC */
#define CLUSNET_ADDR_SECONDARY	0x2U
#define CLUSNET_NIC_ADDRS_MAX	32

struct clusnet_ifaddr {
	__u8 family;		/* AF_INET or AF_INET6 */
	__u8 prefixlen;
	__u8 flags;		/* CLUSNET_ADDR_* */
	__u8 scope;		/* RT_SCOPE_* */
	__u32 __reserved;
	__u8 addr[16];		/* network order; IPv4 in the first 4 bytes */
};

struct clusnet_nic {
	__u32 size;		/* in */
	__u32 flags;		/* in: must be 0 */
	__s32 ifindex;		/* out */
	__u32 perm_addr_len;	/* out */
	/* out: the permanent address, or the current one if it has none */
	__u8 perm_addr[CLUSNET_HWADDR_MAX];
	__u32 naddrs;		/* out: entries filled in addrs */
	__u32 total;		/* out: addresses the NIC has */
	struct clusnet_ifaddr addrs[CLUSNET_NIC_ADDRS_MAX];	/* out */
};

#define CLUSNET_NIC_SIZE_VER0	824

#define CLUSNET_HIOC_GET_INFO \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x41, CLUSNET_INFO_SIZE_VER0)
#define CLUSNET_HIOC_SET_DESCRIPTION \
	CLUSNET_IOC(_IOC_WRITE, 0x42, CLUSNET_DESCRIPTION_SIZE_VER0)
#define CLUSNET_HIOC_GET_NIC \
	CLUSNET_IOC(CLUSNET_IOC_RW, 0x43, CLUSNET_NIC_SIZE_VER0)

#endif /* _UAPI_LINUX_CLUSNET_H */
