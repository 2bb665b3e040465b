// SPDX-License-Identifier: GPL-2.0
/*
 * The CPG protocol: every message type survives encode/decode, and each
 * kind of bad input (short, long, wrong version, bad strings, counts
 * larger than the bytes) is refused with the right error.
 */
#include <stdlib.h>
#include <string.h>

#include "proto.h"
#include "tap.h"

static struct cd_iface iface(const char *name, const char *ifname)
{
	struct cd_iface f = { .state = 3, .uid = 0, .gid = 0, .mode = 0644,
			      .nic = CD_NIC_ALL };

	strcpy(f.name, name);
	strcpy(f.ifname, ifname);
	f.subnet = (struct cd_subnet){ .family = 4, .prefix = 24,
				       .addr = { 10, 1, 0, 0 } };
	strcpy(f.description, "first line\nsecond\tline \xc3\xa9");
	return f;
}

static void *enc(struct cd_msg *m, size_t *len)
{
	m->hdr.nodeid = 7;
	m->hdr.seq = 1;
	return cd_encode(m, len);
}

static int dec(const void *buf, size_t len)
{
	struct cd_msg m;
	int err = cd_decode(buf, len, &m);

	if (!err)
		cd_msg_free(&m);
	return err;
}

static void roundtrip(void)
{
	struct cd_iface ifs[2] = { iface("node1 - eth0", "eth0"),
				   iface("node1 - eth1", "eth1") };
	struct cd_link links[1] = { { .peer = 2, .link = 1, .connected = 1,
				      .ifname = "eth1" } };
	struct cd_claim claims[1] = { { .subnet = ifs[0].subnet, .gen = 5,
					.setter = 2,
					.name = "Cluster Network 1" } };
	struct cd_msg m = { .hdr.type = CD_HELLO }, out;
	size_t len;
	void *buf;
	int err;

	strcpy(m.hello.node, "node1");
	m.hello.n_ifaces = 2, m.hello.ifaces = ifs;
	m.hello.n_links = 1, m.hello.links = links;
	m.hello.n_claims = 1, m.hello.claims = claims;
	buf = enc(&m, &len);
	err = buf ? cd_decode(buf, len, &out) : -1;
	CHECK(!err && out.hdr.nodeid == 7 && out.hdr.seq == 1 &&
	      out.hdr.type == CD_HELLO && !strcmp(out.hello.node, "node1") &&
	      out.hello.n_ifaces == 2 && out.hello.n_links == 1 &&
	      out.hello.n_claims == 1 &&
	      !memcmp(&out.hello.ifaces[1], &ifs[1], sizeof(ifs[1])) &&
	      !memcmp(&out.hello.links[0], &links[0], sizeof(links[0])) &&
	      !memcmp(&out.hello.claims[0], &claims[0], sizeof(claims[0])),
	      "hello: encode/decode round trip (%zu bytes)", len);
	if (!err)
		cd_msg_free(&out);
	free(buf);

	memset(&m, 0, sizeof(m));
	m.hdr.type = CD_WRITE_REQ;
	m.wreq = (struct cd_write_req){ .target = 2, .request = 9,
					.what = CD_W_MODE | CD_W_DESCRIPTION,
					.mode = 0600 };
	strcpy(m.wreq.name, "node2 - eth0");
	strcpy(m.wreq.description, "db link");
	buf = enc(&m, &len);
	err = buf ? cd_decode(buf, len, &out) : -1;
	CHECK(!err && out.wreq.target == 2 && out.wreq.request == 9 &&
	      out.wreq.mode == 0600 && !strcmp(out.wreq.name, "node2 - eth0") &&
	      !strcmp(out.wreq.description, "db link"),
	      "write request: round trip");
	free(buf);

	memset(&m, 0, sizeof(m));
	m.hdr.type = CD_RENAME;
	m.rename.subnet = ifs[0].subnet;
	strcpy(m.rename.name, "Heartbeat");
	buf = enc(&m, &len);
	err = buf ? cd_decode(buf, len, &out) : -1;
	CHECK(!err && !strcmp(out.rename.name, "Heartbeat") &&
	      !cd_subnet_cmp(&out.rename.subnet, &ifs[0].subnet),
	      "rename: round trip");
	free(buf);
}

