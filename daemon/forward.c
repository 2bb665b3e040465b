// SPDX-License-Identifier: GPL-2.0
/*
 * Writes to other nodes' interfaces. A program on this node that sets the
 * description, owner, group or mode of a remote object waits in the
 * kernel, which hands the write to us through the forward channel
 * (CLUSNET_IOC_FORWARD). We send it to the owning node as a write request;
 * the owner applies it, publishes the changed interface and then replies,
 * so the group delivers the change before the reply (CPG's agreed order).
 * On the reply the mirror has the new values to put into our copy, and
 * only then is the program told the result: a success means the owner
 * has it and so does every later read here.
 *
 * A request the owner does not answer in CD_WRITE_TIMEOUT_MS fails with
 * ETIMEDOUT; one whose owner is, or goes, down with EHOSTDOWN. The kernel
 * has a longer timeout of its own for a daemon that hangs.
 */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <linux/clusnet.h>

#include "daemon.h"

#define CD_WRITE_TIMEOUT_MS	5000
#define CD_KERNEL_TIMEOUT_MS	(CD_WRITE_TIMEOUT_MS + 2000)

struct pending {
	uint32_t request;	/* our id in the group (0: slot free) */
	uint32_t target;
	uint64_t kid;		/* the kernel's id */
	uint64_t deadline;	/* ms, CLOCK_MONOTONIC */
	char name[CD_NAME_MAX + 1];
};

static struct pending pending[CLUSNET_FORWARD_PENDING_MAX];

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void cd_forward_open(struct cd_daemon *d)
{
	struct clusnet_forward f = {
		.size = sizeof(f), .flags = O_CLOEXEC | O_NONBLOCK,
		.timeout_ms = CD_KERNEL_TIMEOUT_MS,
	};

	if (d->dev_fd < 0 || d->fwd_fd >= 0)
		return;
	d->fwd_fd = ioctl(d->dev_fd, CLUSNET_IOC_FORWARD, &f);
	if (d->fwd_fd < 0)
		cd_log(LOG_WARNING, "clusnet forward channel: %m; writes to "
		       "other nodes' interfaces fail here");
}

/* The kernel fails what still waits with ENOTCONN. */
void cd_forward_close(struct cd_daemon *d)
{
	if (d->fwd_fd >= 0)
		close(d->fwd_fd);
	d->fwd_fd = -1;
	memset(pending, 0, sizeof(pending));
}

static void answer(struct cd_daemon *d, uint64_t kid, int err)
{
	struct clusnet_forward_reply r = { .id = kid, .error = -err };

	if (write(d->fwd_fd, &r, sizeof(r)) != sizeof(r) && errno != ENOENT)
		cd_log(LOG_WARNING, "forward reply: %m");
}

/* The interface a remote object of that name is, and its node. */
static const struct cd_iface *owner_of(const struct cd_daemon *d,
				       const char *name,
				       const struct cd_node **node)
{
	for (uint32_t i = 0; i < d->cl.n_nodes; i++) {
		const struct cd_node *n = &d->cl.nodes[i];

		if (n->nodeid == d->local)
			continue;
		for (uint32_t j = 0; j < n->n_ifaces; j++) {
			if (!strcasecmp(n->ifaces[j].name, name)) {
				*node = n;
				return &n->ifaces[j];
			}
		}
	}
	return NULL;
}

static struct pending *free_slot(void)
{
	for (size_t i = 0; i < CLUSNET_FORWARD_PENDING_MAX; i++)
		if (!pending[i].request)
			return &pending[i];
	return NULL;
}

/* CD_W_OWNER carries both ids: the one not set stays the owner's. */
static void to_request(const struct clusnet_forward_request *rec,
		       const struct cd_iface *f, struct cd_write_req *w)
{
	if (rec->what & CLUSNET_FORWARD_DESCRIPTION)
		w->what |= CD_W_DESCRIPTION;
	if (rec->what & (CLUSNET_FORWARD_UID | CLUSNET_FORWARD_GID))
		w->what |= CD_W_OWNER;
	if (rec->what & CLUSNET_FORWARD_MODE)
		w->what |= CD_W_MODE;
	w->uid = rec->what & CLUSNET_FORWARD_UID ? rec->uid : f->uid;
	w->gid = rec->what & CLUSNET_FORWARD_GID ? rec->gid : f->gid;
	w->mode = rec->mode;
	snprintf(w->name, sizeof(w->name), "%s", rec->name);
	snprintf(w->description, sizeof(w->description), "%s", rec->text);
}

