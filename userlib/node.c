// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Nodes: OpenClusterNode(Ex), CloseClusterNode, GetClusterNodeState.
 *
 * In a cluster the kernel's node table (CLUSNET_IOC_NODES, fed by
 * clusnetd from corosync) names the nodes and gives their states. Outside
 * one, a node exists while it is the namespace's own node, which is Up,
 * or the node of some interface object, reported Down: nobody tells more.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * Granted access for node and network handles: the cluster's rule
 * (CAP_NET_ADMIN: GENERIC_ALL, everyone else GENERIC_READ), asked from the
 * kernel with the desired access. 0 or a Win32 error.
 */
DWORD clusnet_grant(int fd, DWORD desired, DWORD *granted)
{
	struct clusnet_cluster_info ci;
	int r;

	if (!desired || (desired & ~CLUSNET_VALID_ACCESS))
		return ERROR_INVALID_PARAMETER;
	r = clusnet_cluster_info(fd, desired, &ci);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	*granted = ci.granted_access;
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT HNODE WINAPI OpenClusterNodeEx(HCLUSTER hCluster,
					      LPCWSTR lpszNodeName,
					      DWORD dwDesiredAccess,
					      DWORD *lpdwGrantedAccess)
{
	char name[CLUSNET_NAME_MAX + 1];
	struct _HNODE *h;
	DWORD err, granted = 0;
	int local, r;

	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (!lpszNodeName || !dwDesiredAccess ||
	    (dwDesiredAccess & ~CLUSNET_VALID_ACCESS)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (clusnet_name_arg(lpszNodeName, name, sizeof(name)) <= 0) {
		err = ERROR_CLUSTER_NODE_NOT_FOUND;
		goto fail;
	}
	r = clusnet_node_known(hCluster->conn->fd, name, &local, h->name);
	if (r <= 0) {
		err = r < 0 ? clusnet_errno_to_win32(-r) :
			ERROR_CLUSTER_NODE_NOT_FOUND;
		goto fail;
	}
	err = clusnet_grant(hCluster->conn->fd, dwDesiredAccess, &granted);
	if (err)
		goto fail;
	h->magic = CLUSNET_MAGIC_NODE;
	h->granted = granted;
	h->conn = clusnet_conn_get(hCluster->conn);
	if (lpdwGrantedAccess)
		*lpdwGrantedAccess = granted;
	return h;

fail:
	free(h);
	SetLastError(err);
	return NULL;
}

CLUSNET_EXPORT HNODE WINAPI OpenClusterNode(HCLUSTER hCluster,
					    LPCWSTR lpszNodeName)
{
	return OpenClusterNodeEx(hCluster, lpszNodeName, GENERIC_ALL, NULL);
}

CLUSNET_EXPORT BOOL WINAPI CloseClusterNode(HNODE hNode)
{
	if (!clusnet_node_ok(hNode)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	clusnet_notify_closed(hNode);
	hNode->magic = 0;
	clusnet_conn_put(hNode->conn);
	free(hNode);
	return TRUE;
}

CLUSNET_EXPORT CLUSTER_NODE_STATE WINAPI GetClusterNodeState(HNODE hNode)
{
	struct clusnet_node_entry ne;
	int local, r;

	if (!clusnet_node_ok(hNode)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return ClusterNodeStateUnknown;
	}
	/* In a cluster: as clusnetd saw it (the values are Windows'). */
	r = clusnet_node_lookup(hNode->conn->fd, hNode->name, &ne);
	if (r == 1)
		return (CLUSTER_NODE_STATE)ne.state;
	r = clusnet_node_known(hNode->conn->fd, hNode->name, &local, NULL);
	if (r <= 0) {
		if (r < 0)
			clusnet_set_errno_error(-r);
		else
			SetLastError(ERROR_CLUSTER_NODE_NOT_FOUND);
		return ClusterNodeStateUnknown;
	}
	return local ? ClusterNodeUp : ClusterNodeDown;
}
