// SPDX-License-Identifier: GPL-2.0
/*
 * The state rules and the network names, on a model fed the way the
 * daemon feeds it (confchg, membership, messages), for the cases of
 * Documentation/clusnet.rst: a healthy three-node cluster, a link cut on
 * one side only, a NIC down, a node down or joining, two nodes cut, a
 * NIC-less object; numbering, renames, merging partitions.
 */
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "tap.h"

static struct cd_cluster cl;
static const uint32_t all[] = { 1, 2, 3 };

static struct cd_subnet net(int n)
{
	return (struct cd_subnet){ .family = 4, .prefix = 24,
				   .addr = { 10, (uint8_t)n, 0, 0 } };
}

static struct cd_iface mkif(uint32_t node, int eth)
{
	struct cd_iface f = { .state = 3, .nic = CD_NIC_ALL, .mode = 0644 };

	snprintf(f.name, sizeof(f.name), "node%u - eth%d", node, eth);
	snprintf(f.ifname, sizeof(f.ifname), "eth%d", eth);
	f.subnet = net(eth + 1);
	return f;
}

/* Node id's hello: eth0 and eth1, every link to the others connected. */
static int hello(struct cd_cluster *c, uint32_t id, int n_ifs,
		 const struct cd_claim *claims, uint32_t n_claims)
{
	struct cd_iface ifs[2];
	struct cd_link links[8];
	struct cd_msg m = { .hdr = { .type = CD_HELLO, .nodeid = id,
				     .seq = 1 } };
	uint32_t nl = 0;

	for (int i = 0; i < n_ifs; i++)
		ifs[i] = mkif(id, i);
	for (uint32_t p = 1; p <= 3; p++) {
		for (int i = 0; p != id && i < n_ifs; i++) {
			links[nl] = (struct cd_link){ .peer = p,
				.link = (uint8_t)i, .connected = 1 };
			snprintf(links[nl++].ifname, 16, "eth%d", i);
		}
	}
	snprintf(m.hello.node, sizeof(m.hello.node), "node%u", id);
	m.hello.n_ifaces = (uint32_t)n_ifs, m.hello.ifaces = ifs;
	m.hello.n_links = nl, m.hello.links = links;
	m.hello.n_claims = n_claims;
	m.hello.claims = (struct cd_claim *)claims;
	return cd_cluster_apply(c, id, &m);
}

static void healthy(struct cd_cluster *c)
{
	cd_cluster_free(c);
	cd_cluster_init(c, 1);
	cd_cluster_membership(c, all, 3);
	cd_cluster_confchg(c, all, 3);
	for (uint32_t id = 1; id <= 3; id++)
		hello(c, id, 2, NULL, 0);
}

static struct cd_node *node(uint32_t id)
{
	return cd_node_get(&cl, id, false);
}

static enum cd_if_state ifst(uint32_t id, int eth)
{
	struct cd_node *n = node(id);

	return cd_if_state(&cl, n, &n->ifaces[eth]);
}

/* Node id's own view of its link on ethN to peer: disconnected. */
static void cut_one_side(uint32_t id, uint32_t peer, int eth)
{
	struct cd_node *n = node(id);

	for (uint32_t i = 0; i < n->n_links; i++)
		if (n->links[i].peer == peer && n->links[i].link == eth)
			n->links[i].connected = 0;
}

