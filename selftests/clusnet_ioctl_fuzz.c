// SPDX-License-Identifier: GPL-2.0
/*
 * clusnet_ioctl_fuzz: random and mutated calls into clusnet for a bounded
 * time (tools/vm/debug-gates runs it on the debug kernel, as root and as
 * uid 1000). Not a pass/fail test of results: any errno is fine; a kernel
 * splat (KASAN, lockdep, WARN, ...), a crash of the fuzzer or a call that
 * does not return is a failure.
 *
 *   clusnet_ioctl_fuzz [-s SEED] [-t SECONDS] [-l LOGFILE]
 *
 * What it sends: every clusnet ioctl with its argument structure built
 * valid, then mutated (size field, flags, reserved fields, user pointers:
 * NULL, unmapped, kernel addresses, the middle of a page, straddling into
 * a PROT_NONE page; lengths 0, at and past the limits, huge; names without
 * a NUL; entry sizes and capacities), and the argument pointer itself
 * placed the same ways; random command numbers (clusnet's magic with any
 * number, direction and size; other magic numbers); on /dev/clusnet fds,
 * handles and watch fds, in random sequences with open, close, dup,
 * read() of random sizes (into the same kinds of buffers) and poll().
 *
 * A worker process makes the calls; this process watches it. The worker
 * writes each call into a ring of the last 64 before making it (in
 * LOGFILE, a shared mapping, when given, so that it survives a kernel
 * panic's reboot of nothing but the console). On a splat in /dev/kmsg, a
 * crash or no progress for 20 s, the seed and the ring are printed: the
 * same seed replays the same sequence.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <linux/clusnet.h>

#define RING		64
#define LINE		240
#define MAXFDS		24
#define STALL_S		20

struct shared {
	volatile unsigned long long ops;
	volatile unsigned int pos;
	volatile int stop;
	char ring[RING][LINE];
};

static struct shared *sh;
static unsigned long long seed;
static uint64_t rs;

static uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 0x2545F4914F6CDD1DULL;
}

static uint32_t rn(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Record the next call before making it. */
static void note(const char *fmt, ...)
{
	unsigned int p = sh->pos;
	char *l = sh->ring[p % RING];
	va_list ap;
	int n;

	n = snprintf(l, LINE, "#%llu ", sh->ops);
	va_start(ap, fmt);
	vsnprintf(l + n, LINE - n, fmt, ap);
	va_end(ap);
	sh->pos = p + 1;
	sh->ops++;
}

/* ------------------------------------------------------------------ */
/* Memory the arguments live in                                        */

#define PAGE		4096
#define NPAGES		4

static char *area;	/* NPAGES read-write pages, then one PROT_NONE */
static char *guard;	/* the PROT_NONE page */

static const char *const names[] = {
	"node1 - eth0", "node1 - eth1", "NODE1 - ETH0", "fuzz 0", "fuzz 1",
	"Cluster Network 1", "Cluster Network 2", "lo", "eth0", "",
};

/* A user pointer of some kind, for a buffer of @len bytes. */
static uint64_t fuzz_ptr(uint32_t len, const char **kind)
{
	switch (rn(12)) {
	case 0:
		*kind = "NULL";
		return 0;
	case 1:
		*kind = "unmapped";
		return 0x10000 + rn(PAGE);
	case 2:
		*kind = "kernel";
		return 0xffffffff81000000ULL + rn(PAGE);
	case 3:
		*kind = "directmap";
		return 0xffff888000000000ULL + rn(1 << 20);
	case 4:
		*kind = "guard";
		return (uint64_t)(uintptr_t)guard;
	case 5:
	case 6:
		/* The last bytes before the PROT_NONE page, and past. */
		*kind = "straddle";
		return (uint64_t)(uintptr_t)(guard - 1 - rn(len ? len : 1));
	case 7:
		*kind = "noncanonical";
		return 0x0000800000000000ULL + rn(PAGE);
	default:
		*kind = "area";
		return (uint64_t)(uintptr_t)(area + rn(NPAGES * PAGE - 8));
	}
}

static uint32_t fuzz_len(uint32_t limit)
{
	static const uint32_t v[] = { 0, 1, 2, 8, 15, 16, 255, 256, 1023,
				      1024, 4095, 4096, 4097, 65536,
				      0x7fffffff, 0x80000000, 0xffffffff };

	if (rn(3) == 0)
		return limit + rn(3) - 1;
	return v[rn(sizeof(v) / sizeof(v[0]))];
}

