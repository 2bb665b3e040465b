/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libclusnet internals: handle layouts and error helpers. Not installed. */
#ifndef CLUSNET_INTERNAL_H
#define CLUSNET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <linux/clusnet.h>

#include "clusapi.h"
#include "resapi.h"
#include "utf16.h"

/* Inside the library WCHAR is char16_t (LPCWSTR arguments are UTF-16). */
#ifdef CLUSNET_WCHAR_IS_WCHAR_T
#error "libclusnet is built without -fshort-wchar"
#endif

#define CLUSNET_EXPORT __attribute__((visibility("default")))

#define CLUSNET_DEVICE_PATH "/dev/clusnet"

/*
 * A connection: the /dev/clusnet fd, shared by a cluster handle and every
 * handle opened from it, so that those can outlive CloseCluster (and
 * GetClusterFromNetInterface can hand out a new cluster handle for the same
 * namespace). Closed with the last reference.
 */
struct clusnet_conn {
	int fd;			/* /dev/clusnet, O_RDWR | O_CLOEXEC */
	int refs;		/* atomic */
	uint64_t netns;		/* clusnet_netns_cookie() at open */
};

/*
 * Every handle starts with a magic number, so a handle of the wrong kind
 * (or a stale one whose memory was not reused) is rejected with
 * ERROR_INVALID_HANDLE. Cleared on close. Handles are immutable after
 * creation (the notification port has its own lock), so they are safe to
 * share between threads.
 */
#define CLUSNET_MAGIC_CLUSTER	0x434c5553U	/* "CLUS" */
#define CLUSNET_MAGIC_NETIF	0x4e494653U	/* "NIFS" */
#define CLUSNET_MAGIC_NODE	0x4e4f4445U	/* "NODE" */
#define CLUSNET_MAGIC_NETWORK	0x4e45544eU	/* "NETN" */
#define CLUSNET_MAGIC_IFENUM	0x4945564eU	/* "IENM" */
#define CLUSNET_MAGIC_CHANGE	0x43484e47U	/* "CHNG" */
#define CLUSNET_MAGIC_CLUSENUM	0x43454e4dU	/* "CENM" */
#define CLUSNET_MAGIC_NODEENUM	0x4e454e4dU	/* "NENM" */
#define CLUSNET_MAGIC_NETENUM	0x57454e4dU	/* "WENM" */

struct _HCLUSTER {
	uint32_t magic;
	struct clusnet_conn *conn;
	DWORD granted;		/* GENERIC_READ or GENERIC_ALL */
};

struct _HNETINTERFACE {
	uint32_t magic;
	int fd;			/* clusnet handle fd, O_CLOEXEC */
	DWORD granted;		/* GENERIC_READ or GENERIC_ALL */
	uint64_t id;		/* kernel object id */
	struct clusnet_conn *conn;
};

struct _HNODE {
	uint32_t magic;
	DWORD granted;
	struct clusnet_conn *conn;
	char name[CLUSNET_NAME_MAX + 1];	/* as the kernel spells it */
};

struct _HNETWORK {
	uint32_t magic;
	DWORD granted;
	struct clusnet_conn *conn;
	uint64_t id;		/* kernel network id */
};

struct _HNETINTERFACEENUM {
	uint32_t magic;
	uint32_t count;
	char (*names)[CLUSNET_NAME_MAX + 1];
};

/* A snapshot of names with their CLUSTER_*_ENUM type (clusenum.c). */
struct clusnet_objlist {
	uint32_t magic;
	uint32_t count;
	struct clusnet_objlist_entry {
		DWORD type;
		char name[CLUSNET_NAME_MAX + 1];
	} *e;
};

struct _HCLUSENUM {
	struct clusnet_objlist l;
};

struct _HNODEENUM {
	struct clusnet_objlist l;
};

struct _HNETWORKENUM {
	struct clusnet_objlist l;
};

static inline int clusnet_cluster_ok(HCLUSTER h)
{
	return h && h->magic == CLUSNET_MAGIC_CLUSTER;
}

