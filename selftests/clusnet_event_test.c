// SPDX-License-Identifier: GPL-2.0
/*
 * Change events: read() and poll() on handles (struct clusnet_event for
 * the handle's object) and on watch fds from CLUSNET_IOC_WATCH (struct
 * clusnet_cluster_event for every object of the namespace).
 *
 * Every wait is a poll() with a generous bound (carrier changes go
 * through linkwatch, up to ~1 s late under TCG). Dummies are made with
 * addrgenmode none so that no IPv6 link-local address (a PROPERTY event)
 * appears behind a test's back. A watch fd also sees the boot objects,
 * which the test does not control: watch checks look for records of
 * their own objects and only require the seq numbers to have no gaps.
 */
#include <pthread.h>
#include <sys/epoll.h>

#include "common.h"

#define EV_WAIT_MS	10000
#define EV_SZ		sizeof(struct clusnet_event)
#define WEV_SZ		sizeof(struct clusnet_cluster_event)

static const char *changes_str(__u32 c)
{
	static char buf[4][96];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, sizeof(buf[0]), "0x%x%s%s%s%s%s", c,
		 c & CLUSNET_EVENT_STATE ? " STATE" : "",
		 c & CLUSNET_EVENT_PROPERTY ? " PROPERTY" : "",
		 c & CLUSNET_EVENT_ADDED ? " ADDED" : "",
		 c & CLUSNET_EVENT_DELETED ? " DELETED" : "",
		 c & CLUSNET_EVENT_OVERFLOW ? " OVERFLOW" : "");
	return b;
}

/* A reader and the seq it expects next (0: whatever comes). */
struct rd {
	int fd;
	__u64 seq;
	bool watch;
};

/*
 * The next record (any object for a watch fd), its seq checked against
 * the expected one; an OVERFLOW record moves the expectation by lost.
 */
static void next_rec(struct __test_metadata *_metadata, struct rd *r,
		     struct clusnet_cluster_event *out, const char *what)
{
	int ret;

	memset(out, 0, sizeof(*out));
	if (r->watch)
		ret = cn_read_cluster_event(r->fd, out, EV_WAIT_MS);
	else
		ret = cn_read_event(r->fd, &out->ev, EV_WAIT_MS);
	ASSERT_EQ(1, ret) TH_LOG("%s: no record: %s", what,
				 ret == 0 ? "end of file" : strerror(-ret));
	if (out->ev.changes & CLUSNET_EVENT_OVERFLOW) {
		if (r->seq)
			r->seq += out->ev.lost;
		return;
	}
	EXPECT_EQ(0U, out->ev.lost) TH_LOG("%s", what);
	if (r->seq) {
		EXPECT_EQ(r->seq, out->ev.seq) TH_LOG("%s: seq", what);
	} else {
		EXPECT_LT(0ULL, out->ev.seq) TH_LOG("%s: seq", what);
	}
	r->seq = out->ev.seq + 1;
}

/* The next record about object @id (a watch skips other objects'). */
static void next_of(struct __test_metadata *_metadata, struct rd *r,
		    __u64 id, struct clusnet_cluster_event *out,
		    const char *what)
{
	int i;

	for (i = 0; i < 1000; i++) {
		next_rec(_metadata, r, out, what);
		if (out->ev.id == id || !r->watch ||
		    (out->ev.changes & CLUSNET_EVENT_OVERFLOW))
			break;
	}
	EXPECT_EQ(id, out->ev.id) TH_LOG("%s: record for another object (%s)",
					 what, out->name);
}

/* The next record is exactly this one. */
static void expect_rec(struct __test_metadata *_metadata, struct rd *r,
		       __u64 id, __u32 changes, int old_state, int new_state,
		       const char *name, const char *what)
{
	struct clusnet_cluster_event ev;

	next_of(_metadata, r, id, &ev, what);
	/* DELETED may come with the last state change (to UNAVAILABLE). */
	if (changes == CLUSNET_EVENT_DELETED)
		ev.ev.changes &= ~(CLUSNET_EVENT_STATE |
				   CLUSNET_EVENT_PROPERTY);
	EXPECT_EQ(changes, ev.ev.changes)
		TH_LOG("%s: changes %s, expected %s", what,
		       changes_str(ev.ev.changes), changes_str(changes));
	if (old_state >= 0) {
		EXPECT_EQ(old_state, (int)ev.ev.old_state)
			TH_LOG("%s: old_state %s", what,
			       cn_state_name(ev.ev.old_state));
		EXPECT_EQ(new_state, (int)ev.ev.new_state)
			TH_LOG("%s: new_state %s", what,
			       cn_state_name(ev.ev.new_state));
	}
	if (name) {
		EXPECT_STREQ(name, ev.name) TH_LOG("%s", what);
	}
}

/*
 * Records until one with STATE: at least @min_props PROPERTY-only ones
 * before it (whose states do not change), then @old -> @new.
 */
static void expect_state_after_props(struct __test_metadata *_metadata,
				     struct rd *r, __u64 id, int min_props,
				     int old_state, int new_state,
				     const char *what)
{
	struct clusnet_cluster_event ev;
	int props = 0, i;

	for (i = 0; i < 100; i++) {
		next_of(_metadata, r, id, &ev, what);
		if (ev.ev.changes & (CLUSNET_EVENT_STATE |
				     CLUSNET_EVENT_OVERFLOW |
				     CLUSNET_EVENT_DELETED))
			break;
		EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.ev.changes)
			TH_LOG("%s: changes %s", what,
			       changes_str(ev.ev.changes));
		EXPECT_EQ(ev.ev.old_state, ev.ev.new_state) TH_LOG("%s", what);
		props++;
	}
	EXPECT_LE(min_props, props) TH_LOG("%s: PROPERTY records", what);
	EXPECT_TRUE(!!(ev.ev.changes & CLUSNET_EVENT_STATE))
		TH_LOG("%s: changes %s", what, changes_str(ev.ev.changes));
	EXPECT_EQ(0U, ev.ev.changes & ~(CLUSNET_EVENT_STATE |
					 CLUSNET_EVENT_PROPERTY))
		TH_LOG("%s: changes %s", what, changes_str(ev.ev.changes));
	EXPECT_EQ(old_state, (int)ev.ev.old_state)
		TH_LOG("%s: old_state %s", what,
		       cn_state_name(ev.ev.old_state));
	EXPECT_EQ(new_state, (int)ev.ev.new_state)
		TH_LOG("%s: new_state %s", what,
		       cn_state_name(ev.ev.new_state));
}

