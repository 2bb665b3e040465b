// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl commands on interface objects: list, show, open, create,
 * delete, chown, chmod, describe.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "clusnetctl.h"

#define HINT_ADMIN	"needs CAP_NET_ADMIN"

/* The name of an object the kernel did not find. */
static int not_found(const char *name)
{
	return fail(CX_NOTFOUND, "object '%s': not found "
		    "(clusnetctl list shows the objects)", name);
}

/* Admin ioctls: the common errors, with the object's name. */
static int admin_error(int err, const char *cmd, const char *name)
{
	if (err == ENOENT)
		return not_found(name);
	if (err == EEXIST)
		return fail(CX_EXISTS, "%s '%s': an object with that name "
			    "already exists (names are case-insensitive)",
			    cmd, name);
	return fail_errno(err, err == EPERM ? HINT_ADMIN : NULL, "%s '%s'",
			  cmd, name);
}

/* Why an open was refused, as far as the object list tells. */
static int open_error(int dev, int err, const char *name, __u32 desired)
{
	struct clusnet_if_entry *all = NULL;
	const struct clusnet_if_entry *e;
	char hint[256];
	int n;

	if (err == ENOENT)
		return not_found(name);
	if (err != EACCES)
		return fail_errno(err, NULL, "open '%s'", name);
	n = enum_objects(dev, &all);
	e = n > 0 ? find_object(all, n, name) : NULL;
	if (e)
		snprintf(hint, sizeof(hint), "object mode %04o, owner %s:%s; "
			 "%s needs the %s bit or CAP_NET_ADMIN", e->mode,
			 user_name(e->uid), group_name(e->gid),
			 desired == CLUSNET_GENERIC_READ ? "read access" :
							   "full access",
			 desired == CLUSNET_GENERIC_READ ? "read" : "write");
	else
		snprintf(hint, sizeof(hint), "the object's mode does not "
			 "grant it");
	free(all);
	return fail_errno(err, hint, "open '%s' for %s", name,
			  access_name(desired));
}

/* A handle of @name with @desired access; -exit code (reported). */
static int open_handle(int dev, const char *name, __u32 desired,
		       struct clusnet_open *op)
{
	int h;

	memset(op, 0, sizeof(*op));
	op->size = sizeof(*op);
	op->flags = O_CLOEXEC;
	op->name = CN_PTR(name);
	op->name_len = strlen(name);
	op->desired_access = desired;
	h = ioctl(dev, CLUSNET_IOC_OPEN, op);
	if (h < 0)
		return -open_error(dev, errno, name, desired);
	return h;
}

/* Names given on the command line to look up: only the length matters. */
static int check_lookup(const char *name)
{
	if (!*name)
		return usage_error("the object name must not be empty");
	if (strlen(name) > CLUSNET_NAME_MAX)
		return usage_error("object name of %zu bytes: at most %d are "
				   "allowed", strlen(name), CLUSNET_NAME_MAX);
	return 0;
}

static int dev_or_fail(int *dev)
{
	*dev = dev_open();
	return *dev < 0 ? -*dev : 0;
}

/* ------------------------------------------------------------------ */
/* list                                                                */

enum { C_NAME, C_NODE, C_NETWORK, C_NIC, C_STATE, C_OWNER, C_MODE, NCOLS };

static const char *const headers[NCOLS] = {
	"NAME", "NODE", "NETWORK", "NIC", "STATE", "OWNER", "MODE"
};

static void cells(const struct clusnet_if_entry *e, char owner[140],
		  char mode[8], const char *c[NCOLS])
{
	snprintf(owner, 140, "%s:%s", user_name(e->uid), group_name(e->gid));
	snprintf(mode, 8, "%04o", e->mode);
	c[C_NAME] = e->name;
	c[C_NODE] = e->node;
	c[C_NETWORK] = e->network[0] ? e->network : "-";
	c[C_NIC] = e->ifname[0] ? e->ifname : "-";
	c[C_STATE] = state_name(e->state);
	c[C_OWNER] = owner;
	c[C_MODE] = mode;
}

