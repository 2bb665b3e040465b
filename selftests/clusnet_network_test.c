// SPDX-License-Identifier: GPL-2.0
/*
 * Cluster networks: discovery puts every object whose NIC has an IPv4
 * address on the network of the NIC's primary subnet ("Cluster Network N",
 * N the smallest free), CLUSNET_IOC_NETWORKS lists the networks with a
 * state derived from their interfaces', an admin may rename them, and an
 * object created with a network name is pinned to that network.
 *
 * Discovery follows address and link changes that `ip` makes: every check
 * of its outcome polls with a bound instead of assuming it is synchronous.
 */
#include "common.h"

#define MAX_OBJS	8

FIXTURE(net) {
	int dev;
	int n;
	char names[MAX_OBJS][128];
	char ifs[4][IFNAMSIZ];
};

FIXTURE_SETUP(net)
{
	int i;

	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
	self->n = 0;
	for (i = 0; i < 4; i++)
		cn_ifname(self->ifs[i]);
	if (cn_is_admin())
		cn_netdev_modules();
}

FIXTURE_TEARDOWN(net)
{
	int i;

	if (self->dev < 0)
		return;
	if (cn_is_admin()) {
		for (i = 0; i < self->n; i++)
			cn_delete(self->dev, self->names[i]);
		for (i = 0; i < 4; i++)
			cn_link_del(self->ifs[i]);
	}
	close(self->dev);
}

static const char *new_name(FIXTURE_DATA(net) *self, const char *tag)
{
	char *name = self->names[self->n++];

	cn_name(name, sizeof(self->names[0]), tag);
	return name;
}

static bool subnet_is(const struct clusnet_network_entry *e, const char *ip,
		      int prefixlen)
{
	__u8 want[16];

	if (cn_parse_ip(ip, want) != AF_INET)
		return false;
	return e->family == AF_INET && e->prefixlen == prefixlen &&
	       !memcmp(e->subnet, want, 16);
}

static const char *subnet_str(const struct clusnet_network_entry *e)
{
	static char buf[INET6_ADDRSTRLEN + 32];
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(e->family == AF_INET6 ? AF_INET6 : AF_INET, e->subnet,
		       a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, sizeof(buf), "family %u %s/%u", e->family, a,
		 e->prefixlen);
	return buf;
}

/* The network of the subnet @ip/@prefixlen; 0 or -ENOENT. */
static int find_subnet(int dev, const char *ip, int prefixlen,
		       struct clusnet_network_entry *out)
{
	struct clusnet_network_entry *all;
	int n, i, ret = -ENOENT;

	n = cn_networks(dev, &all);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (subnet_is(&all[i], ip, prefixlen)) {
			if (out)
				*out = all[i];
			ret = 0;
			break;
		}
	}
	free(all);
	return ret;
}

/* Poll until no network has the subnet; true if so. */
static bool wait_no_subnet(int dev, const char *ip, int prefixlen)
{
	long long deadline = cn_now_ms() + CN_WAIT_MS;

	while (find_subnet(dev, ip, prefixlen, NULL) == 0) {
		if (cn_now_ms() >= deadline)
			return false;
		cn_sleep_ms(CN_POLL_MS);
	}
	return true;
}

/* Poll until the object is on no network; true if so. */
static bool wait_no_network(int dev, const char *name)
{
	long long deadline = cn_now_ms() + CN_WAIT_MS;

	while (cn_object_network_id(dev, name) != 0) {
		if (cn_now_ms() >= deadline)
			return false;
		cn_sleep_ms(CN_POLL_MS);
	}
	return true;
}

/*
 * A running dummy @ifname with address @cidr (NULL: none) and an object
 * @name following it. Returns the object's network id once discovery
 * placed it (0 if @cidr is NULL).
 */
static __u64 nic_with_object(struct __test_metadata *_metadata,
			     FIXTURE_DATA(net) *self, const char *ifname,
			     const char *cidr, const char *name)
{
	long long id;

	if (!cn_netdev_exists(ifname)) {
		ASSERT_EQ(0, cn_dummy_add(ifname, true));
	}
	if (cidr) {
		ASSERT_EQ(0, cn_sh("ip addr add %s dev %s", cidr, ifname));
	}
	ASSERT_EQ(0, cn_create(self->dev, name, ifname, 0, 0, 0644));
	if (!cidr)
		return 0;
	id = cn_wait_object_network(self->dev, name, 0, CN_WAIT_MS);
	ASSERT_LT(0, id) TH_LOG("%s (%s) is on no network", name, cidr);
	return (__u64)id;
}