/* A name (valid or garbage, with or without NUL) somewhere in area. */
static uint64_t fuzz_name(uint32_t *len)
{
	char *p = area + PAGE * (NPAGES - 1) + rn(PAGE / 2);
	const char *n = names[rn(sizeof(names) / sizeof(names[0]))];
	uint32_t i, l;

	switch (rn(6)) {
	case 0:
		/* No NUL, running into the guard page. */
		l = 1 + rn(64);
		p = guard - l;
		memset(p, 'A' + rn(26), l);
		*len = rn(2) ? l : l + 1 + rn(300);
		return (uint64_t)(uintptr_t)p;
	case 1:
		l = rn(300);
		for (i = 0; i < l; i++)
			p[i] = (char)rnd();
		*len = l;
		return (uint64_t)(uintptr_t)p;
	default:
		l = strlen(n);
		memcpy(p, n, l + 1);
		*len = rn(8) ? l : fuzz_len(255);
		return (uint64_t)(uintptr_t)p;
	}
}

/* ------------------------------------------------------------------ */
/* Argument structures                                                  */

static uint32_t cmd_size(unsigned long cmd)
{
	return _IOC_SIZE(cmd);
}

/* Build a valid-looking argument for @cmd into @a (zeroed, PAGE bytes). */
static void build(unsigned long cmd, char *a)
{
	uint32_t *u32 = (uint32_t *)a;

	u32[0] = cmd_size(cmd);
	switch (cmd) {
	case CLUSNET_IOC_CLUSTER_INFO: {
		struct clusnet_cluster_info *x = (void *)a;

		x->desired_access = rn(2) ? CLUSNET_MAXIMUM_ALLOWED : 0;
		break;
	}
	case CLUSNET_IOC_OPEN: {
		struct clusnet_open *x = (void *)a;

		x->name = fuzz_name(&x->name_len);
		x->desired_access = rn(2) ? CLUSNET_MAXIMUM_ALLOWED :
					    CLUSNET_GENERIC_READ;
		x->flags = rn(2) ? O_NONBLOCK | O_CLOEXEC : O_NONBLOCK;
		break;
	}
	case CLUSNET_IOC_CREATE: {
		struct clusnet_create *x = (void *)a;

		x->name = fuzz_name(&x->name_len);
		if (rn(2))
			x->node = fuzz_name(&x->node_len);
		if (rn(2))
			x->network = fuzz_name(&x->network_len);
		x->uid = rn(2) ? (uint32_t)-1 : 1000;
		x->gid = rn(2) ? (uint32_t)-1 : 1000;
		x->mode = rn(2) ? 0644 : rnd();
		strcpy(x->ifname, rn(2) ? "lo" : "eth1");
		if (rn(4) == 0)
			memset(x->ifname, 'x', sizeof(x->ifname));
		break;
	}
	case CLUSNET_IOC_DELETE: {
		struct clusnet_delete *x = (void *)a;

		x->name = fuzz_name(&x->name_len);
		break;
	}
	case CLUSNET_IOC_SET_SECURITY: {
		struct clusnet_set_security *x = (void *)a;

		x->flags = rn(8);
		x->name = fuzz_name(&x->name_len);
		x->uid = rn(2) ? 0 : 1000;
		x->gid = rn(2) ? 0 : 1000;
		/* mostly modes that keep the object usable */
		x->mode = rn(4) ? 0644 | rn(2) * 0022 : rnd();
		break;
	}
	case CLUSNET_IOC_AUTOBIND: {
		struct clusnet_autobind *x = (void *)a;

		x->flags = rn(2) ? CLUSNET_AUTOBIND_SET : 0;
		x->enable = rn(4) ? 1 : rn(3);
		break;
	}
	case CLUSNET_IOC_ENUM:
	case CLUSNET_IOC_NETWORKS: {
		struct clusnet_enum *x = (void *)a;
		const char *k;

		x->entry_size = rn(2) ? (cmd == CLUSNET_IOC_ENUM ?
					 CLUSNET_IF_ENTRY_SIZE_VER0 :
					 CLUSNET_NETWORK_ENTRY_SIZE_VER0) :
					fuzz_len(CLUSNET_IF_ENTRY_SIZE_VER0);
		x->capacity = rn(3) ? rn(5) : fuzz_len(16);
		x->entries = fuzz_ptr(x->entry_size * 2, &k);
		break;
	}
	case CLUSNET_IOC_NETWORK_RENAME: {
		struct clusnet_network_rename *x = (void *)a;

		x->id = rn(4);
		x->name = fuzz_name(&x->name_len);
		break;
	}
	case CLUSNET_IOC_WATCH: {
		struct clusnet_watch *x = (void *)a;

		x->flags = O_NONBLOCK | (rn(2) ? O_CLOEXEC : 0);
		break;
	}
	case CLUSNET_HIOC_SET_DESCRIPTION: {
		struct clusnet_description *x = (void *)a;

		x->text = fuzz_name(&x->text_len);
		if (rn(4) == 0)
			x->text_len = fuzz_len(CLUSNET_DESC_MAX);
		break;
	}
	default:
		break;
	}
}

