// SPDX-License-Identifier: GPL-2.0
/* clusnet-bench section "memory": kernel memory per object and handle. */
#include "bench.h"

struct mem {
	long slab_kb, sunreclaim_kb, vmalloc_kb, percpu_kb, memfree_kb;
	double slab_active_b;	/* sum of active_objs * objsize */
	double filp_b, dentry_b;
};

static void mem_read(struct mem *m)
{
	char line[512];
	FILE *f;

	memset(m, 0, sizeof(*m));
	f = fopen("/proc/meminfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			sscanf(line, "Slab: %ld", &m->slab_kb);
			sscanf(line, "SUnreclaim: %ld", &m->sunreclaim_kb);
			sscanf(line, "VmallocUsed: %ld", &m->vmalloc_kb);
			sscanf(line, "Percpu: %ld", &m->percpu_kb);
			sscanf(line, "MemFree: %ld", &m->memfree_kb);
		}
		fclose(f);
	}
	f = fopen("/proc/slabinfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			char name[64];
			long act, num, size;

			if (sscanf(line, "%63s %ld %ld %ld", name, &act, &num,
				   &size) != 4)
				continue;
			m->slab_active_b += (double)act * size;
			if (!strcmp(name, "filp"))
				m->filp_b = (double)act * size;
			if (!strcmp(name, "dentry"))
				m->dentry_b = (double)act * size;
		}
		fclose(f);
	}
}

static void settle(void)
{
	/* Let RCU free what was freed and rhashtable resizes finish. */
	sync();
	usleep(smoke ? 200000 : 1500000);
}

struct memres mem_objects, mem_handles, mem_eventfds;

static void mem_delta(struct memres *r, const struct mem *a,
		      const struct mem *b, long count)
{
	r->count = count;
	r->slab_active = (b->slab_active_b - a->slab_active_b) / count;
	r->slab_kb = (b->slab_kb - a->slab_kb) * 1024.0 / count;
	r->sunreclaim_b = (b->sunreclaim_kb - a->sunreclaim_kb) * 1024.0 / count;
	r->vmalloc_b = (b->vmalloc_kb - a->vmalloc_kb) * 1024.0 / count;
	r->memfree_b = (a->memfree_kb - b->memfree_kb) * 1024.0 / count;
	r->filp = (b->filp_b - a->filp_b) / count;
	r->dentry = (b->dentry_b - a->dentry_b) / count;
}

void run_memory(struct ctx *c, long nobj, long count)
{
	struct mem a, b;
	struct rlimit rl = { count + 256, count + 256 };
	char name[300], ifname[32];	/* "mx<i>": < IFNAMSIZ for i < 10^13 */
	int *fds, fd;
	long i;

	/* Objects: unbound (no such NIC), as many as count. */
	settle();
	mem_read(&a);
	for (i = 0; i < nobj; i++) {
		snprintf(name, sizeof(name), "%s - mx%ld", node, i);
		snprintf(ifname, sizeof(ifname), "mx%ld", i);
		if (create_object(c->clusfd, name, ifname, (uint32_t)-1, 0644))
			die("creating %s: %s", name, strerror(errno));
	}
	settle();
	mem_read(&b);
	mem_delta(&mem_objects, &a, &b, nobj);
	for (i = 0; i < nobj; i++) {
		snprintf(name, sizeof(name), "%s - mx%ld", node, i);
		if (delete_object(c->clusfd, name))
			fail("deleting %s: %s", name, strerror(errno));
	}

	/* Handles: count of them on one object; the fd table grown first. */
	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit: %s", strerror(errno));
	fds = calloc(count, sizeof(*fds));
	if (!fds)
		die("out of memory");
	fd = dup2(0, count + 200);
	if (fd >= 0)
		close(fd);
	settle();
	mem_read(&a);
	for (i = 0; i < count; i++) {
		fds[i] = ioctl(c->clusfd, CLUSNET_IOC_OPEN, &c->op);
		if (fds[i] < 0)
			die("open handle %ld: %s", i, strerror(errno));
	}
	settle();
	mem_read(&b);
	mem_delta(&mem_handles, &a, &b, count);
	for (i = 0; i < count; i++)
		close(fds[i]);

	settle();
	mem_read(&a);
	for (i = 0; i < count; i++) {
		fds[i] = eventfd(0, EFD_CLOEXEC);
		if (fds[i] < 0)
			die("eventfd %ld: %s", i, strerror(errno));
	}
	settle();
	mem_read(&b);
	mem_delta(&mem_eventfds, &a, &b, count);
	for (i = 0; i < count; i++)
		close(fds[i]);
	free(fds);
}

long filp_objsize(void)
{
	char line[512];
	long size = 0;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		long act, num, sz;

		if (sscanf(line, "%63s %ld %ld %ld", name, &act, &num, &sz) == 4 &&
		    !strcmp(name, "filp"))
			size = sz;
	}
	fclose(f);
	return size;
}
