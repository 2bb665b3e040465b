// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The shared /dev/clusnet connection behind cluster handles and the handles
 * opened from them, and GetClusterFromNetInterface.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

struct clusnet_conn *clusnet_conn_new(int fd)
{
	struct clusnet_conn *c = malloc(sizeof(*c));

	if (!c)
		return NULL;
	c->fd = fd;
	c->netns = clusnet_netns_cookie();
	__atomic_store_n(&c->refs, 1, __ATOMIC_RELAXED);
	return c;
}

struct clusnet_conn *clusnet_conn_get(struct clusnet_conn *c)
{
	__atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED);
	return c;
}

void clusnet_conn_put(struct clusnet_conn *c)
{
	if (c && __atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		close(c->fd);
		free(c);
	}
}

int clusnet_cluster_info(int fd, DWORD desired,
			 struct clusnet_cluster_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->size = sizeof(*ci);
	ci->desired_access = desired;
	if (ioctl(fd, CLUSNET_IOC_CLUSTER_INFO, ci) < 0)
		return -errno;
	ci->node[CLUSNET_NAME_MAX] = 0;
	ci->cluster[CLUSNET_NAME_MAX] = 0;
	return 0;
}

HCLUSTER clusnet_cluster_new(struct clusnet_conn *conn, DWORD granted)
{
	struct _HCLUSTER *h = malloc(sizeof(*h));

	if (!h)
		return NULL;
	h->magic = CLUSNET_MAGIC_CLUSTER;
	h->conn = clusnet_conn_get(conn);
	h->granted = granted;
	return h;
}

/*
 * A new cluster handle for the namespace of the interface's connection,
 * granted what OpenClusterEx(MAXIMUM_ALLOWED) would grant now.
 */
CLUSNET_EXPORT HCLUSTER WINAPI
GetClusterFromNetInterface(HNETINTERFACE hNetInterface)
{
	struct clusnet_cluster_info ci;
	HCLUSTER h;
	int r;

	if (!clusnet_netif_ok(hNetInterface)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	r = clusnet_cluster_info(hNetInterface->conn->fd, MAXIMUM_ALLOWED, &ci);
	if (r < 0) {
		clusnet_set_errno_error(-r);
		return NULL;
	}
	h = clusnet_cluster_new(hNetInterface->conn, ci.granted_access);
	if (!h)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return h;
}
