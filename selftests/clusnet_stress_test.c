// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded stress: threads opening, querying and closing objects while
 * another thread deletes, re-adds and flaps the netdev they follow and
 * another deletes and re-creates an object; namespace churn; many
 * handles. Only the errors the contract allows may show up (ENOENT while
 * an object is absent, ENODEV on a handle of a deleted object), states
 * are always UNAVAILABLE, FAILED or UP, and nothing leaks.
 *
 * CLUSNET_STRESS_MS sets the duration of the threaded test (default
 * 10000).
 */
#include <pthread.h>

#include "common.h"

#define NOPENERS	4
#define NDISTINCT	4

struct stress {
	int dev;
	char ifname[IFNAMSIZ];
	char shared[128];	/* follows ifname, never deleted */
	char recreated[128];	/* follows ifname, deleted and re-created */
	char distinct[NDISTINCT][128];
	volatile int stop;

	pthread_mutex_t lock;
	int errors;
	char first_error[512];
	unsigned long ops[NOPENERS + NDISTINCT + 2];
	unsigned long enoent, enodev;
	unsigned int seen_states;
};

static void stress_error(struct stress *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void stress_error(struct stress *s, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&s->lock);
	if (!s->errors++) {
		va_start(ap, fmt);
		vsnprintf(s->first_error, sizeof(s->first_error), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&s->lock);
}

static bool state_ok(int st)
{
	return st == CLUSNET_STATE_UNAVAILABLE || st == CLUSNET_STATE_FAILED ||
	       st == CLUSNET_STATE_UP;
}

static void note_state(struct stress *s, int st)
{
	if (st >= 0 && st < 32)
		__atomic_fetch_or(&s->seen_states, 1u << st, __ATOMIC_RELAXED);
}

/*
 * Open @name, query and close. @may_vanish: the object may be absent
 * (ENOENT) or deleted under the handle (ENODEV).
 */
static void one_round(struct stress *s, const char *name, bool may_vanish,
		      unsigned long i)
{
	static const __u32 desired[] = {
		CLUSNET_GENERIC_READ, CLUSNET_MAXIMUM_ALLOWED,
		CLUSNET_GENERIC_ALL,
	};
	__u32 want = desired[i % 3], granted = 0;
	struct clusnet_info info;
	int h, st, ret;

	h = cn_open_g(s->dev, name, want, &granted, NULL);
	if (h < 0) {
		if (may_vanish && h == -ENOENT) {
			__atomic_fetch_add(&s->enoent, 1, __ATOMIC_RELAXED);
			return;
		}
		stress_error(s, "open \"%s\" %s: %s", name,
			     cn_access_name(want), strerror(-h));
		return;
	}
	if (granted != (want == CLUSNET_GENERIC_READ ? CLUSNET_GENERIC_READ :
						       CLUSNET_GENERIC_ALL))
		stress_error(s, "open \"%s\" %s: granted 0x%x", name,
			     cn_access_name(want), granted);

	st = cn_state(h);
	if (st == -ENODEV && may_vanish) {
		__atomic_fetch_add(&s->enodev, 1, __ATOMIC_RELAXED);
	} else if (!state_ok(st)) {
		stress_error(s, "state of \"%s\": %d (%s)", name, st,
			     cn_state_name(st));
	}
	note_state(s, st);

	ret = cn_info(h, &info);
	if (ret == -ENODEV && may_vanish) {
		__atomic_fetch_add(&s->enodev, 1, __ATOMIC_RELAXED);
	} else if (ret) {
		stress_error(s, "info of \"%s\": %s", name, strerror(-ret));
	} else {
		if (!state_ok(info.state))
			stress_error(s, "info.state of \"%s\": %u", name,
				     info.state);
		if (strcmp(info.name, name))
			stress_error(s, "info.name \"%s\" for \"%s\"",
				     info.name, name);
		if (info.ifindex < 0)
			stress_error(s, "info.ifindex %d", info.ifindex);
		note_state(s, info.state);
	}

	if (granted == CLUSNET_GENERIC_ALL) {
		ret = cn_set_desc(h, "stress", 6);
		if (ret && !(ret == -ENODEV && may_vanish))
			stress_error(s, "set description of \"%s\": %s", name,
				     strerror(-ret));
	}
	if (close(h))
		stress_error(s, "close: %m");
}

struct worker {
	struct stress *s;
	int idx;
};

static void *opener(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	unsigned long i;

	for (i = 0; !s->stop; i++) {
		if (i % 2)
			one_round(s, s->recreated, true, i);
		else
			one_round(s, s->shared, false, i);
		s->ops[w->idx]++;
	}
	return NULL;
}

static void *distinct(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	unsigned long i;

	for (i = 0; !s->stop; i++) {
		one_round(s, s->distinct[w->idx - NOPENERS], false, i);
		s->ops[w->idx]++;
	}
	return NULL;
}

static void *netdev_flapper(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	const char *d = s->ifname;
	int st;

	while (!s->stop) {
		st = cn_sh("ip link del %s; ip link add %s type dummy && ip link set %s up && ip link set %s carrier off && ip link set %s carrier on && ip link set %s down && ip link set %s up",
			   d, d, d, d, d, d, d);
		if (st)
			stress_error(s, "ip commands failed: %d", st);
		s->ops[w->idx]++;
	}
	return NULL;
}

static void *recreator(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	int ret;

	while (!s->stop) {
		ret = cn_delete(s->dev, s->recreated);
		if (ret)
			stress_error(s, "delete \"%s\": %s", s->recreated,
				     strerror(-ret));
		ret = cn_create(s->dev, s->recreated, s->ifname, 0, 0, 0644);
		if (ret)
			stress_error(s, "create \"%s\": %s", s->recreated,
				     strerror(-ret));
		s->ops[w->idx]++;
	}
	return NULL;
}

FIXTURE(stress) {
	struct stress *s;
};

FIXTURE_SETUP(stress)
{
	struct stress *s;
	int i;

	if (!cn_is_admin())
		return;
	cn_netdev_modules();
	s = calloc(1, sizeof(*s));
	ASSERT_TRUE(s != NULL);
	self->s = s;
	pthread_mutex_init(&s->lock, NULL);
	s->dev = cn_dev();
	cn_ifname(s->ifname);
	cn_name(s->shared, sizeof(s->shared), "shared");
	cn_name(s->recreated, sizeof(s->recreated), "recreated");
	for (i = 0; i < NDISTINCT; i++)
		cn_name(s->distinct[i], sizeof(s->distinct[i]), "distinct");
}

FIXTURE_TEARDOWN(stress)
{
	struct stress *s = self->s;
	int i;

	if (!s)
		return;
	cn_link_del(s->ifname);
	if (s->dev >= 0) {
		cn_delete(s->dev, s->shared);
		cn_delete(s->dev, s->recreated);
		for (i = 0; i < NDISTINCT; i++)
			cn_delete(s->dev, s->distinct[i]);
		close(s->dev);
	}
	free(s);
}

TEST_F_TIMEOUT(stress, open_query_close_while_netdev_and_object_churn, 180)
{
	static const char *const distinct_if[NDISTINCT] = {
		"lo", "eth0", "cnnone9", "eth1",
	};
	struct worker w[NOPENERS + NDISTINCT + 2];
	pthread_t t[NOPENERS + NDISTINCT + 2];
	struct stress *s = self->s;
	const char *env = getenv("CLUSNET_STRESS_MS");
	int ms = env ? atoi(env) : 10000;
	int i, fds_before, h, st;
	long long start;

	CN_REQUIRE_ADMIN();
	ASSERT_LE(0, s->dev);
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up",
			   s->ifname, s->ifname));
	ASSERT_EQ(0, cn_create(s->dev, s->shared, s->ifname, 0, 0, 0644));
	ASSERT_EQ(0, cn_create(s->dev, s->recreated, s->ifname, 0, 0, 0644));
	for (i = 0; i < NDISTINCT; i++) {
		ASSERT_EQ(0, cn_create(s->dev, s->distinct[i], distinct_if[i],
				       0, 0, 0644));
	}

	fds_before = cn_fd_count();
	ASSERT_LT(0, fds_before);
	start = cn_now_ms();
	for (i = 0; i < NOPENERS + NDISTINCT + 2; i++) {
		void *(*fn)(void *);

		w[i].s = s;
		w[i].idx = i;
		if (i < NOPENERS)
			fn = opener;
		else if (i < NOPENERS + NDISTINCT)
			fn = distinct;
		else if (i == NOPENERS + NDISTINCT)
			fn = netdev_flapper;
		else
			fn = recreator;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, fn, &w[i]));
	}
	while (cn_now_ms() - start < ms)
		cn_sleep_ms(100);
	s->stop = 1;
	for (i = 0; i < NOPENERS + NDISTINCT + 2; i++)
		pthread_join(t[i], NULL);

	TH_LOG("%d ms; opener ops %lu %lu %lu %lu; distinct %lu %lu %lu %lu; netdev cycles %lu; re-creations %lu; ENOENT %lu, ENODEV %lu; states seen 0x%x",
	       (int)(cn_now_ms() - start), s->ops[0], s->ops[1], s->ops[2],
	       s->ops[3], s->ops[4], s->ops[5], s->ops[6], s->ops[7],
	       s->ops[8], s->ops[9], s->enoent, s->enodev, s->seen_states);
	EXPECT_EQ(0, s->errors) TH_LOG("first unexpected result: %s",
				       s->first_error);
	for (i = 0; i < NOPENERS + NDISTINCT + 2; i++) {
		EXPECT_LT(0UL, s->ops[i]) TH_LOG("thread %d made no progress",
						 i);
	}
	EXPECT_EQ(0U, s->seen_states & ~CN_ALL_STATES_MASK);

	/* No handle leaked; the module still works. */
	EXPECT_EQ(fds_before, cn_fd_count());
	h = cn_open(s->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	close(h);
	/* The shared object follows the last dummy, which ends up. */
	h = cn_open(s->dev, s->shared, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	st = cn_wait_state(h, CLUSNET_STATE_UP, CN_WAIT_MS);
	EXPECT_EQ(CLUSNET_STATE_UP, st) TH_LOG("%s", cn_state_name(st));
	ASSERT_EQ(0, cn_sh("ip link del %s", s->ifname));
	st = cn_wait_state(h, CLUSNET_STATE_UNAVAILABLE, CN_WAIT_MS);
	EXPECT_EQ(CLUSNET_STATE_UNAVAILABLE, st)
		TH_LOG("%s", cn_state_name(st));
	close(h);
	h = cn_open(s->dev, s->recreated, CLUSNET_GENERIC_READ);
	EXPECT_LE(0, h) TH_LOG("%s", strerror(-h));
	if (h >= 0)
		close(h);
}

/* As many handles as the fd limit allows, on one object, in both runs. */
TEST(many_handles_on_one_object)
{
	int dev, n, i, before, *fds;
	__u64 id0 = 0, id;

	dev = cn_dev();
	ASSERT_LE(0, dev);
	before = cn_fd_count();
	n = 900;
	fds = calloc(n, sizeof(*fds));
	ASSERT_TRUE(fds != NULL);
	for (i = 0; i < n; i++) {
		id = 0;
		fds[i] = cn_open_g(dev, i % 2 ? CN_ETH0 : "NODE1 - ETH0",
				   CLUSNET_GENERIC_READ, NULL, &id);
		if (fds[i] == -EMFILE)
			break;
		ASSERT_LE(0, fds[i]) TH_LOG("handle %d: %s", i,
					   strerror(-fds[i]));
		if (!i)
			id0 = id;
		ASSERT_EQ(id0, id);
	}
	n = i;
	EXPECT_LT(500, n);
	for (i = 0; i < n; i += 97) {
		EXPECT_EQ(CLUSNET_STATE_UP, cn_state(fds[i]));
	}
	for (i = 0; i < n; i++) {
		ASSERT_EQ(0, close(fds[i]));
	}
	EXPECT_EQ(before, cn_fd_count());
	free(fds);
	close(dev);
}

struct churn_job {
	int sock;
	int iter;
};

/* A short-lived netns with a few objects; hand one handle out. */
static int churn_child(void *arg)
{
	struct churn_job *job = arg;
	char name[64];
	int dev, h = -1, i, ret;

	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "%s", strerror(-dev));
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "churn %d %d", job->iter, i);
		ret = cn_create(dev, name, i ? "lo" : "cnnone0", 0, 0, 0644);
		CN_CHECK(ret == 0, "create: %s", strerror(-ret));
		h = cn_open(dev, name, CLUSNET_GENERIC_ALL);
		CN_CHECK(h >= 0, "open: %s", strerror(-h));
		/* Left open on purpose: exit closes them. */
	}
	CN_CHECK(cn_send_fd(job->sock, h) == 0, "send");
	return 0;
}

