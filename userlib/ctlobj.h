/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Control codes of nodes and networks: the shared parts (ctlobj.c). */
#ifndef CLUSNET_CTLOBJ_H
#define CLUSNET_CTLOBJ_H

#include <stddef.h>

#include "clusapi.h"
#include "utf16.h"

/* A settable common property: SZ into sz (szsize bytes) or DWORD into dw. */
struct clusnet_set_field {
	const char16_t *name;
	unsigned int format;	/* CLUSPROP_FORMAT_SZ or _DWORD */
	char *sz;
	size_t szsize;
	DWORD dw;
	int have;		/* given in the list */
};

/*
 * A SET/VALIDATE_COMMON_PROPERTIES list: only the fields may appear, with
 * their format; anything else is ERROR_INVALID_PARAMETER (nothing applies
 * from a bad list). Input errors as clusnet_check_set_input.
 */
CLUSNET_HIDDEN DWORD clusnet_parse_set(const void *in, DWORD insize,
				       struct clusnet_set_field *f, size_t n);
CLUSNET_HIDDEN DWORD clusnet_enum_names(const char16_t *const *names,
					size_t n, LPVOID out, DWORD outsize,
					LPDWORD returned);

#endif /* CLUSNET_CTLOBJ_H */
