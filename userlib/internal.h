/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libclusnet internals: handle layouts and error helpers. Not installed. */
#ifndef CLUSNET_INTERNAL_H
#define CLUSNET_INTERNAL_H

#include <stdint.h>

#include "clusapi.h"
#include "utf16.h"

#define CLUSNET_EXPORT __attribute__((visibility("default")))

#define CLUSNET_DEVICE_PATH "/dev/clusnet"

/*
 * Every handle starts with a magic number, so a handle of the wrong kind
 * (or a stale one whose memory was not reused) is rejected with
 * ERROR_INVALID_HANDLE. Cleared on close. Handles are immutable after
 * creation, so they are safe to share between threads.
 */
#define CLUSNET_MAGIC_CLUSTER	0x434c5553U	/* "CLUS" */
#define CLUSNET_MAGIC_NETIF	0x4e494653U	/* "NIFS" */

struct _HCLUSTER {
	uint32_t magic;
	int fd;			/* /dev/clusnet, O_RDWR | O_CLOEXEC */
	DWORD granted;		/* GENERIC_READ or GENERIC_ALL */
};

struct _HNETINTERFACE {
	uint32_t magic;
	int fd;			/* clusnet handle fd, O_CLOEXEC */
	DWORD granted;		/* GENERIC_READ or GENERIC_ALL */
	uint64_t id;		/* kernel object id */
};

static inline int clusnet_cluster_ok(HCLUSTER h)
{
	return h && h->magic == CLUSNET_MAGIC_CLUSTER;
}

static inline int clusnet_netif_ok(HNETINTERFACE h)
{
	return h && h->magic == CLUSNET_MAGIC_NETIF;
}

/* errors.c */
CLUSNET_HIDDEN DWORD clusnet_errno_to_win32(int err);
/* SetLastError(clusnet_errno_to_win32(err)) */
CLUSNET_HIDDEN void clusnet_set_errno_error(int err);

#endif /* CLUSNET_INTERNAL_H */