/* @s in exactly @w columns: cut with an ellipsis, or padded. */
static void cell(const char *s, size_t w, bool last)
{
	size_t sw = text_width(s), len;
	char *cut;

	if (sw > w && (cut = strdup(s))) {
		/* Drop whole characters from the end until it fits. */
		len = strlen(cut);
		while (len && text_width(cut) > w - 1) {
			do
				len--;
			while (len && (cut[len] & 0xc0) == 0x80);
			cut[len] = '\0';
		}
		text_str(stdout, cut);
		fputs(utf8_term() ? "\xe2\x80\xa6" : "~", stdout);
		sw = text_width(cut) + 1;
		free(cut);
	} else {
		text_str(stdout, s);
	}
	if (!last)
		printf("%*s", (int)(w - sw + 2), "");
}

static void list_text(const struct clusnet_if_entry *e, int n)
{
	size_t w[NCOLS], total = 0;
	char owner[140], mode[8];
	const char *c[NCOLS];
	struct winsize ws;
	int i, k;

	for (k = 0; k < NCOLS; k++)
		w[k] = strlen(headers[k]);
	for (i = 0; i < n; i++) {
		cells(&e[i], owner, mode, c);
		for (k = 0; k < NCOLS; k++)
			if (text_width(c[k]) > w[k])
				w[k] = text_width(c[k]);
	}
	for (k = 0; k < NCOLS; k++)
		total += w[k] + (k ? 2 : 0);
	/* On a terminal too narrow, the free-text columns give way. */
	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) &&
	    ws.ws_col && total > ws.ws_col) {
		while (total > ws.ws_col) {
			int widest = C_NAME;

			if (w[C_NETWORK] > w[widest])
				widest = C_NETWORK;
			if (w[C_NODE] > w[widest])
				widest = C_NODE;
			if (w[widest] <= 10)
				break;
			w[widest]--;
			total--;
		}
	}
	for (k = 0; k < NCOLS; k++)
		cell(headers[k], w[k], k == NCOLS - 1);
	putchar('\n');
	for (i = 0; i < n; i++) {
		cells(&e[i], owner, mode, c);
		for (k = 0; k < NCOLS; k++)
			cell(c[k], w[k], k == NCOLS - 1);
		putchar('\n');
	}
}

static void entry_json(const struct clusnet_if_entry *e)
{
	char mode[8];
	bool first = true;

	snprintf(mode, sizeof(mode), "%04o", e->mode);
	putchar('{');
	json_kstr(stdout, &first, "name", e->name);
	json_kuint(stdout, &first, "id", e->id);
	json_kstr(stdout, &first, "node", e->node);
	json_key(stdout, &first, "network");
	if (e->network[0])
		json_str(stdout, e->network);
	else
		fputs("null", stdout);
	json_kuint(stdout, &first, "network_id", e->network_id);
	json_kstr(stdout, &first, "nic", e->ifname);
	json_kuint(stdout, &first, "ifindex", (unsigned int)e->ifindex);
	json_kstr(stdout, &first, "state", state_name(e->state));
	json_kuint(stdout, &first, "state_code", e->state);
	json_kuint(stdout, &first, "uid", e->uid);
	json_kstr(stdout, &first, "owner", user_name(e->uid));
	json_kuint(stdout, &first, "gid", e->gid);
	json_kstr(stdout, &first, "group", group_name(e->gid));
	json_kstr(stdout, &first, "mode", mode);
	json_kbool(stdout, &first, "autobound",
		   e->flags & CLUSNET_IF_AUTOBOUND);
	json_kbool(stdout, &first, "pinned", e->flags & CLUSNET_IF_PINNED);
	putchar('}');
}

