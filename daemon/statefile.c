// SPDX-License-Identifier: GPL-2.0
/*
 * The derived state as a file, rewritten (atomically: a temporary file
 * renamed over it) whenever it changed: /run/clusnetd/state, or
 * $CLUSNETD_STATE. Until the kernel mirror exists this is how tests and
 * admins query what clusnetd computed. One record per line, tab-separated:
 *
 *   cluster  NAME  LOCAL-NODE  quorate|not-quorate  in-group|not-in-group
 *   node     NAME  ID  STATE
 *   interface  NODE  NAME  STATE  IFNAME|-  SUBNET|-  NETWORK|-
 *   network  SUBNET  NAME  STATE
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <sys/stat.h>

#include "daemon.h"

static const char *path(void)
{
	const char *p = getenv("CLUSNETD_STATE");

	return p && p[0] == '/' ? p : "/run/clusnetd/state";
}

static bool first_on_subnet(const struct cd_cluster *cl, uint32_t ni,
			    uint32_t fi)
{
	const struct cd_subnet *s = &cl->nodes[ni].ifaces[fi].subnet;

	for (uint32_t i = 0; i <= ni; i++)
		for (uint32_t j = 0; j < cl->nodes[i].n_ifaces; j++) {
			if (i == ni && j == fi)
				return true;
			if (!cd_subnet_cmp(&cl->nodes[i].ifaces[j].subnet, s))
				return false;
		}
	return true;
}

static void write_model(FILE *f, const struct cd_daemon *d)
{
	const struct cd_cluster *cl = &d->cl;
	char sub[64], name[CD_NAME_MAX + 1];

	fprintf(f, "cluster\t%s\t%s\t%s\t%s\n", d->cluster_name, d->node_name,
		d->quorate ? "quorate" : "not-quorate",
		d->joined ? "in-group" : "not-in-group");
	for (uint32_t i = 0; i < cl->n_nodes; i++)
		fprintf(f, "node\t%s\t%u\t%s\n", cl->nodes[i].name[0] ?
			cl->nodes[i].name : "-", cl->nodes[i].nodeid,
			cd_node_state_name(cd_node_state(&cl->nodes[i])));
	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *n = &cl->nodes[i];

		for (uint32_t j = 0; j < n->n_ifaces; j++) {
			const struct cd_iface *fi = &n->ifaces[j];

			cd_subnet_str(&fi->subnet, sub, sizeof(sub));
			if (!cd_names_get(cl, &fi->subnet, name, sizeof(name)))
				strcpy(name, "-");
			fprintf(f, "interface\t%s\t%s\t%s\t%s\t%s\t%s\n",
				n->name[0] ? n->name : "-", fi->name,
				cd_if_state_name(cd_if_state(cl, n, fi)),
				fi->ifname[0] ? fi->ifname : "-", sub, name);
		}
	}
	for (uint32_t i = 0; i < cl->n_nodes; i++) {
		const struct cd_node *n = &cl->nodes[i];

		for (uint32_t j = 0; j < n->n_ifaces; j++) {
			const struct cd_subnet *s = &n->ifaces[j].subnet;

			if (!s->family || !first_on_subnet(cl, i, j))
				continue;
			cd_subnet_str(s, sub, sizeof(sub));
			if (!cd_names_get(cl, s, name, sizeof(name)))
				strcpy(name, "-");
			fprintf(f, "network\t%s\t%s\t%s\n", sub, name,
				cd_net_state_name(cd_net_state(cl, s)));
		}
	}
}

void cd_state_file(const struct cd_daemon *d)
{
	static bool warned;
	char tmp[4096], dir[4096], *slash;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path());
	snprintf(dir, sizeof(dir), "%s", path());
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			goto fail;
	}
	f = fopen(tmp, "we");
	if (!f)
		goto fail;
	write_model(f, d);
	if (fclose(f) || rename(tmp, path()))
		goto fail;
	return;
fail:
	if (!warned)
		cd_log(LOG_WARNING, "state file %s: %m", path());
	warned = true;
}
