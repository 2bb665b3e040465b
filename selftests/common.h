/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the clusnet kernel selftests (clusnet_*_test.c).
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

#include "kselftest_harness.h"

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

_Static_assert(sizeof(struct clusnet_cluster_info) ==
	       CLUSNET_CLUSTER_INFO_SIZE_VER0, "cluster_info size");
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

#define CN_PTR(p)	((__u64)(uintptr_t)(p))

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */

static inline long long cn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void cn_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ioctl() as 0/positive or -errno. */
static inline int cn_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

static inline const char *cn_state_name(int state)
{
	switch (state) {
	case CLUSNET_STATE_UNAVAILABLE: return "UNAVAILABLE";
	case CLUSNET_STATE_FAILED: return "FAILED";
	case CLUSNET_STATE_UNREACHABLE: return "UNREACHABLE";
	case CLUSNET_STATE_UP: return "UP";
	}
	return state < 0 ? strerror(-state) : "?";
}

static inline const char *cn_access_name(__u32 access)
{
	switch (access) {
	case 0: return "0";
	case CLUSNET_GENERIC_READ: return "GENERIC_READ";
	case CLUSNET_GENERIC_WRITE: return "GENERIC_WRITE";
	case CLUSNET_GENERIC_EXECUTE: return "GENERIC_EXECUTE";
	case CLUSNET_GENERIC_ALL: return "GENERIC_ALL";
	case CLUSNET_MAXIMUM_ALLOWED: return "MAXIMUM_ALLOWED";
	case CLUSNET_MAXIMUM_ALLOWED | CLUSNET_GENERIC_READ:
		return "MAXIMUM_ALLOWED|GENERIC_READ";
	case CLUSNET_MAXIMUM_ALLOWED | CLUSNET_GENERIC_ALL:
		return "MAXIMUM_ALLOWED|GENERIC_ALL";
	case CLUSNET_GENERIC_READ | CLUSNET_GENERIC_ALL:
		return "GENERIC_READ|GENERIC_ALL";
	}
	return "(other)";
}

/* ------------------------------------------------------------------ */
/* Unique names: one test runs in one process, so the pid is unique.   */

static unsigned int cn_counter;

static inline void cn_name(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "cnt %d-%u %s", (int)getpid(), cn_counter++, tag);
}

/* An interface name of at most 12 bytes: "cn<pid>x<n>". */
static inline void cn_ifname(char buf[IFNAMSIZ])
{
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "cn%dx%u", (int)getpid() % 10000000,
		 cn_counter++ % 100);
	memset(buf, 0, IFNAMSIZ);
	memcpy(buf, tmp, strlen(tmp) < IFNAMSIZ - 1 ? strlen(tmp) :
						      IFNAMSIZ - 1);
}

/* ASCII upper case of @src into @dst (@size bytes). */
static inline char *cn_upper(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = src[i] >= 'a' && src[i] <= 'z' ?
			 src[i] - 'a' + 'A' : src[i];
	dst[i] = '\0';
	return dst;
}

/* ------------------------------------------------------------------ */
/* /dev/clusnet and its ioctls                                         */