static void check_object_network(struct __test_metadata *_metadata, int dev,
				 const char *name, __u64 id,
				 const char *network)
{
	struct clusnet_if_entry e;
	struct clusnet_info info;
	int h;

	ASSERT_EQ(0, cn_find_object(dev, name, &e)) TH_LOG("%s", name);
	EXPECT_EQ(id, e.network_id) TH_LOG("%s", name);
	EXPECT_STREQ(network, e.network) TH_LOG("%s", name);
	h = cn_open(dev, name, CLUSNET_GENERIC_READ);
	ASSERT_LE(0, h) TH_LOG("%s", name);
	ASSERT_EQ(0, cn_info(h, &info));
	EXPECT_STREQ(network, info.network) TH_LOG("%s: GET_INFO", name);
	close(h);
}

#define EXPECT_NET_STATE(dev, id, want, what) do { \
	int __st = cn_wait_network_state((dev), (id), (want), CN_WAIT_MS); \
	EXPECT_EQ((want), __st) \
		TH_LOG("%s: network state %s, expected %s", (what), \
		       cn_network_state_name(__st), \
		       cn_network_state_name(want)); \
} while (0)

/* The VM's NICs: eth0 on 10.0.2.0/24, eth1 on 192.168.100.0/24. */
TEST_F(net, boot_networks)
{
	static const struct {
		const char *obj, *subnet, *name;
	} boot[] = {
		{ CN_ETH0, "10.0.2.0", "Cluster Network 1" },
		{ CN_ETH1, "192.168.100.0", "Cluster Network 2" },
	};
	struct clusnet_cluster_info ci;
	struct clusnet_network_entry ne;
	struct clusnet_if_entry e;
	unsigned int i;

	ASSERT_EQ(0, cn_cluster_info(self->dev, 0, &ci));
	EXPECT_TRUE(!!(ci.features & CLUSNET_FEATURE_NETWORKS));
	EXPECT_TRUE(!!(ci.features & CLUSNET_FEATURE_ENUM));

	for (i = 0; i < ARRAY_SIZE(boot); i++) {
		ASSERT_EQ(0, cn_find_object(self->dev, boot[i].obj, &e));
		ASSERT_NE(0ULL, e.network_id) TH_LOG("%s", boot[i].obj);
		ASSERT_EQ(0, cn_find_network(self->dev, e.network_id, NULL,
					     &ne));
		EXPECT_TRUE(subnet_is(&ne, boot[i].subnet, 24))
			TH_LOG("%s: %s", boot[i].obj, subnet_str(&ne));
		EXPECT_STREQ(boot[i].name, ne.name);
		EXPECT_STREQ(ne.name, e.network);
		EXPECT_EQ(CLUSNET_NETWORK_DISCOVERED, ne.flags);
		EXPECT_EQ(1U, ne.interfaces);
		EXPECT_EQ(CLUSNET_NETWORK_UP, (int)ne.state);
		EXPECT_EQ(0, ne.__reserved);
		check_object_network(_metadata, self->dev, boot[i].obj,
				     ne.id, boot[i].name);
	}
}

TEST_F_TIMEOUT(net, discovery_names_the_subnet_network, 60)
{
	const char *a, *b;
	char want[64];
	struct clusnet_network_entry ne;
	__u64 id, idb;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	b = new_name(self, "B");
	ASSERT_LT(0, cn_next_network_name(self->dev, want, sizeof(want)));

	/* The address comes after the object. */
	ASSERT_EQ(0, cn_dummy_add(self->ifs[0], true));
	ASSERT_EQ(0, cn_create(self->dev, a, self->ifs[0], 0, 0, 0644));
	check_object_network(_metadata, self->dev, a, 0, "");
	ASSERT_EQ(0, cn_sh("ip addr add 10.77.0.1/24 dev %s", self->ifs[0]));
	id = (__u64)cn_wait_object_network(self->dev, a, 0, CN_WAIT_MS);
	ASSERT_NE(0ULL, id);

	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_STREQ(want, ne.name);
	EXPECT_TRUE(subnet_is(&ne, "10.77.0.0", 24)) TH_LOG("%s",
							    subnet_str(&ne));
	EXPECT_EQ(CLUSNET_NETWORK_DISCOVERED, ne.flags);
	EXPECT_EQ(1U, ne.interfaces);
	EXPECT_EQ(CLUSNET_NETWORK_UP, (int)ne.state);
	check_object_network(_metadata, self->dev, a, id, want);

	/*
	 * The address comes before the object, on another subnet (the host
	 * bits are masked off): a second network, the next number.
	 */
	ASSERT_LT(0, cn_next_network_name(self->dev, want, sizeof(want)));
	idb = nic_with_object(_metadata, self, self->ifs[1], "10.78.3.9/16",
			      b);
	ASSERT_NE(0ULL, idb);
	EXPECT_NE(id, idb);
	ASSERT_EQ(0, cn_find_network(self->dev, idb, NULL, &ne));
	EXPECT_STREQ(want, ne.name);
	EXPECT_TRUE(subnet_is(&ne, "10.78.0.0", 16)) TH_LOG("%s",
							    subnet_str(&ne));
	check_object_network(_metadata, self->dev, b, idb, want);
}

