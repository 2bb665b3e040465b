// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Property lists in the CLUSPROP binary format: the parser (behind the
 * ResUtilFind*Property functions, ClusnetPropListValidate and
 * SET/VALIDATE_COMMON_PROPERTIES) and the builder (behind the control
 * codes that return lists and the ClusnetPropList* functions).
 *
 * Format (little-endian, every entry 4-byte aligned):
 *	DWORD nPropertyCount
 *	per property:
 *		DWORD CLUSPROP_SYNTAX_NAME, DWORD cbLength, UTF-16 name with
 *		its NUL (cbLength bytes), padding to 4
 *		one or more values: DWORD syntax, DWORD cbLength, data, pad
 *		DWORD CLUSPROP_SYNTAX_ENDMARK
 * Bytes after the last property (such as a closing end mark) are ignored.
 *
 * The parser takes any bytes from callers (and fuzzers): every length is
 * checked against what is left before it is used, nothing is assumed
 * aligned, and the walk is bounded by the buffer size.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "proplist.h"

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return le16toh(v);
}

/*
 * One entry (syntax, length, data, padding) at buf[*off]: checks that it
 * fits in cb; *off moves past it. 0 or -1.
 */
static int entry(const uint8_t *buf, size_t cb, size_t *off, uint32_t *syntax,
		 const uint8_t **data, uint32_t *len)
{
	size_t left = cb - *off, padded;

	if (left < 4)
		return -1;
	*syntax = get32(buf + *off);
	if (*syntax == CLUSPROP_SYNTAX_ENDMARK) {
		*off += 4;
		*data = NULL;
		*len = 0;
		return 0;
	}
	if (left < 8)
		return -1;
	*len = get32(buf + *off + 4);
	padded = ALIGN_CLUSPROP((size_t)*len);	/* size_t: no overflow */
	if (padded > left - 8)
		return -1;
	*data = buf + *off + 8;
	*off += 8 + padded;
	return 0;
}

DWORD clusnet_proplist_walk(const void *list, size_t cb, clusnet_prop_fn fn,
			    void *ctx, uint32_t *count)
{
	const uint8_t *buf = list;
	struct clusnet_prop p;
	size_t off = 4;
	uint32_t n, i, syntax, len;
	const uint8_t *data;

	if (!buf || cb < 4)
		return ERROR_INVALID_DATA;
	n = get32(buf);
	if (count)
		*count = n;
	for (i = 0; i < n; i++) {
		/* the name */
		if (entry(buf, cb, &off, &syntax, &data, &len) < 0 ||
		    syntax != CLUSPROP_SYNTAX_NAME)
			return ERROR_INVALID_DATA;
		if (len < 2 || len % 2 || get16(data + len - 2) != 0)
			return ERROR_INVALID_DATA;
		p.name = data;
		p.name_cb = len;
		p.nvalues = 0;
		p.values = buf + off;
		/* its values, up to the end mark */
		for (;;) {
			size_t at = off;

			if (entry(buf, cb, &off, &syntax, &data, &len) < 0 ||
			    syntax == CLUSPROP_SYNTAX_NAME)
				return ERROR_INVALID_DATA;
			if (syntax == CLUSPROP_SYNTAX_ENDMARK) {
				p.values_cb = (uint32_t)(at - (size_t)(p.values - buf));
				break;
			}
			if (!p.nvalues++) {
				p.syntax = syntax;
				p.value = data;
				p.value_cb = len;
			}
		}
		if (!p.nvalues)
			return ERROR_INVALID_DATA;
		if (fn && fn(&p, ctx))
			return ERROR_SUCCESS;
	}
	return ERROR_SUCCESS;
}

int clusnet_prop_value(const struct clusnet_prop *p, int format,
		       struct clusnet_prop *value)
{
	size_t off = 0;
	uint32_t syntax, len;
	const uint8_t *data;

	/* the walk checked these entries: no end mark, all in bounds */
	while (off < p->values_cb) {
		if (entry(p->values, p->values_cb, &off, &syntax, &data,
			  &len) < 0)
			return -1;
		if ((int)(syntax & 0xffff) == format) {
			*value = *p;
			value->syntax = syntax;
			value->value = data;
			value->value_cb = len;
			return 0;
		}
	}
	return -1;
}

static char16_t fold(char16_t c)
{
	return c >= 'A' && c <= 'Z' ? (char16_t)(c + ('a' - 'A')) : c;
}