/*
 * Records until the state reaches @new_state, from @old_state: the STATE
 * records chain (each old_state is the previous new_state), and may pass
 * through other states on the way (a NIC that is deleted goes down
 * first); the records in between are PROPERTY only.
 */
static void expect_state_chain(struct __test_metadata *_metadata,
			       struct rd *r, __u64 id, int old_state,
			       int new_state, const char *what)
{
	struct clusnet_cluster_event ev;
	int cur = old_state, i;

	for (i = 0; i < 100 && cur != new_state; i++) {
		next_of(_metadata, r, id, &ev, what);
		if (!(ev.ev.changes & CLUSNET_EVENT_STATE)) {
			EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.ev.changes)
				TH_LOG("%s: changes %s", what,
				       changes_str(ev.ev.changes));
			EXPECT_EQ(cur, (int)ev.ev.new_state)
				TH_LOG("%s: PROPERTY with state %s", what,
				       cn_state_name(ev.ev.new_state));
			EXPECT_EQ(ev.ev.old_state, ev.ev.new_state);
			if (!_metadata->passed)
				return;
			continue;
		}
		EXPECT_EQ(0U, ev.ev.changes & ~(CLUSNET_EVENT_STATE |
						 CLUSNET_EVENT_PROPERTY))
			TH_LOG("%s: changes %s", what,
			       changes_str(ev.ev.changes));
		EXPECT_EQ(cur, (int)ev.ev.old_state)
			TH_LOG("%s: %s -> %s after %s", what,
			       cn_state_name(ev.ev.old_state),
			       cn_state_name(ev.ev.new_state),
			       cn_state_name(cur));
		EXPECT_NE(ev.ev.old_state, ev.ev.new_state) TH_LOG("%s", what);
		if (!_metadata->passed)
			return;
		cur = ev.ev.new_state;
	}
	EXPECT_EQ(new_state, cur) TH_LOG("%s", what);
}

/* Nothing pending: poll() says so, and so does a non-blocking read. */
static void expect_nothing(struct __test_metadata *_metadata, int fd,
			   const char *what)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct clusnet_cluster_event ev;
	int fl;

	EXPECT_EQ(0, poll(&p, 1, 0)) TH_LOG("%s: revents 0x%x", what,
					    p.revents);
	fl = fcntl(fd, F_GETFL);
	ASSERT_LE(0, fl);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, fl | O_NONBLOCK));
	errno = 0;
	EXPECT_EQ(-1, read(fd, &ev, sizeof(ev))) TH_LOG("%s", what);
	EXPECT_EQ(EAGAIN, errno) TH_LOG("%s", what);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, fl));
}

/* Drain a watch fd (non-blocking); true if it had a record about @id. */
static bool watch_drain_has(int w, __u64 id)
{
	struct clusnet_cluster_event ev;
	bool found = false;
	int fl = fcntl(w, F_GETFL), i;

	fcntl(w, F_SETFL, fl | O_NONBLOCK);
	for (i = 0; i < 10000; i++) {
		if (read(w, &ev, sizeof(ev)) != (ssize_t)sizeof(ev))
			break;
		if (ev.ev.id == id)
			found = true;
	}
	fcntl(w, F_SETFL, fl);
	return found;
}

FIXTURE(ev) {
	int dev;
	char name[128];
	char name2[128];
	char ifa[IFNAMSIZ];
	__u64 id;
};

FIXTURE_SETUP(ev)
{
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	cn_name(self->name, sizeof(self->name), "ev");
	cn_name(self->name2, sizeof(self->name2), "ev2");
	cn_ifname(self->ifa);
	self->id = 0;
	if (cn_is_admin())
		cn_netdev_modules();
}

FIXTURE_TEARDOWN(ev)
{
	if (self->dev < 0)
		return;
	if (cn_is_admin()) {
		cn_delete(self->dev, self->name);
		cn_delete(self->dev, self->name2);
		cn_link_del(self->ifa);
	}
	close(self->dev);
}

/*
 * A running dummy ifa (unless @no_nic), the object self->name following
 * it, and a handle opened with @flags; the object must be UP (or
 * UNAVAILABLE without the NIC) before the handle exists.
 */
static int setup_obj(struct __test_metadata *_metadata,
		     FIXTURE_DATA(ev) *self, bool no_nic, __u32 desired,
		     __u32 flags)
{
	int h;

	if (!no_nic)
		ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_create_ex(self->dev, self->name, NULL, NULL,
				  no_nic ? "cnnone5" : self->ifa, 0, 0, 0644,
				  &self->id));
	h = cn_open_n(self->dev, self->name, strlen(self->name), desired,
		      flags, NULL, NULL);
	ASSERT_LE(0, h) TH_LOG("open: %s", strerror(-h));
	ASSERT_EQ(no_nic ? CLUSNET_STATE_UNAVAILABLE : CLUSNET_STATE_UP,
		  cn_wait_state(h, no_nic ? CLUSNET_STATE_UNAVAILABLE :
					    CLUSNET_STATE_UP, CN_WAIT_MS));
	return h;
}