/* Only an IPv4 address makes a network. */
TEST_F(net, ipv6_only_nic_is_on_no_network)
{
	const char *a;
	struct clusnet_if_entry e;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	ASSERT_EQ(0, cn_dummy_add(self->ifs[0], true));
	ASSERT_EQ(0, cn_sh("ip -6 addr add fd00:77::1/64 dev %s nodad",
			   self->ifs[0]));
	ASSERT_EQ(0, cn_create(self->dev, a, self->ifs[0], 0, 0, 0644));
	/* A v4 address on another NIC shows that discovery has run. */
	nic_with_object(_metadata, self, self->ifs[1], "10.77.0.1/24",
			new_name(self, "B"));
	ASSERT_EQ(0, cn_find_object(self->dev, a, &e));
	EXPECT_EQ(0ULL, e.network_id);
	EXPECT_STREQ("", e.network);
	check_object_network(_metadata, self->dev, a, 0, "");
}

TEST_F_TIMEOUT(net, state_follows_the_interface, 60)
{
	const char *a;
	struct clusnet_network_entry ne;
	__u64 id;
	int st;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	id = nic_with_object(_metadata, self, self->ifs[0], "10.77.0.1/24", a);
	ASSERT_NE(0ULL, id);
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_UP, "up");

	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifs[0]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_DOWN, "link down");
	/* Down, the NIC keeps its address and the object its network. */
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	check_object_network(_metadata, self->dev, a, id, ne.name);
	ASSERT_EQ(0, cn_sh("ip link set %s up", self->ifs[0]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_UP, "link up");

	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifs[0]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_DOWN, "carrier off");
	ASSERT_EQ(0, cn_sh("ip link set %s carrier on", self->ifs[0]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_UP, "carrier on");

	/*
	 * Without its NIC the object is UNAVAILABLE and has no address: the
	 * network is UNAVAILABLE, or gone with its last interface.
	 */
	ASSERT_EQ(0, cn_sh("ip link del %s", self->ifs[0]));
	st = cn_wait_network_state(self->dev, id, -ENOENT, CN_WAIT_MS);
	EXPECT_TRUE(st == -ENOENT || st == CLUSNET_NETWORK_UNAVAILABLE)
		TH_LOG("NIC deleted: network state %s",
		       cn_network_state_name(st));
}

/*
 * Several NICs on one subnet share its network: UP when all are up,
 * PARTITIONED when two or more are up and another is not, else DOWN.
 */
TEST_F_TIMEOUT(net, nics_on_one_subnet_share_a_network, 90)
{
	const char *obj[3];
	struct clusnet_network_entry ne;
	char name[CLUSNET_NAME_MAX + 1];
	__u64 id, id2;
	int i;

	CN_REQUIRE_ADMIN();
	for (i = 0; i < 3; i++)
		obj[i] = new_name(self, "member");
	id = nic_with_object(_metadata, self, self->ifs[0], "10.77.0.1/24",
			     obj[0]);
	ASSERT_NE(0ULL, id);
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	snprintf(name, sizeof(name), "%s", ne.name);
	for (i = 1; i < 3; i++) {
		char cidr[32];

		snprintf(cidr, sizeof(cidr), "10.77.0.%d/24", i + 1);
		id2 = nic_with_object(_metadata, self, self->ifs[i], cidr,
				      obj[i]);
		EXPECT_EQ(id, id2) TH_LOG("%s", cidr);
	}
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_EQ(3U, ne.interfaces);
	EXPECT_STREQ(name, ne.name);
	EXPECT_EQ(CLUSNET_NETWORK_DISCOVERED, ne.flags);
	for (i = 0; i < 3; i++)
		check_object_network(_metadata, self->dev, obj[i], id, name);
	/* One network for the subnet, not three. */
	EXPECT_EQ(0, find_subnet(self->dev, "10.77.0.0", 24, &ne));
	EXPECT_EQ(id, ne.id);
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_UP, "all up");

	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifs[0]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_PARTITIONED,
			 "two up, one down");
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifs[1]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_DOWN,
			 "one up, two down");
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifs[2]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_DOWN, "all down");
	ASSERT_EQ(0, cn_sh("ip link set %s up && ip link set %s carrier on && ip link set %s up",
			   self->ifs[0], self->ifs[1], self->ifs[2]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_UP, "all up again");

	/* A member leaving (object deleted) leaves the others in place. */
	ASSERT_EQ(0, cn_delete(self->dev, obj[2]));
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_EQ(2U, ne.interfaces);
	EXPECT_STREQ(name, ne.name);
}

