// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench: the targets, the tables, the JSON and the plot data. */
#include "bench.h"

struct target {
	char what[96];
	double value, limit;
	int le;			/* 1: value <= limit is met; 0: value >= limit */
	int known;
};

static struct target targets[32];
static int ntargets;

static double med(const char *group, const char *name, long objects)
{
	const struct result *r = find(group, name, objects, "root");

	return r ? r->median : 0;
}

static double p999(const char *group, const char *name)
{
	const struct result *r = find(group, name, -1, "root");

	return r ? r->p999 : 0;
}

static double tput(const char *name, int nthr)
{
	int i;

	for (i = nresults - 1; i >= 0; i--)
		if (!strcmp(results[i].group, "threads") &&
		    !strcmp(results[i].name, name) &&
		    results[i].threads == nthr)
			return results[i].ops_s;
	return 0;
}

static void target(const char *what, double num, double den, double limit,
		   int le)
{
	struct target *t = &targets[ntargets++];

	snprintf(t->what, sizeof(t->what), "%s", what);
	t->known = num > 0 && den > 0;
	t->value = t->known ? num / den : 0;
	t->limit = limit;
	t->le = le;
}

void eval_targets(long top)
{
	const char *g = "single";
	double floor_ = med(g, "ioctl unknown cmd -> ENOTTY", -1);
	long filp = filp_objsize();

	target("state / empty ioctl (ENOTTY)", med(g, "lib state", -1), floor_,
	       1.3, 1);
	target("state / SIOCGIFFLAGS", med(g, "lib state", -1),
	       med(g, "SIOCGIFFLAGS", -1), 0.6, 1);
	target("open+close / eventfd+close", med(g, "lib open + close", -1),
	       med(g, "eventfd + close", -1), 1.3, 1);
	target("open+state+close / RTM_GETLINK",
	       med(g, "lib open + state + close", -1),
	       med(g, "RTM_GETLINK by name", -1), 0.5, 1);
	target("open+state+close / sysfs read",
	       med(g, "lib open + state + close", -1),
	       med(g, "sysfs operstate open+read+close", -1), 0.4, 1);
	{
		char w[96];

		snprintf(w, sizeof(w), "open at %ld objects / open at 1", top);
		target(w, med("scale", "lib open (close untimed)", top),
		       med("scale", "lib open (close untimed)", 1), 1.2, 1);
	}
	target("2 threads / 1, state, distinct objects",
	       tput("lib state, distinct objects", 2),
	       tput("lib state, distinct objects", 1), 1.8, 0);
	target("2 threads / 1, open+close, distinct objects",
	       tput("lib open + close, distinct objects", 2),
	       tput("lib open + close, distinct objects", 1), 1.8, 0);
	target("2 threads / 1, state, same object (shared handle)",
	       tput("lib state, same object, shared handle", 2),
	       tput("lib state, same object, shared handle", 1), 1.5, 0);
	target("2 threads / 1, open+close, same object",
	       tput("lib open + close, same object", 2),
	       tput("lib open + close, same object", 1), 1.5, 0);
	target("churn p99.9 / quiet p99.9, state",
	       p999("churn", "lib state"), p999("quiet", "lib state"), 2, 1);
	target("churn p99.9 / quiet p99.9, open",
	       p999("churn", "lib open (close untimed)"),
	       p999("quiet", "lib open (close untimed)"), 2, 1);
	if (mem_objects.count) {
		struct target *t = &targets[ntargets++];

		snprintf(t->what, sizeof(t->what),
			 "bytes per object (max of slab+vmalloc, MemFree)");
		t->value = mem_objects.slab_active + mem_objects.vmalloc_b;
		if (mem_objects.memfree_b > t->value)
			t->value = mem_objects.memfree_b;
		t->limit = 512;
		t->le = 1;
		t->known = 1;
		t = &targets[ntargets++];
		snprintf(t->what, sizeof(t->what),
			 "bytes per handle beyond struct file (%ld)", filp);
		t->value = mem_handles.slab_active + mem_handles.vmalloc_b;
		if (mem_handles.memfree_b > t->value)
			t->value = mem_handles.memfree_b;
		t->value -= filp;
		t->limit = 256;
		t->le = 1;
		t->known = filp > 0;
	}
}

