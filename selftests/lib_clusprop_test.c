// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet's resapi.h helpers added for Windows source compatibility,
 * on property lists built the way Microsoft's samples build them (a
 * CLUSPROP_BUFFER_HELPER walking a LocalAlloc'd buffer): expanded strings,
 * FILETIME values, LocalAlloc's flags, and the Clusnet-prefixed last error.
 * No device needed.
 */
#include <stdlib.h>
#include <string.h>

#include "clusapi.h"
#include "resapi.h"
#include "kselftest_harness.h"

/* Windows' constants are ints (enums, long macros), sizes DWORDs. */
#pragma GCC diagnostic ignored "-Wsign-compare"

static size_t wlen(const WCHAR *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int wsame(const WCHAR *a, const WCHAR *b)
{
	return wlen(a) == wlen(b) && !memcmp(a, b, wlen(a) * sizeof(WCHAR));
}

/* Appends a name or string value at *h; moves *h past it. */
static void put_sz(CLUSPROP_BUFFER_HELPER *h, DWORD syntax, const WCHAR *s)
{
	DWORD cb = (DWORD)((wlen(s) + 1) * sizeof(WCHAR));

	h->pStringValue->Syntax.dw = syntax;
	h->pStringValue->cbLength = cb;
	memcpy(h->pStringValue->sz, s, cb);
	h->pb += sizeof(CLUSPROP_SZ) + ALIGN_CLUSPROP(cb);
}

static void put_end(CLUSPROP_BUFFER_HELPER *h)
{
	h->pSyntax->dw = CLUSPROP_SYNTAX_ENDMARK;
	h->pb += sizeof(CLUSPROP_SYNTAX);
}

/*
 * Path = EXPAND_SZ "%CN_TEST_DIR%\x" [+ EXPANDED_SZ "/var/x"]
 * Stamp = FILETIME 0x01d9aabb_ccddeeff
 */
static DWORD build(BYTE *buf, int with_expanded)
{
	CLUSPROP_BUFFER_HELPER h;

	h.pb = buf;
	h.pList->nPropertyCount = 2;
	h.pb += sizeof(DWORD);
	put_sz(&h, CLUSPROP_SYNTAX_NAME, u"Path");
	put_sz(&h, CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ,
	       u"%CN_TEST_DIR%/x %NO_SUCH_VAR% 100%");
	if (with_expanded)
		put_sz(&h, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
		       u"/var/x %NO_SUCH_VAR% 100%");
	put_end(&h);
	put_sz(&h, CLUSPROP_SYNTAX_NAME, u"Stamp");
	h.pFileTimeValue->Syntax.dw = CLUSPROP_SYNTAX_LIST_VALUE_FILETIME;
	h.pFileTimeValue->cbLength = sizeof(FILETIME);
	h.pFileTimeValue->ft.dwLowDateTime = 0xccddeeff;
	h.pFileTimeValue->ft.dwHighDateTime = 0x01d9aabb;
	h.pb += sizeof(CLUSPROP_FILETIME);
	put_end(&h);
	return (DWORD)(h.pb - buf);
}

TEST(expanded_sz_prefers_the_expanded_value)
{
	BYTE *buf = LocalAlloc(LPTR, 512);
	LPWSTR v = NULL;
	DWORD cb;

	ASSERT_NE(NULL, buf);
	cb = build(buf, 1);
	ASSERT_EQ(ERROR_SUCCESS, ClusnetPropListValidate(buf, cb, NULL));
	ASSERT_EQ(ERROR_SUCCESS,
		  ResUtilFindExpandedSzProperty(buf, cb, u"path", &v));
	EXPECT_TRUE(wsame(u"/var/x %NO_SUCH_VAR% 100%", v));
	LocalFree(v);
	/* the unexpanded one is still there for ResUtilFindExpandSzProperty */
	ASSERT_EQ(ERROR_SUCCESS,
		  ResUtilFindExpandSzProperty(buf, cb, u"Path", &v));
	EXPECT_TRUE(wsame(u"%CN_TEST_DIR%/x %NO_SUCH_VAR% 100%", v));
	LocalFree(v);
	LocalFree(buf);
}

TEST(expanded_sz_expands_from_the_environment)
{
	BYTE *buf = LocalAlloc(LPTR, 512);
	LPWSTR v = NULL;
	DWORD cb;

	ASSERT_NE(NULL, buf);
	cb = build(buf, 0);
	ASSERT_EQ(0, setenv("CN_TEST_DIR", "/srv/cn", 1));
	unsetenv("NO_SUCH_VAR");
	ASSERT_EQ(ERROR_SUCCESS,
		  ResUtilFindExpandedSzProperty(buf, cb, u"Path", &v));
	/* unknown names and a lone % stay as written */
	EXPECT_TRUE(wsame(u"/srv/cn/x %NO_SUCH_VAR% 100%", v));
	LocalFree(v);
	/* no value wanted: found, nothing allocated */
	EXPECT_EQ(ERROR_SUCCESS,
		  ResUtilFindExpandedSzProperty(buf, cb, u"Path", NULL));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND,
		  ResUtilFindExpandedSzProperty(buf, cb, u"Nope", &v));
	/* a FILETIME is no string */
	EXPECT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindExpandedSzProperty(buf, cb, u"Stamp", &v));
	EXPECT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindExpandedSzProperty(buf, 16, u"Path", &v));
	LocalFree(buf);
}