int clusnet_prop_name_is(const struct clusnet_prop *p, const char16_t *name)
{
	uint32_t i, units = p->name_cb / 2;

	for (i = 0; i < units; i++) {
		char16_t c = get16(p->name + 2 * i);

		if (fold(c) != fold(name[i]))
			return 0;
		if (!c)
			return 1;
	}
	return 0;	/* not reached: the last unit is 0 */
}

/* ---- ResUtilFind*Property ------------------------------------------------ */

struct find {
	const char16_t *name;
	const struct clusnet_prop *found;
	struct clusnet_prop prop;
};

static int find_fn(const struct clusnet_prop *p, void *ctx)
{
	struct find *f = ctx;

	if (!clusnet_prop_name_is(p, f->name))
		return 0;
	f->prop = *p;
	f->found = &f->prop;
	return 1;
}

DWORD clusnet_prop_find(const void *list, DWORD cb, LPCWSTR name,
			struct clusnet_prop *out)
{
	struct find f = { .name = name };
	DWORD err;

	if (!name)
		return ERROR_INVALID_PARAMETER;
	err = clusnet_proplist_walk(list, cb, find_fn, &f, NULL);
	if (err)
		return err;
	if (!f.found)
		return ERROR_FILE_NOT_FOUND;
	*out = f.prop;
	return ERROR_SUCCESS;
}

static int format_of(uint32_t syntax)
{
	return (int)(syntax & 0xffff);
}

DWORD clusnet_prop_copy_wstr(const struct clusnet_prop *p, size_t extra_nuls,
			     LPWSTR *out)
{
	size_t units = p->value_cb / 2;
	char16_t *s;
	size_t i;

	if (p->value_cb % 2)
		return ERROR_INVALID_DATA;
	if (!out)
		return ERROR_SUCCESS;
	s = malloc((units + extra_nuls) * sizeof(char16_t));
	if (!s)
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < units; i++)
		s[i] = get16(p->value + 2 * i);
	for (i = 0; i < extra_nuls; i++)
		s[units + i] = 0;
	*out = s;
	return ERROR_SUCCESS;
}

static DWORD find_sz(const PVOID list, DWORD cb, LPCWSTR name, LPWSTR *value,
		     int f1, int f2, int f3)
{
	struct clusnet_prop p;
	DWORD err = clusnet_prop_find(list, cb, name, &p);
	int f;

	if (err)
		return err;
	f = format_of(p.syntax);
	if (f != f1 && f != f2 && f != f3)
		return ERROR_INVALID_DATA;
	return clusnet_prop_copy_wstr(&p, 1, value);
}

CLUSNET_EXPORT DWORD WINAPI ResUtilFindSzProperty(const PVOID pPropertyList,
						  DWORD cbPropertyListSize,
						  LPCWSTR pszPropertyName,
						  LPWSTR *pszPropertyValue)
{
	return find_sz(pPropertyList, cbPropertyListSize, pszPropertyName,
		       pszPropertyValue, CLUSPROP_FORMAT_SZ,
		       CLUSPROP_FORMAT_EXPAND_SZ, CLUSPROP_FORMAT_EXPANDED_SZ);
}

CLUSNET_EXPORT DWORD WINAPI
ResUtilFindExpandSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
			    LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue)
{
	return find_sz(pPropertyList, cbPropertyListSize, pszPropertyName,
		       pszPropertyValue, CLUSPROP_FORMAT_EXPAND_SZ,
		       CLUSPROP_FORMAT_EXPAND_SZ, CLUSPROP_FORMAT_EXPAND_SZ);
}

