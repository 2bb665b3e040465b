/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusapi_probe: a ClusAPI client in the style of Microsoft's samples
 * (selftests/msdocs/README), run on node1 by daemon/tests/cluster_test.sh
 * to read what a Windows program would be told about the cluster.
 *
 *   clusapi_probe          one line per object, tab separated:
 *                            node NAME STATE
 *                            network NAME STATE
 *                            netinterface NAME STATE NODE NETWORK
 *                          STATE is Windows' enumerator name
 *                          (ClusterNodeUp, ClusterNetworkPartitioned,
 *                          ClusterNetInterfaceFailed, ...). Every object
 *                          comes from one ClusterOpenEnum of nodes, networks
 *                          and interfaces; each interface is found again by
 *                          GetClusterNetInterface(node, network) (unless
 *                          it is on no network: its NIC was deleted).
 *                          Exits 0 when every call worked, 1 otherwise.
 *   clusapi_probe watch    a notification port for node, network and
 *                          interface state changes and interfaces added
 *                          or deleted; prints "ready", then
 *                          per notification:
 *                            notify FILTER NAME STATE
 *                          with the object's state read when it came.
 *                          Runs until killed (exit 1 on an error).
 *
 * Built as C++ with -fshort-wchar by selftests/Makefile; the test VM gets
 * it with selftests/cluster (/opt/clusnet/selftests/cluster/clusapi_probe).
 */
#include "../msdocs/ClusDocEx.h"
#include "../msdocs/ClusDocEx_GetControlCodeOutput.cpp"

static const char *NodeStateName(CLUSTER_NODE_STATE s)
{
	switch (s) {
	case ClusterNodeUp:		return "ClusterNodeUp";
	case ClusterNodeDown:		return "ClusterNodeDown";
	case ClusterNodePaused:		return "ClusterNodePaused";
	case ClusterNodeJoining:	return "ClusterNodeJoining";
	default:			return "ClusterNodeStateUnknown";
	}
}

static const char *NetworkStateName(CLUSTER_NETWORK_STATE s)
{
	switch (s) {
	case ClusterNetworkUnavailable:	return "ClusterNetworkUnavailable";
	case ClusterNetworkDown:	return "ClusterNetworkDown";
	case ClusterNetworkPartitioned:	return "ClusterNetworkPartitioned";
	case ClusterNetworkUp:		return "ClusterNetworkUp";
	default:			return "ClusterNetworkStateUnknown";
	}
}

static const char *NetInterfaceStateName(CLUSTER_NETINTERFACE_STATE s)
{
	switch (s) {
	case ClusterNetInterfaceUnavailable:
		return "ClusterNetInterfaceUnavailable";
	case ClusterNetInterfaceFailed:
		return "ClusterNetInterfaceFailed";
	case ClusterNetInterfaceUnreachable:
		return "ClusterNetInterfaceUnreachable";
	case ClusterNetInterfaceUp:
		return "ClusterNetInterfaceUp";
	default:
		return "ClusterNetInterfaceStateUnknown";
	}
}

/* The state of a node, network or interface by name, as Windows names it. */
static const char *ObjectStateName(HCLUSTER hCluster, DWORD dwType,
				   LPCWSTR lpszName)
{
	const char *psz = "unknown";

	if (dwType == CLUSTER_ENUM_NODE) {
		HNODE hNode = OpenClusterNode(hCluster, lpszName);

		if (hNode != NULL) {
			psz = NodeStateName(GetClusterNodeState(hNode));
			CloseClusterNode(hNode);
		}
	} else if (dwType == CLUSTER_ENUM_NETWORK) {
		HNETWORK hNetwork = OpenClusterNetwork(hCluster, lpszName);

		if (hNetwork != NULL) {
			psz = NetworkStateName(GetClusterNetworkState(hNetwork));
			CloseClusterNetwork(hNetwork);
		}
	} else {
		HNETINTERFACE hNetInterface =
			OpenClusterNetInterfaceEx(hCluster, lpszName,
						  GENERIC_READ, NULL);

		if (hNetInterface != NULL) {
			psz = NetInterfaceStateName(
				GetClusterNetInterfaceState(hNetInterface));
			CloseClusterNetInterface(hNetInterface);
		}
	}
	return psz;
}