static void states(void)
{
	struct cd_subnet n1 = net(1), n2 = net(2);
	struct cd_msg m = { .hdr = { .type = CD_IFACE, .nodeid = 2,
				     .seq = 2 } };
	int ok = 1;

	healthy(&cl);
	for (uint32_t id = 1; id <= 3; id++)
		ok &= cd_node_state(node(id)) == CD_NODE_UP &&
		      ifst(id, 0) == CD_IF_UP && ifst(id, 1) == CD_IF_UP;
	CHECK(ok && cd_net_state(&cl, &n1) == CD_NET_UP &&
	      cd_net_state(&cl, &n2) == CD_NET_UP,
	      "healthy: three nodes Up, six interfaces Up, two networks Up");

	/* node1 sees eth0 to node3 down, node3 still says connected */
	cut_one_side(1, 3, 0);
	CHECK(ifst(1, 0) == CD_IF_UNREACHABLE && ifst(3, 0) == CD_IF_UNREACHABLE &&
	      ifst(2, 0) == CD_IF_UP && ifst(1, 1) == CD_IF_UP,
	      "cut node1-node3 (node1's view only): both ends Unreachable, node2 Up");
	CHECK(cd_net_state(&cl, &n1) == CD_NET_PARTITIONED &&
	      cd_net_state(&cl, &n2) == CD_NET_UP,
	      "cut node1-node3: network Partitioned, the other Up");
	cut_one_side(1, 2, 0);
	CHECK(ifst(1, 0) == CD_IF_FAILED && ifst(2, 0) == CD_IF_UP &&
	      ifst(3, 0) == CD_IF_UP,
	      "node1 cut from both: node1's interface Failed, the others Up");

	/* node2's NIC goes down: published at once, before any heartbeat */
	healthy(&cl);
	m.iface = mkif(2, 0);
	m.iface.nic = CD_NIC_PRESENT;
	m.iface.state = 1;
	CHECK(cd_cluster_apply(&cl, 2, &m) == 0 && ifst(2, 0) == CD_IF_FAILED &&
	      ifst(1, 0) == CD_IF_UP && ifst(3, 0) == CD_IF_UP,
	      "NIC down on node2: Failed at once, node1 and node3 stay Up");
	CHECK(cd_net_state(&cl, &n1) == CD_NET_PARTITIONED,
	      "NIC down on node2: network Partitioned (two Up, one not)");

	/* node3 leaves corosync's membership */
	healthy(&cl);
	cd_cluster_membership(&cl, all, 2);
	CHECK(cd_node_state(node(3)) == CD_NODE_DOWN &&
	      ifst(3, 0) == CD_IF_UNAVAILABLE && ifst(3, 1) == CD_IF_UNAVAILABLE &&
	      ifst(1, 0) == CD_IF_UP && ifst(2, 1) == CD_IF_UP &&
	      cd_net_state(&cl, &n1) == CD_NET_UP,
	      "node3 down: its interfaces Unavailable, the rest and the networks Up");
	/* only its clusnetd left: the node is down for clusnet too */
	healthy(&cl);
	cd_cluster_confchg(&cl, all, 2);
	CHECK(cd_node_state(node(1)) == CD_NODE_UP &&
	      cd_node_state(node(2)) == CD_NODE_UP && ifst(2, 0) == CD_IF_UP,
	      "clusnetd of node3 leaves: node1 and node2 stay Up before their hellos");
	hello(&cl, 1, 2, NULL, 0);
	hello(&cl, 2, 2, NULL, 0);
	CHECK(cd_node_state(node(3)) == CD_NODE_DOWN &&
	      ifst(3, 0) == CD_IF_UNAVAILABLE && ifst(1, 0) == CD_IF_UP,
	      "clusnetd of node3 out of the group: node3 Down");
	cd_cluster_confchg(&cl, all, 3);
	CHECK(cd_node_state(node(3)) == CD_NODE_JOINING &&
	      ifst(3, 0) == CD_IF_UNAVAILABLE &&
	      cd_node_state(node(2)) == CD_NODE_UP && ifst(2, 1) == CD_IF_UP,
	      "node3 back, hello not yet delivered: Joining, Unavailable; node2 Up");
	hello(&cl, 1, 2, NULL, 0);
	hello(&cl, 2, 2, NULL, 0);
	hello(&cl, 3, 2, NULL, 0);
	CHECK(cd_node_state(node(3)) == CD_NODE_UP && ifst(3, 0) == CD_IF_UP,
	      "node3's hello delivered: Up");

	/* two nodes only, cut: neither reaches anybody */
	healthy(&cl);
	cd_cluster_membership(&cl, all, 2);
	cut_one_side(2, 1, 1);
	CHECK(ifst(1, 1) == CD_IF_FAILED && ifst(2, 1) == CD_IF_FAILED &&
	      cd_net_state(&cl, &n2) == CD_NET_DOWN,
	      "two nodes cut on one network: both Failed, network Down");

	/* alone on a network; an object with no NIC */
	healthy(&cl);
	node(1)->ifaces[1].subnet = net(9);
	n2 = net(9);
	CHECK(ifst(1, 1) == CD_IF_UP && cd_net_state(&cl, &n2) == CD_NET_UP,
	      "alone on its network: Up (the single-node rule)");
	node(1)->ifaces[1].nic = 0;
	node(1)->ifaces[1].ifname[0] = '\0';
	CHECK(ifst(1, 1) == CD_IF_UNAVAILABLE &&
	      cd_net_state(&cl, &n2) == CD_NET_UNAVAILABLE,
	      "no NIC: Unavailable; its network Unavailable");
	CHECK(cd_cluster_apply(&cl, 3, &m) == -1,
	      "a message whose header names another sender is refused");
}

