// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet: the names OpenCluster(Ex) accepts for the local cluster, as
 * Windows does: this node's name in any case, its fully qualified name
 * (node name, a dot, this host's DNS domain) and any address of this node;
 * anything else is RPC_S_SERVER_UNAVAILABLE. Root and unprivileged user.
 */
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>

#include "clusapi.h"

/* Windows' constants are ints and sizes DWORDs: expectations mix them. */
#pragma GCC diagnostic ignored "-Wsign-compare"

#include "common.h"

#define NEED_DEV() do { \
	if (access(CN_DEV_PATH, F_OK)) \
		SKIP(return, "/dev/clusnet missing"); \
} while (0)

static char16_t *w(char16_t *dst, const char *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		dst[i] = (unsigned char)src[i];
	dst[i] = 0;
	return dst;
}

/* The address of eth0 (without prefix). */
static int eth0_addr(char *out)
{
	FILE *f = popen("ip -o -4 addr show dev eth0 | "
			"awk '{split($4, a, \"/\"); print a[1]; exit}'", "r");
	int ok;

	if (!f)
		return -1;
	ok = fscanf(f, "%63s", out) == 1;
	pclose(f);
	return ok ? 0 : -1;
}

static void open_ok(struct __test_metadata *_metadata, const char *name)
{
	char16_t wn[128];
	HCLUSTER h = OpenClusterEx(w(wn, name), GENERIC_READ, NULL);

	ASSERT_NE(NULL, h) TH_LOG("%s: error %u", name, GetLastError());
	ASSERT_TRUE(CloseCluster(h));
}

static void open_fails(struct __test_metadata *_metadata, const char *name)
{
	char16_t wn[128];

	ASSERT_EQ(NULL, OpenClusterEx(w(wn, name), GENERIC_READ, NULL))
		TH_LOG("%s opened", name);
	ASSERT_EQ(RPC_S_SERVER_UNAVAILABLE, GetLastError());
}

TEST(open_cluster_names)
{
	char addr[64];

	NEED_DEV();
	open_ok(_metadata, "node1");
	open_ok(_metadata, "NoDe1");
	open_ok(_metadata, "127.0.0.1");
	open_ok(_metadata, "::1");
	ASSERT_EQ(0, eth0_addr(addr));
	open_ok(_metadata, addr);
	open_fails(_metadata, "192.0.2.77");	/* TEST-NET-1: not ours */
	open_fails(_metadata, "node1.");
	open_fails(_metadata, "node12");
	open_fails(_metadata, "node1.cnt-other.example");
}

/* The fully qualified name, with a DNS domain set (a UTS namespace). */
TEST(open_cluster_fqdn)
{
	pid_t pid;
	int st;

	NEED_DEV();
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		char16_t wn[128];
		HCLUSTER h;

		if (unshare(CLONE_NEWUTS) &&
		    unshare(CLONE_NEWUSER | CLONE_NEWUTS))
			_exit(4);
		if (setdomainname("cnt.example", 11))
			_exit(4);
		h = OpenClusterEx(w(wn, "NODE1.cnt.EXAMPLE"), GENERIC_READ,
				  NULL);
		if (!h)
			_exit(1);
		CloseCluster(h);
		if (OpenClusterEx(w(wn, "node1.other.example"), GENERIC_READ,
				  NULL))
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	if (WEXITSTATUS(st) == 4)
		SKIP(return, "no UTS namespace for this user");
	ASSERT_EQ(0, WEXITSTATUS(st));
}

TEST_HARNESS_MAIN
