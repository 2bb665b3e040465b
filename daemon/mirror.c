// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel mirror: what the group agreed, put into the local clusnet
 * registry with the admin ioctls, so that every program on this node
 * opens, polls and enumerates the other nodes' interfaces as it does
 * its own. After each change of the model (and once a second, to repair
 * what an admin or a failed call left), one pass makes the kernel match:
 *
 * - the cluster's name and this node's id (SET_CLUSTER);
 * - the node table (NODE_SET), one entry per node of the model;
 * - this node's discovered networks renamed to the agreed names, unless
 *   an admin renamed one here (clusnetctl network rename): that name goes
 *   to the group as a rename, and the group's last one wins everywhere;
 * - one remote object per interface of every other node, on the network
 *   of the agreed name, with the state the rules derive (SET_STATE);
 * - for this node's own objects, the cluster's view: Unreachable or
 *   Failed when its NIC runs but cannot reach the others, else Up (the
 *   kernel shows the NIC's own Failed and Unavailable at once).
 *
 * Until the group's first configuration was delivered the model knows no
 * other node, and a remote object whose node has not said hello since is
 * left alone: a restarted daemon does not drop and remake the objects
 * programs have open. On a clean stop, cd_mirror_clear() takes it all
 * back out, so the node works as a single node again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <netinet/in.h>

#include <linux/clusnet.h>

#include "daemon.h"

#define PTR(p) ((__u64)(unsigned long)(p))

/* What the last pass set for this node's own objects. */
struct view {
	char name[CD_NAME_MAX + 1];
	uint32_t state;
};

static struct view *views;
static uint32_t n_views;

/*
 * The name this node's network of each subnet had after our last pass,
 * and a rename of ours on its way through the group: until the group's
 * claim for the subnet changes (or 5 s pass: a rename the group refused),
 * the kernel's name is left as the admin set it.
 */
struct known_net {
	struct cd_subnet subnet;
	char name[CD_NAME_MAX + 1];
	uint64_t sent_gen;	/* the claim's gen when ours went out */
	bool sent;
	struct timespec sent_at;
};

static struct known_net *known;
static uint32_t n_known;
static char fed_cluster[CD_NAME_MAX + 1];
static uint32_t fed_id;
static bool fed;

/*
 * A failed call is retried on the next pass; the log gets the first ones
 * and then one in a hundred, so that a lasting refusal does not flood it.
 */
static void failed(const char *what, const char *name)
{
	static unsigned long count;

	if (count++ < 20 || count % 100 == 0)
		cd_log(LOG_WARNING, "mirror: %s %s: %m", what, name);
}

static const char *node_name(const struct cd_node *n, char *buf, size_t size)
{
	if (n->name[0])
		return n->name;
	snprintf(buf, size, "node %u", n->nodeid);
	return buf;
}

static void mirror_cluster(struct cd_daemon *d)
{
	struct clusnet_set_cluster c = { .size = sizeof(c) };

	if (fed && fed_id == d->local && !strcmp(fed_cluster, d->cluster_name))
		return;
	c.name = PTR(d->cluster_name);
	c.name_len = (__u32)strlen(d->cluster_name);
	c.node_id = d->local;
	if (ioctl(d->dev_fd, CLUSNET_IOC_SET_CLUSTER, &c)) {
		failed("cluster", d->cluster_name);
		return;
	}
	snprintf(fed_cluster, sizeof(fed_cluster), "%s", d->cluster_name);
	fed_id = d->local;
	fed = true;
}

static void mirror_nodes(struct cd_daemon *d)
{
	struct clusnet_node_entry *kn = NULL;
	const struct cd_cluster *cl = &d->cl;
	char buf[32];
	int n;

	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_NODES, sizeof(*kn), (void **)&kn);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		struct clusnet_node_set del = { .size = sizeof(del),
			.flags = CLUSNET_NODE_DELETE, .id = kn[i].id };

		if (!cd_node_find(cl, kn[i].id))
			ioctl(d->dev_fd, CLUSNET_IOC_NODE_SET, &del);
	}
	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *node = &cl->nodes[i];
		const char *name = node_name(node, buf, sizeof(buf));
		struct clusnet_node_set s = {
			.size = sizeof(s), .name = PTR(name),
			.name_len = (__u32)strlen(name), .id = node->nodeid,
			.state = cd_node_state(node),
		};
		int k;

		for (k = 0; k < n; k++)
			if (kn[k].id == node->nodeid)
				break;
		if (k < n && kn[k].state == s.state && !strcmp(kn[k].name, name))
			continue;
		if (ioctl(d->dev_fd, CLUSNET_IOC_NODE_SET, &s))
			failed("node", name);
	}
	free(kn);
}