/* An SZ property of an interface's read-only common properties; LocalFree. */
static LPWSTR NetInterfaceProperty(HNETINTERFACE hNetInterface,
				   LPCWSTR lpszProperty)
{
	DWORD cb = 0;
	LPWSTR lpsz = NULL;
	LPVOID lpProps = ClusDocEx_NICGetControlCodeOutput(
		hNetInterface, NULL,
		CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, &cb);

	if (lpProps == NULL)
		return NULL;
	if (ResUtilFindSzProperty(lpProps, cb, lpszProperty, &lpsz) !=
	    ERROR_SUCCESS)
		lpsz = NULL;
	LocalFree(lpProps);
	return lpsz;
}

/* GetClusterNetInterface with the buffer protocol; LocalFree the name. */
static LPWSTR NetInterfaceOf(HCLUSTER hCluster, LPCWSTR lpszNode,
			     LPCWSTR lpszNetwork, LPDWORD lpdwResult)
{
	DWORD cchName = ClusDocEx_DEFAULT_CB / sizeof(WCHAR);
	LPWSTR lpszName = (LPWSTR)ClusDocEx_Alloc(cchName * sizeof(WCHAR));

	if (lpszName == NULL) {
		*lpdwResult = ERROR_NOT_ENOUGH_MEMORY;
		return NULL;
	}
	*lpdwResult = GetClusterNetInterface(hCluster, lpszNode, lpszNetwork,
					     lpszName, &cchName);
	if (*lpdwResult == ERROR_MORE_DATA) {
		cchName++;	/* terminating NULL */
		LocalFree(lpszName);
		lpszName = (LPWSTR)ClusDocEx_Alloc(cchName * sizeof(WCHAR));
		if (lpszName == NULL) {
			*lpdwResult = ERROR_NOT_ENOUGH_MEMORY;
			return NULL;
		}
		*lpdwResult = GetClusterNetInterface(hCluster, lpszNode,
						     lpszNetwork, lpszName,
						     &cchName);
	}
	if (*lpdwResult != ERROR_SUCCESS) {
		LocalFree(lpszName);
		lpszName = NULL;
	}
	return lpszName;
}

