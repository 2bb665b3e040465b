// SPDX-License-Identifier: GPL-2.0
/*
 * CLUSNET_HIOC_GET_NIC: the permanent address and the IP addresses of the
 * NIC an object is bound to, checked against what `ip` shows for the same
 * NIC (ip -o addr show dev X, ip -o link show dev X). The order is ip's:
 * IPv4 first, primary before secondary, then IPv6.
 *
 * The dummies here are made with addrgenmode none, so that no link-local
 * address appears behind the test's back; eth0 may have addresses that
 * come and go on their own (IPv6 autoconfiguration), so every comparison
 * is retried until `ip` shows the same before and after the ioctl.
 */
#include "common.h"

#define MAX_IP_ADDRS	128

struct ip_addrs {
	int n;
	struct clusnet_ifaddr a[MAX_IP_ADDRS];
};

static int scope_of(const char *s)
{
	if (!strcmp(s, "global"))
		return 0;	/* RT_SCOPE_UNIVERSE */
	if (!strcmp(s, "site"))
		return 200;
	if (!strcmp(s, "link"))
		return 253;
	if (!strcmp(s, "host"))
		return 254;
	if (!strcmp(s, "nowhere"))
		return 255;
	return atoi(s);
}

/* One line of `ip -o addr show`; true if it was an address. */
static bool parse_addr_line(char *line, struct clusnet_ifaddr *out)
{
	char *save = NULL, *tok, *slash;
	int i = 0, family = 0;

	memset(out, 0, sizeof(*out));
	for (tok = strtok_r(line, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save), i++) {
		if (i == 2) {
			if (!strcmp(tok, "inet"))
				family = AF_INET;
			else if (!strcmp(tok, "inet6"))
				family = AF_INET6;
			else
				return false;
			continue;
		}
		if (i == 3) {
			slash = strchr(tok, '/');
			if (slash) {
				*slash = '\0';
				out->prefixlen = atoi(slash + 1);
			} else {
				out->prefixlen = family == AF_INET ? 32 : 128;
			}
			if (cn_parse_ip(tok, out->addr) != family)
				return false;
			out->family = family;
			continue;
		}
		if (i < 4)
			continue;
		if (!strcmp(tok, "brd") || !strcmp(tok, "peer") ||
		    !strcmp(tok, "metric") || !strcmp(tok, "proto") ||
		    !strcmp(tok, "preferred_lft")) {
			if (!strtok_r(NULL, " \t\n", &save))
				break;
			i++;
		} else if (!strcmp(tok, "scope")) {
			tok = strtok_r(NULL, " \t\n", &save);
			if (!tok)
				break;
			i++;
			out->scope = scope_of(tok);
		} else if (!strcmp(tok, "secondary")) {
			out->flags |= CLUSNET_ADDR_SECONDARY;
		} else if (!strcmp(tok, "valid_lft")) {
			tok = strtok_r(NULL, " \t\n", &save);
			if (!tok)
				break;
			i++;
			if (strcmp(tok, "forever"))
				out->flags |= CLUSNET_ADDR_DYNAMIC;
		}
	}
	return family != 0;
}

/* The addresses `ip` lists for @ifname, in its order; 0 or -1. */
static int ip_addrs(const char *ifname, struct ip_addrs *ia)
{
	char cmd[128], line[1024];
	FILE *f;

	ia->n = 0;
	snprintf(cmd, sizeof(cmd),
		 "PATH=/usr/sbin:/sbin:/usr/bin:/bin ip -o addr show dev %s",
		 ifname);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (ia->n < MAX_IP_ADDRS &&
		    parse_addr_line(line, &ia->a[ia->n]))
			ia->n++;
	return pclose(f) == 0 ? 0 : -1;
}

static int parse_mac(const char *s, __u8 *mac)
{
	int n = 0;
	char *end;

	while (*s && n < CLUSNET_HWADDR_MAX) {
		mac[n++] = (__u8)strtoul(s, &end, 16);
		if (end == s)
			return -1;
		s = end;
		if (*s == ':')
			s++;
		else
			break;
	}
	return n;
}

