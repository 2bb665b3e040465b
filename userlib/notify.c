// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Change notifications: CreateClusterNotifyPort, RegisterClusterNotify,
 * GetClusterNotify, CloseClusterNotifyPort.
 *
 * A port reads kernel event records from its sources: a CLUSNET_IOC_WATCH
 * fd per cluster registration (every object of the namespace) and a
 * duplicate of the handle fd per RegisterClusterNotify (one object; the
 * duplicate shares the handle's read position, so register a handle on one
 * port only). Each record becomes one notification per change bit the
 * registration's filter asks for, in the order ADDED, STATE, PROPERTY,
 * DELETED.
 *
 * A source that fell behind gets an overflow record from the kernel: it is
 * reported as one notification per CLUSTER_CHANGE_NETINTERFACE_* bit of the
 * registration's filter, each with an empty name ("something of this kind
 * changed, names lost": re-enumerate). No object has an empty name, so
 * callers can tell.
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

#define NETIF_CHANGES (CLUSTER_CHANGE_NETINTERFACE_STATE | \
		       CLUSTER_CHANGE_NETINTERFACE_DELETED | \
		       CLUSTER_CHANGE_NETINTERFACE_ADDED | \
		       CLUSTER_CHANGE_NETINTERFACE_PROPERTY)

struct source {
	int fd;
	int watch;		/* struct clusnet_cluster_event records */
	int dead;		/* read 0 (end) or failed: no more polling */
	DWORD filter;
	DWORD_PTR key;
	char name[CLUSNET_NAME_MAX + 1];	/* handle sources' object */
};

struct notif {
	DWORD_PTR key;
	DWORD filter;
	char name[CLUSNET_NAME_MAX + 1];
};

struct _HCHANGE {
	uint32_t magic;
	pthread_mutex_t lock;
	int wake;		/* eventfd: a new source, or closing */
	int closed;
	int waiters;		/* in poll(): the last one out frees a closed port */
	struct source *src;
	size_t nsrc;
	struct notif *q;	/* pending, from q[qhead] to q[qlen - 1] */
	size_t qhead, qlen, qcap;
};

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

static void port_free(HCHANGE h)
{
	size_t i;

	for (i = 0; i < h->nsrc; i++)
		close(h->src[i].fd);
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
	return h;
}

/* Add a source (takes fd) under the lock, and wake waiters to poll it. */
static DWORD add_source(HCHANGE h, int fd, int watch, DWORD filter,
			DWORD_PTR key, const char *name)
{
	struct source *ns;
	DWORD err = ERROR_SUCCESS;

	pthread_mutex_lock(&h->lock);
	ns = realloc(h->src, (h->nsrc + 1) * sizeof(*ns));
	if (!ns) {
		close(fd);
		err = ERROR_NOT_ENOUGH_MEMORY;
	} else {
		h->src = ns;
		memset(&ns[h->nsrc], 0, sizeof(ns[0]));
		ns[h->nsrc].fd = fd;
		ns[h->nsrc].watch = watch;
		ns[h->nsrc].filter = filter;
		ns[h->nsrc].key = key;
		if (name)
			strcpy(ns[h->nsrc].name, name);
		h->nsrc++;
		wake_set(h->wake);
	}
	pthread_mutex_unlock(&h->lock);
	return err;
}

CLUSNET_EXPORT HCHANGE WINAPI CreateClusterNotifyPort(HCHANGE hChange,
						      HCLUSTER hCluster,
						      DWORD dwFilter,
						      DWORD_PTR dwNotifyKey)
{
	int create = hChange == (HCHANGE)INVALID_HANDLE_VALUE;
	struct clusnet_watch w;
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

	memset(&w, 0, sizeof(w));
	w.size = sizeof(w);
	w.flags = O_CLOEXEC | O_NONBLOCK;
	fd = ioctl(hCluster->conn->fd, CLUSNET_IOC_WATCH, &w);
	if (fd < 0) {
		err = clusnet_errno_to_win32(errno);
		goto fail;
	}
	err = add_source(h, fd, 1, dwFilter, dwNotifyKey, NULL);
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
 * Events of one network interface, read from (a duplicate of) its handle.
 * dwFilterType: CLUSTER_CHANGE_NETINTERFACE_* bits only.
 */
CLUSNET_EXPORT DWORD WINAPI RegisterClusterNotify(HCHANGE hChange,
						  DWORD dwFilterType,
						  HANDLE hObject,
						  DWORD_PTR dwNotifyKey)
{
	HNETINTERFACE hi = hObject;
	struct clusnet_info info;
	int fd, fl;

	if (!change_ok(hChange) || !clusnet_netif_ok(hi))
		return ERROR_INVALID_HANDLE;
	if (!dwFilterType || (dwFilterType & ~NETIF_CHANGES))
		return ERROR_INVALID_PARAMETER;
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (ioctl(hi->fd, CLUSNET_HIOC_GET_INFO, &info) < 0)
		return clusnet_errno_to_win32(errno);
	info.name[CLUSNET_NAME_MAX] = 0;
	fd = fcntl(hi->fd, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return clusnet_errno_to_win32(errno);
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	return add_source(hChange, fd, 0, dwFilterType, dwNotifyKey,
			  info.name);
}

/* Queue one notification; under the lock. 0 or -1 (no memory). */
static int push(HCHANGE h, DWORD_PTR key, DWORD filter, const char *name)
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

	for (i = 0; i < NMAP; i++) {
		if (!(s->filter & ev_map[i].change))
			continue;
		if (ev->changes & CLUSNET_EVENT_OVERFLOW)
			push(h, s->key, ev_map[i].change, "");
		else if (ev->changes & ev_map[i].ev)
			push(h, s->key, ev_map[i].change, name);
	}
}

/*
 * Read what is pending from every live source into the queue; under the
 * lock. Reads only what poll() says is there, so it never blocks.
 */
static void drain(HCHANGE h)
{
	union {
		struct clusnet_cluster_event c[16];
		struct clusnet_event e[64];
	} buf;
	size_t i;

	for (i = 0; i < h->nsrc; i++) {
		struct source *s = &h->src[i];
		struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
		size_t rec = s->watch ? sizeof(buf.c[0]) : sizeof(buf.e[0]);
		ssize_t r, k;

		if (s->dead || poll(&pfd, 1, 0) <= 0)
			continue;
		if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		r = read(s->fd, &buf, sizeof(buf));
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (r <= 0) {
			s->dead = 1;	/* object or namespace gone */
			continue;
		}
		for (k = 0; k + (ssize_t)rec <= r; k += (ssize_t)rec) {
			if (s->watch) {
				struct clusnet_cluster_event *c =
					(void *)((char *)&buf + k);

				c->name[CLUSNET_NAME_MAX] = 0;
				record(h, s, &c->ev, c->name);
			} else {
				record(h, s, (void *)((char *)&buf + k),
				       s->name);
			}
		}
	}
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The next notification. The name buffer protocol is the usual one; when
 * it is too small the notification stays queued (ERROR_MORE_DATA, with
 * key and filter type already filled in) for the next call.
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
	if (!lpcchName)
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
			err = clusnet_put_wstr(q->name, lpszName, lpcchName);
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
