// SPDX-License-Identifier: GPL-2.0
/*
 * The CPG protocol's encoder and its validating decoder (proto.h).
 *
 * Layout: a 24-byte header (magic, major, minor, type, length, sender,
 * sequence), then the body. Integers are little-endian, strings a u16
 * byte count and UTF-8 without NUL. Every record in a body (an interface,
 * a link, a claim) starts with its own u16 length, so that a later minor
 * version can grow records and arrays of them stay readable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>

#include "proto.h"
#include "wire.h"

/* ---- subnets ---- */

bool cd_subnet_valid(const struct cd_subnet *s)
{
	unsigned int bytes = s->family == 4 ? 4 : 16, max = bytes * 8;

	if (s->family == 0) {
		for (int i = 0; i < 16; i++)
			if (s->addr[i])
				return false;
		return s->prefix == 0;
	}
	if ((s->family != 4 && s->family != 6) || s->prefix > max)
		return false;
	for (unsigned int bit = s->prefix; bit < 128; bit++)
		if (s->addr[bit / 8] & (0x80 >> (bit % 8)))
			return false;	/* host bits, or past an IPv4 address */
	return true;
}

int cd_subnet_cmp(const struct cd_subnet *a, const struct cd_subnet *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	return memcmp(a->addr, b->addr, sizeof(a->addr));
}

void cd_subnet_str(const struct cd_subnet *s, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN] = "?";

	if (!s->family) {
		snprintf(buf, size, "-");
		return;
	}
	inet_ntop(s->family == 4 ? AF_INET : AF_INET6, s->addr, a, sizeof(a));
	snprintf(buf, size, "%s/%u", a, s->prefix);
}

static void wr_subnet(struct wr *w, const struct cd_subnet *s)
{
	wr_u8(w, s->family);
	wr_u8(w, s->prefix);
	wr_bytes(w, s->addr, sizeof(s->addr));
}

static void rd_subnet(struct rd *r, struct cd_subnet *s)
{
	s->family = rd_u8(r);
	s->prefix = rd_u8(r);
	rd_bytes(r, s->addr, sizeof(s->addr));
	if (!cd_subnet_valid(s))
		r->err = true;
}

/* ---- records ---- */

/* A record: its u16 length is patched in by rec_end(). */
static size_t rec_begin(struct wr *w)
{
	size_t at = w->len;

	wr_u16(w, 0);
	return at;
}

static void rec_end(struct wr *w, size_t at)
{
	size_t n = w->len - at - 2;

	if (n > UINT16_MAX)
		w->err = true;
	wr_put_u16(w, at, (uint16_t)n);
}

/* Reader state for one message: newer minor versions may add fields. */
struct dec {
	struct rd r;
	bool newer;
};

/* A record's reader; rec_done() checks it was read exactly. */
static struct rd rec_open(struct dec *d)
{
	return rd_sub(&d->r, rd_u16(&d->r));
}

static bool rec_done(const struct dec *d, const struct rd *rec)
{
	return !rec->err && (d->newer || rd_left(rec) == 0);
}

/* Flags: unknown bits are an error unless the sender is newer. */
static uint32_t known_bits(const struct dec *d, struct rd *r, uint32_t v,
			   uint32_t known)
{
	if (v & ~known) {
		if (!d->newer)
			r->err = true;
		v &= known;
	}
	return v;
}

static void wr_iface(struct wr *w, const struct cd_iface *f)
{
	size_t at = rec_begin(w);

	wr_str(w, f->name);
	wr_str(w, f->ifname);
	wr_subnet(w, &f->subnet);
	wr_u32(w, f->state);
	wr_u32(w, f->nic);
	wr_u32(w, f->uid);
	wr_u32(w, f->gid);
	wr_u32(w, f->mode);
	wr_str(w, f->description);
	rec_end(w, at);
}

static bool id_valid(uint32_t id)
{
	return id != 0 && id != UINT32_MAX;
}