static const char *name_of(const struct cd_cluster *c, int n)
{
	static char buf[4][CD_NAME_MAX + 1];
	static int k;
	struct cd_subnet s = net(n);

	k = (k + 1) % 4;
	cd_names_get(c, &s, buf[k], sizeof(buf[k]));
	return buf[k];
}

static int rename_msg(struct cd_cluster *c, uint32_t from, int n,
		      const char *name)
{
	struct cd_msg m = { .hdr = { .type = CD_RENAME, .nodeid = from,
				     .seq = 3 } };

	m.rename.subnet = net(n);
	strcpy(m.rename.name, name);
	return cd_cluster_apply(c, from, &m);
}

static void names(void)
{
	static struct cd_cluster a, b;
	struct cd_claim p1[1], p2[1];

	healthy(&cl);
	CHECK(!strcmp(name_of(&cl, 1), "Cluster Network 1") &&
	      !strcmp(name_of(&cl, 2), "Cluster Network 2"),
	      "names: numbered in order of first appearance");
	CHECK(rename_msg(&cl, 2, 1, "Heartbeat") == 0 &&
	      rename_msg(&cl, 3, 1, "Public") == 0 &&
	      !strcmp(name_of(&cl, 1), "Public"),
	      "names: two renames at once, the later in CPG order wins");
	CHECK(rename_msg(&cl, 2, 2, "public") == -1 &&
	      !strcmp(name_of(&cl, 2), "Cluster Network 2"),
	      "names: a rename to another network's name (any case) refused");

	/* a new configuration: names come back from the hellos' claims */
	memcpy(p1, cl.known, sizeof(p1));
	cd_cluster_confchg(&cl, all, 3);
	CHECK(!name_of(&cl, 1)[0], "names: a confchg starts from no claims");
	hello(&cl, 2, 2, NULL, 0);
	hello(&cl, 1, 2, cl.known, cl.n_known);
	CHECK(!strcmp(name_of(&cl, 1), "Public") &&
	      !strcmp(name_of(&cl, 2), "Cluster Network 2"),
	      "names: a rename survives a confchg (carried by a hello)");

	/*
	 * Two partitions named different subnets "Cluster Network 2": once
	 * merged, in either order, the older claim keeps it.
	 */
	p1[0] = (struct cd_claim){ .subnet = net(5), .gen = 3, .setter = 1,
				   .name = "Cluster Network 2" };
	p2[0] = (struct cd_claim){ .subnet = net(6), .gen = 4, .setter = 3,
				   .name = "Cluster Network 2" };
	cd_cluster_init(&a, 1);
	cd_cluster_init(&b, 3);
	cd_names_merge(&a, p1, 1);
	cd_names_merge(&a, p2, 1);
	cd_names_merge(&b, p2, 1);
	cd_names_merge(&b, p1, 1);
	CHECK(!strcmp(name_of(&a, 5), "Cluster Network 2") &&
	      !strcmp(name_of(&a, 6), "Cluster Network 1") &&
	      !strcmp(name_of(&b, 5), "Cluster Network 2") &&
	      !strcmp(name_of(&b, 6), "Cluster Network 1"),
	      "names: a clash after a partition resolves the same in any order");

	/* two daemons fed the same stream agree, whatever they knew before */
	cd_cluster_init(&a, 1);
	cd_cluster_init(&b, 2);
	p1[0] = (struct cd_claim){ .subnet = net(2), .gen = 9, .setter = 1,
				   .name = "Storage" };
	cd_names_merge(&a, p1, 1);	/* only a remembers it */
	cd_cluster_confchg(&a, all, 2);
	cd_cluster_confchg(&b, all, 2);
	hello(&a, 2, 2, NULL, 0);
	hello(&b, 2, 2, NULL, 0);
	hello(&a, 1, 2, a.known, a.n_known);
	hello(&b, 1, 2, a.known, a.n_known);
	CHECK(!strcmp(name_of(&a, 1), name_of(&b, 1)) &&
	      !strcmp(name_of(&a, 2), "Storage") &&
	      !strcmp(name_of(&b, 2), "Storage"),
	      "names: two nodes with different pasts agree after the hellos");
	cd_cluster_free(&a);
	cd_cluster_free(&b);
}

int main(void)
{
	states();
	names();
	cd_cluster_free(&cl);
	return tap_done();
}