TEST_F_TIMEOUT(ev, link_down_and_up, 60)
{
	struct clusnet_cluster_info ci;
	struct pollfd p;
	struct rd r;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_TRUE(!!(ci.features & CLUSNET_FEATURE_EVENTS));
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_READ, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };
	expect_nothing(_metadata, h, "fresh handle");

	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifa));
	p = (struct pollfd){ .fd = h, .events = POLLIN };
	ASSERT_EQ(1, poll(&p, 1, EV_WAIT_MS));
	EXPECT_EQ(POLLIN, p.revents);
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_STATE,
		   CLUSNET_STATE_UP, CLUSNET_STATE_FAILED, NULL, "down");
	expect_nothing(_metadata, h, "after down");
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_STATE,
		   CLUSNET_STATE_FAILED, CLUSNET_STATE_UP, NULL, "up");
	expect_nothing(_metadata, h, "after up");
	close(h);
}

TEST_F_TIMEOUT(ev, carrier_off_and_on, 60)
{
	struct rd r;
	int h;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_READ, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifa));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_STATE,
		   CLUSNET_STATE_UP, CLUSNET_STATE_FAILED, NULL, "carrier off");
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on", self->ifa));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_STATE,
		   CLUSNET_STATE_FAILED, CLUSNET_STATE_UP, NULL, "carrier on");
	expect_nothing(_metadata, h, "after carrier on");
	close(h);
}

TEST_F_TIMEOUT(ev, nic_removed_and_created_again, 60)
{
	struct rd r;
	int h;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_READ, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };
	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifa));
	expect_state_chain(_metadata, &r, self->id, CLUSNET_STATE_UP,
			   CLUSNET_STATE_UNAVAILABLE, "NIC deleted");
	ASSERT_EQ(0, cn_dummy_add(self->ifa, false));
	expect_state_chain(_metadata, &r, self->id, CLUSNET_STATE_UNAVAILABLE,
			   CLUSNET_STATE_FAILED, "NIC created");
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifa));
	expect_state_chain(_metadata, &r, self->id, CLUSNET_STATE_FAILED,
			   CLUSNET_STATE_UP, "NIC up");
	expect_nothing(_metadata, h, "after up");
	close(h);
}

TEST_F(ev, description_change_is_property)
{
	struct rd r, r2;
	int h, h2;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	h2 = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h2);
	r = (struct rd){ .fd = h, .seq = 1 };
	r2 = (struct rd){ .fd = h2, .seq = 1 };
	ASSERT_EQ(0, cn_set_desc(h, "first", 5));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, NULL, "description");
	/* Every handle of the object gets it, read-only ones too. */
	expect_rec(_metadata, &r2, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, NULL,
		   "description, second handle");
	ASSERT_EQ(0, cn_set_desc(h, "second", 6));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, NULL, "description 2");
	expect_rec(_metadata, &r2, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, NULL, "description 2");
	expect_nothing(_metadata, h, "handle 1");
	expect_nothing(_metadata, h2, "handle 2");
	close(h);
	close(h2);
}

/* Handles get their own object's events only. */
TEST_F(ev, handles_get_their_objects_events_only)
{
	int h, h2, other;
	struct rd r;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	ASSERT_EQ(0, cn_create(self->dev, self->name2, "cnnone5", 0, 0, 0644));
	other = cn_open(self->dev, self->name2, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, other);
	h2 = cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h2);
	r = (struct rd){ .fd = h, .seq = 1 };
	ASSERT_EQ(0, cn_set_desc(other, "other", 5));
	ASSERT_EQ(0, cn_set_desc(h, "mine", 4));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, NULL, "mine");
	expect_nothing(_metadata, h, "after mine");
	close(h);
	close(h2);
	close(other);
}

/* IPv4 and IPv6 address changes are PROPERTY events. */
TEST_F_TIMEOUT(ev, address_change_is_property, 60)
{
	struct rd r;
	int h;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_READ, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };

	/* A link change after each address change ends the PROPERTY run. */
	ASSERT_EQ(0, cn_sh("ip addr add 10.84.0.1/24 dev %s", self->ifa));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifa));
	expect_state_after_props(_metadata, &r, self->id, 1, CLUSNET_STATE_UP,
				 CLUSNET_STATE_FAILED, "IPv4 address added");

	ASSERT_EQ(0, cn_sh("ip -6 addr add fd00:84::1/64 dev %s nodad",
			   self->ifa));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on", self->ifa));
	expect_state_after_props(_metadata, &r, self->id, 1,
				 CLUSNET_STATE_FAILED, CLUSNET_STATE_UP,
				 "IPv6 address added");

	ASSERT_EQ(0, cn_sh("ip addr del 10.84.0.1/24 dev %s", self->ifa));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifa));
	expect_state_after_props(_metadata, &r, self->id, 1, CLUSNET_STATE_UP,
				 CLUSNET_STATE_FAILED, "IPv4 address deleted");
	close(h);
}

/* Its network renamed, an object reports another name: PROPERTY. */
TEST_F_TIMEOUT(ev, network_rename_is_property, 60)
{
	struct clusnet_cluster_event ev;
	struct clusnet_if_entry e;
	char renamed[128];
	struct rd r, rw;
	long long net;
	int h, w;

	CN_REQUIRE_ADMIN();
	cn_name(renamed, sizeof(renamed), "renamed");
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_READ, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };
	ASSERT_EQ(0, cn_sh("ip addr add 10.85.0.1/24 dev %s", self->ifa));
	net = cn_wait_object_network(self->dev, self->name, 0, CN_WAIT_MS);
	ASSERT_LT(0, net);
	/* Joining the network was a PROPERTY change. */
	next_of(_metadata, &r, self->id, &ev, "joined a network");
	EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.ev.changes);
	/* (whatever else the address brought) */
	while (cn_read_event(h, &ev.ev, 0) == 1)
		r.seq = ev.ev.seq + 1;

	w = cn_watch(self->dev, O_CLOEXEC);
	ASSERT_LE(0, w);
	rw = (struct rd){ .fd = w, .watch = true };
	ASSERT_EQ(0, cn_network_rename(self->dev, (__u64)net, renamed));
	ASSERT_EQ(0, cn_find_object(self->dev, self->name, &e));
	ASSERT_STREQ(renamed, e.network);
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, NULL, "rename");
	expect_rec(_metadata, &rw, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UP, CLUSNET_STATE_UP, self->name,
		   "rename, watch");
	expect_nothing(_metadata, h, "after the rename");
	close(w);
	close(h);
}

