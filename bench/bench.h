/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusnet-bench: what its files share. clusnet-bench.c has main() and the
 * options; one file per section (single.c, scale.c, threads.c, churn.c,
 * memory.c, linkpoll.c, enumerate.c) and the parts they use: util.c
 * (errors, timer), results.c (timing and statistics), netlink.c,
 * ops.c (the timed operations), setup.c (objects, targets) and output.c
 * (tables, JSON, plot data).
 */
#ifndef CLUSNET_BENCH_H
#define CLUSNET_BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <clusapi.h>
#include <linux/clusnet.h>

#define JSON_BEGIN "==== clusnet-bench json begin ===="
#define JSON_END "==== clusnet-bench json end ===="
#define DAT_BEGIN "==== clusnet-bench scale.dat begin ===="
#define DAT_END "==== clusnet-bench scale.dat end ===="

/* The options (clusnet-bench.c). */
extern int smoke;
extern long iters;
extern long max_objects;
extern long max_dummies;	/* -1: as many as objects */
extern char node[256];		/* this host's name: objects are "<node> - x" */

/* util.c */
extern int failed;
extern double ns_per_tick;
extern double timer_ns;		/* the timer's own cost, subtracted */
__attribute__((format(printf, 1, 2))) void fail(const char *fmt, ...);
__attribute__((format(printf, 1, 2), noreturn)) void die(const char *fmt, ...);
double mono_s(void);
void calibrate(void);
void pin(int cpu);
void to_utf16(const char *s, WCHAR *out, size_t n);
double read_uptime(void);

static inline uint64_t ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
#else
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
#endif
}

/* results.c */
struct result {
	char group[24];
	char name[64];
	char who[8];		/* root / user */
	long objects;		/* clusnet objects of the bench at the time */
	long dummies;		/* dummy netdevs present */
	int threads;
	long n;			/* samples (or total ops for throughput) */
	double median, p99, p999, max, mean, ops_s;
};

#define MAX_RESULTS 512
extern struct result results[MAX_RESULTS];
extern int nresults;
extern long cur_objects, cur_dummies;	/* recorded with each result */
extern const char *cur_who;		/* "root" or "user" */

typedef int (*op_fn)(void *ctx);
int cmp_double(const void *a, const void *b);
struct result *add_result(const char *group, const char *name);
int sample(const char *group, const char *name, op_fn fn, op_fn post,
	   void *ctx, long n, double *s, double *sum);
struct result *stats(const char *group, const char *name, double *s,
		     long n, double sum);
struct result *measure2(const char *group, const char *name, op_fn fn,
			op_fn post, void *ctx, long n);
struct result *measure(const char *group, const char *name, op_fn fn,
		       void *ctx, long n);
const struct result *find(const char *group, const char *name,
			  long objects, const char *who);

/* netlink.c */
struct nlbuf {
	char *p;
	size_t len, cap;
	int msgs;
};

struct rtattr *nl_attr(struct nlmsghdr *n, int type, const void *d, int len);
int nl_open(void);
int nl_flush(int fd, struct nlbuf *b, int *first_err);
void nl_newlink(struct nlbuf *b, const char *name, int up);
void nl_setup(struct nlbuf *b, const char *name, int up);
void nl_dellink(struct nlbuf *b, const char *name);
void nl_carrier(struct nlbuf *b, const char *name, int on);
int nl_listen_link(void);

/* ops.c: each returns 0 when the operation behaved as expected. */
struct ctx {
	int clusfd;		/* /dev/clusnet */
	int sock;		/* AF_INET datagram socket for SIOCGIF* */
	int nl;			/* NETLINK_ROUTE, for RTM_GETLINK */
	HCLUSTER hc;
	HNETINTERFACE h;	/* an open handle on the target */
	HNETINTERFACE tmp;	/* opened by a timed op, closed untimed */
	int hfd;		/* raw handle fd on the target */
	int tmpfd;
	char name[256];		/* target object name (UTF-8) */
	WCHAR name16[256];
	char ifname[IFNAMSIZ];
	char sysfs[128];
	char getlink[256];	/* prepared RTM_GETLINK request */
	size_t getlink_len;
	int expect_errno;	/* for negative ops */
	DWORD expect_error;
	struct clusnet_cluster_info ci;
	struct clusnet_open op;
	char rbuf[32768];
};

int op_empty(void *c);
int op_spin(void *c);
int op_getppid(void *c);
int op_enotty(void *v);
int op_cluster_info(void *v);
int op_eventfd_close(void *v);
int op_lib_open_close(void *v);
int op_lib_open(void *v);
int op_lib_close_tmp(void *v);
int op_lib_state(void *v);
int op_lib_open_state_close(void *v);
int op_lib_open_neg(void *v);
void raw_prepare(struct ctx *c);
int op_raw_open_close(void *v);
int op_raw_state(void *v);
int op_sysfs(void *v);
int op_sysfs_neg(void *v);
int op_siocgifflags(void *v);
int op_siocgifflags_neg(void *v);
void getlink_prepare(struct ctx *c);
int op_rtnl_getlink(void *v);
int op_rtnl_getlink_neg(void *v);

/* setup.c */
int clusnet_fd(void);
int create_object(int fd, const char *name, const char *ifname,
		  uint32_t uid, uint32_t mode);
int delete_object(int fd, const char *name);
void obj_name(char *buf, size_t n, long i);
void ctx_init(struct ctx *c, HCLUSTER hc, int clusfd);
void ctx_target(struct ctx *c, const char *name, const char *ifname);
void ctx_open(struct ctx *c);
void ctx_fini(struct ctx *c);
void limits_raise(long need);
void limits_restore(void);

/* The sections. */
void run_single(struct ctx *c, const char *group, long n);
void run_negative(struct ctx *c, long n, long modprobe_n);
void run_as_user(long n);
extern long have_objects, have_dummies;	/* what scale.c made so far */
/* scale.c: with latency, the operations; with enumerate, enumerate.c's. */
void run_scale(struct ctx *c, long n, int latency, int enumerate);
void run_enum_step(struct ctx *c, long objects, long dummies);
extern int thr_rounds;
void run_threads(struct ctx *c, double dur);
extern long churn_cycles;
void run_churn(struct ctx *c, long n);
struct memres {
	long count;
	double slab_active, slab_kb, sunreclaim_b, vmalloc_b, memfree_b, filp, dentry;
};

extern struct memres mem_objects, mem_handles, mem_eventfds;
void run_memory(struct ctx *c, long nobj, long count);
long filp_objsize(void);

void run_linkpoll(struct ctx *c, long admin_reps, long carrier_reps);

/* output.c */
void eval_targets(long top);
void print_table(void);
void print_json(double started, double elapsed);

#endif /* CLUSNET_BENCH_H */
