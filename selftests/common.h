/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clusnet selftests' helper library. This header declares it; the
 * bodies are in common*.c, one file per concept, built once into
 * libcommon.a (libcommon32.a for the 32-bit tests) and linked into every
 * test. Only what needs the kselftest harness (its macros, the
 * _metadata of a running test) is defined here.
 *
 * Everything here talks to /dev/clusnet with raw ioctls from the uapi
 * header. Wrappers return a value >= 0 on success and -errno on failure,
 * so tests can compare with ASSERT_EQ(-EACCES, ...).
 *
 * Identities: tests that need another uid/gid/capability set run a
 * function in a forked child (cn_run()) that switches identity first; the
 * child reports failures through a shared message buffer (CN_CHECK) and its
 * exit code, and the test asserts on both in the parent. ASSERT_* must not
 * be used in such children or in threads.
 */
#ifndef CLUSNET_SELFTEST_COMMON_H
#define CLUSNET_SELFTEST_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include <linux/clusnet.h>
#include <arpa/inet.h>
#include <strings.h>

/* The test VM (see the behaviour contract). */
#define CN_DEV_PATH	"/dev/" CLUSNET_DEVICE_NAME
#define CN_NODE		"node1"
/* tools/vm/init gives eth0 and eth1 a subnet each, found in that order. */
#define CN_NET_ETH0	"Cluster Network 1"
#define CN_NET_ETH1	"Cluster Network 2"
#define CN_ETH0		CN_NODE " - eth0"
#define CN_ETH1		CN_NODE " - eth1"

#define CN_USER_UID	1000	/* clususer */
#define CN_USER_GID	1000
#define CN_GROUP_GID	1001	/* clusgrp */
#define CN_OTHER_UID	1002	/* no account: "someone else" */
#define CN_OTHER_GID	1002

#define CN_WAIT_MS	5000	/* linkwatch delivers up to ~1 s late */
#define CN_POLL_MS	20

#define CN_ALL_STATES_MASK ((1u << CLUSNET_STATE_UNAVAILABLE) | \
			    (1u << CLUSNET_STATE_FAILED) | \
			    (1u << CLUSNET_STATE_UP))

/* The uapi structures as first published (their *_SIZE_VER0). */
_Static_assert(sizeof(struct clusnet_cluster_info) ==
	       CLUSNET_CLUSTER_INFO_SIZE_VER1, "cluster_info size");
_Static_assert(sizeof(struct clusnet_set_cluster) ==
	       CLUSNET_SET_CLUSTER_SIZE_VER0, "set_cluster size");
_Static_assert(sizeof(struct clusnet_set_state) ==
	       CLUSNET_SET_STATE_SIZE_VER0, "set_state size");
_Static_assert(sizeof(struct clusnet_node_set) ==
	       CLUSNET_NODE_SET_SIZE_VER0, "node_set size");
_Static_assert(sizeof(struct clusnet_node_entry) ==
	       CLUSNET_NODE_ENTRY_SIZE_VER0, "node_entry size");
_Static_assert(sizeof(struct clusnet_forward) == CLUSNET_FORWARD_SIZE_VER0,
	       "forward size");
_Static_assert(sizeof(struct clusnet_forward_request) ==
	       CLUSNET_FORWARD_REQUEST_SIZE_VER0, "forward_request size");
_Static_assert(sizeof(struct clusnet_forward_reply) ==
	       CLUSNET_FORWARD_REPLY_SIZE_VER0, "forward_reply size");
_Static_assert(sizeof(struct clusnet_open) == CLUSNET_OPEN_SIZE_VER1,
	       "open size");
_Static_assert(sizeof(struct clusnet_create) == CLUSNET_CREATE_SIZE_VER0,
	       "create size");
_Static_assert(sizeof(struct clusnet_delete) == CLUSNET_DELETE_SIZE_VER0,
	       "delete size");
_Static_assert(sizeof(struct clusnet_set_security) ==
	       CLUSNET_SET_SECURITY_SIZE_VER0, "set_security size");