static int met(const struct target *t)
{
	return t->le ? t->value <= t->limit : t->value >= t->limit;
}

static void fmt_ns(char *b, size_t n, double v)
{
	double a = v < 0 ? -v : v;	/* differences may be negative */

	if (a >= 1e6)
		snprintf(b, n, "%.2f ms", v / 1e6);
	else if (a >= 1e4)
		snprintf(b, n, "%.1f us", v / 1e3);
	else
		snprintf(b, n, "%.0f ns", v);
}

static void ratio(char *b, size_t n, double x, double y)
{
	if (x > 0 && y > 0)
		snprintf(b, n, "%.2f", x / y);
	else
		snprintf(b, n, "-");
}

/* linkpoll.c's results: one row per waiter and way of going down. */
static void print_linkpoll(void)
{
	int i, any = 0;

	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		char a[32], b[32], m[32];

		if (strcmp(r->group, "linkpoll"))
			continue;
		if (!any++) {
			printf("\n== link down -> poll() wake-up, same event: a clusnet handle and an RTNLGRP_LINK listener ==\n");
			printf("%-40s %6s %10s %10s %10s\n", "waiter, event", "n",
			       "median", "p99", "max");
		}
		fmt_ns(a, sizeof(a), r->median);
		fmt_ns(b, sizeof(b), r->p99);
		fmt_ns(m, sizeof(m), r->max);
		printf("%-40s %6ld %10s %10s %10s\n", r->name, r->n, a, b, m);
	}
}

/* enumerate.c's results: by object count, and their ratio. */
static void print_enum(void)
{
	static const char *rows[] = { "CLUSNET_IOC_ENUM, every object",
				      "RTM_GETLINK dump, every link" };
	long ns[8];
	int i, j, k, nn = 0;

	for (i = 0; i < nresults && nn < 8; i++) {
		int seen = 0;

		if (strcmp(results[i].group, "enum"))
			continue;
		for (j = 0; j < nn; j++)
			seen |= ns[j] == results[i].objects;
		if (!seen)
			ns[nn++] = results[i].objects;
	}
	if (!nn)
		return;
	printf("\n== enumeration: one call listing everything, median (p99) by number of objects / dummy NICs ==\n");
	printf("%-34s", "operation");
	for (j = 0; j < nn; j++) {
		char h[32];

		snprintf(h, sizeof(h), "N=%ld", ns[j]);
		printf(" %19s", h);
	}
	printf("\n");
	for (k = 0; k < 2; k++) {
		printf("%-34s", rows[k]);
		for (j = 0; j < nn; j++) {
			const struct result *q = find("enum", rows[k], ns[j],
						      "root");
			char a[32], b[32], c[80];

			if (!q) {
				printf(" %19s", "-");
				continue;
			}
			fmt_ns(a, sizeof(a), q->median);
			fmt_ns(b, sizeof(b), q->p99);
			snprintf(c, sizeof(c), "%s (%s)", a, b);
			printf(" %19s", c);
		}
		printf("\n");
	}
	printf("%-34s", "ENUM / dump (medians)");
	for (j = 0; j < nn; j++) {
		const struct result *e = find("enum", rows[0], ns[j], "root");
		const struct result *d = find("enum", rows[1], ns[j], "root");
		char r[16];

		ratio(r, sizeof(r), e ? e->median : 0, d ? d->median : 0);
		printf(" %19s", r);
	}
	printf("\n");
	for (j = 0; j < nn; j++) {
		const struct result *q = find("enum", rows[0], ns[j], "root");

		if (q)
			printf("N=%ld: %ld samples each\n", ns[j], q->n);
	}
}