/* A CD_IFACE_DEL message with a raw name, for the string checks. */
static size_t del_msg(uint8_t *buf, const char *name, size_t n)
{
	struct cd_msg m = { .hdr.type = CD_IFACE_DEL };
	size_t len;
	void *p;

	strcpy(m.name, "x");
	p = enc(&m, &len);	/* 24 + 2 + 1 */
	memcpy(buf, p, CD_HDR_SIZE);
	free(p);
	buf[CD_HDR_SIZE] = (uint8_t)n;
	buf[CD_HDR_SIZE + 1] = (uint8_t)(n >> 8);
	memcpy(buf + CD_HDR_SIZE + 2, name, n);
	len = CD_HDR_SIZE + 2 + n;
	buf[8] = (uint8_t)len;
	buf[9] = (uint8_t)(len >> 8);
	return len;
}

static void strings(void)
{
	static const struct { const char *s; size_t n; int ok; const char *what; } t[] = {
		{ "node1 - eth0", 12, 1, "plain name" },
		{ "n\xc3\xa9ud", 5, 1, "two-byte UTF-8" },
		{ "\xf0\x9f\x90\xa7", 4, 1, "four-byte UTF-8" },
		{ "", 0, 0, "empty name" },
		{ "a\0b", 3, 0, "embedded NUL" },
		{ "a\nb", 3, 0, "newline in a name" },
		{ "\xc0\xaf", 2, 0, "overlong '/'" },
		{ "\xed\xa0\x80", 3, 0, "UTF-16 surrogate" },
		{ "\xf4\x90\x80\x80", 4, 0, "past U+10FFFF" },
		{ "\xc3", 1, 0, "truncated sequence" },
		{ "\xc2\x85", 2, 0, "C1 control" },
		{ "\xff", 1, 0, "byte 0xff" },
	};
	uint8_t buf[600];
	char longname[300];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t len = del_msg(buf, t[i].s, t[i].n);

		CHECK((dec(buf, len) == 0) == t[i].ok, "string: %s %s",
		      t[i].what, t[i].ok ? "accepted" : "refused");
	}
	memset(longname, 'a', sizeof(longname));
	CHECK(dec(buf, del_msg(buf, longname, CD_NAME_MAX)) == 0,
	      "string: %d bytes accepted", CD_NAME_MAX);
	CHECK(dec(buf, del_msg(buf, longname, CD_NAME_MAX + 1)) ==
	      -CD_EMALFORMED, "string: %d bytes refused", CD_NAME_MAX + 1);
}

static void header(void)
{
	uint8_t buf[600];
	size_t len = del_msg(buf, "abc", 3);
	uint8_t b[600];

	CHECK(dec(buf, len) == 0, "header: valid message accepted");
	CHECK(dec(buf, CD_HDR_SIZE - 1) == -CD_EMALFORMED,
	      "header: short message refused");
	memcpy(b, buf, len);
	b[0] ^= 1;
	CHECK(dec(b, len) == -CD_EMALFORMED, "header: bad magic refused");
	memcpy(b, buf, len);
	b[4] = CD_PROTO_MAJOR + 1;
	CHECK(dec(b, len) == -CD_EVERSION, "header: unknown major refused");
	memcpy(b, buf, len);
	b[6] = 99;
	CHECK(dec(b, len) == -CD_ETYPE, "header: unknown type refused");
	CHECK(dec(buf, len - 1) == -CD_EMALFORMED,
	      "header: length field larger than the message refused");
	memcpy(b, buf, len);
	b[len] = 0;
	CHECK(dec(b, len + 1) == -CD_EMALFORMED,
	      "header: message longer than its length field refused");
	memcpy(b, buf, len);
	memset(b + 12, 0, 4);
	CHECK(dec(b, len) == -CD_EMALFORMED, "header: node id 0 refused");
	memcpy(b, buf, len);
	memset(b + 16, 0, 8);
	CHECK(dec(b, len) == -CD_EMALFORMED, "header: sequence 0 refused");
	CHECK(dec(buf, CD_MSG_MAX + 1) == -CD_EMALFORMED,
	      "header: oversized message refused");

	/* trailing bytes: an error at our minor, ignored from a newer one */
	memcpy(b, buf, len);
	b[len] = 0x55;
	b[8] = (uint8_t)(len + 1);
	CHECK(dec(b, len + 1) == -CD_EMALFORMED,
	      "version: trailing bytes at the same minor refused");
	b[5] = CD_PROTO_MINOR + 1;
	CHECK(dec(b, len + 1) == 0,
	      "version: trailing bytes from a newer minor ignored");
}

