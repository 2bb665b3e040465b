// SPDX-License-Identifier: LGPL-2.1-or-later
/* OpenCluster, OpenClusterEx, CloseCluster. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/clusnet.h>

#include "internal.h"

/* Is the UTF-16 name this node's name (ASCII letters case-insensitive)? */
static int is_local_name(LPCWSTR name, const struct clusnet_cluster_info *ci)
{
	char buf[CLUSNET_NAME_MAX + 1];

	if (clusnet_name_arg(name, buf, sizeof(buf)) < 0)
		return 0;
	return clusnet_name_eq(buf, ci->node);
}

CLUSNET_EXPORT HCLUSTER WINAPI OpenClusterEx(LPCWSTR lpszClusterName,
					     DWORD DesiredAccess,
					     DWORD *GrantedAccess)
{
	struct clusnet_cluster_info ci;
	struct clusnet_conn *conn;
	HCLUSTER h;
	int fd, err;

	fd = open(CLUSNET_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT || err == ENODEV || err == ENXIO)
			SetLastError(RPC_S_SERVER_UNAVAILABLE);
		else
			clusnet_set_errno_error(err);
		return NULL;
	}

	/* Which cluster? Only the local one (this node's name) is reachable. */
	if (lpszClusterName) {
		err = -clusnet_cluster_info(fd, 0, &ci);
		if (err)
			goto fail_errno;
		if (!is_local_name(lpszClusterName, &ci)) {
			close(fd);
			SetLastError(RPC_S_SERVER_UNAVAILABLE);
			return NULL;
		}
	}

	/* desired 0 would only report in the kernel: reject it here. */
	if (!DesiredAccess) {
		close(fd);
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	err = -clusnet_cluster_info(fd, DesiredAccess, &ci);
	if (err)
		goto fail_errno;

	conn = clusnet_conn_new(fd);
	if (!conn) {
		err = ENOMEM;
		goto fail_errno;
	}
	h = clusnet_cluster_new(conn, ci.granted_access);
	clusnet_conn_put(conn);		/* the handle holds it (or closes fd) */
	if (!h) {
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	if (GrantedAccess)
		*GrantedAccess = ci.granted_access;
	return h;

fail_errno:
	close(fd);
	clusnet_set_errno_error(err);
	return NULL;
}

CLUSNET_EXPORT HCLUSTER WINAPI OpenCluster(LPCWSTR lpszClusterName)
{
	return OpenClusterEx(lpszClusterName, GENERIC_ALL, NULL);
}

CLUSNET_EXPORT BOOL WINAPI CloseCluster(HCLUSTER hCluster)
{
	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	/* handles opened from it keep the connection until they close */
	hCluster->magic = 0;
	clusnet_conn_put(hCluster->conn);
	free(hCluster);
	return TRUE;
}
