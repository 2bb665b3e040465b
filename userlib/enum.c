// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * GetClusterNetInterface and the network interface enumeration
 * (ClusterNetInterfaceOpenEnum, ClusterNetInterfaceEnum,
 * ClusterNetInterfaceCloseEnum), on CLUSNET_IOC_ENUM snapshots.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include "internal.h"

/*
 * The node and network filters: NULL matches any. A node that is neither
 * the cluster's nor any object's is ERROR_CLUSTER_NODE_NOT_FOUND, checked
 * before the network (ERROR_CLUSTER_NETWORK_NOT_FOUND).
 */
struct filter {
	int any_node, any_network;
	char node[CLUSNET_NAME_MAX + 1];
	uint64_t network_id;
};

static DWORD make_filter(int fd, LPCWSTR node, LPCWSTR network,
			 struct filter *f)
{
	struct clusnet_network_entry ne;
	char buf[CLUSNET_NAME_MAX + 1];
	int local, r;

	f->any_node = !node;
	f->any_network = !network;
	if (node) {
		if (clusnet_name_arg(node, buf, sizeof(buf)) <= 0)
			return ERROR_CLUSTER_NODE_NOT_FOUND;
		r = clusnet_node_known(fd, buf, &local, f->node);
		if (r < 0)
			return clusnet_errno_to_win32(-r);
		if (!r)
			return ERROR_CLUSTER_NODE_NOT_FOUND;
	}
	if (network) {
		if (clusnet_name_arg(network, buf, sizeof(buf)) <= 0)
			return ERROR_CLUSTER_NETWORK_NOT_FOUND;
		r = clusnet_network_by_name(fd, buf, &ne);
		if (r < 0)
			return clusnet_errno_to_win32(-r);
		if (!r)
			return ERROR_CLUSTER_NETWORK_NOT_FOUND;
		f->network_id = ne.id;
	}
	return ERROR_SUCCESS;
}

static int filter_match(const struct filter *f,
			const struct clusnet_if_entry *e)
{
	if (!f->any_node && !clusnet_name_eq(f->node, e->node))
		return 0;
	if (!f->any_network && e->network_id != f->network_id)
		return 0;
	return 1;
}

/*
 * The interface of a node on a network. Should a node have several NICs on
 * one network, the oldest object is reported (GetClusterNetInterfaceEx
 * would list them all).
 */