/* 0-3 mutations of the built structure. */
static void mutate(char *a, uint32_t size, char *what, size_t wsize)
{
	static const uint32_t sizes[] = { 0, 1, 4, 7, 8, 16, 24, 32, 40,
					  296, 303, 304, 305, 824, 1888, 4095,
					  4096, 4097, 0xffffffff };
	uint32_t *u32 = (uint32_t *)a, off;
	uint64_t *u64 = (uint64_t *)a;
	size_t w = 0;
	int i, n = rn(4);
	const char *k;

	what[0] = '\0';
	for (i = 0; i < n; i++) {
		switch (rn(6)) {
		case 0:
			u32[0] = sizes[rn(sizeof(sizes) / sizeof(sizes[0]))];
			w += snprintf(what + w, wsize - w, " size=%u", u32[0]);
			break;
		case 1:
			off = rn(size > 8 ? size / 4 : 2);
			u32[off] = rn(2) ? (uint32_t)rnd() : fuzz_len(255);
			w += snprintf(what + w, wsize - w, " u32[%u]=%#x", off,
				      u32[off]);
			break;
		case 2:
			off = 1 + rn(size > 16 ? size / 8 - 1 : 1);
			u64[off] = fuzz_ptr(64, &k);
			w += snprintf(what + w, wsize - w, " u64[%u]=%s", off,
				      k);
			break;
		case 3:
			off = rn(size ? size : 1);
			a[off] ^= (char)(1 << rn(8));
			w += snprintf(what + w, wsize - w, " bit@%u", off);
			break;
		case 4:
			/* the tail past the known size: non-zero */
			off = size + rn(64);
			a[off] = (char)(1 + rn(255));
			u32[0] = off + 1 + rn(8);
			w += snprintf(what + w, wsize - w, " tail@%u size=%u",
				      off, u32[0]);
			break;
		default:
			u32[1] = (uint32_t)rnd();
			w += snprintf(what + w, wsize - w, " flags=%#x",
				      u32[1]);
			break;
		}
		if (w >= wsize)
			break;
	}
}

/*
 * The user pointer fields of clusnet's structures: a mutation that changed
 * part of one (a u32 half, a bit) could make it point at the fuzzer's own
 * memory, where the kernel would then rightly write. Such a pointer goes
 * to the guard page instead; those of the kinds fuzz_ptr() makes stay.
 */
static void fix_ptrs(unsigned long cmd, char *a)
{
	static const struct { unsigned long cmd; unsigned int off[3]; } p[] = {
		{ CLUSNET_IOC_OPEN, { 8 } },
		{ CLUSNET_IOC_CREATE, { 8, 16, 24 } },
		{ CLUSNET_IOC_DELETE, { 8 } },
		{ CLUSNET_IOC_SET_SECURITY, { 8 } },
		{ CLUSNET_IOC_ENUM, { 8 } },
		{ CLUSNET_IOC_NETWORKS, { 8 } },
		{ CLUSNET_IOC_NETWORK_RENAME, { 16 } },
		{ CLUSNET_HIOC_SET_DESCRIPTION, { 8 } },
	};
	uint64_t lo = (uint64_t)(uintptr_t)area;
	uint64_t hi = (uint64_t)(uintptr_t)guard + PAGE;
	unsigned int i, j;
	uint64_t v;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		if (p[i].cmd != cmd)
			continue;
		for (j = 0; j < 3 && p[i].off[j]; j++) {
			memcpy(&v, a + p[i].off[j], sizeof(v));
			if (v == 0 || (v >= lo && v < hi) ||
			    v >= 0x0000800000000000ULL ||
			    (v >= 0x10000 && v < 0x10000 + PAGE))
				continue;
			v = hi - PAGE;
			memcpy(a + p[i].off[j], &v, sizeof(v));
		}
	}
}

