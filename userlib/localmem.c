// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * LocalAlloc/LocalFree (kernel32 names): the allocator of the memory
 * ResUtilFind*Property hands out, so Windows code frees it unchanged.
 * Fixed memory only; there are no movable handles to lock.
 */
#include <stdlib.h>

#include "internal.h"

CLUSNET_EXPORT HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes)
{
	void *p;

	if (uFlags & ~(UINT)LMEM_ZEROINIT) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	/* Windows hands out a usable block for 0 bytes too: never NULL */
	if (!uBytes)
		uBytes = 1;
	p = uFlags & LMEM_ZEROINIT ? calloc(1, uBytes) : malloc(uBytes);
	if (!p)
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
	return p;
}

CLUSNET_EXPORT HLOCAL WINAPI LocalFree(HLOCAL hMem)
{
	free(hMem);
	return NULL;
}
