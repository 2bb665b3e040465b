// SPDX-License-Identifier: LGPL-2.1-or-later
/* errno -> Win32 error mapping and the per-thread last error. */
#include <errno.h>
#include <stddef.h>

#include "internal.h"

/* Windows' "not enough quota": a namespace limit of the module. */
#ifndef ERROR_NOT_ENOUGH_QUOTA
#define ERROR_NOT_ENOUGH_QUOTA	1816L
#endif

static __thread DWORD last_error;

static const struct {
	int err;
	DWORD win32;
} errno_map[] = {
	{ EACCES,	ERROR_ACCESS_DENIED },
	{ EPERM,	ERROR_ACCESS_DENIED },
	{ ENOENT,	ERROR_CLUSTER_NETINTERFACE_NOT_FOUND },
	{ ENODEV,	ERROR_CLUSTER_NETINTERFACE_NOT_FOUND },	/* object deleted */
	{ EINVAL,	ERROR_INVALID_PARAMETER },
	{ ENAMETOOLONG,	ERROR_INVALID_PARAMETER },
	{ E2BIG,	ERROR_INVALID_PARAMETER },
	{ EBADF,	ERROR_INVALID_HANDLE },
	{ ENOTTY,	ERROR_INVALID_HANDLE },
	{ ENOMEM,	ERROR_NOT_ENOUGH_MEMORY },
	{ ENOSPC,	ERROR_NOT_ENOUGH_QUOTA },
	{ EFAULT,	ERROR_NOACCESS },
	{ EEXIST,	ERROR_CLUSTER_NETINTERFACE_EXISTS },
	{ EMFILE,	ERROR_TOO_MANY_OPEN_FILES },
	{ ENFILE,	ERROR_TOO_MANY_OPEN_FILES },
	/* writes to another node's interface (the kernel's forward channel) */
	{ ENOTCONN,	RPC_S_SERVER_UNAVAILABLE },	/* no clusnetd here */
	{ EHOSTDOWN,	ERROR_CLUSTER_NODE_DOWN },	/* the owning node */
	{ ETIMEDOUT,	ERROR_TIMEOUT },
	{ EBUSY,	ERROR_BUSY },
	{ EINTR,	ERROR_OPERATION_ABORTED },
	{ EOPNOTSUPP,	ERROR_NOT_SUPPORTED },
};

DWORD clusnet_errno_to_win32(int err)
{
	size_t i;

	for (i = 0; i < sizeof(errno_map) / sizeof(errno_map[0]); i++)
		if (errno_map[i].err == err)
			return errno_map[i].win32;
	return ERROR_GEN_FAILURE;
}

void clusnet_set_errno_error(int err)
{
	last_error = clusnet_errno_to_win32(err);
}

CLUSNET_EXPORT DWORD WINAPI GetLastError(void)
{
	return last_error;
}

CLUSNET_EXPORT void WINAPI SetLastError(DWORD dwErrCode)
{
	last_error = dwErrCode;
}

/*
 * The same under names no other Windows compatibility library exports, for
 * programs that load several (see GetLastError(3)).
 */
CLUSNET_EXPORT DWORD WINAPI ClusnetGetLastError(void)
{
	return last_error;
}

CLUSNET_EXPORT void WINAPI ClusnetSetLastError(DWORD dwErrCode)
{
	last_error = dwErrCode;
}