static int SameName(LPCWSTR a, LPCWSTR b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* One line for an interface; 0 when every call about it worked. */
static int PrintNetInterface(HCLUSTER hCluster, LPCWSTR lpszName)
{
	HNETINTERFACE hNetInterface = OpenClusterNetInterfaceEx(
		hCluster, lpszName, GENERIC_READ, NULL);
	CLUSTER_NETINTERFACE_STATE state;
	LPWSTR lpszNode, lpszNetwork, lpszFound = NULL;
	char szName[256], szNode[256], szNetwork[256];
	DWORD dwResult = ERROR_SUCCESS;
	int rc = 0;

	ClusDocEx_Narrow(lpszName, szName, sizeof(szName));
	if (hNetInterface == NULL) {
		printf("FAIL: OpenClusterNetInterfaceEx %s: %u\n", szName,
		       GetLastError());
		return 1;
	}
	state = GetClusterNetInterfaceState(hNetInterface);
	lpszNode = NetInterfaceProperty(hNetInterface, L"Node");
	lpszNetwork = NetInterfaceProperty(hNetInterface, L"Network");
	/* An interface on no network (its NIC gone) has nothing to look up. */
	if (lpszNode && lpszNetwork && lpszNetwork[0])
		lpszFound = NetInterfaceOf(hCluster, lpszNode, lpszNetwork,
					   &dwResult);
	printf("netinterface\t%s\t%s\t%s\t%s\n", szName,
	       NetInterfaceStateName(state),
	       ClusDocEx_Narrow(lpszNode, szNode, sizeof(szNode)),
	       ClusDocEx_Narrow(lpszNetwork, szNetwork, sizeof(szNetwork)));
	if (state == ClusterNetInterfaceStateUnknown) {
		printf("FAIL: GetClusterNetInterfaceState %s: %u\n", szName,
		       GetLastError());
		rc = 1;
	}
	if (lpszNode == NULL || lpszNetwork == NULL) {
		printf("FAIL: %s: no Node or Network property\n", szName);
		rc = 1;
	} else if (lpszNetwork[0] &&
		   (lpszFound == NULL || !SameName(lpszFound, lpszName))) {
		printf("FAIL: GetClusterNetInterface(%s, %s): %u, %s\n",
		       szNode, szNetwork, dwResult,
		       ClusDocEx_Narrow(lpszFound, szName, sizeof(szName)));
		rc = 1;
	}
	LocalFree(lpszFound);
	LocalFree(lpszNetwork);
	LocalFree(lpszNode);
	CloseClusterNetInterface(hNetInterface);
	return rc;
}

static int ListObjects(HCLUSTER hCluster)
{
	HCLUSENUM hEnum = ClusterOpenEnum(hCluster, CLUSTER_ENUM_NODE |
					  CLUSTER_ENUM_NETWORK |
					  CLUSTER_ENUM_NETINTERFACE);
	DWORD cbNameAlloc = ClusDocEx_DEFAULT_CB;
	LPWSTR lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
	DWORD dwResult = ERROR_SUCCESS;
	DWORD dwIndex, dwType, cchName;
	DWORD cNodes = 0, cNetworks = 0, cNetInterfaces = 0;
	char szName[256];
	int rc = 0;

	if (hEnum == NULL || lpszName == NULL) {
		printf("FAIL: ClusterOpenEnum: %u\n", GetLastError());
		return 1;
	}
	for (dwIndex = 0; dwResult == ERROR_SUCCESS; dwIndex++) {
		cchName = cbNameAlloc / sizeof(WCHAR);
		dwResult = ClusterEnum(hEnum, dwIndex, &dwType, lpszName,
				       &cchName);
		if (dwResult == ERROR_MORE_DATA) {
			cchName++;	/* terminating NULL */
			cbNameAlloc = cchName * sizeof(WCHAR);
			LocalFree(lpszName);
			lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
			if (lpszName == NULL) {
				dwResult = ERROR_NOT_ENOUGH_MEMORY;
				break;
			}
			dwResult = ClusterEnum(hEnum, dwIndex, &dwType,
					       lpszName, &cchName);
		}
		if (dwResult != ERROR_SUCCESS)
			break;
		ClusDocEx_Narrow(lpszName, szName, sizeof(szName));
		switch (dwType) {
		case CLUSTER_ENUM_NODE:
			cNodes++;
			printf("node\t%s\t%s\n", szName,
			       ObjectStateName(hCluster, dwType, lpszName));
			break;
		case CLUSTER_ENUM_NETWORK:
			cNetworks++;
			printf("network\t%s\t%s\n", szName,
			       ObjectStateName(hCluster, dwType, lpszName));
			break;
		case CLUSTER_ENUM_NETINTERFACE:
			cNetInterfaces++;
			rc |= PrintNetInterface(hCluster, lpszName);
			break;
		default:
			printf("FAIL: %s: type %u not asked for\n", szName,
			       dwType);
			rc = 1;
		}
	}
	LocalFree(lpszName);
	ClusterCloseEnum(hEnum);
	if (dwResult != ERROR_NO_MORE_ITEMS) {
		printf("FAIL: ClusterEnum %u: %u\n", dwIndex, dwResult);
		rc = 1;
	}
	if (!cNodes || !cNetworks || !cNetInterfaces) {
		printf("FAIL: %u nodes, %u networks, %u interfaces\n", cNodes,
		       cNetworks, cNetInterfaces);
		rc = 1;
	}
	return rc;
}

static const char *FilterName(DWORD dwFilter)
{
	switch (dwFilter) {
	case CLUSTER_CHANGE_NODE_STATE:
		return "CLUSTER_CHANGE_NODE_STATE";
	case CLUSTER_CHANGE_NETWORK_STATE:
		return "CLUSTER_CHANGE_NETWORK_STATE";
	case CLUSTER_CHANGE_NETINTERFACE_STATE:
		return "CLUSTER_CHANGE_NETINTERFACE_STATE";
	case CLUSTER_CHANGE_NETINTERFACE_ADDED:
		return "CLUSTER_CHANGE_NETINTERFACE_ADDED";
	case CLUSTER_CHANGE_NETINTERFACE_DELETED:
		return "CLUSTER_CHANGE_NETINTERFACE_DELETED";
	case CLUSTER_CHANGE_CLUSTER_RECONNECT:
		return "CLUSTER_CHANGE_CLUSTER_RECONNECT";
	default:
		return "other";
	}
}

static int WatchObjects(HCLUSTER hCluster)
{
	HCHANGE hChange = CreateClusterNotifyPort(
		(HCHANGE)INVALID_HANDLE_VALUE, hCluster,
		CLUSTER_CHANGE_NODE_STATE | CLUSTER_CHANGE_NETWORK_STATE |
		CLUSTER_CHANGE_NETINTERFACE_STATE |
		CLUSTER_CHANGE_NETINTERFACE_ADDED |
		CLUSTER_CHANGE_NETINTERFACE_DELETED, 1);
	DWORD cbNameAlloc = ClusDocEx_DEFAULT_CB;
	LPWSTR lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
	DWORD_PTR dwKey = 0;
	DWORD dwFilter = 0, cchName, dwResult, dwType;
	char szName[256];

	if (hChange == NULL || lpszName == NULL) {
		printf("FAIL: CreateClusterNotifyPort: %u\n", GetLastError());
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		cchName = cbNameAlloc / sizeof(WCHAR);
		dwResult = GetClusterNotify(hChange, &dwKey, &dwFilter,
					    lpszName, &cchName, INFINITE);
		if (dwResult == ERROR_MORE_DATA) {
			cchName++;	/* terminating NULL */
			cbNameAlloc = cchName * sizeof(WCHAR);
			LocalFree(lpszName);
			lpszName = (LPWSTR)ClusDocEx_Alloc(cbNameAlloc);
			if (lpszName == NULL) {
				dwResult = ERROR_NOT_ENOUGH_MEMORY;
				break;
			}
			dwResult = GetClusterNotify(hChange, &dwKey, &dwFilter,
						    lpszName, &cchName,
						    INFINITE);
		}
		if (dwResult == (DWORD)WAIT_TIMEOUT)
			continue;
		if (dwResult != ERROR_SUCCESS)
			break;
		ClusDocEx_Narrow(lpszName, szName, sizeof(szName));
		if (dwFilter == CLUSTER_CHANGE_NODE_STATE)
			dwType = CLUSTER_ENUM_NODE;
		else if (dwFilter == CLUSTER_CHANGE_NETWORK_STATE)
			dwType = CLUSTER_ENUM_NETWORK;
		else if (dwFilter == CLUSTER_CHANGE_NETINTERFACE_STATE ||
			 dwFilter == CLUSTER_CHANGE_NETINTERFACE_ADDED)
			dwType = CLUSTER_ENUM_NETINTERFACE;
		else
			dwType = 0;
		printf("notify\t%s\t%s\t%s\n", FilterName(dwFilter), szName,
		       dwType ? ObjectStateName(hCluster, dwType, lpszName) :
		       "-");
		fflush(stdout);
	}
	printf("FAIL: GetClusterNotify: %u\n", dwResult);
	LocalFree(lpszName);
	CloseClusterNotifyPort(hChange);
	return 1;
}

int main(int argc, char **argv)
{
	HCLUSTER hCluster = OpenCluster(NULL);
	int rc;

	if (hCluster == NULL) {
		printf("FAIL: OpenCluster: %u\n", GetLastError());
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "watch"))
		rc = WatchObjects(hCluster);
	else
		rc = ListObjects(hCluster);
	CloseCluster(hCluster);
	return rc;
}
