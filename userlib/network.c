// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cluster networks: OpenClusterNetwork(Ex), CloseClusterNetwork,
 * GetClusterNetworkState, SetClusterNetworkName, GetClusterNetworkId.
 *
 * The kernel discovers networks (one per IPv4 subnet, "Cluster Network N")
 * and derives their state; a handle holds the network's id, so it follows
 * a rename, and fails with ERROR_CLUSTER_NETWORK_NOT_FOUND once the network
 * went away with its last interface (SetClusterNetworkName, as Windows:
 * ERROR_NETWORK_NOT_AVAILABLE).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

CLUSNET_EXPORT HNETWORK WINAPI OpenClusterNetworkEx(HCLUSTER hCluster,
						    LPCWSTR lpszNetworkName,
						    DWORD dwDesiredAccess,
						    DWORD *lpdwGrantedAccess)
{
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_network_entry ne;
	struct _HNETWORK *h;
	DWORD err, granted = 0;
	int r;

	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (!lpszNetworkName || !dwDesiredAccess ||
	    (dwDesiredAccess & ~CLUSNET_VALID_ACCESS)) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (clusnet_name_arg(lpszNetworkName, name, sizeof(name)) <= 0) {
		SetLastError(ERROR_CLUSTER_NETWORK_NOT_FOUND);
		return NULL;
	}
	r = clusnet_network_by_name(hCluster->conn->fd, name, &ne);
	if (r <= 0) {
		if (r < 0)
			clusnet_set_errno_error(-r);
		else
			SetLastError(ERROR_CLUSTER_NETWORK_NOT_FOUND);
		return NULL;
	}
	err = clusnet_grant(hCluster->conn->fd, dwDesiredAccess, &granted);
	if (err) {
		SetLastError(err);
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	h->magic = CLUSNET_MAGIC_NETWORK;
	h->granted = granted;
	h->id = ne.id;
	h->conn = clusnet_conn_get(hCluster->conn);
	if (lpdwGrantedAccess)
		*lpdwGrantedAccess = granted;
	return h;
}

CLUSNET_EXPORT HNETWORK WINAPI OpenClusterNetwork(HCLUSTER hCluster,
						  LPCWSTR lpszNetworkName)
{
	return OpenClusterNetworkEx(hCluster, lpszNetworkName, GENERIC_ALL,
				    NULL);
}

CLUSNET_EXPORT BOOL WINAPI CloseClusterNetwork(HNETWORK hNetwork)
{
	if (!clusnet_network_ok(hNetwork)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	clusnet_notify_closed(hNetwork);
	hNetwork->magic = 0;
	clusnet_conn_put(hNetwork->conn);
	free(hNetwork);
	return TRUE;
}

DWORD clusnet_network_lookup(HNETWORK h, struct clusnet_network_entry *out)
{
	struct clusnet_network_entry *nets;
	uint32_t n, i;
	DWORD err = ERROR_CLUSTER_NETWORK_NOT_FOUND;
	int r;

	r = clusnet_snap_networks(h->conn->fd, &nets, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	for (i = 0; i < n; i++) {
		if (nets[i].id == h->id) {
			*out = nets[i];
			err = ERROR_SUCCESS;
			break;
		}
	}
	free(nets);
	return err;
}

/* The kernel's CLUSNET_NETWORK_* values are CLUSTER_NETWORK_STATE's. */
CLUSNET_EXPORT CLUSTER_NETWORK_STATE WINAPI
GetClusterNetworkState(HNETWORK hNetwork)
{
	struct clusnet_network_entry ne;
	DWORD err;

	if (!clusnet_network_ok(hNetwork)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return ClusterNetworkStateUnknown;
	}
	err = clusnet_network_lookup(hNetwork, &ne);
	if (err) {
		SetLastError(err);
		return ClusterNetworkStateUnknown;
	}
	return (CLUSTER_NETWORK_STATE)ne.state;
}

DWORD clusnet_network_rename(HNETWORK h, const char *name, size_t len)
{
	struct clusnet_network_rename rn;

	if (len == 0 || len > CLUSNET_NAME_MAX)
		return ERROR_INVALID_NAME;
	memset(&rn, 0, sizeof(rn));
	rn.size = sizeof(rn);
	rn.id = h->id;
	rn.name = (uintptr_t)name;
	rn.name_len = (uint32_t)len;
	if (ioctl(h->conn->fd, CLUSNET_IOC_NETWORK_RENAME, &rn) == 0)
		return ERROR_SUCCESS;
	/* MS-CMRP ApiSetNetworkName's codes */
	if (errno == EEXIST)
		return ERROR_ALREADY_EXISTS;
	if (errno == ENOENT)
		return ERROR_NETWORK_NOT_AVAILABLE;
	return clusnet_errno_to_win32(errno);
}

CLUSNET_EXPORT DWORD WINAPI SetClusterNetworkName(HNETWORK hNetwork,
						  LPCWSTR lpszName)
{
	char *name;
	ssize_t len;
	DWORD err;

	if (!clusnet_network_ok(hNetwork))
		return ERROR_INVALID_HANDLE;
	if (!lpszName)
		return ERROR_INVALID_PARAMETER;
	if (hNetwork->granted != GENERIC_ALL)
		return ERROR_ACCESS_DENIED;
	len = clusnet_utf16_to_utf8_alloc(lpszName, &name);
	if (len == -ENOMEM)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (len < 0)		/* not a string at all: unpaired surrogates */
		return ERROR_INVALID_NAME;
	err = clusnet_network_rename(hNetwork, name, (size_t)len);
	free(name);
	return err;
}

/* The id as a GUID string (see clusnet_format_id), buffer protocol. */
CLUSNET_EXPORT DWORD WINAPI GetClusterNetworkId(HNETWORK hNetwork,
						LPWSTR lpszNetworkId,
						LPDWORD lpcchName)
{
	struct clusnet_network_entry ne;
	char id[40];
	DWORD err;

	if (!clusnet_network_ok(hNetwork))
		return ERROR_INVALID_HANDLE;
	if (!lpcchName)
		return ERROR_INVALID_PARAMETER;
	/* a network that went away has no id any more */
	err = clusnet_network_lookup(hNetwork, &ne);
	if (err)
		return err;
	clusnet_format_id(id, hNetwork->id, CLUS_OBJECT_NETWORK);
	return clusnet_put_wstr(id, lpszNetworkId, lpcchName);
}
