/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusnetd's runtime: one struct for the process, and the parts of its
 * main loop (one file each): corosync.c (CPG, cfg, cmap, quorum),
 * links.c (this node's row of link connectivity), local.c (this node's
 * interface objects, from /dev/clusnet), publish.c (what goes to the
 * group), dump.c (state changes and dumps to the log), notify.c
 * (sd_notify), log.c, statefile.c (the derived state as a file),
 * mirror.c (the model, put into the local kernel's registry), forward.c
 * (writes to other nodes' interfaces, carried to their owners).
 */
#ifndef CLUSNETD_DAEMON_H
#define CLUSNETD_DAEMON_H

#include <stdarg.h>

#include <corosync/cfg.h>
#include <corosync/cmap.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>

#include "cluster.h"
#include "wire.h"

#define CD_GROUP	"clusnet"
#define CD_TICK_MS	100	/* link poll; beats corosync's 1.5 s stats */

struct cd_peer {		/* a node of corosync's nodelist */
	uint32_t nodeid;
	char name[CD_NAME_MAX + 1];
};

/* What this node last published, to send only what changed. */
struct cd_local {
	uint32_t n_ifaces, n_row;
	struct cd_iface ifaces[CD_IFACES_MAX];
	struct cd_link row[CD_ROW_MAX];
};

struct cd_daemon {
	struct cd_cluster cl;
	uint32_t local;			/* this node's id */
	char cluster_name[CD_NAME_MAX + 1];
	char node_name[CD_NAME_MAX + 1];
	uint32_t n_peers;
	struct cd_peer peers[CD_NODES_MAX];

	cpg_handle_t cpg;
	corosync_cfg_handle_t cfg;
	cmap_handle_t cmap;
	quorum_handle_t quorum;
	int cpg_fd, cfg_fd, quorum_fd;
	bool quorate;
	bool joined;		/* our own join confchg was delivered */
	bool need_hello;	/* a confchg asked, or a send failed */
	uint64_t seq;		/* of our last message */

	int dev_fd, watch_fd;	/* /dev/clusnet, its watch fd (or -1) */
	struct cd_local now;	/* this node, as read from the kernel */
	struct cd_local sent;	/* ... and as last published */
	bool have_sent;

	uint32_t write_seq;	/* request ids of our write requests */
	int fwd_fd;		/* the kernel's forward channel (or -1) */
};

/* Windows error codes of CD_WRITE_REPLY (winerror.h) */
#define CD_WERR_ACCESS_DENIED		5
#define CD_WERR_GEN_FAILURE		31
#define CD_WERR_NOT_SUPPORTED		50
#define CD_WERR_INVALID_PARAMETER	87
#define CD_WERR_NETINTERFACE_NOT_FOUND	5047

/* log.c */
extern int cd_debug;
void cd_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* notify.c */
void cd_notify(const char *state);

/* corosync.c */
int cd_corosync_open(struct cd_daemon *d);
void cd_corosync_close(struct cd_daemon *d);
/* Dispatch one fd's callbacks: -1 when corosync went away. */
int cd_corosync_dispatch(struct cd_daemon *d, int fd);
int cd_send(struct cd_daemon *d, struct cd_msg *m);

/* links.c */
void cd_links_poll(struct cd_daemon *d);

/* local.c */
void cd_local_open(struct cd_daemon *d);
void cd_local_close(struct cd_daemon *d);
/* Re-read the objects (after a watch event, or on the timer). */
void cd_local_read(struct cd_daemon *d);
uint32_t cd_local_write(struct cd_daemon *d, const struct cd_write_req *w);
/* A handle of the object of that name (O_CLOEXEC), or -1 with errno. */
int cd_open_object(int dev, const char *name, uint32_t access);
/* A snapshot ioctl's entries (malloc'd in *out); the count or -errno. */
int cd_snapshot(int dev, unsigned long cmd, size_t esize, void **out);

/* forward.c: writes to other nodes' interfaces */
void cd_forward_open(struct cd_daemon *d);
void cd_forward_close(struct cd_daemon *d);
void cd_forward_read(struct cd_daemon *d);
void cd_forward_reply(struct cd_daemon *d, uint32_t sender,
		      const struct cd_write_reply *r);
void cd_forward_check(struct cd_daemon *d);

/* publish.c */
void cd_publish(struct cd_daemon *d);
void cd_receive(struct cd_daemon *d, uint32_t sender, const void *buf,
		size_t len);

/* dump.c */
void cd_report_changes(struct cd_daemon *d);
void cd_dump(struct cd_daemon *d);

/* mirror.c */
void cd_mirror(struct cd_daemon *d);
void cd_mirror_clear(struct cd_daemon *d);

/* statefile.c */
void cd_state_file(const struct cd_daemon *d);

#endif
