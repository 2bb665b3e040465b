// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Change notifications: CreateClusterNotifyPort, RegisterClusterNotify,
 * GetClusterNotify, CloseClusterNotifyPort.
 *
 * A port reads kernel event records from its sources: a CLUSNET_IOC_WATCH
 * fd per cluster, node or network registration, and for a network
 * interface registration a handle fd of its own, opened anew for the
 * port (so the caller's handle, its file flags and its events are left
 * alone). Each record becomes one notification per change bit the
 * registration's filter asks for, in the order ADDED, STATE, PROPERTY,
 * DELETED; node and network events are derived (notifyderive.c).
 *
 * A source that fell behind gets an overflow record from the kernel: it
 * is reported as CLUSTER_CHANGE_CLUSTER_RECONNECT (whatever the filter:
 * events were lost, re-read the state), named after the cluster.
 *
 * Closing a registered handle ends its registrations; those whose filter
 * has CLUSTER_CHANGE_HANDLE_CLOSE get that notification, named after the
 * object, as the last one from that registration.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "notify.h"

#define NETIF_CHANGES (CLUSTER_CHANGE_NETINTERFACE_STATE | \
		       CLUSTER_CHANGE_NETINTERFACE_DELETED | \
		       CLUSTER_CHANGE_NETINTERFACE_ADDED | \
		       CLUSTER_CHANGE_NETINTERFACE_PROPERTY)

/* Every port, for clusnet_notify_closed (lock order: ports, then port). */
static pthread_mutex_t ports_lock = PTHREAD_MUTEX_INITIALIZER;
static struct _HCHANGE *ports;

/* An eventfd stays readable until reset: every poller sees it. */
static void wake_set(int fd)
{
	uint64_t one = 1;
	ssize_t r = write(fd, &one, sizeof(one));

	(void)r;	/* EAGAIN: already set, which is enough */
}

static void wake_reset(int fd)
{
	uint64_t v;
	ssize_t r = read(fd, &v, sizeof(v));

	(void)r;	/* EAGAIN: already reset */
}

static int change_ok(HCHANGE h)
{
	return h && h != (HCHANGE)INVALID_HANDLE_VALUE &&
	       h->magic == CLUSNET_MAGIC_CHANGE;
}

static void ports_unlink(HCHANGE h)
{
	struct _HCHANGE **p;

	pthread_mutex_lock(&ports_lock);
	for (p = &ports; *p; p = &(*p)->next_port) {
		if (*p == h) {
			*p = h->next_port;
			break;
		}
	}
	pthread_mutex_unlock(&ports_lock);
}

/* Unlinks the port too: a port that failed to be made is linked already. */
static void port_free(HCHANGE h)
{
	size_t i;

	ports_unlink(h);
	for (i = 0; i < h->nsrc; i++) {
		close(h->src[i].fd);
		clusnet_derive_free(&h->src[i]);
		clusnet_conn_put(h->src[i].conn);
	}
	close(h->wake);
	pthread_mutex_destroy(&h->lock);
	free(h->src);
	free(h->q);
	free(h);
}

static HCHANGE port_new(void)
{
	struct _HCHANGE *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (h->wake < 0) {
		free(h);
		return NULL;
	}
	pthread_mutex_init(&h->lock, NULL);
	h->magic = CLUSNET_MAGIC_CHANGE;
	pthread_mutex_lock(&ports_lock);
	h->next_port = ports;
	ports = h;
	pthread_mutex_unlock(&ports_lock);
	return h;
}

/*
 * Add a source (takes its fd and a reference on conn) under the lock,
 * with its first snapshot if it derives events, and wake waiters to poll
 * it.
 */
static DWORD add_source(HCHANGE h, const struct source *tmpl,
			struct clusnet_conn *conn)
{
	struct source *ns, s = *tmpl;
	DWORD err = ERROR_SUCCESS;