_Static_assert(sizeof(struct clusnet_autobind) == CLUSNET_AUTOBIND_SIZE_VER0,
	       "autobind size");
_Static_assert(sizeof(struct clusnet_info) == CLUSNET_INFO_SIZE_VER0,
	       "info size");
_Static_assert(sizeof(struct clusnet_description) ==
	       CLUSNET_DESCRIPTION_SIZE_VER0, "description size");
_Static_assert(sizeof(struct clusnet_enum) == CLUSNET_ENUM_SIZE_VER0,
	       "enum size");
_Static_assert(sizeof(struct clusnet_if_entry) == CLUSNET_IF_ENTRY_SIZE_VER0,
	       "if_entry size");
_Static_assert(sizeof(struct clusnet_network_entry) ==
	       CLUSNET_NETWORK_ENTRY_SIZE_VER0, "network_entry size");
_Static_assert(sizeof(struct clusnet_network_rename) ==
	       CLUSNET_NETWORK_RENAME_SIZE_VER0, "network_rename size");
_Static_assert(sizeof(struct clusnet_watch) == CLUSNET_WATCH_SIZE_VER1,
	       "watch size");
_Static_assert(sizeof(struct clusnet_nic) == CLUSNET_NIC_SIZE_VER0,
	       "nic size");

#define CN_PTR(p)	((__u64)(uintptr_t)(p))

enum cn_caps {
	CN_CAPS_NATURAL,	/* whatever setresuid() leaves */
	CN_CAPS_DROP_NET_ADMIN,	/* all but CAP_NET_ADMIN (for uid 0) */
	CN_CAPS_ONLY_NET_ADMIN,	/* exactly CAP_NET_ADMIN (for uid != 0) */
	CN_CAPS_NONE,		/* none at all, whatever the uid */
};

struct cn_ident {
	uid_t uid;
	gid_t gid;
	int ngroups;
	gid_t groups[4];
	enum cn_caps caps;
};

/* The unprivileged user: clususer, no supplementary groups. */
extern const struct cn_ident cn_ident_user;
/* Someone who is neither owner nor in any group tests use. */
extern const struct cn_ident cn_ident_other;

#define CN_MSG_SIZE 4096	/* the message buffer shared with children */

/* In a child function: fail (return 1) with a message unless cond. */
#define CN_CHECK(cond, fmt, ...) do { \
	if (!(cond)) \
		return cn_child_fail(__LINE__, "!(%s): " fmt, #cond, \
				     ##__VA_ARGS__); \
} while (0)

/*
 * Called before each attempt (prep) and after each one that succeeded
 * (undo, with the return value: e.g. close a handle, delete an object).
 */
struct cn_struct_ops {
	void (*prep)(void *ctx);
	void (*undo)(int ret, void *ctx);
	void *ctx;
};
/* ------------------------------------------------------------------ */
/* Small utilities, unique names, the module, synchronisation with children (common.c) */

long long cn_now_ms(void);

void cn_sleep_ms(int ms);

/* ioctl() as 0/positive or -errno. */
int cn_ioctl(int fd, unsigned long cmd, void *arg);

const char *cn_state_name(int state);

const char *cn_access_name(__u32 access);

const char *cn_network_state_name(int state);

void cn_name(char *buf, size_t size, const char *tag);

/* An interface name of at most 12 bytes: "cn<pid>x<n>". */
void cn_ifname(char buf[IFNAMSIZ]);

/* ASCII upper case of @src into @dst (@size bytes). */
char *cn_upper(char *dst, size_t size, const char *src);

bool cn_module_loaded(void);

/* Wait up to @timeout_ms until /dev/clusnet opens; 0 or -errno. */
int cn_wait_dev(int timeout_ms);

/* Load the module again if a test left it unloaded. */
int cn_ensure_module(void);

/* Memory parents and children share (results of children). */
void *cn_shared(size_t size);