static inline int cn_dev(void)
{
	int fd = open(CN_DEV_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static inline int cn_open_n(int dev, const void *name, __u32 len,
			    __u32 desired, __u32 flags, __u32 *granted,
			    __u64 *id)
{
	struct clusnet_open op;
	int fd;

	memset(&op, 0, sizeof(op));
	op.size = sizeof(op);
	op.flags = flags;
	op.name = CN_PTR(name);
	op.name_len = len;
	op.desired_access = desired;
	fd = cn_ioctl(dev, CLUSNET_IOC_OPEN, &op);
	if (fd >= 0) {
		if (granted)
			*granted = op.granted_access;
		if (id)
			*id = op.id;
	}
	return fd;
}

/* Open by name; a handle fd or -errno. */
static inline int cn_open(int dev, const char *name, __u32 desired)
{
	return cn_open_n(dev, name, strlen(name), desired, O_CLOEXEC,
			 NULL, NULL);
}

static inline int cn_open_g(int dev, const char *name, __u32 desired,
			    __u32 *granted, __u64 *id)
{
	return cn_open_n(dev, name, strlen(name), desired, O_CLOEXEC,
			 granted, id);
}

static inline int cn_create_ex(int dev, const char *name, const char *node,
			       const char *network, const char *ifname,
			       __u32 uid, __u32 gid, __u32 mode, __u64 *id)
{
	struct clusnet_create cr;
	int ret;

	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.name = CN_PTR(name);
	cr.name_len = strlen(name);
	if (node) {
		cr.node = CN_PTR(node);
		cr.node_len = strlen(node);
	}
	if (network) {
		cr.network = CN_PTR(network);
		cr.network_len = strlen(network);
	}
	cr.uid = uid;
	cr.gid = gid;
	cr.mode = mode;
	snprintf(cr.ifname, sizeof(cr.ifname), "%s", ifname);
	ret = cn_ioctl(dev, CLUSNET_IOC_CREATE, &cr);
	if (!ret && id)
		*id = cr.id;
	return ret;
}

/* Create an object following ifname, with the given owner and mode. */
static inline int cn_create(int dev, const char *name, const char *ifname,
			    __u32 uid, __u32 gid, __u32 mode)
{
	return cn_create_ex(dev, name, NULL, NULL, ifname, uid, gid, mode,
			    NULL);
}

static inline int cn_delete(int dev, const char *name)
{
	struct clusnet_delete del;

	memset(&del, 0, sizeof(del));
	del.size = sizeof(del);
	del.name = CN_PTR(name);
	del.name_len = strlen(name);
	return cn_ioctl(dev, CLUSNET_IOC_DELETE, &del);
}

static inline int cn_set_security(int dev, const char *name, __u32 flags,
				  __u32 uid, __u32 gid, __u32 mode)
{
	struct clusnet_set_security ss;

	memset(&ss, 0, sizeof(ss));
	ss.size = sizeof(ss);
	ss.flags = flags;
	ss.name = CN_PTR(name);
	ss.name_len = strlen(name);
	ss.uid = uid;
	ss.gid = gid;
	ss.mode = mode;
	return cn_ioctl(dev, CLUSNET_IOC_SET_SECURITY, &ss);
}

static inline int cn_chmod(int dev, const char *name, __u32 mode)
{
	return cn_set_security(dev, name, CLUSNET_SET_MODE, 0, 0, mode);
}

static inline int cn_chown(int dev, const char *name, __u32 uid, __u32 gid)
{
	return cn_set_security(dev, name, CLUSNET_SET_UID | CLUSNET_SET_GID,
			       uid, gid, 0);
}

/* The autobind setting (0/1) or -errno. */
static inline int cn_autobind_get(int dev)
{
	struct clusnet_autobind ab;
	int ret;

	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	ret = cn_ioctl(dev, CLUSNET_IOC_AUTOBIND, &ab);
	return ret < 0 ? ret : (int)ab.enable;
}

static inline int cn_autobind_set(int dev, __u32 enable)
{
	struct clusnet_autobind ab;

	memset(&ab, 0, sizeof(ab));
	ab.size = sizeof(ab);
	ab.flags = CLUSNET_AUTOBIND_SET;
	ab.enable = enable;
	return cn_ioctl(dev, CLUSNET_IOC_AUTOBIND, &ab);
}

static inline int cn_cluster_info(int dev, __u32 desired,
				  struct clusnet_cluster_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	ci->desired_access = desired;
	return cn_ioctl(dev, CLUSNET_IOC_CLUSTER_INFO, ci);
}

/* Handle ioctls. */
static inline int cn_state(int h)
{
	return cn_ioctl(h, CLUSNET_HIOC_GET_STATE, NULL);
}

static inline int cn_info(int h, struct clusnet_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return cn_ioctl(h, CLUSNET_HIOC_GET_INFO, info);
}

static inline int cn_set_desc(int h, const char *text, __u32 len)
{
	struct clusnet_description d;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.text = CN_PTR(text);
	d.text_len = len;
	return cn_ioctl(h, CLUSNET_HIOC_SET_DESCRIPTION, &d);
}

/*
 * Poll the handle until its state is @want (a CLUSNET_STATE_* or a
 * -errno) or @timeout_ms passed; returns the last state seen.
 */
static inline int cn_wait_state(int h, int want, int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	int st;

	for (;;) {
		st = cn_state(h);
		if (st == want || cn_now_ms() >= deadline)
			return st;
		cn_sleep_ms(CN_POLL_MS);
	}
}

/* Open @name (polling up to @timeout_ms while it is ENOENT). */
static inline int cn_wait_open(int dev, const char *name, __u32 desired,
			       int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	int fd;

	for (;;) {
		fd = cn_open(dev, name, desired);
		if (fd != -ENOENT || cn_now_ms() >= deadline)
			return fd;
		cn_sleep_ms(CN_POLL_MS);
	}
}

/* ------------------------------------------------------------------ */
/* Shell commands (ip, modprobe)                                       */

static inline int cn_vsh(bool quiet, const char *fmt, va_list ap)
{
	char cmd[1024], line[1200];
	int st;

	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	snprintf(line, sizeof(line),
		 "PATH=/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin:$PATH; export PATH; { %s ; }%s",
		 cmd, quiet ? " >/dev/null 2>&1" : "");
	fflush(stdout);
	fflush(stderr);
	st = system(line);
	if (st == -1)
		st = 127;
	else if (WIFEXITED(st))
		st = WEXITSTATUS(st);
	else
		st = 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	if (st && !quiet)
		fprintf(stderr, "# command failed (status %d): %s\n", st, cmd);
	return st;
}

/* Run a shell command; its exit status (0 is success). */
static inline __attribute__((format(printf, 1, 2)))
int cn_sh(const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = cn_vsh(false, fmt, ap);
	va_end(ap);
	return st;
}

/* The same, output discarded and failure not reported (cleanup). */
static inline __attribute__((format(printf, 1, 2)))
int cn_sh_quiet(const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	st = cn_vsh(true, fmt, ap);
	va_end(ap);
	return st;
}

/* Load the netdev modules tests create links of (idempotent). */
static inline void cn_netdev_modules(void)
{
	if (access("/sys/module/dummy", F_OK) ||
	    access("/sys/module/veth", F_OK))
		cn_sh_quiet("modprobe dummy; modprobe veth");
}

/* Wait until /sys/class/net/<ifname>/operstate reads @want; true if so. */
static inline bool cn_wait_operstate(const char *ifname, const char *want,
				     int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	char path[128], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/operstate", ifname);
	for (;;) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (n > 0) {
				buf[n] = '\0';
				buf[strcspn(buf, "\n")] = '\0';
				if (!strcmp(buf, want))
					return true;
			}
		}
		if (cn_now_ms() >= deadline)
			return false;
		cn_sleep_ms(CN_POLL_MS);
	}
}