int cmd_list(int argc, char **argv, const struct opts *o)
{
	struct clusnet_if_entry *e;
	int dev, n, i, rc;

	(void)argc, (void)argv, (void)o;
	if ((rc = dev_or_fail(&dev)))
		return rc;
	if (need_feature(dev, CLUSNET_FEATURE_ENUM, "list", "CLUSNET_IOC_ENUM"))
		return CX_FAIL;
	n = enum_objects(dev, &e);
	if (n < 0)
		return fail_errno(-n, NULL, "list: CLUSNET_IOC_ENUM");
	if (json) {
		putchar('[');
		for (i = 0; i < n; i++) {
			if (i)
				putchar(',');
			entry_json(&e[i]);
		}
		puts("]");
	} else {
		list_text(e, n);
	}
	free(e);
	close(dev);
	return CX_OK;
}

/* ------------------------------------------------------------------ */
/* show                                                                */

static const char *scope_name(unsigned int scope)
{
	switch (scope) {
	case 0: return "global";
	case 200: return "site";
	case 253: return "link";
	case 254: return "host";
	}
	return "other";
}

static void addr_str(char *buf, size_t size, const struct clusnet_ifaddr *a)
{
	char ip[INET6_ADDRSTRLEN];

	if (!inet_ntop(a->family == AF_INET6 ? AF_INET6 : AF_INET, a->addr,
		       ip, sizeof(ip)))
		snprintf(ip, sizeof(ip), "?");
	snprintf(buf, size, "%s/%u", ip, a->prefixlen);
}

static void show_text(const struct clusnet_info *in,
		      const struct clusnet_nic *nic, bool have_nic,
		      const struct clusnet_if_entry *e)
{
	static const char rwx[] = "rw-";
	char buf[128], perm[10];
	unsigned int i, b;

	for (i = 0; i < 9; i++) {
		b = 0400 >> i;
		perm[i] = in->mode & b ? rwx[i % 3] : '-';
	}
	perm[9] = '\0';
#define FIELD(label) printf("%-13s", label ":")
	FIELD("name");
	text_str(stdout, in->name);
	printf("\n");
	FIELD("id");
	printf("%llu\n", (unsigned long long)in->id);
	FIELD("node");
	text_str(stdout, in->node);
	printf("\n");
	FIELD("network");
	text_str(stdout, in->network[0] ? in->network : "(none)");
	if (e && e->flags & CLUSNET_IF_PINNED)
		printf(" (pinned)");
	printf("\n");
	FIELD("state");
	printf("%s\n", state_name(in->state));
	FIELD("nic");
	text_str(stdout, in->ifname[0] ? in->ifname : "(none)");
	if (in->ifindex)
		printf(" (ifindex %d)\n", in->ifindex);
	else
		printf(" (not present)\n");
	if (in->hwaddr_len) {
		mac_str(buf, sizeof(buf), in->hwaddr, in->hwaddr_len);
		FIELD("mac");
		printf("%s\n", buf);
	}
	if (have_nic && nic->ifindex) {
		mac_str(buf, sizeof(buf), nic->perm_addr, nic->perm_addr_len);
		FIELD("permanent");
		printf("%s\n", buf[0] ? buf : "(none)");
		FIELD("addresses");
		if (!nic->naddrs)
			printf("(none)\n");
		for (i = 0; i < nic->naddrs; i++) {
			const struct clusnet_ifaddr *a = &nic->addrs[i];

			addr_str(buf, sizeof(buf), a);
			printf("%*s%s", i ? 13 : 0, "", buf);
			if (a->scope)
				printf(" scope %s", scope_name(a->scope));
			if (a->flags & CLUSNET_ADDR_SECONDARY)
				printf(" secondary");
			if (a->flags & CLUSNET_ADDR_DYNAMIC)
				printf(" dynamic");
			printf("\n");
		}
		if (nic->total > nic->naddrs)
			printf("%13s(%u more)\n", "", nic->total - nic->naddrs);
	}
	FIELD("owner");
	printf("%s (%u)\n", user_name(in->uid), in->uid);
	FIELD("group");
	printf("%s (%u)\n", group_name(in->gid), in->gid);
	FIELD("mode");
	printf("%04o (%s)\n", in->mode, perm);
	if (e && e->flags & CLUSNET_IF_AUTOBOUND) {
		FIELD("autobound");
		printf("yes\n");
	}
	FIELD("description");
	text_str(stdout, in->description[0] ? in->description : "(none)");
	printf("\n");
#undef FIELD
}

