// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Snapshots of the namespace's interface objects and networks
 * (CLUSNET_IOC_ENUM, CLUSNET_IOC_NETWORKS), and the lookups built on them:
 * known nodes and networks by name.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

/*
 * The kernel writes min(count, capacity) entries and reports count: when the
 * array was too small, grow it and ask again (objects may come meanwhile).
 */
static int snapshot(int fd, unsigned long cmd, size_t entry_size, void **out,
		    uint32_t *count)
{
	struct clusnet_enum e;
	uint32_t cap = 16;
	void *buf = NULL, *nb;

	for (;;) {
		nb = realloc(buf, (size_t)cap * entry_size);
		if (!nb) {
			free(buf);
			return -ENOMEM;
		}
		buf = nb;
		memset(&e, 0, sizeof(e));
		e.size = sizeof(e);
		e.entries = (uintptr_t)buf;
		e.entry_size = (uint32_t)entry_size;
		e.capacity = cap;
		if (ioctl(fd, cmd, &e) < 0) {
			int err = errno;

			free(buf);
			return -err;
		}
		if (e.count <= cap)
			break;
		if (e.count > UINT32_MAX / 2 - 16) {
			free(buf);
			return -ENOMEM;
		}
		cap = e.count + e.count / 4 + 16;	/* room for newcomers */
	}
	*out = buf;
	*count = e.count;
	return 0;
}

int clusnet_snap_ifs(int fd, struct clusnet_if_entry **out, uint32_t *count)
{
	struct clusnet_if_entry *a = NULL;
	uint32_t i;
	int r;

	r = snapshot(fd, CLUSNET_IOC_ENUM, sizeof(*a), (void **)&a, count);
	if (r < 0)
		return r;
	for (i = 0; i < *count; i++) {
		a[i].name[CLUSNET_NAME_MAX] = 0;
		a[i].node[CLUSNET_NAME_MAX] = 0;
		a[i].network[CLUSNET_NAME_MAX] = 0;
		a[i].ifname[CLUSNET_IFNAME_MAX] = 0;
	}
	*out = a;
	return 0;
}

int clusnet_snap_networks(int fd, struct clusnet_network_entry **out,
			  uint32_t *count)
{
	struct clusnet_network_entry *a = NULL;
	uint32_t i;
	int r;

	r = snapshot(fd, CLUSNET_IOC_NETWORKS, sizeof(*a), (void **)&a, count);
	if (r < 0)
		return r;
	for (i = 0; i < *count; i++)
		a[i].name[CLUSNET_NAME_MAX] = 0;
	*out = a;
	return 0;
}

int clusnet_snap_nodes(int fd, struct clusnet_node_entry **out,
		       uint32_t *count)
{
	struct clusnet_node_entry *a = NULL;
	uint32_t i;
	int r;

	r = snapshot(fd, CLUSNET_IOC_NODES, sizeof(*a), (void **)&a, count);
	/* A module from before the cluster: no table, as outside one. */
	if (r == -ENOTTY) {
		*out = NULL;
		*count = 0;
		return 0;
	}
	if (r < 0)
		return r;
	for (i = 0; i < *count; i++)
		a[i].name[CLUSNET_NAME_MAX] = 0;
	*out = a;
	return 0;
}

int clusnet_node_lookup(int fd, const char *node,
			struct clusnet_node_entry *entry)
{
	struct clusnet_node_entry *nodes;
	uint32_t n, i;
	int r;

	r = clusnet_snap_nodes(fd, &nodes, &n);
	if (r < 0)
		return r;
	for (i = 0, r = n ? 0 : -ENOENT; i < n && r <= 0; i++) {
		if (clusnet_name_eq(node, nodes[i].name)) {
			if (entry)
				*entry = nodes[i];
			r = 1;
		}
	}
	free(nodes);
	return r;
}

int clusnet_node_known(int fd, const char *node, int *local, char *canon)
{
	struct clusnet_cluster_info ci;
	struct clusnet_node_entry ne;
	struct clusnet_if_entry *ifs;
	uint32_t n, i;
	int r;

	/* In a cluster, its node table says which nodes there are. */
	r = clusnet_node_lookup(fd, node, &ne);
	if (r >= 0) {
		*local = !!(ne.flags & CLUSNET_NODE_LOCAL);
		if (r && canon)
			strcpy(canon, ne.name);
		return r;
	}
	if (r != -ENOENT)
		return r;
	r = clusnet_cluster_info(fd, 0, &ci);
	if (r < 0)
		return r;
	if (clusnet_name_eq(node, ci.node)) {
		*local = 1;
		if (canon)
			strcpy(canon, ci.node);
		return 1;
	}
	*local = 0;
	r = clusnet_snap_ifs(fd, &ifs, &n);
	if (r < 0)
		return r;
	for (i = 0, r = 0; i < n && !r; i++) {
		if (clusnet_name_eq(node, ifs[i].node)) {
			if (canon)
				strcpy(canon, ifs[i].node);
			r = 1;
		}
	}
	free(ifs);
	return r;
}

int clusnet_network_by_name(int fd, const char *name,
			    struct clusnet_network_entry *entry)
{
	struct clusnet_network_entry *nets;
	uint32_t n, i;
	int r;

	r = clusnet_snap_networks(fd, &nets, &n);
	if (r < 0)
		return r;
	for (i = 0, r = 0; i < n && !r; i++) {
		if (clusnet_name_eq(name, nets[i].name)) {
			*entry = nets[i];
			r = 1;
		}
	}
	free(nets);
	return r;
}