void print_table(void)
{
	const char *peers[] = { "ioctl unknown cmd -> ENOTTY", "eventfd + close",
				"SIOCGIFFLAGS", "RTM_GETLINK by name",
				"sysfs operstate open+read+close" };
	double pm[5];
	int i, j;

	for (j = 0; j < 5; j++)
		pm[j] = med("single", peers[j], -1);

	printf("\n== one NIC (eth0, virtio-net), quiet, root; ratios of medians ==\n");
	printf("%-34s %10s %10s %11s %6s %6s %6s %6s %6s\n", "operation",
	       "median", "p99", "ops/s", "xioctl", "xevfd", "xSIOCG",
	       "xrtnl", "xsysfs");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		char a[32], b[32], rr[5][16];

		if (strcmp(r->group, "single"))
			continue;
		fmt_ns(a, sizeof(a), r->median);
		fmt_ns(b, sizeof(b), r->p99);
		for (j = 0; j < 5; j++)
			ratio(rr[j], sizeof(rr[j]), r->median, pm[j]);
		printf("%-34s %10s %10s %11.0f %6s %6s %6s %6s %6s\n", r->name,
		       a, b, r->ops_s, rr[0], rr[1], rr[2], rr[3], rr[4]);
	}

	printf("\n== scale: median (p99) by number of objects bound to dummy NICs ==\n");
	printf("%-34s", "operation");
	{
		long ns[8];
		int nn = 0;

		for (i = 0; i < nresults; i++) {
			int seen = 0;

			if (strcmp(results[i].group, "scale"))
				continue;
			for (j = 0; j < nn; j++)
				seen |= ns[j] == results[i].objects;
			if (!seen && nn < 8)
				ns[nn++] = results[i].objects;
		}
		for (j = 0; j < nn; j++) {
			char h[32];

			snprintf(h, sizeof(h), "N=%ld", ns[j]);
			printf(" %19s", h);
		}
		printf("\n");
		for (i = 0; i < nresults; i++) {
			const struct result *r = &results[i];
			int k;

			if (strcmp(r->group, "scale") || r->objects != ns[0])
				continue;
			printf("%-34s", r->name);
			for (k = 0; k < nn; k++) {
				const struct result *q = find("scale", r->name,
							      ns[k], "root");
				char a[32], b[32], c[80];

				if (!q) {
					printf(" %19s", "-");
					continue;
				}
				fmt_ns(a, sizeof(a), q->median);
				fmt_ns(b, sizeof(b), q->p99);
				snprintf(c, sizeof(c), "%s (%s)", a, b);
				printf(" %19s", c);
			}
			printf("\n");
		}
		for (j = 0; j < nn; j++) {
			const struct result *q = find("scale", "lib state",
						      ns[j], "root");

			if (q && q->dummies != q->objects)
				printf("note: N=%ld has %ld dummies: objects beyond them are unbound\n",
				       ns[j], q->dummies);
		}
	}

	print_linkpoll();
	print_enum();

	printf("\n== negative lookups and access denied ==\n");
	printf("%-44s %-5s %10s %10s %11s\n", "operation", "who", "median",
	       "p99", "ops/s");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		char a[32], b[32];

		if (strcmp(r->group, "negative") && strcmp(r->group, "user"))
			continue;
		fmt_ns(a, sizeof(a), r->median);
		fmt_ns(b, sizeof(b), r->p99);
		printf("%-44s %-5s %10s %10s %11.0f\n", r->name, r->who, a, b,
		       r->ops_s);
	}

	printf("\n== threads: aggregate ops/s (2 vCPUs), best of %d rounds ==\n",
	       thr_rounds);
	printf("%-44s %12s %12s %7s %9s\n", "operation", "1 thread",
	       "2 threads", "ratio", "/ceiling");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		double one, two;
		static double ceil_;

		if (strcmp(r->group, "threads") || r->threads != 1)
			continue;
		if (ceil_ == 0 && tput("user-space loop (no syscall)", 1) > 0)
			ceil_ = tput("user-space loop (no syscall)", 2) /
				tput("user-space loop (no syscall)", 1);
		one = r->ops_s;
		two = tput(r->name, 2);
		printf("%-44s %12.0f %12.0f %7.2f %9.2f\n", r->name, one, two,
		       one > 0 ? two / one : 0,
		       one > 0 && ceil_ > 0 ? two / one / ceil_ : 0);
	}

	printf("\n== churn: quiet vs. a thread adding, upping, deleting a dummy ==\n");
	printf("%-34s %9s %9s %9s %9s | %9s %9s %9s %9s\n", "operation",
	       "q.median", "q.p99", "q.p99.9", "q.max", "c.median", "c.p99",
	       "c.p99.9", "c.max");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i], *q;
		char v[8][32];

		if (strcmp(r->group, "quiet"))
			continue;
		q = find("churn", r->name, -1, "root");
		fmt_ns(v[0], 32, r->median);
		fmt_ns(v[1], 32, r->p99);
		fmt_ns(v[2], 32, r->p999);
		fmt_ns(v[3], 32, r->max);
		fmt_ns(v[4], 32, q ? q->median : 0);
		fmt_ns(v[5], 32, q ? q->p99 : 0);
		fmt_ns(v[6], 32, q ? q->p999 : 0);
		fmt_ns(v[7], 32, q ? q->max : 0);
		printf("%-34s %9s %9s %9s %9s | %9s %9s %9s %9s\n", r->name,
		       v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
	}
	printf("churn: %ld add/up/del cycles during the churn measurements\n",
	       churn_cycles);

	if (mem_objects.count) {
		const struct memres *m[3] = { &mem_objects, &mem_handles,
					      &mem_eventfds };
		static const char *what[3] = { "interface object (unbound)",
					       "open handle (fd)",
					       "eventfd (peer)" };

		printf("\n== kernel memory, bytes each: slab (active objects), vmalloc, MemFree drop ==\n");
		printf("%-28s %7s %8s %8s %8s %8s %8s %8s\n", "what", "count",
		       "slab", "vmalloc", "MemFree", "SUnrecl", "filp",
		       "dentry");
		for (i = 0; i < 3; i++)
			printf("%-28s %7ld %8.0f %8.0f %8.0f %8.0f %8.0f %8.0f\n",
			       what[i], m[i]->count, m[i]->slab_active,
			       m[i]->vmalloc_b, m[i]->memfree_b,
			       m[i]->sunreclaim_b, m[i]->filp, m[i]->dentry);
	}

	printf("\n== targets ==\n");
	if (tput("user-space loop (no syscall)", 1) > 0)
		printf("(2-thread ceiling of this VM on this host right now: a user-space loop gets %.2fx)\n",
		       tput("user-space loop (no syscall)", 2) /
		       tput("user-space loop (no syscall)", 1));
	for (i = 0; i < ntargets; i++) {
		const struct target *t = &targets[i];

		if (!t->known)
			printf("%-52s %8s   %s %-6g n/a\n", t->what, "-",
			       t->le ? "<=" : ">=", t->limit);
		else
			printf("%-52s %8.2f   %s %-6g %s\n", t->what, t->value,
			       t->le ? "<=" : ">=", t->limit,
			       met(t) ? "met" : "MISSED");
	}
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