	s.conn = clusnet_conn_get(conn);
	if (clusnet_derives(&s))
		err = clusnet_derive_init(&s);
	pthread_mutex_lock(&h->lock);
	ns = err ? NULL : realloc(h->src, (h->nsrc + 1) * sizeof(*ns));
	if (!ns) {
		close(s.fd);
		clusnet_derive_free(&s);
		clusnet_conn_put(s.conn);
		if (!err)
			err = ERROR_NOT_ENOUGH_MEMORY;
	} else {
		h->src = ns;
		ns[h->nsrc++] = s;
		wake_set(h->wake);
	}
	pthread_mutex_unlock(&h->lock);
	return err;
}

/* A watch fd on the connection: the fd or -errno. */
static int watch_fd(struct clusnet_conn *conn)
{
	struct clusnet_watch w;
	int fd;

	memset(&w, 0, sizeof(w));
	w.size = sizeof(w);
	w.flags = O_CLOEXEC | O_NONBLOCK;
	fd = ioctl(conn->fd, CLUSNET_IOC_WATCH, &w);
	return fd < 0 ? -errno : fd;
}

/* The cluster's name (this node's), for CLUSTER_RECONNECT. */
static void cluster_name(struct clusnet_conn *conn, char *out)
{
	struct clusnet_cluster_info ci;

	if (clusnet_cluster_info(conn->fd, 0, &ci) < 0)
		ci.node[0] = 0;
	strcpy(out, ci.node);
}

