// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ClusterNetInterfaceControl: the CLUSCTL_NETINTERFACE_* codes, answered
 * from the object (CLUSNET_HIOC_GET_INFO) and its real NIC
 * (CLUSNET_HIOC_GET_NIC).
 *
 * Common properties: Name, Node, Network, Adapter (the interface name),
 * AdapterId (a GUID derived from the permanent address, see adapterid.c),
 * Address (primary IPv4), IPv4Addresses, IPv6Addresses (MULTI_SZ, without
 * prefix length, in `ip addr` order), DhcpEnabled (the primary IPv4
 * address has a finite lifetime) are read-only; Description is the only
 * read-write one, and the only one ENUM_COMMON_PROPERTIES lists.
 * One read-only private property: PermanentAddress, the permanent MAC
 * ("xx:xx:..."), which Windows has no place for; the read-write ones are
 * whatever SET_PRIVATE_PROPERTIES stored (pstore.c).
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "internal.h"
#include "proplist.h"

static const char16_t *const ro_names[] = {
	u"Name", u"Node", u"Network", u"Adapter", u"AdapterId", u"Address",
	u"IPv4Addresses", u"IPv6Addresses", u"DhcpEnabled",
};

#define DESC_NAME u"Description"
#define PERM_ADDR_NAME u"PermanentAddress"

static DWORD get_info(HNETINTERFACE h, struct clusnet_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	if (ioctl(h->fd, CLUSNET_HIOC_GET_INFO, info) < 0)
		return clusnet_errno_to_win32(errno);
	info->ifname[CLUSNET_IFNAME_MAX] = 0;
	info->name[CLUSNET_NAME_MAX] = 0;
	info->node[CLUSNET_NAME_MAX] = 0;
	info->network[CLUSNET_NAME_MAX] = 0;
	info->description[CLUSNET_DESC_MAX] = 0;
	return ERROR_SUCCESS;
}

static DWORD get_nic(HNETINTERFACE h, struct clusnet_nic *nic)
{
	memset(nic, 0, sizeof(*nic));
	nic->size = sizeof(*nic);
	if (ioctl(h->fd, CLUSNET_HIOC_GET_NIC, nic) < 0)
		return clusnet_errno_to_win32(errno);
	if (nic->naddrs > CLUSNET_NIC_ADDRS_MAX)
		nic->naddrs = CLUSNET_NIC_ADDRS_MAX;
	if (nic->perm_addr_len > CLUSNET_HWADDR_MAX)
		nic->perm_addr_len = CLUSNET_HWADDR_MAX;
	return ERROR_SUCCESS;
}

/* The primary IPv4 address: the first one that is not secondary. */
static const struct clusnet_ifaddr *primary_v4(const struct clusnet_nic *nic)
{
	uint32_t i;

	for (i = 0; i < nic->naddrs; i++)
		if (nic->addrs[i].family == AF_INET &&
		    !(nic->addrs[i].flags & CLUSNET_ADDR_SECONDARY))
			return &nic->addrs[i];
	return NULL;
}

#define ADDR_STRLEN INET6_ADDRSTRLEN

static DWORD add_addrs(struct _CLUSNET_PROPLIST *pl, const char16_t *name,
		       const struct clusnet_nic *nic, int family)
{
	char strs[CLUSNET_NIC_ADDRS_MAX][ADDR_STRLEN];
	const char *v[CLUSNET_NIC_ADDRS_MAX];
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < nic->naddrs; i++) {
		if (nic->addrs[i].family != family)
			continue;
		if (!inet_ntop(family, nic->addrs[i].addr, strs[n],
			       sizeof(strs[n])))
			continue;
		v[n] = strs[n];
		n++;
	}
	return clusnet_pl_add_multi_sz8(pl, name, v, n);
}

