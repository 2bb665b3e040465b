// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Network control codes and GetClusterFromNetwork.
 *
 * Common properties as on Windows: Name (written with a rename, as
 * SetClusterNetworkName), Role and Description are read-write; Address and
 * AddressMask (the IPv4 subnet, "" for a network without one),
 * IPv6Addresses and IPv6PrefixLengths (empty: clusnet's networks are IPv4
 * subnets) are read-only. Role and Description are kept in the process
 * (pstore.c): the kernel has no place for them.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"
#include "proplist.h"
#include "ctlobj.h"

#define NET_NAME u"Name"
#define NET_ROLE u"Role"
#define NET_DESC u"Description"

static const char16_t *const rw_names[] = { NET_NAME, NET_ROLE, NET_DESC };

CLUSNET_EXPORT HCLUSTER WINAPI GetClusterFromNetwork(HNETWORK hNetwork)
{
	struct clusnet_cluster_info ci;
	HCLUSTER h;
	int r;

	if (!clusnet_network_ok(hNetwork)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	r = clusnet_cluster_info(hNetwork->conn->fd, MAXIMUM_ALLOWED, &ci);
	if (r < 0) {
		clusnet_set_errno_error(-r);
		return NULL;
	}
	h = clusnet_cluster_new(hNetwork->conn, ci.granted_access);
	if (!h)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return h;
}

static void key_of(HNETWORK h, char *key, size_t size)
{
	snprintf(key, size, "%llu", (unsigned long long)h->id);
}

/* The subnet as address and mask strings ("" without a subnet). */
static void subnet(const struct clusnet_network_entry *ne, char *addr,
		   char *mask)
{
	uint32_t m;

	addr[0] = mask[0] = 0;
	if (ne->family != AF_INET || ne->prefixlen > 32)
		return;
	m = ne->prefixlen ? htonl(~0U << (32 - ne->prefixlen)) : 0;
	inet_ntop(AF_INET, ne->subnet, addr, INET_ADDRSTRLEN);
	inet_ntop(AF_INET, &m, mask, INET_ADDRSTRLEN);
}

static DWORD net_props(HNETWORK h, int ro, LPVOID out, DWORD outsize,
		       LPDWORD returned)
{
	char addr[INET_ADDRSTRLEN], mask[INET_ADDRSTRLEN], key[24];
	char desc[CLUSNET_DESC_MAX + 1];
	struct clusnet_network_entry ne;
	struct _CLUSNET_PROPLIST pl;
	DWORD err, role;

	err = clusnet_network_lookup(h, &ne);
	if (!err)
		err = clusnet_pl_init(&pl);
	if (err)
		return err;
	if (ro) {
		subnet(&ne, addr, mask);
		err = clusnet_pl_add_sz8(&pl, u"Address", addr);
		if (!err)
			err = clusnet_pl_add_sz8(&pl, u"AddressMask", mask);
		if (!err)
			err = clusnet_pl_add_multi_sz8(&pl, u"IPv6Addresses",
						       NULL, 0);
		if (!err)
			err = clusnet_pl_add_multi_sz8(&pl,
						       u"IPv6PrefixLengths",
						       NULL, 0);
	} else {
		key_of(h, key, sizeof(key));
		clusnet_common_get(h->conn, CLUS_OBJECT_NETWORK, key, desc,
				   &role);
		err = clusnet_pl_add_sz8(&pl, NET_NAME, ne.name);
		if (!err)
			err = clusnet_pl_add(&pl, NET_ROLE,
					     CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
					     &role, sizeof(role));
		if (!err)
			err = clusnet_pl_add_sz8(&pl, NET_DESC, desc);
	}
	if (!err)
		err = clusnet_out_bytes(pl.buf, pl.cb, out, outsize, returned);
	clusnet_pl_release(&pl);
	return err;
}

static DWORD net_set(HNETWORK h, const void *in, DWORD insize, int apply)
{
	char name[CLUSNET_NAME_MAX + 1], desc[CLUSNET_DESC_MAX + 1], key[24];
	struct clusnet_set_field f[] = {
		{ .name = NET_NAME, .format = CLUSPROP_FORMAT_SZ,
		  .sz = name, .szsize = sizeof(name) },
		{ .name = NET_ROLE, .format = CLUSPROP_FORMAT_DWORD },
		{ .name = NET_DESC, .format = CLUSPROP_FORMAT_SZ,
		  .sz = desc, .szsize = sizeof(desc) },
	};
	struct clusnet_network_entry ne;
	DWORD err;

	err = clusnet_parse_set(in, insize, f, 3);
	if (!err && f[1].have && f[1].dw > ClusterNetworkRoleInternalAndClient)
		err = ERROR_INVALID_PARAMETER;
	if (!err && f[0].have && !name[0])
		err = ERROR_INVALID_NAME;
	if (!err)	/* the network must still be there */
		err = clusnet_network_lookup(h, &ne);
	if (err || !apply)
		return err;
	if (f[0].have && strcmp(name, ne.name)) {
		err = clusnet_network_rename(h, name, strlen(name));
		if (err)
			return err;
	}
	key_of(h, key, sizeof(key));
	if (f[1].have || f[2].have)
		err = clusnet_common_set(h->conn, CLUS_OBJECT_NETWORK, key,
					 f[2].have ? desc : NULL,
					 f[1].have ? &f[1].dw : NULL);
	return err;
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNetworkControl(HNETWORK hNetwork, HNODE hHostNode, DWORD dwControlCode,
		      LPVOID lpInBuffer, DWORD nInBufferSize,
		      LPVOID lpOutBuffer, DWORD nOutBufferSize,
		      LPDWORD lpBytesReturned)
{
	DWORD func = CLUSNET_CTL_FUNC(dwControlCode);
	struct clusnet_network_entry ne;
	char id[40], key[24];
	DWORD err;

	if (!clusnet_network_ok(hNetwork))
		return ERROR_INVALID_HANDLE;
	if (hHostNode && !clusnet_node_ok(hHostNode))
		return ERROR_INVALID_HANDLE;
	if (lpBytesReturned)
		*lpBytesReturned = 0;
	if (CLUSCTL_GET_CONTROL_OBJECT(dwControlCode) != CLUS_OBJECT_NETWORK)
		return ERROR_INVALID_FUNCTION;
	if ((dwControlCode & CLUS_ACCESS_WRITE) &&
	    hNetwork->granted != GENERIC_ALL)
		return ERROR_ACCESS_DENIED;

	switch (dwControlCode) {
	case CLUSCTL_NETWORK_UNKNOWN:
		return ERROR_SUCCESS;
	case CLUSCTL_NETWORK_GET_CHARACTERISTICS:
		return clusnet_out_dword(CLUS_CHAR_UNKNOWN, lpOutBuffer,
					 nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NETWORK_GET_FLAGS:
		return clusnet_out_dword(0, lpOutBuffer, nOutBufferSize,
					 lpBytesReturned);
	case CLUSCTL_NETWORK_GET_NAME:
	case CLUSCTL_NETWORK_GET_ID:
		err = clusnet_network_lookup(hNetwork, &ne);
		if (err)
			return err;
		clusnet_format_id(id, hNetwork->id, CLUS_OBJECT_NETWORK);
		return clusnet_out_wstr(dwControlCode ==
					CLUSCTL_NETWORK_GET_ID ? id : ne.name,
					lpOutBuffer, nOutBufferSize,
					lpBytesReturned);
	case CLUSCTL_NETWORK_ENUM_COMMON_PROPERTIES:
		return clusnet_enum_names(rw_names, 3, lpOutBuffer,
					  nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES:
	case CLUSCTL_NETWORK_GET_COMMON_PROPERTIES:
		return net_props(hNetwork, dwControlCode ==
				 CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES,
				 lpOutBuffer, nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NETWORK_SET_COMMON_PROPERTIES:
	case CLUSCTL_NETWORK_VALIDATE_COMMON_PROPERTIES:
		return net_set(hNetwork, lpInBuffer, nInBufferSize,
			       dwControlCode ==
			       CLUSCTL_NETWORK_SET_COMMON_PROPERTIES);
	default:
		err = clusnet_network_lookup(hNetwork, &ne);
		if (err)
			return err;
		key_of(hNetwork, key, sizeof(key));
		return clusnet_private_control(hNetwork->conn,
					       CLUS_OBJECT_NETWORK, key, func,
					       lpInBuffer, nInBufferSize,
					       lpOutBuffer, nOutBufferSize,
					       lpBytesReturned);
	}
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNetworkControlEx(HNETWORK hNetwork, HNODE hHostNode,
			DWORD dwControlCode, LPVOID lpInBuffer,
			DWORD nInBufferSize, LPVOID lpOutBuffer,
			DWORD nOutBufferSize, LPDWORD lpBytesReturned,
			LPCWSTR lpszReason)
{
	(void)lpszReason;	/* Windows writes it to its audit log */
	return ClusterNetworkControl(hNetwork, hHostNode, dwControlCode,
				     lpInBuffer, nInBufferSize, lpOutBuffer,
				     nOutBufferSize, lpBytesReturned);
}