CLUSNET_EXPORT HCHANGE WINAPI CreateClusterNotifyPort(HCHANGE hChange,
						      HCLUSTER hCluster,
						      DWORD dwFilter,
						      DWORD_PTR dwNotifyKey)
{
	int create = hChange == (HCHANGE)INVALID_HANDLE_VALUE;
	struct source tmpl;
	HCHANGE h = hChange;
	DWORD err;
	int fd;

	if (!create && !change_ok(hChange)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	/* INVALID_HANDLE_VALUE: a port on no cluster (yet) */
	if (hCluster != (HCLUSTER)INVALID_HANDLE_VALUE &&
	    !clusnet_cluster_ok(hCluster)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return NULL;
	}
	if (create) {
		h = port_new();
		if (!h) {
			SetLastError(ERROR_NOT_ENOUGH_MEMORY);
			return NULL;
		}
	}
	if (hCluster == (HCLUSTER)INVALID_HANDLE_VALUE)
		return h;

	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.kind = SRC_CLUSTER;
	tmpl.filter = dwFilter;
	tmpl.key = dwNotifyKey;
	tmpl.obj = hCluster;
	cluster_name(hCluster->conn, tmpl.cluster);
	strcpy(tmpl.name, tmpl.cluster);
	fd = watch_fd(hCluster->conn);
	if (fd < 0) {
		err = clusnet_errno_to_win32(-fd);
		goto fail;
	}
	tmpl.fd = fd;
	err = add_source(h, &tmpl, hCluster->conn);
	if (err)
		goto fail;
	return h;

fail:
	if (create)
		port_free(h);
	SetLastError(err);
	return NULL;
}

/*
 * A handle fd of the interface's own, opened anew: read access is enough
 * (the caller's handle has at least that) and the port's reads then take
 * nothing from the caller's handle. The fd or -errno.
 */
static int reopen_netif(HNETINTERFACE hi, const char *name)
{
	struct clusnet_open o;
	int fd;

	memset(&o, 0, sizeof(o));
	o.size = sizeof(o);
	o.flags = O_CLOEXEC;
	o.name = (uintptr_t)name;
	o.name_len = (uint32_t)strlen(name);
	o.desired_access = GENERIC_READ;
	fd = ioctl(hi->conn->fd, CLUSNET_IOC_OPEN, &o);
	if (fd < 0)
		return -errno;
	if (o.id != hi->id) {	/* deleted, and another took its name */
		close(fd);
		return -ENOENT;
	}
	return fd;
}

static DWORD register_netif(HCHANGE hChange, DWORD filter, HNETINTERFACE hi,
			    struct source *t)
{
	struct clusnet_info info;
	int fd;

	if (filter & ~(NETIF_CHANGES | CLUSTER_CHANGE_HANDLE_CLOSE))
		return ERROR_INVALID_PARAMETER;
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (ioctl(hi->fd, CLUSNET_HIOC_GET_INFO, &info) < 0)
		return clusnet_errno_to_win32(errno);
	info.name[CLUSNET_NAME_MAX] = 0;
	fd = reopen_netif(hi, info.name);
	if (fd < 0)
		return clusnet_errno_to_win32(-fd);
	t->kind = SRC_NETIF;
	t->fd = fd;
	strcpy(t->name, info.name);
	cluster_name(hi->conn, t->cluster);
	return add_source(hChange, t, hi->conn);
}

static DWORD register_watch(HCHANGE hChange, enum src_kind kind, DWORD allowed,
			    struct clusnet_conn *conn, struct source *t)
{
	int fd;

	if (t->filter & ~(allowed | CLUSTER_CHANGE_HANDLE_CLOSE))
		return ERROR_INVALID_PARAMETER;
	fd = watch_fd(conn);
	if (fd < 0)
		return clusnet_errno_to_win32(-fd);
	t->kind = kind;
	t->fd = fd;
	cluster_name(conn, t->cluster);
	return add_source(hChange, t, conn);
}

/*
 * Events of one object: a network interface (CLUSTER_CHANGE_NETINTERFACE_*
 * bits), a node (CLUSTER_CHANGE_NODE_*) or a network
 * (CLUSTER_CHANGE_NETWORK_*), each with CLUSTER_CHANGE_HANDLE_CLOSE; or of
 * a cluster (any bits), as CreateClusterNotifyPort.
 */
CLUSNET_EXPORT DWORD WINAPI RegisterClusterNotify(HCHANGE hChange,
						  DWORD dwFilterType,
						  HANDLE hObject,
						  DWORD_PTR dwNotifyKey)
{
	struct clusnet_network_entry ne;
	struct source t;
	DWORD err;

	if (!change_ok(hChange) || !hObject ||
	    hObject == INVALID_HANDLE_VALUE)
		return ERROR_INVALID_HANDLE;
	if (!dwFilterType)
		return ERROR_INVALID_PARAMETER;
	memset(&t, 0, sizeof(t));
	t.filter = dwFilterType;
	t.key = dwNotifyKey;
	t.obj = hObject;
	/* every handle starts with its magic number */
	switch (*(const uint32_t *)hObject) {
	case CLUSNET_MAGIC_NETIF:
		return register_netif(hChange, dwFilterType, hObject, &t);
	case CLUSNET_MAGIC_NODE: {
		HNODE hn = hObject;

		strcpy(t.name, hn->name);
		return register_watch(hChange, SRC_NODE, NODE_CHANGES,
				      hn->conn, &t);
	}
	case CLUSNET_MAGIC_NETWORK: {
		HNETWORK hw = hObject;

		err = clusnet_network_lookup(hw, &ne);
		if (err)
			return err;
		strcpy(t.name, ne.name);
		t.network_id = hw->id;
		return register_watch(hChange, SRC_NETWORK, NETWORK_CHANGES,
				      hw->conn, &t);
	}
	case CLUSNET_MAGIC_CLUSTER: {
		HCLUSTER hc = hObject;

		cluster_name(hc->conn, t.name);
		return register_watch(hChange, SRC_CLUSTER, CLUSTER_CHANGE_ALL |
				      CLUSTER_CHANGE_CLUSTER_RECONNECT,
				      hc->conn, &t);
	}
	default:
		return ERROR_INVALID_HANDLE;
	}
}

int clusnet_notify_push(HCHANGE h, DWORD_PTR key, DWORD filter,
			const char *name)
{
	struct notif *n;

	if (h->qhead == h->qlen)
		h->qhead = h->qlen = 0;
	if (h->qlen == h->qcap) {
		size_t cap = h->qcap ? h->qcap * 2 : 32;

		n = realloc(h->q, cap * sizeof(*n));
		if (!n)
			return -1;
		h->q = n;
		h->qcap = cap;
	}
	n = &h->q[h->qlen++];
	n->key = key;
	n->filter = filter;
	strcpy(n->name, name);
	return 0;
}

static const struct {
	uint32_t ev;
	DWORD change;
} ev_map[] = {
	{ CLUSNET_EVENT_ADDED, CLUSTER_CHANGE_NETINTERFACE_ADDED },
	{ CLUSNET_EVENT_STATE, CLUSTER_CHANGE_NETINTERFACE_STATE },
	{ CLUSNET_EVENT_PROPERTY, CLUSTER_CHANGE_NETINTERFACE_PROPERTY },
	{ CLUSNET_EVENT_DELETED, CLUSTER_CHANGE_NETINTERFACE_DELETED },
};

#define NMAP (sizeof(ev_map) / sizeof(ev_map[0]))

static void record(HCHANGE h, const struct source *s,
		   const struct clusnet_event *ev, const char *name)
{
	size_t i;

	if (ev->changes & CLUSNET_EVENT_OVERFLOW) {
		clusnet_notify_push(h, s->key, CLUSTER_CHANGE_CLUSTER_RECONNECT,
				    s->cluster);
		return;
	}
	/* node and network sources only derive */
	if (s->kind == SRC_NODE || s->kind == SRC_NETWORK)
		return;
	for (i = 0; i < NMAP; i++)
		if ((s->filter & ev_map[i].change) &&
		    (ev->changes & ev_map[i].ev))
			clusnet_notify_push(h, s->key, ev_map[i].change, name);
}

static void drain_one(HCHANGE h, struct source *s)
{
	union {
		struct clusnet_cluster_event c[16];
		struct clusnet_event e[64];
	} buf;
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	size_t rec = s->kind == SRC_NETIF ? sizeof(buf.e[0]) : sizeof(buf.c[0]);
	ssize_t r, k;

	/* the port's own fds: nobody else reads them, so this never blocks */
	if (s->dead || poll(&pfd, 1, 0) <= 0)
		return;
	if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
		return;
	r = read(s->fd, &buf, sizeof(buf));
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r <= 0) {
		s->dead = 1;	/* object or namespace gone */
		return;
	}
	if (clusnet_derives(s))
		clusnet_derive_changes(h, s);
	for (k = 0; k + (ssize_t)rec <= r; k += (ssize_t)rec) {
		if (s->kind != SRC_NETIF) {
			struct clusnet_cluster_event *c =
				(void *)((char *)&buf + k);

			c->name[CLUSNET_NAME_MAX] = 0;
			record(h, s, &c->ev, c->name);
		} else {
			record(h, s, (void *)((char *)&buf + k), s->name);
		}
	}
	if (clusnet_derives(s))
		clusnet_derive_deletions(h, s);
}

