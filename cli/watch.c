// SPDX-License-Identifier: GPL-2.0
/*
 * clusnetctl watch [NAME]: follow change events, of every object of the
 * namespace (a CLUSNET_IOC_WATCH fd) or of one (its handle), one line per
 * event, until SIGINT/SIGTERM, the end of the stream (the object was
 * deleted), --count events or --timeout seconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>

#include "clusnetctl.h"

#define READ_RECORDS	64

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void changes_text(__u32 c, char *buf, size_t size)
{
	static const struct {
		__u32 bit;
		const char *name;
	} names[] = {
		{ CLUSNET_EVENT_ADDED, "added" },
		{ CLUSNET_EVENT_STATE, "state" },
		{ CLUSNET_EVENT_PROPERTY, "property" },
		{ CLUSNET_EVENT_DELETED, "deleted" },
	};
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (c & names[i].bit && off < size)
			off += snprintf(buf + off, size - off, "%s%s",
					off ? ", " : "", names[i].name);
}

static void print_event(const struct clusnet_event *ev, const char *name)
{
	struct timespec ts;
	char when[64], changes[64];
	struct tm tm;
	bool first = true;
	size_t i;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (json) {
		gmtime_r(&ts.tv_sec, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
		printf("{\"time\":\"%s.%03ldZ\"", when, ts.tv_nsec / 1000000);
		first = false;
		json_kuint(stdout, &first, "seq", ev->seq);
		if (ev->changes & CLUSNET_EVENT_OVERFLOW) {
			json_kbool(stdout, &first, "overflow", true);
			json_kuint(stdout, &first, "lost", ev->lost);
			puts("}");
			return;
		}
		json_kuint(stdout, &first, "id", ev->id);
		json_kstr(stdout, &first, "name", name);
		json_key(stdout, &first, "changes");
		changes_text(ev->changes, changes, sizeof(changes));
		putchar('[');
		/* "a, b" -> "a","b" */
		for (i = 0; changes[i]; ) {
			size_t len = strcspn(changes + i, ",");

			printf("%s\"%.*s\"", i ? "," : "", (int)len,
			       changes + i);
			i += len;
			while (changes[i] == ',' || changes[i] == ' ')
				i++;
		}
		putchar(']');
		json_kstr(stdout, &first, "old_state",
			  state_name(ev->old_state));
		json_kstr(stdout, &first, "new_state",
			  state_name(ev->new_state));
		puts("}");
		return;
	}
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	printf("%s.%03ld ", when, ts.tv_nsec / 1000000);
	if (ev->changes & CLUSNET_EVENT_OVERFLOW) {
		printf("OVERFLOW: %u events lost\n", ev->lost);
		return;
	}
	text_str(stdout, name);
	if (ev->changes & CLUSNET_EVENT_STATE)
		printf(": %s %s %s", state_name(ev->old_state), arrow(),
		       state_name(ev->new_state));
	else
		printf(": %s", state_name(ev->new_state));
	changes_text(ev->changes, changes, sizeof(changes));
	printf(" (%s)\n", changes[0] ? changes : "no change");
}

static int parse_count(const char *s, long *count)
{
	char *end;

	errno = 0;
	*count = strtol(s, &end, 10);
	if (errno || *end || *count < 1 || *s < '0' || *s > '9')
		return usage_error("--count '%s': not a positive number", s);
	return 0;
}

static int parse_timeout(const char *s, long long *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || end == s || !(v > 0) || v > 1e9 ||
	    *s < '0' || *s > '9')
		return usage_error("--timeout '%s': not a positive number of "
				   "seconds", s);
	*ms = (long long)(v * 1000 + 0.999);
	return 0;
}

/*
 * --node: whether an event's object is one of NODE's interfaces. The
 * objects' nodes come from the object list, read again for an id not
 * seen yet (an object made after the last read); a deleted object's
 * events still match, as its id stays in the list kept here.
 */
struct node_filter {
	int dev;
	const char *node;
	struct clusnet_if_entry *all;
	int n;
};

static const struct clusnet_if_entry *filter_find(const struct node_filter *f,
						  __u64 id)
{
	for (int i = 0; i < f->n; i++)
		if (f->all[i].id == id)
			return &f->all[i];
	return NULL;
}

static bool on_node(struct node_filter *f, __u64 id)
{
	const struct clusnet_if_entry *e = filter_find(f, id);
	struct clusnet_if_entry *now = NULL, *merged;
	int n;

	if (!e) {
		n = enum_objects(f->dev, &now);
		if (n < 0)
			return false;
		/* Keep what went away since: its DELETED event comes later. */
		merged = realloc(now, (n + f->n) * sizeof(*now));
		if (!merged) {
			free(now);
			return false;
		}
		for (int i = 0; i < f->n; i++)
			if (!filter_find(&(struct node_filter){ .all = merged,
								.n = n },
					 f->all[i].id))
				merged[n++] = f->all[i];
		free(f->all);
		f->all = merged;
		f->n = n;
		e = filter_find(f, id);
	}
	return e && !strcasecmp(e->node, f->node);
}

/* A watch source: the fd, its record size, and the handle's object. */
struct source {
	int fd;
	bool cluster;
	char name[CLUSNET_NAME_MAX + 1];
};

