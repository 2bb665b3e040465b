/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the cluster section share (bench/cluster/): the
 * clock, the namespaces of the test cluster's nodes, clusnet handles and
 * waiting for their states, corosync's per-link status, the result table.
 */
#ifndef CLUSTER_BENCH_H
#define CLUSTER_BENCH_H

#include <sys/types.h>

#include <corosync/cfg.h>

/* tools/vm/cluster/guest/cluster-lib.sh: the namespace holders' pid files */
#define STATE_DIR	"/var/lib/clusnet-cluster"
#define OBJS_MAX	4

/* util.c */
double now_ms(void);
void die(const char *what) __attribute__((noreturn));
void fail(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sleep_ms(int ms);
int ns_open(const char *node);
void run(const char *cmd);
struct tc {
	pid_t pid;
	int fd;
	int check;
};

void tc_spawn(struct tc *tc, int swns, int check);
double tc_run(struct tc *tc, const char *batch, double *start);
double tc_batch(int swns, const char *batch, int check);

/* corosync.c: a cfg handle to NODE's corosync, and what it says */
corosync_cfg_handle_t cfg_on(const char *node);
int link_connected(corosync_cfg_handle_t cfg, unsigned int peer,
		   unsigned int link);
int wait_link(corosync_cfg_handle_t cfg, unsigned int peer,
	      unsigned int link, int timeout_ms);

/* objs.c: handles of clusnet objects in this node's kernel */
struct obj {
	const char *name;
	int h;
};

struct extra {			/* one more fd for objs_wait() to serve */
	int fd;
	void (*dispatch)(void *arg);
	int (*done)(void *arg);
	void *arg;
};

void obj_open(struct obj *o);
int obj_state(struct obj *o);
int objs_wait(struct obj *o, int n, int want, double *when, int timeout_ms,
	      const struct extra *x);
void objs_wait_or_die(struct obj *o, int n, int want, int timeout_ms,
		      const char *what);

/* cluster-bench.c: the table, printed at the end */
void result(const char *what, double *v, int n);
void target(const char *what, double *v, int n, double limit);

/* the measures */
void bench_nicdown(int reps);
void bench_cut(int reps);
void bench_kill(int reps);

#endif
