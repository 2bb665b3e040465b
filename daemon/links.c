// SPDX-License-Identifier: GPL-2.0
/*
 * This node's row of the link matrix: for every configured peer and every
 * enabled knet link, whether corosync sees it connected (its own view,
 * corosync_cfg_node_status_get, polled every tick), and which local NIC
 * carries it: the one that holds the link's source address.
 */
#include <ifaddrs.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "daemon.h"

/* "10.1.0.1", "fd00::1", maybe with a ":port" or in brackets. */
static int parse_addr(const char *s, int *family, uint8_t addr[16])
{
	char buf[CFG_MAX_HOST_LEN], *p;

	snprintf(buf, sizeof(buf), "%s", s[0] == '[' ? s + 1 : s);
	p = strchr(buf, ']');
	if (p)
		*p = '\0';
	if (inet_pton(AF_INET6, buf, addr) == 1) {
		*family = AF_INET6;
		return 0;
	}
	p = strchr(buf, ':');
	if (p)
		*p = '\0';
	if (inet_pton(AF_INET, buf, addr) == 1) {
		*family = AF_INET;
		return 0;
	}
	return -1;
}

static void ifname_of(const struct ifaddrs *all, const char *src, char *out)
{
	uint8_t a[16];
	int fam;

	out[0] = '\0';
	if (parse_addr(src, &fam, a))
		return;
	for (const struct ifaddrs *i = all; i; i = i->ifa_next) {
		const void *p;

		if (!i->ifa_addr || i->ifa_addr->sa_family != fam)
			continue;
		p = fam == AF_INET ?
		    (const void *)&((const struct sockaddr_in *)i->ifa_addr)->sin_addr :
		    (const void *)&((const struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		if (!memcmp(p, a, fam == AF_INET ? 4 : 16)) {
			snprintf(out, CD_IFNAME_MAX + 1, "%s", i->ifa_name);
			return;
		}
	}
}

static void row_add(struct cd_local *l, uint32_t peer, unsigned int link,
		    const struct corosync_knet_link_status_v1 *st,
		    const struct ifaddrs *ifa)
{
	struct cd_link *e;

	if (l->n_row >= CD_ROW_MAX)
		return;
	e = &l->row[l->n_row++];
	memset(e, 0, sizeof(*e));
	e->peer = peer;
	e->link = (uint8_t)link;
	e->connected = st->connected ? 1 : 0;
	ifname_of(ifa, st->src_ipaddr, e->ifname);
}

void cd_links_poll(struct cd_daemon *d)
{
	struct corosync_cfg_node_status_v1 st;
	struct ifaddrs *ifa = NULL;
	cs_error_t err;

	d->now.n_row = 0;
	if (getifaddrs(&ifa))
		ifa = NULL;
	for (uint32_t i = 0; i < d->n_peers; i++) {
		uint32_t peer = d->peers[i].nodeid;

		if (peer == d->local)
			continue;
		memset(&st, 0, sizeof(st));
		err = corosync_cfg_node_status_get(d->cfg, peer,
						   CFG_NODE_STATUS_V1, &st);
		if (err != CS_OK) {
			cd_log(LOG_DEBUG, "link status of node %u: error %d",
			       peer, err);
			continue;
		}
		for (unsigned int k = 0; k < CFG_MAX_LINKS; k++)
			if (st.link_status[k].enabled)
				row_add(&d->now, peer, k, &st.link_status[k],
					ifa);
	}
	if (ifa)
		freeifaddrs(ifa);
}
