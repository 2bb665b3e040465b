// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: arbitrary bytes to every property list parser of
 * libclusnet (the ResUtilFind*Property functions, ExpandedSz's walk of
 * every value and its environment expansion, ClusnetPropListValidate,
 * and the SET/VALIDATE_COMMON_PROPERTIES parser), at every alignment.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -Iuapi -Iuserlib/include \
 *	-Iuserlib fuzz/proplist_fuzz.c userlib/[a-z]*.c
 *
 * Names looked up: the common property names, the empty name, and the
 * name of the first property of the input when it parses (so the value
 * parsers are reached, not only the walk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clusapi.h"
#include "internal.h"
#include "proplist.h"

DWORD clusnet_parse_set_common(const void *buf, size_t cb, char *desc,
			       int *have);

static const char16_t *const names[] = {
	u"Name", u"Description", u"DhcpEnabled", u"IPv4Addresses", u"",
	u"DESCRIPTION", u"AdapterId",
};

static void check_result(DWORD err)
{
	/* the parsers return nothing else: anything more is a bug */
	if (err != ERROR_SUCCESS && err != ERROR_INVALID_DATA &&
	    err != ERROR_FILE_NOT_FOUND && err != ERROR_NOT_ENOUGH_MEMORY &&
	    err != ERROR_INVALID_PARAMETER)
		abort();
}

static void find_all(const void *list, DWORD cb, const char16_t *name)
{
	LPWSTR s = NULL;
	LPBYTE b = NULL;
	DWORD dw, size;
	LONG l;
	ULONGLONG u;
	FILETIME ft;

	check_result(ResUtilFindSzProperty((PVOID)list, cb, name, &s));
	LocalFree(s);
	s = NULL;
	check_result(ResUtilFindSzProperty((PVOID)list, cb, name, NULL));
	check_result(ResUtilFindExpandSzProperty((PVOID)list, cb, name, &s));
	LocalFree(s);
	s = NULL;
	/* the second-value walk and the %NAME% expansion */
	check_result(ResUtilFindExpandedSzProperty((PVOID)list, cb, name,
						   &s));
	if (s)
		(void)clusnet_utf16_len(s);	/* it ends */
	LocalFree(s);
	s = NULL;
	check_result(ResUtilFindFileTimeProperty((PVOID)list, cb, name, &ft));
	check_result(ResUtilFindDwordProperty((PVOID)list, cb, name, &dw));
	check_result(ResUtilFindLongProperty((PVOID)list, cb, name, &l));
	check_result(ResUtilFindULargeIntegerProperty((PVOID)list, cb, name,
						      &u));
	check_result(ResUtilFindMultiSzProperty((PVOID)list, cb, name, &s,
						&size));
	if (s) {
		/* the copy must end as a MULTI_SZ: walk it to its end */
		size_t i = 0;

		while (s[i])
			i += clusnet_utf16_len(s + i) + 1;
		LocalFree(s);
		s = NULL;
	}
	check_result(ResUtilFindBinaryProperty((PVOID)list, cb, name, &b,
					       &size));
	if (b) {
		volatile uint8_t sink = 0;
		DWORD i;

		for (i = 0; i < size; i++)	/* all of it is readable */
			sink ^= b[i];
		(void)sink;
		LocalFree(b);
	}
	check_result(ResUtilFindBinaryProperty((PVOID)list, cb, name, NULL,
					       NULL));
}

static int first_fn(const struct clusnet_prop *p, void *ctx)
{
	char16_t *out = ctx;
	uint32_t i, n = p->name_cb / 2;

	if (n > 255)
		n = 255;
	for (i = 0; i < n; i++)
		memcpy(&out[i], p->name + 2 * i, 2);
	out[n] = 0;
	return 1;
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	char desc[CLUSNET_DESC_MAX + 1];
	char16_t first[256] = { 0 };
	DWORD cb = size > UINT32_MAX ? UINT32_MAX : (DWORD)size;
	DWORD n;
	size_t i;
	DWORD err;
	int have;

	check_result(ClusnetPropListValidate(data, cb, &n));
	/* a SET list shorter than its count is refused before the walk */
	err = clusnet_parse_set_common(data, size, desc, &have);
	if (size >= sizeof(DWORD) || err != ERROR_INSUFFICIENT_BUFFER)
		check_result(err);
	if (have && strlen(desc) > CLUSNET_DESC_MAX)
		abort();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		find_all(data, cb, names[i]);
	if (clusnet_proplist_walk(data, size, first_fn, first, NULL) ==
	    ERROR_SUCCESS && first[0])
		find_all(data, cb, first);
}

/* %A% and %B% in an input expand (to text that looks like a reference). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("A", "%A%", 1);
	setenv("B", "\xf0\x9f\x98\x80%", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;
	size_t shift;

	/*
	 * An exact-size heap copy, so ASan catches a read one byte past the
	 * end; once at an aligned address and once at an odd one.
	 */
	for (shift = 0; shift < 2; shift++) {
		copy = malloc(size + shift);
		if (!copy)
			return 0;
		memcpy(copy + shift, data, size);
		fuzz_one(copy + shift, size);
		free(copy);
	}
	return 0;
}
