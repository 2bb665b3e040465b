// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libclusnet's UTF-16 <-> UTF-8 converters
 * (userlib/utf16.c) on arbitrary input, with every destination size from
 * "none" to "just enough" and beyond. Built and run by tools/check-fuzz:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Iuapi \
 *	-Iuserlib/include -Iuserlib fuzz/utf16_fuzz.c userlib/[a-z]*.c
 *
 * Input: the first byte picks the direction and a destination size; the
 * rest is the UTF-8 bytes or the UTF-16 units. Beyond "no crash, no
 * sanitizer report" the properties checked (abort() otherwise) are the
 * converters' contract:
 *  - the length-only call and the converting call agree;
 *  - a destination one unit too small gives -ERANGE and an empty string;
 *  - the result is NUL-terminated, of the reported length;
 *  - the conversions are strict and lossless: UTF-8 -> UTF-16 -> UTF-8
 *    gives back the same bytes, and the other way round;
 *  - invalid input is rejected with -EINVAL, never half-converted.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include "utf16.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void utf8_side(const char *s, size_t n, unsigned int pick)
{
	ssize_t len = clusnet_utf8_to_utf16(s, n, NULL, 0), r, back;
	char16_t *u;
	char *again;
	size_t dsz;

	if (len < 0) {
		CHECK(len == -EINVAL);
		return;
	}
	CHECK((size_t)len <= n);
	u = malloc(((size_t)len + 1) * sizeof(*u));
	CHECK(u);
	r = clusnet_utf8_to_utf16(s, n, u, (size_t)len + 1);
	CHECK(r == len && u[len] == 0);
	/* too small by at least one unit */
	dsz = pick % ((size_t)len + 1);
	if (dsz < (size_t)len + 1) {
		char16_t *small = malloc((dsz ? dsz : 1) * sizeof(*small));

		CHECK(small);
		small[0] = 0x4141;
		CHECK(clusnet_utf8_to_utf16(s, n, dsz ? small : NULL, dsz) ==
		      (dsz ? -ERANGE : len));
		if (dsz)
			CHECK(small[0] == 0);
		free(small);
	}
	/* and back: the same bytes */
	back = clusnet_utf16_to_utf8(u, (size_t)len, NULL, 0);
	CHECK(back == (ssize_t)n);
	again = malloc(n + 1);
	CHECK(again);
	CHECK(clusnet_utf16_to_utf8(u, (size_t)len, again, n + 1) ==
	      (ssize_t)n);
	CHECK(memcmp(again, s, n) == 0 && again[n] == 0);
	free(again);
	free(u);
}

static void utf16_side(const char16_t *u, size_t n, unsigned int pick)
{
	ssize_t len = clusnet_utf16_to_utf8(u, n, NULL, 0), r;
	char16_t *again;
	char *s, *small;
	size_t dsz;

	if (len < 0) {
		CHECK(len == -EINVAL);
		return;
	}
	CHECK((size_t)len <= 3 * n);
	s = malloc((size_t)len + 1);
	CHECK(s);
	r = clusnet_utf16_to_utf8(u, n, s, (size_t)len + 1);
	CHECK(r == len && s[len] == 0);
	dsz = pick % ((size_t)len + 1);
	small = malloc(dsz ? dsz : 1);
	CHECK(small);
	small[0] = 'A';
	CHECK(clusnet_utf16_to_utf8(u, n, dsz ? small : NULL, dsz) ==
	      (dsz ? -ERANGE : len));
	if (dsz)
		CHECK(small[0] == 0);
	free(small);
	/* and back: the same units */
	again = malloc((n + 1) * sizeof(*again));
	CHECK(again);
	CHECK(clusnet_utf8_to_utf16(s, (size_t)len, again, n + 1) ==
	      (ssize_t)n);
	CHECK(memcmp(again, u, n * sizeof(*u)) == 0 && again[n] == 0);
	free(again);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int pick;
	char16_t *u, *z;
	char *s, *out;
	size_t n;

	if (size < 1)
		return 0;
	pick = data[0];
	data++;
	size--;

	/* exact-size heap copies: ASan sees any read past the end */
	s = malloc(size ? size : 1);
	CHECK(s);
	memcpy(s, data, size);
	utf8_side(s, size, pick >> 1);
	free(s);

	n = size / 2;
	u = malloc((n ? n : 1) * sizeof(*u));
	CHECK(u);
	memcpy(u, data, n * sizeof(*u));
	utf16_side(u, n, pick >> 1);

	/* the 0-terminated, allocating variant: up to the first 0 unit */
	z = malloc((n + 1) * sizeof(*z));
	CHECK(z);
	memcpy(z, u, n * sizeof(*u));
	z[n] = 0;
	out = NULL;
	if (clusnet_utf16_to_utf8_alloc(z, &out) >= 0) {
		CHECK(out);
		CHECK(strlen(out) ==
		      (size_t)clusnet_utf16_to_utf8(z, clusnet_utf16_len(z),
						    NULL, 0));
	} else {
		CHECK(out == NULL);
	}
	free(out);
	free(z);
	free(u);
	return 0;
}