/*
 * The address `ip -o link` shows for @ifname, and its permanent address
 * (ip shows "permaddr" only when it differs); lengths in *len, *plen
 * (0: none shown). 0 or -1.
 */
static int ip_link_addrs(const char *ifname, __u8 *mac, int *len,
			 __u8 *perm, int *plen)
{
	char cmd[128], line[2048], *save = NULL, *tok;
	FILE *f;
	int ret;

	*len = *plen = 0;
	snprintf(cmd, sizeof(cmd),
		 "PATH=/usr/sbin:/sbin:/usr/bin:/bin ip -o link show dev %s",
		 ifname);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	ret = pclose(f);
	for (tok = strtok_r(line, " \t\n\\", &save); tok;
	     tok = strtok_r(NULL, " \t\n\\", &save)) {
		if (!strncmp(tok, "link/", 5)) {
			tok = strtok_r(NULL, " \t\n\\", &save);
			if (tok)
				*len = parse_mac(tok, mac);
		} else if (!strcmp(tok, "permaddr")) {
			tok = strtok_r(NULL, " \t\n\\", &save);
			if (tok)
				*plen = parse_mac(tok, perm);
		}
	}
	return ret == 0 && *len > 0 ? 0 : -1;
}

static const char *addr_str(const struct clusnet_ifaddr *a)
{
	static char buf[4][INET6_ADDRSTRLEN + 48];
	static int k;
	char s[INET6_ADDRSTRLEN];
	char *b = buf[k++ % 4];

	if (!inet_ntop(a->family == AF_INET6 ? AF_INET6 : AF_INET, a->addr, s,
		       sizeof(s)))
		snprintf(s, sizeof(s), "?");
	snprintf(b, sizeof(buf[0]), "%u %s/%u flags %u scope %u", a->family,
		 s, a->prefixlen, a->flags, a->scope);
	return b;
}

static bool same_addr(const struct clusnet_ifaddr *a,
		      const struct clusnet_ifaddr *b)
{
	return a->family == b->family && a->prefixlen == b->prefixlen &&
	       a->flags == b->flags && a->scope == b->scope &&
	       !memcmp(a->addr, b->addr, 16);
}

static bool same_ip_addrs(const struct ip_addrs *x, const struct ip_addrs *y)
{
	int i;

	if (x->n != y->n)
		return false;
	for (i = 0; i < x->n; i++)
		if (!same_addr(&x->a[i], &y->a[i]))
			return false;
	return true;
}

/*
 * GET_NIC on @h against `ip` for @ifname, taken while `ip` shows the same
 * before and after the ioctl. Returns the NIC in @nic.
 */
static void check_nic(struct __test_metadata *_metadata, int h,
		      const char *ifname, struct clusnet_nic *nic)
{
	static struct ip_addrs before, after;
	__u8 mac[CLUSNET_HWADDR_MAX], perm[CLUSNET_HWADDR_MAX];
	const __u8 *want_perm;
	int tries, i, len, plen, want_len;
	__u32 want_n;

	for (tries = 0; tries < 10; tries++) {
		ASSERT_EQ(0, ip_addrs(ifname, &before));
		ASSERT_EQ(0, cn_nic(h, nic)) TH_LOG("%s", ifname);
		ASSERT_EQ(0, ip_addrs(ifname, &after));
		if (same_ip_addrs(&before, &after))
			break;
	}
	ASSERT_LT(tries, 10) TH_LOG("%s: addresses keep changing", ifname);

	EXPECT_EQ((int)if_nametoindex(ifname), nic->ifindex);
	EXPECT_EQ((__u32)after.n, nic->total) TH_LOG("%s", ifname);
	want_n = after.n < CLUSNET_NIC_ADDRS_MAX ? after.n :
						   CLUSNET_NIC_ADDRS_MAX;
	EXPECT_EQ(want_n, nic->naddrs) TH_LOG("%s", ifname);
	for (i = 0; i < (int)want_n && i < (int)nic->naddrs; i++) {
		EXPECT_TRUE(same_addr(&after.a[i], &nic->addrs[i]))
			TH_LOG("%s: address %d: ip shows %s, GET_NIC %s",
			       ifname, i, addr_str(&after.a[i]),
			       addr_str(&nic->addrs[i]));
		EXPECT_EQ(0U, nic->addrs[i].__reserved);
	}
	/* Entries past naddrs stay zero. */
	for (i = nic->naddrs; i < CLUSNET_NIC_ADDRS_MAX; i++) {
		static const struct clusnet_ifaddr zero;

		EXPECT_EQ(0, memcmp(&zero, &nic->addrs[i], sizeof(zero)))
			TH_LOG("%s: entry %d past naddrs", ifname, i);
	}

	ASSERT_EQ(0, ip_link_addrs(ifname, mac, &len, perm, &plen));
	want_perm = plen ? perm : mac;
	want_len = plen ? plen : len;
	EXPECT_EQ((__u32)want_len, nic->perm_addr_len) TH_LOG("%s", ifname);
	EXPECT_EQ(0, memcmp(want_perm, nic->perm_addr, want_len))
		TH_LOG("%s: perm_addr differs from ip's %s", ifname,
		       plen ? "permaddr" : "address");
	for (i = want_len; i < CLUSNET_HWADDR_MAX; i++)
		EXPECT_EQ(0, nic->perm_addr[i]) TH_LOG("%s: byte %d", ifname,
						       i);
}