static void show_json(const struct clusnet_info *in,
		      const struct clusnet_nic *nic, bool have_nic,
		      const struct clusnet_if_entry *e)
{
	char buf[128], ip[INET6_ADDRSTRLEN];
	bool first = true, f2;
	unsigned int i;

	putchar('{');
	json_kstr(stdout, &first, "name", in->name);
	json_kuint(stdout, &first, "id", in->id);
	json_kstr(stdout, &first, "node", in->node);
	json_key(stdout, &first, "network");
	if (in->network[0])
		json_str(stdout, in->network);
	else
		fputs("null", stdout);
	if (e)
		json_kuint(stdout, &first, "network_id", e->network_id);
	json_kstr(stdout, &first, "state", state_name(in->state));
	json_kuint(stdout, &first, "state_code", in->state);
	json_kstr(stdout, &first, "nic", in->ifname);
	json_kuint(stdout, &first, "ifindex", (unsigned int)in->ifindex);
	mac_str(buf, sizeof(buf), in->hwaddr, in->hwaddr_len);
	json_kstr(stdout, &first, "mac", buf);
	if (have_nic) {
		mac_str(buf, sizeof(buf), nic->perm_addr, nic->perm_addr_len);
		json_kstr(stdout, &first, "permanent_mac", buf);
		json_key(stdout, &first, "addresses");
		putchar('[');
		for (i = 0; i < nic->naddrs; i++) {
			const struct clusnet_ifaddr *a = &nic->addrs[i];

			if (!inet_ntop(a->family == AF_INET6 ? AF_INET6 :
				       AF_INET, a->addr, ip, sizeof(ip)))
				snprintf(ip, sizeof(ip), "?");
			f2 = true;
			printf("%s{", i ? "," : "");
			json_kstr(stdout, &f2, "family", a->family == AF_INET6 ?
				  "inet6" : "inet");
			json_kstr(stdout, &f2, "address", ip);
			json_kuint(stdout, &f2, "prefixlen", a->prefixlen);
			json_kstr(stdout, &f2, "scope", scope_name(a->scope));
			json_kbool(stdout, &f2, "secondary",
				   a->flags & CLUSNET_ADDR_SECONDARY);
			json_kbool(stdout, &f2, "dynamic",
				   a->flags & CLUSNET_ADDR_DYNAMIC);
			putchar('}');
		}
		putchar(']');
		json_kuint(stdout, &first, "addresses_total", nic->total);
	}
	json_kuint(stdout, &first, "uid", in->uid);
	json_kstr(stdout, &first, "owner", user_name(in->uid));
	json_kuint(stdout, &first, "gid", in->gid);
	json_kstr(stdout, &first, "group", group_name(in->gid));
	snprintf(buf, sizeof(buf), "%04o", in->mode);
	json_kstr(stdout, &first, "mode", buf);
	if (e) {
		json_kbool(stdout, &first, "autobound",
			   e->flags & CLUSNET_IF_AUTOBOUND);
		json_kbool(stdout, &first, "pinned",
			   e->flags & CLUSNET_IF_PINNED);
	}
	json_kstr(stdout, &first, "description", in->description);
	puts("}");
}

