// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl commands that read interface objects: list (a snapshot,
 * CLUSNET_IOC_ENUM) and show (a handle's GET_INFO and GET_NIC).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "clusnetctl.h"

/* ------------------------------------------------------------------ */
/* list                                                                */

enum { C_NAME, C_NODE, C_NETWORK, C_NIC, C_STATE, C_OWNER, C_MODE, NCOLS };

static const char *const headers[NCOLS] = {
	"NAME", "NODE", "NETWORK", "NIC", "STATE", "OWNER", "MODE"
};

static void cells(const struct clusnet_if_entry *e, char owner[140],
		  char mode[8], const char *c[NCOLS])
{
	snprintf(owner, 140, "%s:%s", user_name(e->uid), group_name(e->gid));
	snprintf(mode, 8, "%04o", e->mode);
	c[C_NAME] = e->name;
	c[C_NODE] = e->node;
	c[C_NETWORK] = e->network[0] ? e->network : "-";
	c[C_NIC] = e->ifname[0] ? e->ifname : "-";
	c[C_STATE] = state_name(e->state);
	c[C_OWNER] = owner;
	c[C_MODE] = mode;
}

/* @s in exactly @w columns: cut with an ellipsis, or padded. */
static void cell(const char *s, size_t w, bool last)
{
	size_t sw = text_width(s), len;
	char *cut = sw > w ? strdup(s) : NULL;

	if (cut) {
		/* Drop whole characters from the end until it fits. */
		len = strlen(cut);
		while (len && text_width(cut) > w - 1) {
			do
				len--;
			while (len && (cut[len] & 0xc0) == 0x80);
			cut[len] = '\0';
		}
		text_str(stdout, cut);
		fputs(utf8_term() ? "\xe2\x80\xa6" : "~", stdout);
		sw = text_width(cut) + 1;
		free(cut);
	} else {
		text_str(stdout, s);
	}
	if (!last)
		printf("%*s", (int)(w - sw + 2), "");
}

static void list_text(const struct clusnet_if_entry *e, int n)
{
	size_t w[NCOLS], total = 0;
	char owner[140], mode[8];
	const char *c[NCOLS];
	struct winsize ws;
	int i, k;

	for (k = 0; k < NCOLS; k++)
		w[k] = strlen(headers[k]);
	for (i = 0; i < n; i++) {
		cells(&e[i], owner, mode, c);
		for (k = 0; k < NCOLS; k++)
			if (text_width(c[k]) > w[k])
				w[k] = text_width(c[k]);
	}
	for (k = 0; k < NCOLS; k++)
		total += w[k] + (k ? 2 : 0);
	/* On a terminal too narrow, the free-text columns give way. */
	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) &&
	    ws.ws_col && total > ws.ws_col) {
		while (total > ws.ws_col) {
			int widest = C_NAME;

			if (w[C_NETWORK] > w[widest])
				widest = C_NETWORK;
			if (w[C_NODE] > w[widest])
				widest = C_NODE;
			if (w[widest] <= 10)
				break;
			w[widest]--;
			total--;
		}
	}
	for (k = 0; k < NCOLS; k++)
		cell(headers[k], w[k], k == NCOLS - 1);
	putchar('\n');
	for (i = 0; i < n; i++) {
		cells(&e[i], owner, mode, c);
		for (k = 0; k < NCOLS; k++)
			cell(c[k], w[k], k == NCOLS - 1);
		putchar('\n');
	}
}

static void entry_json(const struct clusnet_if_entry *e)
{
	char mode[8];
	bool first = true;

	snprintf(mode, sizeof(mode), "%04o", e->mode);
	putchar('{');
	json_kstr(stdout, &first, "name", e->name);
	json_kuint(stdout, &first, "id", e->id);
	json_kstr(stdout, &first, "node", e->node);
	json_key(stdout, &first, "network");
	if (e->network[0])
		json_str(stdout, e->network);
	else
		fputs("null", stdout);
	json_kuint(stdout, &first, "network_id", e->network_id);
	json_kstr(stdout, &first, "nic", e->ifname);
	json_kuint(stdout, &first, "ifindex", (unsigned int)e->ifindex);
	json_kstr(stdout, &first, "state", state_name(e->state));
	json_kuint(stdout, &first, "state_code", e->state);
	json_kuint(stdout, &first, "uid", e->uid);
	json_kstr(stdout, &first, "owner", user_name(e->uid));
	json_kuint(stdout, &first, "gid", e->gid);
	json_kstr(stdout, &first, "group", group_name(e->gid));
	json_kstr(stdout, &first, "mode", mode);
	json_kbool(stdout, &first, "autobound",
		   e->flags & CLUSNET_IF_AUTOBOUND);
	json_kbool(stdout, &first, "pinned", e->flags & CLUSNET_IF_PINNED);
	json_kbool(stdout, &first, "remote", e->flags & CLUSNET_IF_REMOTE);
	putchar('}');
}

