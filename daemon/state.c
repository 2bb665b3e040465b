// SPDX-License-Identifier: GPL-2.0
/*
 * The state rules, as Windows defines them (clusapi.h), as pure functions
 * of the model. Documentation/clusnet.rst ("Cluster states") is the
 * reference; the tests in daemon/tests/state_test.c follow it line by
 * line.
 */
#include <string.h>

#include "cluster.h"

/* Up: member with clusnetd in the group and its state synced. */
enum cd_node_state cd_node_state(const struct cd_node *n)
{
	if (!n->member || !n->in_group)
		return CD_NODE_DOWN;
	return n->synced ? CD_NODE_UP : CD_NODE_JOINING;
}

static bool running(const struct cd_iface *f)
{
	return (f->nic & (CD_NIC_PRESENT | CD_NIC_RUNNING)) ==
	       (CD_NIC_PRESENT | CD_NIC_RUNNING);
}

/* Its node is up and its NIC runs: it counts in the reach rules. */
static bool live(const struct cd_node *n, const struct cd_iface *f)
{
	return cd_node_state(n) == CD_NODE_UP && running(f);
}

static bool row_says(const struct cd_node *n, uint32_t peer,
		     const char *ifname)
{
	for (uint32_t i = 0; i < n->n_links; i++)
		if (n->links[i].peer == peer && n->links[i].connected &&
		    !strcmp(n->links[i].ifname, ifname))
			return true;
	return false;
}

/*
 * Corosync reports each node's own view of a link: a blackhole in one
 * direction shows only at one end. So two interfaces reach each other
 * only when both ends say the link between them is connected.
 */
bool cd_reach(const struct cd_node *a, const struct cd_iface *fa,
	      const struct cd_node *b, const struct cd_iface *fb)
{
	return row_says(a, b->nodeid, fa->ifname) &&
	       row_says(b, a->nodeid, fb->ifname);
}

/* Visit every live interface of another node on f's network. */
#define for_each_peer_if(cl, n, f, pn, pf)					\
	for (uint32_t _i = 0; _i < (cl)->n_nodes; _i++)			\
		for (uint32_t _j = 0; _j < (cl)->nodes[_i].n_ifaces; _j++)	\
			if (((pn) = &(cl)->nodes[_i]) != (n) &&		\
			    ((pf) = &(pn)->ifaces[_j]) &&			\
			    live(pn, pf) &&					\
			    !cd_subnet_cmp(&(pf)->subnet, &(f)->subnet))

/*
 * The first pass: Unavailable, Failed (NIC not running, or it reaches no
 * live interface of another node although there is one), else "usable"
 * (reported as Up or Unreachable by the second pass).
 */
static enum cd_if_state base_state(const struct cd_cluster *cl,
				   const struct cd_node *n,
				   const struct cd_iface *f)
{
	const struct cd_node *pn;
	const struct cd_iface *pf;
	bool others = false;

	if (cd_node_state(n) != CD_NODE_UP || !(f->nic & CD_NIC_PRESENT))
		return CD_IF_UNAVAILABLE;
	if (!running(f))
		return CD_IF_FAILED;
	if (!f->subnet.family)
		return CD_IF_UP;	/* on no network: nothing to reach */
	for_each_peer_if(cl, n, f, pn, pf) {
		if (cd_reach(n, f, pn, pf))
			return CD_IF_UP;
		others = true;
	}
	/* alone on its network (today's single-node rule): up */
	return others ? CD_IF_FAILED : CD_IF_UP;
}

/* Second pass: Up only if it reaches every usable peer interface. */
enum cd_if_state cd_if_state(const struct cd_cluster *cl,
			     const struct cd_node *n,
			     const struct cd_iface *f)
{
	enum cd_if_state s = base_state(cl, n, f);
	const struct cd_node *pn;
	const struct cd_iface *pf;

	if (s != CD_IF_UP || !f->subnet.family)
		return s;
	for_each_peer_if(cl, n, f, pn, pf)
		if (!cd_reach(n, f, pn, pf) &&
		    base_state(cl, pn, pf) == CD_IF_UP)
			return CD_IF_UNREACHABLE;
	return CD_IF_UP;
}

/*
 * From its interfaces (on every known node): Unavailable when none is
 * available; Up when every available one is up; Partitioned when at
 * least two still communicate (Up or Unreachable) but not all do; Down
 * otherwise. On one node (no Unreachable) this is today's rule.
 */
enum cd_net_state cd_net_state(const struct cd_cluster *cl,
			       const struct cd_subnet *s)
{
	unsigned int avail = 0, up = 0, unreach = 0;

	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *n = &cl->nodes[i];

		for (uint32_t j = 0; j < n->n_ifaces; j++) {
			enum cd_if_state st;

			if (cd_subnet_cmp(&n->ifaces[j].subnet, s))
				continue;
			st = cd_if_state(cl, n, &n->ifaces[j]);
			avail += st != CD_IF_UNAVAILABLE;
			up += st == CD_IF_UP;
			unreach += st == CD_IF_UNREACHABLE;
		}
	}
	if (!avail)
		return CD_NET_UNAVAILABLE;
	if (up == avail)
		return CD_NET_UP;
	return up + unreach >= 2 ? CD_NET_PARTITIONED : CD_NET_DOWN;
}

const char *cd_node_state_name(enum cd_node_state s)
{
	switch (s) {
	case CD_NODE_UP: return "Up";
	case CD_NODE_DOWN: return "Down";
	case CD_NODE_JOINING: return "Joining";
	}
	return "?";
}

const char *cd_if_state_name(enum cd_if_state s)
{
	static const char *const n[] = { "Unavailable", "Failed",
					 "Unreachable", "Up" };

	return (unsigned int)s < 4 ? n[s] : "?";
}

const char *cd_net_state_name(enum cd_net_state s)
{
	static const char *const n[] = { "Unavailable", "Down",
					 "Partitioned", "Up" };

	return (unsigned int)s < 4 ? n[s] : "?";
}