/* ------------------------------------------------------------------ */
/* fds                                                                 */

enum kind { K_DEV, K_HANDLE, K_WATCH };

static struct {
	int fd;
	enum kind kind;
} fds[MAXFDS];
static int nfds;

static const char *const kind_name[] = { "dev", "handle", "watch" };

static void add_fd(int fd, enum kind kind)
{
	if (fd < 0)
		return;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (nfds == MAXFDS) {
		int k = rn(MAXFDS);

		close(fds[k].fd);
		fds[k].fd = fd;
		fds[k].kind = kind;
		return;
	}
	fds[nfds].fd = fd;
	fds[nfds++].kind = kind;
}

static int pick(enum kind want, bool any)
{
	int i, start = rn(nfds ? nfds : 1);

	for (i = 0; i < nfds; i++) {
		int k = (start + i) % nfds;

		if (any || fds[k].kind == want)
			return k;
	}
	return -1;
}

static const unsigned long dev_cmds[] = {
	CLUSNET_IOC_CLUSTER_INFO, CLUSNET_IOC_OPEN, CLUSNET_IOC_CREATE,
	CLUSNET_IOC_DELETE, CLUSNET_IOC_SET_SECURITY, CLUSNET_IOC_AUTOBIND,
	CLUSNET_IOC_ENUM, CLUSNET_IOC_NETWORKS, CLUSNET_IOC_NETWORK_RENAME,
	CLUSNET_IOC_WATCH,
};
static const unsigned long handle_cmds[] = {
	CLUSNET_HIOC_GET_STATE, CLUSNET_HIOC_GET_INFO,
	CLUSNET_HIOC_SET_DESCRIPTION, CLUSNET_HIOC_GET_NIC,
};

static unsigned long random_cmd(void)
{
	static const unsigned int magics[] = { 'T', 'f', 0x89, 'V', 0xC4,
					       0xC6, 0 };
	unsigned long cmd;

	switch (rn(4)) {
	case 0:
		/* clusnet's magic, any number, direction, size */
		return _IOC(rn(4), CLUSNET_IOC_MAGIC, rn(0x50),
			    rn(2) ? rn(PAGE) : rn(2048) * 8);
	case 1:
		/* a real command with the wrong direction or size */
		cmd = rn(2) ? dev_cmds[rn(10)] : handle_cmds[rn(4)];
		return _IOC(rn(4), _IOC_TYPE(cmd), _IOC_NR(cmd),
			    rn(2) ? _IOC_SIZE(cmd) + rn(16) - 8 : rn(PAGE));
	case 2:
		return _IOC(rn(4), magics[rn(7)], rn(256), rn(256));
	default:
		/* anything but the generic file ioctls that change the fd */
		do {
			cmd = (uint32_t)rnd();
		} while (cmd == FIONBIO || cmd == FIOASYNC ||
			 cmd == FIOCLEX || cmd == FIONCLEX);
		return cmd;
	}
}

/* ------------------------------------------------------------------ */
/* One operation                                                       */

static void do_ioctl(void)
{
	static char tmpl[2 * PAGE];
	char what[160];
	unsigned long cmd;
	const char *k = "area";
	uint64_t arg;
	uint32_t size;
	int f, ret;

	f = pick(K_DEV, true);
	if (f < 0)
		return;
	if (rn(5) == 0)
		cmd = random_cmd();
	else if (fds[f].kind == K_DEV || rn(6) == 0)
		cmd = dev_cmds[rn(10)];
	else
		cmd = handle_cmds[rn(4)];
	/* FIONBIO and friends are never chosen above; the fds stay non-blocking */
	size = cmd_size(cmd);
	if (size > PAGE)	/* random commands: the template is a page */
		size = PAGE;
	memset(tmpl, 0, sizeof(tmpl));
	build(cmd, tmpl);
	mutate(tmpl, size, what, sizeof(what));
	fix_ptrs(cmd, tmpl);

	/* Where the argument lives. */
	if (rn(4) == 0) {
		arg = fuzz_ptr(size, &k);
	} else {
		arg = (uint64_t)(uintptr_t)(area + rn(NPAGES * PAGE - PAGE));
	}
	if (!strcmp(k, "area") || !strcmp(k, "straddle")) {
		char *p = (char *)(uintptr_t)arg;
		size_t room = (size_t)(guard - p);

		memcpy(p, tmpl, room < PAGE ? room : PAGE);
	}
	note("ioctl %s fd %d cmd %#lx arg %s+%#llx%s", kind_name[fds[f].kind],
	     fds[f].fd, cmd, k, (unsigned long long)(arg & 0xfff), what);
	ret = ioctl(fds[f].fd, cmd, (void *)(uintptr_t)arg);
	/* New fds: handles from OPEN, watch fds from WATCH. */
	if (ret > 0 && fds[f].kind == K_DEV) {
		if (cmd == CLUSNET_IOC_OPEN)
			add_fd(ret, K_HANDLE);
		else if (cmd == CLUSNET_IOC_WATCH)
			add_fd(ret, K_WATCH);
		else
			close(ret);	/* not expected; do not leak it */
	}
}

