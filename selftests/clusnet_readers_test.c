// SPDX-License-Identifier: GPL-2.0
/*
 * Several readers of one file: two threads, or a process and its forked
 * child, blocked in read() on the same handle or watch fd. One event wakes
 * them all; the one that finds the record taken must wait again, not
 * return 0, which means "the object is gone" (the library's notification
 * port reads it so).
 *
 * Each round blocks both readers, checks that both sleep in read(), posts
 * one event and, a while later, a second: each reader must get one record.
 * Several rounds, as which reader wins the first record is up to the
 * scheduler.
 */
#include <pthread.h>

#include "common.h"

#define ROUNDS		4
#define MAX_READERS	8
#define SETTLE_MS	100
#define JOIN_MS		10000

struct reader {
	int fd;
	size_t size;		/* one record */
	pid_t tid;
	ssize_t n;		/* what read() returned, or -errno */
	unsigned char rec[sizeof(struct clusnet_cluster_event)];
};

static void *reader_thread(void *arg)
{
	struct reader *r = arg;

	r->tid = gettid();
	r->n = read(r->fd, r->rec, r->size);
	if (r->n < 0)
		r->n = -errno;
	return NULL;
}

/* The state letter of a task, from /proc/<pid>/task/<tid>/stat. */
static char task_state(pid_t pid, pid_t tid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* Wait until the task sleeps (in read(): it does nothing else). */
static bool wait_sleeping(pid_t pid, pid_t tid)
{
	long long deadline = cn_now_ms() + JOIN_MS;

	while (cn_now_ms() < deadline) {
		if (tid && task_state(pid, tid) == 'S')
			return true;
		cn_sleep_ms(5);
	}
	return false;
}

FIXTURE(rd) {
	int dev;
	int h;			/* GENERIC_ALL: makes the events */
	char name[64];
	char ifname[IFNAMSIZ];
};

FIXTURE_SETUP(rd)
{
	self->h = -1;
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	/* A SKIP here would not stop the test: each test checks. */
	if (!cn_is_admin())
		return;
	cn_name(self->name, sizeof(self->name), "rd");
	cn_ifname(self->ifname);
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifname, -1, -1,
			       CLUSNET_MODE_DEFAULT));
	self->h = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, self->h);
}

FIXTURE_TEARDOWN(rd)
{
	if (self->h >= 0)
		close(self->h);
	if (self->h >= 0 || self->name[0])
		cn_delete(self->dev, self->name);
	close(self->dev);
}

/* One event on the object: a new description. */
static int poke(int h, unsigned int i)
{
	char text[32];

	snprintf(text, sizeof(text), "poke %u", i);
	return cn_set_desc(h, text, strlen(text));
}

/* pthread_join() with a bound: a reader that never returns fails. */
static bool join(pthread_t t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += JOIN_MS / 1000;
	return pthread_timedjoin_np(t, NULL, &ts) == 0;
}

/*
 * @n threads block in read() of one record on @fd. One event wakes them
 * all, and only one can have it; the others must wait for the @n - 1
 * events that follow a while later. Each reader must get one record.
 */
static void readers(struct __test_metadata *_metadata, int h, int fd,
		    size_t size, unsigned int n)
{
	struct reader r[MAX_READERS];
	pthread_t t[MAX_READERS];
	unsigned int round, i;

	ASSERT_GE(MAX_READERS, (int)n);
	for (round = 0; round < ROUNDS; round++) {
		memset(r, 0, sizeof(r));
		for (i = 0; i < n; i++) {
			r[i].fd = fd;
			r[i].size = size;
			ASSERT_EQ(0, pthread_create(&t[i], NULL, reader_thread,
						    &r[i]));
		}
		for (i = 0; i < n; i++) {
			while (!__atomic_load_n(&r[i].tid, __ATOMIC_ACQUIRE))
				cn_sleep_ms(1);
			ASSERT_TRUE(wait_sleeping(getpid(), r[i].tid));
		}
		ASSERT_EQ(0, poke(h, round * n));
		cn_sleep_ms(SETTLE_MS);
		for (i = 1; i < n; i++)
			ASSERT_EQ(0, poke(h, round * n + i));
		for (i = 0; i < n; i++) {
			ASSERT_TRUE(join(t[i])) TH_LOG("round %u: reader %u hangs",
						       round, i);
			EXPECT_EQ((ssize_t)size, r[i].n)
				TH_LOG("round %u: reader %u read %zd", round, i,
				       r[i].n);
		}
	}
}