/*
 * A network goes away with its last interface, whichever way that leaves
 * (object deleted, address removed); its number is free again.
 */
TEST_F_TIMEOUT(net, network_goes_away_and_its_number_is_reused, 90)
{
	const char *a, *b, *c;
	struct clusnet_network_entry ne;
	char name_a[64], name_b[64], want[64];
	__u64 ida, idb, idc;
	int num_a, num_b;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	b = new_name(self, "B");
	c = new_name(self, "C");
	num_a = cn_next_network_name(self->dev, name_a, sizeof(name_a));
	ida = nic_with_object(_metadata, self, self->ifs[0], "10.77.0.1/24", a);
	ASSERT_NE(0ULL, ida);
	num_b = cn_next_network_name(self->dev, name_b, sizeof(name_b));
	EXPECT_LT(num_a, num_b);
	idb = nic_with_object(_metadata, self, self->ifs[1], "10.78.0.1/24", b);
	ASSERT_NE(0ULL, idb);
	ASSERT_EQ(0, cn_find_network(self->dev, ida, NULL, &ne));
	EXPECT_STREQ(name_a, ne.name);
	ASSERT_EQ(0, cn_find_network(self->dev, idb, NULL, &ne));
	EXPECT_STREQ(name_b, ne.name);

	/* The last (only) object of A's network is deleted. */
	ASSERT_EQ(0, cn_delete(self->dev, a));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, ida, NULL, &ne))
		TH_LOG("network %s outlived its last interface", name_a);
	EXPECT_TRUE(wait_no_subnet(self->dev, "10.77.0.0", 24));

	/* Its number is the smallest free one again; B's is untouched. */
	ASSERT_EQ(num_a, cn_next_network_name(self->dev, want, sizeof(want)));
	idc = nic_with_object(_metadata, self, self->ifs[2], "10.76.0.1/24", c);
	ASSERT_NE(0ULL, idc);
	EXPECT_NE(ida, idc) TH_LOG("a new network got the old id");
	ASSERT_EQ(0, cn_find_network(self->dev, idc, NULL, &ne));
	EXPECT_STREQ(name_a, ne.name);
	ASSERT_EQ(0, cn_find_network(self->dev, idb, NULL, &ne));
	EXPECT_STREQ(name_b, ne.name);

	/* B's NIC loses its address: B is on no network, and it is gone. */
	ASSERT_EQ(0, cn_sh("ip addr flush dev %s", self->ifs[1]));
	EXPECT_TRUE(wait_no_network(self->dev, b));
	check_object_network(_metadata, self->dev, b, 0, "");
	EXPECT_TRUE(wait_no_subnet(self->dev, "10.78.0.0", 24));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, idb, NULL, &ne));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, 0, name_b, &ne));
}