static void do_read(void)
{
	static const size_t sizes[] = { 0, 1, 31, 32, 33, 63, 64, 287, 288,
					289, 576, 4096, 65536 };
	struct pollfd p;
	const char *k;
	size_t len = sizes[rn(sizeof(sizes) / sizeof(sizes[0]))];
	uint64_t buf;
	int f = pick(K_HANDLE, rn(3) == 0);

	if (f < 0)
		f = pick(K_WATCH, false);
	if (f < 0)
		return;
	buf = rn(3) ? (uint64_t)(uintptr_t)area : fuzz_ptr(len, &k);
	p.fd = fds[f].fd;
	p.events = POLLIN;
	note("read %s fd %d len %zu buf %#llx", kind_name[fds[f].kind],
	     fds[f].fd, len, (unsigned long long)buf);
	/* Non-blocking fds; the poll keeps a blocking one from waiting. */
	if (poll(&p, 1, 0) == 1 || rn(2))
		if (read(fds[f].fd, (void *)(uintptr_t)buf, len) < 0)
			return;
}

static void do_poll(void)
{
	struct pollfd p[MAXFDS];
	int i;

	for (i = 0; i < nfds; i++) {
		p[i].fd = fds[i].fd;
		p[i].events = POLLIN | POLLOUT | POLLPRI;
	}
	note("poll %d fds", nfds);
	poll(p, nfds, 0);
}

static void do_open_dev(void)
{
	note("open /dev/clusnet");
	add_fd(open("/dev/" CLUSNET_DEVICE_NAME,
		    (rn(2) ? O_RDWR : O_RDONLY) | O_CLOEXEC), K_DEV);
}

static void do_close(void)
{
	int f = pick(K_DEV, true);

	if (f < 0 || nfds < 3)
		return;
	note("close %s fd %d", kind_name[fds[f].kind], fds[f].fd);
	close(fds[f].fd);
	fds[f] = fds[--nfds];
}

static void do_dup(void)
{
	int f = pick(K_DEV, true);

	if (f < 0)
		return;
	note("dup %s fd %d", kind_name[fds[f].kind], fds[f].fd);
	add_fd(dup(fds[f].fd), fds[f].kind);
}