static int start(struct cd_daemon *d,
		 const struct clusnet_forward_request *rec)
{
	struct cd_msg m = { .hdr.type = CD_WRITE_REQ };
	const struct cd_node *owner = NULL;
	const struct cd_iface *f = owner_of(d, rec->name, &owner);
	struct pending *p = free_slot();

	if (!f)
		return ENOENT;
	if (cd_node_state(owner) != CD_NODE_UP)
		return EHOSTDOWN;
	if (!p)
		return EBUSY;
	to_request(rec, f, &m.wreq);
	m.wreq.target = owner->nodeid;
	if (!++d->write_seq)
		++d->write_seq;		/* 0 marks a free slot */
	m.wreq.request = d->write_seq;
	if (cd_send(d, &m))
		return ENOTCONN;
	*p = (struct pending){
		.request = m.wreq.request, .target = owner->nodeid,
		.kid = rec->id, .deadline = now_ms() + CD_WRITE_TIMEOUT_MS,
	};
	snprintf(p->name, sizeof(p->name), "%s", rec->name);
	cd_log(LOG_INFO, "write request %u to node %u on '%s'", p->request,
	       p->target, p->name);
	return 0;
}

/* The forward channel is readable: send each write on its way. */
void cd_forward_read(struct cd_daemon *d)
{
	struct clusnet_forward_request rec;
	int err;

	while (read(d->fwd_fd, &rec, sizeof(rec)) == sizeof(rec)) {
		rec.name[CLUSNET_NAME_MAX] = '\0';
		rec.text[CLUSNET_DESC_MAX] = '\0';
		err = d->joined ? start(d, &rec) : ENOTCONN;
		if (err) {
			cd_log(LOG_NOTICE, "write to '%s' refused here: %s",
			       rec.name, strerror(err));
			answer(d, rec.id, err);
		}
	}
}

/* Windows' codes of CD_WRITE_REPLY, as the writer's errno. */
static int reply_errno(uint32_t w)
{
	switch (w) {
	case 0: return 0;
	case CD_WERR_ACCESS_DENIED: return EACCES;
	case CD_WERR_INVALID_PARAMETER: return EINVAL;
	case CD_WERR_NOT_SUPPORTED: return EOPNOTSUPP;
	case CD_WERR_NETINTERFACE_NOT_FOUND: return ENOENT;
	}
	return EIO;
}

void cd_forward_reply(struct cd_daemon *d, uint32_t sender,
		      const struct cd_write_reply *r)
{
	for (size_t i = 0; i < CLUSNET_FORWARD_PENDING_MAX; i++) {
		struct pending *p = &pending[i];

		if (p->request != r->request || p->target != sender)
			continue;
		cd_log(LOG_INFO, "write request %u on '%s': node %u replied "
		       "%u", p->request, p->name, sender, r->error);
		/* The change was delivered before the reply: copy it now. */
		if (!r->error)
			cd_mirror(d);
		answer(d, p->kid, reply_errno(r->error));
		p->request = 0;
		return;
	}
	cd_log(LOG_DEBUG, "write request %u: late reply from node %u",
	       r->request, sender);
}

/* On the timer and after membership changes. */
void cd_forward_check(struct cd_daemon *d)
{
	uint64_t now = now_ms();

	for (size_t i = 0; i < CLUSNET_FORWARD_PENDING_MAX; i++) {
		struct pending *p = &pending[i];
		const struct cd_node *n;
		int err = 0;

		if (!p->request)
			continue;
		n = cd_node_find(&d->cl, p->target);
		if (!n || cd_node_state(n) != CD_NODE_UP)
			err = EHOSTDOWN;
		else if (now >= p->deadline)
			err = ETIMEDOUT;
		if (!err)
			continue;
		cd_log(LOG_NOTICE, "write request %u on '%s': %s", p->request,
		       p->name, strerror(err));
		answer(d, p->kid, err);
		p->request = 0;
	}
}
