// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * AdapterId: Windows gives every adapter a GUID; a NIC here has its
 * permanent hardware address. The GUID is the name-based (version 5,
 * RFC 9562) UUID of that address's bytes in clusnet's own namespace, so
 * it is the same on every boot, for every caller and after a rename, and
 * two NICs do not share one.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* clusnet's namespace UUID for adapter addresses (a fixed random one). */
static const uint8_t adapter_ns[16] = {
	0x8e, 0xad, 0x21, 0x76, 0xf1, 0x3c, 0x49, 0x92,
	0xb4, 0x07, 0xfb, 0x58, 0xc3, 0x4e, 0xbe, 0xfe,
};

struct sha1 {
	uint32_t h[5];
	uint8_t block[64];
	size_t fill;
	uint64_t bytes;
};

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *c)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)c->block[4 * i] << 24 |
		       (uint32_t)c->block[4 * i + 1] << 16 |
		       (uint32_t)c->block[4 * i + 2] << 8 | c->block[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0];
	b = c->h[1];
	cc = c->h[2];
	d = c->h[3];
	e = c->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & cc) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ cc ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & cc) | (b & d) | (cc & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ cc ^ d;
			k = 0xca62c1d6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = cc;
		cc = rol(b, 30);
		b = a;
		a = t;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
}

static void sha1_add(struct sha1 *c, const uint8_t *p, size_t n)
{
	c->bytes += n;
	while (n--) {
		c->block[c->fill++] = *p++;
		if (c->fill == 64) {
			sha1_block(c);
			c->fill = 0;
		}
	}
}

static void sha1_end(struct sha1 *c, uint8_t out[20])
{
	uint64_t bits = c->bytes * 8;
	uint8_t pad = 0x80, len[8];
	int i;

	sha1_add(c, &pad, 1);
	pad = 0;
	while (c->fill != 56)
		sha1_add(c, &pad, 1);
	for (i = 0; i < 8; i++)
		len[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha1_add(c, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (uint8_t)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void clusnet_adapter_id(const uint8_t *addr, size_t len, char dst[37])
{
	struct sha1 c = {
		.h = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
		       0xc3d2e1f0 },
	};
	uint8_t d[20];

	sha1_add(&c, adapter_ns, sizeof(adapter_ns));
	sha1_add(&c, addr, len);
	sha1_end(&c, d);
	d[6] = (d[6] & 0x0f) | 0x50;	/* version 5 */
	d[8] = (d[8] & 0x3f) | 0x80;	/* RFC 9562 variant */
	snprintf(dst, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9],
		 d[10], d[11], d[12], d[13], d[14], d[15]);
}