TEST_F(ev, delete_ends_with_deleted_then_eof)
{
	struct clusnet_event ev;
	struct epoll_event ee;
	struct pollfd p;
	struct rd r;
	int h, ep;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_READ, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };
	ep = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_LE(0, ep);
	ee = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 7 };
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, h, &ee));
	EXPECT_EQ(0, epoll_wait(ep, &ee, 1, 0));

	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	ASSERT_EQ(1, epoll_wait(ep, &ee, 1, EV_WAIT_MS));
	EXPECT_TRUE(!!(ee.events & EPOLLIN)) TH_LOG("events 0x%x", ee.events);
	EXPECT_EQ(7ULL, ee.data.u64);

	/* DELETED is the last record... */
	memset(&ev, 0, sizeof(ev));
	ASSERT_EQ(1, cn_read_event(h, &ev, EV_WAIT_MS));
	EXPECT_EQ(r.seq, ev.seq);
	EXPECT_EQ(self->id, ev.id);
	EXPECT_TRUE(!!(ev.changes & CLUSNET_EVENT_DELETED))
		TH_LOG("changes %s", changes_str(ev.changes));
	EXPECT_EQ(0U, ev.changes & (CLUSNET_EVENT_ADDED |
				    CLUSNET_EVENT_OVERFLOW));
	/* ...then end of file, at once, again and again; and EPOLLHUP. */
	p = (struct pollfd){ .fd = h, .events = POLLIN };
	ASSERT_EQ(1, poll(&p, 1, EV_WAIT_MS));
	EXPECT_TRUE(!!(p.revents & POLLHUP)) TH_LOG("revents 0x%x", p.revents);
	EXPECT_EQ(0, read(h, &ev, sizeof(ev)));
	EXPECT_EQ(0, read(h, &ev, sizeof(ev)));
	ASSERT_EQ(1, epoll_wait(ep, &ee, 1, EV_WAIT_MS));
	EXPECT_TRUE(!!(ee.events & EPOLLHUP)) TH_LOG("events 0x%x", ee.events);
	EXPECT_EQ(-ENODEV, cn_state(h));
	close(ep);
	close(h);
}

/* A handle opened after the delete... cannot be; one opened before it
 * but never read still gets DELETED, after its pending records. */
TEST_F(ev, deleted_after_pending_records)
{
	struct rd r;
	int h;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, true, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	r = (struct rd){ .fd = h, .seq = 1 };
	ASSERT_EQ(0, cn_set_desc(h, "a", 1));
	ASSERT_EQ(0, cn_set_desc(h, "b", 1));
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UNAVAILABLE, CLUSNET_STATE_UNAVAILABLE, NULL,
		   "a");
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_UNAVAILABLE, CLUSNET_STATE_UNAVAILABLE, NULL,
		   "b");
	expect_rec(_metadata, &r, self->id, CLUSNET_EVENT_DELETED, -1, -1,
		   NULL, "deleted");
	EXPECT_EQ(0, cn_read_event(h, &(struct clusnet_event){ 0 },
				   EV_WAIT_MS));
	close(h);
}

/*
 * More than CLUSNET_EVENT_RING unread records: one OVERFLOW record that
 * counts the lost ones exactly, then the newest CLUSNET_EVENT_RING.
 */
static void flood_handle(struct __test_metadata *_metadata,
			 FIXTURE_DATA(ev) *self, int events)
{
	struct clusnet_event ev;
	char text[32];
	int h, i, lost = events > CLUSNET_EVENT_RING ?
			 events - CLUSNET_EVENT_RING : 0;
	__u64 seq;

	h = setup_obj(_metadata, self, true, CLUSNET_GENERIC_ALL,
		      O_CLOEXEC | O_NONBLOCK);
	for (i = 1; i <= events; i++) {
		snprintf(text, sizeof(text), "text %d", i);
		ASSERT_EQ(0, cn_set_desc(h, text, strlen(text)));
	}
	ASSERT_EQ(1, cn_read_event(h, &ev, EV_WAIT_MS));
	if (lost) {
		EXPECT_EQ(CLUSNET_EVENT_OVERFLOW, ev.changes)
			TH_LOG("%d events: changes %s", events,
			       changes_str(ev.changes));
		EXPECT_EQ((__u32)lost, ev.lost) TH_LOG("%d events", events);
		ASSERT_EQ(1, cn_read_event(h, &ev, EV_WAIT_MS));
	}
	seq = 1 + lost;
	for (i = 0; i < events - lost; i++) {
		if (i) {
			ASSERT_EQ(1, cn_read_event(h, &ev, EV_WAIT_MS))
				TH_LOG("record %d of %d", i + 1, events - lost);
		}
		EXPECT_EQ(seq, ev.seq) TH_LOG("%d events", events);
		EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.changes)
			TH_LOG("%d events, seq %llu: changes %s", events,
			       (unsigned long long)ev.seq,
			       changes_str(ev.changes));
		EXPECT_EQ(0U, ev.lost);
		seq++;
	}
	errno = 0;
	EXPECT_EQ(-1, read(h, &ev, sizeof(ev)));
	EXPECT_EQ(EAGAIN, errno);
	/* Numbering goes on after the overflow. */
	ASSERT_EQ(0, cn_set_desc(h, "after", 5));
	ASSERT_EQ(1, cn_read_event(h, &ev, EV_WAIT_MS));
	EXPECT_EQ((__u64)events + 1, ev.seq);
	EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.changes);
	close(h);
}

TEST_F(ev, ring_of_16_does_not_overflow)
{
	CN_REQUIRE_ADMIN();
	flood_handle(_metadata, self, CLUSNET_EVENT_RING);
}

TEST_F(ev, overflow_by_one)
{
	CN_REQUIRE_ADMIN();
	flood_handle(_metadata, self, CLUSNET_EVENT_RING + 1);
}