int cmd_show(int argc, char **argv, const struct opts *o)
{
	struct clusnet_if_entry *all = NULL;
	const struct clusnet_if_entry *e = NULL;
	struct clusnet_open op;
	struct clusnet_info in;
	struct clusnet_nic nic;
	bool have_nic = false;
	int dev, h, n, rc;

	(void)argc, (void)o;
	if ((rc = check_lookup(argv[0])) || (rc = dev_or_fail(&dev)))
		return rc;
	h = open_handle(dev, argv[0], CLUSNET_GENERIC_READ, &op);
	if (h < 0)
		return -h;
	memset(&in, 0, sizeof(in));
	in.size = sizeof(in);
	if (ioctl(h, CLUSNET_HIOC_GET_INFO, &in))
		return errno == ENODEV ? not_found(argv[0]) :
		       fail_errno(errno, NULL, "show '%s': GET_INFO", argv[0]);
	memset(&nic, 0, sizeof(nic));
	nic.size = sizeof(nic);
	if (!ioctl(h, CLUSNET_HIOC_GET_NIC, &nic))
		have_nic = true;
	else if (errno != ENOTTY)	/* an older module: no addresses */
		return errno == ENODEV ? not_found(argv[0]) :
		       fail_errno(errno, NULL, "show '%s': GET_NIC", argv[0]);
	/* The snapshot adds the network id and flags, where there is one. */
	n = enum_objects(dev, &all);
	if (n > 0)
		e = find_object(all, n, in.name);
	if (e && e->id != in.id)
		e = NULL;
	if (json)
		show_json(&in, &nic, have_nic, e);
	else
		show_text(&in, &nic, have_nic, e);
	free(all);
	close(h);
	close(dev);
	return CX_OK;
}

/* ------------------------------------------------------------------ */
/* open                                                                */

static int parse_access(const char *s, __u32 *access)
{
	static const struct {
		const char *name;
		__u32 mask;
	} names[] = {
		{ "read", CLUSNET_GENERIC_READ },
		{ "write", CLUSNET_GENERIC_WRITE },
		{ "execute", CLUSNET_GENERIC_EXECUTE },
		{ "all", CLUSNET_GENERIC_ALL },
		{ "max", CLUSNET_MAXIMUM_ALLOWED },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name)) {
			*access = names[i].mask;
			return 0;
		}
	return usage_error("access '%s': use read, all or max (or write, "
			   "execute)", s);
}

int cmd_open(int argc, char **argv, const struct opts *o)
{
	__u32 desired = CLUSNET_MAXIMUM_ALLOWED;
	struct clusnet_open op;
	bool first = true;
	int dev, h, rc;

	(void)argc;
	if ((rc = check_lookup(argv[0])))
		return rc;
	if (o->access && (rc = parse_access(o->access, &desired)))
		return rc;
	if ((rc = dev_or_fail(&dev)))
		return rc;
	h = open_handle(dev, argv[0], desired, &op);
	if (h < 0)
		return -h;
	if (json) {
		putchar('{');
		json_kstr(stdout, &first, "name", argv[0]);
		json_kuint(stdout, &first, "id", op.id);
		json_kstr(stdout, &first, "desired", access_name(desired));
		json_kuint(stdout, &first, "desired_access", desired);
		json_kstr(stdout, &first, "granted",
			  access_name(op.granted_access));
		json_kuint(stdout, &first, "granted_access",
			   op.granted_access);
		puts("}");
	} else {
		printf("granted: %s (0x%08x)\n", access_name(op.granted_access),
		       op.granted_access);
	}
	close(h);
	close(dev);
	return CX_OK;
}

/* ------------------------------------------------------------------ */
/* create, delete                                                      */

static int check_ifname(const char *s)
{
	size_t len = strlen(s);

	/* What the kernel's dev_valid_name() accepts. */
	if (!len || len > CLUSNET_IFNAME_MAX || !strcmp(s, ".") ||
	    !strcmp(s, "..") || strpbrk(s, "/: \t\n\v\f\r"))
		return usage_error("'%s' is not a valid interface name "
				   "(1 to %d bytes, no '/', ':' or spaces)",
				   s, CLUSNET_IFNAME_MAX);
	return 0;
}

