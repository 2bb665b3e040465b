// SPDX-License-Identifier: GPL-2.0
/*
 * Writes to another node's interface: the kernel hands a write to a remote
 * object to the daemon's forward channel and the writer waits for the
 * answer, so that success means "applied by the owner". Here the test
 * plays the daemon. Each test has a network namespace of its own: a
 * namespace has one channel at most.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "common.h"

#define OBJ	"node2 - eth0"
#define NODE	"node2"

/* One waiting write, in a thread of its own. */
struct writer {
	pthread_t t;
	int dev, h;		/* dev for SET_SECURITY, h for the description */
	const char *text;
	int ret;		/* its result, once done */
	volatile int done;
};

static void *describe(void *arg)
{
	struct writer *w = arg;

	w->ret = cn_set_desc(w->h, w->text, strlen(w->text));
	w->done = 1;
	return NULL;
}

static void *chmod_it(void *arg)
{
	struct writer *w = arg;

	w->ret = cn_set_security(w->dev, OBJ,
				 CLUSNET_SET_UID | CLUSNET_SET_MODE, 1000, 0,
				 0600);
	w->done = 1;
	return NULL;
}

static int start(struct writer *w, void *(*fn)(void *))
{
	w->done = 0;
	return pthread_create(&w->t, NULL, fn, w);
}

static int finish(struct writer *w)
{
	pthread_join(w->t, NULL);
	return w->ret;
}

/* One request off the channel, waiting up to 5 s: 1, 0 at its end, -errno. */
static int take(int ch, struct clusnet_forward_request *rec)
{
	return cn_read_record(ch, rec, sizeof(*rec), 5000);
}

/* The object's description as a handle reads it ("?" on an error). */
static const char *description(int h)
{
	static struct clusnet_info info;

	return cn_info(h, &info) ? "?" : info.description;
}

FIXTURE(fwd) {
	int dev;
	int h;			/* GENERIC_ALL on OBJ */
	__u64 id;		/* OBJ's */
};

FIXTURE_SETUP(fwd)
{
	struct clusnet_if_entry e;

	self->dev = self->h = -1;
	if (!cn_is_admin())
		return;		/* each test skips */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, cn_create_remote(self->dev, OBJ, NODE, "net", NULL));
	/* The daemon's way: a copy is set here, not carried. */
	ASSERT_EQ(0, cn_set_security(self->dev, OBJ,
				     CLUSNET_SET_MODE | CLUSNET_SET_COPY, 0, 0,
				     0666));
	ASSERT_EQ(0, cn_find_object(self->dev, OBJ, &e));
	self->id = e.id;
	self->h = cn_open(self->dev, OBJ, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, self->h);
}

FIXTURE_TEARDOWN(fwd)
{
	if (self->h >= 0)
		close(self->h);
	if (self->dev >= 0)
		close(self->dev);
}

TEST_F(fwd, without_a_channel_writes_fail_with_enotconn)
{
	CN_REQUIRE_ADMIN();
	EXPECT_EQ(-ENOTCONN, cn_set_desc(self->h, "x", 1));
	EXPECT_EQ(-ENOTCONN, cn_chmod(self->dev, OBJ, 0600));
	EXPECT_STREQ("", description(self->h));
}

TEST_F(fwd, a_write_waits_for_its_answer)
{
	struct clusnet_forward_request rec;
	struct writer w = { .h = self->h, .text = "carried" };
	int ch;

	CN_REQUIRE_ADMIN();

	ch = cn_forward(self->dev, O_CLOEXEC, 0);
	ASSERT_LE(0, ch);
	ASSERT_EQ(0, start(&w, describe));
	ASSERT_EQ(1, take(ch, &rec));
	EXPECT_NE(0ULL, rec.id);
	EXPECT_EQ(self->id, rec.object);
	EXPECT_EQ(CLUSNET_FORWARD_DESCRIPTION, rec.what);
	EXPECT_STREQ(OBJ, rec.name);
	EXPECT_EQ(strlen(OBJ), rec.name_len);
	EXPECT_STREQ("carried", rec.text);
	EXPECT_EQ(7U, rec.text_len);

	/* Unanswered, it still waits; the copy is the daemon's to set. */
	cn_sleep_ms(200);
	EXPECT_EQ(0, w.done);
	EXPECT_STREQ("", description(self->h));

	ASSERT_EQ(0, cn_set_desc_f(self->h, "carried", 7,
				   CLUSNET_DESCRIPTION_COPY));
	ASSERT_EQ(0, cn_forward_answer(ch, rec.id, 0));
	EXPECT_EQ(0, finish(&w));
	EXPECT_STREQ("carried", description(self->h));
	/* Answered once: a second answer finds no writer. */
	EXPECT_EQ(-ENOENT, cn_forward_answer(ch, rec.id, 0));
	close(ch);
}

