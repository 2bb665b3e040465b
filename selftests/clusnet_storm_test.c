// SPDX-License-Identifier: GPL-2.0
/*
 * Process-level storms, each bounded in time (CLUSNET_STORM_MS, default
 * 2000 per test) and driven by a seed (CLUSNET_STORM_SEED, default from
 * the clock) that every failure message repeats:
 *
 *  - fork storms: children inherit /dev/clusnet, handles and watch fds,
 *    use them, open more, fork again, and exit without closing anything,
 *    while (as root) the object behind some handles is deleted and
 *    re-created;
 *  - fd passing storms: handles travel between processes with SCM_RIGHTS
 *    (forwarded, dropped in flight when a socket closes, caught in a
 *    unix-socket cycle only the garbage collector frees) while their
 *    objects are deleted;
 *  - NICs (dummy and veth) moved between network namespaces while handles
 *    on them are opened, queried and closed on both sides, with up/down
 *    and carrier toggles;
 *  - rmmod while the only references to the module are handles in flight
 *    in a unix socket (clusnet_unload_test covers open handles, dead
 *    handles, /dev/clusnet and handles held by children).
 *
 * Afterwards the module's reference count (one per open file of it), the
 * fd table and the object count must be back where they started.
 */
#include <pthread.h>

#include "common.h"

#define STORM_OBJS	4

struct storm_shared {
	int errors;
	char first[512];
	unsigned long ops;
	unsigned long enodev, enoent;
	volatile int stop;
};

static struct storm_shared *sh;
static unsigned long long storm_seed;

