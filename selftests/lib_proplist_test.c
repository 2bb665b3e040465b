// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet's property lists (CLUSPROP format) through the public API:
 * the ClusnetPropList* builders byte for byte, the ResUtilFind*Property
 * parsers on good lists and on every kind of malformed one. Needs no
 * kernel (runs on the host too: LD_LIBRARY_PATH=userlib).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clusapi.h"

/*
 * Windows' constants are ints (enums, macros) and sizes are DWORDs: the
 * expectations mix them freely, with values that fit both.
 */
#pragma GCC diagnostic ignored "-Wsign-compare"

#include "kselftest_harness.h"

/* little-endian DWORD and UTF-16 helpers for hand-made lists */
static size_t put32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
	return 4;
}

static size_t put_w16(uint8_t *p, const char *ascii)	/* with NUL */
{
	size_t i, n = strlen(ascii) + 1;

	for (i = 0; i < n; i++) {
		p[2 * i] = (uint8_t)ascii[i];
		p[2 * i + 1] = 0;
	}
	return 2 * n;
}

/* name entry, padded */
static size_t put_name(uint8_t *p, const char *name)
{
	size_t n = 8, len = put_w16(p + 8, name);

	put32(p, CLUSPROP_SYNTAX_NAME);
	put32(p + 4, (uint32_t)len);
	n += len;
	while (n % 4)
		p[n++] = 0;
	return n;
}

/* "Description" = "hi", as Windows lays it out */
static const uint8_t golden_desc[] = {
	0x01, 0x00, 0x00, 0x00,				/* count */
	0x03, 0x00, 0x04, 0x00, 0x18, 0x00, 0x00, 0x00,	/* NAME, 24 */
	'D', 0, 'e', 0, 's', 0, 'c', 0, 'r', 0, 'i', 0,
	'p', 0, 't', 0, 'i', 0, 'o', 0, 'n', 0, 0, 0,
	0x03, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00,	/* LIST_VALUE_SZ, 6 */
	'h', 0, 'i', 0, 0, 0, 0, 0,			/* + 2 bytes pad */
	0x00, 0x00, 0x00, 0x00,				/* ENDMARK */
};

