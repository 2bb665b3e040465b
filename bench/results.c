// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench: timing an operation and keeping its statistics. */
#include "bench.h"

struct result results[MAX_RESULTS];
int nresults;
long cur_objects, cur_dummies;
const char *cur_who = "root";

int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(const double *v, long n, double p)
{
	long i = (long)(p * n + 0.999999) - 1;

	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	return v[i];
}

struct result *add_result(const char *group, const char *name)
{
	struct result *r;

	if (nresults >= MAX_RESULTS)
		die("too many results");
	r = &results[nresults++];
	memset(r, 0, sizeof(*r));
	snprintf(r->group, sizeof(r->group), "%s", group);
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->who, sizeof(r->who), "%s", cur_who);
	r->objects = cur_objects;
	r->dummies = cur_dummies;
	r->threads = 1;
	return r;
}

/*
 * Time fn n times, one sample per call; post (untimed) runs after each
 * call, e.g. to close what fn opened. Returns NULL (and marks the run
 * failed) if fn reports an unexpected result.
 */
int sample(const char *group, const char *name, op_fn fn, op_fn post,
		  void *ctx, long n, double *s, double *sum)
{
	long warm = n / 10 < 20 ? 20 : n / 10, i;

	for (i = 0; i < warm; i++) {
		if (fn(ctx) || (post && post(ctx))) {
			fail("%s/%s: unexpected result in warm-up (errno %d: %s)",
			     group, name, errno, strerror(errno));
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		uint64_t t0, t1;
		int bad;

		t0 = ticks();
		bad = fn(ctx);
		t1 = ticks();
		if (bad || (post && post(ctx))) {
			fail("%s/%s: unexpected result (errno %d: %s)", group,
			     name, errno, strerror(errno));
			return -1;
		}
		s[i] = (double)(t1 - t0) * ns_per_tick - timer_ns;
		if (s[i] < 0)
			s[i] = 0;
		*sum += s[i];
	}
	return 0;
}

struct result *stats(const char *group, const char *name, double *s,
			    long n, double sum)
{
	struct result *r;

	qsort(s, n, sizeof(*s), cmp_double);
	r = add_result(group, name);
	r->n = n;
	r->median = pct(s, n, 0.5);
	r->p99 = pct(s, n, 0.99);
	r->p999 = pct(s, n, 0.999);
	r->max = s[n - 1];
	r->mean = sum / n;
	r->ops_s = r->mean > 0 ? 1e9 / r->mean : 0;
	return r;
}

struct result *measure2(const char *group, const char *name, op_fn fn,
			       op_fn post, void *ctx, long n)
{
	struct result *r = NULL;
	double *s, sum = 0;

	if (n < 1)
		n = 1;
	s = malloc(sizeof(*s) * n);
	if (!s)
		die("out of memory");
	if (!sample(group, name, fn, post, ctx, n, s, &sum))
		r = stats(group, name, s, n, sum);
	free(s);
	return r;
}

struct result *measure(const char *group, const char *name, op_fn fn,
			      void *ctx, long n)
{
	return measure2(group, name, fn, NULL, ctx, n);
}

const struct result *find(const char *group, const char *name,
				 long objects, const char *who)
{
	int i;

	for (i = nresults - 1; i >= 0; i--)
		if (!strcmp(results[i].group, group) &&
		    !strcmp(results[i].name, name) &&
		    (objects < 0 || results[i].objects == objects) &&
		    (!who || !strcmp(results[i].who, who)))
			return &results[i];
	return NULL;
}
