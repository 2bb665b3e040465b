// SPDX-License-Identifier: GPL-2.0
/*
 * Cluster network names, agreed by all nodes without a leader.
 *
 * Each named subnet has a claim: (name, gen, setter). gen is a Lamport
 * clock: a new network or a rename takes the largest gen known plus one,
 * so a later rename (in CPG's total order) always beats an earlier one.
 * Two claims for one subnet merge to the larger (gen, setter, name):
 * merging is order-free, so nodes that have seen the same claims agree,
 * whatever order they saw them in.
 *
 * Names must be unique. Two partitions may each have named a different
 * subnet "Cluster Network 2"; when they meet, the older claim (smaller
 * gen, setter, subnet) keeps the name and the other shows the smallest
 * free "Cluster Network N". That view is a pure function of the claims.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cluster.h"

#define AUTO_PREFIX "Cluster Network "

static int claim_newer(const struct cd_claim *a, const struct cd_claim *b)
{
	if (a->gen != b->gen)
		return a->gen > b->gen;
	if (a->setter != b->setter)
		return a->setter > b->setter;
	return strcmp(a->name, b->name) > 0;
}

static int claim_age_cmp(const void *pa, const void *pb)
{
	const struct cd_claim *a = *(const struct cd_claim *const *)pa;
	const struct cd_claim *b = *(const struct cd_claim *const *)pb;

	if (a->gen != b->gen)
		return a->gen < b->gen ? -1 : 1;
	if (a->setter != b->setter)
		return a->setter < b->setter ? -1 : 1;
	return cd_subnet_cmp(&a->subnet, &b->subnet);
}

/* N of "Cluster Network N" (any case, no leading zero), or 0. */
static unsigned int auto_number(const char *name)
{
	size_t plen = strlen(AUTO_PREFIX);
	unsigned long n = 0;
	const char *p;

	if (strncasecmp(name, AUTO_PREFIX, plen) || name[plen] == '0')
		return 0;
	for (p = name + plen; *p; p++) {
		if (*p < '0' || *p > '9' || n > CD_CLAIMS_MAX + 1)
			return 0;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	return n <= CD_CLAIMS_MAX + 1 ? (unsigned int)n : 0;
}

static struct cd_claim *find(struct cd_claim *arr, uint32_t n,
			     const struct cd_subnet *s)
{
	for (uint32_t i = 0; i < n; i++)
		if (!cd_subnet_cmp(&arr[i].subnet, s))
			return &arr[i];
	return NULL;
}

/* Merge c into arr[*n]: 0, or -1 when arr is full. */
static int merge_one(struct cd_claim *arr, uint32_t *n,
		     const struct cd_claim *c)
{
	struct cd_claim *o = find(arr, *n, &c->subnet);

	if (o) {
		if (claim_newer(c, o))
			*o = *c;
		return 0;
	}
	if (*n >= CD_CLAIMS_MAX)
		return -1;
	arr[(*n)++] = *c;
	return 0;
}

/* Recompute cl->names from cl->claims (see the top of this file). */
static void refresh(struct cd_cluster *cl)
{
	static const struct cd_claim *order[CD_CLAIMS_MAX];
	bool used[CD_CLAIMS_MAX + 2] = { false };
	bool lost[CD_CLAIMS_MAX] = { false };
	unsigned int next = 1;

	for (uint32_t i = 0; i < cl->n_claims; i++)
		order[i] = &cl->claims[i];
	qsort(order, cl->n_claims, sizeof(order[0]), claim_age_cmp);
	for (uint32_t i = 0; i < cl->n_claims; i++) {
		for (uint32_t j = 0; j < i && !lost[i]; j++)
			lost[i] = !lost[j] &&
				  !strcasecmp(order[i]->name, order[j]->name);
		if (!lost[i])
			used[auto_number(order[i]->name)] = true;
	}
	for (uint32_t i = 0; i < cl->n_claims; i++) {
		uint32_t k = (uint32_t)(order[i] - cl->claims);

		if (!lost[i]) {
			strcpy(cl->names[k], order[i]->name);
			continue;
		}
		while (used[next])
			next++;
		used[next] = true;
		snprintf(cl->names[k], sizeof(cl->names[k]), AUTO_PREFIX "%u",
			 next);
	}
}

/*
 * Only the agreed claims count: what this node alone remembers (known)
 * differs between nodes and would make them pick different gens.
 */
static uint64_t max_gen(const struct cd_cluster *cl)
{
	uint64_t g = 0;

	for (uint32_t i = 0; i < cl->n_claims; i++)
		if (cl->claims[i].gen > g)
			g = cl->claims[i].gen;
	return g;
}

/* 0, or -1 when a table was full (some claims were not taken). */
int cd_names_merge(struct cd_cluster *cl, const struct cd_claim *c,
		   uint32_t n)
{
	int rc = 0;

	for (uint32_t i = 0; i < n; i++) {
		rc |= merge_one(cl->claims, &cl->n_claims, &c[i]);
		rc |= merge_one(cl->known, &cl->n_known, &c[i]);
	}
	refresh(cl);
	return rc;
}

static int name_taken(const struct cd_cluster *cl, const char *name,
		      const struct cd_subnet *except)
{
	for (uint32_t i = 0; i < cl->n_claims; i++)
		if (!strcasecmp(cl->names[i], name) &&
		    (!except || cd_subnet_cmp(&cl->claims[i].subnet, except)))
			return 1;
	return 0;
}

static int set_claim(struct cd_cluster *cl, const struct cd_subnet *s,
		     const char *name, uint32_t setter)
{
	struct cd_claim c = { .subnet = *s, .setter = setter };

	c.gen = max_gen(cl) + 1;
	snprintf(c.name, sizeof(c.name), "%s", name);
	return cd_names_merge(cl, &c, 1);
}

/*
 * A subnet seen for the first time in this configuration gets the
 * smallest free number. A name it had before comes back with the hello
 * of a node that remembers it (hellos carry the claims before the
 * interfaces, and an older claim with a larger gen wins the merge).
 */
void cd_names_add_subnet(struct cd_cluster *cl, const struct cd_subnet *s,
			 uint32_t setter)
{
	char name[CD_NAME_MAX + 1];
	unsigned int n = 1;

	if (!s->family || find(cl->claims, cl->n_claims, s))
		return;
	do
		snprintf(name, sizeof(name), AUTO_PREFIX "%u", n++);
	while (name_taken(cl, name, NULL));
	set_claim(cl, s, name, setter);
}

int cd_names_rename(struct cd_cluster *cl, const struct cd_subnet *s,
		    const char *name, uint32_t setter)
{
	if (!s->family || name_taken(cl, name, s))
		return -1;
	return set_claim(cl, s, name, setter);
}

bool cd_names_get(const struct cd_cluster *cl, const struct cd_subnet *s,
		  char *buf, size_t size)
{
	for (uint32_t i = 0; i < cl->n_claims; i++) {
		if (!cd_subnet_cmp(&cl->claims[i].subnet, s)) {
			snprintf(buf, size, "%s", cl->names[i]);
			return true;
		}
	}
	if (size)
		buf[0] = '\0';
	return false;
}