int cmd_create(int argc, char **argv, const struct opts *o)
{
	struct clusnet_create cr;
	const char *name = argv[0];
	bool first = true;
	int dev, rc;

	(void)argc;
	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.uid = (__u32)-1;
	cr.gid = (__u32)-1;
	cr.mode = CLUSNET_MODE_DEFAULT;
	if (!o->nic)
		return usage_error("create: --nic IFNAME is required");
	if ((rc = check_name("object name", name, CLUSNET_NAME_MAX)) ||
	    (rc = check_ifname(o->nic)) ||
	    (o->node && (rc = check_name("node name", o->node,
					 CLUSNET_NAME_MAX))) ||
	    (o->network && (rc = check_name("network name", o->network,
					    CLUSNET_NAME_MAX))) ||
	    (o->owner && (rc = parse_user(o->owner, &cr.uid))) ||
	    (o->group && (rc = parse_group(o->group, &cr.gid))) ||
	    (o->mode && (rc = parse_mode(o->mode, &cr.mode))))
		return rc;
	cr.name = CN_PTR(name);
	cr.name_len = strlen(name);
	if (o->node) {
		cr.node = CN_PTR(o->node);
		cr.node_len = strlen(o->node);
	}
	if (o->network) {
		cr.network = CN_PTR(o->network);
		cr.network_len = strlen(o->network);
	}
	memcpy(cr.ifname, o->nic, strlen(o->nic));
	if ((rc = dev_or_fail(&dev)))
		return rc;
	if (ioctl(dev, CLUSNET_IOC_CREATE, &cr))
		return admin_error(errno, "create", name);
	/* Allowed (the object waits for its NIC), but worth a word. */
	if (!if_nametoindex(o->nic))
		fprintf(stderr, "%s: note: there is no interface '%s' (yet): "
			"'%s' stays Unavailable until it appears\n", prog,
			o->nic, name);
	if (json) {
		putchar('{');
		json_kstr(stdout, &first, "name", name);
		json_kuint(stdout, &first, "id", cr.id);
		puts("}");
	}
	close(dev);
	return CX_OK;
}

static void name_json(const char *name)
{
	bool first = true;

	putchar('{');
	json_kstr(stdout, &first, "name", name);
	puts("}");
}

int cmd_delete(int argc, char **argv, const struct opts *o)
{
	struct clusnet_delete del;
	int dev, rc;

	(void)argc, (void)o;
	if ((rc = check_lookup(argv[0])) || (rc = dev_or_fail(&dev)))
		return rc;
	memset(&del, 0, sizeof(del));
	del.size = sizeof(del);
	del.name = CN_PTR(argv[0]);
	del.name_len = strlen(argv[0]);
	if (ioctl(dev, CLUSNET_IOC_DELETE, &del))
		return admin_error(errno, "delete", argv[0]);
	if (json)
		name_json(argv[0]);
	close(dev);
	return CX_OK;
}

/* ------------------------------------------------------------------ */
/* chown, chmod                                                        */