static void to_subnet(const struct clusnet_network_entry *e,
		      struct cd_subnet *s)
{
	memset(s, 0, sizeof(*s));
	if (!(e->flags & CLUSNET_NETWORK_DISCOVERED) || e->family != AF_INET)
		return;
	s->family = 4;
	s->prefix = e->prefixlen;
	memcpy(s->addr, e->subnet, 4);
}

static struct known_net *known_of(const struct cd_subnet *s)
{
	struct known_net *k;

	for (uint32_t i = 0; i < n_known; i++)
		if (!cd_subnet_cmp(&known[i].subnet, s))
			return &known[i];
	k = realloc(known, (n_known + 1) * sizeof(*known));
	if (!k)
		return NULL;
	known = k;
	k = &known[n_known++];
	memset(k, 0, sizeof(*k));
	k->subnet = *s;
	return k;
}

static uint64_t claim_gen(const struct cd_cluster *cl,
			  const struct cd_subnet *s)
{
	for (uint32_t i = 0; i < cl->n_claims; i++)
		if (!cd_subnet_cmp(&cl->claims[i].subnet, s))
			return cl->claims[i].gen;
	return 0;
}

static bool rename_pending(const struct cd_cluster *cl, struct known_net *k)
{
	struct timespec now;

	if (!k->sent)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (claim_gen(cl, &k->subnet) == k->sent_gen &&
	    now.tv_sec - k->sent_at.tv_sec < 5)
		return true;
	k->sent = false;
	return false;
}

/*
 * A name on this node that is neither the group's nor the one the last
 * pass left: an admin renamed the network here. It goes to the group,
 * which applies renames in CPG's order, and comes back as the agreed name.
 */
static bool renamed_here(struct cd_daemon *d, struct known_net *k,
			 const char *name)
{
	struct cd_msg m = { .hdr.type = CD_RENAME };

	if (!k->name[0] || !strcmp(k->name, name))
		return false;
	m.rename.subnet = k->subnet;
	snprintf(m.rename.name, sizeof(m.rename.name), "%s", name);
	cd_log(LOG_NOTICE, "network %s renamed to \"%s\" on this node: "
	       "renaming it in the cluster", k->name, name);
	if (!cd_send(d, &m)) {
		snprintf(k->name, sizeof(k->name), "%s", name);
		k->sent_gen = claim_gen(&d->cl, &k->subnet);
		k->sent = true;
		clock_gettime(CLOCK_MONOTONIC, &k->sent_at);
	}
	return true;
}

/* This node's discovered networks take the names the group agreed. */
static void mirror_networks(struct cd_daemon *d)
{
	struct clusnet_network_entry *nets = NULL;
	char name[CD_NAME_MAX + 1];
	struct known_net *k;
	struct cd_subnet s;
	int n, err;

	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_NETWORKS, sizeof(*nets),
		     (void **)&nets);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		struct clusnet_network_rename r = { .size = sizeof(r) };

		to_subnet(&nets[i], &s);
		if (!s.family || !cd_names_get(&d->cl, &s, name, sizeof(name)))
			continue;
		k = known_of(&s);
		if (!k || rename_pending(&d->cl, k))
			continue;
		if (!strcmp(name, nets[i].name)) {
			snprintf(k->name, sizeof(k->name), "%s", name);
			continue;
		}
		if (renamed_here(d, k, nets[i].name))
			continue;
		r.id = nets[i].id;
		r.name = PTR(name);
		r.name_len = (__u32)strlen(name);
		/* Taken by a network of remote objects: it gives way. */
		err = ioctl(d->dev_fd, CLUSNET_IOC_NETWORK_RENAME, &r);
		if (err && errno == EEXIST) {
			for (int j = 0; j < n; j++) {
				struct clusnet_network_rename away = r;
				char tmp[64];

				if (strcasecmp(nets[j].name, name) ||
				    (nets[j].flags & CLUSNET_NETWORK_DISCOVERED))
					continue;
				snprintf(tmp, sizeof(tmp), "clusnetd %llu",
					 (unsigned long long)nets[j].id);
				away.id = nets[j].id;
				away.name = PTR(tmp);
				away.name_len = (__u32)strlen(tmp);
				ioctl(d->dev_fd, CLUSNET_IOC_NETWORK_RENAME,
				      &away);
			}
			err = ioctl(d->dev_fd, CLUSNET_IOC_NETWORK_RENAME, &r);
		}
		if (err)
			failed("network rename", name);
		else
			snprintf(k->name, sizeof(k->name), "%s", name);
	}
	free(nets);
}

static int set_state(int dev, const char *name, uint32_t state)
{
	struct clusnet_set_state s = {
		.size = sizeof(s), .name = PTR(name),
		.name_len = (__u32)strlen(name), .state = state,
	};

	return ioctl(dev, CLUSNET_IOC_SET_STATE, &s);
}

