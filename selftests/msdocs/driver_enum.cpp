/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driver (the pages have no main): enumerate the cluster's nodes, networks
 * and network interfaces with ClusDocEx_CluEnumObjects, open each, read
 * its name back with GET_NAME and its state, walk a node's and a
 * network's interfaces, and read read-only common properties. Prints
 * what it found; exits 0 when every step worked and the test VM's
 * objects (node1, "node1 - eth0" on "Cluster Network 1") were there.
 */
#include "ClusDocEx.h"
#include "ClusDocEx_GetControlCodeOutput.cpp"
#include "ClusDocEx_EnumObjects.cpp"

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		printf("FAIL: "); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		return 1; \
	} \
} while (0)

/* The next SZ entry of a value list; NULL at the end mark. */
static const WCHAR *next_sz(LPBYTE *pp)
{
	DWORD syntax, cb;
	const WCHAR *s;

	memcpy(&syntax, *pp, 4);
	if (syntax == CLUSPROP_SYNTAX_ENDMARK)
		return NULL;
	memcpy(&cb, *pp + 4, 4);
	s = (const WCHAR *)(*pp + 8);
	*pp += ClusDocEx_ListEntrySize(cb);
	return s;
}

/* A value list of the cluster's objects of a type; LocalFree it. */
static LPBYTE enum_list(HCLUSTER hCluster, DWORD dwType)
{
	DWORD cb = 0, err;
	LPBYTE buf;

	err = ClusDocEx_CluEnumObjects(hCluster, dwType, NULL, 0, &cb);
	if (err != ERROR_MORE_DATA)
		return NULL;
	buf = (LPBYTE)ClusDocEx_Alloc(cb);
	if (buf == NULL)
		return NULL;
	err = ClusDocEx_CluEnumObjects(hCluster, dwType, buf, cb + 1, &cb);
	if (err != ERROR_SUCCESS) {
		LocalFree(buf);
		return NULL;
	}
	return buf;
}

/* GET_NAME through the sample's helper, compared with the enumerated name. */
static int same_name(LPVOID out, DWORD cb, const WCHAR *want)
{
	size_t n = 0;

	while (want[n])
		n++;
	return out && cb == (n + 1) * sizeof(WCHAR) &&
	       !memcmp(out, want, cb);
}

static int nodes(HCLUSTER hCluster)
{
	LPBYTE list = enum_list(hCluster, CLUSTER_ENUM_NODE), p;
	const WCHAR *name;
	char a[256], b[256];
	int found = 0;

	CHECK(list, "node enumeration: %u", GetLastError());
	for (p = list; (name = next_sz(&p)) != NULL;) {
		HNODE hNode = OpenClusterNode(hCluster, name);
		LPVOID out, ifs;
		DWORD cb, cbIfs = 0;
		LPWSTR s = NULL;

		if (hNode == NULL)	/* other nodes: read access is enough */
			hNode = OpenClusterNodeEx(hCluster, name, GENERIC_READ,
						  NULL);
		CHECK(hNode, "open node %s: %u",
		      ClusDocEx_Narrow(name, a, sizeof(a)), GetLastError());
		out = ClusDocEx_NodGetControlCodeOutput(hNode, NULL,
							CLUSCTL_NODE_GET_NAME,
							&cb);
		CHECK(same_name(out, cb, name), "node GET_NAME");
		LocalFree(out);
		out = ClusDocEx_NodGetControlCodeOutput(
			hNode, NULL, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, &cb);
		CHECK(out && ResUtilFindSzProperty(out, cb, L"NodeName", &s) ==
		      ERROR_SUCCESS, "node NodeName");
		CHECK(!strcmp(ClusDocEx_Narrow(s, a, sizeof(a)),
			      ClusDocEx_Narrow(name, b, sizeof(b))),
		      "NodeName %s", a);
		LocalFree(s);
		LocalFree(out);
		CHECK(ClusDocEx_NodEnumNetInterfaces(hNode, NULL, 0, &cbIfs) ==
		      ERROR_MORE_DATA, "node interfaces");
		ifs = ClusDocEx_Alloc(cbIfs);
		CHECK(ifs && ClusDocEx_NodEnumNetInterfaces(hNode, ifs,
							    cbIfs + 1, &cbIfs) ==
		      ERROR_SUCCESS, "node interfaces");
		printf("node: %s state %d interfaces %u bytes\n", b,
		       (int)GetClusterNodeState(hNode), cbIfs);
		LocalFree(ifs);
		found += !strcmp(b, "node1");
		CloseClusterNode(hNode);
	}
	LocalFree(list);
	CHECK(found == 1, "node1 listed once");
	return 0;
}