CLUSNET_EXPORT DWORD WINAPI
GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName,
		       LPCWSTR lpszNetworkName, LPWSTR lpszInterfaceName,
		       LPDWORD lpcchInterfaceName)
{
	struct clusnet_if_entry *ifs;
	struct filter f;
	uint32_t n, i;
	DWORD err;
	int r;

	if (!clusnet_cluster_ok(hCluster))
		return ERROR_INVALID_HANDLE;
	if (!lpszNodeName || !lpszNetworkName || !lpcchInterfaceName)
		return ERROR_INVALID_PARAMETER;
	err = make_filter(hCluster->conn->fd, lpszNodeName, lpszNetworkName,
			  &f);
	if (err)
		return err;
	r = clusnet_snap_ifs(hCluster->conn->fd, &ifs, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	err = ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
	for (i = 0; i < n; i++) {
		if (filter_match(&f, &ifs[i])) {
			err = clusnet_put_wstr(ifs[i].name, lpszInterfaceName,
					       lpcchInterfaceName);
			break;
		}
	}
	free(ifs);
	return err;
}

/* The snapshot: names copied at open, so later changes do not shift it. */
CLUSNET_EXPORT HNETINTERFACEENUM WINAPI
ClusterNetInterfaceOpenEnum(HCLUSTER hCluster, LPCWSTR lpszNodeName,
			    LPCWSTR lpszNetworkName)
{
	struct _HNETINTERFACEENUM *e;
	struct clusnet_if_entry *ifs;
	struct filter f;
	uint32_t n, i;
	DWORD err;
	int r;

	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	err = make_filter(hCluster->conn->fd, lpszNodeName, lpszNetworkName,
			  &f);
	if (err) {
		SetLastError(err);
		return NULL;
	}
	r = clusnet_snap_ifs(hCluster->conn->fd, &ifs, &n);
	if (r < 0) {
		clusnet_set_errno_error(-r);
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (e)
		e->names = malloc(((size_t)n + 1) * sizeof(*e->names));
	if (!e || !e->names) {
		free(e);
		free(ifs);
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (filter_match(&f, &ifs[i]))
			memcpy(e->names[e->count++], ifs[i].name,
			       sizeof(e->names[0]));
	free(ifs);
	e->magic = CLUSNET_MAGIC_IFENUM;
	return e;
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNetInterfaceEnum(HNETINTERFACEENUM hNetInterfaceEnum, DWORD dwIndex,
			LPWSTR lpszName, LPDWORD lpcchName)
{
	if (!hNetInterfaceEnum ||
	    hNetInterfaceEnum->magic != CLUSNET_MAGIC_IFENUM)
		return ERROR_INVALID_HANDLE;
	if (!lpcchName)
		return ERROR_INVALID_PARAMETER;
	if (dwIndex >= hNetInterfaceEnum->count)
		return ERROR_NO_MORE_ITEMS;
	return clusnet_put_wstr(hNetInterfaceEnum->names[dwIndex], lpszName,
				lpcchName);
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNetInterfaceCloseEnum(HNETINTERFACEENUM hNetInterfaceEnum)
{
	if (!hNetInterfaceEnum ||
	    hNetInterfaceEnum->magic != CLUSNET_MAGIC_IFENUM)
		return ERROR_INVALID_HANDLE;
	hNetInterfaceEnum->magic = 0;
	free(hNetInterfaceEnum->names);
	free(hNetInterfaceEnum);
	return ERROR_SUCCESS;
}

/*
 * Every interface of a node on a network, as a MULTI_SZ (each name with its
 * NUL, then one more NUL). *lpcbInterfaceListBufSize is in bytes: the
 * capacity on input, the size of the whole list on output; too small (or
 * no buffer) is ERROR_MORE_DATA with the size needed.
 */
CLUSNET_EXPORT DWORD WINAPI
GetClusterNetInterfaceEx(HCLUSTER hCluster, LPCWSTR lpszNodeName,
			 LPCWSTR lpszNetworkName, LPWSTR lpmszInterfaceNameList,
			 LPDWORD lpcbInterfaceListBufSize)
{
	struct clusnet_if_entry *ifs;
	size_t units = 1, at = 0;
	struct filter f;
	uint32_t n, i;
	DWORD err;
	int pass, r, found = 0;

	if (!clusnet_cluster_ok(hCluster))
		return ERROR_INVALID_HANDLE;
	if (!lpszNodeName || !lpszNetworkName || !lpcbInterfaceListBufSize)
		return ERROR_INVALID_PARAMETER;
	err = make_filter(hCluster->conn->fd, lpszNodeName, lpszNetworkName,
			  &f);
	if (err)
		return err;
	r = clusnet_snap_ifs(hCluster->conn->fd, &ifs, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	/* pass 0 measures, pass 1 writes */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			ssize_t len;

			if (!filter_match(&f, &ifs[i]))
				continue;
			found = 1;
			len = clusnet_utf8_to_utf16(ifs[i].name,
						    strlen(ifs[i].name),
						    pass ? (char16_t *)lpmszInterfaceNameList + at :
						    NULL,
						    pass ? units - at : 0);
			if (len < 0) {
				free(ifs);
				return ERROR_INVALID_DATA;
			}
			if (pass)
				at += (size_t)len + 1;
			else
				units += (size_t)len + 1;
		}
		if (!found) {
			free(ifs);
			return ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
		}
		if (pass)
			break;
		if (!lpmszInterfaceNameList ||
		    *lpcbInterfaceListBufSize < units * sizeof(WCHAR)) {
			free(ifs);
			*lpcbInterfaceListBufSize = (DWORD)(units * sizeof(WCHAR));
			return ERROR_MORE_DATA;
		}
	}
	lpmszInterfaceNameList[at] = 0;
	free(ifs);
	*lpcbInterfaceListBufSize = (DWORD)(units * sizeof(WCHAR));
	return ERROR_SUCCESS;
}