/* A new primary address moves the object to that subnet's network. */
TEST_F_TIMEOUT(net, primary_address_change_moves_the_object, 60)
{
	const char *a;
	struct clusnet_network_entry ne;
	__u64 id1, id2;
	long long id;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	id1 = nic_with_object(_metadata, self, self->ifs[0], "10.77.0.1/24",
			      a);
	ASSERT_NE(0ULL, id1);

	/* A secondary address on the same subnet changes nothing. */
	ASSERT_EQ(0, cn_sh("ip addr add 10.77.0.2/24 dev %s", self->ifs[0]));
	/* Nor does an address on another subnet after the primary one. */
	ASSERT_EQ(0, cn_sh("ip addr add 10.75.0.1/24 dev %s", self->ifs[0]));
	EXPECT_EQ((long long)id1, cn_object_network_id(self->dev, a));

	ASSERT_EQ(0, cn_sh("ip addr flush dev %s && ip addr add 10.78.0.1/24 dev %s",
			   self->ifs[0], self->ifs[0]));
	id = cn_wait_object_network(self->dev, a, id1, CN_WAIT_MS);
	ASSERT_LT(0, id) TH_LOG("the object did not move");
	id2 = (__u64)id;
	ASSERT_EQ(0, cn_find_network(self->dev, id2, NULL, &ne));
	EXPECT_TRUE(subnet_is(&ne, "10.78.0.0", 24)) TH_LOG("%s",
							    subnet_str(&ne));
	check_object_network(_metadata, self->dev, a, id2, ne.name);
	/* The old network had no other interface. */
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, id1, NULL, &ne));

	/* del then add, as the issue puts it: moved again. */
	ASSERT_EQ(0, cn_sh("ip addr del 10.78.0.1/24 dev %s && ip addr add 10.77.0.5/24 dev %s",
			   self->ifs[0], self->ifs[0]));
	id = cn_wait_object_network(self->dev, a, id2, CN_WAIT_MS);
	ASSERT_LT(0, id) TH_LOG("the object did not move back");
	ASSERT_EQ(0, cn_find_network(self->dev, (__u64)id, NULL, &ne));
	EXPECT_TRUE(subnet_is(&ne, "10.77.0.0", 24)) TH_LOG("%s",
							    subnet_str(&ne));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, id2, NULL, &ne));
}

/* A network named at create: no subnet, PINNED, whatever the address. */
TEST_F_TIMEOUT(net, pinned_network, 60)
{
	const char *a, *b;
	char net[128];
	struct clusnet_network_entry ne;
	struct clusnet_if_entry e;
	__u64 id;
	__u8 zero[16] = { 0 };

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	b = new_name(self, "B");
	cn_name(net, sizeof(net), "pinned net");

	/* Its NIC does not exist yet. */
	ASSERT_EQ(0, cn_create_ex(self->dev, a, NULL, net, self->ifs[0], 0, 0,
				  0644, NULL));
	ASSERT_EQ(0, cn_find_object(self->dev, a, &e));
	EXPECT_EQ(CLUSNET_IF_PINNED, e.flags);
	EXPECT_STREQ(net, e.network);
	id = e.network_id;
	ASSERT_NE(0ULL, id);
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_STREQ(net, ne.name);
	EXPECT_EQ(CLUSNET_NETWORK_PINNED, ne.flags);
	EXPECT_EQ(0, ne.family);
	EXPECT_EQ(0, ne.prefixlen);
	EXPECT_EQ(0, memcmp(zero, ne.subnet, 16));
	EXPECT_EQ(1U, ne.interfaces);
	EXPECT_EQ(CLUSNET_NETWORK_UNAVAILABLE, (int)ne.state);
	check_object_network(_metadata, self->dev, a, id, net);

	ASSERT_EQ(0, cn_dummy_add(self->ifs[0], true));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_UP, "NIC up");

	/* An address does not move a pinned object. */
	ASSERT_EQ(0, cn_sh("ip addr add 10.77.0.1/24 dev %s", self->ifs[0]));
	/* (a discovered object on another NIC shows discovery ran) */
	nic_with_object(_metadata, self, self->ifs[1], "10.78.0.1/24",
			new_name(self, "witness"));
	check_object_network(_metadata, self->dev, a, id, net);
	EXPECT_EQ(-ENOENT, find_subnet(self->dev, "10.77.0.0", 24, NULL))
		TH_LOG("a network for the subnet of a pinned object only");

	/* Another object named with the same network joins it. */
	ASSERT_EQ(0, cn_create_ex(self->dev, b, NULL, net, "cnnone3", 0, 0,
				  0644, NULL));
	check_object_network(_metadata, self->dev, b, id, net);
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_EQ(2U, ne.interfaces);
	/* One UP, one UNAVAILABLE: every available one is UP. */
	EXPECT_EQ(CLUSNET_NETWORK_UP, (int)ne.state);
	ASSERT_EQ(0, cn_sh("ip link set %s down", self->ifs[0]));
	EXPECT_NET_STATE(self->dev, id, CLUSNET_NETWORK_DOWN, "NIC down");

	/* With both objects deleted the network is gone. */
	ASSERT_EQ(0, cn_delete(self->dev, a));
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_EQ(1U, ne.interfaces);
	EXPECT_EQ(CLUSNET_NETWORK_UNAVAILABLE, (int)ne.state);
	ASSERT_EQ(0, cn_delete(self->dev, b));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, 0, net, &ne));
}