static inline bool cn_netdev_exists(const char *ifname)
{
	return if_nametoindex(ifname) != 0;
}

/* Delete a netdev if it exists (cleanup). */
static inline void cn_link_del(const char *ifname)
{
	if (ifname && ifname[0] && cn_netdev_exists(ifname))
		cn_sh_quiet("ip link del %s", ifname);
}

/* The MAC address of a netdev from sysfs; its length or -1. */
static inline int cn_sysfs_hwaddr(const char *ifname, __u8 *addr, int max)
{
	char path[128], buf[256], *p;
	int n = 0, fd;
	ssize_t len;

	snprintf(path, sizeof(path), "/sys/class/net/%s/address", ifname);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	p = buf;
	while (*p && *p != '\n' && n < max) {
		addr[n++] = (__u8)strtoul(p, &p, 16);
		if (*p == ':')
			p++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* /proc                                                               */

static inline int cn_fd_count(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;	/* the directory's own fd */
}

/* The value of "key:\t<value>" in /proc/self/fdinfo/<fd>; 0 or -1. */
static inline int cn_fdinfo(int fd, const char *key, char *val, size_t size)
{
	char path[64], buf[4096], *p, *end;
	size_t klen = strlen(key);
	ssize_t len;
	int f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -1;
	len = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	for (p = buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, key, klen) || p[klen] != ':')
			continue;
		p += klen + 1;
		if (*p != '\t')
			return -1;
		p++;
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		snprintf(val, size, "%.*s", (int)(end - p), p);
		return 0;
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Capabilities and identities                                         */

static inline int cn_capget(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return syscall(SYS_capget, &hdr, data) ? -errno : 0;
}

static inline int cn_capset(struct __user_cap_data_struct data[2])
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}

static inline bool cn_has_cap(int cap)
{
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	if (cn_capget(data))
		return false;
	return data[cap / 32].effective & (1u << (cap % 32));
}

/* May create objects and netdevs (the root run). */
static inline bool cn_is_admin(void)
{
	return geteuid() == 0 && cn_has_cap(CAP_NET_ADMIN) &&
	       cn_has_cap(CAP_SETUID) && cn_has_cap(CAP_SYS_MODULE);
}

#define CN_REQUIRE_ADMIN() do { \
	if (!cn_is_admin()) \
		SKIP(return, "needs root with all capabilities"); \
} while (0)

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
static const struct cn_ident cn_ident_user __attribute__((unused)) = {
	.uid = CN_USER_UID, .gid = CN_USER_GID,
};

