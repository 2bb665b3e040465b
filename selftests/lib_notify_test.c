// SPDX-License-Identifier: GPL-2.0
/*
 * libclusnet notifications as Windows delivers them: CLUSTER_CHANGE_HANDLE_CLOSE
 * when a registered handle (interface, node, network, cluster) is closed,
 * a NULL name buffer taking the notification, RegisterClusterNotify leaving
 * the caller's files alone, and node and network events derived from the
 * interfaces'. (CLUSTER_CHANGE_CLUSTER_RECONNECT: lib_netif_family_test's
 * notify_overflow.) Runs as root and as an unprivileged user; tests that
 * must create objects skip for the user.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>

#include "clusapi.h"

/* Windows' constants are ints and sizes DWORDs: expectations mix them. */
#pragma GCC diagnostic ignored "-Wsign-compare"

#include "common.h"

#define ETH0 u"node1 - eth0"

#define NEED_DEV() do { \
	if (access(CN_DEV_PATH, F_OK)) \
		SKIP(return, "/dev/clusnet missing"); \
} while (0)

static char16_t *w(char16_t *dst, const char *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		dst[i] = (unsigned char)src[i];
	dst[i] = 0;
	return dst;
}

static char *a(char *dst, const char16_t *src, size_t max)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < max; i++)
		dst[i] = src[i] < 0x80 ? (char)src[i] : '?';
	dst[i] = 0;
	return dst;
}

struct note {
	DWORD_PTR key;
	DWORD filter;
	char name[300];
};

static DWORD next_note(HCHANGE hp, struct note *n, DWORD ms)
{
	char16_t buf[300];
	DWORD cch = 300, err;

	n->key = 0;
	n->filter = 0;
	n->name[0] = 0;
	err = GetClusterNotify(hp, &n->key, &n->filter, buf, &cch, ms);
	if (!err)
		a(n->name, buf, sizeof(n->name));
	return err;
}

/* Skip others until this filter and name come (1), or nothing does (0). */
static int wait_note(HCHANGE hp, DWORD filter, const char *name,
		     DWORD_PTR key)
{
	long long end = cn_now_ms() + CN_WAIT_MS;
	struct note n;

	while (cn_now_ms() < end) {
		if (next_note(hp, &n, CN_WAIT_MS))
			return 0;
		if (n.filter == filter && !strcmp(n.name, name) && n.key == key)
			return 1;
	}
	return 0;
}

FIXTURE(nt)
{
	HCLUSTER hc;
	int dev;
	char obj[64];
	char ifn[IFNAMSIZ];
	HNETWORK rename_back;
	char net[64];
};

FIXTURE_SETUP(nt)
{
	memset(self, 0, sizeof(*self));
	self->dev = -1;
	if (access(CN_DEV_PATH, F_OK))
		return;
	self->hc = OpenClusterEx(NULL, MAXIMUM_ALLOWED, NULL);
	ASSERT_NE(NULL, self->hc);
	self->dev = cn_dev();
	ASSERT_LE(0, self->dev);
}

FIXTURE_TEARDOWN(nt)
{
	char16_t wn[64];

	if (self->rename_back) {
		SetClusterNetworkName(self->rename_back, w(wn, self->net));
		CloseClusterNetwork(self->rename_back);
	}
	if (self->obj[0])
		cn_delete(self->dev, self->obj);
	if (self->ifn[0])
		cn_link_del(self->ifn);
	if (self->dev >= 0)
		close(self->dev);
	if (self->hc)
		CloseCluster(self->hc);
}

/* The Microsoft example's loop: wait until the handle-close notification. */
struct loop {
	HCHANGE hp;
	int seen;		/* notifications before it */
	struct note last;
	DWORD err;
};

static void *loop_fn(void *arg)
{
	struct loop *l = arg;

	for (;;) {
		l->err = next_note(l->hp, &l->last, 2 * CN_WAIT_MS);
		if (l->err || l->last.filter == CLUSTER_CHANGE_HANDLE_CLOSE)
			return NULL;
		l->seen++;
	}
}