TEST_F(fwd, the_answer_is_the_writers_result)
{
	struct clusnet_forward_request rec;
	struct writer w = { .dev = self->dev, .h = self->h, .text = "x" };
	struct clusnet_if_entry e;
	int ch;

	CN_REQUIRE_ADMIN();

	ch = cn_forward(self->dev, O_CLOEXEC, 0);
	ASSERT_LE(0, ch);

	ASSERT_EQ(0, start(&w, chmod_it));
	ASSERT_EQ(1, take(ch, &rec));
	EXPECT_EQ(CLUSNET_FORWARD_UID | CLUSNET_FORWARD_MODE, rec.what);
	EXPECT_EQ(1000U, rec.uid);
	EXPECT_EQ(0600U, rec.mode);
	ASSERT_EQ(0, cn_forward_answer(ch, rec.id, -EACCES));
	EXPECT_EQ(-EACCES, finish(&w));
	/* Refused there: nothing changed here. */
	ASSERT_EQ(0, cn_find_object(self->dev, OBJ, &e));
	EXPECT_EQ(0666U, e.mode);
	EXPECT_EQ(0U, e.uid);

	ASSERT_EQ(0, start(&w, describe));
	ASSERT_EQ(1, take(ch, &rec));
	ASSERT_EQ(0, cn_forward_answer(ch, rec.id, -EHOSTDOWN));
	EXPECT_EQ(-EHOSTDOWN, finish(&w));
	close(ch);
}

TEST_F(fwd, no_answer_in_time_is_etimedout)
{
	struct clusnet_forward_request rec;
	struct writer w = { .h = self->h, .text = "late" };
	long long t0;
	int ch;

	CN_REQUIRE_ADMIN();

	ch = cn_forward(self->dev, O_CLOEXEC, 300);
	ASSERT_LE(0, ch);
	t0 = cn_now_ms();
	EXPECT_EQ(-ETIMEDOUT, cn_set_desc(self->h, "late", 4));
	EXPECT_LE(250, cn_now_ms() - t0);

	/* Read but never answered: the same, and a late answer is ENOENT. */
	ASSERT_EQ(0, start(&w, describe));
	ASSERT_EQ(1, take(ch, &rec));
	EXPECT_EQ(-ETIMEDOUT, finish(&w));
	EXPECT_EQ(-ENOENT, cn_forward_answer(ch, rec.id, 0));
	/* The first write was taken off the queue when it timed out. */
	EXPECT_EQ(-ETIMEDOUT, cn_read_record(ch, &rec, sizeof(rec), 100));
	close(ch);
}

TEST_F(fwd, closing_the_channel_fails_waiting_writes)
{
	struct clusnet_forward_request rec;
	struct writer w1 = { .h = self->h, .text = "read" };
	struct writer w2 = { .h = self->h, .text = "queued" };
	int ch, ch2;

	CN_REQUIRE_ADMIN();

	ch = cn_forward(self->dev, O_CLOEXEC, 0);
	ASSERT_LE(0, ch);
	EXPECT_EQ(-EBUSY, cn_forward(self->dev, O_CLOEXEC, 0));

	ASSERT_EQ(0, start(&w1, describe));
	ASSERT_EQ(1, take(ch, &rec));
	ASSERT_EQ(0, start(&w2, describe));
	cn_sleep_ms(100);		/* w2 queued, not read */
	close(ch);
	EXPECT_EQ(-ENOTCONN, finish(&w1));
	EXPECT_EQ(-ENOTCONN, finish(&w2));

	/* The namespace takes a new channel. */
	ch2 = cn_forward(self->dev, O_CLOEXEC, 0);
	EXPECT_LE(0, ch2);
	close(ch2);
}