/* Someone who is neither owner nor in any group tests use. */
static const struct cn_ident cn_ident_other __attribute__((unused)) = {
	.uid = CN_OTHER_UID, .gid = CN_OTHER_GID,
};

static char *cn_msg;	/* shared with children: why one failed */
#define CN_MSG_SIZE 4096

static inline void cn_msg_init(void)
{
	if (!cn_msg) {
		cn_msg = mmap(NULL, CN_MSG_SIZE, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (cn_msg == MAP_FAILED) {
			cn_msg = NULL;
			return;
		}
	}
	cn_msg[0] = '\0';
}

static inline const char *cn_child_msg(void)
{
	return cn_msg ? cn_msg : "";
}

static inline __attribute__((format(printf, 2, 3)))
int cn_child_fail(int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!cn_msg || cn_msg[0])	/* keep the first failure */
		return 1;
	n = snprintf(cn_msg, CN_MSG_SIZE, "child line %d: ", line);
	va_start(ap, fmt);
	vsnprintf(cn_msg + n, CN_MSG_SIZE - n, fmt, ap);
	va_end(ap);
	return 1;
}

/* In a child function: fail (return 1) with a message unless cond. */
#define CN_CHECK(cond, fmt, ...) do { \
	if (!(cond)) \
		return cn_child_fail(__LINE__, "!(%s): " fmt, #cond, \
				     ##__VA_ARGS__); \
} while (0)

/* Switch the calling process to @id; 0 or a child failure. */
static inline int cn_ident_apply(const struct cn_ident *id)
{
	struct __user_cap_data_struct data[2];
	int i;

	if (id->caps == CN_CAPS_ONLY_NET_ADMIN &&
	    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return cn_child_fail(__LINE__, "PR_SET_KEEPCAPS: %m");
	if (setgroups(id->ngroups, id->groups))
		return cn_child_fail(__LINE__, "setgroups: %m");
	if (setresgid(id->gid, id->gid, id->gid))
		return cn_child_fail(__LINE__, "setresgid(%u): %m",
				     (unsigned int)id->gid);
	if (setresuid(id->uid, id->uid, id->uid))
		return cn_child_fail(__LINE__, "setresuid(%u): %m",
				     (unsigned int)id->uid);

	memset(data, 0, sizeof(data));
	switch (id->caps) {
	case CN_CAPS_NATURAL:
		break;
	case CN_CAPS_DROP_NET_ADMIN:
		if (cn_capget(data))
			return cn_child_fail(__LINE__, "capget: %m");
		for (i = 0; i < 2; i++) {
			__u32 bit = CAP_NET_ADMIN / 32 == i ?
				    1u << (CAP_NET_ADMIN % 32) : 0;

			data[i].effective &= ~bit;
			data[i].permitted &= ~bit;
			data[i].inheritable &= ~bit;
		}
		if (cn_capset(data))
			return cn_child_fail(__LINE__, "capset: %m");
		break;
	case CN_CAPS_ONLY_NET_ADMIN:
		data[CAP_NET_ADMIN / 32].effective =
			1u << (CAP_NET_ADMIN % 32);
		data[CAP_NET_ADMIN / 32].permitted =
			1u << (CAP_NET_ADMIN % 32);
		if (cn_capset(data))
			return cn_child_fail(__LINE__, "capset: %m");
		break;
	case CN_CAPS_NONE:
		if (cn_capset(data))
			return cn_child_fail(__LINE__, "capset: %m");
		break;
	}

	if (cn_has_cap(CAP_NET_ADMIN) !=
	    (id->caps == CN_CAPS_ONLY_NET_ADMIN ||
	     (id->caps == CN_CAPS_NATURAL && id->uid == 0)))
		return cn_child_fail(__LINE__,
				     "CAP_NET_ADMIN is %s after the switch",
				     cn_has_cap(CAP_NET_ADMIN) ? "set" :
								 "clear");
	return 0;
}

/* Drop the calling process to clususer without capabilities. */
static inline int cn_become_user(void)
{
	cn_msg_init();
	return cn_ident_apply(&cn_ident_user);
}

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
 * Start @fn(@arg) in a child, as @id (NULL: unchanged). The child's exit
 * code is @fn's return value.
 */
static inline pid_t cn_spawn(const struct cn_ident *id, int (*fn)(void *),
			     void *arg)
{
	pid_t pid;

	cn_msg_init();
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		int rc = id ? cn_ident_apply(id) : 0;

		if (!rc)
			rc = fn(arg);
		_exit(rc & 0xff);
	}
	return pid;
}

