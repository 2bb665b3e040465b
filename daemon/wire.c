// SPDX-License-Identifier: GPL-2.0
/*
 * Wire primitives (see wire.h). Everything a peer sends passes through
 * the rd_* functions: none reads past its buffer, and a string is only
 * accepted whole, valid and without embedded NUL.
 */
#include <stdlib.h>
#include <string.h>

#include "wire.h"

static uint8_t *wr_room(struct wr *w, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (w->err)
		return NULL;
	if (n > SIZE_MAX / 2 - w->len) {
		w->err = true;
		return NULL;
	}
	if (w->len + n > w->cap) {
		cap = w->cap ? w->cap : 256;
		while (cap < w->len + n)
			cap *= 2;
		p = realloc(w->p, cap);
		if (!p) {
			w->err = true;
			return NULL;
		}
		w->p = p;
		w->cap = cap;
	}
	p = w->p + w->len;
	w->len += n;
	return p;
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void wr_le(struct wr *w, uint64_t v, int n)
{
	uint8_t *p = wr_room(w, n);

	if (p)
		put_le(p, v, n);
}

void wr_u8(struct wr *w, uint8_t v) { wr_le(w, v, 1); }
void wr_u16(struct wr *w, uint16_t v) { wr_le(w, v, 2); }
void wr_u32(struct wr *w, uint32_t v) { wr_le(w, v, 4); }
void wr_u64(struct wr *w, uint64_t v) { wr_le(w, v, 8); }

void wr_bytes(struct wr *w, const void *src, size_t n)
{
	uint8_t *p = wr_room(w, n);

	if (p && n)
		memcpy(p, src, n);
}

void wr_str(struct wr *w, const char *s)
{
	size_t n = strlen(s);

	if (n > UINT16_MAX) {
		w->err = true;
		return;
	}
	wr_u16(w, (uint16_t)n);
	wr_bytes(w, s, n);
}

/* Back-patch a length field written earlier. */
void wr_put_u16(struct wr *w, size_t at, uint16_t v)
{
	if (!w->err && at + 2 <= w->len)
		put_le(w->p + at, v, 2);
}

void wr_put_u32(struct wr *w, size_t at, uint32_t v)
{
	if (!w->err && at + 4 <= w->len)
		put_le(w->p + at, v, 4);
}

void wr_free(struct wr *w)
{
	free(w->p);
	memset(w, 0, sizeof(*w));
}

static const uint8_t *rd_take(struct rd *r, size_t n)
{
	const uint8_t *p;

	if (r->err || n > r->len - r->off) {
		r->err = true;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

static uint64_t rd_le(struct rd *r, int n)
{
	const uint8_t *p = rd_take(r, n);
	uint64_t v = 0;

	if (!p)
		return 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

uint8_t rd_u8(struct rd *r) { return (uint8_t)rd_le(r, 1); }
uint16_t rd_u16(struct rd *r) { return (uint16_t)rd_le(r, 2); }
uint32_t rd_u32(struct rd *r) { return (uint32_t)rd_le(r, 4); }
uint64_t rd_u64(struct rd *r) { return rd_le(r, 8); }

void rd_bytes(struct rd *r, void *dst, size_t n)
{
	const uint8_t *p = rd_take(r, n);

	if (p)
		memcpy(dst, p, n);
	else
		memset(dst, 0, n);
}

void rd_str(struct rd *r, char *buf, size_t max, enum str_kind kind)
{
	size_t n = rd_u16(r);
	const uint8_t *p = rd_take(r, n);
	bool ok;

	buf[0] = '\0';
	if (!p)
		return;
	if (n > max) {
		r->err = true;
		return;
	}
	ok = kind == STR_IFNAME ? ifname_valid((const char *)p, n) :
				  utf8_valid((const char *)p, n,
					     kind == STR_PARA);
	if (!ok) {
		r->err = true;
		return;
	}
	memcpy(buf, p, n);
	buf[n] = '\0';
}

struct rd rd_sub(struct rd *r, size_t n)
{
	struct rd sub = { .err = true };
	const uint8_t *p = rd_take(r, n);

	if (p)
		sub = (struct rd){ .p = p, .len = n };
	return sub;
}

/*
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF, no NUL. Control characters are refused too (they have no
 * place in a name and would garble logs); a description may hold tab and
 * newline.
 */
bool utf8_valid(const char *str, size_t n, bool para)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t i = 0;

	while (i < n) {
		uint32_t c = s[i];
		size_t len;
		uint32_t min;

		if (c < 0x80) {
			if ((c < 0x20 || c == 0x7f) &&
			    !(para && (c == '\t' || c == '\n')))
				return false;
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			len = 2, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		if (len > n - i)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		/* C1 controls */
		if (c >= 0x80 && c < 0xa0)
			return false;
		i += len;
	}
	return true;
}

/* As the kernel's dev_valid_name(): 1..15 bytes, no '/', ':' or space. */
bool ifname_valid(const char *s, size_t n)
{
	if (n == 0)
		return true;	/* an object with no NIC */
	if (n > 15 || (n == 1 && s[0] == '.') ||
	    (n == 2 && s[0] == '.' && s[1] == '.'))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f || c == '/' || c == ':')
			return false;
	}
	return true;
}
