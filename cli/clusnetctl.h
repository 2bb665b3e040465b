/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusnetctl: the clusnet admin tool. It speaks the uapi of /dev/clusnet
 * directly (as ip(8) speaks netlink), with UTF-8 names throughout.
 *
 * clusnetctl.c  main, options, errors, /dev/clusnet, names of values
 * output.c      UTF-8, text for a terminal, JSON
 * show.c        list, show
 * objects.c     open, create, delete, chown, chmod, describe
 * networks.c    networks, network rename
 * watch.c       watch
 */
#ifndef CLUSNETCTL_H
#define CLUSNETCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/clusnet.h>

/* Exit codes, documented in clusnetctl(8). */
enum {
	CX_OK = 0,
	CX_FAIL = 1,		/* anything else */
	CX_USAGE = 2,		/* bad command line */
	CX_NOTFOUND = 3,	/* object, NIC or network */
	CX_PERM = 4,		/* permission denied */
	CX_EXISTS = 5,		/* already exists */
	CX_NODEV = 6,		/* no /dev/clusnet (module not loaded) */
};

#define CN_PTR(p)	((__u64)(uintptr_t)(p))

/* Options a command was given; NULL/false when absent. */
struct opts {
	const char *access;	/* open */
	const char *nic;	/* create */
	const char *node;
	const char *network;
	const char *owner;
	const char *group;
	const char *mode;
	const char *count;	/* watch */
	const char *timeout;
};

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv, const struct opts *o);
	int min_args, max_args;	/* positional arguments */
	const char *options;	/* long options it takes, space-separated */
	const char *synopsis;
};

extern bool json;		/* --json */
extern const char *prog;	/* "clusnetctl" */

/* Errors: "clusnetctl: WHAT: WHY" on stderr; these return the exit code. */
int fail(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int errno_code(int err);	/* an errno -> exit code */
/* "clusnetctl: WHAT: strerror(err)[ (HINT)]", the code for err. */
int fail_errno(int err, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* /dev/clusnet (or $CLUSNET_DEVICE): an fd, or -exit code (reported). */
int dev_open(void);
/* Cluster info (features); 0 or -errno. */
int cluster_info(int dev, struct clusnet_cluster_info *ci);
/* -CX_FAIL (reported) unless the module has @feature. */
int need_feature(int dev, __u64 feature, const char *what, const char *ioctl);

/* Snapshots, malloc()ed: count entries, or -errno. */
int enum_objects(int dev, struct clusnet_if_entry **out);
int enum_networks(int dev, struct clusnet_network_entry **out);
int enum_nodes(int dev, struct clusnet_node_entry **out);
/* For the object commands: "object 'NAME': not found", CX_NOTFOUND. */
int not_found(const char *name);
/* A name to look up: 0, or CX_USAGE (reported). */
int check_lookup(const char *name);
/* /dev/clusnet into *dev: 0, or the exit code (reported). */
int dev_or_fail(int *dev);
/* A handle of @name with @desired access; -exit code (reported). */
int open_handle(int dev, const char *name, __u32 desired,
		struct clusnet_open *op);

/* The entry named @name (ASCII case-insensitive), or NULL. */
const struct clusnet_if_entry *find_object(const struct clusnet_if_entry *e,
					   int n, const char *name);

/* Checks on names given on the command line; 0 or CX_USAGE (reported). */
int check_name(const char *what, const char *s, size_t max);
bool utf8_valid(const char *s);

/* Names of values. */
const char *state_name(__u32 state);
const char *network_state_name(__u32 state);
const char *node_state_name(__u32 state);
const char *access_name(__u32 access);
/* User and group names, or their numbers; static buffers (two each). */
const char *user_name(__u32 uid);
const char *group_name(__u32 gid);
int parse_user(const char *s, __u32 *uid);	/* 0 or CX_USAGE */
int parse_group(const char *s, __u32 *gid);
int parse_mode(const char *s, __u32 *mode);

/* Output. */
bool utf8_term(void);		/* the terminal's locale is UTF-8 */
const char *arrow(void);	/* "→" or "->" */
/* @s for a terminal: control bytes and invalid UTF-8 as \xNN. */
void text_str(FILE *f, const char *s);
/* Terminal columns of text_str(s) (1 per character). */
size_t text_width(const char *s);
/* @s as a JSON string (quoted, escaped; invalid UTF-8 as U+FFFD). */
void json_str(FILE *f, const char *s);
/* A JSON member: ,"key": (comma unless first), then the value. */
void json_key(FILE *f, bool *first, const char *key);
void json_kstr(FILE *f, bool *first, const char *key, const char *s);
void json_kuint(FILE *f, bool *first, const char *key, unsigned long long v);
void json_kbool(FILE *f, bool *first, const char *key, bool v);
void mac_str(char *buf, size_t size, const __u8 *addr, unsigned int len);

int cmd_list(int argc, char **argv, const struct opts *o);
int cmd_nodes(int argc, char **argv, const struct opts *o);
int cmd_show(int argc, char **argv, const struct opts *o);
int cmd_open(int argc, char **argv, const struct opts *o);
int cmd_create(int argc, char **argv, const struct opts *o);
int cmd_delete(int argc, char **argv, const struct opts *o);
int cmd_chown(int argc, char **argv, const struct opts *o);
int cmd_chmod(int argc, char **argv, const struct opts *o);
int cmd_describe(int argc, char **argv, const struct opts *o);
int cmd_networks(int argc, char **argv, const struct opts *o);
int cmd_network(int argc, char **argv, const struct opts *o);
int cmd_watch(int argc, char **argv, const struct opts *o);

#endif /* CLUSNETCTL_H */