/* Reap a child; its exit code, or 128 + signal (with a message). */
static inline int cn_reap(pid_t pid)
{
	int status;

	if (pid < 0)
		return 255;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 255;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (cn_msg && !cn_msg[0])
		snprintf(cn_msg, CN_MSG_SIZE, "child killed by signal %d",
			 WTERMSIG(status));
	return 128 + WTERMSIG(status);
}

static inline int cn_run(const struct cn_ident *id, int (*fn)(void *),
			 void *arg)
{
	return cn_reap(cn_spawn(id, fn, arg));
}

/* Memory parents and children share (results of children). */
static inline void *cn_shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0, size);
	return p;
}

/* ------------------------------------------------------------------ */
/* Synchronisation with children: one byte through a pipe.             */

static inline int cn_post(int fd)
{
	char c = 1;

	return write(fd, &c, 1) == 1 ? 0 : -1;
}

/* Wait up to @timeout_ms for a byte; 0, or -1 on timeout/EOF. */
static inline int cn_pend(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;

	if (poll(&p, 1, timeout_ms) != 1)
		return -1;
	return read(fd, &c, 1) == 1 ? 0 : -1;
}

/* SCM_RIGHTS; flags for sendmsg() (MSG_DONTWAIT). 0 or -errno. */
static inline int cn_send_fd_flags(int sock, int fd, int flags)
{
	char data = 'F';
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;

	memset(&u, 0, sizeof(u));
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, flags) == 1 ? 0 : -errno;
}

static inline int cn_send_fd(int sock, int fd)
{
	return cn_send_fd_flags(sock, fd, 0);
}

