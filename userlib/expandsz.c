// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ResUtilFindExpandedSzProperty: an EXPAND_SZ property's value with its
 * %NAME% references expanded. Windows' cluster service sends the expanded
 * form as a second value (CLUSPROP_FORMAT_EXPANDED_SZ); lists built
 * elsewhere may lack it, so the environment expands the first value then,
 * as ExpandEnvironmentStrings would.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "proplist.h"

struct wbuf {
	char16_t *s;
	size_t len, cap;
};

static int wbuf_add(struct wbuf *b, const char16_t *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char16_t *t = realloc(b->s, cap * sizeof(*t));

		if (!t)
			return -1;
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n * sizeof(*s));
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

/* %name%'s value from the environment as UTF-16 (malloc'd), or NULL. */
static char16_t *env_value(const char16_t *name, size_t n, size_t *len)
{
	char key[CLUSNET_DESC_MAX + 1];
	const char *v;
	char16_t *w;
	ssize_t r;

	r = clusnet_utf16_to_utf8(name, n, key, sizeof(key));
	if (r <= 0)
		return NULL;
	v = getenv(key);
	if (!v)
		return NULL;
	r = clusnet_utf8_to_utf16(v, strlen(v), NULL, 0);
	if (r < 0)
		return NULL;
	w = malloc(((size_t)r + 1) * sizeof(*w));
	if (w)
		clusnet_utf8_to_utf16(v, strlen(v), w, (size_t)r + 1);
	*len = (size_t)r;
	return w;
}

/* s (NUL-terminated) with %NAME% expanded; unknown names stay as written. */
static DWORD expand(const char16_t *s, LPWSTR *out)
{
	struct wbuf b = { 0 };
	size_t i = 0;

	if (wbuf_add(&b, u"", 0))
		return ERROR_NOT_ENOUGH_MEMORY;
	while (s[i]) {
		size_t j = i + 1, vlen = 0;
		char16_t *v = NULL;
		int err;

		if (s[i] != u'%') {
			err = wbuf_add(&b, s + i, 1);
			i++;
		} else {
			while (s[j] && s[j] != u'%')
				j++;
			if (s[j] && j > i + 1)
				v = env_value(s + i + 1, j - i - 1, &vlen);
			if (v) {
				err = wbuf_add(&b, v, vlen);
				free(v);
				i = j + 1;
			} else {
				/* the '%' itself; a closing one starts anew */
				err = wbuf_add(&b, s + i, 1);
				i++;
			}
		}
		if (err) {
			free(b.s);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
	}
	*out = b.s;
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT DWORD WINAPI
ResUtilFindExpandedSzProperty(const PVOID pPropertyList,
			      DWORD cbPropertyListSize, LPCWSTR pszPropertyName,
			      LPWSTR *pszPropertyValue)
{
	struct clusnet_prop p, v;
	LPWSTR raw;
	DWORD err;
	int f;

	err = clusnet_prop_find(pPropertyList, cbPropertyListSize,
				pszPropertyName, &p);
	if (err)
		return err;
	if (!clusnet_prop_value(&p, CLUSPROP_FORMAT_EXPANDED_SZ, &v))
		return clusnet_prop_copy_wstr(&v, 1, pszPropertyValue);
	f = (int)(p.syntax & 0xffff);
	if (f != CLUSPROP_FORMAT_SZ && f != CLUSPROP_FORMAT_EXPAND_SZ)
		return ERROR_INVALID_DATA;
	err = clusnet_prop_copy_wstr(&p, 1, pszPropertyValue ? &raw : NULL);
	if (err || !pszPropertyValue)
		return err;
	err = expand(raw, pszPropertyValue);
	free(raw);
	return err;
}
