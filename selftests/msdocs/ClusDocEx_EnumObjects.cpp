/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ClusDocEx_EnumObjects: the documented enumeration procedure ("Enumerating
 * Cluster Objects"): a name buffer sized in bytes, Cluster*Enum in a loop
 * with dwIndex, the buffer grown to the returned character count + 1 on
 * ERROR_MORE_DATA, the loop ended by ERROR_NO_MORE_ITEMS. The names come
 * back as a value list of CLUSPROP_SYNTAX_LIST_VALUE_SZ entries closed by
 * an end mark, as the documentation's example builds it.
 */
#include "ClusDocEx.h"

#ifndef _CLUSDOCEX_ENUMOBJECTS
#define _CLUSDOCEX_ENUMOBJECTS

typedef DWORD (*ClusDocEx_EnumFn)(void *hEnum, DWORD dwIndex, LPDWORD lpdwType,
				  LPWSTR lpszName, LPDWORD lpcchName);

static void ClusDocEx_Put32(LPBYTE p, DWORD v)
{
	memcpy(p, &v, sizeof(v));
}

/*
 * Return Value.....lpOutBuffer...lpcbResultSize
 * ERROR_SUCCESS    value list    byte size of list
 * ERROR_MORE_DATA  undefined     byte size of list
 * Other            undefined     undefined
 */
static DWORD ClusDocEx_EnumToValueList(IN ClusDocEx_EnumFn pfnEnum,
				       IN void *hEnum, IN OUT LPVOID lpOutBuffer,
				       IN DWORD cbOutBufferSize,
				       OUT LPDWORD lpcbResultSize)
{
	DWORD dwResult = ERROR_SUCCESS;
	DWORD dwIndex = 0;
	DWORD dwType = 0;
	DWORD cbNameAlloc = ClusDocEx_DEFAULT_CB;
	DWORD cchNameSize = 0;
	DWORD cbNameSize = 0;
	DWORD cbEntrySize = 0;
	LPBYTE pb = (LPBYTE)lpOutBuffer;
	LPWSTR lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);

	*lpcbResultSize = 0;
	if (lpszName == NULL)
		return ERROR_NOT_ENOUGH_MEMORY;

	while (dwResult == ERROR_SUCCESS) {
		cchNameSize = cbNameAlloc / sizeof(WCHAR);
		dwResult = pfnEnum(hEnum, dwIndex, &dwType, lpszName,
				   &cchNameSize);
		if (dwResult == ERROR_MORE_DATA) {
			cchNameSize++;	/* terminating NULL */
			cbNameAlloc = cchNameSize * sizeof(WCHAR);
			LocalFree(lpszName);
			lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
			if (lpszName == NULL)
				return ERROR_NOT_ENOUGH_MEMORY;
			dwResult = pfnEnum(hEnum, dwIndex, &dwType, lpszName,
					   &cchNameSize);
		}
		if (dwResult == ERROR_SUCCESS) {
			cchNameSize++;	/* terminating NULL */
			cbNameSize = cchNameSize * sizeof(WCHAR);
			cbEntrySize = ClusDocEx_ListEntrySize(cbNameSize);
			*lpcbResultSize += cbEntrySize;
			if (*lpcbResultSize < cbOutBufferSize) {
				ClusDocEx_Put32(pb,
						CLUSPROP_SYNTAX_LIST_VALUE_SZ);
				ClusDocEx_Put32(pb + 4, cbNameSize);
				memset(pb + 8, 0, ALIGN_CLUSPROP(cbNameSize));
				memcpy(pb + 8, lpszName, cbNameSize);
				pb += cbEntrySize;
			}
		} else if (dwResult == ERROR_NO_MORE_ITEMS) {
			*lpcbResultSize += sizeof(DWORD);
			if (*lpcbResultSize <= cbOutBufferSize)
				ClusDocEx_Put32(pb, CLUSPROP_SYNTAX_ENDMARK);
		} else {
			*lpcbResultSize = 0;	/* no reliable size */
		}
		dwIndex++;
	}
	LocalFree(lpszName);
	if (dwResult == ERROR_NO_MORE_ITEMS)
		dwResult = ERROR_SUCCESS;
	if (dwResult == ERROR_SUCCESS && *lpcbResultSize > cbOutBufferSize)
		dwResult = ERROR_MORE_DATA;
	return dwResult;
}

static DWORD ClusDocEx_CluEnum(void *h, DWORD i, LPDWORD t, LPWSTR n,
			       LPDWORD c)
{
	return ClusterEnum((HCLUSENUM)h, i, t, n, c);
}

static DWORD ClusDocEx_NodEnum(void *h, DWORD i, LPDWORD t, LPWSTR n,
			       LPDWORD c)
{
	return ClusterNodeEnum((HNODEENUM)h, i, t, n, c);
}

static DWORD ClusDocEx_NetEnum(void *h, DWORD i, LPDWORD t, LPWSTR n,
			       LPDWORD c)
{
	return ClusterNetworkEnum((HNETWORKENUM)h, i, t, n, c);
}

/* The cluster's objects of dwType, as a value list. */
static DWORD ClusDocEx_CluEnumObjects(IN HCLUSTER hCluster, IN DWORD dwType,
				      IN OUT LPVOID lpOutBuffer,
				      IN DWORD cbOutBufferSize,
				      OUT LPDWORD lpcbResultSize)
{
	HCLUSENUM hEnum = ClusterOpenEnum(hCluster, dwType);
	DWORD dwResult;

	if (hEnum == NULL)
		return GetLastError();
	dwResult = ClusDocEx_EnumToValueList(ClusDocEx_CluEnum, hEnum,
					     lpOutBuffer, cbOutBufferSize,
					     lpcbResultSize);
	ClusterCloseEnum(hEnum);
	return dwResult;
}

/* A node's network interfaces, as a value list. */
static DWORD ClusDocEx_NodEnumNetInterfaces(IN HNODE hNode,
					    IN OUT LPVOID lpOutBuffer,
					    IN DWORD cbOutBufferSize,
					    OUT LPDWORD lpcbResultSize)
{
	HNODEENUM hEnum = ClusterNodeOpenEnum(hNode,
					      CLUSTER_NODE_ENUM_NETINTERFACES);
	DWORD dwResult;

	if (hEnum == NULL)
		return GetLastError();
	dwResult = ClusDocEx_EnumToValueList(ClusDocEx_NodEnum, hEnum,
					     lpOutBuffer, cbOutBufferSize,
					     lpcbResultSize);
	ClusterNodeCloseEnum(hEnum);
	return dwResult;
}

/* A network's network interfaces, as a value list. */
static DWORD ClusDocEx_NetEnumNetInterfaces(IN HNETWORK hNetwork,
					    IN OUT LPVOID lpOutBuffer,
					    IN DWORD cbOutBufferSize,
					    OUT LPDWORD lpcbResultSize)
{
	HNETWORKENUM hEnum =
		ClusterNetworkOpenEnum(hNetwork,
				       CLUSTER_NETWORK_ENUM_NETINTERFACES);
	DWORD dwResult;

	if (hEnum == NULL)
		return GetLastError();
	dwResult = ClusDocEx_EnumToValueList(ClusDocEx_NetEnum, hEnum,
					     lpOutBuffer, cbOutBufferSize,
					     lpcbResultSize);
	ClusterNetworkCloseEnum(hEnum);
	return dwResult;
}

#endif /* _CLUSDOCEX_ENUMOBJECTS */