/* flags for recvmsg() (MSG_DONTWAIT); the fd, or -errno. */
static inline int cn_recv_fd_flags(int sock, int flags)
{
	char data;
	struct iovec iov = { .iov_base = &data, .iov_len = 1 };
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cm;
	ssize_t n;
	int fd;

	n = recvmsg(sock, &msg, flags | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return -errno;
	if (n != 1)
		return -EIO;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -EBADMSG;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static inline int cn_recv_fd(int sock)
{
	return cn_recv_fd_flags(sock, 0);
}

/* ------------------------------------------------------------------ */
/* The module                                                          */

static inline bool cn_module_loaded(void)
{
	return access("/sys/module/clusnet", F_OK) == 0;
}

/* Wait up to @timeout_ms until /dev/clusnet opens; 0 or -errno. */
static inline int cn_wait_dev(int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	int fd;

	for (;;) {
		fd = cn_dev();
		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (cn_now_ms() >= deadline)
			return fd;
		cn_sleep_ms(CN_POLL_MS);
	}
}

/* Load the module again if a test left it unloaded. */
static inline int cn_ensure_module(void)
{
	if (!cn_module_loaded() && cn_sh("modprobe clusnet"))
		return -1;
	return cn_wait_dev(10000);
}

/* ------------------------------------------------------------------ */
/* The rules every ioctl structure follows (size, tail, flags, EFAULT)  */

/*
 * Called before each attempt (prep) and after each one that succeeded
 * (undo, with the return value: e.g. close a handle, delete an object).
 */
struct cn_struct_ops {
	void (*prep)(void *ctx);
	void (*undo)(int ret, void *ctx);
	void *ctx;
};

static inline int cn_struct_try(int fd, unsigned long cmd, void *arg,
				const struct cn_struct_ops *ops)
{
	int ret;

	if (ops && ops->prep)
		ops->prep(ops->ctx);
	ret = cn_ioctl(fd, cmd, arg);
	if (ret >= 0 && ops && ops->undo)
		ops->undo(ret, ops->ctx);
	return ret;
}

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

/* ------------------------------------------------------------------ */
/* Snapshots (ENUM, NETWORKS), networks, NIC addresses, change events  */

#include <arpa/inet.h>
#include <strings.h>

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

/*
 * One CLUSNET_IOC_ENUM or CLUSNET_IOC_NETWORKS call: 0 or -errno, the
 * snapshot's size in *count.
 */
static inline int cn_enum_raw(int dev, unsigned long cmd, void *entries,
			      __u32 entry_size, __u32 capacity, __u32 *count)
{
	struct clusnet_enum en;
	int ret;

	memset(&en, 0, sizeof(en));
	en.size = sizeof(en);
	en.entries = CN_PTR(entries);
	en.entry_size = entry_size;
	en.capacity = capacity;
	ret = cn_ioctl(dev, cmd, &en);
	if (!ret && count)
		*count = en.count;
	return ret;
}

/*
 * A whole snapshot in a malloc()ed array (*out, free() it), retrying with
 * a larger array while the snapshot grows; the entry count or -errno.
 */
static inline int cn_snapshot(int dev, unsigned long cmd, size_t entry_size,
			      void **out)
{
	__u32 cap = 16, count;
	void *buf;
	int ret, tries;

	*out = NULL;
	for (tries = 0; tries < 100; tries++) {
		buf = calloc(cap, entry_size);
		if (!buf)
			return -ENOMEM;
		ret = cn_enum_raw(dev, cmd, buf, entry_size, cap, &count);
		if (ret) {
			free(buf);
			return ret;
		}
		if (count <= cap) {
			*out = buf;
			return (int)count;
		}
		free(buf);
		cap = count + 16;
	}
	return -EAGAIN;
}

/* Every object of the caller's namespace; the count or -errno. */
static inline int cn_objects(int dev, struct clusnet_if_entry **out)
{
	return cn_snapshot(dev, CLUSNET_IOC_ENUM, sizeof(**out),
			   (void **)out);
}

/* Every network of the caller's namespace; the count or -errno. */
static inline int cn_networks(int dev, struct clusnet_network_entry **out)
{
	return cn_snapshot(dev, CLUSNET_IOC_NETWORKS, sizeof(**out),
			   (void **)out);
}

/* The object called @name (exact bytes) in a fresh snapshot; 0 or -errno. */
static inline int cn_find_object(int dev, const char *name,
				 struct clusnet_if_entry *e)
{
	struct clusnet_if_entry *all;
	int n, i;

	n = cn_objects(dev, &all);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (!strcmp(all[i].name, name)) {
			*e = all[i];
			free(all);
			return 0;
		}
	}
	free(all);
	return -ENOENT;
}

/* The network with @id (or, with id 0, called @name); 0 or -errno. */
static inline int cn_find_network(int dev, __u64 id, const char *name,
				  struct clusnet_network_entry *e)
{
	struct clusnet_network_entry *all;
	int n, i;

	n = cn_networks(dev, &all);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (id ? all[i].id == id : name && !strcmp(all[i].name, name)) {
			*e = all[i];
			free(all);
			return 0;
		}
	}
	free(all);
	return -ENOENT;
}

/* The network an object is on (0 if none), from a snapshot; or -errno. */
static inline long long cn_object_network_id(int dev, const char *name)
{
	struct clusnet_if_entry e;
	int ret = cn_find_object(dev, name, &e);

	return ret ? ret : (long long)e.network_id;
}

/*
 * Poll until the object @name is on a network other than @not_id (and
 * not on none); that network's id, or 0 on timeout, or -errno.
 */
static inline long long cn_wait_object_network(int dev, const char *name,
					       __u64 not_id, int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms, id;

	for (;;) {
		id = cn_object_network_id(dev, name);
		if (id < 0 || (id && (__u64)id != not_id))
			return id;
		if (cn_now_ms() >= deadline)
			return 0;
		cn_sleep_ms(CN_POLL_MS);
	}
}

/*
 * Poll until the network @id has state @want (-ENOENT: is gone); returns
 * the last state seen (or -ENOENT).
 */
static inline int cn_wait_network_state(int dev, __u64 id, int want,
					int timeout_ms)
{
	long long deadline = cn_now_ms() + timeout_ms;
	struct clusnet_network_entry e;
	int st;

	for (;;) {
		st = cn_find_network(dev, id, NULL, &e);
		if (!st)
			st = (int)e.state;
		if (st == want || cn_now_ms() >= deadline)
			return st;
		cn_sleep_ms(CN_POLL_MS);
	}
}