/* Read what is pending from every live source into the queue; locked. */
static void drain(HCHANGE h)
{
	size_t i;

	for (i = 0; i < h->nsrc; i++)
		drain_one(h, &h->src[i]);
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The name of a notification: the usual buffer protocol, except that no
 * buffer at all (lpszName NULL) means the caller does not want the name:
 * the notification is taken (and its length reported if lpcchName is
 * given), never left queued to come back forever.
 */
static DWORD take_name(const char *name, LPWSTR buf, LPDWORD lpcch)
{
	DWORD cch = 0;

	if (buf)
		return clusnet_put_wstr(name, buf, lpcch);
	clusnet_put_wstr(name, NULL, &cch);
	if (lpcch)
		*lpcch = cch;
	return ERROR_SUCCESS;
}

/*
 * The next notification. When the name buffer is too small the
 * notification stays queued (ERROR_MORE_DATA, with key and filter type
 * already filled in) for the next call.
 */
CLUSNET_EXPORT DWORD WINAPI GetClusterNotify(HCHANGE hChange,
					     DWORD_PTR *lpdwNotifyKey,
					     LPDWORD lpdwFilterType,
					     LPWSTR lpszName, LPDWORD lpcchName,
					     DWORD dwMilliseconds)
{
	int64_t deadline = 0;
	struct pollfd *pfd = NULL;
	DWORD err;
	int freeit = 0;

	if (!change_ok(hChange))
		return ERROR_INVALID_HANDLE;
	if (lpszName && !lpcchName)
		return ERROR_INVALID_PARAMETER;
	if (dwMilliseconds != INFINITE)
		deadline = now_ms() + dwMilliseconds;

	pthread_mutex_lock(&hChange->lock);
	for (;;) {
		size_t n, i;
		int timeout;

		if (hChange->closed) {
			err = ERROR_INVALID_HANDLE;
			break;
		}
		if (hChange->qhead == hChange->qlen)
			drain(hChange);
		if (hChange->qhead < hChange->qlen) {
			struct notif *q = &hChange->q[hChange->qhead];

			if (lpdwNotifyKey)
				*lpdwNotifyKey = q->key;
			if (lpdwFilterType)
				*lpdwFilterType = q->filter;
			err = take_name(q->name, lpszName, lpcchName);
			if (err == ERROR_SUCCESS)
				hChange->qhead++;
			break;
		}
		if (dwMilliseconds == INFINITE) {
			timeout = -1;
		} else {
			int64_t left = deadline - now_ms();

			if (left <= 0) {
				err = WAIT_TIMEOUT;
				break;
			}
			timeout = left > 1000000 ? 1000000 : (int)left;
		}

		/* wait on the live sources and the wake fd, unlocked */
		free(pfd);
		pfd = calloc(hChange->nsrc + 1, sizeof(*pfd));
		if (!pfd) {
			err = ERROR_NOT_ENOUGH_MEMORY;
			break;
		}
		pfd[0].fd = hChange->wake;
		pfd[0].events = POLLIN;
		for (i = 0, n = 1; i < hChange->nsrc; i++) {
			if (hChange->src[i].dead)
				continue;
			pfd[n].fd = hChange->src[i].fd;
			pfd[n++].events = POLLIN;
		}
		hChange->waiters++;
		pthread_mutex_unlock(&hChange->lock);
		poll(pfd, n, timeout);
		pthread_mutex_lock(&hChange->lock);
		hChange->waiters--;
		/* every poller was woken: reset for the next wait */
		if (!hChange->closed && (pfd[0].revents & POLLIN))
			wake_reset(hChange->wake);
	}
	freeit = hChange->closed && !hChange->waiters;
	pthread_mutex_unlock(&hChange->lock);
	free(pfd);
	if (freeit)
		port_free(hChange);
	return err;
}

/*
 * Closing wakes the callers waiting in GetClusterNotify, which return
 * ERROR_INVALID_HANDLE; the last of them frees the port.
 */
CLUSNET_EXPORT BOOL WINAPI CloseClusterNotifyPort(HCHANGE hChange)
{
	int freeit;

	if (!change_ok(hChange)) {
		SetLastError(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	ports_unlink(hChange);
	pthread_mutex_lock(&hChange->lock);
	hChange->magic = 0;
	hChange->closed = 1;
	wake_set(hChange->wake);
	freeit = !hChange->waiters;
	pthread_mutex_unlock(&hChange->lock);
	if (freeit)
		port_free(hChange);
	return TRUE;
}

/*
 * A handle is being closed: its registrations end, with a
 * CLUSTER_CHANGE_HANDLE_CLOSE notification where the filter asked for it.
 * The source's fd stays open (a waiter may be polling it) until the port
 * closes.
 */
void clusnet_notify_closed(const void *handle)
{
	struct _HCHANGE *h;
	size_t i;

	pthread_mutex_lock(&ports_lock);
	for (h = ports; h; h = h->next_port) {
		int hit = 0;

		pthread_mutex_lock(&h->lock);
		for (i = 0; i < h->nsrc; i++) {
			struct source *s = &h->src[i];

			if (s->obj != handle)
				continue;
			drain_one(h, s);	/* what came before */
			if (s->filter & CLUSTER_CHANGE_HANDLE_CLOSE)
				clusnet_notify_push(h, s->key,
						    CLUSTER_CHANGE_HANDLE_CLOSE,
						    s->name);
			s->obj = NULL;
			s->dead = 1;
			hit = 1;
		}
		if (hit)
			wake_set(h->wake);
		pthread_mutex_unlock(&h->lock);
	}
	pthread_mutex_unlock(&ports_lock);
}
