// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: the Windows string buffer protocol and the name
 * helpers of libclusnet (userlib/strings.c), which every function that
 * returns or takes a name goes through. Built and run by tools/check-fuzz:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Iuapi \
 *	-Iuserlib/include -Iuserlib fuzz/strings_fuzz.c userlib/[a-z]*.c
 *
 * Input: 4 bytes of capacity (*lpcch on input), then the bytes of a name.
 * Properties (abort() otherwise):
 *  - clusnet_put_wstr(): lpcch NULL is ERROR_INVALID_PARAMETER; invalid
 *    UTF-8 is ERROR_INVALID_DATA; a NULL or too small buffer (capacity
 *    without room for the NUL) is ERROR_MORE_DATA with *lpcch the length
 *    needed and nothing written; otherwise ERROR_SUCCESS, *lpcch the
 *    length, the buffer NUL-terminated there and nothing written past it,
 *    and the UTF-16 converts back to exactly the input;
 *  - clusnet_name_arg(): -1 or the UTF-8 length of the UTF-16 argument,
 *    written NUL-terminated within dstsize;
 *  - clusnet_name_eq(): reflexive, symmetric, and true exactly when the
 *    strings differ only in the case of ASCII letters;
 *  - clusnet_format_id(): 36 characters that give the id and kind back.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clusapi.h"
#include "internal.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)
#define GUARD 0x5a5a

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static void put_wstr(const char *s, size_t len, uint32_t cap)
{
	ssize_t need = clusnet_utf8_to_utf16(s, len, NULL, 0);
	DWORD cch = cap, err;
	LPWSTR buf;
	size_t n, i;
	char *back;

	CHECK(clusnet_put_wstr(s, NULL, NULL) == ERROR_INVALID_PARAMETER);
	/* NULL buffer: the length, whatever the capacity says */
	err = clusnet_put_wstr(s, NULL, &cch);
	if (need < 0) {
		CHECK(err == ERROR_INVALID_DATA);
		return;
	}
	CHECK(err == ERROR_MORE_DATA && cch == (DWORD)need);

	/* a real buffer of cap units (bounded), plus guard units past it */
	n = cap % 4096;
	buf = malloc((n + 8) * sizeof(*buf));
	CHECK(buf);
	for (i = 0; i < n + 8; i++)
		buf[i] = GUARD;
	cch = (DWORD)n;
	err = clusnet_put_wstr(s, buf, &cch);
	if (n < (size_t)need + 1) {
		CHECK(err == ERROR_MORE_DATA && cch == (DWORD)need);
		for (i = 0; i < n + 8; i++)
			CHECK(buf[i] == GUARD);
	} else {
		CHECK(err == ERROR_SUCCESS && cch == (DWORD)need);
		CHECK(buf[need] == 0);
		for (i = (size_t)need + 1; i < n + 8; i++)
			CHECK(buf[i] == GUARD);
		back = malloc(len + 1);
		CHECK(back);
		CHECK(clusnet_utf16_to_utf8(buf, (size_t)need, back, len + 1) ==
		      (ssize_t)len);
		CHECK(memcmp(back, s, len) == 0);
		free(back);
	}
	free(buf);
}

static void name_arg(const uint8_t *data, size_t size, uint32_t cap)
{
	size_t n = size / 2, dsz = cap % (CLUSNET_NAME_MAX + 2), i;
	char16_t *u = malloc((n + 1) * sizeof(*u));
	char *dst = malloc(dsz + 8);
	ssize_t r, want;

	CHECK(u && dst);
	memcpy(u, data, n * sizeof(*u));
	u[n] = 0;
	memset(dst, 'G', dsz + 8);
	r = clusnet_name_arg(u, dst, dsz);
	want = clusnet_utf16_to_utf8(u, clusnet_utf16_len(u), NULL, 0);
	if (want < 0 || (size_t)want + 1 > dsz) {
		CHECK(r == -1);
	} else {
		CHECK(r == want && dst[r] == 0 && strlen(dst) == (size_t)r);
	}
	for (i = dsz; i < dsz + 8; i++)
		CHECK(dst[i] == 'G');
	free(dst);
	free(u);
}

static void name_eq(const char *a, size_t len)
{
	size_t half = len / 2, i;
	char *x = malloc(half + 1), *y = malloc(len - half + 1);
	int eq, want;

	CHECK(x && y);
	memcpy(x, a, half);
	x[half] = 0;
	memcpy(y, a + half, len - half);
	y[len - half] = 0;
	CHECK(clusnet_name_eq(x, x) && clusnet_name_eq(y, y));
	eq = clusnet_name_eq(x, y);
	CHECK(eq == clusnet_name_eq(y, x));
	want = strlen(x) == strlen(y);
	for (i = 0; want && x[i]; i++)
		want = fold((unsigned char)x[i]) == fold((unsigned char)y[i]);
	CHECK(eq == want);
	free(x);
	free(y);
}

static void format_id(uint64_t id, unsigned int kind)
{
	char buf[64];
	unsigned int a, b, c, d;
	uint64_t back;

	memset(buf, 'G', sizeof(buf));
	clusnet_format_id(buf, id, kind);
	CHECK(strlen(buf) == 36 && buf[37] == 'G');
	CHECK(sscanf(buf, "%8x-%4x-%4x-%4x-000000000000", &a, &b, &c, &d) == 4);
	back = (uint64_t)a << 32 | (uint64_t)b << 16 | c;
	CHECK(back == id && d == (kind & 0xffff));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t cap;
	uint64_t id = 0;
	char *s;
	size_t len;

	if (size < 4)
		return 0;
	memcpy(&cap, data, 4);
	memcpy(&id, data, size < 8 ? size : 8);
	format_id(id, cap >> 16);
	data += 4;
	size -= 4;

	/* the name up to the first NUL, as the library gets it */
	s = malloc(size + 1);
	CHECK(s);
	memcpy(s, data, size);
	s[size] = 0;
	len = strlen(s);
	put_wstr(s, len, cap);
	name_eq(s, len);
	free(s);

	name_arg(data, size, cap);
	return 0;
}