/* A fixed-size value of one format, copied to out. */
static DWORD find_fixed(const PVOID list, DWORD cb, LPCWSTR name, int format,
			void *out, uint32_t size)
{
	struct clusnet_prop p;
	DWORD err = clusnet_prop_find(list, cb, name, &p);

	if (err)
		return err;
	if (format_of(p.syntax) != format || p.value_cb != size)
		return ERROR_INVALID_DATA;
	if (!out)
		return ERROR_INVALID_PARAMETER;
	if (size == 4) {
		uint32_t v = get32(p.value);

		memcpy(out, &v, 4);
	} else {
		uint64_t v = (uint64_t)get32(p.value) |
			     ((uint64_t)get32(p.value + 4) << 32);

		memcpy(out, &v, 8);
	}
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT DWORD WINAPI ResUtilFindDwordProperty(const PVOID pPropertyList,
						     DWORD cbPropertyListSize,
						     LPCWSTR pszPropertyName,
						     LPDWORD pdwPropertyValue)
{
	return find_fixed(pPropertyList, cbPropertyListSize, pszPropertyName,
			  CLUSPROP_FORMAT_DWORD, pdwPropertyValue, 4);
}

CLUSNET_EXPORT DWORD WINAPI ResUtilFindLongProperty(const PVOID pPropertyList,
						    DWORD cbPropertyListSize,
						    LPCWSTR pszPropertyName,
						    LONG *plPropertyValue)
{
	return find_fixed(pPropertyList, cbPropertyListSize, pszPropertyName,
			  CLUSPROP_FORMAT_LONG, plPropertyValue, 4);
}

CLUSNET_EXPORT DWORD WINAPI
ResUtilFindULargeIntegerProperty(const PVOID pPropertyList,
				 DWORD cbPropertyListSize,
				 LPCWSTR pszPropertyName,
				 ULONGLONG *plPropertyValue)
{
	return find_fixed(pPropertyList, cbPropertyListSize, pszPropertyName,
			  CLUSPROP_FORMAT_ULARGE_INTEGER, plPropertyValue, 8);
}

CLUSNET_EXPORT DWORD WINAPI
ResUtilFindFileTimeProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
			    LPCWSTR pszPropertyName, LPFILETIME pftPropertyValue)
{
	struct clusnet_prop p;
	DWORD err = clusnet_prop_find(pPropertyList, cbPropertyListSize,
				      pszPropertyName, &p);

	if (err)
		return err;
	if (format_of(p.syntax) != CLUSPROP_FORMAT_FILETIME || p.value_cb != 8)
		return ERROR_INVALID_DATA;
	if (!pftPropertyValue)
		return ERROR_INVALID_PARAMETER;
	pftPropertyValue->dwLowDateTime = get32(p.value);
	pftPropertyValue->dwHighDateTime = get32(p.value + 4);
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT DWORD WINAPI
ResUtilFindMultiSzProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
			   LPCWSTR pszPropertyName, LPWSTR *pszPropertyValue,
			   LPDWORD pcbPropertyValueSize)
{
	struct clusnet_prop p;
	DWORD err = clusnet_prop_find(pPropertyList, cbPropertyListSize,
				      pszPropertyName, &p);

	if (err)
		return err;
	if (format_of(p.syntax) != CLUSPROP_FORMAT_MULTI_SZ)
		return ERROR_INVALID_DATA;
	/* two more NULs: the copy ends as a MULTI_SZ whatever the value */
	err = clusnet_prop_copy_wstr(&p, 2, pszPropertyValue);
	if (!err && pcbPropertyValueSize)
		*pcbPropertyValueSize = p.value_cb;
	return err;
}

