/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driver for the notification port example: a port on the cluster (all
 * changes) with eth0's interface registered, the example's loop in a
 * thread, then the handle closed: the loop must end on
 * CLUSTER_CHANGE_HANDLE_CLOSE for that interface (within 10 s).
 */
#include <pthread.h>

#include "ClusDocEx.h"
#include "ClusDocEx_NotifyPort.cpp"

int main(void)
{
	struct ClusDocEx_NotifyCtx ctx;
	HCLUSTER hCluster = OpenClusterEx(NULL, MAXIMUM_ALLOWED, NULL);
	HNETINTERFACE hNetInterface;
	pthread_t thread;
	DWORD err;
	int ok;

	if (hCluster == NULL) {
		printf("SKIP: no cluster: %u\n", GetLastError());
		return 4;	/* KSFT_SKIP */
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.dwTimeout = 10000;
	ctx.hChange = CreateClusterNotifyPort((HCHANGE)INVALID_HANDLE_VALUE,
					      hCluster, CLUSTER_CHANGE_ALL, 1);
	hNetInterface = OpenClusterNetInterfaceEx(hCluster, L"node1 - eth0",
						  GENERIC_READ, NULL);
	if (ctx.hChange == NULL || hNetInterface == NULL) {
		printf("FAIL: port or interface: %u\n", GetLastError());
		return 1;
	}
	err = RegisterClusterNotify(ctx.hChange, CLUSTER_CHANGE_HANDLE_CLOSE |
				    CLUSTER_CHANGE_NETINTERFACE_STATE,
				    (HANDLE)hNetInterface, 2);
	if (err != ERROR_SUCCESS) {
		printf("FAIL: RegisterClusterNotify: %u\n", err);
		return 1;
	}
	if (pthread_create(&thread, NULL, ClusDocEx_NotifyThread, &ctx))
		return 1;
	CloseClusterNetInterface(hNetInterface);
	pthread_join(thread, NULL);
	ok = ctx.dwResult == ERROR_SUCCESS &&
	     ctx.dwLastFilter == CLUSTER_CHANGE_HANDLE_CLOSE &&
	     !strcmp(ctx.szLastName, "node1 - eth0");
	printf("loop ended: result %u, filter 0x%x, name \"%s\", %u before\n",
	       ctx.dwResult, ctx.dwLastFilter, ctx.szLastName, ctx.cEvents);
	CloseClusterNotifyPort(ctx.hChange);
	CloseCluster(hCluster);
	printf("%s\n", ok ? "PASSED" : "FAILED");
	return ok ? 0 : 1;
}
