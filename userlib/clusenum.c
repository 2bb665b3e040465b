// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The object enumerations: ClusterOpenEnum & co (the cluster's nodes,
 * networks and interfaces), ClusterNodeOpenEnum & co (a node's
 * interfaces), ClusterNetworkOpenEnum & co (a network's interfaces).
 *
 * Each is a snapshot taken at open, in Windows' order of types (nodes,
 * networks, internal networks, interfaces). Groups, resources and resource
 * types are valid types with nothing to list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CLUSTER_ENUM_KNOWN (CLUSTER_ENUM_ALL | CLUSTER_ENUM_INTERNAL_NETWORK | \
			    CLUSTER_ENUM_SHARED_VOLUME_RESOURCE)

static int list_add(struct clusnet_objlist *l, size_t *cap, DWORD type,
		    const char *name)
{
	if (l->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *ne = realloc(l->e, ncap * sizeof(*l->e));

		if (!ne)
			return -1;
		l->e = ne;
		*cap = ncap;
	}
	l->e[l->count].type = type;
	snprintf(l->e[l->count].name, sizeof(l->e[0].name), "%s", name);
	l->count++;
	return 0;
}

static int have_name(const struct clusnet_objlist *l, DWORD type,
		     const char *name)
{
	uint32_t i;

	for (i = 0; i < l->count; i++)
		if (l->e[i].type == type && clusnet_name_eq(l->e[i].name, name))
			return 1;
	return 0;
}

/*
 * Nodes: in a cluster, its node table, by id; outside one, this node
 * first, then every other node some interface names.
 */
static DWORD add_nodes(int fd, struct clusnet_objlist *l, size_t *cap,
		       const struct clusnet_if_entry *ifs, uint32_t n)
{
	struct clusnet_cluster_info ci;
	struct clusnet_node_entry *nodes;
	DWORD err = ERROR_SUCCESS;
	uint32_t i, nn;
	int r;

	r = clusnet_snap_nodes(fd, &nodes, &nn);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	for (i = 0; i < nn && !err; i++)
		if (list_add(l, cap, CLUSTER_ENUM_NODE, nodes[i].name))
			err = ERROR_NOT_ENOUGH_MEMORY;
	free(nodes);
	if (nn)
		return err;

	r = clusnet_cluster_info(fd, 0, &ci);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	if (list_add(l, cap, CLUSTER_ENUM_NODE, ci.node))
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < n; i++)
		if (!have_name(l, CLUSTER_ENUM_NODE, ifs[i].node) &&
		    list_add(l, cap, CLUSTER_ENUM_NODE, ifs[i].node))
			return ERROR_NOT_ENOUGH_MEMORY;
	return ERROR_SUCCESS;
}

