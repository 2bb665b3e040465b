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

static int cluster_info(int fd, DWORD desired, struct clusnet_cluster_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	ci->desired_access = desired;
	return ioctl(fd, CLUSNET_IOC_CLUSTER_INFO, ci);
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Is the UTF-16 name this node's name (ASCII letters case-insensitive)? */
static int is_local_name(LPCWSTR name, const struct clusnet_cluster_info *ci)
{
	size_t n = clusnet_utf16_len(name), len, i;
	char buf[CLUSNET_NAME_MAX + 1];
	ssize_t r;

	len = ci->node_len;
	if (len > CLUSNET_NAME_MAX)
		len = CLUSNET_NAME_MAX;
	r = clusnet_utf16_to_utf8(name, n, buf, sizeof(buf));
	if (r < 0 || (size_t)r != len)
		return 0;
	for (i = 0; i < len; i++)
		if (ascii_lower((unsigned char)buf[i]) !=
		    ascii_lower((unsigned char)ci->node[i]))
			return 0;
	return 1;
}

CLUSNET_EXPORT HCLUSTER WINAPI OpenClusterEx(LPCWSTR lpszClusterName,
					     DWORD DesiredAccess,
					     DWORD *GrantedAccess)
{
	struct clusnet_cluster_info ci;
	struct _HCLUSTER *h;
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
		if (cluster_info(fd, 0, &ci) < 0) {
			err = errno;
			goto fail_errno;
		}
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
	if (cluster_info(fd, DesiredAccess, &ci) < 0) {
		err = errno;
		goto fail_errno;
	}

	h = malloc(sizeof(*h));
	if (!h) {
		err = ENOMEM;
		goto fail_errno;
	}
	h->magic = CLUSNET_MAGIC_CLUSTER;
	h->fd = fd;
	h->granted = ci.granted_access;
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
	hCluster->magic = 0;
	close(hCluster->fd);
	free(hCluster);
	return TRUE;
}