int cmd_list(int argc, char **argv, const struct opts *o)
{
	struct clusnet_if_entry *e;
	int dev, n, i, rc;

	(void)argc;
	(void)argv;
	rc = dev_or_fail(&dev);
	if (rc)
		return rc;
	rc = need_feature(dev, CLUSNET_FEATURE_ENUM, "list", "CLUSNET_IOC_ENUM");
	if (rc)
		return -rc;
	n = enum_objects(dev, &e);
	if (n < 0)
		return fail_errno(-n, NULL, "list: CLUSNET_IOC_ENUM");
	/* --node: one node's interfaces (node names are ASCII-caseless). */
	if (o->node) {
		int k = 0;

		for (i = 0; i < n; i++)
			if (!strcasecmp(e[i].node, o->node))
				e[k++] = e[i];
		n = k;
	}
	if (json) {
		putchar('[');
		for (i = 0; i < n; i++) {
			if (i)
				putchar(',');
			entry_json(&e[i]);
		}
		puts("]");
	} else {
		list_text(e, n);
	}
	free(e);
	close(dev);
	return CX_OK;
}

/* ------------------------------------------------------------------ */
/* show                                                                */

static const char *scope_name(unsigned int scope)
{
	switch (scope) {
	case 0: return "global";
	case 200: return "site";
	case 253: return "link";
	case 254: return "host";
	}
	return "other";
}

static void addr_str(char *buf, size_t size, const struct clusnet_ifaddr *a)
{
	char ip[INET6_ADDRSTRLEN];

	if (!inet_ntop(a->family == AF_INET6 ? AF_INET6 : AF_INET, a->addr,
		       ip, sizeof(ip)))
		snprintf(ip, sizeof(ip), "?");
	snprintf(buf, size, "%s/%u", ip, a->prefixlen);
}

static void show_text(const struct clusnet_info *in,
		      const struct clusnet_nic *nic, bool have_nic,
		      const struct clusnet_if_entry *e)
{
	static const char rwx[] = "rw-";
	char buf[128], perm[10];
	unsigned int i, b;

	for (i = 0; i < 9; i++) {
		b = 0400 >> i;
		perm[i] = in->mode & b ? rwx[i % 3] : '-';
	}
	perm[9] = '\0';
#define FIELD(label) printf("%-13s", label ":")
	FIELD("name");
	text_str(stdout, in->name);
	printf("\n");
	FIELD("id");
	printf("%llu\n", (unsigned long long)in->id);
	FIELD("node");
	text_str(stdout, in->node);
	printf("\n");
	FIELD("network");
	text_str(stdout, in->network[0] ? in->network : "(none)");
	if (e && e->flags & CLUSNET_IF_PINNED)
		printf(" (pinned)");
	printf("\n");
	FIELD("state");
	printf("%s\n", state_name(in->state));
	FIELD("nic");
	text_str(stdout, in->ifname[0] ? in->ifname : "(none)");
	if (in->ifindex)
		printf(" (ifindex %d)\n", in->ifindex);
	else
		printf(" (not present)\n");
	if (in->hwaddr_len) {
		mac_str(buf, sizeof(buf), in->hwaddr, in->hwaddr_len);
		FIELD("mac");
		printf("%s\n", buf);
	}
	if (have_nic && nic->ifindex) {
		mac_str(buf, sizeof(buf), nic->perm_addr, nic->perm_addr_len);
		FIELD("permanent");
		printf("%s\n", buf[0] ? buf : "(none)");
		FIELD("addresses");
		if (!nic->naddrs)
			printf("(none)\n");
		for (i = 0; i < nic->naddrs; i++) {
			const struct clusnet_ifaddr *a = &nic->addrs[i];

			addr_str(buf, sizeof(buf), a);
			printf("%*s%s", i ? 13 : 0, "", buf);
			if (a->scope)
				printf(" scope %s", scope_name(a->scope));
			if (a->flags & CLUSNET_ADDR_SECONDARY)
				printf(" secondary");
			if (a->flags & CLUSNET_ADDR_DYNAMIC)
				printf(" dynamic");
			printf("\n");
		}
		if (nic->total > nic->naddrs)
			printf("%13s(%u more)\n", "", nic->total - nic->naddrs);
	}
	FIELD("owner");
	printf("%s (%u)\n", user_name(in->uid), in->uid);
	FIELD("group");
	printf("%s (%u)\n", group_name(in->gid), in->gid);
	FIELD("mode");
	printf("%04o (%s)\n", in->mode, perm);
	if (e && e->flags & CLUSNET_IF_AUTOBOUND) {
		FIELD("autobound");
		printf("yes\n");
	}
	FIELD("description");
	text_str(stdout, in->description[0] ? in->description : "(none)");
	printf("\n");
#undef FIELD
}