TEST(constants_are_windows_values)
{
	ASSERT_EQ(0x00040003U, (DWORD)CLUSPROP_SYNTAX_NAME);
	ASSERT_EQ(0x00010003U, (DWORD)CLUSPROP_SYNTAX_LIST_VALUE_SZ);
	ASSERT_EQ(0x00010002U, (DWORD)CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
	ASSERT_EQ(0x00010005U, (DWORD)CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ);
	ASSERT_EQ(0x00010001U, (DWORD)CLUSPROP_SYNTAX_LIST_VALUE_BINARY);
	ASSERT_EQ(CLUSPROP_SYNTAX_VALUE(CLUSPROP_TYPE_LIST_VALUE,
					CLUSPROP_FORMAT_SZ),
		  (DWORD)CLUSPROP_SYNTAX_LIST_VALUE_SZ);
	ASSERT_EQ(8, ALIGN_CLUSPROP(5));
	ASSERT_EQ(8, ALIGN_CLUSPROP(8));
	ASSERT_EQ(0x06000000U, CLUSCTL_NETINTERFACE_UNKNOWN);
	ASSERT_EQ(0x06000005U, CLUSCTL_NETINTERFACE_GET_CHARACTERISTICS);
	ASSERT_EQ(0x06000009U, CLUSCTL_NETINTERFACE_GET_FLAGS);
	ASSERT_EQ(0x06000029U, CLUSCTL_NETINTERFACE_GET_NAME);
	ASSERT_EQ(0x06000031U, CLUSCTL_NETINTERFACE_GET_NODE);
	ASSERT_EQ(0x06000035U, CLUSCTL_NETINTERFACE_GET_NETWORK);
	ASSERT_EQ(0x06000039U, CLUSCTL_NETINTERFACE_GET_ID);
	ASSERT_EQ(0x06000051U, CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES);
	ASSERT_EQ(0x06000055U, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES);
	ASSERT_EQ(100663385U, CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES);
	ASSERT_EQ(0x0640005EU, CLUSCTL_NETINTERFACE_SET_COMMON_PROPERTIES);
	ASSERT_EQ(0x06000061U,
		  CLUSCTL_NETINTERFACE_VALIDATE_COMMON_PROPERTIES);
	ASSERT_EQ(0x06000065U, CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTY_FMTS);
	ASSERT_EQ(0x06000079U, CLUSCTL_NETINTERFACE_ENUM_PRIVATE_PROPERTIES);
	ASSERT_EQ(0x0600007DU,
		  CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES);
	ASSERT_EQ(0x06000081U, CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES);
	ASSERT_EQ(0x06400086U, CLUSCTL_NETINTERFACE_SET_PRIVATE_PROPERTIES);
	ASSERT_EQ(0x06000089U,
		  CLUSCTL_NETINTERFACE_VALIDATE_PRIVATE_PROPERTIES);
	ASSERT_EQ(0x0600008DU,
		  CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTY_FMTS);
	ASSERT_EQ(0x01000000, CLUSTER_CHANGE_NETINTERFACE_STATE);
	ASSERT_EQ(0x02000000, CLUSTER_CHANGE_NETINTERFACE_DELETED);
	ASSERT_EQ(0x04000000, CLUSTER_CHANGE_NETINTERFACE_ADDED);
	ASSERT_EQ(0x08000000, CLUSTER_CHANGE_NETINTERFACE_PROPERTY);
	ASSERT_EQ(258, WAIT_TIMEOUT);
	ASSERT_EQ(5044, ERROR_CLUSTER_NETWORK_EXISTS);
	ASSERT_EQ(0, ClusterNodeUp);
	ASSERT_EQ(1, ClusterNodeDown);
	ASSERT_EQ(3, ClusterNetworkUp);
	ASSERT_EQ(2, ClusterNetworkPartitioned);
}

TEST(builder_matches_windows_layout)
{
	PCLUSNET_PROPLIST pl = ClusnetPropListCreate();
	const void *d;
	DWORD cb = 0;

	ASSERT_NE(NULL, pl);
	d = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(4, cb);				/* empty: count 0 */
	ASSERT_EQ(0, memcmp(d, "\0\0\0\0", 4));
	ASSERT_EQ(ERROR_SUCCESS, ClusnetPropListAddSz(pl, u"Description",
						      u"hi"));
	d = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(sizeof(golden_desc), cb);
	ASSERT_EQ(0, memcmp(d, golden_desc, cb));
	ClusnetPropListFree(pl);
}

TEST(builder_all_formats_round_trip)
{
	static const BYTE bin[] = { 1, 2, 3, 4, 5 };
	PCLUSNET_PROPLIST pl = ClusnetPropListCreate();
	LPWSTR s = NULL;
	LPBYTE b = NULL;
	DWORD cb = 0, n = 0, dw = 0, size = 0;
	const void *d;

	ASSERT_NE(NULL, pl);
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Name", u"node1 - eth0"));
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"DhcpEnabled", 0x01020304));
	ASSERT_EQ(0, ClusnetPropListAddMultiSz(pl, u"IPv4Addresses",
					       u"10.0.0.1\0" u"10.0.0.22\0"));
	ASSERT_EQ(0, ClusnetPropListAddMultiSz(pl, u"IPv6Addresses", u""));
	ASSERT_EQ(0, ClusnetPropListAddBinary(pl, u"Blob", bin, 5));
	ASSERT_EQ(0, ClusnetPropListAddBinary(pl, u"Empty", NULL, 0));
	d = ClusnetPropListData(pl, &cb);
	ASSERT_EQ(0, cb % 4);
	ASSERT_EQ(ERROR_SUCCESS, ClusnetPropListValidate(d, cb, &n));
	ASSERT_EQ(6, n);

	ASSERT_EQ(0, ResUtilFindSzProperty((PVOID)d, cb, u"name", &s));
	ASSERT_EQ(0, memcmp(s, u"node1 - eth0", 13 * 2));
	LocalFree(s);
	ASSERT_EQ(0, ResUtilFindDwordProperty((PVOID)d, cb, u"DHCPENABLED",
					      &dw));
	ASSERT_EQ(0x01020304U, dw);
	ASSERT_EQ(0, ResUtilFindMultiSzProperty((PVOID)d, cb, u"IPv4Addresses",
						&s, &size));
	ASSERT_EQ((9 + 10 + 1) * 2, size);
	ASSERT_EQ(0, memcmp(s, u"10.0.0.1\0" u"10.0.0.22\0", size));
	LocalFree(s);
	/* no strings at all: the closing NUL alone */
	ASSERT_EQ(0, ResUtilFindMultiSzProperty((PVOID)d, cb, u"IPv6Addresses",
						&s, &size));
	ASSERT_EQ(2, size);
	ASSERT_EQ(0, s[0]);
	LocalFree(s);
	ASSERT_EQ(0, ResUtilFindBinaryProperty((PVOID)d, cb, u"Blob", &b,
					       &size));
	ASSERT_EQ(5, size);
	ASSERT_EQ(0, memcmp(b, bin, 5));
	LocalFree(b);
	b = NULL;
	ASSERT_EQ(0, ResUtilFindBinaryProperty((PVOID)d, cb, u"Empty", &b,
					       &size));
	ASSERT_EQ(0, size);
	ASSERT_NE(NULL, b);
	LocalFree(b);
	/* optional outputs */
	ASSERT_EQ(0, ResUtilFindSzProperty((PVOID)d, cb, u"Name", NULL));
	ASSERT_EQ(0, ResUtilFindBinaryProperty((PVOID)d, cb, u"Blob", NULL,
					       NULL));

	/* wrong format for the type asked */
	ASSERT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindDwordProperty((PVOID)d, cb, u"Name", &dw));
	ASSERT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindSzProperty((PVOID)d, cb, u"DhcpEnabled", &s));
	ASSERT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindMultiSzProperty((PVOID)d, cb, u"Name", &s, &size));
	ASSERT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindBinaryProperty((PVOID)d, cb, u"Name", &b, &size));
	ASSERT_EQ(ERROR_INVALID_DATA,
		  ResUtilFindExpandSzProperty((PVOID)d, cb, u"Name", &s));
	/* missing */
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  ResUtilFindSzProperty((PVOID)d, cb, u"Nam", &s));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  ResUtilFindSzProperty((PVOID)d, cb, u"Names", &s));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  ResUtilFindSzProperty((PVOID)d, cb, u"", &s));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  ResUtilFindSzProperty((PVOID)d, cb, NULL, &s));
	ClusnetPropListFree(pl);
}

