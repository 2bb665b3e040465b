// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl nodes: the cluster's nodes as clusnetd fed them in
 * (CLUSNET_IOC_NODES). Outside a cluster the table is empty and the one
 * node there is, this one, is shown Up, as Windows shows a one-node
 * cluster.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clusnetctl.h"

static void nodes_text(const struct clusnet_node_entry *e, int n)
{
	size_t w = strlen("NAME");
	int i;

	for (i = 0; i < n; i++)
		if (text_width(e[i].name) > w)
			w = text_width(e[i].name);
	printf("%-*s  %-10s  %s\n", (int)w, "NAME", "ID", "STATE");
	for (i = 0; i < n; i++) {
		text_str(stdout, e[i].name);
		printf("%*s  %-10u  %s%s\n", (int)(w - text_width(e[i].name)),
		       "", e[i].id, node_state_name(e[i].state),
		       e[i].flags & CLUSNET_NODE_LOCAL ? " (this node)" : "");
	}
}

static void nodes_json(const struct clusnet_node_entry *e, int n)
{
	bool first;
	int i;

	putchar('[');
	for (i = 0; i < n; i++) {
		first = true;
		printf("%s{", i ? "," : "");
		json_kstr(stdout, &first, "name", e[i].name);
		json_kuint(stdout, &first, "id", e[i].id);
		json_kstr(stdout, &first, "state", node_state_name(e[i].state));
		json_kuint(stdout, &first, "state_code", e[i].state);
		json_kbool(stdout, &first, "local",
			   e[i].flags & CLUSNET_NODE_LOCAL);
		putchar('}');
	}
	puts("]");
}

int cmd_nodes(int argc, char **argv, const struct opts *o)
{
	struct clusnet_cluster_info ci;
	struct clusnet_node_entry *e;
	int dev, n, err;

	(void)argc;
	(void)argv;
	(void)o;
	dev = dev_open();
	if (dev < 0)
		return -dev;
	n = need_feature(dev, CLUSNET_FEATURE_CLUSTER, "nodes",
			 "CLUSNET_IOC_NODES");
	if (n)
		return -n;
	n = enum_nodes(dev, &e);
	if (n < 0)
		return fail_errno(-n, NULL, "nodes: CLUSNET_IOC_NODES");
	if (!n) {
		err = cluster_info(dev, &ci);
		if (err) {
			free(e);
			return fail_errno(-err, NULL,
					  "nodes: CLUSNET_IOC_CLUSTER_INFO");
		}
		free(e);
		e = calloc(1, sizeof(*e));
		if (!e)
			return fail(CX_FAIL, "nodes: out of memory");
		memcpy(e->name, ci.node, sizeof(e->name));
		e->state = CLUSNET_NODE_UP;
		e->flags = CLUSNET_NODE_LOCAL;
		n = 1;
	}
	if (json)
		nodes_json(e, n);
	else
		nodes_text(e, n);
	free(e);
	close(dev);
	return CX_OK;
}