static int delete(int dev, const char *name)
{
	struct clusnet_delete del = {
		.size = sizeof(del), .name = PTR(name),
		.name_len = (__u32)strlen(name),
	};

	return ioctl(dev, CLUSNET_IOC_DELETE, &del);
}

/* Its description, through a handle (only handles carry it). */
static void sync_description(int dev, const char *name, const char *want)
{
	struct clusnet_description s = { .size = sizeof(s) };
	struct clusnet_info *info;
	int h = cd_open_object(dev, name, CLUSNET_GENERIC_ALL);

	if (h < 0)
		return;
	info = calloc(1, sizeof(*info));
	if (info) {
		info->size = sizeof(*info);
		if (!ioctl(h, CLUSNET_HIOC_GET_INFO, info) &&
		    strcmp(info->description, want)) {
			s.flags = CLUSNET_DESCRIPTION_COPY;
			s.text = PTR(want);
			s.text_len = (__u32)strlen(want);
			if (ioctl(h, CLUSNET_HIOC_SET_DESCRIPTION, &s))
				failed("description", name);
		}
		free(info);
	}
	close(h);
}

static const struct cd_node *model_node(const struct cd_cluster *cl,
					const char *name)
{
	for (uint32_t i = 0; i < cl->n_nodes; i++)
		if (!strcasecmp(cl->nodes[i].name, name))
			return &cl->nodes[i];
	return NULL;
}

static const struct cd_iface *model_iface(const struct cd_node *n,
					  const char *name)
{
	for (uint32_t j = 0; j < n->n_ifaces; j++)
		if (!strcasecmp(n->ifaces[j].name, name))
			return &n->ifaces[j];
	return NULL;
}

static bool peer_known(const struct cd_daemon *d, const char *name)
{
	for (uint32_t i = 0; i < d->n_peers; i++)
		if (!strcasecmp(d->peers[i].name, name))
			return true;
	return false;
}

/* Remote objects no node publishes any more go; the others are updated. */
static void prune_remote(struct cd_daemon *d, const struct clusnet_if_entry *e)
{
	const struct cd_node *n = model_node(&d->cl, e->node);
	const struct cd_iface *f = n ? model_iface(n, e->name) : NULL;
	char want[CD_NAME_MAX + 1] = "";

	if (!f) {
		/* A node that did not say hello since we started: keep. */
		if ((n && !n->synced) || (!n && peer_known(d, e->node)))
			return;
		if (delete(d->dev_fd, e->name) && errno != ENOENT)
			failed("delete", e->name);
		return;
	}
	/*
	 * Names are agreed again after each configuration change: until the
	 * subnet's claim is back, its network is unknown, not changed.
	 */
	if (f->subnet.family &&
	    !cd_names_get(&d->cl, &f->subnet, want, sizeof(want)))
		return;
	/* Another network (a rename goes by the network, not here). */
	if (strcmp(want, e->network) && !(want[0] && e->network[0]))
		delete(d->dev_fd, e->name);
}

/* Whether a network has this node's objects (it was discovered here). */
static bool local_network(struct cd_daemon *d, uint64_t id)
{
	struct clusnet_network_entry *nets = NULL;
	bool local = false;
	int n;

	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_NETWORKS, sizeof(*nets),
		     (void **)&nets);
	for (int i = 0; i < n; i++)
		if (nets[i].id == id)
			local = nets[i].flags & CLUSNET_NETWORK_DISCOVERED;
	free(nets);
	return local || n < 0;
}

static void add_remote(struct cd_daemon *d, const struct cd_node *n,
		       const struct cd_iface *f,
		       const struct clusnet_if_entry *e)
{
	char net[CD_NAME_MAX + 1] = "", buf[32];
	const char *node = node_name(n, buf, sizeof(buf));
	uint32_t state = cd_if_state(&d->cl, n, f);

	if (f->subnet.family)
		cd_names_get(&d->cl, &f->subnet, net, sizeof(net));
	if (!e) {
		struct clusnet_create c = {
			.size = sizeof(c), .flags = CLUSNET_CREATE_REMOTE,
			.name = PTR(f->name), .name_len = (__u32)strlen(f->name),
			.node = PTR(node), .node_len = (__u32)strlen(node),
			.network = PTR(net), .network_len = (__u32)strlen(net),
			.uid = f->uid, .gid = f->gid, .mode = f->mode & 0666,
		};

		if (ioctl(d->dev_fd, CLUSNET_IOC_CREATE, &c)) {
			if (errno != EEXIST)
				failed("create", f->name);
			return;
		}
	} else if (e->uid != f->uid || e->gid != f->gid ||
		   e->mode != (f->mode & 0666)) {
		struct clusnet_set_security s = {
			.size = sizeof(s), .name = PTR(f->name),
			.name_len = (__u32)strlen(f->name),
			.flags = CLUSNET_SET_UID | CLUSNET_SET_GID |
				 CLUSNET_SET_MODE | CLUSNET_SET_COPY,
			.uid = f->uid, .gid = f->gid, .mode = f->mode & 0666,
		};

		if (ioctl(d->dev_fd, CLUSNET_IOC_SET_SECURITY, &s))
			failed("security", f->name);
	}
	if (!e || e->state != state)
		if (set_state(d->dev_fd, f->name, state))
			failed("state", f->name);
	/*
	 * A network of remote objects only, renamed by the group, keeps its
	 * members; this node's own networks are mirror_networks()'s.
	 */
	if (e && net[0] && strcmp(net, e->network) && e->network_id &&
	    !local_network(d, e->network_id)) {
		struct clusnet_network_rename r = {
			.size = sizeof(r), .id = e->network_id,
			.name = PTR(net), .name_len = (__u32)strlen(net),
		};

		ioctl(d->dev_fd, CLUSNET_IOC_NETWORK_RENAME, &r);
	}
	sync_description(d->dev_fd, f->name, f->description);
}