/* A network name given at create that a discovered network has. */
TEST_F(net, pinned_to_a_discovered_network_joins_it)
{
	const char *a;
	struct clusnet_network_entry ne, after;
	struct clusnet_if_entry e;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	ASSERT_EQ(0, cn_find_object(self->dev, CN_ETH0, &e));
	ASSERT_EQ(0, cn_find_network(self->dev, e.network_id, NULL, &ne));
	ASSERT_EQ(0, cn_create_ex(self->dev, a, NULL, ne.name, "cnnone3", 0,
				  0, 0644, NULL));
	ASSERT_EQ(0, cn_find_object(self->dev, a, &e));
	EXPECT_EQ(ne.id, e.network_id);
	EXPECT_EQ(CLUSNET_IF_PINNED, e.flags);
	ASSERT_EQ(0, cn_find_network(self->dev, ne.id, NULL, &after));
	EXPECT_EQ(ne.interfaces + 1, after.interfaces);
	EXPECT_STREQ(ne.name, after.name);
	EXPECT_TRUE(subnet_is(&after, "10.0.2.0", 24));
	/* UP and UNAVAILABLE: still UP. */
	EXPECT_EQ(CLUSNET_NETWORK_UP, (int)after.state);
	ASSERT_EQ(0, cn_delete(self->dev, a));
	ASSERT_EQ(0, cn_find_network(self->dev, ne.id, NULL, &after));
	EXPECT_EQ(ne.interfaces, after.interfaces);
}

/* Struct rules callbacks: put the old name back before each attempt. */
struct rename_ctx {
	int dev;
	__u64 id;
	const char *orig;
};

static void rename_back(void *arg)
{
	struct rename_ctx *ctx = arg;

	cn_network_rename(ctx->dev, ctx->id, ctx->orig);
}

static void rename_struct_rules(struct __test_metadata *_metadata, int dev,
				__u64 id, const char *orig, const char *to)
{
	static const __u32 bad_flags[] = { 0x1, 0x80000000u, 0 };
	struct rename_ctx ctx = { dev, id, orig };
	struct cn_struct_ops ops = { .prep = rename_back, .ctx = &ctx };
	struct clusnet_network_rename rn;

	memset(&rn, 0, sizeof(rn));
	rn.size = sizeof(rn);
	rn.id = id;
	rn.name = CN_PTR(to);
	rn.name_len = strlen(to);
	cn_check_struct_rules(_metadata, "NETWORK_RENAME", dev,
			      CLUSNET_IOC_NETWORK_RENAME, &rn, sizeof(rn),
			      CLUSNET_NETWORK_RENAME_SIZE_VER0, bad_flags,
			      &ops);
	rename_back(&ctx);
}

