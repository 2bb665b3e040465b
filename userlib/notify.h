/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Notification ports: what notify.c and notifyderive.c share. */
#ifndef CLUSNET_NOTIFY_H
#define CLUSNET_NOTIFY_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

enum src_kind {
	SRC_CLUSTER,	/* watch fd: every object of the namespace */
	SRC_NETIF,	/* the registered interface's own handle fd */
	SRC_NODE,	/* watch fd, events of one node */
	SRC_NETWORK,	/* watch fd, events of one network */
};

/* A network as last seen, to derive CLUSTER_CHANGE_NETWORK_* events. */
struct seen_net {
	uint64_t id;
	uint32_t state;
	char name[CLUSNET_NAME_MAX + 1];
};

struct source {
	enum src_kind kind;
	int fd;
	int dead;		/* read 0 (end), failed or handle closed */
	DWORD filter;
	DWORD_PTR key;
	const void *obj;	/* the registered handle (HANDLE_CLOSE) */
	char name[CLUSNET_NAME_MAX + 1];	/* that object's name */
	char cluster[CLUSNET_NAME_MAX + 1];	/* for CLUSTER_RECONNECT */
	uint64_t network_id;	/* SRC_NETWORK */
	struct clusnet_conn *conn;	/* a reference: snapshots */
	/*
	 * Snapshots of the networks and nodes, last seen (and being
	 * compared), to derive node and network events from interface ones.
	 */
	struct seen {
		struct seen_net *nets;
		size_t nnets;
		char (*nodes)[CLUSNET_NAME_MAX + 1];
		uint32_t *node_states;	/* CLUSNET_NODE_* */
		size_t nnodes;
	} seen, next;
	int have_next;
};

struct notif {
	DWORD_PTR key;
	DWORD filter;
	char name[CLUSNET_NAME_MAX + 1];
};

struct _HCHANGE {
	uint32_t magic;
	pthread_mutex_t lock;
	int wake;		/* eventfd: a new source, or closing */
	int closed;
	int waiters;		/* in poll(): the last one out frees a closed port */
	struct source *src;
	size_t nsrc;
	struct notif *q;	/* pending, from q[qhead] to q[qlen - 1] */
	size_t qhead, qlen, qcap;
	struct _HCHANGE *next_port;	/* all ports (for HANDLE_CLOSE) */
};

#define NODE_CHANGES (CLUSTER_CHANGE_NODE_STATE | CLUSTER_CHANGE_NODE_DELETED | \
		      CLUSTER_CHANGE_NODE_ADDED | CLUSTER_CHANGE_NODE_PROPERTY)
#define NETWORK_CHANGES (CLUSTER_CHANGE_NETWORK_STATE | \
			 CLUSTER_CHANGE_NETWORK_DELETED | \
			 CLUSTER_CHANGE_NETWORK_ADDED | \
			 CLUSTER_CHANGE_NETWORK_PROPERTY)

/* Queue one notification; under the port lock. 0 or -1 (no memory). */
CLUSNET_HIDDEN int clusnet_notify_push(HCHANGE h, DWORD_PTR key,
				       DWORD filter, const char *name);
/* Does the source derive node or network events? */
static inline int clusnet_derives(const struct source *s)
{
	return s->kind != SRC_NETIF &&
	       (s->filter & (NODE_CHANGES | NETWORK_CHANGES));
}

/*
 * notifyderive.c, under the port lock: take a source's first snapshot;
 * after interface events, queue the node and network additions and
 * changes (before those events: the network of a new interface is there
 * first), then the deletions (after them).
 */
CLUSNET_HIDDEN DWORD clusnet_derive_init(struct source *s);
CLUSNET_HIDDEN void clusnet_derive_changes(HCHANGE h, struct source *s);
CLUSNET_HIDDEN void clusnet_derive_deletions(HCHANGE h, struct source *s);
CLUSNET_HIDDEN void clusnet_derive_free(struct source *s);

#endif /* CLUSNET_NOTIFY_H */