static void set_view(struct cd_daemon *d, const char *name, uint32_t state)
{
	struct view *v;
	uint32_t i;

	for (i = 0; i < n_views; i++)
		if (!strcmp(views[i].name, name))
			break;
	if (i < n_views && views[i].state == state)
		return;
	if (set_state(d->dev_fd, name, state)) {
		failed("view", name);
		return;
	}
	if (i == n_views) {
		v = realloc(views, (n_views + 1) * sizeof(*views));
		if (!v)
			return;
		views = v;
		n_views++;
		snprintf(views[i].name, sizeof(views[i].name), "%s", name);
	}
	views[i].state = state;
}

static void mirror_objects(struct cd_daemon *d)
{
	struct clusnet_if_entry *ifs = NULL;
	const struct cd_cluster *cl = &d->cl;
	int n;

	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_ENUM, sizeof(*ifs), (void **)&ifs);
	if (n < 0)
		return;
	for (int i = 0; i < n; i++)
		if (ifs[i].flags & CLUSNET_IF_REMOTE)
			prune_remote(d, &ifs[i]);
	free(ifs);
	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_ENUM, sizeof(*ifs), (void **)&ifs);
	if (n < 0)
		return;

	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *node = &cl->nodes[i];

		for (uint32_t j = 0; j < node->n_ifaces; j++) {
			const struct cd_iface *f = &node->ifaces[j];
			const struct clusnet_if_entry *e = NULL;
			uint32_t st;

			for (int k = 0; k < n && !e; k++)
				if (!strcasecmp(ifs[k].name, f->name))
					e = &ifs[k];
			if (node->nodeid != d->local) {
				if (!e || (e->flags & CLUSNET_IF_REMOTE))
					add_remote(d, node, f, e);
				continue;
			}
			if (!e || (e->flags & CLUSNET_IF_REMOTE))
				continue;
			st = cd_if_state(cl, node, f);
			if ((st != CD_IF_UNREACHABLE && st != CD_IF_FAILED) ||
			    !(f->nic & CD_NIC_RUNNING))
				st = CD_IF_UP;
			set_view(d, f->name, st);
		}
	}
	free(ifs);
}

void cd_mirror(struct cd_daemon *d)
{
	if (d->dev_fd < 0 || !d->joined)
		return;
	mirror_cluster(d);
	mirror_nodes(d);
	mirror_networks(d);
	mirror_objects(d);
}

void cd_mirror_clear(struct cd_daemon *d)
{
	struct clusnet_if_entry *ifs = NULL;
	struct clusnet_node_entry *kn = NULL;
	struct clusnet_set_cluster c = { .size = sizeof(c) };
	int n;

	if (d->dev_fd < 0)
		return;
	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_ENUM, sizeof(*ifs), (void **)&ifs);
	for (int i = 0; i < n; i++) {
		if (ifs[i].flags & CLUSNET_IF_REMOTE)
			delete(d->dev_fd, ifs[i].name);
		else
			set_state(d->dev_fd, ifs[i].name, CLUSNET_STATE_UP);
	}
	free(ifs);
	n = cd_snapshot(d->dev_fd, CLUSNET_IOC_NODES, sizeof(*kn), (void **)&kn);
	for (int i = 0; i < n; i++) {
		struct clusnet_node_set del = { .size = sizeof(del),
			.flags = CLUSNET_NODE_DELETE, .id = kn[i].id };

		ioctl(d->dev_fd, CLUSNET_IOC_NODE_SET, &del);
	}
	free(kn);
	ioctl(d->dev_fd, CLUSNET_IOC_SET_CLUSTER, &c);
	free(views);
	views = NULL;
	n_views = 0;
	free(known);
	known = NULL;
	n_known = 0;
	fed = false;
}