/* The read-only common properties, in ro_names order. */
static DWORD build_ro(struct _CLUSNET_PROPLIST *pl,
		      const struct clusnet_info *info,
		      const struct clusnet_nic *nic)
{
	const struct clusnet_ifaddr *a4 = nic->ifindex ? primary_v4(nic) : NULL;
	char adapter_id[37] = "", addr[ADDR_STRLEN] = "";
	uint32_t dhcp;
	DWORD err;

	/* no NIC, or one without a hardware address (tun): no adapter */
	if (nic->ifindex && nic->perm_addr_len)
		clusnet_adapter_id(nic->perm_addr, nic->perm_addr_len,
				   adapter_id);
	if (a4 && !inet_ntop(AF_INET, a4->addr, addr, sizeof(addr)))
		addr[0] = 0;
	dhcp = htole32(a4 && (a4->flags & CLUSNET_ADDR_DYNAMIC) ? 1 : 0);

	err = clusnet_pl_add_sz8(pl, ro_names[0], info->name);
	if (!err)
		err = clusnet_pl_add_sz8(pl, ro_names[1], info->node);
	if (!err)
		err = clusnet_pl_add_sz8(pl, ro_names[2], info->network);
	if (!err)
		err = clusnet_pl_add_sz8(pl, ro_names[3], info->ifname);
	if (!err)
		err = clusnet_pl_add_sz8(pl, ro_names[4], adapter_id);
	if (!err)
		err = clusnet_pl_add_sz8(pl, ro_names[5], addr);
	if (!err)
		err = add_addrs(pl, ro_names[6], nic, AF_INET);
	if (!err)
		err = add_addrs(pl, ro_names[7], nic, AF_INET6);
	if (!err)
		err = clusnet_pl_add(pl, ro_names[8],
				     CLUSPROP_SYNTAX_LIST_VALUE_DWORD, &dhcp, 4);
	return err;
}

static DWORD get_props(HNETINTERFACE h, int ro, LPVOID out, DWORD outsize,
		       LPDWORD returned)
{
	struct _CLUSNET_PROPLIST pl;
	struct clusnet_info info;
	struct clusnet_nic nic;
	DWORD err;

	err = get_info(h, &info);
	if (!err && ro)
		err = get_nic(h, &nic);
	if (err)
		return err;
	err = clusnet_pl_init(&pl);
	if (err)
		return err;
	if (ro)
		err = build_ro(&pl, &info, &nic);
	else
		err = clusnet_pl_add_sz8(&pl, DESC_NAME, info.description);
	if (!err)
		err = clusnet_out_bytes(pl.buf, pl.cb, out, outsize, returned);
	clusnet_pl_release(&pl);
	return err;
}

/*
 * ENUM_COMMON_PROPERTIES: the names of the read-write common properties,
 * as a MULTI_SZ (Windows leaves the read-only ones out).
 */
static DWORD enum_common(LPVOID out, DWORD outsize, LPDWORD returned)
{
	static const char16_t names[] = DESC_NAME u"\0";

	/* sizeof counts the literal's own NUL: the closing one */
	return clusnet_out_bytes(names, sizeof(names), out, outsize, returned);
}

/* GET_RO_PRIVATE_PROPERTIES: PermanentAddress ("" without a NIC). */
static DWORD get_ro_private(HNETINTERFACE h, LPVOID out, DWORD outsize,
			    LPDWORD returned)
{
	char mac[CLUSNET_HWADDR_MAX * 3 + 1] = "";
	struct _CLUSNET_PROPLIST pl;
	struct clusnet_nic nic;
	char *m = mac;
	uint32_t i;
	DWORD err;

	err = get_nic(h, &nic);
	if (err)
		return err;
	if (nic.ifindex)
		for (i = 0; i < nic.perm_addr_len; i++)
			m += sprintf(m, i ? ":%02x" : "%02x",
				     nic.perm_addr[i]);
	err = clusnet_pl_init(&pl);
	if (err)
		return err;
	err = clusnet_pl_add_sz8(&pl, PERM_ADDR_NAME, mac);
	if (!err)
		err = clusnet_out_bytes(pl.buf, pl.cb, out, outsize, returned);
	clusnet_pl_release(&pl);
	return err;
}

