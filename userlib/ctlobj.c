// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the control-code functions (ClusterNetInterfaceControl,
 * ClusterNodeControl, ClusterNetworkControl) share: the output buffer
 * protocol, the input checks of SET/VALIDATE codes, the parser of
 * SET_COMMON_PROPERTIES lists and the private-property codes.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "proplist.h"
#include "ctlobj.h"

DWORD clusnet_out_bytes(const void *data, size_t cb, LPVOID out,
			DWORD outsize, LPDWORD returned)
{
	/* Windows reports the size needed in *lpBytesReturned */
	if (returned)
		*returned = (DWORD)cb;
	if (cb > outsize || (cb && !out))
		return ERROR_MORE_DATA;
	if (cb)
		memcpy(out, data, cb);
	return ERROR_SUCCESS;
}

DWORD clusnet_out_dword(DWORD v, LPVOID out, DWORD outsize,
			LPDWORD returned)
{
	return clusnet_out_bytes(&v, sizeof(v), out, outsize, returned);
}

DWORD clusnet_out_wstr(const char *s, LPVOID out, DWORD outsize,
		       LPDWORD returned)
{
	char16_t buf[CLUSNET_DESC_MAX + 2];
	ssize_t n = clusnet_utf8_to_utf16(s, strlen(s), buf,
					  sizeof(buf) / sizeof(buf[0]));

	if (n < 0)
		return ERROR_INVALID_DATA;
	return clusnet_out_bytes(buf, ((size_t)n + 1) * sizeof(char16_t), out,
				 outsize, returned);
}

DWORD clusnet_check_set_input(const void *in, DWORD insize)
{
	if (!in)
		return RPC_X_BAD_STUB_DATA;
	if (insize < sizeof(DWORD))
		return ERROR_INSUFFICIENT_BUFFER;
	return clusnet_proplist_walk(in, insize, NULL, NULL, NULL);
}

/* A MULTI_SZ of the names in a list; 0 bytes for an empty list. */
static int name_fn(const struct clusnet_prop *p, void *ctx)
{
	struct _CLUSNET_PROPLIST *names = ctx;

	/* names hold whole UTF-16 units ending in NUL (checked by the walk) */
	if (names->cb + p->name_cb + 2 > names->cap)
		return 1;
	memcpy(names->buf + names->cb, p->name, p->name_cb);
	names->cb += p->name_cb;
	return 0;
}

static DWORD enum_names(const struct _CLUSNET_PROPLIST *pl, LPVOID out,
			DWORD outsize, LPDWORD returned)
{
	struct _CLUSNET_PROPLIST names = { 0 };
	DWORD err;

	if (pl->cb <= 4)
		return clusnet_out_bytes(NULL, 0, out, outsize, returned);
	/* the names take less room than the list they come from */
	names.cap = pl->cb + 2;
	names.buf = calloc(1, names.cap);
	if (!names.buf)
		return ERROR_NOT_ENOUGH_MEMORY;
	clusnet_proplist_walk(pl->buf, pl->cb, name_fn, &names, NULL);
	names.buf[names.cb++] = 0;	/* the MULTI_SZ's final NUL */
	names.buf[names.cb++] = 0;
	err = clusnet_out_bytes(names.buf, names.cb, out, outsize, returned);
	free(names.buf);
	return err;
}