TEST_F(ev, overflow_by_many)
{
	CN_REQUIRE_ADMIN();
	flood_handle(_metadata, self, 100);
}

/* read() returns whole records only. */
TEST_F(ev, read_sizes)
{
	unsigned char buf[3 * WEV_SZ];
	ssize_t n;
	int h, w;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, true, CLUSNET_GENERIC_ALL,
		      O_CLOEXEC | O_NONBLOCK);
	w = cn_watch(self->dev, O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, w);
	ASSERT_EQ(0, cn_set_desc(h, "a", 1));
	ASSERT_EQ(0, cn_set_desc(h, "b", 1));

	errno = 0;
	EXPECT_EQ(-1, read(h, buf, 1));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, read(h, buf, EV_SZ - 1));
	EXPECT_EQ(EINVAL, errno);
	/* One and a half records: one. */
	n = read(h, buf, EV_SZ + EV_SZ / 2);
	EXPECT_EQ((ssize_t)EV_SZ, n);
	EXPECT_EQ(1ULL, ((struct clusnet_event *)buf)->seq);
	/* Room for three, one pending: one. */
	n = read(h, buf, 3 * EV_SZ);
	EXPECT_EQ((ssize_t)EV_SZ, n);
	EXPECT_EQ(2ULL, ((struct clusnet_event *)buf)->seq);

	/* Two pending, room for three: both at once. */
	ASSERT_EQ(0, cn_set_desc(h, "c", 1));
	ASSERT_EQ(0, cn_set_desc(h, "d", 1));
	n = read(h, buf, 3 * EV_SZ);
	EXPECT_EQ((ssize_t)(2 * EV_SZ), n);
	EXPECT_EQ(3ULL, ((struct clusnet_event *)buf)->seq);
	EXPECT_EQ(4ULL, ((struct clusnet_event *)buf + 1)->seq);

	/* A watch record is larger than a handle's. */
	errno = 0;
	EXPECT_EQ(-1, read(w, buf, EV_SZ));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, read(w, buf, WEV_SZ - 1));
	EXPECT_EQ(EINVAL, errno);
	n = read(w, buf, WEV_SZ + 1);
	EXPECT_EQ((ssize_t)WEV_SZ, n);
	close(w);
	close(h);
}

/* O_NONBLOCK at open and by fcntl(); handles and watch fds. */
TEST_F(ev, nonblocking_reads_are_eagain)
{
	struct clusnet_cluster_event ev;
	int h, w, fl, i;

	/* The boot object: the unprivileged run too. */
	h = cn_open_f(self->dev, CN_ETH0, CLUSNET_GENERIC_READ,
		      O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, h) TH_LOG("%s", strerror(-h));
	fl = fcntl(h, F_GETFL);
	EXPECT_TRUE(!!(fl & O_NONBLOCK));
	/* (eth0 may have had an event of its own since: drain it) */
	for (i = 0; i < 100 && read(h, &ev, EV_SZ) == (ssize_t)EV_SZ; i++)
		;
	errno = 0;
	EXPECT_EQ(-1, read(h, &ev, EV_SZ));
	EXPECT_EQ(EAGAIN, errno);
	close(h);

	h = cn_open_f(self->dev, CN_ETH0, CLUSNET_GENERIC_READ, O_CLOEXEC);
	ASSERT_LE(0, h);
	fl = fcntl(h, F_GETFL);
	EXPECT_FALSE(!!(fl & O_NONBLOCK));
	ASSERT_EQ(0, fcntl(h, F_SETFL, fl | O_NONBLOCK));
	for (i = 0; i < 100 && read(h, &ev, EV_SZ) == (ssize_t)EV_SZ; i++)
		;
	errno = 0;
	EXPECT_EQ(-1, read(h, &ev, EV_SZ));
	EXPECT_EQ(EAGAIN, errno);
	close(h);

	w = cn_watch(self->dev, O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, w) TH_LOG("%s", strerror(-w));
	EXPECT_TRUE(!!(fcntl(w, F_GETFL) & O_NONBLOCK));
	watch_drain_has(w, 0);
	errno = 0;
	EXPECT_EQ(-1, read(w, &ev, WEV_SZ));
	EXPECT_EQ(EAGAIN, errno);
	close(w);

	w = cn_watch(self->dev, 0);
	ASSERT_LE(0, w);
	fl = fcntl(w, F_GETFL);
	EXPECT_FALSE(!!(fl & O_NONBLOCK));
	EXPECT_EQ(0, fcntl(w, F_GETFD) & FD_CLOEXEC);
	ASSERT_EQ(0, fcntl(w, F_SETFL, fl | O_NONBLOCK));
	watch_drain_has(w, 0);
	errno = 0;
	EXPECT_EQ(-1, read(w, &ev, WEV_SZ));
	EXPECT_EQ(EAGAIN, errno);
	close(w);
}

/* ------------------------------------------------------------------ */
/* A blocking read woken by an event                                   */

struct blocked {
	int fd;
	size_t size;
	int ready[2];
	pid_t tid;
	ssize_t n;
	int err;
	struct clusnet_cluster_event ev;
};

static void *blocked_reader(void *arg)
{
	struct blocked *b = arg;

	b->tid = syscall(SYS_gettid);
	cn_post(b->ready[1]);
	b->n = read(b->fd, &b->ev, b->size);
	b->err = errno;
	return NULL;
}

/* Wait until thread @tid sleeps in read(); true if seen. */
static bool wait_blocked_in_read(pid_t tid)
{
	long long deadline = cn_now_ms() + EV_WAIT_MS;
	char path[64], buf[512], *p;
	long nr;
	int fd;
	ssize_t len;

	for (;;) {
		bool sleeping = false, in_read = false;

		snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			len = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (len > 0) {
				buf[len] = '\0';
				p = strrchr(buf, ')');
				sleeping = p && p[1] == ' ' && p[2] == 'S';
			}
		}
		snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			len = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			if (len > 0) {
				buf[len] = '\0';
				nr = strtol(buf, NULL, 10);
				in_read = nr == SYS_read;
			}
		} else {
			in_read = true;	/* no syscall file: trust the state */
		}
		if (sleeping && in_read)
			return true;
		if (cn_now_ms() >= deadline)
			return false;
		cn_sleep_ms(CN_POLL_MS);
	}
}

