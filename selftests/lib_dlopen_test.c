// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet found at run time, the way Windows code uses
 * LoadLibrary("clusapi.dll") + GetProcAddress: dlopen("libclusnet.so.1")
 * and dlsym into the PCLUSAPI_* function pointer types. Also checks the
 * export surface: internals are not visible, the first ClusAPI names are
 * versioned CLUSNET_1, the later ones CLUSNET_1.1. Linked with -ldl only,
 * never with libclusnet.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "clusapi.h"
#include "resapi.h"
#include "kselftest_harness.h"

typedef DWORD(WINAPI *get_last_error_fn)(void);
typedef void(WINAPI *set_last_error_fn)(DWORD);

static const char *const exported[] = {
	"OpenCluster", "OpenClusterEx", "CloseCluster",
	"OpenClusterNetInterface", "OpenClusterNetInterfaceEx",
	"CloseClusterNetInterface", "GetClusterNetInterfaceState",
	"GetLastError", "SetLastError",
};

/* Added later (nodes, networks, control, notifications): CLUSNET_1.1. */
static const char *const exported_1_1[] = {
	"GetClusterFromNetInterface", "GetClusterNetInterface",
	"ClusterNetInterfaceOpenEnum", "ClusterNetInterfaceEnum",
	"ClusterNetInterfaceCloseEnum", "ClusterNetInterfaceControl",
	"OpenClusterNode", "OpenClusterNodeEx", "CloseClusterNode",
	"GetClusterNodeState", "OpenClusterNetwork", "OpenClusterNetworkEx",
	"CloseClusterNetwork", "GetClusterNetworkState",
	"SetClusterNetworkName", "GetClusterNetworkId",
	"CreateClusterNotifyPort", "RegisterClusterNotify", "GetClusterNotify",
	"CloseClusterNotifyPort", "ResUtilFindSzProperty",
	"ResUtilFindExpandSzProperty", "ResUtilFindDwordProperty",
	"ResUtilFindLongProperty", "ResUtilFindULargeIntegerProperty",
	"ResUtilFindMultiSzProperty", "ResUtilFindBinaryProperty", "LocalFree",
	"ClusnetPropListCreate", "ClusnetPropListAddValue",
	"ClusnetPropListAddSz", "ClusnetPropListAddMultiSz",
	"ClusnetPropListAddDword", "ClusnetPropListAddBinary",
	"ClusnetPropListData", "ClusnetPropListFree", "ClusnetPropListValidate",
};

/* Enumerations, node and network controls: CLUSNET_1.2. */
static const char *const exported_1_2[] = {
	"ClusterOpenEnum", "ClusterGetEnumCount", "ClusterEnum",
	"ClusterCloseEnum", "ClusterNodeOpenEnum", "ClusterNodeGetEnumCount",
	"ClusterNodeEnum", "ClusterNodeCloseEnum", "ClusterNetworkOpenEnum",
	"ClusterNetworkGetEnumCount", "ClusterNetworkEnum",
	"ClusterNetworkCloseEnum", "GetClusterNetInterfaceEx",
	"GetClusterFromNode", "GetClusterFromNetwork", "GetClusterNodeId",
	"ClusterNodeControl", "ClusterNodeControlEx", "ClusterNetworkControl",
	"ClusterNetworkControlEx", "ClusterNetInterfaceControlEx",
};

static const char *const internal[] = {
	"clusnet_utf16_len", "clusnet_utf16_to_utf8",
	"clusnet_utf16_to_utf8_alloc", "clusnet_utf8_to_utf16",
	"clusnet_errno_to_win32", "clusnet_set_errno_error",
	"utf16_next", "utf8_next", "errno_map", "last_error",
	"cluster_info", "is_local_name",
	"clusnet_conn_new", "clusnet_conn_get", "clusnet_conn_put",
	"clusnet_cluster_info", "clusnet_cluster_new", "clusnet_grant",
	"clusnet_name_eq", "clusnet_put_wstr", "clusnet_name_arg",
	"clusnet_format_id", "clusnet_snap_ifs", "clusnet_snap_networks",
	"clusnet_node_known", "clusnet_network_by_name",
	"clusnet_priv_get", "clusnet_priv_set", "clusnet_notify_closed",
	"clusnet_out_bytes", "clusnet_parse_set", "clusnet_node_id",
	"clusnet_proplist_walk", "clusnet_prop_name_is", "clusnet_pl_init",
	"clusnet_pl_release", "clusnet_pl_add", "clusnet_pl_add_sz8",
	"clusnet_pl_add_multi_sz8", "clusnet_parse_set_common",
};