TEST_F(rd, two_threads_on_one_handle)
{
	int h;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	readers(_metadata, self->h, h, sizeof(struct clusnet_event), 2);
	readers(_metadata, self->h, h, sizeof(struct clusnet_event),
		MAX_READERS);
	close(h);
}

TEST_F(rd, two_threads_on_one_watch_fd)
{
	int w;

	CN_REQUIRE_ADMIN();
	w = cn_watch(self->dev, O_CLOEXEC);
	ASSERT_LE(0, w);
	readers(_metadata, self->h, w, sizeof(struct clusnet_cluster_event), 2);
	readers(_metadata, self->h, w, sizeof(struct clusnet_cluster_event),
		MAX_READERS);
	close(w);
}

/* A dup() is the same open file: one thread on each fd. */
TEST_F(rd, two_threads_on_dups_of_one_handle)
{
	int h;
	struct reader r[2];
	pthread_t t[2];
	unsigned int i;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	memset(r, 0, sizeof(r));
	r[0].fd = h;
	r[1].fd = dup(h);
	ASSERT_LE(0, r[1].fd);
	for (i = 0; i < 2; i++) {
		r[i].size = sizeof(struct clusnet_event);
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reader_thread, &r[i]));
	}
	for (i = 0; i < 2; i++) {
		while (!__atomic_load_n(&r[i].tid, __ATOMIC_ACQUIRE))
			cn_sleep_ms(1);
		ASSERT_TRUE(wait_sleeping(getpid(), r[i].tid));
	}
	ASSERT_EQ(0, poke(self->h, 0));
	cn_sleep_ms(SETTLE_MS);
	ASSERT_EQ(0, poke(self->h, 1));
	for (i = 0; i < 2; i++) {
		ASSERT_TRUE(join(t[i]));
		EXPECT_EQ((ssize_t)sizeof(struct clusnet_event), r[i].n)
			TH_LOG("reader %u read %zd", i, r[i].n);
	}
	close(r[1].fd);
	close(h);
}

/* A forked child shares the open file, and so its place in the feed. */
TEST_F(rd, parent_and_forked_child_on_one_handle)
{
	int h;
	struct clusnet_event ev;
	unsigned int round;
	ssize_t n;
	int status;
	pid_t pid;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	for (round = 0; round < ROUNDS; round++) {
		struct reader r = { .fd = h, .size = sizeof(ev) };
		pthread_t t;

		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			n = read(h, &ev, sizeof(ev));
			_exit(n == (ssize_t)sizeof(ev) ? 0 : n == 0 ? 10 : 11);
		}
		ASSERT_EQ(0, pthread_create(&t, NULL, reader_thread, &r));
		while (!__atomic_load_n(&r.tid, __ATOMIC_ACQUIRE))
			cn_sleep_ms(1);
		ASSERT_TRUE(wait_sleeping(getpid(), r.tid));
		ASSERT_TRUE(wait_sleeping(pid, pid));
		ASSERT_EQ(0, poke(self->h, 2 * round));
		cn_sleep_ms(SETTLE_MS);
		ASSERT_EQ(0, poke(self->h, 2 * round + 1));
		ASSERT_TRUE(join(t));
		EXPECT_EQ((ssize_t)sizeof(ev), r.n)
			TH_LOG("round %u: parent read %zd", round, r.n);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
			TH_LOG("round %u: child %s", round,
			       WIFEXITED(status) && WEXITSTATUS(status) == 10 ?
			       "read 0 (end of file)" : "failed");
	}
	close(h);
}

/*
 * Readers that keep reading while events stream in: each enters read()
 * while another may be taking the record it saw. A 0 from read() before
 * the object is deleted is a false end of file.
 */
#define STREAM_MS	1500
#define STREAMERS	4

struct streamer {
	int fd;
	volatile bool *deleted;
	unsigned int records;
	bool false_eof;
	int err;
};

static void stream_read(struct streamer *s)
{
	struct clusnet_event ev;
	ssize_t n;

	for (;;) {
		n = read(s->fd, &ev, sizeof(ev));
		if (n == (ssize_t)sizeof(ev)) {
			s->records++;
			continue;
		}
		if (n == 0)
			s->false_eof = !*s->deleted;
		else
			s->err = n < 0 ? errno : EMSGSIZE;
		return;
	}
}