static int worker(void)
{
	unsigned int i;

	area = mmap(NULL, (NPAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		return 2;
	guard = area + NPAGES * PAGE;
	if (mprotect(guard, PAGE, PROT_NONE))
		return 2;
	memset(area, 0, NPAGES * PAGE);
	do_open_dev();
	if (!nfds) {
		perror("open /dev/clusnet");
		return 2;
	}
	for (i = 0; !sh->stop; i++) {
		switch (rn(20)) {
		case 0:
			do_open_dev();
			break;
		case 1:
		case 2:
			do_close();
			break;
		case 3:
			do_dup();
			break;
		case 4:
		case 5:
		case 6:
			do_read();
			break;
		case 7:
			do_poll();
			break;
		default:
			do_ioctl();
			break;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The watcher                                                         */

static void dump_ring(const char *why)
{
	unsigned int p = sh->pos, i, first = p > RING ? p - RING : 0;

	printf("# ioctl fuzzer: %s\n", why);
	printf("# reproduce: clusnet_ioctl_fuzz -s %llu (as uid %u); the last %u operations, oldest first:\n",
	       seed, (unsigned int)getuid(), p - first);
	for (i = first; i < p; i++)
		printf("#   %s\n", sh->ring[i % RING]);
	fflush(stdout);
}

/* New lines in /dev/kmsg that look like a splat: 1 (printed), else 0. */
static int kmsg_splat(int kfd)
{
	static const char *const pat[] = {
		"WARNING:", "BUG:", "Oops", "KASAN", "UBSAN", "lockdep",
		"possible circular locking", "suspicious RCU usage",
		"general protection fault", "Call Trace", "kmemleak",
	};
	char rec[2048];
	int found = 0;
	ssize_t n;
	size_t i;

	if (kfd < 0)
		return 0;
	while ((n = read(kfd, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		if (n <= 0)
			continue;
		rec[n] = '\0';
		for (i = 0; i < sizeof(pat) / sizeof(pat[0]); i++) {
			if (strstr(rec, pat[i])) {
				if (!found)
					printf("# kernel: %s", rec);
				found = 1;
			}
		}
	}
	return found;
}

int main(int argc, char **argv)
{
	const char *logfile = NULL;
	int secs = 30, opt, kfd, status = 0, fd, stalled = 0, rc = 0;
	unsigned long long last = 0;
	time_t end;
	pid_t pid;

	seed = (unsigned long long)time(NULL) * 2654435761ULL ^ getpid();
	while ((opt = getopt(argc, argv, "s:t:l:")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			secs = atoi(optarg);
			break;
		case 'l':
			logfile = optarg;
			break;
		default:
			fprintf(stderr, "usage: %s [-s SEED] [-t SECONDS] [-l LOGFILE]\n",
				argv[0]);
			return 2;
		}
	}
	rs = seed ? seed : 1;

	if (logfile) {
		fd = open(logfile, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || ftruncate(fd, sizeof(*sh))) {
			perror(logfile);
			return 2;
		}
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
			  MAP_SHARED, fd, 0);
		close(fd);
	} else {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	}
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	memset(sh, 0, sizeof(*sh));

	kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kfd >= 0)
		lseek(kfd, 0, SEEK_END);
	printf("# ioctl fuzzer: seed %llu, %d s, uid %u%s\n", seed, secs,
	       (unsigned int)getuid(),
	       kfd < 0 ? " (no /dev/kmsg: splats are left to the caller)" : "");
	fflush(stdout);

	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0)
		_exit(worker());

	end = time(NULL) + secs;
	for (;;) {
		struct timespec ts = { 1, 0 };

		nanosleep(&ts, NULL);
		if (kmsg_splat(kfd)) {
			dump_ring("kernel splat");
			rc = 1;
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = 0;
			break;
		}
		if (sh->ops == last) {
			if (++stalled >= STALL_S) {
				dump_ring("no progress for 20 s (a call hangs)");
				rc = 1;
				break;
			}
		} else {
			stalled = 0;
			last = sh->ops;
		}
		if (time(NULL) >= end)
			break;
	}
	sh->stop = 1;
	if (pid > 0) {
		/* Give it 10 s to finish its call and exit. */
		int i;

		for (i = 0; i < 100; i++) {
			struct timespec ts = { 0, 100000000 };

			if (waitpid(pid, &status, WNOHANG) == pid)
				break;
			nanosleep(&ts, NULL);
		}
		if (i == 100) {
			if (!rc)
				dump_ring("worker does not stop (a call hangs)");
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			rc = 1;
		}
	}
	if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status))) {
		char why[64];

		snprintf(why, sizeof(why), "worker %s %d",
			 WIFEXITED(status) ? "exited with" : "killed by signal",
			 WIFEXITED(status) ? WEXITSTATUS(status) :
					     WTERMSIG(status));
		dump_ring(why);
		rc = 1;
	}
	/* Autobind back on (a root run may have turned it off). */
	if (geteuid() == 0) {
		struct clusnet_autobind ab = { .size = sizeof(ab),
					       .flags = CLUSNET_AUTOBIND_SET,
					       .enable = 1 };

		fd = open("/dev/" CLUSNET_DEVICE_NAME, O_RDWR | O_CLOEXEC);
		if (fd >= 0) {
			ioctl(fd, CLUSNET_IOC_AUTOBIND, &ab);
			close(fd);
		}
	}
	if (!rc && kmsg_splat(kfd)) {
		dump_ring("kernel splat");
		rc = 1;
	}
	printf("# ioctl fuzzer: %llu operations in %d s, seed %llu: %s\n",
	       sh->ops, secs, seed, rc ? "FAILED" : "no splat, no hang");
	return rc;
}
