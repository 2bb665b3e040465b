// SPDX-License-Identifier: GPL-2.0
/*
 * The cluster section of make bench, run on node1 of the three-node test
 * cluster (tools/vm/run --cluster 3, corosync and clusnetd on every node):
 * how soon a handle open on node1 wakes from poll() with the state a fault
 * elsewhere in the cluster gives, next to when corosync itself saw the
 * fault, in the same repetitions, on the guest's one CLOCK_MONOTONIC:
 *
 *   nicdown  node2's eth1 set down -> "node2 - eth1" Failed (nicdown.c)
 *   cut      node2-node3 traffic dropped on eth1 -> their eth1 Unreachable
 *            (cut.c)
 *   kill     node3's corosync and clusnetd killed -> its interfaces
 *            Unavailable (kill.c)
 *
 *   cluster-bench [REPS [MEASURE...]]	(default: 20, all three)
 *
 * Prints one table at the end (progress lines go to stderr): per line
 * the repetitions, median, p99 (the largest below 100 repetitions), min
 * and max in ms; then a "target:" line per target, met or not, how long
 * each measure ran, and "== end of cluster".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster-bench.h"

#define LINES_MAX	32

static struct line {
	char what[96];
	double *v;
	int n;
	double limit;		/* a target line when > 0 */
} lines[LINES_MAX];
static int n_lines;
static char took[128];		/* how long each measure ran */
static int done;

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts @v (per-repetition differences must be taken before). */
void result(const char *what, double *v, int n)
{
	struct line *l = &lines[n_lines];

	if (n_lines == LINES_MAX)
		fail("too many result lines");
	qsort(v, n, sizeof(*v), cmp);
	snprintf(l->what, sizeof(l->what), "%s", what);
	l->v = v;
	l->n = n;
	n_lines++;
}

/* A result line whose median is held against @limit ms. */
void target(const char *what, double *v, int n, double limit)
{
	result(what, v, n);
	lines[n_lines - 1].limit = limit;
}

static void print_line(const struct line *l)
{
	const double *v = l->v;
	int n = l->n;

	printf("%-64s %4d %8.1f %8.1f %8.1f %8.1f\n", l->what, n, v[n / 2],
	       v[n < 100 ? n - 1 : (n * 99) / 100], v[0], v[n - 1]);
}

static void print_target(const struct line *l)
{
	double m = l->v[l->n / 2];

	printf("target: %s, median <= %.0f ms: %.1f ms, %s\n", l->what,
	       l->limit, m, m <= l->limit ? "met" : "not met");
}

static int printed;

static void print_table(void)
{
	int i;

	if (printed++)
		return;
	printf("== cluster (three nodes, one VM; ms from the fault)%s\n",
	       done ? "" : " INCOMPLETE: a measure failed");
	printf("%-64s %4s %8s %8s %8s %8s\n", "measure", "reps", "median",
	       "p99", "min", "max");
	for (i = 0; i < n_lines; i++)
		print_line(&lines[i]);
	for (i = 0; i < n_lines; i++)
		if (lines[i].limit)
			print_target(&lines[i]);
	printf("took:%s\n", took);
	printf("Windows' default route-down time (10 missed heartbeats of "
	       "1 s) is 10 s: documented, not measured\n");
	printf("== end of cluster\n");
	fflush(stdout);
}

static int wanted(int argc, char **argv, const char *name)
{
	int i;

	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], name))
			return 1;
	return argc <= 2;
}

static void measure(const char *name, void (*fn)(int), int reps)
{
	double t = now_ms();
	size_t len = strlen(took);

	fn(reps);
	snprintf(took + len, sizeof(took) - len, " %s %.0f s", name,
		 (now_ms() - t) / 1e3);
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 20;

	if (reps < 1) {
		fprintf(stderr, "usage: cluster-bench [REPS [nicdown|cut|kill]...]\n");
		return 2;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	atexit(print_table);	/* what was measured, also after a failure */
	if (wanted(argc, argv, "nicdown"))
		measure("nicdown", bench_nicdown, reps);
	if (wanted(argc, argv, "cut"))
		measure("cut", bench_cut, reps);
	if (wanted(argc, argv, "kill"))
		measure("kill", bench_kill, reps);
	done = 1;
	print_table();
	return 0;
}