int cn_post(int fd);

/* Wait up to @timeout_ms for a byte; 0, or -1 on timeout/EOF. */
int cn_pend(int fd, int timeout_ms);

/* ------------------------------------------------------------------ */
/* /dev/clusnet, its ioctls and handles (common_dev.c)                */

int cn_dev(void);

int cn_open_n(int dev, const void *name, __u32 len,
	      __u32 desired, __u32 flags, __u32 *granted,
	      __u64 *id);

/* Open by name; a handle fd or -errno. */
int cn_open(int dev, const char *name, __u32 desired);

int cn_open_g(int dev, const char *name, __u32 desired,
	      __u32 *granted, __u64 *id);

/* Open by name with open flags (O_CLOEXEC, O_NONBLOCK). */
int cn_open_f(int dev, const char *name, __u32 desired,
	      __u32 flags);

int cn_create_ex(int dev, const char *name, const char *node,
		 const char *network, const char *ifname,
		 __u32 uid, __u32 gid, __u32 mode, __u64 *id);

/* Create an object following ifname, with the given owner and mode. */
int cn_create(int dev, const char *name, const char *ifname,
	      __u32 uid, __u32 gid, __u32 mode);

int cn_delete(int dev, const char *name);

int cn_set_security(int dev, const char *name, __u32 flags,
		    __u32 uid, __u32 gid, __u32 mode);

int cn_chmod(int dev, const char *name, __u32 mode);

int cn_chown(int dev, const char *name, __u32 uid, __u32 gid);

/* The autobind setting (0/1) or -errno. */
int cn_autobind_get(int dev);

int cn_autobind_set(int dev, __u32 enable);

int cn_cluster_info(int dev, __u32 desired,
		    struct clusnet_cluster_info *ci);

/*
 * What the cluster daemon feeds (CAP_NET_ADMIN); 0 or -errno. A NULL name
 * is length 0: for cn_set_cluster(), outside a cluster again.
 */
int cn_set_cluster(int dev, const char *name, __u32 node_id);
int cn_node_set(int dev, __u32 id, const char *name, __u32 state);
int cn_node_delete(int dev, __u32 id);
int cn_set_state(int dev, const char *name, __u32 state);
/* Another node's interface (CLUSNET_CREATE_REMOTE), mode 0644. */
int cn_create_remote(int dev, const char *name, const char *node,
		     const char *network, const char *ifname);

/*
 * The forward channel (CLUSNET_IOC_FORWARD): an fd or -errno; and one
 * answer written to it: 0 or -errno.
 */
int cn_forward(int dev, __u32 flags, __u32 timeout_ms);
int cn_forward_answer(int ch, __u64 id, __s32 error);

/* Handle ioctls. */
int cn_state(int h);

int cn_info(int h, struct clusnet_info *info);

int cn_set_desc(int h, const char *text, __u32 len);
/* ... with clusnet_description.flags (CLUSNET_DESCRIPTION_COPY). */
int cn_set_desc_f(int h, const char *text, __u32 len, __u32 flags);

/* CLUSNET_HIOC_GET_NIC on a handle; 0 or -errno. */
int cn_nic(int h, struct clusnet_nic *nic);

/* A watch fd (CLUSNET_IOC_WATCH) or -errno. */
int cn_watch(int dev, __u32 flags);

/*
 * Poll the handle until its state is @want (a CLUSNET_STATE_* or a
 * -errno) or @timeout_ms passed; returns the last state seen.
 */
int cn_wait_state(int h, int want, int timeout_ms);

/* Open @name (polling up to @timeout_ms while it is ENOENT). */
int cn_wait_open(int dev, const char *name, __u32 desired,
		 int timeout_ms);

/*
 * Wait up to @timeout_ms for @fd to become readable, then read one record
 * of @size bytes: 1 (a record), 0 (end of file), -ETIMEDOUT, or -errno.
 */
int cn_read_record(int fd, void *rec, size_t size,
		   int timeout_ms);