static void blocking_read_woken(struct __test_metadata *_metadata,
				FIXTURE_DATA(ev) *self, bool watch)
{
	struct blocked b;
	struct timespec ts;
	pthread_t thr;
	int h, ret;

	h = setup_obj(_metadata, self, true, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	memset(&b, 0, sizeof(b));
	b.fd = watch ? cn_watch(self->dev, O_CLOEXEC) : h;
	ASSERT_LE(0, b.fd);
	b.size = watch ? WEV_SZ : EV_SZ;
	ASSERT_EQ(0, pipe2(b.ready, O_CLOEXEC));
	ASSERT_EQ(0, pthread_create(&thr, NULL, blocked_reader, &b));
	ASSERT_EQ(0, cn_pend(b.ready[0], EV_WAIT_MS));
	if (!wait_blocked_in_read(b.tid)) {
		pthread_cancel(thr);
		pthread_join(thr, NULL);
		/* Woken by something else (a watch sees other objects). */
		ASSERT_TRUE(watch && b.n > 0)
			TH_LOG("the reader never blocked: n %zd, %s", b.n,
			       strerror(b.err));
		SKIP(return, "the watch fd had another record");
	}
	ASSERT_EQ(0, cn_set_desc(h, "wake up", 7));
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += EV_WAIT_MS / 1000;
	ret = pthread_timedjoin_np(thr, NULL, &ts);
	if (ret) {
		pthread_cancel(thr);
		pthread_join(thr, NULL);
	}
	ASSERT_EQ(0, ret) TH_LOG("the blocked read was not woken");
	ASSERT_EQ((ssize_t)b.size, b.n) TH_LOG("%s", strerror(b.err));
	if (!watch || b.ev.ev.id == self->id) {
		EXPECT_EQ(self->id, b.ev.ev.id);
		EXPECT_EQ(CLUSNET_EVENT_PROPERTY, b.ev.ev.changes);
	}
	if (!watch) {
		EXPECT_EQ(1ULL, b.ev.ev.seq);
	}
	close(b.ready[0]);
	close(b.ready[1]);
	if (watch)
		close(b.fd);
	close(h);
}

TEST_F(ev, blocking_read_on_a_handle_is_woken)
{
	CN_REQUIRE_ADMIN();
	blocking_read_woken(_metadata, self, false);
}

TEST_F(ev, blocking_read_on_a_watch_fd_is_woken)
{
	CN_REQUIRE_ADMIN();
	blocking_read_woken(_metadata, self, true);
}

/* ------------------------------------------------------------------ */
/* Watch fds                                                           */

TEST_F_TIMEOUT(ev, watch_sees_the_life_of_an_object, 60)
{
	struct rd r;
	struct pollfd p;
	int w, h;
	__u64 id;

	CN_REQUIRE_ADMIN();
	w = cn_watch(self->dev, O_CLOEXEC);
	ASSERT_LE(0, w) TH_LOG("%s", strerror(-w));
	r = (struct rd){ .fd = w, .watch = true };
	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));

	ASSERT_EQ(0, cn_create_ex(self->dev, self->name, NULL, NULL, self->ifa,
				  0, 0, 0644, &id));
	p = (struct pollfd){ .fd = w, .events = POLLIN };
	ASSERT_EQ(1, poll(&p, 1, EV_WAIT_MS));
	EXPECT_EQ(POLLIN, p.revents);
	expect_rec(_metadata, &r, id, CLUSNET_EVENT_ADDED, -1, -1, self->name,
		   "created");

	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_ALL);
	ASSERT_LE(0, h);
	ASSERT_EQ(CLUSNET_STATE_UP, cn_wait_state(h, CLUSNET_STATE_UP,
						  CN_WAIT_MS));
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifa));
	expect_state_after_props(_metadata, &r, id, 0, CLUSNET_STATE_UP,
				 CLUSNET_STATE_FAILED, "down");
	ASSERT_EQ(0, cn_set_desc(h, "watched", 7));
	expect_rec(_metadata, &r, id, CLUSNET_EVENT_PROPERTY,
		   CLUSNET_STATE_FAILED, CLUSNET_STATE_FAILED, self->name,
		   "description");
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	expect_rec(_metadata, &r, id, CLUSNET_EVENT_DELETED, -1, -1,
		   self->name, "deleted");
	/* The watch goes on: a new object is ADDED with a new id. */
	ASSERT_EQ(0, cn_create_ex(self->dev, self->name2, NULL, NULL,
				  "cnnone5", 0, 0, 0644, &id));
	expect_rec(_metadata, &r, id, CLUSNET_EVENT_ADDED, -1, -1,
		   self->name2, "second object");
	close(h);
	close(w);
}

/* Events from before a handle or watch fd was made are not delivered. */
TEST_F(ev, no_events_from_before)
{
	struct clusnet_cluster_event ev;
	struct rd r;
	int h, h2, w;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, false, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	ASSERT_EQ(0, cn_set_desc(h, "before", 6));
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifa));
	ASSERT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(h, CLUSNET_STATE_FAILED, CN_WAIT_MS));
	w = cn_watch(self->dev, O_CLOEXEC);
	ASSERT_LE(0, w);
	h2 = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h2);
	expect_nothing(_metadata, h2, "new handle");
	EXPECT_FALSE(watch_drain_has(w, self->id));

	/* What happens next is delivered to both. */
	ASSERT_EQ(0, cn_set_desc(h, "after", 5));
	r = (struct rd){ .fd = h2 };
	next_of(_metadata, &r, self->id, &ev, "handle");
	EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.ev.changes);
	r = (struct rd){ .fd = w, .watch = true };
	next_of(_metadata, &r, self->id, &ev, "watch");
	EXPECT_EQ(CLUSNET_EVENT_PROPERTY, ev.ev.changes);
	EXPECT_STREQ(self->name, ev.name);
	close(w);
	close(h2);
	close(h);
}