TEST_F(nt, handle_close_ends_the_loop)
{
	struct loop l = { 0 };
	HNETINTERFACE h;
	pthread_t t;

	NEED_DEV();
	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	l.hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE,
				       INVALID_HANDLE_VALUE, 0, 0);
	ASSERT_NE(NULL, l.hp);
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(l.hp, CLUSTER_CHANGE_NETINTERFACE_STATE |
					CLUSTER_CHANGE_HANDLE_CLOSE, h, 42));
	ASSERT_EQ(0, pthread_create(&t, NULL, loop_fn, &l));
	cn_sleep_ms(100);	/* let it wait */
	ASSERT_TRUE(CloseClusterNetInterface(h));
	ASSERT_EQ(0, pthread_join(t, NULL));
	ASSERT_EQ(ERROR_SUCCESS, l.err);
	ASSERT_EQ(CLUSTER_CHANGE_HANDLE_CLOSE, l.last.filter);
	ASSERT_EQ(42, l.last.key);
	ASSERT_STREQ(CN_ETH0, l.last.name);
	/* the registration is over */
	ASSERT_EQ(WAIT_TIMEOUT, next_note(l.hp, &l.last, 100));
	ASSERT_TRUE(CloseClusterNotifyPort(l.hp));
}

TEST_F(nt, handle_close_of_cluster_node_network)
{
	HCLUSTER hc2;
	HNODE hn;
	HNETWORK hw;
	HCHANGE hp;
	struct note n;

	NEED_DEV();
	hc2 = OpenClusterEx(NULL, GENERIC_READ, NULL);
	ASSERT_NE(NULL, hc2);
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, hc2,
				     CLUSTER_CHANGE_ALL, 1);
	ASSERT_NE(NULL, hp);
	ASSERT_EQ(0, CLUSTER_CHANGE_ALL & CLUSTER_CHANGE_CLUSTER_RECONNECT);
	ASSERT_NE(0, CLUSTER_CHANGE_ALL & CLUSTER_CHANGE_HANDLE_CLOSE);
	hn = OpenClusterNodeEx(self->hc, u"node1", GENERIC_READ, NULL);
	hw = OpenClusterNetworkEx(self->hc, u"Cluster Network 1", GENERIC_READ,
				  NULL);
	ASSERT_NE(NULL, hn);
	ASSERT_NE(NULL, hw);
	ASSERT_EQ(ERROR_INVALID_HANDLE,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NODE_STATE,
					INVALID_HANDLE_VALUE, 2));
	/* node and network handles take their own kinds of changes */
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NETWORK_STATE, hn,
					2));
	ASSERT_EQ(ERROR_INVALID_PARAMETER,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NODE_STATE, hw, 3));
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NODE_STATE |
					CLUSTER_CHANGE_HANDLE_CLOSE, hn, 2));
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NETWORK_STATE |
					CLUSTER_CHANGE_HANDLE_CLOSE, hw, 3));
	ASSERT_TRUE(CloseClusterNetwork(hw));
	ASSERT_EQ(ERROR_SUCCESS, next_note(hp, &n, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_HANDLE_CLOSE, n.filter);
	ASSERT_EQ(3, n.key);
	ASSERT_STREQ(CN_NET_ETH0, n.name);
	ASSERT_TRUE(CloseClusterNode(hn));
	ASSERT_EQ(ERROR_SUCCESS, next_note(hp, &n, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_HANDLE_CLOSE, n.filter);
	ASSERT_EQ(2, n.key);
	ASSERT_STREQ(CN_NODE, n.name);
	/* the cluster the port was made on */
	ASSERT_TRUE(CloseCluster(hc2));
	ASSERT_EQ(ERROR_SUCCESS, next_note(hp, &n, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_HANDLE_CLOSE, n.filter);
	ASSERT_EQ(1, n.key);
	ASSERT_STREQ(CN_NODE, n.name);
	ASSERT_EQ(WAIT_TIMEOUT, next_note(hp, &n, 100));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

/*
 * RegisterClusterNotify must not change the caller's open files: before,
 * it set O_NONBLOCK on a dup of the handle's fd, i.e. on the caller's own
 * open file description.
 */
TEST_F(nt, register_leaves_caller_files_alone)
{
	int before[256], fd;
	HNETINTERFACE h;
	HCHANGE hp;

	NEED_DEV();
	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	for (fd = 0; fd < 256; fd++)
		before[fd] = fcntl(fd, F_GETFL);
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE,
				     INVALID_HANDLE_VALUE, 0, 0);
	ASSERT_NE(NULL, hp);
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(hp, CLUSTER_CHANGE_NETINTERFACE_STATE,
					h, 1));
	for (fd = 0; fd < 256; fd++)
		if (before[fd] >= 0)
			ASSERT_EQ(before[fd], fcntl(fd, F_GETFL))
				TH_LOG("fd %d flags changed", fd);
	/* and the handle still works */
	ASSERT_NE(ClusterNetInterfaceStateUnknown,
		  GetClusterNetInterfaceState(h));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

/*
 * A port that could not be made (no file descriptor left for its watch)
 * is freed and forgotten: closing a handle afterwards looks through every
 * port (for HANDLE_CLOSE) and must not meet it (ASan in the debug runs).
 */
TEST_F(nt, failed_port_is_forgotten)
{
	struct rlimit old, lim;
	HNETINTERFACE h;
	HCHANGE hp;
	int fd;

	NEED_DEV();
	h = OpenClusterNetInterfaceEx(self->hc, ETH0, GENERIC_READ, NULL);
	ASSERT_NE(NULL, h);
	ASSERT_EQ(0, getrlimit(RLIMIT_NOFILE, &old));
	/* room for the port's eventfd only: its watch fd fails */
	fd = dup(0);
	ASSERT_LE(0, fd);
	close(fd);
	lim = old;
	lim.rlim_cur = fd + 1;
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &lim));
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_ALL, 1);
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &old));
	ASSERT_EQ(NULL, hp);
	ASSERT_EQ(ERROR_TOO_MANY_OPEN_FILES, GetLastError());
	ASSERT_TRUE(CloseClusterNetInterface(h));
}