int cn_read_event(int h, struct clusnet_event *ev,
		  int timeout_ms);

int cn_read_cluster_event(int w, struct clusnet_cluster_event *ev,
			  int timeout_ms);

int cn_struct_try(int fd, unsigned long cmd, void *arg,
		  const struct cn_struct_ops *ops);

/* ------------------------------------------------------------------ */
/* Snapshots (ENUM, NETWORKS) and networks (common_snapshot.c)        */

/*
 * One CLUSNET_IOC_ENUM or CLUSNET_IOC_NETWORKS call: 0 or -errno, the
 * snapshot's size in *count.
 */
int cn_enum_raw(int dev, unsigned long cmd, void *entries,
		__u32 entry_size, __u32 capacity, __u32 *count);

/*
 * A whole snapshot in a malloc()ed array (*out, free() it), retrying with
 * a larger array while the snapshot grows; the entry count or -errno.
 */
int cn_snapshot(int dev, unsigned long cmd, size_t entry_size,
		void **out);

/* Every object of the caller's namespace; the count or -errno. */
int cn_objects(int dev, struct clusnet_if_entry **out);

/* Every network of the caller's namespace; the count or -errno. */
int cn_networks(int dev, struct clusnet_network_entry **out);

/* The object called @name (exact bytes) in a fresh snapshot; 0 or -errno. */
int cn_find_object(int dev, const char *name,
		   struct clusnet_if_entry *e);

/* The network with @id (or, with id 0, called @name); 0 or -errno. */
int cn_find_network(int dev, __u64 id, const char *name,
		    struct clusnet_network_entry *e);

/* The network an object is on (0 if none), from a snapshot; or -errno. */
long long cn_object_network_id(int dev, const char *name);

/*
 * Poll until the object @name is on a network other than @not_id (and
 * not on none); that network's id, or 0 on timeout, or -errno.
 */
long long cn_wait_object_network(int dev, const char *name,
				 __u64 not_id, int timeout_ms);

/*
 * Poll until the network @id has state @want (-ENOENT: is gone); returns
 * the last state seen (or -ENOENT).
 */
int cn_wait_network_state(int dev, __u64 id, int want,
			  int timeout_ms);

int cn_network_rename_n(int dev, __u64 id, const void *name,
			__u32 len);

int cn_network_rename(int dev, __u64 id, const char *name);