/* The index of address @ip in @nic's list, or -1. */
static int find_addr(const struct clusnet_nic *nic, const char *ip)
{
	__u8 want[16];
	int family = cn_parse_ip(ip, want), i;

	for (i = 0; i < (int)nic->naddrs; i++)
		if (nic->addrs[i].family == family &&
		    !memcmp(nic->addrs[i].addr, want, 16))
			return i;
	return -1;
}

FIXTURE(nic) {
	int dev;
	char name[128];
	char ifa[IFNAMSIZ];
	__u8 eth1_mac[CLUSNET_HWADDR_MAX];
	int eth1_mac_len;
};

FIXTURE_SETUP(nic)
{
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	cn_name(self->name, sizeof(self->name), "nic");
	cn_ifname(self->ifa);
	self->eth1_mac_len = 0;
	if (cn_is_admin())
		cn_netdev_modules();
}

FIXTURE_TEARDOWN(nic)
{
	int i;

	if (self->eth1_mac_len == 6) {
		char mac[32];
		int n = 0;

		for (i = 0; i < 6; i++)
			n += snprintf(mac + n, sizeof(mac) - n, "%s%02x",
				      i ? ":" : "", self->eth1_mac[i]);
		cn_sh("ip link set eth1 address %s", mac);
		if (!cn_wait_operstate("eth1", "up", 15000))
			fprintf(stderr, "# eth1 is not up again\n");
	}
	if (self->dev < 0)
		return;
	if (cn_is_admin()) {
		cn_delete(self->dev, self->name);
		cn_link_del(self->ifa);
	}
	close(self->dev);
}

/* eth0 and eth1, with GENERIC_READ handles: also the unprivileged run. */
TEST_F(nic, boot_nics_match_ip)
{
	static const struct {
		const char *obj, *ifname, *ip;
	} boot[] = {
		{ CN_ETH0, "eth0", "10.0.2.15" },
		{ CN_ETH1, "eth1", "192.168.100.1" },
	};
	struct clusnet_cluster_info ci;
	struct clusnet_nic nic;
	__u8 hw[CLUSNET_HWADDR_MAX];
	unsigned int i;
	int h;

	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_TRUE(!!(ci.features & CLUSNET_FEATURE_NIC));
	for (i = 0; i < ARRAY_SIZE(boot); i++) {
		h = cn_open(self->dev, boot[i].obj, CLUSNET_GENERIC_READ);
		ASSERT_LE(0, h) TH_LOG("%s", boot[i].obj);
		check_nic(_metadata, h, boot[i].ifname, &nic);
		/* The boot address is the primary one: listed first. */
		ASSERT_LE(1U, nic.naddrs);
		EXPECT_EQ(0, find_addr(&nic, boot[i].ip));
		EXPECT_EQ(24, nic.addrs[0].prefixlen);
		EXPECT_EQ(0, nic.addrs[0].flags);
		EXPECT_EQ(0, nic.addrs[0].scope);
		/* Real NICs: the permanent address is the boot address. */
		ASSERT_EQ(6, cn_sysfs_hwaddr(boot[i].ifname, hw, sizeof(hw)));
		EXPECT_EQ(6U, nic.perm_addr_len);
		EXPECT_EQ(0, memcmp(hw, nic.perm_addr, 6));
		close(h);
	}
}

