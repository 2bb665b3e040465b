// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for libclusnet's UTF-16 <-> UTF-8 converters. Needs no kernel.
 *
 * The converters are hidden in libclusnet.so, so this test compiles their
 * source in (it still builds with the lib_*_test rule of the Makefile).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <uchar.h>

#include "../userlib/utf16.c"

#include "kselftest_harness.h"

#define N16(a) (sizeof(a) / sizeof((a)[0]))

/* Convert a 0-terminated UTF-16 string; expect UTF-8 bytes exp. */
static int to8_is(const char16_t *s, const char *exp)
{
	char buf[1200];
	size_t n = clusnet_utf16_len(s);
	ssize_t r = clusnet_utf16_to_utf8(s, n, buf, sizeof(buf));

	if (r < 0 || (size_t)r != strlen(exp) || strcmp(buf, exp))
		return 0;
	/* length-only mode agrees */
	return clusnet_utf16_to_utf8(s, n, NULL, 0) == r;
}

static ssize_t to8(const char16_t *s, size_t n)
{
	char buf[64];

	return clusnet_utf16_to_utf8(s, n, buf, sizeof(buf));
}

static int to16_is(const char *s, const char16_t *exp)
{
	char16_t buf[600];
	size_t n = clusnet_utf16_len(exp);
	ssize_t r = clusnet_utf8_to_utf16(s, strlen(s), buf, N16(buf));

	if (r < 0 || (size_t)r != n || memcmp(buf, exp, (n + 1) * 2))
		return 0;
	return clusnet_utf8_to_utf16(s, strlen(s), NULL, 0) == r;
}

static ssize_t to16(const char *s)
{
	char16_t buf[64];

	return clusnet_utf8_to_utf16(s, strlen(s), buf, N16(buf));
}

TEST(ascii)
{
	ASSERT_TRUE(to8_is(u"node1 - eth0", "node1 - eth0"));
	ASSERT_TRUE(to16_is("node1 - eth0", u"node1 - eth0"));
	ASSERT_EQ(12U, clusnet_utf16_len(u"node1 - eth0"));
	ASSERT_TRUE(to8_is(u"\x7f", "\x7f"));
}

TEST(bmp)
{
	/* U+00E9 (2 bytes), U+20AC (3), U+4E2D (3), U+FFFD, U+FFFF (3) */
	ASSERT_TRUE(to8_is(u"\u00e9\u20ac\u4e2d",
			   "\xc3\xa9\xe2\x82\xac\xe4\xb8\xad"));
	ASSERT_TRUE(to8_is(u"\x80\x7ff\x800", "\xc2\x80\xdf\xbf\xe0\xa0\x80"));
	ASSERT_TRUE(to8_is(u"\xd7ff\xe000\xffff",
			   "\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf"));
	ASSERT_TRUE(to16_is("\xc3\xa9\xe2\x82\xac\xe4\xb8\xad",
			    u"\u00e9\u20ac\u4e2d"));
	ASSERT_TRUE(to16_is("\xef\xbf\xbf", u"\xffff"));
}

TEST(surrogate_pairs)
{
	/* U+1F600 = D83D DE00 = F0 9F 98 80 */
	const char16_t s[] = { 0xD83D, 0xDE00, 0 };

	ASSERT_TRUE(to8_is(s, "\xf0\x9f\x98\x80"));
	ASSERT_TRUE(to8_is(u"\U0001F600", "\xf0\x9f\x98\x80"));
	ASSERT_TRUE(to8_is(u"a\U0001F600b", "a\xf0\x9f\x98\x80" "b"));
	/* U+10000 and U+10FFFF, the ends of the supplementary range */
	ASSERT_TRUE(to8_is(u"\U00010000\U0010FFFF",
			   "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"));
	ASSERT_TRUE(to16_is("\xf0\x9f\x98\x80", s));
	ASSERT_EQ(2, to16("\xf0\x9f\x98\x80"));
	ASSERT_TRUE(to16_is("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
			    u"\U00010000\U0010FFFF"));
}

TEST(lone_high_surrogate)
{
	const char16_t at_end[] = { 'a', 0xD83D };
	const char16_t before_char[] = { 0xD83D, 'a' };
	const char16_t two_high[] = { 0xD83D, 0xD83D, 0xDE00 };

	ASSERT_EQ(-EINVAL, to8(at_end, N16(at_end)));
	ASSERT_EQ(-EINVAL, to8(before_char, N16(before_char)));
	ASSERT_EQ(-EINVAL, to8(two_high, N16(two_high)));
	/* a pair cut by srclen is a lone high surrogate */
	ASSERT_EQ(-EINVAL, to8(u"\U0001F600", 1));
	ASSERT_EQ(-EINVAL, clusnet_utf16_to_utf8(at_end, 2, NULL, 0));
}

TEST(lone_low_surrogate)
{
	const char16_t s1[] = { 0xDC00 };
	const char16_t s2[] = { 'x', 0xDFFF, 'y' };

	ASSERT_EQ(-EINVAL, to8(s1, N16(s1)));
	ASSERT_EQ(-EINVAL, to8(s2, N16(s2)));
}

TEST(reversed_pair)
{
	const char16_t s[] = { 0xDE00, 0xD83D };

	ASSERT_EQ(-EINVAL, to8(s, N16(s)));
}

TEST(rejected_leaves_no_output)
{
	const char16_t s[] = { 'a', 0xDC00, 0 };
	char *out = (char *)1;

	ASSERT_EQ(-EINVAL, clusnet_utf16_to_utf8_alloc(s, &out));
	ASSERT_EQ(NULL, out);
}