TEST_F(fwd, at_most_pending_max_writes_wait)
{
	struct clusnet_forward_request rec;
	struct writer *w;
	int ch, i, n = CLUSNET_FORWARD_PENDING_MAX;

	CN_REQUIRE_ADMIN();

	w = calloc(n, sizeof(*w));
	ASSERT_NE(NULL, w);
	ch = cn_forward(self->dev, O_CLOEXEC, 0);
	ASSERT_LE(0, ch);
	for (i = 0; i < n; i++) {
		w[i].h = self->h;
		w[i].text = "many";
		ASSERT_EQ(0, start(&w[i], describe));
	}
	/* Every one of them gets to the channel. */
	for (i = 0; i < n; i++)
		ASSERT_EQ(1, take(ch, &rec));
	EXPECT_EQ(-EBUSY, cn_set_desc(self->h, "one more", 8));
	close(ch);
	for (i = 0; i < n; i++)
		EXPECT_EQ(-ENOTCONN, finish(&w[i]));
	free(w);
}

TEST_F(fwd, copies_are_set_only_by_the_daemon)
{
	struct clusnet_if_entry e;
	int h;

	CN_REQUIRE_ADMIN();

	/* On a local object there is no copy. */
	ASSERT_EQ(0, cn_create(self->dev, "local", "lo", 0, 0, 0644));
	h = cn_open(self->dev, "local", CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	EXPECT_EQ(-EINVAL, cn_set_desc_f(h, "x", 1, CLUSNET_DESCRIPTION_COPY));
	EXPECT_EQ(0, cn_set_desc(h, "local", 5));
	close(h);
	EXPECT_EQ(-EINVAL, cn_set_security(self->dev, "local",
					   CLUSNET_SET_MODE | CLUSNET_SET_COPY,
					   0, 0, 0600));

	/* On a remote one, it is set here at once. */
	EXPECT_EQ(0, cn_set_desc_f(self->h, "copy", 4,
				   CLUSNET_DESCRIPTION_COPY));
	EXPECT_STREQ("copy", description(self->h));
	EXPECT_EQ(0, cn_set_security(self->dev, OBJ,
				     CLUSNET_SET_MODE | CLUSNET_SET_COPY, 0, 0,
				     0640));
	ASSERT_EQ(0, cn_find_object(self->dev, OBJ, &e));
	EXPECT_EQ(0640U, e.mode);
	/* COPY alone changes nothing: EINVAL, as flags 0 is. */
	EXPECT_EQ(-EINVAL, cn_set_security(self->dev, OBJ, CLUSNET_SET_COPY,
					   0, 0, 0));
	EXPECT_EQ(-EINVAL, cn_set_desc_f(self->h, "x", 1, 0x2));
}

TEST_F(fwd, an_unprivileged_writer_is_checked_and_carried)
{
	struct clusnet_forward_request rec;
	struct writer w = { .text = "from a user" };
	int ch, h;

	CN_REQUIRE_ADMIN();

	/* The channel is root's; then we are a user with the same device. */
	ch = cn_forward(self->dev, O_CLOEXEC, 0);
	ASSERT_LE(0, ch);
	CN_BECOME_USER();

	EXPECT_EQ(-EPERM, cn_forward(self->dev, O_CLOEXEC, 0));
	EXPECT_EQ(-EPERM, cn_chmod(self->dev, OBJ, 0600));
	/* The read-only handle is refused before anything is carried. */
	h = cn_open(self->dev, OBJ, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	EXPECT_EQ(-EACCES, cn_set_desc(h, "x", 1));
	close(h);

	/* Mode 0666 gives the user full access, but no copy to set. */
	h = cn_open(self->dev, OBJ, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	EXPECT_EQ(-EPERM, cn_set_desc_f(h, "x", 1, CLUSNET_DESCRIPTION_COPY));
	w.h = h;
	ASSERT_EQ(0, start(&w, describe));
	ASSERT_EQ(1, take(ch, &rec));
	EXPECT_STREQ("from a user", rec.text);
	ASSERT_EQ(0, cn_forward_answer(ch, rec.id, 0));
	EXPECT_EQ(0, finish(&w));
	close(h);
	close(ch);
}

TEST_F(fwd, bad_arguments_and_answers)
{
	struct clusnet_forward f = { .size = sizeof(f) };
	struct clusnet_forward_request rec;
	struct clusnet_forward_reply r = { .id = 1 };
	struct writer w = { .h = self->h, .text = "x" };
	char small[8];
	int ch;

	CN_REQUIRE_ADMIN();

	f.flags = 0x1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_FORWARD, &f));
	f.flags = 0;
	f.timeout_ms = CLUSNET_FORWARD_TIMEOUT_MAX_MS + 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_FORWARD, &f));
	f.timeout_ms = 0;
	f.record_size = CLUSNET_FORWARD_REQUEST_SIZE_VER0 - 8;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_FORWARD, &f));
	f.record_size = 0;
	f.size = 8;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_FORWARD, &f));

	ch = cn_forward(self->dev, O_CLOEXEC | O_NONBLOCK, 0);
	ASSERT_LE(0, ch);
	EXPECT_EQ(-1, read(ch, &rec, sizeof(rec)));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, start(&w, describe));
	ASSERT_EQ(1, take(ch, &rec));
	/* A buffer too small for a record takes nothing. */
	EXPECT_EQ(-1, read(ch, small, sizeof(small)));
	EXPECT_EQ(EINVAL, errno);

	r.id = rec.id;
	EXPECT_EQ(-1, write(ch, &r, sizeof(r) - 4));
	EXPECT_EQ(EINVAL, errno);
	r.flags = 1;
	EXPECT_EQ(-1, write(ch, &r, sizeof(r)));
	EXPECT_EQ(EINVAL, errno);
	r.flags = 0;
	EXPECT_EQ(-EINVAL, cn_forward_answer(ch, rec.id, 5));
	EXPECT_EQ(-EINVAL, cn_forward_answer(ch, rec.id, -5000));
	EXPECT_EQ(-ENOENT, cn_forward_answer(ch, rec.id + 1, 0));
	EXPECT_EQ(0, w.done);
	ASSERT_EQ(0, cn_forward_answer(ch, rec.id, -EIO));
	EXPECT_EQ(-EIO, finish(&w));
	close(ch);
}

