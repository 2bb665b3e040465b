// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl: list, inspect, open, create, change and watch clusnet
 * interface objects. See clusnetctl(8).
 *
 * This file: the command line, errors and exit codes, /dev/clusnet, and
 * the helpers every command shares (names of values, users, output).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "clusnetctl.h"

#ifndef CLUSNETCTL_VERSION
#define CLUSNETCTL_VERSION "unknown"
#endif

bool json;
const char *prog = "clusnetctl";

static const struct cmd cmds[] = {
	{ "list", cmd_list, 0, 0, "node", "list [--node NODE]" },
	{ "nodes", cmd_nodes, 0, 0, "", "nodes" },
	{ "show", cmd_show, 1, 1, "", "show NAME" },
	{ "open", cmd_open, 1, 1, "access",
	  "open NAME [--access read|all|max]" },
	{ "create", cmd_create, 1, 1, "nic node network owner group mode",
	  "create NAME --nic IFNAME [--node NODE] [--network NETWORK]\n"
	  "                  [--owner USER] [--group GROUP] [--mode MODE]" },
	{ "delete", cmd_delete, 1, 1, "", "delete NAME" },
	{ "chown", cmd_chown, 2, 2, "", "chown NAME USER[:GROUP] | :GROUP" },
	{ "chmod", cmd_chmod, 2, 2, "", "chmod NAME MODE" },
	{ "describe", cmd_describe, 2, 2, "", "describe NAME TEXT" },
	{ "networks", cmd_networks, 0, 0, "", "networks" },
	{ "network", cmd_network, 3, 3, "", "network rename OLD NEW" },
	{ "watch", cmd_watch, 0, 1, "count timeout node",
	  "watch [NAME] [--node NODE] [--count N] [--timeout SEC]" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: %s [--json] COMMAND [ARGS]\n", prog);
	fprintf(f, "       %s -h|--help | --version\n\ncommands:\n", prog);
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %s\n", cmds[i].synopsis);
	fprintf(f, "\nexit status: 0 ok, 1 failure, 2 usage, 3 not found, "
		"4 permission denied,\n5 already exists, 6 no /dev/clusnet. "
		"See clusnetctl(8).\n");
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void vreport(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int fail(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return code;
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help'.\n", prog);
	return CX_USAGE;
}

int errno_code(int err)
{
	switch (err) {
	case ENOENT:
		return CX_NOTFOUND;
	case EPERM:
	case EACCES:
		return CX_PERM;
	case EEXIST:
		return CX_EXISTS;
	default:
		return CX_FAIL;
	}
}

/* Why a write to another node's interface failed (the kernel forwards it). */
static const char *forward_hint(int err)
{
	switch (err) {
	case ENOTCONN:
		return "it is another node's interface, and no clusnetd runs "
		       "here to carry the change to that node";
	case EHOSTDOWN:
		return "it is another node's interface, and that node is down";
	case ETIMEDOUT:
		return "it is another node's interface, and that node did not "
		       "confirm the change in time; it may still apply it";
	}
	return NULL;
}

int fail_errno(int err, const char *hint, const char *fmt, ...)
{
	va_list ap;

	if (!hint)
		hint = forward_hint(err);

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s", strerror(err));
	if (hint)
		fprintf(stderr, " (%s)", hint);
	fputc('\n', stderr);
	return errno_code(err);
}

/* ------------------------------------------------------------------ */
/* /dev/clusnet                                                        */

int dev_open(void)
{
	const char *path = getenv("CLUSNET_DEVICE");
	int fd, err;

	/* An override, for tests and for looking at another namespace's
	 * device node; the kernel checks every access anyway. */
	if (!path || !*path)
		path = "/dev/" CLUSNET_DEVICE_NAME;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	err = errno;
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		fail(CX_NODEV, "%s: %s (is the clusnet module loaded? "
		     "try: modprobe clusnet)", path, strerror(err));
		return -CX_NODEV;
	case EACCES:
	case EPERM:
		fail(CX_PERM, "%s: %s (the device node's mode does not "
		     "let you open it)", path, strerror(err));
		return -CX_PERM;
	}
	fail(CX_FAIL, "%s: %s", path, strerror(err));
	return -CX_FAIL;
}

int cluster_info(int dev, struct clusnet_cluster_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	return ioctl(dev, CLUSNET_IOC_CLUSTER_INFO, ci) ? -errno : 0;
}

int need_feature(int dev, __u64 feature, const char *what, const char *ioc)
{
	struct clusnet_cluster_info ci;
	int err = cluster_info(dev, &ci);

	if (err == -ENOTTY)
		return -fail(CX_FAIL, "%s: this is not a clusnet device "
			     "(CLUSNET_IOC_CLUSTER_INFO: %s)", what,
			     strerror(-err));
	if (err)
		return -fail_errno(-err, NULL, "%s: CLUSNET_IOC_CLUSTER_INFO",
				   what);
	if (!(ci.features & feature))
		return -fail(CX_FAIL, "%s: the loaded clusnet module has no "
			     "%s (module version %u.%u.%u); update it", what,
			     ioc, ci.version >> 16, (ci.version >> 8) & 0xff,
			     ci.version & 0xff);
	return 0;
}

/* One snapshot ioctl, retried with a larger array while it grows. */
static int snapshot(int dev, unsigned long cmd, size_t entry_size,
		    void **out)
{
	struct clusnet_enum en;
	__u32 capacity = 16;
	void *buf = NULL;

	for (;;) {
		void *nbuf = realloc(buf, (size_t)capacity * entry_size);

		if (!nbuf) {
			free(buf);
			return -ENOMEM;
		}
		buf = nbuf;
		memset(&en, 0, sizeof(en));
		en.size = sizeof(en);
		en.entries = CN_PTR(buf);
		en.entry_size = entry_size;
		en.capacity = capacity;
		if (ioctl(dev, cmd, &en)) {
			int err = errno;

			free(buf);
			return -err;
		}
		if (en.count <= capacity)
			break;
		capacity = en.count + 16;
	}
	*out = buf;
	return (int)en.count;
}

int enum_objects(int dev, struct clusnet_if_entry **out)
{
	return snapshot(dev, CLUSNET_IOC_ENUM, sizeof(**out), (void **)out);
}

int enum_nodes(int dev, struct clusnet_node_entry **out)
{
	return snapshot(dev, CLUSNET_IOC_NODES, sizeof(**out), (void **)out);
}

int enum_networks(int dev, struct clusnet_network_entry **out)
{
	return snapshot(dev, CLUSNET_IOC_NETWORKS, sizeof(**out),
			(void **)out);
}

const struct clusnet_if_entry *find_object(const struct clusnet_if_entry *e,
					   int n, const char *name)
{
	int i;

	/* The kernel compares names case-insensitively for ASCII only:
	 * strcasecmp() in the C locale does the same. */
	for (i = 0; i < n; i++)
		if (!strcasecmp(e[i].name, name))
			return &e[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Checks and names                                                    */

int check_name(const char *what, const char *s, size_t max)
{
	size_t len = strlen(s);

	if (!len)
		return usage_error("%s must not be empty", what);
	if (len > max)
		return usage_error("%s is %zu bytes long; at most %zu are "
				   "allowed", what, len, max);
	if (!utf8_valid(s))
		return usage_error("%s is not valid UTF-8", what);
	return 0;
}

const char *state_name(__u32 state)
{
	switch (state) {
	case CLUSNET_STATE_UNAVAILABLE: return "Unavailable";
	case CLUSNET_STATE_FAILED: return "Failed";
	case CLUSNET_STATE_UNREACHABLE: return "Unreachable";
	case CLUSNET_STATE_UP: return "Up";
	}
	return "Unknown";
}

const char *node_state_name(__u32 state)
{
	switch (state) {
	case CLUSNET_NODE_UP: return "Up";
	case CLUSNET_NODE_DOWN: return "Down";
	case CLUSNET_NODE_JOINING: return "Joining";
	}
	return "Unknown";
}

const char *network_state_name(__u32 state)
{
	switch (state) {
	case CLUSNET_NETWORK_UNAVAILABLE: return "Unavailable";
	case CLUSNET_NETWORK_DOWN: return "Down";
	case CLUSNET_NETWORK_PARTITIONED: return "Partitioned";
	case CLUSNET_NETWORK_UP: return "Up";
	}
	return "Unknown";
}

const char *access_name(__u32 access)
{
	switch (access) {
	case CLUSNET_GENERIC_READ: return "GENERIC_READ";
	case CLUSNET_GENERIC_WRITE: return "GENERIC_WRITE";
	case CLUSNET_GENERIC_EXECUTE: return "GENERIC_EXECUTE";
	case CLUSNET_GENERIC_ALL: return "GENERIC_ALL";
	case CLUSNET_MAXIMUM_ALLOWED: return "MAXIMUM_ALLOWED";
	}
	return "(other)";
}

/* Rotating static buffers, so that two names fit in one printf(). */
static char *namebuf(void)
{
	static char bufs[4][64];
	static unsigned int i;

	return bufs[i++ % 4];
}

const char *user_name(__u32 uid)
{
	struct passwd *pw = getpwuid(uid);
	char *b = namebuf();

	snprintf(b, 64, "%s", pw ? pw->pw_name : "");
	if (!pw || strlen(pw->pw_name) >= 64)
		snprintf(b, 64, "%u", uid);
	return b;
}

const char *group_name(__u32 gid)
{
	struct group *gr = getgrgid(gid);
	char *b = namebuf();

	snprintf(b, 64, "%s", gr ? gr->gr_name : "");
	if (!gr || strlen(gr->gr_name) >= 64)
		snprintf(b, 64, "%u", gid);
	return b;
}

/* A decimal id: 0 to 2^32 - 2 ((__u32)-1 means "the caller's"). */
static bool parse_id(const char *s, __u32 *id)
{
	unsigned long long v;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v >= 0xffffffffULL)
		return false;
	*id = (__u32)v;
	return true;
}

int parse_user(const char *s, __u32 *uid)
{
	struct passwd *pw;

	if (parse_id(s, uid))
		return 0;
	pw = *s ? getpwnam(s) : NULL;
	if (!pw)
		return usage_error("unknown user '%s'", s);
	*uid = pw->pw_uid;
	return 0;
}

int parse_group(const char *s, __u32 *gid)
{
	struct group *gr;

	if (parse_id(s, gid))
		return 0;
	gr = *s ? getgrnam(s) : NULL;
	if (!gr)
		return usage_error("unknown group '%s'", s);
	*gid = gr->gr_gid;
	return 0;
}

int parse_mode(const char *s, __u32 *mode)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = *s >= '0' && *s <= '7' ? strtoul(s, &end, 8) : 0;
	if (*s < '0' || *s > '7' || errno || *end || v > 07777)
		return usage_error("mode '%s': not an octal mode such as 0644",
				   s);
	if (v & ~(unsigned long)CLUSNET_MODE_MASK)
		return usage_error("mode '%s': only the read (4) and write "
				   "(2) bits are used (at most 0666)", s);
	*mode = (__u32)v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The command line                                                    */

static bool takes_option(const struct cmd *c, const char *opt)
{
	size_t len = strlen(opt);
	const char *p = c->options;

	while ((p = strstr(p, opt))) {
		if ((p == c->options || p[-1] == ' ') &&
		    (p[len] == ' ' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

static const char **opt_slot(struct opts *o, const char *name)
{
	static const struct {
		const char *name;
		size_t off;
	} map[] = {
		{ "access", offsetof(struct opts, access) },
		{ "nic", offsetof(struct opts, nic) },
		{ "node", offsetof(struct opts, node) },
		{ "network", offsetof(struct opts, network) },
		{ "owner", offsetof(struct opts, owner) },
		{ "group", offsetof(struct opts, group) },
		{ "mode", offsetof(struct opts, mode) },
		{ "count", offsetof(struct opts, count) },
		{ "timeout", offsetof(struct opts, timeout) },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].name, name))
			return (const char **)((char *)o + map[i].off);
	return NULL;
}

int main(int argc, char **argv)
{
	const struct cmd *c = NULL;
	char **args = calloc(argc + 1, sizeof(*args));
	/* Command options may come before the command: checked at the end. */
	char **onames = calloc(argc + 1, sizeof(*onames));
	char **ovals = calloc(argc + 1, sizeof(*ovals));
	struct opts o = { 0 };
	bool dashdash = false;
	int nargs = 0, nopts = 0, i;
	size_t k;

	setlocale(LC_ALL, "");
	if (!args || !onames || !ovals)
		return fail(CX_FAIL, "out of memory");

	for (i = 1; i < argc; i++) {
		char *a = argv[i], *val;

		if (dashdash || a[0] != '-' || !a[1]) {
			if (!c) {
				for (k = 0; k < NCMDS; k++)
					if (!strcmp(cmds[k].name, a))
						c = &cmds[k];
				if (!c)
					return usage_error("unknown command "
							   "'%s'", a);
			} else {
				args[nargs++] = a;
			}
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = true;
			continue;
		}
		if (!strcmp(a, "-j") || !strcmp(a, "--json")) {
			json = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return CX_OK;
		}
		if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("clusnetctl %s\n", CLUSNETCTL_VERSION);
			return CX_OK;
		}
		if (a[1] != '-')
			return usage_error("unknown option '%s'", a);
		val = strchr(a, '=');
		if (val)
			*val++ = '\0';
		else if (i + 1 < argc && opt_slot(&o, a + 2))
			val = argv[++i];
		else if (opt_slot(&o, a + 2))
			return usage_error("option '%s' needs a value", a);
		else
			return usage_error("unknown option '%s'", a);
		onames[nopts] = a + 2;
		ovals[nopts++] = val;
	}
	if (!c)
		return usage_error("no command given");
	for (i = 0; i < nopts; i++) {
		const char **slot = opt_slot(&o, onames[i]);

		if (!slot)
			return usage_error("unknown option '--%s'", onames[i]);
		if (!takes_option(c, onames[i]))
			return usage_error("%s does not take option '--%s'",
					   c->name, onames[i]);
		*slot = ovals[i];
	}
	if (nargs < c->min_args || nargs > c->max_args) {
		fail(CX_USAGE, "%s: %s arguments", c->name,
		     nargs < c->min_args ? "missing" : "too many");
		fprintf(stderr, "usage: %s %s\n", prog, c->synopsis);
		return CX_USAGE;
	}
	return c->run(nargs, args, &o);
}