/*
 * More than CLUSNET_CLUSTER_EVENT_RING unread records on a watch fd: one
 * OVERFLOW record, then the newest 256, numbered without gaps.
 */
TEST_F_TIMEOUT(ev, watch_ring_is_256, 120)
{
	static const int events = CLUSNET_CLUSTER_EVENT_RING + 44;
	struct clusnet_cluster_event ev;
	__u64 marker, first = 0, last = 0;
	int h, w, i, kept = 0, foreign = 0;
	__u32 lost;
	char text[32];
	struct rd r;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, true, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	w = cn_watch(self->dev, O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, w);
	/* A first event shows where numbering stands. */
	ASSERT_EQ(0, cn_set_desc(h, "marker", 6));
	r = (struct rd){ .fd = w, .watch = true };
	next_of(_metadata, &r, self->id, &ev, "marker");
	marker = ev.ev.seq;
	watch_drain_has(w, 0);

	for (i = 1; i <= events; i++) {
		snprintf(text, sizeof(text), "text %d", i);
		ASSERT_EQ(0, cn_set_desc(h, text, strlen(text)));
	}
	ASSERT_EQ(1, cn_read_cluster_event(w, &ev, EV_WAIT_MS));
	ASSERT_EQ(CLUSNET_EVENT_OVERFLOW, ev.ev.changes)
		TH_LOG("changes %s", changes_str(ev.ev.changes));
	lost = ev.ev.lost;
	while (cn_read_cluster_event(w, &ev, 0) == 1) {
		ASSERT_EQ(0U, ev.ev.changes & CLUSNET_EVENT_OVERFLOW);
		if (!kept)
			first = ev.ev.seq;
		else
			EXPECT_EQ(last + 1, ev.ev.seq);
		last = ev.ev.seq;
		kept++;
		if (ev.ev.id != self->id)
			foreign++;
		else
			EXPECT_STREQ(self->name, ev.name);
	}
	TH_LOG("marker %llu, lost %u, kept %d (seq %llu-%llu), %d of other objects",
	       (unsigned long long)marker, lost, kept,
	       (unsigned long long)first, (unsigned long long)last, foreign);
	/* Lost counts exactly what is missing between marker and first. */
	ASSERT_LT(0, kept);
	EXPECT_EQ(first - marker - 1, (__u64)lost);
	EXPECT_LE(CLUSNET_CLUSTER_EVENT_RING, kept);
	if (!foreign) {
		EXPECT_EQ(CLUSNET_CLUSTER_EVENT_RING, kept);
		EXPECT_EQ(marker + events, last);
		EXPECT_EQ(marker + 1 + (events - CLUSNET_CLUSTER_EVENT_RING),
			  first);
	}
	close(w);
	close(h);
}

/* ------------------------------------------------------------------ */
/* epoll on handles and watch fds                                      */

TEST_F(ev, epoll_readiness)
{
	struct epoll_event ee[4];
	struct clusnet_cluster_event ev;
	int h, w, ep, n, i;
	bool saw_h = false, saw_w = false;

	CN_REQUIRE_ADMIN();
	h = setup_obj(_metadata, self, true, CLUSNET_GENERIC_ALL, O_CLOEXEC);
	w = cn_watch(self->dev, O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, w);
	watch_drain_has(w, 0);
	ep = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_LE(0, ep);
	ee[0] = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 1 };
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, h, &ee[0]));
	ee[0] = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 2 };
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, w, &ee[0]));
	EXPECT_EQ(0, epoll_wait(ep, ee, 4, 0));

	ASSERT_EQ(0, cn_set_desc(h, "x", 1));
	for (i = 0; i < 10 && !(saw_h && saw_w); i++) {
		n = epoll_wait(ep, ee, 4, EV_WAIT_MS);
		ASSERT_LT(0, n);
		while (n--) {
			EXPECT_TRUE(!!(ee[n].events & EPOLLIN));
			EXPECT_FALSE(!!(ee[n].events & EPOLLHUP));
			if (ee[n].data.u32 == 1)
				saw_h = true;
			if (ee[n].data.u32 == 2)
				saw_w = true;
		}
	}
	EXPECT_TRUE(saw_h);
	EXPECT_TRUE(saw_w);
	/* Read, no longer ready. */
	ASSERT_EQ(1, cn_read_event(h, &ev.ev, EV_WAIT_MS));
	watch_drain_has(w, 0);
	n = epoll_wait(ep, ee, 4, 0);
	for (i = 0; i < n; i++)
		EXPECT_NE(1U, ee[i].data.u32) TH_LOG("handle still ready");
	close(ep);
	close(w);
	close(h);
}

/* ------------------------------------------------------------------ */
/* Flags and structures                                                */

static const __u32 bad_open_flags[] = {
	0x1, O_RDWR, O_APPEND, O_NOFOLLOW, O_DIRECT, O_CLOEXEC | 0x1,
	O_NONBLOCK | O_APPEND, O_CLOEXEC | O_NONBLOCK | O_TRUNC,
	0x80000000u,
};

static const __u32 good_open_flags[] = {
	0, O_CLOEXEC, O_NONBLOCK, O_CLOEXEC | O_NONBLOCK,
};