TEST(builder_rejects_bad_arguments)
{
	PCLUSNET_PROPLIST pl = ClusnetPropListCreate();
	DWORD cb = 0;

	ASSERT_NE(NULL, pl);
	ASSERT_EQ(ERROR_INVALID_PARAMETER, ClusnetPropListAddSz(pl, NULL, u"x"));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, ClusnetPropListAddSz(pl, u"", u"x"));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, ClusnetPropListAddSz(pl, u"a", NULL));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  ClusnetPropListAddBinary(pl, u"a", NULL, 3));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  ClusnetPropListAddValue(pl, u"a", CLUSPROP_SYNTAX_ENDMARK,
					  "abcd", 4));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  ClusnetPropListAddValue(pl, u"a", CLUSPROP_SYNTAX_NAME,
					  "abcd", 4));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  ClusnetPropListAddDword(NULL, u"a", 1));
	ClusnetPropListData(pl, &cb);
	ASSERT_EQ(4, cb);	/* unchanged by the failures */
	ClusnetPropListFree(pl);
	ClusnetPropListFree(NULL);
}

/* Every proper prefix of a valid list is malformed; trailing bytes are not. */
TEST(truncations_and_trailing)
{
	PCLUSNET_PROPLIST pl = ClusnetPropListCreate();
	uint8_t *copy;
	const void *d;
	DWORD cb = 0, len, dw;
	LPWSTR s;

	ASSERT_NE(NULL, pl);
	ASSERT_EQ(0, ClusnetPropListAddSz(pl, u"Description", u"abc"));
	ASSERT_EQ(0, ClusnetPropListAddDword(pl, u"X", 7));
	d = ClusnetPropListData(pl, &cb);
	copy = malloc(cb + 8);
	ASSERT_NE(NULL, copy);
	for (len = 0; len < cb; len++) {
		/* exact-size copies: a read past len would be out of bounds */
		uint8_t *p = malloc(len ? len : 1);

		memcpy(p, d, len);
		EXPECT_EQ(ERROR_INVALID_DATA,
			  ClusnetPropListValidate(p, len, NULL))
			TH_LOG("prefix %u of %u", len, cb);
		EXPECT_EQ(ERROR_INVALID_DATA,
			  ResUtilFindDwordProperty(p, len, u"X", &dw))
			TH_LOG("prefix %u of %u", len, cb);
		free(p);
	}
	/* a closing end mark (as Samba writes) and junk after it are fine */
	memcpy(copy, d, cb);
	put32(copy + cb, CLUSPROP_SYNTAX_ENDMARK);
	put32(copy + cb + 4, 0xdeadbeef);
	ASSERT_EQ(0, ClusnetPropListValidate(copy, cb + 8, NULL));
	ASSERT_EQ(0, ResUtilFindDwordProperty(copy, cb + 8, u"x", &dw));
	ASSERT_EQ(7, dw);
	ASSERT_EQ(0, ResUtilFindSzProperty(copy, cb + 8, u"description", &s));
	ASSERT_EQ(0, memcmp(s, u"abc", 8));
	LocalFree(s);
	free(copy);
	ClusnetPropListFree(pl);
}

