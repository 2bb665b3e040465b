// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Node queries and control codes: GetClusterNodeId, GetClusterFromNode,
 * ClusterNodeControl(Ex).
 *
 * Node ids are decimal numbers as on Windows: this node is "1"; the other
 * nodes clusnet knows of (those named by some interface object) follow in
 * ASCII case-insensitive name order, so an id is stable while the set of
 * nodes is. The cluster issue replaces them with corosync's node ids.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "proplist.h"
#include "ctlobj.h"

DWORD clusnet_node_id(int fd, const char *node, char *out, size_t size)
{
	struct clusnet_if_entry *ifs;
	struct clusnet_node_entry ne;
	char canon[CLUSNET_NAME_MAX + 1];
	uint32_t n, i, j, before = 0;
	int local, r;

	/* In a cluster, corosync's node id. */
	r = clusnet_node_lookup(fd, node, &ne);
	if (r == 1) {
		snprintf(out, size, "%u", ne.id);
		return ERROR_SUCCESS;
	}
	if (r == 0)
		return ERROR_CLUSTER_NODE_NOT_FOUND;
	if (r != -ENOENT)
		return clusnet_errno_to_win32(-r);
	r = clusnet_node_known(fd, node, &local, canon);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	if (!r)
		return ERROR_CLUSTER_NODE_NOT_FOUND;
	if (local) {
		snprintf(out, size, "1");
		return ERROR_SUCCESS;
	}
	r = clusnet_snap_ifs(fd, &ifs, &n);
	if (r < 0)
		return clusnet_errno_to_win32(-r);
	/* count the other remote nodes whose names sort before this one */
	for (i = 0; i < n; i++) {
		if (clusnet_node_known(fd, ifs[i].node, &local, NULL) <= 0 ||
		    local || strcasecmp(ifs[i].node, canon) >= 0)
			continue;
		for (j = 0; j < i; j++)	/* first time this name is seen */
			if (clusnet_name_eq(ifs[j].node, ifs[i].node))
				break;
		if (j == i)
			before++;
	}
	free(ifs);
	snprintf(out, size, "%u", before + 2);
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT DWORD WINAPI GetClusterNodeId(HNODE hNode, LPWSTR lpszNodeId,
					     LPDWORD lpcchName)
{
	char id[16];
	DWORD err;

	if (!clusnet_node_ok(hNode))
		return ERROR_INVALID_HANDLE;
	if (!lpcchName)
		return ERROR_INVALID_PARAMETER;
	err = clusnet_node_id(hNode->conn->fd, hNode->name, id, sizeof(id));
	return err ? err : clusnet_put_wstr(id, lpszNodeId, lpcchName);
}

CLUSNET_EXPORT HCLUSTER WINAPI GetClusterFromNode(HNODE hNode)
{
	struct clusnet_cluster_info ci;
	HCLUSTER h;
	int r;

	if (!clusnet_node_ok(hNode)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	r = clusnet_cluster_info(hNode->conn->fd, MAXIMUM_ALLOWED, &ci);
	if (r < 0) {
		clusnet_set_errno_error(-r);
		return NULL;
	}
	h = clusnet_cluster_new(hNode->conn, ci.granted_access);
	if (!h)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return h;
}

#define NODE_DESC u"Description"

static const char16_t *const rw_names[] = { NODE_DESC };

static DWORD node_props(HNODE h, int ro, LPVOID out, DWORD outsize,
			LPDWORD returned)
{
	char desc[CLUSNET_DESC_MAX + 1], id[16];
	struct _CLUSNET_PROPLIST pl;
	DWORD err;

	err = clusnet_node_id(h->conn->fd, h->name, id, sizeof(id));
	if (!err)
		err = clusnet_pl_init(&pl);
	if (err)
		return err;
	if (ro) {
		err = clusnet_pl_add_sz8(&pl, u"NodeName", h->name);
		if (!err)
			err = clusnet_pl_add_sz8(&pl, u"Id", id);
	} else {
		clusnet_common_get(h->conn, CLUS_OBJECT_NODE, h->name, desc,
				   NULL);
		err = clusnet_pl_add_sz8(&pl, NODE_DESC, desc);
	}
	if (!err)
		err = clusnet_out_bytes(pl.buf, pl.cb, out, outsize, returned);
	clusnet_pl_release(&pl);
	return err;
}

static DWORD node_set(HNODE h, const void *in, DWORD insize, int apply)
{
	char desc[CLUSNET_DESC_MAX + 1], id[16];
	struct clusnet_set_field f = {
		.name = NODE_DESC, .format = CLUSPROP_FORMAT_SZ,
		.sz = desc, .szsize = sizeof(desc),
	};
	DWORD err;

	err = clusnet_parse_set(in, insize, &f, 1);
	if (!err)	/* the node must still be known */
		err = clusnet_node_id(h->conn->fd, h->name, id, sizeof(id));
	if (err || !apply || !f.have)
		return err;
	return clusnet_common_set(h->conn, CLUS_OBJECT_NODE, h->name, desc,
				  NULL);
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNodeControl(HNODE hNode, HNODE hHostNode, DWORD dwControlCode,
		   LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
		   DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
	DWORD func = CLUSNET_CTL_FUNC(dwControlCode);
	char id[16];
	DWORD err;

	if (!clusnet_node_ok(hNode))
		return ERROR_INVALID_HANDLE;
	if (hHostNode && !clusnet_node_ok(hHostNode))
		return ERROR_INVALID_HANDLE;
	if (lpBytesReturned)
		*lpBytesReturned = 0;
	if (CLUSCTL_GET_CONTROL_OBJECT(dwControlCode) != CLUS_OBJECT_NODE)
		return ERROR_INVALID_FUNCTION;
	if ((dwControlCode & CLUS_ACCESS_WRITE) &&
	    hNode->granted != GENERIC_ALL)
		return ERROR_ACCESS_DENIED;

	switch (dwControlCode) {
	case CLUSCTL_NODE_UNKNOWN:
		return ERROR_SUCCESS;
	case CLUSCTL_NODE_GET_CHARACTERISTICS:
		return clusnet_out_dword(CLUS_CHAR_UNKNOWN, lpOutBuffer,
					 nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NODE_GET_FLAGS:
		return clusnet_out_dword(0, lpOutBuffer, nOutBufferSize,
					 lpBytesReturned);
	case CLUSCTL_NODE_GET_NAME:
	case CLUSCTL_NODE_GET_ID:
		err = clusnet_node_id(hNode->conn->fd, hNode->name, id,
				      sizeof(id));
		if (err)
			return err;
		return clusnet_out_wstr(dwControlCode == CLUSCTL_NODE_GET_ID ?
					id : hNode->name, lpOutBuffer,
					nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NODE_ENUM_COMMON_PROPERTIES:
		return clusnet_enum_names(rw_names, 1, lpOutBuffer,
					  nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES:
	case CLUSCTL_NODE_GET_COMMON_PROPERTIES:
		return node_props(hNode, dwControlCode ==
				  CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES,
				  lpOutBuffer, nOutBufferSize,
				  lpBytesReturned);
	case CLUSCTL_NODE_SET_COMMON_PROPERTIES:
	case CLUSCTL_NODE_VALIDATE_COMMON_PROPERTIES:
		return node_set(hNode, lpInBuffer, nInBufferSize,
				dwControlCode ==
				CLUSCTL_NODE_SET_COMMON_PROPERTIES);
	default:
		return clusnet_private_control(hNode->conn, CLUS_OBJECT_NODE,
					       hNode->name, func, lpInBuffer,
					       nInBufferSize, lpOutBuffer,
					       nOutBufferSize,
					       lpBytesReturned);
	}
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNodeControlEx(HNODE hNode, HNODE hHostNode, DWORD dwControlCode,
		     LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
		     DWORD nOutBufferSize, LPDWORD lpBytesReturned,
		     LPCWSTR lpszReason)
{
	(void)lpszReason;	/* Windows writes it to its audit log */
	return ClusterNodeControl(hNode, hHostNode, dwControlCode, lpInBuffer,
				  nInBufferSize, lpOutBuffer, nOutBufferSize,
				  lpBytesReturned);
}
