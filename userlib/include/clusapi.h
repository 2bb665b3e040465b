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
 * Strings are UTF-16 in both of the header's WCHAR modes: where wchar_t is
 * 16 bits (-fshort-wchar, as Wine's winegcc builds Windows code) WCHAR is
 * wchar_t and L"..." literals work, in C and C++; otherwise WCHAR is
 * char16_t: write u"..." literals. CLUSNET_WSTR("x") is the literal of the
 * mode in use. The library serves both modes (it only sees 16-bit units).
 * Handles may be used from several threads at once; the last error is
 * per thread.
 *
 * Base types and constants are guarded so this header coexists with other
 * Windows compatibility headers; if one of those defines DWORD, WCHAR, ...
 * it must define them with the same sizes (DWORD 32 bits, WCHAR 16 bits).
 */
#ifndef CLUSNET_CLUSAPI_H
#define CLUSNET_CLUSAPI_H

#include <stddef.h>
#include <stdint.h>
#ifndef __cplusplus
#include <uchar.h>
#endif

/*
 * WCHAR mode: wchar_t where it is 16 bits (-fshort-wchar), char16_t
 * elsewhere. CLUSNET_WSTR("text") is a WCHAR string literal in either mode.
 */
#if defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
#define CLUSNET_WCHAR_IS_WCHAR_T 1
#define CLUSNET_WSTR_(s) L##s
#else
#define CLUSNET_WSTR_(s) u##s
#endif
#define CLUSNET_WSTR(s) CLUSNET_WSTR_(s)

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
#ifdef CLUSNET_WCHAR_IS_WCHAR_T
typedef wchar_t WCHAR;
#else
typedef char16_t WCHAR;
#endif
typedef const WCHAR *LPCWSTR;
typedef WCHAR *LPWSTR;
#endif

#if !defined(_WINDEF_) && !defined(_WINDEF_H) && !defined(_MINWINDEF_) && \
	!defined(CLUSNET_HAVE_WIN_BASE_TYPES_2)
#define CLUSNET_HAVE_WIN_BASE_TYPES_2 1
typedef uint8_t BYTE;
typedef BYTE *LPBYTE;
typedef int32_t LONG;
typedef uint64_t ULONGLONG;
typedef void *PVOID;
typedef void *LPVOID;
typedef void *HANDLE;
typedef void *HLOCAL;
typedef uintptr_t DWORD_PTR;
typedef intptr_t LONG_PTR;
#endif

/* Property list value types (windef.h, winnt.h, minwinbase.h). */
#if !defined(_WINDEF_) && !defined(_WINDEF_H) && !defined(_MINWINDEF_) && \
	!defined(CLUSNET_HAVE_WIN_BASE_TYPES_3)
#define CLUSNET_HAVE_WIN_BASE_TYPES_3 1
typedef uint16_t WORD;
typedef unsigned int UINT;
typedef size_t SIZE_T;
typedef int64_t LONGLONG;

typedef union _ULARGE_INTEGER {
	struct {
		DWORD LowPart;
		DWORD HighPart;
	};
	struct {
		DWORD LowPart;
		DWORD HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef union _LARGE_INTEGER {
	struct {
		DWORD LowPart;
		LONG HighPart;
	};
	struct {
		DWORD LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef struct _FILETIME {
	DWORD dwLowDateTime;
	DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;
#endif

/* Whatever header defined it, WCHAR must be 16 bits: the ABI is UTF-16. */
typedef char clusnet_wchar_must_be_16_bits[sizeof(WCHAR) == 2 ? 1 : -1];

#ifndef INVALID_HANDLE_VALUE
#define INVALID_HANDLE_VALUE	((HANDLE)(LONG_PTR)-1)
#endif
#ifndef INFINITE
#define INFINITE		0xFFFFFFFFU
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
typedef struct _HNODE *HNODE;
typedef struct _HNETWORK *HNETWORK;
typedef struct _HNETINTERFACEENUM *HNETINTERFACEENUM;
typedef struct _HCHANGE *HCHANGE;
typedef struct _HCLUSENUM *HCLUSENUM;
typedef struct _HNODEENUM *HNODEENUM;
typedef struct _HNETWORKENUM *HNETWORKENUM;

/*
 * Objects clusnet does not have (groups, resources, resource types): their
 * handle types are declared so that code mixing them compiles; no function
 * takes them (see clusapi(7) / Documentation/clusnet.rst).
 */
typedef struct _HGROUP *HGROUP;
typedef struct _HRESOURCE *HRESOURCE;
typedef struct _HGROUPENUM *HGROUPENUM;
typedef struct _HRESENUM *HRESENUM;
typedef struct _HRESTYPEENUM *HRESTYPEENUM;

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

/* The cluster's own access levels (ClusterSetAccountAccess, MS-CMRP). */
#define CLUSAPI_READ_ACCESS	0x00000001L
#define CLUSAPI_CHANGE_ACCESS	0x00000002L
#define CLUSAPI_NO_ACCESS	0x00000004L
#define CLUSAPI_ALL_ACCESS	(CLUSAPI_READ_ACCESS | CLUSAPI_CHANGE_ACCESS)

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
#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND			2L
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
#ifndef ERROR_INVALID_DATA
#define ERROR_INVALID_DATA			13L
#endif
#ifndef ERROR_GEN_FAILURE
#define ERROR_GEN_FAILURE			31L
#endif
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED			50L
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER			87L
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER		122L
#endif
#ifndef ERROR_INVALID_NAME
#define ERROR_INVALID_NAME			123L
#endif
#ifndef ERROR_BUSY
#define ERROR_BUSY				170L
#endif
#ifndef ERROR_ALREADY_EXISTS
#define ERROR_ALREADY_EXISTS			183L
#endif
#ifndef ERROR_MORE_DATA
#define ERROR_MORE_DATA				234L
#endif
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT				258L
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS			259L
#endif
#ifndef ERROR_OPERATION_ABORTED
#define ERROR_OPERATION_ABORTED			995L
#endif
#ifndef ERROR_NOACCESS
#define ERROR_NOACCESS				998L
#endif
#ifndef ERROR_TIMEOUT
#define ERROR_TIMEOUT				1460L
#endif
#ifndef RPC_S_SERVER_UNAVAILABLE
#define RPC_S_SERVER_UNAVAILABLE		1722L
#endif
#ifndef RPC_S_PROCNUM_OUT_OF_RANGE
#define RPC_S_PROCNUM_OUT_OF_RANGE		1745L
#endif
#ifndef RPC_X_BAD_STUB_DATA
#define RPC_X_BAD_STUB_DATA			1783L
#endif
#ifndef ERROR_NETWORK_NOT_AVAILABLE
#define ERROR_NETWORK_NOT_AVAILABLE		5035L
#endif
#ifndef ERROR_CLUSTER_NODE_NOT_FOUND
#define ERROR_CLUSTER_NODE_NOT_FOUND		5042L
#endif
#ifndef ERROR_CLUSTER_NETWORK_EXISTS
#define ERROR_CLUSTER_NETWORK_EXISTS		5044L
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
#ifndef ERROR_CLUSTER_NODE_DOWN
#define ERROR_CLUSTER_NODE_DOWN			5050L
#endif

/* ---- Network interface state ------------------------------------------- */

typedef enum CLUSTER_NETINTERFACE_STATE {
	ClusterNetInterfaceStateUnknown = -1,
	ClusterNetInterfaceUnavailable = 0,
	ClusterNetInterfaceFailed = 1,
	ClusterNetInterfaceUnreachable = 2,
	ClusterNetInterfaceUp = 3
} CLUSTER_NETINTERFACE_STATE;


/* ---- Node and network state -------------------------------------------- */

typedef enum CLUSTER_NODE_STATE {
	ClusterNodeStateUnknown = -1,
	ClusterNodeUp = 0,
	ClusterNodeDown = 1,
	ClusterNodePaused = 2,
	ClusterNodeJoining = 3
} CLUSTER_NODE_STATE;

typedef enum CLUSTER_NETWORK_STATE {
	ClusterNetworkStateUnknown = -1,
	ClusterNetworkUnavailable = 0,
	ClusterNetworkDown = 1,
	ClusterNetworkPartitioned = 2,
	ClusterNetworkUp = 3
} CLUSTER_NETWORK_STATE;

/* ---- Change notifications (CLUSTER_CHANGE values) ----------------------- */

typedef enum CLUSTER_CHANGE {
	/* Only the NETINTERFACE ones are ever reported on Linux. */
	CLUSTER_CHANGE_NODE_STATE = 0x00000001,
	CLUSTER_CHANGE_NODE_DELETED = 0x00000002,
	CLUSTER_CHANGE_NODE_ADDED = 0x00000004,
	CLUSTER_CHANGE_NODE_PROPERTY = 0x00000008,
	CLUSTER_CHANGE_REGISTRY_NAME = 0x00000010,
	CLUSTER_CHANGE_REGISTRY_ATTRIBUTES = 0x00000020,
	CLUSTER_CHANGE_REGISTRY_VALUE = 0x00000040,
	CLUSTER_CHANGE_REGISTRY_SUBTREE = 0x00000080,
	CLUSTER_CHANGE_RESOURCE_STATE = 0x00000100,
	CLUSTER_CHANGE_RESOURCE_DELETED = 0x00000200,
	CLUSTER_CHANGE_RESOURCE_ADDED = 0x00000400,
	CLUSTER_CHANGE_RESOURCE_PROPERTY = 0x00000800,
	CLUSTER_CHANGE_GROUP_STATE = 0x00001000,
	CLUSTER_CHANGE_GROUP_DELETED = 0x00002000,
	CLUSTER_CHANGE_GROUP_ADDED = 0x00004000,
	CLUSTER_CHANGE_GROUP_PROPERTY = 0x00008000,
	CLUSTER_CHANGE_RESOURCE_TYPE_DELETED = 0x00010000,
	CLUSTER_CHANGE_RESOURCE_TYPE_ADDED = 0x00020000,
	CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY = 0x00040000,
	CLUSTER_CHANGE_CLUSTER_RECONNECT = 0x00080000,
	CLUSTER_CHANGE_NETWORK_STATE = 0x00100000,
	CLUSTER_CHANGE_NETWORK_DELETED = 0x00200000,
	CLUSTER_CHANGE_NETWORK_ADDED = 0x00400000,
	CLUSTER_CHANGE_NETWORK_PROPERTY = 0x00800000,
	CLUSTER_CHANGE_NETINTERFACE_STATE = 0x01000000,
	CLUSTER_CHANGE_NETINTERFACE_DELETED = 0x02000000,
	CLUSTER_CHANGE_NETINTERFACE_ADDED = 0x04000000,
	CLUSTER_CHANGE_NETINTERFACE_PROPERTY = 0x08000000,
	CLUSTER_CHANGE_QUORUM_STATE = 0x10000000,
	CLUSTER_CHANGE_CLUSTER_STATE = 0x20000000,
	CLUSTER_CHANGE_CLUSTER_PROPERTY = 0x40000000
} CLUSTER_CHANGE;
/*
 * 0x80000000 does not fit an int enumerator in C: macros. HANDLE_CLOSE is
 * reported when a registered handle is closed. CLUSTER_CHANGE_ALL is every
 * bit but CLUSTER_RECONNECT, as in Microsoft's header.
 */
#define CLUSTER_CHANGE_HANDLE_CLOSE	0x80000000U
#define CLUSTER_CHANGE_ALL		0xFFF7FFFFU

/* ---- Enumerations ---------------------------------------------------------- */

/* Only NODE, NETWORK, INTERNAL_NETWORK and NETINTERFACE ever list anything. */
typedef enum CLUSTER_ENUM {
	CLUSTER_ENUM_NODE = 0x00000001,
	CLUSTER_ENUM_RESTYPE = 0x00000002,
	CLUSTER_ENUM_RESOURCE = 0x00000004,
	CLUSTER_ENUM_GROUP = 0x00000008,
	CLUSTER_ENUM_NETWORK = 0x00000010,
	CLUSTER_ENUM_NETINTERFACE = 0x00000020,
	CLUSTER_ENUM_SHARED_VOLUME_RESOURCE = 0x40000000,
	CLUSTER_ENUM_ALL = 0x0000003f
} CLUSTER_ENUM;
/* Beyond int, as CLUSTER_CHANGE_HANDLE_CLOSE. */
#define CLUSTER_ENUM_INTERNAL_NETWORK	0x80000000U

typedef enum CLUSTER_NODE_ENUM {
	CLUSTER_NODE_ENUM_NETINTERFACES = 0x00000001,
	CLUSTER_NODE_ENUM_GROUPS = 0x00000002,
	CLUSTER_NODE_ENUM_PREFERRED_GROUPS = 0x00000004,
	CLUSTER_NODE_ENUM_ALL = 0x00000003
} CLUSTER_NODE_ENUM;

typedef enum CLUSTER_NETWORK_ENUM {
	CLUSTER_NETWORK_ENUM_NETINTERFACES = 0x00000001,
	CLUSTER_NETWORK_ENUM_ALL = CLUSTER_NETWORK_ENUM_NETINTERFACES
} CLUSTER_NETWORK_ENUM;

typedef enum CLUSTER_GROUP_ENUM {
	CLUSTER_GROUP_ENUM_CONTAINS = 0x00000001,
	CLUSTER_GROUP_ENUM_NODES = 0x00000002,
	CLUSTER_GROUP_ENUM_ALL = 0x00000003
} CLUSTER_GROUP_ENUM;

typedef enum CLUSTER_RESOURCE_ENUM {
	CLUSTER_RESOURCE_ENUM_DEPENDS = 0x00000001,
	CLUSTER_RESOURCE_ENUM_PROVIDES = 0x00000002,
	CLUSTER_RESOURCE_ENUM_NODES = 0x00000004,
	CLUSTER_RESOURCE_ENUM_ALL = 0x00000007
} CLUSTER_RESOURCE_ENUM;

typedef enum CLUSTER_RESOURCE_TYPE_ENUM {
	CLUSTER_RESOURCE_TYPE_ENUM_NODES = 0x00000001,
	CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES = 0x00000002,
	CLUSTER_RESOURCE_TYPE_ENUM_ALL = 0x00000003
} CLUSTER_RESOURCE_TYPE_ENUM;

/* A network's Role property; clusnet's networks carry both kinds. */
typedef enum CLUSTER_NETWORK_ROLE {
	ClusterNetworkRoleNone = 0,
	ClusterNetworkRoleInternalUse = 0x00000001,
	ClusterNetworkRoleClientAccess = 0x00000002,
	ClusterNetworkRoleInternalAndClient = 0x00000003
} CLUSTER_NETWORK_ROLE;

/* ---- Control codes -------------------------------------------------------- */

#define CLUS_ACCESS_ANY		0
#define CLUS_ACCESS_READ	0x01
#define CLUS_ACCESS_WRITE	0x02
#define CLUS_NO_MODIFY		0
#define CLUS_MODIFY		0x01

#define CLUSCTL_ACCESS_SHIFT	0
#define CLUSCTL_FUNCTION_SHIFT	2
#define CLCTL_MODIFY_SHIFT	22
#define CLUSCTL_OBJECT_SHIFT	24
#define CLUSCTL_ACCESS_MODE_MASK	0x00000003
#define CLUSCTL_OBJECT_MASK	0xFF

#define CLCTL_INTERNAL_SHIFT	20
#define CLCTL_USER_SHIFT	21
#define CLCTL_GLOBAL_SHIFT	23
#define CLCTL_INTERNAL_MASK	(1 << CLCTL_INTERNAL_SHIFT)
#define CLCTL_USER_MASK		(1 << CLCTL_USER_SHIFT)
#define CLCTL_MODIFY_MASK	(1 << CLCTL_MODIFY_SHIFT)
#define CLCTL_GLOBAL_MASK	(1 << CLCTL_GLOBAL_SHIFT)
#define CLUSCTL_CONTROL_CODE_MASK 0x003FFFFF
#define CLCTL_CLUSTER_BASE	0
#define CLCTL_USER_BASE		(1 << CLCTL_USER_SHIFT)

typedef enum CLUSTER_CONTROL_OBJECT {
	CLUS_OBJECT_INVALID = 0,
	CLUS_OBJECT_RESOURCE,
	CLUS_OBJECT_RESOURCE_TYPE,
	CLUS_OBJECT_GROUP,
	CLUS_OBJECT_NODE,
	CLUS_OBJECT_NETWORK,
	CLUS_OBJECT_NETINTERFACE,
	CLUS_OBJECT_CLUSTER,
	CLUS_OBJECT_USER = 128
} CLUSTER_CONTROL_OBJECT;

#define CLCTL_EXTERNAL_CODE(Function, Access, Modify) \
	(((Access) << CLUSCTL_ACCESS_SHIFT) | \
	 ((Function) << CLUSCTL_FUNCTION_SHIFT) | \
	 ((Modify) << CLCTL_MODIFY_SHIFT))
#define CLCTL_INTERNAL_CODE(Function, Access, Modify) \
	(CLCTL_EXTERNAL_CODE(Function, Access, Modify) | CLCTL_INTERNAL_MASK)

/* A code's parts. */
#define CLUSCTL_GET_CONTROL_FUNCTION(ControlCode) \
	(((ControlCode) >> CLUSCTL_ACCESS_SHIFT) & CLUSCTL_CONTROL_CODE_MASK)
#define CLUSCTL_GET_ACCESS_MODE(ControlCode) \
	(((ControlCode) >> CLUSCTL_ACCESS_SHIFT) & CLUSCTL_ACCESS_MODE_MASK)
#define CLUSCTL_GET_CONTROL_OBJECT(ControlCode) \
	(((ControlCode) >> CLUSCTL_OBJECT_SHIFT) & CLUSCTL_OBJECT_MASK)

/* The object-independent codes clusnet's objects answer (a subset). */
typedef enum CLCTL_CODES {
	CLCTL_UNKNOWN = CLCTL_EXTERNAL_CODE(0, CLUS_ACCESS_ANY, CLUS_NO_MODIFY),
	CLCTL_GET_CHARACTERISTICS =
		CLCTL_EXTERNAL_CODE(1, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_FLAGS = CLCTL_EXTERNAL_CODE(2, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_NAME = CLCTL_EXTERNAL_CODE(10, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_NODE = CLCTL_EXTERNAL_CODE(12, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_NETWORK =
		CLCTL_EXTERNAL_CODE(13, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_ID = CLCTL_EXTERNAL_CODE(14, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_ENUM_COMMON_PROPERTIES =
		CLCTL_EXTERNAL_CODE(20, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_RO_COMMON_PROPERTIES =
		CLCTL_EXTERNAL_CODE(21, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_COMMON_PROPERTIES =
		CLCTL_EXTERNAL_CODE(22, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_SET_COMMON_PROPERTIES =
		CLCTL_EXTERNAL_CODE(23, CLUS_ACCESS_WRITE, CLUS_MODIFY),
	CLCTL_VALIDATE_COMMON_PROPERTIES =
		CLCTL_EXTERNAL_CODE(24, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_COMMON_PROPERTY_FMTS =
		CLCTL_EXTERNAL_CODE(25, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_ENUM_PRIVATE_PROPERTIES =
		CLCTL_EXTERNAL_CODE(30, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_RO_PRIVATE_PROPERTIES =
		CLCTL_EXTERNAL_CODE(31, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_PRIVATE_PROPERTIES =
		CLCTL_EXTERNAL_CODE(32, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_SET_PRIVATE_PROPERTIES =
		CLCTL_EXTERNAL_CODE(33, CLUS_ACCESS_WRITE, CLUS_MODIFY),
	CLCTL_VALIDATE_PRIVATE_PROPERTIES =
		CLCTL_EXTERNAL_CODE(34, CLUS_ACCESS_READ, CLUS_NO_MODIFY),
	CLCTL_GET_PRIVATE_PROPERTY_FMTS =
		CLCTL_EXTERNAL_CODE(35, CLUS_ACCESS_READ, CLUS_NO_MODIFY)
} CLCTL_CODES;

#define CLUSCTL_RESOURCE_CODE(Code) \
	((CLUS_OBJECT_RESOURCE << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_RESOURCE_TYPE_CODE(Code) \
	((CLUS_OBJECT_RESOURCE_TYPE << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_GROUP_CODE(Code) \
	((CLUS_OBJECT_GROUP << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_NODE_CODE(Code) \
	((CLUS_OBJECT_NODE << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_NETWORK_CODE(Code) \
	((CLUS_OBJECT_NETWORK << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_NETINTERFACE_CODE(Code) \
	((CLUS_OBJECT_NETINTERFACE << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_CLUSTER_CODE(Code) \
	((CLUS_OBJECT_CLUSTER << CLUSCTL_OBJECT_SHIFT) | (Code))
#define CLUSCTL_USER_CODE(Code, Object) \
	((Code) | CLCTL_USER_BASE | ((Object) << CLUSCTL_OBJECT_SHIFT))

/* The same codes for the three kinds: 0x0400xxxx, 0x0500xxxx, 0x0600xxxx. */
#define CLUSNET_CODES_(KIND, CODE)						\
	KIND##_UNKNOWN = CODE(CLCTL_UNKNOWN),					\
	KIND##_GET_CHARACTERISTICS = CODE(CLCTL_GET_CHARACTERISTICS),		\
	KIND##_GET_FLAGS = CODE(CLCTL_GET_FLAGS),				\
	KIND##_GET_NAME = CODE(CLCTL_GET_NAME),					\
	KIND##_GET_ID = CODE(CLCTL_GET_ID),					\
	KIND##_ENUM_COMMON_PROPERTIES = CODE(CLCTL_ENUM_COMMON_PROPERTIES),	\
	KIND##_GET_RO_COMMON_PROPERTIES = CODE(CLCTL_GET_RO_COMMON_PROPERTIES),	\
	KIND##_GET_COMMON_PROPERTIES = CODE(CLCTL_GET_COMMON_PROPERTIES),	\
	KIND##_SET_COMMON_PROPERTIES = CODE(CLCTL_SET_COMMON_PROPERTIES),	\
	KIND##_VALIDATE_COMMON_PROPERTIES =					\
		CODE(CLCTL_VALIDATE_COMMON_PROPERTIES),				\
	KIND##_GET_COMMON_PROPERTY_FMTS = CODE(CLCTL_GET_COMMON_PROPERTY_FMTS),	\
	KIND##_ENUM_PRIVATE_PROPERTIES = CODE(CLCTL_ENUM_PRIVATE_PROPERTIES),	\
	KIND##_GET_RO_PRIVATE_PROPERTIES =					\
		CODE(CLCTL_GET_RO_PRIVATE_PROPERTIES),				\
	KIND##_GET_PRIVATE_PROPERTIES = CODE(CLCTL_GET_PRIVATE_PROPERTIES),	\
	KIND##_SET_PRIVATE_PROPERTIES = CODE(CLCTL_SET_PRIVATE_PROPERTIES),	\
	KIND##_VALIDATE_PRIVATE_PROPERTIES =					\
		CODE(CLCTL_VALIDATE_PRIVATE_PROPERTIES),			\
	KIND##_GET_PRIVATE_PROPERTY_FMTS = CODE(CLCTL_GET_PRIVATE_PROPERTY_FMTS)

typedef enum CLUSCTL_NODE_CODES {
	CLUSNET_CODES_(CLUSCTL_NODE, CLUSCTL_NODE_CODE)
} CLUSCTL_NODE_CODES;

typedef enum CLUSCTL_NETWORK_CODES {
	CLUSNET_CODES_(CLUSCTL_NETWORK, CLUSCTL_NETWORK_CODE)
} CLUSCTL_NETWORK_CODES;

/* 0x06000000 ... 0x0600008D: see the table in ClusterNetInterfaceControl(3) */
typedef enum CLUSCTL_NETINTERFACE_CODES {
	CLUSNET_CODES_(CLUSCTL_NETINTERFACE, CLUSCTL_NETINTERFACE_CODE),
	CLUSCTL_NETINTERFACE_GET_NODE =
		CLUSCTL_NETINTERFACE_CODE(CLCTL_GET_NODE),
	CLUSCTL_NETINTERFACE_GET_NETWORK =
		CLUSCTL_NETINTERFACE_CODE(CLCTL_GET_NETWORK)
} CLUSCTL_NETINTERFACE_CODES;
#undef CLUSNET_CODES_

#define CLUS_CHAR_UNKNOWN	0x00000000

/*
 * ---- Property lists (CLUSPROP) --------------------------------------------
 * Types, values and layouts of Microsoft's clusapi.h: a list is a DWORD
 * count, then per property a CLUSPROP_PROPERTY_NAME, its values (each a
 * CLUSPROP_VALUE header and data padded to 4 bytes) and an end mark.
 * Lists are only 4-byte aligned: read 8-byte values (ULARGE_INTEGER,
 * FILETIME, ...) with memcpy or through the DWORD halves.
 */

typedef enum CLUSTER_PROPERTY_TYPE {
	CLUSPROP_TYPE_UNKNOWN = -1,
	CLUSPROP_TYPE_ENDMARK = 0,
	CLUSPROP_TYPE_LIST_VALUE = 1,
	CLUSPROP_TYPE_RESCLASS = 2,
	CLUSPROP_TYPE_RESERVED1 = 3,
	CLUSPROP_TYPE_NAME = 4,
	CLUSPROP_TYPE_SIGNATURE = 5,
	CLUSPROP_TYPE_SCSI_ADDRESS = 6,
	CLUSPROP_TYPE_DISK_NUMBER = 7,
	CLUSPROP_TYPE_PARTITION_INFO = 8,
	CLUSPROP_TYPE_FTSET_INFO = 9,
	CLUSPROP_TYPE_DISK_SERIALNUMBER = 10,
	CLUSPROP_TYPE_DISK_GUID = 11,
	CLUSPROP_TYPE_DISK_SIZE = 12,
	CLUSPROP_TYPE_PARTITION_INFO_EX = 13,
	CLUSPROP_TYPE_PARTITION_INFO_EX2 = 14,
	CLUSPROP_TYPE_STORAGE_DEVICE_ID_DESCRIPTOR = 15,
	CLUSPROP_TYPE_USER = 32768
} CLUSTER_PROPERTY_TYPE;

typedef enum CLUSTER_PROPERTY_FORMAT {
	CLUSPROP_FORMAT_UNKNOWN = 0,
	CLUSPROP_FORMAT_BINARY = 1,
	CLUSPROP_FORMAT_DWORD = 2,
	CLUSPROP_FORMAT_SZ = 3,
	CLUSPROP_FORMAT_EXPAND_SZ = 4,
	CLUSPROP_FORMAT_MULTI_SZ = 5,
	CLUSPROP_FORMAT_ULARGE_INTEGER = 6,
	CLUSPROP_FORMAT_LONG = 7,
	CLUSPROP_FORMAT_EXPANDED_SZ = 8,
	CLUSPROP_FORMAT_SECURITY_DESCRIPTOR = 9,
	CLUSPROP_FORMAT_LARGE_INTEGER = 10,
	CLUSPROP_FORMAT_WORD = 11,
	CLUSPROP_FORMAT_FILETIME = 12,
	CLUSPROP_FORMAT_VALUE_LIST = 13,
	CLUSPROP_FORMAT_PROPERTY_LIST = 14,
	CLUSPROP_FORMAT_USER = 32768
} CLUSTER_PROPERTY_FORMAT;

#define CLUSPROP_SYNTAX_VALUE(type, format) \
	((DWORD)((((DWORD)(type)) << 16) | (DWORD)(format)))

typedef enum CLUSTER_PROPERTY_SYNTAX {
	CLUSPROP_SYNTAX_ENDMARK = 0x00000000,
	CLUSPROP_SYNTAX_NAME = 0x00040003,
	CLUSPROP_SYNTAX_RESCLASS = 0x00020002,
	CLUSPROP_SYNTAX_LIST_VALUE_SZ = 0x00010003,
	CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ = 0x00010004,
	CLUSPROP_SYNTAX_LIST_VALUE_DWORD = 0x00010002,
	CLUSPROP_SYNTAX_LIST_VALUE_BINARY = 0x00010001,
	CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ = 0x00010005,
	CLUSPROP_SYNTAX_LIST_VALUE_LONG = 0x00010007,
	CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ = 0x00010008,
	CLUSPROP_SYNTAX_LIST_VALUE_SECURITY_DESCRIPTOR = 0x00010009,
	CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER = 0x0001000a,
	CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER = 0x00010006,
	CLUSPROP_SYNTAX_LIST_VALUE_WORD = 0x0001000b,
	CLUSPROP_SYNTAX_LIST_VALUE_PROPERTY_LIST = 0x0001000e,
	CLUSPROP_SYNTAX_LIST_VALUE_FILETIME = 0x0001000c,
	CLUSPROP_SYNTAX_DISK_SIGNATURE = 0x00050002,
	CLUSPROP_SYNTAX_SCSI_ADDRESS = 0x00060002,
	CLUSPROP_SYNTAX_DISK_NUMBER = 0x00070002,
	CLUSPROP_SYNTAX_PARTITION_INFO = 0x00080001,
	CLUSPROP_SYNTAX_FTSET_INFO = 0x00090001,
	CLUSPROP_SYNTAX_DISK_SERIALNUMBER = 0x000a0003,
	CLUSPROP_SYNTAX_DISK_GUID = 0x000b0003,
	CLUSPROP_SYNTAX_DISK_SIZE = 0x000c0006,
	CLUSPROP_SYNTAX_PARTITION_INFO_EX = 0x000d0001,
	CLUSPROP_SYNTAX_PARTITION_INFO_EX2 = 0x000e0001,
	CLUSPROP_SYNTAX_STORAGE_DEVICE_ID_DESCRIPTOR = 0x000f0001
} CLUSTER_PROPERTY_SYNTAX;

/* A syntax: one DWORD, or its format (low) and type (high) words. */
typedef union CLUSPROP_SYNTAX {
	DWORD dw;
	struct {
		WORD wFormat;
		WORD wType;
	};
} CLUSPROP_SYNTAX, *PCLUSPROP_SYNTAX;

/* The header of every value. */
typedef struct CLUSPROP_VALUE {
	CLUSPROP_SYNTAX Syntax;
	DWORD cbLength;
} CLUSPROP_VALUE, *PCLUSPROP_VALUE;

/*
 * The typed values: in C++ they derive from CLUSPROP_VALUE as in Windows;
 * in C they repeat its members (Windows uses an MS-only anonymous member).
 * Variable-length data is a zero-length array in C++ (as MSVC's).
 */
#ifdef __cplusplus
#define CLUSNET_CLUSPROP(tag)	struct tag : public CLUSPROP_VALUE
#define CLUSNET_CLUSPROP_HEAD
#define CLUSNET_FLEX		0
#else
#define CLUSNET_CLUSPROP(tag)	struct tag
#define CLUSNET_CLUSPROP_HEAD	CLUSPROP_SYNTAX Syntax; DWORD cbLength;
#define CLUSNET_FLEX
#endif

typedef CLUSNET_CLUSPROP(CLUSPROP_BINARY) {
	CLUSNET_CLUSPROP_HEAD
	BYTE rgb[CLUSNET_FLEX];
} CLUSPROP_BINARY, *PCLUSPROP_BINARY;

typedef CLUSNET_CLUSPROP(CLUSPROP_WORD) {
	CLUSNET_CLUSPROP_HEAD
	WORD w;
} CLUSPROP_WORD, *PCLUSPROP_WORD;

typedef CLUSNET_CLUSPROP(CLUSPROP_DWORD) {
	CLUSNET_CLUSPROP_HEAD
	DWORD dw;
} CLUSPROP_DWORD, *PCLUSPROP_DWORD;

typedef CLUSNET_CLUSPROP(CLUSPROP_LONG) {
	CLUSNET_CLUSPROP_HEAD
	LONG l;
} CLUSPROP_LONG, *PCLUSPROP_LONG;

/* SZ, EXPAND_SZ and EXPANDED_SZ values alike (Windows has one type). */
typedef CLUSNET_CLUSPROP(CLUSPROP_SZ) {
	CLUSNET_CLUSPROP_HEAD
	WCHAR sz[CLUSNET_FLEX];
} CLUSPROP_SZ, *PCLUSPROP_SZ;

typedef CLUSPROP_SZ CLUSPROP_MULTI_SZ, *PCLUSPROP_MULTI_SZ;
typedef CLUSPROP_SZ CLUSPROP_PROPERTY_NAME, *PCLUSPROP_PROPERTY_NAME;

typedef CLUSNET_CLUSPROP(CLUSPROP_ULARGE_INTEGER) {
	CLUSNET_CLUSPROP_HEAD
	ULARGE_INTEGER li;
} CLUSPROP_ULARGE_INTEGER, *PCLUSPROP_ULARGE_INTEGER;

typedef CLUSNET_CLUSPROP(CLUSPROP_LARGE_INTEGER) {
	CLUSNET_CLUSPROP_HEAD
	LARGE_INTEGER li;
} CLUSPROP_LARGE_INTEGER, *PCLUSPROP_LARGE_INTEGER;

/* Self-relative security descriptor bytes (no SECURITY_DESCRIPTOR type). */
typedef CLUSNET_CLUSPROP(CLUSPROP_SECURITY_DESCRIPTOR) {
	CLUSNET_CLUSPROP_HEAD
	BYTE rgbSecurityDescriptor[CLUSNET_FLEX];
} CLUSPROP_SECURITY_DESCRIPTOR, *PCLUSPROP_SECURITY_DESCRIPTOR;

typedef CLUSNET_CLUSPROP(CLUSPROP_FILETIME) {
	CLUSNET_CLUSPROP_HEAD
	FILETIME ft;
} CLUSPROP_FILETIME, *PCLUSPROP_FILETIME;

/* The start of a property list. */
typedef struct CLUSPROP_LIST {
	DWORD nPropertyCount;
	CLUSPROP_PROPERTY_NAME PropertyName;
} CLUSPROP_LIST, *PCLUSPROP_LIST;

/*
 * Walks a list by reinterpreting one pointer. The storage-class members of
 * Windows' union (pResourceClassValue, pDiskSignatureValue, ...) are left
 * out: clusnet has no resources.
 */
typedef union CLUSPROP_BUFFER_HELPER {
	BYTE *pb;
	WORD *pw;
	DWORD *pdw;
	LONG *pl;
	LPWSTR psz;
	PCLUSPROP_LIST pList;
	PCLUSPROP_SYNTAX pSyntax;
	PCLUSPROP_PROPERTY_NAME pName;
	PCLUSPROP_VALUE pValue;
	PCLUSPROP_BINARY pBinaryValue;
	PCLUSPROP_WORD pWordValue;
	PCLUSPROP_DWORD pDwordValue;
	PCLUSPROP_LONG pLongValue;
	PCLUSPROP_ULARGE_INTEGER pULargeIntegerValue;
	PCLUSPROP_LARGE_INTEGER pLargeIntegerValue;
	PCLUSPROP_SZ pStringValue;
	PCLUSPROP_MULTI_SZ pMultiSzValue;
	PCLUSPROP_SECURITY_DESCRIPTOR pSecurityDescriptor;
	PCLUSPROP_FILETIME pFileTimeValue;
} CLUSPROP_BUFFER_HELPER, *PCLUSPROP_BUFFER_HELPER;

/* Every entry's data is padded to a multiple of 4 bytes. */
#define ALIGN_CLUSPROP(count) (((count) + 3) & ~3)

/* Fixed-size values with room for cb bytes or cch characters (and NUL). */
#define CLUSPROP_BINARY_DECLARE(name, cb) \
	struct { \
		CLUSPROP_SYNTAX Syntax; \
		DWORD cbLength; \
		BYTE rgb[((cb) + 3) & ~3]; \
	} name

#define CLUSPROP_SZ_DECLARE(name, cch) \
	struct { \
		CLUSPROP_SYNTAX Syntax; \
		DWORD cbLength; \
		WCHAR sz[((cch) + 1) & ~1]; \
	} name

#define CLUSPROP_PROPERTY_NAME_DECLARE(name, cch) CLUSPROP_SZ_DECLARE(name, cch)

/* Common property names of a network interface (CLUSREG_NAME_NETIFACE_*). */
#define CLUSREG_NAME_NETIFACE_NAME		CLUSNET_WSTR("Name")
#define CLUSREG_NAME_NETIFACE_NODE		CLUSNET_WSTR("Node")
#define CLUSREG_NAME_NETIFACE_NETWORK		CLUSNET_WSTR("Network")
#define CLUSREG_NAME_NETIFACE_ADAPTER_NAME	CLUSNET_WSTR("Adapter")
#define CLUSREG_NAME_NETIFACE_ADAPTER_ID	CLUSNET_WSTR("AdapterId")
#define CLUSREG_NAME_NETIFACE_ADDRESS		CLUSNET_WSTR("Address")
#define CLUSREG_NAME_NETIFACE_IPV4_ADDRESSES	CLUSNET_WSTR("IPv4Addresses")
#define CLUSREG_NAME_NETIFACE_IPV6_ADDRESSES	CLUSNET_WSTR("IPv6Addresses")
#define CLUSREG_NAME_NETIFACE_DHCP_ENABLED	CLUSNET_WSTR("DhcpEnabled")
#define CLUSREG_NAME_NETIFACE_DESC		CLUSNET_WSTR("Description")

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

/* The cluster's name (buffer protocol) and, if asked, version details. */
#define CLUSTER_VERSION_FLAG_MIXED_MODE	0x00000001

typedef struct CLUSTERVERSIONINFO {
	DWORD dwVersionInfoSize;
	WORD MajorVersion;
	WORD MinorVersion;
	WORD BuildNumber;
	WCHAR szVendorId[64];
	WCHAR szCSDVersion[64];
	DWORD dwClusterHighestVersion;
	DWORD dwClusterLowestVersion;
	DWORD dwFlags;
	DWORD dwReserved;
} CLUSTERVERSIONINFO, *LPCLUSTERVERSIONINFO, *PCLUSTERVERSIONINFO;

DWORD WINAPI GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName,
				   LPDWORD lpcchClusterName,
				   LPCLUSTERVERSIONINFO lpClusterInfo);

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


/*
 * ---- Nodes, networks, interface queries, control, notifications ----------
 * (CLUSNET_1.1; see the man pages for what each does on Linux.)
 */

/* The netif handle's cluster, as a new handle (close it with CloseCluster). */
HCLUSTER WINAPI GetClusterFromNetInterface(HNETINTERFACE hNetInterface);

/* The name of the interface of a node on a network (buffer protocol). */
DWORD WINAPI GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName,
				    LPCWSTR lpszNetworkName,
				    LPWSTR lpszInterfaceName,
				    LPDWORD lpcchInterfaceName);

HNETINTERFACEENUM WINAPI ClusterNetInterfaceOpenEnum(HCLUSTER hCluster,
						     LPCWSTR lpszNodeName,
						     LPCWSTR lpszNetworkName);
DWORD WINAPI ClusterNetInterfaceEnum(HNETINTERFACEENUM hNetInterfaceEnum,
				     DWORD dwIndex, LPWSTR lpszName,
				     LPDWORD lpcchName);
DWORD WINAPI ClusterNetInterfaceCloseEnum(HNETINTERFACEENUM hNetInterfaceEnum);

DWORD WINAPI ClusterNetInterfaceControl(HNETINTERFACE hNetInterface,
					HNODE hHostNode, DWORD dwControlCode,
					LPVOID lpInBuffer, DWORD nInBufferSize,
					LPVOID lpOutBuffer,
					DWORD nOutBufferSize,
					LPDWORD lpBytesReturned);

HNODE WINAPI OpenClusterNode(HCLUSTER hCluster, LPCWSTR lpszNodeName);
HNODE WINAPI OpenClusterNodeEx(HCLUSTER hCluster, LPCWSTR lpszNodeName,
			       DWORD dwDesiredAccess,
			       DWORD *lpdwGrantedAccess);
BOOL WINAPI CloseClusterNode(HNODE hNode);
CLUSTER_NODE_STATE WINAPI GetClusterNodeState(HNODE hNode);

HNETWORK WINAPI OpenClusterNetwork(HCLUSTER hCluster, LPCWSTR lpszNetworkName);
HNETWORK WINAPI OpenClusterNetworkEx(HCLUSTER hCluster,
				     LPCWSTR lpszNetworkName,
				     DWORD dwDesiredAccess,
				     DWORD *lpdwGrantedAccess);
BOOL WINAPI CloseClusterNetwork(HNETWORK hNetwork);
CLUSTER_NETWORK_STATE WINAPI GetClusterNetworkState(HNETWORK hNetwork);
DWORD WINAPI SetClusterNetworkName(HNETWORK hNetwork, LPCWSTR lpszName);
DWORD WINAPI GetClusterNetworkId(HNETWORK hNetwork, LPWSTR lpszNetworkId,
				 LPDWORD lpcchName);

HCHANGE WINAPI CreateClusterNotifyPort(HCHANGE hChange, HCLUSTER hCluster,
				       DWORD dwFilter, DWORD_PTR dwNotifyKey);
DWORD WINAPI RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType,
				   HANDLE hObject, DWORD_PTR dwNotifyKey);
DWORD WINAPI GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey,
			      LPDWORD lpdwFilterType, LPWSTR lpszName,
			      LPDWORD lpcchName, DWORD dwMilliseconds);
BOOL WINAPI CloseClusterNotifyPort(HCHANGE hChange);

/*
 * ---- Enumerations, node and network controls (CLUSNET_1.2) ----------------
 * Each enumeration is a snapshot taken at open; names use the usual buffer
 * protocol, ERROR_NO_MORE_ITEMS past the end.
 */
HCLUSENUM WINAPI ClusterOpenEnum(HCLUSTER hCluster, DWORD dwType);
DWORD WINAPI ClusterGetEnumCount(HCLUSENUM hEnum);
DWORD WINAPI ClusterEnum(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD lpdwType,
			 LPWSTR lpszName, LPDWORD lpcchName);
DWORD WINAPI ClusterCloseEnum(HCLUSENUM hEnum);

HNODEENUM WINAPI ClusterNodeOpenEnum(HNODE hNode, DWORD dwType);
DWORD WINAPI ClusterNodeGetEnumCount(HNODEENUM hNodeEnum);
DWORD WINAPI ClusterNodeEnum(HNODEENUM hNodeEnum, DWORD dwIndex,
			     LPDWORD lpdwType, LPWSTR lpszName,
			     LPDWORD lpcchName);
DWORD WINAPI ClusterNodeCloseEnum(HNODEENUM hNodeEnum);

HNETWORKENUM WINAPI ClusterNetworkOpenEnum(HNETWORK hNetwork, DWORD dwType);
DWORD WINAPI ClusterNetworkGetEnumCount(HNETWORKENUM hNetworkEnum);
DWORD WINAPI ClusterNetworkEnum(HNETWORKENUM hNetworkEnum, DWORD dwIndex,
				LPDWORD lpdwType, LPWSTR lpszName,
				LPDWORD lpcchName);
DWORD WINAPI ClusterNetworkCloseEnum(HNETWORKENUM hNetworkEnum);

/* All interfaces of a node on a network: a MULTI_SZ, sizes in bytes. */
DWORD WINAPI GetClusterNetInterfaceEx(HCLUSTER hCluster, LPCWSTR lpszNodeName,
				      LPCWSTR lpszNetworkName,
				      LPWSTR lpmszInterfaceNameList,
				      LPDWORD lpcbInterfaceListBufSize);

/* New cluster handles for the node's / network's cluster (CloseCluster). */
HCLUSTER WINAPI GetClusterFromNode(HNODE hNode);
HCLUSTER WINAPI GetClusterFromNetwork(HNETWORK hNetwork);
/* The node's id, a decimal number as on Windows (buffer protocol). */
DWORD WINAPI GetClusterNodeId(HNODE hNode, LPWSTR lpszNodeId,
			      LPDWORD lpcchName);

DWORD WINAPI ClusterNodeControl(HNODE hNode, HNODE hHostNode,
				DWORD dwControlCode, LPVOID lpInBuffer,
				DWORD nInBufferSize, LPVOID lpOutBuffer,
				DWORD nOutBufferSize, LPDWORD lpBytesReturned);
DWORD WINAPI ClusterNetworkControl(HNETWORK hNetwork, HNODE hHostNode,
				   DWORD dwControlCode, LPVOID lpInBuffer,
				   DWORD nInBufferSize, LPVOID lpOutBuffer,
				   DWORD nOutBufferSize,
				   LPDWORD lpBytesReturned);
/* The Ex forms take a reason for the audit log; clusnet ignores it. */
DWORD WINAPI ClusterNodeControlEx(HNODE hNode, HNODE hHostNode,
				  DWORD dwControlCode, LPVOID lpInBuffer,
				  DWORD nInBufferSize, LPVOID lpOutBuffer,
				  DWORD nOutBufferSize,
				  LPDWORD lpBytesReturned, LPCWSTR lpszReason);
DWORD WINAPI ClusterNetworkControlEx(HNETWORK hNetwork, HNODE hHostNode,
				     DWORD dwControlCode, LPVOID lpInBuffer,
				     DWORD nInBufferSize, LPVOID lpOutBuffer,
				     DWORD nOutBufferSize,
				     LPDWORD lpBytesReturned,
				     LPCWSTR lpszReason);
DWORD WINAPI ClusterNetInterfaceControlEx(HNETINTERFACE hNetInterface,
					  HNODE hHostNode,
					  DWORD dwControlCode,
					  LPVOID lpInBuffer,
					  DWORD nInBufferSize,
					  LPVOID lpOutBuffer,
					  DWORD nOutBufferSize,
					  LPDWORD lpBytesReturned,
					  LPCWSTR lpszReason);

/*
 * ---- kernel32 names ------------------------------------------------------
 * Other Windows compatibility code in the process may export these names
 * too; see GetLastError(3) for which one a call binds to and how to read
 * ClusAPI's own last error whatever the link order.
 */

/* Last error, per thread (CLUSNET_1). */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

/* The same, under names no other shim has (CLUSNET_1.2). */
DWORD WINAPI ClusnetGetLastError(void);
void WINAPI ClusnetSetLastError(DWORD dwErrCode);

/*
 * Memory the library hands out (ResUtilFind*Property values) and memory a
 * caller builds property lists in. Only fixed memory: LMEM_MOVEABLE is
 * ERROR_INVALID_PARAMETER. LocalFree returns NULL (CLUSNET_1.1);
 * LocalAlloc is CLUSNET_1.2.
 */
#ifndef LMEM_FIXED
#define LMEM_FIXED	0x0000
#define LMEM_MOVEABLE	0x0002
#define LMEM_ZEROINIT	0x0040
#define LPTR		(LMEM_FIXED | LMEM_ZEROINIT)
#endif
HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
HLOCAL WINAPI LocalFree(HLOCAL hMem);

/* ---- Function pointer types (for dlsym, as for GetProcAddress) ---------- */

typedef HCLUSTER(WINAPI *PCLUSAPI_OPEN_CLUSTER)(LPCWSTR lpszClusterName);
typedef HCLUSTER(WINAPI *PCLUSAPI_OPEN_CLUSTER_EX)(LPCWSTR lpszClusterName,
						   DWORD dwDesiredAccess,
						   LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER)(HCLUSTER hCluster);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_INFORMATION)(
	HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
	LPCLUSTERVERSIONINFO lpClusterInfo);
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
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_NET_INTERFACE)(
	HNETINTERFACE hNetInterface);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NET_INTERFACE)(
	HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
	LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NET_INTERFACE_CONTROL)(
	HNETINTERFACE hNetInterface, HNODE hHostNode, DWORD dwControlCode,
	LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
	DWORD nOutBufferSize, LPDWORD lpBytesReturned);
/* (Windows has no typedefs for ClusterNetInterfaceOpenEnum & co.) */
typedef HNODE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NODE)(HCLUSTER hCluster,
						  LPCWSTR lpszNodeName);
typedef HNODE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NODE_EX)(
	HCLUSTER hCluster, LPCWSTR lpszNodeName, DWORD dwDesiredAccess,
	LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NODE)(HNODE hNode);
typedef CLUSTER_NODE_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_NODE_STATE)(
	HNODE hNode);
typedef HNETWORK(WINAPI *PCLUSAPI_OPEN_CLUSTER_NETWORK)(
	HCLUSTER hCluster, LPCWSTR lpszNetworkName);
typedef HNETWORK(WINAPI *PCLUSAPI_OPEN_CLUSTER_NETWORK_EX)(
	HCLUSTER hCluster, LPCWSTR lpszNetworkName, DWORD dwDesiredAccess,
	LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NETWORK)(HNETWORK hNetwork);
typedef CLUSTER_NETWORK_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_NETWORK_STATE)(
	HNETWORK hNetwork);
typedef DWORD(WINAPI *PCLUSAPI_SET_CLUSTER_NETWORK_NAME)(HNETWORK hNetwork,
							 LPCWSTR lpszName);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NETWORK_ID)(
	HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchNetworkId);
typedef HCHANGE(WINAPI *PCLUSAPI_CREATE_CLUSTER_NOTIFY_PORT)(
	HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter,
	DWORD_PTR dwNotifyKey);
typedef DWORD(WINAPI *PCLUSAPI_REGISTER_CLUSTER_NOTIFY)(
	HCHANGE hChange, DWORD dwFilterType, HANDLE hObject,
	DWORD_PTR dwNotifyKey);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NOTIFY)(
	HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
	LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NOTIFY_PORT)(HCHANGE hChange);
typedef HCLUSENUM(WINAPI *PCLUSAPI_CLUSTER_OPEN_ENUM)(HCLUSTER hCluster,
						     DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_GET_ENUM_COUNT)(HCLUSENUM hEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_ENUM)(HCLUSENUM hEnum, DWORD dwIndex,
					     LPDWORD lpdwType,
					     LPWSTR lpszName,
					     LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_CLOSE_ENUM)(HCLUSENUM hEnum);
typedef HNODEENUM(WINAPI *PCLUSAPI_CLUSTER_NODE_OPEN_ENUM)(HNODE hNode,
							  DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_GET_ENUM_COUNT)(
	HNODEENUM hNodeEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_ENUM)(
	HNODEENUM hNodeEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
	LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_CLOSE_ENUM)(HNODEENUM hNodeEnum);
typedef HNETWORKENUM(WINAPI *PCLUSAPI_CLUSTER_NETWORK_OPEN_ENUM)(
	HNETWORK hNetwork, DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_GET_ENUM_COUNT)(
	HNETWORKENUM hNetworkEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_ENUM)(
	HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType,
	LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_CLOSE_ENUM)(
	HNETWORKENUM hNetworkEnum);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_NODE)(HNODE hNode);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_NETWORK)(
	HNETWORK hNetwork);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NODE_ID)(HNODE hNode,
						    LPWSTR lpszNodeId,
						    LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_CONTROL)(
	HNODE hNode, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
	DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
	LPDWORD lpBytesReturned);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_CONTROL)(
	HNETWORK hNetwork, HNODE hHostNode, DWORD dwControlCode,
	LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
	DWORD nOutBufferSize, LPDWORD lpBytesReturned);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_CONTROL_EX)(
	HNODE hNode, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer,
	DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize,
	LPDWORD lpBytesReturned, LPCWSTR lpszReason);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_CONTROL_EX)(
	HNETWORK hNetwork, HNODE hHostNode, DWORD dwControlCode,
	LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
	DWORD nOutBufferSize, LPDWORD lpBytesReturned, LPCWSTR lpszReason);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NET_INTERFACE_CONTROL_EX)(
	HNETINTERFACE hNetInterface, HNODE hHostNode, DWORD dwControlCode,
	LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer,
	DWORD nOutBufferSize, LPDWORD lpBytesReturned, LPCWSTR lpszReason);
/*
 * ---- Linux extras --------------------------------------------------------
 * Not part of Windows' ClusAPI; prefixed Clusnet.
 *
 * Building property lists (for SET/VALIDATE_COMMON_PROPERTIES): create a
 * builder, add properties (each with one value), take the bytes with
 * ClusnetPropListData (valid until the next Add or the Free), free it.
 * Add functions return ERROR_SUCCESS, ERROR_INVALID_PARAMETER (NULL or
 * empty name, bad size) or ERROR_NOT_ENOUGH_MEMORY; after a failure the
 * list is unchanged.
 */
typedef struct _CLUSNET_PROPLIST *PCLUSNET_PROPLIST;

PCLUSNET_PROPLIST WINAPI ClusnetPropListCreate(void);
DWORD WINAPI ClusnetPropListAddValue(PCLUSNET_PROPLIST pList,
				     LPCWSTR pszName, DWORD dwSyntax,
				     const void *pValue, DWORD cbValue);
DWORD WINAPI ClusnetPropListAddSz(PCLUSNET_PROPLIST pList, LPCWSTR pszName,
				  LPCWSTR pszValue);
/* pszValue: strings each NUL-terminated, then one more NUL */
DWORD WINAPI ClusnetPropListAddMultiSz(PCLUSNET_PROPLIST pList,
				       LPCWSTR pszName, LPCWSTR pszValue);
DWORD WINAPI ClusnetPropListAddDword(PCLUSNET_PROPLIST pList,
				     LPCWSTR pszName, DWORD dwValue);
DWORD WINAPI ClusnetPropListAddBinary(PCLUSNET_PROPLIST pList,
				      LPCWSTR pszName, const BYTE *pValue,
				      DWORD cbValue);
const void *WINAPI ClusnetPropListData(PCLUSNET_PROPLIST pList,
				       LPDWORD pcbSize);
void WINAPI ClusnetPropListFree(PCLUSNET_PROPLIST pList);

/*
 * Checks a whole property list: ERROR_SUCCESS (and the property count in
 * *pnProperties if not NULL) or ERROR_INVALID_DATA.
 */
DWORD WINAPI ClusnetPropListValidate(const void *pPropertyList,
				     DWORD cbPropertyListSize,
				     LPDWORD pnProperties);

#ifdef __cplusplus
}
#endif

/* The ResUtil property helpers were declared here up to 0.2: still are. */
#include "resapi.h"

#endif /* CLUSNET_CLUSAPI_H */