static inline int clusnet_netif_ok(HNETINTERFACE h)
{
	return h && h->magic == CLUSNET_MAGIC_NETIF;
}

static inline int clusnet_node_ok(HNODE h)
{
	return h && h->magic == CLUSNET_MAGIC_NODE;
}

static inline int clusnet_network_ok(HNETWORK h)
{
	return h && h->magic == CLUSNET_MAGIC_NETWORK;
}

/* errors.c */
CLUSNET_HIDDEN DWORD clusnet_errno_to_win32(int err);
/* SetLastError(clusnet_errno_to_win32(err)) */
CLUSNET_HIDDEN void clusnet_set_errno_error(int err);

/* conn.c */
CLUSNET_HIDDEN struct clusnet_conn *clusnet_conn_new(int fd);
CLUSNET_HIDDEN struct clusnet_conn *clusnet_conn_get(struct clusnet_conn *c);
CLUSNET_HIDDEN void clusnet_conn_put(struct clusnet_conn *c);
/* CLUSNET_IOC_CLUSTER_INFO with desired access; 0 or -errno */
CLUSNET_HIDDEN int clusnet_cluster_info(int fd, DWORD desired,
					struct clusnet_cluster_info *ci);
/* A cluster handle on conn (a new reference), granted as asked. */
CLUSNET_HIDDEN HCLUSTER clusnet_cluster_new(struct clusnet_conn *conn,
					    DWORD granted);
/*
 * Granted access for node and network handles (node.c): the cluster's
 * rule, asked from the kernel with the desired access. 0 or a Win32 error.
 */
CLUSNET_HIDDEN DWORD clusnet_grant(int fd, DWORD desired, DWORD *granted);
/* Access masks the library accepts as desired access. */
#define CLUSNET_VALID_ACCESS (GENERIC_READ | GENERIC_WRITE | \
			      GENERIC_EXECUTE | GENERIC_ALL | MAXIMUM_ALLOWED)

/* strings.c */
/* ASCII case-insensitive equality of two NUL-terminated UTF-8 strings. */
CLUSNET_HIDDEN int clusnet_name_eq(const char *a, const char *b);
/*
 * The Windows buffer protocol: *lpcch is the capacity in WCHARs including
 * the NUL on input, the length without it on output. Too small (or buf
 * NULL) -> ERROR_MORE_DATA with the length needed. lpcch NULL ->
 * ERROR_INVALID_PARAMETER.
 */
CLUSNET_HIDDEN DWORD clusnet_put_wstr(const char *utf8, LPWSTR buf,
				      LPDWORD lpcch);
/*
 * A UTF-16 argument as UTF-8 in dst (CLUSNET_NAME_MAX + 1 bytes). Returns
 * the length, or -1 when it cannot be a name (invalid UTF-16, too long).
 */
CLUSNET_HIDDEN ssize_t clusnet_name_arg(LPCWSTR s, char *dst, size_t dstsize);
/* The GUID-formatted id of an object of kind CLUS_OBJECT_* (37 bytes). */
CLUSNET_HIDDEN void clusnet_format_id(char *dst, uint64_t id, unsigned kind);

/*
 * adapterid.c: the AdapterId GUID string (36 characters and a NUL) of a
 * NIC's permanent address.
 */
CLUSNET_HIDDEN void clusnet_adapter_id(const uint8_t *addr, size_t len,
				       char dst[37]);

/* snapshot.c: CLUSNET_IOC_ENUM / CLUSNET_IOC_NETWORKS, malloc'd arrays. */
CLUSNET_HIDDEN int clusnet_snap_ifs(int fd, struct clusnet_if_entry **out,
				    uint32_t *count);
CLUSNET_HIDDEN int clusnet_snap_networks(int fd,
					 struct clusnet_network_entry **out,
					 uint32_t *count);
/*
 * The cluster's node table (empty outside a cluster); and one node of it:
 * 1 (found, *entry filled), 0 (not in it), -ENOENT (no table: outside a
 * cluster), or another -errno.
 */
CLUSNET_HIDDEN int clusnet_snap_nodes(int fd, struct clusnet_node_entry **out,
				      uint32_t *count);
