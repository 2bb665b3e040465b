// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet: what OpenClusterNetInterfaceEx() allocates. The open path
 * converts the name into a buffer on the stack: the only allocation of
 * an open is the handle, and a name too long for the kernel fails before
 * any allocation (Documentation/benchmarks.rst, the open path).
 *
 * The program counts the malloc() family's calls with definitions of its
 * own, which the library's calls bind to (glibc's __libc_* do the work).
 * Under AddressSanitizer, which owns malloc(), the tests are skipped.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clusapi.h"
#include "kselftest_harness.h"

#define ETH0 u"node1 - eth0"

#if defined(__SANITIZE_ADDRESS__)
#define COUNTING 0
#else
#define COUNTING 1

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);

/* Calls while counting is on; one test runs in one process. */
static int counting;
static int allocs;

void *malloc(size_t size)
{
	allocs += counting;
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	allocs += counting;
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	allocs += counting;
	return __libc_realloc(p, size);
}
#endif

#define NEED_COUNTING() do { \
	if (!COUNTING) \
		SKIP(return, "malloc() is the sanitizer's: not counted"); \
	if (access("/dev/clusnet", F_OK)) \
		SKIP(return, "/dev/clusnet missing (clusnet not loaded)"); \
} while (0)

#if COUNTING
/* OpenClusterNetInterfaceEx() with the allocations it made in *n. */
static HNETINTERFACE counted_open(HCLUSTER hc, LPCWSTR name, int *n)
{
	HNETINTERFACE h;
	DWORD granted;

	allocs = 0;
	counting = 1;
	h = OpenClusterNetInterfaceEx(hc, name, GENERIC_READ, &granted);
	counting = 0;
	*n = allocs;
	return h;
}
#else
static HNETINTERFACE counted_open(HCLUSTER hc, LPCWSTR name, int *n)
{
	*n = -1;
	return NULL;
}
#endif

/* Every object of the VM may be read by anyone: one allocation, the handle. */
TEST(open_allocates_the_handle_only)
{
	HCLUSTER hc;
	HNETINTERFACE h;
	DWORD granted;
	int n, i;

	NEED_COUNTING();
	hc = OpenClusterEx(NULL, GENERIC_READ, &granted);
	ASSERT_NE(NULL, hc) TH_LOG("OpenClusterEx: %u", GetLastError());
	for (i = 0; i < 3; i++) {
		h = counted_open(hc, ETH0, &n);
		ASSERT_NE(NULL, h) TH_LOG("open: %u", GetLastError());
		EXPECT_EQ(1, n) TH_LOG("open %d made %d allocations", i, n);
		EXPECT_EQ(ClusterNetInterfaceUp, GetClusterNetInterfaceState(h));
		ASSERT_TRUE(CloseClusterNetInterface(h));
	}
	CloseCluster(hc);
}

TEST(too_long_name_fails_before_allocating)
{
	WCHAR name[300];
	HCLUSTER hc;
	DWORD granted;
	int n, i;

	NEED_COUNTING();
	hc = OpenClusterEx(NULL, GENERIC_READ, &granted);
	ASSERT_NE(NULL, hc) TH_LOG("OpenClusterEx: %u", GetLastError());
	/* 256 bytes, one more than CLUSNET_NAME_MAX */
	for (i = 0; i < 256; i++)
		name[i] = 'a';
	name[256] = 0;
	SetLastError(0);
	EXPECT_EQ(NULL, counted_open(hc, name, &n));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(0, n);
	/* 86 x U+20AC: 86 units, 258 bytes */
	for (i = 0; i < 86; i++)
		name[i] = 0x20AC;
	name[86] = 0;
	SetLastError(0);
	EXPECT_EQ(NULL, counted_open(hc, name, &n));
	EXPECT_EQ(ERROR_INVALID_PARAMETER, GetLastError());
	EXPECT_EQ(0, n);
	/* 85 x U+20AC: 255 bytes, the longest name: the kernel looks */
	name[85] = 0;
	SetLastError(0);
	EXPECT_EQ(NULL, counted_open(hc, name, &n));
	EXPECT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, GetLastError());
	CloseCluster(hc);
}

TEST_HARNESS_MAIN