static void show_json(const struct clusnet_info *in,
		      const struct clusnet_nic *nic, bool have_nic,
		      const struct clusnet_if_entry *e)
{
	char buf[128], ip[INET6_ADDRSTRLEN];
	bool first = true, f2;
	unsigned int i;

	putchar('{');
	json_kstr(stdout, &first, "name", in->name);
	json_kuint(stdout, &first, "id", in->id);
	json_kstr(stdout, &first, "node", in->node);
	json_key(stdout, &first, "network");
	if (in->network[0])
		json_str(stdout, in->network);
	else
		fputs("null", stdout);
	if (e)
		json_kuint(stdout, &first, "network_id", e->network_id);
	json_kstr(stdout, &first, "state", state_name(in->state));
	json_kuint(stdout, &first, "state_code", in->state);
	json_kstr(stdout, &first, "nic", in->ifname);
	json_kuint(stdout, &first, "ifindex", (unsigned int)in->ifindex);
	mac_str(buf, sizeof(buf), in->hwaddr, in->hwaddr_len);
	json_kstr(stdout, &first, "mac", buf);
	if (have_nic) {
		mac_str(buf, sizeof(buf), nic->perm_addr, nic->perm_addr_len);
		json_kstr(stdout, &first, "permanent_mac", buf);
		json_key(stdout, &first, "addresses");
		putchar('[');
		for (i = 0; i < nic->naddrs; i++) {
			const struct clusnet_ifaddr *a = &nic->addrs[i];

			if (!inet_ntop(a->family == AF_INET6 ? AF_INET6 :
				       AF_INET, a->addr, ip, sizeof(ip)))
				snprintf(ip, sizeof(ip), "?");
			f2 = true;
			printf("%s{", i ? "," : "");
			json_kstr(stdout, &f2, "family", a->family == AF_INET6 ?
				  "inet6" : "inet");
			json_kstr(stdout, &f2, "address", ip);
			json_kuint(stdout, &f2, "prefixlen", a->prefixlen);
			json_kstr(stdout, &f2, "scope", scope_name(a->scope));
			json_kbool(stdout, &f2, "secondary",
				   a->flags & CLUSNET_ADDR_SECONDARY);
			json_kbool(stdout, &f2, "dynamic",
				   a->flags & CLUSNET_ADDR_DYNAMIC);
			putchar('}');
		}
		putchar(']');
		json_kuint(stdout, &first, "addresses_total", nic->total);
	}
	json_kuint(stdout, &first, "uid", in->uid);
	json_kstr(stdout, &first, "owner", user_name(in->uid));
	json_kuint(stdout, &first, "gid", in->gid);
	json_kstr(stdout, &first, "group", group_name(in->gid));
	snprintf(buf, sizeof(buf), "%04o", in->mode);
	json_kstr(stdout, &first, "mode", buf);
	if (e) {
		json_kbool(stdout, &first, "autobound",
			   e->flags & CLUSNET_IF_AUTOBOUND);
		json_kbool(stdout, &first, "pinned",
			   e->flags & CLUSNET_IF_PINNED);
	}
	json_kstr(stdout, &first, "description", in->description);
	puts("}");
}

int cmd_show(int argc, char **argv, const struct opts *o)
{
	struct clusnet_if_entry *all = NULL;
	const struct clusnet_if_entry *e = NULL;
	struct clusnet_open op;
	struct clusnet_info in;
	struct clusnet_nic nic;
	bool have_nic = false;
	int dev, h, n, rc;

	(void)argc;
	(void)o;
	rc = check_lookup(argv[0]);
	if (!rc)
		rc = dev_or_fail(&dev);
	if (rc)
		return rc;
	h = open_handle(dev, argv[0], CLUSNET_GENERIC_READ, &op);
	if (h < 0)
		return -h;
	memset(&in, 0, sizeof(in));
	in.size = sizeof(in);
	if (ioctl(h, CLUSNET_HIOC_GET_INFO, &in))
		return errno == ENODEV ? not_found(argv[0]) :
		       fail_errno(errno, NULL, "show '%s': GET_INFO", argv[0]);
	memset(&nic, 0, sizeof(nic));
	nic.size = sizeof(nic);
	if (!ioctl(h, CLUSNET_HIOC_GET_NIC, &nic))
		have_nic = true;
	else if (errno != ENOTTY)	/* an older module: no addresses */
		return errno == ENODEV ? not_found(argv[0]) :
		       fail_errno(errno, NULL, "show '%s': GET_NIC", argv[0]);
	/* The snapshot adds the network id and flags, where there is one. */
	n = enum_objects(dev, &all);
	if (n > 0)
		e = find_object(all, n, in.name);
	if (e && e->id != in.id)
		e = NULL;
	if (json)
		show_json(&in, &nic, have_nic, e);
	else
		show_text(&in, &nic, have_nic, e);
	free(all);
	close(h);
	close(dev);
	return CX_OK;
}