FIXTURE(lib)
{
	void *dl;
	PCLUSAPI_OPEN_CLUSTER OpenCluster;
	PCLUSAPI_OPEN_CLUSTER_EX OpenClusterEx;
	PCLUSAPI_CLOSE_CLUSTER CloseCluster;
	PCLUSAPI_OPEN_CLUSTER_NET_INTERFACE OpenClusterNetInterface;
	PCLUSAPI_OPEN_CLUSTER_NETINTERFACE_EX OpenClusterNetInterfaceEx;
	PCLUSAPI_CLOSE_CLUSTER_NET_INTERFACE CloseClusterNetInterface;
	PCLUSAPI_GET_CLUSTER_NET_INTERFACE_STATE GetClusterNetInterfaceState;
	get_last_error_fn GetLastError;
	set_last_error_fn SetLastError;
	PCLUSAPI_GET_CLUSTER_FROM_NET_INTERFACE GetClusterFromNetInterface;
	PCLUSAPI_GET_CLUSTER_NET_INTERFACE GetClusterNetInterface;
	PCLUSAPI_CLUSTER_NET_INTERFACE_CONTROL ClusterNetInterfaceControl;
	PCLUSAPI_OPEN_CLUSTER_NODE OpenClusterNode;
	PCLUSAPI_OPEN_CLUSTER_NODE_EX OpenClusterNodeEx;
	PCLUSAPI_CLOSE_CLUSTER_NODE CloseClusterNode;
	PCLUSAPI_GET_CLUSTER_NODE_STATE GetClusterNodeState;
	PCLUSAPI_OPEN_CLUSTER_NETWORK OpenClusterNetwork;
	PCLUSAPI_OPEN_CLUSTER_NETWORK_EX OpenClusterNetworkEx;
	PCLUSAPI_CLOSE_CLUSTER_NETWORK CloseClusterNetwork;
	PCLUSAPI_GET_CLUSTER_NETWORK_STATE GetClusterNetworkState;
	PCLUSAPI_SET_CLUSTER_NETWORK_NAME SetClusterNetworkName;
	PCLUSAPI_GET_CLUSTER_NETWORK_ID GetClusterNetworkId;
	PCLUSAPI_CREATE_CLUSTER_NOTIFY_PORT CreateClusterNotifyPort;
	PCLUSAPI_REGISTER_CLUSTER_NOTIFY RegisterClusterNotify;
	PCLUSAPI_GET_CLUSTER_NOTIFY GetClusterNotify;
	PCLUSAPI_CLOSE_CLUSTER_NOTIFY_PORT CloseClusterNotifyPort;
	PRESUTIL_FIND_SZ_PROPERTY ResUtilFindSzProperty;
	PRESUTIL_FIND_EXPAND_SZ_PROPERTY ResUtilFindExpandSzProperty;
	PRESUTIL_FIND_DWORD_PROPERTY ResUtilFindDwordProperty;
	PRESUTIL_FIND_LONG_PROPERTY ResUtilFindLongProperty;
	PRESUTIL_FIND_ULARGEINTEGER_PROPERTY ResUtilFindULargeIntegerProperty;
	PRESUTIL_FIND_MULTI_SZ_PROPERTY ResUtilFindMultiSzProperty;
	PRESUTIL_FIND_BINARY_PROPERTY ResUtilFindBinaryProperty;
};

