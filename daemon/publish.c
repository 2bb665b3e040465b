// SPDX-License-Identifier: GPL-2.0
/*
 * Between this node and the group: what this node publishes (its whole
 * state in a hello after each confchg, then only what changed), and what
 * it does with each message CPG delivers (validate, then apply to the
 * model, or serve a write request aimed at this node).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include "daemon.h"

static void send_hello(struct cd_daemon *d)
{
	struct cd_msg m = { .hdr.type = CD_HELLO };

	snprintf(m.hello.node, sizeof(m.hello.node), "%s", d->node_name);
	m.hello.n_ifaces = d->now.n_ifaces;
	m.hello.ifaces = d->now.ifaces;
	m.hello.n_links = d->now.n_row;
	m.hello.links = d->now.row;
	/* everything this node remembers: a returning name comes back */
	m.hello.n_claims = d->cl.n_known;
	m.hello.claims = d->cl.known;
	if (cd_send(d, &m))
		return;
	d->sent = d->now;
	d->have_sent = true;
	d->need_hello = false;
}

static const struct cd_iface *find(const struct cd_local *l,
				   const char *name)
{
	for (uint32_t i = 0; i < l->n_ifaces; i++)
		if (!strcasecmp(l->ifaces[i].name, name))
			return &l->ifaces[i];
	return NULL;
}

static void send_changes(struct cd_daemon *d)
{
	struct cd_msg m;

	for (uint32_t i = 0; i < d->now.n_ifaces; i++) {
		const struct cd_iface *f = &d->now.ifaces[i];
		const struct cd_iface *o = find(&d->sent, f->name);

		if (o && !memcmp(o, f, sizeof(*f)))
			continue;
		m = (struct cd_msg){ .hdr.type = CD_IFACE, .iface = *f };
		if (cd_send(d, &m))
			return;
	}
	for (uint32_t i = 0; i < d->sent.n_ifaces; i++) {
		const char *name = d->sent.ifaces[i].name;

		if (find(&d->now, name))
			continue;
		m = (struct cd_msg){ .hdr.type = CD_IFACE_DEL };
		snprintf(m.name, sizeof(m.name), "%s", name);
		if (cd_send(d, &m))
			return;
	}
	if (d->now.n_row != d->sent.n_row ||
	    memcmp(d->now.row, d->sent.row,
		   d->now.n_row * sizeof(d->now.row[0]))) {
		m = (struct cd_msg){ .hdr.type = CD_LINKS };
		m.hello.n_links = d->now.n_row;
		m.hello.links = d->now.row;
		if (cd_send(d, &m))
			return;
	}
	d->sent = d->now;
}

void cd_publish(struct cd_daemon *d)
{
	if (!d->joined)
		return;
	if (d->need_hello || !d->have_sent)
		send_hello(d);
	else
		send_changes(d);
}

static void serve_write(struct cd_daemon *d, uint32_t sender,
			const struct cd_write_req *w)
{
	struct cd_msg r = { .hdr.type = CD_WRITE_REPLY };

	r.wreply.requester = sender;
	r.wreply.request = w->request;
	r.wreply.error = cd_local_write(d, w);
	/* The change first, so that the requester has it with the reply. */
	if (!r.wreply.error) {
		cd_local_read(d);
		cd_publish(d);
	}
	cd_log(LOG_NOTICE, "write request %u from node %u on '%s': %s "
	       "(error %u)", w->request, sender, w->name,
	       r.wreply.error ? "refused" : "applied", r.wreply.error);
	cd_send(d, &r);
}

void cd_receive(struct cd_daemon *d, uint32_t sender, const void *buf,
		size_t len)
{
	const struct cd_node *n = cd_node_find(&d->cl, sender);
	struct cd_msg m;
	int err = cd_decode(buf, len, &m);

	if (err) {
		cd_log(LOG_WARNING, "dropped a message from node %u (%zu "
		       "bytes): %s", sender, len, cd_strerror(err));
		return;
	}
	cd_log(LOG_DEBUG, "from node %u: %s seq %llu (%zu bytes)", sender,
	       cd_type_name(m.hdr.type), (unsigned long long)m.hdr.seq, len);
	if (n && n->last_seq && m.hdr.seq != n->last_seq + 1)
		cd_log(LOG_NOTICE, "node %u: sequence %llu after %llu", sender,
		       (unsigned long long)m.hdr.seq,
		       (unsigned long long)n->last_seq);
	if (m.hdr.nodeid != sender) {
		cd_log(LOG_WARNING, "dropped a %s message from node %u that "
		       "claims to be from node %u", cd_type_name(m.hdr.type),
		       sender, m.hdr.nodeid);
	} else if (m.hdr.type == CD_WRITE_REQ) {
		if (m.wreq.target == d->local)
			serve_write(d, sender, &m.wreq);
	} else if (m.hdr.type == CD_WRITE_REPLY) {
		if (m.wreply.requester == d->local)
			cd_forward_reply(d, sender, &m.wreply);
	} else if (cd_cluster_apply(&d->cl, sender, &m)) {
		cd_log(LOG_WARNING, "node %u: %s message does not apply "
		       "(unknown interface, taken name or full table)",
		       sender, cd_type_name(m.hdr.type));
	}
	cd_msg_free(&m);
	cd_report_changes(d);
}
