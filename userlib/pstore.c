// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Properties the kernel does not keep: every object's private properties,
 * and the writable common properties of nodes and networks (Description,
 * Role). Windows keeps them in the cluster database; clusnet keeps them in
 * the process, per object: every handle of the process on the same object
 * (in the same network namespace) sees the same values, other processes
 * do not, and they go with the process. Documented in clusnet.rst.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "proplist.h"

struct pentry {
	struct pentry *next;
	uint64_t netns;
	unsigned int kind;
	char key[CLUSNET_NAME_MAX + 1];
	struct _CLUSNET_PROPLIST priv;	/* buf NULL: none yet */
	char desc[CLUSNET_DESC_MAX + 1];
	DWORD role;
	int has_role;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct pentry *entries;

uint64_t clusnet_netns_cookie(void)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st))
		return 0;
	return ((uint64_t)st.st_dev << 32) ^ (uint64_t)st.st_ino;
}

/* The entry of an object, made on first use; under the lock. */
static struct pentry *lookup(struct clusnet_conn *c, unsigned int kind,
			     const char *key, int make)
{
	struct pentry *e;

	for (e = entries; e; e = e->next)
		if (e->netns == c->netns && e->kind == kind &&
		    clusnet_name_eq(e->key, key))
			return e;
	if (!make)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->netns = c->netns;
	e->kind = kind;
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->next = entries;
	entries = e;
	return e;
}

/* Copy of the stored private list (an empty list when none). */
DWORD clusnet_priv_get(struct clusnet_conn *c, unsigned int kind,
		       const char *key, struct _CLUSNET_PROPLIST *out)
{
	struct pentry *e;
	DWORD err = clusnet_pl_init(out);

	if (err)
		return err;
	pthread_mutex_lock(&lock);
	e = lookup(c, kind, key, 0);
	if (e && e->priv.buf) {
		uint8_t *nb = realloc(out->buf, e->priv.cb);

		if (!nb) {
			err = ERROR_NOT_ENOUGH_MEMORY;
		} else {
			memcpy(nb, e->priv.buf, e->priv.cb);
			out->buf = nb;
			out->cb = out->cap = e->priv.cb;
		}
	}
	pthread_mutex_unlock(&lock);
	if (err)
		clusnet_pl_release(out);
	return err;
}

struct merge {
	struct _CLUSNET_PROPLIST *pl;
	const void *skip_list;	/* properties named here are not copied */
	size_t skip_cb;
	DWORD err;
};


struct find {
	char16_t name[CLUSNET_NAME_MAX + 1];
	int found;
};

static int named_fn(const struct clusnet_prop *p, void *ctx)
{
	struct find *f = ctx;

	f->found = clusnet_prop_name_is(p, f->name);
	return f->found;
}

/* Is a property of p's name (ASCII case-insensitively) in the list? */
static int in_list(const void *list, size_t cb, const struct clusnet_prop *p)
{
	struct find f = { .found = 0 };

	if (p->name_cb > sizeof(f.name))
		return 0;
	memcpy(f.name, p->name, p->name_cb);	/* ends with its NUL */
	clusnet_proplist_walk(list, cb, named_fn, &f, NULL);
	return f.found;
}

static int copy_fn(const struct clusnet_prop *p, void *ctx)
{
	struct merge *m = ctx;
	char16_t name[CLUSNET_NAME_MAX + 1];

	if (m->skip_list && in_list(m->skip_list, m->skip_cb, p))
		return 0;
	if (p->name_cb > sizeof(name)) {
		m->err = ERROR_INVALID_PARAMETER;
		return 1;
	}
	memcpy(name, p->name, p->name_cb);	/* ends with its NUL */
	m->err = clusnet_pl_add(m->pl, name, p->syntax, p->value, p->value_cb);
	return m->err != ERROR_SUCCESS;
}

/*
 * SET_PRIVATE_PROPERTIES: the properties of list replace those of the
 * same name, the others stay. The list was checked by the caller.
 */
DWORD clusnet_priv_set(struct clusnet_conn *c, unsigned int kind,
		       const char *key, const void *list, size_t cb)
{
	struct _CLUSNET_PROPLIST pl;
	struct merge m = { .pl = &pl };
	struct pentry *e;
	DWORD err = clusnet_pl_init(&pl);

	if (err)
		return err;
	pthread_mutex_lock(&lock);
	e = lookup(c, kind, key, 1);
	if (!e) {
		err = ERROR_NOT_ENOUGH_MEMORY;
		goto out;
	}
	if (e->priv.buf) {
		m.skip_list = list;
		m.skip_cb = cb;
		clusnet_proplist_walk(e->priv.buf, e->priv.cb, copy_fn, &m,
				      NULL);
	}
	m.skip_list = NULL;
	if (!m.err)
		clusnet_proplist_walk(list, cb, copy_fn, &m, NULL);
	err = m.err;
	if (!err) {
		clusnet_pl_release(&e->priv);
		e->priv = pl;
		pl.buf = NULL;
	}
out:
	pthread_mutex_unlock(&lock);
	clusnet_pl_release(&pl);
	return err;
}

void clusnet_common_get(struct clusnet_conn *c, unsigned int kind,
			const char *key, char *desc, DWORD *role)
{
	struct pentry *e;

	pthread_mutex_lock(&lock);
	e = lookup(c, kind, key, 0);
	strcpy(desc, e ? e->desc : "");
	if (role)
		*role = e && e->has_role ? e->role :
			ClusterNetworkRoleInternalAndClient;
	pthread_mutex_unlock(&lock);
}

DWORD clusnet_common_set(struct clusnet_conn *c, unsigned int kind,
			 const char *key, const char *desc, const DWORD *role)
{
	struct pentry *e;

	pthread_mutex_lock(&lock);
	e = lookup(c, kind, key, 1);
	if (e) {
		if (desc)
			strcpy(e->desc, desc);
		if (role) {
			e->role = *role;
			e->has_role = 1;
		}
	}
	pthread_mutex_unlock(&lock);
	return e ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
}