TEST(empty)
{
	char buf[4] = "xyz";
	char16_t wbuf[4] = { 'x', 'y', 'z', 0 };
	char *out = NULL;

	ASSERT_EQ(0U, clusnet_utf16_len(u""));
	ASSERT_EQ(0, clusnet_utf16_to_utf8(u"", 0, buf, sizeof(buf)));
	ASSERT_EQ(0, buf[0]);
	ASSERT_EQ(0, clusnet_utf16_to_utf8(u"", 0, buf, 1));
	ASSERT_EQ(-ERANGE, clusnet_utf16_to_utf8(u"", 0, buf, 0));
	ASSERT_EQ(0, clusnet_utf16_to_utf8_alloc(u"", &out));
	ASSERT_NE(NULL, out);
	ASSERT_EQ(0, out[0]);
	free(out);
	ASSERT_EQ(0, clusnet_utf8_to_utf16("", 0, wbuf, 1));
	ASSERT_EQ(0, wbuf[0]);
}

TEST(exact_length_limits)
{
	/* 4 bytes + NUL: fits in 5, not in 4 */
	char buf[8];
	char16_t w[8];

	memset(buf, 'x', sizeof(buf));
	ASSERT_EQ(4, clusnet_utf16_to_utf8(u"\U0001F600", 2, buf, 5));
	ASSERT_EQ(0, memcmp(buf, "\xf0\x9f\x98\x80", 5));
	memset(buf, 'x', sizeof(buf));
	ASSERT_EQ(-ERANGE, clusnet_utf16_to_utf8(u"\U0001F600", 2, buf, 4));
	ASSERT_EQ(0, buf[0]);
	ASSERT_EQ('x', buf[1]);	/* nothing partial written */

	/* UTF-16 side counts units: a pair is 2 units + terminator */
	ASSERT_EQ(2, clusnet_utf8_to_utf16("\xf0\x9f\x98\x80", 4, w, 3));
	ASSERT_EQ(0xD83D, w[0]);
	ASSERT_EQ(0xDE00, w[1]);
	ASSERT_EQ(0, w[2]);
	ASSERT_EQ(-ERANGE, clusnet_utf8_to_utf16("\xf0\x9f\x98\x80", 4, w, 2));
	ASSERT_EQ(0, w[0]);
}

TEST(name_max_boundary)
{
	/* 85 x U+20AC = 255 bytes (CLUSNET_NAME_MAX), one more ASCII = 256 */
	char16_t s[90];
	char buf[257], *out;
	size_t i;

	for (i = 0; i < 85; i++)
		s[i] = 0x20AC;
	s[85] = 0;
	ASSERT_EQ(255, clusnet_utf16_to_utf8(s, 85, buf, 256));
	ASSERT_EQ(0, buf[255]);
	ASSERT_EQ(-ERANGE, clusnet_utf16_to_utf8(s, 85, buf, 255));
	s[85] = 'a';
	s[86] = 0;
	ASSERT_EQ(256, clusnet_utf16_to_utf8(s, 86, NULL, 0));
	ASSERT_EQ(256, clusnet_utf16_to_utf8(s, 86, buf, 257));
	ASSERT_EQ(256, clusnet_utf16_to_utf8_alloc(s, &out));
	ASSERT_EQ(0, memcmp(out, buf, 257));
	free(out);
}

TEST(alloc)
{
	char *out = NULL;

	ASSERT_EQ(16, clusnet_utf16_to_utf8_alloc(u"node1 - \U0001F600\u20ac!",
						  &out));
	ASSERT_STREQ("node1 - \xf0\x9f\x98\x80\xe2\x82\xac!", out);
	free(out);
}

TEST(utf8_rejects_malformed)
{
	static const char *const bad[] = {
		"\x80",			/* stray continuation */
		"\xc0\x80",		/* overlong NUL */
		"\xc1\xbf",		/* overlong */
		"\xe0\x80\x80",		/* overlong */
		"\xe0\x9f\xbf",		/* overlong (U+07FF) */
		"\xf0\x8f\xbf\xbf",	/* overlong (U+FFFF) */
		"\xed\xa0\x80",		/* encoded surrogate D800 */
		"\xed\xbf\xbf",		/* encoded surrogate DFFF */
		"\xf4\x90\x80\x80",	/* U+110000 */
		"\xf5\x80\x80\x80",
		"\xf8\x88\x80\x80\x80",
		"\xff",
		"\xc3",			/* truncated */
		"\xe2\x82",		/* truncated */
		"\xf0\x9f\x98",		/* truncated */
		"\xc3\x41",		/* bad continuation */
		"ok\xe2\x28\xa1",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, to16(bad[i])) {
			TH_LOG("case %zu accepted", i);
		}
		EXPECT_EQ(-EINVAL,
			  clusnet_utf8_to_utf16(bad[i], strlen(bad[i]), NULL, 0));
	}
}

/* Every scalar value survives UTF-16 -> UTF-8 -> UTF-16. */
TEST(round_trip_all_code_points)
{
	uint32_t cp;

	for (cp = 1; cp <= 0x10FFFF; cp++) {
		char16_t in[3], back[3];
		char mid[5];
		size_t n;
		ssize_t r;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (cp >= 0x10000) {
			in[0] = (char16_t)(0xD800 + ((cp - 0x10000) >> 10));
			in[1] = (char16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
			n = 2;
		} else {
			in[0] = (char16_t)cp;
			n = 1;
		}
		r = clusnet_utf16_to_utf8(in, n, mid, sizeof(mid));
		ASSERT_EQ(cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4, r);
		ASSERT_EQ((ssize_t)n, clusnet_utf8_to_utf16(mid, (size_t)r,
							    back, 3));
		ASSERT_EQ(0, memcmp(in, back, n * 2)) {
			TH_LOG("U+%04X", cp);
		}
	}
}

TEST_HARNESS_MAIN
