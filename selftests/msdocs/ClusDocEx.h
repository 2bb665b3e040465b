/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ClusDocEx.h: the helper header of the Windows Failover Cluster sample
 * programs ("ClusDocEx"), written for clusnet's acceptance test the way
 * Microsoft's is used: the samples include it and nothing else. See
 * README for why these are our own programs and not Microsoft's text.
 *
 * Builds as C and as C++, in either WCHAR mode of clusapi.h.
 */
#ifndef _CLUSDOCEX_H
#define _CLUSDOCEX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <clusapi.h>

/* SAL-style parameter annotations of the Windows headers. */
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif

/* The first guess for buffers: the samples grow them on ERROR_MORE_DATA. */
#define ClusDocEx_DEFAULT_CB 4

/* Bytes of a value-list entry holding cbData bytes: syntax, length, data. */
#define ClusDocEx_ListEntrySize(cbData) \
	(sizeof(DWORD) * 2 + ALIGN_CLUSPROP(cbData))

/*
 * Windows samples allocate with LocalAlloc(LPTR, ...) and free with
 * LocalFree; until libclusnet has LocalAlloc, zeroed calloc memory, which
 * libclusnet's LocalFree frees.
 */
#ifdef LPTR
#define ClusDocEx_Alloc(cb) LocalAlloc(LPTR, (cb))
#else
#define ClusDocEx_Alloc(cb) calloc(1, (cb))
#endif

/* UTF-16 to ASCII for printing ('?' beyond). */
static inline const char *ClusDocEx_Narrow(const WCHAR *w, char *buf,
					   size_t size)
{
	size_t i;

	for (i = 0; w && w[i] && i + 1 < size; i++)
		buf[i] = w[i] < 0x80 ? (char)w[i] : '?';
	buf[i] = 0;
	return buf;
}

#endif /* _CLUSDOCEX_H */