static int set_security(const char *cmd, const char *name, __u32 flags,
			__u32 uid, __u32 gid, __u32 mode)
{
	struct clusnet_set_security ss;
	struct clusnet_if_entry *all = NULL;
	const struct clusnet_if_entry *e;
	char buf[8];
	bool first = true;
	int dev, rc, n;

	if ((rc = dev_or_fail(&dev)))
		return rc;
	memset(&ss, 0, sizeof(ss));
	ss.size = sizeof(ss);
	ss.flags = flags;
	ss.name = CN_PTR(name);
	ss.name_len = strlen(name);
	ss.uid = uid;
	ss.gid = gid;
	ss.mode = mode;
	if (ioctl(dev, CLUSNET_IOC_SET_SECURITY, &ss))
		return admin_error(errno, cmd, name);
	if (json) {
		/* What the object has now (the other fields too). */
		n = enum_objects(dev, &all);
		e = n > 0 ? find_object(all, n, name) : NULL;
		if (e) {
			uid = e->uid;
			gid = e->gid;
			mode = e->mode;
			flags = CLUSNET_SET_UID | CLUSNET_SET_GID |
				CLUSNET_SET_MODE;
		}
		putchar('{');
		json_kstr(stdout, &first, "name", e ? e->name : name);
		if (flags & CLUSNET_SET_UID) {
			json_kuint(stdout, &first, "uid", uid);
			json_kstr(stdout, &first, "owner", user_name(uid));
		}
		if (flags & CLUSNET_SET_GID) {
			json_kuint(stdout, &first, "gid", gid);
			json_kstr(stdout, &first, "group", group_name(gid));
		}
		if (flags & CLUSNET_SET_MODE) {
			snprintf(buf, sizeof(buf), "%04o", mode);
			json_kstr(stdout, &first, "mode", buf);
		}
		puts("}");
		free(all);
	}
	close(dev);
	return CX_OK;
}

int cmd_chown(int argc, char **argv, const struct opts *o)
{
	char *spec = argv[1], *colon = strchr(spec, ':');
	__u32 flags = 0, uid = 0, gid = 0;
	int rc;

	(void)argc, (void)o;
	if ((rc = check_lookup(argv[0])))
		return rc;
	if (colon)
		*colon = '\0';
	if (*spec) {
		if ((rc = parse_user(spec, &uid)))
			return rc;
		flags |= CLUSNET_SET_UID;
	}
	if (colon && colon[1]) {
		if ((rc = parse_group(colon + 1, &gid)))
			return rc;
		flags |= CLUSNET_SET_GID;
	}
	if (!flags)
		return usage_error("chown: give USER, USER:GROUP or :GROUP");
	return set_security("chown", argv[0], flags, uid, gid, 0);
}

int cmd_chmod(int argc, char **argv, const struct opts *o)
{
	__u32 mode;
	int rc;

	(void)argc, (void)o;
	if ((rc = check_lookup(argv[0])) || (rc = parse_mode(argv[1], &mode)))
		return rc;
	return set_security("chmod", argv[0], CLUSNET_SET_MODE, 0, 0, mode);
}

/* ------------------------------------------------------------------ */
/* describe                                                            */

int cmd_describe(int argc, char **argv, const struct opts *o)
{
	struct clusnet_description d;
	struct clusnet_open op;
	const char *text = argv[1];
	bool first = true;
	int dev, h, rc;

	(void)argc, (void)o;
	if ((rc = check_lookup(argv[0])))
		return rc;
	if (strlen(text) > CLUSNET_DESC_MAX)
		return usage_error("the description is %zu bytes long; at most "
				   "%d are allowed", strlen(text),
				   CLUSNET_DESC_MAX);
	if (!utf8_valid(text))
		return usage_error("the description is not valid UTF-8");
	if ((rc = dev_or_fail(&dev)))
		return rc;
	h = open_handle(dev, argv[0], CLUSNET_GENERIC_ALL, &op);
	if (h < 0)
		return -h;
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.text = CN_PTR(text);
	d.text_len = strlen(text);
	if (ioctl(h, CLUSNET_HIOC_SET_DESCRIPTION, &d))
		return errno == ENODEV ? not_found(argv[0]) :
		       fail_errno(errno, NULL, "describe '%s'", argv[0]);
	if (json) {
		putchar('{');
		json_kstr(stdout, &first, "name", argv[0]);
		json_kstr(stdout, &first, "description", text);
		puts("}");
	}
	close(h);
	close(dev);
	return CX_OK;
}
