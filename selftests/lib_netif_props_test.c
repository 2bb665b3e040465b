// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet: the network interface properties that follow Windows rather
 * than Linux, on the test VM's NICs (node1 - eth0, node1 - eth1):
 * ENUM_COMMON_PROPERTIES names only the read-write common properties,
 * AdapterId is a GUID (the version 5 UUID of the permanent address in
 * clusnet's namespace, recomputed here with sha1sum), and the permanent
 * address itself is the read-only private property PermanentAddress.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clusapi.h"
#include "resapi.h"
#include "kselftest_harness.h"

#define ETH0 u"node1 - eth0"
#define ETH1 u"node1 - eth1"
/* clusnet's AdapterId namespace, 8ead2176-f13c-4992-b407-fb58c34ebefe */
#define NS_OCTAL "\\216\\255\\041\\166\\361\\074\\111\\222" \
		 "\\264\\007\\373\\130\\303\\116\\276\\376"

static HNETINTERFACE open_if(LPCWSTR name)
{
	HCLUSTER hc = OpenClusterEx(NULL, GENERIC_READ, NULL);
	HNETINTERFACE h;

	if (!hc)
		return NULL;
	h = OpenClusterNetInterfaceEx(hc, name, GENERIC_READ, NULL);
	CloseCluster(hc);
	return h;
}

/* A control code's output in a fresh buffer; NULL on any error. */
static void *ctl(HNETINTERFACE h, DWORD code, DWORD *cb)
{
	DWORD need = 0;
	void *buf;

	if (ClusterNetInterfaceControl(h, NULL, code, NULL, 0, NULL, 0,
				       &need) != ERROR_MORE_DATA)
		return NULL;
	buf = malloc(need);
	if (buf && ClusterNetInterfaceControl(h, NULL, code, NULL, 0, buf,
					      need, cb)) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

/* A string property of a list as ASCII (tests use ASCII values only). */
static int prop_str(const void *list, DWORD cb, LPCWSTR name, char *out,
		    size_t size)
{
	LPWSTR s = NULL;
	size_t i;

	if (ResUtilFindSzProperty((PVOID)list, cb, name, &s))
		return -1;
	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = (char)s[i];
	out[i] = 0;
	LocalFree(s);
	return 0;
}

static int get_prop(LPCWSTR ifname, DWORD code, LPCWSTR name, char *out,
		    size_t size)
{
	HNETINTERFACE h = open_if(ifname);
	DWORD cb = 0;
	void *list;
	int r = -1;

	if (!h)
		return -1;
	list = ctl(h, code, &cb);
	if (list)
		r = prop_str(list, cb, name, out, size);
	free(list);
	CloseClusterNetInterface(h);
	return r;
}

/* The NIC's permanent MAC as `ip link` shows it (permaddr, or link/ether) */
static int ip_mac(const char *ifname, char *out)
{
	char cmd[128], line[1024], *p;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ip -o link show dev %s 2>/dev/null",
		 ifname);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	out[0] = 0;
	if (fgets(line, sizeof(line), f)) {
		p = strstr(line, " permaddr ");
		if (p)
			sscanf(p + 10, "%63s", out);
		else if ((p = strstr(line, "link/ether ")))
			sscanf(p + 11, "%63s", out);
	}
	pclose(f);
	return out[0] ? 0 : -1;
}

/* The version 5 UUID of the MAC "xx:xx:..", by sha1sum(1). */
static int uuid5_of_mac(const char *mac, char out[37])
{
	char cmd[512], hex[64] = "";
	unsigned int b, i;
	size_t at;
	FILE *f;

	at = (size_t)snprintf(cmd, sizeof(cmd), "printf '%s", NS_OCTAL);
	/* "xx:xx:..": a byte every 3 characters, the last one without ':' */
	for (i = 0; 3 * i + 2 <= strlen(mac) &&
		    sscanf(mac + 3 * i, "%2x", &b) == 1; i++)
		at += (size_t)snprintf(cmd + at, sizeof(cmd) - at, "\\%03o",
				       b);
	snprintf(cmd + at, sizeof(cmd) - at, "' | sha1sum");
	f = popen(cmd, "r");
	if (!f)
		return -1;
	if (!fgets(hex, sizeof(hex), f) || strlen(hex) < 32) {
		pclose(f);
		return -1;
	}
	pclose(f);
	/* version nibble 5, variant bits 10 */
	hex[12] = '5';
	sscanf(hex + 16, "%1x", &b);
	hex[16] = "0123456789abcdef"[(b & 0x3) | 0x8];
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8,
		 hex + 12, hex + 16, hex + 20);
	return 0;
}

#define NEED_DEV() do { \
	if (access("/dev/clusnet", F_OK)) \
		SKIP(return, "/dev/clusnet missing"); \
} while (0)

TEST(enum_common_lists_read_write_only)
{
	static const char16_t want[] = u"Description\0";
	char16_t buf[64];
	HNETINTERFACE h;
	DWORD ret = 0;

	NEED_DEV();
	h = open_if(ETH0);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(ERROR_MORE_DATA,
		  ClusterNetInterfaceControl(h, NULL,
				CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES,
				NULL, 0, NULL, 0, &ret));
	ASSERT_EQ(sizeof(want), ret);
	ASSERT_EQ(ERROR_SUCCESS,
		  ClusterNetInterfaceControl(h, NULL,
				CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES,
				NULL, 0, buf, sizeof(buf), &ret));
	ASSERT_EQ(sizeof(want), ret);
	ASSERT_EQ(0, memcmp(want, buf, sizeof(want)));
	CloseClusterNetInterface(h);
}

TEST(adapter_id_is_uuid5_of_permanent_address)
{
	static const struct { const char16_t *name; const char *ifname; }
	nics[] = { { ETH0, "eth0" }, { ETH1, "eth1" } };
	char id[2][64], mac[64], want[37];
	unsigned int i;

	NEED_DEV();
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, get_prop(nics[i].name,
				      CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES,
				      CLUSREG_NAME_NETIFACE_ADAPTER_ID, id[i],
				      sizeof(id[i])));
		ASSERT_EQ(0, ip_mac(nics[i].ifname, mac));
		ASSERT_EQ(0, uuid5_of_mac(mac, want));
		EXPECT_STREQ(want, id[i]) TH_LOG("%s (%s)", nics[i].ifname,
						 mac);
	}
	EXPECT_STRNE(id[0], id[1]);
}

TEST(permanent_address_is_read_only_private)
{
	char got[64], mac[64];
	HNETINTERFACE h;
	DWORD cb = 0, n = 99;
	void *list;

	NEED_DEV();
	ASSERT_EQ(0, get_prop(ETH1,
			      CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES,
			      u"PermanentAddress", got, sizeof(got)));
	ASSERT_EQ(0, ip_mac("eth1", mac));
	EXPECT_STREQ(mac, got);
	/* read-only: not among the read-write private properties */
	h = open_if(ETH1);
	ASSERT_NE(NULL, h);
	list = ctl(h, CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES, &cb);
	ASSERT_NE(NULL, list);
	ASSERT_EQ(ERROR_SUCCESS, ClusnetPropListValidate(list, cb, &n));
	EXPECT_EQ(0U, n);
	free(list);
	CloseClusterNetInterface(h);
}

TEST_HARNESS_MAIN