TEST_F_TIMEOUT(stress, netns_churn, 120)
{
	struct clusnet_cluster_info ci;
	struct churn_job *job;
	int sv[2], handles[20], i, n = 20, st, dev;
	__u32 count;

	CN_REQUIRE_ADMIN();
	dev = self->s->dev;
	ASSERT_EQ(0, cn_cluster_info(dev, 0, &ci));
	count = ci.object_count;
	job = cn_shared(sizeof(*job));
	ASSERT_TRUE(job != NULL);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	job->sock = sv[1];
	for (i = 0; i < n; i++) {
		job->iter = i;
		ASSERT_EQ(0, cn_run(NULL, churn_child, job))
			TH_LOG("iteration %d: %s", i, cn_child_msg());
		handles[i] = cn_recv_fd(sv[0]);
		ASSERT_LE(0, handles[i]);
	}
	/* Every namespace goes away; its objects with it. */
	for (i = 0; i < n; i++) {
		st = cn_wait_state(handles[i], -ENODEV, 30000);
		EXPECT_EQ(-ENODEV, st) TH_LOG("handle %d: %s", i,
					      cn_state_name(st));
		close(handles[i]);
	}
	ASSERT_EQ(0, cn_cluster_info(dev, 0, &ci));
	EXPECT_EQ(count, ci.object_count);
	close(sv[0]);
	close(sv[1]);
}

TEST_HARNESS_MAIN
