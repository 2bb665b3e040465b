/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cluster as this daemon knows it: the nodes, their interfaces and
 * link rows (as each node last published them) and the network names.
 * Only messages delivered by CPG change it (cluster.c), in CPG's total
 * order, so every member that has seen the same messages holds the same
 * model and derives the same states and names (state.c, names.c).
 */
#ifndef CLUSNETD_CLUSTER_H
#define CLUSNETD_CLUSTER_H

#include "proto.h"

struct cd_node {
	uint32_t nodeid;
	char name[CD_NAME_MAX + 1];	/* from the nodelist, or its hello */
	bool member;		/* in corosync's membership */
	bool in_group;		/* its clusnetd is in the CPG group */
	bool synced;		/* its hello arrived since it (re)joined */
	uint64_t last_seq;
	uint32_t n_ifaces, n_links;
	struct cd_iface *ifaces;	/* last known, kept while it is down */
	struct cd_link *links;		/* its row; empty while not synced */
};

struct cd_cluster {
	uint32_t local;		/* this node's id */
	uint32_t n_nodes;
	struct cd_node nodes[CD_NODES_MAX];
	/*
	 * Network names: the claims agreed in this CPG configuration
	 * (rebuilt from the hellos after each confchg), the names they give
	 * (names.c: unique, recomputed on change), and every claim this
	 * daemon has seen, which its hello carries into the next one.
	 */
	uint32_t n_claims, n_known;
	struct cd_claim claims[CD_CLAIMS_MAX];
	char names[CD_CLAIMS_MAX][CD_NAME_MAX + 1];
	struct cd_claim known[CD_CLAIMS_MAX];
};

enum cd_node_state {		/* CLUSTER_NODE_STATE (clusapi.h) */
	CD_NODE_UP = 0,
	CD_NODE_DOWN = 1,
	CD_NODE_JOINING = 3,
};

enum cd_if_state {		/* CLUSTER_NETINTERFACE_STATE */
	CD_IF_UNAVAILABLE = 0,
	CD_IF_FAILED = 1,
	CD_IF_UNREACHABLE = 2,
	CD_IF_UP = 3,
};

enum cd_net_state {		/* CLUSTER_NETWORK_STATE */
	CD_NET_UNAVAILABLE = 0,
	CD_NET_DOWN = 1,
	CD_NET_PARTITIONED = 2,
	CD_NET_UP = 3,
};

/* cluster.c: the model */
void cd_cluster_init(struct cd_cluster *cl, uint32_t local);
void cd_cluster_free(struct cd_cluster *cl);
struct cd_node *cd_node_get(struct cd_cluster *cl, uint32_t nodeid,
			    bool create);
const struct cd_node *cd_node_find(const struct cd_cluster *cl,
				   uint32_t nodeid);
/* A CPG configuration change: members is the group's new member list. */
void cd_cluster_confchg(struct cd_cluster *cl, const uint32_t *members,
			size_t n);
/* corosync's membership (totem confchg). */
void cd_cluster_membership(struct cd_cluster *cl, const uint32_t *members,
			   size_t n);
/*
 * Apply a decoded message from CPG sender nodeid. Returns 0, or -1 when
 * the message does not fit the model (sender mismatch, unknown
 * interface): the caller logs it and the model is unchanged.
 */
int cd_cluster_apply(struct cd_cluster *cl, uint32_t sender,
		     const struct cd_msg *m);

/* names.c: cluster network names */
int cd_names_merge(struct cd_cluster *cl, const struct cd_claim *c,
		   uint32_t n);
void cd_names_add_subnet(struct cd_cluster *cl, const struct cd_subnet *s,
			 uint32_t setter);
/* 0, or -1 when another network has that name (or the table is full). */
int cd_names_rename(struct cd_cluster *cl, const struct cd_subnet *s,
		    const char *name, uint32_t setter);
/* The agreed name of subnet s, in buf; false when it has none. */
bool cd_names_get(const struct cd_cluster *cl, const struct cd_subnet *s,
		  char *buf, size_t size);

/* state.c: the state rules (pure) */
enum cd_node_state cd_node_state(const struct cd_node *n);
enum cd_if_state cd_if_state(const struct cd_cluster *cl,
			     const struct cd_node *n,
			     const struct cd_iface *f);
/* Whether interface fa of node a and fb of node b reach each other. */
bool cd_reach(const struct cd_node *a, const struct cd_iface *fa,
	      const struct cd_node *b, const struct cd_iface *fb);
enum cd_net_state cd_net_state(const struct cd_cluster *cl,
			       const struct cd_subnet *s);

const char *cd_node_state_name(enum cd_node_state s);
const char *cd_if_state_name(enum cd_if_state s);
const char *cd_net_state_name(enum cd_net_state s);

#endif