/* A remote-node object, on no NIC (root only). */
static int add_remote(FIXTURE_DATA(nt) *self, const char *node)
{
	snprintf(self->obj, sizeof(self->obj), "%s - cnt%d", node, getpid());
	return cn_create_ex(self->dev, self->obj, node, NULL, "cntnonic8", 0, 0,
			    0644, NULL);
}

/* With no name buffer the notification is taken, not left queued. */
TEST_F(nt, null_name_takes_the_notification)
{
	DWORD key, filter, cch;
	DWORD_PTR k;
	HCHANGE hp;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_NETINTERFACE_ADDED |
				     CLUSTER_CHANGE_NETINTERFACE_DELETED, 7);
	ASSERT_NE(NULL, hp);
	ASSERT_EQ(0, add_remote(self, "cntnullnode"));
	cch = 1234;
	filter = 0;
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNotify(hp, &k, &filter, NULL, &cch, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_ADDED, filter);
	ASSERT_EQ(strlen(self->obj), cch);
	key = (DWORD)k;
	ASSERT_EQ(7, key);
	/* not the same one again; without lpcchName either */
	ASSERT_EQ(WAIT_TIMEOUT,
		  GetClusterNotify(hp, &k, &filter, NULL, &cch, 100));
	ASSERT_EQ(0, cn_delete(self->dev, self->obj));
	self->obj[0] = 0;
	ASSERT_EQ(ERROR_SUCCESS,
		  GetClusterNotify(hp, &k, &filter, NULL, NULL, CN_WAIT_MS));
	ASSERT_EQ(CLUSTER_CHANGE_NETINTERFACE_DELETED, filter);
	ASSERT_EQ(WAIT_TIMEOUT,
		  GetClusterNotify(hp, &k, &filter, NULL, NULL, 100));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

TEST_F(nt, node_added_and_deleted)
{
	HCHANGE hp, hr;
	HNODE hn;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_NODE_ADDED |
				     CLUSTER_CHANGE_NODE_DELETED, 1);
	ASSERT_NE(NULL, hp);
	ASSERT_EQ(0, add_remote(self, "cntevnode"));
	ASSERT_EQ(1, wait_note(hp, CLUSTER_CHANGE_NODE_ADDED, "cntevnode", 1));
	hn = OpenClusterNodeEx(self->hc, u"cntevnode", GENERIC_READ, NULL);
	ASSERT_NE(NULL, hn);
	hr = CreateClusterNotifyPort(INVALID_HANDLE_VALUE,
				     INVALID_HANDLE_VALUE, 0, 0);
	ASSERT_NE(NULL, hr);
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(hr, CLUSTER_CHANGE_NODE_DELETED, hn, 2));
	ASSERT_EQ(0, cn_delete(self->dev, self->obj));
	self->obj[0] = 0;
	ASSERT_EQ(1, wait_note(hp, CLUSTER_CHANGE_NODE_DELETED, "cntevnode",
			       1));
	ASSERT_EQ(1, wait_note(hr, CLUSTER_CHANGE_NODE_DELETED, "cntevnode",
			       2));
	ASSERT_TRUE(CloseClusterNode(hn));
	ASSERT_TRUE(CloseClusterNotifyPort(hr));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