/* "Cluster Network N" with the smallest N no network is called now. */
int cn_next_network_name(int dev, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Shell commands (ip, modprobe) and netdevs (common_netdev.c)        */

__attribute__((format(printf, 2, 0)))
/* cn_sh() and cn_sh_quiet() with a va_list. */
__attribute__((format(printf, 2, 0)))
int cn_vsh(bool quiet, const char *fmt, va_list ap);

/* Run a shell command; its exit status (0 is success). */
__attribute__((format(printf, 1, 2)))
int cn_sh(const char *fmt, ...);

/* The same, output discarded and failure not reported (cleanup). */
__attribute__((format(printf, 1, 2)))
int cn_sh_quiet(const char *fmt, ...);

/* Load the netdev modules tests create links of (idempotent). */
void cn_netdev_modules(void);

/* Wait until /sys/class/net/<ifname>/operstate reads @want; true if so. */
bool cn_wait_operstate(const char *ifname, const char *want,
		       int timeout_ms);

bool cn_netdev_exists(const char *ifname);

/* Delete a netdev if it exists (cleanup). */
void cn_link_del(const char *ifname);

/* The MAC address of a netdev from sysfs; its length or -1. */
int cn_sysfs_hwaddr(const char *ifname, __u8 *addr, int max);

/*
 * Parse "a.b.c.d" or an IPv6 address into @addr (16 bytes, IPv4 in the
 * first 4); the family, or 0.
 */
int cn_parse_ip(const char *s, __u8 addr[16]);

/* Add a dummy netdev without IPv6 link-local address generation. */
int cn_dummy_add(const char *ifname, bool up);

/* ------------------------------------------------------------------ */
/* File descriptors: /proc and SCM_RIGHTS (common_fd.c)               */

int cn_fd_count(void);

/* The value of "key:\t<value>" in /proc/self/fdinfo/<fd>; 0 or -1. */
int cn_fdinfo(int fd, const char *key, char *val, size_t size);

/* SCM_RIGHTS; flags for sendmsg() (MSG_DONTWAIT). 0 or -errno. */
int cn_send_fd_flags(int sock, int fd, int flags);

int cn_send_fd(int sock, int fd);

/* flags for recvmsg() (MSG_DONTWAIT); the fd, or -errno. */
int cn_recv_fd_flags(int sock, int flags);

int cn_recv_fd(int sock);

/* ------------------------------------------------------------------ */
/* Capabilities, identities and children (common_ident.c)             */

int cn_capget(struct __user_cap_data_struct data[2]);

int cn_capset(struct __user_cap_data_struct data[2]);

bool cn_has_cap(int cap);

/* May create objects and netdevs (the root run). */
bool cn_is_admin(void);

void cn_msg_init(void);

const char *cn_child_msg(void);

__attribute__((format(printf, 2, 3)))
int cn_child_fail(int line, const char *fmt, ...);

/* Switch the calling process to @id; 0 or a child failure. */
int cn_ident_apply(const struct cn_ident *id);

/* Drop the calling process to clususer without capabilities. */
int cn_become_user(void);

/*
 * Start @fn(@arg) in a child, as @id (NULL: unchanged). The child's exit
 * code is @fn's return value.
 */
pid_t cn_spawn(const struct cn_ident *id, int (*fn)(void *),
	       void *arg);

/* Reap a child; its exit code, or 128 + signal (with a message). */
int cn_reap(pid_t pid);

int cn_run(const struct cn_ident *id, int (*fn)(void *),
	   void *arg);

/* ------------------------------------------------------------------ */
/* What needs the harness: defined in each test, not in the library.  */

#ifndef CN_LIBRARY
#include "kselftest_harness.h"

#define CN_REQUIRE_ADMIN() do { \
	if (!cn_is_admin()) \
		SKIP(return, "needs root with all capabilities"); \
} while (0)

/*
 * In a test body: continue as an unprivileged user. The root run drops to
 * clususer (the test runs in a process of its own); the unprivileged run
 * already is one.
 */
#define CN_BECOME_USER() do { \
	if (geteuid() == 0) { \
		ASSERT_EQ(0, cn_become_user()) \
			TH_LOG("%s", cn_child_msg()); \
	} else if (cn_has_cap(CAP_NET_ADMIN)) { \
		SKIP(return, "the unprivileged run has CAP_NET_ADMIN"); \
	} \
} while (0)

/*
 * Check, for ioctl @cmd on @fd whose valid argument is @valid (@ksize
 * bytes, first published size @ver0):
 *   size < ver0 -> EINVAL; size > 4096 -> E2BIG; a larger structure with a
 *   non-zero byte beyond @ksize -> E2BIG, with zeroes -> accepted; flags
 *   in @bad_flags (0-terminated) -> EINVAL; unmapped or partly unmapped
 *   structure -> EFAULT.
 */