/* like GetProcAddress: a function pointer from a symbol name */
#define LOAD(self, name) do { \
	void *p_ = dlsym((self)->dl, #name); \
	ASSERT_NE(NULL, p_) TH_LOG("dlsym %s: %s", #name, dlerror()); \
	memcpy(&(self)->name, &p_, sizeof(p_)); \
} while (0)

FIXTURE_SETUP(lib)
{
	self->dl = dlopen("libclusnet.so.1", RTLD_NOW | RTLD_LOCAL);
	ASSERT_NE(NULL, self->dl) TH_LOG("dlopen: %s", dlerror());
	LOAD(self, OpenCluster);
	LOAD(self, OpenClusterEx);
	LOAD(self, CloseCluster);
	LOAD(self, OpenClusterNetInterface);
	LOAD(self, OpenClusterNetInterfaceEx);
	LOAD(self, CloseClusterNetInterface);
	LOAD(self, GetClusterNetInterfaceState);
	LOAD(self, GetLastError);
	LOAD(self, SetLastError);
	LOAD(self, GetClusterFromNetInterface);
	LOAD(self, GetClusterNetInterface);
	LOAD(self, ClusterNetInterfaceControl);
	LOAD(self, OpenClusterNode);
	LOAD(self, OpenClusterNodeEx);
	LOAD(self, CloseClusterNode);
	LOAD(self, GetClusterNodeState);
	LOAD(self, OpenClusterNetwork);
	LOAD(self, OpenClusterNetworkEx);
	LOAD(self, CloseClusterNetwork);
	LOAD(self, GetClusterNetworkState);
	LOAD(self, SetClusterNetworkName);
	LOAD(self, GetClusterNetworkId);
	LOAD(self, CreateClusterNotifyPort);
	LOAD(self, RegisterClusterNotify);
	LOAD(self, GetClusterNotify);
	LOAD(self, CloseClusterNotifyPort);
	LOAD(self, ResUtilFindSzProperty);
	LOAD(self, ResUtilFindExpandSzProperty);
	LOAD(self, ResUtilFindDwordProperty);
	LOAD(self, ResUtilFindLongProperty);
	LOAD(self, ResUtilFindULargeIntegerProperty);
	LOAD(self, ResUtilFindMultiSzProperty);
	LOAD(self, ResUtilFindBinaryProperty);
}

FIXTURE_TEARDOWN(lib)
{
	if (self->dl)
		EXPECT_EQ(0, dlclose(self->dl));
}

TEST_F(lib, exports_are_versioned)
{
	size_t i;

	for (i = 0; i < sizeof(exported) / sizeof(exported[0]); i++) {
		void *plain = dlsym(self->dl, exported[i]);
		void *v1 = dlvsym(self->dl, exported[i], "CLUSNET_1");

		ASSERT_NE(NULL, plain) TH_LOG("%s", exported[i]);
		ASSERT_EQ(plain, v1) TH_LOG("%s is not CLUSNET_1", exported[i]);
		ASSERT_EQ(NULL, dlvsym(self->dl, exported[i], "CLUSNET_2"));
	}
	ASSERT_EQ(dlsym(self->dl, "OpenClusterNetInterfaceEx"),
		  dlvsym(self->dl, "OpenClusterNetInterfaceEx", "CLUSNET_1"));
	for (i = 0; i < sizeof(exported_1_1) / sizeof(exported_1_1[0]); i++) {
		void *plain = dlsym(self->dl, exported_1_1[i]);
		void *v = dlvsym(self->dl, exported_1_1[i], "CLUSNET_1.1");

		ASSERT_NE(NULL, plain) TH_LOG("%s", exported_1_1[i]);
		ASSERT_EQ(plain, v)
			TH_LOG("%s is not CLUSNET_1.1", exported_1_1[i]);
		/* CLUSNET_1 is published: nothing was added to it */
		ASSERT_EQ(NULL, dlvsym(self->dl, exported_1_1[i], "CLUSNET_1"))
			TH_LOG("%s in CLUSNET_1", exported_1_1[i]);
	}
	for (i = 0; i < sizeof(exported_1_2) / sizeof(exported_1_2[0]); i++) {
		void *plain = dlsym(self->dl, exported_1_2[i]);
		void *v = dlvsym(self->dl, exported_1_2[i], "CLUSNET_1.2");

		ASSERT_NE(NULL, plain) TH_LOG("%s", exported_1_2[i]);
		ASSERT_EQ(plain, v)
			TH_LOG("%s is not CLUSNET_1.2", exported_1_2[i]);
		ASSERT_EQ(NULL, dlvsym(self->dl, exported_1_2[i], "CLUSNET_1.1"))
			TH_LOG("%s in CLUSNET_1.1", exported_1_2[i]);
	}
}

TEST_F(lib, internals_hidden)
{
	size_t i;

	for (i = 0; i < sizeof(internal) / sizeof(internal[0]); i++) {
		dlerror();
		EXPECT_EQ(NULL, dlsym(self->dl, internal[i]))
			TH_LOG("%s is exported", internal[i]);
		EXPECT_NE(NULL, dlerror());
	}
	/* ClusAPI functions clusnet does not have: must not resolve either */
	EXPECT_EQ(NULL, dlsym(self->dl, "GetClusterNetInterfaceKey"));
	EXPECT_EQ(NULL, dlsym(self->dl, "ClusterGroupOpenEnum"));
}

TEST_F(lib, last_error_through_dlsym)
{
	self->SetLastError(12345);
	ASSERT_EQ(12345U, self->GetLastError());
	ASSERT_EQ(NULL, self->OpenClusterNetInterfaceEx(NULL, u"node1 - eth0",
							GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, self->GetLastError());
	ASSERT_FALSE(self->CloseCluster(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, self->GetLastError());
	ASSERT_EQ(ClusterNetInterfaceStateUnknown,
		  self->GetClusterNetInterfaceState(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, self->GetLastError());
	/* the CLUSNET_1.1 ones, through their PCLUSAPI_* types */
	ASSERT_EQ(NULL, self->GetClusterFromNetInterface(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, self->GetLastError());
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  self->GetClusterNetInterface(NULL, u"node1", u"x", NULL,
					       NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  self->ClusterNetInterfaceControl(NULL, NULL, 0, NULL, 0,
						   NULL, 0, NULL));
	ASSERT_EQ(NULL, self->OpenClusterNode(NULL, u"node1"));
	ASSERT_EQ(NULL, self->OpenClusterNodeEx(NULL, u"node1", GENERIC_READ,
						NULL));
	ASSERT_FALSE(self->CloseClusterNode(NULL));
	ASSERT_EQ(ClusterNodeStateUnknown, self->GetClusterNodeState(NULL));
	ASSERT_EQ(NULL, self->OpenClusterNetwork(NULL, u"x"));
	ASSERT_EQ(NULL, self->OpenClusterNetworkEx(NULL, u"x", GENERIC_READ,
						   NULL));
	ASSERT_FALSE(self->CloseClusterNetwork(NULL));
	ASSERT_EQ(ClusterNetworkStateUnknown,
		  self->GetClusterNetworkState(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, self->SetClusterNetworkName(NULL, u"x"));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  self->GetClusterNetworkId(NULL, NULL, NULL));
	ASSERT_EQ(NULL, self->CreateClusterNotifyPort(NULL, NULL, 0, 0));
	ASSERT_EQ(ERROR_INVALID_HANDLE, self->GetLastError());
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  self->RegisterClusterNotify(NULL, 0, NULL, 0));
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  self->GetClusterNotify(NULL, NULL, NULL, NULL, NULL, 0));
	ASSERT_FALSE(self->CloseClusterNotifyPort(NULL));
}

TEST_F(lib, resutil_through_dlsym)
{
	static const uint32_t empty;	/* a list of no properties */
	DWORD dw;
	LONG l;
	ULONGLONG u;

	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindSzProperty((PVOID)&empty, 4, u"x", NULL));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindExpandSzProperty((PVOID)&empty, 4, u"x",
						    NULL));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindDwordProperty((PVOID)&empty, 4, u"x", &dw));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindLongProperty((PVOID)&empty, 4, u"x", &l));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindULargeIntegerProperty((PVOID)&empty, 4,
							 u"x", &u));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindMultiSzProperty((PVOID)&empty, 4, u"x",
						   NULL, NULL));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  self->ResUtilFindBinaryProperty((PVOID)&empty, 4, u"x", NULL,
						  NULL));
	ASSERT_EQ(ERROR_INVALID_DATA,
		  self->ResUtilFindDwordProperty((PVOID)&empty, 3, u"x", &dw));
}

