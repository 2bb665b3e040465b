// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench: /dev/clusnet objects and the context of a target. */
#include "bench.h"

int clusnet_fd(void)
{
	int fd = open("/dev/clusnet", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("/dev/clusnet: %s", strerror(errno));
	return fd;
}

int create_object(int fd, const char *name, const char *ifname,
			 uint32_t uid, uint32_t mode)
{
	struct clusnet_create cr;

	memset(&cr, 0, sizeof(cr));
	cr.size = sizeof(cr);
	cr.name = (uintptr_t)name;
	cr.name_len = strlen(name);
	cr.uid = uid;
	cr.gid = (uint32_t)-1;
	cr.mode = mode;
	snprintf(cr.ifname, sizeof(cr.ifname), "%s", ifname);
	return ioctl(fd, CLUSNET_IOC_CREATE, &cr);
}

int delete_object(int fd, const char *name)
{
	struct clusnet_delete d;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.name = (uintptr_t)name;
	d.name_len = strlen(name);
	return ioctl(fd, CLUSNET_IOC_DELETE, &d);
}

void obj_name(char *buf, size_t n, long i)
{
	snprintf(buf, n, "%s - bd%ld", node, i);
}

void ctx_init(struct ctx *c, HCLUSTER hc, int clusfd)
{
	memset(c, 0, sizeof(*c));
	c->hc = hc;
	c->clusfd = clusfd;
	c->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (c->sock < 0)
		die("socket: %s", strerror(errno));
	c->nl = nl_open();
	c->h = NULL;
	c->hfd = -1;
}

void ctx_target(struct ctx *c, const char *name, const char *ifname)
{
	snprintf(c->name, sizeof(c->name), "%s", name);
	to_utf16(name, c->name16, 256);
	snprintf(c->ifname, sizeof(c->ifname), "%s", ifname);
	snprintf(c->sysfs, sizeof(c->sysfs), "/sys/class/net/%s/operstate",
		 ifname);
	getlink_prepare(c);
	raw_prepare(c);
}

void ctx_open(struct ctx *c)
{
	DWORD g;

	if (c->h)
		CloseClusterNetInterface(c->h);
	if (c->hfd >= 0)
		close(c->hfd);
	c->h = OpenClusterNetInterfaceEx(c->hc, c->name16, GENERIC_READ, &g);
	if (!c->h)
		die("cannot open %s: error %u", c->name, GetLastError());
	c->hfd = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &c->op);
	if (c->hfd < 0)
		die("cannot open %s raw: %s", c->name, strerror(errno));
}

void ctx_fini(struct ctx *c)
{
	if (c->h)
		CloseClusterNetInterface(c->h);
	if (c->hfd >= 0)
		close(c->hfd);
	close(c->sock);
	close(c->nl);
}

#define MAX_OBJECTS_PARAM "/sys/module/clusnet/parameters/max_objects"

static long saved_max_objects = -1;

/* Write @v to the parameter; 0 or an errno. */
static int max_objects_write(long v)
{
	char buf[32];
	int fd, n, err = 0;

	n = snprintf(buf, sizeof(buf), "%ld\n", v);
	fd = open(MAX_OBJECTS_PARAM, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (write(fd, buf, n) != n)
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

/*
 * The module limits the objects of a namespace (max_objects, when it has
 * the parameter): the scale and memory sections need more than its
 * default, so root raises it for the run and puts it back afterwards.
 * Without the parameter there is no limit to raise.
 */
void limits_raise(long need)
{
	long cur = -1;
	FILE *f = fopen(MAX_OBJECTS_PARAM, "r");
	int err;

	if (!f)
		return;
	if (fscanf(f, "%ld", &cur) != 1)
		cur = -1;
	fclose(f);
	if (cur < 0 || cur >= need)
		return;
	err = max_objects_write(need);
	if (err)
		die("raising " MAX_OBJECTS_PARAM " to %ld: %s", need,
		    strerror(err));
	saved_max_objects = cur;
	fprintf(stderr, "clusnet-bench: max_objects %ld -> %ld for the run\n",
		cur, need);
}

void limits_restore(void)
{
	int err;

	if (saved_max_objects < 0)
		return;
	err = max_objects_write(saved_max_objects);
	if (err)
		fail("restoring " MAX_OBJECTS_PARAM ": %s", strerror(err));
	saved_max_objects = -1;
}