static int networks(HCLUSTER hCluster)
{
	LPBYTE list = enum_list(hCluster, CLUSTER_ENUM_NETWORK), p;
	const WCHAR *name;
	char a[256], b[256];
	int found = 0;

	CHECK(list, "network enumeration: %u", GetLastError());
	for (p = list; (name = next_sz(&p)) != NULL;) {
		HNETWORK hNetwork = OpenClusterNetworkEx(hCluster, name,
							 GENERIC_READ, NULL);
		LPBYTE ifs, q;
		LPVOID out;
		DWORD cb, cbIfs = 0;
		LPWSTR s = NULL;
		const WCHAR *ifname;

		ClusDocEx_Narrow(name, b, sizeof(b));
		CHECK(hNetwork, "open network %s: %u", b, GetLastError());
		out = ClusDocEx_NetGetControlCodeOutput(
			hNetwork, NULL, CLUSCTL_NETWORK_GET_NAME, &cb);
		CHECK(same_name(out, cb, name), "network GET_NAME");
		LocalFree(out);
		out = ClusDocEx_NetGetControlCodeOutput(
			hNetwork, NULL, CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES,
			&cb);
		CHECK(out && ResUtilFindSzProperty(out, cb, L"Address", &s) ==
		      ERROR_SUCCESS, "network Address");
		printf("network: %s state %d address %s\n", b,
		       (int)GetClusterNetworkState(hNetwork),
		       ClusDocEx_Narrow(s, a, sizeof(a)));
		LocalFree(s);
		LocalFree(out);
		CHECK(ClusDocEx_NetEnumNetInterfaces(hNetwork, NULL, 0,
						     &cbIfs) == ERROR_MORE_DATA,
		      "network interfaces");
		ifs = (LPBYTE)ClusDocEx_Alloc(cbIfs);
		CHECK(ifs && ClusDocEx_NetEnumNetInterfaces(hNetwork, ifs,
							    cbIfs + 1, &cbIfs) ==
		      ERROR_SUCCESS, "network interfaces");
		for (q = ifs; (ifname = next_sz(&q)) != NULL;) {
			ClusDocEx_Narrow(ifname, a, sizeof(a));
			printf("  interface: %s\n", a);
			found += !strcmp(b, "Cluster Network 1") &&
				 !strcmp(a, "node1 - eth0");
		}
		LocalFree(ifs);
		CloseClusterNetwork(hNetwork);
	}
	LocalFree(list);
	CHECK(found == 1, "node1 - eth0 on Cluster Network 1");
	return 0;
}

static int interfaces(HCLUSTER hCluster)
{
	LPBYTE list = enum_list(hCluster, CLUSTER_ENUM_NETINTERFACE), p;
	const WCHAR *name;
	char a[256], b[256];
	int n = 0;

	CHECK(list, "interface enumeration: %u", GetLastError());
	for (p = list; (name = next_sz(&p)) != NULL; n++) {
		HNETINTERFACE hNetInterface =
			OpenClusterNetInterfaceEx(hCluster, name, GENERIC_READ,
						  NULL);
		LPVOID out;
		DWORD cb;
		LPWSTR s = NULL;

		ClusDocEx_Narrow(name, b, sizeof(b));
		CHECK(hNetInterface, "open interface %s: %u", b,
		      GetLastError());
		out = ClusDocEx_NICGetControlCodeOutput(
			hNetInterface, NULL, CLUSCTL_NETINTERFACE_GET_NAME, &cb);
		CHECK(same_name(out, cb, name), "interface GET_NAME");
		LocalFree(out);
		out = ClusDocEx_NICGetControlCodeOutput(
			hNetInterface, NULL,
			CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, &cb);
		CHECK(out && ResUtilFindSzProperty(out, cb, L"Node", &s) ==
		      ERROR_SUCCESS, "interface Node");
		printf("netinterface: %s state %d node %s\n", b,
		       (int)GetClusterNetInterfaceState(hNetInterface),
		       ClusDocEx_Narrow(s, a, sizeof(a)));
		LocalFree(s);
		LocalFree(out);
		CloseClusterNetInterface(hNetInterface);
	}
	LocalFree(list);
	CHECK(n >= 2, "two interfaces at least");
	return 0;
}

int main(void)
{
	HCLUSTER hCluster = OpenClusterEx(NULL, MAXIMUM_ALLOWED, NULL);
	int rc;

	if (hCluster == NULL) {
		printf("SKIP: no cluster: %u\n", GetLastError());
		return 4;	/* KSFT_SKIP */
	}
	rc = nodes(hCluster) || networks(hCluster) || interfaces(hCluster);
	CloseCluster(hCluster);
	printf("%s\n", rc ? "FAILED" : "PASSED");
	return rc;
}