DWORD clusnet_private_control(struct clusnet_conn *c, unsigned int kind,
			      const char *key, DWORD func, const void *in,
			      DWORD insize, LPVOID out, DWORD outsize,
			      LPDWORD returned)
{
	static const uint32_t empty;
	struct _CLUSNET_PROPLIST pl;
	DWORD err;

	switch (func) {
	case CLCTL_GET_RO_PRIVATE_PROPERTIES:
		/* none are read-only: an empty list, a count of 0 */
		return clusnet_out_bytes(&empty, sizeof(empty), out, outsize,
					 returned);
	case CLCTL_ENUM_PRIVATE_PROPERTIES:
	case CLCTL_GET_PRIVATE_PROPERTIES:
		err = clusnet_priv_get(c, kind, key, &pl);
		if (err)
			return err;
		if (func == CLCTL_GET_PRIVATE_PROPERTIES)
			err = clusnet_out_bytes(pl.buf, pl.cb, out, outsize,
						returned);
		else
			err = enum_names(&pl, out, outsize, returned);
		clusnet_pl_release(&pl);
		return err;
	case CLCTL_SET_PRIVATE_PROPERTIES:
	case CLCTL_VALIDATE_PRIVATE_PROPERTIES:
		err = clusnet_check_set_input(in, insize);
		if (err || func == CLCTL_VALIDATE_PRIVATE_PROPERTIES)
			return err;
		return clusnet_priv_set(c, kind, key, in, insize);
	default:
		return ERROR_INVALID_FUNCTION;
	}
}

struct set_ctx {
	struct clusnet_set_field *f;
	size_t n;
	DWORD err;
};

/* An SZ value (up to its first NUL) as UTF-8 into out (size bytes). */
static DWORD value_sz(const struct clusnet_prop *p, char *out, size_t size)
{
	char16_t w[CLUSNET_DESC_MAX + 1];
	size_t units = p->value_cb / 2, i;

	if (p->value_cb % 2)
		return ERROR_INVALID_PARAMETER;
	for (i = 0; i < units; i++) {
		uint16_t u;

		memcpy(&u, p->value + 2 * i, 2);
		u = le16toh(u);
		if (!u)
			break;
		if (i >= CLUSNET_DESC_MAX)	/* >= 1 UTF-8 byte per unit */
			return ERROR_INVALID_PARAMETER;
		w[i] = u;
	}
	if (clusnet_utf16_to_utf8(w, i, out, size) < 0)
		return ERROR_INVALID_PARAMETER;
	return ERROR_SUCCESS;
}

static int set_fn(const struct clusnet_prop *p, void *vctx)
{
	struct set_ctx *c = vctx;
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct clusnet_set_field *f = &c->f[i];
		uint32_t v;

		if (!clusnet_prop_name_is(p, f->name))
			continue;
		if ((p->syntax & 0xffff) != f->format) {
			c->err = ERROR_INVALID_PARAMETER;
			return 1;
		}
		if (f->format == CLUSPROP_FORMAT_DWORD) {
			if (p->value_cb != 4) {
				c->err = ERROR_INVALID_PARAMETER;
				return 1;
			}
			memcpy(&v, p->value, 4);
			f->dw = le32toh(v);
		} else {
			c->err = value_sz(p, f->sz, f->szsize);
			if (c->err)
				return 1;
		}
		f->have = 1;	/* the last one given wins */
		return 0;
	}
	/* read-only and unknown properties alike: not settable */
	c->err = ERROR_INVALID_PARAMETER;
	return 1;
}

DWORD clusnet_parse_set(const void *in, DWORD insize,
			struct clusnet_set_field *f, size_t n)
{
	struct set_ctx c = { .f = f, .n = n };
	DWORD err;
	size_t i;

	for (i = 0; i < n; i++)
		f[i].have = 0;
	err = clusnet_check_set_input(in, insize);
	if (!err)
		err = clusnet_proplist_walk(in, insize, set_fn, &c, NULL);
	return err ? err : c.err;
}

/* ENUM_COMMON_PROPERTIES: the names, as a MULTI_SZ. */
DWORD clusnet_enum_names(const char16_t *const *names, size_t n, LPVOID out,
			 DWORD outsize, LPDWORD returned)
{
	char16_t buf[256];
	size_t at = 0, i;

	for (i = 0; i < n; i++) {
		size_t len = clusnet_utf16_len(names[i]) + 1;

		if (at + len + 1 > sizeof(buf) / sizeof(buf[0]))
			return ERROR_INVALID_DATA;
		memcpy(buf + at, names[i], len * sizeof(char16_t));
		at += len;
	}
	buf[at++] = 0;
	return clusnet_out_bytes(buf, at * sizeof(char16_t), out, outsize,
				 returned);
}