/* Records: the iface record of a CD_IFACE message, then its fields. */
static void records(void)
{
	struct cd_msg m = { .hdr.type = CD_IFACE }, out;
	uint8_t *b, *p;
	size_t len;

	m.iface = iface("node1 - eth0", "eth0");
	p = enc(&m, &len);
	b = malloc(len + 8);
	memcpy(b, p, len);
	CHECK(dec(b, len) == 0, "iface: valid record accepted");
	/* record: u16 len, u16+12 name, u16+4 ifname, subnet(18), state, nic */
	size_t nic = CD_HDR_SIZE + 2 + 14 + 6 + 18 + 4;

	b[nic] = 0x8 | CD_NIC_ALL;
	CHECK(dec(b, len) == -CD_EMALFORMED, "iface: unknown NIC flag refused");
	b[5] = CD_PROTO_MINOR + 1;
	CHECK(cd_decode(b, len, &out) == 0 && out.iface.nic == CD_NIC_ALL,
	      "iface: unknown NIC flag from a newer minor masked");
	memcpy(b, p, len);
	b[nic] = CD_NIC_PRESENT | CD_NIC_RUNNING;
	CHECK(dec(b, len) == -CD_EMALFORMED,
	      "iface: running without up refused");
	memcpy(b, p, len);
	b[nic - 4] = 4;
	CHECK(dec(b, len) == -CD_EMALFORMED, "iface: state 4 refused");
	memcpy(b, p, len);
	b[CD_HDR_SIZE + 2 + 14 + 6 + 2 + 3] = 1;	/* 10.1.0.1/24 */
	CHECK(dec(b, len) == -CD_EMALFORMED,
	      "iface: subnet with host bits refused");
	memcpy(b, p, len);
	b[CD_HDR_SIZE + 2 + 14 + 2 + 3] = '/';	/* "eth/" */
	CHECK(dec(b, len) == -CD_EMALFORMED, "iface: '/' in ifname refused");

	/* a record grown by a newer minor: its extra bytes are skipped */
	memcpy(b, p, CD_HDR_SIZE);
	b[CD_HDR_SIZE] = (uint8_t)(p[CD_HDR_SIZE] + 4);
	b[CD_HDR_SIZE + 1] = p[CD_HDR_SIZE + 1];
	memcpy(b + CD_HDR_SIZE + 2, p + CD_HDR_SIZE + 2, len - CD_HDR_SIZE - 2);
	memset(b + len, 0xee, 4);
	b[8] = (uint8_t)(len + 4);
	b[9] = (uint8_t)((len + 4) >> 8);
	CHECK(dec(b, len + 4) == -CD_EMALFORMED,
	      "record: grown record at the same minor refused");
	b[5] = CD_PROTO_MINOR + 1;
	CHECK(dec(b, len + 4) == 0,
	      "record: grown record from a newer minor read");
	free(p);
	free(b);
}

static void counts(void)
{
	struct cd_msg m = { .hdr.type = CD_LINKS };
	struct cd_link l[2] = {
		{ .peer = 2, .link = 0, .connected = 1, .ifname = "eth0" },
		{ .peer = 2, .link = 0, .connected = 0, .ifname = "eth0" },
	};
	uint8_t *p;
	size_t len;

	m.hello.n_links = 1, m.hello.links = l;
	p = enc(&m, &len);
	CHECK(dec(p, len) == 0, "links: one link accepted");
	p[CD_HDR_SIZE] = 0xff, p[CD_HDR_SIZE + 1] = 0xff;
	p[CD_HDR_SIZE + 2] = 0xff, p[CD_HDR_SIZE + 3] = 0x7f;
	CHECK(dec(p, len) == -CD_EMALFORMED,
	      "links: count 0x7fffffff (over the limit) refused");
	p[CD_HDR_SIZE] = 2, p[CD_HDR_SIZE + 1] = 0;
	p[CD_HDR_SIZE + 2] = 0, p[CD_HDR_SIZE + 3] = 0;
	CHECK(dec(p, len) == -CD_EMALFORMED,
	      "links: count 2 with one record refused");
	free(p);
	m.hello.n_links = 2;
	p = enc(&m, &len);
	CHECK(dec(p, len) == -CD_EMALFORMED, "links: duplicate link refused");
	free(p);
	l[1].link = 8;
	p = enc(&m, &len);
	CHECK(dec(p, len) == -CD_EMALFORMED, "links: link number 8 refused");
	free(p);
}

int main(void)
{
	roundtrip();
	strings();
	header();
	records();
	counts();
	return tap_done();
}
