/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * UTF-16 <-> UTF-8 conversion (private to libclusnet; hidden symbols, but
 * linkable from libclusnet.a for unit tests).
 *
 * Strict: unpaired or reversed surrogates in UTF-16, and malformed,
 * overlong, surrogate or > U+10FFFF sequences in UTF-8, are rejected with
 * -EINVAL.
 */
#ifndef CLUSNET_UTF16_H
#define CLUSNET_UTF16_H

#include <stddef.h>
#include <sys/types.h>
#include <uchar.h>

#define CLUSNET_HIDDEN __attribute__((visibility("hidden")))

/* Number of char16_t units before the terminating 0. */
CLUSNET_HIDDEN size_t clusnet_utf16_len(const char16_t *s);

/*
 * Convert srclen units of src to UTF-8. Returns the length of the result in
 * bytes (without NUL) or -EINVAL. When dst is not NULL the result plus a
 * NUL is written there if it fits in dstsize bytes; if it does not,
 * -ERANGE is returned (and dst[0] is set to 0 if dstsize > 0).
 * With dst NULL only the length is computed.
 */
CLUSNET_HIDDEN ssize_t clusnet_utf16_to_utf8(const char16_t *src, size_t srclen,
					     char *dst, size_t dstsize);

/*
 * Same, for a 0-terminated src, into a malloc'd NUL-terminated buffer
 * stored in *out. Returns the length in bytes, -EINVAL or -ENOMEM.
 */
CLUSNET_HIDDEN ssize_t clusnet_utf16_to_utf8_alloc(const char16_t *src,
						   char **out);

/*
 * Convert srclen bytes of UTF-8 to UTF-16. Returns the length of the result
 * in char16_t units (without the terminating 0) or -EINVAL; dst/dstsize
 * (in units, including room for the terminating 0) as above, -ERANGE when
 * it does not fit.
 */
CLUSNET_HIDDEN ssize_t clusnet_utf8_to_utf16(const char *src, size_t srclen,
					     char16_t *dst, size_t dstsize);

#endif /* CLUSNET_UTF16_H */
