// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * OpenClusterNetInterface(Ex), CloseClusterNetInterface,
 * GetClusterNetInterfaceState.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/clusnet.h>

#include "internal.h"

#define VALID_ACCESS CLUSNET_VALID_ACCESS

CLUSNET_EXPORT HNETINTERFACE WINAPI
OpenClusterNetInterfaceEx(HCLUSTER hCluster, LPCWSTR lpszInterfaceName,
			  DWORD dwDesiredAccess, DWORD *lpdwGrantedAccess)
{
	/* The longest name the kernel takes, converted on the stack. */
	char name[CLUSNET_NAME_MAX + 1];
	struct clusnet_open op;
	struct _HNETINTERFACE *h;
	ssize_t len;
	int fd, err;

	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (!lpszInterfaceName) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	len = clusnet_utf16_to_utf8(lpszInterfaceName,
				    clusnet_utf16_len(lpszInterfaceName),
				    name, sizeof(name));
	/*
	 * A longer name is one the kernel would refuse with ENAMETOOLONG
	 * (87): say so without asking it.
	 */
	if (len == -ERANGE)
		len = -ENAMETOOLONG;
	if (len < 0) {
		clusnet_set_errno_error((int)-len);
		return NULL;
	}
	/*
	 * No object has an empty name: report it as not found, like Windows
	 * does for any unknown name (the kernel would say EINVAL), once the
	 * access mask was found valid.
	 */
	if (len == 0) {
		if (!dwDesiredAccess || (dwDesiredAccess & ~VALID_ACCESS))
			SetLastError(ERROR_INVALID_PARAMETER);
		else
			SetLastError(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
		return NULL;
	}

	h = malloc(sizeof(*h));
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}

	memset(&op, 0, sizeof(op));
	op.size = sizeof(op);
	op.flags = O_CLOEXEC;
	op.name = (uintptr_t)name;
	op.name_len = (uint32_t)len;
	op.desired_access = dwDesiredAccess;
	fd = ioctl(hCluster->conn->fd, CLUSNET_IOC_OPEN, &op);
	err = errno;
	if (fd < 0) {
		free(h);
		clusnet_set_errno_error(err);
		return NULL;
	}

	h->magic = CLUSNET_MAGIC_NETIF;
	h->fd = fd;
	h->granted = op.granted_access;
	h->id = op.id;
	h->conn = clusnet_conn_get(hCluster->conn);
	if (lpdwGrantedAccess)
		*lpdwGrantedAccess = op.granted_access;
	return h;
}

CLUSNET_EXPORT HNETINTERFACE WINAPI
OpenClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszInterfaceName)
{
	return OpenClusterNetInterfaceEx(hCluster, lpszInterfaceName,
					 GENERIC_ALL, NULL);
}

CLUSNET_EXPORT BOOL WINAPI CloseClusterNetInterface(HNETINTERFACE hNetInterface)
{
	if (!clusnet_netif_ok(hNetInterface)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	clusnet_notify_closed(hNetInterface);
	hNetInterface->magic = 0;
	close(hNetInterface->fd);
	clusnet_conn_put(hNetInterface->conn);
	free(hNetInterface);
	return TRUE;
}

CLUSNET_EXPORT CLUSTER_NETINTERFACE_STATE WINAPI
GetClusterNetInterfaceState(HNETINTERFACE hNetInterface)
{
	int r;

	if (!clusnet_netif_ok(hNetInterface)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return ClusterNetInterfaceStateUnknown;
	}
	r = ioctl(hNetInterface->fd, CLUSNET_HIOC_GET_STATE);
	if (r < 0) {
		clusnet_set_errno_error(errno);
		return ClusterNetInterfaceStateUnknown;
	}
	return (CLUSTER_NETINTERFACE_STATE)r;
}
