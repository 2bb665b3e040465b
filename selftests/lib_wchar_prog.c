// SPDX-License-Identifier: GPL-2.0
/*
 * One program, built four ways (selftests/Makefile): as C and as C++, each
 * with WCHAR = char16_t (u"...") and with -fshort-wchar (WCHAR = wchar_t,
 * L"..."), all with -Wall -Wextra -Werror. It is written the way
 * Microsoft's ClusAPI samples are: names as wide literals, control code
 * output walked with CLUSPROP_BUFFER_HELPER, lists declared with the
 * CLUSPROP_*_DECLARE macros, memory from LocalAlloc. That it compiles in
 * each mode is half the test (a literal of the wrong width does not);
 * running it on the VM's node1 - eth0 is the other half. TAP output; exit
 * status 0 (pass), 1 (fail) or 4 (skip: no /dev/clusnet).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clusapi.h"
#include "resapi.h"

#ifdef CLUSNET_WCHAR_IS_WCHAR_T
#define ETH0		L"node1 - eth0"
#define NOTHING		L"node1 - nothing"
#define WMODE		"wchar_t"
#else
#define ETH0		u"node1 - eth0"
#define NOTHING		u"node1 - nothing"
#define WMODE		"char16_t"
#endif
#ifdef __cplusplus
#define LANG		"C++"
#else
#define LANG		"C"
#endif

static int failed, n;

static void ok(int cond, const char *what)
{
	printf("%sok %d %s\n", cond ? "" : "not ", ++n, what);
	if (!cond)
		failed = 1;
}

static int wsame(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Walk a property list as Microsoft's samples do; count its properties. */
static DWORD walk(const BYTE *list, DWORD cb, int *name_ok)
{
	CLUSPROP_BUFFER_HELPER h;
	const BYTE *end = list + cb;
	DWORD i, count;

	h.pb = (BYTE *)list;
	count = h.pList->nPropertyCount;
	h.pdw++;
	for (i = 0; i < count && h.pb < end; i++) {
		size_t step;
		int is_name;

		if (h.pName->Syntax.dw != CLUSPROP_SYNTAX_NAME)
			return 0;
		is_name = wsame(h.pName->sz, CLUSREG_NAME_NETIFACE_NAME);
		/* the step first: no read and write of the union at once */
		step = sizeof(CLUSPROP_PROPERTY_NAME) +
		       ALIGN_CLUSPROP(h.pName->cbLength);
		h.pb += step;
		while (h.pSyntax->dw != CLUSPROP_SYNTAX_ENDMARK) {
			if (is_name && h.pSyntax->wFormat == CLUSPROP_FORMAT_SZ)
				*name_ok = wsame(h.pStringValue->sz, ETH0);
			step = sizeof(CLUSPROP_VALUE) +
			       ALIGN_CLUSPROP(h.pValue->cbLength);
			h.pb += step;
		}
		h.pb += sizeof(CLUSPROP_SYNTAX);
	}
	return i;
}

/*
 * A list declared as a structure, as Microsoft's "creating property lists"
 * page does. The 8-byte aligned ULARGE_INTEGER comes first, after a name
 * that ends on an 8-byte boundary: elsewhere x86-64 (and Windows x64)
 * would pad before it, and the structure would no longer be a list.
 */
struct typed_list {
	DWORD nPropertyCount;
	CLUSPROP_PROPERTY_NAME_DECLARE(BigName, 5);
	CLUSPROP_ULARGE_INTEGER Big;
	CLUSPROP_SYNTAX BigEnd;
	CLUSPROP_PROPERTY_NAME_DECLARE(PathName, 5);
	CLUSPROP_SZ_DECLARE(Path, 8);
	CLUSPROP_SZ_DECLARE(PathExpanded, 8);
	CLUSPROP_SYNTAX PathEnd;
	CLUSPROP_PROPERTY_NAME_DECLARE(StampName, 6);
	CLUSPROP_FILETIME Stamp;
	CLUSPROP_SYNTAX StampEnd;
	CLUSPROP_PROPERTY_NAME_DECLARE(NegName, 4);
	CLUSPROP_LONG Neg;
	CLUSPROP_SYNTAX NegEnd;
	CLUSPROP_PROPERTY_NAME_DECLARE(BlobName, 5);
	CLUSPROP_BINARY_DECLARE(Blob, 3);
	CLUSPROP_SYNTAX BlobEnd;
};

#define SET_SZ(field, syntax, lit) do { \
	(field).Syntax.dw = (syntax); \
	(field).cbLength = sizeof(lit); \
	memcpy((field).sz, (lit), sizeof(lit)); \
} while (0)

