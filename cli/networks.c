// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl commands on cluster networks: networks, network rename.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "clusnetctl.h"

static void subnet_str(char *buf, size_t size,
		       const struct clusnet_network_entry *e)
{
	char ip[INET6_ADDRSTRLEN];

	buf[0] = '\0';
	if (e->family != AF_INET && e->family != AF_INET6)
		return;
	if (inet_ntop(e->family, e->subnet, ip, sizeof(ip)))
		snprintf(buf, size, "%s/%u", ip, e->prefixlen);
}

static void networks_text(const struct clusnet_network_entry *e, int n)
{
	size_t wname = strlen("NAME"), wsub = strlen("SUBNET"), w;
	char sub[64];
	int i;

	for (i = 0; i < n; i++) {
		w = text_width(e[i].name);
		if (w > wname)
			wname = w;
		subnet_str(sub, sizeof(sub), &e[i]);
		if (strlen(sub) > wsub)
			wsub = strlen(sub);
	}
	printf("%-*s  %-*s  %-11s  %s\n", (int)wname, "NAME", (int)wsub,
	       "SUBNET", "STATE", "INTERFACES");
	for (i = 0; i < n; i++) {
		subnet_str(sub, sizeof(sub), &e[i]);
		text_str(stdout, e[i].name);
		printf("%*s  %-*s  %-11s  %u\n",
		       (int)(wname - text_width(e[i].name)), "", (int)wsub,
		       sub[0] ? sub : "-", network_state_name(e[i].state),
		       e[i].interfaces);
	}
}

static void networks_json(const struct clusnet_network_entry *e, int n)
{
	char sub[64];
	bool first;
	int i;

	putchar('[');
	for (i = 0; i < n; i++) {
		first = true;
		printf("%s{", i ? "," : "");
		json_kstr(stdout, &first, "name", e[i].name);
		json_kuint(stdout, &first, "id", e[i].id);
		subnet_str(sub, sizeof(sub), &e[i]);
		json_key(stdout, &first, "subnet");
		if (sub[0])
			json_str(stdout, sub);
		else
			fputs("null", stdout);
		json_kstr(stdout, &first, "state",
			  network_state_name(e[i].state));
		json_kuint(stdout, &first, "state_code", e[i].state);
		json_kuint(stdout, &first, "interfaces", e[i].interfaces);
		json_kbool(stdout, &first, "discovered",
			   e[i].flags & CLUSNET_NETWORK_DISCOVERED);
		json_kbool(stdout, &first, "pinned",
			   e[i].flags & CLUSNET_NETWORK_PINNED);
		json_kbool(stdout, &first, "renamed",
			   e[i].flags & CLUSNET_NETWORK_RENAMED);
		putchar('}');
	}
	puts("]");
}

int cmd_networks(int argc, char **argv, const struct opts *o)
{
	struct clusnet_network_entry *e;
	int dev, n;

	(void)argc;
	(void)argv;
	(void)o;
	dev = dev_open();
	if (dev < 0)
		return -dev;
	n = need_feature(dev, CLUSNET_FEATURE_NETWORKS, "networks",
			 "CLUSNET_IOC_NETWORKS");
	if (n)
		return -n;
	n = enum_networks(dev, &e);
	if (n < 0)
		return fail_errno(-n, NULL, "networks: CLUSNET_IOC_NETWORKS");
	if (json)
		networks_json(e, n);
	else
		networks_text(e, n);
	free(e);
	close(dev);
	return CX_OK;
}

int cmd_network(int argc, char **argv, const struct opts *o)
{
	struct clusnet_network_rename rn;
	struct clusnet_network_entry *e;
	const char *old = argv[1], *new = argv[2];
	bool first = true;
	int dev, n, i, rc, err;

	(void)argc;
	(void)o;
	if (strcmp(argv[0], "rename"))
		return usage_error("network: unknown subcommand '%s' (there "
				   "is: network rename OLD NEW)", argv[0]);
	rc = check_name("the new network name", new, CLUSNET_NAME_MAX);
	if (rc)
		return rc;
	dev = dev_open();
	if (dev < 0)
		return -dev;
	rc = need_feature(dev, CLUSNET_FEATURE_NETWORKS, "network rename",
			  "CLUSNET_IOC_NETWORK_RENAME");
	if (rc)
		return -rc;
	n = enum_networks(dev, &e);
	if (n < 0)
		return fail_errno(-n, NULL, "network rename: "
				  "CLUSNET_IOC_NETWORKS");
	/* Network names compare like object names: ASCII case-insensitive. */
	for (i = 0; i < n; i++)
		if (!strcasecmp(e[i].name, old))
			break;
	if (i == n)
		return fail(CX_NOTFOUND, "network '%s': not found "
			    "(clusnetctl networks shows the networks)", old);
	memset(&rn, 0, sizeof(rn));
	rn.size = sizeof(rn);
	rn.id = e[i].id;
	rn.name = CN_PTR(new);
	rn.name_len = strlen(new);
	if (ioctl(dev, CLUSNET_IOC_NETWORK_RENAME, &rn)) {
		err = errno;
		if (err == ENOENT)
			return fail(CX_NOTFOUND, "network '%s': not found "
				    "(it went away)", old);
		if (err == EEXIST)
			return fail(CX_EXISTS, "network rename '%s': another "
				    "network is named '%s'", old, new);
		return fail_errno(err, err == EPERM ? "needs CAP_NET_ADMIN" :
			NULL, "network rename '%s'", old);
	}
	if (json) {
		putchar('{');
		json_kuint(stdout, &first, "id", rn.id);
		json_kstr(stdout, &first, "old_name", e[i].name);
		json_kstr(stdout, &first, "name", new);
		puts("}");
	}
	free(e);
	close(dev);
	return CX_OK;
}
