// SPDX-License-Identifier: LGPL-2.1-or-later
/* UTF-16 <-> UTF-8 conversion for libclusnet. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "utf16.h"

static int is_high(uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
static int is_low(uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

size_t clusnet_utf16_len(const char16_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * Decode the code point at src[*i]; advance *i. Returns the code point or
 * -1 for an unpaired surrogate.
 */
static int32_t utf16_next(const char16_t *src, size_t srclen, size_t *i)
{
	uint32_t u = src[*i];

	(*i)++;
	if (is_low(u))
		return -1;
	if (!is_high(u))
		return (int32_t)u;
	if (*i >= srclen || !is_low(src[*i]))
		return -1;
	u = 0x10000 + ((u - 0xD800) << 10) + (src[*i] - 0xDC00);
	(*i)++;
	return (int32_t)u;
}

static size_t utf8_units(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	if (cp < 0x800)
		return 2;
	if (cp < 0x10000)
		return 3;
	return 4;
}

static char *utf8_put(char *p, uint32_t cp)
{
	switch (utf8_units(cp)) {
	case 1:
		*p++ = (char)cp;
		break;
	case 2:
		*p++ = (char)(0xC0 | (cp >> 6));
		*p++ = (char)(0x80 | (cp & 0x3F));
		break;
	case 3:
		*p++ = (char)(0xE0 | (cp >> 12));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (char)(0x80 | (cp & 0x3F));
		break;
	default:
		*p++ = (char)(0xF0 | (cp >> 18));
		*p++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (char)(0x80 | (cp & 0x3F));
		break;
	}
	return p;
}

ssize_t clusnet_utf16_to_utf8(const char16_t *src, size_t srclen, char *dst,
			      size_t dstsize)
{
	size_t i = 0, len = 0;
	char *p;

	while (i < srclen) {
		int32_t cp = utf16_next(src, srclen, &i);

		if (cp < 0)
			return -EINVAL;
		len += utf8_units((uint32_t)cp);
	}
	if (!dst)
		return (ssize_t)len;
	if (dstsize < len + 1) {
		if (dstsize)
			dst[0] = 0;
		return -ERANGE;
	}
	for (i = 0, p = dst; i < srclen;)
		p = utf8_put(p, (uint32_t)utf16_next(src, srclen, &i));
	*p = 0;
	return (ssize_t)len;
}

ssize_t clusnet_utf16_to_utf8_alloc(const char16_t *src, char **out)
{
	size_t n = clusnet_utf16_len(src);
	ssize_t len = clusnet_utf16_to_utf8(src, n, NULL, 0);
	char *buf;

	*out = NULL;
	if (len < 0)
		return len;
	buf = malloc((size_t)len + 1);
	if (!buf)
		return -ENOMEM;
	clusnet_utf16_to_utf8(src, n, buf, (size_t)len + 1);
	*out = buf;
	return len;
}

/*
 * Decode one UTF-8 sequence at s[*i]; advance *i. Returns the code point or
 * -1 if malformed (truncated, bad continuation, overlong, surrogate, or
 * beyond U+10FFFF).
 */
static int32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	uint32_t c = s[*i], cp, min;
	size_t k, more;

	if (c < 0x80) {
		(*i)++;
		return (int32_t)c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		more = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		more = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		more = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return -1;
	}
	if (n - *i <= more)
		return -1;
	for (k = 1; k <= more; k++) {
		uint32_t cc = s[*i + k];

		if ((cc & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (cc & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += more + 1;
	return (int32_t)cp;
}

ssize_t clusnet_utf8_to_utf16(const char *src, size_t srclen, char16_t *dst,
			      size_t dstsize)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0, len = 0;
	char16_t *p;

	while (i < srclen) {
		int32_t cp = utf8_next(s, srclen, &i);

		if (cp < 0)
			return -EINVAL;
		len += cp >= 0x10000 ? 2 : 1;
	}
	if (!dst)
		return (ssize_t)len;
	if (dstsize < len + 1) {
		if (dstsize)
			dst[0] = 0;
		return -ERANGE;
	}
	for (i = 0, p = dst; i < srclen;) {
		uint32_t cp = (uint32_t)utf8_next(s, srclen, &i);

		if (cp >= 0x10000) {
			cp -= 0x10000;
			*p++ = (char16_t)(0xD800 + (cp >> 10));
			*p++ = (char16_t)(0xDC00 + (cp & 0x3FF));
		} else {
			*p++ = (char16_t)cp;
		}
	}
	*p = 0;
	return (ssize_t)len;
}
