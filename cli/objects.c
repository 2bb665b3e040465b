// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl commands that change interface objects or open them: open,
 * create, delete, chown, chmod, describe; and the helpers the object
 * commands share.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "clusnetctl.h"

#define HINT_ADMIN	"needs CAP_NET_ADMIN"

/* The name of an object the kernel did not find. */
int not_found(const char *name)
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
			 desired == CLUSNET_MAXIMUM_ALLOWED ? "any access" :
							     "full access",
			 desired == CLUSNET_GENERIC_READ ||
			 desired == CLUSNET_MAXIMUM_ALLOWED ? "read" : "write");
	else
		snprintf(hint, sizeof(hint), "the object's mode does not "
			 "grant it");
	free(all);
	return fail_errno(err, hint, "open '%s' for %s", name,
			  access_name(desired));
}

/* A handle of @name with @desired access; -exit code (reported). */
int open_handle(int dev, const char *name, __u32 desired,
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
int check_lookup(const char *name)
{
	if (!*name)
		return usage_error("the object name must not be empty");
	if (strlen(name) > CLUSNET_NAME_MAX)
		return usage_error("object name of %zu bytes: at most %d are "
				   "allowed", strlen(name), CLUSNET_NAME_MAX);
	return 0;
}

int dev_or_fail(int *dev)
{
	*dev = dev_open();
	return *dev < 0 ? -*dev : 0;
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
	rc = check_lookup(argv[0]);
	if (rc)
		return rc;
	if (o->access) {
		rc = parse_access(o->access, &desired);
		if (rc)
			return rc;
	}
	rc = dev_or_fail(&dev);
	if (rc)
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
	rc = check_name("object name", name, CLUSNET_NAME_MAX);
	if (!rc)
		rc = check_ifname(o->nic);
	if (!rc && o->node)
		rc = check_name("node name", o->node, CLUSNET_NAME_MAX);
	if (!rc && o->network)
		rc = check_name("network name", o->network, CLUSNET_NAME_MAX);
	if (!rc && o->owner)
		rc = parse_user(o->owner, &cr.uid);
	if (!rc && o->group)
		rc = parse_group(o->group, &cr.gid);
	if (!rc && o->mode)
		rc = parse_mode(o->mode, &cr.mode);
	if (rc)
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
	rc = dev_or_fail(&dev);
	if (rc)
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

	(void)argc;
	(void)o;
	rc = check_lookup(argv[0]);
	if (!rc)
		rc = dev_or_fail(&dev);
	if (rc)
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

	rc = dev_or_fail(&dev);
	if (rc)
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

	(void)argc;
	(void)o;
	rc = check_lookup(argv[0]);
	if (rc)
		return rc;
	if (colon)
		*colon = '\0';
	if (*spec) {
		rc = parse_user(spec, &uid);
		if (rc)
			return rc;
		flags |= CLUSNET_SET_UID;
	}
	if (colon && colon[1]) {
		rc = parse_group(colon + 1, &gid);
		if (rc)
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

	(void)argc;
	(void)o;
	rc = check_lookup(argv[0]);
	if (!rc)
		rc = parse_mode(argv[1], &mode);
	if (rc)
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

	(void)argc;
	(void)o;
	rc = check_lookup(argv[0]);
	if (rc)
		return rc;
	if (strlen(text) > CLUSNET_DESC_MAX)
		return usage_error("the description is %zu bytes long; at most "
				   "%d are allowed", strlen(text),
				   CLUSNET_DESC_MAX);
	if (!utf8_valid(text))
		return usage_error("the description is not valid UTF-8");
	rc = dev_or_fail(&dev);
	if (rc)
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