static int open_source(int dev, const char *name, struct source *src)
{
	struct clusnet_info in;
	struct clusnet_watch w;
	struct clusnet_open op;

	if (!name) {
		memset(&w, 0, sizeof(w));
		w.size = sizeof(w);
		w.flags = O_CLOEXEC | O_NONBLOCK;
		src->fd = ioctl(dev, CLUSNET_IOC_WATCH, &w);
		if (src->fd < 0)
			return fail_errno(errno, NULL, "watch: "
					  "CLUSNET_IOC_WATCH");
		src->cluster = true;
		return 0;
	}
	if (strlen(name) > CLUSNET_NAME_MAX || !*name)
		return usage_error("watch: object name of %zu bytes: 1 to %d "
				   "are allowed", strlen(name),
				   CLUSNET_NAME_MAX);
	memset(&op, 0, sizeof(op));
	op.size = sizeof(op);
	op.flags = O_CLOEXEC | O_NONBLOCK;
	op.name = CN_PTR(name);
	op.name_len = strlen(name);
	op.desired_access = CLUSNET_GENERIC_READ;
	src->fd = ioctl(dev, CLUSNET_IOC_OPEN, &op);
	if (src->fd < 0) {
		if (errno == ENOENT)
			return fail(CX_NOTFOUND, "object '%s': not found "
				    "(clusnetctl list shows the objects)",
				    name);
		return fail_errno(errno, errno == EACCES ? "the object's "
				  "mode grants you no read access" : NULL,
				  "watch '%s'", name);
	}
	/* The object's own spelling of its name, for the event lines. */
	memset(&in, 0, sizeof(in));
	in.size = sizeof(in);
	if (!ioctl(src->fd, CLUSNET_HIOC_GET_INFO, &in))
		memcpy(src->name, in.name, sizeof(src->name));
	else
		snprintf(src->name, sizeof(src->name), "%s", name);
	src->cluster = false;
	return 0;
}

int cmd_watch(int argc, char **argv, const struct opts *o)
{
	size_t recsize = 0;
	long long deadline = -1, left;
	long count = 0, seen = 0;
	struct node_filter filter = { .dev = -1, .node = o->node };
	struct pollfd pfd[2];
	struct source src;
	sigset_t sigs;
	char *buf;
	int dev, sfd, rc, i, n;
	ssize_t len;

	rc = o->count ? parse_count(o->count, &count) : 0;
	if (!rc && o->timeout)
		rc = parse_timeout(o->timeout, &deadline);
	if (!rc && o->node && argc)
		rc = usage_error("watch: NAME and --node exclude each other");
	if (rc)
		return rc;
	dev = dev_open();
	if (dev < 0)
		return -dev;
	rc = need_feature(dev, CLUSNET_FEATURE_EVENTS, "watch",
			  "change events (CLUSNET_IOC_WATCH)");
	if (rc)
		return -rc;
	/*
	 * SIGINT and SIGTERM end the watch normally (exit 0): blocked and
	 * read from a signalfd, so that no signal is lost between checks.
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		return fail_errno(errno, NULL, "watch: signalfd");
	rc = open_source(dev, argc ? argv[0] : NULL, &src);
	if (rc)
		return rc;
	if (o->node) {
		filter.dev = dev;	/* for the object list */
		filter.n = enum_objects(dev, &filter.all);
		if (filter.n < 0)
			return fail_errno(-filter.n, NULL, "watch: "
					  "CLUSNET_IOC_ENUM");
	} else {
		close(dev);
	}
	recsize = src.cluster ? sizeof(struct clusnet_cluster_event) :
				sizeof(struct clusnet_event);
	buf = malloc(recsize * READ_RECORDS);
	if (!buf)
		return fail(CX_FAIL, "out of memory");
	if (deadline >= 0)
		deadline += now_ms();

	pfd[0].fd = src.fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = sfd;
	pfd[1].events = POLLIN;
	for (;;) {
		left = -1;
		if (deadline >= 0) {
			left = deadline - now_ms();
			if (left <= 0)
				break;
		}
		n = poll(pfd, 2, left > 0x7fffffff ? 0x7fffffff : (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail_errno(errno, NULL, "watch: poll");
		if (pfd[1].revents)
			return CX_OK;
		if (!pfd[0].revents)
			continue;
		len = read(src.fd, buf, recsize * READ_RECORDS);
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (len < 0)
			return fail_errno(errno, NULL, "watch: read");
		if (len == 0)	/* deleted, or the namespace went away */
			return CX_OK;
		for (i = 0; i < len / (ssize_t)recsize; i++) {
			const char *rec = buf + i * recsize;
			const struct clusnet_cluster_event *ce =
				(const void *)rec;
			char name[CLUSNET_NAME_MAX + 1];

			if (o->node && !(ce->ev.changes &
					 CLUSNET_EVENT_OVERFLOW) &&
			    !on_node(&filter, ce->ev.id))
				continue;
			/* Trust no record to end its name. */
			snprintf(name, sizeof(name), "%.*s", CLUSNET_NAME_MAX,
				 src.cluster ? ce->name : src.name);
			print_event((const struct clusnet_event *)rec, name);
			fflush(stdout);
			if (count && ++seen >= count)
				return CX_OK;
		}
	}
	if (count)
		return fail(CX_FAIL, "watch: timed out after %s s with %ld of "
			    "%ld events", o->timeout, seen, count);
	return CX_OK;
}
