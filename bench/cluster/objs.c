// SPDX-License-Identifier: GPL-2.0
/*
 * Handles of clusnet objects in node1's kernel (node2's and node3's are
 * the remote objects clusnetd mirrors there), and waiting in poll() until
 * they reach a state. A handle whose object was deleted (clusnetd may
 * recreate a mirror) is opened again by name.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <linux/clusnet.h>

#include "cluster-bench.h"

static int dev = -1;

void obj_open(struct obj *o)
{
	struct clusnet_open op = {
		.size = sizeof(op), .flags = O_CLOEXEC | O_NONBLOCK,
		.name = (__u64)(unsigned long)o->name,
		.name_len = strlen(o->name),
		.desired_access = CLUSNET_GENERIC_READ,
	};

	if (dev < 0)
		dev = open("/dev/" CLUSNET_DEVICE_NAME, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		die("/dev/" CLUSNET_DEVICE_NAME);
	if (o->h >= 0)
		close(o->h);
	o->h = ioctl(dev, CLUSNET_IOC_OPEN, &op);
}

/* Its CLUSNET_STATE_*, or -1 while the object does not exist. */
int obj_state(struct obj *o)
{
	int s = -1;

	if (o->h >= 0)
		s = ioctl(o->h, CLUSNET_HIOC_GET_STATE);
	if (s < 0) {
		obj_open(o);
		if (o->h >= 0)
			s = ioctl(o->h, CLUSNET_HIOC_GET_STATE);
	}
	return s;
}

static void obj_drain(struct obj *o)
{
	struct clusnet_event ev;
	ssize_t r;

	while ((r = read(o->h, &ev, sizeof(ev))) == sizeof(ev))
		;
	if (!r)			/* deleted: obj_state() opens it again */
		obj_open(o);
}

/*
 * Wait until every object of @o is in state @want; @when[i] gets the time
 * object i was first seen in it: when poll() returned and the state was
 * read (or at once, if it already was). With @x, its fd is served too and
 * the wait also lasts until x->done(). 0, or -1 after @timeout_ms.
 */
int objs_wait(struct obj *o, int n, int want, double *when, int timeout_ms,
	      const struct extra *x)
{
	double end = now_ms() + timeout_ms;
	struct pollfd p[OBJS_MAX + 1];
	int i, left;

	memset(when, 0, n * sizeof(*when));
	for (;;) {
		for (i = 0, left = 0; i < n; i++) {
			if (!when[i] && obj_state(&o[i]) == want)
				when[i] = now_ms();
			left += !when[i];
		}
		if (!left && (!x || x->done(x->arg)))
			return 0;
		if (now_ms() > end)
			return -1;
		for (i = 0; i < n; i++)
			p[i] = (struct pollfd){ .fd = o[i].h, .events = POLLIN };
		if (x)
			p[n] = (struct pollfd){ .fd = x->fd, .events = POLLIN };
		if (poll(p, n + !!x, 100) <= 0)
			continue;
		for (i = 0; i < n; i++)
			if (p[i].revents)
				obj_drain(&o[i]);
		if (x && p[n].revents)
			x->dispatch(x->arg);
	}
}

void objs_wait_or_die(struct obj *o, int n, int want, int timeout_ms,
		      const char *what)
{
	double when[OBJS_MAX];

	if (objs_wait(o, n, want, when, timeout_ms, NULL))
		fail("%s: not all in state %d after %d s", what, want,
		     timeout_ms / 1000);
}