TEST_F(lib, no_module)
{
	if (access("/dev/clusnet", F_OK) == 0)
		SKIP(return, "/dev/clusnet exists");
	ASSERT_EQ(NULL, self->OpenCluster(NULL));
	ASSERT_EQ(RPC_S_SERVER_UNAVAILABLE, self->GetLastError());
}

static int cap_net_admin(void)
{
	char line[256];
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return geteuid() == 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return !!(eff & (1ULL << 12));
}

/* As Windows code does: open the cluster, each access, granted, state. */
TEST_F(lib, open_state_close)
{
	static const struct {
		DWORD desired, full, ro;	/* ro 0: ERROR_ACCESS_DENIED */
	} rows[] = {
		{ GENERIC_READ, GENERIC_READ, GENERIC_READ },
		{ GENERIC_ALL, GENERIC_ALL, 0 },
		{ GENERIC_WRITE, GENERIC_ALL, 0 },
		{ GENERIC_EXECUTE, GENERIC_ALL, 0 },
		{ MAXIMUM_ALLOWED, GENERIC_ALL, GENERIC_READ },
	};
	int full = cap_net_admin() || geteuid() == 0;
	DWORD granted = 0;
	HCLUSTER hc;
	size_t i;

	if (access("/dev/clusnet", F_OK) != 0)
		SKIP(return, "/dev/clusnet missing (clusnet not loaded)");

	hc = self->OpenCluster(NULL);
	if (cap_net_admin()) {
		ASSERT_NE(NULL, hc);
		ASSERT_TRUE(self->CloseCluster(hc));
	} else {
		ASSERT_EQ(NULL, hc);
		ASSERT_EQ(ERROR_ACCESS_DENIED, self->GetLastError());
	}
	hc = self->OpenClusterEx(NULL, MAXIMUM_ALLOWED, &granted);
	ASSERT_NE(NULL, hc) TH_LOG("error %u", self->GetLastError());
	ASSERT_EQ(cap_net_admin() ? GENERIC_ALL : GENERIC_READ, granted);

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		DWORD want = full ? rows[i].full : rows[i].ro;
		HNETINTERFACE h;
		CLUSTER_NETINTERFACE_STATE s;
		int tries;

		granted = 0;
		h = self->OpenClusterNetInterfaceEx(hc, u"node1 - eth0",
						    rows[i].desired, &granted);
		if (!want) {
			ASSERT_EQ(NULL, h);
			ASSERT_EQ(ERROR_ACCESS_DENIED, self->GetLastError());
			continue;
		}
		ASSERT_NE(NULL, h) TH_LOG("desired 0x%08x: error %u",
					  rows[i].desired, self->GetLastError());
		ASSERT_EQ(want, granted);
		s = self->GetClusterNetInterfaceState(h);
		for (tries = 0; tries < 50 && s != ClusterNetInterfaceUp; tries++) {
			usleep(100000);
			s = self->GetClusterNetInterfaceState(h);
		}
		ASSERT_EQ(ClusterNetInterfaceUp, s);
		ASSERT_TRUE(self->CloseClusterNetInterface(h));
	}

	{
		HNETINTERFACE h = self->OpenClusterNetInterface(hc, u"NODE1 - ETH1");

		if (full) {
			ASSERT_NE(NULL, h);
			ASSERT_TRUE(self->CloseClusterNetInterface(h));
		} else {
			ASSERT_EQ(NULL, h);
			ASSERT_EQ(ERROR_ACCESS_DENIED, self->GetLastError());
		}
	}
	ASSERT_EQ(NULL, self->OpenClusterNetInterfaceEx(hc, u"node1 - nothing",
							GENERIC_READ, NULL));
	ASSERT_EQ(ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, self->GetLastError());
	ASSERT_TRUE(self->CloseCluster(hc));
}