TEST_F(nic, structure_rules)
{
	static const __u32 bad_flags[] = { 0x1, 0x80000000u, 0 };
	struct clusnet_nic nic;
	int h;

	h = cn_open(self->dev, CN_ETH0, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	memset(&nic, 0, sizeof(nic));
	nic.size = sizeof(nic);
	cn_check_struct_rules(_metadata, "GET_NIC", h, CLUSNET_HIOC_GET_NIC,
			      &nic, sizeof(nic), CLUSNET_NIC_SIZE_VER0,
			      bad_flags, NULL);
	close(h);
}

TEST_F_TIMEOUT(nic, addresses_of_every_kind, 60)
{
	struct clusnet_nic nic;
	int h, i, last4 = -1, first6 = -1;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);

	/* No address yet. */
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(0U, nic.total);
	EXPECT_EQ(0U, nic.naddrs);

	ASSERT_EQ(0, cn_sh("ip addr add 10.79.0.1/24 dev %s && "
			   "ip addr add 10.79.0.2/24 dev %s && "
			   "ip addr add 10.80.0.1/16 dev %s && "
			   "ip addr add 10.81.0.1/24 dev %s valid_lft 300 preferred_lft 300 && "
			   "ip addr add 10.83.0.1/24 dev %s scope link && "
			   "ip -6 addr add fd00:77::1/64 dev %s nodad && "
			   "ip -6 addr add fd00:78::1/64 dev %s nodad valid_lft 300 preferred_lft 300 && "
			   "ip -6 addr add fe80::1/64 dev %s nodad",
			   self->ifa, self->ifa, self->ifa, self->ifa,
			   self->ifa, self->ifa, self->ifa, self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(8U, nic.total);
	EXPECT_EQ(8U, nic.naddrs);

	/*
	 * What ip shows, spelled out. IPv4 primaries come first, the kernel
	 * keeping them by scope (the link-scoped one ahead of the global
	 * ones), then the secondaries.
	 */
	EXPECT_EQ(0, find_addr(&nic, "10.83.0.1"));
	EXPECT_EQ(1, find_addr(&nic, "10.79.0.1"));
	i = find_addr(&nic, "10.79.0.2");
	ASSERT_LE(0, i);
	EXPECT_EQ(4, i) TH_LOG("the secondary after every primary");
	EXPECT_EQ(CLUSNET_ADDR_SECONDARY, nic.addrs[i].flags);
	i = find_addr(&nic, "10.80.0.1");
	ASSERT_LE(0, i);
	EXPECT_EQ(16, nic.addrs[i].prefixlen);
	EXPECT_EQ(0, nic.addrs[i].flags);
	i = find_addr(&nic, "10.81.0.1");
	ASSERT_LE(0, i);
	EXPECT_EQ(CLUSNET_ADDR_DYNAMIC, nic.addrs[i].flags);
	i = find_addr(&nic, "10.83.0.1");
	ASSERT_LE(0, i);
	EXPECT_EQ(253, nic.addrs[i].scope);
	i = find_addr(&nic, "fd00:77::1");
	ASSERT_LE(0, i);
	EXPECT_EQ(AF_INET6, nic.addrs[i].family);
	EXPECT_EQ(64, nic.addrs[i].prefixlen);
	EXPECT_EQ(0, nic.addrs[i].flags);
	EXPECT_EQ(0, nic.addrs[i].scope);
	i = find_addr(&nic, "fd00:78::1");
	ASSERT_LE(0, i);
	EXPECT_EQ(CLUSNET_ADDR_DYNAMIC, nic.addrs[i].flags);
	i = find_addr(&nic, "fe80::1");
	ASSERT_LE(0, i);
	EXPECT_EQ(253, nic.addrs[i].scope);
	/* IPv4 first, then IPv6. */
	for (i = 0; i < (int)nic.naddrs; i++) {
		if (nic.addrs[i].family == AF_INET)
			last4 = i;
		else if (first6 < 0)
			first6 = i;
		EXPECT_TRUE(nic.addrs[i].family == AF_INET ||
			    nic.addrs[i].family == AF_INET6);
	}
	EXPECT_EQ(4, last4);
	EXPECT_EQ(5, first6);

	/* Removed addresses are gone from the list. */
	ASSERT_EQ(0, cn_sh("ip addr del 10.80.0.1/16 dev %s && ip -6 addr del fd00:77::1/64 dev %s",
			   self->ifa, self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(-1, find_addr(&nic, "10.80.0.1"));
	EXPECT_EQ(-1, find_addr(&nic, "fd00:77::1"));
	EXPECT_EQ(6U, nic.total);

	/* Down, the NIC keeps its IPv4 addresses. */
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	close(h);
}

TEST_F_TIMEOUT(nic, more_than_32_addresses, 90)
{
	struct clusnet_nic nic;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_sh("{ i=1; while [ $i -le 40 ]; do echo addr add 10.82.0.$i/24 dev %s; i=$((i + 1)); done; "
			   "echo addr add fd00:82::1/64 dev %s nodad; "
			   "echo addr add fd00:82::2/64 dev %s nodad; } | ip -batch -",
			   self->ifa, self->ifa, self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(42U, nic.total);
	EXPECT_EQ((__u32)CLUSNET_NIC_ADDRS_MAX, nic.naddrs);
	/* The first 32 of ip's list: all IPv4, the primary first. */
	EXPECT_EQ(0, find_addr(&nic, "10.82.0.1"));
	EXPECT_EQ(31, find_addr(&nic, "10.82.0.32"));
	EXPECT_EQ(-1, find_addr(&nic, "fd00:82::1"));
	EXPECT_EQ(CLUSNET_ADDR_SECONDARY, nic.addrs[31].flags);

	/* Exactly 32. */
	ASSERT_EQ(0, cn_sh("{ i=31; while [ $i -le 40 ]; do echo addr del 10.82.0.$i/24 dev %s; i=$((i + 1)); done; } | ip -batch -",
			   self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(32U, nic.total);
	EXPECT_EQ(32U, nic.naddrs);
	EXPECT_LE(30, find_addr(&nic, "fd00:82::1"));
	EXPECT_LE(30, find_addr(&nic, "fd00:82::2"));
	close(h);
}

/* A dummy has no permanent address: the current one is reported. */
TEST_F(nic, perm_addr_of_a_nic_without_one_is_the_current_address)
{
	struct clusnet_nic nic;
	__u8 hw[CLUSNET_HWADDR_MAX];
	static const __u8 want[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	check_nic(_metadata, h, self->ifa, &nic);
	ASSERT_EQ(6, cn_sysfs_hwaddr(self->ifa, hw, sizeof(hw)));
	EXPECT_EQ(6U, nic.perm_addr_len);
	EXPECT_EQ(0, memcmp(hw, nic.perm_addr, 6));

	ASSERT_EQ(0, cn_sh("ip link set %s address 02:11:22:33:44:55",
			   self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(6U, nic.perm_addr_len);
	EXPECT_EQ(0, memcmp(want, nic.perm_addr, 6));
	close(h);
}

/* A real NIC keeps its permanent address when its address changes. */
TEST_F_TIMEOUT(nic, perm_addr_survives_a_mac_change, 60)
{
	struct clusnet_nic nic;
	__u8 orig[CLUSNET_HWADDR_MAX], hw[CLUSNET_HWADDR_MAX];
	int h, n;

	CN_REQUIRE_ADMIN();
	n = cn_sysfs_hwaddr("eth1", orig, sizeof(orig));
	ASSERT_EQ(6, n);
	memcpy(self->eth1_mac, orig, 6);
	self->eth1_mac_len = 6;
	h = cn_open(self->dev, CN_ETH1, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_sh("ip link set eth1 address 02:aa:bb:cc:dd:ee"));
	ASSERT_EQ(6, cn_sysfs_hwaddr("eth1", hw, sizeof(hw)));
	ASSERT_EQ(0x02, hw[0]);
	check_nic(_metadata, h, "eth1", &nic);
	EXPECT_EQ(6U, nic.perm_addr_len);
	EXPECT_EQ(0, memcmp(orig, nic.perm_addr, 6))
		TH_LOG("perm_addr followed the new address");
	close(h);
}

TEST_F(nic, unbound_object_has_ifindex_zero)
{
	struct clusnet_nic nic, zero;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_nic(h, &nic));
	memset(&zero, 0, sizeof(zero));
	zero.size = sizeof(zero);
	EXPECT_EQ(0, nic.ifindex);
	EXPECT_EQ(0U, nic.perm_addr_len);
	EXPECT_EQ(0U, nic.naddrs);
	EXPECT_EQ(0U, nic.total);
	EXPECT_EQ(0, memcmp(&zero, &nic, sizeof(nic)));

	/* The NIC appears: bound, with what ip shows. */
	ASSERT_EQ(0, cn_dummy_add(self->ifa, false));
	ASSERT_EQ(CLUSNET_STATE_FAILED,
		  cn_wait_state(h, CLUSNET_STATE_FAILED, CN_WAIT_MS));
	ASSERT_EQ(0, cn_sh("ip addr add 10.79.0.1/24 dev %s", self->ifa));
	check_nic(_metadata, h, self->ifa, &nic);
	EXPECT_EQ(1U, nic.total);

	/* And goes again. */
	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifa));
	ASSERT_EQ(CLUSNET_STATE_UNAVAILABLE,
		  cn_wait_state(h, CLUSNET_STATE_UNAVAILABLE, CN_WAIT_MS));
	ASSERT_EQ(0, cn_nic(h, &nic));
	EXPECT_EQ(0, memcmp(&zero, &nic, sizeof(nic)))
		TH_LOG("ifindex %d naddrs %u total %u perm_addr_len %u",
		       nic.ifindex, nic.naddrs, nic.total, nic.perm_addr_len);
	close(h);
}

TEST_F(nic, deleted_object_is_enodev)
{
	struct clusnet_nic nic;
	int h;

	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	h = cn_open(self->dev, self->name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, cn_nic(h, &nic));
	ASSERT_EQ(0, cn_delete(self->dev, self->name));
	EXPECT_EQ(-ENODEV, cn_nic(h, &nic));
	close(h);
}

static int user_reads_nic(void *arg)
{
	const char *name = arg;
	struct clusnet_nic nic;
	__u32 granted = 0;
	int dev, h, ret;

	dev = cn_dev();
	CN_CHECK(dev >= 0, "open: %s", strerror(-dev));
	h = cn_open_g(dev, name, CLUSNET_MAXIMUM_ALLOWED, &granted, NULL);
	CN_CHECK(h >= 0, "open %s: %s", name, strerror(-h));
	CN_CHECK(granted == CLUSNET_GENERIC_READ, "granted 0x%x", granted);
	ret = cn_nic(h, &nic);
	CN_CHECK(ret == 0, "GET_NIC: %s", strerror(-ret));
	CN_CHECK(nic.ifindex > 0 && nic.total == 1 && nic.naddrs == 1,
		 "ifindex %d total %u naddrs %u", nic.ifindex, nic.total,
		 nic.naddrs);
	close(h);
	close(dev);
	return 0;
}

/* A read-only handle may ask, whoever holds it. */
TEST_F(nic, generic_read_handle_may_call_it)
{
	CN_REQUIRE_ADMIN();
	ASSERT_EQ(0, cn_dummy_add(self->ifa, true));
	ASSERT_EQ(0, cn_sh("ip addr add 10.79.0.1/24 dev %s", self->ifa));
	ASSERT_EQ(0, cn_create(self->dev, self->name, self->ifa, 0, 0, 0644));
	ASSERT_EQ(0, cn_run(&cn_ident_user, user_reads_nic, self->name))
		TH_LOG("%s", cn_child_msg());
}

TEST_HARNESS_MAIN