void print_json(double started, double elapsed)
{
	struct utsname u;
	int i;

	uname(&u);
	printf("%s\n{\n  \"meta\": {", JSON_BEGIN);
	printf("\"kernel\": ");
	json_str(u.release);
	printf(", \"kernel_version\": ");
	json_str(u.version);
	printf(", \"machine\": ");
	json_str(u.machine);
	printf(", \"cpus\": %ld, \"smoke\": %d, \"iterations\": %ld",
	       sysconf(_SC_NPROCESSORS_ONLN), smoke, iters);
	printf(", \"ns_per_tick\": %.6f, \"timer_overhead_ns\": %.1f",
	       ns_per_tick, timer_ns);
	printf(", \"started_uptime_s\": %.1f, \"elapsed_s\": %.1f", started,
	       elapsed);
	printf(", \"failed\": %d},\n  \"results\": [\n", failed);
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];

		printf("    {\"group\": ");
		json_str(r->group);
		printf(", \"name\": ");
		json_str(r->name);
		printf(", \"who\": ");
		json_str(r->who);
		printf(", \"objects\": %ld, \"dummies\": %ld, \"threads\": %d, \"n\": %ld, "
		       "\"median_ns\": %.1f, \"p99_ns\": %.1f, \"p999_ns\": %.1f, "
		       "\"max_ns\": %.1f, \"mean_ns\": %.1f, \"ops_per_s\": %.0f}%s\n",
		       r->objects, r->dummies, r->threads, r->n, r->median,
		       r->p99, r->p999, r->max, r->mean, r->ops_s,
		       i + 1 < nresults ? "," : "");
	}
	printf("  ],\n  \"memory\": {");
	{
		const struct memres *m[3] = { &mem_objects, &mem_handles,
					      &mem_eventfds };
		static const char *key[3] = { "object", "handle", "eventfd" };

		for (i = 0; i < 3; i++)
			printf("%s\"%s\": {\"count\": %ld, \"slab_bytes\": %.1f, \"vmalloc_bytes\": %.1f, "
			       "\"memfree_drop_bytes\": %.1f, \"sunreclaim_bytes\": %.1f, "
			       "\"filp_bytes\": %.1f, \"dentry_bytes\": %.1f}",
			       i ? ", " : "", key[i], m[i]->count,
			       m[i]->slab_active, m[i]->vmalloc_b,
			       m[i]->memfree_b, m[i]->sunreclaim_b, m[i]->filp,
			       m[i]->dentry);
		printf("},\n");
	}
	printf("  \"churn_cycles\": %ld,\n  \"thread_ceiling\": %.3f,\n  \"targets\": [\n",
	       churn_cycles,
	       tput("user-space loop (no syscall)", 1) > 0 ?
	       tput("user-space loop (no syscall)", 2) /
	       tput("user-space loop (no syscall)", 1) : 0);
	for (i = 0; i < ntargets; i++) {
		const struct target *t = &targets[i];

		printf("    {\"what\": ");
		json_str(t->what);
		printf(", \"value\": %.3f, \"limit\": %g, \"op\": \"%s\", \"met\": %s}%s\n",
		       t->value, t->limit, t->le ? "<=" : ">=",
		       !t->known ? "null" : met(t) ? "true" : "false",
		       i + 1 < ntargets ? "," : "");
	}
	printf("  ]\n}\n%s\n", JSON_END);

	/* Plot data: N, then medians in microseconds. */
	printf("%s\n# N lib_open lib_open_close lib_state open_state_close neg_open enotty eventfd siocgifflags rtm_getlink sysfs\n",
	       DAT_BEGIN);
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		long N = r->objects;
		static const char *cols[] = {
			"lib open (close untimed)", "lib open + close",
			"lib state", "lib open + state + close",
			"lib open, no such name", "ioctl unknown cmd -> ENOTTY",
			"eventfd + close", "SIOCGIFFLAGS", "RTM_GETLINK by name",
			"sysfs operstate open+read+close"
		};
		unsigned int k;

		if (strcmp(r->group, "scale") || strcmp(r->name, "lib state"))
			continue;
		printf("%ld", N);
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			const struct result *q = find("scale", cols[k], N,
						      "root");

			if (q)
				printf(" %.3f", q->median / 1e3);
			else
				printf(" NaN");
		}
		printf("\n");
	}
	printf("%s\n", DAT_END);
}