struct set_ctx {
	DWORD err;
	int have;
	char *desc;		/* CLUSNET_DESC_MAX + 1 bytes */
};

static int set_fn(const struct clusnet_prop *p, void *vctx)
{
	struct set_ctx *c = vctx;
	char16_t w[CLUSNET_DESC_MAX + 1];
	size_t units, i;
	ssize_t r;

	/* read-only and unknown properties alike: not settable */
	if (!clusnet_prop_name_is(p, DESC_NAME) ||
	    (p->syntax & 0xffff) != CLUSPROP_FORMAT_SZ || p->value_cb % 2) {
		c->err = ERROR_INVALID_PARAMETER;
		return 1;
	}
	/* up to the first NUL (or the end of a value without one) */
	units = p->value_cb / 2;
	for (i = 0; i < units; i++) {
		uint16_t u;

		memcpy(&u, p->value + 2 * i, 2);
		u = le16toh(u);
		if (!u)
			break;
		if (i >= CLUSNET_DESC_MAX) {	/* >= 1 UTF-8 byte per unit */
			c->err = ERROR_INVALID_PARAMETER;
			return 1;
		}
		w[i] = u;
	}
	r = clusnet_utf16_to_utf8(w, i, c->desc, CLUSNET_DESC_MAX + 1);
	if (r < 0) {		/* unpaired surrogate, or too long */
		c->err = ERROR_INVALID_PARAMETER;
		return 1;
	}
	c->have = 1;		/* the last one given wins */
	return 0;
}

/*
 * Parse a SET/VALIDATE_COMMON_PROPERTIES list: only Description (an SZ of
 * at most CLUSNET_DESC_MAX UTF-8 bytes) may appear; anything else is
 * ERROR_INVALID_PARAMETER, a malformed list ERROR_INVALID_DATA. *have says
 * whether desc was set. Hidden, but fuzzed (fuzz/proplist_fuzz.c).
 */
CLUSNET_HIDDEN DWORD clusnet_parse_set_common(const void *buf, size_t cb,
					      char *desc, int *have);
DWORD clusnet_parse_set_common(const void *buf, size_t cb, char *desc,
			       int *have)
{
	struct set_ctx c = { .desc = desc };
	DWORD err;

	desc[0] = 0;
	/* the whole list is checked first: nothing applies from a bad one */
	err = clusnet_check_set_input(buf, (DWORD)cb);
	if (!err)
		err = clusnet_proplist_walk(buf, cb, set_fn, &c, NULL);
	if (!err)
		err = c.err;
	*have = !err && c.have;
	return err;
}

