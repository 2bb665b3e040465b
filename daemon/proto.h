/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clusnetd's CPG protocol (group "clusnet"): the messages, their decoded
 * form and their limits. Documentation/clusnet.rst ("The cluster
 * protocol") describes the wire format; proto.c encodes and validates.
 *
 * Versioning: a message whose major differs from CD_PROTO_MAJOR is
 * dropped; one with a newer minor is read as far as this version knows,
 * and what follows (trailing bytes of the message or of a record) is
 * ignored. With the same minor, trailing bytes are an error.
 */
#ifndef CLUSNETD_PROTO_H
#define CLUSNETD_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CD_MAGIC		0x434c4e44U	/* "DNLC" on the wire */
#define CD_PROTO_MAJOR		1
#define CD_PROTO_MINOR		0
#define CD_HDR_SIZE		24

#define CD_MSG_MAX		(1024 * 1024)	/* CPG's own limit is ~1 MiB */
#define CD_NAME_MAX		255		/* as CLUSNET_NAME_MAX */
#define CD_DESC_MAX		1023		/* as CLUSNET_DESC_MAX */
#define CD_IFNAME_MAX		15
#define CD_IFACES_MAX		256		/* per node */
#define CD_LINKS_MAX		8		/* knet links per peer */
#define CD_NODES_MAX		64		/* corosync's limit too */
#define CD_ROW_MAX		(CD_NODES_MAX * CD_LINKS_MAX)
#define CD_CLAIMS_MAX		1024		/* named networks */

enum cd_type {
	CD_HELLO = 1,		/* full state of the sender (after a confchg) */
	CD_IFACE = 2,		/* one local interface added or changed */
	CD_IFACE_DEL = 3,	/* one local interface deleted */
	CD_LINKS = 4,		/* the sender's row of link connectivity */
	CD_RENAME = 5,		/* rename a cluster network */
	CD_WRITE_REQ = 6,	/* change another node's interface */
	CD_WRITE_REPLY = 7,	/* ... its result, once applied */
	CD_TYPE_MAX = CD_WRITE_REPLY,
};

/* Decode results, besides 0. */
enum cd_err {
	CD_EMALFORMED = 1,	/* bad length, field, string or count */
	CD_EVERSION = 2,	/* unknown major version */
	CD_ETYPE = 3,		/* unknown message type */
	CD_ENOMEM = 4,
};

struct cd_hdr {
	uint32_t magic;
	uint8_t major, minor;
	uint16_t type;
	uint32_t length;	/* whole message, header included */
	uint32_t nodeid;	/* sender; must match CPG's */
	uint64_t seq;		/* per sender, from 1 at its start */
};

/* An IP subnet; family 0 means "on no network" (all zero). */
struct cd_subnet {
	uint8_t family;		/* 0, 4 or 6 */
	uint8_t prefix;
	uint8_t addr[16];	/* network order, host bits zero */
};

#define CD_NIC_PRESENT	0x1U	/* bound to a NIC */
#define CD_NIC_UP	0x2U	/* IFF_UP */
#define CD_NIC_RUNNING	0x4U	/* IFF_RUNNING (carrier, oper up) */
#define CD_NIC_ALL	0x7U

struct cd_iface {
	char name[CD_NAME_MAX + 1];
	char ifname[CD_IFNAME_MAX + 1];
	struct cd_subnet subnet;
	uint32_t state;		/* the owning kernel's CLUSNET_STATE_* */
	uint32_t nic;		/* CD_NIC_* */
	uint32_t uid, gid, mode;
	char description[CD_DESC_MAX + 1];
};

/* One knet link to one peer, as the reporting node sees it. */
struct cd_link {
	uint32_t peer;		/* peer's node id */
	uint8_t link;		/* knet link number */
	uint8_t connected;	/* 0 or 1 */
	char ifname[CD_IFNAME_MAX + 1];	/* local NIC (by src address) */
};

/* The name a network (subnet) has, and the order claims are merged in. */
struct cd_claim {
	struct cd_subnet subnet;
	uint64_t gen;		/* Lamport clock of the naming */
	uint32_t setter;	/* node id that named it */
	char name[CD_NAME_MAX + 1];
};

struct cd_hello {
	char node[CD_NAME_MAX + 1];
	uint32_t n_ifaces, n_links, n_claims;
	struct cd_iface *ifaces;
	struct cd_link *links;
	struct cd_claim *claims;
};

struct cd_rename {
	struct cd_subnet subnet;
	char name[CD_NAME_MAX + 1];
};

#define CD_W_DESCRIPTION 0x1U
#define CD_W_OWNER	0x2U	/* uid and gid */
#define CD_W_MODE	0x4U
#define CD_W_ALL	0x7U

struct cd_write_req {
	uint32_t target;	/* owning node id */
	uint32_t request;	/* requester's id for the reply */
	uint32_t what;		/* CD_W_* */
	char name[CD_NAME_MAX + 1];
	char description[CD_DESC_MAX + 1];
	uint32_t uid, gid, mode;
};

struct cd_write_reply {
	uint32_t requester;	/* node id of the request's sender */
	uint32_t request;
	uint32_t error;		/* 0, or a Windows error code */
};

struct cd_msg {
	struct cd_hdr hdr;
	union {
		struct cd_hello hello;		/* also CD_LINKS (links only) */
		struct cd_iface iface;		/* CD_IFACE */
		char name[CD_NAME_MAX + 1];	/* CD_IFACE_DEL */
		struct cd_rename rename;
		struct cd_write_req wreq;
		struct cd_write_reply wreply;
	};
};

/*
 * Decode and validate buf (as delivered by CPG). On 0, *m holds the
 * message (free it with cd_msg_free); on error *m is left freed.
 */
int cd_decode(const void *buf, size_t len, struct cd_msg *m);
void cd_msg_free(struct cd_msg *m);
const char *cd_strerror(int err);
const char *cd_type_name(unsigned int type);

/*
 * Encode m (its hdr.type, hdr.nodeid and hdr.seq; the rest of the header
 * is filled in). Returns a malloc'd buffer and its length, or NULL.
 */
void *cd_encode(const struct cd_msg *m, size_t *len);

bool cd_subnet_valid(const struct cd_subnet *s);
int cd_subnet_cmp(const struct cd_subnet *a, const struct cd_subnet *b);
/* "10.1.0.0/24", "fd00::/64" or "-" */
void cd_subnet_str(const struct cd_subnet *s, char *buf, size_t size);

#endif