CLUSNET_HIDDEN int clusnet_node_lookup(int fd, const char *node,
				       struct clusnet_node_entry *entry);
/*
 * Is node a known node: the cluster's own (*local = 1) or the node of some
 * object (*local = 0)? Its spelling goes to canon if not NULL.
 * Returns 1, 0, or -errno.
 */
CLUSNET_HIDDEN int clusnet_node_known(int fd, const char *node, int *local,
				      char *canon);
/* A network by name (ASCII case-insensitive): 1 + *entry, 0, or -errno. */
CLUSNET_HIDDEN int clusnet_network_by_name(int fd, const char *name,
					   struct clusnet_network_entry *entry);

/* notify.c: a handle is being closed (HANDLE_CLOSE, end registrations). */
CLUSNET_HIDDEN void clusnet_notify_closed(const void *handle);

/* network.c: the network's current entry; 0 or a Win32 error. */
CLUSNET_HIDDEN DWORD clusnet_network_lookup(HNETWORK h,
					    struct clusnet_network_entry *out);
/* Rename (len bytes of UTF-8): MS-CMRP ApiSetNetworkName's errors. */
CLUSNET_HIDDEN DWORD clusnet_network_rename(HNETWORK h, const char *name,
					    size_t len);

/* pstore.c: properties kept in the process (see there). */
struct _CLUSNET_PROPLIST;
CLUSNET_HIDDEN uint64_t clusnet_netns_cookie(void);
CLUSNET_HIDDEN DWORD clusnet_priv_get(struct clusnet_conn *c,
				      unsigned int kind, const char *key,
				      struct _CLUSNET_PROPLIST *out);
CLUSNET_HIDDEN DWORD clusnet_priv_set(struct clusnet_conn *c,
				      unsigned int kind, const char *key,
				      const void *list, size_t cb);
/* desc: CLUSNET_DESC_MAX + 1 bytes; role may be NULL */
CLUSNET_HIDDEN void clusnet_common_get(struct clusnet_conn *c,
				       unsigned int kind, const char *key,
				       char *desc, DWORD *role);
/* NULL: left as it is */
CLUSNET_HIDDEN DWORD clusnet_common_set(struct clusnet_conn *c,
					unsigned int kind, const char *key,
					const char *desc, const DWORD *role);

/* A control code without its object: a CLCTL_* code, modify bit kept. */
#define CLUSNET_CTL_FUNC(code) ((DWORD)(code) & 0x00FFFFFFU)

/* ctlobj.c: control-code output and input helpers. */
/* Copy cb bytes out, or ERROR_MORE_DATA with the size needed. */
CLUSNET_HIDDEN DWORD clusnet_out_bytes(const void *data, size_t cb,
				       LPVOID out, DWORD outsize,
				       LPDWORD returned);
CLUSNET_HIDDEN DWORD clusnet_out_dword(DWORD v, LPVOID out, DWORD outsize,
				       LPDWORD returned);
/* A UTF-8 string out as UTF-16 with its NUL; sizes in bytes. */
CLUSNET_HIDDEN DWORD clusnet_out_wstr(const char *s, LPVOID out,
				      DWORD outsize, LPDWORD returned);
/*
 * The input of a SET/VALIDATE control: NULL is RPC_X_BAD_STUB_DATA (as
 * Windows' RPC layer answers), shorter than a list can be
 * ERROR_INSUFFICIENT_BUFFER, else the list's own check.
 */
CLUSNET_HIDDEN DWORD clusnet_check_set_input(const void *in, DWORD insize);
/* The private-property codes, the same for every kind of object. */
CLUSNET_HIDDEN DWORD clusnet_private_control(struct clusnet_conn *c,
					     unsigned int kind,
					     const char *key, DWORD func,
					     const void *in, DWORD insize,
					     LPVOID out, DWORD outsize,
					     LPDWORD returned);

/* The id of a node: "1" for this node, others numbered after it. */
CLUSNET_HIDDEN DWORD clusnet_node_id(int fd, const char *node, char *out,
				     size_t size);

#endif /* CLUSNET_INTERNAL_H */
