/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * clusapi.h - libclusnet: Windows Failover Clustering ClusAPI names on Linux.
 *
 * The network interface part of ClusAPI, backed by /dev/clusnet. Names,
 * signatures and numeric values are those of Microsoft's clusapi.h and
 * winerror.h, so code written for Windows compiles and runs unchanged:
 *
 *	HCLUSTER hc = OpenCluster(NULL);
 *	DWORD granted;
 *	HNETINTERFACE hi = OpenClusterNetInterfaceEx(hc, u"node1 - eth0",
 *						     MAXIMUM_ALLOWED, &granted);
 *	if (!hi)
 *		printf("error %u\n", GetLastError());
 *
 * Strings are UTF-16 (WCHAR is char16_t, not wchar_t): write u"..." literals.
 * Handles may be used from several threads at once; the last error is
 * per thread.
 *
 * Base types and constants are guarded so this header coexists with other
 * Windows compatibility headers; if one of those defines DWORD, WCHAR, ...
 * it must define them with the same sizes (DWORD 32 bits, WCHAR 16 bits).
 */
#ifndef CLUSNET_CLUSAPI_H
#define CLUSNET_CLUSAPI_H

#include <stdint.h>
#ifndef __cplusplus
#include <uchar.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Windows base types ------------------------------------------------ */

#if !defined(_WINDEF_) && !defined(_WINDEF_H) && !defined(_MINWINDEF_) && \
	!defined(CLUSNET_HAVE_WIN_BASE_TYPES)
#define CLUSNET_HAVE_WIN_BASE_TYPES 1
typedef uint32_t DWORD;
typedef int BOOL;
typedef DWORD *LPDWORD;
typedef char16_t WCHAR;
typedef const WCHAR *LPCWSTR;
typedef WCHAR *LPWSTR;
#endif

#ifndef WINAPI
#define WINAPI
#endif

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* ---- Handles (opaque) -------------------------------------------------- */

typedef struct _HCLUSTER *HCLUSTER;
typedef struct _HNETINTERFACE *HNETINTERFACE;

/* ---- Access rights ----------------------------------------------------- */

#ifndef GENERIC_READ
#define GENERIC_READ		0x80000000U
#endif
#ifndef GENERIC_WRITE
#define GENERIC_WRITE		0x40000000U
#endif
#ifndef GENERIC_EXECUTE
#define GENERIC_EXECUTE		0x20000000U
#endif
#ifndef GENERIC_ALL
#define GENERIC_ALL		0x10000000U
#endif
#ifndef MAXIMUM_ALLOWED
#define MAXIMUM_ALLOWED		0x02000000U
#endif

/*
 * ---- Error codes (winerror.h values, long constants as there) ----------
 */

#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS				0L
#endif
#ifndef ERROR_INVALID_FUNCTION
#define ERROR_INVALID_FUNCTION			1L
#endif
#ifndef ERROR_TOO_MANY_OPEN_FILES
#define ERROR_TOO_MANY_OPEN_FILES		4L
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED			5L
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE			6L
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY			8L
#endif
#ifndef ERROR_GEN_FAILURE
#define ERROR_GEN_FAILURE			31L
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER			87L
#endif
#ifndef ERROR_MORE_DATA
#define ERROR_MORE_DATA				234L
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS			259L
#endif
#ifndef ERROR_NOACCESS
#define ERROR_NOACCESS				998L
#endif
#ifndef RPC_S_SERVER_UNAVAILABLE
#define RPC_S_SERVER_UNAVAILABLE		1722L
#endif
#ifndef RPC_S_PROCNUM_OUT_OF_RANGE
#define RPC_S_PROCNUM_OUT_OF_RANGE		1745L
#endif
#ifndef ERROR_CLUSTER_NODE_NOT_FOUND
#define ERROR_CLUSTER_NODE_NOT_FOUND		5042L
#endif
#ifndef ERROR_CLUSTER_NETWORK_NOT_FOUND
#define ERROR_CLUSTER_NETWORK_NOT_FOUND		5045L
#endif
#ifndef ERROR_CLUSTER_NETINTERFACE_EXISTS
#define ERROR_CLUSTER_NETINTERFACE_EXISTS	5046L
#endif
#ifndef ERROR_CLUSTER_NETINTERFACE_NOT_FOUND
#define ERROR_CLUSTER_NETINTERFACE_NOT_FOUND	5047L
#endif