static void typed_lists(void)
{
	struct typed_list *l = (struct typed_list *)LocalAlloc(LPTR, sizeof(*l));
	ULONGLONG big = 0;
	LONG neg = 0;
	FILETIME ft;
	LPWSTR s = NULL;
	LPBYTE b = NULL;
	DWORD cb = 0, count = 0;

	ok(l != NULL, "LocalAlloc(LPTR)");
	if (!l)
		return;
	l->nPropertyCount = 5;
	SET_SZ(l->PathName, CLUSPROP_SYNTAX_NAME, CLUSNET_WSTR("Path"));
	SET_SZ(l->Path, CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ,
	       CLUSNET_WSTR("%TMP%/x"));
	SET_SZ(l->PathExpanded, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
	       CLUSNET_WSTR("/tmp/x"));
	SET_SZ(l->StampName, CLUSPROP_SYNTAX_NAME, CLUSNET_WSTR("Stamp"));
	l->Stamp.Syntax.dw = CLUSPROP_SYNTAX_LIST_VALUE_FILETIME;
	l->Stamp.cbLength = sizeof(FILETIME);
	l->Stamp.ft.dwLowDateTime = 7;
	l->Stamp.ft.dwHighDateTime = 9;
	SET_SZ(l->BigName, CLUSPROP_SYNTAX_NAME, CLUSNET_WSTR("Large"));
	l->Big.Syntax.dw = CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER;
	l->Big.cbLength = sizeof(ULARGE_INTEGER);
	l->Big.li.u.LowPart = 1;
	l->Big.li.u.HighPart = 2;
	SET_SZ(l->NegName, CLUSPROP_SYNTAX_NAME, CLUSNET_WSTR("Neg"));
	l->Neg.Syntax.dw = CLUSPROP_SYNTAX_LIST_VALUE_LONG;
	l->Neg.cbLength = sizeof(LONG);
	l->Neg.l = -5;
	SET_SZ(l->BlobName, CLUSPROP_SYNTAX_NAME, CLUSNET_WSTR("Blob"));
	l->Blob.Syntax.dw = CLUSPROP_SYNTAX_LIST_VALUE_BINARY;
	l->Blob.cbLength = 3;
	memcpy(l->Blob.rgb, "abc", 3);

	ok(ClusnetPropListValidate(l, sizeof(*l), &count) == ERROR_SUCCESS &&
	   count == 5, "a declared list is a valid list");
	ok(ResUtilFindExpandedSzProperty(l, sizeof(*l), CLUSNET_WSTR("path"),
					 &s) == ERROR_SUCCESS &&
	   wsame(s, CLUSNET_WSTR("/tmp/x")), "ResUtilFindExpandedSzProperty");
	LocalFree(s);
	ok(ResUtilFindFileTimeProperty(l, sizeof(*l), CLUSNET_WSTR("Stamp"),
				       &ft) == ERROR_SUCCESS &&
	   ft.dwLowDateTime == 7 && ft.dwHighDateTime == 9,
	   "ResUtilFindFileTimeProperty");
	ok(ResUtilFindULargeIntegerProperty(l, sizeof(*l), CLUSNET_WSTR("Large"),
					    &big) == ERROR_SUCCESS &&
	   big == 0x200000001ULL, "ResUtilFindULargeIntegerProperty");
	ok(ResUtilFindLongProperty(l, sizeof(*l), CLUSNET_WSTR("Neg"),
				   &neg) == ERROR_SUCCESS && neg == -5,
	   "ResUtilFindLongProperty");
	ok(ResUtilFindBinaryProperty(l, sizeof(*l), CLUSNET_WSTR("Blob"), &b,
				     &cb) == ERROR_SUCCESS && cb == 3 &&
	   !memcmp(b, "abc", 3), "ResUtilFindBinaryProperty");
	LocalFree(b);
	LocalFree(l);
}

int main(void)
{
	DWORD granted = 0, need = 0, got = 0, dhcp = 9;
	HNETINTERFACE h;
	HCLUSTER hc;
	LPWSTR s = NULL;
	BYTE *list;
	int name_ok = 0;

	printf("TAP version 13\n# " LANG ", WCHAR is " WMODE "\n");
	if (sizeof(WCHAR) != 2 || sizeof(ETH0) != 13 * sizeof(WCHAR)) {
		printf("1..0 # WCHAR is not 16 bits\nnot ok 1\n");
		return 1;
	}
	typed_lists();
	if (access("/dev/clusnet", F_OK)) {
		printf("ok %d # SKIP /dev/clusnet missing\n1..%d\n", n + 1,
		       n + 1);
		return failed ? 1 : 4;
	}
	hc = OpenClusterEx(NULL, GENERIC_READ, NULL);
	ok(hc != NULL, "OpenClusterEx");
	if (!hc)
		return 1;
	h = OpenClusterNetInterfaceEx(hc, ETH0, MAXIMUM_ALLOWED, &granted);
	ok(h != NULL && (granted == GENERIC_READ || granted == GENERIC_ALL),
	   "OpenClusterNetInterfaceEx by a wide literal");
	ok(!OpenClusterNetInterfaceEx(hc, NOTHING, GENERIC_READ, NULL) &&
	   GetLastError() == ERROR_CLUSTER_NETINTERFACE_NOT_FOUND &&
	   ClusnetGetLastError() == ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
	   "an unknown name: 5047 under both last error names");
	if (!h)
		return 1;
	ok(ClusterNetInterfaceControl(h, NULL,
			CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, NULL, 0,
			NULL, 0, &need) == ERROR_MORE_DATA && need > 4,
	   "GET_RO_COMMON_PROPERTIES: the size");
	list = (BYTE *)LocalAlloc(LPTR, need);
	ok(list && ClusterNetInterfaceControl(h, NULL,
			CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, NULL, 0,
			list, need, &got) == ERROR_SUCCESS && got == need,
	   "GET_RO_COMMON_PROPERTIES: the list");
	if (list && got == need) {
		ok(walk(list, got, &name_ok) == 9 && name_ok,
		   "CLUSPROP_BUFFER_HELPER walk: 9 properties, Name");
		ok(ResUtilFindSzProperty(list, got, CLUSREG_NAME_NETIFACE_NAME,
					 &s) == ERROR_SUCCESS && wsame(s, ETH0),
		   "ResUtilFindSzProperty(CLUSREG_NAME_NETIFACE_NAME)");
		LocalFree(s);
		ok(ResUtilFindDwordProperty(list, got,
					    CLUSREG_NAME_NETIFACE_DHCP_ENABLED,
					    &dhcp) == ERROR_SUCCESS && dhcp <= 1,
		   "ResUtilFindDwordProperty(DhcpEnabled)");
	}
	LocalFree(list);
	ok(CloseClusterNetInterface(h) && CloseCluster(hc), "close");
	printf("1..%d\n", n);
	return failed;
}