static bool rd_iface(struct dec *d, struct cd_iface *f)
{
	struct rd r = rec_open(d);

	rd_str(&r, f->name, CD_NAME_MAX, STR_TEXT);
	rd_str(&r, f->ifname, CD_IFNAME_MAX, STR_IFNAME);
	rd_subnet(&r, &f->subnet);
	f->state = rd_u32(&r);
	f->nic = known_bits(d, &r, rd_u32(&r), CD_NIC_ALL);
	f->uid = rd_u32(&r);
	f->gid = rd_u32(&r);
	f->mode = rd_u32(&r);
	rd_str(&r, f->description, CD_DESC_MAX, STR_PARA);
	if (!f->name[0] || f->state > 3 || f->mode > 0777 ||
	    f->uid == UINT32_MAX || f->gid == UINT32_MAX)
		return false;
	/* A NIC has a name; only a NIC can be up; only an up one runs. */
	if (!f->ifname[0] != !(f->nic & CD_NIC_PRESENT) ||
	    ((f->nic & CD_NIC_UP) && !(f->nic & CD_NIC_PRESENT)) ||
	    ((f->nic & CD_NIC_RUNNING) && !(f->nic & CD_NIC_UP)))
		return false;
	return rec_done(d, &r);
}

static void wr_link(struct wr *w, const struct cd_link *l)
{
	size_t at = rec_begin(w);

	wr_u32(w, l->peer);
	wr_u8(w, l->link);
	wr_u8(w, l->connected);
	wr_str(w, l->ifname);
	rec_end(w, at);
}

static bool rd_link(struct dec *d, struct cd_link *l)
{
	struct rd r = rec_open(d);

	l->peer = rd_u32(&r);
	l->link = rd_u8(&r);
	l->connected = rd_u8(&r);
	rd_str(&r, l->ifname, CD_IFNAME_MAX, STR_IFNAME);
	if (!id_valid(l->peer) || l->link >= CD_LINKS_MAX ||
	    l->connected > 1)
		return false;
	return rec_done(d, &r);
}

static void wr_claim(struct wr *w, const struct cd_claim *c)
{
	size_t at = rec_begin(w);

	wr_subnet(w, &c->subnet);
	wr_u64(w, c->gen);
	wr_u32(w, c->setter);
	wr_str(w, c->name);
	rec_end(w, at);
}

static bool rd_claim(struct dec *d, struct cd_claim *c)
{
	struct rd r = rec_open(d);

	rd_subnet(&r, &c->subnet);
	c->gen = rd_u64(&r);
	c->setter = rd_u32(&r);
	rd_str(&r, c->name, CD_NAME_MAX, STR_TEXT);
	if (!c->subnet.family || !id_valid(c->setter) || !c->name[0] ||
	    c->gen == 0 || c->gen > UINT64_MAX / 2)
		return false;
	return rec_done(d, &r);
}

/* ---- arrays ---- */

/*
 * A u32 count, then that many records. The count is checked against the
 * bytes left (a record takes at least its 2-byte length) before anything
 * is allocated.
 */
static int rd_count(struct dec *d, uint32_t max, uint32_t *n, size_t elem,
		    void **arr)
{
	*n = rd_u32(&d->r);
	*arr = NULL;
	if (d->r.err || *n > max || *n > rd_left(&d->r) / 2)
		return -CD_EMALFORMED;
	if (!*n)
		return 0;
	*arr = calloc(*n, elem);
	return *arr ? 0 : -CD_ENOMEM;
}

static int rd_ifaces(struct dec *d, struct cd_hello *h)
{
	void *arr;
	int err = rd_count(d, CD_IFACES_MAX, &h->n_ifaces, sizeof(*h->ifaces),
			   &arr);

	h->ifaces = arr;
	for (uint32_t i = 0; !err && i < h->n_ifaces; i++) {
		if (!rd_iface(d, &h->ifaces[i]))
			return -CD_EMALFORMED;
		/* object names are unique, case-insensitively */
		for (uint32_t j = 0; j < i; j++)
			if (!strcasecmp(h->ifaces[i].name, h->ifaces[j].name))
				return -CD_EMALFORMED;
	}
	return err;
}

static int rd_links(struct dec *d, struct cd_hello *h)
{
	void *arr;
	int err = rd_count(d, CD_ROW_MAX, &h->n_links, sizeof(*h->links),
			   &arr);

	h->links = arr;
	for (uint32_t i = 0; !err && i < h->n_links; i++) {
		struct cd_link *l = &h->links[i];

		if (!rd_link(d, l))
			return -CD_EMALFORMED;
		for (uint32_t j = 0; j < i; j++)
			if (h->links[j].peer == l->peer &&
			    h->links[j].link == l->link)
				return -CD_EMALFORMED;
	}
	return err;
}