TEST(unaligned_list)
{
	uint8_t *buf = malloc(sizeof(golden_desc) + 1);
	LPWSTR s = NULL;

	ASSERT_NE(NULL, buf);
	memcpy(buf + 1, golden_desc, sizeof(golden_desc));
	ASSERT_EQ(0, ResUtilFindSzProperty(buf + 1, sizeof(golden_desc),
					   u"Description", &s));
	ASSERT_EQ(0, memcmp(s, u"hi", 6));
	LocalFree(s);
	free(buf);
}

TEST(malformed_lists)
{
	uint8_t b[256] = { 0 };
	LPWSTR s = NULL;
	size_t n;
	DWORD dw, cnt;

	/* shorter than the count */
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, 0, NULL));
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, 3, NULL));
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(NULL, 4, NULL));
	/* the empty list */
	put32(b, 0);
	ASSERT_EQ(0, ClusnetPropListValidate(b, 4, &cnt));
	ASSERT_EQ(0, cnt);
	ASSERT_EQ(ERROR_FILE_NOT_FOUND, ResUtilFindDwordProperty(b, 4, u"X",
								 &dw));
	/* a count far beyond the bytes */
	put32(b, 0xffffffff);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, 4, NULL));

	/* first entry not a name */
	put32(b, 1);
	put32(b + 4, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
	put32(b + 8, 4);
	put32(b + 12, 1);
	put32(b + 16, 0);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, 20, NULL));

	/* a name without its NUL */
	n = 4 + put_name(b + 4, "X");
	b[4 + 8 + 2] = 'Y';	/* "XY", no terminator */
	n += put32(b + n, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
	n += put32(b + n, 4);
	n += put32(b + n, 1);
	n += put32(b + n, 0);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	b[4 + 8 + 2] = 0;
	ASSERT_EQ(0, ClusnetPropListValidate(b, n, NULL));	/* repaired */
	/* odd and zero name lengths */
	put32(b + 8, 3);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	put32(b + 8, 0);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	/* a length that wraps around */
	put32(b + 8, 0xfffffffe);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	put32(b + 8, 4);
	ASSERT_EQ(0, ClusnetPropListValidate(b, n, NULL));
	/* value length past the end, and wrapping */
	put32(b + 20, 0xfffffffd);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	put32(b + 20, 9);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	put32(b + 20, 4);
	/* a DWORD of the wrong size */
	put32(b + 20, 2);	/* padded to 4: the list still parses */
	ASSERT_EQ(0, ClusnetPropListValidate(b, n, NULL));
	ASSERT_EQ(ERROR_INVALID_DATA, ResUtilFindDwordProperty(b, n, u"X",
							       &dw));
	put32(b + 20, 4);
	/* no end mark: the next property's name where it should be */
	put32(b + 28, CLUSPROP_SYNTAX_NAME);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	put32(b + 28, 0);
	/* a property with no value */
	n = 4 + put_name(b + 4, "X");
	n += put32(b + n, CLUSPROP_SYNTAX_ENDMARK);
	ASSERT_EQ(ERROR_INVALID_DATA, ClusnetPropListValidate(b, n, NULL));
	/* an odd-sized string value */
	n = 4 + put_name(b + 4, "S");
	n += put32(b + n, CLUSPROP_SYNTAX_LIST_VALUE_SZ);
	n += put32(b + n, 3);
	n += put32(b + n, 'a');
	n += put32(b + n, 0);
	ASSERT_EQ(0, ClusnetPropListValidate(b, n, NULL));
	ASSERT_EQ(ERROR_INVALID_DATA, ResUtilFindSzProperty(b, n, u"S", &s));
	ASSERT_EQ(NULL, s);
	/* a string without its NUL still comes back terminated */
	put32(b + 4 + 12 + 4, 2);
	ASSERT_EQ(0, ResUtilFindSzProperty(b, n, u"S", &s));
	ASSERT_EQ('a', s[0]);
	ASSERT_EQ(0, s[1]);
	LocalFree(s);
}

TEST(multiple_values_first_wins)
{
	uint8_t b[128];
	size_t n;
	DWORD dw = 0;

	put32(b, 1);
	n = 4 + put_name(b + 4, "V");
	n += put32(b + n, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
	n += put32(b + n, 4);
	n += put32(b + n, 11);
	n += put32(b + n, CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
	n += put32(b + n, 4);
	n += put32(b + n, 22);
	n += put32(b + n, CLUSPROP_SYNTAX_ENDMARK);
	ASSERT_EQ(0, ResUtilFindDwordProperty(b, n, u"v", &dw));
	ASSERT_EQ(11, dw);
}

TEST_HARNESS_MAIN