/* ---- Network interface state ------------------------------------------- */

typedef enum CLUSTER_NETINTERFACE_STATE {
	ClusterNetInterfaceStateUnknown = -1,
	ClusterNetInterfaceUnavailable = 0,
	ClusterNetInterfaceFailed = 1,
	ClusterNetInterfaceUnreachable = 2,
	ClusterNetInterfaceUp = 3
} CLUSTER_NETINTERFACE_STATE;

/* ---- Functions ---------------------------------------------------------- */

/*
 * Clusters. NULL or this node's name (ASCII case-insensitive) opens the
 * cluster of the caller's network namespace; any other name fails with
 * RPC_S_SERVER_UNAVAILABLE, as does a missing /dev/clusnet. OpenCluster asks
 * for GENERIC_ALL (which needs CAP_NET_ADMIN); use OpenClusterEx with
 * GENERIC_READ or MAXIMUM_ALLOWED otherwise.
 */
HCLUSTER WINAPI OpenCluster(LPCWSTR lpszClusterName);
HCLUSTER WINAPI OpenClusterEx(LPCWSTR lpszClusterName, DWORD DesiredAccess,
			      DWORD *GrantedAccess);
BOOL WINAPI CloseCluster(HCLUSTER hCluster);

/* Network interfaces. lpdwGrantedAccess may be NULL. */
HNETINTERFACE WINAPI OpenClusterNetInterface(HCLUSTER hCluster,
					     LPCWSTR lpszInterfaceName);
HNETINTERFACE WINAPI OpenClusterNetInterfaceEx(HCLUSTER hCluster,
					       LPCWSTR lpszInterfaceName,
					       DWORD dwDesiredAccess,
					       DWORD *lpdwGrantedAccess);
BOOL WINAPI CloseClusterNetInterface(HNETINTERFACE hNetInterface);
CLUSTER_NETINTERFACE_STATE WINAPI
GetClusterNetInterfaceState(HNETINTERFACE hNetInterface);

/* Last error, per thread (kernel32 names). */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

/* ---- Function pointer types (for dlsym, as for GetProcAddress) ---------- */

typedef HCLUSTER(WINAPI *PCLUSAPI_OPEN_CLUSTER)(LPCWSTR lpszClusterName);
typedef HCLUSTER(WINAPI *PCLUSAPI_OPEN_CLUSTER_EX)(LPCWSTR lpszClusterName,
						   DWORD dwDesiredAccess,
						   LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER)(HCLUSTER hCluster);
typedef HNETINTERFACE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NET_INTERFACE)(
	HCLUSTER hCluster, LPCWSTR lpszInterfaceName);
/* Sic: NETINTERFACE_EX, as in Microsoft's header. */
typedef HNETINTERFACE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NETINTERFACE_EX)(
	HCLUSTER hCluster, LPCWSTR lpszNetInterfaceName, DWORD dwDesiredAccess,
	LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NET_INTERFACE)(
	HNETINTERFACE hNetInterface);
typedef CLUSTER_NETINTERFACE_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_NET_INTERFACE_STATE)(
	HNETINTERFACE hNetInterface);

/*
 * ---- Linux extras --------------------------------------------------------
 * Not part of Windows' ClusAPI; prefixed Clusnet. (None yet.)
 */

#ifdef __cplusplus
}
#endif

#endif /* CLUSNET_CLUSAPI_H */