static int rd_claims(struct dec *d, struct cd_hello *h)
{
	void *arr;
	int err = rd_count(d, CD_CLAIMS_MAX, &h->n_claims, sizeof(*h->claims),
			   &arr);

	h->claims = arr;
	for (uint32_t i = 0; !err && i < h->n_claims; i++) {
		if (!rd_claim(d, &h->claims[i]))
			return -CD_EMALFORMED;
		for (uint32_t j = 0; j < i; j++)
			if (!cd_subnet_cmp(&h->claims[i].subnet,
					   &h->claims[j].subnet))
				return -CD_EMALFORMED;
	}
	return err;
}

static void wr_links(struct wr *w, const struct cd_hello *h)
{
	wr_u32(w, h->n_links);
	for (uint32_t i = 0; i < h->n_links; i++)
		wr_link(w, &h->links[i]);
}

/* ---- messages ---- */

static int rd_body(struct dec *d, struct cd_msg *m)
{
	struct cd_hello *h = &m->hello;
	int err;

	switch (m->hdr.type) {
	case CD_HELLO:
		rd_str(&d->r, h->node, CD_NAME_MAX, STR_TEXT);
		if (!h->node[0])
			return -CD_EMALFORMED;
		err = rd_ifaces(d, h);
		if (!err)
			err = rd_links(d, h);
		if (!err)
			err = rd_claims(d, h);
		return err;
	case CD_IFACE:
		return rd_iface(d, &m->iface) ? 0 : -CD_EMALFORMED;
	case CD_IFACE_DEL:
		rd_str(&d->r, m->name, CD_NAME_MAX, STR_TEXT);
		return m->name[0] ? 0 : -CD_EMALFORMED;
	case CD_LINKS:
		return rd_links(d, h);
	case CD_RENAME:
		rd_subnet(&d->r, &m->rename.subnet);
		rd_str(&d->r, m->rename.name, CD_NAME_MAX, STR_TEXT);
		return m->rename.subnet.family && m->rename.name[0] ?
			0 : -CD_EMALFORMED;
	case CD_WRITE_REQ:
		m->wreq.target = rd_u32(&d->r);
		m->wreq.request = rd_u32(&d->r);
		m->wreq.what = known_bits(d, &d->r, rd_u32(&d->r), CD_W_ALL);
		rd_str(&d->r, m->wreq.name, CD_NAME_MAX, STR_TEXT);
		rd_str(&d->r, m->wreq.description, CD_DESC_MAX, STR_PARA);
		m->wreq.uid = rd_u32(&d->r);
		m->wreq.gid = rd_u32(&d->r);
		m->wreq.mode = rd_u32(&d->r);
		return id_valid(m->wreq.target) && m->wreq.what &&
			m->wreq.name[0] && m->wreq.mode <= 0777 &&
			m->wreq.uid != UINT32_MAX &&
			m->wreq.gid != UINT32_MAX ? 0 : -CD_EMALFORMED;
	case CD_WRITE_REPLY:
		m->wreply.requester = rd_u32(&d->r);
		m->wreply.request = rd_u32(&d->r);
		m->wreply.error = rd_u32(&d->r);
		return id_valid(m->wreply.requester) ? 0 : -CD_EMALFORMED;
	}
	return -CD_ETYPE;
}

static int rd_hdr(struct rd *r, size_t len, struct cd_hdr *h)
{
	h->magic = rd_u32(r);
	h->major = rd_u8(r);
	h->minor = rd_u8(r);
	h->type = rd_u16(r);
	h->length = rd_u32(r);
	h->nodeid = rd_u32(r);
	h->seq = rd_u64(r);
	if (r->err || h->magic != CD_MAGIC)
		return -CD_EMALFORMED;
	if (h->major != CD_PROTO_MAJOR)
		return -CD_EVERSION;
	if (h->length != len || !id_valid(h->nodeid) || h->seq == 0)
		return -CD_EMALFORMED;
	if (h->type == 0 || h->type > CD_TYPE_MAX)
		return -CD_ETYPE;
	return 0;
}