CLUSNET_EXPORT DWORD WINAPI
ResUtilFindBinaryProperty(const PVOID pPropertyList, DWORD cbPropertyListSize,
			  LPCWSTR pszPropertyName, LPBYTE *pbPropertyValue,
			  LPDWORD pcbPropertyValueSize)
{
	struct clusnet_prop p;
	DWORD err = clusnet_prop_find(pPropertyList, cbPropertyListSize,
				      pszPropertyName, &p);

	if (err)
		return err;
	if (format_of(p.syntax) != CLUSPROP_FORMAT_BINARY)
		return ERROR_INVALID_DATA;
	if (pbPropertyValue) {
		/* one byte more, so an empty value is not a NULL pointer */
		uint8_t *b = malloc((size_t)p.value_cb + 1);

		if (!b)
			return ERROR_NOT_ENOUGH_MEMORY;
		memcpy(b, p.value, p.value_cb);
		*pbPropertyValue = b;
	}
	if (pcbPropertyValueSize)
		*pcbPropertyValueSize = p.value_cb;
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT DWORD WINAPI ClusnetPropListValidate(const void *pPropertyList,
						    DWORD cbPropertyListSize,
						    LPDWORD pnProperties)
{
	uint32_t n = 0;
	DWORD err;

	err = clusnet_proplist_walk(pPropertyList, cbPropertyListSize, NULL,
				    NULL, &n);
	if (!err && pnProperties)
		*pnProperties = n;
	return err;
}

/* ---- Building -------------------------------------------------------------- */

DWORD clusnet_pl_init(struct _CLUSNET_PROPLIST *pl)
{
	pl->cap = 256;
	pl->buf = calloc(1, pl->cap);
	pl->cb = 4;	/* count 0 */
	return pl->buf ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
}

void clusnet_pl_release(struct _CLUSNET_PROPLIST *pl)
{
	free(pl->buf);
	pl->buf = NULL;
	pl->cb = pl->cap = 0;
}

static void put32(uint8_t *p, uint32_t v)
{
	v = htole32(v);
	memcpy(p, &v, 4);
}

/* Append an entry whose data is written by the caller; returns the data. */
static uint8_t *put_entry(uint8_t *at, uint32_t syntax, size_t cb)
{
	put32(at, syntax);
	put32(at + 4, (uint32_t)cb);
	memset(at + 8 + cb, 0, ALIGN_CLUSPROP(cb) - cb);	/* padding */
	return at + 8;
}

DWORD clusnet_pl_add(struct _CLUSNET_PROPLIST *pl, const char16_t *name,
		     uint32_t syntax, const void *data, size_t cb)
{
	size_t nunits, name_cb, need, i;
	uint8_t *p;

	if (!pl || !pl->buf || !name || !name[0] || (cb && !data) ||
	    syntax == CLUSPROP_SYNTAX_ENDMARK ||
	    syntax == CLUSPROP_SYNTAX_NAME)
		return ERROR_INVALID_PARAMETER;
	nunits = clusnet_utf16_len(name) + 1;
	name_cb = nunits * 2;
	if (name_cb > UINT32_MAX - 8 || cb > UINT32_MAX - 8)
		return ERROR_INVALID_PARAMETER;
	need = 8 + ALIGN_CLUSPROP(name_cb) + 8 + ALIGN_CLUSPROP(cb) + 4;
	if (need > (size_t)UINT32_MAX - pl->cb)	/* sizes are DWORDs */
		return ERROR_INVALID_PARAMETER;
	if (pl->cb + need > pl->cap) {
		size_t cap = (pl->cb + need) * 2;
		uint8_t *nb = realloc(pl->buf, cap);

		if (!nb)
			return ERROR_NOT_ENOUGH_MEMORY;
		pl->buf = nb;
		pl->cap = cap;
	}
	p = pl->buf + pl->cb;
	{
		uint8_t *d = put_entry(p, CLUSPROP_SYNTAX_NAME, name_cb);

		for (i = 0; i < nunits; i++) {
			uint16_t u = htole16(name[i]);

			memcpy(d + 2 * i, &u, 2);
		}
		p = d + ALIGN_CLUSPROP(name_cb);
	}
	{
		uint8_t *d = put_entry(p, syntax, cb);

		if (cb)
			memcpy(d, data, cb);
		p = d + ALIGN_CLUSPROP(cb);
	}
	put32(p, CLUSPROP_SYNTAX_ENDMARK);
	pl->cb += need;
	put32(pl->buf, get32(pl->buf) + 1);
	return ERROR_SUCCESS;
}

/* UTF-8 strings to one buffer of UTF-16LE strings, each with its NUL. */
static DWORD utf8s_to_wire(const char *const *v, size_t n, int multi,
			   uint8_t **out, size_t *cb)
{
	size_t total = multi ? 1 : 0, i, at = 0;
	char16_t *w;
	ssize_t r;

	for (i = 0; i < n; i++) {
		r = clusnet_utf8_to_utf16(v[i], strlen(v[i]), NULL, 0);
		if (r < 0)
			return ERROR_INVALID_DATA;
		total += (size_t)r + 1;
	}
	w = malloc(total * sizeof(*w));
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < n; i++) {
		r = clusnet_utf8_to_utf16(v[i], strlen(v[i]), w + at,
					  total - at);
		at += (size_t)r + 1;
	}
	if (multi)
		w[at++] = 0;
	for (i = 0; i < at; i++) {	/* to little-endian in place */
		uint16_t u = htole16(w[i]);

		memcpy(&w[i], &u, 2);
	}
	*out = (uint8_t *)w;
	*cb = at * 2;
	return ERROR_SUCCESS;
}

DWORD clusnet_pl_add_sz8(struct _CLUSNET_PROPLIST *pl, const char16_t *name,
			 const char *v)
{
	uint8_t *w;
	size_t cb;
	DWORD err = utf8s_to_wire(&v, 1, 0, &w, &cb);

	if (err)
		return err;
	err = clusnet_pl_add(pl, name, CLUSPROP_SYNTAX_LIST_VALUE_SZ, w, cb);
	free(w);
	return err;
}

