/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ClusDocEx_NotifyPort: the notification port example's reading loop: a
 * thread takes notifications with GetClusterNotify, grows its name buffer
 * on ERROR_MORE_DATA and ends when CLUSTER_CHANGE_HANDLE_CLOSE comes, as
 * "Closing a Notification Port" advises (no race with the closing thread).
 */
#include "ClusDocEx.h"

#ifndef _CLUSDOCEX_NOTIFYPORT
#define _CLUSDOCEX_NOTIFYPORT

struct ClusDocEx_NotifyCtx {
	HCHANGE hChange;
	DWORD dwTimeout;	/* per wait, milliseconds */
	DWORD dwResult;		/* how the loop ended */
	DWORD cEvents;		/* notifications before HANDLE_CLOSE */
	DWORD dwLastFilter;
	char szLastName[256];
};

static void *ClusDocEx_NotifyThread(void *lpParam)
{
	struct ClusDocEx_NotifyCtx *pCtx = (struct ClusDocEx_NotifyCtx *)lpParam;
	DWORD cbNameAlloc = ClusDocEx_DEFAULT_CB;
	LPWSTR lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
	DWORD_PTR dwKey = 0;
	DWORD dwFilter = 0;
	DWORD cchName;
	DWORD dwResult = ERROR_NOT_ENOUGH_MEMORY;

	while (lpszName != NULL) {
		cchName = cbNameAlloc / sizeof(WCHAR);
		dwResult = GetClusterNotify(pCtx->hChange, &dwKey, &dwFilter,
					    lpszName, &cchName,
					    pCtx->dwTimeout);
		if (dwResult == ERROR_MORE_DATA) {
			cchName++;	/* terminating NULL */
			cbNameAlloc = cchName * sizeof(WCHAR);
			LocalFree(lpszName);
			lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
			if (lpszName == NULL) {
				dwResult = ERROR_NOT_ENOUGH_MEMORY;
				break;
			}
			dwResult = GetClusterNotify(pCtx->hChange, &dwKey,
						    &dwFilter, lpszName,
						    &cchName, pCtx->dwTimeout);
		}
		if (dwResult != ERROR_SUCCESS)
			break;
		pCtx->dwLastFilter = dwFilter;
		ClusDocEx_Narrow(lpszName, pCtx->szLastName,
				 sizeof(pCtx->szLastName));
		if (dwFilter == CLUSTER_CHANGE_HANDLE_CLOSE)
			break;
		pCtx->cEvents++;
	}
	LocalFree(lpszName);
	pCtx->dwResult = dwResult;
	return NULL;
}

#endif /* _CLUSDOCEX_NOTIFYPORT */
