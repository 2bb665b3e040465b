// SPDX-License-Identifier: LGPL-2.1-or-later
/* OpenCluster, OpenClusterEx, CloseCluster. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/clusnet.h>

#include "internal.h"

/* Is text an IPv4 or IPv6 address of some interface of this namespace? */
static int is_local_address(const char *text)
{
	unsigned char want[16];
	struct ifaddrs *ifa, *i;
	int family, found = 0;
	size_t len;

	if (inet_pton(AF_INET, text, want) == 1) {
		family = AF_INET;
		len = 4;
	} else if (inet_pton(AF_INET6, text, want) == 1) {
		family = AF_INET6;
		len = 16;
	} else {
		return 0;
	}
	if (getifaddrs(&ifa))
		return 0;
	for (i = ifa; i && !found; i = i->ifa_next) {
		const void *a;

		if (!i->ifa_addr || i->ifa_addr->sa_family != family)
			continue;
		a = family == AF_INET ?
			(const void *)&((struct sockaddr_in *)i->ifa_addr)->sin_addr :
			(const void *)&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		found = !memcmp(a, want, len);
	}
	freeifaddrs(ifa);
	return found;
}

/*
 * Is name this node's fully qualified name: the node name, a dot, and this
 * host's DNS domain (the UTS domain name, or the domain of the canonical
 * name the resolver gives for the node name)?
 */
static int is_local_fqdn(const char *name, const char *node)
{
	size_t n = strlen(node);
	struct addrinfo hints, *res;
	struct utsname u;
	int found = 0;

	if (strncasecmp(name, node, n) || name[n] != '.' || !name[n + 1])
		return 0;
	if (!uname(&u) && u.domainname[0] && strcmp(u.domainname, "(none)") &&
	    !strcasecmp(name + n + 1, u.domainname))
		return 1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_CANONNAME;
	if (getaddrinfo(node, NULL, &hints, &res))
		return 0;
	found = res->ai_canonname && !strcasecmp(res->ai_canonname, name);
	freeaddrinfo(res);
	return found;
}

/*
 * Does the UTF-16 name stand for the local cluster? Windows accepts this
 * node's name (in any case), its fully qualified name and its addresses.
 */
static int is_local_name(int fd, LPCWSTR name,
			 const struct clusnet_cluster_info *ci)
{
	char buf[CLUSNET_NAME_MAX + 1];

	if (clusnet_name_arg(name, buf, sizeof(buf)) < 0)
		return 0;
	/* In a cluster, also its name and the name of any of its nodes. */
	if ((ci->cluster[0] && clusnet_name_eq(buf, ci->cluster)) ||
	    clusnet_node_lookup(fd, buf, NULL) == 1)
		return 1;
	return clusnet_name_eq(buf, ci->node) || is_local_fqdn(buf, ci->node) ||
	       is_local_address(buf);
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

	/* Which cluster? Only the local one is reachable. */
	if (lpszClusterName) {
		err = -clusnet_cluster_info(fd, 0, &ci);
		if (err)
			goto fail_errno;
		if (!is_local_name(fd, lpszClusterName, &ci)) {
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

static void put_ascii(WCHAR *dst, size_t n, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = (WCHAR)(unsigned char)src[i];
	dst[i] = 0;
}

/*
 * The cluster's name: corosync's cluster name in a cluster, else this
 * node's name (a one-node cluster is named after its node, and OpenCluster
 * takes that name). The version is clusnet's; every node runs the same
 * protocol major, so the cluster is never in mixed mode as Windows means it.
 */
CLUSNET_EXPORT DWORD WINAPI GetClusterInformation(HCLUSTER hCluster,
						  LPWSTR lpszClusterName,
						  LPDWORD lpcchClusterName,
						  LPCLUSTERVERSIONINFO lpClusterInfo)
{
	struct clusnet_cluster_info ci;
	DWORD err;
	int r;

	if (!clusnet_cluster_ok(hCluster))
		return ERROR_INVALID_HANDLE;
	/* The NT4 layout ends before dwClusterHighestVersion. */
	if (!lpcchClusterName ||
	    (lpClusterInfo && lpClusterInfo->dwVersionInfoSize <
	     offsetof(CLUSTERVERSIONINFO, dwClusterHighestVersion)))
		return ERROR_INVALID_PARAMETER;
	r = clusnet_cluster_info(hCluster->conn->fd, 0, &ci);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	err = clusnet_put_wstr(ci.cluster[0] ? ci.cluster : ci.node,
			       lpszClusterName, lpcchClusterName);
	if (err || !lpClusterInfo)
		return err;
	lpClusterInfo->MajorVersion = (WORD)((ci.version >> 16) & 0xff);
	lpClusterInfo->MinorVersion = (WORD)((ci.version >> 8) & 0xff);
	lpClusterInfo->BuildNumber = (WORD)(ci.version & 0xff);
	put_ascii(lpClusterInfo->szVendorId, 64, "clusnet");
	put_ascii(lpClusterInfo->szCSDVersion, 64, "");
	if (lpClusterInfo->dwVersionInfoSize < sizeof(CLUSTERVERSIONINFO))
		return ERROR_SUCCESS;
	lpClusterInfo->dwClusterHighestVersion = ci.version;
	lpClusterInfo->dwClusterLowestVersion = ci.version;
	lpClusterInfo->dwFlags = 0;
	lpClusterInfo->dwReserved = 0;
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT BOOL WINAPI CloseCluster(HCLUSTER hCluster)
{
	if (!clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	/* handles opened from it keep the connection until they close */
	clusnet_notify_closed(hCluster);
	hCluster->magic = 0;
	clusnet_conn_put(hCluster->conn);
	free(hCluster);
	return TRUE;
}
