/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * resapi.h - libclusnet: the property list helpers of Windows' resapi.h.
 *
 * ResUtilFind*Property look a property up by name (ASCII case-insensitive)
 * in a property list such as ClusterNetInterfaceControl returns. They
 * return ERROR_SUCCESS, ERROR_FILE_NOT_FOUND (no such property),
 * ERROR_INVALID_DATA (a malformed list, or a value of another format) or
 * ERROR_NOT_ENOUGH_MEMORY. String and binary values are copies: free them
 * with LocalFree. The rest of resapi.h (resource DLL entry points, property
 * tables, ResUtilGetPropertyFormats, the service and registry helpers) is
 * for resource DLLs, which clusnet does not host: not declared.
 */
#ifndef CLUSNET_RESAPI_H
#define CLUSNET_RESAPI_H

#include "clusapi.h"

#ifdef __cplusplus
extern "C" {
#endif

DWORD WINAPI ResUtilFindSzProperty(const PVOID pPropertyList,
				   DWORD cbPropertyListSize,
				   LPCWSTR pszPropertyName,
				   LPWSTR *pszPropertyValue);
DWORD WINAPI ResUtilFindExpandSzProperty(const PVOID pPropertyList,
					 DWORD cbPropertyListSize,
					 LPCWSTR pszPropertyName,
					 LPWSTR *pszPropertyValue);
DWORD WINAPI ResUtilFindDwordProperty(const PVOID pPropertyList,
				      DWORD cbPropertyListSize,
				      LPCWSTR pszPropertyName,
				      LPDWORD pdwPropertyValue);
DWORD WINAPI ResUtilFindLongProperty(const PVOID pPropertyList,
				     DWORD cbPropertyListSize,
				     LPCWSTR pszPropertyName,
				     LONG *plPropertyValue);
DWORD WINAPI ResUtilFindULargeIntegerProperty(const PVOID pPropertyList,
					      DWORD cbPropertyListSize,
					      LPCWSTR pszPropertyName,
					      ULONGLONG *plPropertyValue);
DWORD WINAPI ResUtilFindMultiSzProperty(const PVOID pPropertyList,
					DWORD cbPropertyListSize,
					LPCWSTR pszPropertyName,
					LPWSTR *pszPropertyValue,
					LPDWORD pcbPropertyValueSize);
DWORD WINAPI ResUtilFindBinaryProperty(const PVOID pPropertyList,
				       DWORD cbPropertyListSize,
				       LPCWSTR pszPropertyName,
				       LPBYTE *pbPropertyValue,
				       LPDWORD pcbPropertyValueSize);

/*
 * An EXPAND_SZ property's expanded value: its CLUSPROP_FORMAT_EXPANDED_SZ
 * value if the list has one, else its SZ or EXPAND_SZ value with %NAME%
 * references replaced from the environment, as ExpandEnvironmentStrings
 * does (an unknown name stays as written).
 */
DWORD WINAPI ResUtilFindExpandedSzProperty(const PVOID pPropertyList,
					   DWORD cbPropertyListSize,
					   LPCWSTR pszPropertyName,
					   LPWSTR *pszPropertyValue);
DWORD WINAPI ResUtilFindFileTimeProperty(const PVOID pPropertyList,
					 DWORD cbPropertyListSize,
					 LPCWSTR pszPropertyName,
					 LPFILETIME pftPropertyValue);

/* ---- Function pointer types (for dlsym, as for GetProcAddress) ---------- */

typedef DWORD(WINAPI *PRESUTIL_FIND_SZ_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue);
typedef DWORD(WINAPI *PRESUTIL_FIND_EXPAND_SZ_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue);
typedef DWORD(WINAPI *PRESUTIL_FIND_DWORD_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPDWORD pdwPropertyValue);
typedef DWORD(WINAPI *PRESUTIL_FIND_LONG_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LONG *plPropertyValue);
typedef DWORD(WINAPI *PRESUTIL_FIND_ULARGEINTEGER_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, ULONGLONG *plPropertyValue);
typedef DWORD(WINAPI *PRESUTIL_FIND_MULTI_SZ_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue,
	LPDWORD pcbPropertyValueSize);
typedef DWORD(WINAPI *PRESUTIL_FIND_BINARY_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPBYTE *pbPropertyValue,
	LPDWORD pcbPropertyValueSize);

typedef DWORD(WINAPI *PRESUTIL_FIND_EXPANDED_SZ_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue);
typedef DWORD(WINAPI *PRESUTIL_FIND_FILETIME_PROPERTY)(
	const PVOID pPropertyList, DWORD cbPropertyListSize,
	LPCWSTR pszPropertyName, LPFILETIME pftPropertyValue);

#ifdef __cplusplus
}
#endif

#endif /* CLUSNET_RESAPI_H */