static void *stream_thread(void *arg)
{
	stream_read(arg);
	return NULL;
}

TEST_F(rd, readers_of_a_stream_see_no_false_end_of_file)
{
	volatile bool *deleted = cn_shared(sizeof(*deleted));
	struct streamer s[STREAMERS];
	pthread_t t[STREAMERS];
	long long deadline;
	unsigned int i;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_TRUE(deleted != NULL);
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	memset(s, 0, sizeof(s));
	for (i = 0; i < STREAMERS; i++) {
		s[i].fd = h;
		s[i].deleted = deleted;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, stream_thread, &s[i]));
	}
	deadline = cn_now_ms() + STREAM_MS;
	for (i = 0; cn_now_ms() < deadline; i++)
		ASSERT_EQ(0, poke(self->h, i));
	*deleted = true;
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	for (i = 0; i < STREAMERS; i++) {
		ASSERT_TRUE(join(t[i]));
		EXPECT_FALSE(s[i].false_eof)
			TH_LOG("reader %u: read() returned 0 after %u records, before the delete",
			       i, s[i].records);
		EXPECT_EQ(0, s[i].err) TH_LOG("reader %u: %s", i,
					      strerror(s[i].err));
	}
	close(h);
}

/* The end of file stays: after the object is deleted and drained. */
TEST_F(rd, end_of_file_only_after_delete_and_drain)
{
	int h;
	struct clusnet_event ev;
	struct reader r[2];
	pthread_t t[2];
	unsigned int i;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	memset(r, 0, sizeof(r));
	for (i = 0; i < 2; i++) {
		r[i].fd = h;
		r[i].size = sizeof(ev);
		ASSERT_EQ(0, pthread_create(&t[i], NULL, reader_thread, &r[i]));
	}
	for (i = 0; i < 2; i++) {
		while (!__atomic_load_n(&r[i].tid, __ATOMIC_ACQUIRE))
			cn_sleep_ms(1);
		ASSERT_TRUE(wait_sleeping(getpid(), r[i].tid));
	}
	/* One record, DELETED, and the end: one reader each. */
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	for (i = 0; i < 2; i++)
		ASSERT_TRUE(join(t[i]));
	EXPECT_EQ((ssize_t)sizeof(ev), r[0].n + r[1].n);
	EXPECT_TRUE(r[0].n == 0 || r[1].n == 0);
	i = r[0].n ? 0 : 1;
	memcpy(&ev, r[i].rec, sizeof(ev));
	EXPECT_NE(0U, ev.changes & CLUSNET_EVENT_DELETED);
	EXPECT_EQ(0, read(h, &ev, sizeof(ev)));
	close(h);
}

/*
 * The old read() looked at the feed's head without the lock, then took
 * the record under it: a reader that another reader of the same file
 * overtook between the two returned 0. Readers that sleep seldom meet in
 * that window of a few instructions: one event wakes them a CPU's
 * wake-up apart, and the first is gone before the second looks. Readers
 * that run at once on both CPUs meet in it: one thread per CPU, pinned,
 * each reading the same file in a loop while records come one at a time.
 * Non-blocking, as the library's notification port reads (poll(), then
 * read() on an O_NONBLOCK file): "nothing" is EAGAIN, never 0. Blocking:
 * the readers sleep between records and are woken together.
 *
 * Each test stops at the first wrong result; on the fixed module they run
 * RACE_MS each (CLUSNET_READERS_RACE_MS to change it).
 */
#define RACE_MS		1250
#define RACE_READERS	2

struct racer {
	int fd;
	size_t size;		/* one record */
	int cpu;		/* pinned there, or -1 */
	volatile int *stop;	/* set by the poster, or by a failing reader */
	unsigned long records;
	unsigned long again;	/* EAGAIN: nothing there, as it should say */
	ssize_t bad;		/* the first wrong result: 0 or -errno */
	bool failed;
	long long start_ms, fail_ms;
};