TEST_F_TIMEOUT(net, rename, 90)
{
	const char *a, *b;
	char renamed[128], upper[256], longname[300], orig[256], again[64];
	struct clusnet_network_entry ne, eth0net;
	struct clusnet_if_entry e;
	struct clusnet_network_rename rn;
	__u64 id, id2;
	int ret;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	b = new_name(self, "B");
	cn_name(renamed, sizeof(renamed), "Renamed Net");
	id = nic_with_object(_metadata, self, self->ifs[0], "10.77.0.1/24", a);
	ASSERT_NE(0ULL, id);
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	snprintf(orig, sizeof(orig), "%s", ne.name);

	ASSERT_EQ(0, cn_network_rename(self->dev, id, renamed));
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_STREQ(renamed, ne.name);
	EXPECT_EQ(CLUSNET_NETWORK_DISCOVERED | CLUSNET_NETWORK_RENAMED,
		  ne.flags);
	EXPECT_TRUE(subnet_is(&ne, "10.77.0.0", 24));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, 0, orig, &ne));
	check_object_network(_metadata, self->dev, a, id, renamed);

	/* Names are unique, ASCII case-insensitively. */
	ASSERT_EQ(0, cn_find_object(self->dev, CN_ETH0, &e));
	ASSERT_EQ(0, cn_find_network(self->dev, e.network_id, NULL, &eth0net));
	EXPECT_EQ(-EEXIST, cn_network_rename(self->dev, id, eth0net.name));
	EXPECT_EQ(-EEXIST, cn_network_rename(self->dev, id,
					     cn_upper(upper, sizeof(upper),
						      eth0net.name)));
	EXPECT_EQ(-EEXIST, cn_network_rename(self->dev, eth0net.id,
					     cn_upper(upper, sizeof(upper),
						      renamed)));
	check_object_network(_metadata, self->dev, a, id, renamed);
	check_object_network(_metadata, self->dev, CN_ETH0, eth0net.id,
			     eth0net.name);

	/* Bad arguments. */
	EXPECT_EQ(-ENOENT, cn_network_rename(self->dev, ~0ULL, "x"));
	EXPECT_EQ(-ENOENT, cn_network_rename(self->dev, 0, "x"));
	EXPECT_EQ(-EINVAL, cn_network_rename_n(self->dev, id, "x", 0))
		TH_LOG("empty name");
	EXPECT_EQ(-EINVAL, cn_network_rename_n(self->dev, id, "a\0b", 3))
		TH_LOG("NUL in the name");
	EXPECT_EQ(-EFAULT, cn_network_rename_n(self->dev, id, NULL, 5));
	memset(longname, 'n', sizeof(longname));
	ret = cn_network_rename_n(self->dev, id, longname, 256);
	EXPECT_TRUE(ret == -ENAMETOOLONG || ret == -EINVAL)
		TH_LOG("name_len 256: %s", strerror(-ret));
	memset(&rn, 0, sizeof(rn));
	rn.size = sizeof(rn);
	rn.id = id;
	rn.name = CN_PTR("x");
	rn.name_len = 1;
	rn.flags = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_NETWORK_RENAME, &rn));
	rn.flags = 0;
	rn.__reserved = 1;
	EXPECT_EQ(-EINVAL, cn_ioctl(self->dev, CLUSNET_IOC_NETWORK_RENAME, &rn));
	check_object_network(_metadata, self->dev, a, id, renamed);

	/* 255 bytes are fine. */
	longname[255] = '\0';
	ASSERT_EQ(0, cn_network_rename(self->dev, id, longname));
	check_object_network(_metadata, self->dev, a, id, longname);
	ASSERT_EQ(0, cn_network_rename(self->dev, id, renamed));

	/* The name stays while the subnet has an interface. */
	id2 = nic_with_object(_metadata, self, self->ifs[1], "10.77.0.2/24", b);
	EXPECT_EQ(id, id2);
	check_object_network(_metadata, self->dev, b, id, renamed);
	ASSERT_EQ(0, cn_sh("ip link set %s down && ip link set %s up",
			   self->ifs[0], self->ifs[0]));
	ASSERT_EQ(0, cn_delete(self->dev, a));
	ASSERT_EQ(0, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_STREQ(renamed, ne.name);
	EXPECT_EQ(1U, ne.interfaces);
	check_object_network(_metadata, self->dev, b, id, renamed);

	/* With its last interface the name goes too. */
	ASSERT_EQ(0, cn_delete(self->dev, b));
	EXPECT_EQ(-ENOENT, cn_find_network(self->dev, id, NULL, &ne));
	EXPECT_EQ(-ENOENT, cn_network_rename(self->dev, id, "gone"));
	ASSERT_LT(0, cn_next_network_name(self->dev, again, sizeof(again)));
	id2 = nic_with_object(_metadata, self, self->ifs[2], "10.77.0.3/24",
			      new_name(self, "C"));
	ASSERT_NE(0ULL, id2);
	EXPECT_NE(id, id2);
	ASSERT_EQ(0, cn_find_network(self->dev, id2, NULL, &ne));
	EXPECT_STREQ(again, ne.name);
	EXPECT_EQ(CLUSNET_NETWORK_DISCOVERED, ne.flags);

	/* The structure rules, on the new network. */
	rename_struct_rules(_metadata, self->dev, id2, again, renamed);
}

/* Pinned networks can be renamed too; their objects follow. */
TEST_F(net, rename_pinned_network)
{
	const char *a;
	char net[128], renamed[128];
	struct clusnet_network_entry ne;
	struct clusnet_if_entry e;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	cn_name(net, sizeof(net), "pinned");
	cn_name(renamed, sizeof(renamed), "pinned renamed");
	ASSERT_EQ(0, cn_create_ex(self->dev, a, NULL, net, "cnnone3", 0, 0,
				  0644, NULL));
	ASSERT_EQ(0, cn_find_object(self->dev, a, &e));
	ASSERT_EQ(0, cn_network_rename(self->dev, e.network_id, renamed));
	check_object_network(_metadata, self->dev, a, e.network_id, renamed);
	ASSERT_EQ(0, cn_find_network(self->dev, e.network_id, NULL, &ne));
	EXPECT_EQ(CLUSNET_NETWORK_PINNED | CLUSNET_NETWORK_RENAMED, ne.flags);
}