/*
 * MULTI_SZ: each string with its NUL, then one more NUL; no strings at all
 * is that last NUL alone (2 bytes).
 */
DWORD clusnet_pl_add_multi_sz8(struct _CLUSNET_PROPLIST *pl,
			       const char16_t *name, const char *const *v,
			       size_t n)
{
	uint8_t *w;
	size_t cb;
	DWORD err = utf8s_to_wire(v, n, 1, &w, &cb);

	if (err)
		return err;
	err = clusnet_pl_add(pl, name, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ, w,
			     cb);
	free(w);
	return err;
}

/* ---- Public builders (Linux extras) ---------------------------------------- */

CLUSNET_EXPORT PCLUSNET_PROPLIST WINAPI ClusnetPropListCreate(void)
{
	struct _CLUSNET_PROPLIST *pl = malloc(sizeof(*pl));

	if (!pl || clusnet_pl_init(pl)) {
		free(pl);
		SetLastError(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	return pl;
}

CLUSNET_EXPORT DWORD WINAPI ClusnetPropListAddValue(PCLUSNET_PROPLIST pList,
						    LPCWSTR pszName,
						    DWORD dwSyntax,
						    const void *pValue,
						    DWORD cbValue)
{
	return clusnet_pl_add(pList, pszName, dwSyntax, pValue, cbValue);
}

/* Host char16_t strings to little-endian wire units. */
static DWORD add_wstr(PCLUSNET_PROPLIST pl, LPCWSTR name, uint32_t syntax,
		      LPCWSTR v, size_t units)
{
	uint8_t *w;
	size_t i;
	DWORD err;

	if (!v)
		return ERROR_INVALID_PARAMETER;
	if (units > UINT32_MAX / 2)
		return ERROR_INVALID_PARAMETER;
	w = malloc(units * 2);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	for (i = 0; i < units; i++) {
		uint16_t u = htole16(v[i]);

		memcpy(w + 2 * i, &u, 2);
	}
	err = clusnet_pl_add(pl, name, syntax, w, units * 2);
	free(w);
	return err;
}

CLUSNET_EXPORT DWORD WINAPI ClusnetPropListAddSz(PCLUSNET_PROPLIST pList,
						 LPCWSTR pszName,
						 LPCWSTR pszValue)
{
	if (!pszValue)
		return ERROR_INVALID_PARAMETER;
	return add_wstr(pList, pszName, CLUSPROP_SYNTAX_LIST_VALUE_SZ,
			pszValue, clusnet_utf16_len(pszValue) + 1);
}

CLUSNET_EXPORT DWORD WINAPI ClusnetPropListAddMultiSz(PCLUSNET_PROPLIST pList,
						      LPCWSTR pszName,
						      LPCWSTR pszValue)
{
	size_t n = 0;

	if (!pszValue)
		return ERROR_INVALID_PARAMETER;
	/* up to and including the empty string that ends the list */
	while (pszValue[n])
		n += clusnet_utf16_len(pszValue + n) + 1;
	return add_wstr(pList, pszName, CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ,
			pszValue, n + 1);
}

CLUSNET_EXPORT DWORD WINAPI ClusnetPropListAddDword(PCLUSNET_PROPLIST pList,
						    LPCWSTR pszName,
						    DWORD dwValue)
{
	uint32_t v = htole32(dwValue);

	return clusnet_pl_add(pList, pszName, CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
			      &v, 4);
}

CLUSNET_EXPORT DWORD WINAPI ClusnetPropListAddBinary(PCLUSNET_PROPLIST pList,
						     LPCWSTR pszName,
						     const BYTE *pValue,
						     DWORD cbValue)
{
	return clusnet_pl_add(pList, pszName, CLUSPROP_SYNTAX_LIST_VALUE_BINARY,
			      pValue, cbValue);
}

CLUSNET_EXPORT const void *WINAPI ClusnetPropListData(PCLUSNET_PROPLIST pList,
						      LPDWORD pcbSize)
{
	if (!pList || !pList->buf) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (pcbSize)
		*pcbSize = (DWORD)pList->cb;
	return pList->buf;
}

CLUSNET_EXPORT void WINAPI ClusnetPropListFree(PCLUSNET_PROPLIST pList)
{
	if (!pList)
		return;
	clusnet_pl_release(pList);
	free(pList);
}