/*
 * CLUSNET_1.2, the porting additions: resapi.h's expanded-string and
 * FILETIME lookups, LocalAlloc, and the last error under Clusnet names.
 */
static const char *const exported_1_2_port[] = {
	"ResUtilFindExpandedSzProperty", "ResUtilFindFileTimeProperty",
	"LocalAlloc", "ClusnetGetLastError", "ClusnetSetLastError",
};

static const char *const internal_1_2[] = {
	"clusnet_adapter_id", "clusnet_prop_find", "clusnet_prop_copy_wstr",
	"clusnet_prop_value", "adapter_ns", "sha1_block", "env_value",
};

TEST(exports_1_2)
{
	void *dl = dlopen("libclusnet.so.1", RTLD_NOW | RTLD_LOCAL);
	size_t i;

	ASSERT_NE(NULL, dl);
	for (i = 0; i < sizeof(exported_1_2_port) / sizeof(exported_1_2_port[0]); i++) {
		void *plain = dlsym(dl, exported_1_2_port[i]);

		ASSERT_NE(NULL, plain) TH_LOG("no %s", exported_1_2_port[i]);
		ASSERT_EQ(plain, dlvsym(dl, exported_1_2_port[i], "CLUSNET_1.2"))
			TH_LOG("%s is not CLUSNET_1.2", exported_1_2_port[i]);
		/* CLUSNET_1 and 1.1 are published: nothing was added */
		ASSERT_EQ(NULL, dlvsym(dl, exported_1_2_port[i], "CLUSNET_1.1"));
		ASSERT_EQ(NULL, dlvsym(dl, exported_1_2_port[i], "CLUSNET_1"));
	}
	for (i = 0; i < sizeof(internal_1_2) / sizeof(internal_1_2[0]); i++) {
		EXPECT_EQ(NULL, dlsym(dl, internal_1_2[i]))
			TH_LOG("%s is exported", internal_1_2[i]);
	}
	EXPECT_EQ(0, dlclose(dl));
}