/* The network of a NIC on a subnet of its own: added, state, rename, gone. */
TEST_F(nt, network_events)
{
	char net[CLUSNET_NAME_MAX + 1], renamed[64];
	char16_t wn[64];
	struct clusnet_info info;
	HCHANGE hp, hr;
	HNETWORK hw;
	long long end;
	int h;

	NEED_DEV();
	CN_REQUIRE_ADMIN();
	cn_netdev_modules();
	hp = CreateClusterNotifyPort(INVALID_HANDLE_VALUE, self->hc,
				     CLUSTER_CHANGE_NETWORK_ADDED |
				     CLUSTER_CHANGE_NETWORK_DELETED |
				     CLUSTER_CHANGE_NETWORK_STATE |
				     CLUSTER_CHANGE_NETWORK_PROPERTY, 1);
	ASSERT_NE(NULL, hp);
	cn_ifname(self->ifn);
	ASSERT_EQ(0, cn_sh("ip link add %s type dummy && ip link set %s up && "
			   "ip addr add 10.213.%d.1/24 dev %s", self->ifn,
			   self->ifn, getpid() % 200, self->ifn));
	cn_name(self->obj, sizeof(self->obj), "netev");
	ASSERT_EQ(0, cn_create_ex(self->dev, self->obj, NULL, NULL, self->ifn,
				  0, 0, 0644, NULL));
	/* the object's network, once discovery placed it */
	h = cn_wait_open(self->dev, self->obj, CLUSNET_GENERIC_READ,
			 CN_WAIT_MS);
	ASSERT_LE(0, h);
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	for (end = cn_now_ms() + CN_WAIT_MS;
	     !cn_info(h, &info) && !info.network[0] && cn_now_ms() < end;)
		cn_sleep_ms(CN_POLL_MS);
	close(h);
	snprintf(net, sizeof(net), "%s", info.network);
	ASSERT_NE(0, net[0]);
	ASSERT_EQ(1, wait_note(hp, CLUSTER_CHANGE_NETWORK_ADDED, net, 1));

	/* one network's events through its handle */
	hw = OpenClusterNetwork(self->hc, w(wn, net));
	ASSERT_NE(NULL, hw);
	hr = CreateClusterNotifyPort(INVALID_HANDLE_VALUE,
				     INVALID_HANDLE_VALUE, 0, 0);
	ASSERT_NE(NULL, hr);
	ASSERT_EQ(ERROR_SUCCESS,
		  RegisterClusterNotify(hr, CLUSTER_CHANGE_NETWORK_STATE |
					CLUSTER_CHANGE_NETWORK_PROPERTY |
					CLUSTER_CHANGE_NETWORK_DELETED, hw, 2));
	ASSERT_EQ(0, cn_sh("ip link set %s carrier off", self->ifn));
	ASSERT_EQ(1, wait_note(hp, CLUSTER_CHANGE_NETWORK_STATE, net, 1));
	ASSERT_EQ(1, wait_note(hr, CLUSTER_CHANGE_NETWORK_STATE, net, 2));
	snprintf(renamed, sizeof(renamed), "cnt Net %d", getpid());
	ASSERT_EQ(ERROR_SUCCESS, SetClusterNetworkName(hw, w(wn, renamed)));
	ASSERT_EQ(1, wait_note(hp, CLUSTER_CHANGE_NETWORK_PROPERTY, renamed,
			       1));
	ASSERT_EQ(1, wait_note(hr, CLUSTER_CHANGE_NETWORK_PROPERTY, renamed,
			       2));
	ASSERT_EQ(0, cn_delete(self->dev, self->obj));
	self->obj[0] = 0;
	ASSERT_EQ(1, wait_note(hp, CLUSTER_CHANGE_NETWORK_DELETED, renamed, 1));
	ASSERT_EQ(1, wait_note(hr, CLUSTER_CHANGE_NETWORK_DELETED, renamed, 2));
	/* a vanished network cannot be renamed (MS-CMRP) */
	ASSERT_EQ(ERROR_NETWORK_NOT_AVAILABLE,
		  SetClusterNetworkName(hw, u"cnt gone"));
	ASSERT_TRUE(CloseClusterNetwork(hw));
	ASSERT_TRUE(CloseClusterNotifyPort(hr));
	ASSERT_TRUE(CloseClusterNotifyPort(hp));
}

TEST_HARNESS_MAIN