static DWORD set_common(HNETINTERFACE h, const void *in, DWORD insize,
			int apply)
{
	char desc[CLUSNET_DESC_MAX + 1];
	struct clusnet_description d;
	int have;
	DWORD err;

	err = clusnet_parse_set_common(in, insize, desc, &have);
	if (err || !have)
		return err;
	if (!apply) {
		/* VALIDATE: the object must still exist */
		struct clusnet_info info;

		return get_info(h, &info);
	}
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.text = (uintptr_t)desc;
	d.text_len = (uint32_t)strlen(desc);
	if (ioctl(h->fd, CLUSNET_HIOC_SET_DESCRIPTION, &d) < 0)
		return clusnet_errno_to_win32(errno);
	return ERROR_SUCCESS;
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNetInterfaceControl(HNETINTERFACE hNetInterface, HNODE hHostNode,
			   DWORD dwControlCode, LPVOID lpInBuffer,
			   DWORD nInBufferSize, LPVOID lpOutBuffer,
			   DWORD nOutBufferSize, LPDWORD lpBytesReturned)
{
	struct clusnet_info info;
	char id[40];
	DWORD err;

	if (!clusnet_netif_ok(hNetInterface))
		return ERROR_INVALID_HANDLE;
	if (hHostNode && !clusnet_node_ok(hHostNode))
		return ERROR_INVALID_HANDLE;
	if (lpBytesReturned)
		*lpBytesReturned = 0;
	/* the access bits of the code against the handle's */
	if ((dwControlCode & CLUS_ACCESS_WRITE) &&
	    hNetInterface->granted != GENERIC_ALL)
		return ERROR_ACCESS_DENIED;

	switch (dwControlCode) {
	case CLUSCTL_NETINTERFACE_UNKNOWN:
		return ERROR_SUCCESS;
	case CLUSCTL_NETINTERFACE_GET_CHARACTERISTICS:
		return clusnet_out_dword(CLUS_CHAR_UNKNOWN, lpOutBuffer,
				 nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NETINTERFACE_GET_FLAGS:
		return clusnet_out_dword(0, lpOutBuffer, nOutBufferSize,
				 lpBytesReturned);
	case CLUSCTL_NETINTERFACE_GET_NAME:
	case CLUSCTL_NETINTERFACE_GET_NODE:
	case CLUSCTL_NETINTERFACE_GET_NETWORK:
		err = get_info(hNetInterface, &info);
		if (err)
			return err;
		return clusnet_out_wstr(dwControlCode == CLUSCTL_NETINTERFACE_GET_NAME ?
				info.name :
				dwControlCode == CLUSCTL_NETINTERFACE_GET_NODE ?
				info.node : info.network,
				lpOutBuffer, nOutBufferSize, lpBytesReturned);
	case CLUSCTL_NETINTERFACE_GET_ID:
		err = get_info(hNetInterface, &info);
		if (err)
			return err;
		clusnet_format_id(id, hNetInterface->id,
				  CLUS_OBJECT_NETINTERFACE);
		return clusnet_out_wstr(id, lpOutBuffer, nOutBufferSize,
				lpBytesReturned);
	case CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES:
		return enum_common(lpOutBuffer, nOutBufferSize,
				   lpBytesReturned);
	case CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES:
		return get_props(hNetInterface, 1, lpOutBuffer, nOutBufferSize,
				 lpBytesReturned);
	case CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES:
		return get_props(hNetInterface, 0, lpOutBuffer, nOutBufferSize,
				 lpBytesReturned);
	case CLUSCTL_NETINTERFACE_SET_COMMON_PROPERTIES:
		return set_common(hNetInterface, lpInBuffer, nInBufferSize, 1);
	case CLUSCTL_NETINTERFACE_VALIDATE_COMMON_PROPERTIES:
		return set_common(hNetInterface, lpInBuffer, nInBufferSize, 0);
	case CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES:
		return get_ro_private(hNetInterface, lpOutBuffer,
				      nOutBufferSize, lpBytesReturned);
	default:
		if (CLUSCTL_GET_CONTROL_OBJECT(dwControlCode) !=
		    CLUS_OBJECT_NETINTERFACE)
			return ERROR_INVALID_FUNCTION;
		/* private properties: the object must still exist */
		err = get_info(hNetInterface, &info);
		if (err)
			return err;
		snprintf(id, sizeof(id), "%llu",
			 (unsigned long long)hNetInterface->id);
		return clusnet_private_control(hNetInterface->conn,
					       CLUS_OBJECT_NETINTERFACE, id,
					       CLUSNET_CTL_FUNC(dwControlCode),
					       lpInBuffer, nInBufferSize,
					       lpOutBuffer, nOutBufferSize,
					       lpBytesReturned);
	}
}

CLUSNET_EXPORT DWORD WINAPI
ClusterNetInterfaceControlEx(HNETINTERFACE hNetInterface, HNODE hHostNode,
			     DWORD dwControlCode, LPVOID lpInBuffer,
			     DWORD nInBufferSize, LPVOID lpOutBuffer,
			     DWORD nOutBufferSize, LPDWORD lpBytesReturned,
			     LPCWSTR lpszReason)
{
	(void)lpszReason;	/* Windows writes it to its audit log */
	return ClusterNetInterfaceControl(hNetInterface, hHostNode,
					  dwControlCode, lpInBuffer,
					  nInBufferSize, lpOutBuffer,
					  nOutBufferSize, lpBytesReturned);
}