static inline void cn_check_struct_rules(struct __test_metadata *_metadata,
					 const char *what, int fd,
					 unsigned long cmd, const void *valid,
					 size_t ksize, size_t ver0,
					 const __u32 *bad_flags,
					 const struct cn_struct_ops *ops)
{
	static const __u32 small[] = { 0, 4, 8 };
	static const __u32 big[] = { 4097, 8192, 65536, 0xffffffffu };
	const size_t page = 4096;
	unsigned char *map, *buf;
	unsigned int i;
	__u32 size;
	int ret;

	/* Two pages of structure space, then one unmapped page. */
	map = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(0, mprotect(map + 2 * page, page, PROT_NONE));
	buf = map;

#define CN_FILL(sz) do { \
	memset(buf, 0, 2 * page); \
	memcpy(buf, valid, ksize); \
	size = (sz); \
	memcpy(buf, &size, sizeof(size)); \
} while (0)

	/* The valid structure itself works. */
	CN_FILL(ksize);
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_LE(0, ret) TH_LOG("%s: valid structure: %s", what,
				 strerror(-ret));

	for (i = 0; i < ARRAY_SIZE(small); i++) {
		CN_FILL(small[i]);
		ret = cn_struct_try(fd, cmd, buf, ops);
		EXPECT_EQ(-EINVAL, ret)
			TH_LOG("%s: size %u (< %zu)", what, small[i], ver0);
	}
	CN_FILL(ver0 - 1);
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_EQ(-EINVAL, ret) TH_LOG("%s: size %zu", what, ver0 - 1);

	for (i = 0; i < ARRAY_SIZE(big); i++) {
		CN_FILL(big[i]);
		ret = cn_struct_try(fd, cmd, buf, ops);
		EXPECT_EQ(-E2BIG, ret)
			TH_LOG("%s: size %u (> 4096)", what, big[i]);
	}

	/* Larger than the kernel's structure: the tail must be zero. */
	CN_FILL(ksize + 8);
	buf[ksize + 5] = 0x5a;
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_EQ(-E2BIG, ret)
		TH_LOG("%s: size %zu, non-zero tail", what, ksize + 8);
	CN_FILL(page);
	buf[page - 1] = 1;
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_EQ(-E2BIG, ret) TH_LOG("%s: size 4096, last byte set", what);

	CN_FILL(ksize + 1);
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_LE(0, ret) TH_LOG("%s: size %zu, zero tail: %s", what,
				 ksize + 1, strerror(-ret));
	CN_FILL(ksize + 8);
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_LE(0, ret) TH_LOG("%s: size %zu, zero tail: %s", what,
				 ksize + 8, strerror(-ret));
	CN_FILL(page);
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_LE(0, ret) TH_LOG("%s: size 4096, zero tail: %s", what,
				 strerror(-ret));
	/* Output is written only up to size: nothing beyond it. */
	EXPECT_EQ(0, buf[page]) TH_LOG("%s: wrote beyond size 4096", what);

	for (i = 0; bad_flags && bad_flags[i]; i++) {
		CN_FILL(ksize);
		memcpy(buf + 4, &bad_flags[i], sizeof(__u32));
		ret = cn_struct_try(fd, cmd, buf, ops);
		EXPECT_EQ(-EINVAL, ret)
			TH_LOG("%s: flags 0x%x", what, bad_flags[i]);
	}

	/* Unreadable structures. */
	ret = cn_struct_try(fd, cmd, NULL, ops);
	EXPECT_EQ(-EFAULT, ret) TH_LOG("%s: NULL structure", what);
	ret = cn_struct_try(fd, cmd, map + 2 * page, ops);
	EXPECT_EQ(-EFAULT, ret) TH_LOG("%s: unmapped structure", what);
	/* The size is readable, the rest of the structure is not. */
	buf = map + 2 * page - 8;
	memset(buf, 0, 8);
	memcpy(buf, valid, 8);
	size = ksize;
	memcpy(buf, &size, sizeof(size));
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_EQ(-EFAULT, ret)
		TH_LOG("%s: structure running into an unmapped page", what);
	/* A valid structure whose zero tail runs into the unmapped page. */
	buf = map + 2 * page - ksize;
	memcpy(buf, valid, ksize);
	size = ksize + 64;
	memcpy(buf, &size, sizeof(size));
	ret = cn_struct_try(fd, cmd, buf, ops);
	EXPECT_EQ(-EFAULT, ret)
		TH_LOG("%s: tail running into an unmapped page", what);
#undef CN_FILL
	munmap(map, 3 * page);
}
#endif /* CN_LIBRARY */

#endif /* CLUSNET_SELFTEST_COMMON_H */