/*
 * A program that loads another Windows shim exporting GetLastError reads
 * ClusAPI's last error by version (dlvsym "CLUSNET_1") or by the
 * Clusnet name: both are the one error ClusAPI calls set.
 */
TEST(last_error_beside_other_shims)
{
	void *dl = dlopen("libclusnet.so.1", RTLD_NOW | RTLD_LOCAL);
	get_last_error_fn get_v1, get_cn;
	PCLUSAPI_GET_CLUSTER_NETWORK_STATE state;
	typedef HLOCAL(WINAPI *local_alloc_fn)(UINT, SIZE_T);
	local_alloc_fn local_alloc;
	PRESUTIL_FIND_EXPANDED_SZ_PROPERTY find_expanded;
	PRESUTIL_FIND_FILETIME_PROPERTY find_filetime;
	static const uint32_t empty;
	FILETIME ft;
	LPWSTR v;

	ASSERT_NE(NULL, dl);
	get_v1 = (get_last_error_fn)dlvsym(dl, "GetLastError", "CLUSNET_1");
	get_cn = (get_last_error_fn)dlsym(dl, "ClusnetGetLastError");
	state = (PCLUSAPI_GET_CLUSTER_NETWORK_STATE)dlsym(dl,
						"GetClusterNetworkState");
	local_alloc = (local_alloc_fn)dlsym(dl, "LocalAlloc");
	find_expanded = (PRESUTIL_FIND_EXPANDED_SZ_PROPERTY)dlsym(dl,
					"ResUtilFindExpandedSzProperty");
	find_filetime = (PRESUTIL_FIND_FILETIME_PROPERTY)dlsym(dl,
					"ResUtilFindFileTimeProperty");
	ASSERT_NE(NULL, get_v1);
	ASSERT_NE(NULL, get_cn);
	ASSERT_NE(NULL, state);
	ASSERT_NE(NULL, local_alloc);
	ASSERT_NE(NULL, find_expanded);
	ASSERT_NE(NULL, find_filetime);

	ASSERT_EQ(ClusterNetworkStateUnknown, state(NULL));
	ASSERT_EQ(ERROR_INVALID_HANDLE, get_v1());
	ASSERT_EQ(ERROR_INVALID_HANDLE, get_cn());
	ASSERT_EQ(NULL, local_alloc(LMEM_MOVEABLE, 8));
	ASSERT_EQ(ERROR_INVALID_PARAMETER, get_cn());
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  find_expanded((PVOID)&empty, 4, u"x", &v));
	ASSERT_EQ(ERROR_FILE_NOT_FOUND,
		  find_filetime((PVOID)&empty, 4, u"x", &ft));
	EXPECT_EQ(0, dlclose(dl));
}

TEST_HARNESS_MAIN