TEST_F(fwd, a_deleted_object_is_enodev_and_the_write_still_ends)
{
	struct clusnet_forward_request rec;
	struct writer w = { .h = self->h, .text = "gone" };
	int ch;

	CN_REQUIRE_ADMIN();

	ch = cn_forward(self->dev, O_CLOEXEC, 0);
	ASSERT_LE(0, ch);
	ASSERT_EQ(0, start(&w, describe));
	ASSERT_EQ(1, take(ch, &rec));
	ASSERT_EQ(0, cn_delete(self->dev, OBJ));
	ASSERT_EQ(0, cn_forward_answer(ch, rec.id, -ENOENT));
	EXPECT_EQ(-ENOENT, finish(&w));
	EXPECT_EQ(-ENODEV, cn_set_desc(self->h, "x", 1));
	close(ch);
}

TEST_F(fwd, the_namespace_going_away_ends_the_channel)
{
	struct pollfd p;
	int sv[2], ch, st;
	pid_t pid;

	CN_REQUIRE_ADMIN();

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int dev, c;

		close(sv[0]);
		if (unshare(CLONE_NEWNET))
			_exit(1);
		dev = cn_dev();
		c = dev < 0 ? -1 : cn_forward(dev, O_CLOEXEC, 0);
		if (c < 0 || cn_send_fd(sv[1], c))
			_exit(2);
		_exit(0);
	}
	close(sv[1]);
	ch = cn_recv_fd(sv[0]);
	close(sv[0]);
	ASSERT_LE(0, ch);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_EQ(0, st);

	/* The namespace is torn down in the background: up to 10 s. */
	p = (struct pollfd){ .fd = ch, .events = POLLIN };
	ASSERT_EQ(1, poll(&p, 1, 10000));
	EXPECT_TRUE(p.revents & POLLHUP);
	EXPECT_EQ(0, read(ch, &(struct clusnet_forward_request){ 0 },
			  sizeof(struct clusnet_forward_request)));
	close(ch);
}

TEST_HARNESS_MAIN
