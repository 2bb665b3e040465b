/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ClusDocEx_GetControlCodeOutput: control codes that return data, with the
 * documented procedure: a DWORD-sized buffer first, then one of the size
 * the function reported in lpcbBytesReturned after ERROR_MORE_DATA. One
 * function per object kind (node, network, network interface). The caller
 * frees the result with LocalFree; on failure NULL and GetLastError().
 */
#include "ClusDocEx.h"

#ifndef _CLUSDOCEX_GETCONTROLCODEOUTPUT
#define _CLUSDOCEX_GETCONTROLCODEOUTPUT

typedef DWORD (*ClusDocEx_ControlFn)(void *hObject, HNODE hNode,
				     DWORD dwControlCode, LPVOID lpOut,
				     DWORD cbOut, LPDWORD lpcbResult);

static LPVOID ClusDocEx_GetControlCodeOutput(IN ClusDocEx_ControlFn pfn,
					     IN void *hObject, IN HNODE hNode,
					     IN DWORD dwControlCode,
					     OUT LPDWORD lpcbResultSize)
{
	DWORD dwResult;
	DWORD cbBufSize = sizeof(DWORD);
	LPVOID lpOutBuffer = ClusDocEx_Alloc(cbBufSize);

	if (lpOutBuffer == NULL) {
		dwResult = ERROR_NOT_ENOUGH_MEMORY;
		goto endf;
	}
	dwResult = pfn(hObject, hNode, dwControlCode, lpOutBuffer, cbBufSize,
		       lpcbResultSize);
	if (dwResult == ERROR_MORE_DATA) {
		LocalFree(lpOutBuffer);
		cbBufSize = *lpcbResultSize;
		lpOutBuffer = ClusDocEx_Alloc(cbBufSize);
		if (lpOutBuffer == NULL) {
			dwResult = ERROR_NOT_ENOUGH_MEMORY;
			goto endf;
		}
		dwResult = pfn(hObject, hNode, dwControlCode, lpOutBuffer,
			       cbBufSize, lpcbResultSize);
	}
	if (dwResult != ERROR_SUCCESS) {
		LocalFree(lpOutBuffer);
		lpOutBuffer = NULL;
		*lpcbResultSize = 0;
	}
endf:
	SetLastError(dwResult);
	return lpOutBuffer;
}

static DWORD ClusDocEx_NodControl(void *h, HNODE hNode, DWORD code,
				  LPVOID out, DWORD cb, LPDWORD ret)
{
	return ClusterNodeControl((HNODE)h, hNode, code, NULL, 0, out, cb,
				  ret);
}

static DWORD ClusDocEx_NetControl(void *h, HNODE hNode, DWORD code,
				  LPVOID out, DWORD cb, LPDWORD ret)
{
	return ClusterNetworkControl((HNETWORK)h, hNode, code, NULL, 0, out,
				     cb, ret);
}

static DWORD ClusDocEx_NICControl(void *h, HNODE hNode, DWORD code,
				  LPVOID out, DWORD cb, LPDWORD ret)
{
	return ClusterNetInterfaceControl((HNETINTERFACE)h, hNode, code, NULL,
					  0, out, cb, ret);
}

static LPVOID ClusDocEx_NodGetControlCodeOutput(IN HNODE hNode,
						IN HNODE hHostNode,
						IN DWORD dwControlCode,
						OUT LPDWORD lpcbResultSize)
{
	return ClusDocEx_GetControlCodeOutput(ClusDocEx_NodControl, hNode,
					      hHostNode, dwControlCode,
					      lpcbResultSize);
}

static LPVOID ClusDocEx_NetGetControlCodeOutput(IN HNETWORK hNetwork,
						IN HNODE hNode,
						IN DWORD dwControlCode,
						OUT LPDWORD lpcbResultSize)
{
	return ClusDocEx_GetControlCodeOutput(ClusDocEx_NetControl, hNetwork,
					      hNode, dwControlCode,
					      lpcbResultSize);
}

static LPVOID ClusDocEx_NICGetControlCodeOutput(IN HNETINTERFACE hNetInterface,
						IN HNODE hNode,
						IN DWORD dwControlCode,
						OUT LPDWORD lpcbResultSize)
{
	return ClusDocEx_GetControlCodeOutput(ClusDocEx_NICControl,
					      hNetInterface, hNode,
					      dwControlCode, lpcbResultSize);
}

#endif /* _CLUSDOCEX_GETCONTROLCODEOUTPUT */