TEST(filetime)
{
	BYTE *buf = LocalAlloc(LMEM_FIXED, 512);
	FILETIME ft = { 0, 0 };
	DWORD cb;

	ASSERT_NE(NULL, buf);
	cb = build(buf, 1);
	ASSERT_EQ(ERROR_SUCCESS,
		  ResUtilFindFileTimeProperty(buf, cb, u"STAMP", &ft));
	EXPECT_EQ(0xccddeeffU, ft.dwLowDateTime);
	EXPECT_EQ(0x01d9aabbU, ft.dwHighDateTime);
	EXPECT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindFileTimeProperty(buf, cb, u"Path", &ft));
	EXPECT_EQ(ERROR_FILE_NOT_FOUND,
		  ResUtilFindFileTimeProperty(buf, cb, u"Nope", &ft));
	EXPECT_EQ(ERROR_INVALID_PARAMETER,
		  ResUtilFindFileTimeProperty(buf, cb, u"Stamp", NULL));
	LocalFree(buf);
}

TEST(local_alloc)
{
	DWORD *p;
	size_t i;

	/* LPTR: zeroed, fixed */
	p = LocalAlloc(LPTR, 64 * sizeof(*p));
	ASSERT_NE(NULL, p);
	for (i = 0; i < 64; i++)
		ASSERT_EQ(0U, p[i]);
	ASSERT_EQ(NULL, LocalFree(p));
	/* zero bytes is a block too */
	p = LocalAlloc(LMEM_FIXED, 0);
	ASSERT_NE(NULL, p);
	LocalFree(p);
	/* movable memory would need LocalLock: refused */
	SetLastError(0);
	ASSERT_EQ(NULL, LocalAlloc(LMEM_MOVEABLE, 16));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	SetLastError(0);
	ASSERT_EQ(NULL, LocalAlloc(0x1000, 16));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	ASSERT_EQ(NULL, LocalFree(NULL));
}

TEST(clusnet_last_error_is_the_last_error)
{
	SetLastError(1234);
	ASSERT_EQ(1234U, ClusnetGetLastError());
	ClusnetSetLastError(5047);
	ASSERT_EQ(5047U, GetLastError());
	/* a failing call sets both names' error */
	ASSERT_EQ(NULL, LocalAlloc(LMEM_MOVEABLE, 1));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, ClusnetGetLastError());
}

TEST_HARNESS_MAIN