static DWORD add_networks(int fd, struct clusnet_objlist *l, size_t *cap,
			  DWORD type)
{
	struct clusnet_network_entry *nets;
	DWORD err = ERROR_SUCCESS;
	uint32_t n, i;
	int r;

	r = clusnet_snap_networks(fd, &nets, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	/* every clusnet network carries cluster traffic: all are internal */
	for (i = 0; i < n && !err; i++)
		if (list_add(l, cap, type, nets[i].name))
			err = ERROR_NOT_ENOUGH_MEMORY;
	free(nets);
	return err;
}

static DWORD fill_cluster(int fd, DWORD type, struct clusnet_objlist *l)
{
	struct clusnet_if_entry *ifs;
	DWORD err = ERROR_SUCCESS;
	size_t cap = 0;
	uint32_t n, i;
	int r;

	r = clusnet_snap_ifs(fd, &ifs, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	if (type & CLUSTER_ENUM_NODE)
		err = add_nodes(fd, l, &cap, ifs, n);
	if (!err && (type & CLUSTER_ENUM_NETWORK))
		err = add_networks(fd, l, &cap, CLUSTER_ENUM_NETWORK);
	if (!err && (type & CLUSTER_ENUM_INTERNAL_NETWORK))
		err = add_networks(fd, l, &cap, CLUSTER_ENUM_INTERNAL_NETWORK);
	for (i = 0; i < n && !err && (type & CLUSTER_ENUM_NETINTERFACE); i++)
		if (list_add(l, &cap, CLUSTER_ENUM_NETINTERFACE, ifs[i].name))
			err = ERROR_NOT_ENOUGH_MEMORY;
	free(ifs);
	return err;
}

/* A node's or a network's interfaces (node NULL: network_id's). */
static DWORD fill_ifs(int fd, const char *node, uint64_t network_id,
		      DWORD type, struct clusnet_objlist *l)
{
	struct clusnet_if_entry *ifs;
	DWORD err = ERROR_SUCCESS;
	size_t cap = 0;
	uint32_t n, i;
	int r;

	r = clusnet_snap_ifs(fd, &ifs, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	for (i = 0; i < n && !err; i++) {
		if (node ? !clusnet_name_eq(node, ifs[i].node) :
		    ifs[i].network_id != network_id)
			continue;
		if (list_add(l, &cap, type, ifs[i].name))
			err = ERROR_NOT_ENOUGH_MEMORY;
	}
	free(ifs);
	return err;
}

static void *list_new(size_t size, uint32_t magic)
{
	struct clusnet_objlist *l = calloc(1, size);

	if (l)
		l->magic = magic;
	return l;
}

static void list_free(struct clusnet_objlist *l)
{
	l->magic = 0;
	free(l->e);
	free(l);
}

/* On failure: frees l, sets the last error, NULL. */
static void *list_done(struct clusnet_objlist *l, DWORD err)
{
	if (!err)
		return l;
	list_free(l);
	SetLastError(err);
	return NULL;
}

static DWORD list_get(const struct clusnet_objlist *l, uint32_t magic,
		      DWORD i, LPDWORD type, LPWSTR name, LPDWORD cch)
{
	if (!l || l->magic != magic)
		return ERROR_INVALID_HANDLE;
	if (!cch)
		return ERROR_INVALID_PARAMETER;
	if (i >= l->count)
		return ERROR_NO_MORE_ITEMS;
	if (type)
		*type = l->e[i].type;
	return clusnet_put_wstr(l->e[i].name, name, cch);
}

static DWORD list_count(const struct clusnet_objlist *l, uint32_t magic)
{
	if (!l || l->magic != magic) {
		SetLastError(ERROR_INVALID_HANDLE);
		return 0;
	}
	return l->count;
}

static DWORD list_close(struct clusnet_objlist *l, uint32_t magic)
{
	if (!l || l->magic != magic)
		return ERROR_INVALID_HANDLE;
	list_free(l);
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT HCLUSENUM WINAPI ClusterOpenEnum(HCLUSTER hCluster,
						DWORD dwType)
{
	struct _HCLUSENUM *h;

	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (dwType & ~CLUSTER_ENUM_KNOWN) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	h = list_new(sizeof(*h), CLUSNET_MAGIC_CLUSENUM);
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	return list_done(&h->l, fill_cluster(hCluster->conn->fd, dwType,
					     &h->l));
}

CLUSNET_EXPORT DWORD WINAPI ClusterGetEnumCount(HCLUSENUM hEnum)
{
	return list_count(hEnum ? &hEnum->l : NULL, CLUSNET_MAGIC_CLUSENUM);
}

CLUSNET_EXPORT DWORD WINAPI ClusterEnum(HCLUSENUM hEnum, DWORD dwIndex,
					LPDWORD lpdwType, LPWSTR lpszName,
					LPDWORD lpcchName)
{
	return list_get(hEnum ? &hEnum->l : NULL, CLUSNET_MAGIC_CLUSENUM,
			dwIndex, lpdwType, lpszName, lpcchName);
}

CLUSNET_EXPORT DWORD WINAPI ClusterCloseEnum(HCLUSENUM hEnum)
{
	return list_close(hEnum ? &hEnum->l : NULL, CLUSNET_MAGIC_CLUSENUM);
}

CLUSNET_EXPORT HNODEENUM WINAPI ClusterNodeOpenEnum(HNODE hNode, DWORD dwType)
{
	struct _HNODEENUM *h;
	DWORD err = ERROR_SUCCESS;
	int local, r;

	if (!clusnet_node_ok(hNode)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (dwType & ~(DWORD)(CLUSTER_NODE_ENUM_ALL |
			      CLUSTER_NODE_ENUM_PREFERRED_GROUPS)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	r = clusnet_node_known(hNode->conn->fd, hNode->name, &local, NULL);
	if (r <= 0) {
		SetLastError(r < 0 ? clusnet_errno_to_win32(-r) :
			     ERROR_CLUSTER_NODE_NOT_FOUND);
		return NULL;
	}
	h = list_new(sizeof(*h), CLUSNET_MAGIC_NODEENUM);
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (dwType & CLUSTER_NODE_ENUM_NETINTERFACES)
		err = fill_ifs(hNode->conn->fd, hNode->name, 0,
			       CLUSTER_NODE_ENUM_NETINTERFACES, &h->l);
	return list_done(&h->l, err);
}

CLUSNET_EXPORT DWORD WINAPI ClusterNodeGetEnumCount(HNODEENUM hNodeEnum)
{
	return list_count(hNodeEnum ? &hNodeEnum->l : NULL,
			  CLUSNET_MAGIC_NODEENUM);
}

CLUSNET_EXPORT DWORD WINAPI ClusterNodeEnum(HNODEENUM hNodeEnum,
					    DWORD dwIndex, LPDWORD lpdwType,
					    LPWSTR lpszName, LPDWORD lpcchName)
{
	return list_get(hNodeEnum ? &hNodeEnum->l : NULL,
			CLUSNET_MAGIC_NODEENUM, dwIndex, lpdwType, lpszName,
			lpcchName);
}

CLUSNET_EXPORT DWORD WINAPI ClusterNodeCloseEnum(HNODEENUM hNodeEnum)
{
	return list_close(hNodeEnum ? &hNodeEnum->l : NULL,
			  CLUSNET_MAGIC_NODEENUM);
}

CLUSNET_EXPORT HNETWORKENUM WINAPI ClusterNetworkOpenEnum(HNETWORK hNetwork,
							  DWORD dwType)
{
	struct clusnet_network_entry ne;
	struct _HNETWORKENUM *h;
	DWORD err;

	if (!clusnet_network_ok(hNetwork)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (dwType & ~(DWORD)CLUSTER_NETWORK_ENUM_ALL) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	err = clusnet_network_lookup(hNetwork, &ne);
	if (err) {
		SetLastError(err);
		return NULL;
	}
	h = list_new(sizeof(*h), CLUSNET_MAGIC_NETENUM);
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (dwType & CLUSTER_NETWORK_ENUM_NETINTERFACES)
		err = fill_ifs(hNetwork->conn->fd, NULL, hNetwork->id,
			       CLUSTER_NETWORK_ENUM_NETINTERFACES, &h->l);
	return list_done(&h->l, err);
}

CLUSNET_EXPORT DWORD WINAPI ClusterNetworkGetEnumCount(HNETWORKENUM hNetworkEnum)
{
	return list_count(hNetworkEnum ? &hNetworkEnum->l : NULL,
			  CLUSNET_MAGIC_NETENUM);
}

CLUSNET_EXPORT DWORD WINAPI ClusterNetworkEnum(HNETWORKENUM hNetworkEnum,
					       DWORD dwIndex, LPDWORD lpdwType,
					       LPWSTR lpszName,
					       LPDWORD lpcchName)
{
	return list_get(hNetworkEnum ? &hNetworkEnum->l : NULL,
			CLUSNET_MAGIC_NETENUM, dwIndex, lpdwType, lpszName,
			lpcchName);
}

CLUSNET_EXPORT DWORD WINAPI ClusterNetworkCloseEnum(HNETWORKENUM hNetworkEnum)
{
	return list_close(hNetworkEnum ? &hNetworkEnum->l : NULL,
			  CLUSNET_MAGIC_NETENUM);
}