static void pin_to(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void *race_thread(void *arg)
{
	unsigned char rec[sizeof(struct clusnet_cluster_event)];
	struct racer *r = arg;
	ssize_t n;

	pin_to(r->cpu);
	while (!__atomic_load_n(r->stop, __ATOMIC_RELAXED)) {
		n = read(r->fd, rec, r->size);
		if (n == (ssize_t)r->size) {
			r->records++;
			continue;
		}
		if (n < 0 && errno == EAGAIN) {
			r->again++;
			continue;
		}
		r->bad = n < 0 ? -errno : n;
		r->failed = true;
		r->fail_ms = cn_now_ms() - r->start_ms;
		__atomic_store_n(r->stop, 1, __ATOMIC_RELAXED);
		break;
	}
	return NULL;
}

static int online_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 1;
	return CPU_COUNT(&set);
}

static long long race_ms(void)
{
	const char *env = getenv("CLUSNET_READERS_RACE_MS");

	return env && *env ? atoll(env) : RACE_MS;
}

/*
 * RACE_READERS threads, one per CPU, read @fd in a loop while this thread
 * posts events on @h one by one, for race_ms() or until a reader gets
 * something other than a record or EAGAIN. Blocking readers are stopped
 * by more events after the end.
 */
static void race(struct __test_metadata *_metadata, int h, int fd,
		 size_t size, bool nonblock)
{
	struct racer r[RACE_READERS];
	pthread_t t[RACE_READERS];
	int flags, cpus, stop = 0;
	unsigned long posts = 0;
	long long deadline;
	unsigned int i;

	flags = fcntl(fd, F_GETFL);
	ASSERT_LE(0, flags);
	ASSERT_EQ(0, fcntl(fd, F_SETFL,
			   nonblock ? flags | O_NONBLOCK : flags & ~O_NONBLOCK));
	cpus = online_cpus();
	if (cpus < 2)
		TH_LOG("one CPU: the readers take turns, the race is unlikely");
	memset(r, 0, sizeof(r));
	deadline = cn_now_ms() + race_ms();
	for (i = 0; i < RACE_READERS; i++) {
		r[i].start_ms = deadline - race_ms();
		r[i].fd = fd;
		r[i].size = size;
		r[i].cpu = cpus >= 2 ? (int)(i % cpus) : -1;
		r[i].stop = &stop;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, race_thread, &r[i]));
	}
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED) &&
	       cn_now_ms() < deadline) {
		ASSERT_EQ(0, poke(h, posts));
		posts++;
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < RACE_READERS; i++) {
		/* A blocked reader needs a record to see the stop. */
		while (!nonblock && pthread_tryjoin_np(t[i], NULL)) {
			ASSERT_EQ(0, poke(h, posts));
			posts++;
			cn_sleep_ms(1);
		}
		if (nonblock)
			ASSERT_TRUE(join(t[i]));
	}
	for (i = 0; i < RACE_READERS; i++) {
		TH_LOG("reader %u (cpu %d): %lu records, %lu EAGAIN; %lu events posted",
		       i, r[i].cpu, r[i].records, r[i].again, posts);
		EXPECT_FALSE(r[i].failed)
			TH_LOG("reader %u: read() returned %zd%s after %lu records, %lld ms",
			       i, r[i].bad,
			       r[i].bad == 0 ? " (a false end of file)" : "",
			       r[i].records, r[i].fail_ms);
	}
	ASSERT_EQ(0, fcntl(fd, F_SETFL, flags));
}

TEST_F(rd, nonblocking_readers_on_two_cpus_of_one_handle)
{
	int h;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	race(_metadata, self->h, h, sizeof(struct clusnet_event), true);
	close(h);
}

TEST_F(rd, nonblocking_readers_on_two_cpus_of_one_watch_fd)
{
	int w;

	CN_REQUIRE_ADMIN();
	w = cn_watch(self->dev, O_CLOEXEC);
	ASSERT_LE(0, w);
	race(_metadata, self->h, w, sizeof(struct clusnet_cluster_event), true);
	close(w);
}

TEST_F(rd, blocking_readers_on_two_cpus_of_one_handle)
{
	int h;

	CN_REQUIRE_ADMIN();
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	race(_metadata, self->h, h, sizeof(struct clusnet_event), false);
	close(h);
}

TEST_F(rd, blocking_readers_on_two_cpus_of_one_watch_fd)
{
	int w;

	CN_REQUIRE_ADMIN();
	w = cn_watch(self->dev, O_CLOEXEC);
	ASSERT_LE(0, w);
	race(_metadata, self->h, w, sizeof(struct clusnet_cluster_event), false);
	close(w);
}

TEST_HARNESS_MAIN
