// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Name comparison, the Windows string buffer protocol and object id
 * formatting, shared by the functions that take or return names.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* As the kernel compares names: ASCII letters fold, other bytes are exact. */
int clusnet_name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower((unsigned char)*a) !=
		    ascii_lower((unsigned char)*b))
			return 0;
	return !*a && !*b;
}

DWORD clusnet_put_wstr(const char *utf8, LPWSTR buf, LPDWORD lpcch)
{
	size_t len = strlen(utf8);
	ssize_t n;

	if (!lpcch)
		return ERROR_INVALID_PARAMETER;
	n = clusnet_utf8_to_utf16(utf8, len, NULL, 0);
	if (n < 0)	/* the kernel hands out valid UTF-8 only */
		return ERROR_INVALID_DATA;
	if (!buf || *lpcch < (DWORD)n + 1) {
		*lpcch = (DWORD)n;
		return ERROR_MORE_DATA;
	}
	clusnet_utf8_to_utf16(utf8, len, buf, *lpcch);
	*lpcch = (DWORD)n;
	return ERROR_SUCCESS;
}

ssize_t clusnet_name_arg(LPCWSTR s, char *dst, size_t dstsize)
{
	size_t n = clusnet_utf16_len(s);
	ssize_t r = clusnet_utf16_to_utf8(s, n, dst, dstsize);

	return r < 0 ? -1 : r;
}

/*
 * Object ids as GUID strings: the 64-bit kernel id in the first three
 * groups (most significant first), the object kind (CLUS_OBJECT_*) in the
 * fourth, zeros in the last. E.g. network id 2:
 * "00000000-0000-0002-0005-000000000000". Lower case, no braces.
 */
void clusnet_format_id(char *dst, uint64_t id, unsigned int kind)
{
	snprintf(dst, 37, "%08x-%04x-%04x-%04x-000000000000",
		 (unsigned int)(id >> 32), (unsigned int)(id >> 16) & 0xffff,
		 (unsigned int)id & 0xffff, kind & 0xffff);
}