static int rename_denied(void *arg)
{
	__u64 id = *(__u64 *)arg;
	int dev = cn_dev(), ret;

	CN_CHECK(dev >= 0, "open: %s", strerror(-dev));
	ret = cn_network_rename(dev, id, "not allowed");
	CN_CHECK(ret == -EPERM, "rename: %d (%s)", ret, strerror(-ret));
	close(dev);
	return 0;
}

/* Renaming needs CAP_NET_ADMIN; the unprivileged run checks it too. */
TEST_F(net, rename_needs_cap_net_admin)
{
	static const struct cn_ident root_without = {
		.uid = 0, .gid = 0, .caps = CN_CAPS_DROP_NET_ADMIN,
	};
	struct clusnet_network_entry ne;
	struct clusnet_if_entry e;

	ASSERT_EQ(0, cn_find_object(self->dev, CN_ETH0, &e));
	ASSERT_NE(0ULL, e.network_id);
	if (cn_is_admin()) {
		ASSERT_EQ(0, cn_run(&root_without, rename_denied,
				    &e.network_id))
			TH_LOG("root without CAP_NET_ADMIN: %s",
			       cn_child_msg());
	}
	CN_BECOME_USER();
	EXPECT_EQ(-EPERM, cn_network_rename(self->dev, e.network_id,
					    "not allowed"));
	ASSERT_EQ(0, cn_find_network(self->dev, e.network_id, NULL, &ne));
	EXPECT_STREQ(e.network, ne.name);
	EXPECT_EQ(0U, ne.flags & CLUSNET_NETWORK_RENAMED);
}

/*
 * Network names are unique (ASCII case-insensitively) whoever made them:
 * a network renamed to the next "Cluster Network N" takes that number out
 * of discovery's hands.
 */
TEST_F_TIMEOUT(net, discovery_skips_names_taken_by_a_rename, 60)
{
	const char *a, *b;
	char taken[64], want[64];
	struct clusnet_network_entry ne;
	__u64 ida, idb;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	b = new_name(self, "B");
	ida = nic_with_object(_metadata, self, self->ifs[0], "10.77.0.1/24", a);
	ASSERT_NE(0ULL, ida);
	ASSERT_LT(0, cn_next_network_name(self->dev, taken, sizeof(taken)));
	ASSERT_EQ(0, cn_network_rename(self->dev, ida, taken));
	ASSERT_LT(0, cn_next_network_name(self->dev, want, sizeof(want)));
	ASSERT_STRNE(taken, want);

	idb = nic_with_object(_metadata, self, self->ifs[1], "10.78.0.1/24", b);
	ASSERT_NE(0ULL, idb);
	ASSERT_EQ(0, cn_find_network(self->dev, idb, NULL, &ne));
	EXPECT_STREQ(want, ne.name);
	ASSERT_EQ(0, cn_find_network(self->dev, ida, NULL, &ne));
	EXPECT_STREQ(taken, ne.name);
}

/* A network name at create that differs from an existing one in case only. */
TEST_F(net, create_with_a_network_name_in_other_case)
{
	const char *a;
	char lower[CLUSNET_NAME_MAX + 1];
	struct clusnet_network_entry *all, ne;
	struct clusnet_if_entry e;
	int ret, n, i, k;

	CN_REQUIRE_ADMIN();
	a = new_name(self, "A");
	ASSERT_EQ(0, cn_find_object(self->dev, CN_ETH0, &e));
	ASSERT_EQ(0, cn_find_network(self->dev, e.network_id, NULL, &ne));
	for (i = 0; ne.name[i]; i++)
		lower[i] = ne.name[i] >= 'A' && ne.name[i] <= 'Z' ?
			   ne.name[i] - 'A' + 'a' : ne.name[i];
	lower[i] = '\0';
	ASSERT_STRNE(lower, ne.name);

	/* Either it joins that network or it is refused: never a twin. */
	ret = cn_create_ex(self->dev, a, NULL, lower, "cnnone3", 0, 0, 0644,
			   NULL);
	EXPECT_TRUE(ret == 0 || ret == -EEXIST) TH_LOG("%s", strerror(-ret));
	if (!ret) {
		ASSERT_EQ(0, cn_find_object(self->dev, a, &e));
		EXPECT_EQ(ne.id, e.network_id);
		EXPECT_STREQ(ne.name, e.network);
	}
	n = cn_networks(self->dev, &all);
	ASSERT_LE(2, n);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			EXPECT_NE(0, strcasecmp(all[i].name, all[k].name))
				TH_LOG("two networks called %s", all[i].name);
	free(all);
}

TEST_HARNESS_MAIN