static void check_fd_flags(struct __test_metadata *_metadata, int fd,
			   __u32 flags, const char *what)
{
	EXPECT_EQ(!!(flags & O_CLOEXEC), !!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
		TH_LOG("%s: flags 0x%x", what, flags);
	EXPECT_EQ(!!(flags & O_NONBLOCK), !!(fcntl(fd, F_GETFL) & O_NONBLOCK))
		TH_LOG("%s: flags 0x%x", what, flags);
}

/* OPEN and WATCH take O_CLOEXEC and O_NONBLOCK, nothing else. */
TEST_F(ev, open_and_watch_flags)
{
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(good_open_flags); i++) {
		fd = cn_open_f(self->dev, CN_ETH0, CLUSNET_GENERIC_READ,
			       good_open_flags[i]);
		ASSERT_LE(0, fd) TH_LOG("OPEN flags 0x%x: %s",
					good_open_flags[i], strerror(-fd));
		check_fd_flags(_metadata, fd, good_open_flags[i], "OPEN");
		close(fd);
		fd = cn_watch(self->dev, good_open_flags[i]);
		ASSERT_LE(0, fd) TH_LOG("WATCH flags 0x%x: %s",
					good_open_flags[i], strerror(-fd));
		check_fd_flags(_metadata, fd, good_open_flags[i], "WATCH");
		close(fd);
	}
	for (i = 0; i < ARRAY_SIZE(bad_open_flags); i++) {
		fd = cn_open_f(self->dev, CN_ETH0, CLUSNET_GENERIC_READ,
			       bad_open_flags[i]);
		if (fd >= 0)
			close(fd);
		EXPECT_EQ(-EINVAL, fd) TH_LOG("OPEN flags 0x%x",
					      bad_open_flags[i]);
		fd = cn_watch(self->dev, bad_open_flags[i]);
		if (fd >= 0)
			close(fd);
		EXPECT_EQ(-EINVAL, fd) TH_LOG("WATCH flags 0x%x",
					      bad_open_flags[i]);
	}
}

/* struct clusnet_watch is small: the size rules by hand. */
TEST_F(ev, watch_structure_rules)
{
	static const __u32 small[] = { 0, 4, 7 };
	static const __u32 big[] = { 4097, 8192, 0xffffffffu };
	unsigned char *map;
	struct clusnet_watch *wp;
	unsigned int i;
	int fd;

	map = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(map != MAP_FAILED);
	ASSERT_EQ(0, mprotect(map + 4096, 4096, PROT_NONE));
	wp = (struct clusnet_watch *)map;

	for (i = 0; i < ARRAY_SIZE(small); i++) {
		memset(map, 0, 4096);
		wp->size = small[i];
		fd = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, wp);
		if (fd >= 0)
			close(fd);
		EXPECT_EQ(-EINVAL, fd) TH_LOG("size %u", small[i]);
	}
	for (i = 0; i < ARRAY_SIZE(big); i++) {
		memset(map, 0, 4096);
		wp->size = big[i];
		fd = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, wp);
		if (fd >= 0)
			close(fd);
		EXPECT_EQ(-E2BIG, fd) TH_LOG("size %u", big[i]);
	}
	/* Larger with a zero tail: fine; with a non-zero byte: E2BIG. */
	memset(map, 0, 4096);
	wp->size = 4096;
	fd = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, wp);
	EXPECT_LE(0, fd) TH_LOG("size 4096, zero tail: %s", strerror(-fd));
	if (fd >= 0)
		close(fd);
	map[4095] = 1;
	fd = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, wp);
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(-E2BIG, fd) TH_LOG("size 4096, last byte set");
	map[4095] = 0;
	map[17] = 1;
	wp->size = 24;
	fd = cn_ioctl(self->dev, CLUSNET_IOC_WATCH, wp);
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(-E2BIG, fd) TH_LOG("size 24, byte 17 set");

	/* Unreadable. */
	EXPECT_EQ(-EFAULT, cn_ioctl(self->dev, CLUSNET_IOC_WATCH, NULL));
	EXPECT_EQ(-EFAULT, cn_ioctl(self->dev, CLUSNET_IOC_WATCH,
				    map + 4096));
	wp = (struct clusnet_watch *)(map + 4096 - 8);
	memset(wp, 0, 8);
	wp->size = 64;
	EXPECT_EQ(-EFAULT, cn_ioctl(self->dev, CLUSNET_IOC_WATCH, wp))
		TH_LOG("tail running into an unmapped page");
	munmap(map, 2 * 4096);
}

/* A watch fd needs no capability; the unprivileged run checks it. */
TEST_F(ev, watch_without_capabilities)
{
	int w;

	CN_BECOME_USER();
	w = cn_watch(self->dev, O_CLOEXEC | O_NONBLOCK);
	ASSERT_LE(0, w) TH_LOG("%s", strerror(-w));
	close(w);
}

/* ------------------------------------------------------------------ */
/* A watch fd whose namespace goes away                                */

static int sock_pair[2];

static int watch_in_new_netns(void *arg)
{
	int dev, w, ret;

	CN_CHECK(unshare(CLONE_NEWNET) == 0, "unshare: %m");
	dev = cn_dev();
	CN_CHECK(dev >= 0, "open: %s", strerror(-dev));
	w = cn_watch(dev, O_CLOEXEC);
	CN_CHECK(w >= 0, "watch: %s", strerror(-w));
	ret = cn_send_fd(sock_pair[1], w);
	CN_CHECK(ret == 0, "send: %s", strerror(-ret));
	close(w);
	close(dev);
	return 0;
}

TEST_F_TIMEOUT(ev, watch_fd_hangs_up_when_its_netns_goes, 60)
{
	struct clusnet_cluster_event ev;
	struct pollfd p;
	int w, ret;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0,
				sock_pair));
	ASSERT_EQ(0, cn_run(NULL, watch_in_new_netns, NULL))
		TH_LOG("%s", cn_child_msg());
	w = cn_recv_fd(sock_pair[0]);
	ASSERT_LE(0, w) TH_LOG("%s", strerror(-w));
	close(sock_pair[0]);
	close(sock_pair[1]);

	/* The namespace is cleaned up asynchronously: wait for the hangup. */
	p = (struct pollfd){ .fd = w, .events = POLLIN };
	ret = poll(&p, 1, 30000);
	ASSERT_EQ(1, ret) TH_LOG("no hangup within 30 s");
	EXPECT_TRUE(!!(p.revents & POLLHUP)) TH_LOG("revents 0x%x", p.revents);
	/* Nothing happened in it: end of file at once. */
	EXPECT_EQ(0, read(w, &ev, sizeof(ev)));
	close(w);
}

TEST_HARNESS_MAIN