static inline const char *cn_network_state_name(int state)
{
	switch (state) {
	case CLUSNET_NETWORK_UNAVAILABLE: return "UNAVAILABLE";
	case CLUSNET_NETWORK_DOWN: return "DOWN";
	case CLUSNET_NETWORK_PARTITIONED: return "PARTITIONED";
	case CLUSNET_NETWORK_UP: return "UP";
	}
	return state < 0 ? strerror(-state) : "?";
}

static inline int cn_network_rename_n(int dev, __u64 id, const void *name,
				      __u32 len)
{
	struct clusnet_network_rename rn;

	memset(&rn, 0, sizeof(rn));
	rn.size = sizeof(rn);
	rn.id = id;
	rn.name = CN_PTR(name);
	rn.name_len = len;
	return cn_ioctl(dev, CLUSNET_IOC_NETWORK_RENAME, &rn);
}

static inline int cn_network_rename(int dev, __u64 id, const char *name)
{
	return cn_network_rename_n(dev, id, name, strlen(name));
}

/* "Cluster Network N" with the smallest N no network is called now. */
static inline int cn_next_network_name(int dev, char *buf, size_t size)
{
	struct clusnet_network_entry *all;
	char want[64];
	int n, i, num;

	n = cn_networks(dev, &all);
	if (n < 0)
		return n;
	for (num = 1;; num++) {
		snprintf(want, sizeof(want), "Cluster Network %d", num);
		for (i = 0; i < n; i++)
			if (!strcasecmp(all[i].name, want))
				break;
		if (i == n)
			break;
	}
	free(all);
	snprintf(buf, size, "%s", want);
	return num;
}

/* CLUSNET_HIOC_GET_NIC on a handle; 0 or -errno. */
static inline int cn_nic(int h, struct clusnet_nic *nic)
{
	memset(nic, 0, sizeof(*nic));
	nic->size = sizeof(*nic);
	return cn_ioctl(h, CLUSNET_HIOC_GET_NIC, nic);
}

/* A watch fd (CLUSNET_IOC_WATCH) or -errno. */
static inline int cn_watch(int dev, __u32 flags)
{
	struct clusnet_watch w;

	memset(&w, 0, sizeof(w));
	w.size = sizeof(w);
	w.flags = flags;
	return cn_ioctl(dev, CLUSNET_IOC_WATCH, &w);
}

/* Open by name with open flags (O_CLOEXEC, O_NONBLOCK). */
static inline int cn_open_f(int dev, const char *name, __u32 desired,
			    __u32 flags)
{
	return cn_open_n(dev, name, strlen(name), desired, flags, NULL,
			 NULL);
}

/*
 * Wait up to @timeout_ms for @fd to become readable, then read one record
 * of @size bytes: 1 (a record), 0 (end of file), -ETIMEDOUT, or -errno.
 */
static inline int cn_read_record(int fd, void *rec, size_t size,
				 int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	do {
		ret = poll(&p, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	if (ret == 0)
		return -ETIMEDOUT;
	n = read(fd, rec, size);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	return (size_t)n == size ? 1 : -EMSGSIZE;
}

static inline int cn_read_event(int h, struct clusnet_event *ev,
				int timeout_ms)
{
	memset(ev, 0, sizeof(*ev));
	return cn_read_record(h, ev, sizeof(*ev), timeout_ms);
}

static inline int cn_read_cluster_event(int w, struct clusnet_cluster_event *ev,
					int timeout_ms)
{
	memset(ev, 0, sizeof(*ev));
	return cn_read_record(w, ev, sizeof(*ev), timeout_ms);
}

/*
 * Parse "a.b.c.d" or an IPv6 address into @addr (16 bytes, IPv4 in the
 * first 4); the family, or 0.
 */
static inline int cn_parse_ip(const char *s, __u8 addr[16])
{
	memset(addr, 0, 16);
	if (strchr(s, ':'))
		return inet_pton(AF_INET6, s, addr) == 1 ? AF_INET6 : 0;
	return inet_pton(AF_INET, s, addr) == 1 ? AF_INET : 0;
}

/* Add a dummy netdev without IPv6 link-local address generation. */
static inline int cn_dummy_add(const char *ifname, bool up)
{
	return cn_sh("ip link add %s type dummy && ip link set %s addrgenmode none%s%s",
		     ifname, ifname, up ? " && ip link set up dev " : "",
		     up ? ifname : "");
}

#endif /* CLUSNET_SELFTEST_COMMON_H */