int cd_decode(const void *buf, size_t len, struct cd_msg *m)
{
	struct dec d = { .r = { .p = buf, .len = len } };
	int err;

	memset(m, 0, sizeof(*m));
	if (len < CD_HDR_SIZE || len > CD_MSG_MAX)
		return -CD_EMALFORMED;
	err = rd_hdr(&d.r, len, &m->hdr);
	if (err)
		return err;
	d.newer = m->hdr.minor > CD_PROTO_MINOR;
	err = rd_body(&d, m);
	if (!err && (d.r.err || (!d.newer && rd_left(&d.r))))
		err = -CD_EMALFORMED;
	if (err)
		cd_msg_free(m);
	return err;
}

void cd_msg_free(struct cd_msg *m)
{
	if (m->hdr.type == CD_HELLO || m->hdr.type == CD_LINKS) {
		free(m->hello.ifaces);
		free(m->hello.links);
		free(m->hello.claims);
		m->hello.ifaces = NULL;
		m->hello.links = NULL;
		m->hello.claims = NULL;
	}
}

static void wr_body(struct wr *w, const struct cd_msg *m)
{
	const struct cd_hello *h = &m->hello;

	switch (m->hdr.type) {
	case CD_HELLO:
		wr_str(w, h->node);
		wr_u32(w, h->n_ifaces);
		for (uint32_t i = 0; i < h->n_ifaces; i++)
			wr_iface(w, &h->ifaces[i]);
		wr_links(w, h);
		wr_u32(w, h->n_claims);
		for (uint32_t i = 0; i < h->n_claims; i++)
			wr_claim(w, &h->claims[i]);
		break;
	case CD_IFACE:
		wr_iface(w, &m->iface);
		break;
	case CD_IFACE_DEL:
		wr_str(w, m->name);
		break;
	case CD_LINKS:
		wr_links(w, h);
		break;
	case CD_RENAME:
		wr_subnet(w, &m->rename.subnet);
		wr_str(w, m->rename.name);
		break;
	case CD_WRITE_REQ:
		wr_u32(w, m->wreq.target);
		wr_u32(w, m->wreq.request);
		wr_u32(w, m->wreq.what);
		wr_str(w, m->wreq.name);
		wr_str(w, m->wreq.description);
		wr_u32(w, m->wreq.uid);
		wr_u32(w, m->wreq.gid);
		wr_u32(w, m->wreq.mode);
		break;
	case CD_WRITE_REPLY:
		wr_u32(w, m->wreply.requester);
		wr_u32(w, m->wreply.request);
		wr_u32(w, m->wreply.error);
		break;
	default:
		w->err = true;
	}
}

void *cd_encode(const struct cd_msg *m, size_t *len)
{
	struct wr w = { 0 };

	wr_u32(&w, CD_MAGIC);
	wr_u8(&w, CD_PROTO_MAJOR);
	wr_u8(&w, CD_PROTO_MINOR);
	wr_u16(&w, m->hdr.type);
	wr_u32(&w, 0);		/* length, below */
	wr_u32(&w, m->hdr.nodeid);
	wr_u64(&w, m->hdr.seq);
	wr_body(&w, m);
	if (w.err || w.len > CD_MSG_MAX) {
		wr_free(&w);
		return NULL;
	}
	wr_put_u32(&w, 8, (uint32_t)w.len);
	*len = w.len;
	return w.p;
}

const char *cd_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case 0: return "ok";
	case CD_EMALFORMED: return "malformed";
	case CD_EVERSION: return "unknown protocol major version";
	case CD_ETYPE: return "unknown message type";
	case CD_ENOMEM: return "out of memory";
	}
	return "?";
}

const char *cd_type_name(unsigned int type)
{
	static const char *const names[] = {
		[CD_HELLO] = "hello", [CD_IFACE] = "iface",
		[CD_IFACE_DEL] = "iface-del", [CD_LINKS] = "links",
		[CD_RENAME] = "rename", [CD_WRITE_REQ] = "write-req",
		[CD_WRITE_REPLY] = "write-reply",
	};

	return type && type <= CD_TYPE_MAX ? names[type] : "unknown";
}