static void storm_err(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void storm_err(const char *fmt, ...)
{
	va_list ap;

	if (__atomic_fetch_add(&sh->errors, 1, __ATOMIC_SEQ_CST))
		return;
	va_start(ap, fmt);
	vsnprintf(sh->first, sizeof(sh->first), fmt, ap);
	va_end(ap);
}

/* xorshift64*: per process or thread, from the seed and a stream id. */
static __u64 rnd_next(__u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static __u64 rnd_init(unsigned long long stream)
{
	__u64 s = storm_seed ^ (stream * 0x9E3779B97F4A7C15ULL);

	return s ? s : 1;
}

static int storm_ms(void)
{
	const char *env = getenv("CLUSNET_STORM_MS");

	return env ? atoi(env) : 2000;
}

/* /sys/module/clusnet/refcnt: one per open file of the module. */
static int module_refs(void)
{
	char buf[32] = "";
	int fd = open("/sys/module/clusnet/refcnt", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : -EIO;
}

/* Wait (up to 10 s: deferred fput, unix GC) for the count to drop. */
static int wait_refs(int want)
{
	long long deadline = cn_now_ms() + 10000;
	int r;

	while ((r = module_refs()) != want && cn_now_ms() < deadline)
		cn_sleep_ms(CN_POLL_MS);
	return r;
}

static int object_count(int dev)
{
	struct clusnet_cluster_info ci;
	int ret = cn_cluster_info(dev, 0, &ci);

	return ret < 0 ? ret : (int)ci.object_count;
}

FIXTURE(storm) {
	int dev;
	bool admin;
	char obj[STORM_OBJS][128];
	int refs0, fds0, count0;
};

FIXTURE_SETUP(storm)
{
	const char *env = getenv("CLUSNET_STORM_SEED");
	int i;

	storm_seed = env ? strtoull(env, NULL, 0) :
		     (unsigned long long)cn_now_ms() * 1000003ULL ^ getpid();
	TH_LOG("seed %llu (CLUSNET_STORM_SEED=%llu repeats the choices)",
	       storm_seed, storm_seed);
	sh = cn_shared(sizeof(*sh));
	ASSERT_TRUE(sh != NULL);
	self->admin = cn_is_admin();
	cn_netdev_modules();
	self->refs0 = module_refs();
	ASSERT_LE(0, self->refs0);
	self->fds0 = cn_fd_count();
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	self->count0 = object_count(self->dev);
	ASSERT_LE(0, self->count0);
	for (i = 0; i < STORM_OBJS; i++)
		cn_name(self->obj[i], sizeof(self->obj[i]), "storm");
}

FIXTURE_TEARDOWN(storm)
{
	int i;

	if (self->dev >= 0) {
		if (self->admin)
			for (i = 0; i < STORM_OBJS; i++)
				cn_delete(self->dev, self->obj[i]);
		close(self->dev);
	}
}

/* Everything back: refcount, fds, objects (dev still open). */
static void storm_settled(struct __test_metadata *_metadata,
			  FIXTURE_DATA(storm) *self)
{
	int i;

	EXPECT_EQ(0, sh->errors) TH_LOG("seed %llu: %d unexpected results, first: %s",
					 storm_seed, sh->errors, sh->first);
	if (self->admin)
		for (i = 0; i < STORM_OBJS; i++)
			cn_delete(self->dev, self->obj[i]);
	EXPECT_EQ(self->count0, object_count(self->dev))
		TH_LOG("seed %llu: objects left behind", storm_seed);
	EXPECT_EQ(self->fds0 + 1, cn_fd_count())
		TH_LOG("seed %llu: fds left open", storm_seed);
	/* + 1: the fixture's /dev/clusnet */
	EXPECT_EQ(self->refs0 + 1, wait_refs(self->refs0 + 1))
		TH_LOG("seed %llu: module references left (leaked file?)",
		       storm_seed);
}

/* ------------------------------------------------------------------ */
/* Checks every storm applies to a handle it holds.                    */

#define USE_MAY_DIE	0x1	/* the object may be deleted (ENODEV) */
#define USE_WATCH	0x2	/* a watch fd: only read and poll */

/* One random operation on @h; results the contract does not allow count. */
static void use_handle(int h, unsigned int how, __u64 *rs)
{
	struct pollfd p = { .fd = h, .events = POLLIN };
	bool may_die = how & USE_MAY_DIE;
	struct clusnet_info info;
	char buf[512];
	int st, ret;

	switch (rnd_next(rs) % 4 | (how & USE_WATCH ? 2 : 0)) {
	case 0:
		st = cn_state(h);
		if (st == -ENODEV && may_die)
			__atomic_fetch_add(&sh->enodev, 1, __ATOMIC_RELAXED);
		else if (st != CLUSNET_STATE_UNAVAILABLE &&
			 st != CLUSNET_STATE_FAILED && st != CLUSNET_STATE_UP)
			storm_err("state: %d (%s)", st, cn_state_name(st));
		break;
	case 1:
		ret = cn_info(h, &info);
		if (ret == -ENODEV && may_die)
			__atomic_fetch_add(&sh->enodev, 1, __ATOMIC_RELAXED);
		else if (ret)
			storm_err("info: %s", strerror(-ret));
		break;
	case 2:
		/*
		 * Events, when there are some (a read would wait otherwise);
		 * a module without events support has no read (EINVAL).
		 */
		if (poll(&p, 1, 0) == 1 && (p.revents & (POLLIN | POLLHUP)) &&
		    read(h, buf, sizeof(buf)) < 0 && errno != EAGAIN &&
		    errno != EINVAL)
			storm_err("read: %m");
		break;
	default:
		if (poll(&p, 1, 0) < 0)
			storm_err("poll: %m");
		break;
	}
	__atomic_fetch_add(&sh->ops, 1, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------------ */
/* Fork storm                                                          */

#define FORK_KIDS	6
#define FORK_OPS	24

struct fork_set {
	int fds[8];
	unsigned int how[8];
	int n;
};

static void fork_child(int dev, struct fork_set *fs, unsigned long long id,
		       int depth)
{
	__u64 rs = rnd_init(id);
	int i, h, k;

	for (i = 0; i < FORK_OPS; i++) {
		k = rnd_next(&rs) % fs->n;
		switch (rnd_next(&rs) % 8) {
		case 0:
			/* Opened and never closed: exit does it. */
			h = cn_open(dev, rnd_next(&rs) % 2 ? CN_ETH0 : CN_ETH1,
				    CLUSNET_GENERIC_READ);
			if (h < 0)
				storm_err("open in child: %s", strerror(-h));
			break;
		case 1:
			if (fs->fds[k] >= 0 && dup(fs->fds[k]) < 0)
				storm_err("dup: %m");
			break;
		case 2:
			if (depth < 2) {
				pid_t pid = fork();

				if (pid == 0) {
					fork_child(dev, fs, id * 31 + i,
						   depth + 1);
					_exit(0);
				}
				if (pid > 0)
					waitpid(pid, NULL, 0);
			}
			break;
		case 3:
			if (fs->fds[k] >= 0 && rnd_next(&rs) % 4 == 0) {
				close(fs->fds[k]);
				fs->fds[k] = -1;
			}
			break;
		default:
			if (fs->fds[k] >= 0)
				use_handle(fs->fds[k], fs->how[k], &rs);
			break;
		}
	}
}

static void fork_refill(FIXTURE_DATA(storm) *self, struct fork_set *fs)
{
	struct clusnet_watch w = { .size = sizeof(w),
				   .flags = O_CLOEXEC | O_NONBLOCK };
	int i;

	for (i = 0; i < fs->n; i++)
		if (fs->fds[i] >= 0)
			close(fs->fds[i]);
	fs->n = 0;
	fs->fds[fs->n] = cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	fs->how[fs->n++] = 0;
	fs->fds[fs->n] = cn_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ);
	fs->how[fs->n++] = 0;
	/* -ENOTTY (left out) on a module without events */
	fs->fds[fs->n] = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, &w);
	fs->how[fs->n++] = USE_WATCH;
	if (self->admin) {
		for (i = 0; i < 2; i++) {
			fs->fds[fs->n] = cn_open(self->dev, self->obj[i],
						 CLUSNET_GENERIC_ALL);
			fs->how[fs->n++] = USE_MAY_DIE;
		}
	}
	for (i = 0; i < fs->n; i++)
		if (fs->fds[i] >= 0)
			fcntl(fs->fds[i], F_SETFL, O_NONBLOCK);
}

TEST_F_TIMEOUT(storm, fork_children_inherit_handles_and_exit_without_close,
	       120)
{
	struct fork_set fs = { .n = 0 };
	long long end = cn_now_ms() + storm_ms();
	unsigned long round;
	pid_t kids[FORK_KIDS];
	int i, k, rc, ret;

	if (self->admin) {
		for (i = 0; i < 2; i++) {
			ASSERT_EQ(0, cn_create(self->dev, self->obj[i], "lo",
					       0, 0, 0644));
		}
	}
	for (round = 0; cn_now_ms() < end || round < 2; round++) {
		fork_refill(self, &fs);
		ASSERT_LE(0, fs.fds[0]);
		for (k = 0; k < FORK_KIDS; k++) {
			fflush(stdout);
			fflush(stderr);
			kids[k] = fork();
			ASSERT_LE(0, kids[k]);
			if (kids[k] == 0) {
				fork_child(self->dev, &fs,
					   (round << 8) | (unsigned int)k, 0);
				_exit(0);
			}
		}
		/* Meanwhile the objects behind two handles go and come. */
		if (self->admin) {
			i = round % 2;
			ret = cn_delete(self->dev, self->obj[i]);
			if (ret)
				storm_err("delete: %s", strerror(-ret));
			ret = cn_create(self->dev, self->obj[i], "lo", 0, 0,
					0644);
			if (ret)
				storm_err("create: %s", strerror(-ret));
		}
		for (k = 0; k < FORK_KIDS; k++) {
			rc = cn_reap(kids[k]);
			if (rc)
				storm_err("round %lu child %d: status %d", round,
					  k, rc);
		}
	}
	for (i = 0; i < fs.n; i++)
		if (fs.fds[i] >= 0)
			close(fs.fds[i]);
	TH_LOG("%lu rounds of %d children, %lu operations, %lu ENODEV",
	       round, FORK_KIDS, sh->ops, sh->enodev);
	EXPECT_LT(0UL, round);
	storm_settled(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* fd passing storm                                                    */

#define PASS_PAIRS	3

/* Non-blocking SCM_RIGHTS send of one fd; 0 or -errno. */
static int send_fd_nb(int sock, int fd)
{
	return cn_send_fd_flags(sock, fd, MSG_DONTWAIT);
}

/*
 * Non-blocking receive of one fd: two workers read each socket end, and
 * the other one may have taken the message poll() announced.
 */
static int recv_fd_nb(int sock)
{
	return cn_recv_fd_flags(sock, MSG_DONTWAIT);
}

struct pass_ctx {
	int dev;
	bool admin;
	char (*obj)[128];
	int sv[PASS_PAIRS][2];
};

/* Open handles and send them off; forward what arrives; use; close. */
static int pass_worker(struct pass_ctx *c, unsigned int id)
{
	__u64 rs = rnd_init(0x5000 + id);
	struct pollfd p;
	int h, k, ret;
	bool mine;

	while (!sh->stop) {
		k = rnd_next(&rs) % PASS_PAIRS;
		switch (rnd_next(&rs) % 3) {
		case 0:
			mine = c->admin && rnd_next(&rs) % 2;
			h = cn_open(c->dev, mine ? c->obj[rnd_next(&rs) %
							  STORM_OBJS] :
					      CN_ETH0, CLUSNET_GENERIC_READ);
			if (h == -ENOENT && mine) {
				__atomic_fetch_add(&sh->enoent, 1,
						   __ATOMIC_RELAXED);
				break;
			}
			if (h < 0) {
				storm_err("open: %s", strerror(-h));
				break;
			}
			ret = send_fd_nb(c->sv[k][id % 2], h);
			if (ret && ret != -EAGAIN)
				storm_err("send: %s", strerror(-ret));
			close(h);
			break;
		default:
			p.fd = c->sv[k][id % 2];
			p.events = POLLIN;
			if (poll(&p, 1, 5) != 1)
				break;
			h = recv_fd_nb(p.fd);
			if (h == -EAGAIN)
				break;
			if (h < 0) {
				storm_err("recv: %s", strerror(-h));
				break;
			}
			use_handle(h, USE_MAY_DIE, &rs);
			/* Forward it, sometimes (it may stay in flight). */
			if (rnd_next(&rs) % 3 == 0) {
				ret = send_fd_nb(c->sv[rnd_next(&rs) %
						       PASS_PAIRS][id % 2], h);
				if (ret && ret != -EAGAIN)
					storm_err("forward: %s",
						  strerror(-ret));
			}
			close(h);
			break;
		}
	}
	return 0;
}

/*
 * A unix socket that holds itself and a handle in its own queue, closed:
 * only the unix garbage collector can free the handle.
 */
static void gc_cycle(int dev)
{
	int sv[2], h;

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv)) {
		storm_err("socketpair: %m");
		return;
	}
	h = cn_open(dev, CN_ETH0, CLUSNET_GENERIC_READ);
	if (h < 0) {
		storm_err("open: %s", strerror(-h));
	} else {
		if (send_fd_nb(sv[1], h) || send_fd_nb(sv[1], sv[0]))
			storm_err("send into the cycle: %m");
		close(h);
	}
	close(sv[0]);
	close(sv[1]);
}

TEST_F_TIMEOUT(storm, handles_passed_with_scm_rights_while_objects_go, 120)
{
	struct pass_ctx c = { .dev = self->dev, .admin = self->admin,
			      .obj = self->obj };
	long long end = cn_now_ms() + storm_ms();
	pid_t kids[4];
	unsigned long cycles = 0, churn = 0;
	int i, k, ret;

	for (k = 0; k < PASS_PAIRS; k++) {
		ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0,
					c.sv[k]));
	}
	if (self->admin) {
		for (i = 0; i < STORM_OBJS; i++) {
			ASSERT_EQ(0, cn_create(self->dev, self->obj[i],
					       i % 2 ? "lo" : "eth0", 0, 0,
					       0644));
		}
	}
	for (k = 0; k < 4; k++) {
		fflush(stdout);
		fflush(stderr);
		kids[k] = fork();
		ASSERT_LE(0, kids[k]);
		if (kids[k] == 0)
			_exit(pass_worker(&c, k));
	}
	while (cn_now_ms() < end) {
		if (self->admin) {
			i = churn++ % STORM_OBJS;
			ret = cn_delete(self->dev, self->obj[i]);
			if (ret)
				storm_err("delete: %s", strerror(-ret));
			ret = cn_create(self->dev, self->obj[i],
					i % 2 ? "lo" : "eth0", 0, 0, 0644);
			if (ret)
				storm_err("create: %s", strerror(-ret));
		}
		gc_cycle(self->dev);
		cycles++;
		cn_sleep_ms(2);
	}
	sh->stop = 1;
	for (k = 0; k < 4; k++) {
		ret = cn_reap(kids[k]);
		if (ret)
			storm_err("worker %d: status %d", k, ret);
	}
	/* Whatever is still in flight goes with the sockets. */
	for (k = 0; k < PASS_PAIRS; k++) {
		close(c.sv[k][0]);
		close(c.sv[k][1]);
	}
	TH_LOG("%lu operations, %lu object re-creations, %lu GC cycles, %lu ENODEV, %lu ENOENT",
	       sh->ops, churn, cycles, sh->enodev, sh->enoent);
	EXPECT_LT(0UL, sh->ops);
	storm_settled(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* NICs moving between namespaces                                      */

struct move_ctx {
	int dev;
	const char *name[2];	/* objects on the dummy and the veth */
	__u64 rs;
};

static void *move_opener(void *arg)
{
	struct move_ctx *c = arg;
	__u64 rs = c->rs;
	int h;

	while (!sh->stop) {
		h = cn_open(c->dev, c->name[rnd_next(&rs) % 2],
			    CLUSNET_GENERIC_READ);
		if (h < 0) {
			storm_err("open: %s", strerror(-h));
			continue;
		}
		use_handle(h, 0, &rs);
		use_handle(h, 0, &rs);
		close(h);
	}
	return NULL;
}

/*
 * In a new namespace: objects for the same NIC names, opened, queried and
 * closed while the NICs come and go; runs until the parent closes @stop.
 */
static int move_ns_child(const char *dname, const char *vname, int ready,
			 int stop)
{
	struct pollfd p = { .fd = stop, .events = POLLIN };
	__u64 rs = rnd_init(0x7000);
	int dev, h, ret, i;
	char name[2][64];

	if (unshare(CLONE_NEWNET))
		return 1;
	dev = cn_dev();
	if (dev < 0)
		return 2;
	for (i = 0; i < 2; i++) {
		snprintf(name[i], sizeof(name[i]), "moved %d", i);
		ret = cn_create(dev, name[i], i ? vname : dname, 0, 0, 0644);
		if (ret)
			return 3;
	}
	if (cn_post(ready))
		return 4;
	while (poll(&p, 1, 0) == 0) {
		h = cn_open(dev, name[rnd_next(&rs) % 2], CLUSNET_GENERIC_READ);
		if (h < 0) {
			storm_err("open in the namespace: %s", strerror(-h));
			continue;
		}
		use_handle(h, 0, &rs);
		close(h);
	}
	/* Objects and /dev/clusnet left to the namespace's teardown. */
	return 0;
}

TEST_F_TIMEOUT(storm, nics_move_between_namespaces_under_open_close, 180)
{
	char d[IFNAMSIZ], v[IFNAMSIZ], vp[IFNAMSIZ + 2];
	struct move_ctx c[2];
	pthread_t t[2];
	int ready[2], stop[2], i, st, h, cycles = 0;
	long long end;
	pid_t ns;

	CN_REQUIRE_ADMIN();
	cn_ifname(d);
	cn_ifname(v);
	snprintf(vp, sizeof(vp), "%sp", v);
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up && ip link add %s type veth peer name %s && ip link set %s up && ip link set %s up",
			   d, d, v, vp, v, vp));
	ASSERT_EQ(0, cn_create(self->dev, self->obj[0], d, 0, 0, 0644));
	ASSERT_EQ(0, cn_create(self->dev, self->obj[1], v, 0, 0, 0644));

	ASSERT_EQ(0, pipe2(ready, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(stop, O_CLOEXEC));
	fflush(stdout);
	fflush(stderr);
	ns = fork();
	ASSERT_LE(0, ns);
	if (ns == 0) {
		close(stop[1]);
		_exit(move_ns_child(d, v, ready[1], stop[0]));
	}
	close(stop[0]);
	ASSERT_EQ(0, cn_pend(ready[0], 10000));

	for (i = 0; i < 2; i++) {
		c[i].dev = self->dev;
		c[i].name[0] = self->obj[0];
		c[i].name[1] = self->obj[1];
		c[i].rs = rnd_init(0x6000 + i);
		ASSERT_EQ(0, pthread_create(&t[i], NULL, move_opener, &c[i]));
	}
	end = cn_now_ms() + storm_ms();
	do {
		/* Out, toggled there, back, toggled here. */
		st = cn_sh("ip link set %s netns %d && ip link set %s netns %d && nsenter -t %d -n sh -c 'ip link set %s up && ip link set %s carrier off && ip link set %s up && ip link set %s carrier on' && ip link set %s down && ip link set %s up && nsenter -t %d -n sh -c 'ip link set %s netns 1 && ip link set %s netns 1' && ip link set %s up && ip link set %s carrier off && ip link set %s carrier on && ip link set %s up",
			   d, (int)ns, v, (int)ns, (int)ns, d, d, v, d, vp, vp,
			   (int)ns, d, v, d, d, d, v);
		if (st) {
			storm_err("seed %llu: moving %s and %s failed (%d)",
				  storm_seed, d, v, st);
			break;
		}
		cycles++;
	} while (cn_now_ms() < end || cycles < 2);
	sh->stop = 1;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	close(stop[1]);
	EXPECT_EQ(0, cn_reap(ns));
	close(ready[0]);
	close(ready[1]);
	TH_LOG("%d round trips of %s and %s, %lu operations", cycles, d, v,
	       sh->ops);
	EXPECT_LT(0, cycles);

	/* Both are back, up, with carrier: both objects say so. */
	for (i = 0; i < 2; i++) {
		h = cn_open(self->dev, self->obj[i], CLUSNET_GENERIC_READ);
		ASSERT_LE(0, h);
		/* linkwatch is late on a loaded host: wait long (polling) */
		st = cn_wait_state(h, CLUSNET_STATE_UP, 4 * CN_WAIT_MS);
		EXPECT_EQ(CLUSNET_STATE_UP, st) TH_LOG("%s: %s", self->obj[i],
						       cn_state_name(st));
		close(h);
	}
	cn_link_del(d);
	cn_link_del(v);
	storm_settled(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* rmmod while handles are only in flight                              */

TEST_F(storm, rmmod_fails_while_handles_are_only_in_flight)
{
	struct clusnet_watch w = { .size = sizeof(w), .flags = O_CLOEXEC };
	int sv[2], h, wfd, ret, n = 1;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	h = cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_send_fd(sv[0], h));
	close(h);
	wfd = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, &w);
	if (wfd >= 0) {
		ASSERT_EQ(0, cn_send_fd(sv[0], wfd));
		close(wfd);
		n++;
	}
	close(self->dev);
	self->dev = -1;
	/* No fd of clusnet in any table: only the socket's queue. */
	EXPECT_EQ(n, module_refs());
	ret = syscall(SYS_delete_module, "clusnet", O_NONBLOCK) ? -errno : 0;
	if (ret == 0)
		cn_ensure_module();
	EXPECT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY)
		TH_LOG("delete_module: %s", strerror(-ret));
	EXPECT_TRUE(cn_module_loaded());
	/* They still work once received. */
	h = cn_recv_fd(sv[1]);
	ASSERT_LE(0, h);
	EXPECT_EQ(CLUSNET_STATE_UP, cn_state(h));
	close(h);
	if (n > 1) {
		wfd = cn_recv_fd(sv[1]);
		ASSERT_LE(0, wfd);
		close(wfd);
	}
	close(sv[0]);
	close(sv[1]);
	EXPECT_EQ(0, wait_refs(0));
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
}

TEST_HARNESS_MAIN
