/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Property list (CLUSPROP) parsing and building, private to libclusnet. */
#ifndef CLUSNET_PROPLIST_H
#define CLUSNET_PROPLIST_H

#include <stddef.h>
#include <stdint.h>

#include "clusapi.h"
#include "utf16.h"

/* One property as found in a list; pointers into the (unaligned) buffer. */
struct clusnet_prop {
	const uint8_t *name;	/* UTF-16LE, name_cb bytes, last unit 0 */
	uint32_t name_cb;
	uint32_t syntax;	/* of the first value */
	const uint8_t *value;	/* its data */
	uint32_t value_cb;
	uint32_t nvalues;	/* values before the end mark (>= 1) */
	const uint8_t *values;	/* all of them, as in the list */
	uint32_t values_cb;
};

/*
 * The value of the property with that format (the first one if several),
 * in *value: 0 or -1 when it has none.
 */
CLUSNET_HIDDEN int clusnet_prop_value(const struct clusnet_prop *p,
				      int format, struct clusnet_prop *value);

/*
 * Walk a property list: fn is called for each property in order until it
 * returns non-zero (the walk then stops and returns ERROR_SUCCESS). Any
 * malformation met on the way is ERROR_INVALID_DATA. *count (if not NULL)
 * gets the property count the list declares.
 */
typedef int (*clusnet_prop_fn)(const struct clusnet_prop *p, void *ctx);
CLUSNET_HIDDEN DWORD clusnet_proplist_walk(const void *buf, size_t cb,
					   clusnet_prop_fn fn, void *ctx,
					   uint32_t *count);

/* The first property of that name: ERROR_SUCCESS, _FILE_NOT_FOUND, ... */
CLUSNET_HIDDEN DWORD clusnet_prop_find(const void *list, DWORD cb,
				       LPCWSTR name, struct clusnet_prop *out);

/*
 * A copy of a string value with extra NUL units after it (so a value
 * without its terminator still ends), in *out (if not NULL); free with
 * LocalFree. ERROR_INVALID_DATA for an odd size.
 */
CLUSNET_HIDDEN DWORD clusnet_prop_copy_wstr(const struct clusnet_prop *p,
					    size_t extra_nuls, LPWSTR *out);

/* Does the property's name equal name (ASCII case-insensitively)? */
CLUSNET_HIDDEN int clusnet_prop_name_is(const struct clusnet_prop *p,
					const char16_t *name);

/* The builder behind PCLUSNET_PROPLIST (also used by control.c). */
struct _CLUSNET_PROPLIST {
	uint8_t *buf;		/* DWORD count, then the properties */
	size_t cb, cap;
};

CLUSNET_HIDDEN DWORD clusnet_pl_init(struct _CLUSNET_PROPLIST *pl);
CLUSNET_HIDDEN void clusnet_pl_release(struct _CLUSNET_PROPLIST *pl);
/* name: 0-terminated UTF-16. data: cb bytes of the value. */
CLUSNET_HIDDEN DWORD clusnet_pl_add(struct _CLUSNET_PROPLIST *pl,
				    const char16_t *name, uint32_t syntax,
				    const void *data, size_t cb);
/* An SZ value from UTF-8. */
CLUSNET_HIDDEN DWORD clusnet_pl_add_sz8(struct _CLUSNET_PROPLIST *pl,
					const char16_t *name, const char *v);
/* A MULTI_SZ value from n UTF-8 strings. */
CLUSNET_HIDDEN DWORD clusnet_pl_add_multi_sz8(struct _CLUSNET_PROPLIST *pl,
					      const char16_t *name,
					      const char *const *v, size_t n);

#endif /* CLUSNET_PROPLIST_H */
