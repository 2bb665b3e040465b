// SPDX-License-Identifier: GPL-2.0
/*
 * The model's changes: CPG configuration changes, corosync membership and
 * the messages of the protocol, applied in CPG's delivery order.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cluster.h"

void cd_cluster_init(struct cd_cluster *cl, uint32_t local)
{
	memset(cl, 0, sizeof(*cl));
	cl->local = local;
}

void cd_cluster_free(struct cd_cluster *cl)
{
	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		free(cl->nodes[i].ifaces);
		free(cl->nodes[i].links);
	}
	cl->n_nodes = 0;
}

const struct cd_node *cd_node_find(const struct cd_cluster *cl,
				   uint32_t nodeid)
{
	for (uint32_t i = 0; i < cl->n_nodes; i++)
		if (cl->nodes[i].nodeid == nodeid)
			return &cl->nodes[i];
	return NULL;
}

struct cd_node *cd_node_get(struct cd_cluster *cl, uint32_t nodeid,
			    bool create)
{
	struct cd_node *n = (struct cd_node *)cd_node_find(cl, nodeid);

	if (n || !create || !nodeid || cl->n_nodes >= CD_NODES_MAX)
		return n;
	n = &cl->nodes[cl->n_nodes++];
	memset(n, 0, sizeof(*n));
	n->nodeid = nodeid;
	return n;
}

static bool in_list(const uint32_t *ids, size_t n, uint32_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static void drop_links(struct cd_node *n)
{
	free(n->links);
	n->links = NULL;
	n->n_links = 0;
}

/*
 * Every member sends its hello again after a change of the group, and
 * the names are agreed again from those hellos: all members see this
 * confchg at the same point of the message stream, so all start the new
 * configuration from the same (empty) table.
 */
void cd_cluster_confchg(struct cd_cluster *cl, const uint32_t *members,
			size_t n)
{
	for (size_t i = 0; i < n; i++)
		cd_node_get(cl, members[i], true);
	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		struct cd_node *nd = &cl->nodes[i];

		nd->in_group = in_list(members, n, nd->nodeid);
		/*
		 * synced is "its hello arrived since it (re)joined": a member
		 * that stays keeps it (its resent hello refreshes the row), so
		 * another node's leave or join leaves it Up.
		 */
		if (!nd->in_group) {
			nd->synced = false;
			drop_links(nd);
			nd->last_seq = 0;
		}
	}
	cl->n_claims = 0;
}

void cd_cluster_membership(struct cd_cluster *cl, const uint32_t *members,
			   size_t n)
{
	for (size_t i = 0; i < n; i++)
		cd_node_get(cl, members[i], true);
	for (uint32_t i = 0; i < cl->n_nodes; i++)
		cl->nodes[i].member = in_list(members, n, cl->nodes[i].nodeid);
}

/* Replace *dst (of *n elements) with a copy of src. */
static int copy_array(void **dst, uint32_t *n, const void *src,
		      uint32_t count, size_t elem)
{
	void *p = NULL;

	if (count) {
		p = malloc(count * elem);
		if (!p)
			return -1;
		memcpy(p, src, count * elem);
	}
	free(*dst);
	*dst = p;
	*n = count;
	return 0;
}

static int apply_hello(struct cd_cluster *cl, struct cd_node *n,
		       const struct cd_hello *h)
{
	void *ifs = n->ifaces, *links = n->links;

	if (copy_array(&ifs, &n->n_ifaces, h->ifaces, h->n_ifaces,
		       sizeof(*h->ifaces)))
		return -1;
	n->ifaces = ifs;
	if (copy_array(&links, &n->n_links, h->links, h->n_links,
		       sizeof(*h->links)))
		return -1;
	n->links = links;
	strcpy(n->name, h->node);
	n->synced = true;
	/* claims first: a returning network gets its old name back */
	cd_names_merge(cl, h->claims, h->n_claims);
	for (uint32_t i = 0; i < h->n_ifaces; i++)
		cd_names_add_subnet(cl, &h->ifaces[i].subnet, n->nodeid);
	return 0;
}

static struct cd_iface *iface_find(struct cd_node *n, const char *name)
{
	for (uint32_t i = 0; i < n->n_ifaces; i++)
		if (!strcasecmp(n->ifaces[i].name, name))
			return &n->ifaces[i];
	return NULL;
}

static int apply_iface(struct cd_cluster *cl, struct cd_node *n,
		       const struct cd_iface *f)
{
	struct cd_iface *o = iface_find(n, f->name), *arr;

	if (!o) {
		if (n->n_ifaces >= CD_IFACES_MAX)
			return -1;
		arr = realloc(n->ifaces, (n->n_ifaces + 1) * sizeof(*arr));
		if (!arr)
			return -1;
		n->ifaces = arr;
		o = &arr[n->n_ifaces++];
	}
	*o = *f;
	cd_names_add_subnet(cl, &f->subnet, n->nodeid);
	return 0;
}

static int apply_del(struct cd_node *n, const char *name)
{
	struct cd_iface *o = iface_find(n, name);

	if (!o)
		return -1;
	*o = n->ifaces[--n->n_ifaces];
	return 0;
}

int cd_cluster_apply(struct cd_cluster *cl, uint32_t sender,
		     const struct cd_msg *m)
{
	struct cd_node *n;
	void *links;

	if (m->hdr.nodeid != sender)
		return -1;	/* a node speaks only for itself */
	n = cd_node_get(cl, sender, true);
	if (!n)
		return -1;
	n->last_seq = m->hdr.seq;
	switch (m->hdr.type) {
	case CD_HELLO:
		return apply_hello(cl, n, &m->hello);
	case CD_IFACE:
		return apply_iface(cl, n, &m->iface);
	case CD_IFACE_DEL:
		return apply_del(n, m->name);
	case CD_LINKS:
		links = n->links;
		if (copy_array(&links, &n->n_links, m->hello.links,
			       m->hello.n_links, sizeof(*m->hello.links)))
			return -1;
		n->links = links;
		return 0;
	case CD_RENAME:
		return cd_names_rename(cl, &m->rename.subnet, m->rename.name,
				       sender);
	}
	return 0;	/* writes: handled by the daemon, not the model */
}
