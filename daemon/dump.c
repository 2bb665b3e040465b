// SPDX-License-Identifier: GPL-2.0
/*
 * The derived states in the log: every change of a node's, an
 * interface's or a network's state (or a network's name) as one line,
 * and the whole picture on SIGUSR1; each change also goes to the kernel
 * (mirror.c). The line formats are stable (the cluster tests read them):
 *
 *   node NAME: OLD -> NEW
 *   interface NAME on NODE: OLD -> NEW
 *   network NAME (SUBNET): OLD -> NEW
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"

struct kv {
	char key[3 * CD_NAME_MAX + 64];
	char val[CD_NAME_MAX + 32];
};

static struct kv *prev;
static size_t n_prev;

static const char *node_label(const struct cd_node *n, char *buf,
			      size_t size)
{
	if (n->name[0])
		snprintf(buf, size, "%s", n->name);
	else
		snprintf(buf, size, "%u", n->nodeid);
	return buf;
}

static size_t add(struct kv **arr, size_t n, size_t *cap, const char *key,
		  const char *val)
{
	struct kv *a;

	if (n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		a = realloc(*arr, *cap * sizeof(**arr));
		if (!a)
			return n;
		*arr = a;
	}
	snprintf((*arr)[n].key, sizeof((*arr)[n].key), "%s", key);
	snprintf((*arr)[n].val, sizeof((*arr)[n].val), "%s", val);
	return n + 1;
}

/* Networks appear once, however many interfaces are on them. */
static bool seen_subnet(const struct cd_cluster *cl, uint32_t ni,
			uint32_t fi)
{
	const struct cd_subnet *s = &cl->nodes[ni].ifaces[fi].subnet;

	for (uint32_t i = 0; i <= ni; i++)
		for (uint32_t j = 0; j < cl->nodes[i].n_ifaces; j++) {
			if (i == ni && j == fi)
				return false;
			if (!cd_subnet_cmp(&cl->nodes[i].ifaces[j].subnet, s))
				return true;
		}
	return false;
}

static size_t collect(const struct cd_cluster *cl, struct kv **arr)
{
	char key[sizeof((*arr)->key)], val[sizeof((*arr)->val)];
	char lab[CD_NAME_MAX + 16], sub[64], name[CD_NAME_MAX + 1];
	size_t n = 0, cap = 0;

	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *nd = &cl->nodes[i];

		snprintf(key, sizeof(key), "node %s",
			 node_label(nd, lab, sizeof(lab)));
		n = add(arr, n, &cap, key,
			cd_node_state_name(cd_node_state(nd)));
		for (uint32_t j = 0; j < nd->n_ifaces; j++) {
			const struct cd_iface *f = &nd->ifaces[j];

			snprintf(key, sizeof(key), "interface %s on %s",
				 f->name, lab);
			n = add(arr, n, &cap, key,
				cd_if_state_name(cd_if_state(cl, nd, f)));
			if (!f->subnet.family || seen_subnet(cl, i, j))
				continue;
			cd_subnet_str(&f->subnet, sub, sizeof(sub));
			if (!cd_names_get(cl, &f->subnet, name, sizeof(name)))
				snprintf(name, sizeof(name), "(unnamed)");
			snprintf(key, sizeof(key), "network %s", sub);
			snprintf(val, sizeof(val), "%s|%s", name,
				 cd_net_state_name(cd_net_state(cl,
								&f->subnet)));
			n = add(arr, n, &cap, key, val);
		}
	}
	return n;
}

static const char *lookup(const struct kv *a, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(a[i].key, key))
			return a[i].val;
	return NULL;
}

/* "network 10.1.0.0/24" + "Cluster Network 1|Up" -> log line */
static void log_change(const char *key, const char *old, const char *new)
{
	const char *sub = key + strlen("network "), *bar;

	if (strncmp(key, "network ", 8)) {
		cd_log(LOG_NOTICE, "%s: %s -> %s", key, old ? old : "(new)",
		       new ? new : "(gone)");
		return;
	}
	bar = strrchr(new ? new : old, '|');
	cd_log(LOG_NOTICE, "network %.*s (%s): %s -> %s",
	       (int)(bar - (new ? new : old)), new ? new : old, sub,
	       old ? strrchr(old, '|') + 1 : "(new)",
	       new ? bar + 1 : "(gone)");
}

void cd_report_changes(struct cd_daemon *d)
{
	struct kv *now = NULL;
	size_t n = collect(&d->cl, &now);
	bool changed = n != n_prev || !prev;

	for (size_t i = 0; i < n; i++) {
		const char *old = lookup(prev, n_prev, now[i].key);

		if (!old || strcmp(old, now[i].val)) {
			log_change(now[i].key, old, now[i].val);
			changed = true;
		}
	}
	for (size_t i = 0; i < n_prev; i++)
		if (!lookup(now, n, prev[i].key)) {
			log_change(prev[i].key, prev[i].val, NULL);
			changed = true;
		}
	if (changed) {
		cd_state_file(d);
		cd_mirror(d);
	}
	free(prev);
	prev = now;
	n_prev = n;
}

void cd_dump(struct cd_daemon *d)
{
	const struct cd_cluster *cl = &d->cl;
	char sub[64], name[CD_NAME_MAX + 1];

	cd_log(LOG_NOTICE, "dump: cluster %s, node %s (id %u), %s, %s",
	       d->cluster_name, d->node_name, d->local,
	       d->quorate ? "quorate" : "not quorate",
	       d->joined ? "in the group" : "not in the group");
	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *n = &cl->nodes[i];

		cd_log(LOG_NOTICE, "dump: node %u %s: %s (member %d, group %d, "
		       "synced %d)", n->nodeid, n->name,
		       cd_node_state_name(cd_node_state(n)), n->member,
		       n->in_group, n->synced);
		for (uint32_t j = 0; j < n->n_ifaces; j++) {
			const struct cd_iface *f = &n->ifaces[j];

			cd_subnet_str(&f->subnet, sub, sizeof(sub));
			cd_names_get(cl, &f->subnet, name, sizeof(name));
			cd_log(LOG_NOTICE, "dump:   interface %s: %s (nic %s "
			       "flags %#x, %s, network '%s' %s)", f->name,
			       cd_if_state_name(cd_if_state(cl, n, f)),
			       f->ifname[0] ? f->ifname : "-", f->nic, sub,
			       name, cd_net_state_name(cd_net_state(cl,
							&f->subnet)));
		}
		for (uint32_t j = 0; j < n->n_links; j++)
			cd_log(LOG_NOTICE, "dump:   link %u to node %u via %s: "
			       "%s", n->links[j].link, n->links[j].peer,
			       n->links[j].ifname[0] ? n->links[j].ifname :
			       "?", n->links[j].connected ? "connected" :
			       "down");
	}
}
